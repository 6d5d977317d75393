// The run-time benchmark (Google Benchmark): strata's migrator against the floor, the same
// work done through the database's own C client.
//
//   <backend>/apply/strata/<N>     migrator<history>::upgrade() of N migrations on a fresh
//                                  SQLite file / PostgreSQL schema (log sink log_nowhere); the
//                                  SQL is generated inside, as an application does
//   <backend>/apply/floor/<N>      the same statements (strata::generate_sql, made before the
//                                  timing), the same transactions and one bookkeeping INSERT
//                                  each, through sqlite3 / libpq
//   <backend>/startup/strata/<N>   open a connection to an up-to-date database, upgrade()
//                                  (finds nothing to do), close
//   <backend>/startup/floor/<N>    open, SELECT max(version) FROM strata_migrations WHERE
//                                  chain = 'main', close
//   <backend>/generate_sql/<N>     strata::generate_sql<D, history>() alone (part of apply/strata)
//
// Only the work above is timed: removing the file, creating the schema and opening the
// connection of an apply are not. Every benchmark reports real (wall) time.
// PostgreSQL: STRATA_PG_URL; unset, the PostgreSQL benchmarks are skipped with a message.
// SQLite files go to STRATA_BENCH_DIR (default: the current directory); with
// STRATA_BENCH_TMPFS_DIR set, the SQLite benchmarks run there too, as "sqlite-tmpfs/...".
// See benchmarks/runtime/run.sh and benchmarks/README.md.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#ifdef STRATA_BENCH_POSTGRES
#include <strata/postgres.hpp>
#endif

#include "chain_api.hpp"
#include "floor.hpp"

