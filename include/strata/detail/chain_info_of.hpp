#pragma once
// A checked chain as the runtime sees it: its descriptors, and functions that generate its SQL
// and its facts when the program runs. Glue between the layers: the public runtime headers
// (migrator.hpp, startup.hpp, cli.hpp, testing.hpp) make one per chain; the engine under
// detail/runtime/ takes it as data and never sees the chain's type.
#include <strata/detail/runtime/migrator_core.hpp>
#include <strata/detail/state_facts.hpp>
#include <strata/generate_sql.hpp>

namespace strata::detail {

template <class P>
generated_sql generate_for(dialect_id d) {
    if (d == dialect_id::postgres) return sql_generator<postgres, P>{};
    return sql_generator<sqlite, P>{};
}
template <class P>
inline constexpr chain_info chain_info_of{P::descs, P::size, &generate_for<P>, &facts_after<P>};

}  // namespace strata::detail
