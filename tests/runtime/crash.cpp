// A migrating process that dies with no unwinding (SIGKILL, _Exit) at several points inside
// migrations, on SQLite and PostgreSQL. Afterwards the database must be at the last committed
// version, with no dirty row, its live schema equal to schema_at<that version> and the data
// steps' effects exactly those of the committed migrations; then the next upgrade() (in a new
// process, under alarm(): a lock left by the dead process would hang it) reaches the head.
//
// The test binary re-executes itself (/proc/self/exe) with STRATA_CHILD=crash; main() below
// sends such a process to child_main(). STRATA_CRASH_AT names the point where the child dies,
// STRATA_CRASH_HOW how: "kill" (raise(SIGKILL)) or "exit" (_Exit(77)); "external" points
// make the child wait inside a data step until the parent kills it (SIGKILL from outside).
// Points: in data steps and validate<fn> (step:V, validate:V, hang:V), in the log sink right
// after a commit (logged:V), and in a wrapper around the child's driver, just before the
// bookkeeping row is written or the COMMIT is sent (bookkeeping:V, commit:V).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <system_error>
#include <thread>
#include <typeinfo>
#include <variant>
#include <vector>

#include <strata/strata.hpp>

#include "backends.hpp"
#include "child_process.hpp"


using namespace strata::dsl;

