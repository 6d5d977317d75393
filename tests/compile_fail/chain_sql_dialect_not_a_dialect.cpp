// compile-fail: strata::chain_sql<D, Chain> with a D that is not a dialect
// expect: strata: chain_sql<D, Chain>: D must be strata::sqlite or strata::postgres
// expect: strata::chain_sql<int, strata::detail::chain<
//
// chain_sql<int, ...>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using history = strata::chain<m1>;

static_assert(strata::chain_sql<strata::sqlite, history>::migrations.size() == 1);

#ifndef STRATA_CONTROL
constexpr auto count = strata::chain_sql<int, history>::migrations.size();
#endif
