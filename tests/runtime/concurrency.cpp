// Many processes migrating one database at once: 8 processes started together against one
// SQLite file and against one PostgreSQL schema, several rounds on a fresh database each.
// Every process must exit 0, every migration must be applied exactly once (by one of them),
// every data step's effect must be there exactly once, and the result must be the head with
// the live schema equal to schema_at<head>.
//
// The test binary re-executes itself (/proc/self/exe) with STRATA_CHILD=concurrency in the
// environment; main() below sends such a process to child_main() instead of GoogleTest.
// The children open their connection, tell the parent they are ready (a byte on a pipe), and
// wait for the start (end of file on another pipe, closed by the parent once all 8 are ready).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <strata/strata.hpp>

#include "backends.hpp"
#include "child_process.hpp"


using namespace strata::dsl;

namespace {

constexpr int processes = 8;
constexpr int rounds = 10;
constexpr auto round_limit = std::chrono::seconds(90);  // per round, for all the children together

// ---- the chain ----
// Each data step records itself in data_step_runs, inside its migration's transaction, and
// holds the transaction a little so that the other processes pile up behind it.
void record(strata::session& s, std::int64_t version) {
    s.execute("INSERT INTO \"data_step_runs\" (\"version\", \"pid\") VALUES ($1, $2)", version,
              static_cast<std::int64_t>(::getpid()));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
}
void unrecord(strata::session& s, std::int64_t version) { s.execute("DELETE FROM \"data_step_runs\" WHERE \"version\" = $1", version); }
void record2(strata::session& s) { record(s, 2); }
void record4(strata::session& s) { record(s, 4); }
void record5(strata::session& s) { record(s, 5); }
void record6(strata::session& s) { record(s, 6); }
void unrecord2(strata::session& s) { unrecord(s, 2); }
void unrecord4(strata::session& s) { unrecord(s, 4); }
void unrecord5(strata::session& s) { unrecord(s, 5); }
void unrecord6(strata::session& s) { unrecord(s, 6); }
void seed_users(strata::session& s) {
    for (int i = 1; i <= 20; ++i)
        s.execute("INSERT INTO \"users\" (\"id\", \"email\", \"nickname\", \"score\") VALUES ($1, $2, $3, $4)", i,
                  "user" + std::to_string(i) + "@example.org", "nick" + std::to_string(i), i * 10);
}
void unseed_users(strata::session& s) { s.execute("DELETE FROM \"users\" WHERE \"id\" <= $1", 20); }
bool users_seeded(strata::session& s) { return s.query_value<std::int64_t>("SELECT count(*) FROM \"users\"") == 20; }
void seed_posts(strata::session& s) {
    s.execute("INSERT INTO \"posts\" (\"id\", \"user_id\", \"title\") SELECT \"id\", \"id\", \"email\" FROM \"users\" WHERE \"id\" <= $1", 5);
}
void unseed_posts(strata::session& s) { s.execute("DELETE FROM \"posts\" WHERE \"id\" <= $1", 5); }
bool posts_seeded(strata::session& s) {
    return s.query_value<std::int64_t>("SELECT count(*) FROM \"posts\" p JOIN \"users\" u ON u.\"id\" = p.\"user_id\"") == 5;
}

using c1 = strata::migration<1, "tables",
    create_table<"data_step_runs", column<"version", bigint, not_null>, column<"pid", bigint, not_null>>,
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null, unique>,
                 column<"nickname", text>, column<"score", integer>>>;
using c2 = strata::migration<2, "seed users", run<record2, unrecord2>, run<seed_users, unseed_users>, validate<users_seeded>>;
using c3 = strata::migration<3, "score index",
    create_index<"users_score_idx", "users", "score">,
    add_column<"users", column<"level", integer, default_value<1>>>>;
// SQLite: a table rebuild (foreign keys off, new table, copy, drop, rename, indexes again).
using c4 = strata::migration<4, "tighten score",
    alter_column<"users", "score", set_not_null, set_default<default_value<0>>>,
    run<record4, unrecord4>>;
using c5 = strata::migration<5, "drop nickname, posts",
    drop_column<"users", "nickname">,
    run<record5, unrecord5>,
    create_table<"posts", column<"id", bigint, primary_key>,
                 column<"user_id", bigint, not_null, references<"users", "id", on_delete_cascade>>,
                 column<"title", text, not_null>>>;
using c6 = strata::migration<6, "seed posts", run<record6, unrecord6>, run<seed_posts, unseed_posts>, validate<posts_seeded>>;
using history = strata::chain<c1, c2, c3, c4, c5, c6>;
constexpr std::uint64_t versions[] = {c1::version, c2::version, c3::version, c4::version, c5::version, c6::version};
constexpr std::int64_t data_step_versions[] = {2, 4, 5, 6};
constexpr std::uint64_t head = history::head;
constexpr std::size_t chain_size = history::size;

// ---- processes ----
using strata_test::fd_pipe;

using strata_test::describe_status;
using strata_test::env_or_throw;
using strata_test::location_env;
using strata_test::open_from_env;
using strata_test::spawn_self;
using strata_test::wait_until;

// ---- the child ----
int child_main() {
    std::vector<std::string> lines;
    try {
        const int ready = std::stoi(env_or_throw("STRATA_CHILD_READY_FD"));
        const int go = std::stoi(env_or_throw("STRATA_CHILD_GO_FD"));
        const std::string report_path = env_or_throw("STRATA_CHILD_REPORT");
        auto db = open_from_env();
        // After each migration it commits, the process pauses a little (0-30 ms): the others,
        // waiting for the write lock (SQLite), get their turn, find the migration they were
        // about to run already applied, and go on from there.
        unsigned seed = static_cast<unsigned>(::getpid());
        auto sink = [&](strata::log_level, std::string_view l) {
            lines.emplace_back(l);
            if (l.find("] up ") != std::string_view::npos) {
                seed = seed * 1103515245u + 12345u;
                std::this_thread::sleep_for(std::chrono::milliseconds((seed >> 16) % 31));
            }
        };
        strata::migrator<history> m(*db, {"main", sink});
        // Ready; then wait for the start: end of file once the parent closes its end.
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
        if (r.to != head) throw std::runtime_error("upgrade() ended at version " + std::to_string(r.to));
        std::ofstream out(report_path);
        for (const auto& run : r.migrations) out << run.version << "\n";
        out.close();
        if (!out) throw std::runtime_error("child: cannot write " + report_path);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "concurrency child %d failed: %s\n", static_cast<int>(::getpid()), e.what());
        for (const auto& l : lines) std::fprintf(stderr, "  log: %s\n", l.c_str());
        return 1;
    }
}

