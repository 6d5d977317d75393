// Where the time of the run-time benchmark goes: the same work as strata_runtime_bench
// (apply, start-up check), each call to the database timed by category, for strata (through a
// strata::driver that forwards to the real one and times each call) and for the floor (the
// same categories, timed by the floor's probe). "strata, outside the driver" is the upgrade's
// time minus its calls: generating the SQL, the bookkeeping's own work, formatting.
//
//   strata_runtime_breakdown [--n N] [--backend sqlite|postgres] [--what apply|startup]
//                            [--runs K] [--startup-runs K]
// (--runs: apply runs, default 6 for N <= 300 and 2 above; --startup-runs: default 300)
//   strata_runtime_breakdown --n N --make-db FILE   (only applies the history to FILE, with strata)
//
// Markdown tables on stdout, times per run (the mean over K runs). PostgreSQL: STRATA_PG_URL.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#ifdef STRATA_BENCH_POSTGRES
#include <strata/postgres.hpp>
#endif

#include "chain_api.hpp"
#include "floor.hpp"

namespace strata_bench {
namespace {

// Sums of time and calls by category, in the order categories first appear.
struct sums {
    struct entry {
        std::string what;
        long calls = 0;
        double ns = 0;
    };
    std::vector<entry> entries;
    entry& at(std::string_view what) {
        for (auto& e : entries)
            if (e.what == what) return e;
        entries.push_back({std::string(what), 0, 0});
        return entries.back();
    }
    void add(std::string_view what, double ns, long calls = 1) {
        entry& e = at(what);
        e.calls += calls;
        e.ns += ns;
    }
    double total() const {
        double t = 0;
        for (const auto& e : entries) t += e.ns;
        return t;
    }
    template <class F>
    void time(std::string_view what, F&& f) {
        const auto t0 = steady::now();
        try {
            f();
        } catch (...) {
            add(what, static_cast<double>((steady::now() - t0).count()));
            throw;
        }
        add(what, static_cast<double>((steady::now() - t0).count()));
    }
};

struct probe {
    sums& s;
    template <class F>
    void operator()(const char* what, F&& f) const {
        s.time(what, std::forward<F>(f));
    }
};

std::string_view category(std::string_view sql) {
    auto starts = [&](std::string_view p) { return sql.substr(0, p.size()) == p; };
    if (starts("PRAGMA foreign_keys")) return "PRAGMA foreign_keys";
    if (starts("PRAGMA foreign_key_check")) return "foreign_key_check";
    if (sql.find("\"strata_migrations\"") != std::string_view::npos) {
        if (starts("CREATE TABLE")) return "create tracking table";
        if (starts("SELECT max(")) return "SELECT max(version) in the transaction";
        if (starts("SELECT \"version\", \"dirty\"")) return "SELECT the chain's last row and count (start-up check)";
        if (starts("SELECT \"version\"")) return "SELECT the chain's rows";
        if (starts("INSERT")) return "INSERT bookkeeping row";
        return "other bookkeeping";
    }
    return "migration statements";
}

// A strata::driver that times every call of the one it wraps.
class timing_driver final : public strata::driver {
   public:
    timing_driver(strata::driver& inner, sums& s) : inner_(inner), s_(s) {}
    strata::dialect_id dialect() const noexcept override { return inner_.dialect(); }
    std::string describe() const override { return inner_.describe(); }
    void execute(std::string_view sql, std::span<const strata::value> params, const strata::row_callback& on_row) override {
        s_.time(category(sql), [&] { inner_.execute(sql, params, on_row); });
    }
    void begin() override {
        s_.time("BEGIN", [&] { inner_.begin(); });
    }
    void commit() override {
        s_.time(inner_.dialect() == strata::dialect_id::postgres ? "SELECT 1; COMMIT" : "COMMIT",
                [&] { inner_.commit(); });
    }
    void rollback() noexcept override { inner_.rollback(); }
    bool in_transaction() const noexcept override { return inner_.in_transaction(); }
    bool lock(std::string_view chain) override {
        bool exclusive = false;
        s_.time("lock / unlock", [&] { exclusive = inner_.lock(chain); });
        return exclusive;
    }
    std::optional<bool> try_lock(std::string_view chain) override {
        std::optional<bool> got;
        s_.time("lock / unlock", [&] { got = inner_.try_lock(chain); });
        return got;
    }
    void unlock(std::string_view chain) noexcept override {
        const auto t0 = steady::now();
        inner_.unlock(chain);
        s_.add("lock / unlock", static_cast<double>((steady::now() - t0).count()));
    }
    bool has_table(std::string_view name) override {
        bool r = false;
        s_.time("has_table", [&] { r = inner_.has_table(name); });
        return r;
    }
    std::vector<std::string> schema_facts(std::span<const std::string> tables, std::span<const std::string> enums) override {
        return inner_.schema_facts(tables, enums);
    }
    void* native_handle() noexcept override { return inner_.native_handle(); }
    const std::type_info& native_type() const noexcept override { return inner_.native_type(); }

