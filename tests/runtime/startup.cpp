// strata::migrate_on_startup against real databases: STRATA_AUTO_MIGRATE, application
// versions (on_upgrade, tasks bound to one version, several apps in one database), and
// background steps (a backfill of 100,000 rows in batches, cancelled and resumed; a process
// killed in the middle of it, and the next start finishing it).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <strata/cli.hpp>
#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

#include "backends.hpp"
#include "cli_output.hpp"

// Where the standard library has std::stop_token, strata::stop_token is it (a step written with
// std::stop_token keeps compiling); on libc++ 16 it is strata's own, which these tests run too
// (./scripts/test's clang16-libcxx step).
#if defined(__cpp_lib_jthread)
static_assert(std::is_same_v<strata::stop_token, std::stop_token>);
#endif

using namespace strata::dsl;

namespace {

using s1 = strata::migration<1, "create notes",
    create_table<"notes", column<"id", bigint, primary_key>, column<"body", text, not_null>>>;
using s2 = strata::migration<2, "note titles", add_column<"notes", column<"title", text>>>;
using notes = strata::chain<s1, s2>;
using s3 = strata::migration<3, "note tags", add_column<"notes", column<"tags", text>>>;
using notes3 = strata::chain<s1, s2, s3>;
using s2_changed = strata::migration<2, "note titles", add_column<"notes", column<"title", text, default_value<"">>>>;
using notes_changed = strata::chain<s1, s2_changed>;
using s5 = strata::migration<5, "note tags", add_column<"notes", column<"tags", text>>>;
using notes5 = strata::chain<s1, s2, s5>;
using notes_hotfix = strata::chain<s1, s2, s3>;  // its migration 3 is not in notes5's database
using ledger = strata::chain<strata::migration<10, "ledger", create_table<"ledger", column<"id", bigint, primary_key>>>>;

// ---- a backfill: 100,000 rows, doubled in batches of 5,000 by a background step ----
constexpr std::int64_t item_count = 100000;
constexpr std::int64_t batch = 5000;

void fill_items(strata::session& s) {
    if (s.dialect() == strata::dialect_id::postgres)
        s.execute("INSERT INTO \"items\" (\"id\", \"value\") SELECT g, g % 1000 FROM generate_series(1, $1::bigint) AS g",
                  item_count);
    else
        s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) "
                  "INSERT INTO \"items\" (\"id\", \"value\") SELECT i, i % 1000 FROM n",
                  item_count);
}
void empty_items(strata::session& s) { s.execute("DELETE FROM \"items\""); }

std::atomic<int> batches_run{0};
std::atomic<int> stop_after_batches{-1};  // >= 0: this many batches, then wait to be stopped
std::atomic<int> die_after_batches{-1};   // >= 0: this many batches, then the process dies

