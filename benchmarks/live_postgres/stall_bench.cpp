// Write stalls of issue 11, point 5: each unsafe form of docs/live-postgres.md and its typed
// safe twin, applied by strata's migrator to a table of STRATA_STALL_ROWS rows (default
// 1,000,000) while a writer thread inserts into that table, one short transaction per insert.
//
// Each case starts on a fresh schema: the chain's first migration creates the tables, the rows
// are loaded (INSERT ... SELECT generate_series, then VACUUM ANALYZE, so that no case pays for
// hint bits the others do not), the writer starts, and after a quiet second the rest of the chain
// is applied through strata::migrate_on_startup (background steps before it returns). Reported
// per case (Google Benchmark counters; one iteration, manual time = the migration's duration):
//   stall_ms     the longest insert that overlapped the migration (start to end of its commit)
//   quiet_ms     the longest insert of the quiet second before it: what a stall compares with
//   migration_ms the migration's duration (the manual time too)
//   inserts      inserts committed while it ran
// STRATA_PG_URL names the server (benchmarks/live_postgres/run.sh starts one with scripts/pg).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <strata/postgres.hpp>
#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;
using clock_type = std::chrono::steady_clock;

namespace {

std::int64_t rows() {
    const char* n = std::getenv("STRATA_STALL_ROWS");
    return n && *n ? std::stoll(n) : 1000000;
}
constexpr std::int64_t users = 100000;

// The tables of every case: posts is the large one, written throughout.
using base = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>, column<"title", text>,
                 column<"n", integer>>>;

// A foreign key.
using fk_unsafe = strata::chain<base, strata::migration<2, "fk",
    add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id", on_delete_cascade>>>;
using fk_safe = strata::chain<base,
    strata::migration<2, "fk not valid", add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id", on_delete_cascade, not_valid>>,
    strata::migration<3, "validate fk", validate_constraint<"posts", "posts_author_fk">>>;

// NOT NULL.
using nn_unsafe = strata::chain<base, strata::migration<2, "title not null", alter_column<"posts", "title", set_not_null>>>;
using nn_safe = strata::chain<base,
    strata::migration<2, "title check, not valid", add_check<"posts", "posts_title_nn", "title IS NOT NULL", not_valid>>,
    strata::migration<3, "validate title check", validate_constraint<"posts", "posts_title_nn">>,
    strata::migration<4, "title not null", alter_column<"posts", "title", set_not_null>>,
    strata::migration<5, "drop title check", drop_constraint<"posts", "posts_title_nn">>>;

// An index.
using ix_unsafe = strata::chain<base, strata::migration<2, "title index", create_index<"posts_title_idx", "posts", "title">>>;
using ix_safe = strata::chain<base,
    strata::migration<2, "title index", create_index_concurrently<"posts_title_idx", "posts", "title">>>;

// A volatile default: every row rewritten, against the column, its default for new rows and a
// batched backfill by primary key ranges (idempotent: only NULLs are filled).
void fill_tokens(strata::session& s, strata::stop_token stop) {
    const auto top = s.query_value<std::int64_t>("SELECT coalesce(max(\"id\"), 0) FROM \"posts\"");
    for (std::int64_t from = 1; from <= top && !stop.stop_requested(); from += 10000)
        s.execute("UPDATE \"posts\" SET \"token\" = gen_random_uuid() WHERE \"id\" BETWEEN $1 AND $2 AND \"token\" IS NULL",
                  from, from + 9999);
}
using vd_unsafe = strata::chain<base,
    strata::migration<2, "token", add_column<"posts", column<"token", uuid, default_sql<"gen_random_uuid()">>>>>;
using vd_safe = strata::chain<base,
    strata::migration<2, "token, no default", add_column<"posts", column<"token", uuid>>>,
    strata::migration<3, "token default, backfill",
        alter_column<"posts", "token", set_default<default_sql<"gen_random_uuid()">>>, background<fill_tokens>>>;

// A rewriting type change; its safe form is expand/contract over releases, not a typed twin.
using ty_unsafe = strata::chain<base, strata::migration<2, "n bigint", alter_column<"posts", "n", set_type<bigint>>>>;

std::string url() {
    const char* u = std::getenv("STRATA_PG_URL");
    if (!u || !*u) throw std::runtime_error("STRATA_PG_URL is not set (benchmarks/live_postgres/run.sh starts a server)");
    return u;
}

std::unique_ptr<strata::postgres::connection> open_in(const std::string& schema) {
    auto c = std::make_unique<strata::postgres::connection>(url());
    c->execute("SET search_path TO \"" + schema + "\"", {}, {});
    return c;
}

// One insert a transaction (autocommit), each timed; the longest per window is what a client
// of the table would have seen.
struct writer {
    struct sample {
        clock_type::time_point start, end;
    };
    std::unique_ptr<strata::postgres::connection> db;
    std::atomic<bool> stop{false};
    std::vector<sample> samples;
    std::string error;
    std::thread thread;

