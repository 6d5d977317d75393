// compile-fail: unsafe<"why", Op> whose Op is not an operation
// expect: strata: unsafe<Reason, Op>: Op must be one operation [(]create_index<...>, drop_column<...>, ...[)] and the Reason string must not be empty
//
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables", create_table<"users", column<"id", bigint, primary_key>, column<"age", integer>>>;
using good = strata::chain<m1, strata::migration<2, "drop", unsafe<"nobody reads it", drop_column<"users", "age">>>>;
static_assert(strata::lint<good, strata::live_postgres>);

#ifndef STRATA_CONTROL
using bad = strata::chain<m1, strata::migration<2, "drop", unsafe<"", drop_column<"users", "age">>>>;
constexpr auto head = bad::head;
#endif
