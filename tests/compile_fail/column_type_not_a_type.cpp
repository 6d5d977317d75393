// compile-fail: column<Name, Type> with a Type that is not a column type
// expect: strata: column<Name, Type, [.][.][.]>: Type must be a column type [(]bigint, text, varchar<N>, [.][.][.][)]
// expect: dsl::column<(strata::fixed_string<6>[{]"price"[}]|[{][{]112, 114, 105, 99, 101, 0[}][}]), int>
//
// column<"price", int>: int is a C++ type, not a column type.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_price", add_column<"users", column<"price", int>>>;
using fixed = strata::migration<2, "add_price", add_column<"users", column<"price", integer>>>;

static_assert(strata::chain<m1, fixed>::head == 2);

#ifndef STRATA_CONTROL
constexpr auto head = strata::chain<m1, m2>::head;
#endif
