// compile-fail: strata::lint<Chain, live_postgres> on a plain CREATE INDEX on a table an earlier migration created
// expect: strata: lint, live PostgreSQL: CREATE INDEX holds a SHARE lock on the table for the whole build: every write waits[.] Use create_index_concurrently [(]or create_unique_index_concurrently[)] in a migration of its own
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"next"[}]|'n', 'e', 'x', 't')>
//
// A new table (created in the same migration) is exempt: `fresh` creates one and indexes it.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>, column<"age", integer>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using bad = strata::chain<m1, strata::migration<2, "next", create_index<"users_email_idx", "users", "email">>>;
using good = strata::chain<m1, strata::migration<2, "next", create_index_concurrently<"users_email_idx", "users", "email">>>;

static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(strata::lint<good, strata::live_postgres>);
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0).kind ==
              strata::error_kind::lint_index_blocks_writes);
static_assert(strata::lint<bad, strata::live_postgres, 3>);  // from version 3 on: m2 not checked
using fresh = strata::chain<m1, strata::migration<2, "new", create_table<"tags", column<"id", bigint, primary_key>, column<"name", text>>,
                                                     create_index<"tags_name_idx", "tags", "name">>>;
static_assert(strata::lint<fresh, strata::live_postgres>);
// a table renamed earlier in the same migration keeps its rows: still checked
using renamed = strata::chain<m1, strata::migration<2, "renamed", unsafe<"ok", rename_table<"users", "members">>,
                                                    create_index<"members_email_idx", "members", "email">>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<renamed>::descs, 2, 0).kind == strata::error_kind::lint_index_blocks_writes);
// dropped and created again in the same migration: new, exempt
using recreated = strata::chain<m1, strata::migration<2, "recreated", unsafe<"ok", drop_table<"posts">>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"title", text>>, create_index<"posts_title_idx", "posts", "title">>>;
static_assert(strata::lint<recreated, strata::live_postgres>);

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
