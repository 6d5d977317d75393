// compile-fail: unique_constraint / add_unique without columns
// expect: strata: unique_constraint takes 1 to 8 columns
// expect: dsl::unique_constraint<(strata::fixed_string<9>[{]"users_uq"[}]|[{][{]117, 115, 101, 114, 115, 95, 117, 113, 0[}][}])>
//
// add_unique<"users", "users_uq"> names no column.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "unique", add_unique<"users", "users_uq">>;
using fixed = strata::migration<2, "unique", add_unique<"users", "users_uq", "email">>;

static_assert(strata::chain<m1, fixed>::head == 2);

#ifndef STRATA_CONTROL
constexpr auto head = strata::chain<m1, m2>::head;
#endif
