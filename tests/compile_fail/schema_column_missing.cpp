// compile-fail: schema::column<T, C> for a column the state does not have
// expect: strata: schema::column<T, C>: no such column in this schema state
// expect: (C = strata::fixed_string<6>[{]"emial"[}]|, [{][{]101, 109, 105, 97, 108, 0[}][}]>)
//
// A typo: "emial".
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using history = strata::chain<m1>;

static_assert(history::schema::column<"users", "email">().not_null());

#ifndef STRATA_CONTROL
constexpr auto email = history::schema::column<"users", "emial">();
#endif
