// strata behind PgBouncer in transaction pooling (issue 11, point 6), against a real PgBouncer
// that ./scripts/test starts in front of its PostgreSQL (scripts/pgbouncer: STRATA_PGBOUNCER_URL).
// There a session advisory lock does not hold between transactions: each transaction may run on
// another server connection, and a lock taken by one client stays on a server connection that
// the pooler then hands to other clients. The tests:
//   - 8 processes migrate one fresh database at once through the pooler, several rounds: every
//     process exits 0, every migration (a concurrent index among them) is applied exactly once,
//     each data step's row is there once, the history is consistent (no dirty row, verify()).
//   - the pooler is detected, and the migrator says so in its log; a direct connection is not
//     taken for one;
//   - the lock is held by another server connection's open transaction for the whole migration;
//     a migration whose lock holder was ended is not committed; background steps run;
//   - a borrowed connection through the pooler cannot hold the lock another way: refused with a
//     message that says what to change.
// Without STRATA_PGBOUNCER_URL (or STRATA_PG_URL) the tests skip, except under CI=true.
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <strata/strata.hpp>

#include "backends.hpp"
#include "child_process.hpp"

#ifdef STRATA_TEST_POSTGRES
#include <pqxx/pqxx>

#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>

using namespace strata::dsl;

namespace {

constexpr int processes = 8;
constexpr int rounds = 5;
constexpr auto round_limit = std::chrono::seconds(120);

// Each data step records itself, inside its migration's transaction, and holds the transaction
// a little so that the others pile up behind it.
void record(strata::session& s, std::int64_t version) {
    s.execute("INSERT INTO \"data_step_runs\" (\"version\", \"pid\") VALUES ($1, $2)", version,
              static_cast<std::int64_t>(::getpid()));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}
void record2(strata::session& s) { record(s, 2); }
void record4(strata::session& s) { record(s, 4); }
void record5(strata::session& s) { record(s, 5); }

using p1 = strata::migration<1, "tables",
    create_table<"data_step_runs", column<"version", bigint, not_null>, column<"pid", bigint, not_null>>,
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>, column<"score", integer>>>;
using p2 = strata::migration<2, "seed", run<record2>,
    execute<"INSERT INTO \"users\" (\"id\", \"email\", \"score\") SELECT g, 'u' || g, g FROM generate_series(1, 50) g",
            "DELETE FROM \"users\"">>;
using p3 = strata::migration<3, "score index, concurrently", create_index_concurrently<"users_score_idx", "users", "score">>;
using p4 = strata::migration<4, "level", run<record4>, add_column<"users", column<"level", integer, default_value<1>>>>;
using p5 = strata::migration<5, "email not null check", run<record5>, add_check<"users", "users_email_ck", "email <> ''">>;
using history = strata::chain<p1, p2, p3, p4, p5>;
constexpr std::int64_t data_step_versions[] = {2, 4, 5};

const char* pooler_url() {
    const char* u = std::getenv("STRATA_PGBOUNCER_URL");
    return u && *u ? u : nullptr;
}

// postgresql://user@host:port/db with another db.
std::string with_database(const std::string& url, const std::string& db) {
    const auto slash = url.rfind('/');
    return url.substr(0, slash + 1) + db;
}

// A fresh database on the server (created and dropped through the direct URL), and its URL
// through the pooler.
struct fresh_database {
    std::string name, direct, pooled;
    explicit fresh_database(const std::string& tag) : name("strata_" + strata_test::unique_tag(tag)) {
        direct = with_database(strata_test::postgres_url(), name);
        pooled = with_database(pooler_url(), name);
        strata::postgres::connection c(strata_test::postgres_url());
        c.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)", {}, {});
        c.execute("CREATE DATABASE \"" + name + "\"", {}, {});
    }
    ~fresh_database() {
        try {
            strata::postgres::connection c(strata_test::postgres_url());
            c.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)", {}, {});  // (the pooler's connections too)
        } catch (...) {
        }
    }
};

using strata_test::fd_pipe;

