#pragma once
// The migrator's engine (migrator_core's implementation; see migrator_core.hpp). Nothing here
// is a template: strata::migrator<Chain> hands it the chain as data (descriptors, a generator,
// a state folder), so a program compiles this once whatever its chains: in every unit that
// includes migrator.hpp (header-only, the default), or once in the strata_runtime library
// (STRATA_SEPARATE_COMPILATION). Included only by the runtime's .ipp files.
#include <strata/detail/runtime/format.hpp>
#include <strata/detail/core/numeric_text.hpp>

#include <strata/detail/algorithm.hpp>
#include <strata/detail/dependent.hpp>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <ctime>
#include <iterator>
#include <thread>
#include <tuple>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <strata/detail/chrono.hpp>
#include <strata/detail/runtime/lock_waits.hpp>
#include <strata/detail/runtime/one_transaction.hpp>
#include <strata/detail/runtime/pg_locks.hpp>
#include <strata/detail/runtime/schema_facts.hpp>
#include <strata/driver.hpp>
#include <strata/migration_sql.hpp>
#include <strata/log.hpp>
#include <strata/migration_error.hpp>
#include <strata/reports.hpp>
#include <strata/session.hpp>
#include <strata/migrator.hpp>

namespace strata {
namespace detail {


inline constexpr std::size_t npos = static_cast<std::size_t>(-1);
// The index of the chain's migration `version`, or npos.
STRATA_LAZY inline std::size_t index_in(const chain_info& c, std::uint64_t version) {
    const migration_desc* end = c.descs + c.size;
    const migration_desc* it =
        std::lower_bound(c.descs, end, version, [](const migration_desc& m, std::uint64_t v) { return m.version < v; });
    return it != end && it->version == version ? static_cast<std::size_t>(it - c.descs) : npos;
}

// A transaction that rolls back unless committed.
struct db_transaction {
    driver& db;
    bool open = true;
    explicit db_transaction(driver& d) : db(d) { db.begin(); }
    db_transaction(const db_transaction&) = delete;
    void commit() {
        db.commit();
        open = false;
    }
    ~db_transaction() {
        if (open) db.rollback();
    }
};
// driver::lock held for a scope; `exclusive`: what lock() said.
// How long a migrator waits for a lock another one holds, and where it says so.
struct lock_wait {
    std::string_view chain;
    std::chrono::milliseconds budget;
    const log_sink& log;
};

// driver::lock with a bounded wait: tried again and again (1 ms pauses doubling to 100 ms),
// the holder logged at once and every 10 s, given up after the budget with lock_timeout (a
// budget of 0: no limit, as for every wait). (Another migrator holding it is working: a wait is
// normal; an endless one is not, unless asked for.)
STRATA_LAZY inline bool take_lock(driver& db, const std::string& name, const lock_wait& w) {
    using clock = std::chrono::steady_clock;
    const auto started = clock::now();
    auto next_log = started;
    for (int wait_ms = 1;; wait_ms = std::min(wait_ms * 2, 100)) {
        if (const std::optional<bool> got = db.try_lock(name)) return *got;
        const auto now = clock::now();
        const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(now - started);
        const bool out_of_budget = w.budget.count() > 0 && spent >= w.budget;
        if (out_of_budget || now >= next_log) {
            std::string who = db.lock_holder(name);
            who = who.empty() ? "another session" : who;
            if (out_of_budget) {
                std::string what = detail::format("strata: chain \"{}\": {}: gave up after {} waiting for the lock \"{}\", held "
                                               "by {} (another migrator at work). Let it finish, or raise lock_wait_budget; "
                                               "nothing was changed",
                                               w.chain, db.describe(), duration_text(spent), name, who);
                w.log(log_level::error, what);
                throw migration_error(migration_failure::lock_timeout, std::move(what), std::string(w.chain));
            }
            w.log(log_level::warning, detail::format("strata: {}: waiting for the lock \"{}\", held by {} (another migrator at "
                                                  "work); {} (lock_wait_budget)",
                                                  w.chain, name, who,
                                                  w.budget.count() > 0 ? "giving up after " + duration_text(w.budget)
                                                                       : std::string("without a limit")));
            next_log = now + std::chrono::seconds(10);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    }
}

// (a template of its user's parameter: see STRATA_LAZY in detail/config.hpp)
template <class>
struct held_lock {
    driver& db;
    std::string name;
    bool exclusive;
    held_lock(driver& d, std::string n, const lock_wait& w) : db(d), name(std::move(n)), exclusive(take_lock(db, name, w)) {}
    held_lock(const held_lock&) = delete;
    ~held_lock() { db.unlock(name); }
};

// Runs `read` on a bookkeeping table that may not exist yet: false, and nothing read, when it
// does not. The catalog is asked first, a query at every start: the statements name the table
// unqualified, and on PostgreSQL such a name is looked up along the whole search_path, so that
// without the question a table of a schema further along (another tenant's, a shared one's)
// was read as this schema's history. has_table() looks in current_schema(), where CREATE TABLE
// puts the table, and where, once it is there, every unqualified name finds it first.
template <class F>
bool read_if_table(driver& db, std::string_view table, F&& read) {
    if (!db.has_table(table)) return false;
    read();
    return true;
}

// What the exception being handled says: what() of a std::exception, else that it is not one.
STRATA_LAZY inline std::string current_exception_text() {
    try {
        throw;
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "an exception that is not a std::exception";
    }
}

STRATA_LAZY inline std::string hex16(std::uint64_t v) { return detail::format("{:016x}", v); }

STRATA_LAZY inline std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    return detail::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                       tm.tm_min, tm.tm_sec, ms);
}

STRATA_LAZY inline std::string migrations_text(std::size_t n) { return detail::format("{} migration{}", n, n == 1 ? "" : "s"); }

STRATA_LAZY inline std::string ms_text(std::chrono::microseconds d) { return detail::format("{:.1f} ms", static_cast<double>(d.count()) / 1000.0); }

inline constexpr std::string_view tracking_table = "strata_migrations";

// The same text on both backends; versions as BIGINT, checksums as hex text, times as UTC text.
// history_checksum folds the checksums of a row's migration and of every one before it, so
// that the last row alone vouches for all of them (the start-up check reads one row).
inline constexpr std::string_view create_tracking_table =
    "CREATE TABLE IF NOT EXISTS \"strata_migrations\" ("
    "\"chain\" TEXT NOT NULL, "
    "\"version\" BIGINT NOT NULL, "
    "\"name\" TEXT NOT NULL, "
    "\"checksum\" TEXT NOT NULL, "
    "\"applied_at\" TEXT NOT NULL, "
    "\"duration_ms\" BIGINT NOT NULL, "
    "\"dirty\" BOOLEAN NOT NULL DEFAULT FALSE, "
    "\"history_checksum\" TEXT NOT NULL, "
    "\"background_pending\" BOOLEAN NOT NULL DEFAULT FALSE, "
    "\"background_done_at\" TEXT, "
    "PRIMARY KEY (\"chain\", \"version\"))";

// A background step's failures (background_core.ipp, note_background_failure): a row per
// migration with background steps that failed, its count, the last failure's time and error,
// for `status` to show while the steps are pending. The row belongs to the application of the
// migration whose strata_migrations row has the same applied_at: applied again (after a
// downgrade, an offline script, a baseline), it starts afresh, whatever the clocks of the hosts.
// Made at the first failure, and on SQLite with the start-up aids (so that making it does not
// move the schema_version the seal holds); never emptied: a row past its steps is their history.
inline constexpr std::string_view background_failures_table = "strata_background_failures";
inline constexpr std::string_view create_background_failures =
    "CREATE TABLE IF NOT EXISTS \"strata_background_failures\" (\"chain\" TEXT NOT NULL, \"version\" BIGINT NOT NULL, "
    "\"applied_at\" TEXT NOT NULL, \"failures\" BIGINT NOT NULL, \"failed_at\" TEXT NOT NULL, \"error\" TEXT NOT NULL, "
    "PRIMARY KEY (\"chain\", \"version\"))";

inline constexpr std::string_view create_start_up_index =
    "CREATE INDEX IF NOT EXISTS \"strata_migrations_start_up\" ON \"strata_migrations\" "
    "(\"chain\", \"version\", \"dirty\", \"checksum\", \"name\")";

// SQLite's start-up check reads one row: the seal a writing verb leaves when it has read every
// row of the chain and found exactly its first `rows` migrations. Any later change to a row
// that the check judges (by strata or by hand) deletes every seal, through these triggers, in
// the changing transaction; any later change to the schema (the table rebuilt by hand, a
// trigger dropped) moves SQLite's schema_version away from the one sealed. Either way the next
// check reads every row again.
inline constexpr std::string_view start_up_seal_sql[] = {
    "CREATE TABLE IF NOT EXISTS \"strata_migrations_seal\" (\"chain\" TEXT PRIMARY KEY, \"rows\" BIGINT NOT NULL, "
    "\"head\" BIGINT NOT NULL, \"history_checksum\" TEXT NOT NULL, \"schema_version\" BIGINT NOT NULL)",
    "CREATE TRIGGER IF NOT EXISTS \"strata_migrations_unseal_insert\" AFTER INSERT ON \"strata_migrations\" "
    "BEGIN DELETE FROM \"strata_migrations_seal\"; END",
    "CREATE TRIGGER IF NOT EXISTS \"strata_migrations_unseal_update\" AFTER UPDATE OF \"chain\", \"version\", \"dirty\", "
    "\"checksum\", \"name\" ON \"strata_migrations\" BEGIN DELETE FROM \"strata_migrations_seal\"; END",
    "CREATE TRIGGER IF NOT EXISTS \"strata_migrations_unseal_delete\" AFTER DELETE ON \"strata_migrations\" "
    "BEGIN DELETE FROM \"strata_migrations_seal\"; END",
};

// Does the migration have background<fn> steps (run by the start-up helper, after it)?
STRATA_LAZY inline bool has_background(const migration_desc& m) {
    for (std::size_t k = 0; k < m.nops; ++k)
        if (m.ops[k].kind == op_kind::background) return true;
    return false;
}
STRATA_LAZY inline bool chain_has_background(const chain_info& c) {
    for (std::size_t i = 0; i < c.size; ++i)
        if (has_background(c.descs[i])) return true;
    return false;
}

// 16 hex digits as written by hex16, compared without formatting.
STRATA_LAZY inline bool is_hex16_of(std::string_view text, std::uint64_t v) {
    std::uint64_t got = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), got, 16);
    return ec == std::errc{} && end == text.data() + text.size() && text.size() == 16 && got == v;
}

// A bookkeeping cell as strata writes it: a non-negative integer, or PostgreSQL's text of one;
// a `flag` also as PostgreSQL sends a boolean (t or f, in a boolean column: `text_boolean`,
// row::is_text_boolean), and never above 1. Anything else: nullopt (SQLite's text 'false' is text).
STRATA_LAZY inline std::optional<std::uint64_t> recorded_count(const value& cell, bool flag, bool text_boolean = false) {
    const dependent_t<value, Lazy>& v = cell;  // (dependent: see detail::dependent)
    std::uint64_t got = 0;
    if (auto* i = std::get_if<std::int64_t>(&v)) {
        if (*i < 0) return std::nullopt;
        got = static_cast<std::uint64_t>(*i);
    } else if (auto* t = std::get_if<std::string>(&v)) {
        if (flag && text_boolean && (*t == "t" || *t == "f")) return *t == "t";
        const auto [end, ec] = std::from_chars(t->data(), t->data() + t->size(), got);
        if (ec != std::errc{} || end != t->data() + t->size() || t->empty()) return std::nullopt;
    } else {
        return std::nullopt;
    }
    if (flag && got > 1) return std::nullopt;
    return got;
}

// One migration one way, as plan() and the CLI's offline `sql` show it.
STRATA_LAZY inline planned_migration planned(const migration_sql& m, direction dir, dialect_id d) {
    planned_migration pm{m.version, std::string(m.name), dir, m.transactional, m.rebuilds_tables && d == dialect_id::sqlite, {}, {}};
    std::vector<pg_statement_locks> parsed;  // (PostgreSQL: each statement's locks, read once)
    for (const step& s : dir == direction::up ? m.up_steps : m.down_steps) {
        switch (s.kind) {
            case step_kind::sql:
            case step_kind::foreign_key_check:
                pm.statements.push_back(s.sql());
                // (by the step's kind, not its text: an execute<> may begin with a comment)
                if (d == dialect_id::postgres) {
                    parsed.resize(pm.statements.size() - 1);
                    parsed.push_back(pg_locks_of(pm.statements.back()));
                    pm.locks.resize(pm.statements.size() - 1);
                    pm.locks.push_back(pg_lock_text(parsed.back()));
                }
                break;
            case step_kind::run: pm.statements.push_back("-- run: a data step (C++ function)"); break;
            case step_kind::validate: pm.statements.push_back("-- validate: a check (C++ function); false rolls back"); break;
            case step_kind::nothing:  // (its fragments, when it has some, say why)
                pm.statements.push_back(s.fragments.empty() ? "-- nothing: an execute whose down is strata::dsl::nothing sends no statement"
                                                            : detail::comment_line("nothing: " + s.sql()));
                break;
            case step_kind::rebuild_guard:
                pm.statements.push_back(detail::comment_line("check: table " + std::string(s.fragments[0].view()) +
                                                             " holds no column, index, trigger, constraint, type, default or "
                                                             "table option the chain does not know (the rebuild would drop or "
                                                             "change them)"));
                break;
        }
    }
    if (d == dialect_id::postgres) pm.locks.resize(pm.statements.size());  // (comments: none)
    // A lock is held until the commit: a validation after a statement of the same migration
    // that blocks writes on its table scans while writes wait.
    if (d == dialect_id::postgres && m.transactional) {
        // (the modes that block writes, weakest first; 0: one that does not)
        const auto blocks_writes = [](std::string_view mode) {
            return mode == "SHARE" ? 1 : mode == "SHARE ROW EXCLUSIVE" ? 2 : mode == "EXCLUSIVE" ? 3 : mode == "ACCESS EXCLUSIVE" ? 4 : 0;
        };
        std::vector<std::pair<std::string, std::string_view>> held;  // table, the mode that blocks writes
        constexpr std::string_view goes_on = "while writes go on";
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            for (const pg_table_lock& k : parsed[i].locks) {
                if (k.table.empty() || k.index) continue;
                const auto h = std::find_if(held.begin(), held.end(), [&](const auto& x) { return x.first == k.table; });
                if (const std::size_t at = pm.locks[i].find(goes_on); h != held.end() && at != std::string::npos)
                    pm.locks[i].replace(at, goes_on.size(),
                                        "while writes wait: an earlier statement of this migration holds " + std::string(h->second) +
                                            " on it until the commit");
                if (!blocks_writes(k.mode)) continue;
                if (h == held.end()) held.emplace_back(k.table, k.mode);
                else if (blocks_writes(k.mode) > blocks_writes(h->second)) h->second = k.mode;
            }
        }
    }
    return pm;
}

// Wait limits (lock_timeout, statement_timeout) on a connection for a scope, lifted after it
// (or set to `after`, the limits of a scope around it): a verb's own statements, one attempt of
// a migration, the version phase of a start, a background step.
struct wait_scope {
    driver& db;
    wait_limits after;
    wait_scope(driver& d, const wait_limits& l, const wait_limits& a = {}) : db(d), after(a) { db.set_wait_limits(l); }
    wait_scope(const wait_scope&) = delete;
    ~wait_scope() { db.set_wait_limits(after); }
};

// (a template: see STRATA_LAZY in detail/config.hpp)
template <class Tag>
class migrator_engine_t {
    // (dependent: the std::variant, std::optional and std::vector members the bodies use on
    // these are compiled where the engine is instantiated, not in every unit that includes the
    // header; see detail::dependent)
    using value = dependent_t<strata::value, Tag>;
    using applied_migration = dependent_t<strata::applied_migration, Tag>;
    using migration_run = dependent_t<strata::migration_run, Tag>;
    using migration_error = dependent_t<strata::migration_error, Tag>;
    using generated_sql = dependent_t<strata::generated_sql, Tag>;
    using status_report = dependent_t<strata::status_report, Tag>;
    using run_report = dependent_t<strata::run_report, Tag>;
    using plan_report = dependent_t<strata::plan_report, Tag>;
    using verify_report = dependent_t<strata::verify_report, Tag>;
    // (std::string and std::vector likewise, for every body: what a body calls on them is then
    // checked and instantiated where the class is, not where it is defined)
    using string_t = dependent_t<std::string, Tag>;
    template <class T>
    using vector_t = std::vector<dependent_t<T, Tag>>;

   public:
    // `cli`: the command the CLI runs as ("app db"), for messages that name the verb to type;
    // empty: they name the library's calls.
    migrator_engine_t(driver& db, migrator_options options, const chain_info& chain, string_t cli = {})
        : db_(db), opt_(std::move(options)), chain_(chain), cli_(std::move(cli)) {
        if (opt_.chain.empty()) throw std::invalid_argument("strata: migrator: the chain's name must not be empty");
        if (!opt_.log) opt_.log = log_nowhere;
    }

    std::uint64_t head() const { return chain_.size ? chain_.descs[chain_.size - 1].version : 0; }

    status_report status() { return named([&] { return status_impl(); }); }
    run_report upgrade_to(std::optional<std::uint64_t> target_version) {
        return named([&] { return upgrade_impl(target_version); });
    }
    run_report downgrade_to(std::uint64_t target_version) {
        return named([&] { return downgrade_impl(target_version); });
    }
    plan_report plan(std::uint64_t target_version) { return named([&] { return plan_impl(target_version); }); }
    verify_report verify() { return named([&] { return verify_impl(); }); }
    // Adopts a database made before strata (or by hand) at `version`: its live schema must be
    // schema_at<version>; then the migrations up to it are recorded as applied.
    void baseline(std::uint64_t version) { named([&] { baseline_impl(version); }); }
    // The explicit way out of a refusal, for a person who has looked: a dirty migration is
    // recorded as done or as not applied, whichever the live schema shows (neither: refused,
    // with the difference); a changed checksum or name is replaced by the code's.
    vector_t<string_t> repair() { return named([&] { return repair_impl(); }); }
    // The way out of a background step that cannot succeed: migration `version`'s background
    // steps are recorded done without running ("" when none is pending).
    string_t skip_background(std::uint64_t version) { return named([&] { return skip_background_impl(version); }); }

   private:
    using clock = std::chrono::steady_clock;

    // Where the database is, as recorded: its highest row is its version (ahead of the code,
    // dirty or changed included); each row says whether this code has it and unchanged; pending
    // are the code's migrations without a row.
    status_report status_impl() {
        status_report r;
        r.chain = opt_.chain;
        r.head = head();
        r.applied = read_rows();
        read_background_failures(r.applied);
        const inspection in = inspect(r.applied);
        r.current = r.applied.empty() ? 0 : r.applied.back().version;
        if (in.problem) r.problem = in.problem->what();
        else r.problem = changes_there_unrecorded(in.applied);
        // A migration outside a transaction is dirty from its first statement to its end: while
        // another migrator holds the chain's lock, that is most likely what a dirty row is, not
        // a failure to fix by hand (helper 55: status said so of a concurrent build under way).
        if (in.problem && in.problem->kind() == migration_failure::dirty && db_.dialect() == dialect_id::postgres)
            if (const auto row = std::find_if(r.applied.begin(), r.applied.end(), [](const applied_migration& a) { return a.dirty; });
                row != r.applied.end()) {
                // (who holds it, read from pg_locks: the lock is not taken, even for a moment, so
                // that a script or migrator that tries it once is not turned away by a status)
                if (const string_t who = db_.lock_holder(opt_.chain); !who.empty()) {
                    row->being_applied = true;
                    r.problem = detail::format(
                        "strata: chain \"{}\": migration {} \"{}\" is marked dirty while another migrator holds the "
                        "chain's lock ({}): most likely it is being applied now (it runs outside a transaction, and is "
                        "dirty until it finishes). Wait for it, then ask {} again; if it stays dirty once the lock is "
                        "free, {} and {} settle it",
                        opt_.chain, row->version, row->name, who, call("status"), call("verify"), call("repair"));
                }
            }
        for (applied_migration& a : r.applied) {
            const std::size_t i = index_of(a.version);
            a.unknown = i == npos;
            a.changed = !a.unknown && !same_as_code(a, i);
        }
        for (std::size_t i = 0, k = 0; i < chain_.size; ++i) {
            while (k < r.applied.size() && r.applied[k].version < chain_.descs[i].version) ++k;
            if (k == r.applied.size() || r.applied[k].version != chain_.descs[i].version)
                r.pending.push_back({chain_.descs[i].version, string_t(chain_.descs[i].name)});
        }
        return r;
    }

