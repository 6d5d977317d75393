#pragma once
// The runtime's bodies, for exactly one source file of a program built with
// STRATA_SEPARATE_COMPILATION defined everywhere (see detail/config.hpp and docs/reference.md,
// "Separate compilation"); the strata::runtime CMake target is that file, src/strata_runtime.cpp.
#if !defined(STRATA_SEPARATE_COMPILATION)
#error "strata: <strata/src.hpp> is for builds with STRATA_SEPARATE_COMPILATION defined; header-only builds need no source"
#endif
#include <strata/cli.hpp>
#include <strata/migrator.hpp>
#include <strata/startup.hpp>

#include <strata/detail/runtime/cli_core.ipp>
#include <strata/detail/runtime/migrator_core.ipp>
#include <strata/detail/runtime/startup.ipp>
