#pragma once
// strata::driver: what a backend provides to the runtime. strata::sqlite::connection and
// strata::postgres::connection implement it; a third backend implements the same few virtual
// functions (docs/drivers.md). The runtime above it (session, migrator) is compiled once per
// program, not once per chain or per backend.
#include <charconv>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>
#include <variant>
#include <vector>

#include <strata/dialect.hpp>
#include <strata/detail/runtime/url_openers.hpp>

namespace strata {

using detail::dialect_id;

// A bound parameter or a result cell. Booleans travel as integers (1/0), which both backends
// accept for a boolean parameter; PostgreSQL returns every cell as text and row::get converts.
using value = std::variant<std::monostate, std::int64_t, double, std::string>;

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

class row;
using row_callback = std::function<void(const row&)>;

class driver {
   public:
    virtual ~driver() = default;

    virtual dialect_id dialect() const noexcept = 0;
    // Where the database is, for messages ("sqlite app.db", "postgres host/db").
    virtual std::string describe() const = 0;

    // One statement with `$1, $2, ...` bound to `params`; `on_row` (may be empty) sees every row.
    // Throws database_error naming the statement.
    virtual void execute(std::string_view sql, std::span<const value> params, const row_callback& on_row) = 0;

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

    // The client's own handle (sqlite3*, pqxx::transaction_base*) and its type.
    virtual void* native_handle() noexcept = 0;
    virtual const std::type_info& native_type() const noexcept = 0;

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

// One row of a result. get<T>(i) converts: integers, floating point, bool, std::string,
// std::optional<T> for a nullable cell.
class row {
   public:
    explicit row(std::span<const value> cells) : cells_(cells) {}
    std::size_t size() const noexcept { return cells_.size(); }
    bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(at(i)); }
    const value& operator[](std::size_t i) const { return at(i); }

    template <class T>
    T get(std::size_t i) const;

   private:
    const value& at(std::size_t i) const {
        if (i >= cells_.size())
            throw std::out_of_range("strata: row has " + std::to_string(cells_.size()) + " columns, asked for column " +
                                    std::to_string(i));
        return cells_[i];
    }
    std::span<const value> cells_;
};

namespace detail {
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

// A cell as a message shows it: NULL, 'text', 3, 3.5 (the shortest form of a double).
inline std::string shown_cell(const value& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using X = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<X, std::monostate>) return "NULL";
            else if constexpr (std::is_same_v<X, std::string>) return "'" + x + "'";
            else if constexpr (std::is_same_v<X, double>) {
                char buf[32];
                const auto r = std::to_chars(buf, buf + sizeof buf, x);
                return std::string(buf, r.ptr);
            } else return std::to_string(x);
        },
        v);
}
[[noreturn]] inline void bad_cell(std::string_view want, const value& v) {
    throw std::runtime_error("strata: cannot read " + shown_cell(v) + " as " + std::string(want));
}

inline std::int64_t cell_integer(const value& v) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (auto* d = std::get_if<double>(&v)) {  // 3.0 is 3; 3.5 is not an integer, never silently 3
        if (*d >= -9223372036854775808.0 && *d < 9223372036854775808.0 && static_cast<double>(static_cast<std::int64_t>(*d)) == *d)
            return static_cast<std::int64_t>(*d);
        bad_cell("an integer", v);
    }
    if (auto* s = std::get_if<std::string>(&v)) {
        if (*s == "t" || *s == "true") return 1;
        if (*s == "f" || *s == "false") return 0;
        std::size_t used = 0;
        try {
            std::int64_t r = std::stoll(*s, &used);
            if (used == s->size()) return r;
        } catch (const std::exception&) {
        }
    }
    bad_cell("an integer", v);
}
inline double cell_real(const value& v) {
    if (auto* d = std::get_if<double>(&v)) return *d;
    if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (auto* s = std::get_if<std::string>(&v)) {
        std::size_t used = 0;
        try {
            double r = std::stod(*s, &used);
            if (used == s->size()) return r;
        } catch (const std::exception&) {
        }
    }
    bad_cell("a number", v);
}
inline std::string cell_text(const value& v) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
    bad_cell("text", v);
}
}  // namespace detail

template <class T>
T row::get(std::size_t i) const {
    const value& v = at(i);
    if constexpr (detail::is_optional<T>::value) {
        if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
        return get<typename T::value_type>(i);
    } else if constexpr (std::is_same_v<T, bool>) {
        return detail::cell_integer(v) != 0;
    } else if constexpr (std::is_integral_v<T>) {
        return static_cast<T>(detail::cell_integer(v));
    } else if constexpr (std::is_floating_point_v<T>) {
        return static_cast<T>(detail::cell_real(v));
    } else if constexpr (std::is_convertible_v<std::string, T>) {
        return T(detail::cell_text(v));
    } else {
        static_assert(sizeof(T) == 0, "strata: row::get<T>: T must be an integer, floating point, bool, string or std::optional of one");
    }
}

namespace detail {
// A C++ argument as a bound parameter.
template <class T>
value to_value(const T& x) {
    if constexpr (is_optional<T>::value) {
        return x ? to_value(*x) : value{};
    } else if constexpr (std::is_same_v<T, std::nullptr_t> || std::is_same_v<T, std::nullopt_t>) {
        return value{};
    } else if constexpr (std::is_same_v<T, bool>) {
        return value{std::int64_t{x ? 1 : 0}};
    } else if constexpr (std::is_integral_v<T>) {
        return value{static_cast<std::int64_t>(x)};
    } else if constexpr (std::is_floating_point_v<T>) {
        return value{static_cast<double>(x)};
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        return value{std::string(std::string_view(x))};
    } else if constexpr (std::is_same_v<T, value>) {
        return x;
    } else {
        static_assert(sizeof(T) == 0, "strata: a bound parameter must be an integer, floating point, bool, string, nullptr or std::optional of one");
    }
}
}  // namespace detail

}  // namespace strata
