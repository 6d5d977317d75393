#pragma once
// `column<"name", type, constraints...>`: one column definition.
#include <strata/constraints.hpp>
#include <strata/detail/core/diagnostics.hpp>
#include <strata/types.hpp>

namespace strata::dsl {
template <fixed_string Name, class Type, class... Constraints>
struct column {
    // A misused column reports itself once (detail/core/check.hpp) and holds a placeholder.
    enum : bool {
        well_formed = detail::check_dsl<column_type<Type>, detail::column_type_not_a_type, column>::value &&
                      detail::check_dsl<!column_type<Type> || detail::all_true<detail::column_constraint<Constraints>...>,
                                        detail::column_constraint_invalid, column>::value
    };
    static constexpr detail::column_desc desc = detail::make_column(
        detail::name_v<Name>, detail::type_or_placeholder<Type>::desc, {detail::part_or_placeholder<Constraints>::part...}, !well_formed);
    static constexpr bool is_column = true;
    static constexpr detail::constraint_desc constraint{};  // none: create_table's lists line up
};
}  // namespace strata::dsl

namespace strata::detail {
template <class T>
concept column_definition = requires { requires T::is_column; };
}
