#pragma once
// The backends as tags: each names a dialect the core can spell SQL in. Their nested
// `connection` class is declared here and defined only by the backend header
// (<strata/sqlite.hpp>, <strata/postgres.hpp>), so the core includes no database client.
#include <cstddef>
#include <string_view>

namespace strata {
namespace detail {
enum class dialect_id : unsigned char { sqlite, postgres };
inline constexpr std::size_t dialect_count = 2;
}

struct sqlite {
    static constexpr detail::dialect_id id = detail::dialect_id::sqlite;
    static constexpr std::string_view name = "sqlite";
    // The connection is basic_connection<void> under its own name: header-only, a template's
    // bodies are compiled only in a unit that uses them (see STRATA_LAZY in detail/config.hpp).
    template <class>
    class basic_connection;
    class connection;
};
struct postgres {
    static constexpr detail::dialect_id id = detail::dialect_id::postgres;
    static constexpr std::string_view name = "postgres";
    template <class>
    class basic_connection;  // (as sqlite's)
    class connection;
};

template <class D>
concept dialect = requires {
    { D::id } -> std::convertible_to<detail::dialect_id>;
};
}  // namespace strata
