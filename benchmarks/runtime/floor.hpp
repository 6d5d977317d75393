#pragma once
// The floor of the run-time benchmark: what strata's migrator does, done through the
// database's own C client with nothing around it (sqlite3, libpq), and the small helpers the
// benchmark and the breakdown share (files, schemas, connections).
//
// The floor's functions take a probe: `probe(category, fn)` runs fn and may time it. The
// benchmark passes no_probe (nothing but the call); the breakdown passes one that sums.
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <strata/sqlite.hpp>
// (after a backend: at some commits <strata/migrator.hpp> did not compile first)
#include <strata/migrator.hpp>  // strata::detail::create_tracking_table

#ifdef STRATA_BENCH_POSTGRES
#include <libpq-fe.h>
#endif

#include "chain_api.hpp"

namespace strata_bench {

using steady = std::chrono::steady_clock;

struct no_probe {
    template <class F>
    void operator()(const char*, F&& f) const {
        f();
    }
};

// ---------------------------------------------------------------------------------------
// The floor's plan: what strata::generate_sql says each migration runs, joined into plain
// strings before any timing, and the bookkeeping row's constant cells.

struct floor_statement {
    bool fk_check = false;  // SQLite's PRAGMA foreign_key_check after a rebuild: a row is a violation
    std::string sql;
};
struct floor_migration {
    std::int64_t version = 0;
    std::string name, checksum;
    bool rebuilds = false, transactional = true;
    std::vector<floor_statement> statements;
};
using floor_plan = std::vector<floor_migration>;

inline const floor_plan& plan_of(const chain_api& c, strata::dialect_id d) {
    static std::map<std::pair<std::size_t, int>, floor_plan> cache;
    auto& p = cache[{c.n, static_cast<int>(d)}];
    if (!p.empty()) return p;
    const strata::generated_sql g = c.generate(d);
    for (const strata::migration_sql& m : g.migrations()) {
        floor_migration f;
        f.version = static_cast<std::int64_t>(m.version);
        f.name = std::string(m.name);
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(m.checksum));
        f.checksum = hex;
        f.rebuilds = m.rebuilds_tables;
        f.transactional = m.transactional;
        for (const strata::step& s : m.up_steps) {
            // SQLite's check before a rebuild that the live table holds nothing the chain does
            // not know (three catalogue reads) is strata's own safety: its cost is strata's.
            if (s.kind == strata::step_kind::rebuild_guard || s.kind == strata::step_kind::nothing) continue;
            if (s.kind != strata::step_kind::sql && s.kind != strata::step_kind::foreign_key_check)
                throw std::logic_error("the benchmark's histories have no data steps");
            f.statements.push_back({s.kind == strata::step_kind::foreign_key_check, s.sql()});
        }
        p.push_back(std::move(f));
    }
    return p;
}

// "2026-11-22T03:12:59.123Z", as strata writes applied_at.
inline std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    const std::size_t k = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(buf + k, sizeof buf - k, ".%03dZ", static_cast<int>(ms));
    return buf;
}

inline std::int64_t ms_since(steady::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - t).count();
}

inline constexpr const char* insert_row_sql =
    "INSERT INTO \"strata_migrations\" (\"chain\", \"version\", \"name\", \"checksum\", \"applied_at\", "
    "\"duration_ms\", \"dirty\", \"history_checksum\") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
inline constexpr const char* startup_floor_sql = "SELECT max(version) FROM strata_migrations WHERE chain = 'main'";

inline std::string tag(const std::string& what, std::size_t n) {
    return what + "_" + std::to_string(n) + "_" + std::to_string(::getpid());
}

// ---------------------------------------------------------------------------------------
// SQLite

inline std::string bench_dir() {
    const char* d = std::getenv("STRATA_BENCH_DIR");
    return d && *d ? d : ".";
}

