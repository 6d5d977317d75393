#pragma once
// Column operations: add_column, drop_column, rename_column, alter_column and its changes.
#include <strata/column.hpp>

namespace strata::detail {
constexpr op_desc make_add_column(std::string_view table, const column_desc* c, bool misused) {
    op_desc d = make_op(op_kind::add_column, "add_column", table, c->name);
    d.columns = c;
    d.ncolumns = 1;
    return mark_misused(d, misused || c->misused);
}
template <class C>
using column_or_placeholder = std::conditional_t<column_definition<C>, C, misused_column>;
template <class C>
concept alter_change = requires { { C::part } -> std::convertible_to<alter_part>; };
template <class C>
using change_or_placeholder = std::conditional_t<alter_change<C>, C, misused_change>;
template <class C>
concept change_is_misused = requires { requires C::misused; };  // a misused set_type<...>
constexpr op_desc make_alter_column(std::string_view table, std::string_view column, std::initializer_list<alter_part> parts,
                                    bool misused) {
    op_desc d = make_op(op_kind::alter_column, "alter_column", table, column);
    d.alter = make_alter(parts);
    d.misused = misused;
    return d;
}
}  // namespace strata::detail

namespace strata::dsl {
template <fixed_string Table, class Column>
struct add_column {
    enum : bool { well_formed = detail::check_dsl<detail::column_definition<Column>,
                                                  detail::add_column_not_a_column, add_column>::value };
    static constexpr detail::op_desc desc =
        detail::make_add_column(detail::name_v<Table>, &detail::column_or_placeholder<Column>::desc, !well_formed);
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
    enum : bool { well_formed = detail::check_dsl<column_type<Type>, detail::set_type_not_a_type, set_type>::value };
    static constexpr detail::alter_part part{{true, detail::type_or_placeholder<Type>::desc}};
    static constexpr bool misused = !well_formed;
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
    enum : bool {
        well_formed = detail::check_dsl<sizeof...(Changes) != 0, detail::alter_column_without_changes, alter_column>::value &&
                      detail::check_dsl<sizeof...(Changes) == 0 || detail::all_true<detail::alter_change<Changes>...>,
                                        detail::alter_column_bad_change, alter_column>::value
    };
    static constexpr detail::op_desc desc =
        detail::make_alter_column(detail::name_v<Table>, detail::name_v<Column>, {detail::change_or_placeholder<Changes>::part...},
                                  !well_formed || detail::any_true<detail::change_is_misused<Changes>...>);
};
}  // namespace strata::dsl
