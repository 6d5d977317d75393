// compile-fail: strata::lint<Chain, live_postgres> reads what a derived down runs: a drop_index's down builds the index again with a plain CREATE INDEX, which blocks writes when the migration is rolled back
// expect: strata: lint, live PostgreSQL: CREATE INDEX holds a SHARE lock on the table for the whole build: every write waits[.] Use create_index_concurrently
// expect: diag::derived_down_of<1, strata::diag::name<(strata::fixed_string<11>[{]"drop_index"[}]|'d', 'r', 'o', 'p', '_', 'i', 'n', 'd', 'e', 'x')>
//
// A derived down undoes each operation in turn, newest first: a drop_index builds the index
// again (concurrently after drop_index_concurrently), a drop_constraint adds the constraint back
// (NOT VALID when it was not valid), a set_type changes the type back, a drop_not_null sets NOT
// NULL again. The rest (drops of what the up made, renames back, DROP NOT NULL) scans and
// rewrites nothing. unsafe<"why", op> accepts the operation and its derived down.
#include <strata/strata.hpp>
#include <strata/lint.hpp>

using namespace strata::dsl;
using strata::error_kind;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>, column<"name", text, not_null>>,
    create_index<"users_email_idx", "users", "email">,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using bad = strata::chain<m1, strata::migration<2, "no email index", drop_index<"users_email_idx">>>;

template <class Chain>
constexpr strata::detail::error finding(std::uint64_t from = 2) {
    return strata::detail::live_postgres_finding(strata::detail::proxy_t<Chain>::descs, Chain::size, from);
}
static_assert(strata::valid_chain<bad>);  // a valid chain: only the opt-in lint refuses it
static_assert(finding<bad>().kind == error_kind::lint_index_blocks_writes && finding<bad>().derived_down &&
              finding<bad>().migration == 1 && finding<bad>().op == 0 && finding<bad>().a == "users" &&
              finding<bad>().b == "users_email_idx");
static_assert(strata::lint<bad, strata::live_postgres, 3>);  // from version 3 on: m2 not read

// what passes: the concurrent drop (its down builds concurrently), an acknowledged drop, an
// irreversible migration (no down runs), an explicit down that says why
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "no email index", drop_index_concurrently<"users_email_idx">>>,
                           strata::live_postgres>);
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "no email index",
                                                                unsafe<"users has 40 rows", drop_index<"users_email_idx">>>>,
                           strata::live_postgres>);
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "no email index", drop_index<"users_email_idx">,
                                                                execute_irreversible<"UPDATE users SET name = 'x'">>>,
                           strata::live_postgres>);
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "no email index", up<drop_index<"users_email_idx">>,
                                                                down<unsafe<"users has 40 rows", create_index<"users_email_idx", "users", "email">>>>>,
                           strata::live_postgres>);
// an index the migration itself made, or one on a table it made, has no readers yet
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "tags",
    create_table<"tags", column<"id", bigint, primary_key>, column<"name", text>>,
    create_index<"tags_name_idx", "tags", "name">, drop_index<"tags_name_idx">>>, strata::live_postgres>);
// the index is found through renames of its table, and a dropped one named again is the new one
using renamed = strata::chain<m1, strata::migration<2, "people", unsafe<"not read", rename_table<"users", "people">>>,
                              strata::migration<3, "no email index", drop_index<"users_email_idx">>>;
static_assert(finding<renamed>().kind == error_kind::lint_index_blocks_writes && finding<renamed>().a == "people" &&
              finding<renamed>().derived_down);

// drop_constraint: a valid foreign key or check comes back validated, a unique builds its index;
// one not valid comes back NOT VALID
using fk = add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id", not_valid>;
using fk_valid = strata::chain<m1, strata::migration<2, "fk", fk>, strata::migration<3, "validate", validate_constraint<"posts", "posts_author_fk">>,
                               strata::migration<4, "no fk", drop_constraint<"posts", "posts_author_fk">>>;
