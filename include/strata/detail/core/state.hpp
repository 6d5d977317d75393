#pragma once
// The typed schema state as a constexpr value and the fold step that applies one operation.
//
// Why values and not types: a schema rebuilt as a type per migration, or kept in a Boost.Hana
// map, grows compile time super-linearly (measured: 1,036 s at N = 1000; a Hana map 365 s at
// N = 30). So no Boost.Hana here or at the edges: a pack becomes an array by a braced expansion,
// one instantiation and no argument limit (docs/design.md). Here the state lives
// in fixed-capacity arrays sized once per chain; a step mutates it in place and costs the same
// at migration 10 as at migration 1000:
//  - slots are never reused (a dropped table keeps its data, marked dead);
//  - names are found through a hash map, columns through their table's list, indexes and
//    constraints through their table's lists;
//  - who uses a column, table or enum is a counter kept up to date, so refusing to drop what is
//    in use needs no scan (the scan that names the user runs only when there is an error).
#include <cstddef>
#include <cstdint>

#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/core/errors.hpp>
#include <strata/detail/core/sql_names.hpp>
#include <strata/fixed_string.hpp>

namespace strata::detail {

struct capacities {
    std::size_t tables = 0, columns = 0, indexes = 0, constraints = 0, enums = 0, enum_values = 0;
    std::size_t names = 0;  // hash-map slots for table, index, constraint and enum names
    std::size_t implicit = 0;  // names PostgreSQL gives what strata leaves unnamed (see implicit_entry)
    std::size_t column_names = 0;  // columns by table and name: every column, and every rename of one
};

struct table_state {
    std::string_view name{};
    int first = -1, last = -1;  // column list, in table order
    int first_index = -1, first_constraint = -1;
    int referenced_by = 0;      // foreign keys from other tables
    bool alive = false;
    bool column_checks = false;  // a column came with a check<...> (check_naming walks the columns only then)
};
struct column_state {
    column_desc def{};  // ref_table/ref_column names are stale after renames: use the slots
    int table = -1;
    int next = -1;
    int ref_table = -1, ref_column = -1;
    int key_uses = 0;     // indexes and constraints naming this column
    int fk_refs = 0;      // foreign keys pointing at this column
    int unique_keys = 0;  // single-column unique indexes / unique or primary key constraints
    bool alive = false;
    // The table and column names when a check<...> came with the column: PostgreSQL names the
    // CHECK after them then, and renames keep that name (pg_derived_name).
    std::string_view check_table{}, check_column{};
    // The column before it in its table (-1: the first): a dropped column leaves its list at once
    // (found by walking, 300 drops of a 300-column table's columns cost a third of clang's steps).
    int prev = -1;
};
struct index_state {
    std::string_view name{};
    int table = -1;
    int next = -1;  // in its table's list
    bool unique = false;
    int columns[max_key_columns]{};
    std::size_t ncolumns = 0;
    bool alive = false;
};
struct constraint_state {
    constraint_kind kind = constraint_kind::unique;
    std::string_view name{};
    int table = -1;
    int next = -1;  // in its table's list
    int columns[max_key_columns]{};
    std::size_t ncolumns = 0;
    std::string_view check{};
    int ref_table = -1, ref_column = -1;
    fk_action on_delete = fk_action::no_action;
    bool alive = false;
    // A foreign key or check added with not_valid and not validated since (validate_constraint):
    // PostgreSQL has not checked the rows that were there when it was added.
    bool not_valid = false;
};
struct enum_state {
    std::string_view name{};
    int first = -1, last = -1;  // value list
    int uses = 0;               // columns of this type
    bool alive = false;
};
struct enum_value_state {
    std::string_view value{};
    int next = -1;
    std::size_t added_in = std::size_t(-1);  // the migration that added it (add_enum_value)
};

// A name PostgreSQL gives an object strata leaves unnamed: `<table>_pkey`, `<table>_<column>_key`
// (a column's unique), `_fkey` (its references<...>), `_check` (its check<...>), `_seq` (its
// autoincrement's sequence). It is chosen when the object is created and kept across renames,
// as PostgreSQL does. Kept by hash (the name is computed, it has no storage of its own), never
// removed: an entry whose holder is gone (slots are never reused) no longer counts.
// (An empty entry is all zeros: in a state made when the program runs, std::make_unique<state>,
// g++ 12 leaves the later elements of these arrays zero, not their members' default values.)
struct implicit_entry {
    std::uint64_t key = 0;    // hash of the name as PostgreSQL spells it (shortened to 63 bytes)
    std::uint32_t full = 0;   // hash of the name before shortening
    int table = 0;            // who holds it
    int column = 0;           // -1: the table's primary key
    bool used = false;
};

enum class name_kind : std::uint8_t { empty, tombstone, table, index, constraint, enumeration };
struct name_entry {
    std::string_view name{};
    name_kind kind = name_kind::empty;
    int slot = -1;
};

constexpr std::size_t at_least_one(std::size_t n) { return n ? n : 1; }
constexpr std::size_t map_capacity(std::size_t names) {
    std::size_t n = 16;
    while (n < 2 * names + 8) n *= 2;
    return n;
}

constexpr bool valid_identifier(std::string_view s) {
    if (s.empty() || s.size() > 63) return false;
    const char* p = s.data();  // (an index loop: see hash_text)
    for (std::size_t i = 0, n = s.size(); i != n; ++i)
        if (p[i] == '"' || p[i] == '\0') return false;
    return true;
}

template <capacities Cap>
struct state {
    table_state tables[at_least_one(Cap.tables)]{};
    column_state columns[at_least_one(Cap.columns)]{};
    index_state indexes[at_least_one(Cap.indexes)]{};
    constraint_state constraints[at_least_one(Cap.constraints)]{};
    enum_state enums[at_least_one(Cap.enums)]{};
    enum_value_state enum_values[at_least_one(Cap.enum_values)]{};
    name_entry names[map_capacity(Cap.names)]{};
    implicit_entry implicit[map_capacity(Cap.implicit)]{};
    // Columns by table and name (see column_home): find_column and column_case_twin probe one
    // run instead of walking the table's list, which cost a name comparison per column of the
    // table for each operation on it (about a fifth of the fold's time on clang at N = 1000). An entry
    // is a live column's slot + 1; 0 is empty, -1 a tombstone.
    int column_map[map_capacity(Cap.column_names)]{};
    int ntables = 0, ncolumns = 0, nindexes = 0, nconstraints = 0, nenums = 0, nenum_values = 0;
    int implicit_like_names = 0;  // names ever mapped that end like an implicit name (_key, ...)
    // A lone migration's SQL (strata::sql<D, M>) is spelled without the chain: references to
    // tables it does not create are taken as written.
    bool lenient = false;
    // The SQL generator replays a chain the fold has checked: the checks that can only refuse
    // (a name taken without case, an implicit name, a column's type or default, a check naming a
    // renamed or dropped column, a seed's values) return at once, and the state changes as the
    // fold changed it.
    bool replay = false;
    std::size_t migration = 0;  // the migration being applied