namespace {

// ---- crash points ----
const char* crash_at() {
    const char* at = std::getenv("STRATA_CRASH_AT");
    return at && *at ? at : nullptr;
}

// Dies here, at once, if STRATA_CRASH_AT names `point`.
void crash_here(const std::string& point) {
    const char* at = crash_at();
    if (!at || point != at) return;
    const char* how = std::getenv("STRATA_CRASH_HOW");
    if (how && std::string_view(how) == "exit") std::_Exit(77);
    ::raise(SIGKILL);
    std::_Exit(78);  // not reached
}

// "hang:<V>": waits inside the data step of migration V, its transaction open with writes
// done, for the parent to kill the process; says so by creating <STRATA_CHILD_DIR>/inside.
void hang_here(const std::string& point) {
    const char* at = crash_at();
    if (!at || point != at) return;
    const char* dir = std::getenv("STRATA_CHILD_DIR");
    if (!dir) std::_Exit(5);
    std::ofstream(std::filesystem::path(dir) / "inside") << "inside\n";
    for (int i = 0; i < 300; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::_Exit(4);  // never killed
}

// The child's connection, wrapped to die at two points the runtime reaches without calling
// user code: "bookkeeping:<V>", just before the row of migration V goes into
// strata_migrations, and "commit:<V>", just before the COMMIT of migration V (its row written).
class crashing_driver final : public strata_test::forwarding_driver {
   public:
    using forwarding_driver::forwarding_driver;
    void execute(std::string_view sql, std::span<const strata::value> params, const strata::row_callback& on_row) override {
        if (sql.starts_with("INSERT INTO \"strata_migrations\"") && params.size() > 1) {
            if (const auto* version = std::get_if<std::int64_t>(&params[1])) pending_ = std::to_string(*version);
            crash_here("bookkeeping:" + pending_);
        }
        forwarding_driver::execute(sql, params, on_row);
    }
    void begin() override {
        pending_.clear();
        forwarding_driver::begin();
    }
    void commit() override {
        if (!pending_.empty()) crash_here("commit:" + pending_);
        forwarding_driver::commit();
    }

   private:
    std::string pending_;  // the version whose bookkeeping row this transaction wrote
};

// ---- the chain: every migration has a data step that records itself in step_runs ----
void step(strata::session& s, std::int64_t version) {
    s.execute("INSERT INTO \"step_runs\" (\"version\") VALUES ($1)", version);
    hang_here("hang:" + std::to_string(version));
    crash_here("step:" + std::to_string(version));
}
void unstep(strata::session& s, std::int64_t version) { s.execute("DELETE FROM \"step_runs\" WHERE \"version\" = $1", version); }
bool check(strata::session& s, std::int64_t version) {
    const bool ok = s.query_value<std::int64_t>("SELECT count(*) FROM \"step_runs\" WHERE \"version\" = $1", version) == 1;
    crash_here("validate:" + std::to_string(version));
    return ok;
}
void step1(strata::session& s) { step(s, 1); }
void step2(strata::session& s) { step(s, 2); }
void step3(strata::session& s) { step(s, 3); }
void step4(strata::session& s) { step(s, 4); }
void step5(strata::session& s) { step(s, 5); }
void step6(strata::session& s) { step(s, 6); }
void unstep1(strata::session& s) { unstep(s, 1); }
void unstep2(strata::session& s) { unstep(s, 2); }
void unstep3(strata::session& s) { unstep(s, 3); }
void unstep4(strata::session& s) { unstep(s, 4); }
void unstep5(strata::session& s) { unstep(s, 5); }
void unstep6(strata::session& s) { unstep(s, 6); }
bool check3(strata::session& s) { return check(s, 3); }
bool check6(strata::session& s) { return check(s, 6); }
void seed_accounts(strata::session& s) {
    for (int i = 1; i <= 3; ++i)
        s.execute("INSERT INTO \"accounts\" (\"id\", \"name\", \"nickname\") VALUES ($1, $2, $3)", i, "account" + std::to_string(i),
                  "nick" + std::to_string(i));
}
void unseed_accounts(strata::session& s) { s.execute("DELETE FROM \"accounts\" WHERE \"id\" <= $1", 3); }
void fund(strata::session& s) { s.execute("UPDATE \"accounts\" SET \"balance\" = $1", 100); }
void unfund(strata::session& s) { s.execute("UPDATE \"accounts\" SET \"balance\" = $1", 0); }
void seed_ledger(strata::session& s) {
    s.execute("INSERT INTO \"ledger\" (\"id\", \"account_id\", \"amount\") SELECT \"id\", \"id\", \"balance\" FROM \"accounts\"");
}
void unseed_ledger(strata::session& s) { s.execute("DELETE FROM \"ledger\""); }

using k1 = strata::migration<1, "accounts",
    create_table<"accounts", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"nickname", text>>,
    create_table<"step_runs", column<"version", bigint, not_null>>,
    run<seed_accounts, unseed_accounts>,
    run<step1, unstep1>>;
using k2 = strata::migration<2, "balance",
    add_column<"accounts", column<"balance", integer, not_null, default_value<0>>>,
    run<fund, unfund>,
    run<step2, unstep2>>;
using k3 = strata::migration<3, "ledger",
    create_table<"ledger", column<"id", bigint, primary_key>,
                 column<"account_id", bigint, not_null, references<"accounts", "id", on_delete_cascade>>,
                 column<"amount", integer, not_null>>,
    run<seed_ledger, unseed_ledger>,
    run<step3, unstep3>,
    validate<check3>>;
// SQLite: alter_column rebuilds "accounts" (foreign keys off, new table, copy, drop, rename,
// foreign_key_check); the data step runs right after that, before drop_column.
using k4 = strata::migration<4, "rebuild accounts",
    alter_column<"accounts", "name", set_default<default_value<"anon">>>,
    run<step4, unstep4>,
    drop_column<"accounts", "nickname">>;
using k5 = strata::migration<5, "name index",
    create_index<"accounts_name_idx", "accounts", "name">,
    run<step5, unstep5>>;
using k6 = strata::migration<6, "ledger note",
    add_column<"ledger", column<"note", text>>,
    run<step6, unstep6>,
    validate<check6>>;
using history = strata::chain<k1, k2, k3, k4, k5, k6>;
constexpr std::uint64_t head = history::head;

using strata_test::describe_status;
using strata_test::env_or_throw;
using strata_test::location_env;
using strata_test::open_from_env;
using strata_test::spawn_self;
using strata_test::wait_until;

// ---- the child ----
// Exit 0: at the head. 1: an error. 3: the crash point was never reached. SIGALRM: stuck for
// STRATA_CHILD_ALARM seconds (default 40; the parent waits 60), e.g. on a lock nobody gives back.
int child_main() {
    const char* alarm_s = std::getenv("STRATA_CHILD_ALARM");
    ::alarm(static_cast<unsigned>(alarm_s ? std::atoi(alarm_s) : 40));
    std::vector<std::string> lines;
    try {
        const std::filesystem::path dir = env_or_throw("STRATA_CHILD_DIR");
        auto db = open_from_env();
        if (db->dialect() == strata::dialect_id::postgres) {
            strata::session s(*db);
            std::ofstream(dir / "backend_pid") << s.query_value<std::int64_t>("SELECT pg_backend_pid()") << "\n";
        }
        // The runtime calls the sink right after a migration committed: "... [k/n] up V ...".
        auto sink = [&](strata::log_level, std::string_view l) {
            lines.emplace_back(l);
            const auto at = l.find("] up ");
            if (at == std::string_view::npos) return;
            std::string_view rest = l.substr(at + 5);
            crash_here("logged:" + std::string(rest.substr(0, rest.find(' '))));
        };
        crashing_driver wrapped(std::move(db));
        strata::migrator<history> m(wrapped, {"main", sink});
        const strata::run_report r = m.upgrade();
        if (const char* at = crash_at()) {
            std::fprintf(stderr, "crash child: the crash point %s was never reached\n", at);
            return 3;
        }
        if (r.to != head) throw std::runtime_error("upgrade() ended at version " + std::to_string(r.to));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "crash child %d failed: %s\n", static_cast<int>(::getpid()), e.what());
        for (const auto& l : lines) std::fprintf(stderr, "  log: %s\n", l.c_str());
        return 1;
    }
}

// ---- the parent ----
struct crash_case {
    const char* backend;
    const char* point;      // STRATA_CRASH_AT
    const char* how;        // "kill", "exit" or "external"
    std::uint64_t committed;  // the version the database must be at afterwards
    const char* what;
};

void PrintTo(const crash_case& c, std::ostream* os) { *os << c.backend << " " << c.point << " " << c.how; }

std::vector<crash_case> cases() {
    const crash_case points[] = {
        {"", "step:1", "kill", 0, "(e) in the data step of the first migration: nothing committed yet"},
        {"", "step:2", "exit", 1, "(a) in a data step right after the same migration's DDL"},
        {"", "validate:3", "kill", 2, "(b) in validate<fn>, the last step before the bookkeeping row and COMMIT"},
        {"", "step:4", "kill", 3, "(c) in the middle of the table-rebuild migration (after the SQLite rebuild)"},
        {"", "bookkeeping:2", "kill", 1, "(g) just before the bookkeeping row of migration 2 is written"},
        {"", "commit:4", "exit", 3, "(g) just before the COMMIT of the rebuild migration, its bookkeeping row written"},
        {"", "logged:2", "exit", 2, "(d) in the log sink right after migration 2 committed"},
        {"", "logged:4", "kill", 4, "(d) in the log sink right after the rebuild migration committed"},
        {"", "logged:6", "exit", 6, "(d) in the log sink right after the last migration committed"},
        {"", "hang:5", "external", 4, "(f) SIGKILL from outside while a data step waits, its writes not committed"},
    };
    std::vector<crash_case> all;
    for (const char* backend : {"sqlite", "postgres"})
        for (crash_case c : points) {
            c.backend = backend;
            all.push_back(c);
        }
    return all;
}
std::string case_name(const ::testing::TestParamInfo<crash_case>& info) {
    std::string n = std::string(info.param.backend) + "_" + info.param.point + "_" + info.param.how;
    for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return n;
}

std::int64_t count(strata::driver& db, const std::string& sql) {
    strata::session s(db);
    return s.query_value<std::int64_t>(sql);
}

// The database is at `version`, cleanly: no dirty row, no refusal, the live schema is
// schema_at<version>, and the data steps' effects are those of migrations 1..version.
void expect_state(strata::driver& db, std::uint64_t version) {
    strata::migrator<history> m(db, {"main", strata::log_nowhere});
    const strata::status_report st = m.status();
    EXPECT_EQ(st.current, version);
    EXPECT_TRUE(st.problem.empty()) << st.problem;
    EXPECT_EQ(st.applied.size(), version);  // versions 1..6: as many rows as the version
    for (const auto& a : st.applied) EXPECT_FALSE(a.dirty) << "migration " << a.version << " is dirty";
    if (db.has_table("strata_migrations")) {
        EXPECT_EQ(count(db, "SELECT count(*) FROM \"strata_migrations\" WHERE \"dirty\""), 0);
    }
    const strata::verify_report v = m.verify();
    EXPECT_TRUE(v.ok()) << v.text();
    EXPECT_EQ(v.version, version);

    std::vector<std::int64_t> runs, want;
    for (std::uint64_t i = 1; i <= version; ++i) want.push_back(static_cast<std::int64_t>(i));
    if (db.has_table("step_runs")) {
        strata::session s(db);
        s.for_each_row("SELECT \"version\" FROM \"step_runs\" ORDER BY \"version\"",
                       [&](const strata::row& r) { runs.push_back(r.get<std::int64_t>(0)); });
    }
    EXPECT_EQ(runs, want) << "the data steps' rows are not those of the committed migrations";
    if (version >= 1) {
        EXPECT_EQ(count(db, "SELECT count(*) FROM \"accounts\""), 3);
    }
    if (version >= 2) {
        EXPECT_EQ(count(db, "SELECT count(*) FROM \"accounts\" WHERE \"balance\" = 100"), 3);
    }
    if (version >= 3) {  // the rebuild of "accounts" (version 4) kept them: no cascade
        EXPECT_EQ(count(db, "SELECT count(*) FROM \"ledger\""), 3);
    }
}

class Crash : public ::testing::TestWithParam<crash_case> {};

TEST_P(Crash, LeavesTheLastCommittedVersionAndTheNextUpgradeFinishes) {
    const crash_case& c = GetParam();
    RecordProperty("point", c.what);
    auto database = strata_test::make_database(c.backend, "crash");
    if (!database) STRATA_SKIP_WITHOUT_POSTGRES();
    const strata_test::scratch_directory scratch_dir("strata_crash");
    const std::filesystem::path& scratch = scratch_dir.path;
    using clock = std::chrono::steady_clock;
    const auto started = clock::now();

    // 1. The crash.
    std::vector<std::string> env = location_env(*database);
    env.push_back("STRATA_CHILD=crash");
    env.push_back("STRATA_CHILD_DIR=" + scratch.string());
    env.push_back(std::string("STRATA_CRASH_AT=") + c.point);
    env.push_back(std::string("STRATA_CRASH_HOW=") + c.how);
    const pid_t pid = spawn_self(env);
    const auto deadline = clock::now() + std::chrono::seconds(60);
    if (std::string_view(c.how) == "external") {
        // Kill it once it is inside the data step (or stop waiting if it ended on its own).
        bool inside = false;
        while (!(inside = std::filesystem::exists(scratch / "inside")) && clock::now() < deadline) {
            int status = 0;
            if (::waitpid(pid, &status, WNOHANG) == pid) {
                FAIL() << c.what << ": the child ended before reaching " << c.point << ": " << describe_status(status);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        ::kill(pid, SIGKILL);
        const std::optional<int> status = wait_until(pid, deadline);
        ASSERT_TRUE(inside) << c.what << ": the child never reached " << c.point << ": " << describe_status(status);
        ASSERT_TRUE(status && WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL)
            << c.what << ": expected our SIGKILL, got " << describe_status(status);
    } else {
        const std::optional<int> status = wait_until(pid, deadline);
        const bool alarmed = status && WIFSIGNALED(*status) && WTERMSIG(*status) == SIGALRM;
        if (std::string_view(c.how) == "exit")
            ASSERT_TRUE(status && WIFEXITED(*status) && WEXITSTATUS(*status) == 77)
                << c.what << ": expected _Exit(77) at " << c.point << ", got " << describe_status(status)
                << (alarmed ? " (stuck 40 s)" : "");
        else
            ASSERT_TRUE(status && WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL)
                << c.what << ": expected SIGKILL at " << c.point << ", got " << describe_status(status)
                << (alarmed ? " (stuck 40 s)" : "");
    }

    // 2. PostgreSQL: the dead session goes, and its locks with it (session advisory lock, the
    // open transaction's locks).
    strata::driver& db = database->db();
    if (db.dialect() == strata::dialect_id::postgres) {
        std::int64_t backend = 0;
        std::ifstream(scratch / "backend_pid") >> backend;
        ASSERT_NE(backend, 0) << "the child did not say its backend pid";
        strata::session s(db);
        const auto limit = clock::now() + std::chrono::seconds(10);
        while (s.query_value<std::int64_t>("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", backend) != 0 && clock::now() < limit)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", backend), 0)
            << "the dead process's server session is still there after 10 s";
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM pg_locks WHERE pid = $1", backend), 0)
            << "the dead process's session still holds locks";
    }

    // 3. The database is at the last committed version.
    {
        SCOPED_TRACE(std::string("after the crash: ") + c.what);
        expect_state(db, c.committed);
    }

    // 4. The next upgrade, in a new process that gives up after 30 s (a lock left held).
    std::vector<std::string> again = location_env(*database);
    again.push_back("STRATA_CHILD=crash");
    again.push_back("STRATA_CHILD_DIR=" + scratch.string());
    again.push_back("STRATA_CHILD_ALARM=30");
    const std::optional<int> next = wait_until(spawn_self(again), clock::now() + std::chrono::seconds(60));
    ASSERT_TRUE(next && WIFEXITED(*next) && WEXITSTATUS(*next) == 0)
        << "the upgrade after the crash did not finish: " << describe_status(next)
        << (next && WIFSIGNALED(*next) && WTERMSIG(*next) == SIGALRM ? " (stuck 30 s: a lock left held?)" : "");
    {
        SCOPED_TRACE("after the next upgrade");
        expect_state(db, head);
        strata::migrator<history> m(db, {"main", strata::log_nowhere});
        EXPECT_FALSE(m.upgrade().changed());
    }
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - started);
    std::printf("[ %s %s %s ] %lld ms\n", c.backend, c.point, c.how, static_cast<long long>(took.count()));
}

INSTANTIATE_TEST_SUITE_P(Points, Crash, ::testing::ValuesIn(cases()), case_name);

// Point (c) is inside the rebuild migration: on SQLite its data step comes after the rebuild's
// statements (the new table, the copy, the drop, the rename, the foreign key check) and before
// the next operation's statement.
TEST(CrashChain, TheRebuildDataStepSitsAfterTheSqliteRebuild) {
    strata_test::sqlite_database database("crash_plan");
    strata::migrator<history> m(database.db(), {"main", strata::log_nowhere});
    m.upgrade_to(3);
    const strata::plan_report p = m.plan(4);
    ASSERT_EQ(p.migrations.size(), 1u);
    const auto& st = p.migrations[0].statements;
    std::size_t run = st.size();
    for (std::size_t i = 0; i < st.size(); ++i)
        if (st[i].rfind("-- run", 0) == 0) run = i;
    ASSERT_LT(run, st.size()) << p.sql();
    ASSERT_GE(run, 4u) << p.sql();
    EXPECT_NE(st[0].find("-- check: table \"accounts\""), std::string::npos) << p.sql();  // the rebuild's guard
    EXPECT_NE(st[1].find("CREATE TABLE \"_strata_new_accounts\""), std::string::npos) << p.sql();
    EXPECT_NE(st[run - 1].find("foreign_key_check"), std::string::npos) << p.sql();
    EXPECT_LT(run + 1, st.size()) << p.sql();  // drop_column's statement after it
}

}  // namespace

// A child process (see the top of the file), or the tests. This main replaces gtest_main's:
// the linker takes gtest_main.o out of libgtest_main.a only for an undefined main.
int main(int argc, char** argv) {
    if (const char* role = std::getenv("STRATA_CHILD"); role && std::string_view(role) == "crash") return child_main();
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
