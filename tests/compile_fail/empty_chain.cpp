// compile-fail: strata::chain<> without migrations
// expect: strata: a chain needs at least one migration
// expect: chain_identity<>
//
// A chain needs at least one migration.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;

static_assert(strata::chain<m1>::head == 1);

#ifndef STRATA_CONTROL
using nothing = strata::chain<>;
constexpr auto head = nothing::head;
#endif
