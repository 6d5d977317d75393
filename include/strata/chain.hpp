#pragma once
// `strata::chain<m1, m2, ...>`: a migration history, checked when any of its members is used.
#include <cstdint>

#include <strata/detail/core/chain_key.hpp>
#include <strata/detail/core/checkpoints.hpp>
#include <strata/detail/core/diagnostics.hpp>
#include <strata/detail/core/placeholders.hpp>
#include <strata/migration.hpp>
#include <strata/schema.hpp>

namespace strata {
using detail::error_kind;

namespace detail {
template <class Chain>
consteval std::size_t index_of_version(std::uint64_t v) {
    if (v == 0) return 0;
    // Versions increase (checked): binary search.
    std::size_t lo = 0, hi = Chain::size;
    while (lo < hi) {
        std::size_t mid = (lo + hi) / 2;
        if (Chain::descs[mid].version < v) lo = mid + 1; else hi = mid;
    }
    return lo < Chain::size && Chain::descs[lo].version == v ? lo + 1 : std::size_t(-1);
}

// The hard check, instantiated only on failure (the fold's, the dialect check's, strata::lint's):
// a `static_assert` naming E's culprit, whose pieces are complete objects (template arguments).
template <class Chain, const error& E>
struct reported_failure {
    static constexpr const migration_desc& culprit = Chain::descs[E.migration];
    static constexpr std::string_view culprit_name = culprit.name;
    static constexpr std::string_view label =
        E.whole_migration ? std::string_view{"the migration itself"}
        : E.in_down       ? culprit.down_ops[E.op].label
                          : culprit.ops[E.op].label;
    static constexpr bool value = report<E, culprit.version, culprit_name, label>::value;
};
template <class Chain>
struct chain_failure {
    static constexpr error err = final_result<Chain>.err;
    static constexpr bool value = reported_failure<Chain, err>::value;
};
struct chain_success {
    static constexpr bool value = true;
};
template <class Chain>
inline constexpr bool checked_chain =
    std::conditional_t<!final_result<Chain>.err, chain_success, chain_failure<Chain>>::value;

template <class Chain, std::uint64_t Version>
struct version_index {
    static constexpr std::size_t found = index_of_version<Chain>(Version);
    static constexpr std::size_t value =
        require<found != std::size_t(-1), schema_at_unknown_version<version_index>> ? found : 0;  // nothing more fails
};

}  // namespace detail

namespace detail {
template <class... Migrations>
struct migration_list {};

// A chain's key and its registration (see detail/core/chain_key.hpp).
template <class... Migrations>
struct chain_identity {
    // (a braced list, not a fold: clang folds at most 256 arguments)
    enum : bool {
        well_formed = require<sizeof...(Migrations) != 0, empty_chain<chain_identity>> &&
                      require<sizeof...(Migrations) == 0 || all_true<migration_type<Migrations>...>,
                              chain_argument_not_migration<chain_identity>>
    };
    // (a misused chain holds placeholders: detail/core/placeholders.hpp)
    using list = std::conditional_t<sizeof...(Migrations) == 0, migration_list<misused_migration>,
                                    migration_list<std::conditional_t<migration_type<Migrations>, Migrations, misused_migration>...>>;
    enum : std::uint64_t { key = free_key<list, list_hash<list>::value>::value };
    // Two lists with the same descriptors (constraints written in another order, say) are the
    // same history and share one key: register the first only.
    enum : bool { known = requires { chain_of(chain_key<key>{}); } };
    enum : std::size_t { registered = sizeof(std::conditional_t<known, char, bind_chain<list, key>>) };
};
template <class... Migrations>
struct descriptors_of<migration_list<Migrations...>> {
    using type = descriptor_array<Migrations...>;
};

// What `strata::chain<m...>` names. Its name is its key, a number: compiler diagnostics and
// symbols stay a few bytes long however long the history (see detail/core/chain_key.hpp).
template <std::uint64_t Key>
struct chain {
    // Enumerators, not variables: nothing here reaches the object file.
    enum : std::size_t { size = keyed<Key>::size };
    using proxy = keyed<Key>;
    enum : std::uint64_t { key = Key };

    // Using any member checks the chain: a wrong chain fails to compile here, once, naming the
    // culprit (strata::valid_chain<C> and strata::chain_error<C> ask without failing).
    enum : bool { checked = checked_chain<proxy> };

    enum : std::uint64_t { head = descriptors_v<Key>.value[size - 1].version };

    // The typed state after every migration.
    struct schema : schema_state<proxy, size> {};

    // The typed state right after migration `Version` (0: the empty schema).
    template <std::uint64_t Version>
    using schema_at = schema_state<proxy, version_index<proxy, Version>::value>;
};

template <class T>
struct proxy_of {
    using type = T;  // already internal (a lone migration)
};
template <std::uint64_t Key>
struct proxy_of<chain<Key>> {
    using type = keyed<Key>;
};
template <class T>
using proxy_t = typename proxy_of<T>::type;
}  // namespace detail

// `strata::chain<m1, m2, ...>`: a migration history. (An alias: the chain's type is named by the
// hash of its migrations, so equal histories are one type.)
template <class... Migrations>
using chain = detail::chain<detail::chain_identity<Migrations...>::key>;

// Predicates for tests: is this chain valid, and why not.
// (a concept, not a variable: no symbol named after the chain; see detail/core/chain_key.hpp)
template <class Chain>
concept valid_chain = !detail::final_result<detail::proxy_t<Chain>>.err;
template <class Chain>
inline constexpr error_kind chain_error = detail::final_result<detail::proxy_t<Chain>>.err.kind;
}  // namespace strata