// ---- the child: connects through the pooler, says it is ready, waits for the start, upgrades,
// and writes the versions it applied.
int child_main() {
    std::vector<std::string> lines;
    try {
        using strata_test::env_or_throw;
        const int ready = std::stoi(env_or_throw("STRATA_CHILD_READY_FD"));
        const int go = std::stoi(env_or_throw("STRATA_CHILD_GO_FD"));
        strata::postgres::connection db(env_or_throw("STRATA_CHILD_POOLED_URL"));
        strata::migrator<history> m(db, {"main", [&](strata::log_level, std::string_view l) { lines.emplace_back(l); }});
        const char byte = 'r';
        if (::write(ready, &byte, 1) != 1) throw std::system_error(errno, std::generic_category(), "child: write ready");
        ::close(ready);
        for (char c;;) {
            const ssize_t n = ::read(go, &c, 1);
            if (n == 0) break;
            if (n < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "child: read go");
        }
        ::close(go);
        const strata::run_report r = m.upgrade();
        if (r.to != history::head) throw std::runtime_error("upgrade() ended at version " + std::to_string(r.to));
        std::ofstream out(env_or_throw("STRATA_CHILD_REPORT"));
        for (const auto& run : r.migrations) out << run.version << "\n";
        out.close();
        if (!out) throw std::runtime_error("child: cannot write the report");
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "pooler child %d failed: %s\n", static_cast<int>(::getpid()), e.what());
        for (const auto& l : lines) std::fprintf(stderr, "  log: %s\n", l.c_str());
        return 1;
    }
}

class Pooler : public ::testing::Test {
   protected:
    void SetUp() override {
        if (!strata_test::postgres_url() || !pooler_url()) {
            if (strata_test::in_ci())
                FAIL() << "CI=true but no PgBouncer (STRATA_PGBOUNCER_URL unset: ./scripts/test starts one with "
                          "scripts/pgbouncer; install the pgbouncer package): the pooler tests must run in CI";
            GTEST_SKIP() << "no PgBouncer (STRATA_PGBOUNCER_URL unset; ./scripts/test starts one with scripts/pgbouncer)";
        }
    }
};

TEST_F(Pooler, EightProcessesThroughTransactionPoolingApplyEachMigrationOnce) {
    for (int round = 1; round <= rounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const auto started = std::chrono::steady_clock::now();
        fresh_database database("pooler");
        const strata_test::scratch_directory scratch_dir("strata_pooler");
        const std::filesystem::path& scratch = scratch_dir.path;

        fd_pipe ready, go;
        std::vector<pid_t> pids;
        const auto deadline = std::chrono::steady_clock::now() + round_limit;
        for (int i = 0; i < processes; ++i)
            pids.push_back(strata_test::spawn_self({"STRATA_CHILD=pooler", "STRATA_CHILD_POOLED_URL=" + database.pooled,
                                                    "STRATA_CHILD_READY_FD=" + std::to_string(ready.write),
                                                    "STRATA_CHILD_GO_FD=" + std::to_string(go.read),
                                                    "STRATA_CHILD_REPORT=" + (scratch / std::to_string(i)).string()},
                                                   {ready.write, go.read}));
        ready.close_write();
        go.close_read();
        for (int n = 0; n < processes;) {
            pollfd p{ready.read, POLLIN, 0};
            if (::poll(&p, 1, 30000) <= 0) break;
            char buf[processes];
            const ssize_t got = ::read(ready.read, buf, sizeof buf);
            if (got <= 0) break;
            n += static_cast<int>(got);
        }
        go.close_write();  // start

        std::map<std::uint64_t, int> applied;
        for (int i = 0; i < processes; ++i) {
            const auto st = strata_test::wait_until(pids[static_cast<std::size_t>(i)], deadline);
            EXPECT_TRUE(st && WIFEXITED(*st) && WEXITSTATUS(*st) == 0) << "child " << i << ": " << strata_test::describe_status(st);
            std::ifstream in(scratch / std::to_string(i));
            for (std::uint64_t v; in >> v;) ++applied[v];
        }
        // Each migration ran in exactly one process.
        for (std::uint64_t v = 1; v <= history::head; ++v) EXPECT_EQ(applied[v], 1) << "migration " << v;
        EXPECT_EQ(applied.size(), history::size);

        // The history, read on the server directly.
        strata::postgres::connection db(database.direct);
        strata::session s(db);
        std::map<std::int64_t, std::int64_t> runs, want;
        s.for_each_row("SELECT \"version\", count(*) FROM \"data_step_runs\" GROUP BY \"version\"",
                       [&](const strata::row& r) { runs[r.get<std::int64_t>(0)] = r.get<std::int64_t>(1); });
        for (std::int64_t v : data_step_versions) want[v] = 1;
        EXPECT_EQ(runs, want);
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"users\""), 50);
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"strata_migrations\""),
                  static_cast<std::int64_t>(history::size));
        strata::migrator<history> m(db, {"main", strata::log_nowhere});
        const strata::status_report st = m.status();
        EXPECT_EQ(st.current, history::head);
        EXPECT_TRUE(st.up_to_date()) << st.problem;
        for (const auto& a : st.applied) EXPECT_FALSE(a.dirty) << "migration " << a.version;
        const strata::verify_report v = m.verify();
        EXPECT_TRUE(v.ok()) << v.text();
        // No advisory lock left behind on any server connection.
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                                                "(SELECT oid FROM pg_database WHERE datname = current_database())"), 0);

        std::printf("[ pooler round %d ] %d processes, %lld ms\n", round, processes,
                    static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now() - started)
                                               .count()));
        if (HasFailure()) break;
    }
}

