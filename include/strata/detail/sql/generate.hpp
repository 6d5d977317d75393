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
    fragment fa[48]{}, fb[48]{};  // (the longest: NUMERIC(, 20 digits, ", ", 20 digits, ))
    emitter wa{.frags = fa, .frag_room = 48}, wb{.frags = fb, .frag_room = 48};
    spell_type(wa, d, a);
    spell_type(wb, d, b);
    if (wa.nfrags != wb.nfrags) return false;
    for (std::size_t i = 0; i < wa.nfrags; ++i)
        if (fa[i].view() != fb[i].view()) return false;
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
    // during the run are those from `first_new` on: no old data. A plain ADD or DROP COLUMN of the
    // run's table joins it (before()). What changes an index or a name (and anything else) ends
    // a run, so both ends have the same indexes and names.
    // generate_migration keeps a down run's steps in one piece (see before()).
    struct rebuild_run {
        int table = -1;  // -1: no run
        int first_new = 0;
        bool autoincrement = false;  // (down) the table to go back to has an AUTOINCREMENT column
        unsigned rowid_names_taken = 0;  // the rowid's names the table's columns take at the run's start
        int rowid_column = -1;  // (down) the column that is the rowid of the table to go back to
        // (down) the columns an alter_column of the run changed (more than fit: `altered_more`)
        int altered[4] = {-1, -1, -1, -1};
        bool altered_more = false;
        constexpr void note_altered(int c) {
            for (int& a : altered)
                if (a == -1 || a == c) {
                    a = c;
                    return;
                }
            altered_more = true;
        }
        constexpr bool was_altered(int c) const {
            for (int a : altered)
                if (a == c) return true;
            return altered_more;
        }
    };
    static constexpr int no_rebuild = -1, neutral = -2, several = -3;
    struct rebuild_targets {
        int up = no_rebuild, down = no_rebuild;  // a table; no_rebuild; neutral: no SQL, ends no run; several tables
    };
    rebuild_run up_run{}, down_run{};
    rebuild_targets targets{};  // the operation's, set by before()
    // Consecutive add_enum_value of one enum that several tables use (a CHECK of its values in
    // each): every table rebuilt once for them all. Only the CHECK differs between the ends, so
    // up, the tables are rebuilt when the run ends (before() of the next operation, or finish());
    // down, by the run's first value, back to the state before it.
    std::string_view enum_run{};
    // While rebuild_enum_users rebuilds the tables of this enum: their guard names the enum's
    // CHECK by its column only ("enum check"), since the live table has the run's other end
    // of its values.
    std::string_view enum_rebuilt{};

    constexpr void column_def(emitter& w, const S& s, int c) const {
        const column_state& cs = s.columns[c];
        const column_desc& d0 = cs.def;
        spell_type(w.ident(d0.name), d, d0.type, true);
        if (d0.not_null) w.put(" NOT NULL");
        if (d0.primary_key) {
            w.put(" PRIMARY KEY");
            if (d0.autoincrement) w.put(d.autoincrement);
            else if (d0.identity) w.put(d.identity);
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
                w.put(" CONSTRAINT \"").put(std::string_view{cs.check_table.data(), cut.n1}).put("_");
                w.put(std::string_view{cs.check_column.data(), cut.n2}).put("_check\"");
            }
            w.put(" CHECK (").put(d0.check).put(')');
        }
        if (!d.enum_types && d0.type.kind == type_kind::enumeration) enum_check(w.put(" CHECK ("), s, d0).put(')');
        if (cs.ref_table != -1) {
            w.put(" REFERENCES ").ident(s.tables[cs.ref_table].name).put(" (").ident(s.columns[cs.ref_column].def.name).put(')');
            w.put(spell_action(d0.on_delete));
        } else if (!d0.ref_table.empty()) {  // a lone migration's reference to a table it does not see
            w.put(" REFERENCES ").ident(d0.ref_table).put(" (").ident(d0.ref_column).put(')');
            w.put(spell_action(d0.on_delete));
        }
    }

    // An enum column's CHECK of its values, without an enum type: "mood" IN ('calm', 'busy').
    constexpr emitter& enum_check(emitter& w, const S& s, const column_desc& d0) const {
        w.ident(d0.name).put(" IN (");
        int e = s.find_enum(d0.type.enum_name);
        bool first = true;
        for (int v = e == -1 ? -1 : s.enums[e].first; v != -1; v = s.enum_values[v].next) {
            if (!first) w.put(", ");
            first = false;
            w.literal(s.enum_values[v].value);
        }
        return w.put(')');
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

    // CREATE TABLE for table t as the state defines it; `as_new`: a rebuild's new table,
    // "_strata_new_<name>". (The prefix in the keyword's fragment, the name without its quotes:
    // three fragments, where a quote, a prefix and a name were six.)
    constexpr void create_table(emitter& p, const S& s, int t, bool as_new = false) const {
        emitter& w = p.begin();
        if (as_new) w.put("CREATE TABLE \"_strata_new_").put(s.tables[t].name).put("\" (");
        else w.put("CREATE TABLE ").ident(s.tables[t].name).put(" (");
        bool first = true;
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next) {
            w.put(first ? "\n  "sv : ",\n  "sv);
            first = false;
            column_def(w, s, c);
        }
        for (int k = s.tables[t].first_constraint; k != -1; k = s.constraints[k].next) {
            if (added_not_valid(s, k)) continue;
            w.put(",\n  ");
            constraint_def(w, s, k);
        }
        w.put("\n)");
        p.end();
        // CREATE TABLE takes NOT VALID and makes the constraint valid all the same: added after it
        // (drop_table's down), it stays as the state has it
        for (int k = s.tables[t].first_constraint; k != -1; k = s.constraints[k].next)
            if (added_not_valid(s, k)) add_constraint(p, s, k);
    }
    // A not_valid foreign key or check, where the dialect adds it NOT VALID.
    constexpr bool added_not_valid(const S& s, int k) const { return d.not_valid_constraints && s.constraints[k].not_valid; }
    // ALTER TABLE ... ADD of constraint k (NOT VALID when it is not valid).
    constexpr void add_constraint(emitter& p, const S& s, int k) const {
        emitter& w = p.begin();
        w.put("ALTER TABLE ").ident(s.tables[s.constraints[k].table].name).put(" ADD ");
        constraint_def(w, s, k);
        if (added_not_valid(s, k)) w.put(" NOT VALID");
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
    constexpr void create_enum(emitter& p, const S& s, int e) const;

    // SQLite's procedure for changes ALTER TABLE cannot make: new table, copy, drop, rename,
    // indexes, foreign-key check; each direction's steps in the order a runtime runs them.
    // The guard: DROP TABLE would take with it whatever the state does not know, and the new
    // table has only what the state gives it. Its fragments (step_kind::rebuild_guard) are the
    // live table's name and its columns, each followed by its type; then, as create_table
    // spells them, "not null" and the column for each NOT NULL column, "check" for each check
    // (an enum's on SQLite too) with its expression and an empty fragment (a table's: "check
    // named" and its name first; an enum's whose values the rebuild changes: "enum check" and
    // the column), "autoincrement", "foreign key" with its column, the table and
    // column it references and its ON DELETE action, "unique" with the columns of each unique
    // key, "primary key" with the key's columns; then for each index "index", its name, "on" or
    // "unique on", its columns; last, for each default, "default", the column, the default and
    // an empty fragment.
    constexpr void rebuild_guard(emitter& p, const S& s, int t) const {
        emitter& g = p.begin();
        g.ident(s.tables[t].name);
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next)
            spell_type(g.ident(s.columns[c].def.name), d, s.columns[c].def.type);
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next) {
            const column_state& cs = s.columns[c];
            const column_desc& d0 = cs.def;
            if (d0.not_null) g.put("not null").ident(d0.name);
            if (!d0.check.empty()) g.put("check").put(d0.check).put("");
            if (!d.enum_types && d0.type.kind == type_kind::enumeration) {
                if (same_name(d0.type.enum_name, enum_rebuilt)) g.put("enum check").ident(d0.name);
                else enum_check(g.put("check"), s, d0).put("");
            }
            if (cs.ref_table != -1)
                g.put("foreign key").ident(d0.name).ident(s.tables[cs.ref_table].name).ident(s.columns[cs.ref_column].def.name)
                    .put(action_word(d0.on_delete));
            else if (!d0.ref_table.empty())
                g.put("foreign key").ident(d0.name).ident(d0.ref_table).ident(d0.ref_column).put(action_word(d0.on_delete));
            if (d0.unique) g.put("unique").ident(d0.name);
            if (d0.primary_key && d0.autoincrement) g.put("autoincrement");
        }
        for (int k = s.tables[t].first_constraint; k != -1; k = s.constraints[k].next) {
            const constraint_state& x = s.constraints[k];
            if (x.kind == constraint_kind::check) g.put("check named").ident(x.name).put(x.check).put("");
            else if (x.kind == constraint_kind::foreign_key)
                g.put("foreign key").ident(s.columns[x.columns[0]].def.name).ident(s.tables[x.ref_table].name)
                    .ident(s.columns[x.ref_column].def.name).put(action_word(x.on_delete));
            else if (x.kind == constraint_kind::unique) {
                g.put("unique");
                for (std::size_t i = 0; i < x.ncolumns; ++i) g.ident(s.columns[x.columns[i]].def.name);
            }
        }
        int key[max_key_columns]{};
        if (const std::size_t n = s.primary_key_columns(t, key)) {
            g.put("primary key");
            for (std::size_t i = 0; i < n; ++i) g.ident(s.columns[key[i]].def.name);
        }
        for (int i = s.tables[t].first_index; i != -1; i = s.indexes[i].next) {
            const index_state& x = s.indexes[i];
            g.put("index").ident(x.name).put(x.unique ? "unique on"sv : "on"sv);
            for (std::size_t k = 0; k < x.ncolumns; ++k) g.ident(s.columns[x.columns[k]].def.name);
        }
        // (no default spells an empty fragment)
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next)
            if (s.columns[c].def.def.kind != default_kind::none)
                spell_default(g.put("default").ident(s.columns[c].def.name), d, s.columns[c].def.def), g.put("");
        p.end(step_kind::rebuild_guard);
    }
    // INSERT INTO the new table the columns both ends have (those before slot first_new), then
    // DROP TABLE, RENAME, the indexes and the foreign-key check.
    // `rowid`: the name to copy each row's rowid by, or empty (rowid_to_copy).
    constexpr void rebuild_rest(emitter& p, const S& s, int t, int first_new, bool autoincrement, std::string_view rowid) const {
        std::string_view name = s.tables[t].name;
        emitter& w = p.begin();
        w.put("INSERT INTO \"_strata_new_").put(name).put("\" (");
        auto list = [&] {
            bool first = rowid.empty();
            if (!first) w.put(rowid);
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
        p.begin().put("ALTER TABLE \"_strata_new_").put(name).put("\" RENAME TO ").ident(name);
        p.end();
        create_indexes_of(p, s, t);
        p.begin().put("PRAGMA foreign_key_check(").ident(name).put(')');
        p.end(step_kind::foreign_key_check);
    }
    // Which of the dialect's rowid names (quoted) table t's columns take (any case), a bit each.
    // (Called four times a rebuild, on every column: most names are of no rowid name's length,
    // and are passed over by that one test.)
    constexpr unsigned rowid_names_taken(const S& s, int t) const {
        unsigned taken = 0;
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next) {
            const std::string_view n = s.columns[c].def.name;
            if (n.size() >= 32 || !((d.rowid_name_sizes >> n.size()) & 1u)) continue;
            for (unsigned k = 0; k < 3; ++k)
                if (const std::string_view r = d.rowid_names[k];
                    r.size() == n.size() + 2 && same_ignoring_case(n, std::string_view{r.data() + 1, n.size()}))
                    taken |= 1u << k;
        }
        return taken;
    }
    // The column that is table t's rowid (a lone primary key of the rowid's type), or -1.
    constexpr int rowid_column(const S& s, int t) const {
        int key[max_key_columns]{};
        return !d.rowid_type.empty() && s.primary_key_columns(t, key) == 1 &&
                       same_name(d.type_name(s.columns[key[0]].def.type.kind), d.rowid_type)
                   ? key[0]
                   : -1;
    }
    static constexpr bool in_table(const S& s, int t, int column) {
        for (int c = s.tables[t].first; c != -1; c = s.columns[c].next)
            if (c == column) return true;
        return false;
    }
    // The rowid's name for the copy from a table to its new self: the first no column of either
    // takes; none when all are taken, or when the new table's rowid is a column the copy fills
    // (a new one, such as an id column added, takes the old rowids).
    constexpr std::string_view rowid_to_copy(unsigned taken, bool rowid_column_copied) const {
        if (rowid_column_copied) return {};
        for (unsigned k = 0; k < 3; ++k)
            if (!(taken & (1u << k)) && !d.rowid_names[k].empty()) return d.rowid_names[k];
        return {};
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
        up_run = rebuild_run{t, s.ncolumns, false, rowid_names_taken(s, t), -1};
    }
    constexpr void end_up_run(emitter& up, const S& s) {
        const int t = up_run.table;
        create_table(up, s, t, true);
        const int rowid = rowid_column(s, t);
        rebuild_rest(up, s, t, up_run.first_new, has_autoincrement(s, t),
                     rowid_to_copy(up_run.rowid_names_taken | rowid_names_taken(s, t), rowid >= 0 && rowid < up_run.first_new));
        up_run = rebuild_run{};
    }
    constexpr void start_down_run(emitter& down, const S& s, int t) {
        rebuilds = true;
        create_table(down, s, t, true);
        down_run = rebuild_run{t, s.ncolumns, has_autoincrement(s, t), rowid_names_taken(s, t), rowid_column(s, t)};
    }
    constexpr void end_down_run(emitter& down, const S& s) {
        const int t = down_run.table;
        rebuild_guard(down, s, t);
        rebuild_rest(down, s, t, down_run.first_new, down_run.autoincrement,
                     rowid_to_copy(down_run.rowid_names_taken | rowid_names_taken(s, t),
                                   down_run.rowid_column >= 0 && in_table(s, t, down_run.rowid_column)));
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
            case op_kind::validate_constraint:  // (no SQL without ALTER in place)
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

    constexpr void add_column_sql(emitter& p, const S& s, int t, int c) const;
    constexpr void drop_column_sql(emitter& p, const S& s, int t, int c) const;
    constexpr void alter_sql(emitter& p, std::string_view table, const column_desc& from, const column_desc& to) const;
    constexpr void recreate_enum(emitter& p, const S& s, int e) const;
    constexpr void rebuild_enum_users(emitter& p, const S& s, std::string_view enum_name, bool up);
    constexpr void check_expressible(error& e, const S& s, int t) const {
        for (int c = s.tables[t].first; c != -1 && !e; c = s.columns[c].next)
            if (auto why = inexpressible(d, s.columns[c].def); !why.empty())
                e = fail(error_kind::dialect_cannot_express, s.tables[t].name, s.columns[c].def.name, why);
    }

    constexpr void seed_value(emitter& w, const seed_cell& v) const;
    constexpr void seed_sql(emitter& up, emitter& down, const S& s, const op_desc& op) const;

    // Called before each operation (with the state before it): ends the runs it does not
    // continue. Returns whether its down steps make a piece of their own (generate_migration
    // reverses the order of pieces, not the steps within one): not while a down run is open,
    // which must stay one piece from its new table to its foreign-key check.
    constexpr bool before(const S& s, const op_desc& op, emitter& up, emitter& down) {
        targets = d.alters_in_place ? rebuild_targets{} : rebuilds_of(s, op);
        // Old rows get a column's values from the statement that makes it, as PostgreSQL runs
        // each in turn: up, the default of the ADD COLUMN, not the run's last (a later change of
        // a column the run adds ends the run first); down, a dropped column comes back as it was
        // when dropped (its drop after a change of it in the run ends the run first).
        if (up_run.table != -1 && op.kind == op_kind::alter_column && targets.up == up_run.table &&
            s.find_column(up_run.table, op.name) >= up_run.first_new)
            end_up_run(up, s);
        if (down_run.table != -1 && op.kind == op_kind::drop_column && s.find_table(op.table) == down_run.table &&
            down_run.was_altered(s.find_column(down_run.table, op.name)))
            end_down_run(down, s);
        // A plain ADD or DROP COLUMN of the table a run rebuilds joins the run: the rebuild makes
        // the column, or leaves it out, and copies the same columns either way.
        // (looked up only when a run is open: never where ALTER works in place)
        if ((op.kind == op_kind::add_column || op.kind == op_kind::drop_column) && (up_run.table != -1 || down_run.table != -1)) {
            const int t = s.find_table(op.table);
            if (t != -1 && targets.up == no_rebuild && t == up_run.table) targets.up = t;
            if (t != -1 && targets.down == no_rebuild && t == down_run.table) targets.down = t;
        }
        if (!enum_run.empty() && !(op.kind == op_kind::add_enum_value && targets.up == several && same_name(op.name, enum_run))) {
            rebuild_enum_users(up, s, enum_run, true);
            enum_run = {};
        }
        if (up_run.table != -1 && targets.up != neutral && targets.up != up_run.table) end_up_run(up, s);
        if (down_run.table != -1 && targets.down != neutral && targets.down != down_run.table) end_down_run(down, s);
        return down_run.table == -1;
    }
    // After the last operation: ends the runs still open.
    constexpr void finish(const S& s, emitter& up, emitter& down) {
        if (!enum_run.empty()) rebuild_enum_users(up, s, enum_run, true);
        enum_run = {};
        if (up_run.table != -1) end_up_run(up, s);
        if (down_run.table != -1) end_down_run(down, s);
    }

    // Applies `op` to `s` and spells its up and down statements (after before()); each
    // operation's in the file of detail/sql/operations/ named as its DSL header.
    constexpr error operation(S& s, const op_desc& op, emitter& up, emitter& down) {
        switch (op.kind) {
            case op_kind::create_table: return generate_create_table(s, op, up, down);
            case op_kind::drop_table: return generate_drop_table(s, op, up, down);
            case op_kind::rename_table: return generate_rename_table(s, op, up, down);
            case op_kind::add_column: return generate_add_column(s, op, up, down);
            case op_kind::drop_column: return generate_drop_column(s, op, up, down);
            case op_kind::rename_column: return generate_rename_column(s, op, up, down);
            case op_kind::alter_column: return generate_alter_column(s, op, up, down);
            case op_kind::create_index: return generate_create_index(s, op, up, down);
            case op_kind::drop_index: return generate_drop_index(s, op, up, down);
            case op_kind::add_constraint: return generate_add_constraint(s, op, up, down);
            case op_kind::drop_constraint: return generate_drop_constraint(s, op, up, down);
            case op_kind::validate_constraint: return generate_validate_constraint(s, op, up, down);
            case op_kind::create_enum: return generate_create_enum(s, op, up, down);
            case op_kind::add_enum_value: return generate_add_enum_value(s, op, up, down);
            case op_kind::drop_enum: return generate_drop_enum(s, op, up, down);
            case op_kind::seed: return generate_seed(s, op, up, down);
            case op_kind::execute: return generate_execute(s, op, up, down);
            case op_kind::run: return generate_run(s, op, up, down);
            case op_kind::validate: return generate_validate(s, op, up, down);
            case op_kind::background: return generate_background(s, op, up, down);
        }
        return {};
    }
    constexpr error generate_create_table(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_drop_table(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_rename_table(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_add_column(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_drop_column(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_rename_column(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_alter_column(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_create_index(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_drop_index(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_add_constraint(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_drop_constraint(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_validate_constraint(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_create_enum(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_add_enum_value(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_drop_enum(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_seed(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_execute(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_run(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_validate(S& s, const op_desc& op, emitter& up, emitter& down);
    constexpr error generate_background(S& s, const op_desc& op, emitter& up, emitter& down);

};

}  // namespace strata::detail

// Each family of operations' SQL (as operations/ groups the DSL).
#include <strata/detail/sql/operations/tables.hpp>
#include <strata/detail/sql/operations/columns.hpp>
#include <strata/detail/sql/operations/indexes.hpp>
#include <strata/detail/sql/operations/enums.hpp>
#include <strata/detail/sql/operations/seed.hpp>
#include <strata/detail/sql/operations/steps.hpp>