    static constexpr std::size_t mask = map_capacity(Cap.names) - 1;
    static constexpr std::size_t implicit_mask = map_capacity(Cap.implicit) - 1;
    static constexpr std::size_t column_mask = map_capacity(Cap.column_names) - 1;

    // ---- the name map: tables, indexes, constraints and enums share one namespace, as
    // relations and types do in PostgreSQL ----
    constexpr std::size_t probe(std::string_view n) const {
        std::size_t i = hash_folded(n) & mask;
        while (names[i].kind != name_kind::empty &&
               (names[i].kind == name_kind::tombstone || !same_name(names[i].name, n)))
            i = (i + 1) & mask;
        return i;
    }
    constexpr int find(name_kind k, std::string_view n) const {
        const name_entry& e = names[probe(n)];
        return e.kind == k ? e.slot : -1;
    }
    constexpr bool name_taken(std::string_view n) const { return names[probe(n)].kind != name_kind::empty; }
    constexpr void name_insert(name_kind k, std::string_view n, int slot) {
        std::size_t i = hash_folded(n) & mask;
        while (names[i].kind != name_kind::empty && names[i].kind != name_kind::tombstone) i = (i + 1) & mask;
        names[i] = name_entry{n, k, slot};
        implicit_like_names += implicit_like(n);
    }
    constexpr void name_erase(std::string_view n) {
        std::size_t i = probe(n);
        if (names[i].kind != name_kind::empty) names[i] = name_entry{{}, name_kind::tombstone, -1};
    }
    // A name in the map that differs from n in case only (SQLite takes it for n), or empty. Every
    // case variant of n hashes as n does, so it is in n's probe run.
    constexpr std::string_view case_twin(std::string_view n) const {
        for (std::size_t i = hash_folded(n) & mask; names[i].kind != name_kind::empty; i = (i + 1) & mask)
            if (names[i].kind != name_kind::tombstone && same_ignoring_case(names[i].name, n)) return names[i].name;
        return {};
    }
    // Refuses a new table, index, constraint or enum name `n` (of table `tname`) that is taken
    // without case, or that PostgreSQL already gave an implicit constraint, index or sequence.
    constexpr error check_new_name(std::string_view n, std::string_view tname = {}) const {
        if (replay) return {};
        if (auto twin = case_twin(n); !twin.empty()) return fail(error_kind::name_differs_only_in_case, n, twin, tname);
        if (!implicit_like(n)) return {};
        if (int j = implicit_find(hash_text(n)); j != -1)
            return fail(error_kind::name_is_implicit, n, tables[implicit[j].table].name, implicit_holder(j));
        return {};
    }

