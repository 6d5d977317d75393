#pragma once
// Where generated SQL goes: a rope of fragments (keywords, and names that live in the DSL's
// template-parameter objects), not characters. One pass counts, a second writes into arrays of
// exactly the counted size. Writing a fragment is one step where copying its characters would
// be one per character: the difference between seconds and minutes for a long chain.
#include <cstdint>
#include <string_view>

#include <strata/detail/core/descriptors.hpp>
#include <strata/migration_sql.hpp>

namespace strata::detail {

struct step_rec {
    step_kind kind = step_kind::sql;
    std::size_t first = 0, count = 0;  // the statement's fragments within the segment
    data_fn fn = nullptr;
    check_fn check = nullptr;
};

// The statements of one direction of one migration: fragments, and the step list.
struct emitter {
    std::string_view* frags = nullptr;  // null: count only
    std::size_t base = 0;               // index of frags[0] within the segment's fragments
    std::size_t nfrags = 0;
    std::size_t chars = 0;              // the text's length once joined
    step_rec* steps = nullptr;          // null: count only
    std::size_t nsteps = 0;
    std::size_t start = 0, start_chars = 0;

    // A literal's length is known: building a string_view from a `const char*` would count it
    // character by character in every constant evaluation.
    template <std::size_t N>
    constexpr emitter& put(const char (&s)[N]) {
        // (no second put: this is the generator's inner loop; an empty literal is a harmless empty fragment)
        if (frags) frags[nfrags] = std::string_view{s, N - 1};
        ++nfrags;
        chars += N - 1;
        return *this;
    }
    constexpr emitter& put(std::string_view s) {
        const std::size_t n = s.size();
        if (n == 0) return *this;
        if (frags) frags[nfrags] = s;
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
    constexpr emitter& ident(std::string_view s) { return put(std::string_view{s.data() - 1, s.size() + 2}); }
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
    constexpr emitter& number(std::uint64_t n) {
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
        if (steps) steps[nsteps] = r;
        ++nsteps;
    }
};

}  // namespace strata::detail
