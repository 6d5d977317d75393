#pragma once
// The background steps of a chain (background<fn>): found through strata_migrations'
// background_pending flag, set in the migration's own transaction, and run in version order
// after every foreground migration, each migration's steps then marked done; before a later
// migration, where one is to run (upgrade_after_background). Compiled once per program.
#include <strata/detail/dependent.hpp>
#include <strata/detail/runtime/format.hpp>

#include <strata/detail/algorithm.hpp>
#include <cstdint>
#include <optional>
#include <strata/detail/chrono.hpp>
#include <strata/stop_token.hpp>
#include <string>
#include <vector>

#include <strata/detail/runtime/migrator_core.hpp>
#include <strata/detail/runtime/migrator_engine.ipp>
#include <strata/reports.hpp>

namespace strata {


namespace detail {

// The versions whose background steps have not finished, in order. (A lock on the table is
// waited for at most `limits`' lock_timeout.)
STRATA_LAZY inline std::vector<std::uint64_t> pending_background(driver& db, const std::string& chain, const wait_limits& limits = {}) {
    std::vector<std::uint64_t> v;
    wait_scope bounded(db, {limits.lock_timeout, {}});
    const dependent_t<value, Lazy> p[] = {chain};  // (dependent: see detail::dependent)
    read_if_table(db, tracking_table, [&] {
        v.clear();
        db.execute("SELECT \"version\" FROM \"strata_migrations\" WHERE \"chain\" = $1 AND \"background_pending\" ORDER BY \"version\"",
                   p, [&](const row& r) { v.push_back(static_cast<std::uint64_t>(r.get<std::int64_t>(0))); });
    });
    return v;
}

// Could background steps be pending once the chain is upgraded: some are, or a migration not
// yet recorded has some? (Asked only when they could not run: see migrate_on_startup.)
STRATA_LAZY inline bool background_could_be_pending(driver& db, const std::string& chain, const chain_info& c, const wait_limits& limits) {
    if (!chain_has_background(c)) return false;
    if (!pending_background(db, chain, limits).empty()) return true;
    wait_scope bounded(db, {limits.lock_timeout, {}});
    std::uint64_t recorded = 0;
    const dependent_t<value, Lazy> p[] = {chain};  // (dependent: see detail::dependent)
    read_if_table(db, tracking_table, [&] {
        db.execute("SELECT max(\"version\") FROM \"strata_migrations\" WHERE \"chain\" = $1", p,
                   [&](const row& r) { recorded = static_cast<std::uint64_t>(r.get<std::optional<std::int64_t>>(0).value_or(0)); });
    });
    for (std::size_t i = 0; i < c.size; ++i)
        if (c.descs[i].version > recorded && has_background(c.descs[i])) return true;
    return false;
}

// Text as a TEXT cell of either backend takes it: valid UTF-8 (PostgreSQL refuses anything else;
// an invalid byte, or a NUL, becomes '?'), at most `max` bytes, cut at a character ("..." then
// ends it, within the `max`).
STRATA_LAZY inline std::string cell_safe_text(std::string_view s, std::size_t max = 4000) {
    std::string out;
    const auto at = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
    const auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) { return at(i) >= lo && at(i) <= hi; };
    for (std::size_t i = 0; i < s.size();) {
        const unsigned c = at(i);
        std::size_t n = 0;  // the character's bytes; 0: not a character
        if (c >= 0x01 && c <= 0x7F) n = 1;
        else if (c >= 0xC2 && c <= 0xDF) n = cont(i + 1) ? 2 : 0;
        else if (c >= 0xE0 && c <= 0xEF)
            n = cont(i + 1, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF) && cont(i + 2) ? 3 : 0;
        else if (c >= 0xF0 && c <= 0xF4)
            n = cont(i + 1, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF) && cont(i + 2) && cont(i + 3) ? 4 : 0;
        // (each byte in is a byte out: the text fits whole when s does)
        if (s.size() > max && out.size() + std::max<std::size_t>(n, 1) + 3 > max) {
            out += "...";
            break;
        }
        if (n == 0) out += '?', ++i;
        else out.append(s.data() + i, n), i += n;
    }
    return out;
}

// A transaction a failed step left open is rolled back: its work is unfinished anyway, and
// the connection serves on (the next step, a CLI's next verb, the record of the failure). The
// PostgreSQL driver knows only the transactions it opened; one begun with a raw BEGIN shows as
// now() (the transaction's start) behind the statement's start, or as an aborted one.
STRATA_LAZY inline void close_left_transaction(driver& db) {
    if (db.in_transaction()) {
        db.rollback();
        return;
    }
    if (db.dialect() != dialect_id::postgres) return;  // (SQLite's connection knows of a raw BEGIN)
    bool open = true;
    try {
        db.execute("SELECT now() <> statement_timestamp()", {}, [&](const row& r) { open = r.get<bool>(0); });
    } catch (const std::exception&) {  // (aborted: open)
    }
    if (open) db.execute("ROLLBACK", {}, {});
}

// A step's failure, kept for `status` (background_failures_table). Best effort: what cannot be
// recorded is logged, never in the way of the step's own error; within the step's wait limits,
// so that a shutdown that waits for the worker is not held by a lock on the table.
STRATA_LAZY inline void note_background_failure(driver& db, const std::string& chain, std::uint64_t version,
                                                std::string_view why, const log_sink& log, const wait_limits& limits) {
    try {
        wait_scope bounded(db, limits);
        const dependent_t<value, Lazy> key[] = {chain, static_cast<std::int64_t>(version)};
        std::optional<std::string> applied_at;
        db.execute("SELECT \"applied_at\" FROM \"strata_migrations\" WHERE \"chain\" = $1 AND \"version\" = $2", key,
                   [&](const row& r) { applied_at = detail::cell_text(r[0]); });
        if (!applied_at) return;  // (downgraded meanwhile: nothing is pending)
        if (!db.has_table(background_failures_table)) {
            try {
                db.execute(create_background_failures, {}, {});
            } catch (const std::exception&) {  // (another process made it meanwhile: the insert says if not)
            }
        }
        const dependent_t<value, Lazy> p[] = {chain, static_cast<std::int64_t>(version), *applied_at, utc_now(), cell_safe_text(why)};
        db.execute("INSERT INTO \"strata_background_failures\" (\"chain\", \"version\", \"applied_at\", \"failures\", "
                   "\"failed_at\", \"error\") VALUES ($1, $2, $3, 1, $4, $5) ON CONFLICT (\"chain\", \"version\") DO UPDATE SET "
                   "\"failures\" = CASE WHEN \"strata_background_failures\".\"applied_at\" = excluded.\"applied_at\" THEN "
                   "\"strata_background_failures\".\"failures\" + 1 ELSE 1 END, \"applied_at\" = excluded.\"applied_at\", "
                   "\"failed_at\" = excluded.\"failed_at\", \"error\" = excluded.\"error\"",
                   p, {});
    } catch (...) {
        log(log_level::warning, detail::format("strata: {}: the failure of migration {}'s background steps is not recorded for "
                                            "status: {}",
                                            chain, version, current_exception_text()));
    }
}

// Runs them on `db` (its own connection: the caller's thread keeps the application's), outside
// any transaction: each statement of a step commits on its own, so a step works in batches.
// `cli`: the CLI's command ("app db"): the way out is then named as its verb.
STRATA_LAZY inline background_report run_background(driver& db, const std::string& chain, const chain_info& c, const log_sink& log,
                                        const wait_limits& limits, stop_token stop, std::string_view cli = {}) {
    background_report r;
    std::vector<std::uint64_t> todo;
    try {
        todo = pending_background(db, chain, limits);
    } catch (const std::exception& e) {
        r.error = detail::format("strata: {}: background steps: cannot read what is pending: {}", chain, after_strata(e.what()));
        log(log_level::error, r.error);
        return r;
    }
    if (!todo.empty())
        log(log_level::info, detail::format("strata: {}: background steps of {} to run", chain, migrations_text(todo.size())));
    for (std::size_t k = 0; k < todo.size(); ++k) {
        const std::uint64_t version = todo[k];
        const migration_desc* end = c.descs + c.size;
        const migration_desc* m = std::find_if(c.descs, end, [&](const migration_desc& d) { return d.version == version; });
        if (stop.stop_requested()) {
            r.cancelled = true;
            r.remaining.assign(todo.begin() + static_cast<std::ptrdiff_t>(k), todo.end());
            break;
        }
        if (m == end) continue;  // not this code's (upgrade refuses such a database first)
        const auto started = std::chrono::steady_clock::now();
        try {
            // A lock the step waits for ends the wait after lock_timeout: a worker stuck on one
            // would also hang the shutdown that joins it. The step fails and stays pending.
            wait_scope bounded(db, limits);
            session s(db);
            try {
                for (std::size_t o = 0; o < m->nops && !stop.stop_requested(); ++o)
                    if (m->ops[o].kind == op_kind::background) m->ops[o].fn_background(s, &stop);
            } catch (...) {
                // Before the wait limits are lifted: lifted inside a transaction the step left
                // open, they would be undone with it (or refused, the transaction aborted).
                try {
                    close_left_transaction(db);
                } catch (...) {  // (the step's own error is the one to tell)
                }
                throw;
            }
            if (stop.stop_requested()) {  // it may have returned part-way: it runs again next time
                r.cancelled = true;
                r.remaining.assign(todo.begin() + static_cast<std::ptrdiff_t>(k), todo.end());
                log(log_level::info, detail::format("strata: {}: background steps of migration {} \"{}\" stopped; they run again "
                                                 "at the next start",
                                                 chain, version, m->name));
                break;
            }
            const dependent_t<value, Lazy> p[] = {utc_now(), chain, static_cast<std::int64_t>(version)};
            db.execute("UPDATE \"strata_migrations\" SET \"background_pending\" = FALSE, \"background_done_at\" = $1 "
                       "WHERE \"chain\" = $2 AND \"version\" = $3",
                       p, {});
        } catch (...) {  // on the worker thread: anything escaping would be std::terminate
            const std::string why = current_exception_text();
            r.remaining.assign(todo.begin() + static_cast<std::ptrdiff_t>(k), todo.end());
            if (stop.stop_requested()) {  // (it threw because it was stopped: a stop, not a failure)
                r.cancelled = true;
                log(log_level::info, detail::format("strata: {}: background steps of migration {} \"{}\" stopped ({}); they run "
                                                 "again at the next start",
                                                 chain, version, m->name, why));
                break;
            }
            // (skip_background, from another session, may have recorded it done while it ran)
            bool pending = true;
            try {
                const std::vector<std::uint64_t> now = pending_background(db, chain, limits);
                pending = std::find(now.begin(), now.end(), version) != now.end();
            } catch (...) {  // (the step's own error is the one to tell)
            }
            if (!pending) {
                r.error = detail::format("strata: {}: background step of migration {} \"{}\" failed: {}; it is no longer pending "
                                         "(recorded done meanwhile (skip_background), or its migration reverted by a "
                                         "downgrade), so it does not run again",
                                         chain, version, m->name, why);
                log(log_level::error, r.error);
                break;
            }
            r.error = detail::format("strata: {}: background step of migration {} \"{}\" failed: {}; it stays pending and runs "
                                  "again at the next start, before the later ones (if it never can, {} records it done)",
                                  chain, version, m->name, why,
                                  cli.empty() ? detail::format("skip_background({})", version)
                                              : detail::format("{} repair --skip-background {}", cli, version));
            log(log_level::error, r.error);
            note_background_failure(db, chain, version, why, log, limits);
            break;
        }
        r.completed.push_back(version);
        const auto ms = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
        log(log_level::info, detail::format("strata: {} background [{}/{}] migration {} \"{}\" done {}", chain, k + 1, todo.size(),
                                         version, m->name, ms_text(ms)));
    }
    return r;
}

// upgrade_to(target) through `core`, where a migration that fails while background steps of
// migrations before it are pending is tried again once they have run: it may need what they
// fill (NOT NULL on a backfilled column), and a database several releases behind would
// otherwise fail at it at every start, its backfill never run. They run here, on `db` (the
// caller's connection, in its thread). Only then: the steps of the migrations applied stay
// background work, for the caller to run where it runs them. (With steps in the chain and
// migrations to apply, each is applied on its own, so that what ran before a failure is
// reported too.)
STRATA_LAZY inline run_report upgrade_after_background(migrator_core& core, driver& db, const std::string& chain, const chain_info& c,
                                           std::optional<std::uint64_t> target, const log_sink& log, const wait_limits& limits,
                                           std::string_view cli = {}) {
    if (!chain_has_background(c)) return core.upgrade_to(target);
    const status_report s = core.status();
    const std::uint64_t goal = target.value_or(c.size ? c.descs[c.size - 1].version : 0);
    if (!s.problem.empty() || s.pending.empty() || goal <= s.current) return core.upgrade_to(target);  // (as it would)
    run_report total;
    total.chain = chain;
    total.from = total.to = s.current;
    bool passed = false;  // another process applied some meanwhile
    for (const pending_migration& next : s.pending) {
        if (next.version > goal) break;
        run_report r;
        try {
            r = core.upgrade_to(next.version);
        } catch (const migration_error& e) {
            const migration_failure k = e.kind();
            if (k == migration_failure::wrong_direction) {  // another process went past it meanwhile
                passed = true;
                continue;
            }
            // (a migration outside a transaction, a concurrent index, is left dirty, not rolled back)
            bool concurrent = false;
            if (const std::size_t i = index_in(c, next.version); i != npos)
                for (std::size_t o = 0; o < c.descs[i].nops; ++o) concurrent = concurrent || c.descs[i].ops[o].concurrently;
            const bool rolled_back = !concurrent && (k == migration_failure::statement_failed || k == migration_failure::foreign_key_violation ||
                                                     k == migration_failure::validation_failed || k == migration_failure::data_step_failed);
            const std::vector<std::uint64_t> todo = rolled_back ? pending_background(db, chain, limits) : std::vector<std::uint64_t>{};
            if (todo.empty() || todo.front() >= next.version) throw;
            log(log_level::warning, detail::format("strata: {}: migration {} \"{}\" failed while the background steps of {} "
                                                "before it are pending: they run now, then it is tried again",
                                                chain, next.version, next.name, migrations_text(todo.size())));
            const background_report b = run_background(db, chain, c, log, limits, stop_token{}, cli);
            if (!b.ok())
                throw migration_error(k, detail::format("{}\n  and the background steps pending before it, run to try it again, "
                                                        "failed: {}",
                                                        e.what(), after_strata(b.error)),
                                      e.chain(), e.version(), e.migration(), e.statement(), e.driver_message());
            r = core.upgrade_to(next.version);
        }
        total.to = r.to;
        // (dependent, through the lambda's parameters: the vector's insert is compiled where this is
        // instantiated, not in every unit that includes the header; see detail::dependent)
        const auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
        append(total.migrations, r.migrations);
        total.duration += r.duration;
    }
    if (passed) total.to = std::max(total.to, core.status().current);
    return total;
}

}  // namespace detail
}  // namespace strata