    // ---- the implicit names (see implicit_entry) ----
    constexpr int implicit_find(std::uint64_t key) const {
        for (std::size_t i = key & implicit_mask; implicit[i].used; i = (i + 1) & implicit_mask) {
            const implicit_entry& e = implicit[i];
            if (e.key == key && tables[e.table].alive && (e.column == -1 ? has_primary_key(e.table) : columns[e.column].alive))
                return static_cast<int>(i);
        }
        return -1;
    }
    constexpr std::string_view implicit_holder(int j) const {
        return implicit[j].column == -1 ? std::string_view{"primary key"} : columns[implicit[j].column].def.name;
    }
    // Records the name PostgreSQL derives for table t's `label` object (column c; -1: the primary
    // key) into `key`. Refused: a name a table, index, constraint or enum already has (PostgreSQL
    // would fail or number its own), and two different names that PostgreSQL's shortening to 63
    // bytes makes one. (The same name twice, as after rename_table and a new table of the old
    // name, PostgreSQL numbers; strata never spells these names.)
    constexpr error add_implicit(int t, int c, std::string_view name2, std::string_view label) {
        if (replay) return {};
        const derived_name dn = pg_derived_name(tables[t].name, name2, label);
        const std::string_view holder = c == -1 ? std::string_view{"primary key"} : columns[c].def.name;
        if (implicit_like_names > 0) {  // (most chains name nothing so: no need to spell it)
            char text[64]{};
            const std::size_t n = dn.spell(text);
            if (std::size_t i = probe({text, n}); names[i].kind != name_kind::empty)
                return fail(error_kind::name_is_implicit, names[i].name, tables[t].name, holder);
        }
        const std::uint64_t k = dn.key;
        const auto full = static_cast<std::uint32_t>(dn.full);
        if (int j = implicit_find(k); j != -1 && implicit[j].full != full)
            return fail(error_kind::derived_names_collide, tables[t].name, holder, implicit_holder(j));
        std::size_t i = k & implicit_mask;
        while (implicit[i].used) i = (i + 1) & implicit_mask;
        implicit[i] = implicit_entry{k, full, t, c, true};
        return {};
    }
    // The implicit names of column c of table t: its unique, references, check and sequence.
    constexpr error add_implicit_of(int t, int c) {
        if (replay) return {};  // (the implicit names serve the checks only)
        const column_desc& d = columns[c].def;
        if (d.unique)
            if (auto e = add_implicit(t, c, d.name, "key")) return e;
        if (!d.ref_table.empty())
            if (auto e = add_implicit(t, c, d.name, "fkey")) return e;
        if (!d.check.empty()) {
            // PostgreSQL names a check after the one column it uses, else after the table alone.
            std::string_view only{};
            int count = 0;
            for (int o = tables[t].first; o != -1; o = columns[o].next) {
                bool uses = false;
                for_each_identifier(d.check, [&](const sql_identifier& id) { uses = uses || pg_names_column(id, columns[o].def.name); });
                if (uses && ++count == 1) only = columns[o].def.name;
            }
            if (auto e = add_implicit(t, c, count == 1 ? only : std::string_view{}, "check")) return e;
        }
        if (d.autoincrement || d.identity)
            if (auto e = add_implicit(t, c, d.name, "seq")) return e;
        return {};
    }
    // The check (its name, or the column whose check<...> it is) of table t whose SQL names
    // column `column` (or, `as_table`, qualifies a column with table name `column`), other than
    // column `except`'s own check; empty if none.
    constexpr std::string_view check_naming(int t, std::string_view column, int except = -1, bool as_table = false) const {
        if (replay) return {};
        auto uses = [&](std::string_view sql) { return as_table ? sql_uses_table(sql, column) : sql_uses_column(sql, column); };
        for (int c = tables[t].column_checks ? tables[t].first : -1; c != -1; c = columns[c].next)
            if (c != except && !columns[c].def.check.empty() && uses(columns[c].def.check)) return columns[c].def.name;
        for (int k = tables[t].first_constraint; k != -1; k = constraints[k].next)
            if (constraints[k].kind == constraint_kind::check && uses(constraints[k].check)) return constraints[k].name;
        return {};
    }

