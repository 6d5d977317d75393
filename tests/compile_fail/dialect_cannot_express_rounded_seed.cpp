// compile-fail: a seed value SQLite would store rounded
// expect: strata: the chosen dialect cannot express this column type, default or seed value
// expect: >, strata::diag::name<(strata::fixed_string<7>[{]"prices"[}]|'p', 'r', 'i', 'c', 'e', 's')>, strata::diag::name<(strata::fixed_string<7>[{]"amount"[}]|'a', 'm', 'o', 'u', 'n', 't')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<12>[{]"seed prices"[}]|'s', 'e', 'e', 'd', ' ', 'p', 'r', 'i', 'c', 'e', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<5>[{]"seed"[}]|'s', 'e', 'e', 'd')>
//
// SQLite keeps a NUMERIC value that is not a 64-bit integer as a REAL: 15 significant digits.
// 18446744073709551615 would come back 18446744073709551616 (1.84467440737096e+19). PostgreSQL
// keeps it whole, so the chain is valid; SQLite's SQL is refused when it is generated.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "prices", create_table<"prices", column<"id", bigint, primary_key>, column<"amount", numeric<20, 0>>>>;
using m2 = strata::migration<2, "seed prices",
                             seed<"prices", columns<"id", "amount">, values<1, 9223372036854775807>,
                                  values<2, 18446744073709551615ull>>>;
using history = strata::chain<m1, m2>;

static_assert(strata::valid_chain<history>);
static_assert(!strata::sql<strata::postgres, history, 2>::up.empty());

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::sqlite, history, 2>::up;
#endif
