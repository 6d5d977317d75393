// compile-fail: a struct adapted with Hana, with no table annotation
// expect: strata: models<T[.][.][.]>: this struct names no table: give it a member using strata_table = table<Name, annotations[.][.][.]>, or specialise strata::table_of<T>
// expect: strata::diag::model<geo::point>
//
// point is adapted from outside (BOOST_HANA_ADAPT_STRUCT) and has no strata::table_of<point>;
// `user` has its table as a member.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

namespace geo {
struct point {
    std::int64_t id;
    double x, y;
};
}  // namespace geo
BOOST_HANA_ADAPT_STRUCT(geo::point, id, x, y);
using geo::point;

struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id));
    using strata_table = table<"users", key<"id">>;
};

using history = strata::chain<strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>>>>;
static_assert(strata::matches<history, strata::models<user>>);

#ifndef STRATA_CONTROL
static_assert(strata::matches<history, strata::models<user, point>>);
#endif
