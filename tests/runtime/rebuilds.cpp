// SQLite rebuilds coalesced (issue 9 point 7), on a real SQLite file (and the same chain on
// PostgreSQL, which alters in place): a run of operations that each take a rebuild rebuilds the
// table once; the data, the indexes, the foreign keys and the triggers the chain restates around
// it survive, verify() matches after every step, up and down. The generated text itself is
// tests/static/rebuilds.cpp; the guard on either side of a run, tests/runtime/trust.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <strata/session.hpp>
#include <strata/strata.hpp>

#include "backends.hpp"

using namespace strata::dsl;

namespace {

using a1 = strata::migration<1, "parents and items",
    create_table<"parents", column<"id", bigint, primary_key>, column<"name", text>>,
    create_table<"items",
        column<"id", bigint, primary_key>,
        column<"parent_id", bigint, references<"parents", "id", on_delete_cascade>>,
        column<"qty", integer>,
        column<"note", text>,
        column<"code", text>>,
    create_index<"items_qty_idx", "items", "qty">>;
// One run (five operations SQLite's ALTER TABLE cannot do), then an operation that is no rebuild.
using a2 = strata::migration<2, "reshape items",
    alter_column<"items", "qty", set_not_null, set_default<default_value<0>>>,
    alter_column<"items", "note", set_default<default_value<"none">>>,
    add_check<"items", "items_qty_check", "qty >= 0">,
    add_column<"items", column<"label", text, unique>>,
    drop_column<"items", "code">,
    create_index<"items_label_idx", "items", "label">>;
// Two runs, an execute<> between them: two rebuilds, the UPDATE between them.
using a3 = strata::migration<3, "two runs",
    alter_column<"items", "note", drop_default>,
    execute<"UPDATE \"items\" SET \"qty\" = \"qty\" + 100", "UPDATE \"items\" SET \"qty\" = \"qty\" - 100">,
    alter_column<"items", "qty", drop_default>,
    drop_constraint<"items", "items_qty_check">>;
// integer to bigint: no rebuild on SQLite, ALTER on PostgreSQL.
using a4 = strata::migration<4, "wider qty", alter_column<"items", "qty", set_type<bigint>>>;
using chain_a = strata::chain<a1, a2, a3, a4>;

std::size_t guards(const strata::plan_report& p) {
    std::size_t n = 0;
    for (const auto& m : p.migrations)
        for (const std::string& s : m.statements) n += s.starts_with("-- check: table ");
    return n;
}
std::size_t rebuilds(const strata::plan_report& p) {
    std::size_t n = 0;
    for (const auto& m : p.migrations)
        for (const std::string& s : m.statements) n += s.starts_with("CREATE TABLE \"_strata_new_");
    return n;
}

class Rebuilds : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database(GetParam(), "rebuilds");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    bool sqlite() const { return std::string(GetParam()) == "sqlite"; }
    strata::driver& db() { return database_->db(); }
    void exec(const std::string& sql) { db().execute(sql, {}, {}); }
    template <class T>
    T value(const std::string& sql) {
        return strata::session(db()).query_value<T>(sql);
    }
    std::vector<std::string> indexes() {
        std::vector<std::string> out;
        const std::string sql = sqlite() ? "SELECT name FROM pragma_index_list('items') WHERE origin = 'c'"
                                         : "SELECT indexname FROM pg_indexes WHERE tablename = 'items' AND indexname LIKE 'items\\_%\\_idx'";
        db().execute(sql, {}, [&](const strata::row& r) { out.push_back(r.get<std::string>(0)); });
        std::sort(out.begin(), out.end());
        return out;
    }
    // SQLite: plan p rebuilds n tables, each behind its guard (PostgreSQL alters in place). The
    // plan is made once: each plan() reads the database again.
    void expect_rebuilds(const strata::plan_report& p, std::size_t n) {
        if (sqlite()) {
            EXPECT_EQ(rebuilds(p), n) << p.sql();
            EXPECT_EQ(guards(p), n) << p.sql();
        }
    }
    // (not SELECT "nick": SQLite reads a double-quoted name it does not know as a string)
    std::string people_columns() {
        std::string out;
        const std::string sql = sqlite() ? "SELECT name FROM pragma_table_info('people') ORDER BY cid"
                                         : "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'people' "
                                           "AND table_schema = current_schema() ORDER BY ordinal_position";
        db().execute(sql, {}, [&](const strata::row& r) { out += (out.empty() ? "" : " ") + r.get<std::string>(0); });
        return out;
    }
    std::unique_ptr<strata_test::test_database> database_;
};

