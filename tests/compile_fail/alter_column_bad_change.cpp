// compile-fail: alter_column<T, C, ...> with an argument that is not a change
// expect: strata: alter_column<T, C, [.][.][.]>: each change must be set_type<[.][.][.]>, set_not_null, drop_not_null, set_default<[.][.][.]> or drop_default
// expect: dsl::alter_column<(strata::fixed_string<6>[{]"users"[}]|[{][{]117, 115, 101, 114, 115, 0[}][}]), (strata::fixed_string<6>[{]"email"[}]|[{][{]101, 109, 97, 105, 108, 0[}][}]), strata::dsl::not_null>
//
// not_null (a column constraint) where set_not_null was meant.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using alter = alter_column<"users", "email", not_null>;
using fixed = alter_column<"users", "email", set_not_null>;

static_assert(fixed::desc.alter.set_not_null);

#ifndef STRATA_CONTROL
constexpr auto desc = alter::desc;
#endif
