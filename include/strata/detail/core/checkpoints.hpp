#pragma once
// The states of a chain, memoised as `inline constexpr` variable templates: one every
// `segment_size` migrations (`checkpoint`), and the state after any prefix (`state_after`),
// folded from the nearest checkpoint. Nothing here is emitted into object files.
#include <cstddef>

#include <strata/detail/core/fold.hpp>

namespace strata::detail {

template <class Chain>
struct chain_layout {
    static constexpr capacities cap = count_capacities(Chain::descs, Chain::size);
    using state_type = state<cap>;
    using result_type = fold_result<state_type>;
    static constexpr std::size_t segments = (Chain::size + segment_size - 1) / segment_size;
};

// The fold after the first K segments.
template <class Chain, std::size_t K>
inline constexpr typename chain_layout<Chain>::result_type checkpoint =
    fold_range(checkpoint<Chain, K - 1>, Chain::descs, (K - 1) * segment_size,
               K * segment_size < Chain::size ? K * segment_size : Chain::size);
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

template <class Chain, std::size_t Applied>
inline constexpr typename chain_layout<Chain>::result_type state_after =
    fold_range(checkpoint<Chain, Applied / segment_size>, Chain::descs, Applied / segment_size * segment_size, Applied);

}  // namespace strata::detail
