#pragma once
// Why the internals are keyed by a number, not by the chain type.
//
// g++ gives every variable and function template specialization a mangled name at the end of
// the translation unit, even those only used in constant evaluation, and mangling a name is
// quadratic in its length. A chain's type spells out every migration, so each specialization
// keyed by it cost 0.12 s at N = 300 and over a second at N = 1000 (measured). Types cost
// nothing, so the migrations are hashed into a number, registered under it (a friend function
// defined by `bind_chain`, looked up by `chain_t`), `strata::chain<m...>` is an alias of the
// class `detail::chain<Key>`, and every internal variable is keyed by `keyed<Key>`, whose
// mangled name is a few bytes. Diagnostics name the number too, not the whole history.
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <strata/detail/core/descriptors.hpp>

namespace strata::detail {

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnon-template-friend"
#endif
template <std::uint64_t Key>
struct chain_key {
    friend constexpr auto chain_of(chain_key<Key>);
};
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

template <class Chain, std::uint64_t Key>
struct bind_chain {
    friend constexpr auto chain_of(chain_key<Key>) { return std::type_identity<Chain>{}; }
};
template <std::uint64_t Key>
using chain_t = typename decltype(chain_of(chain_key<Key>{}))::type;

// The migrations' descriptors as one array: an aggregate with a default member initializer,
// so that filling it instantiates no function named after the chain.
template <class... Migrations>
struct descriptor_array {
    migration_desc value[sizeof...(Migrations)] = {Migrations::desc...};
};
// (Its length is read off the array, sizeof(value): g++ names every static data member of a
// class template it instantiates when the unit ends, and this class's name spells the whole
// history, a 740 KB symbol name at N = 1000.)
template <class Chain>
struct descriptors_of;

template <std::uint64_t Key>
inline constexpr typename descriptors_of<chain_t<Key>>::type descriptors_v{};

// What the internals take as "the chain".
template <std::uint64_t Key>
struct keyed {
    static constexpr std::size_t size = sizeof(descriptors_of<chain_t<Key>>::type::value) / sizeof(migration_desc);
    static constexpr const migration_desc (&descs)[size] = descriptors_v<Key>.value;
};

constexpr std::uint64_t chain_hash(std::initializer_list<std::uint64_t> migration_hashes) {
    std::uint64_t h = 0x5354524154410001ull;  // "STRATA", 1
    for (std::uint64_t m : migration_hashes) h = mix(h, m);
    return h;
}
// Whether two lists of migrations with one key call the same data-step functions. The key holds
// the functions' names (descriptors.hpp, function_key), but Clang spells a function template's
// specialisation without its arguments (fill<1> and fill<2> are both "fill"): then the second
// list takes the next free key instead of running the first one's functions.
constexpr bool same_functions(const op_desc* a, const op_desc* b, std::size_t n) {
    for (std::size_t k = 0; k < n; ++k)
        if (a[k].fn_up != b[k].fn_up || a[k].fn_down != b[k].fn_down || a[k].fn_check != b[k].fn_check ||
            a[k].fn_background != b[k].fn_background)
            return false;
    return true;
}
constexpr bool same_functions(const migration_desc* a, const migration_desc* b, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (!same_functions(a[i].ops, b[i].ops, a[i].nops) || !same_functions(a[i].down_ops, b[i].down_ops, a[i].ndown_ops))
            return false;
    return true;
}

// Key, or the next one when Key is registered to a list with the same descriptors but other
// data-step functions (see same_functions).
template <class List, std::uint64_t Key, bool Known = requires { chain_of(chain_key<Key>{}); }>
struct free_key {
    enum : std::uint64_t { value = Key };
};
template <class List, std::uint64_t Key>
struct free_key<List, Key, true> {
    using other = typename descriptors_of<chain_t<Key>>::type;
    using mine = typename descriptors_of<List>::type;
    enum : bool {
        same = sizeof(other::value) == sizeof(mine::value) &&
               same_functions(other{}.value, mine{}.value, sizeof(mine::value) / sizeof(migration_desc))
    };
    enum : std::uint64_t { value = std::conditional_t<same, std::integral_constant<std::uint64_t, Key>, free_key<List, mix(Key, 1)>>::value };
};

// The key of a list of migrations (an enumerator: nothing named after the list is emitted).
template <class List>
struct list_hash;
template <template <class...> class List, class... Migrations>
struct list_hash<List<Migrations...>> {
    enum : std::uint64_t { value = chain_hash({Migrations::desc.hash...}) };
};

}  // namespace strata::detail
