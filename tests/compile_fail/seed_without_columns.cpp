// compile-fail: seed<...> whose second argument is not columns<...>
// expect: strata: seed<.*table.*, columns<.*a.*, [.][.][.]>, values<[.][.][.]>[.][.][.]>: the second argument must be columns<[.][.][.]>
// expect: dsl::seed<
//
// The rows come straight after the table name.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using good = seed<"tags", columns<"id">, values<1>>;
using bad = seed<"tags", values<1>>;
static_assert(good::desc.nnames == 1 && good::desc.ncells == 1);

#ifndef STRATA_CONTROL
constexpr auto desc = bad::desc;
#endif
