#pragma once
// The value form of the DSL. Every type of the DSL (column, operation, migration) carries one
// `static constexpr` descriptor; the compile-time engine works on these values only, so the
// cost of checking a chain grows with its size, not with template instantiation depth.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace strata {
class session;  // defined by the runtime; data steps take it by reference
}

namespace strata::detail {

enum class type_kind : std::uint8_t {
    none, smallint, integer, bigint, real, double_precision, numeric, text, varchar, boolean,
    date, timestamp, timestamptz, uuid, json, jsonb, blob, enumeration
};

struct type_desc {
    type_kind kind = type_kind::none;
    std::uint32_t p = 0;  // varchar length, numeric precision
    std::uint32_t s = 0;  // numeric scale
    std::string_view enum_name{};
};
constexpr bool operator==(const type_desc& a, const type_desc& b) noexcept {
    return a.kind == b.kind && a.p == b.p && a.s == b.s && a.enum_name == b.enum_name;
}

enum class default_kind : std::uint8_t { none, integer, boolean, string, sql };
struct default_desc {
    default_kind kind = default_kind::none;
    std::string_view text{};  // digits, "1"/"0", the unquoted string, or the SQL expression
};
constexpr bool operator==(const default_desc& a, const default_desc& b) noexcept {
    return a.kind == b.kind && a.text == b.text;
}

enum class fk_action : std::uint8_t { no_action, restrict, cascade, set_null, set_default };

struct column_desc {
    std::string_view name{};
    type_desc type{};
    bool not_null = false;
    bool primary_key = false;
    bool unique = false;
    bool autoincrement = false;
    default_desc def{};
    std::string_view check{};
    std::string_view ref_table{};  // empty: no foreign key
    std::string_view ref_column{};
    fk_action on_delete = fk_action::no_action;
};

inline constexpr std::size_t max_key_columns = 8;

enum class constraint_kind : std::uint8_t { primary_key, unique, check, foreign_key };
struct constraint_desc {
    constraint_kind kind = constraint_kind::unique;
    std::string_view name{};  // empty only for a table's primary key
    std::string_view columns[max_key_columns]{};
    std::size_t ncolumns = 0;
    std::string_view check{};
    std::string_view ref_table{};
    std::string_view ref_column{};
    fk_action on_delete = fk_action::no_action;
};

enum class op_kind : std::uint8_t {
    create_table, drop_table, rename_table,
    add_column, drop_column, rename_column, alter_column,
    create_index, drop_index,
    add_constraint, drop_constraint,
    create_enum, add_enum_value, drop_enum,
    execute, run, validate
};

struct alter_desc {
    bool set_type = false;
    type_desc type{};
    bool set_not_null = false;
    bool drop_not_null = false;
    bool set_default = false;
    default_desc def{};
    bool drop_default = false;
};

using data_fn = void (*)(session&);
using check_fn = bool (*)(session&);

struct op_desc {
    op_kind kind{};
    std::string_view table{};    // the table operated on (index: its table)
    std::string_view name{};     // column, index, constraint or enum name
    std::string_view new_name{}; // renames; add_enum_value: the value
    const column_desc* columns = nullptr;  // create_table columns, add_column's column
    std::size_t ncolumns = 0;
    const constraint_desc* constraints = nullptr;  // create_table / add_constraint
    std::size_t nconstraints = 0;
    const std::string_view* names = nullptr;  // index columns, enum values
    std::size_t nnames = 0;
    bool unique = false;         // create_unique_index
    alter_desc alter{};
    std::string_view sql_up{};   // execute
    std::string_view sql_down{};
    bool reversible = true;      // execute_irreversible, run without a down
    data_fn fn_up = nullptr;
    data_fn fn_down = nullptr;
    check_fn fn_check = nullptr;
    std::string_view label{};    // the operation's DSL name, for diagnostics
};

struct migration_desc {
    std::uint64_t version = 0;
    std::string_view name{};
    const op_desc* ops = nullptr;
    std::size_t nops = 0;
    const op_desc* down_ops = nullptr;  // explicit down<...>; null when derived
    std::size_t ndown_ops = 0;
    bool explicit_down = false;
};

}  // namespace strata::detail
