#pragma once
// `column<"name", type, constraints...>`: one column definition.
#include <strata/constraints.hpp>
#include <strata/types.hpp>

namespace strata::dsl {
template <fixed_string Name, class Type, class... Constraints>
struct column {
    static_assert(column_type<Type>,
                  "strata: column<Name, Type, ...>: Type must be a column type (bigint, text, varchar<N>, ...)");
    static_assert((detail::column_constraint<Constraints> && ...),
                  "strata: column<Name, Type, ...>: every argument after the type must be a column "
                  "constraint (primary_key, not_null, unique, autoincrement, default_value<V>, "
                  "default_sql<\"...\">, check<\"...\">, references<T, C, ...>)");
    static constexpr detail::column_desc desc = detail::make_column(detail::name_v<Name>, Type::desc, {Constraints::part...});
    static constexpr bool is_column = true;
    static constexpr detail::constraint_desc constraint{};  // none: create_table's lists line up
};
}  // namespace strata::dsl

namespace strata::detail {
template <class T>
concept column_definition = requires { requires T::is_column; };
}
