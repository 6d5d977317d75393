// compile-fail: an enum value used in the migration that adds it
// expect: strata: an enum value added by a migration cannot be used in that same migration
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"mood"[}]|'m', 'o', 'o', 'd')>, strata::diag::name<(strata::fixed_string<4>[{]"meh"[}]|'m', 'e', 'h')>, strata::diag::name<(strata::fixed_string<8>[{]"feeling"[}]|'f', 'e', 'e', 'l', 'i', 'n', 'g')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<8>[{]"add_meh"[}]|'a', 'd', 'd', '_', 'm', 'e', 'h')>
// expect: diag::operation<2, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// PostgreSQL cannot use a value added by ALTER TYPE ... ADD VALUE in the same transaction: the
// default "meh" is added and used by migration 3 (`good` uses it in migration 4 instead).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "mood", create_enum<"mood", "happy", "sad">>;
using m3 = strata::migration<3, "add_meh", add_enum_value<"mood", "meh">,
                             add_column<"users", column<"feeling", enum_type<"mood">, default_value<"meh">>>>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
using m3_value = strata::migration<3, "add_meh", add_enum_value<"mood", "meh">>;
using m4_column = strata::migration<4, "add_feeling",
                                    add_column<"users", column<"feeling", enum_type<"mood">, default_value<"meh">>>>;
static_assert(strata::valid_chain<strata::chain<m1, m2, m3_value, m4_column>>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::new_enum_value_used);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
