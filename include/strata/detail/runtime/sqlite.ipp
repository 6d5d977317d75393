#pragma once
// strata::sqlite::connection's bodies, its key function (the destructor) among them: compiled
// at the end of sqlite.hpp (header-only) or once in strata::runtime
// (STRATA_SEPARATE_COMPILATION), with the class's vtable.
#include <strata/detail/algorithm.hpp>
#include <strata/detail/dependent.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <strata/detail/runtime/sql_text.hpp>
#include <strata/sqlite.hpp>

namespace strata {

template <class Tag>
struct sqlite::basic_connection<Tag>::statement_cache {
    std::map<std::string, sqlite3_stmt*, std::less<>> by_text;
};

template <class Tag>
STRATA_INLINE sqlite::basic_connection<Tag>::basic_connection(const std::string& path, std::chrono::milliseconds busy_timeout)
    : where_(path), owned_(true), cache_(new statement_cache()) {
    const int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw database_error("strata: sqlite: cannot open " + path + ": " + msg, "", msg);
    }
    set_up(busy_timeout);
}

template <class Tag>
STRATA_INLINE sqlite::basic_connection<Tag>::basic_connection(sqlite3* borrowed, std::chrono::milliseconds busy_timeout)
    : db_(borrowed), owned_(false), cache_(new statement_cache()) {
    const char* file = sqlite3_db_filename(borrowed, "main");
    where_ = file && *file ? file : ":memory:";
    set_up(busy_timeout);
}

template <class Tag>
STRATA_INLINE sqlite::basic_connection<Tag>::basic_connection::~basic_connection() {
    for (auto& [sql, st] : cache_->by_text) sqlite3_finalize(st);
    if (owned_) sqlite3_close(db_);
}

template <class Tag>
STRATA_INLINE void sqlite::basic_connection<Tag>::execute(std::string_view sql, std::span<const value> params, const row_callback& on_row) {
    // SQLite stops reading a statement at a NUL: what follows it would be dropped unseen.
    if (const std::size_t at = sql.find('\0'); at != std::string_view::npos)
        throw database_error("strata: sqlite: the statement holds a NUL byte at offset " + std::to_string(at) +
                                 " (SQLite would ignore the rest of it); pass such text as a parameter",
                             std::string(sql.substr(0, at)), "");
    // sqlite3_prepare_v2 takes an int length: a wrapped one would run a prefix of the text.
    if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw database_error("strata: sqlite: a statement of " + std::to_string(sql.size()) +
                                 " bytes is longer than SQLite reads (2 GiB); pass large values as parameters",
                             std::string(sql.substr(0, 200)), "");
    if (ended_early()) throw rolled_back(sql);
    // Statements with parameters are strata's bookkeeping or a data step's, run again and
    // again: they are prepared once. Others (DDL) run once and may be scripts.
    if (!params.empty()) {
        sqlite3_stmt* st = cached(sql);
        run(st, sql, params, on_row);
        return;
    }
    const char* p = sql.data();
    const char* end = sql.data() + sql.size();
    while (p < end) {
        sqlite3_stmt* st = nullptr;
        const char* tail = nullptr;
        if (sqlite3_prepare_v2(db_, p, static_cast<int>(end - p), &st, &tail) != SQLITE_OK) fail(sql);
        if (!st) break;  // only whitespace or comments left
        try {
            run(st, sql, {}, on_row);
        } catch (...) {
            sqlite3_finalize(st);
            throw;
        }
        sqlite3_finalize(st);
        p = tail;
    }
}

template <class Tag>
STRATA_INLINE bool sqlite::basic_connection<Tag>::has_table(std::string_view name) {
    bool found = false;
    const detail::dependent_t<value, Tag> p[] = {std::string(name)};  // (dependent: see detail::dependent)
    execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1", p, [&](const row&) { found = true; });
    return found;
}

