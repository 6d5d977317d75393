#pragma once
// The SQL of add_column, drop_column, rename_column, alter_column (operations/columns.hpp), up and
// down, spelled from the typed state through the dialect's traits. Included by
// detail/sql/generate.hpp, after the generator.
#include <strata/detail/sql/generate.hpp>

namespace strata::detail {

template <class S>
constexpr void generator<S>::add_column_sql(emitter& p, const S& s, int t, int c) const {
    emitter& w = p.begin();
    w.put("ALTER TABLE ").ident(s.tables[t].name).put(" ADD COLUMN ");
    column_def(w, s, c);
    p.end();
}

template <class S>
constexpr void generator<S>::drop_column_sql(emitter& p, const S& s, int t, int c) const {
    p.begin().put("ALTER TABLE ").ident(s.tables[t].name).put(" DROP COLUMN ").ident(s.columns[c].def.name);
    p.end();
}

// PostgreSQL: the ALTER COLUMN clauses that turn column definition `from` into `to`.
template <class S>
constexpr void generator<S>::alter_sql(emitter& p, std::string_view table, const column_desc& from, const column_desc& to) const {
    // A default may not survive a type change (PostgreSQL casts it): drop it first, set the
    // new one after.
    const bool retype = !(from.type == to.type);
    if (!retype && from.not_null == to.not_null && from.def == to.def) return;  // (set_type to its own type)
    if (retype && from.def.kind != default_kind::none) {
        p.begin().put("ALTER TABLE ").ident(table).put(" ALTER COLUMN ").ident(to.name).put(" DROP DEFAULT");
        p.end();
    }
    // Between a text type and timestamptz, PostgreSQL reads and writes the text in the session's
    // TimeZone (a server's or role's setting would move every value): the statement runs with
    // TimeZone UTC, as SQLite's copy is read (text without a zone is UTC, one with its zone keeps
    // it, in any form PostgreSQL reads), and the session's comes back after it.
    const auto texty = [](const type_desc& t) {
        return t.kind == type_kind::text || t.kind == type_kind::varchar || t.kind == type_kind::character;
    };
    const bool in_utc = retype && ((texty(from.type) && to.type.kind == type_kind::timestamptz) ||
                                   (from.type.kind == type_kind::timestamptz && texty(to.type)));
    if (in_utc) {
        p.begin().put("SELECT set_config('strata.time_zone', current_setting('TimeZone'), true)");
        p.end();
        p.begin().put("SET LOCAL TimeZone = 'UTC'");
        p.end();
    }
    auto end_in_utc = [&] {
        if (!in_utc) return;
        p.begin().put("SELECT set_config('TimeZone', current_setting('strata.time_zone'), true)");
        p.end();
    };
    emitter& w = p.begin();
    w.put("ALTER TABLE ").ident(table);
    bool first = true;
    auto clause = [&]() -> emitter& {
        w.put(first ? " ALTER COLUMN "sv : ", ALTER COLUMN "sv).ident(to.name).put(' ');
        first = false;
        return w;
    };
    if (!(from.type == to.type)) {
        clause().put("TYPE ");
        spell_type(w, d, to.type);
        // To a bounded text type, no USING: PostgreSQL's own conversion (an assignment cast,
        // which every type has to a text type) refuses a value too long, where an explicit cast
        // to VARCHAR(5) or CHAR(3) would cut it silently; and a longer VARCHAR rewrites nothing
        // (through ::text it would rewrite the table and its indexes).
        const bool bounded = (to.type.kind == type_kind::varchar && to.type.p != unlimited_length) ||
                             to.type.kind == type_kind::character;
        // Between times with and without a zone, and from one with a zone to a date, in UTC,
        // not the session's TimeZone (a server's or role's setting would move every value; SQLite
        // keeps the text, which strata reads as UTC).
        const auto zoned = [](const type_desc& t) { return t.kind == type_kind::timestamptz; };
        const auto plain_time = [](const type_desc& t) { return t.kind == type_kind::timestamp || t.kind == type_kind::date; };
        if (!bounded && ((zoned(from.type) && plain_time(to.type)) || (plain_time(from.type) && zoned(to.type)))) {
            w.put(" USING (").ident(to.name);
            if (from.type.kind == type_kind::date) w.put("::TIMESTAMP");
            w.put(" AT TIME ZONE 'UTC')::");
            spell_type(w, d, to.type);
        } else if (!bounded) {
            w.put(" USING ").ident(to.name).put("::");
            // (through text: an enum's label, and a character<n>'s value without its padding, which
            // uuid refuses and json keeps)
            if (to.type.kind == type_kind::enumeration || from.type.kind == type_kind::enumeration ||
                from.type.kind == type_kind::character)
                w.put("text::");
            spell_type(w, d, to.type);
        }
    }
    if (from.not_null != to.not_null) clause().put(to.not_null ? "SET NOT NULL"sv : "DROP NOT NULL"sv);
    if (retype && from.def.kind != default_kind::none) {
        p.end();  // the TYPE clause is in it
        end_in_utc();
        if (to.def.kind != default_kind::none) {
            emitter& v = p.begin();
            v.put("ALTER TABLE ").ident(table).put(" ALTER COLUMN ").ident(to.name).put(" SET DEFAULT ");
            spell_default(v, d, to.def);
            p.end();
        }
        return;
    }
    if (!(from.def == to.def)) {
        if (to.def.kind == default_kind::none) clause().put("DROP DEFAULT");
        else { clause().put("SET DEFAULT "); spell_default(w, d, to.def); }
    }
    p.end();
    end_in_utc();
}

template <class S>
constexpr error generator<S>::generate_add_column(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    int t = s.find_table(op.table);
    if (t == -1) return fail(error_kind::needs_chain, op.table);
    join_runs(s, up, down);
    if ((e = s.apply(op))) return e;
    const int c = s.tables[t].last;  // (the column added, at the end of its table)
    if (auto why = inexpressible(d, s.columns[c].def); !why.empty())
        return fail(error_kind::dialect_cannot_express, op.table, op.name, why);
    if (targets.up == no_rebuild) add_column_sql(up, s, t, c);
    if (targets.down == no_rebuild) drop_column_sql(down, s, t, c);
    return e;
}

template <class S>
constexpr error generator<S>::generate_drop_column(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    int t = s.find_table(op.table);
    if (t == -1) return fail(error_kind::needs_chain, op.table);
    int c = s.find_column(t, op.name);
    if (c == -1) return fail(error_kind::needs_chain, op.table, op.name);
    join_runs(s, up, down);
    if (targets.down == no_rebuild) add_column_sql(down, s, t, c);
    if ((e = s.apply(op))) return e;
    if (targets.up == no_rebuild) drop_column_sql(up, s, t, c);
    return e;
}

template <class S>
constexpr error generator<S>::generate_rename_column(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    if ((e = s.apply(op))) return e;
    up.begin().put("ALTER TABLE ").ident(op.table).put(" RENAME COLUMN ").ident(op.name).put(" TO ").ident(op.new_name);
    up.end();
    down.begin().put("ALTER TABLE ").ident(op.table).put(" RENAME COLUMN ").ident(op.new_name).put(" TO ").ident(op.name);
    down.end();
    return e;
}

template <class S>
constexpr error generator<S>::generate_alter_column(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    int t = s.find_table(op.table);
    if (t == -1) return fail(error_kind::needs_chain, op.table);
    int c = s.find_column(t, op.name);
    if (c == -1) return fail(error_kind::needs_chain, op.table, op.name);
    const column_desc before = s.columns[c].def;
    join_runs(s, up, down);  // (none when both ends are spelled alike)
    if (down_run.table == t) down_run.note_altered(c);
    if ((e = s.apply(op))) return e;
    if (auto why = inexpressible(d, s.columns[c].def); !why.empty())
        return fail(error_kind::dialect_cannot_express, op.table, op.name, why);
    if (d.alters_in_place) {
        alter_sql(up, op.table, before, s.columns[c].def);
        alter_sql(down, op.table, s.columns[c].def, before);
    }
    return e;
}

}  // namespace strata::detail