    // ---- lookups (-1: none) ----
    constexpr int find_table(std::string_view n) const { return find(name_kind::table, n); }
    constexpr int find_index(std::string_view n) const { return find(name_kind::index, n); }
    constexpr int find_constraint(std::string_view n) const { return find(name_kind::constraint, n); }
    constexpr int find_enum(std::string_view n) const { return find(name_kind::enumeration, n); }
    // Where a column of table t named n (in any case) starts its probe run in column_map.
    static constexpr std::size_t column_home(int t, std::string_view n) {
        return (hash_folded(n) ^ (static_cast<std::uint64_t>(t) * 0x9e3779b97f4a7c15ull)) & column_mask;
    }
    constexpr int find_column(int t, std::string_view n) const {
        for (std::size_t i = column_home(t, n); column_map[i] != 0; i = (i + 1) & column_mask)
            if (const int c = column_map[i] - 1; c >= 0 && columns[c].table == t && same_name(columns[c].def.name, n)) return c;
        return -1;
    }
    // A column of table t other than `except` whose name differs from n in case only, or empty.
    // Every case variant of n hashes as n does, so it is in n's probe run.
    constexpr std::string_view column_case_twin(int t, std::string_view n, int except = -1) const {
        if (replay) return {};
        for (std::size_t i = column_home(t, n); column_map[i] != 0; i = (i + 1) & column_mask)
            if (const int c = column_map[i] - 1; c >= 0 && c != except && columns[c].table == t &&
                                                 same_ignoring_case(columns[c].def.name, n))
                return columns[c].def.name;
        return {};
    }
    constexpr void column_map_insert(int c) {
        std::size_t i = column_home(columns[c].table, columns[c].def.name);
        while (column_map[i] > 0) i = (i + 1) & column_mask;
        column_map[i] = c + 1;
    }
    constexpr void column_map_erase(int c) {
        std::size_t i = column_home(columns[c].table, columns[c].def.name);
        while (column_map[i] != 0 && column_map[i] != c + 1) i = (i + 1) & column_mask;
        if (column_map[i] != 0) column_map[i] = -1;  // (absent: nothing to erase)
    }
    // Column c takes a new name (rename_column).
    constexpr void rename_column_to(int c, std::string_view n) {
        column_map_erase(c);
        columns[c].def.name = n;
        column_map_insert(c);
    }
    constexpr bool enum_has(int e, std::string_view v) const {
        for (int i = enums[e].first; i != -1; i = enum_values[i].next)
            if (same_name(enum_values[i].value, v)) return true;
        return false;
    }
    constexpr bool has_primary_key(int t) const {
        for (int c = tables[t].first; c != -1; c = columns[c].next)
            if (columns[c].def.primary_key) return true;
        for (int k = tables[t].first_constraint; k != -1; k = constraints[k].next)
            if (constraints[k].kind == constraint_kind::primary_key) return true;
        return false;
    }
    // Is column c of table t a valid foreign-key target: its primary key or unique on its own?
    constexpr bool is_unique_key(int t, int c) const {
        const auto& d = columns[c].def;
        if (d.unique || columns[c].unique_keys > 0) return true;
        if (!d.primary_key) return false;
        for (int o = tables[t].first; o != -1; o = columns[o].next)
            if (o != c && columns[o].def.primary_key) return false;
        return true;
    }
    // Who uses column c; only called to name the culprit of an error.
    constexpr std::string_view column_user(int c) const {
        for (int i = 0; i < nindexes; ++i)
            if (indexes[i].alive)
                for (std::size_t k = 0; k < indexes[i].ncolumns; ++k)
                    if (indexes[i].columns[k] == c) return indexes[i].name;
        for (int i = 0; i < nconstraints; ++i)
            if (constraints[i].alive) {
                if (constraints[i].ref_column == c) return tables[constraints[i].table].name;
                for (std::size_t k = 0; k < constraints[i].ncolumns; ++k)
                    if (constraints[i].columns[k] == c)
                        return constraints[i].name.empty() ? std::string_view{"primary key"} : constraints[i].name;
            }
        for (int i = 0; i < ncolumns; ++i)
            if (columns[i].alive && columns[i].ref_column == c && i != c) return tables[columns[i].table].name;
        return "?";
    }
    // The table (other than t) that references table t; only called to name a culprit.
    constexpr int referencing_table(int t) const {
        for (int i = 0; i < ncolumns; ++i)
            if (columns[i].alive && columns[i].ref_table == t && columns[i].table != t) return columns[i].table;
        for (int i = 0; i < nconstraints; ++i)
            if (constraints[i].alive && constraints[i].ref_table == t && constraints[i].table != t)
                return constraints[i].table;
        return t;
    }

    // The primary key's columns of table t (column-level or a table constraint), in order.
    constexpr std::size_t primary_key_columns(int t, int (&out)[max_key_columns]) const {
        std::size_t n = 0;
        for (int c = tables[t].first; c != -1 && n < max_key_columns; c = columns[c].next)
            if (columns[c].def.primary_key) out[n++] = c;
        if (n) return n;
        for (int k = tables[t].first_constraint; k != -1; k = constraints[k].next)
            if (constraints[k].kind == constraint_kind::primary_key) {
                for (std::size_t i = 0; i < constraints[k].ncolumns; ++i) out[n++] = constraints[k].columns[i];
                break;
            }
        return n;
    }

