// compile-fail: two field<...> annotations for one member
// expect: strata: a model has two field<[.][.][.]> annotations for one member: merge them
// expect: strata::diag::member<user, strata::diag::name<(strata::fixed_string<6>[{].email.[}]|'e', 'm', 'a', 'i', 'l')>
//
// The control build (-DSTRATA_CONTROL) is this file without the offending use: one
// field<"email", varchar<320>, unique>.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id), (std::string, email));
#ifndef STRATA_CONTROL
    using strata_table = table<"users", key<"id">, field<"email", varchar<320>>, field<"email", unique>>;
#else
    using strata_table = table<"users", key<"id">, field<"email", varchar<320>, unique>>;
#endif
};

using history = strata::chain<strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<320>, not_null, unique>>>>;
static_assert(strata::matches<history, strata::models<user>>);
