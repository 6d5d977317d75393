// compile-fail: a primary key that names a column twice
// expect: strata: a primary key or unique constraint names a column twice [(]PostgreSQL refuses it; SQLite would keep it[)]
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"pairs"[}]|'p', 'a', 'i', 'r', 's')>, strata::diag::name<(strata::fixed_string<3>[{]"id"[}]|'i', 'd')>
//
// PostgreSQL refuses PRIMARY KEY ("id", "id") when the statement runs ("column "id" appears
// twice in primary key constraint"), SQLite keeps it: the chain refuses it first, and a unique
// constraint's too, in create_table and add_unique. A composite key of two columns passes (`good`).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using good = strata::chain<strata::migration<1, "pairs",
    create_table<"pairs", column<"id", bigint, not_null>, column<"label", text, not_null>, primary_key_constraint<"id", "label">,
                 unique_constraint<"pairs_label_id", "label", "id">>>>;
static_assert(strata::valid_chain<good>);
using bad = strata::chain<strata::migration<1, "pairs",
    create_table<"pairs", column<"id", bigint, not_null>, column<"label", text>, primary_key_constraint<"id", "id">>>>;
static_assert(strata::chain_error<bad> == strata::error_kind::key_column_twice);
static_assert(strata::chain_error<strata::chain<strata::migration<1, "pairs",
    create_table<"pairs", column<"id", bigint, primary_key>, column<"label", text>, unique_constraint<"u", "label", "id", "label">>>>> ==
              strata::error_kind::key_column_twice);
static_assert(strata::chain_error<strata::chain<strata::migration<1, "pairs",
    create_table<"pairs", column<"id", bigint, primary_key>, column<"label", text>>>,
    strata::migration<2, "unique", add_unique<"pairs", "u", "label", "label">>>> == strata::error_kind::key_column_twice);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
