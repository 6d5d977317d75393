// compile-fail: validate_constraint of a unique constraint
// expect: strata: validate_constraint names a unique or primary key constraint
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<16>[{]"users_email_key"[}]|'u', 's', 'e', 'r', 's', '_', 'e', 'm', 'a', 'i', 'l', '_', 'k', 'e', 'y')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<9>[{]"validate"[}]|'v', 'a', 'l', 'i', 'd', 'a', 't', 'e')>
//
// PostgreSQL has NOT VALID only for foreign keys and checks: a unique or primary key is valid
// from the moment it exists (its index is built then).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>>;
using m2 = strata::migration<2, "keys", add_unique<"users", "users_email_key", "email">,
                             add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>;

using good = strata::chain<m1, m2, strata::migration<3, "validate", validate_constraint<"users", "users_email_nn">>>;
using bad = strata::chain<m1, m2, strata::migration<3, "validate", validate_constraint<"users", "users_email_key">>>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::constraint_cannot_be_validated);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
