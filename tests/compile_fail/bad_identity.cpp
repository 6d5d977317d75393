// compile-fail: identity on a column that is not the table's integer primary key
// expect: strata: identity needs a smallint, integer or bigint column that is the table's primary key [(]primary_key on the column itself[)], and not autoincrement as well
// expect: >, strata::diag::name<(strata::fixed_string<7>[{]"events"[}]|'e', 'v', 'e', 'n', 't', 's')>, strata::diag::name<(strata::fixed_string<4>[{]"seq"[}]|'s', 'e', 'q')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<7>[{]"events"[}]|'e', 'v', 'e', 'n', 't', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"create_table"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 't', 'a', 'b', 'l', 'e')>
//
// An identity column that is not the primary key (the database would number it, but SQLite's
// rowid is only ever the key). The control build (-DSTRATA_CONTROL) is this file without the
// offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key, identity>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "events",
                             create_table<"events", column<"id", bigint, primary_key>, column<"seq", bigint, not_null, identity>>>;

using good = strata::chain<m1>;
using bad = strata::chain<m1, m2>;

static_assert(strata::valid_chain<good>);
static_assert(good::head == 1);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::bad_identity);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
