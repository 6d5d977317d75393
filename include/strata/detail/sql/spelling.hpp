#pragma once
// How a dialect spells column types, defaults and referential actions, from its traits
// (detail/sql/dialect/).
#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/core/numeric_text.hpp>
#include <strata/detail/sql/dialects.hpp>
#include <strata/detail/sql/sql_writer.hpp>
#include <strata/dialect.hpp>

namespace strata::detail {
using namespace std::string_view_literals;

// Whether the dialect would store value `text` of kind `v` rounded in a column of type kind `k`
// (SQLite's NUMERIC past 15 significant digits): a default or a seed value it cannot express.
constexpr bool stored_rounded(const dialect_traits& dt, type_kind k, default_kind v, std::string_view text) {
    return k == type_kind::numeric && !dt.rounded_numerics.empty() &&
           (v == default_kind::integer || v == default_kind::string) && !sqlite_numeric_keeps(text);
}

// The type as declared in SQL; `spaced`: after a space, in the type name's fragment.
constexpr void spell_type(emitter& w, const dialect_traits& dt, const type_desc& t, bool spaced = false) {
    if (t.kind == type_kind::enumeration && dt.enum_types) {
        if (spaced) w.put(" ");
        w.ident(t.enum_name);
        return;
    }
    if (const std::string_view s = spaced ? dt.spaced_type_name(t.kind) : std::string_view{}; !s.empty()) w.put(s);
    else (spaced ? w.put(" ") : w).put(dt.type_name(t.kind));
    if (t.kind == type_kind::numeric) w.parenthesized(t.p, t.s);
    if ((t.kind == type_kind::varchar && t.p != unlimited_length) || t.kind == type_kind::character)
        w.parenthesized(t.p);
}

constexpr void spell_boolean(emitter& w, const dialect_traits& dt, std::string_view v) {
    w.put(same_name(v, "1") ? dt.true_literal : dt.false_literal);
}

constexpr void spell_default(emitter& w, const dialect_traits& dt, const default_desc& v) {
    switch (v.kind) {
        case default_kind::integer: w.put(v.text); break;
        case default_kind::boolean: spell_boolean(w, dt, v.text); break;
        case default_kind::string: w.literal(v.text); break;
        case default_kind::sql: w.put('(').put(v.text).put(')'); break;
        case default_kind::none: w.put("NULL"); break;
    }
}

// A foreign key's ON DELETE clause, NO ACTION too.
constexpr std::string_view on_delete_clause(fk_action a) {
    switch (a) {
        case fk_action::restrict: return " ON DELETE RESTRICT"sv;
        case fk_action::cascade: return " ON DELETE CASCADE"sv;
        case fk_action::set_null: return " ON DELETE SET NULL"sv;
        case fk_action::set_default: return " ON DELETE SET DEFAULT"sv;
        case fk_action::no_action: break;
    }
    return " ON DELETE NO ACTION"sv;
}
// As a foreign key is spelled: NO ACTION, the default, is left out.
constexpr std::string_view spell_action(fk_action a) { return a == fk_action::no_action ? ""sv : on_delete_clause(a); }
// The action alone, as SQLite's PRAGMA foreign_key_list names it (the rebuild guard's words).
constexpr std::string_view action_word(fk_action a) {
    const std::string_view c = on_delete_clause(a);
    constexpr std::size_t prefix = " ON DELETE "sv.size();
    return {c.data() + prefix, c.size() - prefix};
}

// What a dialect cannot express; empty when it can.
constexpr std::string_view inexpressible(const dialect_traits& dt, const column_desc& c) {
    auto over = [](const dialect_traits::limit& l, std::uint32_t n) { return l.max != 0 && n > l.max; };
    if ((c.type.kind == type_kind::varchar || c.type.kind == type_kind::character) && c.type.p != unlimited_length &&
        over(dt.varchar_length, c.type.p))
        return dt.varchar_length.why;
    if (c.type.kind == type_kind::numeric && over(dt.numeric_precision, c.type.p)) return dt.numeric_precision.why;
    if (stored_rounded(dt, c.type.kind, c.def.kind, c.def.text)) return dt.rounded_numerics;
    // (an alter_column set_type can leave autoincrement on another type: SQLite's AUTOINCREMENT
    // and PostgreSQL's identity both need an integer)
    if ((c.autoincrement || c.identity) && c.type.kind != type_kind::integer && c.type.kind != type_kind::bigint &&
        c.type.kind != type_kind::smallint)
        return c.autoincrement ? "autoincrement on a non-integer column"sv : "identity on a non-integer column"sv;
    return {};
}

}  // namespace strata::detail
