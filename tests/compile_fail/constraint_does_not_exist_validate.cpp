// compile-fail: validate_constraint of a constraint the table does not have
// expect: strata: no such constraint on this table
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"posts"[}]|'p', 'o', 's', 't', 's')>, strata::diag::name<(strata::fixed_string<15>[{]"users_email_nn"[}]|'u', 's', 'e', 'r', 's', '_', 'e', 'm', 'a', 'i', 'l', '_', 'n', 'n')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<9>[{]"validate"[}]|'v', 'a', 'l', 'i', 'd', 'a', 't', 'e')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<20>[{]"validate_constraint"[}]|'v', 'a', 'l', 'i', 'd', 'a', 't', 'e', '_', 'c', 'o', 'n', 's', 't', 'r', 'a', 'i', 'n', 't')>
//
// "users_email_nn" is a check of users, not of posts.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
                             create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>,
                             create_table<"posts", column<"id", bigint, primary_key>>>;
using m2 = strata::migration<2, "check", add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>;

using good = strata::chain<m1, m2, strata::migration<3, "validate", validate_constraint<"users", "users_email_nn">>>;
using bad = strata::chain<m1, m2, strata::migration<3, "validate", validate_constraint<"posts", "users_email_nn">>>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::constraint_does_not_exist);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
