// SQLite rebuilds coalesced (issue 9 point 7): consecutive operations that each take a table
// rebuild (what SQLite's ALTER TABLE cannot do) rebuild that table once, to the state after the
// last of them, in both directions; a type change SQLite spells the same (integer to bigint:
// INTEGER both) rebuilds nothing. The runtime side (data, indexes, foreign keys, triggers, the
// guard) is tests/runtime/rebuilds.cpp and tests/runtime/trust.cpp.
#include <strata/strata.hpp>

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string_view>
#include <utility>

using namespace strata::dsl;

using m1 = strata::migration<1, "items",
    create_enum<"mood", "calm", "busy">,
    create_enum<"level", "low", "high">,
    create_table<"parents", column<"id", bigint, primary_key>, column<"name", text>, column<"level", enum_type<"level">>>,
    create_table<"items",
        column<"id", bigint, primary_key, autoincrement>,
        column<"parent_id", bigint, references<"parents", "id">>,
        column<"qty", integer>,
        column<"note", text>,
        column<"code", text>,
        column<"spare", text, unique>,
        column<"mood", enum_type<"mood">>,
        column<"level", enum_type<"level">>>,
    create_index<"items_qty_idx", "items", "qty">>;
// three operations SQLite's ALTER TABLE cannot do, on one table, in a row: one rebuild each way
using m2 = strata::migration<2, "tighten items",
    alter_column<"items", "qty", set_default<default_value<0>>>,
    alter_column<"items", "note", set_not_null, set_default<default_value<"none">>>,
    add_check<"items", "items_qty_check", "qty >= 0">>;
// integer to bigint: INTEGER both on SQLite, nothing to rebuild; PostgreSQL alters the type
using m3 = strata::migration<3, "wider qty", alter_column<"items", "qty", set_type<bigint>>>;
// a run, an operation that is not a rebuild, a run: two rebuilds
using m4 = strata::migration<4, "two runs",
    alter_column<"items", "code", set_default<default_value<"x">>>,
    create_index<"items_code_idx", "items", "code">,
    drop_constraint<"items", "items_qty_check">>;
// rename, then alter the renamed column twice: the rename is ALTER TABLE, the alters one rebuild
using m5 = strata::migration<5, "rename and alter",
    rename_column<"items", "note", "remark">,
    alter_column<"items", "remark", drop_not_null>,
    alter_column<"items", "remark", drop_default>>;
// runs on alternating tables stay apart (each rebuild is spelled where its table's turn is)
using m6 = strata::migration<6, "alternating",
    alter_column<"items", "qty", drop_default>,
    alter_column<"parents", "name", set_default<default_value<"?">>>,
    alter_column<"items", "remark", set_default<default_value<"-">>>>;
// a column added and one dropped in the same run, a same-spelled type change between them
using m7 = strata::migration<7, "reshape items",
    add_column<"items", column<"label", text, unique>>,
    alter_column<"items", "qty", set_type<integer>>,
    drop_column<"items", "spare">>;
// a foreign-key column SQLite can ADD but not DROP, then an alter: up ADD + one rebuild, down one rebuild
using m8 = strata::migration<8, "owner",
    add_column<"items", column<"owner_id", bigint, references<"parents", "id">>>,
    alter_column<"items", "remark", drop_default>>;
// an explicit up/down pair: each side's run is one rebuild
using m9 = strata::migration<9, "explicit",
    up<alter_column<"items", "code", drop_default>, add_check<"items", "items_code_check", "length(code) < 9">>,
    down<drop_constraint<"items", "items_code_check">, alter_column<"items", "code", set_default<default_value<"x">>>>>;
// two values for an enum one table uses: one rebuild each way
using m10 = strata::migration<10, "moods", add_enum_value<"mood", "idle">, add_enum_value<"mood", "gone">>;
// two values for an enum two tables use: both tables rebuilt once each way, for both values
using m11 = strata::migration<11, "levels", add_enum_value<"level", "mid">, add_enum_value<"level", "top">>;
// a same-spelled change alone: nothing on SQLite, even inside a run it does not start one
using m12 = strata::migration<12, "narrow qty", alter_column<"items", "qty", set_type<smallint>>,
    alter_column<"parents", "id", set_type<bigint>>>;

