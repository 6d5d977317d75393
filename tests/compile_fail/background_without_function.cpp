// compile-fail: background<fn> with a null function
// expect: strata: background<fn>: fn must be a function void[(]strata::session&, strata::stop_token[)]
// expect: dsl::background<(0|nullptr)>
//
// background<nullptr>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/operations/background.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

using step = background<nullptr>;
inline void backfill(strata::session&, strata::stop_token) {}
using fixed = background<backfill>;
using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>, fixed>;

static_assert(fixed::desc.kind == strata::detail::op_kind::background && fixed::desc.reversible);
static_assert(strata::valid_chain<strata::chain<m1>>);

#ifndef STRATA_CONTROL
constexpr auto desc = step::desc;
#endif
