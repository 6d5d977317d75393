// compile-fail: strata::sql<Dialect, Migration> on a migration that needs its chain
// expect: strata: this migration's SQL depends on the schema before it: ask the chain
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<8>[{]"add_age"[}]|'a', 'd', 'd', '_', 'a', 'g', 'e')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// A lone migration's SQL is spelled without the chain: add_column on a table it does not
// create needs that table's state, so the migration must be asked through its chain.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_age", add_column<"users", column<"age", integer>>>;
using history = strata::chain<m1, m2>;

static_assert(!strata::sql<strata::sqlite, m1>::up.empty());       // creates what it uses
static_assert(!strata::sql<strata::sqlite, history, 2>::up.empty());  // asked through its chain

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::sqlite, m2>::up;
#endif
