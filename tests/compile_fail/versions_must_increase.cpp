// compile-fail: migration versions must be strictly increasing
// expect: strata: migration versions must be strictly increasing
// expect: >, strata::diag::name<(strata::fixed_string<8>[{]"add_age"[}]|'a', 'd', 'd', '_', 'a', 'g', 'e')>, strata::diag::name<(strata::fixed_string<9>[{]"add_name"[}]|'a', 'd', 'd', '_', 'n', 'a', 'm', 'e')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<8>[{]"add_age"[}]|'a', 'd', 'd', '_', 'a', 'g', 'e')>
// expect: strata::diag::whole_migration
//
// Version 2 comes after version 3.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m3 = strata::migration<3, "add_name", add_column<"users", column<"name", text>>>;
using m2 = strata::migration<2, "add_age", add_column<"users", column<"age", integer>>>;

using good = strata::chain<m1, m3>;
using bad = strata::chain<m1, m3, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 3);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::versions_must_increase);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
