// Per-dialect steps and no-op downs on real databases (issue 10, point 5): each backend runs its
// own statements; a down that is strata::dsl::nothing sends nothing, plan() says so, and the
// downgrade goes through.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include <strata/strata.hpp>

#include "backends.hpp"

using namespace strata::dsl;

namespace {

using d1 = strata::migration<1, "create_events",
                             create_table<"events", column<"id", bigint, primary_key>, column<"origin", text>>>;
using d2 = strata::migration<2, "first event",
                             execute<"INSERT INTO \"events\" (\"id\") VALUES (1)", "DELETE FROM \"events\" WHERE \"id\" = 1">>;
using d3 = strata::migration<3, "stamp origin",
                             execute_per_dialect<sqlite_sql<"UPDATE \"events\" SET \"origin\" = 'sqlite ' || sqlite_version()", nothing>,
                                                 postgres_sql<"UPDATE \"events\" SET \"origin\" = 'postgres ' || current_setting('server_version')", nothing>>>;
using d4 = strata::migration<4, "backfill", execute<"UPDATE \"events\" SET \"origin\" = 'unknown' WHERE \"origin\" IS NULL", nothing>>;
using history = strata::chain<d1, d2, d3, d4>;

class DialectSteps : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database(GetParam(), "dialect_steps");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    strata::driver& db() { return database_->db(); }
    std::unique_ptr<strata_test::test_database> database_;
};

TEST_P(DialectSteps, EachBackendRunsItsOwnStatements) {
    strata::migrator<history> m(db(), {"main", strata::log_nowhere});
    m.upgrade();
    strata::session s(db());
    const std::string origin = s.query_value<std::string>("SELECT \"origin\" FROM \"events\" WHERE \"id\" = 1");
    EXPECT_EQ(origin.rfind(std::string(GetParam()) + " ", 0), 0u) << origin;
}

TEST_P(DialectSteps, ANothingDownSendsNothingAndTheDowngradeGoesThrough) {
    strata::migrator<history> m(db(), {"main", strata::log_nowhere});
    m.upgrade();
    const strata::plan_report p = m.plan(1);
    ASSERT_EQ(p.migrations.size(), 3u);
    for (std::size_t i : {0u, 1u}) {  // 4, then 3: no statement, one line that says so
        ASSERT_EQ(p.migrations[i].statements.size(), 1u) << p.migrations[i].version;
        EXPECT_EQ(p.migrations[i].statements[0].rfind("-- nothing", 0), 0u) << p.migrations[i].statements[0];
    }
    EXPECT_EQ(p.migrations[2].statements, std::vector<std::string>{"DELETE FROM \"events\" WHERE \"id\" = 1"});
    m.downgrade_to(2);
    EXPECT_EQ(m.status().current, 2u);
    strata::session s(db());
    EXPECT_NE(s.query_value<std::string>("SELECT \"origin\" FROM \"events\" WHERE \"id\" = 1"), "");  // (nothing undone)
    m.downgrade_to(1);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"events\""), 0);
    m.upgrade();
    EXPECT_EQ(m.status().current, 4u);
    EXPECT_TRUE(m.verify().ok());
}

// A view or trigger made by a per-dialect step is the chain's, as one made by execute<> is:
// verify() does not call it drift. PostgreSQL's statements are read as PostgreSQL reads them:
// a DROP VIEW inside a dollar-quoted function body drops nothing.
using v5 = strata::migration<5, "events view",
    execute_per_dialect<sqlite_sql<"CREATE VIEW \"recent_events\" AS SELECT \"id\" FROM \"events\"", "DROP VIEW \"recent_events\"">,
                        postgres_sql<"CREATE VIEW \"recent_events\" AS SELECT \"id\" FROM \"events\"; "
                                     "CREATE FUNCTION \"events_cleanup\"() RETURNS void LANGUAGE plpgsql AS $body$ BEGIN "
                                     "DROP VIEW IF EXISTS \"recent_events\"; END $body$",
                                     "DROP FUNCTION \"events_cleanup\"(); DROP VIEW \"recent_events\"">>>;
using v6 = strata::migration<6, "old view",
    execute<"CREATE VIEW \"old_events\" AS SELECT \"id\" FROM \"events\" -- DROP VIEW \"old_events\"\n", "DROP VIEW \"old_events\"">>;
using history_views = strata::chain<d1, d2, d3, d4, v5, v6>;

TEST_P(DialectSteps, ViewsMadeByPerDialectStepsAreTheChainsNotDrift) {
    strata::migrator<history_views> m(db(), {"main", strata::log_nowhere});
    m.upgrade();
    const strata::verify_report v = m.verify();
    EXPECT_TRUE(v.ok()) << v.text();
    // A view nobody declared still is drift.
    strata::session(db()).execute("CREATE VIEW \"by_hand\" AS SELECT \"id\" FROM \"events\"");
    const strata::verify_report w = m.verify();
    EXPECT_FALSE(w.ok());
    EXPECT_NE(w.text().find("view by_hand"), std::string::npos) << w.text();
}

INSTANTIATE_TEST_SUITE_P(Backends, DialectSteps, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
