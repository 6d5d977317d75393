#pragma once
// strata::sqlite::connection's key function: compiled at the end of sqlite.hpp (header-only) or
// once in strata::runtime (STRATA_SEPARATE_COMPILATION), with the class's vtable.
#include <strata/sqlite.hpp>

namespace strata {

STRATA_INLINE sqlite::connection::~connection() {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    if (owned_) sqlite3_close(db_);
}

}  // namespace strata
