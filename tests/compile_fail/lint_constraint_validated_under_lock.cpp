// compile-fail: strata::lint<Chain, live_postgres> on a foreign key added to a table that holds rows
// expect: strata: lint, live PostgreSQL: adding a foreign key or check constraint checks every row while it holds the table
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"next"[}]|'n', 'e', 'x', 't')>
//
// The acknowledgement (`good`) changes neither the SQL nor the checksum.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>, column<"age", integer>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using bad = strata::chain<m1, strata::migration<2, "next", add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id">>>;
using good = strata::chain<m1, strata::migration<2, "next", unsafe<"posts has 12 rows", add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id">>>>;

static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(strata::lint<good, strata::live_postgres>);
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0).kind ==
              strata::error_kind::lint_constraint_validated_under_lock);
static_assert(strata::lint<bad, strata::live_postgres, 3>);  // from version 3 on: m2 not checked
static_assert(strata::sql<strata::postgres, good, 2>::up == strata::sql<strata::postgres, bad, 2>::up);
static_assert(strata::checksum_of(strata::detail::proxy_t<good>::descs[1], strata::detail::dialect_id::postgres) ==
              strata::checksum_of(strata::detail::proxy_t<bad>::descs[1], strata::detail::dialect_id::postgres));
// a column added with a check, or a foreign key and a default, validates it the same way
using fk_column = strata::chain<m1, strata::migration<2, "ref", add_column<"posts", column<"editor_id", bigint, default_value<1>, references<"users", "id">>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<fk_column>::descs, 2, 0).kind == strata::error_kind::lint_constraint_validated_under_lock);
using check_column = strata::chain<m1, strata::migration<2, "n", add_column<"users", column<"n", integer, check<"n > 0">>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<check_column>::descs, 2, 0).kind == strata::error_kind::lint_constraint_validated_under_lock);
// the typed safe twin: added not_valid (no scan), validated later (writes go on)
using twin = strata::chain<m1, strata::migration<2, "next", add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id", not_valid>,
                                                 add_check<"users", "users_age_check", "age >= 0", not_valid>>,
                           strata::migration<3, "validate", validate_constraint<"posts", "posts_author_fk">,
                                             validate_constraint<"users", "users_age_check">>>;
static_assert(strata::lint<twin, strata::live_postgres>);

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
