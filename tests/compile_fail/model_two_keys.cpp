// compile-fail: a model with two key<...> annotations
// expect: strata: a model has two key<[.][.][.]> annotations: name every member of its primary key in one key<[.][.][.]>
// expect: strata::diag::model<user, strata::dsl::key<.*("email"|101, 109, 97, 105, 108, 0)
//
// The second key was ignored: the model matched a chain whose key is "id" alone. The control
// build (-DSTRATA_CONTROL) is this file without the offending use: one key and a unique field.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id), (std::string, email));
#ifndef STRATA_CONTROL
    using strata_table = table<"users", key<"id">, key<"email">>;
#else
    using strata_table = table<"users", key<"id">, field<"email", unique>>;
#endif
};

using history = strata::chain<strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null, unique>>>>;
static_assert(strata::matches<history, strata::models<user>>);
