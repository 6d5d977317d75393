// Seed data (seed<table, columns<...>, values<...>...>) on real databases: the typed rows go in
// with the migration, and its derived down removes exactly them.
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <strata/strata.hpp>

#include "backends.hpp"

using namespace strata::dsl;

namespace {

using r1 = strata::migration<1, "roles",
    create_enum<"tier", "free", "paid">,
    create_table<"roles",
        column<"id", bigint, primary_key>,
        column<"name", varchar<20>, not_null, unique>,
        column<"builtin", boolean, not_null, default_value<false>>,
        column<"tier", enum_type<"tier">>,
        column<"note", text>>,
    create_table<"grants",
        column<"role_id", bigint, not_null, references<"roles", "id">>,
        column<"scope", text, not_null>,
        primary_key_constraint<"role_id", "scope">>>;
using r2 = strata::migration<2, "default roles",
    seed<"roles", columns<"id", "name", "builtin", "tier", "note">,
         values<1, "admin", true, "paid", "can do \"anything\"; it's the root">,
         values<2, "guest", false, "free", nullptr>,
         values<3, "editor", false, nullptr, "">>,
    seed<"grants", columns<"role_id", "scope">, values<1, "all">, values<3, "posts">>>;
using history = strata::chain<r1, r2>;

// A substring test by index: libstdc++'s string_view::find compares a pointer with null, which
// g++ with -fsanitize=undefined does not accept in a constant expression when the text is
// strata::sql<>'s (a static member of a class template; see the g++ UBSan build in scripts/test).
constexpr bool contains(std::string_view s, std::string_view part) {
    for (std::size_t i = 0; i + part.size() <= s.size(); ++i)
        if (s.substr(i, part.size()) == part) return true;
    return false;
}

static_assert(strata::valid_chain<history>);
// A composite key: the down deletes row by row.
static_assert(contains(strata::sql<strata::sqlite, history, 2>::down,
                       "DELETE FROM \"grants\" WHERE (\"role_id\" = 1 AND \"scope\" = 'all') OR (\"role_id\" = 3 AND \"scope\" = 'posts')"));
static_assert(contains(strata::sql<strata::postgres, history, 2>::up, "(1, 'admin', TRUE, 'paid', 'can do \"anything\"; it''s the root')"));
static_assert(!contains(strata::sql<strata::postgres, history, 2>::up, "(1, 'admin', FALSE"));

class Seed : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database(GetParam(), "seed");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    strata::driver& db() { return database_->db(); }
    std::int64_t count(const std::string& sql) { return strata::session(db()).query_value<std::int64_t>(sql); }
    std::unique_ptr<strata_test::test_database> database_;
};

TEST_P(Seed, TheRowsGoInAndTheDownRemovesExactlyThem) {
    strata::migrator<history> m(db(), {"main", strata::log_nowhere});
    m.upgrade();
    strata::session s(db());
    EXPECT_EQ(count("SELECT count(*) FROM \"roles\""), 3);
    EXPECT_EQ(s.query_value<std::string>("SELECT \"note\" FROM \"roles\" WHERE \"id\" = 1"), "can do \"anything\"; it's the root");
    EXPECT_TRUE(s.query_value<bool>("SELECT \"builtin\" FROM \"roles\" WHERE \"id\" = 1"));
    EXPECT_FALSE(s.query_value<std::optional<std::string>>("SELECT \"note\" FROM \"roles\" WHERE \"id\" = 2").has_value());
    EXPECT_EQ(s.query_value<std::string>("SELECT \"note\" FROM \"roles\" WHERE \"id\" = 3"), "");
    EXPECT_EQ(s.query_value<std::string>("SELECT CAST(\"tier\" AS TEXT) FROM \"roles\" WHERE \"id\" = 2"), "free");
    EXPECT_EQ(count("SELECT count(*) FROM \"grants\""), 2);
    EXPECT_TRUE(m.verify().ok());

    // Rows the application added are not the seed's: the down leaves them. One that still
    // references a seeded row makes the down fail, and then nothing of it is undone.
    s.execute("INSERT INTO \"roles\" (\"id\", \"name\") VALUES (10, 'custom')");
    s.execute("INSERT INTO \"grants\" (\"role_id\", \"scope\") VALUES (1, 'posts'), (10, 'all')");
    EXPECT_THROW(m.downgrade_to(1), strata::migration_error);
    EXPECT_EQ(count("SELECT count(*) FROM \"roles\""), 4);
    EXPECT_EQ(count("SELECT count(*) FROM \"grants\""), 4);
    s.execute("DELETE FROM \"grants\" WHERE \"role_id\" = 1 AND \"scope\" = 'posts'");
    m.downgrade_to(1);
    EXPECT_EQ(count("SELECT count(*) FROM \"roles\""), 1);
    EXPECT_EQ(count("SELECT count(*) FROM \"roles\" WHERE \"id\" = 10"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM \"grants\""), 1);  // (10, all) stays
    m.upgrade();
    EXPECT_EQ(count("SELECT count(*) FROM \"roles\""), 4);
    EXPECT_EQ(count("SELECT count(*) FROM \"grants\""), 3);
}

