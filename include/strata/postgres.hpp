#pragma once
#define STRATA_POSTGRES_BACKEND 1  // (for <strata/src.hpp>)
// The PostgreSQL backend: strata::postgres::connection, a strata::driver over libpqxx (6.4 and
// 7.x). One pqxx::nontransaction lives as long as the driver and every statement goes through
// it; transactions are plain BEGIN / COMMIT / ROLLBACK statements, so they are exactly where
// the runtime says, and a process that dies inside one leaves the server to roll it back.
//
// libpqxx's types are only declared here (its headers cost a unit about 0.6 s); its headers come
// with the bodies, detail/runtime/postgres.ipp: at the end of this header (header-only), or
// once in strata::runtime with STRATA_SEPARATE_COMPILATION.
#include <pqxx/version>

#include <cstdint>
#include <strata/detail/owner.hpp>
#include <strata/detail/unique_ptr.hpp>
#include <optional>
#include <string>
#include <vector>

#include <strata/detail/chrono.hpp>
#include <strata/detail/config.hpp>
#include <strata/driver.hpp>
#include <strata/migrator.hpp>  // a backend header is all a unit needs to migrate with it

namespace pqxx {
#if PQXX_VERSION_MAJOR >= 7
class connection;
#else
class connect_direct;
template <typename ConnectPolicy>
class basic_connection_base;
using connection = basic_connection_base<connect_direct>;  // (as libpqxx 6.4 declares it)
#endif
class nontransaction;
}  // namespace pqxx

namespace strata {

template <class Tag>
class postgres::basic_connection : public driver {
   public:
    // Connects with a libpq connection string or URL ("postgresql://user@host:5432/db").
    STRATA_INLINE explicit basic_connection(const std::string& conninfo_or_url);
    // Borrows a connection the program opened; it stays the program's to close. While this
    // driver lives, its nontransaction is the connection's one open transaction object: run
    // your own statements through native_handle() or destroy the driver first.
    STRATA_INLINE explicit basic_connection(pqxx::connection& borrowed);
    basic_connection(const basic_connection&) = delete;
    basic_connection& operator=(const basic_connection&) = delete;
    // The key function (see sqlite.hpp): defined in detail/runtime/postgres.ipp.
    STRATA_INLINE ~basic_connection() override;

    pqxx::connection& handle() noexcept { return *conn_; }

    dialect_id dialect() const noexcept override { return dialect_id::postgres; }
    std::string describe() const override { return where_; }

    STRATA_INLINE void execute(std::string_view sql, std::span<const value> params, const row_callback& on_row) override;

    STRATA_INLINE void begin() override;
    STRATA_INLINE void commit() override;
    STRATA_INLINE void rollback() noexcept override;
    bool in_transaction() const noexcept override { return in_tx_; }

    STRATA_INLINE void set_wait_limits(const wait_limits& l) override;

    // A session-level advisory lock keyed by the chain's name and the current schema (see
    // lock_key); nested calls for the same chain only count. Polled, not pg_advisory_lock: a session blocked inside a statement holds a
    // snapshot, and CREATE INDEX CONCURRENTLY in the lock holder waits for every such
    // snapshot: a deadlock. Between attempts this session runs nothing.
    // Behind a connection pooler (behind_pooler()), where a session lock does not hold between
    // transactions, the lock is a transaction-level one instead, taken in a transaction that a
    // second connection of the same connection string keeps open until unlock(): a pooler
    // keeps a client's open transaction on one server connection. A borrowed connection cannot
    // open that second one: lock() then throws std::logic_error saying what to change.
    STRATA_INLINE bool lock(std::string_view chain) override;
    STRATA_INLINE std::optional<bool> try_lock(std::string_view chain) override;
    // pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits).
    STRATA_INLINE std::string lock_holder(std::string_view chain) override;
    STRATA_INLINE void unlock(std::string_view chain) noexcept override;

    STRATA_INLINE bool has_table(std::string_view name) override;

    // Whether a connection pooler (PgBouncer, ...) stands between this connection and the
    // server: the backend pid the connection was given at start-up (libpq's PQbackendPID, from
    // the BackendKeyData message) is not the pid of the server process that runs its
    // statements (pg_backend_pid()); a pooler sends a key of its own, for its cancel requests.
    // Asked once, at the first lock or call.
    STRATA_INLINE bool behind_pooler();

