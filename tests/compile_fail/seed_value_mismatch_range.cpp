// compile-fail: a seed integer outside its column type's range
// expect: strata: a seed value does not fit its column [(]type, NULL in a NOT NULL column, varchar length, or an enum value the type does not have[)]
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"gauge"[}]|'g', 'a', 'u', 'g', 'e')>, strata::diag::name<(strata::fixed_string<2>[{]"s"[}]|'s')>, strata::diag::name<(strata::fixed_string<6>[{]"70000"[}]|'7', '0', '0', '0', '0')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"seed"[}]|'s', 'e', 'e', 'd')>
//
// PostgreSQL refuses 70000 in a smallint when the seed runs ("smallint out of range"); SQLite
// keeps it, where the column's typed row (std::int16_t) cannot read it, and keeps
// 18446744073709551615 in a bigint as a REAL, rounded. The chain refuses both first; each
// type's own limits pass (`good`).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "gauge",
    create_table<"gauge", column<"id", bigint, primary_key>, column<"s", smallint>, column<"i", integer>,
                 column<"b", bigint>, column<"n", numeric<5, 2>>>>;
template <auto... V>
using seeded = strata::chain<m1, strata::migration<2, "seed", seed<"gauge", columns<"id", "s", "i", "b", "n">, values<1, V...>>>>;

using good = strata::chain<m1, strata::migration<2, "seed",
    seed<"gauge", columns<"id", "s", "i", "b", "n">, values<1, 32767, 2147483647, 9223372036854775807ll, 999>,
         values<2, -32768, -2147483647 - 1, -9223372036854775807ll - 1, -999>, values<3, 0, 0, 0, 0>>>>;
static_assert(strata::valid_chain<good>);
static_assert(strata::chain_error<seeded<32768, 0, 0, 0>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<-32769, 0, 0, 0>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<0, 2147483648ll, 0, 0>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<0, -2147483649ll, 0, 0>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<0, 0, 18446744073709551615ull, 0>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<0, 0, 0, 1000>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<0, 0, 0, -1000>> == strata::error_kind::seed_value_mismatch);
// A default is held to the same ranges.
using m2_default = strata::migration<2, "default", add_column<"gauge", column<"t", smallint, default_value<40000>>>>;
static_assert(strata::chain_error<strata::chain<m1, m2_default>> == strata::error_kind::default_type_mismatch);
static_assert(strata::valid_chain<strata::chain<m1, strata::migration<2, "default",
    add_column<"gauge", column<"t", smallint, default_value<-32768>>>,
    alter_column<"gauge", "n", set_default<default_value<-999>>>>>>);
static_assert(strata::chain_error<strata::chain<m1, strata::migration<2, "default",
    alter_column<"gauge", "n", set_default<default_value<1000>>>>>> == strata::error_kind::default_type_mismatch);

using bad = strata::chain<m1, strata::migration<2, "seed", seed<"gauge", columns<"id", "s">, values<1, 70000>>>>;
#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
