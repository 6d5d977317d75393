#pragma once
// Code strata runs inside a transaction of its own (a data step, an execute<>, a version task,
// on_upgrade) must not end it: what came before the COMMIT would be kept without what comes
// after (a migration's table kept, its row not recorded, and every later start stuck on "already
// exists"), while the message said nothing was applied. Such a statement is refused before it
// runs; a savepoint of the code's own (SAVEPOINT, ROLLBACK TO, RELEASE) is not one.
#include <span>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include <strata/detail/config.hpp>
#include <strata/detail/runtime/sql_text.hpp>
#include <strata/detail/runtime/statement_runner.hpp>
#include <strata/driver.hpp>

namespace strata::detail {

// The first statement of `sql` that ends or starts a transaction (BEGIN, COMMIT, END, ROLLBACK
// but not ROLLBACK TO, ABORT, START TRANSACTION, PREPARE TRANSACTION), as written; empty: none.
// Statements are cut at ';' outside literals, quoted names and comments, and outside the body
// of a CREATE TRIGGER (SQLite) or a BEGIN ATOMIC (PostgreSQL): from its BEGIN to the END that
// starts one of the body's statements (an END elsewhere closes a CASE, or is a column's name).
STRATA_LAZY inline std::string transaction_control(std::string_view sql, bool postgres) {
    const std::vector<sql_token> tokens = sql_tokens(sql, postgres);
    const auto is = [](const sql_token& t, std::string_view k) { return t.kind == sql_token::word && sql_iequal(t.text, k); };
    std::vector<std::size_t> words;  // the current statement's word tokens
    bool trigger = false, body = false, body_start = false;
    std::size_t first = 0;
    const auto ends_transaction = [&] {
        if (words.empty()) return false;
        const auto word = [&](std::size_t k) -> const sql_token* { return k < words.size() ? &tokens[words[k]] : nullptr; };
        const sql_token& w = *word(0);
        const auto next_is = [&](std::size_t k, std::string_view kw) { return word(k) && is(*word(k), kw); };
        if (is(w, "COMMIT") || is(w, "END") || is(w, "ABORT") || is(w, "BEGIN")) return true;
        if (is(w, "START") || is(w, "PREPARE")) return next_is(1, "TRANSACTION");
        if (!is(w, "ROLLBACK")) return false;
        const std::size_t after = next_is(1, "TRANSACTION") || next_is(1, "WORK") ? 2 : 1;
        return !next_is(after, "TO");  // (ROLLBACK TO a savepoint: the code's own)
    };
    for (std::size_t i = 0; i <= tokens.size(); ++i) {
        const bool semicolon = i < tokens.size() && tokens[i].kind == sql_token::punct && tokens[i].text == ";";
        if (semicolon && body) {
            body_start = true;  // (a statement of the body ends; the next word may be the body's END)
            continue;
        }
        if (i == tokens.size() || semicolon) {
            if (ends_transaction()) {
                const char* to = i == tokens.size() ? sql.data() + sql.size() : tokens[i].text.data();
                return std::string(tokens[first].text.data(), static_cast<std::size_t>(to - tokens[first].text.data()));
            }
            words.clear();
            trigger = body = body_start = false;
            continue;
        }
        if (tokens[i].kind != sql_token::word) {
            if (tokens[i].kind != sql_token::space) body_start = false;
            continue;
        }
        const sql_token& w = tokens[i];
        if (words.empty()) first = i;
        words.push_back(i);
        const bool creates = is(tokens[words[0]], "CREATE");
        if (body) {
            if (body_start && is(w, "END")) body = false;
            body_start = false;
            continue;
        }
        if (creates && is(w, "TRIGGER")) trigger = true;
        if (creates && is(w, "BEGIN")) {
            // (a name "begin" is no body: a trigger's BEGIN after TRIGGER, not after a '.'; a
            // function's is BEGIN ATOMIC)
            std::size_t next = i + 1, before = i;
            while (next < tokens.size() && tokens[next].kind == sql_token::space) ++next;
            while (before > 0 && tokens[before - 1].kind == sql_token::space) --before;
            const bool after_dot = before > 0 && tokens[before - 1].kind == sql_token::punct && tokens[before - 1].text == ".";
            if ((trigger && !after_dot) || (next < tokens.size() && is(tokens[next], "ATOMIC"))) {
                body = true;
                body_start = true;
            }
        }
    }
    return {};
}

// A session's statements for such code: each checked, then run by the driver.
class one_transaction final : public statement_runner {
   public:
    // `what`: the transaction as messages name it ("the migration's transaction").
    one_transaction(statement_runner& db, std::string what) : db_(db), what_(std::move(what)) {}

    dialect_id dialect() const noexcept override { return db_.dialect(); }
    void execute(std::string_view sql, std::span<const value> params, const row_callback& on_row) override {
        check(sql);
        db_.execute(sql, params, on_row);
    }
    void* native_handle() noexcept override { return db_.native_handle(); }
    const std::type_info& native_type() const noexcept override { return db_.native_type(); }
    statement_runner& underlying() noexcept override { return db_.underlying(); }

    // Throws database_error naming the statement when `sql` would end the transaction.
    void check(std::string_view sql) const {
        const std::string found = transaction_control(sql, db_.dialect() == dialect_id::postgres);
        if (found.empty()) return;
        const std::string why = "\"" + found + "\" would end " + what_ +
                                ", which strata commits when the code returns (a savepoint of the code's own, SAVEPOINT, "
                                "ROLLBACK TO and RELEASE, may be used)";
        throw database_error("strata: " + why + "\n  in: " + std::string(sql), std::string(sql), why);
    }

   private:
    statement_runner& db_;
    std::string what_;
};

}  // namespace strata::detail
