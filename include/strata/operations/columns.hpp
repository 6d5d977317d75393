#pragma once
// Column operations: add_column, drop_column, rename_column, alter_column and its changes.
#include <strata/column.hpp>

namespace strata::dsl {
template <fixed_string Table, class Column>
struct add_column {
    static_assert(detail::column_definition<Column>,
                  "strata: add_column<T, C>: C must be a column<\"name\", type, ...>");
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::add_column;
        d.label = "add_column";
        d.table = detail::name_v<Table>;
        d.name = Column::desc.name;
        d.columns = &Column::desc;
        d.ncolumns = 1;
        return d;
    }();
};

template <fixed_string Table, fixed_string Column>
struct drop_column {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::drop_column;
        d.label = "drop_column";
        d.table = detail::name_v<Table>;
        d.name = detail::name_v<Column>;
        return d;
    }();
};

template <fixed_string Table, fixed_string Column, fixed_string NewName>
struct rename_column {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::rename_column;
        d.label = "rename_column";
        d.table = detail::name_v<Table>;
        d.name = detail::name_v<Column>;
        d.new_name = detail::name_v<NewName>;
        return d;
    }();
};

// The changes alter_column accepts.
template <class Type>
struct set_type {
    static_assert(column_type<Type>, "strata: set_type<T>: T must be a column type");
    static constexpr void apply(detail::alter_desc& a) { a.set_type = true; a.type = Type::desc; }
};
struct set_not_null {
    static constexpr void apply(detail::alter_desc& a) { a.set_not_null = true; }
};
struct drop_not_null {
    static constexpr void apply(detail::alter_desc& a) { a.drop_not_null = true; }
};
template <class Default>
struct set_default {
    static constexpr void apply(detail::alter_desc& a) { a.set_default = true; a.def = Default::value; }
};
struct drop_default {
    static constexpr void apply(detail::alter_desc& a) { a.drop_default = true; }
};

template <fixed_string Table, fixed_string Column, class... Changes>
struct alter_column {
    static_assert(sizeof...(Changes) > 0,
                  "strata: alter_column<T, C, ...> needs at least one change (set_type<...>, "
                  "set_not_null, drop_not_null, set_default<...>, drop_default)");
    static_assert((requires(detail::alter_desc& a) { Changes::apply(a); } && ...),
                  "strata: alter_column<T, C, ...>: each change must be set_type<...>, "
                  "set_not_null, drop_not_null, set_default<...> or drop_default");
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::alter_column;
        d.label = "alter_column";
        d.table = detail::name_v<Table>;
        d.name = detail::name_v<Column>;
        (Changes::apply(d.alter), ...);
        return d;
    }();
};
}  // namespace strata::dsl
