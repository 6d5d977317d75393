#pragma once
// What the migrator needs when a migration's lock wait times out (migrator_options::lock_timeout):
// who holds the lock, in words, and how long to pause before the next attempt.
#include <strata/detail/dependent.hpp>
#include <strata/detail/config.hpp>
#include <strata/detail/runtime/format.hpp>

#include <strata/detail/algorithm.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/chrono.hpp>
#include <strata/driver.hpp>

namespace strata::detail {

// The names a statement may use for a table: quoted identifiers as written, bare words folded
// to lower case as PostgreSQL folds them; string literals and -- comments skipped. (Which of them
// are tables, the catalog says.)
STRATA_LAZY inline std::vector<std::string> names_in(std::string_view sql) {
    std::vector<dependent_t<std::string, Lazy>> names;  // (dependent: see detail::dependent)
    auto word = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9') || c == '$'; };
    for (std::size_t i = 0; i < sql.size();) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {  // 'literal' or "identifier", doubled quotes inside
            std::string text;
            std::size_t j = i + 1;
            for (; j < sql.size(); ++j) {
                if (sql[j] == c) {
                    if (j + 1 < sql.size() && sql[j + 1] == c) {
                        text += c;
                        ++j;
                        continue;
                    }
                    break;
                }
                text += sql[j];
            }
            if (c == '"') names.push_back(std::move(text));
            i = j + 1;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            i = sql.find('\n', i);
        } else if (word(c) && !(c >= '0' && c <= '9')) {
            std::size_t j = i;
            std::string w;
            for (; j < sql.size() && word(sql[j]); ++j) w += static_cast<char>(sql[j] >= 'A' && sql[j] <= 'Z' ? sql[j] - 'A' + 'a' : sql[j]);
            names.push_back(std::move(w));
            i = j;
        } else {
            ++i;
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

struct lock_holder {
    std::string table;  // (or index, sequence, view: kind)
    std::int64_t pid = 0;
    std::string mode;   // "AccessShareLock", ...
    std::string state;  // pg_stat_activity's: "idle in transaction", "active", ...
    std::string kind = "table";  // what pg_class says the relation is
};

// PostgreSQL, after a lock timeout (the migration rolled back, so this session waits for
// nothing): the other sessions holding a lock on a table of the current schema that
// `statement` names. Empty when none is left, or when asking fails.
STRATA_LAZY inline std::vector<lock_holder> pg_lock_holders(driver& db, std::string_view statement) {
    std::vector<dependent_t<lock_holder, Lazy>> holders;  // (dependent, as p below: see detail::dependent)
    std::string names;
    for (const std::string& n : names_in(statement))
        if (n.find('\x01') == std::string::npos) names += (names.empty() ? "" : "\x01") + n;
    if (names.empty()) return holders;
    const dependent_t<value, Lazy> p[] = {names};
    try {
        db.execute("SELECT c.relname, l.pid, l.mode, coalesce(a.state, ''), CASE c.relkind WHEN 'i' THEN 'index' "
                   "WHEN 'I' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
                   "ELSE 'table' END FROM pg_locks l "
                   "JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
                   "WHERE l.granted AND l.pid <> pg_backend_pid() "
                   "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                   "AND n.nspname = current_schema() AND c.relname = ANY(string_to_array($1, chr(1))) "
                   "ORDER BY c.relname, l.pid, l.mode",
                   p, [&](const row& r) {
                       holders.push_back({r.get<std::string>(0), r.get<std::int64_t>(1), r.get<std::string>(2), r.get<std::string>(3),
                                          r.get<std::string>(4)});
                   });
    } catch (const database_error&) {
        holders.clear();  // the message goes without the holders rather than not at all
    }
    return holders;
}

// PostgreSQL: a CONCURRENTLY build or drop also waits, past its table's lock, for every
// transaction of the database older than it, whatever that touches (an idle REPEATABLE READ one
// that read another table): with no lock holder left, those are what it waited for. Empty when
// there is none, or when asking fails.
STRATA_LAZY inline std::string pg_older_transactions_text(driver& db) {
    dependent_t<std::string, Lazy> s;
    try {
        db.execute("SELECT pid, coalesce(state, ''), to_char(xact_start, 'HH24:MI:SS') FROM pg_stat_activity "
                   "WHERE pid <> pg_backend_pid() AND datname = current_database() AND xact_start IS NOT NULL "
                   "AND (backend_xmin IS NOT NULL OR backend_xid IS NOT NULL) ORDER BY xact_start, pid LIMIT 5",
                   {}, [&](const row& r) {
                       const std::string state = r.get<std::string>(1);
                       s += detail::format("{}pid {} ({}{}since {})", s.empty() ? "" : ", ", r.get<std::int64_t>(0), state,
                                           state.empty() ? "" : ", ", r.get<std::string>(2));
                   });
    } catch (const database_error&) {
        s.clear();
    }
    return s.empty() ? s : "the transactions older than it (a CONCURRENTLY build or drop waits for each, whatever it touches): " + s;
}

// `table "users" held by pid 4242 (AccessShareLock, idle in transaction)` (or `index "..."`), relations separated
// by "; ".
STRATA_LAZY inline std::string holders_text(const std::vector<lock_holder>& holders) {
    if (holders.empty()) return "a table the statement uses (no other session holds a lock on it any more)";
    std::string s;
    for (std::size_t k = 0; k < holders.size();) {
        const lock_holder& h = holders[k];
        if (k == 0 || holders[k - 1].table != h.table) s += detail::format("{}{} \"{}\" held by ", k ? "; " : "", h.kind, h.table);
        else s += ", ";
        std::string modes = h.mode;  // (rows come sorted by table, pid, mode)
        std::size_t j = k + 1;
        for (; j < holders.size() && holders[j].table == h.table && holders[j].pid == h.pid; ++j) modes += ", " + holders[j].mode;
        s += detail::format("pid {} ({}{}{})", h.pid, modes, h.state.empty() ? "" : ", ", h.state);
        k = j;
    }
    return s;
}

// The pause before attempt `next` (2, 3, ...): 250 ms, doubling, at most 4 s. Between
// attempts the migration holds no lock, so the application's queries queued behind it run.
STRATA_LAZY inline std::chrono::milliseconds retry_pause(int next) {
    std::chrono::milliseconds p{250};
    for (int k = 2; k < next && p < std::chrono::seconds(4); ++k) p *= 2;
    return std::min<std::chrono::milliseconds>(p, std::chrono::seconds(4));
}

}  // namespace strata::detail
