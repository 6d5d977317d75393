// compile-fail: drop_column on the only column of a table
// expect: strata: cannot drop the only column of a table
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"tags"[}]|'t', 'a', 'g', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"label"[}]|'l', 'a', 'b', 'e', 'l')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<11>[{]"drop_label"[}]|'d', 'r', 'o', 'p', '_', 'l', 'a', 'b', 'e', 'l')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<12>[{]"drop_column"[}]|'d', 'r', 'o', 'p', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// "tags" has one column.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "tags", create_table<"tags", column<"label", text>>>;
using m3 = strata::migration<3, "drop_label", drop_column<"tags", "label">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 2);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::last_column);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