TEST_P(Rebuilds, DataIndexesAndForeignKeysSurviveCoalescedRunsBothWays) {
    strata::migrator<chain_a> m(db(), {"main"});
    m.upgrade_to(1);
    exec("INSERT INTO \"parents\" (\"id\", \"name\") VALUES (1, 'one'), (2, 'two')");
    exec("INSERT INTO \"items\" (\"id\", \"parent_id\", \"qty\", \"note\", \"code\") VALUES (10, 1, 5, 'n10', 'c10'), "
         "(20, 2, 7, NULL, 'c20')");

    // what runs: one rebuild for a2's run, two for a3's, none for a4
    const strata::plan_report to2 = m.plan(2);
    expect_rebuilds(to2, 1u);
    if (sqlite()) {
        EXPECT_TRUE(to2.migrations[0].foreign_keys_off);
    }
    EXPECT_EQ(m.upgrade_to(2).to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"items\""), 2);
    EXPECT_EQ(value<std::int64_t>("SELECT \"qty\" FROM \"items\" WHERE \"id\" = 20"), 7);
    EXPECT_EQ(value<std::string>("SELECT \"note\" FROM \"items\" WHERE \"id\" = 10"), "n10");
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"items\" WHERE \"label\" IS NULL"), 2);
    EXPECT_EQ(indexes(), (std::vector<std::string>{"items_label_idx", "items_qty_idx"}));
    exec("INSERT INTO \"items\" (\"id\", \"parent_id\") VALUES (30, 1)");  // the run's defaults
    EXPECT_EQ(value<std::int64_t>("SELECT \"qty\" FROM \"items\" WHERE \"id\" = 30"), 0);
    EXPECT_EQ(value<std::string>("SELECT \"note\" FROM \"items\" WHERE \"id\" = 30"), "none");
    EXPECT_THROW(exec("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (31, -1)"), strata::database_error);  // the check
    EXPECT_THROW(exec("INSERT INTO \"items\" (\"id\", \"parent_id\") VALUES (32, 99)"), strata::database_error);  // the key

    expect_rebuilds(m.plan(3), 2u);
    EXPECT_EQ(m.upgrade_to(3).to, 3u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(value<std::int64_t>("SELECT \"qty\" FROM \"items\" WHERE \"id\" = 20"), 107);

    if (sqlite()) {
        const auto p = m.plan(4);
        ASSERT_EQ(p.migrations.size(), 1u);
        EXPECT_TRUE(p.migrations[0].statements.empty()) << p.sql();
        EXPECT_FALSE(p.migrations[0].foreign_keys_off);
    }
    EXPECT_EQ(m.upgrade().to, 4u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    exec("UPDATE \"items\" SET \"qty\" = 5000000000 WHERE \"id\" = 30");  // a bigint now, on both
    EXPECT_EQ(value<std::int64_t>("SELECT \"qty\" FROM \"items\" WHERE \"id\" = 30"), 5000000000);
    exec("UPDATE \"items\" SET \"qty\" = 100 WHERE \"id\" = 30");  // (a3's down takes 100 off, under the check)

    // Down: every run one rebuild again, back to the state before it.
    expect_rebuilds(m.plan(1), 3u);
    EXPECT_EQ(m.downgrade_to(2).to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(value<std::int64_t>("SELECT \"qty\" FROM \"items\" WHERE \"id\" = 20"), 7);
    exec("DELETE FROM \"items\" WHERE \"id\" = 30");
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"items\""), 2);
    EXPECT_EQ(value<std::string>("SELECT \"note\" FROM \"items\" WHERE \"id\" = 10"), "n10");
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"items\" WHERE \"code\" IS NULL"), 2);  // dropped: back empty
    EXPECT_EQ(indexes(), (std::vector<std::string>{"items_qty_idx"}));
    exec("DELETE FROM \"parents\" WHERE \"id\" = 2");  // the foreign key, with its action, survived both ways
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"items\""), 1);

    EXPECT_EQ(m.upgrade().to, 4u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

// A plain DROP COLUMN and a plain ADD COLUMN (SQLite does both in place) of the table a run
// rebuilds, between the run's operations: they join the run, one rebuild each way.
using p1 = strata::migration<1, "people",
    create_table<"people", column<"id", bigint, primary_key>, column<"name", text>, column<"nick", text>>>;
using p2 = strata::migration<2, "plain ones inside a run",
    alter_column<"people", "name", set_default<default_value<"?">>>,
    drop_column<"people", "nick">,
    add_column<"people", column<"tag", text, default_value<"t">>>,
    alter_column<"people", "name", set_not_null>>;
using chain_p = strata::chain<p1, p2>;

TEST_P(Rebuilds, APlainAddOrDropColumnInsideARunJoinsItBothWays) {
    strata::migrator<chain_p> m(db(), {"main"});
    m.upgrade_to(1);
    exec("INSERT INTO \"people\" (\"id\", \"name\", \"nick\") VALUES (1, 'ann', 'a'), (2, 'bob', NULL)");
    const strata::plan_report to2 = m.plan(2);
    expect_rebuilds(to2, 1u);
    if (sqlite()) {
        EXPECT_EQ(to2.sql().find(" COLUMN "), std::string::npos) << to2.sql();
    }
    EXPECT_EQ(m.upgrade_to(2).to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(value<std::string>("SELECT \"name\" FROM \"people\" WHERE \"id\" = 2"), "bob");
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"people\" WHERE \"tag\" = 't'"), 2);  // the new column's default
    EXPECT_EQ(people_columns(), "id name tag");
    exec("INSERT INTO \"people\" (\"id\") VALUES (3)");  // the run's default
    EXPECT_EQ(value<std::string>("SELECT \"name\" FROM \"people\" WHERE \"id\" = 3"), "?");
    EXPECT_THROW(exec("INSERT INTO \"people\" (\"id\", \"name\") VALUES (4, NULL)"), strata::database_error);

    expect_rebuilds(m.plan(1), 1u);
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"people\""), 3);
    EXPECT_EQ(value<std::string>("SELECT \"name\" FROM \"people\" WHERE \"id\" = 1"), "ann");
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"people\" WHERE \"nick\" IS NULL"), 3);  // dropped: back empty
    EXPECT_EQ(people_columns(), "id name nick");
    exec("INSERT INTO \"people\" (\"id\", \"name\") VALUES (4, NULL)");  // nullable again
    exec("DELETE FROM \"people\" WHERE \"id\" = 4");

    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

