#pragma once
// The options of add_foreign_key and add_check (operations/indexes.hpp): not_valid, and (a
// foreign key's) an on_delete_ action, in any order, each at most once.
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <type_traits>

#include <strata/detail/core/descriptors.hpp>

namespace strata::detail {

template <class O>
concept action_option = requires { { O::action } -> std::convertible_to<fk_action>; };
template <class O>
concept not_valid_option = requires { requires O::is_not_valid_option; };

constexpr std::size_t count_of(std::initializer_list<bool> xs) {
    std::size_t n = 0;
    for (bool x : xs) n += x;
    return n;
}
// Fk: one on_delete_ action may be among them (add_foreign_key), else only not_valid (add_check).
template <bool Fk, class... Options>
struct constraint_options {
    static constexpr std::size_t actions = count_of({action_option<Options>...});
    static constexpr std::size_t not_valids = count_of({not_valid_option<Options>...});
    static constexpr bool ok = actions + not_valids == sizeof...(Options) && actions <= (Fk ? 1u : 0u) && not_valids <= 1;
    static constexpr bool not_valid = not_valids == 1;
};
// The action among the options, or Default.
template <class Default, class... Options>
struct action_among {
    using type = Default;
};
template <class Default, class First, class... Rest>
struct action_among<Default, First, Rest...> {
    using type = std::conditional_t<action_option<First>, First, typename action_among<Default, Rest...>::type>;
};

// The constraint an add_ operation adds: not valid (PostgreSQL adds it NOT VALID) with the
// option; a placeholder when the options were wrong (they reported it).
constexpr constraint_desc with_options(constraint_desc c, bool not_valid, bool misused) {
    c.not_valid = not_valid;
    c.misused = c.misused || misused;
    return c;
}

}  // namespace strata::detail