// Idempotent, resumable: each batch is one UPDATE of the next rows still NULL.
void double_values(strata::session& s, strata::stop_token stop) {
    while (!stop.stop_requested()) {
        const auto next = s.query_value<std::optional<std::int64_t>>("SELECT min(\"id\") FROM \"items\" WHERE \"doubled\" IS NULL");
        if (!next) return;
        s.execute("UPDATE \"items\" SET \"doubled\" = \"value\" * 2 WHERE \"id\" >= $1 AND \"id\" < $2 AND \"doubled\" IS NULL",
                  *next, *next + batch);
        ++batches_run;
        if (die_after_batches >= 0 && batches_run >= die_after_batches) std::_Exit(0);  // no unwinding, no cleanup
        if (stop_after_batches >= 0 && batches_run >= stop_after_batches)
            while (!stop.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

using b1 = strata::migration<1, "items",
    create_table<"items", column<"id", bigint, primary_key>, column<"value", bigint, not_null>>>;
using b2 = strata::migration<2, "fill items", run<fill_items, empty_items>>;
using b3 = strata::migration<3, "doubled values", add_column<"items", column<"doubled", bigint>>, background<double_values>>;
using b4 = strata::migration<4, "item notes", add_column<"items", column<"note", text>>>;
using items = strata::chain<b1, b2, b3, b4>;

// A backfill, then a migration that needs it done: NOT NULL on the column it fills.
void fill_kinds(strata::session& s, strata::stop_token) { s.execute("UPDATE \"items\" SET \"kind\" = 'plain' WHERE \"kind\" IS NULL"); }
using k3 = strata::migration<3, "kinds", add_column<"items", column<"kind", text>>, background<fill_kinds>>;
using k4 = strata::migration<4, "kind required", alter_column<"items", "kind", set_not_null>>;
using kinds = strata::chain<b1, b2, k3, k4>;

// A table, then a backfill of its new column by `Fill`.
using u1 = strata::migration<1, "u", create_table<"u", column<"id", bigint, primary_key>, column<"email", text>>>;
template <void (*Fill)(strata::session&, strata::stop_token)>
using marks = strata::migration<2, "marks", add_column<"u", column<"mark", text>>, background<Fill>>;

// A backfill that fails while `fail_marks` is set (a row it cannot mend, a lock it waits for).
std::atomic<bool> fail_marks{false};
void fill_marks_or_fail(strata::session& s, strata::stop_token) {
    if (fail_marks) s.execute("UPDATE \"u\" SET \"no_such_column\" = 1");
    s.execute("UPDATE \"u\" SET \"mark\" = 'x' WHERE \"mark\" IS NULL");
}
using marks_failing = strata::chain<u1, marks<fill_marks_or_fail>>;

// A backfill, then a migration that fails for a reason of its own; concurrently: on PostgreSQL
// outside a transaction, where a failure leaves it dirty, not rolled back.
void fill_marks(strata::session& s, strata::stop_token) { s.execute("UPDATE \"u\" SET \"mark\" = 'x' WHERE \"mark\" IS NULL"); }
using kinds_failing = strata::chain<
    u1, marks<fill_marks>,
    strata::migration<3, "unique emails", create_unique_index_concurrently<"u_email_uq", "u", "email">>>;

using strata_test::captured_log;

class Startup : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        ::unsetenv("STRATA_AUTO_MIGRATE");
        batches_run = 0;
        stop_after_batches = -1;
        die_after_batches = -1;
        fail_marks = false;
        database_ = strata_test::make_database(GetParam(), "startup");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    void TearDown() override { ::unsetenv("STRATA_AUTO_MIGRATE"); }
    strata::driver& db() { return database_->db(); }
    // (the background steps before migrate_on_startup returns, as a CLI runs them)
    strata::startup_options foreground() {
        strata::startup_options o = options();
        o.background_on_thread = false;
        return o;
    }
    strata::startup_options options(std::string version = {}) {
        strata::startup_options o;
        o.log = log.sink();
        o.version = std::move(version);
        // (on PostgreSQL each test has its schema, set per connection)
        o.background_connection = [this] { return database_->open(); };
        return o;
    }
    std::int64_t count(const std::string& sql) { return strata::session(db()).query_value<std::int64_t>(sql); }
    // The connection's own limit on waiting for a lock, as the database reports it.
    std::string wait_setting() {
        strata::session s(db());
        return db().dialect() == strata::dialect_id::postgres ? s.query_value<std::string>("SHOW lock_timeout")
                                                               : std::to_string(s.query_value<std::int64_t>("PRAGMA busy_timeout"));
    }

    std::unique_ptr<strata_test::test_database> database_;
    captured_log log;
};

// A database two releases behind: the backfill of the first runs, in the foreground, before the
// migration of the second that needs it; at every start, not only the first.
TEST_P(Startup, ABackfillRunsBeforeALaterMigrationThatNeedsIt) {
    strata::migrator<kinds>(db(), {"main", strata::log_nowhere}).upgrade_to(2);
    const auto r = strata::migrate_on_startup<kinds>(db(), options());
    EXPECT_EQ(r.migrations.from, 2u);
    EXPECT_EQ(r.migrations.to, 4u);
    EXPECT_EQ(r.migrations.migrations.size(), 2u);
    EXPECT_EQ(count("SELECT count(*) FROM \"items\" WHERE \"kind\" = 'plain'"), item_count);
    EXPECT_EQ(count("SELECT count(*) FROM \"strata_migrations\" WHERE \"background_pending\""), 0);
    EXPECT_TRUE(strata::migrator<kinds>(db(), {"main", strata::log_nowhere}).status().up_to_date());
}

// A failure the backfill cannot mend keeps its own verdict: the statement's error, the
// migration rolled back (or, outside a transaction, left dirty and not tried again).
TEST_P(Startup, AMigrationThatFailsForItsOwnReasonKeepsItsError) {
    strata::migrator<kinds_failing>(db(), {"main", strata::log_nowhere}).upgrade_to(1);
    db().execute("INSERT INTO \"u\" (\"id\", \"email\") VALUES (1, 'a@x'), (2, 'a@x')", {}, {});
    try {
        strata::migrate_on_startup<kinds_failing>(db(), options());
        FAIL() << "a unique index over duplicates went through";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), strata::migration_failure::statement_failed) << e.what();
        EXPECT_EQ(e.version(), 3u) << e.what();
    }
}