// A column a run adds holds, in old rows, the default its ADD COLUMN gives: PostgreSQL runs each
// statement in turn, and a later change of the default is for new rows. SQLite's one rebuild gave
// them the run's last default (or none: a NOT NULL refused), up; down, a column changed and then
// dropped came back with its definition from before the change (helper 53: found by a fuzz).
using d1 = strata::migration<1, "boxes",
    create_table<"boxes", column<"id", bigint, primary_key>, column<"x", integer>, column<"a", integer>,
                 column<"b", integer, not_null, default_value<0>>>>;
using d2 = strata::migration<2, "retype, add, change default",
    alter_column<"boxes", "x", set_type<text>>,
    add_column<"boxes", column<"c", integer, default_value<5>>>,
    alter_column<"boxes", "c", set_default<default_value<7>>>,
    add_column<"boxes", column<"n", integer, not_null, default_value<5>>>,
    alter_column<"boxes", "n", drop_default>>;
using d3 = strata::migration<3, "default, then drop", alter_column<"boxes", "a", set_default<default_value<1>>>, drop_column<"boxes", "a">>;
using chain_d = strata::chain<d1, d2, d3>;

TEST_P(Rebuilds, AColumnARunAddsOrDropsHoldsWhatItsOwnStatementGivesBothWays) {
    strata::migrator<chain_d> m(db(), {"main"});
    m.upgrade_to(1);
    exec("INSERT INTO \"boxes\" (\"id\", \"x\", \"a\") VALUES (1, 10, 3), (2, NULL, NULL)");
    EXPECT_EQ(m.upgrade().to, 3u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"boxes\" WHERE \"c\" = 5 AND \"n\" = 5"), 2);
    exec("INSERT INTO \"boxes\" (\"id\", \"n\") VALUES (3, 9)");
    EXPECT_EQ(value<std::int64_t>("SELECT \"c\" FROM \"boxes\" WHERE \"id\" = 3"), 7);  // the default now
    // Down: a's down re-adds it with the default it had when dropped (1), then drops that default.
    EXPECT_EQ(m.downgrade_to(2).to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"boxes\" WHERE \"a\" = 1"), 3);
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"boxes\""), 3);
}