// a column SQLite can ADD and DROP in place, for m14
using m13 = strata::migration<13, "nick", add_column<"parents", column<"nick", text>>>;
// a plain DROP COLUMN and a plain ADD COLUMN of the table a run rebuilds, inside the run: the
// rebuild leaves the one out and makes the other, one rebuild each way
using m14 = strata::migration<14, "plain ones inside a run",
    alter_column<"parents", "name", drop_default>,
    drop_column<"parents", "nick">,
    add_column<"parents", column<"tag", text, default_value<"t">>>,
    alter_column<"parents", "name", set_default<default_value<"!">>>>;

using history = strata::chain<m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14>;

using lite = strata::sqlite;
using pg = strata::postgres;
template <class D, std::uint64_t V>
using at = strata::sql<D, history, V>;

// (no string_view::find: it does not compile in a constant expression under g++'s UBSan)
constexpr std::size_t occurrences(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + what.size() <= text.size(); ++i) n += text.substr(i, what.size()) == what;
    return n;
}
constexpr std::string_view rebuild_start = "CREATE TABLE \"_strata_new_";
template <std::uint64_t V>
constexpr std::size_t up_rebuilds = occurrences(at<lite, V>::up, rebuild_start);
template <std::uint64_t V>
constexpr std::size_t down_rebuilds = occurrences(at<lite, V>::down, rebuild_start);
template <std::uint64_t V>
constexpr bool rebuilds(std::size_t up, std::size_t down) {
    return up_rebuilds<V> == up && down_rebuilds<V> == down;
}

static_assert(rebuilds<1>(0, 0));
static_assert(rebuilds<2>(1, 1));
static_assert(rebuilds<3>(0, 0));
static_assert(rebuilds<4>(2, 2));
static_assert(rebuilds<5>(1, 1));
static_assert(rebuilds<6>(3, 3));
static_assert(rebuilds<7>(1, 1));
static_assert(rebuilds<8>(1, 1));
static_assert(rebuilds<9>(1, 1));
static_assert(rebuilds<10>(1, 1));
static_assert(rebuilds<11>(2, 2));
static_assert(rebuilds<12>(0, 0));
// up: each table once, with both values; down: each table once, back to the values before
static_assert(occurrences(at<lite, 11>::up, "\"level\" IN ('low', 'high', 'mid', 'top')") == 2);
static_assert(occurrences(at<lite, 11>::up, "'mid')") == 0);
static_assert(occurrences(at<lite, 11>::down, "\"level\" IN ('low', 'high'))") == 2);
static_assert(occurrences(at<lite, 11>::down, "'mid'") == 0);
static_assert(rebuilds<13>(0, 0));
static_assert(rebuilds<14>(1, 1));
static_assert(occurrences(at<lite, 13>::up, "ADD COLUMN") == 1 && occurrences(at<lite, 13>::down, "DROP COLUMN") == 1);
static_assert(occurrences(at<lite, 14>::up, " COLUMN ") == 0 && occurrences(at<lite, 14>::down, " COLUMN ") == 0);
// up: the rebuild ends at the state after the run (tag, no nick) and copies what both ends have
static_assert(occurrences(at<lite, 14>::up, "\"nick\"") == 0 && occurrences(at<lite, 14>::up, "\"tag\" TEXT DEFAULT 't'") == 1);
static_assert(occurrences(at<lite, 14>::up, "INSERT INTO \"_strata_new_parents\" (\"id\", \"name\", \"level\") SELECT") == 1);
// down: back to the state before it (nick, no tag), copying the same columns
static_assert(occurrences(at<lite, 14>::down, "\"tag\"") == 0 && occurrences(at<lite, 14>::down, "\"nick\" TEXT") == 1);
static_assert(occurrences(at<lite, 14>::down, "INSERT INTO \"_strata_new_parents\" (\"id\", \"name\", \"level\") SELECT") == 1);