TEST_F(Pooler, APoolerIsDetectedAndTheServerItselfIsNot) {
    strata::postgres::connection direct(strata_test::postgres_url());
    EXPECT_FALSE(direct.behind_pooler());
    strata::postgres::connection pooled(pooler_url());
    EXPECT_TRUE(pooled.behind_pooler());
}

// Inside a migration's transaction through the pooler: the lock is held by another server
// connection's open transaction, and no other migrator gets it.
std::string pooled_for_step;  // the pooled URL, for the data step below
std::optional<bool> other_got;
std::int64_t holders = -1;
void try_the_lock(strata::session&) {
    strata::postgres::connection other(pooled_for_step);
    other_got = other.try_lock("main");
    strata::postgres::connection direct(with_database(strata_test::postgres_url(), other.handle().dbname()));
    holders = strata::session(direct).query_value<std::int64_t>(
        "SELECT count(DISTINCT l.pid) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND "
        "l.granted AND a.state = 'idle in transaction' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())");
}
using held1 = strata::migration<1, "t, lock checked", create_table<"t", column<"id", bigint, primary_key>>, run<try_the_lock>>;

TEST_F(Pooler, TheLockHoldsThroughoutTheMigration) {
    fresh_database database("pooler_held");
    pooled_for_step = database.pooled;
    other_got.reset();
    holders = -1;
    strata::postgres::connection db(database.pooled);
    strata::migrator<strata::chain<held1>>(db, {"main", strata::log_nowhere}).upgrade();
    EXPECT_FALSE(other_got.has_value()) << "another migrator got the lock while the migration ran";
    EXPECT_EQ(holders, 1) << "the lock is held by one server connection's open transaction";
    // And released at the end: the next one gets it.
    strata::postgres::connection next(database.pooled);
    EXPECT_TRUE(next.try_lock("main").has_value());
    next.unlock("main");
}

// The lock's connection is ended (the server's idle_in_transaction_session_timeout, or the
// pooler's idle_transaction_timeout, would do the same) while the migration runs: it is not
// committed.
std::string direct_for_step;
void end_the_lock_holder(strata::session&) {
    strata::postgres::connection direct(direct_for_step);
    strata::session(direct).execute("SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE l.locktype = 'advisory' AND "
                                    "l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())");
}
using lost1 = strata::migration<1, "t, lock holder ended", create_table<"t", column<"id", bigint, primary_key>>, run<end_the_lock_holder>>;

