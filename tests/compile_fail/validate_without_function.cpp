// compile-fail: validate<fn> with a null function
// expect: strata: validate<fn>: fn must be a function bool[(]strata::session&[)]
// expect: dsl::validate<(0|nullptr)>
//
// validate<nullptr>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using check_step = validate<nullptr>;
inline bool all_good(strata::session&) { return true; }
using fixed = validate<all_good>;

static_assert(fixed::desc.fn_check == &all_good);

#ifndef STRATA_CONTROL
constexpr auto desc = check_step::desc;
#endif