// ---- the parent ----
class Concurrency : public ::testing::TestWithParam<const char*> {};

struct round_result {
    std::vector<std::optional<int>> statuses;
    std::vector<std::vector<std::uint64_t>> applied;  // by each child
    int ready = 0;
};

round_result run_round(strata_test::test_database& database, const std::filesystem::path& scratch) {
    round_result out;
    fd_pipe ready, go;
    std::vector<pid_t> pids;
    const auto deadline = std::chrono::steady_clock::now() + round_limit;
    for (int i = 0; i < processes; ++i) {
        std::vector<std::string> env = location_env(database);
        env.push_back("STRATA_CHILD=concurrency");
        env.push_back("STRATA_CHILD_READY_FD=" + std::to_string(ready.write));
        env.push_back("STRATA_CHILD_GO_FD=" + std::to_string(go.read));
        env.push_back("STRATA_CHILD_REPORT=" + (scratch / ("child" + std::to_string(i))).string());
        try {
            pids.push_back(spawn_self(env, {ready.write, go.read}));
        } catch (...) {
            go.close_write();  // let the ones started go, and reap them
            for (pid_t p : pids) wait_until(p, deadline);
            throw;
        }
    }
    ready.close_write();
    go.close_read();
    // Wait until every child is ready (or gone: end of file once no child holds the pipe).
    while (out.ready < processes) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{ready.read, POLLIN, 0};
        const int n = ::poll(&p, 1, static_cast<int>(left.count()));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        char buf[processes];
        const ssize_t got = ::read(ready.read, buf, sizeof buf);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        out.ready += static_cast<int>(got);
    }
    go.close_write();  // start
    for (int i = 0; i < processes; ++i) {
        out.statuses.push_back(wait_until(pids[static_cast<std::size_t>(i)], deadline));
        std::vector<std::uint64_t> versions;
        std::ifstream in(scratch / ("child" + std::to_string(i)));
        for (std::uint64_t v; in >> v;) versions.push_back(v);
        out.applied.push_back(std::move(versions));
    }
    return out;
}

