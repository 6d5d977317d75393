#pragma once
// The bodies of detail/runtime/cells.hpp's text forms of dates, times and bytes.
#include <strata/detail/runtime/cells.hpp>

namespace strata::detail {

// Bytes as lowercase hex digits, two a byte (PostgreSQL's bytea text is "\\x" and these).
STRATA_LAZY_DEF STRATA_INLINE std::string hex_text(const std::vector<std::byte>& b) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(b.size() * 2, '0');
    for (std::size_t i = 0; i < b.size(); ++i) {
        out[2 * i] = digits[std::to_integer<unsigned>(b[i]) >> 4];
        out[2 * i + 1] = digits[std::to_integer<unsigned>(b[i]) & 15];
    }
    return out;
}

STRATA_LAZY inline void put_digits(std::string& out, std::int64_t v, int width) {
    char buf[24];
    for (int i = width - 1; i >= 0; --i, v /= 10) buf[i] = static_cast<char>('0' + v % 10);
    out.append(buf, static_cast<std::size_t>(width));
}
STRATA_LAZY_DEF STRATA_INLINE std::string date_text(std::chrono::sys_days d) {
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
STRATA_LAZY_DEF STRATA_INLINE std::string time_text(std::chrono::sys_time<std::chrono::microseconds> t, bool utc_suffix) {
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
STRATA_LAZY inline std::optional<std::int64_t> parse_date(text_reader& r) {
    std::int64_t y = 0, m = 0, d = 0;
    if (!r.digits(4, y) || !r.take('-') || !r.digits(2, m) || !r.take('-') || !r.digits(2, d)) return std::nullopt;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, static_cast<int>(m))) return std::nullopt;
    return days_from_date(y, static_cast<int>(m), static_cast<int>(d));
}
STRATA_LAZY_DEF STRATA_INLINE std::optional<std::chrono::sys_days> date_from_text(std::string_view s) {
    text_reader r{s};
    const auto d = parse_date(r);
    if (!d || r.i != s.size()) return std::nullopt;
    return std::chrono::sys_days(std::chrono::days(*d));
}
// "YYYY-MM-DD[( |T)HH:MM[:SS[.fraction]]][Z|(+|-)HH[[:]MM[[:]SS]]]", the time in UTC after the
// offset; a fraction's digits past the sixth are dropped.
STRATA_LAZY_DEF STRATA_INLINE std::optional<std::chrono::sys_time<std::chrono::microseconds>> time_from_text(std::string_view s) {
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
        if (h > 24 || mi > 59 || sec > 60 || (h == 24 && (mi || sec || frac))) return std::nullopt;  // (24:00:00: the next midnight)
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

}  // namespace strata::detail
