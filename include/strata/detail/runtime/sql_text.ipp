#pragma once
// The bodies of detail/runtime/sql_text.hpp: included by it in a header-only build, compiled
// once in strata::runtime (<strata/src.hpp>) with STRATA_SEPARATE_COMPILATION.
#include <strata/detail/dependent.hpp>
#include <strata/detail/runtime/sql_text.hpp>

#include <cctype>

namespace strata::detail {

STRATA_LAZY_DEF STRATA_INLINE std::vector<sql_token> sql_tokens(std::string_view s, bool postgres) {
    std::vector<sql_token> out;
    std::size_t i = 0;
    auto quoted_to = [&](char close, bool doubled) {
        std::size_t j = i + 1;
        for (; j < s.size(); ++j)
            if (s[j] == close) {
                if (doubled && j + 1 < s.size() && s[j + 1] == close) ++j;
                else return j + 1;
            }
        return s.size();
    };
    auto escape_string_to = [&] {  // from the E of E'...'
        std::size_t j = i + 2;
        for (; j < s.size(); ++j) {
            if (s[j] == '\\') ++j;
            else if (s[j] == '\'') {
                if (j + 1 < s.size() && s[j + 1] == '\'') ++j;
                else return j + 1;
            }
        }
        return s.size();
    };
    // $tag$ at i (the tag may be empty; it does not start with a digit): its length, or 0
    auto dollar_tag = [&]() -> std::size_t {
        std::size_t j = i + 1;
        if (j < s.size() && s[j] >= '0' && s[j] <= '9') return 0;
        while (j < s.size() && s[j] != '$' && sql_word_char(s[j])) ++j;
        return j < s.size() && s[j] == '$' ? j + 1 - i : 0;
    };
    auto comment_to = [&](std::size_t j) {  // from a "/*"
        int depth = 0;
        while (j < s.size()) {
            if (s.substr(j, 2) == "/*" && (postgres || depth == 0)) {
                ++depth;
                j += 2;
            } else if (s.substr(j, 2) == "*/") {
                j += 2;
                if (--depth == 0) return j;
            } else {
                ++j;
            }
        }
        return s.size();
    };
    while (i < s.size()) {
        const char c = s[i];
        std::size_t j = i + 1;
        sql_token::kind_t k = sql_token::punct;
        std::size_t tag = 0;
        if (c == '\'') {
            k = sql_token::literal;
            j = quoted_to('\'', true);
        } else if (postgres && (c == 'E' || c == 'e') && i + 1 < s.size() && s[i + 1] == '\'') {
            k = sql_token::literal;
            j = escape_string_to();
        } else if (postgres && c == '$' && (tag = dollar_tag()) != 0) {
            k = sql_token::literal;
            const std::size_t close = s.find(s.substr(i, tag), i + tag);
            j = close == std::string_view::npos ? s.size() : close + tag;
        } else if (c == '"' || c == '`') {
            k = sql_token::quoted;
            j = quoted_to(c, true);
        } else if (c == '[') {
            k = sql_token::quoted;
            j = quoted_to(']', false);
        } else if (sql_word_char(c)) {
            k = sql_token::word;
            while (j < s.size() && sql_word_char(s[j])) ++j;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
                   (c == '-' && s.substr(i, 2) == "--") || (c == '/' && s.substr(i, 2) == "/*")) {
            k = sql_token::space;
            for (j = i; j < s.size();) {
                if (s.substr(j, 2) == "--") {
                    j = s.find('\n', j);
                    j = j == std::string_view::npos ? s.size() : j + 1;
                } else if (s.substr(j, 2) == "/*") {
                    j = comment_to(j);
                } else if (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' || s[j] == '\f' || s[j] == '\v') {
                    ++j;
                } else {
                    break;
                }
            }
        } else if (c == ':' && s.substr(i, 2) == "::") {
            j = i + 2;
        }
        out.push_back({k, s.substr(i, j - i)});
        i = j;
    }
    return out;
}

STRATA_LAZY_DEF STRATA_INLINE std::string sql_unquote(const sql_token& t) {
    if (t.kind != sql_token::quoted || t.text.size() < 2) return std::string(t.text);
    const char close = t.text.back();
    std::string r;
    for (std::size_t i = 1; i + 1 < t.text.size(); ++i) {
        r += t.text[i];
        if (t.text[i] == close && close != ']' && i + 2 < t.text.size() && t.text[i + 1] == close) ++i;
    }
    return r;
}

STRATA_LAZY_DEF STRATA_INLINE std::vector<std::string> named_checks(std::string_view create_table_sql) {
    std::vector<dependent_t<sql_token, Lazy>> ts;  // (dependent: see detail::dependent)
    for (auto& t : sql_tokens(create_table_sql))
        if (t.kind != sql_token::space) ts.push_back(t);
    std::vector<dependent_t<std::string, Lazy>> names;
    for (std::size_t i = 0; i + 2 < ts.size(); ++i)
        if (ts[i].kind == sql_token::word && sql_iequal(ts[i].text, "CONSTRAINT") &&
            (ts[i + 1].kind == sql_token::word || ts[i + 1].kind == sql_token::quoted) && ts[i + 2].kind == sql_token::word &&
            sql_iequal(ts[i + 2].text, "CHECK"))
            names.push_back(sql_unquote(ts[i + 1]));
    return names;
}

STRATA_LAZY_DEF STRATA_INLINE bool names_table(std::string_view sql, std::string_view table) {
    for (auto& t : sql_tokens(sql))
        if ((t.kind == sql_token::word || t.kind == sql_token::quoted) && sql_iequal(sql_unquote(t), table)) return true;
    return false;
}

STRATA_LAZY_DEF STRATA_INLINE bool pooled_in_transaction(std::string_view sql) {
    bool first = true;
    for (const sql_token& t : sql_tokens(sql, true)) {
        if (t.kind != sql_token::word) continue;
        if (first) {
            first = false;
            bool known = false;
            for (std::string_view w : {"SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "COMMENT", "TRUNCATE"})
                known = known || sql_iequal(t.text, w);
            if (!known) return false;
        }
        for (std::string_view w : {"CONCURRENTLY", "DATABASE", "TABLESPACE", "SUBSCRIPTION", "SYSTEM"})
            if (sql_iequal(t.text, w)) return false;
    }
    return !first;
}

STRATA_LAZY_DEF STRATA_INLINE bool transaction_open_after(std::string_view sql, bool open) {
    const std::vector<sql_token> tokens = sql_tokens(sql, true);
    std::vector<std::string_view> words;  // the current statement's
    bool body = false, body_start = false;  // inside BEGIN ATOMIC ... END (a function's body): ';' ends no statement
    auto is = [&](std::size_t k, std::string_view w) { return k < words.size() && sql_iequal(words[k], w); };
    auto settle = [&] {
        // ... AND CHAIN opens the next transaction at once (not AND NO CHAIN)
        bool chain = false;
        for (std::size_t k = 0; k + 1 < words.size(); ++k) chain = chain || (is(k, "AND") && is(k + 1, "CHAIN"));
        if (is(0, "BEGIN") || (is(0, "START") && is(1, "TRANSACTION"))) open = true;
        else if (is(0, "COMMIT") || is(0, "END") || is(0, "ABORT") || (is(0, "PREPARE") && is(1, "TRANSACTION")))
            open = chain;
        else if (is(0, "ROLLBACK") && !is((is(1, "TRANSACTION") || is(1, "WORK")) ? 2 : 1, "TO"))
            open = chain;
        words.clear();
    };
    for (const sql_token& t : tokens) {
        if (t.kind == sql_token::punct && t.text == ";") {
            if (body) body_start = true;
            else settle();
        } else if (t.kind == sql_token::word) {
            if (body && body_start && sql_iequal(t.text, "END")) body = false;  // (the body's END, not a statement)
            else if (!words.empty() && sql_iequal(t.text, "ATOMIC") && sql_iequal(words.back(), "BEGIN")) body = true;
            body_start = false;
            if (!body || words.size() < 3) words.push_back(t.text);
        }
    }
    settle();
    return open;
}

STRATA_LAZY_DEF STRATA_INLINE std::string check_text_key(std::string_view expression) {
    std::string key;
    bool spaced = false;  // the token before is a word, a name or a literal
    for (const sql_token& t : sql_tokens(expression)) {
        if (t.kind == sql_token::space) continue;
        const bool spacing = t.kind != sql_token::punct;
        if (spacing && spaced) key += ' ';
        spaced = spacing;
        if (t.kind == sql_token::literal || t.kind == sql_token::punct) {
            key += t.text;
            continue;
        }
        std::string name = t.kind == sql_token::quoted ? sql_unquote(t) : std::string(t.text);
        for (char& c : name) c = sql_lower(c);
        bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
        for (char c : name) plain = plain && sql_word_char(c);
        if (t.kind == sql_token::word || plain) {
            key += name;
        } else {  // (quoted again, its quotes doubled)
            key += '"';
            for (char c : name) key.append(c == '"' ? 2 : 1, c);
            key += '"';
        }
    }
    return key;
}

STRATA_LAZY_DEF STRATA_INLINE std::string pg_canonical_default(std::string_view sql) {
    std::vector<sql_token> ts = sql_tokens(sql, true);
    auto skip_space = [&](std::size_t i) {
        while (i < ts.size() && ts[i].kind == sql_token::space) ++i;
        return i;
    };
    auto is_word = [&](std::size_t i, std::string_view w) {
        return i < ts.size() && ts[i].kind == sql_token::word && sql_iequal(ts[i].text, w);
    };
    auto is_number = [](std::string_view q) {  // a literal's text, quotes included
        std::string_view v = q.substr(1, q.size() >= 2 ? q.size() - 2 : 0);
        std::size_t i = 0, digits = 0;
        if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
        for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) ++digits;
        if (i < v.size() && v[i] == '.')
            for (++i; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) ++digits;
        if (digits && i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
            ++i;
            if (i < v.size() && (v[i] == '-' || v[i] == '+')) ++i;
            std::size_t exp = 0;
            for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) ++exp;
            if (!exp) return false;
        }
        return digits > 0 && i == v.size();
    };
    auto numeric_type = [](std::string_view w) {
        for (std::string_view n : {"smallint", "integer", "bigint", "int", "int2", "int4", "int8", "numeric", "decimal", "real",
                                   "double", "float4", "float8"})
            if (sql_iequal(w, n)) return true;
        return false;
    };

    // Casts out: `::type` after anything, `type 'literal'` for the types PostgreSQL reads so.
    std::vector<sql_token> out;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        const sql_token& t = ts[i];
        if (t.kind == sql_token::word) {
            bool prefix_cast = false;
            const std::size_t j = skip_space(i + 1);
            if (j > i + 1 && j < ts.size() && ts[j].kind == sql_token::literal)
                for (std::string_view n : {"date", "time", "timestamp", "timestamptz", "interval"})
                    prefix_cast = prefix_cast || sql_iequal(t.text, n);
            if (prefix_cast) {
                i = j - 1;  // the literal comes next
                continue;
            }
        }
        if (t.kind != sql_token::punct || t.text != "::") {
            out.push_back(t);
            continue;
        }
        std::size_t j = skip_space(i + 1);
        if (j >= ts.size() || (ts[j].kind != sql_token::word && ts[j].kind != sql_token::quoted)) {
            out.push_back(t);
            continue;
        }
        const bool to_number = ts[j].kind == sql_token::word && numeric_type(ts[j].text);
        std::size_t end = j + 1;  // past the type's name
        for (;;) {                // "double precision", "character varying", "timestamp with time zone", ...
            std::size_t k = skip_space(end);
            if (!(is_word(k, "precision") || is_word(k, "varying") || is_word(k, "with") || is_word(k, "without") ||
                  is_word(k, "time") || is_word(k, "zone")))
                break;
            end = k + 1;
        }
        if (std::size_t k = skip_space(end); k < ts.size() && ts[k].text == "(") {  // (10,2)
            std::size_t m = k + 1;
            while (m < ts.size() && (ts[m].kind == sql_token::space || ts[m].text == "," ||
                                     (ts[m].kind == sql_token::word && ts[m].text.find_first_not_of("0123456789") == std::string_view::npos)))
                ++m;
            if (m < ts.size() && ts[m].text == ")") end = m + 1;
        }
        if (std::size_t k = skip_space(end); k < ts.size() && ts[k].text == "[]") end = k + 1;  // an array type
        while (!out.empty() && out.back().kind == sql_token::space) out.pop_back();
        if (to_number && !out.empty() && out.back().kind == sql_token::literal && is_number(out.back().text)) {
            std::string_view q = out.back().text;
            out.back() = {sql_token::word, q.substr(1, q.size() - 2)};
        }
        i = end - 1;
    }

