#pragma once
// A value as a template argument, for default_value<V> and a seed's values<V...>: an integer, a
// bool, a string of any length (N counts its NUL: each value is its own specialization, sized by
// its text), and for a seed nullptr. The text lives in the template-parameter object; the
// descriptors keep a std::string_view of it. `dsl::text_from<X>` (constraints.hpp) makes one from
// a constexpr char array, string view or function.
#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

#include <strata/detail/core/descriptors.hpp>

namespace strata::detail {

// Every integer and bool is a literal<number_literal_size>: one specialization for all of them
// ("-9223372036854775808" and "18446744073709551615" are 20 bytes).
inline constexpr std::size_t number_literal_size = 24;
struct text_of {};  // picks the constructor from a view (text_from)

template <std::size_t N>
struct literal {
    default_kind kind = default_kind::none;
    char text[N]{};
    std::size_t size = 0;

    template <std::integral I>
        requires(N >= number_literal_size)
    constexpr literal(I v) noexcept {  // NOLINT: implicit on purpose, `default_value<0>`
        if constexpr (std::same_as<I, bool>) {
            kind = default_kind::boolean;
            text[0] = v ? '1' : '0';
            size = 1;
        } else {
            kind = default_kind::integer;
            bool neg = v < 0;
            unsigned long long u = neg ? 0ull - static_cast<unsigned long long>(v)
                                       : static_cast<unsigned long long>(v);
            char buf[24]{};
            std::size_t n = 0;
            do { buf[n++] = static_cast<char>('0' + u % 10); u /= 10; } while (u);
            if (neg) text[size++] = '-';
            while (n) text[size++] = buf[--n];
        }
    }
    constexpr literal(const char (&s)[N]) noexcept : kind(default_kind::string), size(N - 1) {  // NOLINT
        for (std::size_t i = 0; i + 1 < N; ++i) text[i] = s[i];
    }
    constexpr literal(text_of, std::string_view s) noexcept : kind(default_kind::string), size(s.size()) {
        for (std::size_t i = 0; i < s.size() && i + 1 < N; ++i) text[i] = s[i];
    }
    constexpr std::string_view view() const noexcept { return {text, size}; }
};
template <std::integral I>
literal(I) -> literal<number_literal_size>;
template <std::size_t N>
literal(const char (&)[N]) -> literal<N>;

// A seed value: a literal, or nullptr for NULL.
template <std::size_t N>
struct seed_literal : literal<N> {
    using literal<N>::literal;
    constexpr seed_literal(std::nullptr_t) noexcept : literal<N>(0) {  // NOLINT: implicit on purpose
        this->kind = default_kind::none;
        this->text[0] = '\0';
        this->size = 0;
    }
    constexpr seed_literal(const literal<N>& v) noexcept : literal<N>(v) {}  // NOLINT: text_from<...>
};
template <std::integral I>
seed_literal(I) -> seed_literal<number_literal_size>;
template <std::size_t N>
seed_literal(const char (&)[N]) -> seed_literal<N>;
seed_literal(std::nullptr_t) -> seed_literal<number_literal_size>;
template <std::size_t N>
seed_literal(literal<N>) -> seed_literal<N>;

// The text of text_from<Source>: a function's result, a char array without its terminating NUL,
// or anything a std::string_view is made from or that has data() and size().
template <auto& Source>
constexpr std::string_view source_text() noexcept {
    using T = std::remove_cvref_t<decltype(Source)>;
    if constexpr (std::is_function_v<T>) {
        return std::string_view(Source());
    } else if constexpr (std::is_array_v<T>) {
        constexpr std::size_t n = std::extent_v<T>;
        return std::string_view(Source, n != 0 && Source[n - 1] == '\0' ? n - 1 : n);
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        return std::string_view(Source);
    } else {
        return std::string_view(Source.data(), Source.size());
    }
}

}  // namespace strata::detail
