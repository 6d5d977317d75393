// compile-fail: rename_table onto a name already taken
// expect: strata: a table [(]or index[)] with this name already exists
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<16>[{]"rename_accounts"[}]|'r', 'e', 'n', 'a', 'm', 'e', '_', 'a', 'c', 'c', 'o', 'u', 'n', 't', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"rename_table"[}]|'r', 'e', 'n', 'a', 'm', 'e', '_', 't', 'a', 'b', 'l', 'e')>
//
// "accounts" is renamed to "users", which exists. Checked through strata::generate_sql<Dialect, Chain>().
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "accounts", create_table<"accounts", column<"id", bigint, primary_key>>>;
using m3 = strata::migration<3, "rename_accounts", rename_table<"accounts", "users">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
inline const auto generated = strata::generate_sql<strata::sqlite, good>();
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::table_already_exists);

#ifndef STRATA_CONTROL
inline const auto generated_bad = strata::generate_sql<strata::sqlite, bad>();
#endif
