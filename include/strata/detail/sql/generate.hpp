#pragma once
// SQL generation from the typed state. Each operation's up statements are spelled from the
// state after it, its down statements from the state before it. What a dialect can say is its
// traits (detail/sql/dialect/): nothing here asks which dialect it is. Where ALTER TABLE cannot
// do it (SQLite), the table rebuild procedure, generated from the state's table definition,
// once for a run of such operations on one table (see rebuild_run).
#include <strata/detail/core/state.hpp>
#include <strata/detail/sql/spelling.hpp>

namespace strata::detail {
using namespace std::string_view_literals;

// Does the dialect declare types a and b alike (SQLite: INTEGER for integer and bigint)? Then a
// table that changes one for the other is the same table there. An enum never is: its column
// has the CHECK of its values, or the enum's type.
constexpr bool spelled_alike(const dialect_traits& d, const type_desc& a, const type_desc& b) {
    if (a == b) return true;
    if (a.kind == type_kind::enumeration || b.kind == type_kind::enumeration) return false;
    std::string_view fa[48]{}, fb[48]{};  // (the longest: NUMERIC(, 20 digits, ", ", 20 digits, ))
    emitter wa{fa}, wb{fb};
    spell_type(wa, d, a);
    spell_type(wb, d, b);
    if (wa.nfrags != wb.nfrags) return false;
    for (std::size_t i = 0; i < wa.nfrags; ++i)
        if (fa[i] != fb[i]) return false;
    return true;
}

template <class S>
struct generator {
    const dialect_traits& d;
    bool irreversible = false;  // some operation has no down
    bool rebuilds = false;      // a table rebuild (run with foreign keys off)
    bool concurrent = false;    // a CONCURRENTLY statement (not in a transaction)

    // Without ALTER in place (SQLite): consecutive operations that each take a rebuild of the same
    // table rebuild it once per direction, from the table before the run's first operation to the
    // table after its last (a real history rebuilt one table twice in one migration; at N = 1000
    // the benchmark's history has 8% fewer rebuilds). Up, the guard is spelled when the run starts
    // (the live table is the state then), the new table and the copy when it ends. Down (the run
    // undone, from the table after it to the table before it): the new table when the run starts,
    // while the state is the one to go back to; the guard and the copy when it ends, from the state
    // after the run, which is the live table then. Slots are never reused, so the columns added
    // during the run are those from `first_new` on: no old data. What changes an index or a name
    // (and anything but these operations) ends a run, so both ends have the same indexes and names.
    // generate_migration keeps a down run's steps in one piece (see before()).
    struct rebuild_run {
        int table = -1;  // -1: no run
        int first_new = 0;
        bool autoincrement = false;  // (down) the table to go back to has an AUTOINCREMENT column
    };
    static constexpr int no_rebuild = -1, neutral = -2, several = -3;
    struct rebuild_targets {
        int up = no_rebuild, down = no_rebuild;  // a table; no_rebuild; neutral: no SQL, ends no run; several tables
    };
    rebuild_run up_run{}, down_run{};
    rebuild_targets targets{};  // the operation's, set by before()

