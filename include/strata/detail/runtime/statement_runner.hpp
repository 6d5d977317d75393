#pragma once
// The part of strata::driver a session uses: statements, the dialect, the client's handle.
// A base of driver so that a data step's session (and with it the DSL) compiles without what
// the rest of driver.hpp brings (<memory>, time limits, opening databases by URL).
#include <span>
#include <string_view>
#include <typeinfo>

#include <strata/dialect.hpp>
#include <strata/row.hpp>

namespace strata::detail {

class statement_runner {
   public:
    virtual ~statement_runner() = default;

    virtual dialect_id dialect() const noexcept = 0;

    // One statement with `$1, $2, ...` bound to `params`; `on_row` (may be empty) sees every row.
    // Throws database_error naming the statement.
    virtual void execute(std::string_view sql, std::span<const value> params, const row_callback& on_row) = 0;

    // The client's own handle (sqlite3*, pqxx::transaction_base*) and its type.
    virtual void* native_handle() noexcept = 0;
    virtual const std::type_info& native_type() const noexcept = 0;

    // The runner statements end up at, a driver (session::database()): itself, unless it only
    // checks them on their way (detail/runtime/one_transaction.hpp).
    virtual statement_runner& underlying() noexcept { return *this; }
};

}  // namespace strata::detail

namespace strata {
using detail::dialect_id;
}  // namespace strata
