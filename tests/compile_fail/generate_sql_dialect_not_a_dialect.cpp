// compile-fail: strata::generate_sql<D, Chain>() with a D that is not a dialect
// expect: strata: generate_sql<D, Chain>: D must be strata::sqlite or strata::postgres
// expect: (sql_generator<int, |D = int)
//
// generate_sql<int, ...>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using history = strata::chain<m1>;

inline const auto generated = strata::generate_sql<strata::postgres, history>();

#ifndef STRATA_CONTROL
inline const auto generated_int = strata::generate_sql<int, history>();
#endif