    // Nothing recorded, and a table the first migration creates there already (a database
    // made before strata, its rows of strata_migrations deleted, another chain's name): the
    // problem, in words, else empty. Upgrading would fail on "already exists" after the lock.
    string_t unrecorded_tables() {
        if (chain_.size == 0) return {};
        const migration_desc& m = chain_.descs[0];
        for (std::size_t k = 0; k < m.nops; ++k)
            // (rows read again after the table is seen: another process may have committed both
            // since the first read, SQLite's migrators taking no lock before their transaction)
            if (m.ops[k].kind == op_kind::create_table && db_.has_table(m.ops[k].table) && read_rows().empty())
                return detail::format("{} has table \"{}\", which migration {} \"{}\" creates, and no migration of chain "
                                      "\"{}\" recorded: a database made before strata, or whose rows of strata_migrations "
                                      "were deleted, is adopted with {} (it checks the live schema first); if another "
                                      "chain name migrated it, use that name; nothing was changed",
                                      db_.describe(), m.ops[k].table, m.version, m.name, opt_.chain, call("baseline", "V"));
        return {};
    }

    // Migration i, the first the database does not record, with every change it makes to the
    // schema there already (its row of strata_migrations deleted by hand, or it was applied
    // outside strata): running it would repeat its steps, data steps included, or fail half-way.
    // The problem, in words, else empty. (i = 0: unrecorded_tables.)
    string_t changes_there_unrecorded(std::size_t i) {
        if (i == 0) return unrecorded_tables();
        if (i >= chain_.size) return {};
        const vector_t<dependent_t<string_t, Tag>> at = keys_once(chain_.facts_after(i, db_.dialect())),
                                                         after = keys_once(chain_.facts_after(i + 1, db_.dialect()));
        vector_t<dependent_t<string_t, Tag>> added, removed, missing, unexpected;
        std::set_difference(after.begin(), after.end(), at.begin(), at.end(), std::back_inserter(added));
        std::set_difference(at.begin(), at.end(), after.begin(), after.end(), std::back_inserter(removed));
        // Only a migration that adds something shows it ran: what it removes may be missing for
        // another reason (the object changed by hand is a fact missing too), and a removal that
        // ran already fails on its own, changing nothing. (Data steps alone: nothing shows.)
        if (added.empty()) return {};
        diff_live(i, missing, unexpected);
        std::sort(missing.begin(), missing.end());
        std::sort(unexpected.begin(), unexpected.end());
        if (!std::includes(unexpected.begin(), unexpected.end(), added.begin(), added.end()) ||
            !std::includes(missing.begin(), missing.end(), removed.begin(), removed.end()))
            return {};
        // (rows read again after the schema: another process may have committed both since the
        // first read, SQLite's migrators taking no lock before their transaction)
        if (inspect(read_rows()).applied != i) return {};
        const migration_desc& m = chain_.descs[i];
        // The version to record: the first whose schema the live one is exactly (later migrations
        // may have been applied outside strata too), as baseline checks it; not a later one of the
        // same schema, whose data steps or seeds no schema shows ran.
        vector_t<dependent_t<string_t, Tag>> live;
        std::set_difference(at.begin(), at.end(), missing.begin(), missing.end(), std::back_inserter(live));
        live.insert(live.end(), unexpected.begin(), unexpected.end());
        std::sort(live.begin(), live.end());
        std::size_t exact = 0, last_exact = 0;
        for (std::size_t j = i + 1; j <= chain_.size; ++j)
            if (keys_once(chain_.facts_after(j, db_.dialect())) == live) {
                if (!exact) exact = j;
                last_exact = j;
            } else if (exact) {
                break;
            }
        const string_t record =
            exact ? detail::format("record it with {} (the version whose schema the live one is; it checks it first){}",
                                   call("baseline", std::to_string(version_at(exact))),
                                   last_exact > exact
                                       ? detail::format("; the migrations after it through version {} change no schema, so "
                                                        "whether they ran no schema shows: record them too only if they did",
                                                        version_at(last_exact))
                                       : string_t())
                  : detail::format("record it with {} once the live schema is the schema of the version given (baseline "
                                   "checks it first; the live schema is no version's of this chain now: {} says what differs)",
                                   call("baseline", "V"), call("verify"));
        return detail::format("{} already has the changes of migration {} \"{}\" ({}{}), which chain \"{}\" has not recorded: "
                              "its row of strata_migrations was deleted, or it was applied outside strata. Running it would "
                              "repeat its steps; nothing was changed. If it was applied, {}; if not, undo those changes",
                              db_.describe(), m.version, m.name, added.front(),
                              added.size() + removed.size() > 1 ? ", ..." : "", opt_.chain, record);
    }

    run_report upgrade_impl(std::optional<std::uint64_t> target_version) {
        const std::size_t target = target_version ? count_through(*target_version) : chain_.size;
        run_report report = start_report();
        // The start-up path: one read finds the database up to date, with no lock taken.
        bool table = false;
        if (sealed(target) || shows_exactly(target, table)) return finish_up_to_date(report, target);
        // SQL the dialect cannot spell (a value it would keep rounded) is refused before the
        // bookkeeping table is made: it is generated here, where it is needed anyway.
        if (!table && target > 0) (void)sql();
        if (!table) ensure_tracking_table();
        lock_guard lock(*this);
        inspection in = checked(read_rows(true));
        report.from = version_at(in.applied);
        if (in.applied < target)
            if (const string_t unrecorded = changes_there_unrecorded(in.applied); !unrecorded.empty())
                throw refusal(migration_failure::unknown_state, unrecorded);
        if (in.applied > target)
            throw refusal(migration_failure::wrong_direction,
                          detail::format("{} but the database is at version {}: use {}", call("upgrade_to", std::to_string(version_at(target))),
                                      report.from, call("downgrade_to", std::to_string(version_at(target)))));
        if (in.applied == target) {
            reseal();
            return finish_up_to_date(report, in.applied);
        }
        if (table) ensure_start_up_aids();  // (a table made before them: made now, with work to do anyway)
        if (in.applied == 0) note_history_elsewhere();
        refuse_tables_elsewhere(in.applied, target, "upgrade_to", version_at(target));
        const auto& migrations = sql().migrations();
        refuse_blocked_drops(migrations, in.applied, target, version_at(target));
        log(log_level::info, detail::format("strata: {}: upgrading {} from version {} to {} ({})", opt_.chain, db_.describe(),
                                         report.from, version_at(target), migrations_text(target - in.applied)));
        std::size_t total = target - in.applied;
        const auto started = clock::now();
        while (in.applied < target) {
            const std::size_t i = in.applied;
            if (auto run = apply_waiting(migrations[i], i, direction::up, report.migrations.size() + 1, total)) {
                report.migrations.push_back(*run);
                ++in.applied;
            } else {
                in = checked(read_rows());  // another process got there first
                total = report.migrations.size() + (target > in.applied ? target - in.applied : 0);  // ("[k/total]": what is left now)
            }
        }
        if (in.applied > target) refuse_passed_meanwhile("upgrade_to", version_at(target), in.applied);
        report.to = version_at(in.applied);
        report.duration = since(started);
        reseal();
        log(log_level::info, detail::format("strata: {}: at version {} ({}, {})", opt_.chain, report.to,
                                         migrations_text(report.migrations.size()), ms_text(report.duration)));
        return report;
    }

    run_report downgrade_impl(std::uint64_t target_version) {
        const std::size_t target = count_through(target_version);
        run_report report = start_report();
        if (!db_.has_table(tracking_table)) {  // nothing applied: nothing to create either
            if (target == 0) return finish_up_to_date(report, 0);
            throw refusal(migration_failure::wrong_direction,
                          detail::format("{} but the database is at version 0: use {}", call("downgrade_to", std::to_string(target_version)),
                                      call("upgrade_to", std::to_string(target_version))));
        }
        lock_guard lock(*this);
        inspection in = checked(read_rows(true));
        report.from = version_at(in.applied);
        if (in.applied < target)
            throw refusal(migration_failure::wrong_direction,
                          detail::format("{} but the database is at version {}: use {}", call("downgrade_to", std::to_string(target_version)),
                                      report.from, call("upgrade_to", std::to_string(target_version))));
        if (in.applied == target) return finish_up_to_date(report, in.applied);
        const auto& migrations = sql().migrations();
        // Every migration on the way down must have a down, checked before the first one runs
        // (and again when another migrator moved the database up while this one waited).
        auto refuse_irreversible = [&](std::size_t from) {
            for (std::size_t i = from; i-- > target;)
                if (!migrations[i].reversible) {
                    if (!report.migrations.empty()) reseal();  // (the downs this one committed)
                    throw refusal(migration_failure::irreversible,
                                  detail::format("{} would pass migration {} \"{}\", which is irreversible "
                                                 "(execute_irreversible or run<fn> without a down); {}",
                                                 call("downgrade_to", std::to_string(target_version)), migrations[i].version,
                                                 migrations[i].name,
                                                 report.migrations.empty() ? "nothing was changed"
                                                                           : "stopped there (another migrator applied it while "
                                                                             "this one waited)"),
                                  migrations[i].version, string_t(migrations[i].name));
                }
        };
        refuse_irreversible(in.applied);
        refuse_blocked_drops(migrations, in.applied, target, target_version);
        refuse_tables_elsewhere(in.applied, target, "downgrade_to", target_version);
        log(log_level::info, detail::format("strata: {}: downgrading {} from version {} to {} ({})", opt_.chain, db_.describe(),
                                         report.from, target_version, migrations_text(in.applied - target)));
        std::size_t total = in.applied - target;
        const auto started = clock::now();
        while (in.applied > target) {
            const std::size_t i = in.applied - 1;
            if (auto run = apply_waiting(migrations[i], i, direction::down, report.migrations.size() + 1, total)) {
                report.migrations.push_back(*run);
                --in.applied;
            } else {
                in = checked(read_rows());
                if (in.applied < target) refuse_passed_meanwhile("downgrade_to", target_version, in.applied);
                refuse_irreversible(in.applied);
                total = report.migrations.size() + (in.applied - target);
            }
        }
        report.to = version_at(in.applied);
        report.duration = since(started);
        reseal();
        log(log_level::info, detail::format("strata: {}: at version {} ({}, {})", opt_.chain, report.to,
                                         migrations_text(report.migrations.size()), ms_text(report.duration)));
        return report;
    }

    // A DROP TABLE on the way (down, or up) of a table that a table the chain does not know
    // references (the application's own, another chain's, one execute<> made) fails there, or on
    // SQLite is refused there (refuse_referenced_drop), after the migrations before it committed,
    // the database left at a version nobody asked for: refused before the first, naming both; so
    // is a drop (or a SQLite rebuild) of what a view uses (view_using). (The chain's own tables
    // reference it no more when its drop comes: the typed state says so; nor does a table a
    // statement before it drops, or drops a key or column of: a DROP TABLE statement that names
    // it, an ALTER TABLE of it that DROPs something.) The table is looked up by the name it has
    // now: down, before the downs of later renames; up, before the ups of earlier ones (one the
    // path makes is used by nothing yet).
    template <class Migrations>
    void refuse_blocked_drops(const Migrations& migrations, std::size_t from, std::size_t target, std::uint64_t target_version) {
        const bool up = from < target;
        const char* const verb = up ? "upgrade_to" : "downgrade_to";
        const char* const side = up ? "up" : "down";
        const char* const before_it = up ? "after the migrations before it" : "after the downs before it";
        const bool lite = db_.dialect() == dialect_id::sqlite;
        auto same = [&](std::string_view a, std::string_view b) { return lite ? detail::same_ignoring_case(a, b) : a == b; };
        vector_t<string_t> released;  // tables the downs run so far on the way drop, or drop a key or column of
        vector_t<string_t> dropped;   // what those downs drop: tables, views, triggers, functions
        // A name as the database reads it: PostgreSQL folds an unquoted one to lower case.
        auto name_of = [&](const sql_token& t) {
            string_t n = detail::sql_unquote(t);
            if (!lite && t.kind == sql_token::word)
                for (char& c : n) c = detail::sql_lower(c);
            return n;
        };
        auto release = [&](const string_t& text) {  // (statement by statement: an execute<>'s own, in any spelling)
            vector_t<const sql_token*> words;  // the current statement's words and quoted names
            auto word = [&](std::size_t k, std::string_view w) {
                return k < words.size() && words[k]->kind == sql_token::word && detail::sql_iequal(words[k]->text, w);
            };
            auto settle = [&] {
                std::size_t k = 2 + (word(1, "MATERIALIZED") ? 1 : 0);
                if (word(0, "DROP") && (word(1, "TABLE") || word(k - 1, "VIEW") || word(1, "TRIGGER") || word(1, "FUNCTION") ||
                                        word(1, "PROCEDURE"))) {
                    for (; k < words.size(); ++k)
                        if (!(word(k, "IF") || word(k, "EXISTS") || word(k, "CASCADE") || word(k, "RESTRICT"))) {
                            if (word(1, "TABLE")) released.push_back(name_of(*words[k]));
                            dropped.push_back(name_of(*words[k]));
                        }
                } else if (word(0, "ALTER") && word(1, "TABLE")) {
                    while (word(k, "IF") || word(k, "EXISTS") || word(k, "ONLY")) ++k;
                    bool drops = false;
                    for (std::size_t j = k + 1; j < words.size(); ++j) drops = drops || word(j, "DROP");
                    if (k < words.size() && drops) released.push_back(name_of(*words[k]));
                }
                words.clear();
            };
            const vector_t<sql_token> tokens = detail::sql_tokens(text, !lite);
            for (const sql_token& t : tokens) {
                if (t.kind == sql_token::punct && t.text == ";") settle();
                else if (t.kind == sql_token::word || t.kind == sql_token::quoted) words.push_back(&t);
            }
            settle();
        };
        auto path_names = [&](const string_t& t) {
            return std::any_of(released.begin(), released.end(), [&](const string_t& r) { return same(r, t); });
        };
        auto gone = [&](const string_t& t) {
            return std::any_of(dropped.begin(), dropped.end(), [&](const string_t& r) { return same(r, t); });
        };
        // The name a table (and column) of migration i's state has now: down, the migrations after
        // it may have renamed them; up, those before it on the path (empty: the path makes it).
        auto live_names = [&](std::size_t i, string_t table, string_t column) {
            if (up) {
                for (std::size_t j = i; j-- > from;)
                    for (std::size_t k = chain_.descs[j].nops; k-- > 0;) {
                        const auto& op = chain_.descs[j].ops[k];
                        if (op.kind == op_kind::rename_column && same(op.table, table) && same(op.new_name, column))
                            column = string_t(op.name);
                        else if (op.kind == op_kind::rename_table && same(op.new_name, table))
                            table = string_t(op.table);
                        else if ((op.kind == op_kind::create_table && same(op.table, table)) ||
                                 (op.kind == op_kind::add_column && same(op.table, table) && same(op.name, column)))
                            return std::pair{string_t(), string_t()};
                    }
                return std::pair{table, column};
            }
            for (std::size_t j = i + 1; j < from; ++j)
                for (std::size_t k = 0; k < chain_.descs[j].nops; ++k) {
                    const auto& op = chain_.descs[j].ops[k];
                    if (op.kind == op_kind::rename_column && same(op.table, table) && same(op.name, column))
                        column = string_t(op.new_name);
                    else if (op.kind == op_kind::rename_table && same(op.table, table))
                        table = string_t(op.new_name);
                }
            return std::pair{table, column};
        };
        // (an upgrade, the start-up path, from version 0 above all, mostly drops only what the
        // path made: then there is nothing to ask the database, nor any statement to read)
        if (up) {
            bool there = false;
            for (std::size_t i = from; i < target && !there; ++i) {
                for (std::size_t k = 0; k < chain_.descs[i].nops && !there; ++k) {
                    const auto& op = chain_.descs[i].ops[k];
                    if (op.kind == op_kind::drop_table || op.kind == op_kind::drop_column)
                        there = !live_names(i, string_t(op.table), "").first.empty();
                }
                for (const step& st : migrations[i].up_steps)  // (a SQLite rebuild's guard names its table, quoted)
                    if (!there && st.kind == step_kind::rebuild_guard && !st.fragments.empty() && st.fragments[0].view().size() >= 2) {
                        const std::string_view q = st.fragments[0].view();
                        there = !live_names(i, string_t(q.substr(1, q.size() - 2)), "").first.empty();
                    }
            }
            if (!there) return;
        }
        const dependent_t<chain_names, Tag> names = names_of(chain_.descs, chain_.size);  // (after the early return)
        auto chain_table = [&](const string_t& t) {
            return std::any_of(names.tables.begin(), names.tables.end(), [&](const string_t& c) { return same(c, t); });
        };
        for (std::size_t n = 0; n < (up ? target - from : from - target); ++n) {
            const std::size_t i = up ? from + n : from - 1 - n;
            vector_t<string_t> rebuilt;  // (a SQLite rebuild drops the table it makes again: no row goes)
            const std::span<const step> steps = up ? migrations[i].up_steps : migrations[i].down_steps;
            // The renames of the migration's statements so far (strata's spelling): a drop after
            // one names what it renamed, which the database has under its old name now.
            vector_t<std::array<string_t, 3>> renamed;  // table (before), column ("": the table), new name
            auto now_names = [&](string_t table, string_t column) {
                for (std::size_t r = renamed.size(); r-- > 0;) {
                    const auto& [t, c, to] = renamed[r];
                    if (c.empty() && same(table, to)) table = t;
                    else if (!c.empty() && same(table, t) && same(column, to)) column = c;
                }
                return live_names(i, table, column);
            };
            for (const step& st : steps) {
                if (st.kind != step_kind::sql) continue;
                const string_t text = st.sql();
                release(text);  // (a statement that drops the table is no block of its own drop)
                if (constexpr std::string_view alter = "ALTER TABLE \""; text.starts_with(alter) && text.ends_with("\"")) {
                    const std::size_t end = text.find('"', alter.size());
                    const string_t t = text.substr(alter.size(), end - alter.size());
                    const std::string_view rest = std::string_view(text).substr(end);
                    constexpr std::string_view to_table = "\" RENAME TO \"", to_column = "\" RENAME COLUMN \"", to = "\" TO \"";
                    if (rest.starts_with(to_table) && !t.starts_with("_strata_new_")) {  // (not a rebuild's own)
                        renamed.push_back({t, "", string_t(rest.substr(to_table.size(), rest.size() - to_table.size() - 1))});
                    } else if (rest.starts_with(to_column)) {
                        const std::size_t mid = rest.find(to, to_column.size());
                        if (mid != std::string_view::npos)
                            renamed.push_back({t, string_t(rest.substr(to_column.size(), mid - to_column.size())),
                                               string_t(rest.substr(mid + to.size(), rest.size() - mid - to.size() - 1))});
                    }
                }
                // A view the chain does not know, over what the statement drops (or, SQLite,
                // rebuilds), as strata spells them.
                auto refuse_used = [&](const string_t& what, const string_t& table, const string_t& column) {
                    const auto [live, live_column] = now_names(table, column);
                    if (live.empty()) return;  // (made on the way: nothing uses it yet)
                    // (a foreign key is no block from a table a statement before drops, or drops a column
                    // or key of: the chain's own keys to what it drops go so, the typed state says)
                    const string_t by = view_using(live, live_column, !what.starts_with("drops table"), gone,
                                                      [&](const string_t& t) { return gone(t) || path_names(t); });
                    if (by.empty()) return;
                    if (by.front() == '!')  // (SQLite: a view or trigger it cannot read any more)
                        throw refusal(migration_failure::unknown_objects,
                                      detail::format("{} would pass migration {} \"{}\", whose {} {}{}: SQLite cannot tell what uses "
                                                     "it, as it cannot read a view or trigger of the database any more ({}), and "
                                                     "every ALTER TABLE fails on that. Mend or drop it first; nothing was changed",
                                                     call(verb, std::to_string(target_version)), migrations[i].version,
                                                     migrations[i].name, side, what,
                                                     live == table ? string_t() : detail::format(" (\"{}\" now)", live), by.substr(1)),
                                      migrations[i].version, string_t(migrations[i].name));
                    throw refusal(migration_failure::unknown_objects,
                                  detail::format("{} would pass migration {} \"{}\", whose {} {}{}, which {} uses (not an object of "
                                                 "this chain): {}. Drop it first (and make it again after the {} if it is still "
                                                 "wanted){}; nothing was changed",
                                                 call(verb, std::to_string(target_version)), migrations[i].version,
                                                 migrations[i].name, side, what,
                                                 live == table ? string_t() : detail::format(" (\"{}\" now)", live), by,
                                                 !lite ? detail::format("PostgreSQL would refuse it there (that depends on "
                                                                        "it), {}", before_it)
                                                 : by.starts_with("trigger") && column.empty()
                                                     ? "SQLite would let it go, and then every write to the trigger's table, and "
                                                       "every ALTER TABLE after it, would fail on the trigger (error in trigger)"
                                                 : column.empty() && what.starts_with("drops")
                                                     ? "SQLite would leave the view referencing nothing, and refuse every ALTER "
                                                       "TABLE after it (error in view)"
                                                     : detail::format("SQLite would refuse it there (error in view, or in trigger), {}; "
                                                                      "or, where the view writes the column's name in double "
                                                                      "quotes, let it go and read that name as a text from then on",
                                                                      before_it),
                                                 up ? "upgrade" : "downgrade",
                                                 up ? detail::format(", or restate it around the change (execute<> steps before "
                                                                     "and after it in migration {})",
                                                                     migrations[i].version)
                                                    : string_t()),
                                  migrations[i].version, string_t(migrations[i].name));
                };
                if (constexpr std::string_view made = "CREATE TABLE \"_strata_new_"; text.starts_with(made)) {
                    rebuilt.push_back(text.substr(made.size(), text.find('"', made.size()) - made.size()));
                    refuse_used(detail::format("rebuilds table \"{}\" (SQLite: a new table renamed into its place)", rebuilt.back()),
                                rebuilt.back(), "");
                }
                if (constexpr std::string_view alter = "ALTER TABLE \"", drop = "\" DROP COLUMN \"";
                    text.starts_with(alter) && text.ends_with("\"")) {
                    const std::size_t mid = text.find(drop, alter.size());
                    if (mid != string_t::npos && text.find('"', alter.size()) == mid) {
                        const string_t table = text.substr(alter.size(), mid - alter.size());
                        const string_t column = text.substr(mid + drop.size(), text.size() - 1 - mid - drop.size());
                        if (column.find('"') == string_t::npos)
                            refuse_used(detail::format("drops column \"{}\".\"{}\"", table, column), table, column);
                    }
                }
                if (!text.starts_with("DROP TABLE \"") || text.find('"', 12) != text.size() - 1) continue;
                const string_t table = text.substr(12, text.size() - 13);
                if (std::find(rebuilt.begin(), rebuilt.end(), table) != rebuilt.end()) continue;
                const string_t live = now_names(table, "").first;
                if (live.empty()) continue;  // (made on the way: nothing references it yet)
                const value p[] = {live};
                string_t by;
                // (PostgreSQL: a table of another schema is no table of the chain's, whatever its name)
                auto note = [&](const row& r) {
                    const string_t t = r.get<string_t>(0);
                    const bool here = lite || r.get<bool>(2);
                    if (by.empty() && !(here && (chain_table(t) || path_names(t))))
                        by = detail::format("table {} (column {})", here ? "\"" + t + "\"" : r.get<string_t>(3), r.get<string_t>(1));
                };
                if (lite)
                    db_.execute("SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE "
                                "m.type = 'table' AND f.\"table\" = $1 COLLATE NOCASE AND m.name <> $1 COLLATE NOCASE",
                                p, note);
                else
                    db_.execute("SELECT t.relname, a.attname, n.nspname = current_schema(), '\"' || replace(n.nspname, '\"', "
                                "'\"\"') || '\".\"' || replace(t.relname, '\"', '\"\"') || '\"' FROM pg_constraint c, pg_class t, pg_namespace n, pg_attribute a WHERE "
                                "c.contype = 'f' AND c.confrelid = to_regclass(quote_ident($1)) AND c.conrelid <> c.confrelid "
                                "AND t.oid = c.conrelid AND n.oid = t.relnamespace AND a.attrelid = c.conrelid AND "
                                "a.attnum = c.conkey[1] ORDER BY 3 DESC, 1",
                                p, note);
                if (!by.empty())
                    throw refusal(migration_failure::foreign_key_violation,
                                  detail::format("{} would pass migration {} \"{}\", whose {} drops table \"{}\"{}, which {} "
                                                 "references by a foreign key (not a table of this chain): the drop would be "
                                                 "refused there{}, {}. Drop that foreign key, or its "
                                                 "table, first; nothing was changed",
                                                 call(verb, std::to_string(target_version)), migrations[i].version,
                                                 migrations[i].name, side, table,
                                                 live == table ? string_t() : detail::format(" (\"{}\" now)", live), by,
                                                 lite ? " (SQLite's DROP TABLE would delete or change its rows)" : " (PostgreSQL)",
                                                 before_it),
                                  migrations[i].version, string_t(migrations[i].name));
                // SQLite reads a view's (or trigger's) names when it runs it: a table the migration
                // makes again after the drop leaves it as it was. (PostgreSQL's views hold the table
                // itself: it refuses the drop.)
                const string_t again = "CREATE TABLE \"" + table + "\" (";
                if (lite && std::any_of(steps.begin() + (&st - steps.data()) + 1, steps.end(),
                                        [&](const step& later) { return later.kind == step_kind::sql && later.sql().starts_with(again); }))
                    continue;
                refuse_used(detail::format("drops table \"{}\"", table), table, "");
            }
        }
    }

