// compile-fail: set_type leaves autoincrement on a column that is no longer an integer
// expect: strata: the chosen dialect cannot express this column type, default or seed value
// expect: strata::diag::name<(strata::fixed_string<38>[{]"autoincrement on a non-integer column"[}]|'a', 'u', 't', 'o', 'i', 'n', 'c', 'r', 'e', 'm', 'e', 'n', 't', ' ', 'o', 'n')
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<7>[{]"retype"[}]|'r', 'e', 't', 'y', 'p', 'e')>
//
// SQLite's AUTOINCREMENT and PostgreSQL's identity both need an integer column: the chain is
// valid, and generating either dialect's SQL says so (it did not, between 43cd746 and this test).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_tickets",
                             create_table<"tickets", column<"id", integer, primary_key, autoincrement>, column<"code", text>>>;
using m2 = strata::migration<2, "retype", alter_column<"tickets", "id", set_type<text>>>;
using m2_fixed = strata::migration<2, "retype", alter_column<"tickets", "id", set_type<bigint>>>;
using history = strata::chain<m1, m2>;

static_assert(strata::valid_chain<history>);
static_assert(strata::sql<strata::sqlite, strata::chain<m1, m2_fixed>, 2>::up.empty());  // (INTEGER either way)
static_assert(!strata::sql<strata::postgres, strata::chain<m1, m2_fixed>, 2>::up.empty());

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::sqlite, history, 2>::up;
#endif
