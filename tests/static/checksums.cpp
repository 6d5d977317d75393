// Checksums are stored in every migrated database (the history table), so the bits of
// hash_migration (detail/core/descriptors.hpp) must never change, however it is rewritten for
// the constant evaluators. These were printed with the headers of 596732d, before the rewrite
// of 2026-12-05, by g++ and clang++ alike; each migration exercises other branches of the hash:
// every column part and table constraint, every alter change, indexes and constraints with
// their options, enums, raw SQL (with an empty down), per-dialect SQL (two checksum bases),
// a seed with every kind of value, an explicit pair, and data steps (their flags, not their
// functions' names, are in the checksum).
#include <cstdint>
#include <type_traits>

#include <strata/lint.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

namespace {
// Lone migrations, not a chain: each descriptor's hashes are all this file reads.
using c1 = strata::migration<1, "every column part",
    create_enum<"mood", "ok", "sad">,
    create_table<"users",
        column<"id", bigint, primary_key, identity>,
        column<"seq", integer, unique>,
        column<"name", varchar<40>, not_null, default_value<"anon">, check<"length(name) > 0">>,
        column<"price", numeric<10, 2>, default_value<0>>,
        column<"code", character<2>, default_value<"NL">>,
        column<"on", boolean, default_value<true>>,
        column<"at", timestamptz, default_sql<"CURRENT_TIMESTAMP">>,
        column<"feel", enum_type<"mood">>,
        column<"boss", bigint, references<"users", "id", on_delete_set_null>>,
        primary_key_constraint<"id">,
        unique_constraint<"users_name_key", "name", "code">,
        check_constraint<"users_price_ck", "price >= 0">,
        foreign_key<"users_boss_fk", "boss", "users", "id", on_delete_cascade>>>;
using c2 = strata::migration<2, "columns",
    add_column<"users", column<"n", integer, autoincrement>>,
    drop_column<"users", "seq">,
    rename_column<"users", "on", "active">,
    alter_column<"users", "price", set_type<numeric<12, 3>>, set_not_null, set_default<default_value<1>>>,
    alter_column<"users", "name", drop_not_null, drop_default>>;
using c3 = strata::migration<3, "indexes and constraints",
    create_index<"users_name_idx", "users", "name", "code">,
    create_unique_index<"users_code_idx", "users", "code">,
    drop_index<"users_old_idx">,
    add_foreign_key<"users", "users_boss2_fk", "boss", "users", "id", on_delete_restrict, not_valid>,
    add_check<"users", "users_n_ck", "n > 0", not_valid>,
    add_unique<"users", "users_n_key", "n">,
    validate_constraint<"users", "users_n_ck">,
    drop_constraint<"users", "users_price_ck">>;
using c4 = strata::migration<4, "concurrently", create_index_concurrently<"users_at_idx", "users", "at">>;
using c5 = strata::migration<5, "enums", add_enum_value<"mood", "meh">, drop_enum<"old_mood">, rename_table<"users", "people">>;
using c6 = strata::migration<6, "raw sql",
    execute<"UPDATE people SET n = 1", "UPDATE people SET n = NULL">,
    execute_irreversible<"DELETE FROM people WHERE n IS NULL">,
    execute<"UPDATE people SET n = 2", nothing>>;
using c7 = strata::migration<7, "per dialect",
    execute_per_dialect<sqlite_sql<"UPDATE people SET n = 3", "UPDATE people SET n = 2">,
                        postgres_sql<"UPDATE people SET n = 4", "UPDATE people SET n = 2">>>;
using c8 = strata::migration<8, "seed",
    seed<"people", columns<"id", "name", "active", "boss">, values<1, "it's", true, nullptr>, values<2, "b", false, 1>>>;
using c9 = strata::migration<9, "explicit pair",
    up<add_column<"people", column<"x", text>>, drop_table<"tmp">>,
    down<drop_column<"people", "x">>>;
inline void fill(strata::session&) {}
inline void unfill(strata::session&) {}
inline bool filled(strata::session&) { return true; }
using c10 = strata::migration<10, "data steps", run<fill, unfill>, run<fill>, validate<filled>>;

struct sums {
    std::uint64_t sqlite, postgres;
};
constexpr sums frozen[] = {
    {0xf6ce278987e50c11ull, 0xf6ce278987e50c11ull},
    {0x94de7c06cf61e4acull, 0x94de7c06cf61e4acull},
    {0x40cec75e26626990ull, 0x40cec75e26626990ull},
    {0x1ab47dd72743cd4eull, 0x1ab47dd72743cd4eull},
    {0xe6e277738da4c675ull, 0xe6e277738da4c675ull},
    {0xc1f60b308543183cull, 0xc1f60b308543183cull},
    {0x7f71dda4d6f9d3c3ull, 0xea9c5d2b0049a843ull},
    {0x51d56b1bf145ebbeull, 0x51d56b1bf145ebbeull},
    {0x7957639be526faceull, 0x7957639be526faceull},
    {0xf3790e115b8a3ccbull, 0xf3790e115b8a3ccbull},
};
template <class M>
constexpr bool same(const sums& s) {
    return M::desc.hash_for(strata::sqlite::id) == s.sqlite && M::desc.hash_for(strata::postgres::id) == s.postgres;
}
static_assert(same<c1>(frozen[0]), "create_table: columns and table constraints");
static_assert(same<c2>(frozen[1]), "column operations, alter_column's changes");
static_assert(same<c3>(frozen[2]), "indexes and constraints, not_valid, validate_constraint");
static_assert(same<c4>(frozen[3]), "create_index_concurrently");
static_assert(same<c5>(frozen[4]), "enums, rename_table");
static_assert(same<c6>(frozen[5]), "execute, execute_irreversible, an empty down");
static_assert(same<c7>(frozen[6]), "execute_per_dialect: a checksum base per dialect");
static_assert(same<c8>(frozen[7]), "seed");
static_assert(same<c9>(frozen[8]), "an explicit up/down pair");
static_assert(same<c10>(frozen[9]), "run and validate");
// The dialect is mixed in after (strata::checksum_of): the two checksums of one migration differ.
static_assert(strata::checksum_of(c1::desc, strata::sqlite::id) != strata::checksum_of(c1::desc, strata::postgres::id));

// The chain's key, its type's name (detail/core/chain_key.hpp): two histories that differ in
// anything the checksums read are two chains, whatever the field; the same descriptors spelt
// another way are one.
template <class... Ops>
using one = strata::chain<strata::migration<1, "m", Ops...>>;
template <class A, class B>
inline constexpr bool two = !std::is_same_v<one<A>, one<B>>;
using t = create_table<"t", column<"id", bigint, primary_key>>;
static_assert(two<t, create_table<"t", column<"id", integer, primary_key>>>, "strata: a column's type");
static_assert(two<t, create_table<"u", column<"id", bigint, primary_key>>>, "strata: a table's name");
static_assert(two<t, create_table<"t", column<"di", bigint, primary_key>>>, "strata: a column's name");
static_assert(two<t, create_table<"t", column<"id", bigint, primary_key, identity>>>, "strata: a flag");
static_assert(two<create_table<"t", column<"v", varchar<10>>>, create_table<"t", column<"v", varchar<11>>>>, "strata: a length");
static_assert(two<create_table<"t", column<"v", text, default_value<"a">>>, create_table<"t", column<"v", text, default_value<"b">>>>,
              "strata: a default");
static_assert(two<create_table<"t", column<"v", text, default_value<"1">>>, create_table<"t", column<"v", text, default_value<1>>>>,
              "strata: a default's kind");
static_assert(two<create_table<"t", column<"v", integer, check<"v > 0">>>, create_table<"t", column<"v", integer, check<"v > 1">>>>,
              "strata: a check");
static_assert(two<create_table<"t", column<"v", bigint, references<"t", "id", on_delete_cascade>>>,
                  create_table<"t", column<"v", bigint, references<"t", "id", on_delete_set_null>>>>,
              "strata: an ON DELETE");
static_assert(two<create_table<"t", column<"a", text>, column<"b", text>>, create_table<"t", column<"b", text>, column<"a", text>>>,
              "strata: the columns' order");
static_assert(two<create_table<"t", column<"a", text>, unique_constraint<"k", "a">>,
                  create_table<"t", column<"a", text>, unique_constraint<"j", "a">>>,
              "strata: a table constraint's name");
static_assert(two<create_index<"i", "t", "a">, create_unique_index<"i", "t", "a">>, "strata: UNIQUE");
static_assert(two<create_index<"i", "t", "a">, create_index_concurrently<"i", "t", "a">>, "strata: CONCURRENTLY");
static_assert(two<create_index<"i", "t", "a", "b">, create_index<"i", "t", "b", "a">>, "strata: an index's columns");
static_assert(two<alter_column<"t", "a", set_type<varchar<5>>>, alter_column<"t", "a", set_type<varchar<6>>>>, "strata: set_type");
static_assert(two<execute<"SELECT 1", "SELECT 2">, execute<"SELECT 1", "SELECT 3">>, "strata: a down's SQL");
static_assert(two<execute<"SELECT 1", "SELECT 2">, execute_irreversible<"SELECT 1">>, "strata: irreversible");
static_assert(two<execute_per_dialect<sqlite_sql<"A", "B">, postgres_sql<"C", "D">>,
                  execute_per_dialect<sqlite_sql<"A", "B">, postgres_sql<"C", "E">>>,
              "strata: one dialect's statements");
static_assert(two<seed<"t", columns<"id">, values<1>>, seed<"t", columns<"id">, values<2>>>, "strata: a seed's value");
static_assert(two<seed<"t", columns<"id">, values<1>>, seed<"t", columns<"id">, values<"1">>>, "strata: a seed value's kind");
static_assert(two<t, unsafe<"why", t>>, "strata: unsafe<>");
// (and where a key of a cheaper formula, one that packs small fields into one number, ends each
// text with a mark instead of mixing its size in, or skips empty texts, could confuse them:
// benchmarks/README.md, "a chain key of its own")
static_assert(two<create_table<"t", column<"v", numeric<10, 2>>>, create_table<"t", column<"v", numeric<10, 3>>>>, "strata: a scale");
static_assert(two<create_table<"t", column<"v", numeric<10, 2>>>, create_table<"t", column<"v", numeric<12, 2>>>>, "strata: a precision");
static_assert(two<create_table<"t", column<"v", enum_type<"a">>>, create_table<"t", column<"v", enum_type<"b">>>>, "strata: an enum type");
static_assert(two<create_index<"i", "t", "ab", "c">, create_index<"i", "t", "a", "bc">>, "strata: where one name ends");
static_assert(two<rename_table<"ab", "c">, rename_table<"a", "bc">>, "strata: where a table's name ends");
static_assert(two<create_table<"t", column<"v", bigint, references<"ab", "c">>>, create_table<"t", column<"v", bigint, references<"a", "bc">>>>,
              "strata: where a reference's table ends");
static_assert(two<create_table<"t", column<"v", text, check<"v <> ''">>>, create_table<"t", column<"v", text, default_sql<"v <> ''">>>>,
              "strata: a check or a default of the same text");
static_assert(two<add_foreign_key<"t", "fk", "a", "u", "id">, add_foreign_key<"t", "fk", "a", "u", "id", not_valid>>, "strata: not_valid");
static_assert(two<add_foreign_key<"t", "fk", "a", "u", "id", on_delete_cascade>, add_foreign_key<"t", "fk", "a", "u", "id", on_delete_restrict>>,
              "strata: a constraint's ON DELETE");
static_assert(two<alter_column<"t", "a", set_not_null>, alter_column<"t", "a", drop_not_null>>, "strata: an alter's change");
static_assert(two<alter_column<"t", "a", set_default<default_value<1>>>, alter_column<"t", "a", set_default<default_value<2>>>>,
              "strata: an alter's default");
static_assert(two<execute<"A", "B">, execute<"B", "A">>, "strata: up and down SQL swapped");
static_assert(two<execute<"A", nothing>, execute_irreversible<"A">>, "strata: an empty down or none");
static_assert(two<execute_per_dialect<sqlite_sql<"A", "B">>, execute_per_dialect<sqlite_sql<"A", "B">, postgres_sql<"A", "B">>>,
              "strata: which dialects have statements");
static_assert(two<seed<"t", columns<"a", "b">, values<"ab", "c">>, seed<"t", columns<"a", "b">, values<"a", "bc">>>,
              "strata: where a seed's value ends");
static_assert(two<unsafe<"why", t>, unsafe<"who", t>>, "strata: unsafe<>'s reason");
static_assert(!std::is_same_v<one<t>, strata::chain<strata::migration<2, "m", t>>>, "strata: the version");
static_assert(!std::is_same_v<one<t>, strata::chain<strata::migration<1, "n", t>>>, "strata: the name");
static_assert(!std::is_same_v<one<t, drop_table<"t">>, strata::chain<strata::migration<1, "m", up<t, drop_table<"t">>, down<>>>>,
              "strata: an explicit down");
static_assert(std::is_same_v<one<create_table<"t", column<"v", text, not_null, unique>>>,
                             one<create_table<"t", column<"v", text, unique, not_null>>>>,
              "strata: a column's constraints in another order: the same descriptors, one chain");

}  // namespace

int main() {}