static_assert(finding<fk_valid>(3).kind == error_kind::lint_constraint_validated_under_lock && finding<fk_valid>(3).derived_down &&
              finding<fk_valid>(3).migration == 3);
using fk_not_valid = strata::chain<m1, strata::migration<2, "fk", fk>, strata::migration<3, "no fk", drop_constraint<"posts", "posts_author_fk">>>;
static_assert(strata::lint<fk_not_valid, strata::live_postgres, 2>);
using uniq = strata::chain<m1, strata::migration<2, "unique", unsafe<"small", add_unique<"users", "users_name_key", "name">>>,
                             strata::migration<3, "no unique", drop_constraint<"users", "users_name_key">>>;
static_assert(finding<uniq>().kind == error_kind::lint_unique_constraint_builds_index && finding<uniq>().derived_down);
// ... and a constraint the same migration added, or one on a table it made, is nobody's yet
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "unique", unsafe<"small", add_unique<"users", "users_name_key", "name">>,
                                                                drop_constraint<"users", "users_name_key">>>,
                           strata::live_postgres>);
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "tags", create_table<"tags", column<"id", bigint, primary_key>, column<"name", text>>,
                                                                add_unique<"tags", "tags_name_key", "name">,
                                                                drop_constraint<"tags", "tags_name_key">>>,
                           strata::live_postgres>);

// the derived down runs the operations newest first: the last one's finding comes first
using two = strata::chain<m1, strata::migration<2, "two", alter_column<"users", "email", set_type<text>>, drop_index<"users_email_idx">>>;
static_assert(finding<two>().kind == error_kind::lint_index_blocks_writes && finding<two>().op == 1);

// add_enum_value: its derived down makes the enum again and moves each column over (ALTER
// COLUMN ... TYPE ... USING: a rewrite of the table), as PostgreSQL cannot drop a value (helper 56)
using mood1 = strata::migration<1, "moods", create_enum<"mood", "ok", "sad">,
    create_table<"people", column<"id", bigint, primary_key>, column<"mood", enum_type<"mood">>>>;
using moods = strata::chain<mood1, strata::migration<2, "happy", add_enum_value<"mood", "happy">>>;
static_assert(finding<moods>().kind == error_kind::lint_type_change_rewrites && finding<moods>().derived_down &&
              finding<moods>().a == "people" && finding<moods>().b == "mood");
static_assert(strata::lint<strata::chain<mood1, strata::migration<2, "happy", unsafe<"people is small", add_enum_value<"mood", "happy">>>>,
                           strata::live_postgres>);
// ... none when no table uses it, or only one the migration made
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "enum", create_enum<"tier", "a">>,
                                         strata::migration<3, "b", add_enum_value<"tier", "b">>>,
                           strata::live_postgres>);
static_assert(finding<strata::chain<mood1, strata::migration<2, "mood again", unsafe<"not read", drop_column<"people", "mood">>,
                                                              add_enum_value<"mood", "happy">>>>()
                  .kind == error_kind::none);
// ... each table that uses it: one dropped later in the migration leaves the other (helper 57)
using two_users = strata::migration<1, "moods", create_enum<"mood", "ok", "sad">,
    create_table<"people", column<"id", bigint, primary_key>, column<"mood", enum_type<"mood">>>,
    create_table<"pets", column<"id", bigint, primary_key>, column<"mood", enum_type<"mood">>>>;
static_assert(finding<strata::chain<two_users, strata::migration<2, "happy", add_enum_value<"mood", "happy">,
                                                                   unsafe<"not read", drop_table<"people">>>>>()
                  .a == "pets");
// a table a later operation of the migration drops is made again, empty, before the index
// (helper 56: a false finding)
static_assert(finding<strata::chain<m1, strata::migration<2, "no users", drop_index<"users_email_idx">,
                                                          unsafe<"nothing reads users", drop_table<"users">>>>>()
                  .kind == error_kind::none);

#ifndef STRATA_CONTROL
static_assert(strata::lint<bad, strata::live_postgres>);
#endif
