#pragma once
// The generated SQL, as constants:
//   strata::sql<strata::sqlite, m3>::up              a migration on its own
//   strata::sql<strata::postgres, history, 3>::down  migration 3 of a chain (uses the state)
//   strata::chain_sql<strata::sqlite, history>::migrations   every migration, for a runtime
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>
#include <string_view>

#include <strata/chain.hpp>
#include <strata/detail/sql/chain_storage.hpp>
#include <strata/migration_sql.hpp>

namespace strata {

// strata::sql<Dialect, Migration> or strata::sql<Dialect, Chain, Version>: the migration's
// statements as constant text, each followed by ";\n", and its checksum.
// (D not a dialect: one error, and an empty text in place of the SQL)
template <class D, class X, std::uint64_t Version = std::uint64_t(-1)>
struct sql : detail::joined_migration<detail::dialect_or_placeholder<D>, detail::proxy_t<X>,
                                      detail::sql_index<detail::proxy_t<X>, Version> - 1> {
    enum : bool { well_formed = detail::require<dialect<D>, detail::sql_dialect_not_a_dialect<sql>> };
};
template <class D, std::uint64_t V, fixed_string N, class... Ops>
struct sql<D, migration<V, N, Ops...>, std::uint64_t(-1)>
    : detail::joined_migration<detail::dialect_or_placeholder<D>, detail::lone<migration<V, N, Ops...>>, 0> {
    enum : bool { well_formed = detail::require<dialect<D>, detail::sql_dialect_not_a_dialect<sql>> };
};

// Every migration of a chain, in order: what a runtime applies.
template <class D, class Chain>
struct chain_sql {
    enum : bool { well_formed = detail::require<dialect<D>, detail::chain_sql_dialect_not_a_dialect<chain_sql>> };
    static constexpr const std::array<migration_sql, Chain::size>& migrations =
        detail::chain_storage<detail::dialect_or_placeholder<D>, detail::proxy_t<Chain>>::migrations;
};

}  // namespace strata
