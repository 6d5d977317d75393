// compile-fail: a member of a composite primary key declared std::optional
// expect: strata: a primary key member cannot be a std::optional
// expect: strata::diag::member<order_line, strata::diag::name<(strata::fixed_string<9>[{].order_id.[}]|'o', 'r', 'd', 'e', 'r', '_', 'i', 'd')>
//
// key<"order_id", "line">: both members are the key (a primary_key_constraint), neither may be
// nullable. The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/model.hpp>

using namespace strata::dsl;

struct order_line {
#ifndef STRATA_CONTROL
    BOOST_HANA_DEFINE_STRUCT(order_line, (std::optional<std::int64_t>, order_id), (std::int32_t, line));
#else
    BOOST_HANA_DEFINE_STRUCT(order_line, (std::int64_t, order_id), (std::int32_t, line));
#endif
    using strata_table = table<"order_lines", key<"order_id", "line">>;
};

using history = strata::chain<strata::migration<1, "order lines",
    create_table<"order_lines", column<"order_id", bigint, not_null>, column<"line", integer, not_null>,
                 primary_key_constraint<"order_id", "line">>>>;
static_assert(strata::matches<history, strata::models<order_line>>);
