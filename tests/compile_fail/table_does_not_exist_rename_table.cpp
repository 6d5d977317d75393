// compile-fail: rename_table on a table that does not exist
// expect: strata: no such table in the schema this operation applies to
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"posts"[}]|'p', 'o', 's', 't', 's')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<13>[{]"rename_posts"[}]|'r', 'e', 'n', 'a', 'm', 'e', '_', 'p', 'o', 's', 't', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"rename_table"[}]|'r', 'e', 'n', 'a', 'm', 'e', '_', 't', 'a', 'b', 'l', 'e')>
//
// Renaming "posts", never created. Checked through chain::schema_at<V>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "rename_posts", rename_table<"posts", "articles">>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::schema_at<1>::has_table<"users">);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::table_does_not_exist);

#ifndef STRATA_CONTROL
constexpr bool has_users = bad::schema_at<1>::has_table<"users">;
#endif
