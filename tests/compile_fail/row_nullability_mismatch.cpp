// compile-fail: a plain member for a nullable column (NULL would have nowhere to go)
// expect: strata: typed rows: a model member is a std::optional and its column NOT NULL at this schema state, or the other way round: a nullable column needs a std::optional member
// expect: strata::diag::typed_row<user_without_nulls, strata::diag::name<(strata::fixed_string<6>[{].users.[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<5>[{].nick.[}]|'n', 'i', 'c', 'k')>, strata::diag::at_version<1>
//
// nick is nullable text: its member must be a std::optional<std::string>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/rows.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"nick", text>>>;
using history = strata::chain<m1>;

struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id), (std::optional<std::string>, nick));
    using strata_table = table<"users", key<"id">>;
};
struct user_without_nulls {
    BOOST_HANA_DEFINE_STRUCT(user_without_nulls, (std::int64_t, id), (std::string, nick));
    using strata_table = table<"users", key<"id">>;
};

void each_user(strata::session& s) {
    strata::for_each<user, history::schema>(s, [](const user&) {});
#ifndef STRATA_CONTROL
    strata::for_each<user_without_nulls, history::schema>(s, [](const user_without_nulls&) {});
#endif
}

int main() {}
