#pragma once
// Column types of the DSL and the C++ type each one maps to.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <strata/detail/chrono.hpp>
#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/core/placeholders.hpp>
#include <strata/fixed_string.hpp>

namespace strata::detail {
template <type_kind K, std::uint32_t P = 0, std::uint32_t S = 0>
struct column_type_base {
    static constexpr type_desc desc{K, P, S, {}};
};
}  // namespace strata::detail

namespace strata::dsl {
// clang-format off
struct smallint         : detail::column_type_base<detail::type_kind::smallint> {};
struct integer          : detail::column_type_base<detail::type_kind::integer> {};
struct bigint           : detail::column_type_base<detail::type_kind::bigint> {};
struct real             : detail::column_type_base<detail::type_kind::real> {};
struct double_precision : detail::column_type_base<detail::type_kind::double_precision> {};
struct text             : detail::column_type_base<detail::type_kind::text> {};
struct boolean          : detail::column_type_base<detail::type_kind::boolean> {};
struct date             : detail::column_type_base<detail::type_kind::date> {};
struct timestamp        : detail::column_type_base<detail::type_kind::timestamp> {};
struct timestamptz      : detail::column_type_base<detail::type_kind::timestamptz> {};
struct uuid             : detail::column_type_base<detail::type_kind::uuid> {};
struct json             : detail::column_type_base<detail::type_kind::json> {};
struct jsonb            : detail::column_type_base<detail::type_kind::jsonb> {};
struct blob             : detail::column_type_base<detail::type_kind::blob> {};
// clang-format on
template <std::uint32_t Precision, std::uint32_t Scale = 0>
struct numeric : detail::column_type_base<detail::type_kind::numeric, Precision, Scale> {};
// varchar<N>: at most N characters; varchar<>: no limit (PostgreSQL's VARCHAR without a length).
template <std::uint32_t Length = detail::unlimited_length>
struct varchar : detail::column_type_base<detail::type_kind::varchar, Length> {};
// character<N>: exactly N characters, blank-padded (SQL's CHAR(N)).
template <std::uint32_t Length>
struct character : detail::column_type_base<detail::type_kind::character, Length> {};
template <fixed_string Name>
struct enum_type {
    static constexpr detail::type_desc desc{detail::type_kind::enumeration, 0, 0,
                                            detail::name_v<Name>};
};
}  // namespace strata::dsl

namespace strata {
template <class T>
concept column_type = requires {
    { T::desc } -> std::convertible_to<detail::type_desc>;
};
namespace detail {
template <class T>
using type_or_placeholder = std::conditional_t<column_type<T>, T, misused_type>;
}  // namespace detail

// The C++ type a value of a column has when read or bound; nullable columns wrap it in
// std::optional. Exact decimals, enums, JSON and UUIDs travel as text.
template <detail::type_kind K>
struct cpp_type_of;
template <> struct cpp_type_of<detail::type_kind::smallint> { using type = std::int16_t; };
template <> struct cpp_type_of<detail::type_kind::integer> { using type = std::int32_t; };
template <> struct cpp_type_of<detail::type_kind::bigint> { using type = std::int64_t; };
template <> struct cpp_type_of<detail::type_kind::real> { using type = float; };
template <> struct cpp_type_of<detail::type_kind::double_precision> { using type = double; };
template <> struct cpp_type_of<detail::type_kind::numeric> { using type = std::string; };
template <> struct cpp_type_of<detail::type_kind::text> { using type = std::string; };
template <> struct cpp_type_of<detail::type_kind::varchar> { using type = std::string; };
template <> struct cpp_type_of<detail::type_kind::character> { using type = std::string; };
template <> struct cpp_type_of<detail::type_kind::boolean> { using type = bool; };
template <> struct cpp_type_of<detail::type_kind::date> { using type = std::chrono::sys_days; };
template <> struct cpp_type_of<detail::type_kind::timestamp> {
    using type = std::chrono::sys_time<std::chrono::microseconds>;
};
template <> struct cpp_type_of<detail::type_kind::timestamptz> {
    using type = std::chrono::sys_time<std::chrono::microseconds>;
};
template <> struct cpp_type_of<detail::type_kind::uuid> { using type = std::string; };
template <> struct cpp_type_of<detail::type_kind::json> { using type = std::string; };
template <> struct cpp_type_of<detail::type_kind::jsonb> { using type = std::string; };
template <> struct cpp_type_of<detail::type_kind::blob> { using type = std::vector<std::byte>; };
template <> struct cpp_type_of<detail::type_kind::enumeration> { using type = std::string; };
}  // namespace strata
