// compile-fail: a migration name used twice, after a migration the fold would refuse
// expect: strata: two migrations have the same name
// expect: >, strata::diag::name<(strata::fixed_string<13>[{]"create_users"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'u', 's', 'e', 'r', 's')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<13>[{]"create_users"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'u', 's', 'e', 'r', 's')>
// expect: strata::diag::whole_migration
//
// Migration 3 reuses the name of migration 1, and migration 2 adds a column to a table no
// migration creates. The names are checked across the whole chain with the versions, before
// any migration is folded, so the error is the name, a mistake of the history, not the table.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_title", add_column<"posts", column<"title", text>>>;
using m3 = strata::migration<3, "create_users", add_column<"users", column<"name", text>>>;

using refused_by_fold = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::chain_error<refused_by_fold> == strata::error_kind::table_does_not_exist);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::duplicate_migration_name);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
