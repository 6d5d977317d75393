// compile-fail: drop_constraint on a constraint that does not exist
// expect: strata: no such constraint on this table
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<16>[{]"users_email_key"[}]|'u', 's', 'e', 'r', 's', '_', 'e', 'm', 'a', 'i', 'l', '_', 'k', 'e', 'y')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<9>[{]"drop_key"[}]|'d', 'r', 'o', 'p', '_', 'k', 'e', 'y')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<16>[{]"drop_constraint"[}]|'d', 'r', 'o', 'p', '_', 'c', 'o', 'n', 's', 't', 'r', 'a', 'i', 'n', 't')>
//
// "users_email_key" was never added.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "drop_key", drop_constraint<"users", "users_email_key">>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::constraint_does_not_exist);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
