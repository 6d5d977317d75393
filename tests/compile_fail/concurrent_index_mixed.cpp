// compile-fail: a concurrent index operation beside another operation in one migration
// expect: strata: a migration with a concurrent index operation [(]create_index_concurrently, drop_index_concurrently[)] may contain only such operations: it runs outside a transaction
// expect: >, strata::diag::name<(strata::fixed_string<15>[{]"users_by_email"[}]|'u', 's', 'e', 'r', 's', '_', 'b', 'y', '_', 'e', 'm', 'a', 'i', 'l')>, strata::diag::name<(strata::fixed_string<26>[{]"create_index_concurrently"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'i', 'n', 'd', 'e', 'x', '_', 'c', 'o', 'n', 'c', 'u', 'r', 'r', 'e', 'n', 't', 'l', 'y')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<10>[{]"add_index"[}]|'a', 'd', 'd', '_', 'i', 'n', 'd', 'e', 'x')>
// expect: diag::operation<2, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// PostgreSQL cannot run CREATE INDEX CONCURRENTLY in a transaction, so the runtime runs such a
// migration outside any: the add_column beside it would lose its atomicity (`good` puts it in a
// migration of its own).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_index", create_index_concurrently<"users_by_email", "users", "email">,
                             add_column<"users", column<"name", text>>>;

using m2_index = strata::migration<2, "add_index", create_index_concurrently<"users_by_email", "users", "email">>;
using m3_name = strata::migration<3, "add_name", add_column<"users", column<"name", text>>>;

using good = strata::chain<m1, m2_index, m3_name>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 3);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::concurrent_index_mixed);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
