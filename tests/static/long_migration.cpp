// A migration of more than 256 operations (a squashed baseline, as Django's squashmigrations
// or a Flyway baseline writes), and a table of 300 columns: clang expands a fold expression of
// at most 256 arguments and evaluates a constant in at most 2^20 steps, so nothing on the path
// of a migration's operations may be a fold over them, nor the checks of a table's columns
// quadratic in their number.
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

// 301 columns in one create_table, then a SQLite rebuild of that table.
#define STRATA_TEST_WIDE_10(p)                                                                                  \
    column<"c" #p "0", integer, default_value<0>>, column<"c" #p "1", integer, default_value<0>>,              \
        column<"c" #p "2", integer, default_value<0>>, column<"c" #p "3", integer, default_value<0>>,          \
        column<"c" #p "4", integer, default_value<0>>, column<"c" #p "5", integer, default_value<0>>,          \
        column<"c" #p "6", integer, default_value<0>>, column<"c" #p "7", integer, default_value<0>>,          \
        column<"c" #p "8", integer, default_value<0>>, column<"c" #p "9", integer, default_value<0>>
#define STRATA_TEST_WIDE_100(p)                                                                                 \
    STRATA_TEST_WIDE_10(p##0), STRATA_TEST_WIDE_10(p##1), STRATA_TEST_WIDE_10(p##2), STRATA_TEST_WIDE_10(p##3), \
        STRATA_TEST_WIDE_10(p##4), STRATA_TEST_WIDE_10(p##5), STRATA_TEST_WIDE_10(p##6), STRATA_TEST_WIDE_10(p##7), \
        STRATA_TEST_WIDE_10(p##8), STRATA_TEST_WIDE_10(p##9)
using wide_table = strata::migration<1, "wide", create_table<"wide", column<"id", bigint, primary_key>, STRATA_TEST_WIDE_100(1),
                                                             STRATA_TEST_WIDE_100(2), STRATA_TEST_WIDE_100(3)>>;
using narrowed = strata::migration<2, "narrowed", alter_column<"wide", "c100", set_not_null>,
                                   alter_column<"wide", "c399", set_type<bigint>>, drop_column<"wide", "c200">>;
using wide = strata::chain<wide_table, narrowed>;
static_assert(wide::schema::has_column<"wide", "c399"> && !wide::schema::has_column<"wide", "c200">);
static_assert(strata::sql<strata::postgres, wide, 1>::up.ends_with("\"c399\" INTEGER DEFAULT 0\n);\n"));
// SQLite: one rebuild, which copies the 299 columns kept
static_assert(strata::sql<strata::sqlite, wide, 2>::up.find("INSERT INTO") != std::string_view::npos);
static_assert(strata::sql<strata::sqlite, wide, 2>::down.find("INSERT INTO") != std::string_view::npos);
// An explicit pair of 300 operations each way on it: down<...> is checked against up<...> by what
// they name, each mention once (clang and g++ both stopped at their limits when every mention
// asked the whole pair again whether its table was named whole).
#define STRATA_TEST_DROP(n) drop_column<"wide", "c" #n>
#define STRATA_TEST_DROP_10(p)                                                                  \
    STRATA_TEST_DROP(p##9), STRATA_TEST_DROP(p##8), STRATA_TEST_DROP(p##7), STRATA_TEST_DROP(p##6), \
        STRATA_TEST_DROP(p##5), STRATA_TEST_DROP(p##4), STRATA_TEST_DROP(p##3), STRATA_TEST_DROP(p##2), \
        STRATA_TEST_DROP(p##1), STRATA_TEST_DROP(p##0)
#define STRATA_TEST_DROP_100(p)                                                                                     \
    STRATA_TEST_DROP_10(p##9), STRATA_TEST_DROP_10(p##8), STRATA_TEST_DROP_10(p##7), STRATA_TEST_DROP_10(p##6),     \
        STRATA_TEST_DROP_10(p##5), STRATA_TEST_DROP_10(p##4), STRATA_TEST_DROP_10(p##3), STRATA_TEST_DROP_10(p##2), \
        STRATA_TEST_DROP_10(p##1), STRATA_TEST_DROP_10(p##0)
using wide_pair = strata::migration<3, "wide pair", up<STRATA_TEST_100(4), STRATA_TEST_100(5), STRATA_TEST_100(6)>,
                                    down<STRATA_TEST_DROP_100(6), STRATA_TEST_DROP_100(5), STRATA_TEST_DROP_100(4)>>;
static_assert(strata::valid_chain<strata::chain<wide_table, narrowed, wide_pair>>);
// (and a wrong one is still found: this down leaves c400)
using wrong_pair = strata::migration<3, "wrong pair", up<STRATA_TEST_100(4), STRATA_TEST_100(5), STRATA_TEST_100(6)>,
                                     down<STRATA_TEST_DROP_100(6), STRATA_TEST_DROP_100(5), STRATA_TEST_DROP_10(49),
                                          STRATA_TEST_DROP_10(48), STRATA_TEST_DROP_10(47), STRATA_TEST_DROP_10(46),
                                          STRATA_TEST_DROP_10(45), STRATA_TEST_DROP_10(44), STRATA_TEST_DROP_10(43),
                                          STRATA_TEST_DROP_10(42), STRATA_TEST_DROP_10(41), STRATA_TEST_DROP(409),
                                          STRATA_TEST_DROP(408), STRATA_TEST_DROP(407), STRATA_TEST_DROP(406),
                                          STRATA_TEST_DROP(405), STRATA_TEST_DROP(404), STRATA_TEST_DROP(403),
                                          STRATA_TEST_DROP(402), STRATA_TEST_DROP(401)>>;
static_assert(strata::chain_error<strata::chain<wide_table, narrowed, wrong_pair>> == strata::error_kind::down_does_not_restore);
// ... and the same duplicate checks as a narrow table
using twice = strata::migration<1, "twice", create_table<"wide", column<"id", bigint, primary_key>, STRATA_TEST_WIDE_100(1),
                                                         STRATA_TEST_WIDE_100(2), column<"c150", text>>>;
static_assert(strata::chain_error<strata::chain<twice>> == strata::error_kind::column_already_exists);
using cased = strata::migration<1, "cased", create_table<"wide", column<"id", bigint, primary_key>, STRATA_TEST_WIDE_100(1),
                                                         STRATA_TEST_WIDE_100(2), column<"C150", text>>>;
static_assert(strata::chain_error<strata::chain<cased>> == strata::error_kind::name_differs_only_in_case);

int main() {}
