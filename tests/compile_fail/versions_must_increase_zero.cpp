// compile-fail: a migration numbered 0
// expect: strata: migration versions must be strictly increasing
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"init"[}]|'i', 'n', 'i', 't')>, strata::diag::name<(strata::fixed_string<29>[{]"version 0 [(]the empty schema[)]"[}]|'v', 'e', 'r', 's', 'i', 'o', 'n', ' ', '0', ' ', '[(]', 't', 'h', 'e', ' ', 'e', 'm', 'p', 't', 'y', ' ', 's', 'c', 'h', 'e', 'm', 'a', '[)]')>
// expect: diag::in_migration<0, strata::diag::name<(strata::fixed_string<5>[{]"init"[}]|'i', 'n', 'i', 't')>
// expect: strata::diag::whole_migration
//
// Version 0 stands for the empty schema (schema_at<0>); migrations start at 1.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m0 = strata::migration<0, "init", create_table<"posts", column<"id", bigint, primary_key>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m0>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::versions_must_increase);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