    // ---- building blocks ----
    constexpr error check_type(const type_desc& ty, std::string_view column) const {
        if (replay) return {};
        if (ty.kind == type_kind::varchar && ty.p == 0) return fail(error_kind::bad_type, column, "varchar<0>");
        if (ty.kind == type_kind::character && ty.p == 0) return fail(error_kind::bad_type, column, "character<0>");
        if (ty.kind == type_kind::numeric && (ty.p == 0 || ty.s > ty.p))
            return fail(error_kind::bad_type, column, "numeric<P, S> needs 0 < P and S <= P");
        if (ty.kind == type_kind::enumeration && find_enum(ty.enum_name) == -1)
            return fail(lenient ? error_kind::needs_chain : error_kind::enum_does_not_exist, ty.enum_name, column);
        return {};
    }
    // Whether text `v` is a value of type kind k in its one form: a date YYYY-MM-DD; a
    // timestamp YYYY-MM-DD HH:MM:SS[.ffffff], a timestamptz the same and an offset (+HH or
    // +HH:MM); a uuid in lower-case hex, 8-4-4-4-12; no text is a blob's.
    static constexpr bool canonical_text(type_kind k, std::string_view v) {
        auto digits = [&](std::size_t at, std::size_t n) {
            if (at + n > v.size()) return false;
            for (std::size_t i = at; i < at + n; ++i)
                if (v[i] < '0' || v[i] > '9') return false;
            return true;
        };
        auto number = [&](std::size_t at, std::size_t n) {
            int x = 0;
            for (std::size_t i = at; i < at + n; ++i) x = x * 10 + (v[i] - '0');
            return x;
        };
        auto date_at_start = [&] {
            return digits(0, 4) && v.size() >= 10 && v[4] == '-' && digits(5, 2) && v[7] == '-' && digits(8, 2) &&
                   number(0, 4) >= 1 && number(5, 2) >= 1 && number(5, 2) <= 12 && number(8, 2) >= 1 && number(8, 2) <= 31;
        };
        auto time_from = [&](std::size_t at) -> std::size_t {  // past HH:MM:SS[.ffffff], or 0
            if (!(v.size() > at && v[at] == ' ' && digits(at + 1, 2) && v.size() > at + 3 && v[at + 3] == ':' && digits(at + 4, 2) &&
                  v.size() > at + 6 && v[at + 6] == ':' && digits(at + 7, 2) && number(at + 1, 2) < 24 && number(at + 4, 2) < 60 &&
                  number(at + 7, 2) < 60))
                return 0;
            std::size_t i = at + 9;
            if (i < v.size() && v[i] == '.') {
                std::size_t n = 0;
                while (i + 1 + n < v.size() && v[i + 1 + n] >= '0' && v[i + 1 + n] <= '9') ++n;
                if (n == 0 || n > 6) return 0;
                i += 1 + n;
            }
            return i;
        };
        switch (k) {
            case type_kind::date: return v.size() == 10 && date_at_start();
            case type_kind::timestamp: return date_at_start() && time_from(10) == v.size();
            case type_kind::timestamptz: {
                if (!date_at_start()) return false;
                const std::size_t i = time_from(10);
                if (i == 0 || i >= v.size() || (v[i] != '+' && v[i] != '-') || !digits(i + 1, 2)) return false;
                return i + 3 == v.size() || (i + 6 == v.size() && v[i + 3] == ':' && digits(i + 4, 2));
            }
            case type_kind::uuid: {
                if (v.size() != 36) return false;
                for (std::size_t i = 0; i < 36; ++i) {
                    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
                    if (dash != (v[i] == '-')) return false;
                    if (!dash && !((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f'))) return false;
                }
                return true;
            }
            case type_kind::blob: return false;
            default: return true;
        }
    }
    // Whether an integer default or seed value (text as literal<> writes it: a '-', no leading
    // zero) lies in the column type's range: PostgreSQL refuses one outside it when the
    // statement runs, SQLite would keep it (past 64 bits, rounded).
    static constexpr bool integer_fits(const type_desc& t, std::string_view v) {
        const bool negative = v.starts_with('-');
        if (negative) v.remove_prefix(1);
        auto within = [&](std::string_view most) { return v.size() < most.size() || (v.size() == most.size() && v <= most); };
        switch (t.kind) {
            case type_kind::smallint: return within(negative ? "32768" : "32767");
            case type_kind::integer: return within(negative ? "2147483648" : "2147483647");
            case type_kind::bigint: return within(negative ? "9223372036854775808" : "9223372036854775807");
            case type_kind::numeric: return v == "0" || v.size() + t.s <= t.p;  // (its digits before the point)
            default: return true;
        }
    }
    constexpr error check_default(const column_desc& d) const {
        if (replay) return {};
        const auto k = d.type.kind;
        const bool numberish = k == type_kind::smallint || k == type_kind::integer || k == type_kind::bigint ||
                               k == type_kind::real || k == type_kind::double_precision || k == type_kind::numeric;
        switch (d.def.kind) {
            case default_kind::integer:  // (not on boolean: PostgreSQL refuses DEFAULT 0 there)
                if (!numberish || !integer_fits(d.type, d.def.text)) return fail(error_kind::default_type_mismatch, d.name, d.def.text);
                break;
            case default_kind::boolean:
                if (k != type_kind::boolean) return fail(error_kind::default_type_mismatch, d.name, d.def.text);
                break;
            case default_kind::string:
                if (numberish || k == type_kind::boolean) return fail(error_kind::default_type_mismatch, d.name, d.def.text);
                // longer than varchar<N> / character<N> (PostgreSQL refuses it when the statement runs)
                if ((k == type_kind::varchar || k == type_kind::character) && d.type.p != unlimited_length &&
                    utf8_length(d.def.text) > d.type.p)
                    return fail(error_kind::default_type_mismatch, d.name, d.def.text);
                // in the one form both backends keep alike and strata reads back (else PostgreSQL
                // reads a blob's '\x41' as one byte, a date's '2024-1-5' as 2024-01-05 and a time
                // without an offset in the session's zone, where SQLite keeps the text)
                if (!canonical_text(k, d.def.text)) return fail(error_kind::default_type_mismatch, d.name, d.def.text);
                if (k == type_kind::enumeration) {
                    int e = find_enum(d.type.enum_name);
                    if (e != -1 && !enum_has(e, d.def.text)) return fail(error_kind::default_type_mismatch, d.name, d.def.text);
                    // PostgreSQL cannot use a value in the transaction that adds it.
                    for (int v = e == -1 ? -1 : enums[e].first; v != -1; v = enum_values[v].next)
                        if (same_name(enum_values[v].value, d.def.text) && enum_values[v].added_in == migration)
                            return fail(error_kind::new_enum_value_used, d.type.enum_name, d.def.text, d.name);
                }
                break;
            default: break;
        }
        return {};
    }
    // Checks a column definition for table `tname` (references to it are self-references).
    constexpr error check_column(const column_desc& d, std::string_view tname) const {
        if (replay) return {};
        if (!valid_identifier(d.name)) return fail(error_kind::invalid_identifier, d.name, tname);
        if (auto e = check_type(d.type, d.name)) return e;
        if (auto e = check_default(d)) return e;
        if (holds_sql_comment(d.check) || (d.def.kind == default_kind::sql && holds_sql_comment(d.def.text)))
            return fail(error_kind::comment_in_expression, tname, d.name);
        if (d.autoincrement &&
            !(d.primary_key && (d.type.kind == type_kind::smallint || d.type.kind == type_kind::integer ||
                                d.type.kind == type_kind::bigint)))
            return fail(error_kind::bad_autoincrement, tname, d.name);
        if (d.identity && (d.autoincrement || !d.primary_key ||
                           !(d.type.kind == type_kind::smallint || d.type.kind == type_kind::integer ||
                             d.type.kind == type_kind::bigint)))
            return fail(error_kind::bad_identity, tname, d.name);
        if (!d.ref_table.empty() && !same_name(d.ref_table, tname)) {
            int rt = find_table(d.ref_table);
            if (rt == -1 && lenient) return {};
            if (rt == -1) return fail(error_kind::foreign_key_to_missing_table, tname, d.name, d.ref_table);
            int rc = find_column(rt, d.ref_column);
            if (rc == -1) return fail(error_kind::foreign_key_to_missing_column, tname, d.name, d.ref_column);
            if (!(columns[rc].def.type == d.type)) return fail(error_kind::foreign_key_type_mismatch, tname, d.name, d.ref_table);
            if (!is_unique_key(rt, rc)) return fail(error_kind::foreign_key_target_not_unique, d.ref_table, d.ref_column, tname);
        }
        return {};
    }
    constexpr void link_reference(int c, int rt, int rc, int delta) {
        columns[rc].fk_refs += delta;
        if (rt != columns[c].table) tables[rt].referenced_by += delta;
    }
    constexpr int push_column(int t, const column_desc& d) {
        int c = ncolumns++;
        columns[c] = column_state{d, t, -1, -1, -1, 0, 0, 0, true};
        if (!d.check.empty()) {
            columns[c].check_table = tables[t].name;
            columns[c].check_column = d.name;
            tables[t].column_checks = true;
        }
        if (tables[t].last == -1) tables[t].first = c; else columns[tables[t].last].next = c;
        columns[c].prev = tables[t].last;
        tables[t].last = c;
        column_map_insert(c);
        if (d.type.kind == type_kind::enumeration)
            if (int e = find_enum(d.type.enum_name); e != -1) ++enums[e].uses;
        if (!d.ref_table.empty()) {
            int rt = find_table(d.ref_table);
            int rc = rt == -1 ? -1 : find_column(rt, d.ref_column);
            if (rc != -1) {
                columns[c].ref_table = rt;
                columns[c].ref_column = rc;
                link_reference(c, rt, rc, +1);
            }
        }
        return c;
    }
    // A column leaves (drop_column, drop_table): release what it held.
    constexpr void release_column(int c) {
        column_state& x = columns[c];
        if (x.ref_table != -1) link_reference(c, x.ref_table, x.ref_column, -1);
        if (x.def.type.kind == type_kind::enumeration)
            if (int e = find_enum(x.def.type.enum_name); e != -1) --enums[e].uses;
        x.alive = false;
        column_map_erase(c);
    }
    constexpr void use_key(const int* cols, std::size_t n, bool unique_key, int delta) {
        for (std::size_t i = 0; i < n; ++i) columns[cols[i]].key_uses += delta;
        if (unique_key && n == 1) columns[cols[0]].unique_keys += delta;
    }
    constexpr void release_constraint(int k) {
        constraint_state& x = constraints[k];
        use_key(x.columns, x.ncolumns, x.kind != constraint_kind::check && x.kind != constraint_kind::foreign_key, -1);
        if (x.kind == constraint_kind::foreign_key) {
            columns[x.ref_column].fk_refs -= 1;
            if (x.ref_table != x.table) tables[x.ref_table].referenced_by -= 1;
        }
        if (!x.name.empty()) name_erase(x.name);
        x.alive = false;
    }
    constexpr error add_constraint(int t, const constraint_desc& k) {
        std::string_view tname = tables[t].name;
        // Only a primary key may go unnamed: an empty name would spell DROP CONSTRAINT "".
        if (!k.name.empty() || k.kind != constraint_kind::primary_key) {
            if (!valid_identifier(k.name)) return fail(error_kind::invalid_identifier, k.name, tname);
            if (name_taken(k.name)) return fail(error_kind::constraint_already_exists, k.name, tname);
            if (auto e = check_new_name(k.name, tname)) return e;
        }
        if (!replay && holds_sql_comment(k.check)) return fail(error_kind::comment_in_expression, tname, k.name);
        constraint_state s{};
        s.kind = k.kind;
        s.name = k.name;
        s.table = t;
        s.check = k.check;
        s.on_delete = k.on_delete;
        s.not_valid = k.not_valid;
        s.ncolumns = k.ncolumns;
        for (std::size_t i = 0; i < k.ncolumns; ++i) {
            s.columns[i] = find_column(t, k.columns[i]);
            if (s.columns[i] == -1) return fail(error_kind::column_does_not_exist, tname, k.columns[i]);
            for (std::size_t j = 0; j < i; ++j)
                if (s.columns[j] == s.columns[i]) return fail(error_kind::key_column_twice, tname, k.columns[i]);
        }
        if (k.kind == constraint_kind::primary_key && has_primary_key(t))
            return fail(error_kind::multiple_primary_keys, tname);
        if (k.kind == constraint_kind::foreign_key) {
            int rt = find_table(k.ref_table);
            if (rt == -1) return fail(lenient ? error_kind::needs_chain : error_kind::foreign_key_to_missing_table, tname, k.columns[0], k.ref_table);
            int rc = find_column(rt, k.ref_column);
            if (rc == -1) return fail(error_kind::foreign_key_to_missing_column, tname, k.columns[0], k.ref_column);
            if (!(columns[rc].def.type == columns[s.columns[0]].def.type))
                return fail(error_kind::foreign_key_type_mismatch, tname, k.columns[0], k.ref_table);
            if (!is_unique_key(rt, rc)) return fail(error_kind::foreign_key_target_not_unique, k.ref_table, k.ref_column, tname);
            s.ref_table = rt;
            s.ref_column = rc;
            columns[rc].fk_refs += 1;
            if (rt != t) tables[rt].referenced_by += 1;
        }
        s.alive = true;
        int slot = nconstraints++;
        constraints[slot] = s;
        use_key(s.columns, s.ncolumns, k.kind == constraint_kind::unique || k.kind == constraint_kind::primary_key, +1);
        append_constraint(t, slot);
        if (!k.name.empty()) name_insert(name_kind::constraint, k.name, slot);
        return {};
    }

    // ---- the fold step: each operation's transition is in the file of detail/core/operations/
    // named as the DSL header that declares it (operations/tables.hpp: tables.hpp, ...) ----
    constexpr error apply(const op_desc& op) {
        switch (op.kind) {
            case op_kind::create_table: return apply_create_table(op);
            case op_kind::drop_table: return apply_drop_table(op);
            case op_kind::rename_table: return apply_rename_table(op);
            case op_kind::add_column: return apply_add_column(op);
            case op_kind::drop_column: return apply_drop_column(op);
            case op_kind::rename_column: return apply_rename_column(op);
            case op_kind::alter_column: return apply_alter_column(op);
            case op_kind::create_index: return apply_create_index(op);
            case op_kind::drop_index: return apply_drop_index(op);
            case op_kind::add_constraint: return apply_add_constraint(op);
            case op_kind::drop_constraint: return apply_drop_constraint(op);
            case op_kind::validate_constraint: return apply_validate_constraint(op);
            case op_kind::create_enum: return apply_create_enum(op);
            case op_kind::add_enum_value: return apply_add_enum_value(op);
            case op_kind::drop_enum: return apply_drop_enum(op);
            case op_kind::seed: return apply_seed(op);
            case op_kind::execute:
            case op_kind::run:
            case op_kind::validate:
            case op_kind::background: return {};  // no schema change
        }
        return {};
    }
    constexpr error apply_create_table(const op_desc& op);
    constexpr error apply_drop_table(const op_desc& op);
    constexpr error apply_rename_table(const op_desc& op);
    constexpr error apply_add_column(const op_desc& op);
    constexpr error apply_drop_column(const op_desc& op);
    constexpr error apply_rename_column(const op_desc& op);
    constexpr error apply_alter_column(const op_desc& op);
    constexpr error apply_create_index(const op_desc& op);
    constexpr error apply_drop_index(const op_desc& op);
    constexpr error apply_add_constraint(const op_desc& op);
    constexpr error apply_drop_constraint(const op_desc& op);
    constexpr error apply_validate_constraint(const op_desc& op);
    constexpr error apply_create_enum(const op_desc& op);
    constexpr error apply_add_enum_value(const op_desc& op);
    constexpr error apply_drop_enum(const op_desc& op);
    constexpr error apply_seed(const op_desc& op);
    constexpr error check_seed(const op_desc& op) const;

   private:
    constexpr void unlink_column(int t, int c) {
        const int prev = columns[c].prev, next = columns[c].next;
        if (prev == -1) tables[t].first = next; else columns[prev].next = next;
        if (next == -1) tables[t].last = prev; else columns[next].prev = prev;
    }
    constexpr void append_index(int t, int i) {
        int* at = &tables[t].first_index;
        while (*at != -1) at = &indexes[*at].next;
        *at = i;
    }
    constexpr void unlink_index(int t, int i) {
        int* at = &tables[t].first_index;
        while (*at != i) at = &indexes[*at].next;
        *at = indexes[i].next;
    }
    constexpr void append_constraint(int t, int k) {
        int* at = &tables[t].first_constraint;
        while (*at != -1) at = &constraints[*at].next;
        *at = k;
    }
    constexpr void unlink_constraint(int t, int k) {
        int* at = &tables[t].first_constraint;
        while (*at != k) at = &constraints[*at].next;
        *at = constraints[k].next;
    }
    constexpr void push_enum_value(int e, std::string_view v) {
        int i = nenum_values++;
        enum_values[i] = enum_value_state{v, -1, std::size_t(-1)};
        if (enums[e].last == -1) enums[e].first = i; else enum_values[enums[e].last].next = i;
        enums[e].last = i;
    }
    constexpr std::string_view column_user_fk(int c) const {
        if (columns[c].ref_table != -1) return tables[columns[c].ref_table].name;
        for (int i = 0; i < ncolumns; ++i)
            if (columns[i].alive && columns[i].ref_column == c) return tables[columns[i].table].name;
        for (int i = 0; i < nconstraints; ++i)
            if (constraints[i].alive && constraints[i].kind == constraint_kind::foreign_key &&
                (constraints[i].ref_column == c || constraints[i].columns[0] == c))
                return constraints[i].name;
        return "?";
    }
};

}  // namespace strata::detail

// The transitions, one file per family of operations (as operations/ groups the DSL).
#include <strata/detail/core/operations/tables.hpp>
#include <strata/detail/core/operations/columns.hpp>
#include <strata/detail/core/operations/indexes.hpp>
#include <strata/detail/core/operations/enums.hpp>
#include <strata/detail/core/operations/seed.hpp>