// Two values for an enum two tables use (SQLite: a CHECK of its values in each): each table is
// rebuilt once each way for both values, not once per value.
using e1 = strata::migration<1, "levels",
    create_enum<"level", "low", "high">,
    create_table<"tasks", column<"id", bigint, primary_key>, column<"level", enum_type<"level">>>,
    create_table<"alarms", column<"id", bigint, primary_key>, column<"level", enum_type<"level">, not_null>>,
    create_index<"alarms_level_idx", "alarms", "level">>;
using e2 = strata::migration<2, "more levels", add_enum_value<"level", "mid">, add_enum_value<"level", "top">>;
using chain_e = strata::chain<e1, e2>;

TEST_P(Rebuilds, ValuesOfAnEnumSeveralTablesUseRebuildEachTableOnceBothWays) {
    strata::migrator<chain_e> m(db(), {"main"});
    m.upgrade_to(1);
    exec("INSERT INTO \"tasks\" (\"id\", \"level\") VALUES (1, 'low'), (2, NULL)");
    exec("INSERT INTO \"alarms\" (\"id\", \"level\") VALUES (1, 'high')");
    expect_rebuilds(m.plan(2), 2u);
    EXPECT_EQ(m.upgrade_to(2).to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    exec("INSERT INTO \"tasks\" (\"id\", \"level\") VALUES (3, 'mid'), (4, 'top')");
    exec("INSERT INTO \"alarms\" (\"id\", \"level\") VALUES (2, 'top')");
    EXPECT_THROW(exec("INSERT INTO \"alarms\" (\"id\", \"level\") VALUES (3, 'urgent')"), strata::database_error);
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"tasks\""), 4);
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"alarms\" WHERE \"level\" = 'high'"), 1);
    EXPECT_EQ(value<std::int64_t>("SELECT count(*) FROM \"tasks\" WHERE \"level\" IS NULL"), 1);

    exec("DELETE FROM \"tasks\" WHERE \"id\" > 2");
    exec("DELETE FROM \"alarms\" WHERE \"id\" = 2");
    expect_rebuilds(m.plan(1), 2u);
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_THROW(exec("INSERT INTO \"tasks\" (\"id\", \"level\") VALUES (5, 'mid')"), strata::database_error);
    EXPECT_EQ(value<std::string>("SELECT \"level\" FROM \"tasks\" WHERE \"id\" = 1"), "low");
    EXPECT_EQ(value<std::string>("SELECT \"level\" FROM \"alarms\" WHERE \"id\" = 1"), "high");

    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

