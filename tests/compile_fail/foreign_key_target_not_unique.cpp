// compile-fail: a foreign key to a column that is not a key
// expect: strata: a foreign key must reference a primary key or unique column
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"email"[}]|'e', 'm', 'a', 'i', 'l')>, strata::diag::name<(strata::fixed_string<6>[{]"posts"[}]|'p', 'o', 's', 't', 's')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<6>[{]"posts"[}]|'p', 'o', 's', 't', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"create_table"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 't', 'a', 'b', 'l', 'e')>
//
// posts.author_email references users.email, which is neither primary key nor unique.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "posts",
                             create_table<"posts", column<"id", bigint, primary_key>,
                                          column<"author_email", text, references<"users", "email">>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::foreign_key_target_not_unique);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
