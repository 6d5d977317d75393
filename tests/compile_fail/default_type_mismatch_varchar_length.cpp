// compile-fail: a string default longer than its varchar<N> column
// expect: strata: the default value does not fit the column type
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"code"[}]|'c', 'o', 'd', 'e')>, strata::diag::name<(strata::fixed_string<7>[{]"EUR-01"[}]|'E', 'U', 'R', '-', '0', '1')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"code"[}]|'c', 'o', 'd', 'e')>
//
// PostgreSQL refuses DEFAULT 'EUR-01' on a VARCHAR(3) when the statement runs (SQLite would
// keep it); the chain refuses it first. Lengths are characters, as PostgreSQL counts them:
// "été" is 5 bytes and fits varchar<3> (`good`).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "prices", create_table<"prices", column<"id", bigint, primary_key>>>;
using good = strata::chain<m1, strata::migration<2, "code", add_column<"prices", column<"code", varchar<3>, default_value<"été">>>>,
                           strata::migration<3, "seed", seed<"prices", columns<"id", "code">, values<1, "été">>>>;
static_assert(strata::valid_chain<good>);
using bad = strata::chain<m1, strata::migration<2, "code", add_column<"prices", column<"code", varchar<3>, default_value<"EUR-01">>>>>;
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::default_type_mismatch);
using fixed = strata::chain<m1, strata::migration<2, "code", add_column<"prices", column<"code", character<3>, default_value<"EURO">>>>>;
static_assert(strata::chain_error<fixed> == strata::error_kind::default_type_mismatch);
using long_seed = strata::chain<m1, strata::migration<2, "code", add_column<"prices", column<"code", varchar<3>>>>,
                                strata::migration<3, "seed", seed<"prices", columns<"id", "code">, values<1, "étés">>>>;
static_assert(strata::chain_error<long_seed> == strata::error_kind::seed_value_mismatch);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