TEST_F(Pooler, AMigrationWhoseLockEndedIsNotCommitted) {
    fresh_database database("pooler_lost");
    direct_for_step = database.direct;
    strata::postgres::connection db(database.pooled);
    strata::migrator<strata::chain<lost1>> m(db, {"main", strata::log_nowhere});
    try {
        m.upgrade();
        ADD_FAILURE() << "upgrade() succeeded without its lock";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("the connection holding the migrators' lock \"main\""), std::string::npos) << e.what();
    }
    strata::postgres::connection direct(database.direct);
    EXPECT_FALSE(direct.has_table("t"));
    EXPECT_EQ(strata::migrator<strata::chain<lost1>>(direct, {"main", strata::log_nowhere}).status().current, 0u);
}

// Background steps through the pooler: on their own connection (open_another(), the pooled
// URL), outside any transaction, after the foreground ones.
void fill_levels(strata::session& s, strata::stop_token) {
    s.execute("UPDATE \"b\" SET \"level\" = \"id\" * 10 WHERE \"level\" IS NULL");
}
using bg1 = strata::migration<1, "b", create_table<"b", column<"id", bigint, primary_key>, column<"level", integer>>,
                              execute<"INSERT INTO \"b\" (\"id\") SELECT g FROM generate_series(1, 20) g", "DELETE FROM \"b\"">>;
using bg2 = strata::migration<2, "fill levels", background<fill_levels>>;

TEST_F(Pooler, BackgroundStepsRunThroughThePooler) {
    fresh_database database("pooler_background");
    strata::postgres::connection db(database.pooled);
    strata::startup_options o;
    o.log = strata::log_nowhere;
    o.background_on_thread = false;
    const strata::startup_report r = strata::migrate_on_startup<strata::chain<bg1, bg2>>(db, o);
    EXPECT_EQ(r.migrations.to, 2u);
    strata::postgres::connection direct(database.direct);
    strata::session s(direct);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"b\" WHERE \"level\" = \"id\" * 10"), 20);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"strata_migrations\" WHERE \"background_pending\""), 0);
}

// A background step that opens a transaction of its own: behind the pooler its statements are
// not wrapped in one of strata's, whose COMMIT would commit its work part-way (helper 57: the
// step's ROLLBACK undid nothing), and a step that fails with it open is rolled back, not
// committed by the check whether it is open.
void half_then_rollback(strata::session& s, strata::stop_token) {
    s.execute("BEGIN");
    s.execute("UPDATE \"b\" SET \"level\" = -1");
    try {
        s.execute("UPDATE \"b\" SET \"id\" = \"id\" / 0");
    } catch (const strata::database_error&) {
    }
    s.execute("ROLLBACK");
}
void half_then_throw(strata::session& s, strata::stop_token) {
    s.execute("BEGIN");
    s.execute("UPDATE \"b\" SET \"level\" = -2");
    throw std::runtime_error("gave up");
}
// (helper 58) COMMIT AND CHAIN opens the next transaction at once; a function's BEGIN ATOMIC
// body ends with an END that is no COMMIT
void chained_then_rollback(strata::session& s, strata::stop_token) {
    s.execute("BEGIN");
    s.execute("UPDATE \"b\" SET \"level\" = 1 WHERE \"id\" > 100");
    s.execute("COMMIT AND CHAIN");
    s.execute("UPDATE \"b\" SET \"level\" = -3");
    s.execute("ROLLBACK");
}
void atomic_then_rollback(strata::session& s, strata::stop_token) {
    s.execute("BEGIN");
    s.execute("CREATE FUNCTION \"bg_f\"() RETURNS integer LANGUAGE sql BEGIN ATOMIC SELECT 1; END");
    s.execute("UPDATE \"b\" SET \"level\" = -4");
    s.execute("ROLLBACK");
}
TEST_F(Pooler, ABackgroundStepsOwnTransactionIsNotCommittedPartWay) {
    for (auto step : {&half_then_rollback, &half_then_throw, &chained_then_rollback, &atomic_then_rollback}) {
        fresh_database database("pooler_own_tx");
        strata::postgres::connection db(database.pooled);
        strata::startup_options o;
        o.log = strata::log_nowhere;
        o.background_on_thread = false;
        o.lock_timeout = std::chrono::milliseconds(500);
        if (step == &half_then_rollback)
            strata::migrate_on_startup<strata::chain<bg1, strata::migration<2, "half", background<half_then_rollback>>>>(db, o);
        else if (step == &half_then_throw)
            strata::migrate_on_startup<strata::chain<bg1, strata::migration<2, "half", background<half_then_throw>>>>(db, o);
        else if (step == &chained_then_rollback)
            strata::migrate_on_startup<strata::chain<bg1, strata::migration<2, "half", background<chained_then_rollback>>>>(db, o);
        else
            strata::migrate_on_startup<strata::chain<bg1, strata::migration<2, "half", background<atomic_then_rollback>>>>(db, o);
        strata::postgres::connection direct(database.direct);
        EXPECT_EQ(strata::session(direct).query_value<std::int64_t>("SELECT count(*) FROM \"b\" WHERE \"level\" IS NULL"), 20)
            << (step == &half_then_rollback ? "rolled back by the step" : step == &half_then_throw ? "left open by the step"
                : step == &chained_then_rollback ? "COMMIT AND CHAIN, then rolled back" : "BEGIN ATOMIC, then rolled back");
    }
}

