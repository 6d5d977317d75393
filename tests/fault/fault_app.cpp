// strata_fault_app: the fault-injection suite (issue 8, point 13), run by scripts/fault-injection
// (not by ctest: it takes minutes). It migrates real databases with child processes that are
// hurt on purpose, from one seed, and checks after every blow that the database is at a
// committed version, cleanly.
//
// Scenarios (--scenarios, comma-separated; each prints one summary line):
//   kill      per backend, --iterations times: a fresh database; 1 to 3 workers, each killed
//             (SIGKILL, or SIGINT with its default action) at a random point; then a worker
//             that runs to the end.
//   pgstop    PostgreSQL: a worker; at a random point the server is stopped
//             (--pg-stop: `pg_ctl stop -m immediate`) and started again (--pg-start); then a
//             worker that runs to the end. Needs a server of its own (scripts/fault-injection).
// A random point: after the worker's k-th commit (k drawn from 0 to the migrations it has
// left; it reports each commit in a progress file) plus a random delay of up to one
// migration's time (up to the time to the first commit for k = 0), both measured by three
// calibration runs: so the blows spread over the chain whatever the machine's load.
//   diskfull  SQLite: the disk fills up at a random point: --disk-dir (a small tmpfs) is
//             filled by a file leaving a random number of bytes free; without --disk-dir the
//             worker's files are limited by RLIMIT_FSIZE (SIGXFSZ ignored). Then the space
//             comes back and a worker runs to the end.
//   crowd     per backend: 16 workers started at once (a pipe as the starting gun), up to 3 of
//             them killed at random times; every other one must reach the head.
// After every blow, and at the end: status() has no problem and no dirty row, verify() is
// clean, and every data step of the committed migrations ran exactly once (its row in
// "ledger", its 100 rows in "events"), none of the others; at the end, the head and the
// background backfill done. Exit 1 on any failure, printing how to run the same again.
//
// A worker is this program again (/proc/self/exe, STRATA_CHILD=fault-worker):
// migrate_on_startup with its background steps in the foreground, as an application does.
#include <signal.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <strata/stop_token.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

#include "../runtime/backends.hpp"
#include "../runtime/child_process.hpp"

using namespace strata::dsl;
using clock_type = std::chrono::steady_clock;

