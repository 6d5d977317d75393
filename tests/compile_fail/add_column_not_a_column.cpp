// compile-fail: add_column<T, C> with a C that is not a column<...>
// expect: strata: add_column<T, C>: C must be a column<
// expect: dsl::add_column<(strata::fixed_string<6>[{]"users"[}]|[{][{]117, 115, 101, 114, 115, 0[}][}]), strata::dsl::text>
//
// add_column<"users", text>: the column's name is missing.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using add = add_column<"users", text>;
using fixed = add_column<"users", column<"bio", text>>;

static_assert(fixed::desc.ncolumns == 1);

#ifndef STRATA_CONTROL
constexpr auto desc = add::desc;
#endif
