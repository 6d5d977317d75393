// compile-fail: strata::lint<Chain, live_postgres> on a NOT NULL column added without a default to a table that has rows
// expect: strata: lint, live PostgreSQL: a NOT NULL column added without a default fails on a table that has rows
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"next"[}]|'n', 'e', 'x', 't')>
//
// PostgreSQL refuses ADD COLUMN ... NOT NULL without a default on a table with rows ("column
// contains null values"), and the application still running inserts without the column. A
// constant default, a nullable column, or a table the migration made pass; an explicit down
// that adds such a column back is read as the up is.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;
using strata::error_kind;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>>>;
using bad = strata::chain<m1, strata::migration<2, "next", add_column<"users", column<"plan", text, not_null>>>>;

template <class Chain>
constexpr strata::detail::error finding(std::uint64_t from = 2) {
    return strata::detail::live_postgres_finding(strata::detail::proxy_t<Chain>::descs, Chain::size, from);
}
static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(finding<bad>().kind == error_kind::lint_not_null_without_default && finding<bad>().a == "users" &&
              finding<bad>().b == "plan" && !finding<bad>().derived_down);
static_assert(strata::lint<bad, strata::live_postgres, 3>);  // from version 3 on: m2 not read

static_assert(strata::lint<strata::chain<m1, strata::migration<2, "next", add_column<"users", column<"plan", text, not_null, default_value<"free">>>>>,
                           strata::live_postgres>);
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "next", add_column<"users", column<"plan", text>>>>, strata::live_postgres>);
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "next", unsafe<"users is empty", add_column<"users", column<"plan", text, not_null>>>>>,
                           strata::live_postgres>);
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "next", create_table<"plans", column<"id", bigint, primary_key>>,
                                                                add_column<"plans", column<"name", text, not_null>>>>,
                           strata::live_postgres>);
// a key column added to a table with rows: NULL in every row first
static_assert(finding<strata::chain<strata::migration<1, "t", create_table<"t", column<"a", text>>>,
                                    strata::migration<2, "key", add_column<"t", column<"id", bigint, primary_key>>>>>().kind ==
              error_kind::lint_not_null_without_default);
// an explicit down that adds a dropped NOT NULL column back without a default
using with_name = strata::migration<1, "tables", create_table<"users", column<"id", bigint, primary_key>, column<"name", text, not_null>>>;
using down_adds = strata::chain<with_name, strata::migration<2, "next", up<unsafe<"not read", drop_column<"users", "name">>>,
                                                             down<add_column<"users", column<"name", text, not_null>>>>>;
static_assert(finding<down_adds>().kind == error_kind::lint_not_null_without_default && finding<down_adds>().in_down);

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
