#pragma once
// The SQL of seed (operations/seed.hpp), up and down, spelled from the typed state through the
// dialect's traits. Included by detail/sql/generate.hpp, after the generator.
#include <strata/detail/sql/generate.hpp>

namespace strata::detail {

// A seed value: integers as written, booleans as the dialect spells them, strings quoted.
template <class S>
constexpr void generator<S>::seed_value(emitter& w, const seed_cell& v) const {
    switch (v.kind) {
        case default_kind::none: w.put("NULL"); break;
        case default_kind::boolean: spell_boolean(w, d, v.text); break;
        case default_kind::string: w.literal(v.text); break;
        default: w.put(v.text);
    }
}

// INSERT of every row; the down deletes exactly them, by primary key.
template <class S>
constexpr void generator<S>::seed_sql(emitter& up, emitter& down, const S& s, const op_desc& op) const {
    const std::size_t n = op.nnames, rows = op.ncells / op.nnames;
    emitter& w = up.begin();
    w.put("INSERT INTO ").ident(op.table).put(" (");
    for (std::size_t i = 0; i < n; ++i) (i ? w.put(", ") : w).ident(op.names[i]);
    w.put(") VALUES ");
    for (std::size_t r = 0; r < rows; ++r) {
        w.put(r ? ", (" : "(");
        for (std::size_t i = 0; i < n; ++i) seed_value(i ? w.put(", ") : w, op.cells[r * n + i]);
        w.put(")");
    }
    up.end();
    const int t = s.find_table(op.table);
    // PostgreSQL: explicit ids leave an identity column's sequence behind, and the next
    // insert without an id would collide. Move it to the largest id (SQLite's AUTOINCREMENT
    // follows explicit ids by itself). The down leaves the sequence: ids are not reused.
    for (int c = t == -1 || !d.seeds_move_identity ? -1 : s.tables[t].first; c != -1; c = s.columns[c].next) {
        const column_desc& col = s.columns[c].def;
        bool seeded = false;
        for (std::size_t i = 0; i < n; ++i) seeded = seeded || same_name(op.names[i], col.name);
        if (!(col.autoincrement || col.identity) || !seeded) continue;
        emitter& q = up.begin();
        q.put("SELECT setval(pg_get_serial_sequence(").literal("\""sv, op.table, "\""sv).put(", ").literal(col.name);
        q.put("), coalesce(max(").ident(col.name).put("), 1), max(").ident(col.name).put(") IS NOT NULL) FROM ").ident(op.table);
        up.end();
    }
    int pk[max_key_columns]{};
    const std::size_t npk = s.primary_key_columns(t, pk);
    std::size_t at[max_key_columns]{};  // where each key column is in the seed's columns
    for (std::size_t k = 0; k < npk; ++k)
        for (std::size_t i = 0; i < n; ++i)
            if (op.names[i] == s.columns[pk[k]].def.name) at[k] = i;
    emitter& x = down.begin();
    x.put("DELETE FROM ").ident(op.table).put(" WHERE ");
    if (npk == 1) {
        x.ident(op.names[at[0]]).put(" IN (");
        for (std::size_t r = 0; r < rows; ++r) seed_value(r ? x.put(", ") : x, op.cells[r * n + at[0]]);
        x.put(")");
    } else {
        for (std::size_t r = 0; r < rows; ++r) {
            x.put(r ? " OR (" : "(");
            for (std::size_t k = 0; k < npk; ++k) {
                (k ? x.put(" AND ") : x).ident(op.names[at[k]]).put(" = ");
                seed_value(x, op.cells[r * n + at[k]]);
            }
            x.put(")");
        }
    }
    down.end();
}

template <class S>
constexpr error generator<S>::generate_seed(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    if ((e = s.apply(op))) return e;
    // A value the dialect would store rounded (SQLite's NUMERIC past 15 significant digits).
    const int t = d.rounded_numerics.empty() ? -1 : s.find_table(op.table);
    for (std::size_t i = 0; t != -1 && i < op.nnames; ++i) {
        const int c = s.find_column(t, op.names[i]);
        if (c == -1 || s.columns[c].def.type.kind != type_kind::numeric) continue;
        for (std::size_t k = i; k < op.ncells; k += op.nnames)
            if (stored_rounded(d, type_kind::numeric, op.cells[k].kind, op.cells[k].text))
                return fail(error_kind::dialect_cannot_express, op.table, op.names[i], d.rounded_numerics);
    }
    seed_sql(up, down, s, op);
    return e;
}

}  // namespace strata::detail
