// compile-fail: a second primary key
// expect: strata: a table can have only one primary key
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<5>[{]"uuid"[}]|'u', 'u', 'i', 'd')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<9>[{]"add_uuid"[}]|'a', 'd', 'd', '_', 'u', 'u', 'i', 'd')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// users already has a primary key (id).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_uuid", add_column<"users", column<"uuid", uuid, primary_key>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::multiple_primary_keys);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