template <class Tag>
STRATA_INLINE std::vector<std::string> sqlite::basic_connection<Tag>::schema_facts(std::span<const std::string> tables, std::span<const std::string>) {
    // (dependent: the vectors' and the variant's constexpr members, and std::sort, are compiled
    // where this is instantiated, not in every unit that includes the header; see detail::dependent)
    using strings = std::vector<detail::dependent_t<std::string, Tag>>;
    strings f;
    auto query = [&](std::string_view sql, const std::string& arg) {
        std::vector<strings> rows;
        const detail::dependent_t<value, Tag> p[] = {arg};
        execute(sql, p, [&](const row& r) {
            auto& out = rows.emplace_back();
            for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.is_null(i) ? std::string() : r.get<std::string>(i));
        });
        return rows;
    };
    auto query_all = [&](std::string_view sql) {
        std::vector<strings> rows;
        execute(sql, {}, [&](const row& r) {
            auto& out = rows.emplace_back();
            for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.is_null(i) ? std::string() : r.get<std::string>(i));
        });
        return rows;
    };
    std::optional<std::vector<strings>> views;  // read once, when a table is there
    auto join = [](const std::vector<std::string>& xs) {
        std::string s;
        for (const auto& x : xs) s += (s.empty() ? "" : ",") + x;
        return s;
    };
    for (const std::string& tn : tables) {
        auto sql_rows = query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1", tn);
        if (sql_rows.empty()) continue;
        f.push_back("table " + tn);
        strings pk;
        std::string pk_type;
        bool null_default = false;
        // (table_xinfo: a generated column too, which table_info hides, and the chain makes none)
        for (auto& c : query("SELECT name, type, \"notnull\", dflt_value, pk, dflt_value IS NULL, hidden IN (2, 3) FROM "
                             "pragma_table_xinfo($1)",
                             tn)) {
            null_default = c[5] == "1" || detail::sql_iequal(c[3], "null");  // (DEFAULT NULL: no default)
            f.push_back("column " + tn + "." + c[0] + " " + c[1] + (c[2] == "1" ? " not null" : "") +
                        (c[6] == "1" ? std::string(" generated") : " default=" + (null_default ? std::string() : c[3])));
            if (c[4] != "0") pk.push_back(c[0]), pk_type = c[1];
        }
        if (!pk.empty()) {
            std::sort(pk.begin(), pk.end());
            // An INTEGER PRIMARY KEY that is not the rowid (made DESC: SQLite keeps it in an index
            // of its own), as the chain never makes it: a rebuild would number the rows again.
            const bool apart = pk.size() == 1 && detail::sql_iequal(pk_type, "INTEGER") &&
                               !query("SELECT 1 FROM pragma_index_list($1) WHERE origin = 'pk'", tn).empty();
            f.push_back("pk " + tn + "(" + join(pk) + ")" + (apart ? " not the rowid" : ""));
        }
        // (ON UPDATE only when it is not NO ACTION: the chain declares none, and a rebuild would drop it)
        for (auto& k : query("SELECT \"from\", \"table\", \"to\", on_delete, on_update FROM pragma_foreign_key_list($1)", tn))
            f.push_back("fk " + tn + "." + k[0] + " -> " + k[1] + "." + k[2] + " " + k[3] +
                        (k[4] == "NO ACTION" ? std::string() : " on update " + k[4]));
        for (auto& x : query("SELECT name, \"unique\", origin, partial FROM pragma_index_list($1)", tn)) {
            strings cols;
            // (a key column made DESC or with a COLLATE, or an expression, by hand: drift, as the
            // rebuild guard refuses it)
            for (auto& c : query("SELECT ifnull(name, '(expression)') || CASE WHEN \"desc\" THEN ' desc' ELSE '' END || "
                                 "CASE WHEN coll <> 'BINARY' THEN ' collate ' || coll ELSE '' END FROM pragma_index_xinfo($1) "
                                 "WHERE key ORDER BY seqno",
                                 x[0]))
                cols.push_back(c[0]);
            if (x[2] == "c")  // (the chain makes no partial index: one made again with WHERE is drift)
                f.push_back("index " + x[0] + " on " + tn + "(" + join(cols) + ")" + (x[1] == "1" ? " unique" : "") +
                            (x[3] == "1" ? " partial" : ""));
            else if (x[2] == "u") f.push_back("unique " + tn + "(" + join(cols) + ")");
        }
        // CHECK constraints live only in the table's SQL, their names and expressions (each in
        // one spelling, as the rebuild guard compares them); so do the clauses and options
        // strata never spells (each drift: the rebuild guard refuses them too).
        for (auto& name : detail::named_checks(sql_rows[0][0])) f.push_back("check " + name + " on " + tn);
        const detail::sqlite_table_definition def = detail::read_sqlite_table_definition(sql_rows[0][0]);
        for (const std::string& c : def.checks) f.push_back("check " + tn + ": " + detail::check_text_key(c));
        auto clauses = [&](std::int64_t n, const char* what) {
            if (n) f.push_back("clause " + tn + " " + what + (n > 1 ? " (" + std::to_string(n) + ")" : std::string()));
        };
        clauses(def.collations, "COLLATE");
        clauses(def.conflict_clauses, "ON CONFLICT");
        clauses(def.deferred_keys, "DEFERRABLE INITIALLY DEFERRED");
        if (def.strict) f.push_back("option " + tn + " STRICT");
        if (def.without_rowid) f.push_back("option " + tn + " WITHOUT ROWID");
        // Triggers and views: the typed state has none, so each is drift. A view is the
        // table's when its SQL names the table (SQLite records no dependencies).
        for (auto& x : query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1 COLLATE NOCASE", tn))
            f.push_back("trigger " + x[0] + " on " + tn);
        if (!views) views = query_all("SELECT name, sql FROM sqlite_master WHERE type = 'view'");
        for (auto& v : *views)
            if (detail::names_table(v[1], tn)) f.push_back("view " + v[0]);
    }
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());  // a view on two of the tables
    return f;
}

