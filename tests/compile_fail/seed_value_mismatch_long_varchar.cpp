// compile-fail: a long seed value over its varchar<N> column
// expect: strata: a seed value does not fit its column [(]type, NULL in a NOT NULL column, varchar length, or an enum value the type does not have[)]
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"plans"[}]|'p', 'l', 'a', 'n', 's')>, strata::diag::name<(strata::fixed_string<12>[{]"description"[}]|'d', 'e', 's', 'c', 'r', 'i', 'p', 't', 'i', 'o', 'n')>, strata::diag::name<(strata::fixed_string<68>[{]"0123456789012345678901234567890123456789012345678901234567890123[.][.][.]"[}]|'0', '1', '2', [^>]*'9', '0', '1', '2', '3', '[.]', '[.]', '[.]')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<11>[{]"seed plans"[}]|'s', 'e', 'e', 'd', ' ', 'p', 'l', 'a', 'n', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<5>[{]"seed"[}]|'s', 'e', 'e', 'd')>
//
// A 520-byte value for a varchar<255> column: the error names the migration, the table, the
// column and the value, shown as its first 64 bytes and "..." (`good` widens the column).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

#define D10 "0123456789"
#define D100 D10 D10 D10 D10 D10 D10 D10 D10 D10 D10
#define DESCRIPTION D100 D100 D100 D100 D100 D10 D10
static_assert(sizeof(DESCRIPTION) == 521);  // 520 bytes

using m1 = strata::migration<1, "plans",
    create_table<"plans", column<"id", bigint, primary_key>, column<"description", varchar<255>>>>;
using m1_wide = strata::migration<1, "plans",
    create_table<"plans", column<"id", bigint, primary_key>, column<"description", varchar<520>>>>;
using m2 = strata::migration<2, "seed plans", seed<"plans", columns<"id", "description">, values<1, DESCRIPTION>>>;

using good = strata::chain<m1_wide, m2>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::seed_value_mismatch);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
