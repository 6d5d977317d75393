// compile-fail: an operation on a column that does not exist
// expect: strata: no such column in this table
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"emial"[}]|'e', 'm', 'i', 'a', 'l')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<11>[{]"drop_emial"[}]|'d', 'r', 'o', 'p', '_', 'e', 'm', 'i', 'a', 'l')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<12>[{]"drop_column"[}]|'d', 'r', 'o', 'p', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// A typo in the column name: "emial". Checked through strata::sql<Dialect, Chain, V>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "drop_emial", drop_column<"users", "emial">>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::sql<strata::sqlite, good, 1>::up.empty());
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::column_does_not_exist);

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::sqlite, bad, 2>::up;
#endif
