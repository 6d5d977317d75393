#pragma once
// Every dialect's traits (detail/sql/dialect/), by id.
#include <strata/detail/sql/dialect/postgres.hpp>
#include <strata/detail/sql/dialect/sqlite.hpp>
#include <strata/dialect.hpp>

namespace strata::detail {

constexpr const dialect_traits& traits_of(dialect_id d) {
    switch (d) {
        case dialect_id::postgres: return postgres_traits;
        case dialect_id::sqlite: break;
    }
    return sqlite_traits;
}

}  // namespace strata::detail
