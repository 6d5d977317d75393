#pragma once
// strata::lint<Chain, live_postgres>: the operations that lock a PostgreSQL table that serves
// traffic for long, or break the application version still running during a deploy, found
// in the chain's descriptors (docs/live-postgres.md is the catalogue). Each finding is a rule
// of detail/core/rules.hpp (the lint_ ones); unsafe<"reason", op> acknowledges one operation.
// Tables the same migration creates are exempt: they have no rows and no readers yet.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/core/errors.hpp>
#include <strata/detail/core/volatile_functions.hpp>

namespace strata::detail {

// Whether `table`, as operation `before` of a migration's list `ops` (its up, or its explicit
// down) names it, is one that list created: followed back through its renames to a
// create_table. (A table renamed there, or dropped and created again, keeps or loses its rows
// accordingly.)
constexpr bool created_earlier_in(const op_desc* ops, std::size_t before, std::string_view table) {
    for (std::size_t k = before; k-- > 0;) {
        const op_desc& op = ops[k];
        if (op.kind == op_kind::rename_table && op.new_name == table) table = op.table;  // (a rename_table names the old table in `table`)
        else if (op.kind == op_kind::create_table && op.table == table) return true;
        else if (op.kind == op_kind::drop_table && op.table == table) return false;
    }
    return false;
}

// The type of table.column just before operation `k` of migration `i`, read back through the
// chain's renames (this migration's earlier operations first); kind none when it is not known
// (a column dropped on the way back, or one that execute<> made).
constexpr type_desc type_before(const migration_desc* descs, std::size_t i, std::size_t k, std::string_view table,
                                std::string_view column) {
    for (std::size_t j = i + 1; j-- > 0;) {
        const migration_desc& m = descs[j];
        for (std::size_t o = j == i ? k : m.nops; o-- > 0;) {
            const op_desc& op = m.ops[o];
            if (op.kind == op_kind::rename_table && op.new_name == table) table = op.table;
            else if (op.kind == op_kind::rename_column && op.table == table && op.new_name == column) column = op.name;
            else if (op.kind == op_kind::alter_column && op.table == table && op.name == column && op.alter.set_type) return op.alter.type;
            else if ((op.kind == op_kind::drop_column && op.table == table && op.name == column) ||
                     (op.kind == op_kind::drop_table && op.table == table))
                return {};
            else if ((op.kind == op_kind::create_table || op.kind == op_kind::add_column) && op.table == table)
                for (std::size_t c = 0; c < op.ncolumns; ++c)
                    if (op.columns[c].name == column) return op.columns[c].type;
        }
    }
    return {};
}

// Whether a check's SQL is exactly `<column> IS NOT NULL`: white space around the words, the
// column quoted ("email") or not (email, which PostgreSQL folds to lower case), IS NOT NULL in any
// case. PostgreSQL 12 and later take such a valid check as proof that SET NOT NULL needs no scan.
constexpr bool is_not_null_check(std::string_view sql, std::string_view column) {
    auto word_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
               static_cast<unsigned char>(c) >= 0x80;
    };
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    std::size_t i = 0;
    auto spaces = [&] {
        while (i < sql.size() && (sql[i] == ' ' || sql[i] == '\t' || sql[i] == '\n' || sql[i] == '\r')) ++i;
    };
    spaces();
    if (i < sql.size() && sql[i] == '"') {  // (a valid name holds no quote: the next one ends it)
        const std::size_t end = sql.find('"', i + 1);
        if (end == std::string_view::npos || sql.substr(i + 1, end - i - 1) != column) return false;
        i = end + 1;
    } else {
        std::size_t end = i;
        while (end < sql.size() && word_char(sql[end])) ++end;
        if (end - i != column.size()) return false;
        for (std::size_t c = 0; c < column.size(); ++c)
            if (lower(sql[i + c]) != column[c]) return false;
        i = end;
    }
    constexpr std::string_view words[] = {"is", "not", "null"};
    for (std::string_view w : words) {
        spaces();
        if (sql.size() - i < w.size()) return false;
        for (std::size_t c = 0; c < w.size(); ++c)
            if (lower(sql[i + c]) != w[c]) return false;
        i += w.size();
        if (i < sql.size() && word_char(sql[i])) return false;
    }
    spaces();
    return i == sql.size();
}

