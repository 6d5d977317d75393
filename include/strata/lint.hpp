#pragma once
// strata::lint<Chain, strata::live_postgres>: an opt-in check that a chain holds no operation
// that locks a PostgreSQL table serving traffic for long, or breaks the application version
// still running during a deploy (docs/live-postgres.md). Each finding fails to compile with a
// `strata:` message naming the migration, the operation and the safe alternative;
// unsafe<"why", op> accepts one operation. Migrations from version From on are checked (a
// history's older migrations ran long ago):
//
//     static_assert(strata::lint<history, strata::live_postgres>);
//     static_assert(strata::lint<history, strata::live_postgres, 40>);   // from version 40 on
#include <cstdint>
#include <type_traits>

#include <strata/chain.hpp>
#include <strata/detail/core/lint.hpp>
#include <strata/operations.hpp>

namespace strata {

// The rules of a PostgreSQL database that serves traffic while it migrates.
struct live_postgres {};

namespace detail {
template <class P, std::uint64_t From>
struct lint_failure {
    static constexpr error err = live_postgres_finding(P::descs, P::size, From);
    // The rule's static_assert has failed; true spares the caller's static_assert a second error.
    static constexpr bool value = reported_failure<P, err>::value || true;
};
template <class P, std::uint64_t From>
struct lint_check {
    static constexpr bool value =
        std::conditional_t<!live_postgres_finding(P::descs, P::size, From), chain_success, lint_failure<P, From>>::value;
};

template <class Op>
constexpr op_desc acknowledged(std::string_view reason) {
    if constexpr (operation<Op>) {
        op_desc d = Op::desc;
        d.unsafe_reason = reason;
        return d;
    } else {
        return mark_misused(op_desc{});
    }
}
}  // namespace detail

// (asked of a valid chain only: an invalid one has said why already)
template <class Chain, class Rules, std::uint64_t From = 0>
    requires std::is_same_v<Rules, live_postgres>
inline constexpr bool lint =
    std::conditional_t<detail::checked_chain<detail::proxy_t<Chain>>, detail::lint_check<detail::proxy_t<Chain>, From>,
                       detail::chain_success>::value &&
    detail::checked_chain<detail::proxy_t<Chain>>;

namespace dsl {
// Accepts one operation strata::lint would refuse, saying why it is safe here ("the table has
// 40 rows", "runs in the maintenance window"). The SQL, the checksum and the rest of the chain
// check are the operation's own.
template <fixed_string Reason, class Op>
struct unsafe {
    enum : bool { well_formed = detail::check_dsl<detail::operation<Op> && (Reason.size() > 0),
                                                  detail::unsafe_bad_argument, unsafe>::value };
    static constexpr detail::op_desc desc = detail::acknowledged<Op>(detail::name_v<Reason>);
};
}  // namespace dsl

}  // namespace strata