// Explicit ids seeded into a generated key: the application's next insert without an id gets a
// fresh one (PostgreSQL's sequence is advanced past the seeded ids; SQLite's AUTOINCREMENT
// counter follows explicit ids by itself).
using g1 = strata::migration<1, "Plans",
    create_table<"Plan Kinds",
        column<"Id", bigint, primary_key, autoincrement>,
        column<"name", text, not_null, unique>>>;
using g2 = strata::migration<2, "default plans",
    seed<"Plan Kinds", columns<"Id", "name">, values<1, "free">, values<7, "pro">, values<3, "team">>>;
using generated = strata::chain<g1, g2>;
// The statement (checked when the test runs: string_view::find on strata::sql<>'s text is not a
// constant expression under g++ -fsanitize=undefined). Only a seed that gives an autoincrement
// key's values moves its sequence, and only on PostgreSQL.
TEST(SeedSql, PostgresMovesTheSequenceAfterExplicitIds) {
    const std::string pg(strata::sql<strata::postgres, generated, 2>::up);
    EXPECT_NE(pg.find("INSERT INTO \"Plan Kinds\" (\"Id\", \"name\") VALUES (1, 'free'), (7, 'pro'), (3, 'team');\n"
                      "SELECT setval(pg_get_serial_sequence('\"Plan Kinds\"', 'Id'), coalesce(max(\"Id\"), 1), max(\"Id\") IS NOT "
                      "NULL) FROM \"Plan Kinds\";\n"),
              std::string::npos)
        << pg;
    EXPECT_EQ(std::string(strata::sql<strata::postgres, history, 2>::up).find("setval"), std::string::npos);
    EXPECT_EQ(std::string(strata::sql<strata::sqlite, generated, 2>::up).find("setval"), std::string::npos);
}

TEST_P(Seed, AnInsertWithoutAnIdAfterSeededIdsGetsAFreshOne) {
    strata::migrator<generated> m(db(), {"main", strata::log_nowhere});
    m.upgrade();
    strata::session s(db());
    s.execute("INSERT INTO \"Plan Kinds\" (\"name\") VALUES ('enterprise')");
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT \"Id\" FROM \"Plan Kinds\" WHERE \"name\" = 'enterprise'"), 8);
    EXPECT_EQ(count("SELECT count(*) FROM \"Plan Kinds\""), 4);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    // Down removes the seeded rows and leaves the sequence; up again seeds them again, and the
    // next id still follows every id used.
    s.execute("DELETE FROM \"Plan Kinds\" WHERE \"name\" = 'enterprise'");
    m.downgrade_to(1);
    EXPECT_EQ(count("SELECT count(*) FROM \"Plan Kinds\""), 0);
    m.upgrade();
    s.execute("INSERT INTO \"Plan Kinds\" (\"name\") VALUES ('again')");
    EXPECT_GE(s.query_value<std::int64_t>("SELECT \"Id\" FROM \"Plan Kinds\" WHERE \"name\" = 'again'"), 8);
}

// Values of any length (issue 10, point 4): a 520-byte literal, a 6 KiB value from a function
// (text_from<...>), a 200-byte default; quotes, backslashes, tabs, newlines and UTF-8 kept
// byte for byte.
#define STRATA_NOTE52 "A note of 52 bytes, with 'quotes' in it; it's long. "
#define STRATA_NOTE520                                                                                      \
    STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 \
        STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52
#define STRATA_STATUS40 "Status: it's the default of 200 bytes.. "
#define STRATA_STATUS200 STRATA_STATUS40 STRATA_STATUS40 STRATA_STATUS40 STRATA_STATUS40 STRATA_STATUS40
static_assert(sizeof(STRATA_NOTE520) == 521 && sizeof(STRATA_STATUS200) == 201);