    constexpr void column_def(emitter& w, const S& s, int c) const {
        const column_state& cs = s.columns[c];
        const column_desc& d0 = cs.def;
        w.ident(d0.name).put(' ');
        spell_type(w, d, d0.type);
        if (d0.not_null) w.put(" NOT NULL");
        if (d0.primary_key) {
            w.put(" PRIMARY KEY");
            if (d0.autoincrement) w.put(d.identity);
        }
        if (d0.unique) w.put(" UNIQUE");
        if (d0.def.kind != default_kind::none) {
            w.put(" DEFAULT ");
            spell_default(w, d, d0.def);
        }
        if (!d0.check.empty()) {
            // Named where the server would name it (PostgreSQL). Left to itself the server
            // names it after the one column its expression reads ("<table>_check", numbered, when it reads several or none)
            // under today's names; the state names it after the column it is declared on and
            // its table, as they were named when the column was created (renames keep it).
            if (d.names_column_checks) {
                const derived_name cut = pg_derived_name(cs.check_table, cs.check_column, "check");
                w.put(" CONSTRAINT \"").put(cs.check_table.substr(0, cut.n1)).put("_");
                w.put(cs.check_column.substr(0, cut.n2)).put("_check\"");
            }
            w.put(" CHECK (").put(d0.check).put(')');
        }
        if (!d.enum_types && d0.type.kind == type_kind::enumeration) {
            w.put(" CHECK (").ident(d0.name).put(" IN (");
            int e = s.find_enum(d0.type.enum_name);
            bool first = true;
            for (int v = e == -1 ? -1 : s.enums[e].first; v != -1; v = s.enum_values[v].next) {
                if (!first) w.put(", ");
                first = false;
                w.literal(s.enum_values[v].value);
            }
            w.put("))");
        }
        if (cs.ref_table != -1) {
            w.put(" REFERENCES ").ident(s.tables[cs.ref_table].name).put(" (").ident(s.columns[cs.ref_column].def.name).put(')');
            w.put(spell_action(d0.on_delete));
        } else if (!d0.ref_table.empty()) {  // a lone migration's reference to a table it does not see
            w.put(" REFERENCES ").ident(d0.ref_table).put(" (").ident(d0.ref_column).put(')');
            w.put(spell_action(d0.on_delete));
        }
    }

    constexpr void constraint_def(emitter& w, const S& s, int k) const {
        const constraint_state& x = s.constraints[k];
        if (!x.name.empty()) w.put("CONSTRAINT ").ident(x.name).put(' ');
        auto cols = [&] {
            w.put('(');
            for (std::size_t i = 0; i < x.ncolumns; ++i) {
                if (i) w.put(", ");
                w.ident(s.columns[x.columns[i]].def.name);
            }
            w.put(')');
        };
        switch (x.kind) {
            case constraint_kind::none: break;
            case constraint_kind::primary_key: w.put("PRIMARY KEY "); cols(); break;
            case constraint_kind::unique: w.put("UNIQUE "); cols(); break;
            case constraint_kind::check: w.put("CHECK (").put(x.check).put(')'); break;
            case constraint_kind::foreign_key:
                w.put("FOREIGN KEY ");
                cols();
                w.put(" REFERENCES ").ident(s.tables[x.ref_table].name).put(" (").ident(s.columns[x.ref_column].def.name).put(')');
                w.put(spell_action(x.on_delete));
                break;
        }
    }

    // CREATE TABLE for table t as the state defines it, under `name` (a rebuild's new table).
    constexpr void create_table(emitter& p, const S& s, int t, std::string_view prefix = {}) const {
        emitter& w = p.begin();
        w.put("CREATE TABLE ").ident(prefix, s.tables[t].name).put(" (");
        bool first = true;
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next) {
            w.put(first ? "\n  "sv : ",\n  "sv);
            first = false;
            column_def(w, s, c);
        }
        for (int k = s.tables[t].first_constraint; k != -1; k = s.constraints[k].next) {
            w.put(",\n  ");
            constraint_def(w, s, k);
        }
        w.put("\n)");
        p.end();
    }
    // `concurrently`: a *_index_concurrently operation, CONCURRENTLY where the dialect has it.
    constexpr void create_index(emitter& p, const S& s, int i, bool concurrently = false) const {
        const index_state& x = s.indexes[i];
        emitter& w = p.begin();
        if (concurrently && d.concurrent_indexes) w.put(x.unique ? "CREATE UNIQUE INDEX CONCURRENTLY "sv : "CREATE INDEX CONCURRENTLY "sv);
        else w.put(x.unique ? "CREATE UNIQUE INDEX "sv : "CREATE INDEX "sv);
        w.ident(x.name).put(" ON ").ident(s.tables[x.table].name).put(" (");
        for (std::size_t k = 0; k < x.ncolumns; ++k) {
            if (k) w.put(", ");
            w.ident(s.columns[x.columns[k]].def.name);
        }
        w.put(')');
        p.end();
    }
    constexpr void drop_index(emitter& p, std::string_view name, bool concurrently) const {
        p.begin().put(concurrently && d.concurrent_indexes ? "DROP INDEX CONCURRENTLY "sv : "DROP INDEX "sv).ident(name);
        p.end();
    }
    constexpr void create_indexes_of(emitter& p, const S& s, int t) const {
        for (int i = s.tables[t].first_index; i != -1; i = s.indexes[i].next) create_index(p, s, i);
    }
    constexpr void create_enum(emitter& p, const S& s, int e) const {
        emitter& w = p.begin();
        w.put("CREATE TYPE ").ident(s.enums[e].name).put(" AS ENUM (");
        for (int v = s.enums[e].first; v != -1; v = s.enum_values[v].next) {
            w.literal(s.enum_values[v].value);
            if (s.enum_values[v].next != -1) w.put(", ");
        }
        w.put(')');
        p.end();
    }

