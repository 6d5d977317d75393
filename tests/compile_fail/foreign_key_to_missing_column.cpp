// compile-fail: a foreign key to a column that does not exist
// expect: strata: foreign key to a column that does not exist
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"posts"[}]|'p', 'o', 's', 't', 's')>, strata::diag::name<(strata::fixed_string<7>[{]"author"[}]|'a', 'u', 't', 'h', 'o', 'r')>, strata::diag::name<(strata::fixed_string<4>[{]"uid"[}]|'u', 'i', 'd')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<6>[{]"posts"[}]|'p', 'o', 's', 't', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"create_table"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 't', 'a', 'b', 'l', 'e')>
//
// posts.author references users.uid (the column is "id").
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "posts",
                             create_table<"posts", column<"id", bigint, primary_key>,
                                          column<"author", bigint, references<"users", "uid">>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::foreign_key_to_missing_column);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