constexpr std::string_view body_line = "Line: 'single', \"double\", back\\slash, tab\t, caf\xc3\xa9 \xe2\x9c\x93 ok.......\n";
static_assert(body_line.size() == 64);
constexpr std::array<char, 6144> make_body() {
    std::array<char, 6144> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = body_line[i % body_line.size()];
    return out;
}
inline constexpr std::array<char, 6144> body_text = make_body();
constexpr std::string_view body() { return {body_text.data(), body_text.size()}; }
inline constexpr char greeting[] = "From an array: it's here.";

using l1 = strata::migration<1, "documents",
    create_table<"documents",
        column<"id", bigint, primary_key>,
        column<"title", varchar<600>, not_null>,
        column<"body", text>,
        column<"status", text, not_null, default_value<STRATA_STATUS200>>>>;
using l2 = strata::migration<2, "seed documents",
    seed<"documents", columns<"id", "title", "body">,
         values<1, STRATA_NOTE520, text_from<body>>,
         values<2, text_from<greeting>, text_from<body_text>>,
         values<3, "short", nullptr>>>;
using long_values = strata::chain<l1, l2>;

TEST_P(Seed, LongValuesGoInByteForByteAndTheDownRemovesThem) {
    strata::migrator<long_values> m(db(), {"main", strata::log_nowhere});
    m.upgrade();
    strata::session s(db());
    const std::string note = STRATA_NOTE520, status = STRATA_STATUS200, text(body());
    ASSERT_EQ(note.size(), 520u);
    ASSERT_EQ(text.size(), 6144u);
    EXPECT_EQ(count("SELECT count(*) FROM \"documents\""), 3);
    EXPECT_EQ(s.query_value<std::string>("SELECT \"title\" FROM \"documents\" WHERE \"id\" = 1"), note);
    EXPECT_EQ(s.query_value<std::string>("SELECT \"body\" FROM \"documents\" WHERE \"id\" = 1"), text);
    EXPECT_EQ(s.query_value<std::string>("SELECT \"title\" FROM \"documents\" WHERE \"id\" = 2"), "From an array: it's here.");
    EXPECT_EQ(s.query_value<std::string>("SELECT \"body\" FROM \"documents\" WHERE \"id\" = 2"), text);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT length(\"body\") FROM \"documents\" WHERE \"id\" = 2"),
              6144 - 96 * 3);  // in characters: each line's é and ✓ are five bytes, two characters
    EXPECT_FALSE(s.query_value<std::optional<std::string>>("SELECT \"body\" FROM \"documents\" WHERE \"id\" = 3").has_value());
    // The 200-byte default, for a row that leaves the column out.
    s.execute("INSERT INTO \"documents\" (\"id\", \"title\") VALUES (10, 'added')");
    EXPECT_EQ(s.query_value<std::string>("SELECT \"status\" FROM \"documents\" WHERE \"id\" = 10"), status);
    EXPECT_EQ(s.query_value<std::string>("SELECT \"status\" FROM \"documents\" WHERE \"id\" = 1"), status);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();

    // The down removes exactly the seeded rows; up again puts them back, the same bytes.
    m.downgrade_to(1);
    EXPECT_EQ(count("SELECT count(*) FROM \"documents\""), 1);
    EXPECT_EQ(count("SELECT count(*) FROM \"documents\" WHERE \"id\" = 10"), 1);
    m.upgrade();
    EXPECT_EQ(count("SELECT count(*) FROM \"documents\""), 4);
    EXPECT_EQ(s.query_value<std::string>("SELECT \"body\" FROM \"documents\" WHERE \"id\" = 1"), text);
}

// A seed's down deletes exactly its rows; a foreign key ON DELETE CASCADE or SET NULL from
// another table's rows (or another row of the same table) to one of them would delete or change
// those rows too: the down is refused before its DELETE, naming the table, and nothing of it is
// undone (helper 55: 3 users were deleted by the down of a migration that only seeded roles).
using c1 = strata::migration<1, "tables",
    create_table<"kinds", column<"id", bigint, primary_key>, column<"name", text, not_null>,
                 column<"parent_id", bigint, references<"kinds", "id", on_delete_cascade>>>,
    create_table<"members", column<"id", bigint, primary_key>,
                 column<"kind_id", bigint, not_null, references<"kinds", "id", on_delete_cascade>>>,
    create_table<"notes", column<"id", bigint, primary_key>, column<"kind_id", bigint, references<"kinds", "id", on_delete_set_null>>>>;
