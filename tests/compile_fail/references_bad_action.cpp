// compile-fail: references<T, C, A> with an A that is not an on_delete_ action
// expect: strata: references<T, C, A>: A must be one of on_delete_no_action, on_delete_restrict, on_delete_cascade, on_delete_set_null, on_delete_set_default
// expect: dsl::references<(strata::fixed_string<6>[{]"users"[}]|[{][{]117, 115, 101, 114, 115, 0[}][}]), (strata::fixed_string<3>[{]"id"[}]|[{][{]105, 100, 0[}][}]), strata::dsl::not_null>
//
// not_null where on_delete_cascade (or another on_delete_ action) was meant.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using author = column<"author", bigint, references<"users", "id", not_null>>;
using fixed = column<"author", bigint, not_null, references<"users", "id", on_delete_cascade>>;

static_assert(fixed::desc.not_null);

#ifndef STRATA_CONTROL
constexpr auto desc = author::desc;
#endif
