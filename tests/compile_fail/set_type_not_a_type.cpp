// compile-fail: set_type<T> with a T that is not a column type
// expect: strata: set_type<T>: T must be a column type
// expect: dsl::set_type<long( int)?>
//
// set_type<long>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using change = set_type<long>;
using fixed = set_type<bigint>;

static_assert(fixed::part.change.set_type);

#ifndef STRATA_CONTROL
constexpr auto part = change::part;
#endif
