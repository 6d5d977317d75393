// quickstart: a migration history declared next to the code, checked by the compiler, with
// the SQL of every step generated at compile time for SQLite and PostgreSQL.
// (Applying it to a database at start-up is the runtime's job: strata::migrator, next.)
#include <cstdio>
#include <string_view>

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

constexpr std::string_view m3_up = strata::sql<strata::sqlite, m3>::up;        // compile time
constexpr std::string_view m3_down = strata::sql<strata::postgres, m3>::down;  // derived

int main() {
    std::printf("history: %zu migrations, head %llu\n", static_cast<std::size_t>(history::size),
                static_cast<unsigned long long>(history::head));
    std::printf("plan (sqlite):\n");
    for (const strata::migration_sql& m : strata::chain_sql<strata::sqlite, history>::migrations)
        std::printf("-- %llu %.*s  checksum %016llx%s\n%s", static_cast<unsigned long long>(m.version),
                    static_cast<int>(m.name.size()), m.name.data(), static_cast<unsigned long long>(m.checksum),
                    m.reversible ? "" : "  (irreversible)", m.up_sql().c_str());
    std::printf("\nm3 up (sqlite):\n");
    std::fwrite(m3_up.data(), 1, m3_up.size(), stdout);
    std::printf("m3 down (postgres):\n");
    std::fwrite(m3_down.data(), 1, m3_down.size(), stdout);
    return m3_up.empty() || m3_down.empty();
}