// A session holding strata_migrations: through the pooler too, a verb's read gives up after
// lock_timeout, naming the holder (a session-level SET lands on any server connection behind a
// pooler: the read runs in a transaction of its own, with SET LOCAL; helper 54).
TEST_F(Pooler, ALockOnTheBookkeepingTableEndsAVerbsWaitThroughThePooler) {
    fresh_database database("pooler_bookkeeping_lock");
    strata::postgres::connection db(database.pooled);
    const strata::migrator_options o{.chain = "main", .log = strata::log_nowhere, .lock_timeout = std::chrono::milliseconds(200)};
    strata::migrator<strata::chain<held1>>(db, o).status();  // (makes nothing)
    strata::postgres::connection direct(database.direct);
    direct.execute("CREATE TABLE IF NOT EXISTS \"strata_migrations\" (\"chain\" TEXT)", {}, {});
    direct.begin();
    direct.execute("LOCK TABLE \"strata_migrations\" IN ACCESS EXCLUSIVE MODE", {}, {});
    const auto started = std::chrono::steady_clock::now();
    auto status = std::async(std::launch::async, [&] { return strata::migrator<strata::chain<held1>>(db, o).status(); });
    const bool in_time = status.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
    direct.rollback();
    ASSERT_TRUE(in_time) << "status() still waiting after 10 s behind the pooler";
    try {
        status.get();
        ADD_FAILURE() << "expected a lock timeout";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), strata::migration_failure::lock_timeout) << e.what();
        EXPECT_NE(std::string(e.what()).find("strata_migrations"), std::string::npos) << e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

