#pragma once
// Reading a result cell (a strata::value, or any std::variant of the same alternatives) as an
// integer, a number, text, bytes, a date or a time, and showing it in a message; row::get<T> is
// built on these, and detail::to_value on the text forms of dates and times.
#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <strata/detail/chrono.hpp>
#include <strata/detail/config.hpp>
#include <strata/detail/dependent.hpp>

namespace strata::detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_sys_time : std::false_type {};
template <class D>
struct is_sys_time<std::chrono::sys_time<D>> : std::true_type {};

// Dates and times travel as ISO 8601 text, which both backends store or parse: a date
// "YYYY-MM-DD", a time "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC (SQLite's CURRENT_TIMESTAMP form).
// Years 1 to 9999 only (PostgreSQL's "BC" and "infinity" are refused when read).
constexpr bool leap_year(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
// Days from 1970-01-01 to the first of January of year y (y >= 1).
constexpr std::int64_t days_before_year(std::int64_t y) {
    auto since_year_0 = [](std::int64_t n) { return n * 365 + n / 4 - n / 100 + n / 400; };  // n >= 0 whole years
    return since_year_0(y - 1) - since_year_0(1969);
}
constexpr int days_in_month(std::int64_t y, int m) {
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap_year(y) ? 29 : days[m - 1];
}
constexpr std::int64_t days_from_date(std::int64_t y, int m, int d) {
    std::int64_t n = days_before_year(y);
    for (int k = 1; k < m; ++k) n += days_in_month(y, k);
    return n + d - 1;
}
struct civil_date {
    std::int64_t year;
    int month, day;
};
constexpr civil_date date_from_days(std::int64_t z) {
    std::int64_t y = 1970 + (z >= 0 ? z / 366 : -((-z) / 365) - 1);  // at or below the year of z
    if (y < 1) y = 1;
    while (days_before_year(y + 1) <= z) ++y;
    std::int64_t rest = z - days_before_year(y);
    int m = 1;
    while (rest >= days_in_month(y, m)) rest -= days_in_month(y, m++);
    return {y, m, static_cast<int>(rest) + 1};
}
inline constexpr std::int64_t first_day = days_from_date(1, 1, 1), last_day = days_from_date(9999, 12, 31);

// The text forms of dates, times and bytes, and their readers (bodies in cells.ipp: compiled
// once with STRATA_SEPARATE_COMPILATION).
// Bytes as lowercase hex digits, two a byte (PostgreSQL's bytea text is "\\x" and these).
STRATA_LAZY STRATA_INLINE std::string hex_text(const std::vector<std::byte>& b);
// A date as "YYYY-MM-DD"; out_of_range outside the years 1 to 9999.
STRATA_LAZY STRATA_INLINE std::string date_text(std::chrono::sys_days d);
// "YYYY-MM-DD HH:MM:SS[.ffffff]", and "+00" after it with utc_suffix.
STRATA_LAZY STRATA_INLINE std::string time_text(std::chrono::sys_time<std::chrono::microseconds> t, bool utc_suffix);
// nullopt when the text is not of the form.
STRATA_LAZY STRATA_INLINE std::optional<std::chrono::sys_days> date_from_text(std::string_view s);
STRATA_LAZY STRATA_INLINE std::optional<std::chrono::sys_time<std::chrono::microseconds>> time_from_text(std::string_view s);

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
            else if constexpr (std::is_same_v<X, std::vector<std::byte>>) return "x'" + hex_text(x) + "'";
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

// Text is read as a number only in a number's own form: an integer as an optional '-' and
// digits; a real as that with a fraction and an exponent, or NaN, Infinity, -Infinity (as
// PostgreSQL spells them). Never with spaces, a '+', hex or C's nan and inf, as std::stoll and
// std::stod read them. `text_boolean`: the cell is a boolean sent as text, t or f (PostgreSQL's);
// elsewhere 't' is text.
inline std::optional<std::int64_t> integer_text(std::string_view s) {
    std::int64_t r = 0;
    const char* end = s.data() + s.size();
    const auto [p, ec] = std::from_chars(s.data(), end, r);  // (no spaces, no '+')
    if (ec == std::errc() && p == end && !s.empty()) return r;
    return std::nullopt;
}
// A REAL that is a whole 64-bit integer, as that integer.
inline std::optional<std::int64_t> whole_real(double d) {
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && static_cast<double>(static_cast<std::int64_t>(d)) == d)
        return static_cast<std::int64_t>(d);
    return std::nullopt;
}
template <class V>
std::int64_t cell_integer(const V& v, bool text_boolean = false) {
    if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (auto* d = std::get_if<double>(&v)) {  // 3.0 is 3; 3.5 is not an integer, never silently 3
        if (const auto i = whole_real(*d)) return *i;
        bad_cell("an integer", v);
    }
    if (auto* s = std::get_if<std::string>(&v)) {
        if (text_boolean && (*s == "t" || *s == "f")) return *s == "t";
        if (const auto r = integer_text(*s)) return *r;
    }
    bad_cell("an integer", v);
}
// An integer cell as T: a value T cannot hold is refused, never wrapped.
template <class T, class V>
T cell_integer_as(const V& v, bool text_boolean = false) {
    const std::int64_t i = cell_integer(v, text_boolean);
    // (not std::in_range: it refuses char and wchar_t, which get<T> takes)
    bool fits;
    if constexpr (std::is_unsigned_v<T>)
        fits = i >= 0 && static_cast<std::uint64_t>(i) <= static_cast<std::uint64_t>(std::numeric_limits<T>::max());
    else
        fits = i >= static_cast<std::int64_t>(std::numeric_limits<T>::min()) && i <= static_cast<std::int64_t>(std::numeric_limits<T>::max());
    if (!fits)
        bad_cell((std::is_signed_v<T> ? "int" : "uint") + std::to_string(sizeof(T) * 8) + " (out of range)", v);
    return static_cast<T>(i);
}
inline std::optional<double> real_text(std::string_view s) {
    if (s == "NaN") return std::numeric_limits<double>::quiet_NaN();
    if (s == "Infinity") return std::numeric_limits<double>::infinity();
    if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
    const std::size_t first = !s.empty() && s[0] == '-';
    if (first == s.size() || !((s[first] >= '0' && s[first] <= '9') || s[first] == '.')) return std::nullopt;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return std::nullopt;
    double r = 0;
#if defined(__cpp_lib_to_chars)
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), r);  // (out of range: refused, as stod did)
    if (p == s.data() + s.size() && ec == std::errc()) return r;
