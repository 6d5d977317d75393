// compile-fail: a seed value that does not fit its column
// expect: strata: a seed value does not fit its column [(]type, NULL in a NOT NULL column, varchar length, or an enum value the type does not have[)]
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"roles"[}]|'r', 'o', 'l', 'e', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"level"[}]|'l', 'e', 'v', 'e', 'l')>, strata::diag::name<(strata::fixed_string<5>[{]"high"[}]|'h', 'i', 'g', 'h')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<11>[{]"seed roles"[}]|'s', 'e', 'e', 'd', ' ', 'r', 'o', 'l', 'e', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<5>[{]"seed"[}]|'s', 'e', 'e', 'd')>
//
// A string in an integer column (`good` gives the number).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "roles",
    create_table<"roles", column<"id", bigint, primary_key>, column<"level", integer, not_null>>>;
using m2_good = strata::migration<2, "seed roles", seed<"roles", columns<"id", "level">, values<1, 10>, values<2, 20>>>;
using m2 = strata::migration<2, "seed roles", seed<"roles", columns<"id", "level">, values<1, 10>, values<2, "high">>>;

using good = strata::chain<m1, m2_good>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::seed_value_mismatch);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
