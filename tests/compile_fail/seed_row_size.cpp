// compile-fail: a seed row with fewer values than named columns
// expect: strata: seed<[.][.][.]>: every values<[.][.][.]> row has one value per name in columns<[.][.][.]>
// expect: dsl::seed<
//
// values<2> gives one value for columns<"id", "name">.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tags", create_table<"tags", column<"id", bigint, primary_key>, column<"name", text>>>;
using good = seed<"tags", columns<"id", "name">, values<1, "news">, values<2, nullptr>>;
using bad = seed<"tags", columns<"id", "name">, values<1, "news">, values<2>>;
static_assert(strata::valid_chain<strata::chain<m1, strata::migration<2, "seed", good>>>);

#ifndef STRATA_CONTROL
constexpr auto desc = bad::desc;
#endif