// A database file that does not exist when the object is made and is removed with it.
struct sqlite_file {
    std::string path;
    sqlite_file(const std::string& dir, const std::string& t) : path(dir + "/strata_bench_" + t + ".db") { remove(); }
    ~sqlite_file() { remove(); }
    sqlite_file(const sqlite_file&) = delete;
    sqlite_file& operator=(const sqlite_file&) = delete;
    void remove() const {
        for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    }
};

[[noreturn]] inline void sqlite_fail(sqlite3* db, const std::string& what) {
    throw std::runtime_error("sqlite: " + what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}
inline void sqlite_exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) sqlite_fail(db, sql);
}
inline sqlite3* sqlite_open(const std::string& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw std::runtime_error("sqlite: cannot open " + path + ": " + msg);
    }
    return db;
}
inline sqlite3_stmt* sqlite_prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK) sqlite_fail(db, sql);
    return st;
}
inline void sqlite_bind_text(sqlite3* db, sqlite3_stmt* st, int i, const std::string& s) {
    if (sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT) != SQLITE_OK) sqlite_fail(db, "bind");
}

// The floor of an apply: the statements, BEGIN IMMEDIATE ... COMMIT per migration, foreign keys
// off around a rebuild (and the foreign_key_check strata runs after it), one prepared INSERT
// per migration.
template <class Probe = no_probe>
void sqlite_floor_apply(sqlite3* db, const floor_plan& plan, Probe&& probe = {}) {
    probe("create tracking table", [&] { sqlite_exec(db, std::string(strata::detail::create_tracking_table).c_str()); });
    sqlite3_stmt* ins = sqlite_prepare(db, insert_row_sql);
    try {
        for (const floor_migration& m : plan) {
            if (m.rebuilds) probe("PRAGMA foreign_keys", [&] { sqlite_exec(db, "PRAGMA foreign_keys = OFF"); });
            if (m.transactional) probe("BEGIN", [&] { sqlite_exec(db, "BEGIN IMMEDIATE"); });
            const auto started = steady::now();
            for (const floor_statement& s : m.statements) {
                if (!s.fk_check) {
                    probe("migration statements", [&] { sqlite_exec(db, s.sql.c_str()); });
                    continue;
                }
                probe("foreign_key_check", [&] {
                    sqlite3_stmt* st = sqlite_prepare(db, s.sql);
                    const int rc = sqlite3_step(st);
                    sqlite3_finalize(st);
                    if (rc == SQLITE_ROW) throw std::runtime_error("foreign key violation: " + s.sql);
                    if (rc != SQLITE_DONE) sqlite_fail(db, s.sql);
                });
            }
            probe("INSERT bookkeeping row", [&] {
                sqlite3_reset(ins);
                sqlite_bind_text(db, ins, 1, "main");
                sqlite3_bind_int64(ins, 2, m.version);
                sqlite_bind_text(db, ins, 3, m.name);
                sqlite_bind_text(db, ins, 4, m.checksum);
                sqlite_bind_text(db, ins, 5, utc_now());
                sqlite3_bind_int64(ins, 6, ms_since(started));
                sqlite3_bind_int64(ins, 7, 0);
                sqlite_bind_text(db, ins, 8, m.checksum);  // (a 16-digit text, as strata's)
                if (sqlite3_step(ins) != SQLITE_DONE) sqlite_fail(db, insert_row_sql);
            });
            if (m.transactional) probe("COMMIT", [&] { sqlite_exec(db, "COMMIT"); });
            if (m.rebuilds) probe("PRAGMA foreign_keys", [&] { sqlite_exec(db, "PRAGMA foreign_keys = ON"); });
        }
    } catch (...) {
        sqlite3_finalize(ins);
        throw;
    }
    sqlite3_finalize(ins);
}