using c2 = strata::migration<2, "seed kinds", seed<"kinds", columns<"id", "name", "parent_id">, values<1, "admin", nullptr>,
                                                   values<2, "sub-admin", 1>>>;
using c3 = strata::migration<3, "note", add_column<"kinds", column<"note", text>>>;
using cascading = strata::chain<c1, c2, c3>;

TEST_P(Seed, ADownWhoseDeleteWouldCascadeToOtherRowsIsRefused) {
    strata::migrator<cascading> m(db(), {"main", strata::log_nowhere});
    m.upgrade();
    strata::session s(db());
    // the seeded rows' own reference (2 -> 1) goes with them: no refusal
    m.downgrade_to(1);
    EXPECT_EQ(count("SELECT count(*) FROM \"kinds\""), 0);
    m.upgrade();
    s.execute("INSERT INTO \"members\" (\"id\", \"kind_id\") VALUES (10, 1), (11, 1), (12, 2)");
    s.execute("INSERT INTO \"notes\" (\"id\", \"kind_id\") VALUES (20, 2)");
    s.execute("INSERT INTO \"kinds\" (\"id\", \"name\", \"parent_id\") VALUES (30, 'custom', 1)");
    try {
        m.downgrade_to(1);
        FAIL() << "the down deleted rows of another table through ON DELETE CASCADE";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("reference rows of table \"kinds\" that this down deletes"), std::string::npos) << what;
        EXPECT_NE(what.find("ON DELETE CASCADE"), std::string::npos) << what;
    }
    EXPECT_EQ(m.status().current, 2u);  // the down of 3 ran; 2's was refused and undone
    EXPECT_EQ(count("SELECT count(*) FROM \"members\""), 3);
    EXPECT_EQ(count("SELECT count(*) FROM \"kinds\""), 3);
    // the same table's row that references a seeded one is another's too
    s.execute("DELETE FROM \"members\"");
    try {
        m.downgrade_to(1);
        FAIL() << "the down deleted kinds 30 through its ON DELETE CASCADE to kinds 1";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("1 row(s) of table \"kinds\" (column parent_id, ON DELETE CASCADE)"), std::string::npos)
            << e.what();
    }
    // SET NULL changes the other rows: refused too
    s.execute("DELETE FROM \"kinds\" WHERE \"id\" = 30");
    try {
        m.downgrade_to(1);
        FAIL() << "the down set notes.kind_id to NULL through ON DELETE SET NULL";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("ON DELETE SET NULL"), std::string::npos) << e.what();
    }
    EXPECT_EQ(count("SELECT count(*) FROM \"notes\" WHERE \"kind_id\" = 2"), 1);
    s.execute("DELETE FROM \"notes\"");
    m.downgrade_to(1);
    EXPECT_EQ(count("SELECT count(*) FROM \"kinds\""), 0);
}

// The run-time generator (generate_sql, what an application's start-up uses) spells the long
// values as the compile-time one does.
TEST(SeedSql, LongValuesAreSpelledTheSameAtRunTime) {
    const strata::generated_sql lite = strata::generate_sql<strata::sqlite, long_values>();
    const strata::generated_sql pg = strata::generate_sql<strata::postgres, long_values>();
    constexpr const auto& lite_ct = strata::chain_sql<strata::sqlite, long_values>::migrations;
    constexpr const auto& pg_ct = strata::chain_sql<strata::postgres, long_values>::migrations;
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(lite.migrations()[i].up_sql(), lite_ct[i].up_sql());
        EXPECT_EQ(pg.migrations()[i].up_sql(), pg_ct[i].up_sql());
        EXPECT_EQ(pg.migrations()[i].down_sql(), pg_ct[i].down_sql());
    }
    const std::string up(strata::sql<strata::postgres, long_values, 2>::up);
    EXPECT_NE(up.find("(1, 'A note of 52 bytes, with ''quotes'' in it; it''s long. A note"), std::string::npos) << up;
    EXPECT_NE(up.find("(2, 'From an array: it''s here.', 'Line: ''single'', \"double\", back\\slash"), std::string::npos) << up;
}

INSTANTIATE_TEST_SUITE_P(Backends, Seed, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
