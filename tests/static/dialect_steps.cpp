// Per-dialect steps and no-op downs (issue 10, point 5):
// - execute_per_dialect<sqlite_sql<up, down>, postgres_sql<up, down>> sends each dialect its own
//   text (sql_for<strata::sqlite, up, down> is the long spelling);
// - a down that is strata::dsl::nothing (or "") sends nothing: no statement, one step of kind
//   `nothing` that plan() shows, and the migration stays reversible;
// - the checksum of each dialect follows its own text only.
#include <strata/strata.hpp>

#include <string_view>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>, column<"stamp", bigint>>>;
using m2 = strata::migration<2, "stamp",
                             execute_per_dialect<sqlite_sql<"UPDATE users SET stamp = unixepoch()", "UPDATE users SET stamp = NULL">,
                                                 postgres_sql<"UPDATE users SET stamp = extract(epoch FROM now())", nothing>>>;
using m3 = strata::migration<3, "backfill", execute<"UPDATE users SET stamp = 0 WHERE stamp IS NULL", nothing>>;
using m4 = strata::migration<4, "empty_down", execute<"UPDATE users SET stamp = 1 WHERE stamp = 0", "">>;
using history = strata::chain<m1, m2, m3, m4>;
static_assert(strata::valid_chain<history>);

constexpr const auto& lite = strata::chain_sql<strata::sqlite, history>::migrations;
constexpr const auto& pg = strata::chain_sql<strata::postgres, history>::migrations;

// each dialect its own text
static_assert(lite[1].up_steps.size() == 1 && lite[1].up_steps[0].kind == strata::step_kind::sql);
static_assert(lite[1].up_steps[0].fragments.size() == 1 &&
              lite[1].up_steps[0].fragments[0] == std::string_view("UPDATE users SET stamp = unixepoch()"));
static_assert(lite[1].down_steps.size() == 1 &&
              lite[1].down_steps[0].fragments[0] == std::string_view("UPDATE users SET stamp = NULL"));
static_assert(pg[1].up_steps.size() == 1 &&
              pg[1].up_steps[0].fragments[0] == std::string_view("UPDATE users SET stamp = extract(epoch FROM now())"));

// a no-op down: one step of kind nothing, no text, still reversible
constexpr bool no_op_down(const strata::migration_sql& m) {
    return m.reversible && m.down_steps.size() == 1 && m.down_steps[0].kind == strata::step_kind::nothing &&
           m.down_steps[0].fragments.empty();
}
static_assert(no_op_down(pg[1]));
static_assert(no_op_down(lite[2]) && no_op_down(pg[2]));
static_assert(no_op_down(lite[3]) && no_op_down(pg[3]));  // "" is nothing too
static_assert(lite[2].up_steps.size() == 1 &&
              lite[2].up_steps[0].fragments[0] == std::string_view("UPDATE users SET stamp = 0 WHERE stamp IS NULL"));

// The checksum of a dialect follows its own statements: changing PostgreSQL's text leaves
// SQLite's checksum as it was.
using m2_other_pg = strata::migration<2, "stamp",
                                      execute_per_dialect<sqlite_sql<"UPDATE users SET stamp = unixepoch()", "UPDATE users SET stamp = NULL">,
                                                          postgres_sql<"UPDATE users SET stamp = 0", nothing>>>;
using history_other_pg = strata::chain<m1, m2_other_pg, m3, m4>;
constexpr const auto& lite_other = strata::chain_sql<strata::sqlite, history_other_pg>::migrations;
constexpr const auto& pg_other = strata::chain_sql<strata::postgres, history_other_pg>::migrations;
static_assert(lite_other[1].checksum == lite[1].checksum);
static_assert(pg_other[1].checksum != pg[1].checksum);

// The long spelling is the same operation.
using m2_long = strata::migration<2, "stamp",
                                  execute_per_dialect<sql_for<strata::sqlite, "UPDATE users SET stamp = unixepoch()", "UPDATE users SET stamp = NULL">,
                                                      sql_for<strata::postgres, "UPDATE users SET stamp = extract(epoch FROM now())", nothing>>>;
static_assert(strata::chain_sql<strata::sqlite, strata::chain<m1, m2_long>>::migrations[1].checksum == lite[1].checksum);
static_assert(strata::chain_sql<strata::postgres, strata::chain<m1, m2_long>>::migrations[1].checksum == pg[1].checksum);

// Only one dialect's text: a valid chain (the chain check is dialect-free); its SQLite SQL is
// generated, its PostgreSQL SQL is refused (compile_fail/no_sql_for_dialect.cpp).
using m2_lite_only = strata::migration<2, "stamp", execute_per_dialect<sqlite_sql<"UPDATE users SET stamp = 1", nothing>>>;
using lite_only = strata::chain<m1, m2_lite_only>;
static_assert(strata::valid_chain<lite_only>);
static_assert(strata::chain_sql<strata::sqlite, lite_only>::migrations[1].up_steps[0].fragments[0] ==
              std::string_view("UPDATE users SET stamp = 1"));

int main() {}
