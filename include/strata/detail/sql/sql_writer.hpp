#pragma once
// Where generated SQL goes: a rope of fragments (keywords, and names that live in the DSL's
// template-parameter objects), not characters. Written into arrays of exactly the counted size:
// at run time one pass counts and a second writes; at compile time one pass writes into a draft
// of fixed capacity, copied into exact arrays (detail/sql/segment_sql.hpp). Writing a fragment
// is one step where copying its characters would be one per character: the difference between
// seconds and minutes for a long chain.
#include <cstdint>
#include <string_view>

#include <strata/detail/core/descriptors.hpp>
#include <strata/migration_sql.hpp>

namespace strata::detail {

// Plain aggregates without default member initializers: clang constructs every element of an
// array of a type with a constructor or such initializers when the array is made, where an array
// of these costs only what is written into it (segment_sql.hpp's draft). Zero is the default.
struct step_rec {
    step_kind kind;  // (0: step_kind::sql)
    std::size_t first, count;  // the statement's fragments within the segment
    data_fn fn;
    check_fn check;
};
using fragment = sql_fragment;

// Every number below 1,000 in parentheses, "(0)" to "(999)", in one text, so that a length or a
// precision is one fragment with or without them, not one per digit and parenthesis
// (VARCHAR(200) was six). Referenced by fragments, so it lives in the program: 4,890 bytes. (A
// string literal, pasted together: built by a constexpr constructor, it cost every unit that
// includes the DSL about 0.07 s.)
#define STRATA_NUMBERS_TENS(t) \
    "(" #t "0)(" #t "1)(" #t "2)(" #t "3)(" #t "4)(" #t "5)(" #t "6)(" #t "7)(" #t "8)(" #t "9)"
#define STRATA_NUMBERS_HUNDREDS(h)                                                                               \
    STRATA_NUMBERS_TENS(h##0) STRATA_NUMBERS_TENS(h##1) STRATA_NUMBERS_TENS(h##2) STRATA_NUMBERS_TENS(h##3)    \
    STRATA_NUMBERS_TENS(h##4) STRATA_NUMBERS_TENS(h##5) STRATA_NUMBERS_TENS(h##6) STRATA_NUMBERS_TENS(h##7)    \
    STRATA_NUMBERS_TENS(h##8) STRATA_NUMBERS_TENS(h##9)
inline constexpr char number_text[] =
    "(0)(1)(2)(3)(4)(5)(6)(7)(8)(9)" STRATA_NUMBERS_TENS(1) STRATA_NUMBERS_TENS(2) STRATA_NUMBERS_TENS(3)
    STRATA_NUMBERS_TENS(4) STRATA_NUMBERS_TENS(5) STRATA_NUMBERS_TENS(6) STRATA_NUMBERS_TENS(7) STRATA_NUMBERS_TENS(8)
    STRATA_NUMBERS_TENS(9) STRATA_NUMBERS_HUNDREDS(1) STRATA_NUMBERS_HUNDREDS(2) STRATA_NUMBERS_HUNDREDS(3)
    STRATA_NUMBERS_HUNDREDS(4) STRATA_NUMBERS_HUNDREDS(5) STRATA_NUMBERS_HUNDREDS(6) STRATA_NUMBERS_HUNDREDS(7)
    STRATA_NUMBERS_HUNDREDS(8) STRATA_NUMBERS_HUNDREDS(9);
#undef STRATA_NUMBERS_HUNDREDS
#undef STRATA_NUMBERS_TENS
// n (below 1,000) with its parentheses
constexpr std::string_view parenthesized_number(std::uint64_t n) {
    return n < 10    ? std::string_view{number_text + 3 * n, 3}
           : n < 100 ? std::string_view{number_text + 30 + 4 * (n - 10), 4}
                     : std::string_view{number_text + 390 + 5 * (n - 100), 5};
}

// The statements of one direction of one migration: fragments, and the step list.
struct emitter {
    fragment* frags = nullptr;
    std::size_t base = 0;               // index of frags[0] within the segment's fragments
    std::size_t nfrags = 0;
    std::size_t chars = 0;              // the text's length once joined
    step_rec* steps = nullptr;
    std::size_t nsteps = 0;
    std::size_t start = 0, start_chars = 0;
    // How many fragments and steps fit where frags and steps point: 0 counts only. Beyond it
    // they are counted, not written (a draft that turns out too small: segment_sql.hpp).
    std::size_t frag_room = 0, step_room = 0;

    // A literal's length is known: building a string_view from a `const char*` would count it
    // character by character in every constant evaluation.
    template <std::size_t N>
    constexpr emitter& put(const char (&s)[N]) {
        // (no second put: this is the generator's inner loop; an empty literal is a harmless empty fragment)
        if (nfrags < frag_room) frags[nfrags] = fragment{s, N - 1};
        ++nfrags;
        chars += N - 1;
        return *this;
    }
    constexpr emitter& put(std::string_view s) {
        const std::size_t n = s.size();
        if (n == 0) return *this;
        if (nfrags < frag_room) frags[nfrags] = fragment{s.data(), n};
        ++nfrags;
        chars += n;
        return *this;
    }
    constexpr emitter& put(char ch) {
        switch (ch) {
            case '"': return put("\"");
            case '\'': return put("'");
            case '(': return put("(");
            case ')': return put(")");
            case ' ': return put(" ");
            default: return put("?");
        }
    }
    // Identifiers are always quoted; valid ones contain no quote (checked by the fold). Every
    // name comes from detail::name_v, which keeps its quotes around it: one fragment.
    // (put's body written out: this is the most frequent fragment)
    constexpr emitter& ident(std::string_view s) {
        const std::size_t n = s.size() + 2;
        if (nfrags < frag_room) frags[nfrags] = fragment{s.data() - 1, n};
        ++nfrags;
        chars += n;
        return *this;
    }
    constexpr emitter& ident(std::string_view prefix, std::string_view s) {
        return put('"').put(prefix).put(s).put('"');
    }
    constexpr emitter& literal(std::string_view s) { return literal({}, s); }
    constexpr emitter& literal(std::string_view prefix, std::string_view s) { return literal(prefix, s, {}); }
    // (prefix and suffix hold no quote)
    constexpr emitter& literal(std::string_view prefix, std::string_view s, std::string_view suffix) {
        // (views from data and size, an index loop: substr's checks and operator[] are calls in a
        // constant evaluation)
        put('\'').put(prefix);
        const char* p = s.data();
        std::size_t from = 0;
        for (std::size_t i = 0, n = s.size(); i != n; ++i)
            if (p[i] == '\'') {
                put(std::string_view{p + from, i + 1 - from}).put('\'');  // the quote, doubled
                from = i + 1;
            }
        return put(std::string_view{p + from, s.size() - from}).put(suffix).put('\'');
    }
    // "(n)": one fragment below 1,000
    constexpr emitter& parenthesized(std::uint64_t n) {
        if (n < 1000) return put(parenthesized_number(n));
        return put("(").number(n).put(")");
    }
    // "(p, s)": three fragments below 1,000, "(p", ", " and "s)"
    constexpr emitter& parenthesized(std::uint64_t p, std::uint64_t s) {
        if (p >= 1000 || s >= 1000) return put("(").number(p).put(", ").number(s).put(")");
        const std::string_view a = parenthesized_number(p), b = parenthesized_number(s);
        return put(std::string_view{a.data(), a.size() - 1}).put(", ").put(std::string_view{b.data() + 1, b.size() - 1});
    }
    constexpr emitter& number(std::uint64_t n) {
        if (n < 1000) {
            const std::string_view t = parenthesized_number(n);
            return put(std::string_view{t.data() + 1, t.size() - 2});
        }
        constexpr const char* digits = "0123456789";
        std::uint64_t scale = 1;
        while (n / scale >= 10) scale *= 10;
        for (; scale; scale /= 10) put(std::string_view{digits + n / scale % 10, 1});
        return *this;
    }

    constexpr emitter& begin() {
        start = nfrags;
        start_chars = chars;
        return *this;
    }
    constexpr void end(step_kind k = step_kind::sql) {
        add_step(step_rec{k, base + start, nfrags - start, nullptr, nullptr});
        if (k > step_kind::foreign_key_check) chars = start_chars;  // fragments that are not SQL text
    }
    constexpr void statement(std::string_view sql) {
        begin().put(sql);
        end();
    }
    constexpr void add_step(step_rec r) {
        if (nsteps < step_room) steps[nsteps] = r;
        ++nsteps;
    }
};

}  // namespace strata::detail