// Whether table.column has, just before operation `k` of migration `i`, a valid check that is
// exactly `column IS NOT NULL` (is_not_null_check): one of create_table (a check_constraint, or
// the column's check<...>), add_column's check<...>, or add_check, valid when added or validated
// since (validate_constraint), and not dropped since. Read backwards through the chain as
// type_before does, names followed through renames, the drops and validations seen on the way
// kept by name. (More than `seen` of them: not known, so not proved.)
constexpr bool not_null_proved(const migration_desc* descs, std::size_t i, std::size_t k, std::string_view table,
                               std::string_view column) {
    constexpr std::size_t seen = 32;
    std::string_view dropped[seen]{}, validated[seen]{};
    std::size_t ndropped = 0, nvalidated = 0;
    auto in = [](const std::string_view* names, std::size_t n, std::string_view name) {
        for (std::size_t x = 0; x < n; ++x)
            if (names[x] == name) return true;
        return false;
    };
    auto column_check = [&](const column_desc& c) { return c.name == column && is_not_null_check(c.check, column); };
    for (std::size_t j = i + 1; j-- > 0;) {
        const migration_desc& m = descs[j];
        for (std::size_t o = j == i ? k : m.nops; o-- > 0;) {
            const op_desc& op = m.ops[o];
            if (op.kind == op_kind::rename_table && op.new_name == table) {
                table = op.table;
                continue;
            }
            if (op.table != table) continue;
            switch (op.kind) {
                case op_kind::rename_column:
                    if (op.new_name == column) column = op.name;
                    break;
                case op_kind::drop_table: return false;
                case op_kind::drop_column:
                    if (op.name == column) return false;  // (its checks went with it)
                    break;
                case op_kind::drop_constraint:
                    if (ndropped == seen) return false;
                    dropped[ndropped++] = op.name;
                    break;
                case op_kind::validate_constraint:
                    if (nvalidated == seen) return false;
                    validated[nvalidated++] = op.name;
                    break;
                case op_kind::add_constraint: {
                    if (op.nconstraints == 0) break;
                    const constraint_desc& c = op.constraints[0];
                    if (c.kind == constraint_kind::check && !in(dropped, ndropped, c.name) &&
                        (!c.not_valid || in(validated, nvalidated, c.name)) && is_not_null_check(c.check, column))
                        return true;
                    break;
                }
                case op_kind::add_column:
                    if (op.ncolumns == 1 && column_check(op.columns[0])) return true;
                    break;
                case op_kind::create_table:  // (where the table begins: nothing before it counts)
                    for (std::size_t c = 0; c < op.ncolumns; ++c)
                        if (column_check(op.columns[c])) return true;
                    for (std::size_t c = 0; c < op.nconstraints; ++c)
                        if (op.constraints[c].kind == constraint_kind::check && !in(dropped, ndropped, op.constraints[c].name) &&
                            is_not_null_check(op.constraints[c].check, column))
                            return true;
                    return false;
                default: break;
            }
        }
    }
    return false;
}

// PostgreSQL changes these types without rewriting the table (ALTER TABLE, Notes: the old type
// binary-coercible to the new): varchar(n) to a longer or unlimited varchar (varchar<>) or to
// text, text to varchar<>, numeric(p, s) to numeric(q >= p, s).
constexpr bool retype_without_rewrite(const type_desc& from, const type_desc& to) {
    // (character(n) is not among them: its cast to text or varchar strips trailing spaces)
    const bool from_chars = from.kind == type_kind::varchar || from.kind == type_kind::text;
    const std::uint32_t from_len = from.kind == type_kind::varchar ? from.p : unlimited_length;
    if (from_chars && to.kind == type_kind::text) return true;
    if (from_chars && to.kind == type_kind::varchar) return to.p == unlimited_length || (from_len != unlimited_length && to.p >= from_len);
    if (from.kind == type_kind::numeric && to.kind == type_kind::numeric) return to.s == from.s && to.p >= from.p;
    return from == to;
}

