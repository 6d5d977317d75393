// compile-fail: models<T...> with a T that Boost.Hana does not know as a struct
// expect: strata: models<T[.][.][.]>: each T must be a struct adapted with BOOST_HANA_DEFINE_STRUCT or BOOST_HANA_ADAPT_STRUCT
// expect: strata::diag::model<legacy_row>
//
// legacy_row is a plain struct: strata cannot read its members. `user` is adapted.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

struct legacy_row {
    std::int64_t id;
};
struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id));
    using strata_table = table<"users", key<"id">>;
};

using history = strata::chain<strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>>>>;
static_assert(strata::matches<history, strata::models<user>>);

#ifndef STRATA_CONTROL
static_assert(strata::matches<history, strata::models<user, legacy_row>>);
#endif
