#pragma once
// The states of a chain, memoised as `inline constexpr` variable templates: one after each of
// the fold's segments of migrations (`checkpoint`; segments are cut by weight,
// detail/core/fold.hpp), and
// the state after any prefix (`state_after`), folded from the nearest checkpoint. Nothing here
// is emitted into object files.
#include <array>
#include <cstddef>

#include <strata/detail/core/fold.hpp>

namespace strata::detail {

template <std::size_t Segments>
consteval std::array<std::size_t, Segments + 1> segment_bounds(const migration_desc* migs, std::size_t n) {
    std::array<std::size_t, Segments + 1> b{};
    cut_segments(migs, n, b.data());
    return b;
}
template <std::size_t FoldSegments, std::size_t Segments>
consteval std::array<std::size_t, FoldSegments + 1> fold_segment_bounds(const migration_desc* migs,
                                                                         const std::array<std::size_t, Segments + 1>& b) {
    std::array<std::size_t, FoldSegments + 1> f{};
    cut_fold_segments(migs, b.data(), Segments, f.data());
    return f;
}
// The last K with b[K] <= i.
template <std::size_t N>
consteval std::size_t last_bound_at_most(const std::array<std::size_t, N>& b, std::size_t i) {
    std::size_t lo = 0, hi = N;
    while (hi - lo > 1) {
        const std::size_t mid = (lo + hi) / 2;
        if (b[mid] <= i) lo = mid; else hi = mid;
    }
    return lo;
}

template <class Chain>
struct chain_layout {
    static constexpr capacities cap = count_capacities(Chain::descs, Chain::size);
    using state_type = state<cap>;
    using result_type = fold_result<state_type>;
    // The SQL's segments: segment K is migrations [bounds[K], bounds[K + 1]).
    static constexpr std::size_t segments = cut_segments(Chain::descs, Chain::size, nullptr);
    static constexpr std::array<std::size_t, segments + 1> bounds = segment_bounds<segments>(Chain::descs, Chain::size);
    // The fold's: runs of the SQL's (fold_bounds is a part of bounds).
    static constexpr std::size_t fold_segments = cut_fold_segments(Chain::descs, bounds.data(), segments, nullptr);
    static constexpr std::array<std::size_t, fold_segments + 1> fold_bounds =
        fold_segment_bounds<fold_segments, segments>(Chain::descs, bounds);
    // The SQL segment that migration i (0-based) is in; the checkpoint nearest before a prefix
    // of i migrations.
    static consteval std::size_t segment_of(std::size_t i) { return last_bound_at_most(bounds, i); }
    static consteval std::size_t checkpoint_of(std::size_t i) { return last_bound_at_most(fold_bounds, i); }
};

// The fold after the first K of its segments.
template <class Chain, std::size_t K>
inline constexpr typename chain_layout<Chain>::result_type checkpoint =
    fold_range(checkpoint<Chain, K - 1>, Chain::descs, chain_layout<Chain>::fold_bounds[K - 1],
               chain_layout<Chain>::fold_bounds[K]);
// Before the first migration: the versions of the whole chain (check_versions).
template <class Chain>
inline constexpr typename chain_layout<Chain>::result_type checkpoint<Chain, 0>{{}, check_versions(Chain::descs, Chain::size)};

// Instantiates the checkpoints in order, so that each evaluation finds the previous one done
// instead of recursing through all of them.
template <class Chain, std::size_t... K>
consteval const auto& final_checkpoint(std::index_sequence<K...>) {
    [[maybe_unused]] const bool done[] = {(checkpoint<Chain, K>.err.kind == error_kind::none)..., true};
    return checkpoint<Chain, chain_layout<Chain>::fold_segments>;
}
template <class Chain>
inline constexpr const auto& final_result =
    final_checkpoint<Chain>(std::make_index_sequence<chain_layout<Chain>::fold_segments>{});

template <class Chain, std::size_t Applied, std::size_t K = chain_layout<Chain>::checkpoint_of(Applied)>
inline constexpr typename chain_layout<Chain>::result_type state_after =
    fold_range(checkpoint<Chain, K>, Chain::descs, chain_layout<Chain>::fold_bounds[K], Applied);

// A range of a chain the fold has checked, applied again without the checks that can only
// refuse (detail::state's `replay`): what the SQL generator does to the state, at about half
// the fold's cost. (Stops at an error all the same: never evaluated for a wrong chain.)
template <class S>
constexpr fold_result<S> replay_range(fold_result<S> r, const migration_desc* migs, std::size_t from, std::size_t to) {
    r.state.replay = true;
    for (std::size_t i = from; i < to && !r.err; ++i) {
        r.state.migration = i;
        for (std::size_t k = 0; k < migs[i].nops && !r.err; ++k) r.err = r.state.apply(migs[i].ops[k]);
    }
    r.state.replay = false;
    return r;
}
// The state before the first migration of SQL segment K, for its SQL: a checkpoint, when the
// segment starts one of the fold's, else the state before SQL segment K - 1 replayed over it
// (memoised: every dialect's SQL starts there). Only the generator, which replays too, reads it.
template <class Chain, std::size_t K>
constexpr const auto& segment_start();
template <class Chain, std::size_t K>
inline constexpr typename chain_layout<Chain>::result_type inner_segment_start =
    final_result<Chain>.err ? segment_start<Chain, K - 1>()
                            : replay_range(segment_start<Chain, K - 1>(), Chain::descs, chain_layout<Chain>::bounds[K - 1],
                                           chain_layout<Chain>::bounds[K]);
template <class Chain, std::size_t K>
constexpr const auto& segment_start() {
    constexpr std::size_t applied = chain_layout<Chain>::bounds[K];
    constexpr std::size_t C = chain_layout<Chain>::checkpoint_of(applied);
    if constexpr (chain_layout<Chain>::fold_bounds[C] == applied) return checkpoint<Chain, C>;
    else return inner_segment_start<Chain, K>;
}

}  // namespace strata::detail