TEST_P(Concurrency, EightProcessesAtOnceApplyEachMigrationOnce) {
    using clock = std::chrono::steady_clock;
    const auto started = clock::now();
    for (int round = 1; round <= rounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const auto round_started = clock::now();
        auto database = strata_test::make_database(GetParam(), "concurrency");
        if (!database) STRATA_SKIP_WITHOUT_POSTGRES();
        const strata_test::scratch_directory scratch_dir("strata_concurrency");
        const std::filesystem::path& scratch = scratch_dir.path;

        const round_result r = run_round(*database, scratch);
        EXPECT_EQ(r.ready, processes) << "not every child got ready";
        int migrating = 0;
        std::map<std::uint64_t, int> applied;
        for (int i = 0; i < processes; ++i) {
            const auto& st = r.statuses[static_cast<std::size_t>(i)];
            EXPECT_TRUE(st && WIFEXITED(*st) && WEXITSTATUS(*st) == 0) << "child " << i << ": " << describe_status(st);
            const auto& mine = r.applied[static_cast<std::size_t>(i)];
            if (!mine.empty()) ++migrating;
            for (std::uint64_t v : mine) ++applied[v];
        }
        // Each migration ran in exactly one process.
        for (std::uint64_t v : versions) EXPECT_EQ(applied[v], 1) << "migration " << v;
        EXPECT_EQ(applied.size(), chain_size);

        strata::driver& db = database->db();
        strata::migrator<history> m(db, {"main", strata::log_nowhere});
        // Each data step's effect is there once.
        std::map<std::int64_t, std::int64_t> runs;
        strata::session s(db);
        s.for_each_row("SELECT \"version\", count(*) FROM \"data_step_runs\" GROUP BY \"version\"",
                       [&](const strata::row& row) { runs[row.get<std::int64_t>(0)] = row.get<std::int64_t>(1); });
        std::map<std::int64_t, std::int64_t> want;
        for (std::int64_t v : data_step_versions) want[v] = 1;
        EXPECT_EQ(runs, want);
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"users\""), 20);
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"posts\""), 5);

        const strata::status_report st = m.status();
        EXPECT_EQ(st.current, head);
        EXPECT_TRUE(st.up_to_date()) << st.problem;
        EXPECT_EQ(st.applied.size(), chain_size);
        for (const auto& a : st.applied) EXPECT_FALSE(a.dirty) << "migration " << a.version;
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"strata_migrations\""),
                  static_cast<std::int64_t>(chain_size));
        const strata::verify_report v = m.verify();
        EXPECT_TRUE(v.ok()) << v.text();
        EXPECT_FALSE(m.upgrade().changed());

        const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - round_started);
        std::printf("[ %s round %d ] %d processes, %d of them applied migrations, %lld ms\n", GetParam(), round, processes,
                    migrating, static_cast<long long>(took.count()));
        if (HasFailure()) break;
    }
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
    std::printf("[ %s ] %d rounds in %lld ms\n", GetParam(), rounds, static_cast<long long>(took.count()));
}

INSTANTIATE_TEST_SUITE_P(Backends, Concurrency, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace

// A child process (see the top of the file), or the tests. This main replaces gtest_main's:
// the linker takes gtest_main.o out of libgtest_main.a only for an undefined main.
int main(int argc, char** argv) {
    if (const char* role = std::getenv("STRATA_CHILD"); role && std::string_view(role) == "concurrency") return child_main();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
