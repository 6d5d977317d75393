// compile-fail: strata::lint<Chain, live_postgres> on a type change PostgreSQL does by rewriting the table (integer to bigint)
// expect: strata: lint, live PostgreSQL: this type change rewrites the table and its indexes under an ACCESS EXCLUSIVE lock
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"next"[}]|'n', 'e', 'x', 't')>
//
// A change PostgreSQL makes without a rewrite passes: varchar(80) to varchar(200) (`good`), or to
// text; its derived down, the narrowing back, rewrites (written here as an explicit down that
// says why it is accepted, or acknowledged with unsafe<> on the up).
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>, column<"age", integer>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using bad = strata::chain<m1, strata::migration<2, "next", alter_column<"users", "age", set_type<bigint>>>>;
using good = strata::chain<m1, strata::migration<2, "next", up<alter_column<"users", "email", set_type<varchar<200>>>>,
                                                  down<unsafe<"a rollback rewrites users", alter_column<"users", "email", set_type<varchar<80>>>>>>>;
template <class Chain>
constexpr bool only_derived_down_rewrites() {  // the up passes, what its derived down runs rewrites
    const auto e = strata::detail::live_postgres_finding(strata::detail::proxy_t<Chain>::descs, Chain::size, 0);
    return e.kind == strata::error_kind::lint_type_change_rewrites && e.derived_down && e.migration == 1 && e.op == 0;
}
static_assert(only_derived_down_rewrites<strata::chain<m1, strata::migration<2, "next", alter_column<"users", "email", set_type<varchar<200>>>>>>());

static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(strata::lint<good, strata::live_postgres>);
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0).kind ==
              strata::error_kind::lint_type_change_rewrites);
static_assert(strata::lint<bad, strata::live_postgres, 3>);  // from version 3 on: m2 not checked
using to_text = strata::chain<m1, strata::migration<2, "text", alter_column<"users", "email", set_type<text>>>>;
static_assert(only_derived_down_rewrites<to_text>());
using unlimited = strata::chain<m1, strata::migration<2, "unlimited", alter_column<"users", "email", set_type<varchar<>>>>>;
static_assert(only_derived_down_rewrites<unlimited>());
using acknowledged = strata::chain<m1, strata::migration<2, "unlimited", unsafe<"a rollback rewrites users", alter_column<"users", "email", set_type<varchar<>>>>>>;
static_assert(strata::lint<acknowledged, strata::live_postgres>);
// varchar<> back to text: no rewrite either way
using both_ways = strata::chain<m1, strata::migration<2, "unlimited", unsafe<"ok", alter_column<"users", "email", set_type<varchar<>>>>>,
                                strata::migration<3, "text", alter_column<"users", "email", set_type<text>>>>;
static_assert(strata::lint<both_ways, strata::live_postgres>);
using fixed = strata::chain<m1, strata::migration<2, "fixed", alter_column<"users", "email", set_type<character<80>>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<fixed>::descs, 2, 0).kind ==
              strata::error_kind::lint_type_change_rewrites);
using shorter = strata::chain<m1, strata::migration<2, "shorter", alter_column<"users", "email", set_type<varchar<40>>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<shorter>::descs, 2, 0).kind ==
              strata::error_kind::lint_type_change_rewrites);
// the old type is read back through this migration's earlier renames too
using renamed_here = strata::chain<m1, strata::migration<2, "mail", unsafe<"ok", rename_column<"users", "email", "mail">>,
                                                         alter_column<"users", "mail", set_type<text>>>>;
static_assert([] {  // (varchar(80) to text: no rewrite; the derived down's narrowing is the finding)
    const auto e = strata::detail::live_postgres_finding(strata::detail::proxy_t<renamed_here>::descs, 2, 0);
    return e.kind == strata::error_kind::lint_type_change_rewrites && e.derived_down && e.op == 1 && e.b == "mail";
}());
// a name that belonged to a dropped column is not that column: integer to text rewrites
using reused = strata::chain<m1, strata::migration<2, "swap", unsafe<"ok", drop_column<"users", "email">>,
                                                   unsafe<"ok", rename_column<"users", "age", "email">>,
                                                   alter_column<"users", "email", set_type<text>>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<reused>::descs, 2, 0).kind == strata::error_kind::lint_type_change_rewrites);
// set_type with set_not_null: the rewrite is the finding
using both = strata::chain<m1, strata::migration<2, "both", alter_column<"users", "age", set_type<bigint>, set_not_null>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<both>::descs, 2, 0).kind == strata::error_kind::lint_type_change_rewrites);

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
