// compile-fail: strata::lint<Chain, live_postgres> on a unique constraint added to a table that holds rows
// expect: strata: lint, live PostgreSQL: a unique or primary key constraint builds its index under an ACCESS EXCLUSIVE lock
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"next"[}]|'n', 'e', 'x', 't')>
//
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>, column<"age", integer>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using bad = strata::chain<m1, strata::migration<2, "next", add_unique<"users", "users_email_uq", "email">>>;
using good = strata::chain<m1, strata::migration<2, "next", create_unique_index_concurrently<"users_email_uq", "users", "email">>>;

static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(strata::lint<good, strata::live_postgres>);
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0).kind ==
              strata::error_kind::lint_unique_constraint_builds_index);
static_assert(strata::lint<bad, strata::live_postgres, 3>);  // from version 3 on: m2 not checked
// a unique column added to a table with rows builds its index the same way
using unique_column = strata::chain<m1, strata::migration<2, "code", add_column<"users", column<"code", text, unique>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<unique_column>::descs, 2, 0).kind == strata::error_kind::lint_unique_constraint_builds_index);

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
