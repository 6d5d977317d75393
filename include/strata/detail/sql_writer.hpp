#pragma once
// A growable character buffer for constant evaluation (std::string is not constexpr with
// clang 14 + libstdc++ 12; std::vector is), with SQL quoting.
#include <cstdint>
#include <string_view>
#include <vector>

namespace strata::detail {

struct sql_writer {
    std::vector<char> out;

    constexpr sql_writer& put(std::string_view s) {
        for (char ch : s) out.push_back(ch);
        return *this;
    }
    constexpr sql_writer& put(char ch) {
        out.push_back(ch);
        return *this;
    }
    // Identifiers are always quoted; valid ones contain no quote (checked by the fold).
    constexpr sql_writer& ident(std::string_view s) { return put('"').put(s).put('"'); }
    constexpr sql_writer& ident(std::string_view prefix, std::string_view s) {
        return put('"').put(prefix).put(s).put('"');
    }
    constexpr sql_writer& literal(std::string_view s) {
        put('\'');
        for (char ch : s) {
            if (ch == '\'') out.push_back('\'');
            out.push_back(ch);
        }
        return put('\'');
    }
    constexpr sql_writer& number(std::uint64_t n) {
        char buf[20]{};
        int k = 0;
        do { buf[k++] = static_cast<char>('0' + n % 10); n /= 10; } while (n);
        while (k) out.push_back(buf[--k]);
        return *this;
    }
    constexpr std::size_t size() const { return out.size(); }
};

// FNV-1a, 64 bits: the checksum of a migration's generated SQL.
constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
    for (char ch : s) {
        h ^= static_cast<unsigned char>(ch);
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace strata::detail