// ---- the golden text of the run (2): one rebuild, to the state after the three operations,
// and back to the state before them
static_assert(at<lite, 2>::up ==
    "CREATE TABLE \"_strata_new_items\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n"
    "  \"parent_id\" INTEGER REFERENCES \"parents\" (\"id\"),\n"
    "  \"qty\" INTEGER DEFAULT 0,\n"
    "  \"note\" TEXT NOT NULL DEFAULT 'none',\n"
    "  \"code\" TEXT,\n"
    "  \"spare\" TEXT UNIQUE,\n"
    "  \"mood\" TEXT CHECK (\"mood\" IN ('calm', 'busy')),\n"
    "  \"level\" TEXT CHECK (\"level\" IN ('low', 'high')),\n"
    "  CONSTRAINT \"items_qty_check\" CHECK (qty >= 0)\n"
    ");\n"
    "INSERT INTO \"_strata_new_items\" (\"id\", \"parent_id\", \"qty\", \"note\", \"code\", \"spare\", \"mood\", \"level\") SELECT \"id\", \"parent_id\", \"qty\", \"note\", \"code\", \"spare\", \"mood\", \"level\" FROM \"items\";\n"
    "DELETE FROM \"sqlite_sequence\" WHERE \"name\" = '_strata_new_items';\n"
    "INSERT INTO \"sqlite_sequence\" (\"name\", \"seq\") SELECT '_strata_new_items', \"seq\" FROM \"sqlite_sequence\" WHERE \"name\" = 'items';\n"
    "DROP TABLE \"items\";\n"
    "ALTER TABLE \"_strata_new_items\" RENAME TO \"items\";\n"
    "CREATE INDEX \"items_qty_idx\" ON \"items\" (\"qty\");\n"
    "PRAGMA foreign_key_check(\"items\");\n");
static_assert(at<lite, 2>::down ==
    "CREATE TABLE \"_strata_new_items\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n"
    "  \"parent_id\" INTEGER REFERENCES \"parents\" (\"id\"),\n"
    "  \"qty\" INTEGER,\n"
    "  \"note\" TEXT,\n"
    "  \"code\" TEXT,\n"
    "  \"spare\" TEXT UNIQUE,\n"
    "  \"mood\" TEXT CHECK (\"mood\" IN ('calm', 'busy')),\n"
    "  \"level\" TEXT CHECK (\"level\" IN ('low', 'high'))\n"
    ");\n"
    "INSERT INTO \"_strata_new_items\" (\"id\", \"parent_id\", \"qty\", \"note\", \"code\", \"spare\", \"mood\", \"level\") SELECT \"id\", \"parent_id\", \"qty\", \"note\", \"code\", \"spare\", \"mood\", \"level\" FROM \"items\";\n"
    "DELETE FROM \"sqlite_sequence\" WHERE \"name\" = '_strata_new_items';\n"
    "INSERT INTO \"sqlite_sequence\" (\"name\", \"seq\") SELECT '_strata_new_items', \"seq\" FROM \"sqlite_sequence\" WHERE \"name\" = 'items';\n"
    "DROP TABLE \"items\";\n"
    "ALTER TABLE \"_strata_new_items\" RENAME TO \"items\";\n"
    "CREATE INDEX \"items_qty_idx\" ON \"items\" (\"qty\");\n"
    "PRAGMA foreign_key_check(\"items\");\n");

// ---- integer to bigint (and back to smallint): SQLite spells them all INTEGER
static_assert(at<lite, 3>::up.empty() && at<lite, 3>::down.empty());
static_assert(at<pg, 3>::up ==
    "ALTER TABLE \"items\" ALTER COLUMN \"qty\" DROP DEFAULT;\n"
    "ALTER TABLE \"items\" ALTER COLUMN \"qty\" TYPE BIGINT USING \"qty\"::BIGINT;\n"
    "ALTER TABLE \"items\" ALTER COLUMN \"qty\" SET DEFAULT 0;\n");
static_assert(occurrences(at<pg, 3>::down, "TYPE INTEGER USING") == 1);
static_assert(at<lite, 12>::up.empty() && at<lite, 12>::down.empty());
// (parents.id was a bigint already: PostgreSQL has nothing to alter either, not an empty ALTER TABLE)
static_assert(at<pg, 12>::up == "ALTER TABLE \"items\" ALTER COLUMN \"qty\" TYPE SMALLINT USING \"qty\"::SMALLINT;\n");
static_assert(at<pg, 12>::down == "ALTER TABLE \"items\" ALTER COLUMN \"qty\" TYPE INTEGER USING \"qty\"::INTEGER;\n");

// ---- rename, then the run: ALTER TABLE ... RENAME COLUMN first, then the one rebuild
static_assert(at<lite, 5>::up.starts_with("ALTER TABLE \"items\" RENAME COLUMN \"note\" TO \"remark\";\n" "CREATE TABLE"));
static_assert(at<lite, 5>::down.substr(at<lite, 5>::down.size() - 54) ==
              "ALTER TABLE \"items\" RENAME COLUMN \"remark\" TO \"note\";\n");

