#pragma once
// The runtime's bodies, for exactly one source file of a program built with
// STRATA_SEPARATE_COMPILATION defined everywhere (see detail/config.hpp and docs/reference.md,
// "Separate compilation"); the strata::runtime CMake target is that file, src/strata_runtime.cpp
// (and src/strata_sqlite.cpp, src/strata_postgres.cpp for the backends it has). Include the
// backend headers the program uses before this one: their key functions are compiled here too.
#if !defined(STRATA_SEPARATE_COMPILATION)
#error "strata: <strata/src.hpp> is for builds with STRATA_SEPARATE_COMPILATION defined; header-only builds need no source"
#endif
#include <strata/cli.hpp>
#include <strata/migrator.hpp>
#include <strata/startup.hpp>

#include <strata/detail/runtime/cells.ipp>
#include <strata/detail/runtime/cli_core.ipp>
#include <strata/detail/runtime/migrator_core.ipp>
#include <strata/detail/runtime/schema_facts.ipp>
#include <strata/detail/runtime/sql_text.ipp>
#include <strata/detail/runtime/url_openers.ipp>
#include <strata/detail/runtime/startup.ipp>
#include <strata/detail/runtime_states.ipp>
#if defined(STRATA_SQLITE_BACKEND)
#include <strata/detail/runtime/sqlite.ipp>
#endif
#if defined(STRATA_POSTGRES_BACKEND)
#include <strata/detail/runtime/postgres.ipp>
#endif
