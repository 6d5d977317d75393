#pragma once
// The runtime's fmt calls: detail::format and detail::print, as fmt::format and fmt::print.
//
// Why not fmt's own: fmt checks a format string at compile time by instantiating a parser for
// each call site's argument types, about 0.2 s in every header-only unit that includes the
// runtime (issue 9, measured with fmt 9 on g++ 12 and clang 14). The check runs where
// strata::runtime is built (STRATA_SEPARATE_COMPILATION, which the tests build with both
// compilers); a header-only unit compiles the same strings without checking them again.
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

#include <fmt/core.h>

namespace strata::detail {

#if defined(STRATA_SEPARATE_COMPILATION)
template <class... A>
using format_text = fmt::format_string<A...>;
#else
struct unchecked_format_text {
    fmt::string_view text;
    template <std::size_t N>
    constexpr unchecked_format_text(const char (&s)[N]) noexcept : text(s, N - 1) {}  // NOLINT: as fmt's
    constexpr operator fmt::string_view() const noexcept { return text; }               // NOLINT
};
// (one type for every list of arguments: nothing to instantiate per call)
template <class...>
using format_text = unchecked_format_text;
#endif

#if defined(STRATA_SEPARATE_COMPILATION)
template <class... A>
std::string format(format_text<A...> f, A&&... a) {
    return fmt::vformat(fmt::string_view(f), fmt::make_format_args(a...));
}
template <class... A>
void print(std::FILE* out, format_text<A...> f, A&&... a) {
    fmt::vprint(out, fmt::string_view(f), fmt::make_format_args(a...));
}
#else
// fmt::make_format_args instantiates a store for each list of argument types (147 lists, a
// third of a header-only unit's template instantiation time on clang). Here each argument is
// made a fmt argument on its own (a store per type, not per list), and the call's arguments are
// an array of those: fmt's public way to pass arguments whose types it was not given. (fmt's
// dynamic_format_arg_store does the same per type, but <fmt/args.h> brings <memory> and
// <functional>: 5.5% of g++'s instructions and 3.6% of clang's for a unit of every runtime
// header, libpqxx's included, which brings <memory> anyway.)
// An argument holds its value or a pointer to it, as make_format_args' would: `a` outlives it.
template <class T>
fmt::basic_format_arg<fmt::format_context> format_arg_of(const T& a) {
    return fmt::format_args(fmt::make_format_args(a)).get(0);
}
template <class... A>
std::string format(format_text<A...> f, A&&... a) {
    const fmt::basic_format_arg<fmt::format_context> args[] = {format_arg_of(a)..., {}};
    return fmt::vformat(fmt::string_view(f), fmt::format_args(args, static_cast<int>(sizeof...(A))));
}
template <class... A>
void print(std::FILE* out, format_text<A...> f, A&&... a) {
    const fmt::basic_format_arg<fmt::format_context> args[] = {format_arg_of(a)..., {}};
    fmt::vprint(out, fmt::string_view(f), fmt::format_args(args, static_cast<int>(sizeof...(A))));
}
#endif

// A driver's message told after strata's own words ("strata: chain "main": sqlite app.db: ..."):
// without its own "strata: ", so that it is said once.
inline std::string_view after_strata(std::string_view what) { return what.starts_with("strata: ") ? what.substr(8) : what; }
}  // namespace strata::detail
