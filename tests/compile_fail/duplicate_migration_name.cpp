// compile-fail: two migrations have the same name
// expect: strata: two migrations have the same name
// expect: >, strata::diag::name<(strata::fixed_string<13>[{]"create_users"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'u', 's', 'e', 'r', 's')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<13>[{]"create_users"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'u', 's', 'e', 'r', 's')>
// expect: strata::diag::whole_migration
//
// Migration 2 reuses the name of migration 1.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "create_users", add_column<"users", column<"name", text>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::duplicate_migration_name);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
