#pragma once
// The table locks a PostgreSQL statement takes, read from its text: what plan() and the CLI's
// `sql` show before each statement (docs/live-postgres.md is the catalogue, with the lock level
// of each form as PostgreSQL's documentation gives it; tests/runtime/pg_locks.cpp checks each
// against pg_locks on a real server). Read from the text, not the operation, so that it covers
// execute<"..."> too; a statement it does not know is said to be unknown, never guessed.
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/runtime/sql_text.hpp>

namespace strata::detail {

struct pg_table_lock {
    std::string table;      // as written, unquoted; for DROP INDEX, the index (its table is locked)
    std::string_view mode;  // "ACCESS EXCLUSIVE", "SHARE", ... as PostgreSQL names them
    std::string_view why;   // what makes it long, or empty
    bool index = false;     // `table` names an index: the lock is on the index's table
    // no `table`: the tables referenced by the foreign keys the statement drops, if it drops any
    // (a DROP TABLE, DROP COLUMN or DROP CONSTRAINT removes the key's triggers there too)
    bool dropped_keys_targets = false;
};

struct pg_statement_locks {
    bool known = false;     // false: a statement this reader does not classify
    std::vector<pg_table_lock> locks;
};

inline pg_statement_locks pg_locks_of(std::string_view sql) {
    std::vector<sql_token> ts;
    for (const sql_token& t : sql_tokens(sql))
        if (t.kind != sql_token::space) ts.push_back(t);
    auto is = [&](std::size_t i, std::string_view w) { return i < ts.size() && ts[i].kind == sql_token::word && sql_iequal(ts[i].text, w); };
    auto name_at = [&](std::size_t i) {
        return i < ts.size() && (ts[i].kind == sql_token::word || ts[i].kind == sql_token::quoted) ? sql_unquote(ts[i]) : std::string();
    };
    auto find = [&](std::size_t from, std::string_view w) {
        for (std::size_t i = from; i < ts.size(); ++i)
            if (is(i, w)) return i;
        return ts.size();
    };
    auto skip_if_exists = [&](std::size_t i) { return is(i, "IF") && is(i + 1, "EXISTS") ? i + 2 : i; };
    // every REFERENCES t: a foreign key takes SHARE ROW EXCLUSIVE on the table it references
    // (a table named twice keeps its first, stronger lock: a foreign key to its own table)
    auto referenced = [&](pg_statement_locks& r, std::size_t from) {
        for (std::size_t i = find(from, "REFERENCES"); i < ts.size(); i = find(i + 1, "REFERENCES")) {
            std::string t = name_at(i + 1);
            bool seen = false;
            for (const pg_table_lock& k : r.locks) seen = seen || (!k.index && k.table == t);
            if (!seen) r.locks.push_back({std::move(t), "SHARE ROW EXCLUSIVE", "", false});
        }
    };
    // several subcommands (ALTER TABLE t A, B): a comma outside parentheses
    auto subcommands = [&](std::size_t from) {
        std::size_t n = 1;
        int depth = 0;
        for (std::size_t i = from; i < ts.size(); ++i)
            if (ts[i].kind == sql_token::punct) {
                if (ts[i].text == "(") ++depth;
                else if (ts[i].text == ")") --depth;
                else if (ts[i].text == "," && depth == 0) ++n;
            }
        return n;
    };
    pg_statement_locks r;
    if (ts.empty()) return r;
    if (is(0, "CREATE") && is(1, "TABLE")) {  // the new table is no one's yet
        r.known = true;
        referenced(r, 2);
    } else if (is(0, "DROP") && is(1, "TABLE")) {
        r.known = true;
        r.locks.push_back({name_at(skip_if_exists(2)), "ACCESS EXCLUSIVE", "", false});
        r.locks.push_back({{}, "ACCESS EXCLUSIVE", "", false, true});
    } else if (is(0, "CREATE") && (is(1, "INDEX") || (is(1, "UNIQUE") && is(2, "INDEX")))) {
        const std::size_t on = find(2, "ON");
        const bool concurrently = find(2, "CONCURRENTLY") < on;
        r.known = on < ts.size();
        if (r.known)
            r.locks.push_back({name_at(is(on + 1, "ONLY") ? on + 2 : on + 1), concurrently ? "SHARE UPDATE EXCLUSIVE" : "SHARE",
                               concurrently ? "builds the index while writes go on (two table scans)"
                                            : "blocks writes while it builds the index (a table scan)",
                               false});
    } else if (is(0, "DROP") && is(1, "INDEX")) {
        const bool concurrently = is(2, "CONCURRENTLY");
        r.known = true;
        r.locks.push_back({name_at(skip_if_exists(concurrently ? 3 : 2)), concurrently ? "SHARE UPDATE EXCLUSIVE" : "ACCESS EXCLUSIVE", "", true});
    } else if (is(0, "ALTER") && is(1, "TABLE")) {
        std::size_t t = skip_if_exists(2);
        if (is(t, "ONLY")) ++t;
        const std::string table = name_at(t);
        r.known = !table.empty();
        const bool validate = is(t + 1, "VALIDATE");
        // ADD [CONSTRAINT c] FOREIGN KEY alone: SHARE ROW EXCLUSIVE, not ACCESS EXCLUSIVE
        const bool add_fk = is(t + 1, "ADD") && (is(t + 2, "FOREIGN") || (is(t + 2, "CONSTRAINT") && is(t + 4, "FOREIGN"))) &&
                            subcommands(t + 1) == 1;
        const bool not_valid = find(t + 1, "NOT") < ts.size() && is(find(t + 1, "NOT") + 1, "VALID");
        std::string_view why;
        if (find(t + 1, "TYPE") < ts.size()) why = "rewrites the table unless the new type is binary-compatible";
        else if (is(t + 1, "ALTER") && find(t + 1, "SET") < ts.size() && is(find(t + 1, "SET") + 1, "NOT")) why = "scans the table";
        else if (is(t + 1, "ADD") && (find(t + 1, "CHECK") < ts.size() || add_fk) && !not_valid) why = "scans the table";
        else if (is(t + 1, "ADD") && (find(t + 1, "UNIQUE") < ts.size() || find(t + 1, "PRIMARY") < ts.size()))
            why = "builds an index (a table scan)";
        if (validate) r.locks.push_back({table, "SHARE UPDATE EXCLUSIVE", "scans the table while writes go on", false});
        else if (add_fk) r.locks.push_back({table, "SHARE ROW EXCLUSIVE", why, false});
        else r.locks.push_back({table, "ACCESS EXCLUSIVE", why, false});
        referenced(r, t + 1);
        if (find(t + 1, "DROP") < ts.size() && (find(t + 1, "COLUMN") < ts.size() || find(t + 1, "CONSTRAINT") < ts.size()))
            r.locks.push_back({{}, "ACCESS EXCLUSIVE", "", false, true});
    } else if (is(0, "INSERT") && is(1, "INTO")) {
        r.known = true;
        r.locks.push_back({name_at(2), "ROW EXCLUSIVE", "", false});
    } else if (is(0, "UPDATE")) {
        r.known = true;
        r.locks.push_back({name_at(is(1, "ONLY") ? 2 : 1), "ROW EXCLUSIVE", "", false});
    } else if (is(0, "DELETE") && is(1, "FROM")) {
        r.known = true;
        r.locks.push_back({name_at(is(2, "ONLY") ? 3 : 2), "ROW EXCLUSIVE", "", false});
    } else if ((is(0, "CREATE") || is(0, "ALTER") || is(0, "DROP")) && is(1, "TYPE")) {
        r.known = true;  // a type, no table
    }
    return r;
}

// One line for plan(): `ACCESS EXCLUSIVE on "users" (scans the table)`, several joined by "; ";
// empty for a statement that locks no existing table (CREATE TABLE without a foreign key, a type).
inline std::string pg_lock_text(std::string_view sql) {
    const pg_statement_locks l = pg_locks_of(sql);
    if (!l.known) return "not known (a statement strata does not classify: read it)";
    if (l.locks.empty()) return {};
    std::string s;
    for (const pg_table_lock& k : l.locks) {
        if (!s.empty()) s += "; ";
        if (k.dropped_keys_targets) {
            s += std::string(k.mode) + " on each table a foreign key it drops references";
            continue;
        }
        s += std::string(k.mode) + (k.index ? " on the table of index \"" : " on \"") + k.table + "\"";
        if (!k.why.empty()) s += " (" + std::string(k.why) + ")";
    }
    return s;
}

}  // namespace strata::detail
