#pragma once
// Reading a result cell (a strata::value, or any std::variant of the same alternatives) as an
// integer, a number, text, bytes, a date or a time, and showing it in a message; row::get<T> is
// built on these, and detail::to_value on the text forms of dates and times.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include <strata/detail/chrono.hpp>
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

// Bytes as lowercase hex digits, two a byte (PostgreSQL's bytea text is "\\x" and these).
inline std::string hex_text(const std::vector<std::byte>& b) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(b.size() * 2, '0');
    for (std::size_t i = 0; i < b.size(); ++i) {
        out[2 * i] = digits[std::to_integer<unsigned>(b[i]) >> 4];
        out[2 * i + 1] = digits[std::to_integer<unsigned>(b[i]) & 15];
    }
    return out;
}

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
inline void put_digits(std::string& out, std::int64_t v, int width) {
    char buf[24];
    for (int i = width - 1; i >= 0; --i, v /= 10) buf[i] = static_cast<char>('0' + v % 10);
    out.append(buf, static_cast<std::size_t>(width));
}
inline constexpr std::int64_t first_day = days_from_date(1, 1, 1), last_day = days_from_date(9999, 12, 31);
inline std::string date_text(std::chrono::sys_days d) {
    const std::int64_t z = d.time_since_epoch().count();
    if (z < first_day || z > last_day)
        throw std::out_of_range("strata: a date outside the years 1 to 9999 has no text both backends read");
    const civil_date c = date_from_days(z);
    std::string out;
    put_digits(out, c.year, 4);
    out += '-';
    put_digits(out, c.month, 2);
    out += '-';
    put_digits(out, c.day, 2);
    return out;
}
// With utc_suffix, "+00" follows: PostgreSQL reads a timestamptz without one in the session's
// time zone, and ignores it for a timestamp (SQLite keeps the form CURRENT_TIMESTAMP writes).
inline std::string time_text(std::chrono::sys_time<std::chrono::microseconds> t, bool utc_suffix) {
    const std::int64_t us = t.time_since_epoch().count();
    const std::int64_t per_day = 86400000000;
    const std::int64_t day = us >= 0 ? us / per_day : -((-us - 1) / per_day) - 1;
    std::int64_t in_day = us - day * per_day;
    std::string out = date_text(std::chrono::sys_days(std::chrono::days(day)));
    out += ' ';
    put_digits(out, in_day / 3600000000, 2);
    out += ':';
    put_digits(out, in_day / 60000000 % 60, 2);
    out += ':';
    put_digits(out, in_day / 1000000 % 60, 2);
    if (in_day % 1000000 != 0) {
        out += '.';
        put_digits(out, in_day % 1000000, 6);
    }
    if (utc_suffix) out += "+00";
    return out;
}

// The readers of that text: nullopt when it is not of the form.
struct text_reader {
    std::string_view s;
    std::size_t i = 0;
    bool digits(int n, std::int64_t& out) {
        out = 0;
        for (int k = 0; k < n; ++k, ++i) {
            if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    }
    bool take(char c) { return i < s.size() && s[i] == c ? (++i, true) : false; }
};
inline std::optional<std::int64_t> parse_date(text_reader& r) {
    std::int64_t y = 0, m = 0, d = 0;
    if (!r.digits(4, y) || !r.take('-') || !r.digits(2, m) || !r.take('-') || !r.digits(2, d)) return std::nullopt;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, static_cast<int>(m))) return std::nullopt;
    return days_from_date(y, static_cast<int>(m), static_cast<int>(d));
}
inline std::optional<std::chrono::sys_days> date_from_text(std::string_view s) {
    text_reader r{s};
    const auto d = parse_date(r);
    if (!d || r.i != s.size()) return std::nullopt;
    return std::chrono::sys_days(std::chrono::days(*d));
}
// "YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z|(+|-)HH[[:]MM[[:]SS]]]", the time in UTC after the
// offset; a fraction's digits past the sixth are dropped.
inline std::optional<std::chrono::sys_time<std::chrono::microseconds>> time_from_text(std::string_view s) {
    text_reader r{s};
    const auto d = parse_date(r);
    if (!d) return std::nullopt;
    std::int64_t h = 0, mi = 0, sec = 0, frac = 0;
    if (r.i < s.size()) {
        if (!r.take(' ') && !r.take('T')) return std::nullopt;
        if (!r.digits(2, h) || !r.take(':') || !r.digits(2, mi)) return std::nullopt;
        if (r.take(':') && !r.digits(2, sec)) return std::nullopt;
        if (r.take('.')) {
            int n = 0;
            for (; r.i < s.size() && s[r.i] >= '0' && s[r.i] <= '9'; ++r.i, ++n)
                if (n < 6) frac = frac * 10 + (s[r.i] - '0');
            if (n == 0) return std::nullopt;
            for (; n < 6; ++n) frac *= 10;
        }
        if (h > 24 || mi > 59 || sec > 60) return std::nullopt;
    }
    std::int64_t offset = 0;  // seconds east of UTC
    if (r.take('Z') || r.take('z')) {
    } else if (r.i < s.size() && (s[r.i] == '+' || s[r.i] == '-')) {
        const bool east = s[r.i++] == '+';
        std::int64_t oh = 0, om = 0, os = 0;
        if (!r.digits(2, oh)) return std::nullopt;
        if (r.i < s.size()) {
            r.take(':');
            if (!r.digits(2, om)) return std::nullopt;
            if (r.i < s.size()) {
                r.take(':');
                if (!r.digits(2, os)) return std::nullopt;
            }
        }
        offset = (oh * 3600 + om * 60 + os) * (east ? 1 : -1);
    }
    if (r.i != s.size()) return std::nullopt;
    const std::int64_t seconds = *d * 86400 + h * 3600 + mi * 60 + sec - offset;
    return std::chrono::sys_time<std::chrono::microseconds>(std::chrono::microseconds(seconds * 1000000 + frac));
}

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
