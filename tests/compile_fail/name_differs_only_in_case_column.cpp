// compile-fail: a column name that differs from another of its table only in case
// expect: strata: this name differs from an existing one only in case: SQLite compares identifiers without case, so there they are the same table, index or column
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"Email"[}]|'E', 'm', 'a', 'i', 'l')>, strata::diag::name<(strata::fixed_string<6>[{]"email"[}]|'e', 'm', 'a', 'i', 'l')>, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<10>[{]"add_Email"[}]|'a', 'd', 'd', '_', 'E', 'm', 'a', 'i', 'l')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// users."Email" beside users."email": SQLite says "duplicate column name". (Renaming a column
// to another case of its own name is accepted: see `good`.)
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null, unique>,
                                          column<"age", integer, check<"age >= 0">>>>;
using m2 = strata::migration<2, "add_Email", rename_column<"users", "email", "Email">>;
using m3 = strata::migration<2, "add_Email", add_column<"users", column<"Email", text>>>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m3>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::name_differs_only_in_case);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
