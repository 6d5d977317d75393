// compile-fail: a constraint with a name already taken
// expect: strata: a constraint [(]or table or index[)] with this name already exists
// expect: >, strata::diag::name<(strata::fixed_string<16>[{]"users_email_key"[}]|'u', 's', 'e', 'r', 's', '_', 'e', 'm', 'a', 'i', 'l', '_', 'k', 'e', 'y')>, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<12>[{]"check_email"[}]|'c', 'h', 'e', 'c', 'k', '_', 'e', 'm', 'a', 'i', 'l')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<10>[{]"add_check"[}]|'a', 'd', 'd', '_', 'c', 'h', 'e', 'c', 'k')>
//
// "users_email_key" is added twice.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "unique_email", add_unique<"users", "users_email_key", "email">>;
using m3 = strata::migration<3, "check_email", add_check<"users", "users_email_key", "email <> ''">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 2);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::constraint_already_exists);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
