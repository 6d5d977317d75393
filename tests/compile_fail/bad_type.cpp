// compile-fail: an invalid column type
// expect: strata: invalid column type
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"code"[}]|'c', 'o', 'd', 'e')>, strata::diag::name<(strata::fixed_string<11>[{]"varchar<0>"[}]|'v', 'a', 'r', 'c', 'h', 'a', 'r', '<', '0', '>')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<9>[{]"add_code"[}]|'a', 'd', 'd', '_', 'c', 'o', 'd', 'e')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// varchar<0>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_code", add_column<"users", column<"code", varchar<0>>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::bad_type);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
