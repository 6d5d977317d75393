#pragma once
// The SQL of create_enum, add_enum_value, drop_enum (operations/enums.hpp), up and down, spelled
// from the typed state through the dialect's traits. Included by detail/sql/generate.hpp, after the
// generator.
#include <strata/detail/sql/generate.hpp>

namespace strata::detail {

template <class S>
constexpr void generator<S>::create_enum(emitter& p, const S& s, int e) const {
    emitter& w = p.begin();
    w.put("CREATE TYPE ").ident(s.enums[e].name).put(" AS ENUM (");
    for (int v = s.enums[e].first; v != -1; v = s.enum_values[v].next) {
        w.literal(s.enum_values[v].value);
        if (s.enum_values[v].next != -1) w.put(", ");
    }
    w.put(')');
    p.end();
}

// PostgreSQL cannot drop an enum value: rename the type away, recreate it as the state
// has it, move every column over, drop the old type.
template <class S>
constexpr void generator<S>::recreate_enum(emitter& p, const S& s, int e) const {
    std::string_view name = s.enums[e].name;
    p.begin().put("ALTER TYPE ").ident(name).put(" RENAME TO ").ident("_strata_old_"sv, name);
    p.end();
    create_enum(p, s, e);
    for (int c = 0; c < s.ncolumns; ++c) {
        const column_state& x = s.columns[c];
        if (!x.alive || x.def.type.kind != type_kind::enumeration || !same_name(x.def.type.enum_name, name)) continue;
        std::string_view tn = s.tables[x.table].name;
        if (x.def.def.kind != default_kind::none) {
            p.begin().put("ALTER TABLE ").ident(tn).put(" ALTER COLUMN ").ident(x.def.name).put(" DROP DEFAULT");
            p.end();
        }
        p.begin().put("ALTER TABLE ").ident(tn).put(" ALTER COLUMN ").ident(x.def.name).put(" TYPE ").ident(name)
            .put(" USING ").ident(x.def.name).put("::text::").ident(name);
        p.end();
        if (x.def.def.kind != default_kind::none) {
            emitter& w = p.begin();
            w.put("ALTER TABLE ").ident(tn).put(" ALTER COLUMN ").ident(x.def.name).put(" SET DEFAULT ");
            spell_default(w, d, x.def.def);
            p.end();
        }
    }
    p.begin().put("DROP TYPE ").ident("_strata_old_"sv, name);
    p.end();
}

// SQLite: an enum value added to an enum several tables use rebuilds each of them at once
// (a run of one table; a value for an enum one table uses joins that table's run instead).
template <class S>
constexpr void generator<S>::rebuild_enum_users(emitter& p, const S& s, std::string_view enum_name, bool up) {
    enum_rebuilt = enum_name;
    for (int t = 0; t < s.ntables; ++t) {
        if (!s.tables[t].alive) continue;
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next)
            if (s.columns[c].def.type.kind == type_kind::enumeration && same_name(s.columns[c].def.type.enum_name, enum_name)) {
                if (up) {
                    start_up_run(p, s, t);
                    end_up_run(p, s);
                } else {
                    start_down_run(p, s, t);
                    end_down_run(p, s);
                }
                break;
            }
    }
    enum_rebuilt = {};
}

template <class S>
constexpr error generator<S>::generate_create_enum(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    if ((e = s.apply(op))) return e;
    if (d.enum_types) {
        create_enum(up, s, s.find_enum(op.name));
        down.begin().put("DROP TYPE ").ident(op.name);
        down.end();
    }
    return e;
}

template <class S>
constexpr error generator<S>::generate_add_enum_value(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    int en = s.find_enum(op.name);
    if (en == -1) return fail(error_kind::needs_chain, op.name);
    // An enum type gets the value (and loses it by being made again); an enum spelled
    // as a CHECK rebuilds the tables that use it.
    const bool each = targets.up == several;
    if (d.enum_types) recreate_enum(down, s, en);
    else if (each && enum_run.empty()) rebuild_enum_users(down, s, op.name, false);  // (the run's first value)
    else if (!each) join_runs(s, up, down);
    if ((e = s.apply(op))) return e;
    if (d.enum_types) {
        up.begin().put("ALTER TYPE ").ident(op.name).put(" ADD VALUE ").literal(op.new_name);
        up.end();
    } else if (each) {
        enum_run = s.enums[en].name;  // rebuilt when the run ends (before(), finish())
    }
    return e;
}

template <class S>
constexpr error generator<S>::generate_drop_enum(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    int en = s.find_enum(op.name);
    if (en == -1) return fail(error_kind::needs_chain, op.name);
    if (d.enum_types) create_enum(down, s, en);
    if ((e = s.apply(op))) return e;
    if (d.enum_types) {
        up.begin().put("DROP TYPE ").ident(op.name);
        up.end();
    }
    return e;
}

}  // namespace strata::detail
