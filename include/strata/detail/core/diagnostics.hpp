#pragma once
// Turns a chain's error value into a `static_assert` whose message starts `strata:` and whose
// template arguments spell the culprit: the migration, the operation and the names involved.
#include <cstdint>
#include <string_view>
#include <utility>

#include <strata/detail/core/check.hpp>
#include <strata/detail/core/errors.hpp>
#include <strata/detail/core/rules.hpp>
#include <strata/fixed_string.hpp>

namespace strata::diag {
// clang prints a string template argument as a list of numbers; a character pack reads better.
#if defined(__clang__)
template <char... C>
struct name {};
#else
template <fixed_string S>
struct name {};
#endif
template <std::uint64_t Version, class Name>
struct in_migration {};
template <std::size_t Position, class Operation>
struct operation {};  // Position counts from 1 in the migration's up (or down) list
template <std::size_t Position, class Operation>
struct down_operation {};
template <std::size_t Position, class Operation>
struct derived_down_of {};  // what the derived down of the up's operation at Position runs (strata::lint)
struct whole_migration {};  // the error is about the migration, not one of its operations
}  // namespace strata::diag

namespace strata::detail {
// A name of more than shown_name_bytes (a long seed value) is shown as its first
// shown_name_bytes and "...".
inline constexpr std::size_t shown_name_bytes = 64;
constexpr std::size_t shown_size(std::string_view s) noexcept {
    return s.size() > shown_name_bytes ? shown_name_bytes + 3 : s.size();
}
constexpr char shown_char(std::string_view s, std::size_t i) noexcept {
    return s.size() > shown_name_bytes && i >= shown_name_bytes ? '.' : s[i];
}
template <std::size_t N>
constexpr fixed_string<N> shown_name(std::string_view s) noexcept {
    fixed_string<N> out{std::string_view{}};
    for (std::size_t i = 0; i + 1 < N; ++i) out.data[i] = shown_char(s, i);
    return out;
}
template <const std::string_view& S, std::size_t... I>
auto make_name(std::index_sequence<I...>) {
#if defined(__clang__)
    return diag::name<shown_char(S, I)...>{};
#else
    return diag::name<shown_name<sizeof...(I) + 1>(S)>{};
#endif
}
template <const std::string_view& S>
using name_t = decltype(make_name<S>(std::make_index_sequence<shown_size(S)>{}));

// One template per rule (detail/core/rules.hpp): its name and message say the rule, its
// arguments the culprit.
#define STRATA_RULE(rule, message)                              \
    template <class Where, class... Names>                      \
    struct rule {                                               \
        static_assert(always_false<Where>, "strata: " message); \
        static constexpr bool value = false;                    \
    };
STRATA_CHAIN_RULES(STRATA_RULE)
#undef STRATA_RULE

// Rules of the DSL's spelling: the misused template is the rule's argument
// (`column_type_not_a_type<dsl::column<"price", int>>`), and then carries a placeholder
// (`misused`), which reports nothing more.
#define STRATA_DSL_RULE(rule, message)                            \
    template <class Culprit>                                      \
    struct rule {                                                 \
        static_assert(always_false<Culprit>, "strata: " message); \
        static constexpr bool value = false;                      \
    };
STRATA_DSL_RULES(STRATA_DSL_RULE)
#undef STRATA_DSL_RULE

// The rule template of each error kind: the kind has the rule's name.
template <error_kind K, class W, class... N>
struct rule_for;
#define STRATA_RULE_FOR(rule, message)               \
    template <class W, class... N>                   \
    struct rule_for<error_kind::rule, W, N...> {     \
        using type = detail::rule<W, N...>;          \
    };
STRATA_CHAIN_RULES(STRATA_RULE_FOR)
#undef STRATA_RULE_FOR

// The error of a failed evaluation, with each piece a complete object so that it can be a
// template argument.
template <const error& E>
struct failure_parts {
    static constexpr std::string_view a = E.a, b = E.b, c = E.c;
};

// Raises the rule's static_assert, once (detail/core/check.hpp); `value` stays a constant
// (false), so what depends on it reports nothing more.
template <const error& E, std::uint64_t Version, const std::string_view& MigrationName,
          const std::string_view& Label>
struct report {
    using parts = failure_parts<E>;
    using mig = diag::in_migration<Version, name_t<MigrationName>>;
    using where = std::conditional_t<
        E.whole_migration, diag::whole_migration,
        std::conditional_t<E.in_down, diag::down_operation<E.op + 1, name_t<Label>>,
                           std::conditional_t<E.derived_down, diag::derived_down_of<E.op + 1, name_t<Label>>,
                                              diag::operation<E.op + 1, name_t<Label>>>>>;
    using rule = typename rule_for<E.kind, std::pair<mig, where>, name_t<parts::a>, name_t<parts::b>, name_t<parts::c>>::type;
    // A misused DSL template has reported itself where it is written (its own rule, through
    // `require`); the chain that holds its placeholder says nothing more.
    static constexpr bool silent = E.kind == error_kind::misused_dsl;
    static constexpr bool value = require<silent, rule> && !silent;
};
}  // namespace strata::detail
