// cli: the migration verbs inside the application's own binary. `cli db <verb>` is strata's
// (upgrade, downgrade, current, history, status, sql, verify, baseline, repair, diagram, diff);
// anything else is the application, which migrates at start-up.
//   cli db upgrade --database sqlite:app.db
//   cli db sql --dialect postgres --from 1 --to 3
//   cli db diagram --format mermaid
//   cli serve sqlite:app.db
// Run by CTest through examples/cli.test.sh, which checks each verb's output and exit code.
#include <cstdio>
#include <string_view>

#include <strata/cli.hpp>
#if __has_include(<pqxx/pqxx>)
#include <strata/postgres.hpp>  // --database postgresql://...
#endif
#include <strata/sqlite.hpp>  // --database sqlite:PATH
#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>
#include <strata/strata.hpp>
#include <strata/target_schema.hpp>

using namespace strata::dsl;

void seed_roles(strata::session& s) {
    for (const char* role : {"admin", "editor", "reader"}) s.execute("INSERT INTO \"roles\" (\"name\") VALUES ($1)", role);
}
void unseed_roles(strata::session& s) { s.execute("DELETE FROM \"roles\""); }

// A background backfill: idempotent, in batches, stops when asked.
void lowercase_emails(strata::session& s, strata::stop_token stop) {
    while (!stop.stop_requested()) {
        const auto left = s.query_value<std::int64_t>("SELECT count(*) FROM \"users\" WHERE \"email_key\" IS NULL");
        if (left == 0) return;
        s.execute("UPDATE \"users\" SET \"email_key\" = lower(\"email\") WHERE \"id\" IN "
                  "(SELECT \"id\" FROM \"users\" WHERE \"email_key\" IS NULL LIMIT 500)");
    }
}

using m1 = strata::migration<1, "create users",
    create_table<"users",
        column<"id", bigint, primary_key>,
        column<"email", text, not_null, unique>>>;
using m2 = strata::migration<2, "roles",
    create_table<"roles", column<"name", text, primary_key>>,
    add_column<"users", column<"role", text, references<"roles", "name">>>>;
using m3 = strata::migration<3, "seed roles", run<seed_roles, unseed_roles>>;
using m4 = strata::migration<4, "email keys",
    add_column<"users", column<"email_key", text>>,
    create_index<"users_email_key_idx", "users", "email_key">,
    background<lowercase_emails>>;
using history = strata::chain<m1, m2, m3, m4>;

// The schema the code wants next (autogenerate): one column more than the head. `cli db diff`
// prints the migration that gets there; once it is in the chain,
// static_assert(strata::matches<history, target>) holds (CI would assert it).
using target = strata::target_schema<
    create_table<"roles", column<"name", text, primary_key>>,
    create_table<"users",
        column<"id", bigint, primary_key>,
        column<"email", text, not_null, unique>,
        column<"role", text, references<"roles", "name">>,
        column<"email_key", text>,
        column<"last_login", timestamptz>>,
    create_index<"users_email_key_idx", "users", "email_key">>;
static_assert(strata::difference_count<history, target> == 1);

int main(int argc, char** argv) try {
    if (argc > 1 && std::string_view(argv[1]) == "db") return strata::cli::run<history, target>(argc - 1, argv + 1, {.program = "cli db"});

    // The application: migrate at start-up, background steps while it "serves".
    const char* url = argc > 2 && std::string_view(argv[1]) == "serve" ? argv[2] : "sqlite:cli.db";
    auto db = strata::open_database(url);
    auto started = strata::migrate_on_startup<history>(*db, {.version = "1.0.0"});
    std::printf("serving at version %llu\n", static_cast<unsigned long long>(started.migrations.to));
    const strata::background_report b = started.background.wait();  // (a real server would serve here)
    return b.ok() ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
}
