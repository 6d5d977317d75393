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
    static constexpr detail::column_desc desc = [] {
        detail::column_desc c{};
        c.name = detail::name_v<Name>;
        c.type = Type::desc;
        (Constraints::apply(c), ...);
        return c;
    }();
};
}  // namespace strata::dsl

namespace strata::detail {
template <class T>
concept column_definition = requires { { T::desc } -> std::convertible_to<column_desc>; };
}
