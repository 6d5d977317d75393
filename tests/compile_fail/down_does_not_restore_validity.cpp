// compile-fail: an explicit down that leaves valid a constraint its up validated
// expect: strata: the explicit down<[.][.][.]> does not restore the schema before up<[.][.][.]>
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<15>[{]"users_email_nn"[}]|'u', 's', 'e', 'r', 's', '_', 'e', 'm', 'a', 'i', 'l', '_', 'n', 'n')>, strata::diag::name<(strata::fixed_string<9>[{]"validity"[}]|'v', 'a', 'l', 'i', 'd', 'i', 't', 'y')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<9>[{]"validate"[}]|'v', 'a', 'l', 'i', 'd', 'a', 't', 'e')>
// expect: strata::diag::whole_migration
//
// The down sends nothing, so the constraint would stay valid where the state before the up has it
// not valid; the derived down (and `good`'s) drops it and adds it back with not_valid.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>>;
using m2 = strata::migration<2, "check", add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>;
using m3_bad = strata::migration<3, "validate", up<validate_constraint<"users", "users_email_nn">>,
                                 down<execute<"SELECT 1", nothing>>>;
using m3_good = strata::migration<3, "validate", up<validate_constraint<"users", "users_email_nn">>,
                                  down<drop_constraint<"users", "users_email_nn">,
                                       add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>>;

using good = strata::chain<m1, m2, m3_good>;
using bad = strata::chain<m1, m2, m3_bad>;
using derived = strata::chain<m1, m2, strata::migration<3, "validate", validate_constraint<"users", "users_email_nn">>>;

static_assert(strata::valid_chain<good>);
static_assert(strata::sql<strata::postgres, good, 3>::down == strata::sql<strata::postgres, derived, 3>::down);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::down_does_not_restore);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
