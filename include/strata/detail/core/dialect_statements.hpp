#pragma once
// execute_per_dialect's arguments (dsl::sql_for<Dialect, up, down>: `dialect_statement`,
// `dialect_index`, `up`, `down`) as one dialect_statements value (detail/core/descriptors.hpp).
#include <cstddef>
#include <string_view>

#include <strata/detail/core/descriptors.hpp>

namespace strata::detail {

template <class T>
struct statements_of {  // not an sql_for<...>
    static constexpr bool valid = false;
    static constexpr std::size_t index = 0;
    static constexpr std::string_view up{}, down{};
};
template <class T>
    requires requires { T::dialect_statement; }
struct statements_of<T> {
    static constexpr bool valid = T::dialect_statement;
    static constexpr std::size_t index = T::dialect_index;
    static constexpr std::string_view up = T::up, down = T::down;
};
// At least one sql_for, each of a dialect, each dialect once.
template <class... P>
constexpr bool valid_per_dialect() {
    const bool valid[] = {statements_of<P>::valid..., true};
    const std::size_t index[] = {statements_of<P>::index..., 0};
    bool seen[dialect_count]{};
    for (std::size_t i = 0; i < sizeof...(P); ++i) {
        if (!valid[i] || seen[index[i]]) return false;
        seen[index[i]] = true;
    }
    return sizeof...(P) >= 1;
}
template <class... P>
constexpr dialect_statements make_dialect_statements() {
    dialect_statements s{};
    // (g++ 12 refuses, as a "modification", to hash a null string_view read from this object)
    for (std::size_t d = 0; d < dialect_count; ++d) s.up[d] = s.down[d] = "";
    const bool valid[] = {statements_of<P>::valid..., true};
    const std::size_t index[] = {statements_of<P>::index..., 0};
    const std::string_view up[] = {statements_of<P>::up..., {}};
    const std::string_view down[] = {statements_of<P>::down..., {}};
    for (std::size_t i = 0; i < sizeof...(P); ++i) {
        if (!valid[i]) continue;
        s.up[index[i]] = up[i];
        s.down[index[i]] = down[i];
        s.given[index[i]] = true;
    }
    return s;
}
template <class... P>
struct dialect_statements_of {
    static constexpr dialect_statements value = make_dialect_statements<P...>();
};

}  // namespace strata::detail