    // The first view (its name, quoted; PostgreSQL: also a materialized view, or another table's
    // foreign key to the column) that uses `table` now, or its `column` when one is given, and
    // that is not `released` (dropped by a down before): PostgreSQL reads its dependencies;
    // SQLite, which keeps none, asks SQLite (below); and, SQLite, a trigger, whose DROP TABLE or
    // DROP COLUMN SQLite allows, after which every write to its table, and every later ALTER
    // TABLE, fails on it.
    template <class Released, class Unkeyed>
    string_t view_using(const string_t& table, const string_t& column, bool alters, const Released& released,
                           const Unkeyed& unkeyed) {
        string_t by;
        const value p[] = {table, column};
        if (db_.dialect() != dialect_id::sqlite) {
            // (an object of another schema is no object a down drops, whatever its name: named with its schema)
            auto named = [&](const row& r) {
                return r.get<bool>(1) ? "\"" + r.get<string_t>(0) + "\"" : r.get<string_t>(2);
            };
            const string_t same = "n.nspname = current_schema(), '\"' || replace(n.nspname, '\"', '\"\"') || '\".\"' || "
                                     "replace(v.relname, '\"', '\"\"') || '\"'";
            db_.execute("SELECT v.relname, " + same + ", v.relkind = 'm' FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid "
                        "JOIN pg_class v ON v.oid = w.ev_class JOIN pg_namespace n ON n.oid = v.relnamespace WHERE d.classid = "
                        "'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = to_regclass(quote_ident($1)) "
                        "AND v.oid <> d.refobjid AND ($2 = '' OR d.refobjsubid = (SELECT a.attnum FROM pg_attribute a WHERE "
                        "a.attrelid = d.refobjid AND a.attname = $2)) ORDER BY 2 DESC, 1",
                        p, [&](const row& r) {
                            if (by.empty() && !(r.get<bool>(1) && released(r.get<string_t>(0))))
                                by = detail::format("{} {}", r.get<bool>(3) ? "materialized view" : "view", named(r));
                        });
            if (by.empty() && !column.empty())
                db_.execute("SELECT v.relname, " + same + " FROM pg_constraint c JOIN pg_class v ON v.oid = c.conrelid JOIN "
                            "pg_namespace n ON n.oid = v.relnamespace WHERE c.contype = 'f' AND c.confrelid = "
                            "to_regclass(quote_ident($1)) AND c.conrelid <> c.confrelid AND (SELECT a.attnum FROM pg_attribute a "
                            "WHERE a.attrelid = c.confrelid AND a.attname = $2) = ANY (c.confkey) ORDER BY 2 DESC, 1",
                            p, [&](const row& r) {
                                if (by.empty() && !(r.get<bool>(1) && unkeyed(r.get<string_t>(0))))
                                    by = detail::format("the foreign key of table {}", named(r));
                            });
            // (a function whose body is SQL-standard, BEGIN ATOMIC: PostgreSQL keeps what it uses)
            if (by.empty())
                db_.execute("SELECT f.proname, f.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()), "
                            "f.oid::regprocedure::text FROM pg_depend d JOIN pg_proc f ON f.oid = d.objid WHERE d.classid = "
                            "'pg_proc'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = to_regclass(quote_ident($1)) "
                            "AND ($2 = '' OR d.refobjsubid = (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = d.refobjid AND "
                            "a.attname = $2)) ORDER BY 2 DESC, 3",
                            p, [&](const row& r) {
                                if (by.empty() && !(r.get<bool>(1) && released(r.get<string_t>(0))))
                                    by = "function " + r.get<string_t>(2);
                            });
            return by;
        }
        // SQLite's own reading of names: the table (or column) renamed in a transaction rolled back
        // at once rewrites every view and trigger that uses it (the temporary schema's too), as its
        // check of the schema at an ALTER TABLE reads them. (A ROLLBACK, never a commit: a reader
        // does not stop it, and the file is left as it was. A trigger on the table itself goes
        // with it when the table is dropped or rebuilt.)
        bool there = false;
        const value tp[] = {table};
        db_.execute(column.empty() ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1 COLLATE NOCASE"
                                   : "SELECT 1 FROM pragma_table_xinfo($1) WHERE name = $2 COLLATE NOCASE",
                    column.empty() ? std::span<const value>(tp) : std::span<const value>(p), [&](const row&) { there = true; });
        if (!there) return by;  // (missing now: the down fails on that, not on a view)
        auto objects = [&] {
            vector_t<std::array<string_t, 4>> o;  // type, name, table, SQL
            db_.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') AND NOT (type = "
                        "'trigger' AND tbl_name = 'strata_migrations') UNION ALL SELECT type, name, tbl_name, sql FROM sqlite_temp_master WHERE type IN "
                        "('view', 'trigger')",
                        {}, [&](const row& r) {
                            o.push_back({r.get<string_t>(0), r.get<string_t>(1), r.get<string_t>(2),
                                         r.is_null(3) ? string_t() : r.get<string_t>(3)});
                        });
            return o;
        };
        const auto before = objects();
        if (before.empty()) return by;
        vector_t<std::array<string_t, 4>> after;
        string_t broken;
        const bool outer = !db_.in_transaction();
        db_.execute(outer ? "BEGIN" : "SAVEPOINT \"strata_probe\"", {}, {});
        try {
            try {
                db_.execute("ALTER TABLE " + detail::sql_quoted(table) +
                                (column.empty() ? " RENAME TO \"strata probe of a dropped table\""
                                                : " RENAME COLUMN " + detail::sql_quoted(column) + " TO \"strata probe of a dropped column\""),
                            {}, {});
                after = objects();
            } catch (const database_error& e) {
                if (e.lock_timeout()) throw;
                // A view or trigger broken already (or of a module this connection lacks): SQLite
                // cannot read the schema, and every ALTER TABLE fails on it; said when the down
                // alters a table (a DROP TABLE does not read it). Anything else: nothing to tell.
                const string_t why = e.driver_message();
                if (alters && (why.starts_with("error in view") || why.starts_with("error in trigger"))) broken = why;
            }
            db_.execute(outer ? "ROLLBACK" : "ROLLBACK TO \"strata_probe\"", {}, {});
            if (!outer) db_.execute("RELEASE \"strata_probe\"", {}, {});
        } catch (...) {
            if (outer) db_.rollback();
            throw;
        }
        if (!broken.empty()) return "!" + broken;  // (said so by refuse_used)
        for (std::size_t k = 0; k < before.size() && k < after.size(); ++k) {
            const auto& [type, name, on, sql] = before[k];
            if (after[k][3] == sql || released(name) || released(on)) continue;
            if (type == "view") return detail::format("view \"{}\"", name);
            if (!column.empty() || !detail::same_ignoring_case(on, table)) return detail::format("trigger \"{}\" on table \"{}\"", name, on);
        }
        return by;
    }

    // PostgreSQL: the statements name tables, indexes and types without their schema, and
    // PostgreSQL looks such a name up along the whole search_path: one of the chain's missing from
    // this schema (dropped by hand, a partial restore) that another schema further along has would
    // be altered, or dropped with its rows, there. Refused before the first migration of the path
    // from `from` to `to` (up when from < to), naming both schemas: what its operations name, in
    // the order they run, but what the path made before (up: create_table, create_index,
    // create_enum, rename_table's new name; a down: what it makes again).
    void refuse_tables_elsewhere(std::size_t from, std::size_t to, const char* verb, std::uint64_t target_version) {
        if (db_.dialect() != dialect_id::postgres || from == to) return;
        const bool up = from < to;
        const path_names along = names_along(chain_.descs, from, to);
        const vector_t<string_t>&relations = along.relations, &types = along.types;
        const vector_t<std::size_t>&relation_at = along.relation_at, &type_at = along.type_at;
        // The first name that PostgreSQL finds in another schema (as a relation, or as a type).
        auto elsewhere = [&](const vector_t<string_t>& names, const char* lookup) {
            std::tuple<string_t, string_t, string_t, std::size_t> found;
            string_t list;  // (one text, split by the server: no array parameter needed)
            for (const string_t& x : names) list += (list.empty() ? "" : "\x1f") + x;
            if (list.empty()) return found;
            const value p[] = {list};
            db_.execute(detail::format("SELECT t.name, n.nspname, current_schema(), t.i FROM unnest(string_to_array($1, chr(31))) "
                                       "WITH ORDINALITY t(name, i) {} WHERE n.nspname <> current_schema() ORDER BY t.i LIMIT 1",
                                       lookup),
                        p, [&](const row& r) {
                            found = {r.get<string_t>(0), r.get<string_t>(1), r.get<string_t>(2),
                                     static_cast<std::size_t>(r.get<std::int64_t>(3) - 1)};
                        });
            return found;
        };
        auto refuse = [&](const std::tuple<string_t, string_t, string_t, std::size_t>& f, const char* what,
                          const vector_t<std::size_t>& at) {
            const auto& [x, there, here, k] = f;
            if (x.empty()) return;
            const migration_desc& m = chain_.descs[at[k]];
            throw refusal(migration_failure::unknown_state,
                          detail::format("{} would run migration {} \"{}\", whose statements name {} \"{}\": it is not in schema "
                                         "\"{}\", but one of that name is in schema \"{}\", further along the search_path, which "
                                         "they would {} instead. Make it again in \"{}\" as the chain has it (verify() lists "
                                         "what differs), or correct the search_path; nothing was changed",
                                         call(verb, std::to_string(target_version)), m.version, m.name, what, x, here, there,
                                         up ? "change" : "change, or drop with its rows,", here),
                          m.version, string_t(m.name));
        };
        refuse(elsewhere(relations, "JOIN pg_class c ON c.oid = to_regclass(quote_ident(t.name)) JOIN pg_namespace n ON n.oid = "
                                    "c.relnamespace"),
               "table (or index)", relation_at);
        refuse(elsewhere(types, "JOIN pg_type y ON y.oid = to_regtype(quote_ident(t.name)) JOIN pg_namespace n ON n.oid = "
                                "y.typnamespace"),
               "type", type_at);
    }

    // PostgreSQL: a chain with no migration in this schema, whose migrations a schema further
    // along the search_path holds. A tenant's first upgrade beside the shared schema's; or a
    // schema made since in front of the application's (one named after the role, which the
    // default "$user", public finds first): the application would find its tables empty there.
    // Said, as a warning (both are upgrades from version 0 of this schema).
    void note_history_elsewhere() {
        if (db_.dialect() != dialect_id::postgres) return;
        vector_t<string_t> schemas;
        string_t here;
        db_.execute("SELECT n.nspname, current_schema() FROM unnest(current_schemas(false)) WITH ORDINALITY s(name, i) JOIN "
                    "pg_namespace n ON n.nspname = s.name JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = "
                    "'strata_migrations' AND c.relkind IN ('r', 'p') WHERE n.nspname <> current_schema() ORDER BY s.i",
                    {}, [&](const row& r) {
                        schemas.push_back(r.get<string_t>(0));
                        here = r.get<string_t>(1);
                    });
        const value p[] = {opt_.chain};
        for (const string_t& schema : schemas) {
            std::int64_t n = 0, top = 0;
            try {
                db_.execute("SELECT count(*), coalesce(max(\"version\"), 0) FROM " + detail::sql_quoted(schema) +
                                ".\"strata_migrations\" WHERE \"chain\" = $1",
                            p, [&](const row& r) {
                                n = r.get<std::int64_t>(0);
                                top = r.get<std::int64_t>(1);
                            });
            } catch (const database_error&) {
                continue;  // (not this role's to read)
            }
            if (n == 0) continue;
            log(log_level::warning,
                detail::format("strata: {}: schema \"{}\" has no migration of this chain, but schema \"{}\", further along the "
                               "search_path, has its migrations through version {}: this upgrade makes the chain's tables in "
                               "\"{}\" from version 0. If the application's tables are in \"{}\", the search_path now finds "
                               "\"{}\" first (a schema named after the role, made since?): stop, and correct it",
                               opt_.chain, here, schema, top, here, schema, here));
            return;
        }
    }

    // Another migrator, on a backend whose lock does not keep it out while this one reads (SQLite),
    // took the database past this one's target while it waited: the report would say "as asked".
    // (No advice to go back: that would undo the other one's work.)
    [[noreturn]] void refuse_passed_meanwhile(const char* verb, std::uint64_t target_version, std::size_t applied) {
        reseal();
        throw refusal(migration_failure::wrong_direction,
                      detail::format("{} but the database is at version {}: another migrator took it there while this one "
                                     "waited (what this one applied before, if anything, the log says); nothing more was done",
                                     call(verb, std::to_string(target_version)), version_at(applied)));
    }

    plan_report plan_impl(std::uint64_t target_version) {
        const std::size_t target = count_through(target_version);
        const inspection in = checked(read_rows());
        plan_report p;
        p.chain = opt_.chain;
        p.from = version_at(in.applied);
        p.to = version_at(target);
        if (in.applied == target) return p;
        const auto& migrations = sql().migrations();
        const bool up = in.applied < target;
        if (up)  // (what upgrade would refuse)
            if (const string_t unrecorded = changes_there_unrecorded(in.applied); !unrecorded.empty())
                throw refusal(migration_failure::unknown_state, unrecorded);
        // (what either would refuse before its first migration, from the catalog alone; an
        // irreversible one, below. Not the blocked drops: SQLite's check of them takes the write lock.)
        refuse_tables_elsewhere(in.applied, target, "plan", target_version);
        auto add = [&](const migration_sql& m, direction dir) { p.migrations.push_back(planned(m, dir, db_.dialect())); };
        if (up)
            for (std::size_t i = in.applied; i < target; ++i) add(migrations[i], direction::up);
        else
            for (std::size_t i = in.applied; i-- > target;) {
                if (!migrations[i].reversible)
                    throw refusal(migration_failure::irreversible,
                                  detail::format("plan({}) passes migration {} \"{}\", which is irreversible", target_version,
                                              migrations[i].version, migrations[i].name),
                                  migrations[i].version, string_t(migrations[i].name));
                add(migrations[i], direction::down);
            }
        return p;
    }

    verify_report verify_impl() {
        verify_report r;
        // The rows, then the live schema, then the rows again: a migration another process
        // committed in between would be drift (verify takes no lock); read again, a few times.
        vector_t<applied_migration> rows = read_rows();
        for (int attempt = 1;; ++attempt) {
            r = verify_report{};
            r.chain = opt_.chain;
            const inspection in = inspect(rows);
            r.checksum_problems = in.checksum_problems;
            if (in.problem && in.problem->kind() != migration_failure::checksum_changed)
                r.record_problems.push_back(in.problem->what());
            // The live schema against the version the rows record, changed or dirty as they may
            // be; rows this code cannot place (ahead, unknown, a gap) name no schema to compare with.
            const std::size_t at = recorded_prefix(rows);
            r.version = at != npos ? version_at(at) : rows.back().version;
            if (at == npos) break;
            diff_live(at, r.missing, r.unexpected);
            if (r.ok() || attempt == 5) break;
            vector_t<applied_migration> again = read_rows();
            if (same_rows(again, rows)) break;
            rows = std::move(again);
        }
        if (r.ok())
            log(log_level::info, detail::format("strata: {}: verified: {} at version {} matches schema_at<{}>", opt_.chain,
                                             db_.describe(), r.version, r.version));
        else
            log(log_level::warning, detail::format("strata: {}: {} at version {} differs:\n{}", opt_.chain, db_.describe(),
                                                r.version, trimmed(r.text())));
        return r;
    }

    static bool same_rows(const vector_t<applied_migration>& a, const vector_t<applied_migration>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const applied_migration& x, const applied_migration& y) {
            return x.version == y.version && x.checksum == y.checksum && x.dirty == y.dirty && x.applied_at == y.applied_at;
        });
    }

    void baseline_impl(std::uint64_t version) {
        const std::size_t n = count_through(version);
        lock_guard lock(*this);
        // Rows recorded already (a row deleted by hand, migrations applied outside strata): the
        // migrations after them up to V are recorded, as Alembic's stamp does, when the rows are
        // this code's, clean, and below V.
        auto recorded = [&] {
            const vector_t<applied_migration> rows = read_rows();
            if (rows.empty()) return std::size_t{0};
            const inspection in = inspect(rows);
            if (in.problem || in.applied >= n)
                throw refusal(migration_failure::unknown_state,
                              detail::format("{}: the chain already has applied migrations in {}{}; baseline adopts a "
                                             "database strata has not migrated, or records the migrations after the "
                                             "chain's last row up to V",
                                             call("baseline", std::to_string(version)), db_.describe(),
                                             in.problem ? " (" + string_t(after_strata(in.problem->what())) + ")"
                                                        : detail::format(", through version {}", version_at(in.applied))));
            return in.applied;
        };
        const std::size_t from = recorded();
        vector_t<string_t> missing, unexpected;
        diff_live(n, missing, unexpected);
        if (!missing.empty() || !unexpected.empty())
            throw refusal(migration_failure::schema_mismatch,
                          detail::format("{}: the live schema of {} is not schema_at<{}>; nothing was recorded:\n{}",
                                      call("baseline", std::to_string(version)), db_.describe(), version,
                                      trimmed(diff_text(version, missing, unexpected))),
                          version);
        warn_missing_seed_rows_through(n);
        ensure_tracking_table();
        db_transaction tx(db_);
        if (recorded() != from)  // (again: on SQLite, whose lock keeps no other migrator out, only the transaction does)
            throw refusal(migration_failure::unknown_state,
                          detail::format("{}: another migrator recorded migrations meanwhile; nothing was recorded",
                                         call("baseline", std::to_string(version))));
        // Background steps are left pending, to run at the next start: whether their data is
        // there (a backfill another tool never ran) no schema shows, and they are idempotent
        // by contract, where a data step in the transaction is not run again.
        for (std::size_t i = from; i < n; ++i) insert_row(i, std::chrono::microseconds{0}, false, has_background(chain_.descs[i]));
        tx.commit();
        reseal();
        for (std::size_t i = from; i < n; ++i)
            if (has_background(chain_.descs[i]))
                log(log_level::info, detail::format("strata: {}: baseline: migration {} \"{}\" has background steps: left "
                                                    "pending (baseline cannot see their data); they run at the next start",
                                                    opt_.chain, chain_.descs[i].version, chain_.descs[i].name));
        log(log_level::info, detail::format("strata: {}: baseline: {} recorded at version {} ({})", opt_.chain,
                                         db_.describe(), version, migrations_text(n - from)));
    }

    string_t skip_background_impl(std::uint64_t version) {
        const std::size_t i = index_of(version);
        if (i == npos)
            throw refusal(migration_failure::no_such_version,
                          detail::format("{}: this code has no migration {}; nothing was changed", call("skip_background", std::to_string(version)), version),
                          version);
        const std::string_view name = chain_.descs[i].name;
        std::optional<applied_migration> row;
        if (db_.has_table(tracking_table)) {
            lock_guard lock(*this);
            for (const applied_migration& r : read_rows(true))
                if (r.version == version) row = r;
            if (row && row->background_pending) {
                const value p[] = {utc_now(), opt_.chain, static_cast<std::int64_t>(version)};
                db_.execute("UPDATE \"strata_migrations\" SET \"background_pending\" = FALSE, \"background_done_at\" = $1 "
                            "WHERE \"chain\" = $2 AND \"version\" = $3",
                            p, {});
                reseal();
                const string_t done = detail::format(
                    "migration {} \"{}\": its background steps are recorded done without running; what they were to "
                    "fill is yours to check",
                    version, name);
                log(log_level::warning, detail::format("strata: {}: {}", opt_.chain, done));
                return done;
            }
        }
        if (!row)
            throw refusal(migration_failure::wrong_direction,
                          detail::format("{}: migration {} \"{}\" is not applied: its background steps run after it; nothing "
                                         "was changed",
                                         call("skip_background", std::to_string(version)), version, name),
                          version, string_t(name));
        log(log_level::info, detail::format("strata: {}: migration {} \"{}\" has no background step pending: nothing to skip",
                                            opt_.chain, version, name));
        return {};
    }

    vector_t<string_t> repair_impl() {
        vector_t<string_t> done;
        if (!db_.has_table(tracking_table)) {
            log(log_level::info, detail::format("strata: {}: repair: nothing recorded, nothing to repair", opt_.chain));
            return done;
        }
        lock_guard lock(*this);
        const vector_t<applied_migration> rows = read_rows(true);
        // What cannot be repaired here is refused before anything is written.
        for (std::size_t k = 0; k < rows.size(); ++k) {
            const applied_migration& r = rows[k];
            const std::size_t i = index_of(r.version);
            if (i == npos && r.version > head())
                throw refusal(migration_failure::database_ahead,
                              detail::format("repair: migration {} \"{}\" is recorded but this code's head is {}: deploy the "
                                          "code that has it, or downgrade with it; nothing was changed",
                                          r.version, r.name, head()),
                              r.version, r.name);
            if (i != k)
                throw refusal(migration_failure::unknown_state,
                              detail::format("repair: the recorded migrations are not a prefix of the chain (migration {} "
                                          "\"{}\" at position {}); repair does not guess: fix strata_migrations by hand; "
                                          "nothing was changed",
                                          r.version, r.name, k + 1),
                              r.version, r.name);
        }
        for (const applied_migration& r : rows)
            if (!same_as_code(r, index_of(r.version))) refuse_missing_seed_rows(r, index_of(r.version));
        refuse_changes_the_database_lacks(rows);
        db_transaction tx(db_);
        std::size_t kept = rows.size();  // the rows still recorded after the repair
        for (const applied_migration& r : rows) {
            const std::size_t i = index_of(r.version);
            const migration_desc& m = chain_.descs[i];
            if (r.dirty) {
                vector_t<string_t> missing_done, unexpected_done, missing_undone, unexpected_undone;
                diff_live(i + 1, missing_done, unexpected_done);
                diff_live(i, missing_undone, unexpected_undone);
                if (missing_done.empty() && unexpected_done.empty()) {
                    const value p[] = {opt_.chain, static_cast<std::int64_t>(r.version)};
                    db_.execute("UPDATE \"strata_migrations\" SET \"dirty\" = FALSE WHERE \"chain\" = $1 AND \"version\" = $2", p, {});
                    done.push_back(detail::format("migration {} \"{}\": the database has it: marked done", r.version, m.name));
                } else if (missing_undone.empty() && unexpected_undone.empty()) {
                    // (rows after it, from a bookkeeping table edited by hand: deleting this one
                    // would leave them behind a gap; the transaction is not committed)
                    if (i + 1 < rows.size())
                        throw refusal(migration_failure::unknown_state,
                                      detail::format("repair: migration {} \"{}\" is dirty and the database does not have it, "
                                                     "but migration {} \"{}\" is recorded after it; repair does not guess: fix "
                                                     "strata_migrations by hand; nothing was changed",
                                                     r.version, m.name, rows[i + 1].version, rows[i + 1].name),
                                      r.version, r.name);
                    delete_row(r.version);
                    done.push_back(detail::format("migration {} \"{}\": the database does not have it: marked not applied",
                                               r.version, m.name));
                    kept = i;
                    break;
                } else {
                    throw refusal(migration_failure::schema_mismatch,
                                  detail::format("repair: migration {} \"{}\" is dirty and the live schema is neither "
                                              "schema_at<{}> nor the one before it. Against schema_at<{}>:\n{}\nFix the "
                                              "database by hand, then repair again; nothing was changed",
                                              r.version, m.name, r.version, r.version,
                                              trimmed(diff_text(r.version, missing_done, unexpected_done))),
                                  r.version, r.name);
                }
            }
            if (r.checksum != hex16(checksum(i)) || r.name != m.name) {
                const value p[] = {hex16(checksum(i)), string_t(m.name), opt_.chain, static_cast<std::int64_t>(r.version)};
                db_.execute("UPDATE \"strata_migrations\" SET \"checksum\" = $1, \"name\" = $2 WHERE \"chain\" = $3 AND \"version\" = $4",
                            p, {});
                done.push_back(detail::format("migration {} \"{}\": checksum {} recorded (was {}, \"{}\")", r.version, m.name,
                                           hex16(checksum(i)), r.checksum, r.name));
            }
        }
        // The history checksums follow the checksums now recorded (no line of their own).
        for (std::size_t i = 0; i < kept; ++i) {
            if (is_hex16_of(rows[i].history_checksum, history_checksum(i))) continue;
            const value p[] = {hex16(history_checksum(i)), opt_.chain, static_cast<std::int64_t>(rows[i].version)};
            db_.execute("UPDATE \"strata_migrations\" SET \"history_checksum\" = $1 WHERE \"chain\" = $2 AND \"version\" = $3",
                        p, {});
        }
        tx.commit();
        reseal();
        for (const auto& d : done) log(log_level::warning, detail::format("strata: {}: repair: {}", opt_.chain, d));
        if (done.empty()) log(log_level::info, detail::format("strata: {}: repair: nothing to repair", opt_.chain));
        return done;
    }


    // A driver error outside a migration's steps (reading the records, taking the lock, a
    // busy timeout) still names the chain and the database. A verb's own statements wait for a
    // lock at most lock_timeout each (a session holding strata_migrations, an ALTER TABLE left
    // open, would hang every verb); a migration's attempt sets its own limits inside.
    template <class F>
    std::invoke_result_t<F&> named(F&& f) {
        std::optional<wait_scope> bounded;
        if (!in_verb_) bounded.emplace(db_, verb_limits());
        const bool outer = !std::exchange(in_verb_, true);
        struct leave {
            bool& in;
            bool outer;
            ~leave() { if (outer) in = false; }
        } left{in_verb_, outer};
        try {
            return f();
        } catch (const database_error& e) {
            string_t why(after_strata(e.what()));
            if (e.lock_timeout() && db_.dialect() == dialect_id::postgres)
                why = detail::format("waited {} for a lock on {}; stopped there. End the blocking transaction, or raise "
                                     "lock_timeout\n  statement: {}",
                                     opt_.lock_timeout.count() > 0 ? duration_text(opt_.lock_timeout) + " (lock_timeout)"
                                                                   : string_t("the session's lock_timeout"),
                                     holders_text(pg_lock_holders(db_, e.statement())), e.statement());
            string_t what = detail::format("strata: chain \"{}\": {}: {}", opt_.chain, db_.describe(), why);
            log(log_level::error, what);
            throw migration_error(failure_kind(e), std::move(what), opt_.chain, 0, {}, e.statement(), e.driver_message());
        }
    }
    wait_limits verb_limits() const { return {opt_.lock_timeout, {}}; }

    static std::chrono::microseconds since(clock::time_point t) {
        return std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - t);
    }

    struct inspection {
        std::size_t applied = 0;  // how many of the chain's migrations the database has
        std::optional<migration_error> problem;
        vector_t<string_t> checksum_problems;
    };

    // The chain's lock, and whether it keeps other migrators out (see recorded_version).
    struct lock_guard {
        migrator_engine_t& m;
        held_lock<Tag> held;
        explicit lock_guard(migrator_engine_t& c) : m(c), held(c.db_, c.opt_.chain, c.lock_wait_of()) { m.exclusive_ = held.exclusive; }
        ~lock_guard() { m.exclusive_ = false; }
    };

    void log(log_level l, const string_t& line) const { opt_.log(l, line); }
    lock_wait lock_wait_of() const { return {opt_.chain, opt_.lock_wait_budget, opt_.log}; }

    run_report start_report() const {
        run_report r;
        r.chain = opt_.chain;
        return r;
    }
    run_report finish_up_to_date(run_report& r, std::size_t applied) {
        r.from = r.to = version_at(applied);
        if (applied == chain_.size)
            log(log_level::info, detail::format("strata: {}: {} is up to date at version {}", opt_.chain, db_.describe(), r.to));
        else
            log(log_level::info, detail::format("strata: {}: {} is at version {}, as asked (this code's head is {}): nothing to do",
                                                opt_.chain, db_.describe(), r.to, head()));
        return r;
    }

    std::uint64_t version_at(std::size_t applied) const { return applied ? chain_.descs[applied - 1].version : 0; }
    std::uint64_t checksum(std::size_t i) const { return checksum_of(chain_.descs[i], db_.dialect()); }
    // The history checksum of the first i + 1 migrations.
    std::uint64_t history_checksum(std::size_t i) {
        if (history_.size() != chain_.size) {
            history_.resize(chain_.size);
            std::uint64_t h = 0;
            for (std::size_t k = 0; k < chain_.size; ++k) history_[k] = h = mix(h, checksum(k));
        }
        return history_[i];
    }

    // The start-up check: does the database hold exactly the chain's first `applied`
    // migrations, clean and unchanged? One read of every row (on SQLite from a covering index,
    // see ensure_tracking_table), each compared as it comes. Anything else (behind, ahead,
    // changed, dirty, a cell edited by hand) says no, and the caller reads the rows again and
    // judges them as status() does: one verdict, whichever path finds it.
    bool shows_exactly(std::size_t applied, bool& table) {
        if (db_.dialect() == dialect_id::sqlite) refuse_temp_shadows();  // (PostgreSQL: at the first read_rows, a round trip less here)
        table = false;
        std::size_t seen = 0;
        bool same = true;
        const value p[] = {opt_.chain};
        table = read_if_table(db_, tracking_table, [&] {
            seen = 0;
            same = true;
            db_.execute("SELECT \"version\", \"dirty\", \"checksum\", \"name\" FROM \"strata_migrations\" "
                        "WHERE \"chain\" = $1 ORDER BY \"version\"",
                        p, [&](const row& r) {
                            const std::size_t i = seen++;
                            if (!same || i >= applied) return void(same = false);
                            same = shows_row(r, chain_.descs[i].version, checksum(i), chain_.descs[i].name, flag_text(r, 1));
                        });
        });
        return table ? same && seen == applied : applied == 0;
    }
    // Is the row (version, dirty, checksum, name) exactly what strata writes for this migration?
    static bool shows_row(const row& r, std::uint64_t version, std::uint64_t sum, std::string_view name, bool dirty_text) {
        const value &c = r[2], &n = r[3];
        if (recorded_count(r[0], false) != version || recorded_count(r[1], true, dirty_text) != 0u) return false;
        auto* ct = std::get_if<string_t>(&c);
        auto* nt = std::get_if<string_t>(&n);
        return ct && nt && is_hex16_of(*ct, sum) && *nt == name;
    }

    // SQLite, before shows_exactly: does the seal say the chain's first `applied` migrations,
    // with this code's history checksum, in the schema as it was sealed? Any doubt (no seal, no
    // table, an error) says no: shows_exactly reads every row and judges.
    bool sealed(std::size_t applied) {
        if (db_.dialect() != dialect_id::sqlite || applied == 0) return false;
        bool same = false;
        const value p[] = {opt_.chain, static_cast<std::int64_t>(applied), static_cast<std::int64_t>(version_at(applied))};
        try {
            db_.execute("SELECT \"history_checksum\" FROM \"strata_migrations_seal\" WHERE \"chain\" = $1 AND \"rows\" = $2 "
                        "AND \"head\" = $3 AND \"schema_version\" = (SELECT \"schema_version\" FROM pragma_schema_version())",
                        p, [&](const row& r) {
                            auto* h = std::get_if<string_t>(&r[0]);
                            same = h && is_hex16_of(*h, history_checksum(applied - 1));
                        });
        } catch (const database_error&) {
            return false;
        }
        return same;
    }
    // SQLite, at the end of a writing verb, under the chain's lock: reads every row and, if they
    // are exactly a prefix of the chain, seals them for the start-up check. A failure here
    // loses nothing (the check then reads every row), so it is logged, not thrown.
    void reseal() {
        if (db_.dialect() != dialect_id::sqlite) return;
        try {
            ensure_start_up_aids();
            db_transaction tx(db_);
            const vector_t<applied_migration> rows = read_rows(true);
            const inspection in = inspect(rows);
            const value c[] = {opt_.chain};
            db_.execute("DELETE FROM \"strata_migrations_seal\" WHERE \"chain\" = $1", c, {});
            if (!in.problem && in.applied > 0 && in.applied == rows.size()) {
                const value p[] = {opt_.chain, static_cast<std::int64_t>(in.applied),
                                   static_cast<std::int64_t>(version_at(in.applied)), hex16(history_checksum(in.applied - 1))};
                db_.execute("INSERT INTO \"strata_migrations_seal\" (\"chain\", \"rows\", \"head\", \"history_checksum\", "
                            "\"schema_version\") SELECT $1, $2, $3, $4, \"schema_version\" FROM pragma_schema_version()",
                            p, {});
            }
            tx.commit();
        } catch (const database_error& e) {
            log(log_level::warning, detail::format("strata: {}: the start-up check's seal was not written ({}); the check "
                                                "reads every row until the next migration",
                                                opt_.chain, e.driver_message()));
        }
    }

    std::size_t index_of(std::uint64_t version) const { return index_in(chain_, version); }
    // How many migrations are applied at `version` (0 or a version of the chain).
    std::size_t count_through(std::uint64_t version) const {
        if (version == 0) return 0;
        const std::size_t i = index_of(version);
        if (i == npos)
            throw refusal(migration_failure::no_such_version,
                          detail::format("no migration has version {} (head is {})", version, head()), version);
        return i + 1;
    }

    migration_error refusal(migration_failure kind, const string_t& what, std::uint64_t version = 0,
                            string_t migration = {}) const {
        string_t text = detail::format("strata: chain \"{}\": {}", opt_.chain, what);
        log(log_level::error, text);
        return migration_error(kind, std::move(text), opt_.chain, version, std::move(migration));
    }

    // May a flag column's cell be t or f? Where the bookkeeping's flags are BOOLEAN (the
    // postgres dialect: a driver of one's own may send them as text, unmarked), or where the
    // driver marked the cell a boolean. On SQLite they are INTEGER: the text 'f' is an edit.
    bool flag_text(const row& r, std::size_t i) const { return db_.dialect() == dialect_id::postgres || r.is_text_boolean(i); }

    const generated_sql& sql() {
        if (!sql_) sql_.emplace(chain_.generate(db_.dialect()));
        return *sql_;
    }

    void ensure_tracking_table() {
        if (db_.has_table(tracking_table)) return;
        // PostgreSQL: two CREATE TABLE IF NOT EXISTS at once can both try; one lock for all chains.
        held_lock<Tag> lock(db_, "strata_migrations", lock_wait_of());
        db_.execute(create_tracking_table, {}, {});
        ensure_start_up_aids();
    }
    // SQLite: the start-up check's seal (see start_up_seal_sql), and for when it is missing, an
    // index from which reading every row of the chain, without a look-up in the table per row,
    // costs a third as much. Made with the table, and for a table made before them, by the
    // next writing verb.
    void ensure_start_up_aids() {
        if (db_.dialect() != dialect_id::sqlite) return;
        db_.execute(create_start_up_index, {}, {});
        for (std::string_view sql : start_up_seal_sql) db_.execute(sql, {}, {});
        if (chain_has_background(chain_)) db_.execute(create_background_failures, {}, {});
    }

    vector_t<applied_migration> read_rows(bool table_exists = false) {
        vector_t<applied_migration> rows;
        refuse_temp_shadows();
        if (!table_exists && !db_.has_table(tracking_table)) return rows;
        read_rows_into(rows);
        return rows;
    }
    // SQLite and PostgreSQL look a name up in the session's temporary schema first: a temporary
    // table or view named as one of the chain's tables, or strata's own, hides it from every
    // statement strata runs (a program's staging table, on a borrowed connection): the
    // migrations would alter it, and be recorded in the database. Refused before anything is read.
    void refuse_temp_shadows() {
        vector_t<string_t> temp;
        db_.execute(db_.dialect() == dialect_id::sqlite
                        ? "SELECT name FROM sqlite_temp_master WHERE type IN ('table', 'view')"
                        : "SELECT relname FROM pg_class WHERE relnamespace = pg_my_temp_schema() AND relkind IN ('r', 'p', 'v', 'm', 'f')",
                    {}, [&](const row& r) { temp.push_back(r.get<string_t>(0)); });
        if (temp.empty()) return;
        const bool lite = db_.dialect() == dialect_id::sqlite;  // (PostgreSQL's names are alike only in the same case)
        if (!lite) {  // (a search_path that names pg_temp after a schema looks there last: nothing is hidden)
            bool last = false;
            db_.execute("SELECT coalesce(array_position(current_schemas(true), pg_my_temp_schema()::regnamespace::name), 1) > 1", {},
                        [&](const row& r) { last = r.get<bool>(0); });
            if (last) return;
        }
        auto same = [&](std::string_view a, std::string_view b) { return lite ? detail::same_ignoring_case(a, b) : a == b; };
        // (every table name of the chain's: one it drops or renames away is still named by the
        // migrations of a database behind, or by a downgrade)
        const dependent_t<chain_names, Tag> names = names_of(chain_.descs, chain_.size);
        for (const string_t& t : temp) {
            bool hides = same(t, tracking_table) || same(t, background_failures_table);
            for (const string_t& c : names.tables) hides = hides || same(t, c);
            if (hides)
                throw refusal(migration_failure::unknown_state,
                              detail::format("{}'s connection has a TEMP table \"{}\", which hides the database's table of that "
                                             "name from every statement strata runs ({} looks in temp first); drop it, or "
                                             "migrate on a connection without it; nothing was changed",
                                             db_.describe(), t, lite ? "SQLite" : "PostgreSQL"));
        }
    }
    // Every row of the chain, in version order. A cell that is not what strata wrote (edited by
    // hand: 'abc', 3.5, -1, NULL) is refused, naming the row and the column, never guessed at.
    void read_rows_into(vector_t<applied_migration>& rows) {
        rows.clear();
        const value p[] = {opt_.chain};
        db_.execute(
            "SELECT \"version\", \"name\", \"checksum\", \"history_checksum\", \"applied_at\", \"duration_ms\", \"dirty\", "
            "\"background_pending\" FROM \"strata_migrations\" WHERE \"chain\" = $1 ORDER BY \"version\"",
            p, [&](const row& r) {
                applied_migration& a = rows.emplace_back();
                const std::size_t n = rows.size();
                a.name = recorded_text(r[1], n, a, "name");
                a.version = recorded_integer(r[0], n, a.name, "version", 1);
                a.checksum = recorded_text(r[2], n, a, "checksum");
                a.dirty = recorded_integer(r[6], n, a.name, "dirty", 0, flag_text(r, 6)) != 0;
                // What the verdict does not depend on is shown as found (the start-up check does
                // not read it either: one verdict).
                if (!r.is_null(3)) a.history_checksum = detail::cell_text(r[3]);
                if (!r.is_null(4)) a.applied_at = detail::cell_text(r[4]);
                a.background_pending = recorded_count(r[7], true, flag_text(r, 7)).value_or(0) != 0;
                try {
                    if (!r.is_null(5)) a.duration = std::chrono::milliseconds(detail::cell_integer(r[5]));
                } catch (const std::runtime_error&) {  // (shown as 0)
                }
            });
    }
    // What background_failures_table holds for the pending background steps, as found. Only
    // shown: the verdict does not depend on it, so a table this role may not read (made by
    // another role) or a row edited by hand leaves the fields empty, and inside a transaction
    // it is not read (a failed read would end a PostgreSQL one).
    void read_background_failures(vector_t<applied_migration>& rows) {
        const auto pending = [](const applied_migration& a) { return a.background_pending; };
        if (std::none_of(rows.begin(), rows.end(), pending) || db_.in_transaction()) return;
        try {
            if (!db_.has_table(background_failures_table)) return;
            const value p[] = {opt_.chain};
            db_.execute("SELECT \"version\", \"applied_at\", \"failures\", \"failed_at\", \"error\" FROM "
                        "\"strata_background_failures\" WHERE \"chain\" = $1",
                        p, [&](const row& r) {
                            try {
                                const auto version = static_cast<std::uint64_t>(detail::cell_integer(r[0]));
                                const string_t applied_at = detail::cell_text(r[1]);
                                for (applied_migration& a : rows) {
                                    if (a.version != version || !a.background_pending || a.applied_at != applied_at) continue;
                                    const std::int64_t n = detail::cell_integer(r[2]);
                                    string_t at = detail::cell_text(r[3]), error = detail::cell_text(r[4]);
                                    a.background_failures = static_cast<std::uint64_t>(std::max<std::int64_t>(1, n));
                                    a.background_failed_at = std::move(at);
                                    a.background_error = std::move(error);
                                }
                            } catch (const std::runtime_error&) {  // (a row edited by hand: that one not shown)
                            }
                        });
        } catch (const std::exception&) {
            for (applied_migration& a : rows) a.background_failures = 0, a.background_failed_at.clear(), a.background_error.clear();
        }
    }
    // A number as PostgreSQL writes one: "-1", "1.5", "1e+20", "NaN", "Infinity". (By hand, not
    // std::from_chars into a double: libc++ before 17 has no floating-point from_chars.)
    static bool number_text(std::string_view s) {
        if (s == "NaN" || s == "Infinity" || s == "-Infinity") return true;
        std::size_t i = s.starts_with('-') ? 1 : 0;
        const auto digits = [&] {
            const std::size_t from = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
            return i - from;
        };
        std::size_t mantissa = digits();
        if (i < s.size() && s[i] == '.') {
            ++i;
            mantissa += digits();
        }
        if (mantissa == 0) return false;
        if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
            ++i;
            if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
            if (digits() == 0) return false;
        }
        return i == s.size();
    }
    [[noreturn]] void bad_record(std::size_t n, std::string_view name, std::string_view column, const value& v,
                                 std::string_view want) const {
        // PostgreSQL's text of a number shows as SQLite's number does: unquoted.
        auto* text = std::get_if<string_t>(&v);
        const string_t shown = text && number_text(*text) ? *text : shown_cell(v);
        throw refusal(migration_failure::unknown_state,
                      detail::format("{}: table strata_migrations, row {} of the chain's (by version{}), column \"{}\" holds "
                                  "{}, not {}: the bookkeeping was edited outside strata. Restore the row as strata wrote "
                                  "it; nothing was changed",
                                  db_.describe(), n, name.empty() ? "" : detail::format(", migration \"{}\"", name), column,
                                  shown, want));
    }
    // A non-negative integer (at least `min`) or a boolean: see recorded_count.
    std::uint64_t recorded_integer(const value& v, std::size_t n, std::string_view name, std::string_view column,
                                   std::uint64_t min, bool text_boolean = false) const {
        const bool flag = column == "dirty";
        const std::optional<std::uint64_t> got = recorded_count(v, flag, text_boolean);
        if (!got || *got < min)
            bad_record(n, name, column, v, flag ? "a boolean" : min ? "a version (a positive integer)" : "a non-negative integer");
        return *got;
    }
    string_t recorded_text(const value& v, std::size_t n, const applied_migration& a, std::string_view column) const {
        if (auto* t = std::get_if<string_t>(&v)) return *t;
        bad_record(n, a.name, column, v, "text");
    }

    // What the recorded rows say, checked against the chain: the first problem (a refusal), and
    // every changed checksum.
    inspection inspect(const vector_t<applied_migration>& rows) const {
        inspection in;
        auto problem = [&](migration_failure k, const string_t& what, const applied_migration& r) {
            if (!in.problem)
                in.problem.emplace(k, detail::format("strata: chain \"{}\": {}", opt_.chain, what), opt_.chain, r.version, r.name);
        };
        for (std::size_t k = 0; k < rows.size(); ++k) {
            const applied_migration& r = rows[k];
            const std::size_t i = index_of(r.version);
            if (k > 0 && rows[k - 1].version == r.version) {
                problem(migration_failure::unknown_state,
                        detail::format("migration {} \"{}\" is recorded twice in strata_migrations (a duplicate row: the "
                                    "table's primary key is gone or was bypassed); nothing was changed",
                                    r.version, r.name),
                        r);
                continue;
            }
            if (i == npos) {
                // (past the head, but with a migration of this code's missing before it: that gap
                // is the problem, as the newer code would name it)
                if (r.version > head() && k < chain_.size && (k == 0 || rows[k - 1].version != chain_.descs[k].version))
                    problem(migration_failure::unknown_state,
                            detail::format("the database has migration {} \"{}\" but not migration {} \"{}\" before it: the "
                                        "applied migrations are not a prefix of the chain; nothing was changed",
                                        r.version, r.name, chain_.descs[k].version, chain_.descs[k].name),
                            r);
                else if (r.version > head())
                    problem(migration_failure::database_ahead,
                            detail::format("the database is ahead of the code: it has migration {} \"{}\", this code's head "
                                        "is {}. Deploy the newer code, or downgrade with it; nothing was changed",
                                        r.version, r.name, head()),
                            r);
                else
                    problem(migration_failure::unknown_state,
                            detail::format("the database has migration {} \"{}\", which this code does not have (removed or "
                                        "renumbered?); nothing was changed",
                                        r.version, r.name),
                            r);
                continue;
            }
            if (i != k) {
                // (past a duplicate row, already the problem, k can pass the chain's end)
                if (k < chain_.size)
                    problem(migration_failure::unknown_state,
                            detail::format("the database has migration {} \"{}\" but not migration {} \"{}\" before it: the "
                                        "applied migrations are not a prefix of the chain; nothing was changed",
                                        r.version, r.name, chain_.descs[k].version, chain_.descs[k].name),
                            r);
                continue;
            }
            if (!same_as_code(r, i)) {
                const string_t code = hex16(checksum(i));
                const string_t what =
                    detail::format("migration {} \"{}\" changed after it was applied (checksum {} in the database, {} in the "
                                "code{}). Restore it and add a new migration instead; or, if the change is harmless, "
                                "use {} to record the new checksum; nothing was changed",
                                r.version, chain_.descs[i].name, r.checksum, code,
                                r.name != chain_.descs[i].name ? detail::format("; recorded as \"{}\"", r.name) : "",
                                call("repair"));
                in.checksum_problems.push_back(what);
                problem(migration_failure::checksum_changed, what, r);
            }
            if (r.dirty)
                problem(migration_failure::dirty,
                        detail::format("migration {} \"{}\" is dirty: it runs outside a transaction and did not finish. "
                                    "{} shows the live schema; fix it by hand if needed, then use {}; "
                                    "nothing was changed",
                                    r.version, r.name, call("verify"), call("repair")),
                        r);
            if (!in.problem) in.applied = k + 1;
        }
        return in;
    }
    // repair() records a changed migration's new checksum only if verify() would then pass: the
    // live schema is schema_at<v> of this code. Else status() would say all is well and verify()
    // that it is not. The migration as it was is known only by its checksum, so what it did that
    // the new one does not (an operation removed, moved to a later migration or replaced by
    // execute<>, an index dropped by its name) is a difference like any other, on any table, and
    // one made by hand looks the same: every difference refuses. A new name alone is recorded
    // without a look. (With a dirty row, the schema decides that row, against the changed chain
    // too.)
    void refuse_changes_the_database_lacks(const vector_t<applied_migration>& rows) {
        if (std::any_of(rows.begin(), rows.end(), [](const applied_migration& r) { return r.dirty; })) return;
        const applied_migration* changed = nullptr;
        for (const applied_migration& r : rows) {
            const std::size_t i = index_of(r.version);
            const migration_desc& m = chain_.descs[i];
            if (r.checksum == hex16(checksum(i))) continue;
            if (r.name != m.name) {  // renamed only: the checksum with the recorded name is the recorded one
                migration_desc as_recorded = m;
                as_recorded.name = r.name;
                if (r.checksum == hex16(checksum_of(with_hashes(as_recorded), db_.dialect()))) continue;
            }
            changed = &r;
            break;
        }
        if (!changed) return;
        vector_t<string_t> missing, unexpected;
        diff_live(rows.size(), missing, unexpected);
        if (missing.empty() && unexpected.empty()) return;
        const std::uint64_t at = rows.back().version;
        throw refusal(migration_failure::schema_mismatch,
                      detail::format("{}: migration {} \"{}\" changed after it was applied, and the live schema is not "
                                     "schema_at<{}> of this code. Against it:\n{}\nWhat the migration did before it changed "
                                     "and drift made by hand look the same here (verify shows them): make the database "
                                     "schema_at<{}> of this code by hand, or restore the migration and make the change in a "
                                     "new one, then repair again; nothing was changed",
                                     call("repair"), changed->version, chain_.descs[index_of(changed->version)].name, at,
                                     trimmed(diff_text(at, missing, unexpected)), at),
                      changed->version, changed->name);
    }
    // repair() records a changed migration's new checksum only if the rows its seeds name now
    // are in the database: otherwise the record would claim data the database never got.
    void refuse_missing_seed_rows(const applied_migration& recorded, std::size_t i) {
        if (const string_t missing = missing_seed_row(i); !missing.empty())
            throw refusal(migration_failure::schema_mismatch,
                          detail::format("{}: migration {} \"{}\" changed after it was applied, and {} that its seed now "
                                         "inserts: recording the new checksum would claim rows the database never got. "
                                         "Restore the migration and add the rows by a new one (or insert them by hand "
                                         "first); nothing was changed",
                                         call("repair"), recorded.version, chain_.descs[i].name, missing),
                          recorded.version, recorded.name);
    }
    // baseline(version) says so of every seed up to it whose rows no later operation up to it
    // could have changed (no data step, no operation on its table after it), without refusing:
    // an application edits and deletes such rows too, and the schema, which baseline adopts,
    // does not show them. The next migration that needs one would fail on it.
    void warn_missing_seed_rows_through(std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            bool seeds = false;
            for (std::size_t k = 0; k < chain_.descs[i].nops; ++k) seeds = seeds || chain_.descs[i].ops[k].kind == op_kind::seed;
            if (!seeds) continue;
            string_t missing;
            try {
                missing = missing_seed_row(i, n);
            } catch (const database_error&) {  // (a value the database cannot compare as text: not said)
                continue;
            }
            if (!missing.empty())
                log(log_level::warning, detail::format("strata: {}: baseline: {} that migration {} \"{}\" inserts (a seed): "
                                                    "recorded as applied all the same (changed or deleted since, or never "
                                                    "there); insert it if what follows needs it",
                                                    opt_.chain, missing, chain_.descs[i].version, chain_.descs[i].name));
        }
    }
    // The first row a seed of migration i inserts that the database does not have, as `table
    // "roles" has no row (id = 1, name = 'admin')`; empty when none is missing. With `through`,
    // only the seeds whose table no later operation before migration `through` names, when
    // none of those is a data step.
    string_t missing_seed_row(std::size_t i, std::size_t through = 0) {
        const migration_desc& m = chain_.descs[i];
        std::size_t seed_op = 0;  // the seed's operation in migration i
        auto untouched_after = [&](std::string_view table) {
            for (std::size_t j = i; j < through; ++j)
                for (std::size_t k = j == i ? seed_op + 1 : 0; k < chain_.descs[j].nops; ++k) {
                    const op_desc& o = chain_.descs[j].ops[k];
                    if (o.kind == op_kind::run || o.kind == op_kind::execute || o.kind == op_kind::background ||
                        same_ignoring_case(o.table, table))
                        return false;
                }
            return true;
        };
        for (std::size_t k = 0; k < m.nops; ++k) {
            const op_desc& op = m.ops[k];
            if (op.kind != op_kind::seed || op.nnames == 0) continue;
            seed_op = k;
            if (through && !untouched_after(op.table)) continue;
            const std::size_t n = op.nnames;
            for (std::size_t r = 0; r * n < op.ncells; ++r) {
                // The row's values as the seed's INSERT spells them; strings bound.
                string_t sql = detail::format("SELECT count(*) FROM \"{}\" WHERE ", op.table), shown;
                vector_t<value> params;
                for (std::size_t c = 0; c < n; ++c) {
                    const seed_cell& v = op.cells[r * n + c];
                    // (a string compared as text: a json column has no = of its own on PostgreSQL)
                    sql += v.kind == default_kind::string ? detail::format("{}CAST(\"{}\" AS TEXT)", c ? " AND " : "", op.names[c])
                                                          : detail::format("{}\"{}\"", c ? " AND " : "", op.names[c]);
                    shown += detail::format("{}{} = ", c ? ", " : "", op.names[c]);
                    switch (v.kind) {
                        case default_kind::none: sql += " IS NULL"; shown += "NULL"; break;
                        case default_kind::string:
                            params.emplace_back(string_t(v.text));
                            sql += detail::format(" = ${}", params.size());
                            shown += shown_cell(params.back());
                            break;
                        case default_kind::boolean:
                            sql += v.text == "1" ? " = TRUE" : " = FALSE";
                            shown += v.text == "1" ? "TRUE" : "FALSE";
                            break;
                        default: sql += detail::format(" = {}", v.text); shown += v.text;
                    }
                }
                std::int64_t found = 0;
                db_.execute(sql, params, [&](const row& x) { found = x.get<std::int64_t>(0); });
                if (found == 0) return detail::format("table \"{}\" has no row ({})", op.table, shown);
            }
        }
        return {};
    }
    bool same_as_code(const applied_migration& r, std::size_t i) const {
        return is_hex16_of(r.checksum, checksum(i)) && r.name == chain_.descs[i].name;
    }
    // How many of the chain's migrations the rows record, whatever their checksums and dirty
    // flags say: npos when the rows are not a prefix of the chain (ahead, unknown or missing
    // migrations, duplicates).
    std::size_t recorded_prefix(const vector_t<applied_migration>& rows) const {
        if (rows.size() > chain_.size) return npos;
        for (std::size_t k = 0; k < rows.size(); ++k)
            if (rows[k].version != chain_.descs[k].version) return npos;
        return rows.size();
    }
    // How a message names the call that leads on: the library's function, or under the CLI the
    // verb to type (`app db repair`).
    string_t call(std::string_view fn, std::string_view arg = {}) const {
        if (cli_.empty()) return detail::format("{}({})", fn, arg);
        const std::string_view verb = fn == "upgrade_to"     ? "upgrade --to"
                                      : fn == "downgrade_to" ? "downgrade --to"
                                      : fn == "plan"         ? "sql --to"
                                      : fn == "skip_background" ? "repair --skip-background"
                                                             : fn;
        string_t a(arg);
        if (a.empty() && verb.ends_with("--to")) a = "V";
        return detail::format("`{} {}{}{}`", cli_, verb, a.empty() ? "" : " ", a);
    }
    inspection checked(const vector_t<applied_migration>& rows) const {
        inspection in = inspect(rows);
        if (in.problem) {
            log(log_level::error, in.problem->what());
            throw *in.problem;
        }
        return in;
    }

    void insert_row(std::size_t i, std::chrono::microseconds took, bool dirty, bool background = true) {
        const migration_desc& m = chain_.descs[i];
        const value p[] = {opt_.chain,
                           static_cast<std::int64_t>(m.version),
                           string_t(m.name),
                           hex16(checksum(i)),
                           utc_now(),
                           static_cast<std::int64_t>(took.count() / 1000),
                           std::int64_t{dirty},
                           hex16(history_checksum(i)),
                           std::int64_t{background && has_background(m)}};
        db_.execute("INSERT INTO \"strata_migrations\" (\"chain\", \"version\", \"name\", \"checksum\", \"applied_at\", "
                    "\"duration_ms\", \"dirty\", \"history_checksum\", \"background_pending\") "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                    p, {});
    }
    void delete_row(std::uint64_t version) {
        const value p[] = {opt_.chain, static_cast<std::int64_t>(version)};
        db_.execute("DELETE FROM \"strata_migrations\" WHERE \"chain\" = $1 AND \"version\" = $2", p, {});
    }
    // Inside the migration's transaction: is the chain where this process expects it? (Asked
    // only when the chain's lock does not keep other migrators out, as on SQLite.)
    std::uint64_t recorded_version() {
        std::int64_t v = 0;
        const value p[] = {opt_.chain};
        db_.execute("SELECT max(\"version\") FROM \"strata_migrations\" WHERE \"chain\" = $1", p,
                    [&](const row& r) { v = r.get<std::optional<std::int64_t>>(0).value_or(0); });
        return static_cast<std::uint64_t>(v);
    }

    void diff_live(std::size_t applied, vector_t<string_t>& missing, vector_t<string_t>& unexpected) {
        // (dependent: see detail::dependent)
        dependent_t<chain_names, Tag> names = names_of(chain_.descs, chain_.size);
        const vector_t<dependent_t<string_t, Tag>> want = keys_once(chain_.facts_after(applied, db_.dialect()));
        // A table the chain had before `applied`, or makes after it, back in the database is
        // drift; but where another chain keeps rows (modules sharing the database), it may be
        // that module's table now: then only the tables the chain holds at `applied` are read.
        if (other_chains_recorded()) {
            std::erase_if(names.tables, [&](const string_t& t) { return !std::binary_search(want.begin(), want.end(), "table " + t); });
            std::erase_if(names.enums, [&](const string_t& e) {
                return std::none_of(want.begin(), want.end(), [&](const string_t& f) { return f.starts_with("enum " + e + "("); });
            });
        }
        vector_t<dependent_t<string_t, Tag>> got = keys_once(db_.schema_facts(names.tables, names.enums));
        // What the chain's execute<> made is the chain's, not drift: triggers, rules and views by
        // name; on PostgreSQL, UNLOGGED tables, EXCLUDE and DEFERRABLE constraints and GENERATED
        // ALWAYS identities are not compared at all once its text says so (schema_facts.ipp).
        const vector_t<string_t> made = execute_made_objects(chain_.descs, applied, db_.dialect());
        auto is_made = [&](std::string_view k) { return std::find(made.begin(), made.end(), k) != made.end(); };
        if (is_made("says generated always")) {
            for (auto& f : got)
                if (const std::size_t at = f.find(" identity always"); f.starts_with("column ") && at != string_t::npos)
                    f.erase(at + 9, 7);
            std::sort(got.begin(), got.end());
        }
        std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
        std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(unexpected));
        std::erase_if(unexpected, [&](const string_t& f) {
            if ((f.starts_with("unlogged table ") && is_made("says unlogged")) || (f.starts_with("exclude ") && is_made("says exclude")) ||
                (f.starts_with("deferrable ") && is_made("says deferrable")))
                return true;
            if (!f.starts_with("trigger ") && !f.starts_with("rule ")) return is_made(f);
            // "trigger NAME on TABLE": the name may say " on " itself
            return std::any_of(made.begin(), made.end(), [&](const string_t& m) {
                return f.size() > m.size() + 4 && f.starts_with(m) && std::string_view(f).substr(m.size()).starts_with(" on ");
            });
        });
    }
    bool other_chains_recorded() {
        if (!db_.has_table(tracking_table)) return false;
        bool other = false;
        const value p[] = {opt_.chain};
        db_.execute("SELECT 1 FROM \"strata_migrations\" WHERE \"chain\" <> $1 LIMIT 1", p, [&](const row&) { other = true; });
        return other;
    }
    static string_t trimmed(string_t s) {
        while (!s.empty() && s.back() == '\n') s.pop_back();
        return s;
    }
    static string_t diff_text(std::uint64_t version, const vector_t<string_t>& missing,
                                 const vector_t<string_t>& unexpected) {
        verify_report r;
        r.version = version;
        r.missing = missing;
        r.unexpected = unexpected;
        return r.text();
    }

    // Runs one migration one way. Returns what ran, or nothing when another process had already
    // moved the chain past this step (the caller reads the state again).
    std::optional<migration_run> apply(const migration_sql& m, std::size_t i, direction dir, std::size_t k, std::size_t total) {
        const bool up = dir == direction::up;
        const std::uint64_t expected = up ? version_at(i) : m.version;
        // SQLite's rebuild procedure needs foreign keys off, which cannot change inside a
        // transaction; the foreign_key_check step stands in for them.
        const bool keys_off = m.rebuilds_tables && db_.dialect() == dialect_id::sqlite;
        if (keys_off) db_.execute("PRAGMA foreign_keys = OFF", {}, {});
        struct keys_back_on {
            driver& db;
            bool on;
            ~keys_back_on() {
                if (on) try {
                        db.execute("PRAGMA foreign_keys = ON", {}, {});
                    } catch (...) {
                    }
            }
        } restore{db_, keys_off};

        const auto steps = up ? m.up_steps : m.down_steps;
        const auto started = clock::now();
        std::size_t statements = 0;
        bool committing = false;  // in the COMMIT that records the migration done
        marked_dirty_ = false;
        // The bookkeeping's own statements (BEGIN, the version check, the row, COMMIT) fail
        // like the migration's: named, logged, rolled back.
        try {
            if (m.transactional) {
                db_transaction tx(db_);
                if (!exclusive_ && recorded_version() != expected) return std::nullopt;
                statements = run_steps(m, dir, steps, "nothing of it was applied");
                if (up) insert_row(i, since(started), false);
                else delete_row(m.version);
                committing = true;
                tx.commit();
            } else {
                // Outside a transaction: recorded dirty first, so a crash part-way is seen next time.
                {
                    db_transaction tx(db_);
                    if (!exclusive_ && recorded_version() != expected) return std::nullopt;
                    if (up) insert_row(i, std::chrono::microseconds{0}, true);
                    else {
                        const value p[] = {opt_.chain, static_cast<std::int64_t>(m.version)};
                        db_.execute("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"chain\" = $1 AND \"version\" = $2", p, {});
                    }
                    tx.commit();
                    marked_dirty_ = true;
                }
                statements = run_steps(m, dir, steps,
                                       detail::format("it runs outside a transaction: recorded at version {}, marked dirty; see {} "
                                                      "and {}",
                                                      m.version, call("verify"), call("repair")));
                db_transaction tx(db_);
                if (up) {
                    const value p[] = {static_cast<std::int64_t>(since(started).count() / 1000), opt_.chain,
                                       static_cast<std::int64_t>(m.version)};
                    db_.execute("UPDATE \"strata_migrations\" SET \"dirty\" = FALSE, \"duration_ms\" = $1 WHERE \"chain\" = $2 AND \"version\" = $3",
                                p, {});
                } else {
                    delete_row(m.version);
                }
                committing = true;
                tx.commit();
            }
        } catch (const database_error& e) {
            // A connection lost in that COMMIT: the server may have committed it or not.
            if (committing && dynamic_cast<const connection_lost*>(&e))
                throw failed(m, dir, migration_failure::outcome_unknown,
                             "the connection to the server was lost: " + e.driver_message(), e.statement(), e.driver_message(),
                             m.transactional
                                 ? detail::format("the connection was lost during the COMMIT of this migration: whether it "
                                               "was recorded is unknown. Reconnect and run {} "
                                               "to see whether the database is at version {} or {}",
                                               call("status"), up ? version_at(i) : m.version, up ? m.version : version_at(i))
                                 : detail::format("the connection was lost during the COMMIT that records this migration "
                                               "done: its statements ran; reconnect and run {}: if it is still "
                                               "marked dirty, {} and {} finish it",
                                               call("status"), call("verify"), call("repair")),
                             false);
            throw failed(m, dir, failure_kind(e), reason(e),
                         e.statement(), e.driver_message(),
                         m.transactional ? "nothing of it was applied"
                                         : detail::format("if it is marked dirty, see {} and {}", call("verify"), call("repair")));
        }
        const migration_run run{m.version, string_t(m.name), dir, statements, since(started)};
        log(log_level::info, detail::format("strata: {} [{}/{}] {} {} \"{}\" {}", opt_.chain, k, total, up ? "up" : "down",
                                         m.version, m.name, ms_text(run.duration)));
        return run;
    }

    // `known`: false when the outcome says itself where the database is.
    migration_error failed(const migration_sql& m, direction dir, migration_failure kind, const string_t& why,
                           const string_t& statement, const string_t& driver_message, std::string_view outcome,
                           bool known = true) const {
        string_t what = detail::format("strata: chain \"{}\": migration {} \"{}\" ({}) failed on {}: {}", opt_.chain, m.version,
                                       m.name, dir == direction::up ? "up" : "down", db_.describe(), why);
        if (!statement.empty()) what += "\n  statement: " + statement;
        // (outside a transaction the outcome says itself where the database is: the rows of
        // what ran are kept, the migration recorded dirty)
        if (known && m.transactional)
            what += detail::format("\n  {}; the database is at version {}", outcome,
                                dir == direction::up ? version_at(index_of(m.version)) : m.version);
        else
            what += detail::format("\n  {}", outcome);
        if (const string_t index = concurrent_index_of(statement); !index.empty() && !m.transactional) {
            // The migration's statements before this one ran, each on its own, and stay: repair
            // settles it once the live schema is the one before the migration or after it.
            vector_t<string_t> undo;
            for (const step& st : dir == direction::up ? m.up_steps : m.down_steps) {
                if (st.kind != step_kind::sql) continue;
                const string_t text = st.sql();
                if (text == statement) break;
                const string_t other = concurrent_index_of(text);
                undo.push_back(text.starts_with("DROP")
                                   ? detail::format("build \"{}\" again as it was", other)
                                   : detail::format("DROP INDEX CONCURRENTLY IF EXISTS \"{}\"", other));
            }
            string_t rest;
            for (const string_t& u : undo) rest += (rest.empty() ? "" : "; ") + u;
            what += undo.empty()
                        ? detail::format("\n  a concurrent build or drop that fails part-way leaves the index \"{}\" "
                                         "INVALID: if {} shows it so, drop it (DROP INDEX CONCURRENTLY IF EXISTS \"{}\"), "
                                         "then {} settles the migration",
                                         index, call("verify"), index, call("repair"))
                        : detail::format("\n  a concurrent build or drop that fails part-way leaves the index \"{}\" "
                                         "INVALID: if {} shows it so, drop it (DROP INDEX CONCURRENTLY IF EXISTS \"{}\"). "
                                         "The {} statement(s) of this migration before it ran and stay: undo them too ({}), "
                                         "or run the rest of the migration by hand, then {} settles the migration",
                                         index, call("verify"), index, undo.size(), rest, call("repair"));
        }
        if (kind != migration_failure::lock_timeout) log(log_level::error, what);  // (apply_waiting logs those)
        return migration_error(kind, std::move(what), opt_.chain, m.version, string_t(m.name), statement, driver_message);
    }

    // The index a CREATE or DROP INDEX CONCURRENTLY names (as strata spells them: quoted), or "".
    static string_t concurrent_index_of(std::string_view statement) {
        std::size_t at = statement.find("INDEX CONCURRENTLY ");
        if (at == std::string_view::npos) return {};
        statement.remove_prefix(at + 19);
        for (std::string_view skip : {"IF NOT EXISTS ", "IF EXISTS "})
            if (statement.starts_with(skip)) statement.remove_prefix(skip.size());
        if (!statement.starts_with('"')) return {};
        string_t name;
        for (std::size_t k = 1; k < statement.size(); ++k) {
            if (statement[k] == '"') {
                if (k + 1 < statement.size() && statement[k + 1] == '"') ++k;
                else return name;
            }
            name += statement[k];
        }
        return {};
    }

    // What a database error says about a migration: the driver's own text, except for a lost
    // connection, said in words (the driver's text is then often libpqxx's "Could not obtain
    // client encoding").
    static string_t reason(const database_error& e) {
        if (dynamic_cast<const connection_lost*>(&e)) {
            const string_t what = e.what();
            return what.substr(0, what.find('\n'));
        }
        return e.driver_message().empty() ? e.what() : e.driver_message();
    }
    static migration_failure failure_kind(const database_error& e) {
        return e.lock_timeout() ? migration_failure::lock_timeout : migration_failure::statement_failed;
    }

    // apply() under the wait limits. A migration whose statement gave up waiting for a lock was
    // rolled back by apply(); on PostgreSQL it is tried again after a pause, while
    // lock_attempts and lock_wait_budget last, each wait logged with the table and the pids
    // holding it. (Outside a transaction it is not: what ran stays, marked dirty. SQLite's
    // busy timeout is itself the whole wait.)
    std::optional<migration_run> apply_waiting(const migration_sql& m, std::size_t i, direction dir, std::size_t k,
                                               std::size_t total) {
        const auto started = clock::now();
        const bool retries = db_.dialect() == dialect_id::postgres && m.transactional;
        const std::string_view way = dir == direction::up ? "up" : "down";
        for (int attempt = 1;; ++attempt) {
            std::optional<migration_error> timed_out;
            {
                wait_scope limits(db_, {opt_.lock_timeout, opt_.statement_timeout}, verb_limits());
                try {
                    return apply(m, i, dir, k, total);
                } catch (const migration_error& e) {
                    if (e.kind() != migration_failure::lock_timeout) throw;
                    timed_out = e;
                }
            }
            if (db_.dialect() != dialect_id::postgres) {  // the driver's message says it all
                log(log_level::error, timed_out->what());
                throw *timed_out;
            }
            const auto holders = pg_lock_holders(db_, timed_out->statement());
            string_t held = holders_text(holders);
            if (const string_t& st = timed_out->statement();
                holders.empty() && (st.find("CONCURRENTLY") != string_t::npos || st.find("concurrently") != string_t::npos))
                if (string_t older = pg_older_transactions_text(db_); !older.empty()) held = std::move(older);
            // (lock_timeout 0: strata set none, and the session's own ran out)
            const bool ours = opt_.lock_timeout.count() > 0;
            const string_t waited = ours ? duration_text(opt_.lock_timeout) : "the session's lock_timeout";
            const auto pause = retry_pause(attempt + 1);
            const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
            if (retries && attempt < opt_.lock_attempts && (opt_.lock_wait_budget.count() == 0 || spent + pause < opt_.lock_wait_budget)) {
                log(log_level::warning,
                    detail::format("strata: {}: migration {} \"{}\" ({}) waited {} for a lock on {}: rolled back, trying again in "
                                "{} (attempt {} of {})",
                                opt_.chain, m.version, m.name, way, waited, held, duration_text(pause),
                                attempt + 1, opt_.lock_attempts));
                std::this_thread::sleep_for(pause);
                continue;
            }
            const string_t why =
                retries ? detail::format("gave up waiting for a lock on {}: {} attempt{} in {} ({} each). End the blocking "
                                      "transaction, or raise lock_timeout, lock_attempts or lock_wait_budget",
                                      held, attempt, attempt == 1 ? "" : "s", duration_text(spent),
                                      ours ? "lock_timeout " + waited : waited)
                        : detail::format("waited {}{} for a lock on {}; not tried again: it runs outside a transaction. End "
                                      "the blocking transaction, or raise lock_timeout",
                                      waited, ours ? " (lock_timeout)" : "", held);
            migration_error e = failed(m, dir, migration_failure::lock_timeout, why, timed_out->statement(),
                                       timed_out->driver_message(),
                                       m.transactional   ? "nothing of it was applied"
                                       : marked_dirty_ ? detail::format("recorded at version {}, marked dirty; see {} and {}",
                                                                        m.version, call("verify"), call("repair"))
                                                       : detail::format("if it is marked dirty, see {} and {}", call("verify"),
                                                                        call("repair")));
            log(log_level::error, e.what());
            throw e;
        }
    }

    std::size_t run_steps(const migration_sql& m, direction dir, std::span<const step> steps, std::string_view outcome) {
        one_transaction own(db_, "the migration's transaction");  // (data steps and execute<> may not end it)
        session s(own);
        std::size_t statements = 0;
        string_t text;
        auto failure = [&](migration_failure kind, const string_t& why, const string_t& statement,
                           const string_t& driver_message) {
            return failed(m, dir, kind, why, statement, driver_message, outcome);
        };
        // SQLite runs a rebuilding migration with foreign keys off: a step after a rebuild's own
        // check (an execute<>, a data step) could write a dangling reference. The whole
        // database is checked before the commit, against what it had before the first step: a
        // row the application left dangling earlier is not this migration's.
        // (A row's tables renamed by the migration are named anew after each rename: the same row.)
        const bool keys_off = m.rebuilds_tables && db_.dialect() == dialect_id::sqlite;
        dangling dangling_before;
        if (keys_off) dangling_before = dangling_rows();
        // A guard is judged at its rebuild's copy, when the new table is there to say what the
        // run itself changes (rebuild_would_lose); nothing between them touches the live table.
        const step* guard = nullptr;
        for (const step& st : steps) {
            try {
                switch (st.kind) {
                    case step_kind::sql:
                        text = st.sql();
                        if (guard && text.starts_with("INSERT INTO \"_strata_new_")) {
                            const string_t lost = rebuild_would_lose(guard->fragments);
                            guard = nullptr;
                            if (!lost.empty()) throw failure(migration_failure::unknown_objects, lost, "", "");
                        }
                        own.check(text);
                        if (db_.dialect() == dialect_id::sqlite && text.starts_with("DROP TABLE \"") && text.find('"', 12) == text.size() - 1)
                            refuse_referenced_drop(text, failure);  // (as strata spells it: an execute<>'s own SQL is the user's)
                        if (const seeded_delete seed = seeded_delete_of(st); !seed.table.empty())
                            refuse_cascading_delete(seed, st, failure);
                        {
                            const vector_t<string_t> relying = unique_index_users(text);
                            db_.execute(text, {}, {});
                            for (const string_t& t : relying)
                                if (!keys_checkable(t))
                                    throw failure(migration_failure::foreign_key_violation,
                                                  detail::format("table \"{}\" has a foreign key that relies on this unique index (the "
                                                                 "UNIQUE key of the columns it references): without it, the key "
                                                                 "references nothing SQLite can check (foreign key mismatch), and "
                                                                 "PostgreSQL refuses such a drop. Drop that foreign key first",
                                                                 t),
                                                  text, "");
                            refuse_index_on_text(text, failure);
                        }
                        ++statements;
                        if (keys_off) {
                            dangling_before.follow_rename(text);
                            refuse_rounding_copy(text, failure);
                        }
                        break;
                    case step_kind::foreign_key_check: {
                        text = st.sql();
                        const string_t violation = foreign_key_violation(text, dangling_before.rows);
                        ++statements;
                        if (!violation.empty())
                            throw failure(migration_failure::foreign_key_violation, "foreign key violation after a table rebuild: " + violation,
                                          text, "");
                        break;
                    }
                    case step_kind::run:
                        text.clear();
                        st.run(s);
                        break;
                    case step_kind::validate:
                        text.clear();
                        if (!st.check(s))
                            throw failure(migration_failure::validation_failed, "validate<fn> returned false", "", "");
                        break;
                    case step_kind::nothing: text.clear(); break;
                    case step_kind::rebuild_guard:
                        text.clear();
                        guard = &st;
                        break;
                }
            } catch (const migration_error&) {
                throw;
            } catch (const database_error& e) {
                string_t why = reason(e);
                if (st.kind == step_kind::sql && text.starts_with("ALTER TABLE \"_strata_new_") &&
                    (why.starts_with("error in view") || why.starts_with("error in trigger")))
                    why += " (SQLite's table rebuild renames the new table into place, which fails while a view or another "
                           "table's trigger uses the table: restate it around the rebuild, execute<> steps before and after it "
                           "in this migration)";
                throw failure(failure_kind(e), why, e.statement().empty() ? text : e.statement(), e.driver_message());
            } catch (const std::exception& e) {
                throw failure(migration_failure::data_step_failed, string_t("data step threw: ") + e.what(), text, "");
            } catch (...) {  // an int, a string: still this migration's failure, rolled back, not std::terminate
                throw failure(migration_failure::data_step_failed,
                              "data step threw an exception that is not a std::exception", text, "");
            }
        }
        if (guard) throw failure(migration_failure::unknown_objects, "a table rebuild without its copy (strata's bug)", "", "");
        if (keys_off) {
            dangling after;
            try {
                after = dangling_rows();
            } catch (const database_error& e) {
                throw failure(migration_failure::statement_failed, e.driver_message(), e.statement(), e.driver_message());
            }
            // (multisets: a row without a rowid is "row ?", and one row may break two keys alike)
            vector_t<dangling_row> added;
            vector_t<string_t> unchecked;
            std::set_difference(after.rows.begin(), after.rows.end(), dangling_before.rows.begin(), dangling_before.rows.end(),
                                std::back_inserter(added));
            std::set_difference(after.unchecked.begin(), after.unchecked.end(), dangling_before.unchecked.begin(),
                                dangling_before.unchecked.end(), std::back_inserter(unchecked));
            if (!unchecked.empty())
                throw failure(migration_failure::foreign_key_violation,
                              detail::format("table \"{}\" has a foreign key that references no primary key or UNIQUE key any "
                                             "more (SQLite: foreign key mismatch; PostgreSQL refuses such a change): this "
                                             "migration dropped or changed what it references",
                                             unchecked.front()),
                              "PRAGMA foreign_key_check", "");
            if (!added.empty())
                throw failure(migration_failure::foreign_key_violation,
                              "foreign key violation written by this migration (it runs with foreign keys off): " + added.front().text(),
                              "PRAGMA foreign_key_check", "");
        }
        return statements;
    }

    // SQLite's DROP TABLE deletes the table's rows first, and every foreign key that references
    // them acts (ON DELETE CASCADE deletes another table's rows, SET NULL changes them) or, left
    // referencing no table, breaks: refused while another table references it, as PostgreSQL
    // refuses such a drop. (Not a rebuild's drop of the table it is making again.)
    template <class Failure>
    void refuse_referenced_drop(const string_t& text, const Failure& failure) {
        const string_t table = text.substr(12, text.find('"', 12) - 12);
        const value p[] = {table}, q[] = {"_strata_new_" + table};
        string_t rebuilt, by;
        db_.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = $1", q,
                    [&](const row& r) { rebuilt = r.get<string_t>(0); });
        if (!rebuilt.empty()) return;
        db_.execute("SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table' "
                    "AND f.\"table\" = $1 COLLATE NOCASE AND m.name <> $1 COLLATE NOCASE LIMIT 1",
                    p, [&](const row& r) { by = detail::format("table \"{}\" (column {})", r.get<string_t>(0), r.get<string_t>(1)); });
        if (!by.empty())
            throw failure(migration_failure::foreign_key_violation,
                          detail::format("{} references table \"{}\" by a foreign key: SQLite's DROP TABLE would delete or "
                                         "change its rows (ON DELETE CASCADE, SET NULL) or leave them referencing nothing, "
                                         "and PostgreSQL refuses such a drop. Drop that foreign key, or its table, first",
                                         by, table),
                          text, "");
    }

    // A seed's down deletes exactly the seeded rows, by key; a foreign key ON DELETE CASCADE, SET
    // NULL or SET DEFAULT that references one of them from another row would delete or change
    // that row too (on both backends: PostgreSQL refuses only NO ACTION and RESTRICT). Refused
    // before the DELETE, naming the table and how many rows, as the DROP TABLE of a referenced
    // table is. (The seeded rows' own references among themselves go with them.)
    template <class Failure>
    void refuse_cascading_delete(const seeded_delete& seed, const step& st, const Failure& failure) {
        const std::string_view quoted_table = seed.table;
        const string_t table(quoted_table.substr(1, quoted_table.size() - 2));
        const string_t& where = seed.where;  // the seeded rows, by the table's key, unqualified names
        struct reference {
            string_t child, child_sql, key, action;  // child_sql: the child table as SQL names it
            vector_t<std::pair<string_t, string_t>> columns;  // (child's, parent's)
            bool self = false;  // the seeded table's own rows reference it
        };
        vector_t<reference> refs;
        const value p[] = {table};
        if (db_.dialect() == dialect_id::sqlite) {
            vector_t<string_t> pk;  // a reference without parent columns names the primary key
            db_.execute("SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk", p,
                        [&](const row& r) { pk.push_back(r.get<string_t>(0)); });
            db_.execute("SELECT m.name, f.id, f.seq, f.\"from\", f.\"to\", f.on_delete FROM sqlite_master m, "
                        "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = $1 COLLATE NOCASE AND "
                        "f.on_delete IN ('CASCADE', 'SET NULL', 'SET DEFAULT') ORDER BY m.name, f.id, f.seq",
                        p, [&](const row& r) {
                            const auto seq = static_cast<std::size_t>(r.get<std::int64_t>(2));
                            const string_t child = r.get<string_t>(0);
                            // (SQLite compares names without case: "Roles" is roles)
                            if (seq == 0)
                                refs.push_back({child, detail::sql_quoted(child), {}, r.get<string_t>(5), {}, detail::same_ignoring_case(child, table)});
                            refs.back().columns.emplace_back(r.get<string_t>(3),
                                                             r.is_null(4) ? (seq < pk.size() ? pk[seq] : string_t())
                                                                          : r.get<string_t>(4));
                        });
        } else {
            db_.execute("SELECT c.conrelid::regclass::text, c.conname, a.attname, b.attname, c.confdeltype, "
                        "c.conrelid = c.confrelid, t.relname FROM pg_class t, pg_constraint c, unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(ck, fk, n), "
                        "pg_attribute a, pg_attribute b WHERE c.contype = 'f' AND c.confrelid = to_regclass(quote_ident($1)) "
                        "AND c.confdeltype IN ('c', 'n', 'd') AND a.attrelid = c.conrelid AND a.attnum = k.ck "
                        "AND b.attrelid = c.confrelid AND b.attnum = k.fk AND t.oid = c.conrelid ORDER BY 1, 2, k.n",
                        p, [&](const row& r) {
                            const string_t child_sql = r.get<string_t>(0), key = r.get<string_t>(1), kind = r.get<string_t>(4);
                            // (PostgreSQL: "Roles" and roles are two tables; the same one by its oid)
                            if (refs.empty() || refs.back().child_sql != child_sql || refs.back().key != key)
                                refs.push_back({r.get<string_t>(6), child_sql, key,
                                                kind == "c" ? "CASCADE" : kind == "n" ? "SET NULL" : "SET DEFAULT", {}, r.get<bool>(5)});
                            refs.back().columns.emplace_back(r.get<string_t>(2), r.get<string_t>(3));
                        });
        }
        for (const reference& ref : refs) {
            string_t joined, from_names;
            for (const auto& [from, to] : ref.columns) {
                joined += " AND p." + detail::sql_quoted(to) + " = c." + detail::sql_quoted(from);
                from_names += (from_names.empty() ? "" : ", ") + from;
            }
            // (the seeded rows' own references go with them: not counted)
            const bool self = ref.self;
            const string_t count_sql = "SELECT count(*) FROM " + ref.child_sql + " c WHERE EXISTS (SELECT 1 FROM " +
                                          string_t(quoted_table) + " p WHERE (" + where + ")" + joined + ")" +
                                          (self ? " AND NOT (" + where + ")" : "");
            std::int64_t n = 0;
            db_.execute(count_sql, {}, [&](const row& r) { n = r.get<std::int64_t>(0); });
            if (n > 0)
                throw failure(migration_failure::foreign_key_violation,
                              detail::format("{} row(s) of table \"{}\" (column {}, ON DELETE {}) reference rows of table \"{}\" "
                                             "that this down deletes (a seed's rows): the DELETE would {} them too. Delete or "
                                             "change those rows first, or downgrade no further",
                                             n, ref.child, from_names, ref.action, table,
                                             ref.action == "CASCADE" ? "delete" : "change"),
                              st.sql(), "");
        }
    }

    // A row that breaks a foreign key (PRAGMA foreign_key_check): its table, rowid ("?" without
    // one), the table it references and the key's columns. Compared as multisets: rows without
    // a rowid are alike. (By the key's columns, not its number: SQLite numbers a table's keys
    // anew when a rebuild adds or drops one.)
    struct dangling_row {
        string_t table, rowid, parent, columns;
        bool operator<(const dangling_row& o) const {
            return std::tie(table, rowid, parent, columns) < std::tie(o.table, o.rowid, o.parent, o.columns);
        }
        string_t text() const { return detail::format("table \"{}\" row {} references missing \"{}\"", table, rowid, parent); }
    };
    // The rows of table $1 that break a key, as dangling_of reads them.
    static constexpr std::string_view dangling_query =
        "SELECT c.\"table\", c.rowid, c.parent, (SELECT group_concat(\"from\") FROM (SELECT \"from\" FROM "
        "pragma_foreign_key_list(c.\"table\") WHERE id = c.fkid ORDER BY seq)) FROM pragma_foreign_key_check($1) c";
    static dangling_row dangling_of(const row& r) {
        return {r.get<string_t>(0), r.is_null(1) ? string_t("?") : r.get<string_t>(1), r.get<string_t>(2),
                r.is_null(3) ? string_t() : r.get<string_t>(3)};
    }
    // Every row of the database that breaks a foreign key, sorted; and apart, the tables whose
    // keys SQLite cannot check ("foreign key mismatch"). Table by table.
    struct dangling {
        vector_t<dangling_row> rows;
        vector_t<string_t> unchecked;
        // After a rename of a table or column the migration ran (as strata spells it), the rows
        // under the new names.
        void follow_rename(std::string_view sql) {
            constexpr std::string_view start = "ALTER TABLE \"", to = "\" RENAME TO \"", column = "\" RENAME COLUMN \"";
            if (!sql.starts_with(start) || !sql.ends_with("\"") || sql.starts_with("ALTER TABLE \"_strata_new_")) return;
            auto same = [](std::string_view a, std::string_view b) { return detail::same_ignoring_case(a, b); };
            if (const std::size_t at = sql.find(to); at != std::string_view::npos) {
                const std::string_view from = sql.substr(start.size(), at - start.size()),
                                       into = sql.substr(at + to.size(), sql.size() - 1 - at - to.size());
                for (dangling_row& d : rows) {
                    if (same(d.table, from)) d.table = into;
                    if (same(d.parent, from)) d.parent = into;
                }
                for (string_t& t : unchecked)
                    if (same(t, from)) t = into;
            } else if (const std::size_t c = sql.find(column); c != std::string_view::npos) {
                const std::string_view table = sql.substr(start.size(), c - start.size()), rest = sql.substr(c + column.size());
                const std::size_t mid = rest.find("\" TO \"");
                if (mid == std::string_view::npos) return;
                const std::string_view from = rest.substr(0, mid), into = rest.substr(mid + 6, rest.size() - mid - 7);
                for (dangling_row& d : rows) {
                    if (!same(d.table, table)) continue;
                    string_t out;
                    for (std::size_t b = 0; b <= d.columns.size();) {
                        const std::size_t e = std::min(d.columns.find(',', b), d.columns.size());
                        const std::string_view name = std::string_view(d.columns).substr(b, e - b);
                        out += (out.empty() ? "" : ",") + string_t(same(name, from) ? into : name);
                        b = e + 1;
                    }
                    d.columns = out;
                }
            }
            std::sort(rows.begin(), rows.end());
            std::sort(unchecked.begin(), unchecked.end());
        }
    };
    // (the tables whose SQL says REFERENCES in any case: LIKE minds the case when the program
    // set case_sensitive_like)
    dangling dangling_rows() {
        vector_t<dependent_t<string_t, Tag>> tables;  // (dependent: see detail::dependent)
        dangling out;
        db_.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND instr(upper(sql), 'REFERENCES') > 0", {},
                    [&](const row& r) { tables.push_back(r.get<string_t>(0)); });
        for (const string_t& t : tables) {
            const value p[] = {t};
            try {
                db_.execute(dangling_query, p, [&](const row& r) { out.rows.push_back(dangling_of(r)); });
            } catch (const database_error&) {
                out.unchecked.push_back(t);
            }
        }
        std::sort(out.rows.begin(), out.rows.end());
        std::sort(out.unchecked.begin(), out.unchecked.end());
        return out;
    }

    // SQLite: a rebuild's copy converts each value as the new column's affinity does, so a type
    // change can store a value changed, or keep one, where PostgreSQL's ALTER ... TYPE keeps it
    // or refuses it. Refused, after the copy, in the migration's transaction (the old table
    // still holds the values), naming the column, how many and the first:
    // - made an integer type: a value that is no 64-bit integer is kept as a REAL (a fraction;
    //   an integer past 64 bits, rounded) or as TEXT ('abc'): PostgreSQL refuses both;
    // - made NUMERIC: a text it cannot keep whole (sqlite_numeric_keeps, what strata::insert and
    //   seeds are held to) would be rounded; one that is no number is kept as TEXT, which
    //   PostgreSQL refuses;
    // - made BOOLEAN: a text PostgreSQL refuses ('maybe') is kept as TEXT (one it reads,
    //   'yes', is kept too: as before, and as documented).
    // (Counted in the new table against the old one: values the column held before, in a
    // column of the same kind, are its own.)
    template <class Failure>
    void refuse_rounding_copy(const string_t& text, const Failure& failure) {
        constexpr std::string_view start = "INSERT INTO \"_strata_new_";
        if (!text.starts_with(start)) return;
        const string_t table = text.substr(start.size(), text.find('"', start.size()) - start.size());
        const string_t made = "_strata_new_" + table;
        const value p[] = {table}, q[] = {made};
        vector_t<std::pair<string_t, string_t>> old_types;  // name, declared type
        db_.execute("SELECT name, type FROM pragma_table_xinfo($1)", p,
                    [&](const row& r) { old_types.emplace_back(r.get<string_t>(0), r.get<string_t>(1)); });
        struct changed_column {
            string_t name;
            char kind;       // 'i'nteger, 'n'umeric, 'b'oolean
            bool same_kind;  // the old type's kind was the same (its values were converted before)
        };
        vector_t<changed_column> changed;
        auto kind_of = [](std::string_view type) {
            const char a = sqlite_affinity(type);
            if (a == 'i') return 'i';
            const auto starts = [&](std::string_view w) { return type.size() >= w.size() && sql_iequal(type.substr(0, w.size()), w); };
            if (a == 'n' && (starts("NUMERIC") || starts("DECIMAL"))) return 'n';
            if (a == 'n' && starts("BOOLEAN")) return 'b';
            return ' ';
        };
        db_.execute("SELECT name, type FROM pragma_table_xinfo($1)", q, [&](const row& r) {
            const string_t name = r.get<string_t>(0), type = r.get<string_t>(1);
            for (const auto& [n, t] : old_types)
                if (n == name && !sql_iequal(t, type))
                    if (const char k = kind_of(type); k != ' ') changed.push_back({name, k, kind_of(t) == k});
        });
        auto refuse = [&](const string_t& column, const string_t& what) {
            throw failure(migration_failure::statement_failed,
                          detail::format("column \"{}\" of table \"{}\": {} by the type change (SQLite converts as the new "
                                         "type's affinity does, where PostgreSQL's ALTER ... TYPE keeps the value whole or refuses "
                                         "it). Mend them first, with an execute<> before this migration's type change",
                                         column, table, what),
                          text, "");
        };
        auto count = [&](const string_t& t, const string_t& c, std::string_view type) {
            std::int64_t n = 0;
            db_.execute(detail::format("SELECT count(*) FROM \"{}\" WHERE typeof(\"{}\") = '{}'", t, c, type), {},
                        [&](const row& r) { n = r.get<std::int64_t>(0); });
            return n;
        };
        auto first = [&](const string_t& c, std::string_view type) {
            string_t v;
            db_.execute(detail::format("SELECT CAST(\"{}\" AS TEXT) FROM \"{}\" WHERE typeof(\"{}\") = '{}' LIMIT 1", c, made, c, type), {},
                        [&](const row& r) { v = r.get<string_t>(0); });
            return v.size() > 60 ? v.substr(0, 60) + "..." : v;
        };
        for (const changed_column& c : changed) {
            // (a REAL an INTEGER column kept is no whole number of 64 bits; one the old column
            // held PostgreSQL rounds to an integer: only those a text became count)
            if (c.kind == 'i')
                if (const std::int64_t n = count(made, c.name, "real") - count(table, c.name, "real"); n > 0)
                    refuse(c.name, detail::format("{} value(s) that are no 64-bit integer (a fraction, or an integer too "
                                                  "large: rounded; the first: {}) would be kept as REAL",
                                                  n, first(c.name, "real")));
            if (c.kind == 'n') {
                std::int64_t rounded = 0;
                string_t first_rounded;
                db_.execute(detail::format("SELECT \"{}\" FROM \"{}\" WHERE typeof(\"{}\") = 'text'", c.name, table, c.name), {},
                            [&](const row& r) {
                                const string_t v = r.get<string_t>(0);
                                if (sqlite_numeric_keeps(v)) return;
                                if (!rounded++) first_rounded = v.size() > 60 ? v.substr(0, 60) + "..." : v;
                            });
                if (rounded)
                    refuse(c.name, detail::format("{} text value(s) of more digits than a NUMERIC keeps (a 64-bit integer, "
                                                  "or a REAL of 15 significant digits; the first: '{}') would be stored rounded",
                                                  rounded, first_rounded));
            }
            // (texts PostgreSQL reads as such a value too: NaN and Infinity for NUMERIC; true, yes,
            // on, f, no, off... for BOOLEAN, which SQLite keeps as they are)
            const string_t accepted = c.kind == 'n'   ? " AND lower(trim(\"" + c.name + "\")) NOT IN ('nan', 'infinity', '+infinity', '-infinity')"
                                         : c.kind == 'b' ? " AND lower(trim(\"" + c.name + "\")) NOT IN ('t', 'tr', 'tru', 'true', 'y', 'ye', 'yes', "
                                                           "'on', 'f', 'fa', 'fal', 'fals', 'false', 'n', 'no', 'of', 'off', '1', '0')"
                                                         : string_t();
            auto texts = [&](const string_t& t) {
                std::int64_t n = 0;
                db_.execute(detail::format("SELECT count(*) FROM \"{}\" WHERE typeof(\"{}\") = 'text'{}", t, c.name, accepted), {},
                            [&](const row& r) { n = r.get<std::int64_t>(0); });
                return n;
            };
            if (const std::int64_t n = texts(made) - (c.same_kind ? texts(table) : 0); n > 0) {
                string_t v;
                db_.execute(detail::format("SELECT \"{}\" FROM \"{}\" WHERE typeof(\"{}\") = 'text'{} LIMIT 1", c.name, made, c.name, accepted),
                            {}, [&](const row& r) { v = r.get<string_t>(0); });
                refuse(c.name, detail::format("{} text value(s) that are no {} (the first: '{}') would be kept as TEXT", n,
                                              c.kind == 'i' ? "integer" : c.kind == 'n' ? "number" : "boolean",
                                              v.size() > 60 ? v.substr(0, 60) + "..." : v));
            }
        }
    }

    // SQLite reads a double-quoted name it cannot find as a text: a CREATE INDEX (as strata spells
    // it: columns only) on a column the table lacks (dropped by hand) made an index on the text
    // 'note', and a unique one let the table hold one row. Failed after it, in its transaction.
    template <class Failure>
    void refuse_index_on_text(const string_t& text, const Failure& failure) {
        if (db_.dialect() != dialect_id::sqlite) return;
        // CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (keys): strata's, or an execute<>'s,
        // whose keys are each a quoted name alone (with COLLATE, ASC, DESC); an expression's index
        // is its own (helper 62).
        vector_t<sql_token> ts;
        for (const sql_token& t : detail::sql_tokens(text))
            if (t.kind != sql_token::space) ts.push_back(t);
        auto word = [&](std::size_t k, std::string_view w) {
            return k < ts.size() && ts[k].kind == sql_token::word && detail::sql_iequal(ts[k].text, w);
        };
        std::size_t k = 1;
        if (!word(0, "CREATE")) return;
        if (word(k, "UNIQUE")) ++k;
        if (!word(k++, "INDEX")) return;
        if (word(k, "IF") && word(k + 1, "NOT") && word(k + 2, "EXISTS")) k += 3;
        if (k >= ts.size() || (ts[k].kind != sql_token::word && ts[k].kind != sql_token::quoted)) return;
        const string_t index = detail::sql_unquote(ts[k++]);
        if (!word(k++, "ON")) return;
        ++k;  // (the table)
        if (k >= ts.size() || ts[k].text != "(") return;
        bool quoted = false;
        for (++k; k < ts.size() && ts[k].text != ")"; ++k) {
            if (ts[k].kind == sql_token::quoted) quoted = true;
            else if (word(k, "COLLATE")) ++k;
            else if (!(ts[k].text == "," || word(k, "ASC") || word(k, "DESC"))) return;
        }
        if (!quoted) return;
        const value p[] = {index};
        std::int64_t texts = 0;
        db_.execute("SELECT count(*) FROM pragma_index_xinfo($1) WHERE key AND cid = -2", p,
                    [&](const row& r) { texts = r.get<std::int64_t>(0); });
        if (texts > 0)
            throw failure(migration_failure::statement_failed,
                          detail::format("index \"{}\" names a column its table does not have (dropped or renamed by hand, or "
                                         "misspelt?), which SQLite read as a text and indexed; verify() lists what differs",
                                         index),
                          text, "");
    }

    // SQLite: before a DROP INDEX as strata spells it, of a unique index: the other tables with a
    // foreign key to its table whose keys SQLite can check now (one may rely on the index, as
    // the UNIQUE key of the columns it references; after the drop it is checked again).
    vector_t<string_t> unique_index_users(const string_t& text) {
        vector_t<string_t> users;
        if (db_.dialect() != dialect_id::sqlite || !text.starts_with("DROP INDEX \"") || text.find('"', 12) != text.size() - 1)
            return users;
        const value p[] = {text.substr(12, text.size() - 13)};
        vector_t<dependent_t<string_t, Tag>> tables;  // (dependent: see detail::dependent)
        db_.execute("SELECT DISTINCT m.name FROM sqlite_master i, pragma_index_list(i.tbl_name) x, sqlite_master m, "
                    "pragma_foreign_key_list(m.name) f WHERE i.type = 'index' AND i.name = $1 AND x.name = i.name AND x.\"unique\" "
                    "AND m.type = 'table' AND f.\"table\" = i.tbl_name COLLATE NOCASE",
                    p, [&](const row& r) { tables.push_back(r.get<string_t>(0)); });
        for (const string_t& t : tables)
            if (keys_checkable(t)) users.push_back(t);
        return users;
    }
    bool keys_checkable(const string_t& table) {
        const value p[] = {table};
        try {
            db_.execute("SELECT count(*) FROM pragma_foreign_key_check($1)", p, {});
            return true;
        } catch (const database_error&) {
            return false;
        }
    }

    // The first row a rebuild's `PRAGMA foreign_key_check("t")` returns that did not break a
    // key before the migration (`before`, dangling_rows), in words ("" when none). (Read as
    // dangling_rows reads a table.)
    string_t foreign_key_violation(const string_t& pragma, const vector_t<dangling_row>& before) {
        constexpr std::string_view start = "PRAGMA foreign_key_check(\"";
        const value p[] = {pragma.starts_with(start) ? pragma.substr(start.size(), pragma.size() - start.size() - 2) : string_t()};
        vector_t<dangling_row> rows, added;
        db_.execute(dangling_query, p, [&](const row& r) { rows.push_back(dangling_of(r)); });
        std::sort(rows.begin(), rows.end());
        std::set_difference(rows.begin(), rows.end(), before.begin(), before.end(), std::back_inserter(added));
        return added.empty() ? string_t() : added.front().text();
    }

    // SQLite: what the live table about to be rebuilt holds that the typed state does not (see
    // step_kind::rebuild_guard), in words; "" when nothing. DROP TABLE takes the table's
    // columns, indexes and triggers with it, and the new table has only the constraints and
    // options the state gives it. (A view or another table's trigger that uses the table is not
    // lost: the RENAME that follows fails on it, and the migration rolls back.)
    string_t rebuild_would_lose(std::span<const sql_fragment> frags) {
        auto unquoted = [](std::string_view q) { return q.substr(1, q.size() - 2); };
        // (SQLite's names are alike whatever their case)
        auto lower = [](std::string_view n) {
            string_t l(n);
            for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return l;
        };
        using names = vector_t<dependent_t<string_t, Tag>>;  // (dependent: see detail::dependent)
        struct foreign_key {
            string_t from, table, to, on_delete;
            bool operator==(const foreign_key&) const = default;
        };
        struct index_shape {
            string_t name;
            bool unique = false;
            names columns;
        };
        // The state's, from the guard's fragments (see generator::rebuild_guard).
        const string_t table(unquoted(frags[0]));
        vector_t<dependent_t<std::string_view, Tag>> columns;
        names not_null, primary_key;  // lower case
        vector_t<names> unique_keys;  // each sorted
        vector_t<foreign_key> foreign_keys;
        vector_t<index_shape> indexes;
        vector_t<string_t> checks;  // each one's expression
        vector_t<string_t> check_names;  // a table check's name, lower case; empty: a column's
        vector_t<string_t> enum_checks;  // "column in(", of an enum's CHECK whose values the rebuild changes
        std::int64_t autoincrements = 0;
        struct declared_as {
            string_t type, default_;  // as SQLite keeps them: pragma table_info's type and dflt_value
            bool has_default = false;
        };
        vector_t<declared_as> declared;  // by column, in the order of `columns`
        enum { in_columns, in_not_null, in_key, in_primary_key, in_foreign_key, in_index_name, in_index, in_default, in_check, in_check_name, in_enum_check, elsewhere } at =
            in_columns;
        int fk_part = 0;
        declared_as* with_default = nullptr, unnamed;  // the column whose default is being read
        for (std::string_view f : frags.subspan(1)) {
            if (at == in_default) {  // its column, then the default's fragments, raw, up to an empty one
                if (f.empty()) {
                    at = elsewhere;
                } else if (!with_default) {
                    const auto i = static_cast<std::size_t>(std::find(columns.begin(), columns.end(), unquoted(f)) - columns.begin());
                    with_default = i < declared.size() ? &declared[i] : &unnamed;
                    with_default->has_default = true;
                } else {
                    with_default->default_ += f;
                }
                continue;
            }
            if (at == in_check) {  // its expression's fragments, up to an empty one
                if (f.empty()) at = elsewhere;
                else checks.back() += f;
                continue;
            }
            if (f == "default") {
                at = in_default;
                with_default = nullptr;
                continue;
            }
            if (f == "check" || f == "check named") {
                checks.emplace_back();
                check_names.emplace_back();
                at = f == "check" ? in_check : in_check_name;
                continue;
            }
            if (at == in_check_name) {
                check_names.back() = lower(unquoted(f));
                at = in_check;
                continue;
            }
            if (f == "enum check") {
                at = in_enum_check;
                continue;
            }
            // A column's name, then its type (SQLite's types are words in capitals, a length or a
            // scale in parentheses: none is one of the words that follow the columns).
            if (at == in_columns && !f.empty() && f.front() != '"' && f != "not null" && f != "check" && f != "foreign key" &&
                f != "unique" && f != "autoincrement" && f != "primary key" && f != "index") {
                declared.back().type += f;
                continue;
            }
            if (!f.empty() && f.front() == '"') {
                const std::string_view n = unquoted(f);
                switch (at) {
                    case in_columns: columns.push_back(n), declared.emplace_back(); break;
                    case in_not_null: not_null.push_back(lower(n)), at = elsewhere; break;
                    case in_key: unique_keys.back().push_back(lower(n)); break;
                    case in_primary_key: primary_key.push_back(lower(n)); break;
                    case in_foreign_key:
                        (fk_part == 0 ? foreign_keys.back().from : fk_part == 1 ? foreign_keys.back().table : foreign_keys.back().to) = lower(n);
                        ++fk_part;
                        break;
                    case in_index_name: indexes.back().name = string_t(n); break;
                    case in_index: indexes.back().columns.push_back(lower(n)); break;
                    case in_enum_check: enum_checks.push_back(check_text_key(f) + " in("), at = elsewhere; break;
                    case in_default:  // (read above)
                    case in_check:
                    case in_check_name:
                    case elsewhere: break;
                }
            } else if (at == in_foreign_key && fk_part == 3) {
                foreign_keys.back().on_delete = string_t(f);
                at = elsewhere;
            } else if (at == in_index_name && (f == "on" || f == "unique on")) {
                indexes.back().unique = f == "unique on";
                at = in_index;
            } else if (f == "not null") {
                at = in_not_null;
            } else if (f == "unique") {
                unique_keys.emplace_back();
                at = in_key;
            } else if (f == "primary key") {
                at = in_primary_key;
            } else if (f == "foreign key") {
                foreign_keys.emplace_back();
                fk_part = 0;
                at = in_foreign_key;
            } else if (f == "index") {
                indexes.emplace_back();
                at = in_index_name;
            } else {
                autoincrements += f == "autoincrement";
                at = elsewhere;
            }
        }
        auto stripped = [](std::string_view x) {  // of the white space around it
            const std::size_t from = x.find_first_not_of(" \t\r\n\f\v");
            return from == std::string_view::npos ? string_t() : string_t(x.substr(from, x.find_last_not_of(" \t\r\n\f\v") + 1 - from));
        };
        for (declared_as& c : declared)  // DEFAULT (expr): SQLite keeps expr, without the white space around it
            if (c.default_.size() >= 2 && c.default_.front() == '(' && c.default_.back() == ')')
                c.default_ = stripped(std::string_view(c.default_).substr(1, c.default_.size() - 2));
        for (auto& k : unique_keys) std::sort(k.begin(), k.end());
        auto known = [](const auto& list, const auto& x) { return std::find(list.begin(), list.end(), x) != list.end(); };
        auto joined = [](const names& xs) {
            string_t s;
            for (const string_t& x : xs) s += (s.empty() ? "" : ", ") + x;
            return s;
        };
        // What the run makes of each column, from its new table (created before the copy): a
        // type or default the run sets, or a column it drops, is the migration's to change.
        struct becomes {
            string_t name, type;
            std::optional<string_t> default_;
        };
        vector_t<becomes> after_run;
        {
            const value q[] = {"_strata_new_" + table};
            db_.execute("SELECT name, type, dflt_value FROM pragma_table_xinfo($1)", q, [&](const row& r) {
                after_run.push_back({r.get<string_t>(0), r.get<string_t>(1),
                                r.is_null(2) ? std::nullopt : std::optional<string_t>(r.get<string_t>(2))});
            });
        }
        vector_t<string_t> lost;
        const value p[] = {table};
        names live_key(64);  // by position in the primary key
        std::size_t key_size = 0;
        vector_t<bool> there(columns.size());  // the state's columns the live table has
        db_.execute("SELECT name, hidden, \"notnull\", pk, type, dflt_value FROM pragma_table_xinfo($1)", p, [&](const row& r) {
            const string_t c = r.get<string_t>(0);
            const auto at_column = std::find(columns.begin(), columns.end(), std::string_view(c));
            if (at_column != columns.end()) there[static_cast<std::size_t>(at_column - columns.begin())] = true;
            if (at_column == columns.end()) {
                lost.push_back(detail::format("column \"{}\" (and its data)", c));
            } else if (const std::int64_t hidden = r.get<std::int64_t>(1); hidden == 2 || hidden == 3) {
                lost.push_back(detail::format("column \"{}\" generated (GENERATED ALWAYS AS)", c));
            } else {
                if (r.get<std::int64_t>(2) != 0 && !known(not_null, lower(c)))
                    lost.push_back(detail::format("NOT NULL on column \"{}\"", c));
                // The declared type (the column's affinity: the copy would convert its values) and
                // a default, compared as verify() compares them, where the run keeps the chain's.
                // A default the live column lacks is the chain's again after the rebuild, nothing
                // lost; so is DEFAULT NULL.
                const declared_as& want = declared[static_cast<std::size_t>(at_column - columns.begin())];
                const auto to = std::find_if(after_run.begin(), after_run.end(), [&](const becomes& b) { return b.name == c; });
                const string_t type = r.get<string_t>(4);
                if (to != after_run.end() && to->type == want.type && type != want.type)
                    lost.push_back(detail::format("type {} of column \"{}\" (the chain's: {}) changed by hand", type.empty() ? "(none)" : type,
                                                  c, want.type));
                const std::optional<string_t> kept = want.has_default ? std::optional<string_t>(want.default_) : std::nullopt;
                if (to != after_run.end() && to->default_ == kept && !r.is_null(5) && !sql_iequal(r.get<string_t>(5), "null") &&
                    r.get<string_t>(5) != want.default_)
                    lost.push_back(detail::format("DEFAULT {} on column \"{}\" (the chain's: {}) changed by hand", r.get<string_t>(5), c,
                                                  want.has_default ? want.default_ : string_t("none")));
            }
            if (const std::int64_t k = r.get<std::int64_t>(3); k > 0 && k <= 64) {
                live_key[static_cast<std::size_t>(k - 1)] = lower(c);
                key_size = std::max(key_size, static_cast<std::size_t>(k));
            }
        });
        live_key.resize(key_size);
        if (!live_key.empty() && live_key != primary_key)
            lost.push_back(detail::format("a PRIMARY KEY on ({}) the chain does not declare", joined(live_key)));
        // The new table's INTEGER PRIMARY KEY is its rowid: the copy would renumber every row of a
        // live table whose key is not (made DESC by hand, SQLite keeps it in an index of its own).
        {
            const auto key_column = primary_key.size() == 1 ? std::find_if(columns.begin(), columns.end(), [&](std::string_view c) {
                return lower(c) == primary_key[0];
            }) : columns.end();
            bool apart = false;
            if (key_column != columns.end() && sql_iequal(declared[static_cast<std::size_t>(key_column - columns.begin())].type, "INTEGER"))
                db_.execute("SELECT 1 FROM pragma_index_list($1) WHERE origin = 'pk'", p, [&](const row&) { apart = true; });
            if (apart)
                lost.push_back("the rowid of each row: its INTEGER PRIMARY KEY is not the table's rowid (made DESC by hand), "
                               "and the new table's is, so every row would be numbered again (what holds rowids, as an FTS "
                               "index does, would no longer find them)");
        }
        // A table renamed by hand in another case: SQLite finds it, but its AUTOINCREMENT sequence
        // is kept under its name, and verify() misses the chain's table.
        db_.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = $1 COLLATE NOCASE AND name <> $1", p,
                    [&](const row& r) {
                        lost.push_back(detail::format("the table's name as spelled by hand, \"{}\" (the chain's: \"{}\"), with "
                                                      "the AUTOINCREMENT sequence kept under it",
                                                      r.get<string_t>(0), table));
                    });
        vector_t<string_t> unique_indexes;
        struct live_index {
            string_t name;
            bool unique = false, partial = false;
        };
        vector_t<live_index> made;  // (read after: one statement at a time)
        db_.execute("SELECT name, origin, \"unique\", partial FROM pragma_index_list($1) WHERE origin IN ('c', 'u')", p,
                    [&](const row& r) {
                        if (r.get<string_t>(1) == "u") unique_indexes.push_back(r.get<string_t>(0));
                        else made.push_back({r.get<string_t>(0), r.get<std::int64_t>(2) != 0, r.get<std::int64_t>(3) != 0});
                    });
        for (const live_index& i : made) {
            const auto shape = std::find_if(indexes.begin(), indexes.end(), [&](const index_shape& x) { return x.name == i.name; });
            if (shape == indexes.end()) {
                lost.push_back(detail::format("index \"{}\"", i.name));
                continue;
            }
            // the chain's index, made again by hand otherwise: the rebuild would make the chain's
            bool same = i.unique == shape->unique && !i.partial;
            names cols;
            const value q[] = {i.name};
            db_.execute("SELECT name, \"desc\", coll FROM pragma_index_xinfo($1) WHERE key = 1 ORDER BY seqno", q, [&](const row& c) {
                cols.push_back(c.is_null(0) ? string_t("(an expression)") : lower(c.get<string_t>(0)));
                same = same && c.get<std::int64_t>(1) == 0 && lower(c.get<string_t>(2)) == "binary";
            });
            if (!same || cols != shape->columns)
                lost.push_back(detail::format("index \"{}\" as made by hand (not the chain's: its columns, UNIQUE, a WHERE, DESC "
                                              "or COLLATE)",
                                              i.name));
        }
        // A UNIQUE constraint by its columns (SQLite names it sqlite_autoindex_*, and keeps one of
        // two alike: a key the state has twice, or as its primary key too, is there once or not).
        // One on the primary key's columns loses nothing: the key is unique already.
        names key_sorted = primary_key;
        std::sort(key_sorted.begin(), key_sorted.end());
        for (const string_t& i : unique_indexes) {
            names key;
            string_t spelled;
            const value q[] = {i};
            db_.execute("SELECT name FROM pragma_index_info($1) ORDER BY seqno", q, [&](const row& r) {
                const string_t c = r.is_null(0) ? string_t("(an expression)") : r.get<string_t>(0);
                spelled += (spelled.empty() ? "" : ", ") + c;
                key.push_back(lower(c));
            });
            std::sort(key.begin(), key.end());
            if (!known(unique_keys, key) && key != key_sorted)
                lost.push_back(detail::format("a UNIQUE constraint on ({}) the chain does not declare", spelled));
        }
        // Foreign keys by what they say: each of the live table's the state has (as often).
        {
            struct live_fk {
                foreign_key fk;
                string_t on_update;
                std::size_t columns = 0;
            };
            vector_t<live_fk> live;
            std::int64_t id = -1;
            db_.execute("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list($1) ORDER BY id, seq", p,
                        [&](const row& r) {
                if (r.get<std::int64_t>(0) != id) {
                    id = r.get<std::int64_t>(0);
                    live.push_back({{lower(r.get<string_t>(2)), lower(r.get<string_t>(1)),
                                     r.is_null(3) ? string_t() : lower(r.get<string_t>(3)), r.get<string_t>(5)},
                                    r.get<string_t>(4), 0});
                }
                ++live.back().columns;
            });
            vector_t<foreign_key> left = foreign_keys;
            for (const live_fk& l : live) {
                const auto match = std::find(left.begin(), left.end(), l.fk);
                if (l.columns == 1 && l.on_update == "NO ACTION" && match != left.end()) {
                    left.erase(match);
                    continue;
                }
                lost.push_back(detail::format("a foreign key ({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}{} the chain does "
                                              "not declare",
                                              l.fk.from, l.fk.table, l.fk.to, l.fk.on_delete, l.on_update,
                                              l.columns > 1 ? " (of several columns)" : ""));
            }
        }
        db_.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1 COLLATE NOCASE "
                    "UNION ALL SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND tbl_name = $1 COLLATE NOCASE",
                    p, [&](const row& r) { lost.push_back(detail::format("trigger \"{}\"", r.get<string_t>(0))); });
        sqlite_table_definition def{}, new_def{};
        db_.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1 COLLATE NOCASE", p,
                    [&](const row& r) { def = read_sqlite_table_definition(r.get<string_t>(0)); });
        {
            const value q[] = {"_strata_new_" + table};
            db_.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1", q,
                        [&](const row& r) { new_def = read_sqlite_table_definition(r.get<string_t>(0)); });
        }
        // Checks by expression, in one spelling (check_text_key): a live one the chain has (as
        // often) is the chain's; one it has not was made, or changed, by hand, unless it stands
        // for one of the chain's that the run drops or changes (the new table lacks it): the
        // chain's named check of its name, or the chain's CHECK of an enum column's values
        // ("c in(...)") of its column. The hand change goes with it.
        {
            struct check_text {
                string_t key, text, name;
            };
            vector_t<check_text> chain_only;
            for (std::size_t k = 0; k < checks.size(); ++k) chain_only.push_back({check_text_key(checks[k]), checks[k], check_names[k]});
            vector_t<string_t> by_hand, new_keys;
            for (const string_t& c : new_def.checks) new_keys.push_back(check_text_key(c));
            vector_t<std::size_t> unmatched;  // of the live checks
            vector_t<string_t> matched;
            for (std::size_t k = 0; k < def.checks.size(); ++k) {
                const string_t key = check_text_key(def.checks[k]);
                const auto m = std::find_if(chain_only.begin(), chain_only.end(), [&](const check_text& x) { return x.key == key; });
                const auto e = std::find_if(enum_checks.begin(), enum_checks.end(), [&](const string_t& x) { return key.starts_with(x); });
                if (m != chain_only.end()) chain_only.erase(m), matched.push_back(key);
                else if (e != enum_checks.end()) enum_checks.erase(e);  // (any values: the run changes them)
                else if (known(matched, key) && known(new_keys, key)) continue;  // a copy of one the new table keeps: no loss
                else unmatched.push_back(k);
            }
            auto in_list_of = [](const string_t& key) {  // "c in(" of a column's IN list, or empty
                const std::size_t at = key.find(" in(");
                return at != string_t::npos && at > 0 && key.find_first_of(" ()") == at ? key.substr(0, at + 4) : string_t();
            };
            for (std::size_t k : unmatched) {
                const string_t key = check_text_key(def.checks[k]);
                const string_t& name = def.check_names[k];
                const auto stands_for = std::find_if(chain_only.begin(), chain_only.end(), [&](const check_text& x) {
                    if (known(new_keys, x.key)) return false;  // (kept by the run)
                    if (!x.name.empty()) return x.name == name;
                    const string_t list = in_list_of(x.key);
                    return name.empty() && !list.empty() && key.starts_with(list);
                });
                if (stands_for != chain_only.end()) chain_only.erase(stands_for);
                else by_hand.push_back(stripped(def.checks[k]));
            }
            vector_t<string_t> kept;
            for (const check_text& c : chain_only)
                if (known(new_keys, c.key)) kept.push_back(stripped(c.text));
            if (!by_hand.empty() && kept.empty()) {
                for (const string_t& c : by_hand) lost.push_back(detail::format("a CHECK constraint ({}) the chain does not declare", c));
            } else if (!by_hand.empty()) {
                string_t live, chain;
                for (const string_t& c : by_hand) live += (live.empty() ? "CHECK (" : ", CHECK (") + c + ")";
                for (const string_t& c : kept) chain += (chain.empty() ? "CHECK (" : ", CHECK (") + c + ")";
                lost.push_back(detail::format("{} (the chain's: {}) changed by hand", live, chain));
            }
        }
        if (def.autoincrements > autoincrements)
            lost.push_back(def.autoincrements - autoincrements == 1
                               ? string_t("an AUTOINCREMENT the chain does not declare")
                               : detail::format("{} AUTOINCREMENTs the chain does not declare", def.autoincrements - autoincrements));
        if (def.collations) lost.push_back(def.collations == 1 ? string_t("a COLLATE clause") : detail::format("{} COLLATE clauses", def.collations));
        if (def.conflict_clauses)
            lost.push_back(def.conflict_clauses == 1 ? string_t("an ON CONFLICT clause") : detail::format("{} ON CONFLICT clauses", def.conflict_clauses));
        if (def.deferred_keys)  // (strata's are checked at each statement)
            lost.push_back(def.deferred_keys == 1 ? string_t("a foreign key checked at commit (DEFERRABLE INITIALLY DEFERRED)")
                                                  : detail::format("{} foreign keys checked at commit (DEFERRABLE INITIALLY DEFERRED)",
                                                                   def.deferred_keys));
        if (def.strict) lost.push_back("table option STRICT");
        if (def.without_rowid) lost.push_back("table option WITHOUT ROWID");
        // A column of the state the live table lacks (dropped or renamed by hand): the copy has
        // nothing to copy into it (and, with SQLite's double-quoted strings on, would fill it with
        // its own name). Refused first: the rest compares a table that is not the chain's.
        string_t missing;
        for (std::size_t k = 0; k < columns.size(); ++k)
            if (!there[k]) missing += detail::format("{}\"{}\"", missing.empty() ? "" : ", ", columns[k]);
        if (!missing.empty())
            return detail::format("rebuilding table \"{}\" (SQLite: new table, copy, drop, rename): the live table has no column "
                                  "{}, which the chain has there (dropped or renamed by hand?): the copy would have nothing "
                                  "to keep. Make the column again as the chain has it (verify() lists what differs)",
                                  table, missing);
        if (lost.empty()) return {};
        string_t what = detail::format("rebuilding table \"{}\" (SQLite: new table, copy, drop, rename) would lose what the "
                                       "chain does not know: ",
                                       table);
        bool changed = false, deferred = def.deferred_keys != 0;
        for (std::size_t k = 0; k < lost.size(); ++k) {
            what += (k ? ", " : "") + lost[k];
            changed = changed || lost[k].ends_with("changed by hand");
        }
        what += ". Declare them in the chain (add_column, create_index, add_check, add_foreign_key, add_unique), drop them "
                "first, or restate what the chain cannot declare around the rebuild (execute<> steps before and after it in "
                "this migration)";
        if (changed)
            what += "; a type, DEFAULT or CHECK changed by hand: make the table again as the chain has it, or keep the change "
                    "by declaring it before this rebuild (alter_column with set_type or set_default, drop_constraint and "
                    "add_check, where strata spells it so)";
        if (deferred)
            what += "; a foreign key checked at commit: strata declares none, make the table again without INITIALLY DEFERRED";
        return what;
    }

    driver& db_;
    migrator_options opt_;
    chain_info chain_;
    string_t cli_;  // the CLI's command ("app db"), or empty
    std::optional<generated_sql> sql_;
    vector_t<std::uint64_t> history_;
    bool exclusive_ = false;  // the chain's lock is held and keeps other migrators out
    bool in_verb_ = false;    // inside named(): the verb's wait limits are set
    bool marked_dirty_ = false;  // apply() recorded the migration outside a transaction dirty
};

}  // namespace detail
}  // namespace strata
