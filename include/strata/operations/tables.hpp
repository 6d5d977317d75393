#pragma once
// Table operations: create_table, drop_table, rename_table.
#include <strata/column.hpp>

namespace strata::detail {
template <class P>
using table_part_or_placeholder =
    std::conditional_t<column_definition<P> || table_constraint<P>, P, misused_table_part>;
}  // namespace strata::detail

namespace strata::dsl {
// Columns first, then table constraints. Both lists have an entry per argument (a column's
// constraint entry and a constraint's column entry are empty): one braced list each, no
// per-argument instantiation.
template <fixed_string Table, class... Parts>
struct create_table {
    enum : bool {
        well_formed = detail::check_dsl<
            detail::all_true<(detail::column_definition<Parts> || detail::table_constraint<Parts>)...>, detail::create_table_bad_argument, create_table>::value
    };
    static constexpr detail::column_desc columns[sizeof...(Parts) ? sizeof...(Parts) : 1] = {
        detail::table_part_or_placeholder<Parts>::desc...};
    static constexpr detail::constraint_desc constraints[sizeof...(Parts) ? sizeof...(Parts) : 1] = {
        detail::table_part_or_placeholder<Parts>::constraint...};
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d = detail::make_op(detail::op_kind::create_table, "create_table", detail::name_v<Table>);
        d.columns = columns;
        d.ncolumns = sizeof...(Parts);
        d.constraints = constraints;
        d.nconstraints = sizeof...(Parts);
        d.misused = !well_formed || detail::any_true<detail::table_part_or_placeholder<Parts>::desc.misused...,
                                                       detail::table_part_or_placeholder<Parts>::constraint.misused...>;
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
