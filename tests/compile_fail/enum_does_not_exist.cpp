// compile-fail: a column of an enum type that does not exist
// expect: strata: no such enum type
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"moood"[}]|'m', 'o', 'o', 'o', 'd')>, strata::diag::name<(strata::fixed_string<8>[{]"feeling"[}]|'f', 'e', 'e', 'l', 'i', 'n', 'g')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<12>[{]"add_feeling"[}]|'a', 'd', 'd', '_', 'f', 'e', 'e', 'l', 'i', 'n', 'g')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// A typo in the enum name: "moood".
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "mood", create_enum<"mood", "happy", "sad">>;
using m3 = strata::migration<3, "add_feeling", add_column<"users", column<"feeling", enum_type<"moood">>>>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::schema::has_enum<"mood">);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::enum_does_not_exist);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