    explicit writer(const std::string& schema) : db(open_in(schema)) {
        samples.reserve(1 << 20);
        thread = std::thread([this] { run(); });
    }
    ~writer() { finish(); }
    void finish() {
        stop = true;
        if (thread.joinable()) thread.join();
    }
    void run() {
        try {
            for (std::int64_t id = rows() + 1; !stop; ++id) {
                const auto t0 = clock_type::now();
                db->execute("INSERT INTO \"posts\" (\"id\", \"author_id\", \"title\", \"n\") VALUES ($1, $2, $3, $4)",
                            std::vector<strata::value>{id, 1 + id % users, "title " + std::to_string(id), id % 1000}, {});
                samples.push_back({t0, clock_type::now()});
            }
        } catch (const std::exception& e) {
            error = e.what();
        }
    }
    // The longest insert overlapping [from, to], and how many ended inside it.
    std::pair<double, std::int64_t> longest(clock_type::time_point from, clock_type::time_point to) const {
        double worst = 0;
        std::int64_t n = 0;
        for (const sample& s : samples) {
            if (s.end < from || s.start > to) continue;
            worst = std::max(worst, std::chrono::duration<double, std::milli>(s.end - s.start).count());
            if (s.end <= to) ++n;
        }
        return {worst, n};
    }
};

template <class Chain>
void stall(benchmark::State& state) {
    const std::string schema = "strata_stall";
    try {
        for (auto _ : state) {
            {
                strata::postgres::connection admin(url());
                admin.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE", {}, {});
                admin.execute("CREATE SCHEMA \"" + schema + "\"", {}, {});
            }
            auto db = open_in(schema);
            strata::migrator<Chain>(*db, {"main", strata::log_nowhere}).upgrade_to(1);
            const std::string n = std::to_string(rows());
            db->execute("INSERT INTO \"users\" (\"id\", \"email\") SELECT g, 'u' || g || '@example.org' FROM generate_series(1, " +
                            std::to_string(users) + ") g", {}, {});
            db->execute("INSERT INTO \"posts\" (\"id\", \"author_id\", \"title\", \"n\") SELECT g, 1 + g % " +
                            std::to_string(users) + ", 'title ' || g, g % 1000 FROM generate_series(1, " + n + ") g", {}, {});
            db->execute("VACUUM ANALYZE \"users\"", {}, {});
            db->execute("VACUUM ANALYZE \"posts\"", {}, {});

            writer w(schema);
            std::this_thread::sleep_for(std::chrono::seconds(1));
            const auto quiet_to = clock_type::now();
            strata::startup_options o;
            o.log = strata::log_nowhere;
            o.background_on_thread = false;  // the backfill is part of the migration's time
            const auto t0 = clock_type::now();
            const auto report = strata::migrate_on_startup<Chain>(*db, o);
            const auto t1 = clock_type::now();
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            w.finish();
            if (!w.error.empty()) throw std::runtime_error("writer: " + w.error);
            if (report.migrations.to != Chain::head) throw std::runtime_error("not at the head");

            const double took = std::chrono::duration<double>(t1 - t0).count();
            state.SetIterationTime(took);
            const auto [stall_ms, inserts] = w.longest(t0, t1);
            state.counters["stall_ms"] = stall_ms;
            state.counters["quiet_ms"] = w.longest(quiet_to - std::chrono::seconds(1), quiet_to).first;
            state.counters["migration_ms"] = took * 1000;
            state.counters["inserts"] = static_cast<double>(inserts);
            state.counters["rows"] = static_cast<double>(rows());
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

// Pairs in a row: unsafe form, then its twin (names: <pair>/<form>).
BENCHMARK_TEMPLATE(stall, fk_unsafe)->Name("foreign_key/add_foreign_key")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(stall, fk_safe)->Name("foreign_key/not_valid+validate_constraint")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(stall, nn_unsafe)->Name("not_null/set_not_null")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(stall, nn_safe)->Name("not_null/check_not_valid+validate+set_not_null")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(stall, ix_unsafe)->Name("index/create_index")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(stall, ix_safe)->Name("index/create_index_concurrently")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(stall, vd_unsafe)->Name("volatile_default/add_column_default_gen_random_uuid")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(stall, vd_safe)->Name("volatile_default/add_column+set_default+background_backfill")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(stall, ty_unsafe)->Name("type_change/set_type_integer_to_bigint")->Iterations(1)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
