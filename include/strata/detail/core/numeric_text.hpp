#pragma once
// Which numeric text SQLite keeps whole in a NUMERIC column: what strata::insert, a seed's values
// and a column's default are checked against (detail/rows.hpp, detail/sql/spelling.hpp).
#include <cstddef>
#include <string_view>

namespace strata::detail {

// SQLite keeps a NUMERIC column's value as an INTEGER when it is a whole number that fits 64
// bits, else as a REAL, of which it keeps 15 significant digits
// (https://www.sqlite.org/datatype3.html): a wider value would be stored rounded, unseen.
// Whether text `v` is kept whole: not a number (kept as text), such an integer, or at most 15
// significant digits.
constexpr bool sqlite_numeric_keeps(std::string_view v) {
    // (the white space SQLite skips around a number)
    constexpr auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; };
    while (!v.empty() && space(v.front())) v.remove_prefix(1);
    while (!v.empty() && space(v.back())) v.remove_suffix(1);
    std::size_t i = 0;
    const bool negative = i < v.size() && v[i] == '-';
    if (i < v.size() && (v[i] == '+' || v[i] == '-')) ++i;
    const std::size_t mantissa = i;
    std::size_t digits = 0, point = v.npos;
    for (; i < v.size() && ((v[i] >= '0' && v[i] <= '9') || (v[i] == '.' && point == v.npos)); ++i) {
        if (v[i] == '.') point = i;
        else ++digits;
    }
    const std::size_t mantissa_end = i;
    if (digits == 0) return true;  // not a number: TEXT
    bool exponent = false;
    if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < v.size() && (v[j] == '+' || v[j] == '-')) ++j;
        const std::size_t first = j;
        int e = 0;
        for (; j < v.size() && v[j] >= '0' && v[j] <= '9'; ++j) e = e < 1000 ? e * 10 + (v[j] - '0') : e;
        if (j == first) return true;
        if (e > 300) return false;  // (past a REAL's range, or near it)
        exponent = true;
        i = j;
    }
    if (i != v.size()) return true;  // not a number: TEXT
    std::string_view m = v.substr(mantissa, mantissa_end - mantissa);
    if (point == v.npos && !exponent) {  // an integer: whole if it fits 64 bits
        while (m.size() > 1 && m.front() == '0') m.remove_prefix(1);
        const std::string_view limit = negative ? "9223372036854775808" : "9223372036854775807";
        if (m.size() < limit.size() || (m.size() == limit.size() && m <= limit)) return true;
    }
    std::size_t first = 0, last = m.size();  // significant digits: without leading and trailing zeros
    while (first < last && (m[first] == '0' || m[first] == '.')) ++first;
    while (last > first && (m[last - 1] == '0' || m[last - 1] == '.')) --last;
    std::size_t significant = 0;
    for (std::size_t k = first; k < last; ++k) significant += m[k] != '.';
    if (significant <= 15) return true;
    // A whole number written with a fraction of zeros: a REAL, then an INTEGER, exact up to 2^53.
    if (exponent || point == v.npos) return false;
    std::string_view whole = m.substr(0, point - mantissa);
    for (char c : m.substr(point - mantissa + 1))
        if (c != '0') return false;
    while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
    constexpr std::string_view two_53 = "9007199254740992";
    return whole.size() < two_53.size() || (whole.size() == two_53.size() && whole <= two_53);
}

}  // namespace strata::detail
