// compile-fail: a primary key member declared std::optional
// expect: strata: a primary key member cannot be a std::optional
// expect: strata::diag::member<user, strata::diag::name<(strata::fixed_string<3>[{].id.[}]|'i', 'd')>
//
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

struct user {
#ifndef STRATA_CONTROL
    BOOST_HANA_DEFINE_STRUCT(user, (std::optional<std::int64_t>, id), (std::string, email));
#else
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id), (std::string, email));
#endif
    using strata_table = table<"users", key<"id">>;
};

using history = strata::chain<strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>>>>;
static_assert(strata::matches<history, strata::models<user>>);
