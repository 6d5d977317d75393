// compile-fail: drop_index on an index that does not exist
// expect: strata: no such index
// expect: >, strata::diag::name<(strata::fixed_string<14>[{]"users_by_name"[}]|'u', 's', 'e', 'r', 's', '_', 'b', 'y', '_', 'n', 'a', 'm', 'e')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<9>[{]"drop_idx"[}]|'d', 'r', 'o', 'p', '_', 'i', 'd', 'x')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"drop_index"[}]|'d', 'r', 'o', 'p', '_', 'i', 'n', 'd', 'e', 'x')>
//
// "users_by_name" was never created.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "drop_idx", drop_index<"users_by_name">>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::index_does_not_exist);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
