// compile-fail: validate_constraint of a check that was valid when it was added (no not_valid)
// expect: strata: validate_constraint of a constraint that is valid already
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<15>[{]"users_email_nn"[}]|'u', 's', 'e', 'r', 's', '_', 'e', 'm', 'a', 'i', 'l', '_', 'n', 'n')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<9>[{]"validate"[}]|'v', 'a', 'l', 'i', 'd', 'a', 't', 'e')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<20>[{]"validate_constraint"[}]|'v', 'a', 'l', 'i', 'd', 'a', 't', 'e', '_', 'c', 'o', 'n', 's', 't', 'r', 'a', 'i', 'n', 't')>
//
// add_check without not_valid checked every row when it was added: there is nothing to validate.
// The same for a second validate_constraint of one added with not_valid.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>>;
using valid = strata::migration<2, "check", add_check<"users", "users_email_nn", "email IS NOT NULL">>;
using not_valid_yet = strata::migration<2, "check", add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>;
using m3 = strata::migration<3, "validate", validate_constraint<"users", "users_email_nn">>;

using good = strata::chain<m1, not_valid_yet, m3>;
using bad = strata::chain<m1, valid, m3>;
using twice = strata::chain<m1, not_valid_yet, m3, strata::migration<4, "again", validate_constraint<"users", "users_email_nn">>>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::constraint_already_valid);
static_assert(strata::chain_error<twice> == strata::error_kind::constraint_already_valid);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
