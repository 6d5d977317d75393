#pragma once
// SQLite as the generator sees it (https://www.sqlite.org/datatype3.html,
// https://www.sqlite.org/lang_altertable.html).
#include <strata/detail/sql/dialect/traits.hpp>

namespace strata::detail {

constexpr dialect_traits make_sqlite_traits() {
    dialect_traits t{};
    t.id = dialect_id::sqlite;
    t.name = "sqlite";
    // Every integer type is INTEGER, so that an integer primary key is the rowid; the types
    // SQLite has no affinity of their own for are TEXT (uuid, json, enums, the last with a
    // CHECK of their values).
    t.type(type_kind::smallint, " INTEGER").type(type_kind::integer, " INTEGER").type(type_kind::bigint, " INTEGER");
    t.type(type_kind::real, " REAL").type(type_kind::double_precision, " REAL").type(type_kind::numeric, " NUMERIC");
    t.type(type_kind::text, " TEXT").type(type_kind::varchar, " VARCHAR").type(type_kind::boolean, " BOOLEAN");
    t.type(type_kind::date, " DATE").type(type_kind::timestamp, " TIMESTAMP").type(type_kind::timestamptz, " TIMESTAMP");
    t.type(type_kind::uuid, " TEXT").type(type_kind::json, " TEXT").type(type_kind::jsonb, " TEXT");
    t.type(type_kind::blob, " BLOB").type(type_kind::enumeration, " TEXT").type(type_kind::character, " CHAR");
    t.true_literal = "1";
    t.false_literal = "0";
    t.keeps_check_text = true;
    t.autoincrement = " AUTOINCREMENT";  // (identity: the rowid, INTEGER PRIMARY KEY alone)
    t.rowid_type = "INTEGER";
    t.rowid_names[0] = "\"rowid\"";
    t.rowid_names[1] = "\"_rowid_\"";
    t.rowid_names[2] = "\"oid\"";
    for (std::string_view r : t.rowid_names) t.rowid_name_sizes |= 1u << (r.size() - 2);
    t.rounded_numerics = "a numeric value of more than 15 significant digits that is not a 64-bit integer (SQLite would store it rounded)";
    return t;
}
inline constexpr dialect_traits sqlite_traits = make_sqlite_traits();

}  // namespace strata::detail