// ---- a foreign-key column: SQLite ADDs it (and the alter rebuilds); its DROP joins the down's run
static_assert(at<lite, 8>::up.starts_with("ALTER TABLE \"items\" ADD COLUMN \"owner_id\" INTEGER REFERENCES \"parents\" (\"id\");\n"
                                          "CREATE TABLE \"_strata_new_items\""));

// ---- the runtime's steps: one guard per rebuild, before its DROP TABLE and RENAME
constexpr const auto& lite_ms = strata::chain_sql<lite, history>::migrations;
constexpr const auto& pg_ms = strata::chain_sql<pg, history>::migrations;

constexpr bool guarded(std::span<const strata::step> steps, std::size_t& guards) {
    std::string_view pending{};  // the table the last guard names
    for (const strata::step& s : steps) {
        if (s.kind == strata::step_kind::rebuild_guard) {
            if (!pending.empty()) return false;
            pending = s.fragments[0];
            ++guards;
        } else if (s.kind == strata::step_kind::sql && s.fragments.size() > 3 &&
                   s.fragments[0] == "ALTER TABLE \"_strata_new_") {  // ALTER TABLE "_strata_new_t" RENAME TO "t"
            if (pending.empty() || s.fragments[s.fragments.size() - 1] != pending) return false;
            pending = {};
        }
    }
    return pending.empty();
}
static_assert([] {
    for (std::size_t i = 0; i < history::size; ++i) {
        std::size_t up = 0, down = 0;
        if (!guarded(lite_ms[i].up_steps, up) || !guarded(lite_ms[i].down_steps, down)) return false;
        if (lite_ms[i].rebuilds_tables != (up + down > 0) || pg_ms[i].rebuilds_tables) return false;
    }
    return true;
}());

template <std::size_t... I>
consteval bool one_guard_per_rebuild(std::index_sequence<I...>) {
    auto count = [](std::span<const strata::step> steps) {
        std::size_t n = 0;
        for (const strata::step& s : steps) n += s.kind == strata::step_kind::rebuild_guard;
        return n;
    };
    return ((count(lite_ms[I].up_steps) == up_rebuilds<I + 1> && count(lite_ms[I].down_steps) == down_rebuilds<I + 1>) && ...);
}
static_assert(one_guard_per_rebuild(std::make_index_sequence<history::size>{}));

// The guard knows the table on either side of the run: up, as it is before the run's first
// operation (spare, not label); down, as it is after the run's last (label, not spare).
constexpr bool names(std::span<const strata::sql_fragment> frags, std::string_view n) {
    for (std::string_view f : frags)
        if (f == n) return true;
    return false;
}
constexpr const strata::step* first_guard(std::span<const strata::step> steps) {
    for (const strata::step& s : steps)
        if (s.kind == strata::step_kind::rebuild_guard) return &s;
    return nullptr;
}
static_assert([] {
    const auto& up = first_guard(lite_ms[6].up_steps)->fragments;
    const auto& down = first_guard(lite_ms[6].down_steps)->fragments;
    return up[0] == "\"items\"" && names(up, "\"spare\"") && !names(up, "\"label\"") && names(up, "\"items_code_idx\"") &&
           down[0] == "\"items\"" && names(down, "\"label\"") && !names(down, "\"spare\"") && names(down, "\"items_code_idx\"");
}());
// The guard carries what the table's definition has beyond names, for the runtime to compare
// with the live table's: "not null" and the column; a word per check (an enum's CHECK of its
// values on SQLite too) and autoincrement; "foreign key", its column, the table and column it
// references and its action; "unique" and the key's columns; "primary key" and its columns;
// "index", its name, "on" or "unique on", its columns; each column's type follows its name; last,
// for each default, "default", the column, the default and an empty fragment.
constexpr std::size_t count_of(std::span<const strata::sql_fragment> frags, std::string_view word) {
    std::size_t n = 0;
    for (std::string_view f : frags) n += f == word;
    return n;
}
constexpr bool follows(std::span<const strata::sql_fragment> frags, std::string_view a, std::string_view b) {
    for (std::size_t i = 0; i + 1 < frags.size(); ++i)
        if (frags[i] == a && frags[i + 1] == b) return true;
    return false;
}
static_assert([] {
    const auto& up = first_guard(lite_ms[1].up_steps)->fragments;      // items before m2: two enum checks
    const auto& down = first_guard(lite_ms[1].down_steps)->fragments;  // after m2: and items_qty_check
    return count_of(up, "check") == 2 && count_of(down, "check") == 2 && count_of(down, "check named") == 1 &&
           follows(down, "check named", "\"items_qty_check\"") && count_of(up, "foreign key") == 1 &&
           follows(up, "foreign key", "\"parent_id\"") && follows(up, "\"parent_id\"", "\"parents\"") &&
           follows(up, "\"parents\"", "\"id\"") && follows(up, "\"id\"", "NO ACTION") &&
           count_of(up, "autoincrement") == 1 && count_of(up, "unique") == 1 && follows(up, "unique", "\"spare\"") &&
           follows(up, "not null", "\"id\"") && count_of(up, "not null") == 1 && count_of(down, "not null") == 2 &&
           follows(down, "not null", "\"note\"") && follows(up, "primary key", "\"id\"") &&
           follows(up, "index", "\"items_qty_idx\"") && follows(up, "\"items_qty_idx\"", "on") && up.back() == "\"qty\"" &&
           // each column's type after its name; each default: "default", the column, the default, ""
           follows(up, "\"qty\"", "INTEGER") && follows(up, "\"note\"", "TEXT") && follows(up, "\"mood\"", "TEXT") &&
           count_of(up, "default") == 0 && count_of(down, "default") == 2 && follows(down, "default", "\"qty\"") &&
           follows(down, "\"qty\"", "0") && follows(down, "0", "") && follows(down, "default", "\"note\"") &&
           follows(down, "\"note\"", "'") && follows(down, "none", "'") && down.back().empty();
}());

