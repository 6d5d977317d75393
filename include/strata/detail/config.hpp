#pragma once
// Header-only (the default) or separate compilation, in the way of Asio: with
// STRATA_SEPARATE_COMPILATION defined (the strata::runtime CMake target defines it for its
// users), the runtime's bodies are declared in the headers and compiled once, in
// src/strata_runtime.cpp, instead of in every unit that includes migrator.hpp, startup.hpp or
// cli.hpp.
#if defined(STRATA_SEPARATE_COMPILATION)
#define STRATA_INLINE
#define STRATA_LAZY
#define STRATA_LAZY_DEF
namespace strata::detail {
using Lazy = void;  // (what STRATA_LAZY's parameter names header-only; see below)
}
#else
#define STRATA_INLINE inline
// Header-only, a body behind STRATA_LAZY is a template of an unused parameter: a unit compiles
// it only when it calls it (a non-template inline body is checked, and every template it uses
// instantiated, in every unit that includes it, called or not: issue 9). STRATA_LAZY prefixes
// a declaration (or a definition with none before it); STRATA_LAZY_DEF the definition of a
// function declared STRATA_LAZY. With separate compilation both are nothing: plain functions,
// compiled once. A body names a type `detail::dependent_t<T, Lazy>` to have clang compile what
// it uses of T (std::vector's constexpr members, std::sort) only when the body is instantiated
// (see detail/dependent.hpp); with separate compilation Lazy is void.
#define STRATA_LAZY template <class Lazy = void>
#define STRATA_LAZY_DEF template <class Lazy>
#endif
