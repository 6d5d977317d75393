// compile-fail: an annotation names a member the struct does not have
// expect: strata: a model annotation [(]key, field, index_on, unique_index_on[)] names a member the struct does not have
// expect: strata::diag::member<user, strata::diag::name<(strata::fixed_string<6>[{].emial.[}]|'e', 'm', 'i', 'a', 'l')>
//
// field<"emial", ...>: a typo of "email".
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id), (std::string, email));
#ifndef STRATA_CONTROL
    using strata_table = table<"users", key<"id">, field<"emial", varchar<320>>>;
#else
    using strata_table = table<"users", key<"id">, field<"email", varchar<320>>>;
#endif
};

using history = strata::chain<strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<320>, not_null>>>>;
static_assert(strata::matches<history, strata::models<user>>);
