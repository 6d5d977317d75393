// compile-fail: drop_not_null on a primary key column
// expect: strata: a primary key column cannot become nullable
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<3>[{]"id"[}]|'i', 'd')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<12>[{]"nullable_id"[}]|'n', 'u', 'l', 'l', 'a', 'b', 'l', 'e', '_', 'i', 'd')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"alter_column"[}]|'a', 'l', 't', 'e', 'r', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// users.id is the primary key.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "nullable_id", alter_column<"users", "id", drop_not_null>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::primary_key_nullable);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