namespace {

// ---- the chain: six migrations, a SQLite table rebuild, data steps, a background step ----
constexpr int accounts_seeded = 300;
constexpr int events_per_step = 100;

void seed_accounts(strata::session& s) {
    for (int i = 1; i <= accounts_seeded; ++i)
        s.execute("INSERT INTO \"accounts\" (\"id\", \"name\", \"nickname\") VALUES ($1, $2, $3)", i,
                  "account" + std::to_string(i), "nick" + std::to_string(i));
}
void unseed_accounts(strata::session& s) { s.execute("DELETE FROM \"accounts\""); }

// Data step of migration V: its row in "ledger" (counted: exactly once per committed
// migration), then 100 events, one statement each (the step takes a little while).
template <int V>
void record(strata::session& s) {
    s.execute("INSERT INTO \"ledger\" (\"version\", \"pid\") VALUES ($1, $2)", V, static_cast<std::int64_t>(::getpid()));
    for (int i = 0; i < events_per_step; ++i)
        s.execute("INSERT INTO \"events\" (\"id\", \"account_id\", \"amount\") VALUES ($1, $2, $3)", V * 1000 + i,
                  i % accounts_seeded + 1, i + V);
}
template <int V>
void unrecord(strata::session& s) {
    s.execute("DELETE FROM \"ledger\" WHERE \"version\" = $1", V);
    s.execute("DELETE FROM \"events\" WHERE \"id\" >= $1 AND \"id\" < $2", V * 1000, V * 1000 + 1000);
}
template <int V>
bool recorded(strata::session& s) {
    return s.query_value<std::int64_t>("SELECT count(*) FROM \"ledger\" WHERE \"version\" = $1", V) == 1;
}
// Idempotent and resumable, as a background step must be: batches of 50 rows still NULL.
void score_events(strata::session& s, strata::stop_token stop) {
    while (!stop.stop_requested()) {
        const auto next = s.query_value<std::optional<std::int64_t>>("SELECT min(\"id\") FROM \"events\" WHERE \"score\" IS NULL");
        if (!next) return;
        s.execute("UPDATE \"events\" SET \"score\" = \"amount\" * 2 WHERE \"id\" >= $1 AND \"id\" < $2 AND \"score\" IS NULL", *next,
                  *next + 50);
    }
}

using f1 = strata::migration<1, "accounts",
    create_table<"accounts", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"nickname", text>>,
    create_table<"ledger", column<"version", bigint, not_null>, column<"pid", bigint, not_null>>,
    create_table<"events", column<"id", bigint, primary_key>,
                 column<"account_id", bigint, not_null, references<"accounts", "id", on_delete_cascade>>,
                 column<"amount", integer, not_null>>,
    run<seed_accounts, unseed_accounts>,
    run<record<1>, unrecord<1>>>;
using f2 = strata::migration<2, "balance", add_column<"accounts", column<"balance", integer, not_null, default_value<0>>>,
                             run<record<2>, unrecord<2>>>;
using f3 = strata::migration<3, "event index", create_index<"events_account_idx", "events", "account_id">,
                             run<record<3>, unrecord<3>>, validate<recorded<3>>>;
// SQLite: alter_column rebuilds "accounts" (referenced by "events": foreign keys off, copy, check).
using f4 = strata::migration<4, "rebuild accounts", alter_column<"accounts", "name", set_default<default_value<"anon">>>,
                             run<record<4>, unrecord<4>>, drop_column<"accounts", "nickname">>;
using f5 = strata::migration<5, "event scores", add_column<"events", column<"score", bigint>>, background<score_events>>;
using f6 = strata::migration<6, "event notes", add_column<"events", column<"note", text>>, run<record<6>, unrecord<6>>,
                             validate<recorded<6>>>;
using history = strata::chain<f1, f2, f3, f4, f5, f6>;
constexpr std::uint64_t head = history::head;
constexpr std::int64_t data_steps[] = {1, 2, 3, 4, 6};

// ---- the worker ----
// Exit 0: at the head, background done. 1: an error (printed). SIGALRM: stuck.
int worker_main() {
    const auto worker_started = clock_type::now();
    if (const char* log = std::getenv("STRATA_CHILD_LOG")) {
        if (!std::freopen(log, "a", stderr)) return 2;
    }
    const char* alarm_s = std::getenv("STRATA_CHILD_ALARM");
    ::alarm(static_cast<unsigned>(alarm_s ? std::atoi(alarm_s) : 60));
    if (const char* fsize = std::getenv("STRATA_CHILD_FSIZE")) {  // diskfull without a tmpfs
        ::signal(SIGXFSZ, SIG_IGN);                                 // write() fails with EFBIG instead
        const rlim_t limit = std::strtoull(fsize, nullptr, 10);
        const rlimit r{limit, limit};
        if (::setrlimit(RLIMIT_FSIZE, &r) != 0) return 2;
    }
    if (const char* go = std::getenv("STRATA_CHILD_GO_FD")) {  // crowd: wait for the starting gun (EOF)
        const int fd = std::atoi(go);
        for (char c;;) {
            const ssize_t n = ::read(fd, &c, 1);
            if (n == 0) break;
            if (n < 0 && errno != EINTR) return 2;
        }
        ::close(fd);
    }
    std::vector<std::string> lines;
    try {
        auto db = strata_test::open_from_env();
        strata::startup_options o;
        // Progress for the parent: a "u" line in STRATA_CHILD_PROGRESS as each migration commits
        // (the runtime logs "[k/n] up V ..." right after its COMMIT), so that blows can land
        // after a chosen number of commits whatever the machine's speed.
        std::FILE* progress = nullptr;
        if (const char* path = std::getenv("STRATA_CHILD_PROGRESS")) progress = std::fopen(path, "a");
        o.log = [&](strata::log_level, std::string_view l) {
            lines.emplace_back(l);
            if (progress && l.find("] up ") != std::string_view::npos) {
                const auto us = std::chrono::duration_cast<std::chrono::microseconds>(clock_type::now() - worker_started).count();
                std::fprintf(progress, "%lld\n", static_cast<long long>(us));  // (when, for the calibration)
                std::fflush(progress);
            }
        };
        o.background_on_thread = false;
        o.background_connection = [] { return strata_test::open_from_env(); };
        const strata::startup_report r = strata::migrate_on_startup<history>(*db, o);
        if (r.migrations.to != head) throw std::runtime_error("ended at version " + std::to_string(r.migrations.to));
        if (!r.background_done.ok()) throw std::runtime_error("background step failed: " + r.background_done.error);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "worker %d failed: %s\n", static_cast<int>(::getpid()), e.what());
        for (const auto& l : lines) std::fprintf(stderr, "  log: %s\n", l.c_str());
        return 1;
    }
}

