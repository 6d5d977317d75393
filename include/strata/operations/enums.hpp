#pragma once
// PostgreSQL enum types. On SQLite an enum column is TEXT with a CHECK on its values.
#include <strata/fixed_string.hpp>
#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/core/diagnostics.hpp>

namespace strata::detail {
constexpr op_desc make_create_enum(std::string_view name, const std::string_view* values, std::size_t n) {
    op_desc d = make_op(op_kind::create_enum, "create_enum", {}, name);
    d.names = values;
    d.nnames = n;
    return d;
}
}  // namespace strata::detail

namespace strata::dsl {
template <fixed_string Name, fixed_string... Values>
struct create_enum {
    enum : bool { well_formed = detail::check_dsl<sizeof...(Values) >= 1, detail::create_enum_without_values, create_enum>::value };
    static constexpr std::string_view values[sizeof...(Values) + 1] = {detail::name_v<Values>..., {}};
    static constexpr detail::op_desc desc =
        detail::mark_misused(detail::make_create_enum(detail::name_v<Name>, values, sizeof...(Values)), !well_formed);
};
template <fixed_string Name, fixed_string Value>
struct add_enum_value {
    static constexpr detail::op_desc desc = detail::make_op(detail::op_kind::add_enum_value, "add_enum_value", {},
                                                            detail::name_v<Name>, detail::name_v<Value>);
};
template <fixed_string Name>
struct drop_enum {
    static constexpr detail::op_desc desc =
        detail::make_op(detail::op_kind::drop_enum, "drop_enum", {}, detail::name_v<Name>);
};
}  // namespace strata::dsl
