// compile-fail: create_index without columns
// expect: strata: an index names 1 to 8 columns
// expect: index_op<false, (strata::fixed_string<10>[{]"users_idx"[}]|[{][{]117, 115, 101, 114, 115, 95, 105, 100, 120, 0[}][}]), (strata::fixed_string<6>[{]"users"[}]|[{][{]117, 115, 101, 114, 115, 0[}][}])>
//
// An index names 1 to 8 columns.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using idx = create_index<"users_idx", "users">;
using fixed = create_index<"users_idx", "users", "email">;

static_assert(fixed::desc.nnames == 1);

#ifndef STRATA_CONTROL
constexpr auto desc = idx::desc;
#endif
