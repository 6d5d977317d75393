// compile-fail: an explicit down that does nothing
// expect: strata: the explicit down<[.][.][.]> does not restore the schema before up<[.][.][.]>
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<4>[{]"age"[}]|'a', 'g', 'e')>, strata::diag::name<(strata::fixed_string<44>[{]"not there before up<[.][.][.]>, left by down<[.][.][.]>"[}]|'n', 'o', 't', ' ')
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<8>[{]"add_age"[}]|'a', 'd', 'd', '_', 'a', 'g', 'e')>
// expect: strata::diag::whole_migration
//
// up adds users.age, down<> leaves it: the schema differs at table "users".
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_age", up<add_column<"users", column<"age", integer>>>, down<>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::down_does_not_restore);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