   private:
    strata::driver& inner_;
    sums& s_;
};

double ns_since(steady::time_point t0) { return static_cast<double>((steady::now() - t0).count()); }

// Prints strata's and the floor's sums side by side, per run, in `unit`.
void print_table(const std::string& title, const sums& strata_s, double strata_total, const sums& floor_s,
                 double floor_total, int runs, bool micro) {
    const double div = (micro ? 1e3 : 1e6) * runs;
    const char* u = micro ? "us" : "ms";
    std::printf("\n### %s\n\n", title.c_str());
    std::printf("| per run | strata %s | calls | floor %s | calls |\n| --- | ---: | ---: | ---: | ---: |\n", u, u);
    std::vector<std::string> names;
    for (const auto& e : strata_s.entries) names.push_back(e.what);
    for (const auto& e : floor_s.entries)
        if (std::find(names.begin(), names.end(), e.what) == names.end()) names.push_back(e.what);
    auto find = [](const sums& s, const std::string& w) -> const sums::entry* {
        for (const auto& e : s.entries)
            if (e.what == w) return &e;
        return nullptr;
    };
    auto cell = [&](const sums::entry* e) {
        char b[64];
        if (!e) return std::string("| | ");
        std::snprintf(b, sizeof b, "| %.3f | %ld ", e->ns / div, e->calls / runs);
        return std::string(b);
    };
    for (const auto& w : names) std::printf("| %s %s%s|\n", w.c_str(), cell(find(strata_s, w)).c_str(), cell(find(floor_s, w)).c_str());
    std::printf("| total | **%.3f** | | **%.3f** | |\n", strata_total / div, floor_total / div);
    std::printf("\nratio strata/floor: %.3f\n", strata_total / floor_total);
}

// The floor's work through strata's SQLite driver instead of the C API (no migrator): tells
// the driver's cost from the migrator's.
void driver_floor_apply(strata::driver& db, const floor_plan& plan, sums& s) {
    s.time("create tracking table", [&] { db.execute(strata::detail::create_tracking_table, {}, {}); });
    const strata::row_callback violation = [](const strata::row&) { throw std::runtime_error("foreign key violation"); };
    for (const floor_migration& m : plan) {
        if (m.rebuilds) s.time("PRAGMA foreign_keys", [&] { db.execute("PRAGMA foreign_keys = OFF", {}, {}); });
        s.time("BEGIN", [&] { db.begin(); });
        const auto started = steady::now();
        for (const floor_statement& st : m.statements)
            s.time(st.fk_check ? "foreign_key_check" : "migration statements",
                   [&] { db.execute(st.sql, {}, st.fk_check ? violation : strata::row_callback{}); });
        s.time("INSERT bookkeeping row", [&] {
            const strata::value p[] = {std::string("main"), m.version, m.name, m.checksum, utc_now(), ms_since(started),
                                       std::int64_t{0}, m.checksum};
            db.execute(insert_row_sql, p, {});
        });
        s.time(db.dialect() == strata::dialect_id::postgres ? "SELECT 1; COMMIT" : "COMMIT", [&] { db.commit(); });
        if (m.rebuilds) s.time("PRAGMA foreign_keys", [&] { db.execute("PRAGMA foreign_keys = ON", {}, {}); });
    }
}

void sqlite_apply(const chain_api& c, int runs) {
    const floor_plan& plan = plan_of(c, strata::dialect_id::sqlite);
    sums st, fl, dr;
    double st_total = 0, fl_total = 0, dr_total = 0, gen = 0;
    auto run_strata = [&] {
        sqlite_file f(bench_dir(), tag("breakdown_strata", c.n));
        strata::sqlite::connection db(f.path);
        timing_driver td(db, st);
        const auto t0 = steady::now();
        const auto rep = c.upgrade(td);
        st_total += ns_since(t0);
        if (rep.migrations.size() != c.n) throw std::runtime_error("not every migration applied");
    };
    auto run_floor = [&] {
        sqlite_file f(bench_dir(), tag("breakdown_floor", c.n));
        sqlite3* db = sqlite_open(f.path);
        sqlite3_busy_timeout(db, 30000);
        sqlite_exec(db, "PRAGMA foreign_keys = ON");
        const auto t0 = steady::now();
        sqlite_floor_apply(db, plan, probe{fl});
        fl_total += ns_since(t0);
        sqlite3_close(db);
    };
    auto run_driver = [&] {
        sqlite_file f(bench_dir(), tag("breakdown_driver", c.n));
        strata::sqlite::connection db(f.path);
        const auto t0 = steady::now();
        driver_floor_apply(db, plan, dr);
        dr_total += ns_since(t0);
    };
    for (int r = 0; r < runs; ++r) {
        {
            const auto t0 = steady::now();
            const strata::generated_sql g = c.generate(strata::dialect_id::sqlite);
            gen += ns_since(t0);
        }
        // The three in a rotating order, so that none always runs first.
        for (int k = 0; k < 3; ++k) {
            switch ((r + k) % 3) {
                case 0: run_strata(); break;
                case 1: run_floor(); break;
                default: run_driver(); break;
            }
        }
    }
    st.add("strata, outside the driver: generate_sql (measured apart)", gen, runs);
    st.add("strata, outside the driver: the rest", st_total - st.total(), runs);
    fl.add("floor, outside the probes", fl_total - fl.total(), runs);
    dr.add("floor, outside the probes", dr_total - dr.total(), runs);
    const std::string what = "N = " + std::to_string(c.n) + " (" + std::to_string(runs) + " runs)";
    print_table("SQLite apply, " + what, st, st_total, fl, fl_total, runs, false);
    print_table("SQLite apply, the floor's work through strata::sqlite::connection (\"strata\" column, no migrator), " + what,
                dr, dr_total, fl, fl_total, runs, false);
}

void sqlite_startup(const chain_api& c, int runs) {
    sqlite_file f(bench_dir(), tag("breakdown_up_to_date", c.n));
    {
        strata::sqlite::connection db(f.path);
        if (c.upgrade(db).migrations.size() != c.n) throw std::runtime_error("not every migration applied");
    }
    sums st, fl;
    double st_total = 0, fl_total = 0;
    for (int r = 0; r < runs; ++r) {
        {
            const auto t0 = steady::now();
            auto db = std::make_unique<strata::sqlite::connection>(f.path);
            st.add("open (sqlite3_open_v2; strata: busy timeout, PRAGMA foreign_keys = ON)", ns_since(t0));
            timing_driver td(*db, st);
            const auto t1 = steady::now();
            const auto rep = c.upgrade(td);
            const double up = ns_since(t1);
            if (rep.changed()) throw std::runtime_error("not up to date");
            const auto t2 = steady::now();
            db.reset();
            st.add("close", ns_since(t2));
            st.add("upgrade(), outside the driver (inspection of the rows, report)", 0, 0);
            st_total += ns_since(t0);
            (void)up;
        }
        {
            const auto t0 = steady::now();
            sqlite3* db = sqlite_open(f.path);
            fl.add("open (sqlite3_open_v2; strata: busy timeout, PRAGMA foreign_keys = ON)", ns_since(t0));
            const auto t1 = steady::now();
            sqlite3_stmt* s = nullptr;
            std::int64_t v = -1;
            if (sqlite3_prepare_v2(db, startup_floor_sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
                v = sqlite3_column_int64(s, 0);
            sqlite3_finalize(s);
            fl.add("SELECT max(version) (first statement: reads the schema)", ns_since(t1));
            const auto t2 = steady::now();
            sqlite3_close(db);
            fl.add("close", ns_since(t2));
            fl_total += ns_since(t0);
            if (v != static_cast<std::int64_t>(c.head)) throw std::runtime_error("not up to date");
        }
    }
    // What reading the chain's rows costs SQLite itself: the same query as the migrator's,
    // stepped through the C API without copying a cell (schema already loaded).
    {
        sqlite3* db = sqlite_open(f.path);
        sqlite_exec(db, "SELECT 1 FROM strata_migrations LIMIT 0");  // loads the schema
        const std::string q =
            "SELECT \"version\", \"name\", \"checksum\", \"applied_at\", \"duration_ms\", \"dirty\" FROM "
            "\"strata_migrations\" WHERE \"chain\" = $1 ORDER BY \"version\"";
        sqlite3_stmt* s = sqlite_prepare(db, q);
        double ns = 0;
        long rows = 0;
        for (int r = 0; r < runs; ++r) {
            const auto t0 = steady::now();
            sqlite3_reset(s);
            sqlite3_bind_text(s, 1, "main", 4, SQLITE_STATIC);
            while (sqlite3_step(s) == SQLITE_ROW) {
                for (int i = 0; i < 6; ++i) (void)sqlite3_column_text(s, i);
                ++rows;
            }
            ns += ns_since(t0);
        }
        sqlite3_finalize(s);
        sqlite3_close(db);
        fl.add("(not in the floor) the migrator's SELECT of the chain's rows, C API, no copies", ns, runs);
        // And what an index-only probe costs (the primary key (chain, version) covers it).
        sqlite3* db2 = sqlite_open(f.path);
        sqlite_exec(db2, "SELECT 1 FROM strata_migrations LIMIT 0");
        sqlite3_stmt* p = sqlite_prepare(
            db2, "SELECT count(*), max(\"version\") FROM \"strata_migrations\" WHERE \"chain\" = $1");
        double pns = 0;
        for (int r = 0; r < runs; ++r) {
            const auto t0 = steady::now();
            sqlite3_reset(p);
            sqlite3_bind_text(p, 1, "main", 4, SQLITE_STATIC);
            if (sqlite3_step(p) != SQLITE_ROW || sqlite3_column_int64(p, 0) != static_cast<std::int64_t>(c.n))
                throw std::runtime_error("probe");
            pns += ns_since(t0);
        }
        sqlite3_finalize(p);
        sqlite3_close(db2);
        fl.add("(not in the floor) SELECT count(*), max(version) WHERE chain = $1, C API", pns, runs);
        fl_total += 0;
        (void)rows;
    }
    sums::entry& out = st.at("upgrade(), outside the driver (inspection of the rows, report)");
    out.ns = st_total - (st.total() - out.ns);
    out.calls = runs;
    print_table("SQLite start-up check, N = " + std::to_string(c.n) + " (" + std::to_string(runs) + " runs)", st, st_total,
                fl, fl_total, runs, true);
}

#ifdef STRATA_BENCH_POSTGRES
void pg_apply(const chain_api& c, int runs) {
    const floor_plan& plan = plan_of(c, strata::dialect_id::postgres);
    sums st, fl;
    double st_total = 0, fl_total = 0, gen = 0;
    sums dr;
    double dr_total = 0;
    auto run_strata = [&] {
        pg_schema schema(tag("breakdown_strata", c.n));
        strata::postgres::connection db(schema.url());
        timing_driver td(db, st);
        const auto t0 = steady::now();
        const auto rep = c.upgrade(td);
        st_total += ns_since(t0);
        if (rep.migrations.size() != c.n) throw std::runtime_error("not every migration applied");
    };
    auto run_floor = [&] {
        pg_schema schema(tag("breakdown_floor", c.n));
        pg_client db(schema.url());
        const auto t0 = steady::now();
        pg_floor_apply(db, plan, probe{fl});
        fl_total += ns_since(t0);
    };
    auto run_driver = [&] {
        pg_schema schema(tag("breakdown_driver", c.n));
        strata::postgres::connection db(schema.url());
        const auto t0 = steady::now();
        driver_floor_apply(db, plan, dr);
        dr_total += ns_since(t0);
    };
    for (int r = 0; r < runs; ++r) {
        {
            const auto t0 = steady::now();
            const strata::generated_sql g = c.generate(strata::dialect_id::postgres);
            gen += ns_since(t0);
        }
        for (int k = 0; k < 3; ++k) {
            switch ((r + k) % 3) {
                case 0: run_strata(); break;
                case 1: run_floor(); break;
                default: run_driver(); break;
            }
        }
    }
    st.add("strata, outside the driver: generate_sql (measured apart)", gen, runs);
    st.add("strata, outside the driver: the rest", st_total - st.total(), runs);
    fl.add("floor, outside the probes", fl_total - fl.total(), runs);
    dr.add("floor, outside the probes", dr_total - dr.total(), runs);
    const std::string what = "N = " + std::to_string(c.n) + " (" + std::to_string(runs) + " runs)";
    print_table("PostgreSQL apply, " + what, st, st_total, fl, fl_total, runs, false);
    print_table("PostgreSQL apply, the floor's work through strata::postgres::connection (\"strata\" column, no migrator), " +
                    what,
                dr, dr_total, fl, fl_total, runs, false);
}

void pg_startup(const chain_api& c, int runs) {
    pg_schema schema(tag("breakdown_up_to_date", c.n));
    const std::string url = schema.url();
    {
        strata::postgres::connection db(url);
        if (c.upgrade(db).migrations.size() != c.n) throw std::runtime_error("not every migration applied");
    }
    sums st, fl;
    double st_total = 0, fl_total = 0;
    const std::string outside = "upgrade(), outside the driver (inspection of the rows, report)";
    for (int r = 0; r < runs; ++r) {
        {
            const auto t0 = steady::now();
            auto db = std::make_unique<strata::postgres::connection>(url);
            st.add("connect (strata: libpqxx connection and its nontransaction)", ns_since(t0));
            timing_driver td(*db, st);
            const auto rep = c.upgrade(td);
            if (rep.changed()) throw std::runtime_error("not up to date");
            const auto t2 = steady::now();
            db.reset();
            st.add("close", ns_since(t2));
            st.add(outside, 0, 0);
            st_total += ns_since(t0);
        }
        {
            const auto t0 = steady::now();
            auto db = std::make_unique<pg_client>(url);
            fl.add("connect (strata: libpqxx connection and its nontransaction)", ns_since(t0));
            const auto t1 = steady::now();
            const std::string v = db->exec(startup_floor_sql);
            fl.add("SELECT max(version)", ns_since(t1));
            const auto t2 = steady::now();
            db.reset();
            fl.add("close", ns_since(t2));
            fl_total += ns_since(t0);
            if (v != std::to_string(c.head)) throw std::runtime_error("not up to date");
        }
    }
    sums::entry& out = st.at(outside);
    out.ns = st_total - (st.total() - out.ns);
    out.calls = runs;
    print_table("PostgreSQL start-up check, N = " + std::to_string(c.n) + " (" + std::to_string(runs) + " runs)", st,
                st_total, fl, fl_total, runs, true);
}
#endif

}  // namespace
}  // namespace strata_bench

int main(int argc, char** argv) {
    using namespace strata_bench;
    std::size_t only_n = 0;
    std::string backend, what;
    int runs = 0, startup_runs = 300;  // runs 0: 6 for N <= 300, 2 above
    std::string make_db;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--n") only_n = std::stoul(next());
        else if (a == "--backend") backend = next();
        else if (a == "--what") what = next();
        else if (a == "--runs") runs = std::stoi(next());
        else if (a == "--startup-runs") startup_runs = std::stoi(next());
        else if (a == "--make-db") make_db = next();
        else {
            std::fprintf(stderr,
                         "usage: %s [--n N] [--backend sqlite|postgres] [--what apply|startup] [--runs K] [--startup-runs K]\n"
                         "       %s --n N --make-db FILE\n",
                         argv[0], argv[0]);
            return 2;
        }
    }
    try {
        for (const chain_api& c : chains()) {
            if (only_n && c.n != only_n) continue;
            const int k = runs > 0 ? runs : c.n <= 300 ? 6 : 2;
            if (!make_db.empty()) {
                strata::sqlite::connection db(make_db);
                const auto rep = c.upgrade(db);
                std::printf("%s: %zu migrations applied, at version %llu\n", make_db.c_str(), rep.migrations.size(),
                            static_cast<unsigned long long>(rep.to));
                return 0;
            }
            if (backend.empty() || backend == "sqlite") {
                if (what.empty() || what == "apply") sqlite_apply(c, k);
                if (what.empty() || what == "startup") sqlite_startup(c, startup_runs);
            }
#ifdef STRATA_BENCH_POSTGRES
            if ((backend.empty() || backend == "postgres")) {
                if (!pg_url()) std::fprintf(stderr, "STRATA_PG_URL is unset: no PostgreSQL breakdown\n");
                else {
                    if (what.empty() || what == "apply") pg_apply(c, k);
                    if (what.empty() || what == "startup") pg_startup(c, startup_runs);
                }
            }
#endif
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "breakdown: %s\n", e.what());
        return 1;
    }
    return 0;
}
