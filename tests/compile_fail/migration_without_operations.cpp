// compile-fail: a migration needs at least one operation
// expect: strata: a migration needs at least one operation
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"todo"[}]|'t', 'o', 'd', 'o')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<5>[{]"todo"[}]|'t', 'o', 'd', 'o')>
// expect: strata::diag::whole_migration
//
// Migration 2 has no operation (the position names the migration itself).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "todo">;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::migration_without_operations);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
