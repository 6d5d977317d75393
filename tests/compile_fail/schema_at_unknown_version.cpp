// compile-fail: schema_at<V> with a version not in the chain
// expect: strata: schema_at<V>: the chain has no migration with version V
// expect: version_index<strata::detail::keyed<[0-9]+>, 2>
//
// The chain has versions 1 and 3; the culprit is the version, 2.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m3 = strata::migration<3, "add_age", add_column<"users", column<"age", integer>>>;
using history = strata::chain<m1, m3>;

static_assert(history::schema_at<0>::version == 0);
static_assert(history::schema_at<1>::has_table<"users">);
static_assert(history::schema_at<3>::has_column<"users", "age">);

#ifndef STRATA_CONTROL
constexpr bool has_users = history::schema_at<2>::has_table<"users">;
#endif
