#pragma once
// Table operations: create_table, drop_table, rename_table.
#include <strata/column.hpp>

namespace strata::dsl {
// Columns first, then table constraints. Both lists have an entry per argument (a column's
// constraint entry and a constraint's column entry are empty): one braced list each, no
// per-argument instantiation.
template <fixed_string Table, class... Parts>
struct create_table {
    static_assert(((detail::column_definition<Parts> || detail::table_constraint<Parts>) && ...),
                  "strata: create_table<T, ...>: every argument after the name must be a column<...> "
                  "or a table constraint (primary_key_constraint, unique_constraint, check_constraint, foreign_key)");
    static constexpr detail::column_desc columns[sizeof...(Parts) ? sizeof...(Parts) : 1] = {Parts::desc...};
    static constexpr detail::constraint_desc constraints[sizeof...(Parts) ? sizeof...(Parts) : 1] = {Parts::constraint...};
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d = detail::make_op(detail::op_kind::create_table, "create_table", detail::name_v<Table>);
        d.columns = columns;
        d.ncolumns = sizeof...(Parts);
        d.constraints = constraints;
        d.nconstraints = sizeof...(Parts);
        return d;
    }();
};

template <fixed_string Table>
struct drop_table {
    static constexpr detail::op_desc desc = detail::make_op(detail::op_kind::drop_table, "drop_table", detail::name_v<Table>);
};

template <fixed_string Table, fixed_string NewName>
struct rename_table {
    static constexpr detail::op_desc desc =
        detail::make_op(detail::op_kind::rename_table, "rename_table", detail::name_v<Table>, {}, detail::name_v<NewName>);
};
}  // namespace strata::dsl
