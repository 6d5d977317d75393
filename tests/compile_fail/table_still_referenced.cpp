// compile-fail: drop_table on a table another table references
// expect: strata: cannot drop a table that another table references
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"posts"[}]|'p', 'o', 's', 't', 's')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<11>[{]"drop_users"[}]|'d', 'r', 'o', 'p', '_', 'u', 's', 'e', 'r', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"drop_table"[}]|'d', 'r', 'o', 'p', '_', 't', 'a', 'b', 'l', 'e')>
//
// posts.author references users.id.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "posts",
                             create_table<"posts", column<"id", bigint, primary_key>,
                                          column<"author", bigint, references<"users", "id">>>>;
using m3 = strata::migration<3, "drop_users", drop_table<"users">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 2);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::table_still_referenced);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
