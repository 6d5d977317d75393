// compile-fail: foreign_key<...> whose last argument is not an on_delete_ action
// expect: strata: foreign_key<[.][.][.]>: the last argument must be an on_delete_ action
// expect: dsl::foreign_key<(strata::fixed_string<10>[{]"fk_author"[}]|[{][{]102, 107, 95, 97, 117, 116, 104, 111, 114, 0[}][}]), (strata::fixed_string<7>[{]"author"[}]|[{][{]97, 117, 116, 104, 111, 114, 0[}][}]), (strata::fixed_string<6>[{]"users"[}]|[{][{]117, 115, 101, 114, 115, 0[}][}]), (strata::fixed_string<3>[{]"id"[}]|[{][{]105, 100, 0[}][}]), strata::dsl::not_null>
//
// not_null where an on_delete_ action was meant.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using fk = foreign_key<"fk_author", "author", "users", "id", not_null>;
using fixed = foreign_key<"fk_author", "author", "users", "id", on_delete_set_null>;

static_assert(fixed::constraint.ncolumns == 1);

#ifndef STRATA_CONTROL
constexpr auto constraint = fk::constraint;
#endif