template <class Tag>
STRATA_INLINE std::unique_ptr<driver> sqlite::basic_connection<Tag>::open_another() const {
    const char* file = sqlite3_db_filename(db_, "main");
    if (!file || !*file)
        throw std::logic_error("strata: sqlite " + where_ + ": an in-memory database has no second connection");
    // The same file as this handle opened it: its URI's parameters and its VFS (a locking VFS
    // for a network file system, `nolock`, `immutable`), which the file's name alone drops: a
    // second connection that locked otherwise would write beside the program's, unseen.
    auto encoded = [](std::string_view text, std::string_view special) {
        std::string out;
        for (char c : text)
            if (special.find(c) != std::string_view::npos) {
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
                out += hex;
            } else {
                out += c;
            }
        return out;
    };
    std::string uri = "file:" + encoded(file, "%?#");
    char separator = '?';
    for (int i = 0; const char* key = sqlite3_uri_key(file, i); ++i) {
        // (not the shared cache: a second connection in it gets "table is locked", which the
        // busy timeout does not wait for)
        if (std::string_view(key) == "vfs" || std::string_view(key) == "cache") continue;
        const char* v = sqlite3_uri_parameter(file, key);
        uri += separator + encoded(key, "%&#=") + "=" + encoded(v ? v : "", "%&#");
        separator = '&';
    }
    sqlite3_vfs* vfs = nullptr;
    if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_VFS_POINTER, &vfs) == SQLITE_OK && vfs && vfs->zName)
        uri += separator + std::string("vfs=") + encoded(vfs->zName, "%&#");
    return std::make_unique<connection>(uri, busy_timeout());
}

template <class Tag>
STRATA_INLINE void sqlite::basic_connection<Tag>::set_up(std::chrono::milliseconds busy_timeout) {
    // (SQLite takes an int: a longer timeout waits as long as SQLite can, not wrapped to no wait)
    const auto ms = busy_timeout.count();
    sqlite3_busy_timeout(db_, ms <= 0 ? 0 : ms > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max() : static_cast<int>(ms));
    // A borrowed handle's settings that would make a migration lose data or leave a state the
    // chain does not describe: refused, as strata cannot know what else the program relies on.
    if (!owned_) {
        auto setting = [&](const char* pragma) {
            std::string v;
            sqlite3_exec(
                db_, pragma,
                [](void* out, int n, char** cells, char**) {
                    if (n > 0 && cells[0]) *static_cast<std::string*>(out) = cells[0];
                    return 0;
                },
                &v, nullptr);
            return v;
        };
        auto refuse = [&](const std::string& what, const char* why, const char* set) {
            throw database_error("strata: sqlite " + where_ + ": the borrowed connection's " + what + ": " + why + "; set it (" +
                                     set + ") or give strata the file's name; nothing was changed",
                                 "", "");
        };
        const char* file = sqlite3_db_filename(db_, "main");
        // (an in-memory database's journal is in memory and rolls back: only off is refused there)
        if (const std::string j = setting("PRAGMA journal_mode"); j == "off" || (file && *file && j == "memory"))
            refuse("journal_mode is " + j,
                   j == "off" ? "SQLite could not roll a failed migration back, and would leave the database corrupt"
                              : "a crash in a migration would leave the database corrupt (its journal is in memory)",
                   "PRAGMA journal_mode = DELETE, or WAL");
        if (setting("PRAGMA legacy_alter_table") == "1")
            refuse("legacy_alter_table is on", "a rename_table would leave the views and triggers that use the table naming "
                   "its old name, and every ALTER TABLE after it would fail on them", "PRAGMA legacy_alter_table = OFF");
        if (setting("PRAGMA ignore_check_constraints") == "1")
            refuse("ignore_check_constraints is on", "add_check and a table rebuild would keep rows that break a check",
                   "PRAGMA ignore_check_constraints = OFF");
    }
    // (Double-quoted strings stay as the program has them: SQLite checks every view, trigger and
    // check of the schema at an ALTER TABLE, and an old one that writes "text" would fail it.
    // What a name SQLite cannot find read as a text would do to strata's own statements is
    // refused where it happens: the rebuild guard, the check after CREATE INDEX.)
    exec_plain("PRAGMA foreign_keys = ON");
}