    // Parentheses around the whole, as many pairs as there are.
    std::size_t from = 0, to = out.size();
    for (;;) {
        while (from < to && out[from].kind == sql_token::space) ++from;
        while (to > from && out[to - 1].kind == sql_token::space) --to;
        if (to - from < 2 || out[from].text != "(" || out[to - 1].text != ")") break;
        int depth = 0;
        bool whole = true;
        for (std::size_t i = from; i < to && whole; ++i) {
            if (out[i].kind != sql_token::punct) continue;
            if (out[i].text == "(") ++depth;
            else if (out[i].text == ")" && --depth == 0 && i + 1 != to) whole = false;
        }
        if (!whole) break;
        ++from;
        --to;
    }

    std::string r;
    for (std::size_t i = from; i < to; ++i) {
        const sql_token& t = out[i];
        if (t.kind == sql_token::space) {
            if (!r.empty() && sql_word_char(r.back()) && i + 1 < to && out[i + 1].kind == sql_token::word) r += ' ';
        } else if (t.kind == sql_token::word) {
            for (char c : t.text) r += sql_lower(c);
        } else {
            r += t.text;
        }
    }
    return r;
}

STRATA_LAZY_DEF STRATA_INLINE sqlite_table_definition read_sqlite_table_definition(std::string_view sql) {
    dependent_t<sqlite_table_definition, Lazy> d{};  // (dependent: see detail::dependent)
    std::vector<dependent_t<bool, Lazy>> expression;  // per open parenthesis: inside an expression
    std::vector<dependent_t<std::size_t, Lazy>> check_from;  // per open parenthesis: where its CHECK's expression starts (npos: none)
    bool after = false;  // past the definition's closing parenthesis
    bool deferrable = false;  // the words just read are DEFERRABLE (not NOT DEFERRABLE) [INITIALLY]
    std::string word, previous;
    std::string name;  // the CONSTRAINT name just read, for the CHECK that may follow
    auto lower = [](std::string_view x) {
        std::string l(x);
        for (char& ch : l) ch = sql_lower(ch);
        return l;
    };
    const std::size_t n = sql.size();
    for (std::size_t i = 0; i < n;) {
        const char c = sql[i];
        if (c == '\'' || c == '"' || c == '`' || c == '[') {
            const char close = c == '[' ? ']' : c;
            const std::size_t from = i;
            for (++i; i < n; ++i)
                if (sql[i] == close) {
                    if (close != ']' && i + 1 < n && sql[i + 1] == close) ++i;  // a doubled quote
                    else break;
                }
            ++i;
            if (c != '\'' && previous == "CONSTRAINT")
                name = lower(sql_unquote(sql_token{sql_token::quoted, sql.substr(from, (i < n ? i : n) - from)}));
            previous.clear();
        } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
            while (i < n && sql[i] != '\n') ++i;
        } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
            const std::size_t end = sql.find("*/", i + 2);
            i = end == std::string_view::npos ? n : end + 2;
        } else if (c == '(') {
            const bool in = !expression.empty() && expression.back();
            expression.push_back(in || previous == "CHECK" || previous == "DEFAULT" || previous == "AS");
            check_from.push_back(previous == "CHECK" ? i + 1 : std::string_view::npos);
            if (previous == "CHECK") {
                d.check_names.push_back(name);
                name.clear();
            }
            previous.clear();
            ++i;
        } else if (c == ')') {
            if (!expression.empty()) {
                if (check_from.back() != std::string_view::npos) d.checks.emplace_back(sql.substr(check_from.back(), i - check_from.back()));
                expression.pop_back();
                check_from.pop_back();
            }
            if (expression.empty()) after = true;
            previous.clear();
            ++i;
        } else if (sql_word_char(c)) {  // (a byte past ASCII is part of a name, as SQLite reads it)
            word.clear();
            for (; i < n && sql_word_char(sql[i]); ++i) word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i])));
            const bool inside = !expression.empty();
            if (previous == "CONSTRAINT") name = lower(word);
            if (inside && word == "AUTOINCREMENT") ++d.autoincrements;
            if (inside && !expression.back() && word == "COLLATE") ++d.collations;
            if (inside && word == "CONFLICT" && previous == "ON") ++d.conflict_clauses;
            // DEFERRABLE INITIALLY DEFERRED (NOT DEFERRABLE, or INITIALLY IMMEDIATE, checks at each statement)
            if (word == "DEFERRABLE") deferrable = previous != "NOT";
            else if (word == "DEFERRED" && previous == "INITIALLY" && deferrable && inside && !expression.back()) ++d.deferred_keys;
            if (word != "DEFERRABLE" && word != "INITIALLY") deferrable = false;
            if (after && !inside) {
                if (word == "STRICT") d.strict = true;
                if (word == "ROWID" && previous == "WITHOUT") d.without_rowid = true;
            }
            previous = word;
        } else {
            if (!std::isspace(static_cast<unsigned char>(c))) previous.clear();
            if (c == ',') name.clear();
            ++i;
        }
    }
    return d;
}

}  // namespace strata::detail
