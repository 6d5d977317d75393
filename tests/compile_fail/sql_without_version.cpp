// compile-fail: strata::sql<Dialect, Chain> without the version
// expect: strata: sql<D, Chain, V>: name the migration's version V
// expect: sql_version<strata::detail::keyed<[0-9]+>, 18446744073709551615>
//
// A chain holds many migrations: sql<D, Chain, V> names one.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using history = strata::chain<m1>;

static_assert(!strata::sql<strata::sqlite, history, 1>::up.empty());

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::sqlite, history>::up;
#endif
