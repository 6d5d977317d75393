#pragma once
// Small readers of SQL text for verify() and SQLite's rebuild guard: a tokenizer that knows
// string literals and quoted names, PostgreSQL's defaults brought to one spelling, the named
// CHECKs and the clauses of SQLite's table SQL, and whether a statement names a table.
// Hand-written: <regex> costs seconds of compile time in every translation unit that includes
// a driver.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/config.hpp>

namespace strata::detail {

struct sql_token {
    enum kind_t : char { word, literal, quoted, space, punct } kind;
    std::string_view text;  // as written, quotes included
};

inline bool sql_word_char(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '_' || c == '$' || u >= 0x80;
}
inline char sql_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool sql_iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (sql_lower(a[i]) != sql_lower(b[i])) return false;
    return true;
}

// A SQLite column's affinity by its declared type (https://www.sqlite.org/datatype3.html,
// 3.1): 'i'nteger, 't'ext, 'b'lob, 'r'eal or 'n'umeric, the first rule that matches.
inline char sqlite_affinity(std::string_view type) {
    const auto has = [&](std::string_view w) {
        for (std::size_t i = 0; i + w.size() <= type.size(); ++i)
            if (sql_iequal(type.substr(i, w.size()), w)) return true;
        return false;
    };
    if (has("INT")) return 'i';
    if (has("CHAR") || has("CLOB") || has("TEXT")) return 't';
    if (has("BLOB") || type.empty()) return 'b';
    if (has("REAL") || has("FLOA") || has("DOUB")) return 'r';
    return 'n';
}

// Words, '...' literals, "..." / `...` / [...] names, runs of white space (comments count as
// space), and single punctuation characters ("::" as one). An unterminated quote runs to the end.
// `postgres`: PostgreSQL's lexical forms too, which SQLite does not have: escape strings
// (E'it\'s', a backslash escapes), dollar quoting ($$...$$, $tag$...$tag$; $1 stays a word) and
// block comments that nest. Read as SQLite would, each could hide a ';' or a statement.
STRATA_LAZY STRATA_INLINE std::vector<sql_token> sql_tokens(std::string_view s, bool postgres = false);

// A name quoted, its quotes doubled (a"b -> "a""b").
inline std::string sql_quoted(std::string_view name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

// A quoted name's text ("a""b" -> a"b); a word as it is.
STRATA_LAZY STRATA_INLINE std::string sql_unquote(const sql_token& t);

// The names of `CONSTRAINT name CHECK` in a CREATE TABLE statement (SQLite keeps named CHECKs
// nowhere else), outside string literals; the name quoted or not.
STRATA_LAZY STRATA_INLINE std::vector<std::string> named_checks(std::string_view create_table_sql);

// Whether SQL text names `table` (as a word or a quoted name, any case, as SQLite compares
// names), outside string literals and comments.
STRATA_LAZY STRATA_INLINE bool names_table(std::string_view sql, std::string_view table);

// Whether a PostgreSQL statement sent outside a transaction behind a connection pooler may run
// in a transaction of its own (so that its wait limits hold, as SET LOCAL): it starts with
// SELECT, WITH, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, COMMENT or TRUNCATE, and has none
// of the words of what cannot run in one (CONCURRENTLY, DATABASE, TABLESPACE, SUBSCRIPTION,
// SYSTEM). Not BEGIN, COMMIT, SET and the like: the transaction's own.
STRATA_LAZY STRATA_INLINE bool pooled_in_transaction(std::string_view sql);

// Whether a transaction is open after `sql` ran (PostgreSQL), given whether one was before: the
// last statement of it that starts one (BEGIN, START TRANSACTION) or ends one (COMMIT, END,
// ABORT, ROLLBACK but not ROLLBACK TO, PREPARE TRANSACTION) says.
STRATA_LAZY STRATA_INLINE bool transaction_open_after(std::string_view sql, bool open);

// A CREATE TABLE as SQLite keeps it: the expression of each CHECK (as written, between its
// parentheses), how many AUTOINCREMENTs its definition has, the COLLATE, ON CONFLICT and
// DEFERRABLE INITIALLY DEFERRED clauses strata never spells (a COLLATE outside the expressions
// of CHECK, DEFAULT and AS, which are the user's), and the table options after the
// definition's parentheses. Strings, quoted names and comments are skipped: the word in them
// is no clause.
struct sqlite_table_definition {
    std::vector<std::string> checks;
    std::vector<std::string> check_names;  // each check's CONSTRAINT name, lower case; empty: unnamed
    std::int64_t autoincrements = 0, collations = 0, conflict_clauses = 0, deferred_keys = 0;
    bool strict = false, without_rowid = false;
};
STRATA_LAZY STRATA_INLINE sqlite_table_definition read_sqlite_table_definition(std::string_view create_table_sql);

// A CHECK's expression in one spelling, for comparing the chain's with one SQLite keeps (which
// keeps the text as it was written): comments and white space go, words and quoted names are
// lower case (a quoted name that is a plain word loses its quotes), string literals stay as
// they are; one space between two words, names or literals, none around punctuation.
// "\"Qty\" >= 0 /* min */" and "qty>=0" are both "qty>=0". Other rewrites (parentheses, <> for
// !=) stay differences.
STRATA_LAZY STRATA_INLINE std::string check_text_key(std::string_view expression);

// A default as PostgreSQL prints it (pg_get_expr) and as a chain writes it, brought to one
// spelling: casts go ('x'::text, '-1'::integer, (0)::numeric(10,2), interval '1 day'), a number
// PostgreSQL quoted to cast it loses its quotes, white space goes (one space stays between two
// words), words are lower case (literals and quoted names keep theirs), and parentheses around
// the whole go. What PostgreSQL rewrites further (parentheses it adds inside an expression,
// operators it replaces) is not undone: write such a default_sql as PostgreSQL prints it.
STRATA_LAZY STRATA_INLINE std::string pg_canonical_default(std::string_view sql);

}  // namespace strata::detail

#if !defined(STRATA_SEPARATE_COMPILATION)
#include <strata/detail/runtime/sql_text.ipp>
#endif
