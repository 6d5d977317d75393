#pragma once
// The dialects a chain's execute_per_dialect steps name, checked against the dialect whose SQL
// is wanted (strata::generate_sql, which generates at run time; strata::sql and chain_sql meet
// the same error as they generate at compile time).
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <strata/chain.hpp>
#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/core/diagnostics.hpp>
#include <strata/detail/core/errors.hpp>

namespace strata::detail {

// The first execute_per_dialect of the chain without statements for dialect d; none: every one
// has them. (strata::sql and chain_sql meet it as they generate at compile time; generate_sql
// generates at run time, so it asks this first, and a missing dialect still fails to compile.)
constexpr error missing_dialect_statements(const migration_desc* descs, std::size_t n, dialect_id d, std::string_view name) {
    for (std::size_t i = 0; i < n; ++i) {
        if (!descs[i].per_dialect) continue;  // (no execute_per_dialect: its steps need no scan)
        for (int down = 0; down < 2; ++down) {
            const op_desc* ops = down ? descs[i].down_ops : descs[i].ops;
            const std::size_t nops = down ? descs[i].ndown_ops : descs[i].nops;
            for (std::size_t k = 0; k < nops; ++k)
                if (ops[k].has_per_dialect && !ops[k].per_dialect->given[static_cast<std::size_t>(d)]) {
                    error e = fail(error_kind::no_sql_for_dialect, name);
                    e.migration = i;
                    e.op = k;
                    e.in_down = down == 1;
                    return e;
                }
        }
    }
    return {};
}
template <class D, class P>
struct dialect_failure {
    static constexpr error err = missing_dialect_statements(P::descs, P::size, D::id, D::name);
    static constexpr bool value = reported_failure<P, err>::value;
};
template <class D, class P>
struct dialect_check {
    static constexpr bool value =
        std::conditional_t<!missing_dialect_statements(P::descs, P::size, D::id, D::name), chain_success, dialect_failure<D, P>>::value;
};
// (asked only of a dialect and a valid chain)
template <class D, class P>
inline constexpr bool dialects_checked =
    std::conditional_t<dialect<D> && checked_chain<P>, dialect_check<D, P>, chain_success>::value;

}  // namespace strata::detail
