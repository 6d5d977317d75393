#pragma once
// detail::dependent_t<T, As...>: T, named so that it depends on As. A template's body that uses
// it is compiled where the template is instantiated, not where it is defined: clang otherwise
// instantiates the constexpr members of std::variant, std::optional and std::vector that the
// body names, in every unit that includes the header, used or not.
namespace strata::detail {
template <class T, class...>
struct dependent {
    using type = T;
};
template <class T, class... As>
using dependent_t = typename dependent<T, As...>::type;
}  // namespace strata::detail
