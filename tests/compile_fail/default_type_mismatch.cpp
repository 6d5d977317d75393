// compile-fail: a default value that does not fit the column type
// expect: strata: the default value does not fit the column type
// expect: >, strata::diag::name<(strata::fixed_string<4>[{]"age"[}]|'a', 'g', 'e')>, strata::diag::name<(strata::fixed_string<4>[{]"old"[}]|'o', 'l', 'd')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<8>[{]"add_age"[}]|'a', 'd', 'd', '_', 'a', 'g', 'e')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// A string default on an integer column.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_age", add_column<"users", column<"age", integer, default_value<"old">>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::default_type_mismatch);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