// ---- checks ----
struct observed {
    std::uint64_t version = 0;
    bool background_pending = false;
    std::vector<std::string> problems;
};

std::int64_t count(strata::driver& db, const std::string& sql) { return strata::session(db).query_value<std::int64_t>(sql); }

// What the database holds, on a new connection; `problems` empty when it is clean.
observed inspect(strata_test::test_database& d, bool at_the_end) {
    observed o;
    auto fail = [&](std::string p) { o.problems.push_back(std::move(p)); };
    try {
        auto conn = d.open();
        strata::driver& db = *conn;
        strata::migrator<history> m(db, {"main", strata::log_nowhere});
        const strata::status_report st = m.status();
        o.version = st.current;
        if (!st.problem.empty()) fail("status: " + st.problem);
        if (st.applied.size() != st.current) fail("status: " + std::to_string(st.applied.size()) + " applied rows at version " + std::to_string(st.current));
        for (const auto& a : st.applied)
            if (a.dirty) fail("migration " + std::to_string(a.version) + " is dirty");
        const strata::verify_report v = m.verify();
        if (!v.ok()) fail("verify: " + v.text());
        if (db.has_table("strata_migrations") && st.current >= 5)
            o.background_pending = count(db, "SELECT count(*) FROM \"strata_migrations\" WHERE \"background_pending\"") != 0;

        std::int64_t steps_in = 0;
        if (db.has_table("ledger")) {
            for (std::int64_t s : data_steps) {
                const std::int64_t want = static_cast<std::uint64_t>(s) <= st.current ? 1 : 0;
                steps_in += want;
                const std::int64_t got = count(db, "SELECT count(*) FROM \"ledger\" WHERE \"version\" = " + std::to_string(s));
                if (got != want)
                    fail("the data step of migration " + std::to_string(s) + " ran " + std::to_string(got) + " times (want " +
                         std::to_string(want) + ")");
            }
            const std::int64_t rows = count(db, "SELECT count(*) FROM \"ledger\"");
            if (rows != steps_in) fail("ledger: " + std::to_string(rows) + " rows, want " + std::to_string(steps_in));
            const std::int64_t events = count(db, "SELECT count(*) FROM \"events\"");
            if (events != steps_in * events_per_step)
                fail("events: " + std::to_string(events) + " rows, want " + std::to_string(steps_in * events_per_step));
            const std::int64_t accounts = count(db, "SELECT count(*) FROM \"accounts\"");
            if (accounts != accounts_seeded) fail("accounts: " + std::to_string(accounts) + " rows, want " + std::to_string(accounts_seeded));
        } else if (st.current != 0) {
            fail("no ledger table at version " + std::to_string(st.current));
        }
        if (st.current >= 5) {
            const std::int64_t wrong = count(db, "SELECT count(*) FROM \"events\" WHERE \"score\" <> \"amount\" * 2");
            if (wrong != 0) fail(std::to_string(wrong) + " events with a wrong score");
        }
        if (at_the_end) {
            if (st.current != head) fail("at the end: version " + std::to_string(st.current) + ", not the head");
            if (o.background_pending) fail("at the end: the background step is still pending");
            if (st.current >= 5 && count(db, "SELECT count(*) FROM \"events\" WHERE \"score\" IS NULL") != 0)
                fail("at the end: events without a score (background step not done)");
        }
    } catch (const std::exception& e) {
        fail(std::string("inspecting: ") + e.what());
    }
    return o;
}

