// compile-fail: add_check<...> with an on_delete_ action (a foreign key's option)
// expect: strata: add_foreign_key<T, Name, C, RefT, RefC, options[.][.][.]> and add_check<T, Name, Expr, options[.][.][.]>: each option must be not_valid
// expect: constraint_option_invalid<strata::dsl::add_check<
// expect: strata::dsl::on_delete_cascade>
//
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>>;
using good = strata::chain<m1, strata::migration<2, "check", add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>>;

static_assert(strata::valid_chain<good>);

#ifndef STRATA_CONTROL
// (the misused template reports itself; the chain that holds it says nothing more)
using bad = strata::chain<m1, strata::migration<2, "check", add_check<"users", "users_email_nn", "email IS NOT NULL", on_delete_cascade>>>;
static_assert(strata::chain_error<bad> == strata::error_kind::misused_dsl);
#endif
