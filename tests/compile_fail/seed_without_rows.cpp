// compile-fail: seed<...> with no values<...> row
// expect: strata: seed<[.][.][.]>: at least one values<[.][.][.]> row
// expect: dsl::seed<
//
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using good = seed<"tags", columns<"id">, values<1>, values<2>>;
using bad = seed<"tags", columns<"id">>;
static_assert(good::desc.ncells == 2);

#ifndef STRATA_CONTROL
constexpr auto desc = bad::desc;
#endif