// A default PostgreSQL must compute per row (a volatile function, volatile_functions.hpp):
// adding a column with it rewrites the table. Read as words followed by "(", outside string
// literals ('...', E'...' with its backslash escapes,
// $$...$$ and $tag$...$tag$); a volatile function of one's own is not known.
constexpr bool volatile_default(const default_desc& d) {
    if (d.kind != default_kind::sql) return false;
    const std::string_view t = d.text;
    auto word_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; };
    for (std::size_t i = 0; i < t.size();) {
        const bool escapes = (t[i] == 'E' || t[i] == 'e') && i + 1 < t.size() && t[i + 1] == '\'' && (i == 0 || !word_char(t[i - 1]));
        if (t[i] == '\'' || escapes) {  // a literal, '' inside it (and \' in E'...')
            for (i += escapes ? 2 : 1; i < t.size(); ++i)
                if (escapes && t[i] == '\\') ++i;
                else if (t[i] == '\'' && !(i + 1 < t.size() && t[i + 1] == '\'')) break;
                else if (t[i] == '\'') ++i;
            ++i;
            continue;
        }
        if (t[i] == '$' && (i == 0 || !word_char(t[i - 1])) && !(i + 1 < t.size() && t[i + 1] >= '0' && t[i + 1] <= '9')) {
            std::size_t e = i + 1;  // $tag$: a dollar-quoted string runs to the same $tag$
            while (e < t.size() && word_char(t[e])) ++e;
            if (e < t.size() && t[e] == '$') {
                const std::string_view tag = t.substr(i, e + 1 - i);
                const std::size_t close = t.find(tag, e + 1);
                i = close == std::string_view::npos ? t.size() : close + tag.size();
                continue;
            }
        }
        if (!word_char(t[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && word_char(t[j])) ++j;
        std::size_t p = j;
        while (p < t.size() && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n')) ++p;
        if (p < t.size() && t[p] == '(' && volatile_function(t.substr(i, j - i))) return true;
        i = j;
    }
    return false;
}

// An existing table that an operation before `k` of `ops` (one migration's transaction) locks
// against writes until the commit, or "". VALIDATE CONSTRAINT itself lets writes go on, a data
// step's or a seed's row locks block no other row, and an enum is no table; every other
// operation is DDL on its table (and a foreign key's SHARE ROW EXCLUSIVE on the table it
// references). Tables the migration created are no one else's yet. (execute<> is not read:
// its statements are not known here.)
constexpr std::string_view locked_before(const op_desc* ops, std::size_t k) {
    for (std::size_t j = 0; j < k; ++j) {
        const op_desc& op = ops[j];
        if (changes_no_schema(op.kind) || op.kind == op_kind::validate_constraint || op.kind == op_kind::create_enum ||
            op.kind == op_kind::add_enum_value || op.kind == op_kind::drop_enum)  // (an enum a column uses cannot be dropped)
            continue;
        // (drop_index names the index alone: its table is locked all the same)
        if (op.kind == op_kind::drop_index && op.table.empty()) return op.name;
        const bool creates = op.kind == op_kind::create_table;
        if (!creates && !op.table.empty() && !created_earlier_in(ops, j, op.table)) return op.table;
        auto existing = [&](std::string_view t) { return !t.empty() && !(creates && t == op.table) && !created_earlier_in(ops, j, t); };
        for (std::size_t c = 0; c < op.ncolumns; ++c)
            if (existing(op.columns[c].ref_table)) return op.columns[c].ref_table;
        for (std::size_t c = 0; c < op.nconstraints; ++c)
            if (existing(op.constraints[c].ref_table)) return op.constraints[c].ref_table;
    }
    return {};
}

// The finding of the live_postgres rules for `op`, operation `k` of migration `i`'s up, or of its
// explicit down (`down`). A down runs on the table the up left, so it reads the types and checks
// after the up; it may drop or rename what the up made, since the application a rollback serves
// is the one from before the up.
constexpr error live_postgres_finding_of(const migration_desc* descs, std::size_t i, std::size_t k, const op_desc& op, bool down) {
    const std::size_t at = down ? descs[i].nops : k;  // where the history before `op` ends, in the up
    error e{};
    switch (op.kind) {
        case op_kind::create_index:
            if (!op.concurrently) e = fail(error_kind::lint_index_blocks_writes, op.table, op.name);
            break;
        case op_kind::add_constraint:
            // (not_valid: no scan; validate_constraint takes a lock writes go on under)
            if (op.nconstraints == 0 || op.constraints[0].not_valid) break;
            if (op.constraints[0].kind == constraint_kind::foreign_key || op.constraints[0].kind == constraint_kind::check)
                e = fail(error_kind::lint_constraint_validated_under_lock, op.table, op.constraints[0].name);
            else
                e = fail(error_kind::lint_unique_constraint_builds_index, op.table, op.constraints[0].name);
            break;
        case op_kind::alter_column:  // (the rewrite first: its way round covers NOT NULL too)
            if (op.alter.set_type && !retype_without_rewrite(type_before(descs, i, at, op.table, op.name), op.alter.type))
                e = fail(error_kind::lint_type_change_rewrites, op.table, op.name);
            else if (op.alter.set_not_null && !not_null_proved(descs, i, at, op.table, op.name))
                e = fail(error_kind::lint_set_not_null_scans, op.table, op.name);
            break;
        case op_kind::add_column: {
            if (op.ncolumns != 1) break;
            const column_desc& c = op.columns[0];
            // an identity or serial fills every row from a sequence: a rewrite, as a volatile default
            if (volatile_default(c.def) || c.identity || c.autoincrement)
                e = fail(error_kind::lint_volatile_default_rewrites, op.table, c.name);
            else if ((c.not_null || c.primary_key) && c.def.kind == default_kind::none)
                e = fail(error_kind::lint_not_null_without_default, op.table, c.name);
            else if (c.unique || c.primary_key) e = fail(error_kind::lint_unique_constraint_builds_index, op.table, c.name);
            // (a foreign key on a new column without a default: every value is NULL, no row is checked)
            else if (!c.check.empty() || (!c.ref_table.empty() && c.def.kind != default_kind::none))
                e = fail(error_kind::lint_constraint_validated_under_lock, op.table, c.name);
            break;
        }
        case op_kind::validate_constraint:
            if (const std::string_view held = locked_before(down ? descs[i].down_ops : descs[i].ops, k); !held.empty())
                e = fail(error_kind::lint_validation_under_earlier_lock, op.table, op.name, held);
            break;
        case op_kind::drop_column:
        case op_kind::rename_column:
        case op_kind::drop_table:
        case op_kind::rename_table:
            if (!down) e = fail(error_kind::lint_breaks_running_application, op.table, op.name);
            break;
        default: break;
    }
    if (e) {
        e.migration = i;
        e.op = k;
        e.in_down = down;
    }
    return e;
}

// Whether table.column is NOT NULL just before operation `k` of migration `i`: 1, 0, or -1 when
// not known (read back as type_before reads the type).
constexpr int not_null_before(const migration_desc* descs, std::size_t i, std::size_t k, std::string_view table,
                              std::string_view column) {
    for (std::size_t j = i + 1; j-- > 0;) {
        const migration_desc& m = descs[j];
        for (std::size_t o = j == i ? k : m.nops; o-- > 0;) {
            const op_desc& op = m.ops[o];
            if (op.kind == op_kind::rename_table && op.new_name == table) table = op.table;
            else if (op.kind == op_kind::rename_column && op.table == table && op.new_name == column) column = op.name;
            else if (op.kind == op_kind::alter_column && op.table == table && op.name == column &&
                     (op.alter.set_not_null || op.alter.drop_not_null))
                return op.alter.set_not_null ? 1 : 0;
            else if ((op.kind == op_kind::drop_column && op.table == table && op.name == column) ||
                     (op.kind == op_kind::drop_table && op.table == table))
                return -1;
            else if ((op.kind == op_kind::create_table || op.kind == op_kind::add_column) && op.table == table)
                for (std::size_t c = 0; c < op.ncolumns; ++c)
                    if (op.columns[c].name == column) return op.columns[c].not_null || op.columns[c].primary_key ? 1 : 0;
        }
    }
    return -1;
}

// The index (or table constraint) named `name` just before operation `k` of migration `i`, read
// forward through the chain: the table it is on now, whether it is valid now (a constraint), and
// whether migration `i` made it. Not found: `found` false (execute<> made it, or nothing did).
struct named_object {
    bool found = false;
    std::string_view table{};
    constraint_kind kind = constraint_kind::none;
    bool valid = true;
    bool this_migration = false;
};
constexpr named_object object_before(const migration_desc* descs, std::size_t i, std::size_t k, std::string_view name,
                                     bool index) {
    named_object o{};
    for (std::size_t j = 0; j <= i; ++j)
        for (std::size_t q = 0, end = j == i ? k : descs[j].nops; q < end; ++q) {
            const op_desc& op = descs[j].ops[q];
            switch (op.kind) {
                case op_kind::create_index:
                    if (index && op.name == name) o = {true, op.table, constraint_kind::none, true, j == i};
                    break;
                case op_kind::drop_index:
                    if (index && op.name == name) o = {};
                    break;
                case op_kind::create_table:
                case op_kind::add_constraint:
                    if (!index)
                        for (std::size_t c = 0; c < op.nconstraints; ++c)
                            if (!op.constraints[c].name.empty() && op.constraints[c].name == name)
                                o = {true, op.table, op.constraints[c].kind, !op.constraints[c].not_valid, j == i};
                    break;
                case op_kind::validate_constraint:
                    if (!index && op.name == name) o.valid = true;
                    break;
                case op_kind::drop_constraint:
                    if (!index && op.name == name) o = {};
                    break;
                case op_kind::rename_table:
                    if (o.found && op.table == o.table) o.table = op.new_name;
                    break;
                case op_kind::drop_table:
                    if (o.found && op.table == o.table) o = {};
                    break;
                default: break;
            }
        }
    return o;
}

// Whether an operation after `k` of a migration's list drops `table` (as operation `k` names it,
// followed through the later renames): the derived down makes it again, empty, before it undoes
// operation `k`, so nothing that undoing does scans or rewrites rows.
constexpr bool dropped_later_in(const op_desc* ops, std::size_t k, std::size_t n, std::string_view table) {
    for (std::size_t q = k + 1; q < n; ++q) {
        if (ops[q].kind == op_kind::rename_table && ops[q].table == table) table = ops[q].new_name;
        else if (ops[q].kind == op_kind::drop_table && ops[q].table == table) return true;
    }
    return false;
}

// A column of enum `name` just before operation `k` of migration `i`, on a table migration `i`
// did not create before `k` (read forward through the chain), or none.
struct table_column {
    std::string_view table{}, column{};
};
constexpr table_column enum_user_before(const migration_desc* descs, std::size_t i, std::size_t k, std::string_view name) {
    constexpr std::size_t room = 64;  // (more: the first 64 are read)
    table_column users[room]{};
    std::size_t n = 0;
    auto is_enum = [&](const type_desc& t) { return t.kind == type_kind::enumeration && t.enum_name == name; };
    auto add = [&](std::string_view t, std::string_view c) {
        if (n < room) users[n++] = {t, c};
    };
    auto remove = [&](std::string_view t, std::string_view c) {  // (c empty: every column of t)
        std::size_t w = 0;
        for (std::size_t r = 0; r < n; ++r)
            if (!(users[r].table == t && (c.empty() || users[r].column == c))) users[w++] = users[r];
        n = w;
    };
    for (std::size_t j = 0; j <= i; ++j)
        for (std::size_t q = 0, end = j == i ? k : descs[j].nops; q < end; ++q) {
            const op_desc& op = descs[j].ops[q];
            switch (op.kind) {
                case op_kind::create_table:
                case op_kind::add_column:
                    for (std::size_t c = 0; c < op.ncolumns; ++c)
                        if (is_enum(op.columns[c].type)) add(op.table, op.columns[c].name);
                    break;
                case op_kind::drop_column: remove(op.table, op.name); break;
                case op_kind::drop_table: remove(op.table, {}); break;
                case op_kind::rename_table:
                    for (std::size_t r = 0; r < n; ++r)
                        if (users[r].table == op.table) users[r].table = op.new_name;
                    break;
                case op_kind::rename_column:
                    for (std::size_t r = 0; r < n; ++r)
                        if (users[r].table == op.table && users[r].column == op.name) users[r].column = op.new_name;
                    break;
                case op_kind::alter_column:
                    if (!op.alter.set_type) break;
                    remove(op.table, op.name);
                    if (is_enum(op.alter.type)) add(op.table, op.name);
                    break;
                case op_kind::drop_enum:
                    if (op.name == name) n = 0;
                    break;
                default: break;
            }
        }
    // (a table the migration made before `k`, or drops after it, has no rows when the down moves it)
    for (std::size_t r = 0; r < n; ++r)
        if (!created_earlier_in(descs[i].ops, k, users[r].table) && !dropped_later_in(descs[i].ops, k, descs[i].nops, users[r].table))
            return users[r];
    return {};
}

// The finding of the live_postgres rules in what the derived down of operation `k` of migration
// `i` runs, on the table as the up left it (the downs of the operations after `k` have run): the
// index a drop_index made goes back (CREATE INDEX, concurrently only after
// drop_index_concurrently), the constraint a drop_constraint dropped (validated, unless it was not
// valid), the type a set_type changed (a narrowing rewrites), the NOT NULL a drop_not_null
// dropped (a scan), an add_enum_value makes the enum again and moves every column of it over
// (ALTER COLUMN ... TYPE: a rewrite of each table). What the downs of the other operations run
// is dropped, renamed back or NOT VALID: no scan, no rewrite, no index. A table a later operation
// of the migration drops is made again empty before: nothing to scan.
constexpr error derived_down_finding_of(const migration_desc* descs, std::size_t i, std::size_t k) {
    const op_desc* ops = descs[i].ops;
    const std::size_t nops = descs[i].nops;
    const op_desc& op = ops[k];
    auto has_rows = [&](std::string_view table) { return !created_earlier_in(ops, k, table) && !dropped_later_in(ops, k, nops, table); };
    error e{};
    switch (op.kind) {
        case op_kind::drop_index: {
            if (op.concurrently) break;
            const named_object x = object_before(descs, i, k, op.name, true);
            if (x.found && !x.this_migration && has_rows(x.table)) e = fail(error_kind::lint_index_blocks_writes, x.table, op.name);
            break;
        }
        case op_kind::drop_constraint: {
            const named_object x = object_before(descs, i, k, op.name, false);
            if (!x.found || !x.valid || x.this_migration || !has_rows(op.table)) break;
            if (x.kind == constraint_kind::foreign_key || x.kind == constraint_kind::check)
                e = fail(error_kind::lint_constraint_validated_under_lock, op.table, op.name);
            else
                e = fail(error_kind::lint_unique_constraint_builds_index, op.table, op.name);
            break;
        }
        case op_kind::add_enum_value: {
            const table_column u = enum_user_before(descs, i, k, op.name);
            if (!u.table.empty()) e = fail(error_kind::lint_type_change_rewrites, u.table, u.column);
            break;
        }
        case op_kind::alter_column:
            if (!has_rows(op.table)) break;
            if (op.alter.set_type && !retype_without_rewrite(op.alter.type, type_before(descs, i, k, op.table, op.name)))
                e = fail(error_kind::lint_type_change_rewrites, op.table, op.name);
            else if (op.alter.drop_not_null && not_null_before(descs, i, k, op.table, op.name) != 0 &&
                     !not_null_proved(descs, i, k, op.table, op.name))
                e = fail(error_kind::lint_set_not_null_scans, op.table, op.name);
            break;
        default: break;
    }
    if (e) {
        e.migration = i;
        e.op = k;
        e.derived_down = true;
    }
    return e;
}

// The first finding of the live_postgres rules in migrations of version >= from: each
// migration's up, then its down: the explicit down<...>, or what the derived one runs.
// unsafe<"why", op> accepts the operation and its derived down.
constexpr error live_postgres_finding(const migration_desc* descs, std::size_t n, std::uint64_t from) {
    for (std::size_t i = 0; i < n; ++i) {
        const migration_desc& m = descs[i];
        if (m.version < from) continue;
        for (int down = 0; down < 2; ++down) {
            const op_desc* ops = down ? m.down_ops : m.ops;
            const std::size_t nops = down ? m.ndown_ops : m.nops;
            for (std::size_t k = 0; k < nops; ++k) {
                const op_desc& op = ops[k];
                if (!op.unsafe_reason.empty() || created_earlier_in(ops, k, op.table)) continue;
                if (error e = live_postgres_finding_of(descs, i, k, op, down == 1)) return e;
            }
        }
        if (m.explicit_down) continue;
        bool reversible = true;  // (an irreversible migration has no down to run)
        for (std::size_t k = 0; k < m.nops; ++k) reversible = reversible && m.ops[k].reversible;
        for (std::size_t k = m.nops; reversible && k-- > 0;)  // (the derived down runs them newest first)
            if (m.ops[k].unsafe_reason.empty())
                if (error e = derived_down_finding_of(descs, i, k)) return e;
    }
    return {};
}

}  // namespace strata::detail