INSTANTIATE_TEST_SUITE_P(Backends, Rebuilds, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

// ---- SQLite: a trigger the chain made, restated around a coalesced run ----
using t1 = strata::migration<1, "items and log",
    create_table<"items", column<"id", integer, primary_key, autoincrement>, column<"qty", integer>, column<"note", text>>,
    create_table<"log", column<"id", integer, primary_key, autoincrement>, column<"item", integer>>,
    create_index<"items_qty_idx", "items", "qty">,
    execute<"CREATE TRIGGER \"items_log\" AFTER INSERT ON \"items\" BEGIN INSERT INTO \"log\" (\"item\") VALUES (NEW.\"id\"); END",
            "DROP TRIGGER \"items_log\"">>;
using t2 = strata::migration<2, "restated around one rebuild",
    execute<"DROP TRIGGER \"items_log\"",
            "CREATE TRIGGER \"items_log\" AFTER INSERT ON \"items\" BEGIN INSERT INTO \"log\" (\"item\") VALUES (NEW.\"id\"); END">,
    alter_column<"items", "qty", set_not_null, set_default<default_value<1>>>,
    alter_column<"items", "note", set_default<default_value<"-">>>,
    add_check<"items", "items_qty_check", "qty > 0">,
    execute<"CREATE TRIGGER \"items_log\" AFTER INSERT ON \"items\" BEGIN INSERT INTO \"log\" (\"item\") VALUES (NEW.\"id\"); END",
            "DROP TRIGGER \"items_log\"">>;
// The same column, integer to bigint: nothing to rebuild, so nothing to restate.
using t3 = strata::migration<3, "wider qty", alter_column<"items", "qty", set_type<bigint>>>;
using chain_t = strata::chain<t1, t2, t3>;

TEST(RebuildsSqlite, ATriggerRestatedAroundACoalescedRunFiresAfterItBothWays) {
    strata_test::sqlite_database database("rebuilds_trigger");
    strata::driver& db = database.db();
    auto count = [&](const std::string& sql) { return strata::session(db).query_value<std::int64_t>(sql); };
    strata::migrator<chain_t> m(db, {"main"});
    m.upgrade_to(1);
    db.execute("INSERT INTO \"items\" (\"qty\", \"note\") VALUES (3, 'a'), (4, 'b')", {}, {});
    EXPECT_EQ(count("SELECT count(*) FROM \"log\""), 2);

    EXPECT_EQ(rebuilds(m.plan(2)), 1u) << m.plan(2).sql();
    EXPECT_EQ(m.upgrade_to(2).to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    db.execute("INSERT INTO \"items\" (\"note\") VALUES ('c')", {}, {});
    EXPECT_EQ(count("SELECT count(*) FROM \"log\""), 3);  // the trigger is back, and fires
    EXPECT_EQ(count("SELECT max(\"id\") FROM \"items\""), 3);  // AUTOINCREMENT carried over
    EXPECT_EQ(count("SELECT \"qty\" FROM \"items\" WHERE \"id\" = 3"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM pragma_index_list('items') WHERE name = 'items_qty_idx'"), 1);

    EXPECT_EQ(m.upgrade().to, 3u);  // nothing rebuilt: the trigger did not need restating
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();

    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    db.execute("DELETE FROM \"items\" WHERE \"id\" = 3", {}, {});
    db.execute("INSERT INTO \"items\" (\"qty\") VALUES (NULL)", {}, {});  // nullable again
    EXPECT_EQ(count("SELECT max(\"id\") FROM \"items\""), 4);  // ids are not reused
    EXPECT_EQ(count("SELECT count(*) FROM \"log\""), 4);
    EXPECT_EQ(count("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'items_log'"), 1);
}

}  // namespace
