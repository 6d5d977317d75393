#pragma once
// Column constraints (`primary_key`, `default_value<0>`, `references<"users", "id">`, ...) and
// table constraints for `create_table` (`unique_constraint<...>`, `foreign_key<...>`, ...).
#include <concepts>
#include <cstddef>
#include <cstdint>

#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/core/diagnostics.hpp>
#include <strata/detail/core/literal.hpp>
#include <strata/detail/core/placeholders.hpp>
#include <strata/fixed_string.hpp>

namespace strata::detail {
template <class C>
concept column_constraint = requires { { C::part } -> std::convertible_to<column_part>; };
template <class C>
using part_or_placeholder = std::conditional_t<column_constraint<C>, C, misused_part>;
template <class C>
concept table_constraint = requires { { C::constraint } -> std::convertible_to<constraint_desc>; } &&
                           !requires { requires C::is_column; };
}  // namespace strata::detail

namespace strata::dsl {
using detail::column_part;
struct primary_key { static constexpr column_part part{column_part::primary_key}; };
struct not_null { static constexpr column_part part{column_part::not_null}; };
struct unique { static constexpr column_part part{column_part::unique}; };
struct autoincrement { static constexpr column_part part{column_part::autoincrement}; };
// V: an integer, a bool, a string literal of any length, or text_from<...> (below).
template <detail::literal V>
struct default_value {
    static constexpr detail::default_desc value{V.kind, V.view()};
    static constexpr column_part part{0, value};
};
// A string value from a constant defined elsewhere, for default_value<...> and a seed's
// values<...>: `text_from<terms>` with `terms` a constexpr char array (its terminating NUL left
// out), a std::string_view, a std::array<char, N> (anything with data() and size()), or a
// function `constexpr std::string_view terms()`. The text is copied into the template argument.
template <auto& Source>
inline constexpr detail::literal<detail::source_text<Source>().size() + 1> text_from{detail::text_of{},
                                                                                     detail::source_text<Source>()};
template <fixed_string Sql>
struct default_sql {
    static constexpr detail::default_desc value{detail::default_kind::sql, detail::name_v<Sql>};
    static constexpr column_part part{0, value};
};
template <fixed_string Expr>
struct check {
    static constexpr column_part part{0, {}, detail::name_v<Expr>};
};

// clang-format off
struct on_delete_no_action   { static constexpr auto action = detail::fk_action::no_action; };
struct on_delete_restrict    { static constexpr auto action = detail::fk_action::restrict; };
struct on_delete_cascade     { static constexpr auto action = detail::fk_action::cascade; };
struct on_delete_set_null    { static constexpr auto action = detail::fk_action::set_null; };
struct on_delete_set_default { static constexpr auto action = detail::fk_action::set_default; };
// clang-format on
template <class A>
concept on_delete_action = requires { { A::action } -> std::convertible_to<detail::fk_action>; };

template <fixed_string Table, fixed_string Column, class OnDelete = on_delete_no_action>
struct references {
    enum : bool { well_formed = detail::require<on_delete_action<OnDelete>, detail::references_bad_action<references>> };
    static constexpr column_part part{0, {}, {}, detail::name_v<Table>, detail::name_v<Column>,
                                      std::conditional_t<on_delete_action<OnDelete>, OnDelete, detail::misused_action>::action, !well_formed};
};

// Table constraints, for create_table (after its columns) and the add_ operations. Composite
// keys name up to detail::max_key_columns columns. (`desc` marks them as no column.)
struct table_constraint_base {
    static constexpr detail::column_desc desc{};
};
template <fixed_string... Columns>
struct primary_key_constraint : table_constraint_base {
    enum : bool {
        well_formed = detail::require<sizeof...(Columns) >= 1 && sizeof...(Columns) <= detail::max_key_columns,
                                      detail::primary_key_constraint_columns<primary_key_constraint>>
    };
    static constexpr detail::constraint_desc constraint =
        detail::make_key(detail::constraint_kind::primary_key, {}, {detail::name_v<Columns>...});
};
template <fixed_string Name, fixed_string... Columns>
struct unique_constraint : table_constraint_base {
    enum : bool {
        well_formed = detail::require<sizeof...(Columns) >= 1 && sizeof...(Columns) <= detail::max_key_columns,
                                      detail::unique_constraint_columns<unique_constraint>>
    };
    static constexpr detail::constraint_desc constraint =
        detail::make_key(detail::constraint_kind::unique, detail::name_v<Name>, {detail::name_v<Columns>...});
};
template <fixed_string Name, fixed_string Expr>
struct check_constraint : table_constraint_base {
    static constexpr detail::constraint_desc constraint{
        detail::constraint_kind::check, detail::name_v<Name>, {}, 0, detail::name_v<Expr>};
};
template <fixed_string Name, fixed_string Column, fixed_string RefTable, fixed_string RefColumn,
          class OnDelete = on_delete_no_action>
struct foreign_key : table_constraint_base {
    enum : bool { well_formed = detail::require<on_delete_action<OnDelete>, detail::foreign_key_bad_action<foreign_key>> };
    static constexpr detail::constraint_desc constraint{
        detail::constraint_kind::foreign_key, detail::name_v<Name>, {detail::name_v<Column>}, 1, {},
        detail::name_v<RefTable>, detail::name_v<RefColumn>, std::conditional_t<on_delete_action<OnDelete>, OnDelete, detail::misused_action>::action, !well_formed};
};
}  // namespace strata::dsl
