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
// Statements are cut at ';' outside literals, quoted names, comments and the BEGIN ... END of a
// CREATE (a SQLite trigger's body, PostgreSQL's BEGIN ATOMIC), and CASE ... END.
STRATA_LAZY inline std::string transaction_control(std::string_view sql, bool postgres) {
    const std::vector<sql_token> tokens = sql_tokens(sql, postgres);
    std::string_view words[3];
    std::size_t nwords = 0, first = 0, depth = 0;
    const auto is = [](std::string_view w, std::string_view k) { return sql_iequal(w, k); };
    const auto ends_transaction = [&] {
        if (nwords == 0) return false;
        const std::string_view w = words[0], next = nwords > 1 ? words[1] : std::string_view{};
        if (is(w, "COMMIT") || is(w, "END") || is(w, "ABORT") || is(w, "BEGIN")) return true;
        if (is(w, "START") || is(w, "PREPARE")) return is(next, "TRANSACTION");
        if (!is(w, "ROLLBACK")) return false;
        const bool noise = is(next, "TRANSACTION") || is(next, "WORK");
        const std::string_view after = noise ? (nwords > 2 ? words[2] : std::string_view{}) : next;
        return !is(after, "TO");  // (ROLLBACK TO a savepoint: the code's own)
    };
    for (std::size_t i = 0; i <= tokens.size(); ++i) {
        if (i == tokens.size() || (tokens[i].kind == sql_token::punct && tokens[i].text == ";" && depth == 0)) {
            if (ends_transaction()) {
                const char* from = tokens[first].text.data();
                const char* to = i == tokens.size() ? sql.data() + sql.size() : tokens[i].text.data();
                return std::string(from, static_cast<std::size_t>(to - from));
            }
            nwords = 0;
            depth = 0;
            continue;
        }
        if (tokens[i].kind != sql_token::word) continue;
        const std::string_view w = tokens[i].text;
        if (nwords == 0) first = i;
        if (nwords < 3) words[nwords] = w;
        ++nwords;
        if (is(w, "CASE") || (is(w, "BEGIN") && nwords > 1 && is(words[0], "CREATE"))) ++depth;
        else if (is(w, "END") && depth > 0) --depth;
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
