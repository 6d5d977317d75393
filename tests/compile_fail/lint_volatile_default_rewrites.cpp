// compile-fail: strata::lint<Chain, live_postgres> on a column added with a volatile default
// expect: strata: lint, live PostgreSQL: a column added with a volatile default
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"next"[}]|'n', 'e', 'x', 't')>
//
// A stable default (`now()`, `good`) is computed once: no rewrite.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>, column<"age", integer>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using bad = strata::chain<m1, strata::migration<2, "next", add_column<"users", column<"token", uuid, default_sql<"gen_random_uuid()">>>>>;
using good = strata::chain<m1, strata::migration<2, "next", add_column<"users", column<"joined", timestamptz, default_sql<"now()">>>>>;

static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(strata::lint<good, strata::live_postgres>);
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0).kind ==
              strata::error_kind::lint_volatile_default_rewrites);
static_assert(strata::lint<bad, strata::live_postgres, 3>);  // from version 3 on: m2 not checked
// an identity column numbers every row: a rewrite too; a function name is a word before "("
using identity_column = strata::chain<m1, strata::migration<2, "seq", add_column<"posts", column<"seq", bigint, identity>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<identity_column>::descs, 2, 0).kind == strata::error_kind::lint_volatile_default_rewrites);
// pgcrypto's random bytes, a sequence's current value (found on review: tokens made this way rewrote the table)
using token = strata::chain<m1, strata::migration<2, "t", add_column<"users", column<"t", text, default_sql<"encode(gen_random_bytes(16), 'hex')">>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<token>::descs, 2, 0).kind == strata::error_kind::lint_volatile_default_rewrites);
using current = strata::chain<m1, strata::migration<2, "t", add_column<"users", column<"t", bigint, default_sql<"currval('s')">>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<current>::descs, 2, 0).kind == strata::error_kind::lint_volatile_default_rewrites);
using spaced = strata::chain<m1, strata::migration<2, "t", add_column<"users", column<"t", uuid, default_sql<"GEN_RANDOM_UUID ()">>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<spaced>::descs, 2, 0).kind == strata::error_kind::lint_volatile_default_rewrites);
using quoted = strata::chain<m1, strata::migration<2, "t", add_column<"users", column<"t", text, default_sql<"'random()'">>>>>;
static_assert(strata::lint<quoted, strata::live_postgres>);  // a string, not a call
// PostgreSQL's other strings: E'...' (a backslash escapes the quote) and dollar quoting
using escaped = strata::chain<m1, strata::migration<2, "t", add_column<"users", column<"t", text, default_sql<"E'it\\'s random()'">>>>>;
static_assert(strata::lint<escaped, strata::live_postgres>);
using escaped_then_call = strata::chain<m1, strata::migration<2, "t", add_column<"users", column<"t", text, default_sql<"e'\\\\' || random()">>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<escaped_then_call>::descs, 2, 0).kind == strata::error_kind::lint_volatile_default_rewrites);
using dollar = strata::chain<m1, strata::migration<2, "t", add_column<"users", column<"t", text, default_sql<"$q$ it's random() $q$">>>>>;
static_assert(strata::lint<dollar, strata::live_postgres>);
using dollar_then_call = strata::chain<m1, strata::migration<2, "t", add_column<"users", column<"t", text, default_sql<"$$it's$$ || random()">>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<dollar_then_call>::descs, 2, 0).kind == strata::error_kind::lint_volatile_default_rewrites);
using named_like = strata::chain<m1, strata::migration<2, "t", add_column<"users", column<"t", double_precision, default_sql<"my_random()">>>>>;
static_assert(strata::lint<named_like, strata::live_postgres>);  // another function (not known to be volatile)

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
