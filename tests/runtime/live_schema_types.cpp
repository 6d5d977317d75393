// character<N>, varchar<> and identity keys on a real SQLite file and a real PostgreSQL server:
// round_trip (up, verify, down, verify, ... for every step), verify() at the head, the facts each
// database reports for them, and that an identity key numbers rows by itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <strata/strata.hpp>
#include <strata/testing.hpp>

#include "backends.hpp"

using namespace strata::dsl;

namespace {

using m1 = strata::migration<1, "accounts",
    create_table<"accounts",
        column<"id", bigint, primary_key, identity>,
        column<"country", character<2>, not_null, default_value<"NL">>,
        column<"note", varchar<>>,
        column<"code", varchar<8>>>>;
using m2 = strata::migration<2, "events",
    create_table<"events",
        column<"id", integer, primary_key, identity>,
        column<"account_id", bigint, references<"accounts", "id", on_delete_cascade>>,
        column<"kind", character<4>>>>;
using m3 = strata::migration<3, "widen",
    alter_column<"accounts", "code", set_type<varchar<>>>,
    alter_column<"accounts", "note", set_type<varchar<200>>>>;
using m4 = strata::migration<4, "fixed", alter_column<"accounts", "code", set_type<character<8>>>>;
using m5 = strata::migration<5, "seed", seed<"accounts", columns<"id", "country">, values<1, "DE">, values<2, "FR">>>;
using m6 = strata::migration<6, "renamed", rename_table<"events", "happenings">, add_column<"happenings", column<"label", varchar<>, not_null, default_value<"x">>>>;
using history = strata::chain<m1, m2, m3, m4, m5, m6>;

class LiveSchemaTypes : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database(GetParam(), "types");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    strata::driver& db() { return database_->db(); }
    bool pg() { return db().dialect() == strata::dialect_id::postgres; }
    std::unique_ptr<strata_test::test_database> database_;
};

TEST_P(LiveSchemaTypes, EveryStepMatchesTheTypedState) {
    const auto r = strata::testing::round_trip<history>(db());
    EXPECT_TRUE(r.ok()) << r;
    EXPECT_EQ(r.steps, history::size * 3 + history::size);
    EXPECT_TRUE(r.notes.empty()) << r;
}

TEST_P(LiveSchemaTypes, VerifyAtTheHeadAndWhatTheDatabaseReports) {
    strata::migrator<history> m(db(), {"main", strata::log_nowhere});
    m.upgrade();
    const auto v = m.verify();
    EXPECT_TRUE(v.ok()) << v.text();
    EXPECT_EQ(v.version, history::head);
    const auto f = db().schema_facts(std::vector<std::string>{"accounts", "happenings"}, {});
    auto has = [&](const std::string& fact) { return std::find(f.begin(), f.end(), fact) != f.end(); };
    if (pg()) {
        EXPECT_TRUE(has("column accounts.id bigint not null identity default=")) << testing::PrintToString(f);
        EXPECT_TRUE(has("column happenings.id integer not null identity default=")) << testing::PrintToString(f);
        EXPECT_TRUE(has("column accounts.country character(2) not null default='NL'")) << testing::PrintToString(f);
        EXPECT_TRUE(has("column accounts.note character varying(200) default=")) << testing::PrintToString(f);
        EXPECT_TRUE(has("column accounts.code character(8) default=")) << testing::PrintToString(f);
        EXPECT_TRUE(has("column happenings.label character varying not null default='x'")) << testing::PrintToString(f);
    } else {
        EXPECT_TRUE(has("column accounts.id INTEGER not null default=")) << testing::PrintToString(f);
        EXPECT_TRUE(has("column accounts.country CHAR(2) not null default='NL'")) << testing::PrintToString(f);
        EXPECT_TRUE(has("column accounts.code CHAR(8) default=")) << testing::PrintToString(f);
        EXPECT_TRUE(has("column happenings.label VARCHAR not null default='x'")) << testing::PrintToString(f);
    }
    // the identity keys number new rows by themselves, after the seeded ids
    strata::session s(db());
    s.execute("INSERT INTO \"accounts\" (\"country\") VALUES ('BE')");
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT \"id\" FROM \"accounts\" WHERE \"country\" = 'BE'"), 3);
    s.execute("INSERT INTO \"happenings\" (\"account_id\", \"kind\") VALUES (3, 'open')");
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT \"id\" FROM \"happenings\""), 1);
    EXPECT_EQ(s.query_value<std::string>("SELECT \"kind\" FROM \"happenings\""), "open");
    // on SQLite the key is the rowid itself
    if (!pg()) {
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"accounts\" WHERE \"id\" = \"rowid\""), 3);
    }
}

// PostgreSQL only: on SQLite an integer primary key is always the rowid, nothing to drop.
class LiveSchemaTypesPostgres : public ::testing::Test {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database("postgres", "types");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    strata::driver& db() { return database_->db(); }
    std::unique_ptr<strata_test::test_database> database_;
};

TEST_F(LiveSchemaTypesPostgres, DroppingTheIdentityIsDrift) {
    strata::migrator<history> m(db(), {"main", strata::log_nowhere});
    m.upgrade();
    strata::session(db()).execute("ALTER TABLE \"accounts\" ALTER COLUMN \"id\" DROP IDENTITY");
    const auto v = m.verify();
    EXPECT_FALSE(v.ok());
    ASSERT_EQ(v.missing.size(), 1u) << v.text();
    EXPECT_EQ(v.missing[0], "column accounts.id bigint not null identity default=");
}
INSTANTIATE_TEST_SUITE_P(Backends, LiveSchemaTypes, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
