// pg_service: a service on PostgreSQL, several instances started at once (Quart-DB on
// PostgreSQL): the advisory lock lets one of them apply each migration while the others wait
// and find it done; then every instance serves while a background backfill fills a new column
// in batches on its own connection (idempotent, so instances running it together are fine).
//   pg_service postgresql://...        (libpq URL; ?options=-csearch_path%3Dschema to pick a schema)
// Run by CTest through examples/pg_service.test.sh, which starts four instances together.
#include <unistd.h>

#include <cstdio>
#include <string>

#include <strata/postgres.hpp>
#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

void fill_events(strata::session& s) {
    s.execute("INSERT INTO \"events\" (\"id\", \"kind\") SELECT g, (ARRAY['click', 'view', 'buy'])[1 + g % 3] "
              "FROM generate_series(1, 30000) AS g");
}
void empty_events(strata::session& s) { s.execute("DELETE FROM \"events\""); }

void backfill_kind_codes(strata::session& s, strata::stop_token stop) {
    while (!stop.stop_requested()) {
        const auto next = s.query_value<std::optional<std::int64_t>>("SELECT min(\"id\") FROM \"events\" WHERE \"kind_code\" IS NULL");
        if (!next) return;
        s.execute("UPDATE \"events\" SET \"kind_code\" = CASE \"kind\" WHEN 'click' THEN 1 WHEN 'view' THEN 2 ELSE 3 END "
                  "WHERE \"id\" >= $1 AND \"id\" < $2 AND \"kind_code\" IS NULL",
                  *next, *next + 2000);
    }
}

using m1 = strata::migration<1, "events",
    create_table<"events", column<"id", bigint, primary_key>, column<"kind", text, not_null>>>;
using m2 = strata::migration<2, "fill events", run<fill_events, empty_events>>;
using m3 = strata::migration<3, "kind codes", add_column<"events", column<"kind_code", smallint>>, background<backfill_kind_codes>>;
// Built without locking the table's writes: outside a transaction, dirty until done.
using m4 = strata::migration<4, "kind code index", create_index_concurrently<"events_kind_code_idx", "events", "kind_code">>;
using history = strata::chain<m1, m2, m3, m4>;

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::fprintf(stderr, "usage: pg_service postgresql://...\n");
        return 2;
    }
    strata::postgres::connection db{argv[1]};
    auto started = strata::migrate_on_startup<history>(db, {.log = strata::log_nowhere, .version = "1.0.0"});
    std::printf("instance %d: applied %zu migrations, at version %llu, background %s\n", static_cast<int>(::getpid()),
                started.migrations.migrations.size(), static_cast<unsigned long long>(started.migrations.to),
                started.background.started() ? "started" : "not needed");
    // ... serve; here the instance waits for its backfill, as a shutdown would after draining ...
    const strata::background_report b = started.background.wait();
    if (!b.ok()) {
        std::fprintf(stderr, "%s\n", b.error.c_str());
        return 1;
    }
    std::printf("instance %d: background steps completed: %zu\n", static_cast<int>(::getpid()), b.completed.size());
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
}
