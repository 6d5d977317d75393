#pragma once
// migrate_on_startup's body (startup.hpp): STRATA_AUTO_MIGRATE, the upgrade, the application
// versions and tasks, the background steps on their worker thread.
#include <strata/startup.hpp>
#include <strata/detail/runtime/jthread.hpp>
#include <strata/stop_token.hpp>
#include <strata/detail/runtime/background_core.ipp>
#include <strata/detail/runtime/migrator_core.ipp>
#include <strata/detail/runtime/startup_core.ipp>

namespace strata {

struct background_work::state {
    std::unique_ptr<driver> db;  // the worker's own connection
    background_report report;
    detail::jthread thread;  // last: joined before the rest goes
};
STRATA_INLINE background_work::background_work(background_work&&) noexcept = default;
STRATA_INLINE background_work& background_work::operator=(background_work&& o) noexcept {
    if (this != &o) {
        cancel();
        s_ = std::move(o.s_);
    }
    return *this;
}
STRATA_INLINE background_work::~background_work() { cancel(); }
STRATA_INLINE bool background_work::started() const noexcept { return s_ && s_->thread.joinable(); }
STRATA_INLINE background_report background_work::wait() {
    if (s_ && s_->thread.joinable()) s_->thread.join();
    return s_ ? s_->report : background_report{};
}
STRATA_INLINE background_report background_work::cancel() {
    if (s_ && s_->thread.joinable()) s_->thread.request_stop();
    return wait();
}

}  // namespace strata

namespace strata::detail {

STRATA_LAZY_DEF STRATA_INLINE startup_report startup_runner::run(driver& db, startup_options& o, const chain_info& chain) {
    startup_report r;
    if (!o.log) o.log = log_nowhere;
    if (o.version.empty() && (o.on_upgrade || !o.tasks.empty()))  // before anything is touched
        throw std::invalid_argument("strata: startup_options: on_upgrade and tasks need the application's version "
                                    "(startup_options::version); nothing was changed");
    bool on = o.auto_migrate;
    try {
        if (const auto setting = detail::auto_migrate_setting()) on = *setting;
    } catch (const std::exception& e) {
        o.log(log_level::error, e.what());
        throw;
    }
    if (!on) {
        o.log(log_level::info, detail::format("strata: {}: Automatic migrations are disabled. Skipping migrations...", o.chain));
        r.skipped = true;
        // The application still learns where the database is (a read; nothing is created).
        r.migrations.chain = o.chain;
        r.migrations.from = r.migrations.to =
            migrator_core(db, migrator_options{.chain = o.chain, .log = log_nowhere}, chain).status().current;
        return r;
    }
    // Background steps run on a second connection. When it cannot be had (an in-memory
    // SQLite database, a borrowed connection) and steps could be pending after the upgrade,
    // the start is refused before a migration commits and marks them pending, not after.
    if (o.background_on_thread && !o.background_connection && !db.can_open_another() &&
        detail::background_could_be_pending(db, o.chain, chain, {o.lock_timeout, {}})) {
        const std::string what = detail::format(
            "strata: {}: {}: the chain has background steps, which run on a second connection, and this connection "
            "cannot open one: give startup_options::background_connection, or set background_on_thread = false; "
            "nothing was changed",
            o.chain, db.describe());
        o.log(log_level::error, what);
        throw std::logic_error(what);
    }
    // A background step is a long job by design: only its lock waits are bounded.
    const wait_limits background_limits{o.lock_timeout, {}};
    // The migrator logs a refusal at error level as it throws it; a database ahead of this code
    // is no failure of the start (below), so the error line waits until the next line or the
    // end of the upgrade, and is dropped when the start goes on without migrating.
    std::optional<std::string> held_error;
    const auto release_held = [&] {
        if (held_error) o.log(log_level::error, *held_error);
        held_error.reset();
    };
    const log_sink holding = [&](log_level l, std::string_view line) {
        release_held();
        if (l == log_level::error) held_error.emplace(line);
        else o.log(l, line);
    };
    migrator_core core(db,
                       migrator_options{.chain = o.chain,
                                        .log = holding,
                                        .lock_timeout = o.lock_timeout,
                                        .lock_attempts = o.lock_attempts,
                                        .lock_wait_budget = o.lock_wait_budget,
                                        .statement_timeout = o.statement_timeout},
                       chain);
    try {
        r.migrations = detail::upgrade_after_background(core, db, o.chain, chain, std::nullopt, holding, background_limits);
        release_held();
    } catch (const migration_error& e) {
        // A newer release migrated the database and runs beside this one (a rolling deploy), or
        // this one was rolled back to: it starts without migrating, as Flyway ignores future
        // migrations. What it has of the history was checked first (a changed or missing
        // migration is another refusal); the newer release's background steps are its own.
        // (every migration of this code recorded, before the newer ones: one it lacks is missing
        // from the database, and this code would run without it)
        const bool ahead = e.kind() == migration_failure::database_ahead;
        status_report st;
        try {
            if (ahead) st = core.status();
        } catch (...) {
            release_held();
            throw;
        }
        if (!ahead || !st.pending.empty()) {
            release_held();
            throw;
        }
        held_error.reset();
        r.migrations.chain = o.chain;
        r.migrations.from = r.migrations.to = st.current;
        o.log(log_level::warning,
              detail::format("strata: {}: {} is at version {}, ahead of this code (its head is {}): a newer release migrated it; "
                             "this one starts without migrating (a rolling deploy keeps both working: cookbook.md)",
                             o.chain, db.describe(), r.migrations.to, chain.size ? chain.descs[chain.size - 1].version : 0));
        r.app = detail::app_versions(db, o.chain, o.log, o.lock_wait_budget, {o.lock_timeout, o.statement_timeout})
                    .run(o.version, o.on_upgrade, o.tasks);
        return r;
    } catch (...) {
        release_held();
        throw;
    }
    r.app = detail::app_versions(db, o.chain, o.log, o.lock_wait_budget, {o.lock_timeout, o.statement_timeout})
                .run(o.version, o.on_upgrade, o.tasks);

    if (!detail::chain_has_background(chain)) return r;
    if (!o.background_on_thread) {
        r.background_done = detail::run_background(db, o.chain, chain, o.log, background_limits, stop_token{});
        return r;
    }
    if (detail::pending_background(db, o.chain, {o.lock_timeout, {}}).empty()) return r;
    detail::owner<background_work::state> s(new background_work::state());
    s->db = o.background_connection ? o.background_connection() : db.open_another();
    background_work::state* raw = s.get();
    s->thread = jthread([raw, chain_name = o.chain, chain, log = o.log, background_limits](stop_token stop) {
        try {
            raw->report = detail::run_background(*raw->db, chain_name, chain, log, background_limits, stop);
        } catch (...) {  // (a log sink that throws): reported, not std::terminate
            raw->report.error = "strata: " + chain_name + ": background steps stopped: " + detail::current_exception_text();
        }
    });
    r.background.s_ = std::move(s);
    return r;
}

}  // namespace strata::detail
