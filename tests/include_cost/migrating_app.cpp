// A unit that migrates a chain, prints its SQL, checks its schema and serves its CLI, as an
// application's main unit does: with STRATA_SEPARATE_COMPILATION none of the state code it
// needs (the SQL generator, verify's facts, the diagram) is compiled here, but once in
// strata::runtime (detail/sql/runtime_state.hpp); header-only, the control, it is.
#include <strata/cli.hpp>
#include <strata/sqlite.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

using history = strata::chain<
    strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>>>,
    strata::migration<2, "posts", create_table<"posts", column<"id", bigint, primary_key>, column<"user_id", bigint, references<"users", "id">>>,
                      create_index<"posts_user", "posts", "user_id">>>;

int main(int argc, char** argv) {
    if (argc > 2) return strata::cli::run<history>(argc - 1, argv + 1, {.program = "app db", .database = "sqlite:app.db"});
    strata::sqlite::connection db{argc > 1 ? argv[1] : ":memory:"};
    auto m = strata::migrator<history>(db);
    m.upgrade();
    return m.verify().ok() ? 0 : 1;
}
