// compile-fail: a target schema that is not a valid chain reports its own error
// expect: strata: foreign key to a table that does not exist
// expect: diag::in_migration<1, strata::diag::name<(strata::fixed_string<14>[{]"target schema"[}]|'t', 'a', 'r', 'g', 'e', 't', ' ', 's', 'c', 'h', 'e', 'm', 'a')>
//
// The target's operations run in order: a table must be created before another references
// it (`good` declares "roles" first).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/target_schema.hpp>

using namespace strata::dsl;

using history = strata::chain<strata::migration<1, "roles and users",
    create_table<"roles", column<"name", text, primary_key>>,
    create_table<"users", column<"id", bigint, primary_key>, column<"role", text, references<"roles", "name">>>>>;

using good = strata::target_schema<
    create_table<"roles", column<"name", text, primary_key>>,
    create_table<"users", column<"id", bigint, primary_key>, column<"role", text, references<"roles", "name">>>>;
using bad = strata::target_schema<
    create_table<"users", column<"id", bigint, primary_key>, column<"role", text, references<"roles", "name">>>,
    create_table<"roles", column<"name", text, primary_key>>>;

static_assert(strata::matches<history, good>);

#ifndef STRATA_CONTROL
static_assert(strata::matches<history, bad>);
#endif
