#pragma once
// strata: schema migrations as a compile-time artefact. The DSL, the checks, the SQL and the
// session data steps see: what a history and a CI check of it need. The runtime that applies a
// chain (strata::migrator) comes with a backend, <strata/sqlite.hpp> or <strata/postgres.hpp>,
// or alone from <strata/migrator.hpp> for a driver of your own: its engine is half of what
// including everything costs, and a unit that only declares or checks a history needs none of it.
#include <strata/chain.hpp>
#include <strata/migration.hpp>
#include <strata/operations.hpp>
#include <strata/schema.hpp>
#include <strata/sql.hpp>
#include <strata/generate_sql.hpp>
#include <strata/dialect.hpp>
#include <strata/session.hpp>
