#pragma once
// Table operations: create_table, drop_table, rename_table.
#include <array>

#include <strata/column.hpp>

namespace strata::detail {
template <class... Parts>
consteval std::size_t count_columns() { return (std::size_t{column_definition<Parts>} + ... + 0); }

template <class... Parts>
consteval auto collect_columns() {
    std::array<column_desc, (count_columns<Parts...>() ? count_columns<Parts...>() : 1)> out{};
    std::size_t i = 0;
    auto add = [&]<class P>() { if constexpr (column_definition<P>) out[i++] = P::desc; };
    (add.template operator()<Parts>(), ...);
    return out;
}
template <class... Parts>
consteval auto collect_constraints() {
    constexpr std::size_t n = sizeof...(Parts) - count_columns<Parts...>();
    std::array<constraint_desc, (n ? n : 1)> out{};
    std::size_t i = 0;
    auto add = [&]<class P>() { if constexpr (table_constraint<P>) out[i++] = P::constraint; };
    (add.template operator()<Parts>(), ...);
    return out;
}
}  // namespace strata::detail

namespace strata::dsl {
template <fixed_string Table, class... Parts>
struct create_table {
    static_assert(((detail::column_definition<Parts> || detail::table_constraint<Parts>) && ...),
                  "strata: create_table<T, ...>: every argument after the name must be a column<...> "
                  "or a table constraint (primary_key_constraint, unique_constraint, check_constraint, foreign_key)");
    static constexpr auto columns = detail::collect_columns<Parts...>();
    static constexpr auto constraints = detail::collect_constraints<Parts...>();
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::create_table;
        d.label = "create_table";
        d.table = detail::name_v<Table>;
        d.columns = columns.data();
        d.ncolumns = detail::count_columns<Parts...>();
        d.constraints = constraints.data();
        d.nconstraints = sizeof...(Parts) - d.ncolumns;
        return d;
    }();
};

template <fixed_string Table>
struct drop_table {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::drop_table;
        d.label = "drop_table";
        d.table = detail::name_v<Table>;
        return d;
    }();
};

template <fixed_string Table, fixed_string NewName>
struct rename_table {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::rename_table;
        d.label = "rename_table";
        d.table = detail::name_v<Table>;
        d.new_name = detail::name_v<NewName>;
        return d;
    }();
};
}  // namespace strata::dsl
