// compile-fail: strata::chain<...> with an argument that is not a migration
// expect: strata: chain<[.][.][.]>: every argument must be a strata::migration<Version, 
// expect: chain_identity<int>
//
// chain<int>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;

static_assert(strata::chain<m1>::head == 1);

#ifndef STRATA_CONTROL
using not_a_chain = strata::chain<int>;
constexpr auto head = not_a_chain::head;
#endif
