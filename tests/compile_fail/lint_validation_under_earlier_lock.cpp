// compile-fail: strata::lint<Chain, live_postgres> on a check added not_valid and validated in the same migration
// expect: strata: lint, live PostgreSQL: validate_constraint scans its table while this migration's transaction still holds
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"both"[}]|'b', 'o', 't', 'h')>
//
// A migration is one transaction: ADD CONSTRAINT ... NOT VALID takes ACCESS EXCLUSIVE on users,
// and VALIDATE CONSTRAINT then scans users before the commit lets go of it. Validated in a
// migration of its own (`good`), writes go on during the scan.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"age", integer>>>;
using add = add_check<"users", "users_age_check", "age >= 0", not_valid>;
using bad = strata::chain<m1, strata::migration<2, "both", add, validate_constraint<"users", "users_age_check">>>;
using good = strata::chain<m1, strata::migration<2, "add", add>,
                           strata::migration<3, "validate", validate_constraint<"users", "users_age_check">>>;

static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(strata::lint<good, strata::live_postgres>);
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0).kind ==
              strata::error_kind::lint_validation_under_earlier_lock);
static_assert(strata::detail::live_postgres_finding(strata::detail::proxy_t<bad>::descs, 2, 0).c == "users");

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
