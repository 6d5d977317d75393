#pragma once
// Index and constraint operations.
#include <strata/constraints.hpp>

namespace strata::detail {
template <op_kind K, bool Unique, fixed_string Name, fixed_string Table, fixed_string... Columns>
struct index_op {
    static_assert(sizeof...(Columns) >= 1 && sizeof...(Columns) <= max_key_columns,
                  "strata: an index names 1 to 8 columns");
    static constexpr std::string_view columns[] = {name_v<Columns>...};
    static constexpr op_desc desc = [] {
        op_desc d{};
        d.kind = K;
        d.label = Unique ? "create_unique_index" : "create_index";
        d.table = name_v<Table>;
        d.name = name_v<Name>;
        d.names = columns;
        d.nnames = sizeof...(Columns);
        d.unique = Unique;
        return d;
    }();
};
template <fixed_string Table, class Constraint>
struct add_constraint_op {
    static constexpr constraint_desc constraint = Constraint::constraint;
    static constexpr op_desc desc = [] {
        op_desc d{};
        d.kind = op_kind::add_constraint;
        d.label = "add_constraint";
        d.table = name_v<Table>;
        d.name = constraint.name;
        d.constraints = &constraint;
        d.nconstraints = 1;
        return d;
    }();
};
}  // namespace strata::detail

namespace strata::dsl {
template <fixed_string Name, fixed_string Table, fixed_string... Columns>
struct create_index : detail::index_op<detail::op_kind::create_index, false, Name, Table, Columns...> {};
template <fixed_string Name, fixed_string Table, fixed_string... Columns>
struct create_unique_index : detail::index_op<detail::op_kind::create_index, true, Name, Table, Columns...> {};

template <fixed_string Name>
struct drop_index {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::drop_index;
        d.label = "drop_index";
        d.name = detail::name_v<Name>;
        return d;
    }();
};

template <fixed_string Table, fixed_string Name, fixed_string Column, fixed_string RefTable,
          fixed_string RefColumn, class OnDelete = on_delete_no_action>
struct add_foreign_key
    : detail::add_constraint_op<Table, foreign_key<Name, Column, RefTable, RefColumn, OnDelete>> {};
template <fixed_string Table, fixed_string Name, fixed_string... Columns>
struct add_unique : detail::add_constraint_op<Table, unique_constraint<Name, Columns...>> {};
template <fixed_string Table, fixed_string Name, fixed_string Expr>
struct add_check : detail::add_constraint_op<Table, check_constraint<Name, Expr>> {};

template <fixed_string Table, fixed_string Name>
struct drop_constraint {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::drop_constraint;
        d.label = "drop_constraint";
        d.table = detail::name_v<Table>;
        d.name = detail::name_v<Name>;
        return d;
    }();
};
}  // namespace strata::dsl
