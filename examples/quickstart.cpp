// quickstart: a migration history declared next to the code, checked by the compiler, and
// applied to a SQLite file at start-up. Run it twice: the second run finds it up to date.
//   quickstart [database file]   (default: quickstart.db in the current directory)
// expect-second-run: is up to date at version 4
#include <cstdio>
#include <string>
#include <string_view>

#include <strata/sqlite.hpp>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create users",
    create_table<"users",
        column<"id", bigint, primary_key>,
        column<"email", text, not_null, unique>,
        column<"created_at", timestamp, not_null, default_sql<"CURRENT_TIMESTAMP">>>>;

using m2 = strata::migration<2, "add display name",
    add_column<"users", column<"display_name", text>>>;

using m3 = strata::migration<3, "posts",
    create_table<"posts",
        column<"id", bigint, primary_key>,
        column<"author_id", bigint, not_null, references<"users", "id", on_delete_cascade>>,
        column<"body", text, not_null>>,
    create_index<"posts_author_idx", "posts", "author_id">>;

using m4 = strata::migration<4, "rename display name",
    rename_column<"users", "display_name", "name">>;

using history = strata::chain<m1, m2, m3, m4>;

// What CI proves on every build: the history is valid and leads to the schema the code uses.
static_assert(history::head == 4);
static_assert(history::schema::has_column<"users", "name">);
static_assert(!history::schema_at<1>::has_table<"posts">);
using email_t = history::schema::cpp_type<"users", "email">;  // std::string
static_assert(std::is_same_v<email_t, std::string>);

// The SQL is there at compile time too, for review or a DBA: strata::sql<dialect, migration>.
static_assert(strata::sql<strata::sqlite, m3>::up.starts_with("CREATE TABLE \"posts\""));

int main(int argc, char** argv) try {
    const std::string path = argc > 1 ? argv[1] : "quickstart.db";
    strata::sqlite::connection db{path};

    // Pending migrations, each in its own transaction; logs one line a migration to stderr.
    // STRATA_AUTO_MIGRATE=false skips it (and says so).
    const strata::startup_report started = strata::migrate_on_startup<history>(db);
    const strata::run_report& report = started.migrations;
    std::printf("%s: version %llu -> %llu, %zu migrations applied\n", path.c_str(),
                static_cast<unsigned long long>(report.from), static_cast<unsigned long long>(report.to),
                report.migrations.size());

    strata::migrator<history> m{db};

    const strata::status_report st = m.status();
    for (const strata::applied_migration& a : st.applied)
        std::printf("  %llu %-20s applied %s (%lld ms)\n", static_cast<unsigned long long>(a.version), a.name.c_str(),
                    a.applied_at.c_str(), static_cast<long long>(a.duration.count()));
    std::printf(st.up_to_date() ? "up to date at version %llu\n" : "NOT up to date (version %llu)\n",
                static_cast<unsigned long long>(st.current));

    // The live schema is the one the compiler computed for this version.
    const strata::verify_report v = m.verify();
    if (!v.ok()) std::fprintf(stderr, "%s", v.text().c_str());
    return st.up_to_date() && v.ok() ? 0 : 1;
} catch (const strata::migration_error&) {
    return 1;  // refused or failed: the migrator's log has said why, once
} catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
}
