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
// the typed safe twin: a check `email IS NOT NULL` added not_valid and validated before, dropped after
using check_added = strata::migration<2, "check", add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>;
using twin = strata::chain<m1, check_added, strata::migration<3, "validate", validate_constraint<"users", "users_email_nn">>,
                           strata::migration<4, "next", alter_column<"users", "email", set_not_null>>,
                           strata::migration<5, "drop check", drop_constraint<"users", "users_email_nn">>>;
static_assert(strata::lint<twin, strata::live_postgres>);
// ... not validated yet: still a scan
using unvalidated = strata::chain<m1, check_added, strata::migration<3, "next", alter_column<"users", "email", set_not_null>>>;
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<unvalidated>::descs, 3, 0).kind ==
              strata::error_kind::lint_set_not_null_scans);

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
