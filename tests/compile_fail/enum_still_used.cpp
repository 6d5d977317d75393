// compile-fail: drop_enum while a column uses it
// expect: strata: cannot drop an enum type a column still uses
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"mood"[}]|'m', 'o', 'o', 'd')>, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<8>[{]"feeling"[}]|'f', 'e', 'e', 'l', 'i', 'n', 'g')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<10>[{]"drop_mood"[}]|'d', 'r', 'o', 'p', '_', 'm', 'o', 'o', 'd')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<10>[{]"drop_enum"[}]|'d', 'r', 'o', 'p', '_', 'e', 'n', 'u', 'm')>
//
// users.feeling is of type "mood".
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "mood", create_enum<"mood", "happy", "sad">,
                             add_column<"users", column<"feeling", enum_type<"mood">>>>;
using m3 = strata::migration<3, "drop_mood", drop_enum<"mood">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::schema::has_enum<"mood">);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::enum_still_used);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
