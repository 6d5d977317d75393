// The state finds a table's columns through a hash map keyed by (table, name without case)
// (detail/core/state.hpp, column_map): every way a column's name or table changes must keep
// that map right. Each case is a chain that is valid only if lookups after the change find what
// the change left (a stale entry, one left behind or one missing, makes it invalid or reports
// the wrong rule).
#include <strata/strata.hpp>

using namespace strata::dsl;
using strata::chain;
using strata::chain_error;
using strata::error_kind;
using strata::migration;
using strata::valid_chain;

namespace {

using users = migration<1, "users", create_table<"users", column<"id", bigint, primary_key>, column<"name", text>,
                                                 column<"email", text>>>;

// A renamed column is found under its new name only.
namespace renamed {
using m2 = migration<2, "rename", rename_column<"users", "name", "full_name">>;
using m3 = migration<3, "alter", alter_column<"users", "full_name", set_not_null>>;
using m3_old = migration<3, "alter", alter_column<"users", "name", set_not_null>>;
using m4 = migration<4, "reuse", add_column<"users", column<"name", varchar<10>>>>;
static_assert(valid_chain<chain<users, m2, m3, m4>>);
static_assert(chain_error<chain<users, m2, m3_old>> == error_kind::column_does_not_exist);
static_assert(chain<users, m2, m3, m4>::schema::has_column<"users", "full_name">);
static_assert(chain<users, m2, m3, m4>::schema::has_column<"users", "name">);
// The new name is taken without case as well.
using twin = migration<3, "twin", add_column<"users", column<"FULL_NAME", text>>>;
static_assert(chain_error<chain<users, m2, twin>> == error_kind::name_differs_only_in_case);
// Renamed twice, back to where it was.
using back = migration<3, "back", rename_column<"users", "full_name", "name">>;
using m4b = migration<4, "use", alter_column<"users", "name", set_not_null>>;
static_assert(valid_chain<chain<users, m2, back, m4b>>);
// Only a case change.
using upper = migration<2, "upper", rename_column<"users", "name", "Name">>;
using m3u = migration<3, "use", alter_column<"users", "Name", set_not_null>>;
static_assert(valid_chain<chain<users, upper, m3u>>);
}  // namespace renamed

// A dropped column is gone: its name, in any case, is free again.
namespace dropped {
using m2 = migration<2, "drop", drop_column<"users", "email">>;
using m3 = migration<3, "readd", add_column<"users", column<"EMAIL", text>>>;
using m3_alter = migration<3, "alter", alter_column<"users", "email", set_not_null>>;
static_assert(valid_chain<chain<users, m2, m3>>);
static_assert(chain_error<chain<users, m2, m3_alter>> == error_kind::column_does_not_exist);
}  // namespace dropped

// A dropped table's columns go with it; a new table of the same name starts empty.
namespace table_dropped {
using m2 = migration<2, "drop", drop_table<"users">>;
using m3 = migration<3, "again", create_table<"users", column<"id", bigint, primary_key>>>;
using m4 = migration<4, "name", add_column<"users", column<"Name", text>>>;
using m4_alter = migration<4, "alter", alter_column<"users", "name", set_not_null>>;
static_assert(valid_chain<chain<users, m2, m3, m4>>);
static_assert(chain_error<chain<users, m2, m3, m4_alter>> == error_kind::column_does_not_exist);
}  // namespace table_dropped

// A renamed table keeps its columns; names are per table.
namespace table_renamed {
using m2 = migration<2, "rename", rename_table<"users", "people">>;
using m3 = migration<3, "use", alter_column<"people", "email", set_not_null>, drop_column<"people", "name">>;
using posts = migration<4, "posts", create_table<"posts", column<"id", bigint, primary_key>, column<"NAME", text>,
                                                 column<"Email", text>>>;
static_assert(valid_chain<chain<users, m2, m3, posts>>);
static_assert(chain_error<chain<users, m2, m3, posts, migration<5, "dup", add_column<"posts", column<"email", text>>>>> ==
              error_kind::name_differs_only_in_case);
}  // namespace table_renamed

// A wide table, built, renamed, dropped and re-added across migrations: every lookup still
// finds its column (the map's probe runs wrap and pass tombstones).
namespace wide {
using w1 = migration<1, "wide", create_table<"w", column<"id", bigint, primary_key>, column<"c1", text>, column<"c2", text>,
                                             column<"c3", text>, column<"c4", text>, column<"c5", text>, column<"c6", text>,
                                             column<"c7", text>, column<"c8", text>, column<"c9", text>, column<"c10", text>>>;
using w2 = migration<2, "churn", drop_column<"w", "c1">, drop_column<"w", "c2">, drop_column<"w", "c3">,
                     rename_column<"w", "c4", "c1">, rename_column<"w", "c5", "c2">, add_column<"w", column<"c3", text>>,
                     add_column<"w", column<"c4", text>>, add_column<"w", column<"c5", text>>>;
using w3 = migration<3, "use", alter_column<"w", "c1", set_not_null>, alter_column<"w", "c2", set_not_null>,
                     alter_column<"w", "c3", set_not_null>, alter_column<"w", "c4", set_not_null>,
                     alter_column<"w", "c5", set_not_null>, alter_column<"w", "c10", set_not_null>>;
static_assert(valid_chain<chain<w1, w2, w3>>);
using dup = migration<3, "dup", add_column<"w", column<"C1", text>>>;
static_assert(chain_error<chain<w1, w2, dup>> == error_kind::name_differs_only_in_case);
}  // namespace wide

}  // namespace

int main() {}