// no rebuild: no foreign keys turned off
static_assert(!lite_ms[2].rebuilds_tables && !lite_ms[11].rebuilds_tables && lite_ms[1].rebuilds_tables);

// ---- checksums: the SQL text is not part of them; these were computed before runs were
// coalesced, and a database migrated then must not see its history as changed
struct sums {
    std::uint64_t lite, pg;
};
constexpr sums frozen[] = {
    {0x5fec0171650e579aull, 0x5756e2b155bdffbbull},  // 1
    {0x8d7e584c863b5c4bull, 0x8e37f10c86c5e14aull},  // 2
    {0xa5bdff108dd92b79ull, 0x9e2950d081bb257cull},  // 3
    {0x496ae4a1f88933b6ull, 0x498b8be1f7fff4f7ull},  // 4
    {0x16aac24e5921c0d8ull, 0x1636628e582ba536ull},  // 5
    {0x7fd1045a53899044ull, 0x7e135c9a4712fd00ull},  // 6
    {0xeea1cc1295941205ull, 0xee60b4d2946067d5ull},  // 7
    {0xd696be0b3b031c07ull, 0xda71cdcb3ebdc8f6ull},  // 8
    {0xa9c6df39cbb07af3ull, 0xa90743f9cb201472ull},  // 9
    {0x976ad14ac3358639ull, 0x9acd668ac574cbd0ull},  // 10
    {0x52576a6fa89ac070ull, 0x5143862fa60c708dull},  // 11
    {0x9aa6b015a97be352ull, 0xa9a21355c1f692d3ull},  // 12
};
static_assert([] {
    for (std::size_t i = 0; i < std::size(frozen); ++i)
        if (lite_ms[i].checksum != frozen[i].lite || pg_ms[i].checksum != frozen[i].pg) return false;
    return true;
}());

// What the runtime, plan() and the CLI's `sql` use, strata::generate_sql (the same generator,
// run when the program runs), has the same coalesced text and steps.
template <class D, const auto& Ms>
bool generated_at_run_time_matches() {
    const auto g = strata::generate_sql<D, history>();
    for (std::size_t i = 0; i < history::size; ++i) {
        const strata::migration_sql& a = g.migrations()[i];
        if (a.up_sql() != Ms[i].up_sql() || a.down_sql() != Ms[i].down_sql() || a.rebuilds_tables != Ms[i].rebuilds_tables ||
            a.up_steps.size() != Ms[i].up_steps.size() || a.down_steps.size() != Ms[i].down_steps.size())
            return false;
        for (std::size_t k = 0; k < a.down_steps.size(); ++k)
            if (a.down_steps[k].kind != Ms[i].down_steps[k].kind || a.down_steps[k].sql() != Ms[i].down_steps[k].sql()) return false;
    }
    return true;
}

int main() {
    if (!generated_at_run_time_matches<lite, lite_ms>()) return 1;
    if (!generated_at_run_time_matches<pg, pg_ms>()) return 2;
    return 0;
}