// The floor of the start-up check: open, the head recorded, close.
inline std::int64_t sqlite_floor_startup(const std::string& path) {
    sqlite3* db = sqlite_open(path);
    sqlite3_stmt* st = nullptr;
    std::int64_t v = -1;
    if (sqlite3_prepare_v2(db, startup_floor_sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

// ---------------------------------------------------------------------------------------
// PostgreSQL

#ifdef STRATA_BENCH_POSTGRES
inline const char* pg_url() {
    const char* u = std::getenv("STRATA_PG_URL");
    return u && *u ? u : nullptr;
}

// The server's URL with search_path set to `schema` at connection time (nothing to time).
inline std::string pg_url_in(const std::string& schema) {
    std::string u = pg_url();
    u += u.find('?') == std::string::npos ? '?' : '&';
    return u + "options=-c%20search_path%3D" + schema;
}

struct pg_client {
    PGconn* c = nullptr;
    explicit pg_client(const std::string& url) : c(PQconnectdb(url.c_str())) {
        if (PQstatus(c) != CONNECTION_OK) {
            const std::string msg = PQerrorMessage(c);
            PQfinish(c);
            throw std::runtime_error("postgres: cannot connect: " + msg);
        }
    }
    ~pg_client() { PQfinish(c); }
    pg_client(const pg_client&) = delete;
    pg_client& operator=(const pg_client&) = delete;

    // Runs `sql`; returns the first cell of the first row, if any.
    std::string exec(const std::string& sql) const {
        PGresult* r = PQexec(c, sql.c_str());
        const auto st = PQresultStatus(r);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            const std::string msg = PQresultErrorMessage(r);
            PQclear(r);
            throw std::runtime_error("postgres: " + msg + "  in: " + sql);
        }
        std::string first = PQntuples(r) > 0 && PQnfields(r) > 0 ? PQgetvalue(r, 0, 0) : "";
        PQclear(r);
        return first;
    }
    void exec_params(const char* sql, int n, const char* const* values) const {
        PGresult* r = PQexecParams(c, sql, n, nullptr, values, nullptr, nullptr, 0);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            const std::string msg = PQresultErrorMessage(r);
            PQclear(r);
            throw std::runtime_error("postgres: " + msg + "  in: " + sql);
        }
        PQclear(r);
    }
};

// A schema that exists while the object lives (made and dropped through its own connection).
struct pg_schema {
    std::string name;
    pg_client admin;
    explicit pg_schema(const std::string& t) : name("strata_bench_" + t), admin(pg_url()) {
        admin.exec("SET client_min_messages = warning");
        reset();
    }
    ~pg_schema() {
        try {
            admin.exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (...) {
        }
    }
    pg_schema(const pg_schema&) = delete;
    pg_schema& operator=(const pg_schema&) = delete;
    void reset() const {
        admin.exec("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        admin.exec("CREATE SCHEMA " + name);
    }
    std::string url() const { return pg_url_in(name); }
};

// The floor of an apply on PostgreSQL: one round trip a statement, as strata sends them;
// BEGIN ... COMMIT per migration; one INSERT (PQexecParams, text parameters) each.
template <class Probe = no_probe>
void pg_floor_apply(const pg_client& c, const floor_plan& plan, Probe&& probe = {}) {
    probe("create tracking table", [&] { c.exec(std::string(strata::detail::create_tracking_table)); });
    for (const floor_migration& m : plan) {
        if (m.transactional) probe("BEGIN", [&] { c.exec("BEGIN"); });
        const auto started = steady::now();
        for (const floor_statement& s : m.statements) probe("migration statements", [&] { c.exec(s.sql); });
        probe("INSERT bookkeeping row", [&] {
            const std::string version = std::to_string(m.version), at = utc_now(), took = std::to_string(ms_since(started));
            const char* values[] = {"main", version.c_str(), m.name.c_str(), m.checksum.c_str(), at.c_str(), took.c_str(), "false",
                                    m.checksum.c_str()};
            c.exec_params(insert_row_sql, 8, values);
        });
        if (m.transactional) probe("COMMIT", [&] { c.exec("COMMIT"); });
    }
}

inline std::string pg_floor_startup(const std::string& url) {
    pg_client db(url);
    return db.exec(startup_floor_sql);
}
#endif

}  // namespace strata_bench
