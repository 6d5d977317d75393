// compile-fail: seed rows that leave out a NOT NULL column without a default
// expect: strata: a seed row leaves out a NOT NULL column that has no default: name it in columns<...>
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"roles"[}]|'r', 'o', 'l', 'e', 's')>, strata::diag::name<(strata::fixed_string<5>[{]"name"[}]|'n', 'a', 'm', 'e')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<11>[{]"seed roles"[}]|'s', 'e', 'e', 'd', ' ', 'r', 'o', 'l', 'e', 's')>
//
// The INSERT would fail at run time; `good` names the column ("note" is nullable and "rank"
// has a default: both may be left out).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "roles",
    create_table<"roles", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"note", text>,
                 column<"rank", integer, not_null, default_value<0>>>>;
using m2_good = strata::migration<2, "seed roles", seed<"roles", columns<"id", "name">, values<1, "admin">>>;
using m2 = strata::migration<2, "seed roles", seed<"roles", columns<"id", "note">, values<1, "the admin">>>;

using good = strata::chain<m1, m2_good>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(strata::chain_error<bad> == strata::error_kind::seed_missing_column);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