    STRATA_INLINE std::vector<std::string> schema_facts(std::span<const std::string> tables, std::span<const std::string> enums) override;

    // The nontransaction every statement goes through: inside begin()/commit() it is the
    // migration's transaction.
    STRATA_INLINE void* native_handle() noexcept override;
    STRATA_INLINE const std::type_info& native_type() const noexcept override;

    bool can_open_another() const noexcept override { return !conninfo_.empty(); }
    STRATA_INLINE std::unique_ptr<driver> open_another() const override;

   private:
    STRATA_INLINE void set_up(pqxx::connection& c);

    // A bound value as PostgreSQL's text input: decimal integers, doubles in the shortest
    // form that reads back to the same value, the special values in PostgreSQL's spelling.
    STRATA_INLINE static std::string as_text(const value& v);

    // "; SET LOCAL lock_timeout = 200; ..." for the limits set (values in milliseconds).
    STRATA_INLINE std::string limit_statements(std::string_view set) const;
    // Outside a transaction (CREATE INDEX CONCURRENTLY) SET LOCAL does nothing: a plain SET,
    // after the session's own values are kept for restore_session_limits().
    STRATA_INLINE void set_session_limits();
    STRATA_INLINE void restore_session_limits() noexcept;

    // Behind a pooler, before a COMMIT: each lock still held by its connection's transaction
    // (a lost one throws, and the caller rolls back).
    STRATA_INLINE void check_pooled_locks();

    // The migrators' lock of a chain in one schema is two advisory locks: the chain's
    // lock_key, shared, and (schema_lock_key, the hash of current_schema()) exclusive. Tenants
    // in schemas of their own share the first and take each their own second; a strata from
    // before the schema was in the lock took the first exclusively, and still keeps them out.
    // "strata:" + chain, FNV-1a 64, as a bigint.
    STRATA_INLINE static std::int64_t lock_key(std::string_view chain);
    // Its low 31 bits, the first int of the schema's lock.
    STRATA_INLINE static std::int32_t schema_lock_key(std::string_view chain);
    STRATA_INLINE void unlock_now(const std::string& chain, std::int32_t schema) noexcept;

    STRATA_INLINE static std::string trimmed(std::string s);
    [[noreturn]] STRATA_INLINE void lost(std::string_view sql, const char* what) const;
    [[noreturn]] STRATA_INLINE static void fail(std::string_view sql, const char* what, std::string sqlstate = {});

    detail::owner<pqxx::connection> owned_;  // empty when borrowed
    pqxx::connection* conn_ = nullptr;
    detail::owner<pqxx::nontransaction> tx_;  // (pointers: pqxx's types are only declared here)
    std::string where_;
    bool in_tx_ = false;
    // A transaction the program opened itself through execute() ("BEGIN" in a background step):
    // behind a pooler, its statements are not wrapped in one of strata's (whose COMMIT would
    // commit the program's work part-way).
    bool raw_tx_ = false;
    std::string conninfo_;  // empty when borrowed
    // The migrators' locks held, by chain, and behind a pooler the connections holding them
    // (postgres.ipp: no <map> here).
    struct lock_state;
    detail::owner<lock_state> locks_;
    std::optional<bool> pooled_;  // behind_pooler(), once asked
    wait_limits limits_;
    bool session_limits_ = false;             // a plain SET of limits_ is in force
    std::vector<std::string> saved_limits_;   // the session's own lock_timeout, statement_timeout
};
#if defined(STRATA_SEPARATE_COMPILATION)
extern template class postgres::basic_connection<void>;  // (compiled in strata::runtime)
#endif

// What programs name: basic_connection<void> as a class of its own (forward-declared as one in
// dialect.hpp).
class postgres::connection final : public postgres::basic_connection<void> {
   public:
    using basic_connection::basic_connection;
};

namespace detail {
// "postgresql://..." and "postgres://..." for strata::open_database and cli::run.
template <class A>
struct url_scheme<postgres_scheme, A> {
    static std::unique_ptr<driver> open(std::string_view url) {  // (no unique_ptr<connection> in every unit)
        return std::unique_ptr<driver>(new postgres::connection(std::string(url)));
    }
    static inline const bool registered = register_opener("postgresql://", &open) && register_opener("postgres://", &open);
};
}  // namespace detail

}  // namespace strata

#if !defined(STRATA_SEPARATE_COMPILATION)
#include <strata/detail/runtime/postgres.ipp>
#endif
