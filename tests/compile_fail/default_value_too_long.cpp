// compile-fail: default_value<"..."> longer than 127 bytes
// expect: strata: default_value strings are limited to 127 bytes
// expect: too_long_string<131(UL)?>
//
// A 130-byte string default.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;

using fits = column<"bio", text, default_value<"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456">>;
static_assert(fits::desc.def.text.size() == 127);

#ifndef STRATA_CONTROL
using bio = column<"bio", text, default_value<"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789">>;
#endif
