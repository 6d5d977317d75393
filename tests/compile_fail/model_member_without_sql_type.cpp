// compile-fail: a member whose C++ type has no SQL type, and no field<member, type>
// expect: strata: this member's C[+][+] type has no SQL type: name one with field<member, type>
// expect: strata::diag::member<counter, strata::diag::name<(strata::fixed_string<5>[{].hits.[}]|'h', 'i', 't', 's')>
//
// std::uint32_t: SQL has no unsigned integer. The control names the column's type (bigint).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

struct counter {
    BOOST_HANA_DEFINE_STRUCT(counter, (std::int64_t, id), (std::uint32_t, hits));
#ifndef STRATA_CONTROL
    using strata_table = table<"counters", key<"id">>;
#else
    using strata_table = table<"counters", key<"id">, field<"hits", bigint>>;
#endif
};

using history = strata::chain<strata::migration<1, "counters",
    create_table<"counters", column<"id", bigint, primary_key>, column<"hits", bigint, not_null>>>>;
static_assert(strata::matches<history, strata::models<counter>>);
