#pragma once
// strata::generate_sql<D, Chain>(): a chain's SQL generated when the program runs.
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <strata/detail/config.hpp>
#include <strata/detail/sql/dialect_check.hpp>
#include <strata/detail/sql/runtime_state.hpp>
#include <strata/sql.hpp>

namespace strata {

namespace detail {
// A class keyed by the chain's short key: its constructor is the only function the compiler
// emits for it, under a name of a few bytes (see detail/core/chain_key.hpp).
template <class D, class P>
struct sql_generator : generated_sql {
    enum : bool { well_formed = require<dialect<D>, generate_sql_dialect_not_a_dialect<sql_generator>> && checked_chain<P> && dialects_checked<D, P> };

    sql_generator() {
        if constexpr (!well_formed) {
            // reported once, and nothing here is instantiated
        } else if constexpr (runtime_layout<P>::in_library) {
            sql_filler::fill_in_bucket(*this, runtime_layout<P>::bucket, D::id, D::name, P::descs, P::size);
        } else {
            sql_filler::fill<typename runtime_layout<P>::state_type>(*this, D::id, D::name, P::descs, P::size);
        }
    }
};

}  // namespace detail

// `strata::generate_sql<strata::sqlite, history>()`: an object that owns the chain's SQL,
// generated when it is made; `.migrations()` lists them as strata::chain_sql does. (An alias
// of a class, not a function: nothing named after the whole chain reaches the object file.)
template <class D, class Chain>
using generate_sql = detail::sql_generator<D, detail::proxy_t<Chain>>;

}  // namespace strata
