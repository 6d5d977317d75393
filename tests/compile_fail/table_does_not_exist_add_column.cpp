// compile-fail: add_column on a table that does not exist
// expect: strata: no such table in the schema this operation applies to
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"userz"[}]|'u', 's', 'e', 'r', 'z')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<9>[{]"add_name"[}]|'a', 'd', 'd', '_', 'n', 'a', 'm', 'e')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// A typo in the table name: "userz". Checked through chain::head.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_name", add_column<"userz", column<"name", text>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::table_does_not_exist);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
