// compile-fail: invalid identifier: longer than 63 bytes
// expect: strata: invalid identifier [(]empty, longer than 63 bytes, or containing a quote or NUL[)]
// expect: >, strata::diag::name<(strata::fixed_string<65>[{]"a_table_name_of_exactly_sixty_four_bytes_that_postgres_truncates"[}]|'a', '_', 't', 'a', 'b', 'l', 'e', '_', 'n', 'a', 'm', 'e', '_', 'o', 'f', '_', 'e', 'x', 'a', 'c', 't', 'l', 'y', '_', 's', 'i', 'x', 't', 'y', '_', 'f', 'o', 'u', 'r', '_', 'b', 'y', 't', 'e', 's', '_', 't', 'h', 'a', 't', '_', 'p', 'o', 's', 't', 'g', 'r', 'e', 's', '_', 't', 'r', 'u', 'n', 'c', 'a', 't', 'e', 's')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<9>[{]"too_long"[}]|'t', 'o', 'o', '_', 'l', 'o', 'n', 'g')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"create_table"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 't', 'a', 'b', 'l', 'e')>
//
// A 64-byte table name (63 bytes, PostgreSQL's NAMEDATALEN - 1, is accepted: see `good`).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "long_enough",
                             create_table<"a_table_name_of_exactly_sixty_three_bytes_that_postgres_accepts",
                                          column<"id", bigint, primary_key>>>;
using m3 = strata::migration<3, "too_long",
                             create_table<"a_table_name_of_exactly_sixty_four_bytes_that_postgres_truncates",
                                          column<"id", bigint, primary_key>>>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(good::schema::has_table<"a_table_name_of_exactly_sixty_three_bytes_that_postgres_accepts">);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::invalid_identifier);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
