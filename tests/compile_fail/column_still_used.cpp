// compile-fail: drop_column on a column an index uses
// expect: strata: cannot drop or change a column that an index, constraint or foreign key uses
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"email"[}]|'e', 'm', 'a', 'i', 'l')>, strata::diag::name<(strata::fixed_string<15>[{]"users_by_email"[}]|'u', 's', 'e', 'r', 's', '_', 'b', 'y', '_', 'e', 'm', 'a', 'i', 'l')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<11>[{]"drop_email"[}]|'d', 'r', 'o', 'p', '_', 'e', 'm', 'a', 'i', 'l')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<12>[{]"drop_column"[}]|'d', 'r', 'o', 'p', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// users_by_email indexes users.email.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "index_email", create_index<"users_by_email", "users", "email">>;
using m3 = strata::migration<3, "drop_email", drop_column<"users", "email">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 2);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::column_still_used);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