// The CLI's upgrade the same way (it runs background steps in the foreground, after).
TEST_P(Startup, TheClisUpgradeRunsABackfillBeforeALaterMigrationThatNeedsIt) {
    strata::migrator<kinds>(db(), {"main", strata::log_nowhere}).upgrade_to(2);
    const std::string url = strata_test::cli_url(*database_);
    const char* argv[] = {"app", "upgrade", "--database", url.c_str()};
    strata::cli::options o;
    o.log = strata::log_nowhere;
    o.out = o.err = std::tmpfile();
    EXPECT_EQ(strata::cli::run<kinds>(4, argv, o), strata::cli::exit_ok);
    EXPECT_EQ(count("SELECT count(*) FROM \"items\" WHERE \"kind\" = 'plain'"), item_count);
    EXPECT_TRUE(strata::migrator<kinds>(db(), {"main", strata::log_nowhere}).status().up_to_date());
}

// A rolling deploy: the new release migrated the database; an instance of the old one that
// starts meanwhile (a crash, a scale-up, a rollback) starts without migrating, its recorded
// migrations checked: all of them there (one of its own missing is refused), none changed.
TEST_P(Startup, AnOlderReleaseStartsBesideANewerOnesDatabase) {
    auto newer = options("1.1.0");
    EXPECT_EQ(strata::migrate_on_startup<notes5>(db(), newer).migrations.to, 5u);
    log.lines.clear();
    const auto r = strata::migrate_on_startup<notes>(db(), options("1.0.0"));
    EXPECT_EQ(r.migrations.from, 5u);
    EXPECT_EQ(r.migrations.to, 5u);
    EXPECT_FALSE(r.migrations.changed());
    EXPECT_TRUE(log.has("ahead of this code")) << ::testing::PrintToString(log.lines);
    // What it has of the history is still checked: a changed migration is refused, and so is
    // one of its own the database lacks (a hotfix release's, say).
    EXPECT_THROW(strata::migrate_on_startup<notes_changed>(db(), options()), strata::migration_error);
    EXPECT_THROW(strata::migrate_on_startup<notes_hotfix>(db(), options()), strata::migration_error);
    // And the newer release starts as before.
    EXPECT_FALSE(strata::migrate_on_startup<notes5>(db(), options("1.1.0")).migrations.changed());
}

TEST_P(Startup, MigratesByDefault) {
    const auto r = strata::migrate_on_startup<notes>(db(), options());
    EXPECT_FALSE(r.skipped);
    EXPECT_EQ(r.migrations.to, 2u);
    EXPECT_FALSE(r.background.started());
    EXPECT_FALSE(strata::migrate_on_startup<notes>(db(), options()).migrations.changed());
}

TEST_P(Startup, AutoMigrateFalseInTheEnvironmentSkipsAndSaysSo) {
    for (const char* off : {"false", "0", "no", "OFF"}) {
        ::setenv("STRATA_AUTO_MIGRATE", off, 1);
        log.lines.clear();
        const auto r = strata::migrate_on_startup<notes>(db(), options());
        EXPECT_TRUE(r.skipped) << off;
        EXPECT_TRUE(log.has("Automatic migrations are disabled. Skipping migrations...")) << off;
        EXPECT_FALSE(db().has_table("strata_migrations")) << off;
        EXPECT_FALSE(db().has_table("notes")) << off;
        EXPECT_EQ(r.migrations.to, 0u) << off;
    }
}

TEST_P(Startup, ASkippedStartReportsTheDatabasesRealVersion) {
    ::setenv("STRATA_AUTO_MIGRATE", "true", 1);
    ASSERT_EQ(strata::migrate_on_startup<notes>(db(), options()).migrations.to, 2u);
    ::setenv("STRATA_AUTO_MIGRATE", "false", 1);
    const auto r = strata::migrate_on_startup<notes>(db(), options());
    EXPECT_TRUE(r.skipped);
    EXPECT_EQ(r.migrations.from, 2u);
    EXPECT_EQ(r.migrations.to, 2u);
    EXPECT_FALSE(r.migrations.changed());
}

TEST_P(Startup, TheEnvironmentOverridesTheOptionBothWays) {
    auto o = options();
    o.auto_migrate = false;
    EXPECT_TRUE(strata::migrate_on_startup<notes>(db(), o).skipped);
    EXPECT_FALSE(db().has_table("notes"));
    ::setenv("STRATA_AUTO_MIGRATE", "yes", 1);
    const auto r = strata::migrate_on_startup<notes>(db(), o);
    EXPECT_FALSE(r.skipped);
    EXPECT_EQ(r.migrations.to, 2u);
}

