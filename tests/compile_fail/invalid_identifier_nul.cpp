// compile-fail: invalid identifier: contains a NUL byte
// expect: strata: invalid identifier [(]empty, longer than 63 bytes, or containing a quote or NUL[)]
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"ni.000ck"[}]|'n', 'i', '.x00', 'c', 'k')>, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<9>[{]"add_nick"[}]|'a', 'd', 'd', '_', 'n', 'i', 'c', 'k')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// A column name with an embedded NUL.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_nick", add_column<"users", column<"ni\0ck", text>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::invalid_identifier);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
