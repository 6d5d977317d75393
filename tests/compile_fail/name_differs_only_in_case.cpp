// compile-fail: a table name that differs from another only in case
// expect: strata: this name differs from an existing one only in case: SQLite compares identifiers without case, so there they are the same table, index or column
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"Users"[}]|'U', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<1>[{]""[}]>|>)
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<11>[{]"more_users"[}]|'m', 'o', 'r', 'e', '_', 'u', 's', 'e', 'r', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"create_table"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 't', 'a', 'b', 'l', 'e')>
//
// "Users" beside "users": two tables on PostgreSQL (names are quoted), one on SQLite.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null, unique>,
                                          column<"age", integer, check<"age >= 0">>>>;
using m2 = strata::migration<2, "more_users", create_table<"users_2", column<"id", bigint, primary_key>>>;
using m3 = strata::migration<2, "more_users", create_table<"Users", column<"id", bigint, primary_key>>>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m3>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::name_differs_only_in_case);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
