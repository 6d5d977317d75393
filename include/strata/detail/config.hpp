#pragma once
// Header-only (the default) or separate compilation, in the way of Asio: with
// STRATA_SEPARATE_COMPILATION defined (the strata::runtime CMake target defines it for its
// users), the runtime's bodies are declared in the headers and compiled once, in
// src/strata_runtime.cpp, instead of in every unit that includes migrator.hpp, startup.hpp or
// cli.hpp.
#if defined(STRATA_SEPARATE_COMPILATION)
#define STRATA_INLINE
#else
#define STRATA_INLINE inline
#endif
