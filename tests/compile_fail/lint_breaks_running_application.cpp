// compile-fail: strata::lint<Chain, live_postgres> on a column dropped while the application version still running reads it
// expect: strata: lint, live PostgreSQL: dropping or renaming a table or column breaks the application version still running
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"next"[}]|'n', 'e', 'x', 't')>
//
// Migrations before version From are not checked: `old` starts at 3.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>, column<"age", integer>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using bad = strata::chain<m1, strata::migration<2, "next", drop_column<"users", "age">>>;
using good = strata::chain<m1, strata::migration<2, "next", unsafe<"release 41 stopped reading users.age", drop_column<"users", "age">>>>;

static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(strata::lint<good, strata::live_postgres>);
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0).kind ==
              strata::error_kind::lint_breaks_running_application);
static_assert(strata::lint<bad, strata::live_postgres, 3>);  // from version 3 on: m2 not checked
using old = strata::chain<m1, strata::migration<2, "bad", drop_column<"users", "age">>,
                          strata::migration<3, "later", add_column<"users", column<"nick", text>>>>;
static_assert(strata::lint<old, strata::live_postgres, 3>);

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
