// compile-fail: run<fn> with a null function
// expect: strata: run<fn>: fn must be a function void[(]strata::session&[)]
// expect: dsl::run<(0|nullptr, nullptr)>
//
// run<nullptr>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using step = run<nullptr>;
inline void backfill(strata::session&) {}
using fixed = run<backfill>;

static_assert(!fixed::desc.reversible);

#ifndef STRATA_CONTROL
constexpr auto desc = step::desc;
#endif
