// compile-fail: create_enum<Name> without values
// expect: strata: create_enum<Name, values[.][.][.]> needs at least one value
// expect: dsl::create_enum<(strata::fixed_string<5>[{]"mood"[}]|[{][{]109, 111, 111, 100, 0[}][}])>
//
// An enum needs at least one value.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using mood = create_enum<"mood">;
using fixed = create_enum<"mood", "happy">;

static_assert(fixed::desc.nnames == 1);

#ifndef STRATA_CONTROL
constexpr auto desc = mood::desc;
#endif