// ... and every verb, not only the reads: upgrade, downgrade, repair and the start-up helper
// write the bookkeeping too (a statement other than a SELECT, outside a transaction, waited
// without a limit behind the pooler: listed as known in the last notes).
using pl1 = strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>>>;
using pl2 = strata::migration<2, "u", create_table<"u", column<"id", bigint, primary_key>>>;
TEST_F(Pooler, ALockOnTheBookkeepingTableEndsEveryVerbsWaitThroughThePooler) {
    fresh_database database("pooler_every_verb");
    strata::postgres::connection db(database.pooled);
    const strata::migrator_options o{.chain = "main", .log = strata::log_nowhere, .lock_timeout = std::chrono::milliseconds(200)};
    strata::migrator<strata::chain<pl1, pl2>>(db, o).upgrade_to(1);
    strata::postgres::connection direct(database.direct);
    direct.begin();
    direct.execute("LOCK TABLE \"strata_migrations\" IN ACCESS EXCLUSIVE MODE", {}, {});
    strata::postgres::connection* blocker = &direct;
    std::string blocking = "LOCK TABLE \"strata_migrations\" IN ACCESS EXCLUSIVE MODE";
    auto gives_up = [&](const char* verb, auto&& call) {
        SCOPED_TRACE(verb);
        const auto started = std::chrono::steady_clock::now();
        auto run = std::async(std::launch::async, call);
        const bool in_time = run.wait_for(std::chrono::seconds(10)) == std::future_status::ready;
        if (!in_time) {  // (let it end: the blocker's transaction ended, then begun again for the next verb)
            blocker->rollback();
            try {
                run.get();
            } catch (...) {
            }
            blocker->begin();
            blocker->execute(blocking, {}, {});
            ADD_FAILURE() << verb << " still waiting after 10 s behind the pooler";
            return;
        }
        try {
            run.get();
            ADD_FAILURE() << "expected a lock timeout";
        } catch (const strata::migration_error& e) {
            EXPECT_EQ(e.kind(), strata::migration_failure::lock_timeout) << e.what();
        }
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
    };
    strata::migrator<strata::chain<pl1, pl2>> m(db, o);
    gives_up("upgrade", [&] { m.upgrade(); });
    gives_up("downgrade", [&] { m.downgrade_to(0); });
    gives_up("repair", [&] { m.repair(); });
    gives_up("baseline", [&] { m.baseline(2); });
    gives_up("start-up", [&] {
        strata::migrate_on_startup<strata::chain<pl1, pl2>>(db, {.log = strata::log_nowhere, .lock_timeout = std::chrono::milliseconds(200)});
    });
    direct.rollback();
    EXPECT_EQ(m.upgrade().to, 2u);
    // The bookkeeping table being made by another session, not committed yet: making it waits
    // for that session (a statement that is no SELECT, outside a transaction)
    fresh_database fresh("pooler_table_being_made");
    strata::postgres::connection db2(fresh.pooled);
    strata::postgres::connection direct2(fresh.direct);
    blocker = &direct2;
    blocking = "CREATE TABLE \"strata_migrations\" (\"chain\" TEXT)";
    direct2.begin();
    direct2.execute(blocking, {}, {});
    strata::migrator<strata::chain<pl1, pl2>> m2(db2, o);
    gives_up("upgrade, the table being made", [&] { m2.upgrade(); });
    gives_up("start-up, the table being made", [&] {
        strata::migrate_on_startup<strata::chain<pl1, pl2>>(db2, {.log = strata::log_nowhere, .lock_timeout = std::chrono::milliseconds(200)});
    });
    direct2.rollback();
    EXPECT_EQ(m2.upgrade().to, 2u);
}

TEST_F(Pooler, ABorrowedConnectionThroughThePoolerIsRefusedWithWhatToChange) {
    fresh_database database("pooler_borrowed");
    pqxx::connection mine(database.pooled);
    strata::postgres::connection db(mine);
    try {
        strata::migrator<history>(db, {"main", strata::log_nowhere}).upgrade();
        ADD_FAILURE() << "upgrade() through the pooler on a borrowed connection was not refused";
    } catch (const std::logic_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("strata: ", 0), 0u) << what;
        EXPECT_NE(what.find("goes through a connection pooler"), std::string::npos) << what;
        EXPECT_NE(what.find("give strata::postgres::connection the connection string"), std::string::npos) << what;
        EXPECT_NE(what.find("session-pooled port"), std::string::npos) << what;
    }
    strata::postgres::connection direct(database.direct);
    EXPECT_FALSE(direct.has_table("users"));
    EXPECT_FALSE(direct.has_table("strata_migrations"));
    // status() on it still reads, a dirty row included: it takes no lock (helper 56: it tried
    // the lock to tell a dirty row being applied, and threw this refusal instead of a status)
    strata::migrator<history>(direct, {"main", strata::log_nowhere}).upgrade();
    direct.execute("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 1", {}, {});
    const strata::status_report st = strata::migrator<history>(db, {"main", strata::log_nowhere}).status();
    EXPECT_NE(st.problem.find("did not finish"), std::string::npos) << st.problem;
    EXPECT_FALSE(st.applied.front().being_applied);
}

}  // namespace

int main(int argc, char** argv) {
    if (const char* role = std::getenv("STRATA_CHILD"); role && std::string_view(role) == "pooler") return child_main();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

#else
TEST(Pooler, NeedsLibpqxx) {
    if (strata_test::in_ci()) FAIL() << "CI=true but strata was built without libpqxx: the pooler tests must run in CI";
    GTEST_SKIP() << "built without libpqxx";
}
int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
#endif