TEST_P(Startup, ABadValueIsAnErrorAndChangesNothing) {
    ::setenv("STRATA_AUTO_MIGRATE", "maybe", 1);
    try {
        strata::migrate_on_startup<notes>(db(), options());
        FAIL() << "STRATA_AUTO_MIGRATE=maybe was accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("STRATA_AUTO_MIGRATE=\"maybe\" is not a boolean"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(db().has_table("strata_migrations"));
}

// A tenant's schema first in the search_path, with its strata_app_versions but without its
// strata_version_tasks (a strata from before the tasks, a table dropped): the tasks are this
// schema's, made here, not a shared schema's further along the path, where another tenant's
// run of the same task would have it skipped.
class StartupPostgres : public Startup {};  // (SQLite has one schema)
TEST_P(StartupPostgres, VersionTasksAreTheFirstSchemasOfTheSearchPath) {
    int runs = 0;
    auto o = options("1.0.0");
    o.tasks = {{"Fill", "2.0.0", [&](strata::session&, const strata::version_change&) { ++runs; }}};
    strata::migrate_on_startup<notes>(db(), o);
    o.version = "2.0.0";
    strata::migrate_on_startup<notes>(db(), o);  // the shared schema: ran once
    ASSERT_EQ(runs, 1);
    const std::string shared = strata::session(db()).query_value<std::string>("SELECT current_schema()");
    const std::string tenant = shared + "_t";
    db().execute("CREATE SCHEMA \"" + tenant + "\"", {}, {});
    db().execute("SET search_path TO \"" + tenant + "\", \"" + shared + "\"", {}, {});
    o.version = "1.0.0";
    o.background_connection = nullptr;
    strata::migrate_on_startup<notes>(db(), o);
    db().execute("DROP TABLE \"strata_version_tasks\"", {}, {});  // the tenant's
    EXPECT_EQ(strata::session(db()).query_value<std::int64_t>(
                  "SELECT count(*) FROM pg_tables WHERE tablename = 'strata_version_tasks' AND schemaname = '" + tenant + "'"),
              0);
    o.version = "2.0.0";
    const auto r = strata::migrate_on_startup<notes>(db(), o);
    EXPECT_EQ(runs, 2) << (r.app.skipped.empty() ? std::string() : r.app.skipped[0]);
    EXPECT_EQ(strata::session(db()).query_value<std::int64_t>("SELECT count(*) FROM \"" + tenant + "\".\"strata_version_tasks\""), 1);
    EXPECT_EQ(strata::session(db()).query_value<std::int64_t>("SELECT count(*) FROM \"" + shared + "\".\"strata_version_tasks\""), 1);
    db().execute("SET search_path TO \"" + shared + "\"", {}, {});
    db().execute("DROP SCHEMA \"" + tenant + "\" CASCADE", {}, {});
}

TEST_P(Startup, OnUpgradeAndVersionTasks) {
    std::vector<std::string> calls;
    auto o = options("1.0.0");
    o.on_upgrade = [&](strata::session&, std::string_view from, std::string_view to) {
        calls.push_back(std::string(from) + "->" + std::string(to));
    };
    int format_runs = 0, later_runs = 0;
    o.tasks = {{"Update data format", "1.2.0",
                [&](strata::session& s, const strata::version_change& c) {
                    ++format_runs;
                    EXPECT_EQ(c.app, "main");
                    EXPECT_EQ(c.to, "1.2.0");
                    s.execute("INSERT INTO \"notes\" (\"id\", \"body\") VALUES ($1, $2)", 1, std::string(c.from));
                }},
               {"Later", "1.3.0", [&](strata::session&, const strata::version_change&) { ++later_runs; }}};

    auto r = strata::migrate_on_startup<notes>(db(), o);  // first start: 1.0.0
    EXPECT_EQ(r.app.from, "");
    EXPECT_EQ(r.app.to, "1.0.0");
    EXPECT_EQ(r.app.skipped.size(), 2u);
    EXPECT_EQ(format_runs, 0);

    o.version = "1.2.0";  // the upgrade the task is for
    r = strata::migrate_on_startup<notes>(db(), o);
    EXPECT_EQ(format_runs, 1);
    ASSERT_EQ(r.app.ran.size(), 1u);
    EXPECT_EQ(r.app.ran[0], "Update data format");
    EXPECT_EQ(strata::session(db()).query_value<std::string>("SELECT \"body\" FROM \"notes\" WHERE \"id\" = 1"), "1.0.0");
    EXPECT_TRUE(log.has("version task \"Update data format\" (1.2.0) ran in"));
    EXPECT_TRUE(log.has("version task \"Later\" (1.3.0) skipped: for version 1.3.0, this is 1.2.0"));
    EXPECT_TRUE(log.has("application version 1.0.0 -> 1.2.0"));

    r = strata::migrate_on_startup<notes>(db(), o);  // same version again: never twice
    EXPECT_EQ(format_runs, 1);
    EXPECT_TRUE(r.app.ran.empty());
    EXPECT_EQ(calls, (std::vector<std::string>{"->1.0.0", "1.0.0->1.2.0", "1.2.0->1.2.0"}));  // at every start
    EXPECT_EQ(later_runs, 0);

    // Another app's chain in the same database has its own version.
    auto other = options("7.0");
    other.chain = "billing";
    EXPECT_EQ(strata::migrate_on_startup<ledger>(db(), other).app.from, "");
    EXPECT_EQ(strata::detail::app_versions(db(), "main", log.sink(), std::chrono::seconds(5)).stored_version(), "1.2.0");
    EXPECT_EQ(strata::detail::app_versions(db(), "billing", log.sink(), std::chrono::seconds(5)).stored_version(), "7.0");
}

TEST_P(Startup, AFailingHookOrTaskKeepsTheOldVersionAndRunsAgain) {
    strata::migrate_on_startup<notes>(db(), options("1.0.0"));
    auto o = options("2.0.0");
    bool fail = true;
    int runs = 0;
    o.tasks = {{"Fill", "2.0.0", [&](strata::session& s, const strata::version_change&) {
                    ++runs;
                    s.execute("INSERT INTO \"notes\" (\"id\", \"body\") VALUES (2, 'x')");
                    if (fail) throw std::runtime_error("not today");
                }}};
    EXPECT_THROW(strata::migrate_on_startup<notes>(db(), o), std::runtime_error);
    EXPECT_EQ(count("SELECT count(*) FROM \"notes\""), 0);  // the task's work rolled back
    EXPECT_EQ(strata::detail::app_versions(db(), "main", log.sink(), std::chrono::seconds(5)).stored_version(), "1.0.0");
    fail = false;
    const auto r = strata::migrate_on_startup<notes>(db(), o);
    EXPECT_EQ(runs, 2);
    EXPECT_EQ(r.app.from, "1.0.0");
    EXPECT_EQ(count("SELECT count(*) FROM \"notes\""), 1);

    auto h = options("3.0.0");
    h.on_upgrade = [](strata::session&, std::string_view, std::string_view) { throw std::runtime_error("hook down"); };
    EXPECT_THROW(strata::migrate_on_startup<notes>(db(), h), std::runtime_error);
    EXPECT_EQ(strata::detail::app_versions(db(), "main", log.sink(), std::chrono::seconds(5)).stored_version(), "2.0.0");
}

TEST_P(Startup, HooksWithoutAVersionAreAMistakeNotIgnored) {
    auto o = options();
    o.on_upgrade = [](strata::session&, std::string_view, std::string_view) {};
    EXPECT_THROW(strata::migrate_on_startup<notes>(db(), o), std::invalid_argument);
    EXPECT_FALSE(db().has_table("notes"));  // refused before anything was touched
    EXPECT_FALSE(db().has_table("strata_migrations"));
}

TEST(VersionOrder, DottedNumbersCompareAsNumbers) {
    using strata::detail::compare_versions;
    EXPECT_LT(compare_versions("1.9.2", "1.10.0"), 0);
    EXPECT_EQ(compare_versions("1.2.0", "1.2.0"), 0);
    EXPECT_GT(compare_versions("2.0", "1.99.99"), 0);
    EXPECT_LT(compare_versions("1.2", "1.2.1"), 0);
}

// The backfill runs while the caller goes on, is cancelled part-way (as at shutdown), and the
// next start resumes it; its migration is marked done only when it has finished.
TEST_P(Startup, ABackgroundBackfillIsCancelledAndResumedAtTheNextStart) {
    stop_after_batches = 3;
    auto first = strata::migrate_on_startup<items>(db(), options());
    EXPECT_EQ(first.migrations.to, 4u);  // every foreground migration, b4 included, came first
    ASSERT_TRUE(first.background.started());
    while (batches_run < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    // The application serves meanwhile: its connection reads and writes.
    EXPECT_EQ(count("SELECT count(*) FROM \"items\""), item_count);
    strata::session(db()).execute("UPDATE \"items\" SET \"note\" = 'served' WHERE \"id\" = 1");
    const strata::background_report stopped = first.background.cancel();
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_TRUE(stopped.completed.empty());
    EXPECT_EQ(stopped.remaining, (std::vector<std::uint64_t>{3}));
    const std::int64_t done = count("SELECT count(*) FROM \"items\" WHERE \"doubled\" IS NOT NULL");
    EXPECT_EQ(done, 3 * batch);
    EXPECT_EQ(count("SELECT count(*) FROM \"strata_migrations\" WHERE \"background_pending\""), 1);

    // Next start: nothing in the foreground, the backfill resumes where it stopped.
    stop_after_batches = -1;
    batches_run = 0;
    auto second = strata::migrate_on_startup<items>(db(), options());
    EXPECT_FALSE(second.migrations.changed());
    const strata::background_report finished = second.background.wait();
    EXPECT_TRUE(finished.ok()) << finished.error;
    EXPECT_EQ(finished.completed, (std::vector<std::uint64_t>{3}));
    EXPECT_EQ(batches_run, (item_count - 3 * batch) / batch);
    EXPECT_EQ(count("SELECT count(*) FROM \"items\" WHERE \"doubled\" IS NULL"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM \"items\" WHERE \"doubled\" <> \"value\" * 2"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM \"strata_migrations\" WHERE \"background_pending\""), 0);
    EXPECT_EQ(count("SELECT count(*) FROM \"strata_migrations\" WHERE \"background_done_at\" IS NOT NULL"), 1);
    EXPECT_TRUE(log.has("background [1/1] migration 3 \"doubled values\" done"));

    // A third start has nothing to do in the background either.
    EXPECT_FALSE(strata::migrate_on_startup<items>(db(), options()).background.started());
}

// A process that dies in the middle of the backfill (no unwinding): the next start runs the
// step again and finishes it.
TEST_P(Startup, ABackgroundBackfillResumesAfterTheProcessDied) {
    const pid_t child = ::fork();
    ASSERT_NE(child, -1);
    if (child == 0) {
        die_after_batches = 4;
        auto db = database_->open();
        auto started = strata::migrate_on_startup<items>(*db, options());
        started.background.wait();
        std::_Exit(3);  // never reached: the step ends the process first
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
    EXPECT_EQ(count("SELECT count(*) FROM \"items\" WHERE \"doubled\" IS NOT NULL"), 4 * batch);
    EXPECT_EQ(count("SELECT count(*) FROM \"strata_migrations\" WHERE \"background_pending\""), 1);

    auto next = strata::migrate_on_startup<items>(db(), options());
    EXPECT_FALSE(next.migrations.changed());
    const strata::background_report r = next.background.wait();
    EXPECT_EQ(r.completed, (std::vector<std::uint64_t>{3}));
    EXPECT_EQ(count("SELECT count(*) FROM \"items\" WHERE \"doubled\" IS NULL"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM \"strata_migrations\" WHERE \"background_pending\""), 0);
}

// What a CLI does: the background steps before migrate_on_startup returns.
TEST_P(Startup, BackgroundStepsCanRunInTheForeground) {
    const auto o = foreground();
    const auto r = strata::migrate_on_startup<items>(db(), o);
    EXPECT_FALSE(r.background.started());
    EXPECT_EQ(r.background_done.completed, (std::vector<std::uint64_t>{3}));
    EXPECT_EQ(count("SELECT count(*) FROM \"items\" WHERE \"doubled\" IS NULL"), 0);
}

// A background step that fails at every start is not "up to date" and nothing more: status
// says how often it failed, when last and why, until it succeeds (or is skipped).
// A step skipped (skip_background, from another session) while it ran, that then failed: its
// error said "it stays pending and runs again", and a failure was recorded against a step
// recorded done (helper 48). It says what happened.
strata::driver* skipping_db = nullptr;  // another connection to the test's database
void fill_marks_skipped_meanwhile(strata::session& s, strata::stop_token);
using marks_skipped = strata::chain<u1, marks<fill_marks_skipped_meanwhile>>;
void fill_marks_skipped_meanwhile(strata::session& s, strata::stop_token) {
    strata::migrator<marks_skipped>(*skipping_db, {"main", strata::log_nowhere}).skip_background(2);
    s.execute("UPDATE \"u\" SET \"no_such_column\" = 1");
}
TEST_P(Startup, AStepSkippedWhileItRanIsNotSaidToRunAgain) {
    auto other = database_->open();
    skipping_db = other.get();
    const auto r = strata::migrate_on_startup<marks_skipped>(db(), foreground());
    const std::string& error = r.background_done.error;
    EXPECT_NE(error.find("no_such_column"), std::string::npos) << error;
    EXPECT_EQ(error.find("stays pending"), std::string::npos) << error;
    EXPECT_NE(error.find("recorded done meanwhile (skip_background)"), std::string::npos) << error;
    const strata::status_report s = strata::migrator<marks_skipped>(db(), {"main", strata::log_nowhere}).status();
    ASSERT_EQ(s.applied.size(), 2u);
    EXPECT_FALSE(s.applied[1].background_pending);
    EXPECT_EQ(s.applied[1].background_failures, 0u);
    skipping_db = nullptr;
}

TEST_P(Startup, StatusTellsABackgroundStepThatKeepsFailing) {
    const auto o = foreground();
    fail_marks = true;
    for (int start = 1; start <= 2; ++start) {
        const auto r = strata::migrate_on_startup<marks_failing>(db(), o);
        EXPECT_FALSE(r.background_done.error.empty()) << "start " << start;
    }
    const strata::status_report s = strata::migrator<marks_failing>(db(), {"main", strata::log_nowhere}).status();
    ASSERT_EQ(s.applied.size(), 2u);
    const strata::applied_migration& a = s.applied[1];
    EXPECT_TRUE(a.background_pending);
    EXPECT_EQ(a.background_failures, 2u);
    EXPECT_FALSE(a.background_failed_at.empty());
    EXPECT_NE(a.background_error.find("no_such_column"), std::string::npos) << a.background_error;
    EXPECT_TRUE(s.pending.empty() && s.problem.empty());  // nothing refuses an upgrade

    // The CLI's status says it where it gives its verdict, and names the way out.
    const std::string url = strata_test::cli_url(*database_);
    auto cli = [&](const char* verb) {
        const char* argv[] = {"app", verb, "--database", url.c_str()};
        strata::cli::options c;
        c.log = strata::log_nowhere;
        c.out = c.err = std::tmpfile();
        const int code = strata::cli::run<marks_failing>(4, argv, c);
        return std::pair{code, strata_test::read_all(c.out)};
    };
    auto cli_status = [&] { return cli("status"); };
    const auto [code, out] = cli_status();
    EXPECT_EQ(code, strata::cli::exit_ok) << out;
    EXPECT_EQ(out.find("\nup to date\n"), std::string::npos) << out;
    EXPECT_NE(out.find("failed 2 times"), std::string::npos) << out;
    EXPECT_NE(out.find("no_such_column"), std::string::npos) << out;
    EXPECT_NE(out.find("repair --skip-background 2"), std::string::npos) << out;
    const auto [history_code, history] = cli("history");  // (its line for migration 2 too)
    EXPECT_EQ(history_code, strata::cli::exit_ok) << history;
    EXPECT_NE(history.find("FAILING"), std::string::npos) << history;
    const auto [current_code, current] = cli("current");
    EXPECT_EQ(current_code, strata::cli::exit_ok) << current;
    EXPECT_NE(current.find("background steps of migration 2 failing"), std::string::npos) << current;

    // Once it succeeds, they are history: not shown, the row kept.
    fail_marks = false;
    EXPECT_TRUE(strata::migrate_on_startup<marks_failing>(db(), o).background_done.error.empty());
    const strata::status_report done = strata::migrator<marks_failing>(db(), {"main", strata::log_nowhere}).status();
    EXPECT_FALSE(done.applied[1].background_pending);
    EXPECT_EQ(done.applied[1].background_failures, 0u);
    EXPECT_EQ(count("SELECT \"failures\" FROM \"strata_background_failures\""), 2);
    EXPECT_NE(cli_status().second.find("\nup to date\n"), std::string::npos);
}

// Skipped steps show their failures no more.
TEST_P(Startup, ASkippedBackgroundStepShowsNoFailures) {
    const auto o = foreground();
    fail_marks = true;
    EXPECT_FALSE(strata::migrate_on_startup<marks_failing>(db(), o).background_done.error.empty());
    strata::migrator<marks_failing> m(db(), {"main", strata::log_nowhere});
    EXPECT_EQ(m.status().applied[1].background_failures, 1u);
    const strata::verify_report v = m.verify();  // (strata's own table is no drift)
    EXPECT_TRUE(v.ok()) << v.text();
    EXPECT_FALSE(m.skip_background(2).empty());
    const strata::status_report s = m.status();
    EXPECT_FALSE(s.applied[1].background_pending);
    EXPECT_EQ(s.applied[1].background_failures, 0u);
}

// A migration applied again (downgraded and upgraded; an offline script; a baseline) starts
// with none: the failures belong to the application of the migration they were recorded for.
TEST_P(Startup, AMigrationAppliedAgainStartsWithoutItsOldFailures) {
    const auto o = foreground();
    fail_marks = true;
    for (int start = 0; start < 2; ++start) strata::migrate_on_startup<marks_failing>(db(), o);
    strata::migrator<marks_failing> m(db(), {"main", strata::log_nowhere});
    EXPECT_EQ(m.status().applied[1].background_failures, 2u);
    m.downgrade_to(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // (applied_at has milliseconds)
    m.upgrade();
    EXPECT_EQ(m.status().applied[1].background_failures, 0u);  // (applied again, not failed yet)
    EXPECT_FALSE(strata::migrate_on_startup<marks_failing>(db(), o).background_done.error.empty());
    EXPECT_EQ(m.status().applied[1].background_failures, 1u);
}

// A step that fails inside a transaction of its own: the failure is recorded all the same (the
// transaction rolled back first), not lost with it.
void marks_in_a_transaction(strata::session& s, strata::stop_token) {
    s.execute("BEGIN");
    s.execute("UPDATE \"u\" SET \"mark\" = 'half'");
    throw std::runtime_error("failed half-way");
}
using marks_in_tx = strata::chain<u1, marks<marks_in_a_transaction>>;
TEST_P(Startup, AStepThatFailsInsideItsOwnTransactionIsRecorded) {
    strata::migrator<marks_in_tx>(db(), {"main", strata::log_nowhere}).upgrade_to(1);
    db().execute("INSERT INTO \"u\" (\"id\", \"email\") VALUES (1, 'a@x')", {}, {});
    const auto o = foreground();
    const std::string waits_before = wait_setting();
    EXPECT_FALSE(strata::migrate_on_startup<marks_in_tx>(db(), o).background_done.error.empty());
    EXPECT_EQ(count("SELECT count(*) FROM \"u\" WHERE \"mark\" IS NULL"), 1);  // (its work rolled back)
    // The connection (this one: the steps ran in the foreground) keeps its own wait limits: the
    // step's were lifted after its transaction was rolled back, not inside it.
    EXPECT_EQ(wait_setting(), waits_before);
    const strata::status_report s = strata::migrator<marks_in_tx>(db(), {"main", strata::log_nowhere}).status();
    EXPECT_EQ(s.applied[1].background_failures, 1u);
    EXPECT_NE(s.applied[1].background_error.find("failed half-way"), std::string::npos) << s.applied[1].background_error;
}

// An error whose text is not UTF-8 (a library's message in Latin-1): PostgreSQL takes no such
// text, so it is recorded with '?' for each bad byte, not lost.
void marks_failing_in_latin1(strata::session&, strata::stop_token) {
    throw std::runtime_error("caf\xe9 \xff end");
}
using marks_latin1 = strata::chain<u1, marks<marks_failing_in_latin1>>;
TEST_P(Startup, AnErrorThatIsNotUtf8IsRecordedAllTheSame) {
    const auto o = foreground();
    EXPECT_FALSE(strata::migrate_on_startup<marks_latin1>(db(), o).background_done.error.empty());
    const strata::status_report s = strata::migrator<marks_latin1>(db(), {"main", strata::log_nowhere}).status();
    EXPECT_EQ(s.applied[1].background_failures, 1u);
    EXPECT_EQ(s.applied[1].background_error, "caf? ? end") << s.applied[1].background_error;
}

// A step that throws because it was stopped (a statement cancelled, an exception of its own):
// a stop, not a failure: reported as cancelled, nothing recorded, pending for the next start.
std::atomic<bool> marks_running{false};
void marks_until_stopped(strata::session&, strata::stop_token stop) {
    marks_running = true;
    while (!stop.stop_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    throw std::runtime_error("stopped mid-batch");
}
using marks_stoppable = strata::chain<u1, marks<marks_until_stopped>>;
TEST_P(Startup, AStepThatThrowsWhenStoppedIsCancelledNotFailed) {
    marks_running = false;
    auto started = strata::migrate_on_startup<marks_stoppable>(db(), options());
    ASSERT_TRUE(started.background.started());
    while (!marks_running) std::this_thread::sleep_for(std::chrono::milliseconds(1));  // (stopped inside the step)
    const strata::background_report r = started.background.cancel();
    EXPECT_TRUE(r.cancelled);
    EXPECT_TRUE(r.error.empty()) << r.error;
    EXPECT_EQ(r.remaining, (std::vector<std::uint64_t>{2}));
    const strata::status_report s = strata::migrator<marks_stoppable>(db(), {"main", strata::log_nowhere}).status();
    EXPECT_TRUE(s.applied[1].background_pending);
    EXPECT_EQ(s.applied[1].background_failures, 0u);
}

// What a failure's error is cut to: at most 4,000 bytes, at a character, marked.
TEST(BackgroundFailureText, AtMost4000BytesCutAtACharacter) {
    using strata::detail::cell_safe_text;
    EXPECT_EQ(cell_safe_text(std::string(4000, 'x')), std::string(4000, 'x'));
    const std::string cut = cell_safe_text(std::string(4001, 'x'));
    EXPECT_EQ(cut.size(), 4000u);
    EXPECT_TRUE(cut.ends_with("...")) << cut.substr(3990);
    const std::string euro = std::string(3995, 'x') + "\xe2\x82\xac" + "yyyy";  // a 3-byte character at the cut
    EXPECT_EQ(cell_safe_text(euro), std::string(3995, 'x') + "...");
    EXPECT_EQ(cell_safe_text("\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 ok \xf0\x9f\x99\x82"), "?? ??? ???? ok \xf0\x9f\x99\x82");
}

INSTANTIATE_TEST_SUITE_P(Backends, Startup, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, StartupPostgres, ::testing::Values("postgres"), strata_test::backend_name);

}  // namespace
