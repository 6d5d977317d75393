// compile-fail: column<Name, Type, ...> with an argument that is not a column constraint
// expect: strata: column<Name, Type, [.][.][.]>: every argument after the type must be a column constraint [(]primary_key, not_null, unique, autoincrement, identity, default_value<V>, default_sql<
// expect: dsl::column<(strata::fixed_string<5>[{]"nick"[}]|[{][{]110, 105, 99, 107, 0[}][}]), strata::dsl::text, strata::dsl::set_not_null>
//
// set_not_null is an alter_column change; the column constraint is not_null.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using nick = column<"nick", text, set_not_null>;
using fixed = column<"nick", text, not_null>;

static_assert(fixed::desc.not_null);

#ifndef STRATA_CONTROL
constexpr auto desc = nick::desc;
#endif
