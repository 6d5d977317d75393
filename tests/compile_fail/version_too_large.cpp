// compile-fail: a version of 2^63 or more
// expect: strata: a migration version must be below 2\^63 [(]9223372036854775808[)]: the tracking table stores it in a signed 64-bit BIGINT
// expect: >, strata::diag::name<(strata::fixed_string<8>[{]"too_big"[}]|'t', 'o', 'o', '_', 'b', 'i', 'g')>, strata::diag::name<(strata::fixed_string<1>[{]""[}]>|>), strata::diag::name<(strata::fixed_string<1>[{]""[}]>|>)
// expect: diag::in_migration<9223372036854775808, strata::diag::name<(strata::fixed_string<8>[{]"too_big"[}]|'t', 'o', 'o', '_', 'b', 'i', 'g')>
// expect: strata::diag::whole_migration
//
// Version 2^63 would be stored negative in the tracking table's BIGINT, after which the
// database is refused as "ahead of the code" forever. 2^63 - 1 is accepted (see `good`).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null, unique>,
                                          column<"age", integer, check<"age >= 0">>>>;
using m2 = strata::migration<9223372036854775807ull, "largest", add_column<"users", column<"nick", text>>>;
using m3 = strata::migration<9223372036854775808ull, "too_big", add_column<"users", column<"bio", text>>>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 9223372036854775807ull);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::version_too_large);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
