// A migration of more than 256 operations (a squashed baseline, as Django's squashmigrations
// or a Flyway baseline writes): clang expands a fold expression of at most 256 arguments, so
// nothing on the path of a migration's operations may be a fold over them.
#include <strata/strata.hpp>

using namespace strata::dsl;

#define STRATA_TEST_COLUMN(n) add_column<"wide", column<"c" #n, integer>>
#define STRATA_TEST_10(p)                                                                             \
    STRATA_TEST_COLUMN(p##0), STRATA_TEST_COLUMN(p##1), STRATA_TEST_COLUMN(p##2), STRATA_TEST_COLUMN(p##3), \
        STRATA_TEST_COLUMN(p##4), STRATA_TEST_COLUMN(p##5), STRATA_TEST_COLUMN(p##6), STRATA_TEST_COLUMN(p##7), \
        STRATA_TEST_COLUMN(p##8), STRATA_TEST_COLUMN(p##9)
#define STRATA_TEST_100(p)                                                                            \
    STRATA_TEST_10(p##0), STRATA_TEST_10(p##1), STRATA_TEST_10(p##2), STRATA_TEST_10(p##3), STRATA_TEST_10(p##4), \
        STRATA_TEST_10(p##5), STRATA_TEST_10(p##6), STRATA_TEST_10(p##7), STRATA_TEST_10(p##8), STRATA_TEST_10(p##9)

// 301 operations: the table, then columns c100 to c399.
using baseline = strata::migration<1, "baseline", create_table<"wide", column<"id", bigint, primary_key>>,
                                   STRATA_TEST_100(1), STRATA_TEST_100(2), STRATA_TEST_100(3)>;
// The same as an explicit pair (not in a chain: its down restores nothing).
using explicit_baseline =
    strata::migration<1, "baseline", up<create_table<"wide", column<"id", bigint, primary_key>>, STRATA_TEST_100(1),
                                        STRATA_TEST_100(2), STRATA_TEST_100(3)>,
                      down<drop_column<"wide", "c100">, drop_table<"wide">>>;
using history = strata::chain<baseline>;

static_assert(baseline::desc.nops == 301);
static_assert(strata::valid_chain<history>);
static_assert(history::schema::has_column<"wide", "c100"> && history::schema::has_column<"wide", "c399">);
static_assert(!history::schema::has_column<"wide", "c400">);
static_assert(explicit_baseline::desc.nops == 301 && explicit_baseline::desc.ndown_ops == 2);
// Its SQL: the table and 300 ALTER TABLE ... ADD COLUMN, each in one statement.
static_assert(strata::sql<strata::postgres, history, 1>::up.ends_with("ALTER TABLE \"wide\" ADD COLUMN \"c399\" INTEGER;\n"));

int main() {}
