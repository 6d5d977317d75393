// compile-fail: an insert whose model leaves out a NOT NULL column without a default
// expect: strata: typed rows: insert leaves out a NOT NULL column that has no default at this schema state, so the INSERT would fail: give the model a member for it, or the column a default
// expect: strata::diag::typed_row<signup, strata::diag::name<(strata::fixed_string<6>[{].users.[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{].email.[}]|'e', 'm', 'a', 'i', 'l')>, strata::diag::at_version<2>
//
// email became NOT NULL (without a default) in migration 2; the signup model has no member for
// it, so its INSERT would fail on every row. Selecting with the same model stays fine, and so
// do the columns the database fills: the key, a column with a default, a nullable one.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/rows.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"email", text>,
                 column<"score", integer, not_null, default_value<0>>, column<"bio", text>>>;
using m2 = strata::migration<2, "email required", alter_column<"users", "email", set_not_null>>;
using history = strata::chain<m1, m2>;

struct signup {
    BOOST_HANA_DEFINE_STRUCT(signup, (std::string, name));
    using strata_table = table<"users", key<"id">>;
};
struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::string, name), (std::string, email));
    using strata_table = table<"users", key<"id">>;
};

void add_users(strata::session& s) {
    strata::insert<history::schema_at<1>>(s, signup{"ann"});  // email was nullable then
    strata::insert<history::schema>(s, user{"bob", "bob@example.com"});
    (void)strata::select<signup, history::schema>(s);
#ifndef STRATA_CONTROL
    strata::insert<history::schema>(s, signup{"cy"});
#endif
}

int main() {}
