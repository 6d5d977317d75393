// compile-fail: two swapped migrations, the second of which needs the first
// expect: strata: migration versions must be strictly increasing: this migration is out of order
// expect: >, strata::diag::name<(strata::fixed_string<13>[{]"create_posts"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'p', 'o', 's', 't', 's')>, strata::diag::name<(strata::fixed_string<10>[{]"add_title"[}]|'a', 'd', 'd', '_', 't', 'i', 't', 'l', 'e')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<13>[{]"create_posts"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'p', 'o', 's', 't', 's')>
// expect: strata::diag::whole_migration
//
// Migration 3 adds a column to the table migration 2 creates, and is listed before it. The
// versions are checked across the whole chain before any migration is folded, so the error is
// the order (naming both), not "no such table" for "posts" in migration 3.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "create_posts", create_table<"posts", column<"id", bigint, primary_key>>>;
using m3 = strata::migration<3, "add_title", add_column<"posts", column<"title", text>>>;

using good = strata::chain<m1, m2, m3>;
using swapped = strata::chain<m1, m3, m2>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<swapped>);
static_assert(strata::chain_error<swapped> == strata::error_kind::versions_must_increase);

#ifndef STRATA_CONTROL
constexpr auto head = swapped::head;
#endif
