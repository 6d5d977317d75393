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
// One object per distinct name: a view into the template-parameter object, so equal names
// usually share an address and compare in one step (see detail::same_name).
template <fixed_string S>
inline constexpr std::string_view name_v{S.data, S.size()};

constexpr bool same_name(std::string_view a, std::string_view b) noexcept {
    return (a.data() == b.data() && a.size() == b.size()) || a == b;
}
}  // namespace detail
}  // namespace strata
