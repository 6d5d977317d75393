#pragma once
// strata::session: what a data step (run<fn>, validate<fn>) sees, the same on both backends.
// It runs inside the migration's transaction; placeholders are $1, $2, ... everywhere and
// arguments are always bound, never formatted into the statement.
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>

#include <strata/detail/runtime/statement_runner.hpp>
#include <strata/row.hpp>

namespace strata {

class driver;

class session {
   public:
    // From a strata::driver (or a backend's connection) of <strata/driver.hpp>.
    explicit session(detail::statement_runner& db) noexcept : db_(&db) {}

    template <class... Args>
    void execute(std::string_view sql, const Args&... args) {
        const std::array<value, sizeof...(Args)> params{detail::to_value(args, db_->dialect())...};
        db_->execute(sql, params, {});
    }

    // The first column of the first row. With T = std::optional<U>, no row or NULL gives
    // nullopt; otherwise either is an error that names the statement.
    template <class T, class... Args>
    T query_value(std::string_view sql, const Args&... args) {
        const std::array<value, sizeof...(Args)> params{detail::to_value(args, db_->dialect())...};
        std::optional<detail::dependent_t<value, T>> first;  // (see detail::dependent)
        unsigned char boolean[] = {0};
        db_->execute(sql, params, [&](const row& r) {
            if (!first && r.size() > 0) first = r[0], boolean[0] = r.is_text_boolean(0);
        });
        if constexpr (detail::is_optional<T>::value) {
            if (!first) return T{};
            const detail::dependent_t<value, T> cell[] = {*first};
            return row(cell, boolean).get<T>(0);
        } else {
            if (!first) throw std::runtime_error("strata: query_value: no row from: " + std::string(sql));
            if (std::holds_alternative<std::monostate>(*first))
                throw std::runtime_error("strata: query_value: NULL (ask for std::optional<T>) from: " + std::string(sql));
            const detail::dependent_t<value, T> cell[] = {*first};
            return row(cell, boolean).get<T>(0);
        }
    }

    // Calls f(const strata::row&) for every row.
    template <class F, class... Args>
        requires std::is_invocable_v<F&, const row&>
    void for_each_row(std::string_view sql, F&& f, const Args&... args) {
        const std::array<value, sizeof...(Args)> params{detail::to_value(args, db_->dialect())...};
        db_->execute(sql, params, [&](const row& r) { f(r); });
    }

    dialect_id dialect() const noexcept { return db_->dialect(); }

    // The client's own handle: `sqlite3* h = s.native();` on SQLite,
    // `pqxx::transaction_base* t = s.native();` on PostgreSQL (the migration's transaction).
    struct native_handle {
        detail::statement_runner* db;
        template <class T>
        operator T*() const {
            if (db->native_type() != typeid(T*))
                throw std::logic_error(std::string("strata: session::native(): the handle is a ") + db->native_type().name() +
                                       ", not a " + typeid(T*).name());
            return static_cast<T*>(db->native_handle());
        }
    };
    native_handle native() const noexcept { return {db_}; }

    // The strata::driver it runs on (where <strata/driver.hpp> is included; a template only so
    // that a unit that does not ask for it need not include that).
    template <class Driver = driver>
    Driver& database() const noexcept {
        return static_cast<Driver&>(db_->underlying());
    }

   private:
    detail::statement_runner* db_;
};

}  // namespace strata
