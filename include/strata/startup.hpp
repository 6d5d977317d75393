#pragma once
// strata::migrate_on_startup<Chain>(db, options): what an application calls before it serves.
//
//   strata::sqlite::connection db{"app.db"};
//   auto started = strata::migrate_on_startup<history>(db, {.version = "1.2.0"});
//   serve();                       // background steps run meanwhile, on their own connection
//   started.background.cancel();   // at shutdown: they stop and run again at the next start
//
// In order: the pending migrations (strata::migrator::upgrade), the tasks bound to this
// application version, on_upgrade, the version recorded, then background<fn> steps on a worker
// thread. STRATA_AUTO_MIGRATE=false|0|no|off skips all of it and says so; true|1|yes|on forces
// it on; any other value is an error. See docs/runtime.md, section 14.
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include <strata/detail/runtime/background_core.hpp>
#include <strata/operations/background.hpp>
#include <strata/detail/runtime/startup_core.hpp>
#include <strata/migrator.hpp>
#include <strata/detail/chain_info_of.hpp>

namespace strata {

struct startup_options {
    std::string chain = "main";
    log_sink log = log_to_stderr;
    // Migrate when the application starts; STRATA_AUTO_MIGRATE, when set, decides instead.
    bool auto_migrate = true;

    // The migrations' waits, as in migrator_options: a lock wait per statement (PostgreSQL;
    // 0: none), the tries and the time they may take in all, a statement's run time (0: none).
    std::chrono::milliseconds lock_timeout = std::chrono::seconds(5);
    int lock_attempts = 5;
    std::chrono::milliseconds lock_wait_budget = std::chrono::seconds(60);
    std::chrono::milliseconds statement_timeout{0};

    // The application's version ("1.2.0"), stored per chain. Empty: no version hooks.
    std::string version{};
    // Called at every start once the migrations are done (from: the stored version, "" the
    // first time), in a transaction with the new version's record: if it throws, both roll
    // back and the next start calls it again with the same `from`.
    std::function<void(session&, std::string_view from, std::string_view to)> on_upgrade{};
    std::vector<version_task> tasks{};

    // Where background steps run: true, a worker thread (migrate_on_startup returns at once);
    // false, before it returns (a CLI, a one-off job).
    bool background_on_thread = true;
    // Their connection; by default db.open_another() (the same file or server).
    std::function<std::unique_ptr<driver>()> background_connection{};
};

namespace detail {
struct startup_runner;
}

// The background steps' worker: wait() for them, or cancel() them at shutdown (a step sees its
// std::stop_token set and should return soon; what did not finish runs at the next start).
// Destroying it cancels.
class background_work {
   public:
    background_work() = default;
    background_work(background_work&&) noexcept = default;
    background_work& operator=(background_work&& o) noexcept {
        if (this != &o) {
            cancel();
            s_ = std::move(o.s_);
        }
        return *this;
    }
    ~background_work() { cancel(); }

    // A worker thread was started (there were background steps to run) and not yet waited for.
    bool started() const noexcept { return s_ && s_->thread.joinable(); }
    background_report wait() {
        if (s_ && s_->thread.joinable()) s_->thread.join();
        return s_ ? s_->report : background_report{};
    }
    background_report cancel() {
        if (s_ && s_->thread.joinable()) s_->thread.request_stop();
        return wait();
    }

   private:
    friend struct detail::startup_runner;
    struct state {
        std::unique_ptr<driver> db;  // the worker's own connection
        background_report report;
        std::jthread thread;         // last: joined before the rest goes
    };
    std::unique_ptr<state> s_;
};

struct startup_report {
    bool skipped = false;            // STRATA_AUTO_MIGRATE or auto_migrate said no
    run_report migrations;           // what upgrade() did
    app_version_report app;          // versions and tasks (empty without a version)
    background_work background;      // the worker thread, when background steps were pending
    background_report background_done;  // with background_on_thread = false: what ran
};

namespace detail {
struct startup_runner {
    static startup_report run(driver& db, startup_options& o, const detail::chain_info& chain,
                              const std::function<run_report(migrator_options)>& upgrade) {
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
            o.log(log_level::info, fmt::format("strata: {}: Automatic migrations are disabled. Skipping migrations...", o.chain));
            r.skipped = true;
            return r;
        }
        // Background steps run on a second connection. When it cannot be had (an in-memory
        // SQLite database, a borrowed connection) and steps could be pending after the upgrade,
        // the start is refused before a migration commits and marks them pending, not after.
        if (o.background_on_thread && !o.background_connection && !db.can_open_another() &&
            detail::background_could_be_pending(db, o.chain, chain)) {
            const std::string what = fmt::format(
                "strata: {}: {}: the chain has background steps, which run on a second connection, and this connection "
                "cannot open one: give startup_options::background_connection, or set background_on_thread = false; "
                "nothing was changed",
                o.chain, db.describe());
            o.log(log_level::error, what);
            throw std::logic_error(what);
        }
        r.migrations = upgrade(migrator_options{.chain = o.chain,
                                                .log = o.log,
                                                .lock_timeout = o.lock_timeout,
                                                .lock_attempts = o.lock_attempts,
                                                .lock_wait_budget = o.lock_wait_budget,
                                                .statement_timeout = o.statement_timeout});
        r.app = detail::app_versions(db, o.chain, o.log, o.lock_wait_budget).run(o.version, o.on_upgrade, o.tasks);

        if (!detail::chain_has_background(chain)) return r;
        if (!o.background_on_thread) {
            r.background_done = detail::run_background(db, o.chain, chain, o.log, std::stop_token{});
            return r;
        }
        if (detail::pending_background(db, o.chain).empty()) return r;
        auto s = std::make_unique<background_work::state>();
        s->db = o.background_connection ? o.background_connection() : db.open_another();
        background_work::state* raw = s.get();
        s->thread = std::jthread([raw, chain_name = o.chain, chain, log = o.log](std::stop_token stop) {
            try {
                raw->report = detail::run_background(*raw->db, chain_name, chain, log, stop);
            } catch (...) {  // (a log sink that throws): reported, not std::terminate
                raw->report.error = "strata: " + chain_name + ": background steps stopped: " + detail::current_exception_text();
            }
        });
        r.background.s_ = std::move(s);
        return r;
    }
};
}  // namespace detail

template <class Chain>
startup_report migrate_on_startup(driver& db, startup_options options = {}) {
    return detail::startup_runner::run(db, options, detail::chain_info_of<detail::proxy_t<Chain>>,
                               [&](migrator_options m) { return migrator<Chain>(db, std::move(m)).upgrade(); });
}

}  // namespace strata
