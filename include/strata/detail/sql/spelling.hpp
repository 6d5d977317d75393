#pragma once
// How each dialect spells column types, defaults and referential actions.
#include <strata/dialect.hpp>
#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/sql/sql_writer.hpp>

namespace strata::detail {
using namespace std::string_view_literals;

// The type as declared in SQL. SQLite spells every integer type INTEGER so that an integer
// primary key is the rowid; enums are TEXT there (with a CHECK added by the column).
constexpr void spell_type(emitter& w, dialect_id d, const type_desc& t) {
    const bool pg = d == dialect_id::postgres;
    switch (t.kind) {
        case type_kind::smallint: w.put(pg ? "SMALLINT"sv : "INTEGER"sv); break;
        case type_kind::integer: w.put("INTEGER"); break;
        case type_kind::bigint: w.put(pg ? "BIGINT"sv : "INTEGER"sv); break;
        case type_kind::real: w.put("REAL"); break;
        case type_kind::double_precision: w.put(pg ? "DOUBLE PRECISION"sv : "REAL"sv); break;
        case type_kind::numeric: w.put("NUMERIC(").number(t.p).put(", ").number(t.s).put(')'); break;
        case type_kind::text: w.put("TEXT"); break;
        case type_kind::varchar: w.put("VARCHAR(").number(t.p).put(')'); break;
        case type_kind::boolean: w.put("BOOLEAN"); break;
        case type_kind::date: w.put("DATE"); break;
        case type_kind::timestamp: w.put("TIMESTAMP"); break;
        case type_kind::timestamptz: w.put(pg ? "TIMESTAMPTZ"sv : "TIMESTAMP"sv); break;
        case type_kind::uuid: w.put(pg ? "UUID"sv : "TEXT"sv); break;
        case type_kind::json: w.put(pg ? "JSON"sv : "TEXT"sv); break;
        case type_kind::jsonb: w.put(pg ? "JSONB"sv : "TEXT"sv); break;
        case type_kind::blob: w.put(pg ? "BYTEA"sv : "BLOB"sv); break;
        case type_kind::enumeration:
            if (pg) w.ident(t.enum_name); else w.put("TEXT");
            break;
        case type_kind::none: break;
    }
}

constexpr void spell_default(emitter& w, dialect_id d, const default_desc& v) {
    switch (v.kind) {
        case default_kind::integer: w.put(v.text); break;
        case default_kind::boolean:
            if (d == dialect_id::postgres) w.put(v.text == "1" ? "TRUE"sv : "FALSE"sv); else w.put(v.text);
            break;
        case default_kind::string: w.literal(v.text); break;
        case default_kind::sql: w.put('(').put(v.text).put(')'); break;
        case default_kind::none: w.put("NULL"); break;
    }
}

constexpr std::string_view spell_action(fk_action a) {
    switch (a) {
        case fk_action::restrict: return " ON DELETE RESTRICT"sv;
        case fk_action::cascade: return " ON DELETE CASCADE"sv;
        case fk_action::set_null: return " ON DELETE SET NULL"sv;
        case fk_action::set_default: return " ON DELETE SET DEFAULT"sv;
        case fk_action::no_action: break;
    }
    return ""sv;
}

// What a dialect cannot express; empty when it can.
constexpr std::string_view inexpressible(dialect_id d, const column_desc& c) {
    if (d == dialect_id::postgres) {
        if (c.type.kind == type_kind::varchar && c.type.p > 10485760) return "varchar longer than 10485760"sv;
        if (c.type.kind == type_kind::numeric && c.type.p > 1000) return "numeric precision above 1000"sv;
    } else {
        if (c.autoincrement && c.type.kind != type_kind::integer && c.type.kind != type_kind::bigint &&
            c.type.kind != type_kind::smallint)
            return "autoincrement on a non-integer column"sv;
    }
    return {};
}

}  // namespace strata::detail