namespace strata_bench {
namespace {

void sqlite_apply_strata(benchmark::State& state, const chain_api* c, const std::string* dir) {
    try {
        sqlite_file f(*dir, tag("apply_strata", c->n));
        for (auto _ : state) {
            state.PauseTiming();
            f.remove();
            auto db = std::make_unique<strata::sqlite::connection>(f.path);
            state.ResumeTiming();
            const strata::run_report r = c->upgrade(*db);
            state.PauseTiming();
            db.reset();
            if (r.migrations.size() != c->n) {
                state.SkipWithError("upgrade() did not apply every migration");
                break;
            }
            state.ResumeTiming();
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

void sqlite_apply_floor(benchmark::State& state, const chain_api* c, const std::string* dir) {
    try {
        const floor_plan& plan = plan_of(*c, strata::dialect_id::sqlite);
        sqlite_file f(*dir, tag("apply_floor", c->n));
        for (auto _ : state) {
            state.PauseTiming();
            f.remove();
            // What strata::sqlite::connection does when it opens, untimed as there.
            sqlite3* db = sqlite_open(f.path);
            sqlite3_busy_timeout(db, 30000);
            sqlite_exec(db, "PRAGMA foreign_keys = ON");
            state.ResumeTiming();
            try {
                sqlite_floor_apply(db, plan);
            } catch (...) {
                sqlite3_close(db);
                throw;
            }
            state.PauseTiming();
            sqlite3_close(db);
            state.ResumeTiming();
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

// One up-to-date file per N for the start-up benchmarks, made by strata (untimed) the first
// time it is needed and removed when the program ends.
const std::string& up_to_date_sqlite(const chain_api& c, const std::string& dir) {
    static std::map<std::pair<std::size_t, std::string>, std::unique_ptr<sqlite_file>> files;
    auto& f = files[{c.n, dir}];
    if (!f) {
        f = std::make_unique<sqlite_file>(dir, tag("up_to_date", c.n));
        strata::sqlite::connection db(f->path);
        if (c.upgrade(db).migrations.size() != c.n) throw std::runtime_error("cannot make the up-to-date database");
    }
    return f->path;
}

void sqlite_startup_strata(benchmark::State& state, const chain_api* c, const std::string* dir) {
    try {
        const std::string& path = up_to_date_sqlite(*c, *dir);
        for (auto _ : state) {
            strata::sqlite::connection db(path);
            const strata::run_report r = c->upgrade(db);
            if (r.changed() || r.to != c->head) {
                state.SkipWithError("the database was not up to date");
                break;
            }
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

void sqlite_startup_floor(benchmark::State& state, const chain_api* c, const std::string* dir) {
    try {
        const std::string& path = up_to_date_sqlite(*c, *dir);
        for (auto _ : state) {
            if (sqlite_floor_startup(path) != static_cast<std::int64_t>(c->head)) {
                state.SkipWithError("the database was not up to date");
                break;
            }
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

void generate_sql(benchmark::State& state, const chain_api* c, strata::dialect_id d) {
    try {
        for (auto _ : state) {
            const strata::generated_sql g = c->generate(d);
            benchmark::DoNotOptimize(g.migrations().data());
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

// ---------------------------------------------------------------------------------------
// PostgreSQL

#ifdef STRATA_BENCH_POSTGRES
void pg_apply_strata(benchmark::State& state, const chain_api* c) {
    try {
        pg_schema schema(tag("apply_strata", c->n));
        for (auto _ : state) {
            state.PauseTiming();
            schema.reset();
            auto db = std::make_unique<strata::postgres::connection>(schema.url());
            state.ResumeTiming();
            const strata::run_report r = c->upgrade(*db);
            state.PauseTiming();
            db.reset();
            if (r.migrations.size() != c->n) {
                state.SkipWithError("upgrade() did not apply every migration");
                break;
            }
            state.ResumeTiming();
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

void pg_apply_floor(benchmark::State& state, const chain_api* c) {
    try {
        const floor_plan& plan = plan_of(*c, strata::dialect_id::postgres);
        pg_schema schema(tag("apply_floor", c->n));
        for (auto _ : state) {
            state.PauseTiming();
            schema.reset();
            auto db = std::make_unique<pg_client>(schema.url());
            state.ResumeTiming();
            pg_floor_apply(*db, plan);
            state.PauseTiming();
            db.reset();
            state.ResumeTiming();
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

const pg_schema& up_to_date_pg(const chain_api& c) {
    static std::map<std::size_t, std::unique_ptr<pg_schema>> schemas;
    auto& s = schemas[c.n];
    if (!s) {
        s = std::make_unique<pg_schema>(tag("up_to_date", c.n));
        strata::postgres::connection db(s->url());
        if (c.upgrade(db).migrations.size() != c.n) throw std::runtime_error("cannot make the up-to-date database");
    }
    return *s;
}

void pg_startup_strata(benchmark::State& state, const chain_api* c) {
    try {
        const std::string url = up_to_date_pg(*c).url();
        for (auto _ : state) {
            strata::postgres::connection db(url);
            const strata::run_report r = c->upgrade(db);
            if (r.changed() || r.to != c->head) {
                state.SkipWithError("the database was not up to date");
                break;
            }
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}

void pg_startup_floor(benchmark::State& state, const chain_api* c) {
    try {
        const std::string url = up_to_date_pg(*c).url();
        for (auto _ : state) {
            if (pg_floor_startup(url) != std::to_string(c->head)) {
                state.SkipWithError("the database was not up to date");
                break;
            }
        }
    } catch (const std::exception& e) {
        state.SkipWithError(e.what());
    }
}
#endif

template <class Fn, class... Args>
void add(const std::string& name, benchmark::TimeUnit unit, Fn* fn, Args... args) {
    benchmark::RegisterBenchmark(name.c_str(), fn, args...)->Unit(unit)->UseRealTime();
}

}  // namespace
}  // namespace strata_bench

int main(int argc, char** argv) {
    using namespace strata_bench;
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    benchmark::AddCustomContext("sqlite_version", sqlite3_libversion());
    // SQLite files: STRATA_BENCH_DIR (benchmarks "sqlite/..."), and, if set, STRATA_BENCH_TMPFS_DIR
    // too (benchmarks "sqlite-tmpfs/...": a directory in memory, where a commit waits for no disk).
    std::vector<std::pair<std::string, std::string>> sqlite_dirs{{"sqlite", bench_dir()}};
    if (const char* t = std::getenv("STRATA_BENCH_TMPFS_DIR"); t && *t) sqlite_dirs.emplace_back("sqlite-tmpfs", t);
    for (const auto& [label, dir] : sqlite_dirs) benchmark::AddCustomContext(label + "_dir", dir);
    bool pg = false;
#ifdef STRATA_BENCH_POSTGRES
    pg = pg_url() != nullptr;
    if (pg) {
        try {
            pg_client c(pg_url());
            benchmark::AddCustomContext("postgres_version", c.exec("SHOW server_version"));
            benchmark::AddCustomContext("postgres_fsync", c.exec("SHOW fsync"));
            benchmark::AddCustomContext("postgres_synchronous_commit", c.exec("SHOW synchronous_commit"));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "strata bench: %s: the PostgreSQL benchmarks are skipped\n", e.what());
            pg = false;
        }
    } else {
        std::fprintf(stderr, "strata bench: STRATA_PG_URL is unset: the PostgreSQL benchmarks are skipped\n");
    }
#else
    std::fprintf(stderr, "strata bench: built without libpqxx/libpq: the PostgreSQL benchmarks are skipped\n");
#endif

    using benchmark::kMicrosecond;
    using benchmark::kMillisecond;
    for (const chain_api& c : chains()) {
        const std::string n = "/" + std::to_string(c.n);
        for (const auto& [label, dir] : sqlite_dirs) {
            add(label + "/apply/strata" + n, kMillisecond, &sqlite_apply_strata, &c, &dir);
            add(label + "/apply/floor" + n, kMillisecond, &sqlite_apply_floor, &c, &dir);
            add(label + "/startup/strata" + n, kMicrosecond, &sqlite_startup_strata, &c, &dir);
            add(label + "/startup/floor" + n, kMicrosecond, &sqlite_startup_floor, &c, &dir);
        }
        add("sqlite/generate_sql" + n, kMillisecond, &generate_sql, &c, strata::dialect_id::sqlite);
#ifdef STRATA_BENCH_POSTGRES
        if (pg) {
            add("postgres/apply/strata" + n, kMillisecond, &pg_apply_strata, &c);
            add("postgres/apply/floor" + n, kMillisecond, &pg_apply_floor, &c);
            add("postgres/startup/strata" + n, kMicrosecond, &pg_startup_strata, &c);
            add("postgres/startup/floor" + n, kMicrosecond, &pg_startup_floor, &c);
            add("postgres/generate_sql" + n, kMillisecond, &generate_sql, &c, strata::dialect_id::postgres);
        }
#endif
    }
    (void)pg;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
