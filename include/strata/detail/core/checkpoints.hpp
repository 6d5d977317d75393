#pragma once
// The states of a chain, memoised as `inline constexpr` variable templates: one after each
// segment of migrations (`checkpoint`; segments are cut by weight, detail/core/fold.hpp), and
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

template <class Chain>
struct chain_layout {
    static constexpr capacities cap = count_capacities(Chain::descs, Chain::size);
    using state_type = state<cap>;
    using result_type = fold_result<state_type>;
    static constexpr std::size_t segments = cut_segments(Chain::descs, Chain::size, nullptr);
    // Segment K is migrations [bounds[K], bounds[K + 1]).
    static constexpr std::array<std::size_t, segments + 1> bounds = segment_bounds<segments>(Chain::descs, Chain::size);
    // The last K with bounds[K] <= i: the segment that migration i (0-based) is in, and the
    // checkpoint nearest before a prefix of i migrations.
    static consteval std::size_t segment_of(std::size_t i) {
        std::size_t lo = 0, hi = segments + 1;
        while (hi - lo > 1) {
            const std::size_t mid = (lo + hi) / 2;
            if (bounds[mid] <= i) lo = mid; else hi = mid;
        }
        return lo;
    }
};

// The fold after the first K segments.
template <class Chain, std::size_t K>
inline constexpr typename chain_layout<Chain>::result_type checkpoint =
    fold_range(checkpoint<Chain, K - 1>, Chain::descs, chain_layout<Chain>::bounds[K - 1], chain_layout<Chain>::bounds[K]);
// Before the first migration: the versions of the whole chain (check_versions).
template <class Chain>
inline constexpr typename chain_layout<Chain>::result_type checkpoint<Chain, 0>{{}, check_versions(Chain::descs, Chain::size)};

// Instantiates the checkpoints in order, so that each evaluation finds the previous one done
// instead of recursing through all of them.
template <class Chain, std::size_t... K>
consteval const auto& final_checkpoint(std::index_sequence<K...>) {
    [[maybe_unused]] const bool done[] = {(checkpoint<Chain, K>.err.kind == error_kind::none)..., true};
    return checkpoint<Chain, chain_layout<Chain>::segments>;
}
template <class Chain>
inline constexpr const auto& final_result =
    final_checkpoint<Chain>(std::make_index_sequence<chain_layout<Chain>::segments>{});

template <class Chain, std::size_t Applied, std::size_t K = chain_layout<Chain>::segment_of(Applied)>
inline constexpr typename chain_layout<Chain>::result_type state_after =
    fold_range(checkpoint<Chain, K>, Chain::descs, chain_layout<Chain>::bounds[K], Applied);

}  // namespace strata::detail
