#pragma once
// PostgreSQL enum types. On SQLite an enum column is TEXT with a CHECK on its values.
#include <strata/fixed_string.hpp>
#include <strata/detail/descriptors.hpp>

namespace strata::dsl {
template <fixed_string Name, fixed_string... Values>
struct create_enum {
    static_assert(sizeof...(Values) >= 1, "strata: create_enum<Name, values...> needs at least one value");
    static constexpr std::string_view values[] = {detail::name_v<Values>...};
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::create_enum;
        d.label = "create_enum";
        d.name = detail::name_v<Name>;
        d.names = values;
        d.nnames = sizeof...(Values);
        return d;
    }();
};
template <fixed_string Name, fixed_string Value>
struct add_enum_value {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::add_enum_value;
        d.label = "add_enum_value";
        d.name = detail::name_v<Name>;
        d.new_name = detail::name_v<Value>;
        return d;
    }();
};
template <fixed_string Name>
struct drop_enum {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::drop_enum;
        d.label = "drop_enum";
        d.name = detail::name_v<Name>;
        return d;
    }();
};
}  // namespace strata::dsl
