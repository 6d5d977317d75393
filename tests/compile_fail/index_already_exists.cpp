// compile-fail: create_index with a name already taken
// expect: strata: an index [(]or table or constraint[)] with this name already exists
// expect: >, strata::diag::name<(strata::fixed_string<15>[{]"users_by_email"[}]|'u', 's', 'e', 'r', 's', '_', 'b', 'y', '_', 'e', 'm', 'a', 'i', 'l')>, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<9>[{]"index_id"[}]|'i', 'n', 'd', 'e', 'x', '_', 'i', 'd')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"create_index"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'i', 'n', 'd', 'e', 'x')>
//
// "users_by_email" is created twice (tables, indexes, constraints and enums share one namespace).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "index_email", create_index<"users_by_email", "users", "email">>;
using m3 = strata::migration<3, "index_id", create_index<"users_by_email", "users", "id">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::schema::has_index<"users_by_email">);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::index_already_exists);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
