// compile-fail: strata::migration<...> with an argument that is not an operation
// expect: strata: migration<V, Name, [.][.][.]>: every argument after the name must be an operation [(]create_table<[.][.][.]>, add_column<[.][.][.]>, run<fn>, [.][.][.][)], or exactly up<[.][.][.]>, down<[.][.][.]>
// expect: migration<2, (strata::fixed_string<8>[{]"add_age"[}]|[{][{]97, 100, 100, 95, 97, 103, 101, 0[}][}]), strata::dsl::column<
//
// A column where add_column<"users", column<...>> was meant.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_age", column<"age", integer>>;
using fixed = strata::migration<2, "add_age", add_column<"users", column<"age", integer>>>;

static_assert(strata::chain<m1, fixed>::head == 2);

#ifndef STRATA_CONTROL
constexpr auto head = strata::chain<m1, m2>::head;
#endif
