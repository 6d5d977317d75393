// compile-fail: field<member, type> names an SQL type that holds another C++ type
// expect: strata: field<member, type>: this SQL type holds another C[+][+] type than the member [(]strata::cpp_type_of[)]
// expect: strata::diag::member<user, strata::diag::name<(strata::fixed_string<4>[{].age.[}]|'a', 'g', 'e')>
//
// age is a std::int32_t (integer); text holds a std::string.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

struct user {
    BOOST_HANA_DEFINE_STRUCT(user, (std::int64_t, id), (std::int32_t, age));
#ifndef STRATA_CONTROL
    using strata_table = table<"users", key<"id">, field<"age", text>>;
#else
    using strata_table = table<"users", key<"id">, field<"age", check<"age >= 0">>>;
#endif
};

using history = strata::chain<strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"age", integer, not_null, check<"age >= 0">>>>>;
static_assert(strata::matches<history, strata::models<user>>);
