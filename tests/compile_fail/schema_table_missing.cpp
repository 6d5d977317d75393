// compile-fail: schema::table<T> for a table the state does not have
// expect: strata: schema::table<T>: no such table in this schema state
// expect: (T = strata::fixed_string<6>[{]"userz"[}]|table<[{][{]117, 115, 101, 114, 122, 0[}][}]>)
//
// A typo: "userz".
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using history = strata::chain<m1>;

static_assert(history::schema::table<"users">().columns().size() == 2);

#ifndef STRATA_CONTROL
constexpr auto users = history::schema::table<"userz">();
#endif
