#pragma once
// strata::driver: what a backend provides to the runtime. strata::sqlite::connection and
// strata::postgres::connection implement it; a third backend implements the same few virtual
// functions (docs/drivers.md). The runtime above it (session, migrator) is compiled once per
// program, not once per chain or per backend.
#include <strata/detail/unique_ptr.hpp>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/chrono.hpp>
#include <strata/detail/runtime/statement_runner.hpp>
#include <strata/detail/runtime/url_openers.hpp>
#include <strata/dialect.hpp>
#include <strata/row.hpp>

namespace strata {

// What a backend's failure carries: the statement and the driver's own message; PostgreSQL's
// SQLSTATE; whether the statement gave up waiting for a lock (PostgreSQL's lock_timeout,
// 55P03; SQLite's busy timeout), which the migrator retries or reports as such.
class database_error : public std::runtime_error {
   public:
    database_error(std::string what, std::string statement, std::string driver_message, std::string sqlstate = {},
                   bool lock_timeout = false)
        : std::runtime_error(std::move(what)),
          statement_(std::move(statement)),
          driver_message_(std::move(driver_message)),
          sqlstate_(std::move(sqlstate)),
          lock_timeout_(lock_timeout || sqlstate_ == "55P03") {}
    const std::string& statement() const noexcept { return statement_; }
    const std::string& driver_message() const noexcept { return driver_message_; }
    // Five characters on PostgreSQL ("55P03", "57014", ...); empty on SQLite.
    const std::string& sqlstate() const noexcept { return sqlstate_; }
    bool lock_timeout() const noexcept { return lock_timeout_; }

   private:
    std::string statement_, driver_message_, sqlstate_;
    bool lock_timeout_;
};

// Limits on waiting, which the migrator sets around each migration (0: none of strata's; the
// server's or the session's own settings apply).
struct wait_limits {
    std::chrono::milliseconds lock_timeout{0};       // one statement waiting for a lock
    std::chrono::milliseconds statement_timeout{0};  // one statement running
    bool any() const noexcept { return lock_timeout.count() > 0 || statement_timeout.count() > 0; }
};

// The connection to the server broke (server stopped or restarted, network): whether the
// server ran the statement, a COMMIT included, is not known to the client.
class connection_lost : public database_error {
   public:
    using database_error::database_error;
};

// The statements, the dialect and the client's handle are declared by the base (which a
// data step's session uses): dialect(), execute(sql, params, on_row), native_handle(),
// native_type(), all pure virtual.
class driver : public detail::statement_runner {
   public:
    // Where the database is, for messages ("sqlite app.db", "postgres host/db").
    virtual std::string describe() const = 0;

    // One transaction at a time. SQLite: BEGIN IMMEDIATE, so that a writer waits (busy
    // timeout) at the start instead of failing at its first write.
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() noexcept = 0;
    virtual bool in_transaction() const noexcept = 0;

    // The limits for what follows, until called again (with {} to lift them). PostgreSQL:
    // SET LOCAL in each transaction begin() opens, a plain SET for statements outside one,
    // restored when the limits are lifted, so a borrowed connection keeps its own settings.
    // SQLite (and this default): nothing; the busy timeout is the connection's.
    virtual void set_wait_limits(const wait_limits&) {}

    // Serialises migrators of one chain across processes, held outside transactions.
    // PostgreSQL: a session advisory lock; SQLite: nothing (BEGIN IMMEDIATE does it).
    // Returns true when the lock itself keeps every other migrator out until unlock(); false
    // when it does nothing, and the runtime re-reads the chain's version in each transaction.
    virtual bool lock(std::string_view chain) = 0;
    virtual void unlock(std::string_view chain) noexcept = 0;
    // One attempt at lock(), without waiting: its result when granted, nothing when another
    // session holds the lock. The runtime waits between attempts, logs who holds it and gives
    // up after migrator_options::lock_wait_budget. The default waits in lock().
    virtual std::optional<bool> try_lock(std::string_view chain) { return lock(chain); }
    // Who holds lock `chain`, in words for messages; "" when unknown.
    virtual std::string lock_holder(std::string_view) { return {}; }

    virtual bool has_table(std::string_view name) = 0;

    // The live schema of the given tables (and, on PostgreSQL, of the given enums), as the
    // canonical facts of detail/runtime/schema_facts.hpp: "table t", "column t.c TYPE not null
    // [identity ]default=...", "pk t(a,b)", "fk t.c -> u.d CASCADE", "unique t(a)", "check name",
    // "index i on t(a,b) unique", "trigger g on t", "view v", "enum e(a,b)" (docs/drivers.md).
    // Tables that do not exist give no facts.
    virtual std::vector<std::string> schema_facts(std::span<const std::string> tables, std::span<const std::string> enums) = 0;

    // Whether open_another() can succeed (false: an in-memory SQLite database, a borrowed
    // connection), asked before a migration with background steps commits.
    virtual bool can_open_another() const noexcept { return true; }
    // A new connection to the same database, for work on another thread (background steps).
    // A driver that cannot say how it was opened keeps this default.
    virtual std::unique_ptr<driver> open_another() const {
        throw std::logic_error("strata: " + describe() +
                               ": this connection cannot open another one; give startup_options::background_connection");
    }
};

namespace detail {
// A limit in messages: "200 ms", "30 s", "1.5 s", "2 min".
inline std::string duration_text(std::chrono::milliseconds d) {
    const auto ms = d.count();
    if (ms < 1000) return std::to_string(ms) + " ms";
    if (ms % 60000 == 0) return std::to_string(ms / 60000) + " min";
    std::string s = std::to_string(ms / 1000);
    if (ms % 1000) {
        std::string frac = std::to_string(1000 + ms % 1000).substr(1);  // three digits
        while (frac.back() == '0') frac.pop_back();
        s += "." + frac;
    }
    return s + " s";
}

}  // namespace detail

// Opens a database by URL: "sqlite:PATH" (a file, created if missing, or a file: URI) with
// <strata/sqlite.hpp>; "postgresql://..." or "postgres://..." (libpq's URL) with
// <strata/postgres.hpp>, included in the unit that calls this. A scheme whose backend that
// unit did not include is an error that says which header it needs. (A template only so that
// the backends are looked up where it is used: call it as open_database(url).)
template <class A = void>
std::unique_ptr<driver> open_database(std::string_view url) {
    detail::register_included_backends<A>();
    return detail::open_registered(url);
}

}  // namespace strata
