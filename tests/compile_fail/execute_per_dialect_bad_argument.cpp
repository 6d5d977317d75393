// compile-fail: execute_per_dialect with the same dialect twice
// expect: strata: execute_per_dialect<[.][.][.]>: every argument must be sql_for<Dialect, up, down>
// expect: dsl::execute_per_dialect<
//
// Two sqlite_sql<...>: which one would run? Also refused: an argument that is no sql_for<...>,
// and no argument at all.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using twice = execute_per_dialect<sqlite_sql<"UPDATE t SET x = 1", nothing>, sqlite_sql<"UPDATE t SET x = 2", nothing>>;
using fixed = execute_per_dialect<sqlite_sql<"UPDATE t SET x = 1", nothing>, postgres_sql<"UPDATE t SET x = 2", nothing>>;

static_assert(fixed::desc.per_dialect->given[0] && fixed::desc.per_dialect->given[1]);

#ifndef STRATA_CONTROL
constexpr auto desc = twice::desc;
#endif
