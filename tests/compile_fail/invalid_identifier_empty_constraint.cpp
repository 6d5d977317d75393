// compile-fail: invalid identifier: an empty constraint name
// expect: strata: invalid identifier [(]empty, longer than 63 bytes, or containing a quote or NUL[)]
// expect: >, strata::diag::name<(strata::fixed_string<1>[{]""[}]>|>), strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<1>[{]""[}]>|>)
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<13>[{]"unique_email"[}]|'u', 'n', 'i', 'q', 'u', 'e', '_', 'e', 'm', 'a', 'i', 'l')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_unique"[}]|'a', 'd', 'd', '_', 'u', 'n', 'i', 'q', 'u', 'e')>
//
// add_unique with an empty name: its down would be DROP CONSTRAINT "". Only a primary key
// (primary_key_constraint) goes unnamed.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null, unique>,
                                          column<"age", integer, check<"age >= 0">>>>;
using m2 = strata::migration<2, "unique_email", add_unique<"users", "users_email_uq", "email">>;
using m3 = strata::migration<2, "unique_email", add_unique<"users", "", "email">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m3>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::invalid_identifier);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
