#pragma once
// The generated SQL, as constants:
//   strata::sql<strata::sqlite, m3>::up              a migration on its own
//   strata::sql<strata::postgres, history, 3>::down  migration 3 of a chain (uses the state)
//   strata::chain_sql<strata::sqlite, history>::migrations   every migration, for a runtime
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include <strata/chain.hpp>
#include <strata/detail/segment_sql.hpp>

namespace strata {

using detail::step_kind;

// One thing to do when applying a migration: a statement, the foreign-key check that follows
// a SQLite rebuild (any row it returns is a violation), or a data step.
struct step {
    step_kind kind = step_kind::sql;
    std::string_view sql{};
    detail::data_fn run = nullptr;
    detail::check_fn check = nullptr;
};

struct migration_sql {
    std::uint64_t version = 0;
    std::string_view name{};
    std::string_view up{}, down{};   // every statement, each ending ";\n"
    std::uint64_t checksum = 0;      // FNV-1a of the dialect's generated SQL and step kinds
    bool reversible = true;          // false: execute_irreversible or run<fn> without a down
    bool rebuilds_tables = false;    // SQLite: run with foreign keys off, check after
    std::span<const step> up_steps{}, down_steps{};
};

namespace detail {
template <class D, class Chain, std::size_t K>
inline constexpr auto segment_sql_v = fill_segment<D::id, Chain, K>();

template <class D, class Chain, std::size_t K>
consteval auto make_steps() {
    constexpr const auto& seg = segment_sql_v<D, Chain, K>;
    std::array<step, seg.steps.size()> out{};
    for (std::size_t i = 0; i < seg.steps.size(); ++i) {
        const step_rec& r = seg.steps[i];
        out[i] = step{r.kind, std::string_view{seg.text.data() + r.off, r.len}, r.fn, r.check};
    }
    return out;
}
template <class D, class Chain, std::size_t K>
inline constexpr auto segment_steps_v = make_steps<D, Chain, K>();

// A generation failure (a dialect that cannot express a column, a lone migration that needs
// its chain) reported like a chain error.
template <class D, class Chain, std::size_t K>
struct segment_failure {
    static constexpr error err = segment_size_v<D::id, Chain, K>.err;
    static constexpr const migration_desc& culprit = Chain::descs[err.migration];
    static constexpr std::string_view culprit_name = culprit.name;
    static constexpr std::string_view label = err.in_down ? culprit.down_ops[err.op].label : culprit.ops[err.op].label;
    static constexpr bool value = report<err, culprit.version, culprit_name, label>();
};
template <class Chain>
struct chain_checked {
    static constexpr bool value = checked_chain<Chain>;
};
template <class D, class Chain, std::size_t K>
inline constexpr bool checked_segment =
    std::conditional_t<lenient_chain<Chain>, chain_success, chain_checked<Chain>>::value &&
    std::conditional_t<!segment_size_v<D::id, Chain, K>.err, chain_success, segment_failure<D, Chain, K>>::value;

template <class D, class Chain, std::size_t I>
consteval migration_sql migration_sql_at() {
    constexpr std::size_t K = I / segment_size;
    static_assert(checked_segment<D, Chain, K>);
    constexpr const auto& seg = segment_sql_v<D, Chain, K>;
    constexpr const auto& steps = segment_steps_v<D, Chain, K>;
    const migration_rec& r = seg.migrations[I % segment_size];
    const migration_desc& m = Chain::descs[I];
    return migration_sql{m.version, m.name,
                         std::string_view{seg.text.data() + r.up_off, r.up_len},
                         std::string_view{seg.text.data() + r.down_off, r.down_len},
                         r.checksum, r.reversible, r.rebuilds,
                         std::span<const step>{steps.data() + r.up_step, r.up_steps},
                         std::span<const step>{steps.data() + r.down_step, r.down_steps}};
}

template <class D, class Chain, std::size_t K, std::size_t N>
constexpr void copy_segment(std::array<migration_sql, N>& out) {
    static_assert(checked_segment<D, Chain, K>);
    constexpr const auto& seg = segment_sql_v<D, Chain, K>;
    constexpr const auto& steps = segment_steps_v<D, Chain, K>;
    for (std::size_t j = 0; j < seg.migrations.size(); ++j) {
        const migration_rec& r = seg.migrations[j];
        const migration_desc& m = Chain::descs[K * segment_size + j];
        out[K * segment_size + j] = migration_sql{
            m.version, m.name, std::string_view{seg.text.data() + r.up_off, r.up_len},
            std::string_view{seg.text.data() + r.down_off, r.down_len}, r.checksum, r.reversible, r.rebuilds,
            std::span<const step>{steps.data() + r.up_step, r.up_steps},
            std::span<const step>{steps.data() + r.down_step, r.down_steps}};
    }
}
template <class D, class Chain, std::size_t... K>
consteval auto all_migrations(std::index_sequence<K...>) {
    std::array<migration_sql, Chain::size> out{};
    [[maybe_unused]] int order[] = {(copy_segment<D, Chain, K>(out), 0)..., 0};
    return out;
}

// A migration on its own, as a one-migration chain whose references may point outside it.
template <class M>
struct lone {
    static constexpr std::size_t size = 1;
    static constexpr migration_desc descs[] = {M::desc};
};
template <class M>
inline constexpr bool lenient_chain<lone<M>> = true;

template <class Chain, std::uint64_t V>
inline constexpr std::size_t sql_index = version_index<Chain, V>::value;
}  // namespace detail

// strata::sql<Dialect, Migration> or strata::sql<Dialect, Chain, Version>.
template <class D, class X, std::uint64_t Version = std::uint64_t(-1)>
struct sql {
    static_assert(dialect<D>, "strata: sql<D, ...>: D must be strata::sqlite or strata::postgres");
    static_assert(Version != std::uint64_t(-1), "strata: sql<D, Chain, V>: name the migration's version V");
    static constexpr migration_sql value = detail::migration_sql_at<D, X, detail::sql_index<X, Version> - 1>();
    static constexpr std::string_view up = value.up;
    static constexpr std::string_view down = value.down;
    static constexpr std::uint64_t checksum = value.checksum;
    static constexpr bool reversible = value.reversible;
};
template <class D, std::uint64_t V, fixed_string N, class... Ops>
struct sql<D, migration<V, N, Ops...>, std::uint64_t(-1)> {
    static_assert(dialect<D>, "strata: sql<D, ...>: D must be strata::sqlite or strata::postgres");
    static constexpr migration_sql value = detail::migration_sql_at<D, detail::lone<migration<V, N, Ops...>>, 0>();
    static constexpr std::string_view up = value.up;
    static constexpr std::string_view down = value.down;
    static constexpr std::uint64_t checksum = value.checksum;
    static constexpr bool reversible = value.reversible;
};

// Every migration of a chain, in order: what a runtime applies.
template <class D, class Chain>
struct chain_sql {
    static_assert(dialect<D>, "strata: chain_sql<D, Chain>: D must be strata::sqlite or strata::postgres");
    static constexpr std::array<migration_sql, Chain::size> migrations =
        detail::all_migrations<D, Chain>(std::make_index_sequence<detail::chain_layout<Chain>::segments>{});
};

}  // namespace strata
