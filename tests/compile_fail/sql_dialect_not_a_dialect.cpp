// compile-fail: strata::sql<D, Chain, V> with a D that is not a dialect
// expect: strata: sql<D, [.][.][.]>: D must be strata::sqlite or strata::postgres
// expect: strata::sql<int, strata::detail::chain<
//
// sql<int, ...>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using history = strata::chain<m1>;

static_assert(!strata::sql<strata::postgres, history, 1>::up.empty());

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<int, history, 1>::up;
#endif
