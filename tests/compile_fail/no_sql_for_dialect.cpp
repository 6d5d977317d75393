// compile-fail: execute_per_dialect without statements for the dialect whose SQL is generated
// expect: strata: execute_per_dialect<[.][.][.]> has no statements for the dialect this SQL is generated in
// expect: >, strata::diag::name<(strata::fixed_string<9>[{]"postgres"[}]|'p', 'o', 's', 't', 'g', 'r', 'e', 's')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<6>[{]"stamp"[}]|'s', 't', 'a', 'm', 'p')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<20>[{]"execute_per_dialect"[}]|'e', 'x', 'e', 'c', 'u', 't', 'e', '_', 'p', 'e', 'r', '_', 'd', 'i', 'a', 'l', 'e', 'c', 't')>
//
// Only SQLite's statements: the chain is valid and its SQLite SQL is generated; asking for its
// PostgreSQL SQL (as an application that runs on both would) fails, naming the dialect.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>, column<"stamp", bigint>>>;
using m2 = strata::migration<2, "stamp", execute_per_dialect<sqlite_sql<"UPDATE users SET stamp = unixepoch()", nothing>>>;
using history = strata::chain<m1, m2>;

static_assert(strata::valid_chain<history>);
static_assert(!strata::sql<strata::sqlite, history, 2>::up.empty());

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::postgres, history, 2>::up;
#endif
