#pragma once
// Names as the databases see them, at compile time: the identifiers a check's SQL text uses, the
// names PostgreSQL gives the constraints, indexes and sequences strata leaves unnamed, and
// identifier comparison without case (SQLite's).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <strata/detail/core/descriptors.hpp>

namespace strata::detail {

constexpr char ascii_lower(char ch) noexcept { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; }
// (ascii_lower written out in the loops below: these run at every name lookup of the fold and of
// the SQL generator, and a call per character is what a constant evaluation pays most for)
// SQLite compares identifiers ignoring ASCII case ("Users" and "users" are one table there).
constexpr bool same_ignoring_case(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    const char *p = a.data(), *q = b.data();
    for (std::size_t i = 0; i != n; ++i) {
        if (p[i] == q[i]) continue;
        const int x = p[i] | 0x20;  // (a letter's two cases differ in this bit alone)
        if (x != (q[i] | 0x20) || static_cast<unsigned>(x - 'a') >= 26u) return false;
    }
    return true;
}
// The name map hashes names without case, so that every case variant of a name is in the probe
// run of the others (see state::case_twin). A byte a step: four a step cost clang fewer
// instructions, but FNV-1a's multiply moves bits only upward, so the low bits the masks keep
// saw little past each chunk's first byte; a wide table's columns then shared a few probe runs
// and static.long_migration passed clang's step limit.
constexpr std::uint64_t hash_folded(std::string_view s, std::uint64_t h = 14695981039346656037ull) noexcept {
    // (as hash_text: the size and data read once, an index loop)
    const char* p = s.data();
    for (std::size_t i = 0, n = s.size(); i != n; ++i) {
        const char ch = p[i];
        h = (h ^ static_cast<unsigned char>(static_cast<unsigned>(ch - 'A') < 26u ? ch + ('a' - 'A') : ch)) * fnv_prime;
    }
    return h;
}

// One identifier of a SQL expression: `quoted` when written "like this"; `qualifier` when a `.`
// follows it (`t.col`: a table); `function` when a `(` follows it (`length(col)`: no column).
struct sql_identifier {
    std::string_view text{};
    bool quoted = false;
    bool qualifier = false;
    bool function = false;
};

// Calls f(sql_identifier) for each identifier of `sql`, skipping string literals ('...', with
// '' inside), numbers and comments. Keywords (AND, IN, NULL, ...) come out as identifiers too:
// they match no column unless one is so named, which only makes a check refuse more.
template <class F>
constexpr void for_each_identifier(std::string_view sql, F&& f) {
    auto word_char = [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
               ch == '$' || static_cast<unsigned char>(ch) >= 0x80;
    };
    const std::size_t n = sql.size();
    std::size_t i = 0;
    auto next_significant = [&](std::size_t j) {
        while (j < n && (sql[j] == ' ' || sql[j] == '\t' || sql[j] == '\n' || sql[j] == '\r')) ++j;
        return j < n ? sql[j] : '\0';
    };
    while (i < n) {
        const char ch = sql[i];
        if (ch == '\'') {  // a string literal; '' is a quote inside it
            for (++i; i < n; ++i)
                if (sql[i] == '\'') {
                    if (i + 1 < n && sql[i + 1] == '\'') ++i;
                    else break;
                }
            ++i;
        } else if (ch == '-' && i + 1 < n && sql[i + 1] == '-') {
            while (i < n && sql[i] != '\n') ++i;
        } else if (ch == '/' && i + 1 < n && sql[i + 1] == '*') {
            i += 2;
            while (i + 1 < n && !(sql[i] == '*' && sql[i + 1] == '/')) ++i;
            i += 2;
        } else if (ch == '"') {  // a quoted identifier; "" is a quote inside it
            std::size_t start = ++i;
            for (; i < n; ++i)
                if (sql[i] == '"') {
                    if (i + 1 < n && sql[i + 1] == '"') ++i;
                    else break;
                }
            sql_identifier id{sql.substr(start, (i < n ? i : n) - start), true};
            ++i;
            const char after = next_significant(i);
            id.qualifier = after == '.';
            id.function = after == '(';
            f(id);
        } else if (ch >= '0' && ch <= '9') {  // a number (1e5, 0.5): no identifier
            while (i < n && (word_char(sql[i]) || sql[i] == '.')) ++i;
        } else if (word_char(ch)) {
            std::size_t start = i;
            while (i < n && word_char(sql[i])) ++i;
            sql_identifier id{sql.substr(start, i - start), false};
            const char after = next_significant(i);
            id.qualifier = after == '.';
            id.function = after == '(';
            f(id);
        } else {
            ++i;
        }
    }
}

// Does the expression name column `column` (bare or quoted, ignoring case: SQLite resolves it
// so, and refusing a false match is the safe side)?
constexpr bool sql_uses_column(std::string_view sql, std::string_view column) {
    bool found = false;
    for_each_identifier(sql, [&](const sql_identifier& id) {
        found = found || (!id.qualifier && !id.function && same_ignoring_case(id.text, column));
    });
    return found;
}
// Does the expression qualify a column with table `table` (`users.age`)?
constexpr bool sql_uses_table(std::string_view sql, std::string_view table) {
    bool found = false;
    for_each_identifier(sql, [&](const sql_identifier& id) { found = found || (id.qualifier && same_ignoring_case(id.text, table)); });
    return found;
}
// Does a PostgreSQL expression name column `column` as PostgreSQL resolves it: a bare name folded
// to lower case, a quoted one as written.
constexpr bool pg_names_column(const sql_identifier& id, std::string_view column) {
    if (id.qualifier || id.function) return false;
    if (id.quoted) return same_name(id.text, column);
    if (id.text.size() != column.size()) return false;
    for (std::size_t i = 0; i < column.size(); ++i)
        if (ascii_lower(id.text[i]) != column[i]) return false;
    return true;
}

// A name PostgreSQL makes up (makeObjectName in its sources): `name1_name2_label`, with name1
// and name2 shortened, the longer first, until the whole fits in 63 bytes (NAMEDATALEN - 1),
// never inside a UTF-8 character. Only its hashes are kept (`key` = hash_text of the name,
// `full` of the name before shortening); `spell` writes it out, which only a name map probe needs.
struct derived_name {
    std::string_view name1{}, name2{}, label{};
    std::size_t n1 = 0, n2 = 0;  // the bytes of name1 and name2 kept
    std::uint64_t key = 0, full = 0;

