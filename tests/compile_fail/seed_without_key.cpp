// compile-fail: seed rows without the table's primary key
// expect: strata: seed rows must give the table's primary key, by which the derived down deletes exactly them
// expect: >, strata::diag::name<(strata::fixed_string<5>[{]"tags"[}]|'t', 'a', 'g', 's')>, strata::diag::name<(strata::fixed_string<3>[{]"id"[}]|'i', 'd')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<10>[{]"seed tags"[}]|'s', 'e', 'e', 'd', ' ', 't', 'a', 'g', 's')>
//
// An autoincrement key may be left out of an INSERT, but then the down could not find the rows
// again: `good` gives the ids.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "tags",
    create_table<"tags", column<"id", integer, primary_key, autoincrement>, column<"name", text, not_null, unique>>>;
using m2_good = strata::migration<2, "seed tags", seed<"tags", columns<"id", "name">, values<1, "news">, values<2, "sport">>>;
using m2 = strata::migration<2, "seed tags", seed<"tags", columns<"name">, values<"news">, values<"sport">>>;

using good = strata::chain<m1, m2_good>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(strata::chain_error<bad> == strata::error_kind::seed_without_key);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
