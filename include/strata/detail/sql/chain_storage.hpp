#pragma once
// sql.hpp's machinery: a chain's SQL as constants, generated per segment of the chain at
// compile time, checked (a column a dialect cannot spell is an error naming it), and joined
// into the arrays that strata::sql and strata::chain_sql expose.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>
#include <string_view>

#include <strata/chain.hpp>
#include <strata/detail/sql/segment_sql.hpp>
#include <strata/migration_sql.hpp>

namespace strata {

namespace detail {
template <class D, class Chain, std::size_t K>
inline constexpr auto segment_sql_v = fill_segment<D::id, Chain, K>();

// A generation failure (a dialect that cannot express a column, a lone migration that needs
// its chain) reported like a chain error.
template <class D, class Chain, std::size_t K>
struct segment_failure {
    static constexpr error err = segment_size_v<D::id, Chain, K>.err;
    static constexpr const migration_desc& culprit = Chain::descs[err.migration];
    static constexpr std::string_view culprit_name = culprit.name;
    static constexpr std::string_view label = err.in_down ? culprit.down_ops[err.op].label : culprit.ops[err.op].label;
    static constexpr bool value = report<err, culprit.version, culprit_name, label>::value;
};
template <class Chain>
struct chain_checked {
    static constexpr bool value = checked_chain<Chain>;
};
template <class D, class Chain, std::size_t K>
struct segment_checked {
    static constexpr bool value =
        std::conditional_t<!segment_size_v<D::id, Chain, K>.err, chain_success, segment_failure<D, Chain, K>>::value;
};
// A wrong chain is reported once, as a chain error; its SQL is not looked at.
template <class D, class Chain, std::size_t K>
inline constexpr bool checked_segment =
    std::conditional_t<lenient_chain<Chain> || !final_result<Chain>.err, segment_checked<D, Chain, K>, chain_checked<Chain>>::value;

// All segments of a chain in one object: the only variable named after the whole chain that
// reaches the object file (a symbol per segment would repeat the chain's name each time).
template <std::size_t K, class T>
struct segment_slot {
    T value;
};
template <class D, class Chain, class Seq = std::make_index_sequence<chain_layout<Chain>::segments>>
struct segment_store;
template <class D, class Chain, std::size_t... K>
struct segment_store<D, Chain, std::index_sequence<K...>>
    : segment_slot<K, std::remove_cvref_t<decltype(segment_sql_v<D, Chain, K>)>>... {};

template <class D, class Chain, std::size_t... K>
consteval auto make_store(std::index_sequence<K...>) {
    [[maybe_unused]] const bool checked[] = {checked_segment<D, Chain, K>..., true};
    return segment_store<D, Chain>{{segment_sql_v<D, Chain, K>}...};
}

template <class D, class Chain>
struct chain_storage {
    static constexpr auto store = make_store<D, Chain>(std::make_index_sequence<chain_layout<Chain>::segments>{});

    template <std::size_t K>
    static constexpr const auto& segment() {
        return static_cast<const segment_slot<K, std::remove_cvref_t<decltype(segment_sql_v<D, Chain, K>)>>&>(store).value;
    }
    template <std::size_t... K>
    static consteval std::size_t count_steps(std::index_sequence<K...>) {
        return (std::size_t{0} + ... + (segment_size_v<D::id, Chain, K>.up_steps + segment_size_v<D::id, Chain, K>.down_steps));
    }
    static constexpr std::size_t total_steps = count_steps(std::make_index_sequence<chain_layout<Chain>::segments>{});

    // Per segment: its up steps, then its down steps.
    template <std::size_t K>
    static constexpr void copy_steps(std::array<step, total_steps + 1>& out, std::size_t& n) {
        const auto& seg = segment<K>();
        constexpr segment_size_info size = segment_size_v<D::id, Chain, K>;
        for (int down = 0; down < 2; ++down) {
            const step_rec* recs = seg.steps(down);
            const sql_fragment* frags = seg.frags(down);
            for (std::size_t i = 0; i < (down ? size.down_steps : size.up_steps); ++i) {
                const step_rec& r = recs[i];
                out[n++] = step{r.kind, std::span<const sql_fragment>{frags + r.first, r.count}, r.fn, r.check};
            }
        }
    }
    template <std::size_t... K>
    static consteval auto make_steps(std::index_sequence<K...>) {
        std::array<step, total_steps + 1> out{};
        std::size_t n = 0;
        [[maybe_unused]] int order[] = {(copy_steps<K>(out, n), 0)..., 0};
        return out;
    }
    static constexpr auto steps = make_steps(std::make_index_sequence<chain_layout<Chain>::segments>{});

