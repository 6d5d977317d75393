#pragma once
// `strata::migration<Version, "name", operations...>` and the explicit pair
// `strata::migration<Version, "name", up<operations...>, down<operations...>>`.
#include <cstdint>

#include <strata/detail/core/diagnostics.hpp>
#include <strata/detail/core/placeholders.hpp>
#include <strata/operations.hpp>

namespace strata {
namespace dsl {
template <class... Ops>
struct up {};
template <class... Ops>
struct down {};
}  // namespace dsl

namespace detail {
template <class Op>
using op_or_placeholder = std::conditional_t<operation<Op>, Op, misused_op>;
// Flags and counts are enumerators: g++ names every static data member of a class template, and
// these names spell every operation (detail/core/chain_key.hpp).
template <class... Ops>
struct op_list {
    enum : std::size_t { size = sizeof...(Ops) };
    // A one-element dummy keeps empty lists valid arrays; `size` says how many are real.
    static constexpr op_desc ops[sizeof...(Ops) ? sizeof...(Ops) : 1] = {op_or_placeholder<Ops>::desc...};
    // (a braced list, not a fold: no limit on the number of operations)
    enum : bool { misused = any_true<op_or_placeholder<Ops>::desc.misused...> };
};

template <class... Ops>
struct migration_body {
    enum : bool { explicit_pair = false, valid = all_true<operation<Ops>...> };
    using up_list = op_list<Ops...>;
    using down_list = op_list<>;
};
template <class... U, class... D>
struct migration_body<dsl::up<U...>, dsl::down<D...>> {
    enum : bool { explicit_pair = true, valid = all_true<operation<U>..., operation<D>...> };
    using up_list = op_list<U...>;
    using down_list = op_list<D...>;
};

template <class T>
struct is_migration_t : std::false_type {};

constexpr migration_desc with_hash(migration_desc m, bool misused) {
    m = with_hashes(m);
    m.misused = misused;
    return m;
}
}  // namespace detail

template <std::uint64_t Version, fixed_string Name, class... Ops>
struct migration {
    using body = detail::migration_body<Ops...>;
    enum : bool { well_formed = detail::check_dsl<body::valid, detail::migration_argument_not_operation, migration>::value };
    static constexpr std::uint64_t version = Version;
    static constexpr std::string_view name = detail::name_v<Name>;
    static constexpr detail::migration_desc desc = detail::with_hash(
        detail::migration_desc{Version, detail::name_v<Name>, body::up_list::ops, body::up_list::size,
                               body::explicit_pair ? body::down_list::ops : nullptr, body::down_list::size,
                               body::explicit_pair},
        !body::valid || body::up_list::misused || body::down_list::misused);
};

namespace detail {
template <std::uint64_t V, fixed_string N, class... Ops>
struct is_migration_t<migration<V, N, Ops...>> : std::true_type {};
}
template <class T>
concept migration_type = detail::is_migration_t<T>::value;
}  // namespace strata
