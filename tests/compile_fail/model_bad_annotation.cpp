// compile-fail: a table<...> argument that is no model annotation
// expect: strata: table<Name, [.][.][.]>: every argument after the name must be key<members[.][.][.]>, field<member, [.][.][.]>, index_on<Name, members[.][.][.]>
// expect: strata::diag::model<user, strata::dsl::unique>
//
// `unique` is a column constraint: it goes in the member's field<"email", unique>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id), (std::string, email));
#ifndef STRATA_CONTROL
    using strata_table = table<"users", key<"id">, unique>;
#else
    using strata_table = table<"users", key<"id">, field<"email", unique>>;
#endif
};

using history = strata::chain<strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null, unique>>>>;
static_assert(strata::matches<history, strata::models<user>>);
