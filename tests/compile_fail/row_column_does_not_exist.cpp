// compile-fail: a model read at a schema state whose table lacks one of its members' columns
// expect: strata: typed rows: the table, or a column a model member or a selected column names, does not exist in the schema state the rows are read or written at
// expect: strata::diag::typed_row<user, strata::diag::name<(strata::fixed_string<6>[{].users.[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<4>[{].bio.[}]|'b', 'i', 'o')>, strata::diag::at_version<1>
//
// bio comes with migration 2: a data step that sees version 1 cannot read it.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/rows.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>>>;
using m2 = strata::migration<2, "bio", add_column<"users", column<"bio", text>>>;
using history = strata::chain<m1, m2>;

struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id), (std::optional<std::string>, bio));
    using strata_table = table<"users", key<"id">>;
};

void read_users(strata::session& s) {
    [[maybe_unused]] const auto now = strata::select<user, history::schema>(s);
#ifndef STRATA_CONTROL
    [[maybe_unused]] const auto then = strata::select<user, history::schema_at<1>>(s);
#endif
}

int main() {}
