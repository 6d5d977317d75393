// compile-fail: add_column with a name the table already has
// expect: strata: this table already has a column with this name
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"email"[}]|'e', 'm', 'a', 'i', 'l')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<10>[{]"add_email"[}]|'a', 'd', 'd', '_', 'e', 'm', 'a', 'i', 'l')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// "users" already has "email". Checked through strata::chain_sql<Dialect, Chain>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_email", add_column<"users", column<"email", text>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(strata::chain_sql<strata::postgres, good>::migrations.size() == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::column_already_exists);

#ifndef STRATA_CONTROL
constexpr auto count = strata::chain_sql<strata::postgres, bad>::migrations.size();
#endif
