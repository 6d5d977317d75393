#pragma once
// A string usable as a template argument: the names and SQL snippets of the DSL.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace strata {

template <std::size_t N>
struct fixed_string {
    char data[N]{};  // N includes the terminating NUL

    constexpr fixed_string(const char (&s)[N]) noexcept {
        for (std::size_t i = 0; i < N; ++i) data[i] = s[i];
    }
    // Built from a constant-evaluated view (diagnostics carry names this way).
    constexpr explicit fixed_string(std::string_view s) noexcept {
        for (std::size_t i = 0; i + 1 < N && i < s.size(); ++i) data[i] = s[i];
    }
    static constexpr std::size_t size() noexcept { return N - 1; }
    constexpr std::string_view view() const noexcept { return {data, N - 1}; }
};
template <std::size_t N>
fixed_string(const char (&)[N]) -> fixed_string<N>;

namespace detail {
// A name between double quotes, stored once per name: generated SQL quotes every identifier,
// and with the quotes in place `"users"` is one fragment (detail::emitter::ident), not three.
template <std::size_t N>
struct quoted_name {
    char data[N + 2]{};
    constexpr quoted_name(const fixed_string<N>& s) noexcept {
        data[0] = '"';
        for (std::size_t i = 0; i + 1 < N; ++i) data[i + 1] = s.data[i];
        data[N] = '"';
    }
};
template <fixed_string S>
inline constexpr quoted_name<sizeof(S.data)> quoted_v{S};

// One object per distinct name. The view excludes the quotes around it.
template <fixed_string S>
inline constexpr std::string_view name_v{quoted_v<S>.data + 1, S.size()};
}  // namespace detail
}  // namespace strata
