// compile-fail: alter_column with contradictory changes
// expect: strata: alter_column asks for contradictory changes
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"email"[}]|'e', 'm', 'a', 'i', 'l')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<12>[{]"alter_email"[}]|'a', 'l', 't', 'e', 'r', '_', 'e', 'm', 'a', 'i', 'l')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"alter_column"[}]|'a', 'l', 't', 'e', 'r', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// set_not_null and drop_not_null together.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "alter_email", alter_column<"users", "email", set_not_null, drop_not_null>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::conflicting_changes);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
