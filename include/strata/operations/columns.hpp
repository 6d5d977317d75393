#pragma once
// Column operations: add_column, drop_column, rename_column, alter_column and its changes.
#include <strata/column.hpp>

namespace strata::detail {
constexpr op_desc make_add_column(std::string_view table, const column_desc* c) {
    op_desc d = make_op(op_kind::add_column, "add_column", table, c->name);
    d.columns = c;
    d.ncolumns = 1;
    return d;
}
constexpr op_desc make_alter_column(std::string_view table, std::string_view column, alter_desc a) {
    op_desc d = make_op(op_kind::alter_column, "alter_column", table, column);
    d.alter = a;
    return d;
}
}  // namespace strata::detail

namespace strata::dsl {
template <fixed_string Table, class Column>
struct add_column {
    static_assert(detail::column_definition<Column>,
                  "strata: add_column<T, C>: C must be a column<\"name\", type, ...>");
    static constexpr detail::op_desc desc = detail::make_add_column(detail::name_v<Table>, &Column::desc);
};

template <fixed_string Table, fixed_string Column>
struct drop_column {
    static constexpr detail::op_desc desc =
        detail::make_op(detail::op_kind::drop_column, "drop_column", detail::name_v<Table>, detail::name_v<Column>);
};

template <fixed_string Table, fixed_string Column, fixed_string NewName>
struct rename_column {
    static constexpr detail::op_desc desc = detail::make_op(detail::op_kind::rename_column, "rename_column",
                                                            detail::name_v<Table>, detail::name_v<Column>,
                                                            detail::name_v<NewName>);
};

// The changes alter_column accepts.
template <class Type>
struct set_type {
    static_assert(column_type<Type>, "strata: set_type<T>: T must be a column type");
    static constexpr detail::alter_part part{{true, Type::desc}};
};
struct set_not_null {
    static constexpr detail::alter_part part{{false, {}, true}};
};
struct drop_not_null {
    static constexpr detail::alter_part part{{false, {}, false, true}};
};
template <class Default>
struct set_default {
    static constexpr detail::alter_part part{{false, {}, false, false, true, Default::value}};
};
struct drop_default {
    static constexpr detail::alter_part part{{false, {}, false, false, false, {}, true}};
};

template <fixed_string Table, fixed_string Column, class... Changes>
struct alter_column {
    static_assert(sizeof...(Changes) > 0,
                  "strata: alter_column<T, C, ...> needs at least one change (set_type<...>, "
                  "set_not_null, drop_not_null, set_default<...>, drop_default)");
    static_assert((requires { { Changes::part } -> std::convertible_to<detail::alter_part>; } && ...),
                  "strata: alter_column<T, C, ...>: each change must be set_type<...>, "
                  "set_not_null, drop_not_null, set_default<...> or drop_default");
    static constexpr detail::op_desc desc = detail::make_alter_column(
        detail::name_v<Table>, detail::name_v<Column>, detail::make_alter({Changes::part...}));
};
}  // namespace strata::dsl
