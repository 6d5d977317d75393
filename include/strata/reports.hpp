#pragma once
// What the migrator returns: status, what a run did, what a plan would do, what verify found.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/chrono.hpp>

namespace strata {

namespace detail {
// A script's comment, one line whatever the text: a name may hold a line break (an identifier
// may hold anything but a double quote), and a script's next line is read by its shell
// (sqlite3's `.shell`, psql's `\!`).
inline std::string comment_line(std::string_view text) {
    std::string s = "-- ";
    for (char ch : text) s += ch == '\n' || ch == '\r' ? ' ' : ch;
    return s;
}
}  // namespace detail

enum class direction { up, down };

struct applied_migration {
    std::uint64_t version = 0;
    std::string name;
    std::string checksum;    // 16 hex digits
    std::string history_checksum;  // 16 hex digits: this checksum and every one before it
    std::string applied_at;  // UTC, ISO 8601: 2026-11-22T03:12:59.123Z
    std::chrono::milliseconds duration{};
    bool dirty = false;
    // Dirty while another migrator holds the chain's lock (PostgreSQL): most likely it is being
    // applied now (a migration outside a transaction is dirty until it finishes), not a failure.
    bool being_applied = false;
    bool changed = false;  // its checksum or name is not the code's (repair, or restore the code)
    bool unknown = false;  // this code has no such migration (the database is ahead, or it was removed)
    // Its background steps have not finished: they run at the next start (migrate_on_startup)
    // or `app db upgrade`. Not a refusal: upgrade() has nothing against it.
    bool background_pending = false;
    // While they are pending: how often they have failed since the migration was applied, when
    // last (UTC) and why (0, "", "": no failure recorded). A failing step runs again at every
    // start; this is where it shows beside the rest of the verdict, not only in a log.
    std::uint64_t background_failures = 0;
    std::string background_failed_at, background_error;
};

struct pending_migration {
    std::uint64_t version = 0;
    std::string name;
};

struct status_report {
    std::string chain;
    std::uint64_t current = 0;  // the database's version: its highest row (0: none), ahead or not
    std::uint64_t head = 0;
    std::vector<applied_migration> applied;
    std::vector<pending_migration> pending;  // the code's migrations without a row
    std::string problem;  // why upgrade() would refuse (dirty, checksum, ahead...), or empty
    bool up_to_date() const { return pending.empty() && problem.empty(); }
};

struct migration_run {
    std::uint64_t version = 0;
    std::string name;
    strata::direction direction = direction::up;
    std::size_t statements = 0;
    std::chrono::microseconds duration{};
};

struct run_report {
    std::string chain;
    std::uint64_t from = 0, to = 0;
    std::vector<migration_run> migrations;  // in the order they ran
    std::chrono::microseconds duration{};
    bool changed() const { return !migrations.empty(); }
};

struct planned_migration {
    std::uint64_t version = 0;
    std::string name;
    strata::direction direction = direction::up;
    bool transactional = true;
    bool foreign_keys_off = false;  // SQLite table rebuilds: PRAGMA foreign_keys = OFF around it
    std::vector<std::string> statements;  // data steps appear as comments: "-- run: a data step (C++ function)"
    // PostgreSQL: the table locks each statement takes, beside it (`ACCESS EXCLUSIVE on "users"
    // (scans the table)`; empty for a comment or a statement that locks no existing table);
    // SQLite: none (a writer locks the whole file).
    std::vector<std::string> locks;
};

struct plan_report {
    std::string chain;
    std::uint64_t from = 0, to = 0;
    std::vector<planned_migration> migrations;
    // As a script: each migration in BEGIN/COMMIT unless it runs outside a transaction.
    std::string sql() const {
        std::string s;
        for (const auto& m : migrations) {
            s += detail::comment_line(std::string(m.direction == direction::up ? "up " : "down ") + std::to_string(m.version) +
                                      " " + m.name) +
                 "\n";
            if (m.foreign_keys_off) s += "PRAGMA foreign_keys = OFF;\n";
            if (m.transactional) s += "BEGIN;\n";
            for (std::size_t i = 0; i < m.statements.size(); ++i) {
                const std::string& st = m.statements[i];
                if (i < m.locks.size() && !m.locks[i].empty()) s += detail::comment_line("lock: " + m.locks[i]) + "\n";
                // strata's own notes are one "-- " line; a statement may begin with a comment too
                const bool note = st.rfind("--", 0) == 0 && st.find('\n') == std::string::npos;
                s += st + (note ? "\n" : ";\n");
            }
            if (m.transactional) s += "COMMIT;\n";
            if (m.foreign_keys_off) s += "PRAGMA foreign_keys = ON;\n";
        }
        return s;
    }
};

struct verify_report {
    std::string chain;
    std::uint64_t version = 0;
    std::vector<std::string> checksum_problems;  // applied migrations whose definition changed
    std::vector<std::string> record_problems;    // dirty, ahead of the code, not a prefix of the chain
    std::vector<std::string> missing;             // facts of schema_at<version> not in the database
    std::vector<std::string> unexpected;          // facts in the database not in schema_at<version>
    bool ok() const { return checksum_problems.empty() && record_problems.empty() && missing.empty() && unexpected.empty(); }
    std::string text() const {
        std::string s;
        for (const auto& c : checksum_problems) s += "  checksum: " + c + "\n";
        for (const auto& c : record_problems) s += "  records: " + c + "\n";
        for (const auto& m : missing) s += "  missing from the database: " + m + "\n";
        for (const auto& u : unexpected) s += "  not in schema_at<" + std::to_string(version) + ">: " + u + "\n";
        return s;
    }
};

// What the background steps (background<fn>) of a start did: startup.hpp's background_work.
struct background_report {
    std::vector<std::uint64_t> completed;  // the migrations whose background steps finished now
    std::vector<std::uint64_t> remaining;  // still pending: they run at the next start
    bool cancelled = false;                // stopped by background_work::cancel()
    std::string error;                     // a step that threw (its migration stays pending)
    bool ok() const { return error.empty(); }
};

}  // namespace strata

