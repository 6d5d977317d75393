// compile-fail: add_enum_value with a value the enum has
// expect: strata: this enum already has this value
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"mood"[}]|'m', 'o', 'o', 'd')>, strata::diag::name<(strata::fixed_string<4>[{]"sad"[}]|'s', 'a', 'd')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<8>[{]"add_sad"[}]|'a', 'd', 'd', '_', 's', 'a', 'd')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<15>[{]"add_enum_value"[}]|'a', 'd', 'd', '_', 'e', 'n', 'u', 'm', '_', 'v', 'a', 'l', 'u', 'e')>
//
// "mood" already has "sad".
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "mood", create_enum<"mood", "happy", "sad">>;
using m3 = strata::migration<3, "add_sad", add_enum_value<"mood", "sad">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::schema::has_enum<"mood">);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::enum_value_already_exists);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
