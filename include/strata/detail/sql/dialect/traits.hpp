#pragma once
// What the generator needs to know of a dialect, as data: one table per dialect
// (detail/sql/dialect/sqlite.hpp, postgres.hpp), read by the spellings (detail/sql/spelling.hpp)
// and the generator (detail/sql/generate.hpp), which branch on these fields, never on the
// dialect's name. A third dialect is a table of its own, an id in dialect.hpp and a case in
// traits_of (detail/sql/spelling.hpp), and a driver.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <strata/detail/core/descriptors.hpp>
#include <strata/dialect.hpp>

namespace strata::detail {

inline constexpr std::size_t type_kind_count = static_cast<std::size_t>(type_kind::character) + 1;

struct dialect_traits {
    dialect_id id{};
    std::string_view name;  // as in messages: "sqlite", "postgres"
    // The name each column type is declared with, by type_kind, after a space (see type());
    // numeric, varchar and character
    // get their "(p, s)" / "(n)" after it (not a varchar<>). An enum column's type is its enum's name when the dialect has
    // enum types, else the name given here (and the column gets a CHECK of its values).
    std::string_view type_names[type_kind_count]{};
    bool enum_types = false;   // CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD VALUE, DROP TYPE
    std::string_view true_literal, false_literal;  // a boolean default or seed value
    std::string_view autoincrement;  // after PRIMARY KEY on an autoincrement column
    // After PRIMARY KEY on an identity column; empty when an integer key is numbered by itself
    // (SQLite's rowid), when verify() has no identity to see either.
    std::string_view identity;
    // The column's own CHECK is named "<table>_<column>_check" as the server would name it
    // (so that a later drop or a verify finds it by name).
    bool names_column_checks = false;
    // The server keeps a CHECK's expression as it was written (SQLite, in the table's SQL):
    // verify() compares expressions, in one spelling, not only the names of named checks.
    bool keeps_check_text = false;
    // ALTER TABLE can change a column's type, nullability and default and add or drop a table
    // constraint, and drop any column; without it those become a table rebuild (new table,
    // copy, drop, rename: detail/sql/generate.hpp).
    bool alters_in_place = false;
    bool concurrent_indexes = false;  // CREATE/DROP INDEX CONCURRENTLY, outside a transaction
    // ALTER TABLE ... ADD CONSTRAINT ... NOT VALID and VALIDATE CONSTRAINT for foreign keys and
    // checks; without it not_valid adds the constraint as without it, and validate_constraint
    // sends nothing.
    bool not_valid_constraints = false;
    // Explicit values in an identity column leave its sequence behind: seeds move it.
    bool seeds_move_identity = false;
    // Rowid tables (SQLite): a lone primary key declared with rowid_type is the rowid; any other
    // table's rowid a rebuild copies by the first of rowid_names (quoted) that no column takes,
    // so that each row keeps it (an application or an FTS index may hold it). Empty: no rowids.
    std::string_view rowid_type{};
    std::string_view rowid_names[3]{};
    unsigned rowid_name_sizes = 0;  // bit L: a rowid name of L characters, unquoted (see rowid_names_taken)
    // Limits, each with the words of the dialect_cannot_express error that names it.
    struct limit {
        std::uint32_t max = 0;  // 0: none
        std::string_view why{};
    };
    limit varchar_length{}, numeric_precision{};
    // Non-empty (SQLite): a NUMERIC value that is not a 64-bit integer is kept as a REAL, 15
    // significant digits (sqlite_numeric_keeps); a default or seed value beyond is refused with
    // these words, where the dialect would store it rounded.
    std::string_view rounded_numerics{};

    // `name` after a space, " INTEGER", so that a column definition's type is one fragment with
    // the space before it (a name given without one works too, as two fragments)
    constexpr dialect_traits& type(type_kind k, std::string_view name) {
        type_names[static_cast<std::size_t>(k)] = name;
        return *this;
    }
    // The name with the space before it, or empty when it was given without one.
    constexpr std::string_view spaced_type_name(type_kind k) const {
        const std::string_view s = type_names[static_cast<std::size_t>(k)];
        return !s.empty() && s[0] == ' ' ? s : std::string_view{};
    }
    constexpr std::string_view type_name(type_kind k) const {
        const std::string_view s = type_names[static_cast<std::size_t>(k)];
        return !s.empty() && s[0] == ' ' ? std::string_view{s.data() + 1, s.size() - 1} : s;
    }
};

}  // namespace strata::detail
