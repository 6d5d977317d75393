#pragma once
// strata: schema migrations as a compile-time artefact. The DSL, the checks and the SQL; no
// database client header (the backends are <strata/sqlite.hpp> and <strata/postgres.hpp>).
#include <strata/chain.hpp>
#include <strata/migration.hpp>
#include <strata/operations.hpp>
#include <strata/schema.hpp>
#include <strata/sql.hpp>
#include <strata/generate_sql.hpp>
#include <strata/dialect.hpp>
#include <strata/session.hpp>
#include <strata/migrator.hpp>