// ---- the parent ----
struct options {
    std::uint64_t seed = 1;
    int iterations = 50;
    int pg_stops = -1, disk_fulls = -1, crowds = -1;  // -1: derived from iterations
    std::vector<std::string> scenarios{"kill", "pgstop", "diskfull", "crowd"};
    std::vector<std::string> backends{"sqlite", "postgres"};
    std::string disk_dir, pg_stop, pg_start;
    bool verbose = false;
};

struct tally {
    std::string name, blows_are = "kills";
    int iterations = 0, blows = 0, failures = 0;
    long long seconds = 0;
    std::map<std::string, int> outcomes;  // "v3", "v6+bg", "finished first", ...
    std::vector<std::string> failure_lines;
    void failure(const std::string& what) {
        ++failures;
        if (failure_lines.size() < 20) failure_lines.push_back(what);
    }
    void print() const {
        std::string out;
        for (const auto& [k, n] : outcomes) out += (out.empty() ? "" : ", ") + k + " " + std::to_string(n);
        std::printf("fault-injection: %-17s iterations %d, %s %d, outcomes {%s}, failures %d (%lld s)\n", name.c_str(), iterations,
                    blows_are.c_str(), blows, out.c_str(), failures, seconds);
        for (const auto& f : failure_lines) std::printf("  FAILURE %s\n", f.c_str());
        std::fflush(stdout);
    }
};

std::string state_name(const observed& o) { return "v" + std::to_string(o.version) + (o.background_pending ? "+bg" : ""); }

std::string read_file(const std::string& path, std::size_t limit = 2000) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    if (s.size() > limit) s = s.substr(0, limit) + "...";
    return s;
}

class runner {
   public:
    explicit runner(options o) : opt_(std::move(o)) {
        scratch_ = std::filesystem::temp_directory_path() / strata_test::unique_tag("strata_fault");
        std::filesystem::create_directories(scratch_);
    }
    ~runner() {
        std::error_code ec;
        std::filesystem::remove_all(scratch_, ec);
    }

    int run() {
        std::printf("fault-injection: seed %llu, iterations %d, scenarios", static_cast<unsigned long long>(opt_.seed), opt_.iterations);
        for (const auto& s : opt_.scenarios) std::printf(" %s", s.c_str());
        std::printf(", backends");
        for (const auto& b : opt_.backends) std::printf(" %s", b.c_str());
        std::printf("\n");
        std::fflush(stdout);
        int failures = 0;
        for (const auto& s : opt_.scenarios) {
            for (const auto& b : opt_.backends) {
                if ((s == "pgstop" && b != "postgres") || (s == "diskfull" && b != "sqlite")) continue;
                tally t;
                t.name = s + " " + b;
                // One generator per scenario and backend: the same seed gives the same delays,
                // whichever scenarios run before.
                const std::uint64_t h = std::hash<std::string>{}(t.name);
                std::seed_seq seq{opt_.seed & 0xffffffffu, opt_.seed >> 32, h & 0xffffffffu, h >> 32};
                rng_.seed(seq);
                const auto started = clock_type::now();
                if (s == "kill") kill_scenario(b, t);
                else if (s == "pgstop") pgstop_scenario(t);
                else if (s == "diskfull") diskfull_scenario(t);
                else if (s == "crowd") crowd_scenario(b, t);
                else throw std::invalid_argument("unknown scenario " + s);
                t.seconds = std::chrono::duration_cast<std::chrono::seconds>(clock_type::now() - started).count();
                t.print();
                failures += t.failures;
            }
        }
        std::printf("fault-injection: seed %llu: %d failure%s\n", static_cast<unsigned long long>(opt_.seed), failures, failures == 1 ? "" : "s");
        if (failures) std::printf("fault-injection: to run the same again: --seed %llu (same --iterations and --scenarios)\n",
                                  static_cast<unsigned long long>(opt_.seed));
        return failures ? 1 : 0;
    }

   private:
    options opt_;
    std::filesystem::path scratch_;
    std::mt19937_64 rng_;
    std::uintmax_t final_size_ = 0;                                 // of the SQLite file at the head
    int worker_n_ = 0;

    std::uint64_t uniform(std::uint64_t lo, std::uint64_t hi) { return std::uniform_int_distribution<std::uint64_t>(lo, hi)(rng_); }

