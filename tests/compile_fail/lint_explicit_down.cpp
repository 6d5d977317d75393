// compile-fail: strata::lint<Chain, live_postgres> reads an explicit down<...> as it reads the up: a plain CREATE INDEX there, on a table with rows, blocks writes when the migration is rolled back
// expect: strata: lint, live PostgreSQL: CREATE INDEX holds a SHARE lock on the table for the whole build: every write waits[.] Use create_index_concurrently [(]or create_unique_index_concurrently[)] in a migration of its own
// expect: diag::down_operation<1, strata::diag::name<(strata::fixed_string<13>[{]"create_index"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'i', 'n', 'd', 'e', 'x')>
//
// What a down may do, as the up may: drop what the up added (the application a rollback serves
// is the one before the up, which does not use it), build its index concurrently, or act on a
// table the down itself creates (no rows yet); unsafe<"why", op> acknowledges one operation.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>>,
    create_index<"users_email_idx", "users", "email">>;
using bad = strata::chain<m1, strata::migration<2, "no email index",
    up<drop_index<"users_email_idx">>,
    down<create_index<"users_email_idx", "users", "email">>>>;
using good = strata::chain<m1, strata::migration<2, "no email index",
    up<drop_index_concurrently<"users_email_idx">>,
    down<create_index_concurrently<"users_email_idx", "users", "email">>>>;
using acknowledged = strata::chain<m1, strata::migration<2, "no email index",
    up<drop_index<"users_email_idx">>,
    down<unsafe<"users has a hundred rows", create_index<"users_email_idx", "users", "email">>>>>;
// a down that drops the column its up added: the application before the up does not use it
using drops_what_up_added = strata::chain<m1, strata::migration<2, "nick",
    up<add_column<"users", column<"nick", text>>>,
    down<drop_column<"users", "nick">>>>;
// a table the down creates again is new there: its index blocks no one
using recreated = strata::chain<m1, strata::migration<2, "tags",
    up<create_table<"tags", column<"id", bigint, primary_key>, column<"name", text>>, create_index<"tags_name_idx", "tags", "name">>,
    down<drop_table<"tags">>>,
    strata::migration<3, "no tags",
    up<unsafe<"nothing reads tags", drop_table<"tags">>>,
    down<create_table<"tags", column<"id", bigint, primary_key>, column<"name", text>>, create_index<"tags_name_idx", "tags", "name">>>>;
// the down's own type change, read from the table after the up: integer to text rewrites it
using retypes = strata::chain<m1, strata::migration<2, "age",
    up<add_column<"users", column<"age", text>>>,
    down<drop_column<"users", "age">>>,
    strata::migration<3, "age as integer",
    up<unsafe<"age is empty", alter_column<"users", "age", set_type<integer>>>>,
    down<alter_column<"users", "age", set_type<text>>>>>;

static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(strata::lint<good, strata::live_postgres>);
static_assert(strata::lint<acknowledged, strata::live_postgres>);
static_assert(strata::lint<drops_what_up_added, strata::live_postgres>);
static_assert(strata::lint<recreated, strata::live_postgres, 3>);
static_assert([] {
    const strata::detail::error e = strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0);
    return e.kind == strata::error_kind::lint_index_blocks_writes && e.in_down && e.migration == 1 && e.op == 0;
}());
static_assert([] {
    const strata::detail::error e = strata::detail::live_postgres_finding(strata::detail::proxy_t<retypes>::descs, 3, 3);
    return e.kind == strata::error_kind::lint_type_change_rewrites && e.in_down;
}());

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
