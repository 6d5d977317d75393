// compile-fail: an explicit down that drops the wrong column
// expect: strata: the explicit down<[.][.][.]> does not restore the schema before up<[.][.][.]>
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"email"[}]|'e', 'm', 'a', 'i', 'l')>, strata::diag::name<(strata::fixed_string<46>[{]"there before up<[.][.][.]>, missing after down<[.][.][.]>"[}]|'t', 'h', 'e', 'r', 'e', ' ')
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<9>[{]"add_nick"[}]|'a', 'd', 'd', '_', 'n', 'i', 'c', 'k')>
// expect: strata::diag::whole_migration
//
// up adds users.nick, down drops users.email.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_nick", up<add_column<"users", column<"nick", text>>>,
                             down<drop_column<"users", "email">>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::down_does_not_restore);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