    // SQLite's procedure for changes ALTER TABLE cannot make: new table, copy, drop, rename,
    // indexes, foreign-key check; each direction's steps in the order a runtime runs them.
    // The guard: DROP TABLE would take with it whatever the state does not know; its fragments
    // are the live table's name, its columns, "index" and its indexes (step_kind::rebuild_guard).
    constexpr void rebuild_guard(emitter& p, const S& s, int t) const {
        emitter& g = p.begin();
        g.ident(s.tables[t].name);
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next) g.ident(s.columns[c].def.name);
        g.put("index");
        for (int i = s.tables[t].first_index; i != -1; i = s.indexes[i].next) g.ident(s.indexes[i].name);
        p.end(step_kind::rebuild_guard);
    }
    // INSERT INTO the new table the columns both ends have (those before slot first_new), then
    // DROP TABLE, RENAME, the indexes and the foreign-key check.
    constexpr void rebuild_rest(emitter& p, const S& s, int t, int first_new, bool autoincrement) const {
        std::string_view name = s.tables[t].name;
        emitter& w = p.begin();
        w.put("INSERT INTO ").ident("_strata_new_"sv, name).put(" (");
        auto list = [&] {
            bool first = true;
            for (int c = s.tables[t].first; c != -1; c = s.columns[c].next)
                if (c < first_new) {
                    if (!first) w.put(", ");
                    first = false;
                    w.ident(s.columns[c].def.name);
                }
        };
        list();
        w.put(") SELECT ");
        list();
        w.put(" FROM ").ident(name);
        p.end();
        if (autoincrement) {  // DROP TABLE forgets the sequence: carry it over
            p.begin().put("DELETE FROM \"sqlite_sequence\" WHERE \"name\" = ").literal("_strata_new_"sv, name);
            p.end();
            p.begin().put("INSERT INTO \"sqlite_sequence\" (\"name\", \"seq\") SELECT ").literal("_strata_new_"sv, name)
                .put(", \"seq\" FROM \"sqlite_sequence\" WHERE \"name\" = ").literal(name);
            p.end();
        }
        p.begin().put("DROP TABLE ").ident(name);
        p.end();
        p.begin().put("ALTER TABLE ").ident("_strata_new_"sv, name).put(" RENAME TO ").ident(name);
        p.end();
        create_indexes_of(p, s, t);
        p.begin().put("PRAGMA foreign_key_check(").ident(name).put(')');
        p.end(step_kind::foreign_key_check);
    }
    static constexpr bool has_autoincrement(const S& s, int t) {
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next)
            if (s.columns[c].def.autoincrement) return true;
        return false;
    }
    // A run starts with the state before its first operation, and ends with the state after
    // its last.
    constexpr void start_up_run(emitter& up, const S& s, int t) {
        rebuilds = true;
        rebuild_guard(up, s, t);
        up_run = rebuild_run{t, s.ncolumns, false};
    }
    constexpr void end_up_run(emitter& up, const S& s) {
        const int t = up_run.table;
        create_table(up, s, t, "_strata_new_"sv);
        rebuild_rest(up, s, t, up_run.first_new, has_autoincrement(s, t));
        up_run = rebuild_run{};
    }
    constexpr void start_down_run(emitter& down, const S& s, int t) {
        rebuilds = true;
        create_table(down, s, t, "_strata_new_"sv);
        down_run = rebuild_run{t, s.ncolumns, has_autoincrement(s, t)};
    }
    constexpr void end_down_run(emitter& down, const S& s) {
        const int t = down_run.table;
        rebuild_guard(down, s, t);
        rebuild_rest(down, s, t, down_run.first_new, down_run.autoincrement);
        down_run = rebuild_run{};
    }
    // The operation rebuilds its table: it starts a run, or continues the one before() left.
    // (before() ended any run of another table.)
    constexpr void join_runs(const S& s, emitter& up, emitter& down) {
        if (targets.up >= 0 && up_run.table != targets.up) start_up_run(up, s, targets.up);
        if (targets.down >= 0 && down_run.table != targets.down) start_down_run(down, s, targets.down);
    }

    // Which table `op` rebuilds, each way, without ALTER in place (spelled from the state before it).
    constexpr rebuild_targets rebuilds_of(const S& s, const op_desc& op) const {
        switch (op.kind) {
            case op_kind::validate:
            case op_kind::background: return {neutral, neutral};
            case op_kind::add_column: {
                const int t = s.find_table(op.table);
                if (t == -1) return {};
                const column_desc& c = op.columns[0];
                const bool plain_drop = !(c.primary_key || c.unique || !c.ref_table.empty()) && s.tables[t].first_constraint == -1;
                return {can_add_without_rebuild(c) ? no_rebuild : t, plain_drop ? no_rebuild : t};
            }
            case op_kind::drop_column: {
                const int t = s.find_table(op.table);
                const int c = t == -1 ? -1 : s.find_column(t, op.name);
                if (c == -1) return {};
                return {can_drop_without_rebuild(s, c) ? no_rebuild : t, can_add_without_rebuild(s.columns[c].def) ? no_rebuild : t};
            }
            case op_kind::alter_column: {
                const int t = s.find_table(op.table);
                const int c = t == -1 ? -1 : s.find_column(t, op.name);
                if (c == -1) return {};
                // a change SQLite spells the same (integer to bigint) is the same table there
                const column_desc& from = s.columns[c].def;
                const column_desc to = altered(from, op.alter);
                if (from.not_null == to.not_null && from.def == to.def && spelled_alike(d, from.type, to.type))
                    return {neutral, neutral};
                return {t, t};
            }
            case op_kind::add_constraint:
            case op_kind::drop_constraint: {
                const int t = s.find_table(op.table);
                return {t, t};
            }
            case op_kind::add_enum_value: {  // the tables with a column of the enum
                if (d.enum_types) return {neutral, neutral};
                const int e = s.find_enum(op.name);
                if (e == -1) return {};
                int users = neutral;
                for (int t = 0; t < s.ntables && users != several; ++t) {
                    if (!s.tables[t].alive) continue;
                    for (int c = s.tables[t].first; c != -1; c = s.columns[c].next)
                        if (s.columns[c].def.type.kind == type_kind::enumeration && same_name(s.columns[c].def.type.enum_name, op.name)) {
                            users = users == neutral ? t : several;
                            break;
                        }
                }
                return {users, users};
            }
            default: return {};
        }
    }

    // Without ALTER in place, can ALTER TABLE ADD COLUMN / DROP COLUMN still do it (as SQLite's
    // can), or does it take a rebuild?
    static constexpr bool can_add_without_rebuild(const column_desc& d) {
        if (d.primary_key || d.unique || d.def.kind == default_kind::sql) return false;
        if (d.not_null && d.def.kind == default_kind::none) return false;
        if (!d.ref_table.empty() && d.def.kind != default_kind::none) return false;
        return true;
    }
    static constexpr bool can_drop_without_rebuild(const S& s, int c) {
        const column_state& x = s.columns[c];
        return !(x.def.primary_key || x.def.unique || !x.def.ref_table.empty() || s.tables[x.table].first_constraint != -1);
    }

    constexpr void add_column_sql(emitter& p, const S& s, int t, int c) const {
        emitter& w = p.begin();
        w.put("ALTER TABLE ").ident(s.tables[t].name).put(" ADD COLUMN ");
        column_def(w, s, c);
        p.end();
    }
    constexpr void drop_column_sql(emitter& p, const S& s, int t, int c) const {
        p.begin().put("ALTER TABLE ").ident(s.tables[t].name).put(" DROP COLUMN ").ident(s.columns[c].def.name);
        p.end();
    }
    // PostgreSQL: the ALTER COLUMN clauses that turn column definition `from` into `to`.
    constexpr void alter_sql(emitter& p, std::string_view table, const column_desc& from, const column_desc& to) const {
        // A default may not survive a type change (PostgreSQL casts it): drop it first, set the
        // new one after.
        const bool retype = !(from.type == to.type);
        if (!retype && from.not_null == to.not_null && from.def == to.def) return;  // (set_type to its own type)
        if (retype && from.def.kind != default_kind::none) {
            p.begin().put("ALTER TABLE ").ident(table).put(" ALTER COLUMN ").ident(to.name).put(" DROP DEFAULT");
            p.end();
        }
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
            w.put(" USING ").ident(to.name).put("::");
            if (to.type.kind == type_kind::enumeration || from.type.kind == type_kind::enumeration) w.put("text::");
            spell_type(w, d, to.type);
        }
        if (from.not_null != to.not_null) clause().put(to.not_null ? "SET NOT NULL"sv : "DROP NOT NULL"sv);
        if (retype && from.def.kind != default_kind::none) {
            p.end();  // the TYPE clause is in it
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
    }
    // PostgreSQL cannot drop an enum value: rename the type away, recreate it as the state
    // has it, move every column over, drop the old type.
    constexpr void recreate_enum(emitter& p, const S& s, int e) const {
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
    constexpr void rebuild_enum_users(emitter& p, const S& s, std::string_view enum_name, bool up) {
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
    }
    constexpr void check_expressible(error& e, const S& s, int t) const {
        for (int c = s.tables[t].first; c != -1 && !e; c = s.columns[c].next)
            if (auto why = inexpressible(d, s.columns[c].def); !why.empty())
                e = fail(error_kind::dialect_cannot_express, s.tables[t].name, s.columns[c].def.name, why);
    }

    // A seed value: integers as written, booleans as the dialect spells them, strings quoted.
    constexpr void seed_value(emitter& w, const seed_cell& v) const {
        switch (v.kind) {
            case default_kind::none: w.put("NULL"); break;
            case default_kind::boolean: spell_boolean(w, d, v.text); break;
            case default_kind::string: w.literal(v.text); break;
            default: w.put(v.text);
        }
    }
    // INSERT of every row; the down deletes exactly them, by primary key.
    constexpr void seed_sql(emitter& up, emitter& down, const S& s, const op_desc& op) const {
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
            for (std::size_t i = 0; i < n; ++i) seeded = seeded || op.names[i] == col.name;
            if (!col.autoincrement || !seeded) continue;
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

    // Called before each operation (with the state before it): ends the runs it does not
    // continue. Returns whether its down steps make a piece of their own (generate_migration
    // reverses the order of pieces, not the steps within one): not while a down run is open,
    // which must stay one piece from its new table to its foreign-key check.
    constexpr bool before(const S& s, const op_desc& op, emitter& up, emitter& down) {
        targets = d.alters_in_place ? rebuild_targets{} : rebuilds_of(s, op);
        if (up_run.table != -1 && targets.up != neutral && targets.up != up_run.table) end_up_run(up, s);
        if (down_run.table != -1 && targets.down != neutral && targets.down != down_run.table) end_down_run(down, s);
        return down_run.table == -1;
    }
    // After the last operation: ends the runs still open.
    constexpr void finish(const S& s, emitter& up, emitter& down) {
        if (up_run.table != -1) end_up_run(up, s);
        if (down_run.table != -1) end_down_run(down, s);
    }

    // Applies `op` to `s` and spells its up and down statements (after before()).
    constexpr error operation(S& s, const op_desc& op, emitter& up, emitter& down) {
        error e{};
        switch (op.kind) {
            case op_kind::create_table: {
                if ((e = s.apply(op))) return e;
                int t = s.find_table(op.table);
                check_expressible(e, s, t);
                create_table(up, s, t);
                down.begin().put("DROP TABLE ").ident(op.table);
                down.end();
                return e;
            }
            case op_kind::drop_table: {
                int t = s.find_table(op.table);
                if (t != -1) {
                    create_table(down, s, t);
                    create_indexes_of(down, s, t);
                }
                if ((e = s.apply(op))) return e;
                up.begin().put("DROP TABLE ").ident(op.table);
                up.end();
                return e;
            }
            case op_kind::rename_table:
                if ((e = s.apply(op))) return e;
                up.begin().put("ALTER TABLE ").ident(op.table).put(" RENAME TO ").ident(op.new_name);
                up.end();
                down.begin().put("ALTER TABLE ").ident(op.new_name).put(" RENAME TO ").ident(op.table);
                down.end();
                return e;
            case op_kind::add_column: {
                int t = s.find_table(op.table);
                if (t == -1) return fail(error_kind::needs_chain, op.table);
                join_runs(s, up, down);
                if ((e = s.apply(op))) return e;
                int c = s.find_column(t, op.name);
                if (auto why = inexpressible(d, s.columns[c].def); !why.empty())
                    return fail(error_kind::dialect_cannot_express, op.table, op.name, why);
                if (targets.up == no_rebuild) add_column_sql(up, s, t, c);
                if (targets.down == no_rebuild) drop_column_sql(down, s, t, c);
                return e;
            }
            case op_kind::drop_column: {
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
            case op_kind::rename_column:
                if ((e = s.apply(op))) return e;
                up.begin().put("ALTER TABLE ").ident(op.table).put(" RENAME COLUMN ").ident(op.name).put(" TO ").ident(op.new_name);
                up.end();
                down.begin().put("ALTER TABLE ").ident(op.table).put(" RENAME COLUMN ").ident(op.new_name).put(" TO ").ident(op.name);
                down.end();
                return e;
            case op_kind::alter_column: {
                int t = s.find_table(op.table);
                if (t == -1) return fail(error_kind::needs_chain, op.table);
                int c = s.find_column(t, op.name);
                if (c == -1) return fail(error_kind::needs_chain, op.table, op.name);
                const column_desc before = s.columns[c].def;
                join_runs(s, up, down);  // (none when both ends are spelled alike)
                if ((e = s.apply(op))) return e;
                if (auto why = inexpressible(d, s.columns[c].def); !why.empty())
                    return fail(error_kind::dialect_cannot_express, op.table, op.name, why);
                if (d.alters_in_place) {
                    alter_sql(up, op.table, before, s.columns[c].def);
                    alter_sql(down, op.table, s.columns[c].def, before);
                }
                return e;
            }
            case op_kind::create_index:
                if ((e = s.apply(op))) return e;
                concurrent = concurrent || (op.concurrently && d.concurrent_indexes);
                create_index(up, s, s.find_index(op.name), op.concurrently);
                drop_index(down, op.name, op.concurrently);
                return e;
            case op_kind::drop_index: {
                int i = s.find_index(op.name);
                if (i == -1) return fail(error_kind::needs_chain, op.name);
                concurrent = concurrent || (op.concurrently && d.concurrent_indexes);
                create_index(down, s, i, op.concurrently);
                if ((e = s.apply(op))) return e;
                drop_index(up, op.name, op.concurrently);
                return e;
            }
            case op_kind::add_constraint: {
                int t = s.find_table(op.table);
                if (t == -1) return fail(error_kind::needs_chain, op.table);
                join_runs(s, up, down);
                if ((e = s.apply(op))) return e;
                if (d.alters_in_place) {
                    emitter& w = up.begin();
                    w.put("ALTER TABLE ").ident(op.table).put(" ADD ");
                    constraint_def(w, s, s.nconstraints - 1);
                    up.end();
                    down.begin().put("ALTER TABLE ").ident(op.table).put(" DROP CONSTRAINT ").ident(op.name);
                    down.end();
                }
                return e;
            }
            case op_kind::drop_constraint: {
                int t = s.find_table(op.table);
                int k = s.find_constraint(op.name);
                if (t == -1 || k == -1) return fail(error_kind::needs_chain, op.table, op.name);
                join_runs(s, up, down);
                if (d.alters_in_place) {
                    emitter& w = down.begin();
                    w.put("ALTER TABLE ").ident(op.table).put(" ADD ");
                    constraint_def(w, s, k);
                    down.end();
                }
                if ((e = s.apply(op))) return e;
                if (d.alters_in_place) {
                    up.begin().put("ALTER TABLE ").ident(op.table).put(" DROP CONSTRAINT ").ident(op.name);
                    up.end();
                }
                return e;
            }
            case op_kind::create_enum:
                if ((e = s.apply(op))) return e;
                if (d.enum_types) {
                    create_enum(up, s, s.find_enum(op.name));
                    down.begin().put("DROP TYPE ").ident(op.name);
                    down.end();
                }
                return e;
            case op_kind::add_enum_value: {
                int en = s.find_enum(op.name);
                if (en == -1) return fail(error_kind::needs_chain, op.name);
                // An enum type gets the value (and loses it by being made again); an enum spelled
                // as a CHECK rebuilds the tables that use it.
                const bool each = targets.up == several;
                if (d.enum_types) recreate_enum(down, s, en);
                else if (each) rebuild_enum_users(down, s, op.name, false);
                else join_runs(s, up, down);
                if ((e = s.apply(op))) return e;
                if (d.enum_types) {
                    up.begin().put("ALTER TYPE ").ident(op.name).put(" ADD VALUE ").literal(op.new_name);
                    up.end();
                } else if (each) {
                    rebuild_enum_users(up, s, op.name, true);
                }
                return e;
            }
            case op_kind::drop_enum: {
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
            case op_kind::execute:
                up.statement(op.sql_up);
                if (op.reversible) down.statement(op.sql_down);
                else irreversible = true;
                return e;
            case op_kind::run:
                up.add_step(step_rec{step_kind::run, 0, 0, op.fn_up, nullptr});
                if (op.reversible) down.add_step(step_rec{step_kind::run, 0, 0, op.fn_down, nullptr});  // (not `if (op.fn_down)`: see null_function)
                else irreversible = true;
                return e;
            case op_kind::validate: return e;  // after the migration's other steps (generate_migration)
            case op_kind::background: return e;  // not part of the migration's SQL: run by the start-up helper
            case op_kind::seed: {
                if ((e = s.apply(op))) return e;
                seed_sql(up, down, s, op);
                return e;
            }
        }
        return e;
    }

};

}  // namespace strata::detail
