// No unbounded waits. A migration's statement that waits for a lock held by another session
// (an application's open transaction) gives up after migrator_options::lock_timeout on
// PostgreSQL: the migration is rolled back and tried again after a pause, each wait logged
// with the table and the pids holding it, until lock_attempts or lock_wait_budget run out; then
// a clean failure names them, nothing applied, and the blocker's own transaction is untouched.
// statement_timeout bounds a statement's run time. SQLite: the busy timeout, when it expires,
// is a clear error (how long, for what, which option). The same options through
// migrate_on_startup and the CLI's flags.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <strata/cli.hpp>
#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

#include "backends.hpp"
#include "cli_output.hpp"

using namespace strata::dsl;
using namespace std::chrono_literals;
using strata::migration_failure;

namespace {

std::string seen_lock_timeout, seen_statement_timeout;  // by the data step below
void note_settings(strata::session& s) {
    seen_lock_timeout = s.query_value<std::string>("SELECT current_setting('lock_timeout')");
    seen_statement_timeout = s.query_value<std::string>("SELECT current_setting('statement_timeout')");
}
void forget(strata::session& s) { note_settings(s); }
void sleep_long(strata::session& s) { s.execute("SELECT pg_sleep(5)"); }

using l1 = strata::migration<1, "create users", create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>>;
using l2 = strata::migration<2, "nickname", add_column<"users", column<"nickname", text>>>;
using l3 = strata::migration<3, "email index", create_index_concurrently<"users_email_idx", "users", "email">>;
using chain = strata::chain<l1, l2>;
using chain_concurrent = strata::chain<l1, l3>;
using n2 = strata::migration<2, "note settings", run<note_settings, forget>>;
using chain_notes = strata::chain<l1, n2>;
using s2 = strata::migration<2, "slow", run<sleep_long>>;
using chain_slow = strata::chain<l1, s2>;

using strata_test::captured_log;
using clock_type = std::chrono::steady_clock;

std::int64_t backend_pid(strata::driver& db) {
    std::int64_t pid = 0;
    db.execute("SELECT pg_backend_pid()", {}, [&](const strata::row& r) { pid = r.get<std::int64_t>(0); });
    return pid;
}
std::string show(strata::driver& db, const std::string& setting) {
    std::string v;
    db.execute("SHOW " + setting, {}, [&](const strata::row& r) { v = r.get<std::string>(0); });
    return v;
}
std::int64_t count_users(strata::driver& db) {
    std::int64_t n = 0;
    db.execute("SELECT count(*) FROM \"users\"", {}, [&](const strata::row& r) { n = r.get<std::int64_t>(0); });
    return n;
}
bool has_fact(strata::driver& db, const std::string& prefix) {
    for (const std::string& f : db.schema_facts(std::vector<std::string>{"users"}, {}))
        if (f.rfind(prefix, 0) == 0) return true;
    return false;
}
std::size_t count_lines(const captured_log& log, const std::string& needle) {
    std::size_t n = 0;
    for (const auto& l : log.lines) n += l.find(needle) != std::string::npos;
    return n;
}

class LockWaitsBase : public ::testing::Test {
   protected:
    void use(const std::string& backend) {
        postgres_ = backend == "postgres";
        database_ = strata_test::make_database(backend, "locks");
    }
    bool postgres() const { return postgres_; }
    strata::driver& db() { return database_->db(); }
    strata::migrator_options options(std::chrono::milliseconds lock_timeout, int attempts,
                                     std::chrono::milliseconds budget = 10s) {
        return {.chain = "main", .log = log.sink(), .lock_timeout = lock_timeout, .lock_attempts = attempts, .lock_wait_budget = budget};
    }
    bool postgres_ = false;
    std::unique_ptr<strata_test::test_database> database_;
    captured_log log;
};
// PostgreSQL's lock_timeout and statement_timeout (SQLite has neither: its busy timeout below).
class PostgresLockWaits : public LockWaitsBase {
   protected:
    void SetUp() override {
        use("postgres");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
};
class SqliteBusyTimeout : public LockWaitsBase {
   protected:
    void SetUp() override { use("sqlite"); }
};
// Both backends.
class LockWaits : public LockWaitsBase, public ::testing::WithParamInterface<const char*> {
   protected:
    void SetUp() override {
        use(GetParam());
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
};

// ---- PostgreSQL: lock_timeout, retries, the log ----

TEST_F(PostgresLockWaits, ABlockerThatCommitsInTimeCostsARetryAndTheLogNamesTableAndPid) {
    strata::migrator<chain>(db(), options(200ms, 10)).upgrade_to(1);
    auto blocker = database_->open();
    const std::int64_t pid = backend_pid(*blocker);
    blocker->begin();
    count_users(*blocker);  // an application's transaction that read the table: AccessShareLock until it ends
    std::thread ends_later([&] {
        std::this_thread::sleep_for(700ms);
        blocker->commit();
    });
    const auto started = clock_type::now();
    strata::run_report r;
    try {
        r = strata::migrator<chain>(db(), options(200ms, 10)).upgrade();
    } catch (...) {
        ends_later.join();
        throw;
    }
    ends_later.join();
    EXPECT_EQ(r.to, 2u);
    ASSERT_EQ(r.migrations.size(), 1u);
    EXPECT_TRUE(has_fact(db(), "column users.nickname"));
    // Waited 200 ms, paused 250 ms, waited again...: at least one wait logged, with table and pid.
    const std::string wait = "migration 2 \"nickname\" (up) waited 200 ms for a lock on table \"users\" held by pid " +
                             std::to_string(pid) + " (AccessShareLock, idle in transaction): rolled back, trying again in 250 ms "
                             "(attempt 2 of 10)";
    EXPECT_TRUE(log.has(wait)) << ::testing::PrintToString(log.lines);
    EXPECT_GE(clock_type::now() - started, 600ms);
    EXPECT_EQ(count_lines(log, "failed"), 0u);
    // SET LOCAL: the limit ended with the migration's transaction.
    EXPECT_EQ(show(db(), "lock_timeout"), "0");
}

TEST_F(PostgresLockWaits, ABlockerThatDoesNotCommitFailsCleanlyNamingTableAndBlocker) {
    strata::migrator<chain>(db(), options(200ms, 3)).upgrade_to(1);
    auto blocker = database_->open();
    const std::int64_t pid = backend_pid(*blocker);
    blocker->begin();
    blocker->execute("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@example.org')", {}, {});
    const auto started = clock_type::now();
    try {
        strata::migrator<chain>(db(), options(200ms, 3)).upgrade();
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        EXPECT_FALSE(e.refused());
        EXPECT_EQ(e.version(), 2u);
        const std::string what = e.what();
        EXPECT_NE(what.find("migration 2 \"nickname\" (up) failed on postgres"), std::string::npos) << what;
        EXPECT_NE(what.find("gave up waiting for a lock on table \"users\" held by pid " + std::to_string(pid) +
                            " (RowExclusiveLock, idle in transaction): 3 attempts in "),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("(lock_timeout 200 ms each)"), std::string::npos) << what;
        EXPECT_NE(what.find("statement: ALTER TABLE \"users\" ADD COLUMN \"nickname\""), std::string::npos) << what;
        EXPECT_NE(what.find("nothing of it was applied; the database is at version 1"), std::string::npos) << what;
        EXPECT_NE(e.driver_message().find("lock timeout"), std::string::npos) << e.driver_message();
    }
    // 3 waits of 200 ms and pauses of 250 and 500 ms: bounded, not forever.
    EXPECT_LT(clock_type::now() - started, 5s);
    EXPECT_EQ(count_lines(log, "waited 200 ms for a lock on table \"users\""), 2u) << ::testing::PrintToString(log.lines);
    EXPECT_TRUE(log.has("(attempt 3 of 3)"));
    EXPECT_EQ(count_lines(log, "gave up waiting"), 1u);  // the error, once
    // Nothing applied, the version unchanged, this connection usable with its own settings.
    EXPECT_EQ(strata::migrator<chain>(db(), options(200ms, 3)).status().current, 1u);
    EXPECT_FALSE(has_fact(db(), "column users.nickname"));
    EXPECT_EQ(show(db(), "lock_timeout"), "0");
    // The blocker's transaction is its own: still open, its row there, and it commits.
    EXPECT_TRUE(blocker->in_transaction());
    EXPECT_EQ(count_users(*blocker), 1);
    blocker->commit();
    EXPECT_EQ(count_users(db()), 1);
    // Once it is gone the migration goes through.
    EXPECT_EQ(strata::migrator<chain>(db(), options(200ms, 3)).upgrade().to, 2u);
}

TEST_F(PostgresLockWaits, ADowngradeWaitsTheSameWay) {
    strata::migrator<chain>(db(), options(200ms, 2)).upgrade();
    auto blocker = database_->open();
    const std::int64_t pid = backend_pid(*blocker);
    blocker->begin();
    count_users(*blocker);
    try {
        strata::migrator<chain>(db(), options(200ms, 2)).downgrade_to(1);
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        const std::string what = e.what();
        EXPECT_NE(what.find("migration 2 \"nickname\" (down) failed"), std::string::npos) << what;
        EXPECT_NE(what.find("held by pid " + std::to_string(pid)), std::string::npos) << what;
        EXPECT_NE(what.find("the database is at version 2"), std::string::npos) << what;
    }
    EXPECT_TRUE(log.has("migration 2 \"nickname\" (down) waited 200 ms for a lock on table \"users\" held by pid " +
                        std::to_string(pid)));
    blocker->rollback();
    EXPECT_TRUE(has_fact(db(), "column users.nickname"));
    EXPECT_EQ(strata::migrator<chain>(db(), options(200ms, 2)).downgrade_to(1).to, 1u);
}

TEST_F(PostgresLockWaits, TheSessionsOwnLockTimeoutIsRetriedAndSaidAsSuch) {
    strata::migrator<chain>(db(), options(0ms, 2)).upgrade_to(1);
    db().execute("SET lock_timeout = '150ms'", {}, {});  // the application's, with strata's set to 0
    auto blocker = database_->open();
    blocker->begin();
    count_users(*blocker);
    try {
        strata::migrator<chain>(db(), options(0ms, 2)).upgrade();
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        EXPECT_NE(std::string(e.what()).find(": 2 attempts in "), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("(the session's lock_timeout each)"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(log.has("(up) waited the session's lock_timeout for a lock on table \"users\""));
    blocker->rollback();
    EXPECT_EQ(show(db(), "lock_timeout"), "150ms");
}

TEST_F(PostgresLockWaits, TheWaitBudgetEndsTheRetriesBeforeTheAttemptsDo) {
    strata::migrator<chain>(db(), options(200ms, 100)).upgrade_to(1);
    auto blocker = database_->open();
    blocker->begin();
    count_users(*blocker);
    const auto started = clock_type::now();
    try {
        strata::migrator<chain>(db(), options(200ms, 100, 2s)).upgrade();
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        // 200 + 250 + 200 + 500 + 200 ms; the next pause (1 s) would pass the 2 s budget.
        EXPECT_NE(std::string(e.what()).find(": 3 attempts in "), std::string::npos) << e.what();
    }
    EXPECT_LT(clock_type::now() - started, 4s);
    blocker->rollback();
}

TEST_F(PostgresLockWaits, TheLimitsHoldInsideTheMigrationOnlyAndLeaveTheSessionsOwn) {
    db().execute("SET lock_timeout = '7s'", {}, {});
    db().execute("SET statement_timeout = '9s'", {}, {});
    seen_lock_timeout.clear();
    auto o = options(250ms, 2);
    o.statement_timeout = 1500ms;
    strata::migrator<chain_notes>(db(), o).upgrade();
    EXPECT_EQ(seen_lock_timeout, "250ms");
    EXPECT_EQ(seen_statement_timeout, "1500ms");
    EXPECT_EQ(show(db(), "lock_timeout"), "7s");
    EXPECT_EQ(show(db(), "statement_timeout"), "9s");
    // The defaults: 5 s to wait for a lock, no statement_timeout of strata's (the session's stays).
    strata::migrator<chain_notes>(db(), {.chain = "main", .log = log.sink()}).downgrade_to(1);
    strata::migrator<chain_notes>(db(), {.chain = "main", .log = log.sink()}).upgrade();
    EXPECT_EQ(seen_lock_timeout, "5s");
    EXPECT_EQ(seen_statement_timeout, "9s");
    EXPECT_EQ(show(db(), "lock_timeout"), "7s");
    // 0: strata sets nothing, the session's own values apply.
    strata::migrator<chain_notes>(db(), options(0ms, 2)).downgrade_to(1);
    strata::migrator<chain_notes>(db(), options(0ms, 2)).upgrade();
    EXPECT_EQ(seen_lock_timeout, "7s");
    EXPECT_EQ(seen_statement_timeout, "9s");
}

TEST_F(PostgresLockWaits, AConcurrentIndexBehindABlockerStopsAtTheLockTimeoutAndRestoresTheSession) {
    strata::migrator<chain_concurrent>(db(), options(200ms, 3)).upgrade_to(1);
    db().execute("SET lock_timeout = '7s'", {}, {});
    auto blocker = database_->open();
    const std::int64_t pid = backend_pid(*blocker);
    blocker->begin();
    blocker->execute("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@example.org')", {}, {});
    const auto started = clock_type::now();
    try {
        strata::migrator<chain_concurrent>(db(), options(200ms, 3)).upgrade();
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        const std::string what = e.what();
        EXPECT_NE(what.find("waited 200 ms (lock_timeout) for a lock on table \"users\" held by pid " + std::to_string(pid)),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("not tried again: it runs outside a transaction"), std::string::npos) << what;
        // (it was recorded dirty before its statement ran: said as known, as a failed statement says it)
        EXPECT_NE(what.find("recorded at version 3, marked dirty; see verify() and repair()"), std::string::npos) << what;
        EXPECT_NE(what.find("a concurrent build or drop that fails part-way leaves the index \"users_email_idx\" INVALID: if "
                            "verify() shows it so, drop it (DROP INDEX CONCURRENTLY IF EXISTS \"users_email_idx\"), then "
                            "repair() settles the migration"),
                  std::string::npos)
            << what;
    }
    EXPECT_LT(clock_type::now() - started, 5s);  // one wait, no retry
    // The plain SET outside a transaction was put back.
    EXPECT_EQ(show(db(), "lock_timeout"), "7s");
    blocker->rollback();
    db().execute("DROP INDEX CONCURRENTLY IF EXISTS \"users_email_idx\"", {}, {});  // (as the message says)
    strata::migrator<chain_concurrent>(db(), options(200ms, 3)).repair();
    strata::migrator<chain_concurrent>(db(), options(200ms, 3)).upgrade();
    // The way down: DROP INDEX CONCURRENTLY waits on the index, which is named as one.
    blocker->begin();
    blocker->execute("SELECT count(*) FROM \"users\" WHERE \"email\" = 'a@example.org'", {}, {});
    try {
        strata::migrator<chain_concurrent>(db(), options(200ms, 3)).downgrade_to(1);
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        EXPECT_NE(what.find("for a lock on index \"users_email_idx\" held by pid " + std::to_string(pid)), std::string::npos) << what;
        EXPECT_NE(what.find("recorded at version 3, marked dirty; see verify() and repair()"), std::string::npos) << what;
    }
    blocker->rollback();
}

// ... and one behind a transaction that only holds an old snapshot (it touches another table, or
// none): the build waits for it all the same, and the message names it, not "no other session
// holds a lock on it any more" (helper 48).
TEST_F(PostgresLockWaits, AConcurrentIndexBehindAnOlderTransactionNamesIt) {
    strata::migrator<chain_concurrent>(db(), options(200ms, 3)).upgrade_to(1);
    auto older = database_->open();
    const std::int64_t pid = backend_pid(*older);
    older->execute("BEGIN ISOLATION LEVEL REPEATABLE READ", {}, {});
    older->execute("SELECT count(*) FROM pg_class", {}, {});  // (a snapshot, no lock on "users")
    try {
        strata::migrator<chain_concurrent>(db(), options(200ms, 3)).upgrade();
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout) << what;
        EXPECT_NE(what.find("the transactions older than it (a CONCURRENTLY build or drop waits for each, whatever it touches): "
                            "pid " + std::to_string(pid) + " (idle in transaction, since "),
                  std::string::npos)
            << what;
        EXPECT_EQ(what.find("any more"), std::string::npos) << what;
    }
    older->execute("ROLLBACK", {}, {});
    db().execute("DROP INDEX CONCURRENTLY IF EXISTS \"users_email_idx\"", {}, {});
    strata::migrator<chain_concurrent>(db(), options(200ms, 3)).repair();
    EXPECT_EQ(strata::migrator<chain_concurrent>(db(), options(200ms, 3)).upgrade().to, 3u);
}

// Another migrator holding the chain's lock (working, or hung): waited for, said in the log
// with its pid, given up after lock_wait_budget; never an endless silent wait.
TEST_F(PostgresLockWaits, AnotherMigratorsLockIsWaitedForWithinTheBudgetAndNamed) {
    auto other = database_->open();
    const std::int64_t pid = backend_pid(*other);
    ASSERT_TRUE(other->try_lock("main").has_value());  // the chain's lock, as a migrator at work holds it
    EXPECT_FALSE(db().try_lock("main").has_value());
    EXPECT_NE(db().lock_holder("main").find("pid " + std::to_string(pid)), std::string::npos) << db().lock_holder("main");
    const auto started = clock_type::now();
    try {
        strata::migrator<chain>(db(), options(200ms, 3, 700ms)).upgrade();
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        const std::string what = e.what();
        EXPECT_NE(what.find("strata: chain \"main\": " + db().describe() + ": gave up after "), std::string::npos) << what;
        EXPECT_NE(what.find("waiting for the lock \"main\", held by pid " + std::to_string(pid)), std::string::npos) << what;
        EXPECT_NE(what.find("raise lock_wait_budget; nothing was changed"), std::string::npos) << what;
    }
    EXPECT_GE(clock_type::now() - started, 700ms);
    EXPECT_LT(clock_type::now() - started, 3s);
    EXPECT_EQ(count_lines(log, "strata: main: waiting for the lock \"main\", held by pid " + std::to_string(pid)), 1u)
        << ::testing::PrintToString(log.lines);
    EXPECT_FALSE(db().has_table("users"));
    // Released in time: the wait ends, the migration runs.
    std::thread releases([&] {
        std::this_thread::sleep_for(300ms);
        other->unlock("main");
    });
    strata::run_report r;
    try {
        r = strata::migrator<chain>(db(), options(200ms, 3, 10s)).upgrade();
    } catch (...) {
        releases.join();
        throw;
    }
    releases.join();
    EXPECT_EQ(r.to, 2u);
}

// The lock is the chain's in one schema: tenants in schemas of their own migrate side by side
// (each migrator's tables are those of its current_schema()), while two migrators of one schema,
// and a strata from before the lock had the schema in it (which holds the chain's lock alone,
// exclusively), still keep each other out.
TEST_F(PostgresLockWaits, TenantsInSchemasOfTheirOwnDoNotWaitForEachOther) {
    const std::string mine = strata::session(db()).query_value<std::string>("SELECT current_schema()");
    const std::string tenant = mine + "_b";
    db().execute("CREATE SCHEMA \"" + tenant + "\"", {}, {});
    auto other = database_->open();  // (in this test's schema)
    ASSERT_TRUE(other->try_lock("main").has_value());
    EXPECT_FALSE(db().try_lock("main").has_value());  // one schema: kept out
    db().execute("SET search_path TO \"" + tenant + "\"", {}, {});
    ASSERT_TRUE(db().try_lock("main").has_value()) << "a tenant in another schema waited for " << db().lock_holder("main");
    db().unlock("main");
    // A migrator of the other tenant runs while the first one holds its lock.
    EXPECT_EQ(strata::migrator<chain>(db(), options(200ms, 3, 500ms)).upgrade().to, 2u);
    EXPECT_EQ(count_users(db()), 0);
    db().execute("SET search_path TO \"" + mine + "\"", {}, {});
    EXPECT_FALSE(db().has_table("users"));
    // The schema is the one the lock was taken in: a SET search_path in between does not move it,
    // and taking it again there is no nested call (found on review: it counted as one, and a
    // second migrator got that schema's lock too).
    other->execute("SET search_path TO \"" + tenant + "\"", {}, {});
    EXPECT_THROW(other->try_lock("main"), std::logic_error);
    other->unlock("main");
    other->execute("SET search_path TO \"" + mine + "\"", {}, {});
    EXPECT_TRUE(db().try_lock("main").has_value());
    db().unlock("main");

    // An older strata's lock: pg_advisory_lock on the 64-bit FNV-1a hash of "strata:main".
    std::uint64_t key = 14695981039346656037ull;
    for (unsigned char c : std::string("strata:main")) key = (key ^ c) * 1099511628211ull;
    const std::string old_lock = std::to_string(static_cast<std::int64_t>(key));
    auto older = database_->open();
    const std::int64_t older_pid = backend_pid(*older);
    bool got = false;
    older->execute("SELECT pg_try_advisory_lock(" + old_lock + ")", {}, [&](const strata::row& r) { got = r.get<bool>(0); });
    ASSERT_TRUE(got);
    for (const std::string& schema : {mine, tenant}) {
        db().execute("SET search_path TO \"" + schema + "\"", {}, {});
        EXPECT_FALSE(db().try_lock("main").has_value()) << schema;
        EXPECT_NE(db().lock_holder("main").find("pid " + std::to_string(older_pid)), std::string::npos) << db().lock_holder("main");
    }
    older->execute("SELECT pg_advisory_unlock(" + old_lock + ")", {}, {});
    // ... and this strata's lock keeps an older one out, in every schema.
    db().execute("SET search_path TO \"" + mine + "\"", {}, {});
    ASSERT_TRUE(db().try_lock("main").has_value());
    older->execute("SELECT pg_try_advisory_lock(" + old_lock + ")", {}, [&](const strata::row& r) { got = r.get<bool>(0); });
    EXPECT_FALSE(got);
    EXPECT_NE(older->lock_holder("main").find("pid "), std::string::npos);
    db().unlock("main");
    older->execute("SELECT pg_try_advisory_lock(" + old_lock + ")", {}, [&](const strata::row& r) { got = r.get<bool>(0); });
    EXPECT_TRUE(got);  // unlock() gave everything back
    older->execute("SELECT pg_advisory_unlock(" + old_lock + ")", {}, {});
    db().execute("DROP SCHEMA \"" + tenant + "\" CASCADE", {}, {});
}

// The start-up helper's locks (the app version's, the bookkeeping tables') wait the same way.
TEST_F(PostgresLockWaits, TheStartUpHelpersLocksHaveTheSameBudget) {
    auto other = database_->open();
    ASSERT_TRUE(other->try_lock("main:app_version").has_value());
    strata::startup_options o;
    o.log = log.sink();
    o.version = "2.0.0";
    o.lock_wait_budget = 300ms;
    try {
        strata::migrate_on_startup<chain>(db(), o);
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        EXPECT_NE(std::string(e.what()).find("waiting for the lock \"main:app_version\""), std::string::npos) << e.what();
    }
    other->unlock("main:app_version");
}

TEST_F(PostgresLockWaits, StatementTimeoutStopsALongStatement) {
    auto o = options(200ms, 3);
    o.statement_timeout = 200ms;
    const auto started = clock_type::now();
    try {
        strata::migrator<chain_slow>(db(), o).upgrade();
        FAIL() << "expected a statement timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::statement_failed);
        EXPECT_EQ(e.version(), 2u);
        EXPECT_NE(e.driver_message().find("statement timeout"), std::string::npos) << e.driver_message();
        EXPECT_NE(std::string(e.what()).find("the database is at version 1"), std::string::npos) << e.what();
    }
    EXPECT_LT(clock_type::now() - started, 3s);  // the step sleeps 5 s
    EXPECT_EQ(show(db(), "statement_timeout"), "0");
    EXPECT_EQ(strata::migrator<chain_slow>(db(), o).status().current, 1u);
}

// ---- SQLite: the busy timeout ----

TEST_F(SqliteBusyTimeout, AWriterHoldingSqlitePastTheBusyTimeoutGivesAClearErrorAndNothingApplied) {
    auto* file = dynamic_cast<strata_test::sqlite_database*>(database_.get());
    ASSERT_NE(file, nullptr);
    strata::sqlite::connection mine(file->path.string(), 200ms);
    strata::migrator<chain>(mine, options(200ms, 3)).upgrade_to(1);
    strata::sqlite::connection writer(file->path.string());
    writer.begin();  // BEGIN IMMEDIATE: the database's write lock
    writer.execute("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@example.org')", {}, {});
    const auto started = clock_type::now();
    try {
        strata::migrator<chain>(mine, options(200ms, 3)).upgrade();
        FAIL() << "expected the busy timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        const std::string what = e.what();
        EXPECT_NE(what.find("migration 2 \"nickname\" (up) failed on sqlite"), std::string::npos) << what;
        EXPECT_NE(what.find("database is locked: waited 200 ms for another writer (the busy timeout: raise it with "
                            "strata::sqlite::connection's busy_timeout argument, or --busy-timeout in the CLI)"),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("nothing of it was applied; the database is at version 1"), std::string::npos) << what;
    }
    const auto took = clock_type::now() - started;
    EXPECT_GE(took, 150ms);
    EXPECT_LT(took, 3s);  // one wait: SQLite's busy handler already retried within it
    EXPECT_EQ(count_lines(log, "database is locked"), 1u) << ::testing::PrintToString(log.lines);
    // The writer's transaction is its own and commits; the migration left nothing.
    writer.commit();
    EXPECT_EQ(count_users(mine), 1);
    EXPECT_FALSE(has_fact(mine, "column users.nickname"));
    EXPECT_EQ(strata::migrator<chain>(mine, options(200ms, 3)).status().current, 1u);
    EXPECT_EQ(strata::migrator<chain>(mine, options(200ms, 3)).upgrade().to, 2u);
}

TEST_F(SqliteBusyTimeout, TheBookkeepingBehindAWriterSaysTheSame) {
    // No strata_migrations yet: creating it is the first write, outside any migration.
    auto* file = dynamic_cast<strata_test::sqlite_database*>(database_.get());
    strata::sqlite::connection mine(file->path.string(), 200ms);
    strata::sqlite::connection writer(file->path.string());
    writer.begin();
    writer.execute("CREATE TABLE \"app\" (\"id\" INTEGER)", {}, {});
    try {
        strata::migrator<chain>(mine, options(200ms, 3)).upgrade();
        FAIL() << "expected the busy timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        EXPECT_EQ(e.version(), 0u);
        EXPECT_NE(std::string(e.what()).find("database is locked: waited 200 ms for another writer"), std::string::npos)
            << e.what();
    }
    writer.commit();
    EXPECT_FALSE(mine.has_table("strata_migrations"));
    EXPECT_EQ(strata::migrator<chain>(mine, options(200ms, 3)).upgrade().to, 2u);
}

// ---- the rest of a start: version tasks, on_upgrade, background steps ----
// They run the application's own statements; a lock they wait for ends the wait after
// startup_options::lock_timeout too, instead of hanging the start (or, for a background step,
// the shutdown that joins its worker). The start runs on a thread here so that a hang is a
// failure of this test, not of the suite: after 10 s the blocker gives way.

void touch_users(strata::session& s, strata::stop_token) { s.execute("UPDATE \"users\" SET \"email\" = \"email\""); }
using bg2 = strata::migration<2, "touch users later", background<touch_users>>;
using chain_bg = strata::chain<l1, bg2>;

template <class F>
auto within(std::chrono::seconds limit, strata::driver& blocker, F&& f) {
    auto done = std::async(std::launch::async, std::forward<F>(f));
    const bool in_time = done.wait_for(limit) == std::future_status::ready;
    if (!in_time) blocker.rollback();  // let it finish, then fail
    EXPECT_TRUE(in_time) << "still waiting after " << limit.count() << " s: no lock_timeout held it";
    return done.get();
}

TEST_F(PostgresLockWaits, VersionTasksAndOnUpgradeGiveUpWaitingForALock) {
    strata::migrator<chain>(db(), options(200ms, 2)).upgrade();
    auto blocker = database_->open();
    blocker->begin();
    blocker->execute("LOCK TABLE \"users\" IN ACCESS EXCLUSIVE MODE", {}, {});
    const auto read_users = [](strata::session& s) { s.query_value<std::int64_t>("SELECT count(*) FROM \"users\""); };
    for (int hook = 0; hook < 2; ++hook) {
        strata::startup_options o{.log = log.sink(), .lock_timeout = 200ms, .lock_attempts = 2, .version = "2.0.0"};
        if (hook) o.on_upgrade = [&](strata::session& s, std::string_view, std::string_view) { read_users(s); };
        else o.tasks = {{"count users", "2.0.0", [&](strata::session& s, const strata::version_change&) { read_users(s); }}};
        const std::string what = within(10s, *blocker, [&]() -> std::string {
            try {
                strata::migrate_on_startup<chain>(db(), o);
                return "no error";
            } catch (const std::exception& e) {
                return e.what();
            }
        });
        EXPECT_NE(what.find(hook ? "on_upgrade(none -> 2.0.0) failed" : "version task \"count users\" (2.0.0) failed"),
                  std::string::npos) << what;
        EXPECT_NE(what.find("lock timeout"), std::string::npos) << what;
        EXPECT_FALSE(blocker->in_transaction() && what == "no error");
    }
    EXPECT_EQ(show(db(), "lock_timeout"), "0");  // the limit ended with the task's transaction
    ASSERT_TRUE(blocker->in_transaction());
    blocker->rollback();
    // Once the blocker is gone, the same start runs the task.
    strata::startup_options o{.log = log.sink(), .lock_timeout = 200ms, .version = "2.0.0"};
    o.tasks = {{"count users", "2.0.0", [&](strata::session& s, const strata::version_change&) { read_users(s); }}};
    EXPECT_EQ(strata::migrate_on_startup<chain>(db(), o).app.ran, std::vector<std::string>{"count users"});
}

// A session holding strata_migrations itself (an ALTER TABLE or TRUNCATE left open in psql, a
// VACUUM FULL): every verb read it without a limit, and hung silently (helper 51). Each gives
// up after lock_timeout, naming the table and the pid, having changed nothing; the start-up
// helper too.
TEST_F(PostgresLockWaits, ALockOnTheBookkeepingTableEndsEveryVerbsWaitNamingIt) {
    strata::migrator<chain>(db(), options(200ms, 2)).upgrade_to(1);
    auto blocker = database_->open();
    const std::int64_t pid = backend_pid(*blocker);
    blocker->begin();
    blocker->execute("LOCK TABLE \"strata_migrations\" IN ACCESS EXCLUSIVE MODE", {}, {});
    auto expect_gave_up = [&](const char* verb, auto&& call) {
        SCOPED_TRACE(verb);
        const auto started = clock_type::now();
        try {
            within(10s, *blocker, [&] { call(); });
            ADD_FAILURE() << "expected a lock timeout";
        } catch (const strata::migration_error& e) {
            EXPECT_EQ(e.kind(), migration_failure::lock_timeout) << e.what();
            EXPECT_NE(std::string(e.what()).find("table \"strata_migrations\" held by pid " + std::to_string(pid) +
                                                 " (AccessExclusiveLock, idle in transaction)"),
                      std::string::npos)
                << e.what();
            EXPECT_NE(std::string(e.what()).find("200 ms (lock_timeout)"), std::string::npos) << e.what();
        }
        EXPECT_LT(clock_type::now() - started, 5s);
    };
    strata::migrator<chain> m(db(), options(200ms, 2));
    expect_gave_up("status", [&] { m.status(); });
    expect_gave_up("verify", [&] { m.verify(); });
    expect_gave_up("upgrade", [&] { m.upgrade(); });
    expect_gave_up("downgrade", [&] { m.downgrade_to(0); });
    expect_gave_up("repair", [&] { m.repair(); });
    expect_gave_up("start-up", [&] { strata::migrate_on_startup<chain>(db(), {.log = log.sink(), .lock_timeout = 200ms}); });
    blocker->rollback();
    EXPECT_EQ(show(db(), "lock_timeout"), "0");  // the session's own, back
    EXPECT_EQ(m.status().current, 1u);
    EXPECT_EQ(m.upgrade().to, 2u);
}

TEST_F(PostgresLockWaits, ABackgroundStepGivesUpWaitingForALockAndStaysPending) {
    strata::migrator<chain_bg>(db(), options(200ms, 2)).upgrade_to(1);
    auto blocker = database_->open();
    blocker->begin();
    blocker->execute("LOCK TABLE \"users\" IN ACCESS EXCLUSIVE MODE", {}, {});
    const strata::background_report r = within(10s, *blocker, [&] {
        // (the migration itself only records the step: it takes no lock on users)
        auto started = strata::migrate_on_startup<chain_bg>(db(), {.log = log.sink(), .lock_timeout = 200ms});
        return started.background.wait();
    });
    EXPECT_FALSE(r.ok()) << ::testing::PrintToString(log.lines);
    EXPECT_NE(r.error.find("background step of migration 2 \"touch users later\" failed"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("lock timeout"), std::string::npos) << r.error;
    EXPECT_EQ(r.remaining, std::vector<std::uint64_t>{2});
    if (blocker->in_transaction()) blocker->rollback();
    // Pending still: the next start runs it.
    auto again = strata::migrate_on_startup<chain_bg>(db(), {.log = log.sink(), .lock_timeout = 200ms});
    const strata::background_report r2 = again.background.wait();
    EXPECT_TRUE(r2.ok()) << r2.error;
    EXPECT_EQ(r2.completed, std::vector<std::uint64_t>{2});
}

// ---- the same options through migrate_on_startup and the CLI ----

TEST_P(LockWaits, StartupOptionsCarryTheLimits) {
    strata::sqlite::connection* lite = nullptr;
    std::unique_ptr<strata::sqlite::connection> owned;
    strata::driver* target = &db();
    if (!postgres()) {  // a connection with a short busy timeout: SQLite's own setting
        owned = std::make_unique<strata::sqlite::connection>(
            dynamic_cast<strata_test::sqlite_database&>(*database_).path.string(), 200ms);
        lite = owned.get();
        target = lite;
    }
    strata::migrator<chain>(*target, options(200ms, 2)).upgrade_to(1);
    auto blocker = database_->open();
    blocker->begin();
    blocker->execute("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@example.org')", {}, {});
    try {
        strata::migrate_on_startup<chain>(*target, {.log = log.sink(), .lock_timeout = 200ms, .lock_attempts = 2});
        FAIL() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        EXPECT_NE(std::string(e.what()).find(postgres() ? "2 attempts" : "waited 200 ms for another writer"), std::string::npos)
            << e.what();
    }
    blocker->rollback();
    EXPECT_EQ(strata::migrator<chain>(*target, options(200ms, 2)).status().current, 1u);
}

// The CLI, its output and error streams read back.
using strata_test::cli_result;
using strata_test::read_all;
cli_result run_cli(std::vector<std::string> args) {
    std::vector<const char*> argv{"app"};
    for (auto& a : args) argv.push_back(a.c_str());
    std::FILE* out = std::tmpfile();
    std::FILE* err = std::tmpfile();
    const int code = strata::cli::run<chain>(static_cast<int>(argv.size()), argv.data(),
                                             {.program = "app", .log = strata::log_nowhere, .out = out, .err = err});
    return {code, read_all(out), read_all(err), {}};
}

TEST_P(LockWaits, CliFlagsSetTheWaits) {
    const std::string url = strata_test::cli_url(*database_);
    ASSERT_EQ(run_cli({"upgrade", "--to", "1", "--database", url}).code, 0);
    auto blocker = database_->open();
    blocker->begin();
    blocker->execute("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@example.org')", {}, {});
    const auto started = clock_type::now();
    const cli_result r = run_cli({"upgrade", "--database", url, "--lock-timeout=200ms", "--lock-attempts=2",
                                  "--lock-wait-budget=5s", "--busy-timeout=200ms", "--statement-timeout=0"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    if (postgres()) EXPECT_NE(r.err.find("gave up waiting for a lock on table \"users\""), std::string::npos) << r.err;
    else EXPECT_NE(r.err.find("database is locked: waited 200 ms for another writer"), std::string::npos) << r.err;
    EXPECT_LT(clock_type::now() - started, 5s);
    blocker->rollback();
    // A duration without a unit, or not a number, is bad usage before anything is opened.
    for (const char* bad : {"--lock-timeout=5", "--statement-timeout=fast", "--busy-timeout=-1s", "--lock-attempts=0"}) {
        const cli_result u = run_cli({"upgrade", "--database", url, bad});
        EXPECT_EQ(u.code, 2) << bad << ": " << u.err;
        EXPECT_NE(u.err.find(std::string(bad).substr(0, std::string(bad).find('='))), std::string::npos) << u.err;
    }
    EXPECT_EQ(run_cli({"upgrade", "--database", url, "--lock-timeout", "1.5s"}).code, 0);
    EXPECT_EQ(run_cli({"current", "--database", url}).out, "2 nickname (head)\n");
}

// A duration of 0 is no limit, as for every wait: another migrator's lock (PostgreSQL) and
// another writer (SQLite) are waited for until they are gone.
TEST_P(LockWaits, ZeroIsNoLimit) {
    const std::string url = strata_test::cli_url(*database_);
    ASSERT_EQ(run_cli({"upgrade", "--to", "1", "--database", url}).code, 0);
    auto blocker = database_->open();
    if (postgres()) {
        blocker->lock("main");
    } else {
        blocker->begin();
        blocker->execute("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@example.org')", {}, {});
    }
    std::thread release([&] {
        std::this_thread::sleep_for(700ms);
        if (postgres()) blocker->unlock("main");
        else blocker->rollback();
    });
    const auto started = clock_type::now();
    const cli_result r = run_cli({"upgrade", "--database", url, "--lock-wait-budget=0", "--busy-timeout=0"});
    release.join();
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    EXPECT_GE(clock_type::now() - started, 500ms);
    EXPECT_EQ(run_cli({"current", "--database", url}).out, "2 nickname (head)\n");
}

// ---- the pieces of the messages ----

TEST(LockWaitText, TheTablesAStatementNamesAreItsIdentifiersNotItsLiteralsOrComments) {
    const std::vector<std::string> want{"Users", "add", "alter", "column", "default", "references", "roles", "table", "text", "x"};
    EXPECT_EQ(strata::detail::names_in("ALTER TABLE \"Users\" ADD COLUMN X TEXT DEFAULT 'a \"b\" c''d' -- \"comment\"\n"
                                       "REFERENCES roles"),
              want);
    EXPECT_EQ(strata::detail::names_in("INSERT INTO \"we\"\"ird\" VALUES (1)"),
              (std::vector<std::string>{"insert", "into", "values", "we\"ird"}));
}

TEST(LockWaitText, DurationsAndPauses) {
    using strata::detail::duration_text;
    EXPECT_EQ(duration_text(200ms), "200 ms");
    EXPECT_EQ(duration_text(30s), "30 s");
    EXPECT_EQ(duration_text(1500ms), "1.5 s");
    EXPECT_EQ(duration_text(28750ms), "28.75 s");
    EXPECT_EQ(duration_text(1005ms), "1.005 s");
    EXPECT_EQ(duration_text(2min), "2 min");
    using strata::detail::retry_pause;
    EXPECT_EQ(retry_pause(2), 250ms);
    EXPECT_EQ(retry_pause(3), 500ms);
    EXPECT_EQ(retry_pause(4), 1s);
    EXPECT_EQ(retry_pause(6), 4s);
    EXPECT_EQ(retry_pause(50), 4s);
}

INSTANTIATE_TEST_SUITE_P(Backends, LockWaits, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace

// A wait limit out of SQLite's range is its nearest limit, never its opposite: a busy timeout
// past what SQLite's int holds (milliseconds::max(), thirty days) waits as long as SQLite can,
// where it wrapped to no wait; a CLI duration below a millisecond waits one, where it rounded
// to 0, which the CLI reads as no limit.
TEST_F(SqliteBusyTimeout, ALimitOutOfRangeIsItsNearestNotItsOpposite) {
    auto* file = dynamic_cast<strata_test::sqlite_database*>(database_.get());
    ASSERT_NE(file, nullptr);
    for (const std::chrono::milliseconds t : {std::chrono::milliseconds::max(), std::chrono::milliseconds(24h * 30)}) {
        strata::sqlite::connection c(file->path.string(), t);
        EXPECT_EQ(strata::session(c).query_value<std::int64_t>("PRAGMA busy_timeout"), 2147483647) << t.count();
    }
    strata::sqlite::connection writer(file->path.string());
    writer.begin();  // the write lock, held until this test lets it go
    writer.execute("CREATE TABLE \"app\" (\"id\" INTEGER)", {}, {});
    const cli_result r = within(10s, writer, [&] {
        return run_cli({"upgrade", "--database", "sqlite:" + file->path.string(), "--busy-timeout", "0.4ms"});
    });
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("database is locked: waited 1 ms"), std::string::npos) << r.err;
    for (const char* option : {"--lock-timeout", "--lock-wait-budget", "--statement-timeout"}) {
        const cli_result s = run_cli({"status", "--database", "sqlite:" + file->path.string(), option, "0.4ms"});
        EXPECT_NE(s.code, 2) << option << ": " << s.err;  // (a duration, accepted)
    }
    writer.rollback();
}

// The same on PostgreSQL: lock_timeout and statement_timeout take at most an int of
// milliseconds; a longer limit is the longest, not a failed migration.
TEST_F(PostgresLockWaits, ALimitOutOfRangeIsTheLongestPostgresHas) {
    strata::migrator_options o = options(std::chrono::milliseconds::max(), 2, 0ms);  // (a budget would bound it)
    o.statement_timeout = std::chrono::milliseconds(24h * 30);
    EXPECT_EQ(strata::migrator<chain>(db(), o).upgrade().to, 2u);
}

// A COMMIT waits for the connections reading the database (rollback-journal mode), not for a
// writer: the message says which.
TEST_F(SqliteBusyTimeout, ACommitBehindAReaderSaysItWaitedForReaders) {
    auto* file = dynamic_cast<strata_test::sqlite_database*>(database_.get());
    ASSERT_NE(file, nullptr);
    strata::sqlite::connection mine(file->path.string(), 200ms);
    strata::migrator<chain>(mine, options(200ms, 1)).upgrade_to(1);
    strata::sqlite::connection reader(file->path.string());
    reader.execute("BEGIN DEFERRED", {}, {});
    count_users(reader);  // a read transaction: its SHARED lock until it ends
    try {
        strata::migrator<chain>(mine, options(200ms, 1)).upgrade();
        FAIL() << "expected the busy timeout at COMMIT";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::lock_timeout);
        EXPECT_NE(std::string(e.what()).find("waited 200 ms for the connections reading the database to finish"), std::string::npos)
            << e.what();
    }
    reader.execute("COMMIT", {}, {});
    EXPECT_EQ(strata::migrator<chain>(mine, options(200ms, 1)).upgrade().to, 2u);
}