template <class Tag>
STRATA_INLINE database_error sqlite::basic_connection<Tag>::rolled_back(std::string_view sql) const {
    const std::string msg =
        "SQLite rolled back the transaction after an error in it that was caught (INSERT OR ROLLBACK, a full disk, an "
        "I/O error): nothing of the transaction is kept, and this statement was not run";
    return database_error("strata: sqlite: " + msg + "\n  in: " + std::string(sql), std::string(sql), msg, {}, false);
}

template <class Tag>
STRATA_INLINE database_error sqlite::basic_connection<Tag>::error(std::string_view sql) const {
    std::string msg = sqlite3_errmsg(db_);
    const bool busy = (sqlite3_extended_errcode(db_) & 0xff) == SQLITE_BUSY;
    // (a COMMIT waits for the readers: in rollback-journal mode it needs them gone)
    if (busy)
        msg += ": waited " + detail::duration_text(busy_timeout()) +
               (sql == "COMMIT" ? " for the connections reading the database to finish (a commit needs them gone, unless "
                                  "the database is in WAL mode)"
                                : " for another writer") +
               " (the busy timeout: raise it with strata::sqlite::connection's busy_timeout argument, or --busy-timeout in "
               "the CLI)";
    return database_error("strata: sqlite: " + msg + "\n  in: " + std::string(sql), std::string(sql), msg, {}, busy);
}

template <class Tag>
STRATA_INLINE std::chrono::milliseconds sqlite::basic_connection<Tag>::busy_timeout() const {
    long long ms = 0;
    sqlite3_exec(
        db_, "PRAGMA busy_timeout",
        [](void* out, int n, char** cells, char**) {
            if (n > 0 && cells[0]) *static_cast<long long*>(out) = std::atoll(cells[0]);
            return 0;
        },
        &ms, nullptr);
    return std::chrono::milliseconds(ms);
}

template <class Tag>
STRATA_INLINE sqlite3_stmt* sqlite::basic_connection<Tag>::cached(std::string_view sql) {
    auto& cache = cache_->by_text;
    auto it = cache.find(sql);
    if (it != cache.end()) return it->second;
    sqlite3_stmt* st = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st, &tail) != SQLITE_OK) fail(sql);
    if (!st) throw database_error("strata: sqlite: empty statement", std::string(sql), "");
    if (std::string_view(tail, sql.data() + sql.size() - tail).find_first_not_of(" \t\r\n;") != std::string_view::npos) {
        sqlite3_finalize(st);
        throw database_error("strata: sqlite: a statement with parameters must be a single statement\n  in: " + std::string(sql),
                             std::string(sql), "");
    }
    if (cache.size() >= 64) {  // a data step looping over fresh texts should not grow this
        // Not a statement still stepping: a row callback's statements run inside it.
        for (auto it = cache.begin(); it != cache.end();)
            if (sqlite3_stmt_busy(it->second)) {
                ++it;
            } else {
                sqlite3_finalize(it->second);
                it = cache.erase(it);
            }
    }
    cache.emplace(std::string(sql), st);
    return st;
}

