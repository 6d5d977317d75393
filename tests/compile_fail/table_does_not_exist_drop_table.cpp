// compile-fail: drop_table on a table that does not exist
// expect: strata: no such table in the schema this operation applies to
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"posts"[}]|'p', 'o', 's', 't', 's')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<11>[{]"drop_posts"[}]|'d', 'r', 'o', 'p', '_', 'p', 'o', 's', 't', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"drop_table"[}]|'d', 'r', 'o', 'p', '_', 't', 'a', 'b', 'l', 'e')>
//
// Dropping "posts", never created. Checked through chain::schema.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "drop_posts", drop_table<"posts">>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::schema::has_table<"users">);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::table_does_not_exist);

#ifndef STRATA_CONTROL
constexpr bool has_users = bad::schema::has_table<"users">;
#endif
