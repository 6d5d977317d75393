// compile-fail: create_enum with a name already taken
// expect: strata: an enum type with this name already exists
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"mood"[}]|'m', 'o', 'o', 'd')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<11>[{]"mood_again"[}]|'m', 'o', 'o', 'd', '_', 'a', 'g', 'a', 'i', 'n')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<12>[{]"create_enum"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'e', 'n', 'u', 'm')>
//
// "mood" is created twice.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "mood", create_enum<"mood", "happy", "sad">>;
using m3 = strata::migration<3, "mood_again", create_enum<"mood", "ok">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::schema::has_enum<"mood">);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::enum_already_exists);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
