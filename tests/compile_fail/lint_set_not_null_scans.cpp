// compile-fail: strata::lint<Chain, live_postgres> on SET NOT NULL on a column of a table that holds rows
// expect: strata: lint, live PostgreSQL: SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"next"[}]|'n', 'e', 'x', 't')>
//
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>, column<"age", integer>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using bad = strata::chain<m1, strata::migration<2, "next", alter_column<"users", "email", set_not_null>>>;
using good = strata::chain<m1, strata::migration<2, "next", unsafe<"users is small", alter_column<"users", "email", set_not_null>>>>;

static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(strata::lint<good, strata::live_postgres>);
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0).kind ==
              strata::error_kind::lint_set_not_null_scans);
static_assert(strata::lint<bad, strata::live_postgres, 3>);  // from version 3 on: m2 not checked
// the typed safe twin: a check `email IS NOT NULL` added not_valid and validated before, dropped
// after (the drop's derived down adds the check back valid, a scan: acknowledged, or keep the check)
using check_added = strata::migration<2, "check", add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>;
using validated = strata::migration<3, "validate", validate_constraint<"users", "users_email_nn">>;
using twin = strata::chain<m1, check_added, validated, strata::migration<4, "next", alter_column<"users", "email", set_not_null>>,
                           strata::migration<5, "drop check", unsafe<"a rollback scans users once", drop_constraint<"users", "users_email_nn">>>>;
static_assert(strata::lint<twin, strata::live_postgres>);
using twin_unacknowledged = strata::chain<m1, check_added, validated, strata::migration<4, "next", alter_column<"users", "email", set_not_null>>,
                                          strata::migration<5, "drop check", drop_constraint<"users", "users_email_nn">>>;
static_assert([] {
    const auto e = strata::detail::live_postgres_finding(strata::detail::proxy_t<twin_unacknowledged>::descs, 5, 0);
    return e.kind == strata::error_kind::lint_constraint_validated_under_lock && e.derived_down && e.migration == 4;
}());
// ... and its derived down: drop_not_null, which SET NOT NULL undoes, scans unless a valid check proves it
using rolled_back = strata::chain<m1, strata::migration<2, "nullable", alter_column<"posts", "author_id", drop_not_null>>>;
static_assert(strata::lint<rolled_back, strata::live_postgres>);  // (author_id was nullable: the down sends nothing)
using made_not_null = strata::chain<m1, strata::migration<2, "not null", unsafe<"small", alter_column<"users", "age", set_not_null>>>,
                                    strata::migration<3, "age nullable", alter_column<"users", "age", drop_not_null>>>;
static_assert([] {
    const auto e = strata::detail::live_postgres_finding(strata::detail::proxy_t<made_not_null>::descs, 3, 0);
    return e.kind == strata::error_kind::lint_set_not_null_scans && e.derived_down && e.migration == 2 && e.op == 0;
}());
using proved = strata::chain<m1, check_added, validated, strata::migration<4, "next", alter_column<"users", "email", set_not_null>>,
                             strata::migration<5, "email nullable", alter_column<"users", "email", drop_not_null>>>;
static_assert(strata::lint<proved, strata::live_postgres, 4>);  // the check still proves it
// ... not validated yet: still a scan
using unvalidated = strata::chain<m1, check_added, strata::migration<3, "next", alter_column<"users", "email", set_not_null>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<unvalidated>::descs, 3, 0).kind ==
              strata::error_kind::lint_set_not_null_scans);

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