    std::unique_ptr<strata_test::test_database> database(const std::string& backend) {
        auto d = strata_test::make_database(backend, "fault");
        if (!d) throw std::runtime_error("no PostgreSQL: set STRATA_PG_URL (scripts/fault-injection starts a server)");
        return d;
    }

    struct worker {
        pid_t pid = -1;
        std::string log, progress;
    };
    worker spawn(strata_test::test_database& d, std::vector<std::string> extra = {}, const std::vector<int>& inherit = {}) {
        worker w;
        w.log = (scratch_ / ("worker" + std::to_string(worker_n_) + ".log")).string();
        w.progress = (scratch_ / ("worker" + std::to_string(worker_n_++) + ".progress")).string();
        std::vector<std::string> env = strata_test::location_env(d);
        env.push_back("STRATA_CHILD=fault-worker");
        env.push_back("STRATA_CHILD_LOG=" + w.log);
        env.push_back("STRATA_CHILD_PROGRESS=" + w.progress);
        env.insert(env.end(), extra.begin(), extra.end());
        w.pid = strata_test::spawn_self(env, inherit);
        return w;
    }
    std::optional<int> wait(const worker& w, int seconds = 90) {
        return strata_test::wait_until(w.pid, clock_type::now() + std::chrono::seconds(seconds));
    }
    static bool exited(const std::optional<int>& st, int code) { return st && WIFEXITED(*st) && WEXITSTATUS(*st) == code; }
    static bool signalled(const std::optional<int>& st, int sig) { return st && WIFSIGNALED(*st) && WTERMSIG(*st) == sig; }

    // A clean worker to the end; then the end state. False (and a failure) otherwise.
    bool finish(strata_test::test_database& d, tally& t, const std::string& where) {
        const worker w = spawn(d);
        const auto st = wait(w);
        if (!exited(st, 0)) {
            t.failure(where + ": the worker after it did not reach the head: " + strata_test::describe_status(st) + ": " + read_file(w.log));
            return false;
        }
        const observed o = inspect(d, true);
        for (const auto& p : o.problems) t.failure(where + ": at the end: " + p);
        return o.problems.empty();
    }
    observed check_after(strata_test::test_database& d, tally& t, const std::string& where, const std::string& how) {
        observed o = inspect(d, false);
        ++t.outcomes[how + state_name(o)];
        for (const auto& p : o.problems) t.failure(where + ": " + p);
        return o;
    }

