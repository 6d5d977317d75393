#pragma once
#define STRATA_SQLITE_BACKEND 1  // (for <strata/src.hpp>)
// The SQLite backend: strata::sqlite::connection, a strata::driver over the C API. Its bodies
// are in detail/runtime/sqlite.ipp: compiled at the end of this header, or once in
// strata::runtime with STRATA_SEPARATE_COMPILATION.
#include <sqlite3.h>

#include <strata/detail/owner.hpp>
#include <strata/detail/unique_ptr.hpp>
#include <string>
#include <vector>

#include <strata/detail/chrono.hpp>
#include <strata/detail/config.hpp>
#include <strata/driver.hpp>
#include <strata/migrator.hpp>  // a backend header is all a unit needs to migrate with it

namespace strata {

template <class Tag>
class sqlite::basic_connection : public driver {
   public:
    // Opens (creating it if missing) a file path or a `file:` URI. Foreign keys are turned on;
    // a writer that finds the database locked waits up to `busy_timeout`.
    STRATA_INLINE explicit basic_connection(const std::string& path, std::chrono::milliseconds busy_timeout = std::chrono::seconds(30));
    // Borrows a handle the program opened; it stays the program's to close. Foreign keys are
    // turned on and the busy timeout is set on it. Refused, naming the setting: a file's
    // journal_mode of off or memory (a failed migration, or a crash in one, would leave the file
    // corrupt), legacy_alter_table or ignore_check_constraints on.
    STRATA_INLINE explicit basic_connection(sqlite3* borrowed, std::chrono::milliseconds busy_timeout = std::chrono::seconds(30));
    basic_connection(const basic_connection&) = delete;
    basic_connection& operator=(const basic_connection&) = delete;
    // The key function (defined out of the class): with STRATA_SEPARATE_COMPILATION the
    // class's vtable, and so its virtual functions' code, are emitted once, in strata::runtime.
    STRATA_INLINE ~basic_connection() override;

    sqlite3* handle() const noexcept { return db_; }

    dialect_id dialect() const noexcept override { return dialect_id::sqlite; }
    std::string describe() const override { return "sqlite " + where_; }

    STRATA_INLINE void execute(std::string_view sql, std::span<const value> params, const row_callback& on_row) override;

    void begin() override {
        exec_plain("BEGIN IMMEDIATE");
        began_ = true;
    }
    void commit() override {
        if (ended_early()) throw rolled_back("COMMIT");
        exec_plain("COMMIT");
        began_ = false;
    }
    void rollback() noexcept override {
        began_ = false;
        if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    bool in_transaction() const noexcept override { return !sqlite3_get_autocommit(db_); }

    bool lock(std::string_view) override { return false; }
    void unlock(std::string_view) noexcept override {}

    STRATA_INLINE bool has_table(std::string_view name) override;

    STRATA_INLINE std::vector<std::string> schema_facts(std::span<const std::string> tables, std::span<const std::string>) override;

    void* native_handle() noexcept override { return db_; }
    const std::type_info& native_type() const noexcept override { return typeid(sqlite3*); }

    bool can_open_another() const noexcept override {
        const char* file = sqlite3_db_filename(db_, "main");
        return file && *file;
    }
    STRATA_INLINE std::unique_ptr<driver> open_another() const override;

   private:
    STRATA_INLINE void set_up(std::chrono::milliseconds busy_timeout);
    void exec_plain(const char* sql) {
        if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
    }
    [[noreturn]] void fail(std::string_view sql) const { throw error(sql); }
    // The last error as a database_error. SQLITE_BUSY is the busy timeout expiring: said in
    // words, with the timeout and where to raise it, and flagged as a lock timeout.
    STRATA_INLINE database_error error(std::string_view sql) const;
    // SQLite ends a transaction itself on some errors (INSERT OR ROLLBACK, a full disk, an I/O
    // error); when a data step caught one, what follows would run outside the transaction
    // begin() opened, each statement committed on its own: refused (rolled_back) until
    // rollback().
    bool ended_early() const noexcept { return began_ && sqlite3_get_autocommit(db_); }
    STRATA_INLINE database_error rolled_back(std::string_view sql) const;
    // The handle's busy timeout now (it may have been changed by PRAGMA busy_timeout).
    STRATA_INLINE std::chrono::milliseconds busy_timeout() const;
    STRATA_INLINE sqlite3_stmt* cached(std::string_view sql);
    STRATA_INLINE void run(sqlite3_stmt* st, std::string_view sql, std::span<const value> params, const row_callback& on_row);

    sqlite3* db_ = nullptr;
    std::string where_;
    bool owned_ = true;
    bool began_ = false;  // begin() opened a transaction that commit() or rollback() has not ended
    struct statement_cache;  // prepared statements by their text (sqlite.ipp: no <map> here)
    detail::owner<statement_cache> cache_;
};
#if defined(STRATA_SEPARATE_COMPILATION)
extern template class sqlite::basic_connection<void>;  // (compiled in strata::runtime)
#endif

// What programs name: basic_connection<void> as a class of its own (forward-declared as one in
// dialect.hpp).
class sqlite::connection final : public sqlite::basic_connection<void> {
   public:
    using basic_connection::basic_connection;
};

namespace detail {
// "sqlite:PATH" for strata::open_database and cli::run; SQLAlchemy's and Alembic's
// "sqlite:///relative.db" and "sqlite:////absolute.db" read as they read them ("sqlite://" then
// a host, which SQLite has none of: "sqlite://app.db" was the file /app.db).
template <class A>
struct url_scheme<sqlite_scheme, A> {
    static std::unique_ptr<driver> open(std::string_view url) {
        std::string path(url.substr(7));
        if (path.starts_with("//")) {
            if (path.size() < 3 || path[2] != '/')
                throw std::invalid_argument("strata: \"" + std::string(url) + "\": after sqlite:// comes a host, which SQLite has "
                                            "none of: write sqlite:app.db, or sqlite:///app.db (relative) or "
                                            "sqlite:////var/app.db (absolute), as SQLAlchemy reads them");
            path.erase(0, 3);
        }
        if (path.empty()) throw std::invalid_argument("strata: \"sqlite:\" needs a path: sqlite:app.db");
        return std::unique_ptr<driver>(new sqlite::connection(path));  // (no unique_ptr<connection> in every unit)
    }
    static inline const bool registered = register_opener("sqlite:", &open);
};
}  // namespace detail

}  // namespace strata

#if !defined(STRATA_SEPARATE_COMPILATION)
#include <strata/detail/runtime/sqlite.ipp>
#endif