template <class Tag>
STRATA_INLINE void sqlite::basic_connection<Tag>::run(sqlite3_stmt* st, std::string_view sql, std::span<const value> parameters, const row_callback& on_row) {
    const std::span<const detail::dependent_t<value, Tag>> params = parameters;  // (dependent: see detail::dependent)
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    // However this ends (a row callback that throws included): a statement left stepping
    // keeps its read lock, and inside a long-lived connection blocks every writer; a bound
    // value would stay copied in the cache.
    struct reset_after {
        sqlite3_stmt* st;
        ~reset_after() {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
        }
    } reset{st};
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(st))
        throw database_error("strata: sqlite: the statement has " + std::to_string(sqlite3_bind_parameter_count(st)) +
                                 " parameters, " + std::to_string(params.size()) + " given\n  in: " + std::string(sql),
                             std::string(sql), "");
    for (std::size_t i = 0; i < params.size(); ++i) {
        // By name: SQLite numbers "$n" parameters in order of first appearance, so in
        // "SET a = $2 WHERE b = $1" the first slot is $2.
        char name[24];
        std::snprintf(name, sizeof name, "$%zu", i + 1);
        const int k = sqlite3_bind_parameter_index(st, name);
        if (k == 0)
            throw database_error("strata: sqlite: the statement has no parameter " + std::string(name) +
                                     " (placeholders are $1, $2, ...)\n  in: " + std::string(sql),
                                 std::string(sql), "");
        int rc = SQLITE_OK;
        if (auto* n = std::get_if<std::int64_t>(&params[i])) rc = sqlite3_bind_int64(st, k, *n);
        else if (auto* d = std::get_if<double>(&params[i])) {
            if (*d != *d)  // (SQLite binds a NaN as NULL: the value would be lost unseen)
                throw database_error("strata: sqlite: parameter " + std::string(name) +
                                         " is a NaN, which SQLite would store as NULL\n  in: " + std::string(sql),
                                     std::string(sql), "");
            rc = sqlite3_bind_double(st, k, *d);
        }
        else if (auto* s = std::get_if<std::string>(&params[i]))
            // (the 64-bit lengths: an int would keep 3 bytes of a text of 4 GiB and 3; too long a
            // value is SQLITE_TOOBIG)
            rc = sqlite3_bind_text64(st, k, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        else if (auto* b = std::get_if<std::vector<std::byte>>(&params[i]))
            // (a null pointer would bind NULL: an empty blob is a zero-length blob)
            rc = b->empty() ? sqlite3_bind_zeroblob(st, k, 0)
                            : sqlite3_bind_blob64(st, k, b->data(), b->size(), SQLITE_TRANSIENT);
        else rc = sqlite3_bind_null(st, k);
        if (rc != SQLITE_OK) fail(sql);
    }
    // (dependent: the vector's and variant's constexpr members are compiled where this is
    // instantiated, not in every unit that includes the header; see detail::dependent)
    std::vector<detail::dependent_t<value, Tag>> cells;
    for (;;) {
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) {
            throw error(sql);  // (the guard above resets the statement)
        }
        if (!on_row) continue;
        const int n = sqlite3_column_count(st);
        cells.assign(static_cast<std::size_t>(n), detail::dependent_t<value, Tag>{});
        for (int i = 0; i < n; ++i) {
            switch (sqlite3_column_type(st, i)) {
                case SQLITE_INTEGER: cells[i] = std::int64_t{sqlite3_column_int64(st, i)}; break;
                case SQLITE_FLOAT: cells[i] = sqlite3_column_double(st, i); break;
                case SQLITE_NULL: break;
                case SQLITE_BLOB: {
                    const auto* b = static_cast<const std::byte*>(sqlite3_column_blob(st, i));
                    cells[i] = std::vector<std::byte>(b, b + sqlite3_column_bytes(st, i));
                    break;
                }
                default: {
                    const auto* t = static_cast<const char*>(sqlite3_column_blob(st, i));
                    cells[i] = std::string(t ? t : "", static_cast<std::size_t>(sqlite3_column_bytes(st, i)));
                }
            }
        }
        on_row(row(cells));
    }
}

#if defined(STRATA_SEPARATE_COMPILATION)
template class sqlite::basic_connection<void>;
#endif

}  // namespace strata
