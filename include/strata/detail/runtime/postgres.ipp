#pragma once
// strata::postgres::connection's key function: compiled at the end of postgres.hpp
// (header-only) or once in strata::runtime (STRATA_SEPARATE_COMPILATION), with the vtable.
#include <strata/postgres.hpp>

namespace strata {

STRATA_INLINE postgres::connection::~connection() {
    rollback();
    if (session_limits_) restore_session_limits();
    // Session-level locks outlive a borrowed connection's use by us: give them back.
    for (auto& [chain, count] : locks_)
        if (count > 0) unlock_now(chain);
    tx_.reset();  // before owned_ closes the connection
}

}  // namespace strata
