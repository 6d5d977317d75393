// compile-fail: a model member of another C++ type than its column's at that state
// expect: strata: typed rows: a model member's C[+][+] type is not its column's at this schema state [(]schema_state::cpp_type, strata::cpp_type_of[)]: change the member's type, or read at the state whose column it is
// expect: strata::diag::typed_row<visit, strata::diag::name<(strata::fixed_string<7>[{].visits.[}]|'v', 'i', 's', 'i', 't', 's')>, strata::diag::name<(strata::fixed_string<6>[{].count.[}]|'c', 'o', 'u', 'n', 't')>, strata::diag::at_version<2>
//
// count became a bigint (std::int64_t) in migration 2; the struct still says std::int32_t.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/rows.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "visits",
    create_table<"visits", column<"id", bigint, primary_key>, column<"count", integer, not_null>>>;
using m2 = strata::migration<2, "wider", alter_column<"visits", "count", set_type<bigint>>>;
using history = strata::chain<m1, m2>;

struct visit {
    BOOST_HANA_DEFINE_STRUCT(visit, (std::int64_t, id), (std::int32_t, count));
    using strata_table = table<"visits", key<"id">>;
};

void record(strata::session& s) {
    strata::insert<history::schema_at<1>>(s, visit{1, 3});
#ifndef STRATA_CONTROL
    strata::insert<history::schema>(s, visit{2, 4});
#endif
}

int main() {}
