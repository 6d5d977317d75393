// compile-fail: two implicit names that PostgreSQL shortens to the same 63 bytes
// expect: strata: two names PostgreSQL derives [(]<table>_<column>_key, _fkey, _check, _seq, <table>_pkey[)] become the same once it shortens them to 63 bytes: shorten the table or column name
// expect: >, strata::diag::name<(strata::fixed_string<2>[{]"w"[}]|'w')>, strata::diag::name<(strata::fixed_string<62>[{]"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_2"[}]|'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', '_', '2')>, strata::diag::name<(strata::fixed_string<62>[{]"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_1"[}]|'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', '_', '1')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<11>[{]"long_names"[}]|'l', 'o', 'n', 'g', '_', 'n', 'a', 'm', 'e', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"create_table"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 't', 'a', 'b', 'l', 'e')>
//
// Two unique columns of 61 bytes that differ in their last byte: PostgreSQL names both
// indexes w_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_key (63 bytes) and numbers the second. Columns that differ earlier
// are accepted (see `good`).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null, unique>,
                                          column<"age", integer, check<"age >= 0">>>>;
using m2 = strata::migration<2, "long_names", create_table<"w", column<"1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", text, unique>,
                                                               column<"2_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", text, unique>>>;
using m3 = strata::migration<2, "long_names", create_table<"w", column<"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_1", text, unique>,
                                                               column<"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_2", text, unique>>>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m3>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::derived_names_collide);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