    constexpr std::size_t spell(char (&out)[64]) const {
        std::size_t n = 0;
        auto put = [&](std::string_view s) {
            for (char ch : s) out[n++] = ch;
        };
        put(std::string_view{name1.data(), n1});
        if (!name2.empty()) {
            put("_");
            put(std::string_view{name2.data(), n2});
        }
        put("_");
        put(label);
        return n;
    }
};
// Characters, as PostgreSQL counts a varchar's length: UTF-8 code points, not bytes.
constexpr std::size_t utf8_length(std::string_view s) noexcept {
    std::size_t n = 0;
    const char* p = s.data();
    for (std::size_t i = 0, k = s.size(); i != k; ++i) n += (static_cast<unsigned char>(p[i]) & 0xC0) != 0x80;
    return n;
}
constexpr std::size_t clip_utf8(std::string_view s, std::size_t n) noexcept {
    const char* p = s.data();
    while (n > 0 && n < s.size() && (static_cast<unsigned char>(p[n]) & 0xC0) == 0x80) --n;
    return n;
}
constexpr derived_name pg_derived_name(std::string_view name1, std::string_view name2, std::string_view label) {
    derived_name r{name1, name2, label, name1.size(), name2.size()};
    const bool two = !name2.empty();
    const std::size_t overhead = label.size() + 1 + (two ? 1 : 0);
    const std::size_t avail = overhead < 63 ? 63 - overhead : 0;
    if (r.n1 + r.n2 > avail) {  // (PostgreSQL takes a byte at a time from the longer)
        const std::size_t cut = r.n1 + r.n2 - avail;
        const std::size_t gap = r.n1 > r.n2 ? r.n1 - r.n2 : r.n2 - r.n1;
        std::size_t& longer = r.n1 > r.n2 ? r.n1 : r.n2;
        if (cut <= gap) longer -= cut;
        else {
            longer -= gap;  // now equal: name2 loses first, then they alternate
            const std::size_t rest = cut - gap;
            r.n1 -= rest / 2;
            r.n2 -= rest - rest / 2;
        }
        r.n1 = clip_utf8(name1, r.n1);
        r.n2 = clip_utf8(name2, r.n2);
    }
    auto hash = [&](std::size_t k1, std::size_t k2) {
        // (views built from data and size: substr's range checks are calls in a constant evaluation)
        std::uint64_t h = hash_text(std::string_view{name1.data(), k1});
        if (two) h = hash_text(std::string_view{name2.data(), k2}, hash_text("_", h));
        return hash_text(label, hash_text("_", h));
    };
    r.key = hash(r.n1, r.n2);
    r.full = r.n1 == name1.size() && r.n2 == name2.size() ? r.key : hash(name1.size(), name2.size());
    return r;
}
// Can `n` be a name PostgreSQL derives (it ends with one of the labels strata's objects get)?
// (Spelled out by the last byte: three ends_with calls cost clang 14 about 80 us of constant
// evaluation, and every new name is asked twice.)
constexpr bool implicit_like(std::string_view n) noexcept {
    const char* p = n.data();
    const std::size_t s = n.size();
    if (s < 3) return false;
    switch (p[s - 1]) {
        case 'y': return p[s - 2] == 'e' && p[s - 3] == 'k';  // key (_pkey, _fkey)
        case 'k':  // _check
            return s >= 6 && p[s - 6] == '_' && p[s - 5] == 'c' && p[s - 4] == 'h' && p[s - 3] == 'e' && p[s - 2] == 'c';
        case 'q': return s >= 4 && p[s - 4] == '_' && p[s - 3] == 's' && p[s - 2] == 'e';  // _seq
        default: return false;
    }
}

}  // namespace strata::detail
