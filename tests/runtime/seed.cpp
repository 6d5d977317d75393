// Seed data (seed<table, columns<...>, values<...>...>) on real databases: the typed rows go in
// with the migration, and its derived down removes exactly them.
#include <gtest/gtest.h>

#include <string>

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

INSTANTIATE_TEST_SUITE_P(Backends, Seed, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