    // Where a blow lands: after the worker's k-th commit (0: before its first), k drawn from 0
    // to the migrations left, then a random delay: up to half a run before the first commit
    // (start-up, connection, migration 1), up to a seventh of a run (a migration) after one.
    struct point {
        int commits = 0;
        std::chrono::microseconds delay{};
        std::string text() const { return "after " + std::to_string(commits) + " commits + " + std::to_string(delay.count() / 1000) + " ms"; }
    };
    point draw_point(const std::string& backend, std::uint64_t left) {
        const timing& tm = timing_of(backend);
        point p;
        p.commits = static_cast<int>(uniform(0, left));
        p.delay = std::chrono::microseconds(uniform(0, static_cast<std::uint64_t>((p.commits == 0 ? tm.first_commit : tm.per_migration).count())));
        return p;
    }
    static std::vector<long long> commits_of(const worker& w) {
        std::vector<long long> out;
        std::ifstream in(w.progress);
        for (long long us; in >> us;) out.push_back(us);
        return out;
    }
    // Waits until the worker has committed p.commits migrations (or has ended), then p.delay.
    void reach(const worker& w, const point& p) {
        const auto limit = clock_type::now() + std::chrono::seconds(60);
        while (p.commits > 0 && clock_type::now() < limit) {
            if (static_cast<int>(commits_of(w).size()) >= p.commits) break;
            siginfo_t info{};
            if (::waitid(P_PID, static_cast<id_t>(w.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == w.pid) return;
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        std::this_thread::sleep_for(p.delay);
    }

    // How long a run takes on this backend: from its start to its first commit, and from one
    // commit to the next (blows are spread over these); the fastest of three runs from scratch
    // (the first one pays for cold caches).
    struct timing {
        std::chrono::microseconds whole{}, first_commit{}, per_migration{};
    };
    std::map<std::string, timing> timings_;
    const timing& timing_of(const std::string& backend) {
        if (auto it = timings_.find(backend); it != timings_.end()) return it->second;
        timing best;
        best.whole = std::chrono::hours(1);
        for (int i = 0; i < 3; ++i) {
            auto d = database(backend);
            const auto started = clock_type::now();
            const worker w = spawn(*d);
            const auto st = wait(w);
            const auto took = std::chrono::duration_cast<std::chrono::microseconds>(clock_type::now() - started);
            if (!exited(st, 0))
                throw std::runtime_error("calibration run on " + backend + ": " + strata_test::describe_status(st) + ": " + read_file(w.log));
            const auto commits = commits_of(w);
            if (commits.size() != head) throw std::runtime_error("calibration run on " + backend + ": " + std::to_string(commits.size()) + " commits seen");
            if (took < best.whole) {
                best.whole = took;
                best.first_commit = std::chrono::microseconds(commits.front());
                best.per_migration = std::chrono::microseconds((commits.back() - commits.front()) / static_cast<long long>(head - 1));
            }
            if (auto* s = dynamic_cast<strata_test::sqlite_database*>(d.get())) final_size_ = std::filesystem::file_size(s->path);
        }
        std::printf("fault-injection: a run on %s takes %lld ms: %lld ms to its first commit, then %lld ms a migration", backend.c_str(),
                    static_cast<long long>(best.whole.count() / 1000), static_cast<long long>(best.first_commit.count() / 1000),
                    static_cast<long long>(best.per_migration.count() / 1000));
        if (backend == "sqlite") std::printf(" (the file at the head: %llu KiB)", static_cast<unsigned long long>(final_size_ / 1024));
        std::printf("\n");
        std::fflush(stdout);
        return timings_[backend] = best;
    }

    void kill_scenario(const std::string& backend, tally& t) {
        timing_of(backend);
        for (int i = 0; i < opt_.iterations; ++i) {
            ++t.iterations;
            auto d = database(backend);
            const int kills = static_cast<int>(uniform(1, 3));
            bool ok = true;
            std::uint64_t version = 0;
            for (int k = 0; k < kills && ok; ++k) {
                const point p = draw_point(backend, head - version);
                const int sig = uniform(0, 9) < 7 ? SIGKILL : SIGINT;
                const std::string where = t.name + " iteration " + std::to_string(i) + " kill " + std::to_string(k) + " (" +
                                          (sig == SIGKILL ? "SIGKILL " : "SIGINT ") + p.text() + ")";
                const worker w = spawn(*d);
                reach(w, p);
                ::kill(w.pid, sig);
                ++t.blows;
                const auto st = wait(w);
                std::string how;
                if (signalled(st, sig)) how = sig == SIGKILL ? "KILL:" : "INT:";
                else if (exited(st, 0)) how = "done first:";
                else {
                    t.failure(where + ": the worker ended with " + strata_test::describe_status(st) + ": " + read_file(w.log));
                    ok = false;
                    continue;
                }
                const observed o = check_after(*d, t, where, how);
                ok = o.problems.empty();
                version = o.version;
            }
            if (ok) finish(*d, t, t.name + " iteration " + std::to_string(i));
        }
    }

    void pgstop_scenario(tally& t) {
        t.blows_are = "stops";
        if (opt_.pg_stop.empty() || opt_.pg_start.empty())
            throw std::invalid_argument("pgstop needs --pg-stop and --pg-start (scripts/fault-injection gives them)");
        timing_of("postgres");
        const int n = opt_.pg_stops >= 0 ? opt_.pg_stops : std::max(4, opt_.iterations / 4);
        for (int i = 0; i < n; ++i) {
            ++t.iterations;
            auto d = database("postgres");
            const point p = draw_point("postgres", head);
            const std::string where = t.name + " iteration " + std::to_string(i) + " (stop " + p.text() + ")";
            const worker w = spawn(*d);
            reach(w, p);
            ++t.blows;
            if (std::system(opt_.pg_stop.c_str()) != 0) {
                t.failure(where + ": " + opt_.pg_stop + " failed");
                return;
            }
            const auto st = wait(w);
            if (std::system(opt_.pg_start.c_str()) != 0) {
                t.failure(where + ": " + opt_.pg_start + " failed");
                return;
            }
            std::string how;
            if (exited(st, 0)) how = "done first:";
            else if (exited(st, 1)) {
                how = "error:";
                note_error(t, w);
            } else {
                t.failure(where + ": the worker ended with " + strata_test::describe_status(st) + ": " + read_file(w.log));
                continue;
            }
            if (check_after(*d, t, where, how).problems.empty()) finish(*d, t, where);
        }
    }
    std::set<std::string> seen_errors_;

    // What a worker that failed said, counted by its gist (the text after the last "): " or
    // ": ", its first 60 characters); each new one printed in full once.
    void note_error(tally& t, const worker& w) {
        std::string said = read_file(w.log, 4000);
        said = said.substr(0, said.find('\n'));
        if (auto at = said.find("failed: "); at != std::string::npos) said = said.substr(at + 8);
        std::string gist = said;
        if (auto at = gist.rfind("): "); at != std::string::npos) gist = gist.substr(at + 3);
        else if (auto at2 = gist.rfind(": "); at2 != std::string::npos) gist = gist.substr(at2 + 2);
        gist = "\"" + gist.substr(0, 60) + "\"";
        ++t.outcomes[gist];
        if (seen_errors_.insert(said).second && seen_errors_.size() <= 12) std::printf("  %s: a worker said: %s\n", t.name.c_str(), said.c_str());
    }

    void diskfull_scenario(tally& t) {
        t.blows_are = "full disks";
        timing_of("sqlite");  // (and the size of the file at the head)
        const int n = opt_.disk_fulls >= 0 ? opt_.disk_fulls : std::max(4, opt_.iterations / 2);
        const bool tmpfs = !opt_.disk_dir.empty();
        if (tmpfs) ::setenv("TMPDIR", opt_.disk_dir.c_str(), 1);  // sqlite_database's file goes there
        const std::filesystem::path filler = tmpfs ? std::filesystem::path(opt_.disk_dir) / "filler" : std::filesystem::path{};
        for (int i = 0; i < n; ++i) {
            ++t.iterations;
            auto d = database("sqlite");
            // Room for somewhere between nothing and three times the database at the head (the
            // rollback journal and the rebuild's copy of a table need room too).
            const std::uint64_t room = uniform(0, 3 * final_size_);
            const std::string where = t.name + " iteration " + std::to_string(i) + " (" + std::to_string(room / 1024) + " KiB free)";
            std::vector<std::string> extra;
            if (tmpfs) {
                struct statvfs fs {};
                if (::statvfs(opt_.disk_dir.c_str(), &fs) != 0) throw std::runtime_error("statvfs " + opt_.disk_dir);
                const std::uint64_t free_bytes = static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize;
                if (free_bytes > room) {
                    std::ofstream f(filler, std::ios::binary);
                    const std::string block(64 * 1024, 'x');
                    std::uint64_t left = free_bytes - room;
                    while (left > 0 && f) {
                        const std::uint64_t k = std::min<std::uint64_t>(left, block.size());
                        f.write(block.data(), static_cast<std::streamsize>(k));
                        left -= k;
                    }
                }
            } else {
                extra.push_back("STRATA_CHILD_FSIZE=" + std::to_string(room));
            }
            const worker w = spawn(*d, extra);
            const auto st = wait(w);
            ++t.blows;
            std::error_code ec;
            if (tmpfs) std::filesystem::remove(filler, ec);  // the space comes back
            std::string how;
            if (exited(st, 0)) how = "done:";
            else if (exited(st, 1)) {
                how = "error:";
                note_error(t, w);
            } else {
                t.failure(where + ": the worker ended with " + strata_test::describe_status(st) + ": " + read_file(w.log));
                continue;
            }
            if (check_after(*d, t, where, how).problems.empty()) finish(*d, t, where);
        }
        if (tmpfs) ::unsetenv("TMPDIR");
    }

    void crowd_scenario(const std::string& backend, tally& t) {
        constexpr int processes = 16;
        const auto span = timing_of(backend).whole;
        const int n = opt_.crowds >= 0 ? opt_.crowds : std::max(2, opt_.iterations / 10);
        for (int i = 0; i < n; ++i) {
            ++t.iterations;
            auto d = database(backend);
            int fds[2];
            if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2");
            std::vector<worker> ws;
            for (int p = 0; p < processes; ++p) ws.push_back(spawn(*d, {"STRATA_CHILD_GO_FD=" + std::to_string(fds[0])}, {fds[0]}));
            ::close(fds[0]);
            // Who is killed, and when (after the gun).
            std::map<int, std::chrono::microseconds> victims;
            const int nkill = static_cast<int>(uniform(0, 3));
            for (int k = 0; k < nkill; ++k)
                victims[static_cast<int>(uniform(0, processes - 1))] =
                    std::chrono::microseconds(uniform(0, static_cast<std::uint64_t>(span.count()) * 2));
            std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let them all get to the gun
            const auto gun = clock_type::now();
            ::close(fds[1]);
            for (const auto& [p, after] : victims) {
                std::this_thread::sleep_until(gun + after);
                ::kill(ws[static_cast<std::size_t>(p)].pid, SIGKILL);
                ++t.blows;
            }
            const std::string where = t.name + " round " + std::to_string(i) + " (" + std::to_string(victims.size()) + " killed)";
            bool ok = true;
            int reached = 0;
            for (int p = 0; p < processes; ++p) {
                const auto st = wait(ws[static_cast<std::size_t>(p)], 180);
                if (exited(st, 0)) ++reached;
                else if (victims.count(p) && signalled(st, SIGKILL)) ++t.outcomes["killed"];
                else {
                    ok = false;
                    t.failure(where + ": worker " + std::to_string(p) + " ended with " + strata_test::describe_status(st) + ": " +
                              read_file(ws[static_cast<std::size_t>(p)].log));
                }
            }
            t.outcomes["reached the head"] += reached;
            if (ok && check_after(*d, t, where, "after:").problems.empty()) finish(*d, t, where);
        }
    }
};

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    for (std::string part; std::getline(ss, part, ',');)
        if (!part.empty()) out.push_back(part);
    return out;
}

int usage() {
    std::fprintf(stderr,
                 "usage: strata_fault_app [--seed N] [--iterations N] [--pg-stops N] [--disk-fulls N] [--crowds N]\n"
                 "         [--scenarios kill,pgstop,diskfull,crowd] [--backends sqlite,postgres]\n"
                 "         [--disk-dir DIR] [--pg-stop CMD] [--pg-start CMD] [--verbose]\n"
                 "PostgreSQL: STRATA_PG_URL. Normally run through scripts/fault-injection.\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (const char* role = std::getenv("STRATA_CHILD"); role && std::string_view(role) == "fault-worker") return worker_main();
    options o;
    o.seed = std::random_device{}();
    bool backends_given = false;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
                return argv[++i];
            };
            if (a == "--seed") o.seed = std::stoull(value());
            else if (a == "--iterations") o.iterations = std::stoi(value());
            else if (a == "--pg-stops") o.pg_stops = std::stoi(value());
            else if (a == "--disk-fulls") o.disk_fulls = std::stoi(value());
            else if (a == "--crowds") o.crowds = std::stoi(value());
            else if (a == "--scenarios") o.scenarios = split(value());
            else if (a == "--backends") o.backends = split(value()), backends_given = true;
            else if (a == "--disk-dir") o.disk_dir = value();
            else if (a == "--pg-stop") o.pg_stop = value();
            else if (a == "--pg-start") o.pg_start = value();
            else if (a == "--verbose") o.verbose = true;
            else return usage();
        }
        if (!backends_given && !strata_test::postgres_url()) {
            if (strata_test::in_ci()) throw std::runtime_error("CI=true but STRATA_PG_URL is not set: the PostgreSQL scenarios must run in CI");
            std::printf("fault-injection: STRATA_PG_URL is not set: SQLite only\n");
            o.backends = {"sqlite"};
        }
        ::signal(SIGPIPE, SIG_IGN);
        return runner(o).run();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fault-injection: error: %s\n", e.what());
        return 2;
    }
}
