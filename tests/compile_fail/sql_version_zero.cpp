// compile-fail: strata::sql<Dialect, Chain, 0>
// expect: strata: sql<D, Chain, V>: version 0 is the empty schema, it has no SQL; name a migration's version
// expect: sql_version<strata::detail::keyed<[0-9]+>, 0>
//
// Version 0 is the empty schema: it has no SQL.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using history = strata::chain<m1>;

static_assert(!strata::sql<strata::sqlite, history, 1>::up.empty());

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::sqlite, history, 0>::up;
#endif
