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
// background<fn> steps come from <strata/operations/background.hpp>, which the unit that declares
// the chain includes: this header brings neither <stop_token> nor <thread>.
#include <strata/detail/config.hpp>
#include <strata/detail/owner.hpp>
#include <strata/detail/function.hpp>
#include <strata/detail/unique_ptr.hpp>
#include <stdexcept>
#include <strata/detail/chrono.hpp>
#include <string>
#include <vector>

#include <strata/migrator.hpp>
#include <strata/reports.hpp>
#include <strata/session.hpp>

namespace strata {

// What a version task and on_upgrade are told.
struct version_change {
    std::string_view app;   // the chain's name
    std::string_view from;  // the version stored before this start ("" the first time)
    std::string_view to;    // startup_options::version
};

// A task bound to one version: it runs when the application is upgraded to exactly
// `target_version` (from an older one, or from none), once per chain, in a transaction of its
// own with the record that it ran; every other start logs that it is skipped.
struct version_task {
    std::string title;
    std::string target_version;
    std::function<void(session&, const version_change&)> run;
};

// What the version phase of a start did.
struct app_version_report {
    std::string from, to;              // from: "" when none was stored
    std::vector<std::string> ran;      // titles of the tasks that ran at this start
    std::vector<std::string> skipped;  // the others, with why
};

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
}  // namespace detail

// The background steps' worker: wait() for them, or cancel() them at shutdown (a step sees its
// strata::stop_token set and should return soon; what did not finish runs at the next start).
// Destroying it cancels.
class background_work {
   public:
    background_work() noexcept = default;
    STRATA_INLINE background_work(background_work&&) noexcept;
    STRATA_INLINE background_work& operator=(background_work&& o) noexcept;
    STRATA_INLINE ~background_work();

    // A worker thread was started (there were background steps to run) and not yet waited for.
    STRATA_INLINE bool started() const noexcept;
    STRATA_INLINE background_report wait();
    STRATA_INLINE background_report cancel();

   private:
    friend struct detail::startup_runner;
    // The worker's connection, report and thread, defined with the bodies
    // (detail/runtime/startup.ipp): a unit that starts the application needs no <thread>.
    struct state;
    detail::owner<state> s_;
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
    STRATA_LAZY STRATA_INLINE static startup_report run(driver& db, startup_options& o, const chain_info& chain);
};
}  // namespace detail

template <class Chain>
startup_report migrate_on_startup(driver& db, startup_options options = {}) {
    // (the chain as data: what migrator<Chain>::upgrade() runs, with nothing compiled per chain)
    return detail::startup_runner::run(db, options, detail::chain_info_of<detail::proxy_t<Chain>>);
}

}  // namespace strata

#if !defined(STRATA_SEPARATE_COMPILATION)
#include <strata/detail/runtime/startup.ipp>
#endif
