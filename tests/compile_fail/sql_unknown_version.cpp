// compile-fail: strata::sql<Dialect, Chain, V> with a version not in the chain
// expect: strata: sql<D, Chain, V>: the chain has no migration with version V
// expect: sql_version<strata::detail::keyed<[0-9]+>, 7>
//
// The chain has version 1 only; the culprit is the version, 7.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using history = strata::chain<m1>;

static_assert(!strata::sql<strata::sqlite, history, 1>::up.empty());

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::sqlite, history, 7>::up;
#endif