    template <std::size_t K>
    static constexpr void copy_migrations(std::array<migration_sql, Chain::size>& out, std::size_t& first_step) {
        const auto& seg = segment<K>();
        constexpr segment_size_info size = segment_size_v<D::id, Chain, K>;
        const std::size_t up_base = first_step, down_base = first_step + size.up_steps;
        for (std::size_t j = 0; j < seg.migrations.size(); ++j) {
            const migration_rec& r = seg.migrations[j];
            const std::size_t i = chain_layout<Chain>::bounds[K] + j;
            const migration_desc& m = Chain::descs[i];
            out[i] = migration_sql{
                m.version, m.name, checksum_of(m, D::id), r.reversible, r.rebuilds,
                std::span<const step>{steps.data() + up_base + r.up_step, r.up_steps},
                std::span<const step>{steps.data() + down_base + r.down_step, r.down_steps}, r.transactional};
        }
        first_step += size.up_steps + size.down_steps;
    }
    template <std::size_t... K>
    static consteval auto make_migrations(std::index_sequence<K...>) {
        std::array<migration_sql, Chain::size> out{};
        std::size_t first_step = 0;
        [[maybe_unused]] int order[] = {(copy_migrations<K>(out, first_step), 0)..., 0};
        return out;
    }
    static constexpr auto migrations = make_migrations(std::make_index_sequence<chain_layout<Chain>::segments>{});
};

// What strata::sql and strata::chain_sql use in place of a D that is no dialect (reported):
// no SQL at all.
struct misused_dialect {};
template <class D>
using dialect_or_placeholder = std::conditional_t<dialect<D>, D, misused_dialect>;
template <class Chain>
struct chain_storage<misused_dialect, Chain> {
    static constexpr std::array<migration_sql, Chain::size> migrations{};
};

// One migration's statements joined into text at compile time (strata::sql<...>::up/down).
template <class D, class Chain, std::size_t I>
consteval auto join_migration() {
    constexpr std::size_t K = chain_layout<Chain>::segment_of(I);
    // (reports a wrong chain or SQL the dialect cannot spell, once; the SQL is then empty)
    [[maybe_unused]] constexpr bool checked = checked_segment<D, Chain, K>;
    constexpr const auto& seg = segment_sql_v<D, Chain, K>;
    constexpr const migration_rec& r = seg.migrations[I - chain_layout<Chain>::bounds[K]];
    std::array<char, r.up_chars + r.down_chars + 1> out{};
    std::size_t n = 0;
    join_steps(seg, false, r.up_step, r.up_steps, out.data(), n);
    join_steps(seg, true, r.down_step, r.down_steps, out.data(), n);
    return out;
}
template <class D, class Chain, std::size_t I>
struct joined_migration {
    static constexpr auto text = join_migration<D, Chain, I>();
    static constexpr std::size_t K = chain_layout<Chain>::segment_of(I);
    static constexpr const migration_rec& rec = segment_sql_v<D, Chain, K>.migrations[I - chain_layout<Chain>::bounds[K]];
    static constexpr std::string_view up{text.data(), rec.up_chars};
    static constexpr std::string_view down{text.data() + rec.up_chars, rec.down_chars};
    static constexpr std::uint64_t checksum = checksum_of(Chain::descs[I], D::id);
};
template <class Chain, std::size_t I>
struct joined_migration<misused_dialect, Chain, I> {
    static constexpr std::string_view up{}, down{};
    static constexpr std::uint64_t checksum = 0;
};

// A migration on its own, as a one-migration chain whose references may point outside it.
template <class M>
struct lone {
    static constexpr std::size_t size = 1;
    static constexpr migration_desc descs[] = {M::desc};
};
template <class M>
inline constexpr bool lenient_chain<lone<M>> = true;

// The index of version V, or 1 once its error is reported (so nothing more fails after it).
template <class Chain, std::uint64_t V>
struct sql_version {
    static constexpr std::size_t found = (V == std::uint64_t(-1) || V == 0) ? 1 : index_of_version<Chain>(V);
    static constexpr bool well_formed = require<V != std::uint64_t(-1), sql_without_version<sql_version>> &&
                                        require<V != 0, sql_version_zero<sql_version>> &&
                                        require<found != std::size_t(-1), sql_unknown_version<sql_version>>;
    static constexpr std::size_t value = well_formed ? found : 1;
};
template <class Chain, std::uint64_t V>
inline constexpr std::size_t sql_index = sql_version<Chain, V>::value;
}  // namespace detail

}  // namespace strata