#else  // (libc++ before 17 has no from_chars of a double; strtod reads the same digits, in the C locale's terms)
    const std::string text(s);
    char* end = nullptr;
    errno = 0;
    r = std::strtod(text.c_str(), &end);
    if (end == text.c_str() + text.size() && errno != ERANGE) return r;
#endif
    return std::nullopt;
}
template <class V>
double cell_real(const V& v) {
    if (auto* d = std::get_if<double>(&v)) return *d;
    if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (auto* s = std::get_if<std::string>(&v))
        if (const auto r = real_text(*s)) return *r;
    bad_cell("a number", v);
}
// A float: a finite double that would round to infinity is refused. (FLT_MAX plus half its ULP,
// 2^128 - 2^103, is the first that does; PostgreSQL prints FLT_MAX as 3.4028235e+38, a little
// above it, which rounds back to it.)
template <class V>
float cell_float(const V& v) {
    const double d = cell_real(v), limit = static_cast<double>(std::numeric_limits<float>::max()) + 0x1p103;
    if ((d >= limit || d <= -limit) && d - d == 0) bad_cell("float (out of range)", v);
    return static_cast<float>(d);
}
// A bool: an integer (not 0 is true), or PostgreSQL's t and f (text_boolean).
template <class V>
bool cell_bool(const V& v, bool text_boolean = false) {
    if (auto* s = std::get_if<std::string>(&v)) {
        if (text_boolean && (*s == "t" || *s == "f")) return *s == "t";
        if (const auto i = integer_text(*s)) return *i != 0;
        bad_cell("bool", v);
    }
    if (auto* i = std::get_if<std::int64_t>(&v)) return *i != 0;
    if (auto* d = std::get_if<double>(&v))  // a whole REAL, as get<int> reads it; 0.5 is no bool
        if (const auto i = whole_real(*d)) return *i != 0;
    bad_cell("bool", v);
}
template <class V>
std::string cell_text(const V& v) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* b = std::get_if<std::vector<std::byte>>(&v)) return std::string(reinterpret_cast<const char*>(b->data()), b->size());
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) {  // the shortest text that reads back as the same double
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, *d);
        return std::string(buf, r.ptr);
    }
    bad_cell("text", v);
}
template <class V>
std::vector<std::byte> cell_bytes(const V& v) {
    if (auto* b = std::get_if<std::vector<std::byte>>(&v)) return *b;
    if (auto* s = std::get_if<std::string>(&v)) {  // text in a blob column (SQLite): its bytes
        std::vector<std::byte> out(s->size());
        for (std::size_t i = 0; i < s->size(); ++i) out[i] = static_cast<std::byte>((*s)[i]);
        return out;
    }
    bad_cell("bytes", v);
}
template <class V>
std::chrono::sys_days cell_date(const V& v) {
    if (auto* s = std::get_if<std::string>(&v))
        if (auto d = date_from_text(*s)) return *d;
    bad_cell("a date (YYYY-MM-DD)", v);
}
template <class V>
std::chrono::sys_time<std::chrono::microseconds> cell_time(const V& v) {
    if (auto* s = std::get_if<std::string>(&v))
        if (auto t = time_from_text(*s)) return *t;
    bad_cell("a time (YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM])", v);
}
}  // namespace strata::detail

#if !defined(STRATA_SEPARATE_COMPILATION)
#include <strata/detail/runtime/cells.ipp>
#endif
