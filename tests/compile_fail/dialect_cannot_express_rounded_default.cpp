// compile-fail: a column default SQLite would store rounded
// expect: strata: the chosen dialect cannot express this column type, default or seed value
// expect: >, strata::diag::name<(strata::fixed_string<7>[{]"prices"[}]|'p', 'r', 'i', 'c', 'e', 's')>, strata::diag::name<(strata::fixed_string<7>[{]"amount"[}]|'a', 'm', 'o', 'u', 'n', 't')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<7>[{]"amount"[}]|'a', 'm', 'o', 'u', 'n', 't')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// A default past a 64-bit integer on a NUMERIC column: SQLite would store it rounded, as a REAL,
// in every row that takes it. PostgreSQL keeps it, so the chain is valid.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "prices", create_table<"prices", column<"id", bigint, primary_key>>>;
using m2 = strata::migration<2, "amount",
                             add_column<"prices", column<"amount", numeric<20, 0>, default_value<9223372036854775808ull>>>>;
using history = strata::chain<m1, m2>;

static_assert(strata::valid_chain<history>);
static_assert(!strata::sql<strata::postgres, history, 2>::up.empty());

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::sqlite, history, 2>::up;
#endif
