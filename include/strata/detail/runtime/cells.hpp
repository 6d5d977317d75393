#pragma once
// Reading a result cell (a strata::value, or any std::variant of the same alternatives) as an
// integer, a number or text, and showing it in a message; row::get<T> is built on these.
#include <charconv>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

namespace strata::detail {

// T, named so that it depends on As: a template's body that uses it is compiled where the
// template is instantiated, not where it is defined (clang otherwise instantiates std::variant's
// and std::optional's machinery for the row code of every unit that includes the DSL).
template <class T, class...>
struct dependent {
    using type = T;
};
template <class T, class... As>
using dependent_t = typename dependent<T, As...>::type;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

// The cells' readers are templates (instantiated with V = value) for the reason given at
// detail::dependent.
// A cell as a message shows it: NULL, 'text', 3, 3.5 (the shortest form of a double).
template <class V>
std::string shown_cell(const V& v) {
    return std::visit(
        [](const auto& x) -> std::string {
            using X = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<X, std::monostate>) return "NULL";
            else if constexpr (std::is_same_v<X, std::string>) return "'" + x + "'";
            else if constexpr (std::is_same_v<X, double>) {
                char buf[32];
                const auto r = std::to_chars(buf, buf + sizeof buf, x);
                return std::string(buf, r.ptr);
            } else return std::to_string(x);
        },
        v);
}
template <class V>
[[noreturn]] void bad_cell(std::string_view want, const V& v) {
    throw std::runtime_error("strata: cannot read " + shown_cell(v) + " as " + std::string(want));
}

template <class V>
std::int64_t cell_integer(const V& v) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (auto* d = std::get_if<double>(&v)) {  // 3.0 is 3; 3.5 is not an integer, never silently 3
        if (*d >= -9223372036854775808.0 && *d < 9223372036854775808.0 && static_cast<double>(static_cast<std::int64_t>(*d)) == *d)
            return static_cast<std::int64_t>(*d);
        bad_cell("an integer", v);
    }
    if (auto* s = std::get_if<std::string>(&v)) {
        if (*s == "t" || *s == "true") return 1;
        if (*s == "f" || *s == "false") return 0;
        std::size_t used = 0;
        try {
            std::int64_t r = std::stoll(*s, &used);
            if (used == s->size()) return r;
        } catch (const std::exception&) {
        }
    }
    bad_cell("an integer", v);
}
template <class V>
double cell_real(const V& v) {
    if (auto* d = std::get_if<double>(&v)) return *d;
    if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (auto* s = std::get_if<std::string>(&v)) {
        std::size_t used = 0;
        try {
            double r = std::stod(*s, &used);
            if (used == s->size()) return r;
        } catch (const std::exception&) {
        }
    }
    bad_cell("a number", v);
}
template <class V>
std::string cell_text(const V& v) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return std::to_string(*d);
    bad_cell("text", v);
}
}  // namespace strata::detail
