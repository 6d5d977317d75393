// compile-fail: primary_key_constraint<> without columns
// expect: strata: primary_key_constraint takes 1 to 8 columns
// expect: dsl::primary_key_constraint<>
//
// A table primary key names 1 to 8 columns.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using pk = primary_key_constraint<>;
using fixed = primary_key_constraint<"user_id", "tag">;

static_assert(fixed::constraint.ncolumns == 2);

#ifndef STRATA_CONTROL
constexpr auto constraint = pk::constraint;
#endif
