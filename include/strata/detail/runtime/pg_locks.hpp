#pragma once
// The table locks a PostgreSQL statement takes, read from its text: what plan() and the CLI's
// `sql` show before each statement (docs/live-postgres.md is the catalogue, with the lock level
// of each form as PostgreSQL's documentation gives it; tests/runtime/pg_locks.cpp checks each
// against pg_locks on a real server). Read from the text, not the operation, so that it covers
// execute<"..."> too; a statement it does not know is said to be unknown, never guessed.
#include <strata/detail/config.hpp>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/core/volatile_functions.hpp>
#include <strata/detail/runtime/sql_text.hpp>

namespace strata::detail {

struct pg_table_lock {
    std::string table;      // as written, unquoted, without its schema; for DROP INDEX, the index
    std::string_view mode;  // "ACCESS EXCLUSIVE", "SHARE", ... as PostgreSQL names them
    std::string_view why;   // what makes it long, or empty
    bool index = false;     // `table` names an index: the lock is on the index's table
    // no `table`: the tables at the other end of the foreign keys the statement drops, if it
    // drops any (a DROP TABLE, DROP COLUMN, DROP CONSTRAINT or a type change of a key column
    // removes the key's triggers there too)
    bool dropped_keys_targets = false;
    // no `table`: every table with a foreign key to the one named (TRUNCATE ... CASCADE)
    bool referencing_tables = false;
};

struct pg_statement_locks {
    bool known = false;     // false: a statement this reader does not classify
    std::vector<pg_table_lock> locks;
};

STRATA_LAZY inline pg_statement_locks pg_locks_of(std::string_view sql) {
    std::vector<sql_token> ts;
    for (const sql_token& t : sql_tokens(sql, true))
        if (t.kind != sql_token::space) ts.push_back(t);
    while (!ts.empty() && ts.back().kind == sql_token::punct && ts.back().text == ";") ts.pop_back();
    auto is = [&](std::size_t i, std::string_view w) { return i < ts.size() && ts[i].kind == sql_token::word && sql_iequal(ts[i].text, w); };
    auto punct = [&](std::size_t i, std::string_view p) { return i < ts.size() && ts[i].kind == sql_token::punct && ts[i].text == p; };
    auto is_name = [&](std::size_t i) { return i < ts.size() && (ts[i].kind == sql_token::word || ts[i].kind == sql_token::quoted); };
    // A name, schema-qualified or not: its last part, and the position after it.
    struct name_ref {
        std::string name;
        std::size_t next;
    };
    auto name_at = [&](std::size_t i) {
        if (!is_name(i)) return name_ref{{}, i};
        while (punct(i + 1, ".") && is_name(i + 2)) i += 2;
        return name_ref{sql_unquote(ts[i]), i + 1};
    };
    auto find = [&](std::size_t from, std::string_view w) {
        for (std::size_t i = from; i < ts.size(); ++i)
            if (is(i, w)) return i;
        return ts.size();
    };
    auto has_pair = [&](std::size_t from, std::string_view a, std::string_view b) {
        for (std::size_t i = find(from, a); i < ts.size(); i = find(i + 1, a))
            if (is(i + 1, b)) return true;
        return false;
    };
    auto skip_if_exists = [&](std::size_t i) { return is(i, "IF") && is(i + 1, "EXISTS") ? i + 2 : i; };
    // a comma (or a semicolon) outside parentheses after `from`
    auto top_level = [&](std::size_t from, std::string_view p) {
        std::size_t n = 0;
        int depth = 0;
        for (std::size_t i = from; i < ts.size(); ++i)
            if (ts[i].kind == sql_token::punct) {
                if (ts[i].text == "(") ++depth;
                else if (ts[i].text == ")") --depth;
                else if (ts[i].text == p && depth == 0) ++n;
            }
        return n;
    };
    pg_statement_locks r;
    auto add = [&](std::string table, std::string_view mode, std::string_view why = {}, bool index = false) {
        for (const pg_table_lock& k : r.locks)  // a table named twice keeps its first, stronger lock
            if (!k.dropped_keys_targets && k.index == index && k.table == table) return;
        r.locks.push_back({std::move(table), mode, why, index, false, false});
    };
    auto dropped_keys = [&] { r.locks.push_back({{}, "ACCESS EXCLUSIVE", {}, false, true, false}); };
    // A call of a function not among the built-ins that read (or, setval, move a sequence): a
    // function of one's own may take any lock (an ALTER TABLE inside one takes ACCESS EXCLUSIVE).
    auto calls_unknown_function = [&](std::size_t from) {
        // (and the words of SQL itself that a parenthesis follows: USING (id), NOT (a), IN (...))
        constexpr std::string_view reading[] = {
            "count", "sum", "min", "max", "avg", "coalesce", "nullif", "greatest", "least", "lower", "upper", "length",
            "now", "setval", "nextval", "currval", "pg_get_serial_sequence", "current_setting", "set_config", "format", "concat",
            "string_agg", "array_agg", "json_agg", "jsonb_agg", "to_char", "date_trunc", "abs", "round",
            "exists", "in", "any", "all", "some", "cast", "values", "row", "array", "and", "or", "not", "using", "by",
            "when", "then", "else", "from", "join", "on", "select", "where", "having", "as", "over", "filter", "within",
            "between", "is", "like", "ilike", "distinct", "lateral", "with", "union", "intersect", "except", "limit",
            "offset", "group", "order", "partition", "case", "end"};
        for (std::size_t i = from; i + 1 < ts.size(); ++i) {
            if (!is_name(i) || !punct(i + 1, "(")) continue;
            bool known = false;
            for (std::string_view f : reading) known = known || (ts[i].kind == sql_token::word && sql_iequal(ts[i].text, f));
            if (!known) return true;
        }
        return false;
    };
    // SET ( ... ) / RESET ( ... ) at `open` (the "("): whether every parameter is one that takes
    // SHARE UPDATE EXCLUSIVE (ALTER TABLE, SET ( storage_parameter ): fillfactor, the toast and
    // autovacuum parameters, parallel_workers); any other takes ACCESS EXCLUSIVE.
    auto light_parameters = [&](std::size_t open) {
        int depth = 0;
        for (std::size_t i = open; i < ts.size(); ++i) {
            if (punct(i, "(")) ++depth;
            else if (punct(i, ")") && --depth == 0) return true;
            else if (depth == 1 && (punct(i - 1, "(") || punct(i - 1, ",")) && ts[i].kind == sql_token::word) {
                const std::string_view p = ts[i].text;
                const bool light = sql_iequal(p, "fillfactor") || sql_iequal(p, "parallel_workers") ||
                                   sql_iequal(p, "toast_tuple_target") || sql_iequal(p, "toast") ||
                                   (p.size() > 11 && sql_iequal(p.substr(0, 11), "autovacuum_"));
                if (!light) return false;
            }
        }
        return false;
    };
    // every REFERENCES t: a foreign key takes SHARE ROW EXCLUSIVE on the table it references
    auto referenced = [&](std::size_t from) {
        for (std::size_t i = find(from, "REFERENCES"); i < ts.size(); i = find(i + 1, "REFERENCES"))
            add(name_at(i + 1).name, "SHARE ROW EXCLUSIVE");
    };
    // each name of a list (DROP TABLE a, b; TRUNCATE a, b)
    auto each_name = [&](std::size_t i, std::string_view mode, bool index) {
        for (;;) {
            if (is(i, "ONLY")) ++i;
            const name_ref n = name_at(i);
            if (n.name.empty()) return;
            add(n.name, mode, {}, index);
            if (!punct(n.next, ",")) return;
            i = n.next + 1;
        }
    };
    if (ts.empty()) return r;
    if (top_level(0, ";") > 0) return r;  // several statements: not known, read them
    if (is(0, "CREATE") && is(1, "TABLE")) {  // the new table is no one's yet
        r.known = find(2, "PARTITION") == ts.size();  // (PARTITION OF locks the parent: not classified)
        referenced(2);
    } else if (is(0, "DROP") && is(1, "TABLE")) {
        r.known = true;
        each_name(skip_if_exists(2), "ACCESS EXCLUSIVE", false);
        dropped_keys();
    } else if (is(0, "TRUNCATE")) {
        r.known = true;
        each_name(is(1, "TABLE") ? 2 : 1, "ACCESS EXCLUSIVE", false);
        if (find(1, "CASCADE") < ts.size()) r.locks.push_back({{}, "ACCESS EXCLUSIVE", {}, false, false, true});
    } else if (is(0, "CREATE") && (is(1, "INDEX") || (is(1, "UNIQUE") && is(2, "INDEX")))) {
        const std::size_t on = find(2, "ON");
        const bool concurrently = find(2, "CONCURRENTLY") < on;
        r.known = on < ts.size();
        if (r.known)
            add(name_at(is(on + 1, "ONLY") ? on + 2 : on + 1).name, concurrently ? "SHARE UPDATE EXCLUSIVE" : "SHARE",
                concurrently ? "builds the index while writes go on (two table scans)" : "blocks writes while it builds the index (a table scan)");
    } else if (is(0, "DROP") && is(1, "INDEX")) {
        const bool concurrently = is(2, "CONCURRENTLY");
        r.known = true;
        each_name(skip_if_exists(concurrently ? 3 : 2), concurrently ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE", true);
    } else if (is(0, "ALTER") && is(1, "TABLE")) {
        std::size_t t = skip_if_exists(2);
        if (is(t, "ONLY")) ++t;
        const name_ref table = name_at(t);
        const std::size_t a = table.next;  // the first subcommand
        const bool single = top_level(a, ",") == 0;
        r.known = !table.name.empty();
        // ALTER [COLUMN] c [SET DATA] TYPE: a type change (not a column named "type")
        bool retype = false;
        for (std::size_t i = find(a, "ALTER"); i < ts.size() && !retype; i = find(i + 1, "ALTER")) {
            std::size_t j = is(i + 1, "COLUMN") ? i + 2 : i + 1;
            j = name_at(j).next;
            if (is(j, "SET") && is(j + 1, "DATA")) j += 2;
            retype = is(j, "TYPE");
        }
        const bool not_valid = has_pair(a, "NOT", "VALID");
        const bool using_index = has_pair(a, "USING", "INDEX");
        const bool adds_fk = has_pair(a, "FOREIGN", "KEY") || find(a, "REFERENCES") < ts.size();
        // (a foreign key on a column added without a default: every value is NULL, no row is checked)
        const bool fk_scans = has_pair(a, "FOREIGN", "KEY") || (adds_fk && find(a, "DEFAULT") < ts.size());
        const bool adds_check = find(a, "CHECK") < ts.size();
        bool volatile_default = false;
        for (std::size_t i = find(a, "DEFAULT"); i < ts.size() && !volatile_default; ++i)
            volatile_default = ts[i].kind == sql_token::word && punct(i + 1, "(") && volatile_function(ts[i].text);
        std::string_view why;
        if (retype) why = "rewrites the table unless the new type is binary-compatible";
        // (PostgreSQL 12 and later skip the scan when a valid check proves it; the text cannot tell)
        else if (has_pair(a, "SET", "NOT")) why = "scans the table, unless a valid check proves the column has no NULL";
        else if (is(a, "ADD") && volatile_default) why = "rewrites the table (a volatile default)";
        else if (is(a, "ADD") && (adds_check || fk_scans) && !not_valid) why = "scans the table";
        else if (is(a, "ADD") && !using_index && (find(a, "UNIQUE") < ts.size() || has_pair(a, "PRIMARY", "KEY")))
            why = "builds an index (a table scan)";
        else if (is(a, "ADD") && (find(a, "IDENTITY") < ts.size() || find(a, "SERIAL") < ts.size() || find(a, "BIGSERIAL") < ts.size()))
            why = "rewrites the table (each row takes a number)";
        // The weaker locks of ALTER TABLE, each for one subcommand alone (ALTER TABLE's page):
        // ADD FOREIGN KEY SHARE ROW EXCLUSIVE; VALIDATE CONSTRAINT, SET STATISTICS, SET (...),
        // CLUSTER ON SHARE UPDATE EXCLUSIVE; ENABLE/DISABLE TRIGGER SHARE ROW EXCLUSIVE.
        const bool add_fk_only = is(a, "ADD") && (is(a + 1, "FOREIGN") || (is(a + 1, "CONSTRAINT") && is(a + 3, "FOREIGN")));
        if (single && is(a, "VALIDATE")) add(table.name, "SHARE UPDATE EXCLUSIVE", "scans the table while writes go on");
        else if (single && add_fk_only) add(table.name, "SHARE ROW EXCLUSIVE", why);
        else if (single && ((is(a, "ALTER") && !retype && has_pair(a, "SET", "STATISTICS")) ||
                            ((is(a, "SET") || is(a, "RESET")) && punct(a + 1, "(") && light_parameters(a + 1)) ||
                            (is(a, "CLUSTER") && is(a + 1, "ON"))))
            add(table.name, "SHARE UPDATE EXCLUSIVE");
        else if (single && (is(a, "ENABLE") || is(a, "DISABLE")) && find(a, "TRIGGER") < ts.size())
            add(table.name, "SHARE ROW EXCLUSIVE");
        else if (find(a, "PARTITION") < ts.size()) r.known = false;  // ATTACH/DETACH PARTITION: not classified
        else add(table.name, "ACCESS EXCLUSIVE", why);
        referenced(a);
        if (has_pair(a, "DROP", "COLUMN") || has_pair(a, "DROP", "CONSTRAINT") || retype) dropped_keys();
    } else if (is(0, "INSERT") && is(1, "INTO")) {
        r.known = true;
        add(name_at(2).name, "ROW EXCLUSIVE");
    } else if (is(0, "UPDATE")) {
        r.known = true;
        add(name_at(is(1, "ONLY") ? 2 : 1).name, "ROW EXCLUSIVE");
    } else if (is(0, "DELETE") && is(1, "FROM")) {
        r.known = true;
        add(name_at(is(2, "ONLY") ? 3 : 2).name, "ROW EXCLUSIVE");
    } else if (is(0, "SELECT")) {  // reads: ACCESS SHARE, no one waits
        r.known = find(1, "FOR") == ts.size() && find(1, "INTO") == ts.size() && !calls_unknown_function(1);
    } else if (is(0, "SET") || is(0, "RESET")) {  // a setting, no table
        r.known = true;
    } else if ((is(0, "CREATE") || is(0, "ALTER")) && is(1, "TYPE")) {
        r.known = find(2, "CASCADE") == ts.size();  // a type, no table (CASCADE alters its typed tables)
    } else if (is(0, "DROP") && is(1, "TYPE")) {
        r.known = find(2, "CASCADE") == ts.size();  // CASCADE drops the columns of that type
    }
    return r;
}

// One line for plan(): `ACCESS EXCLUSIVE on "users" (scans the table)`, several joined by "; ";
// empty for a statement that locks no existing table (CREATE TABLE without a foreign key, a type).
STRATA_LAZY inline std::string pg_lock_text(const pg_statement_locks& l) {
    if (!l.known) return "not known (a statement strata does not classify: read it)";
    std::string s;
    for (const pg_table_lock& k : l.locks) {
        if (!s.empty()) s += "; ";
        if (k.dropped_keys_targets) {
            s += std::string(k.mode) + " on the table at the other end of each foreign key it drops";
            continue;
        }
        if (k.referencing_tables) {
            s += std::string(k.mode) + " on every table with a foreign key to it (CASCADE truncates them too)";
            continue;
        }
        s += std::string(k.mode) + (k.index ? " on the table of index \"" : " on \"") + k.table + "\"";
        if (!k.why.empty()) s += " (" + std::string(k.why) + ")";
    }
    return s;
}

STRATA_LAZY inline std::string pg_lock_text(std::string_view sql) { return pg_lock_text(pg_locks_of(sql)); }

}  // namespace strata::detail
