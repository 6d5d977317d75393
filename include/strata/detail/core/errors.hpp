#pragma once
// What a chain can get wrong, as a value the fold returns (see detail/core/state.hpp) and later turns
// into a `static_assert` naming the culprit (see detail/core/diagnostics.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace strata::detail {

enum class error_kind : std::uint8_t {
    none,
    version_not_increasing,
    duplicate_version,
    duplicate_name,
    no_operations,
    invalid_identifier,
    table_missing,
    table_exists,
    column_missing,
    column_exists,
    no_columns,
    index_missing,
    index_exists,
    constraint_missing,
    constraint_exists,
    enum_missing,
    enum_exists,
    enum_value_exists,
    enum_in_use,
    fk_table_missing,
    fk_column_missing,
    fk_type_mismatch,
    fk_target_not_unique,
    table_referenced,
    column_in_use,
    last_column,
    multiple_primary_keys,
    bad_autoincrement,
    conflicting_changes,
    primary_key_nullable,
    default_type_mismatch,
    bad_type,
    down_mismatch,
    needs_chain,
    dialect_cannot_express,
    new_enum_value_used,
    concurrent_index_mixed,
    seed_value_mismatch,
    seed_missing_column,
    seed_without_key,
    version_too_large,
    differs_only_in_case,
    implicit_name_taken,
    derived_names_collide,
    rename_breaks_check,
    misused_dsl,  // a placeholder left by a misused DSL template, which reported the error itself
};

struct error {
    error_kind kind = error_kind::none;
    std::size_t migration = 0;  // index in the chain
    std::size_t op = 0;         // index in the migration's up (or down) list
    bool in_down = false;       // the op is in the explicit down<...> list
    bool whole_migration = false;  // about the migration (version, name, down proof), no operation
    std::string_view a{}, b{}, c{};  // the names involved (table, column, ...)
    constexpr explicit operator bool() const noexcept { return kind != error_kind::none; }
};

constexpr error fail(error_kind k, std::string_view a = {}, std::string_view b = {},
                     std::string_view c = {}) noexcept {
    error e{};
    e.kind = k;
    e.a = a;
    e.b = b;
    e.c = c;
    return e;
}

}  // namespace strata::detail
