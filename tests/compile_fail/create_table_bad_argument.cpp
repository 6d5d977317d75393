// compile-fail: create_table<T, ...> with an argument that is neither column nor table constraint
// expect: strata: create_table<T, [.][.][.]>: every argument after the name must be a column<[.][.][.]> or a table constraint
// expect: dsl::create_table<(strata::fixed_string<6>[{]"posts"[}]|[{][{]112, 111, 115, 116, 115, 0[}][}]), strata::dsl::column<(strata::fixed_string<3>[{]"id"[}]|[{][{]105, 100, 0[}][}]), strata::dsl::bigint>, strata::dsl::primary_key>
//
// primary_key (a column constraint) given to the table.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using posts = create_table<"posts", column<"id", bigint>, primary_key>;
using fixed = create_table<"posts", column<"id", bigint, primary_key>>;

static_assert(fixed::desc.ncolumns == 1);

#ifndef STRATA_CONTROL
constexpr auto desc = posts::desc;
#endif
