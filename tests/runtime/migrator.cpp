// strata::migrator against real databases (a SQLite file, a PostgreSQL schema): applying,
// status, plans, data steps, validation, refusals before any change, rollback on failure,
// several chains in one database, drift, baseline, repair, logging.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include <strata/strata.hpp>
#include <strata/testing.hpp>

#include "backends.hpp"

using namespace strata::dsl;
using strata::migration_failure;

namespace {

// ---- chains ----
void seed_roles(strata::session& s) {
    s.execute("INSERT INTO \"roles\" (\"id\", \"name\") VALUES ($1, $2)", 1, "admin");
    s.execute("INSERT INTO \"roles\" (\"id\", \"name\") VALUES ($1, $2)", std::int64_t{2}, std::string("user"));
    s.execute("INSERT INTO \"roles\" (\"id\", \"name\", \"note\") VALUES ($1, $2, $3)", 3, "guest", std::optional<std::string>{});
    if (s.query_value<std::int64_t>("SELECT count(*) FROM \"roles\"") != 3) throw std::runtime_error("seed: not 3 rows");
}
void unseed_roles(strata::session& s) { s.execute("DELETE FROM \"roles\" WHERE \"id\" <= $1", 3); }
bool roles_seeded(strata::session& s) {
    return s.query_value<std::int64_t>("SELECT count(*) FROM \"roles\" WHERE \"name\" = $1", "admin") == 1 &&
           !s.query_value<std::optional<std::string>>("SELECT \"note\" FROM \"roles\" WHERE \"id\" = $1", 3).has_value();
}
bool never(strata::session&) { return false; }
void throws(strata::session&) { throw std::runtime_error("the data step gave up"); }
void copy_names(strata::session& s) {
    std::vector<std::pair<std::int64_t, std::string>> rows;
    s.for_each_row("SELECT \"id\", \"name\" FROM \"roles\" WHERE \"id\" > $1 ORDER BY \"id\"",
                   [&](const strata::row& r) { rows.emplace_back(r.get<std::int64_t>(0), r.get<std::string>(1)); }, 0);
    for (auto& [id, name] : rows) s.execute("UPDATE \"roles\" SET \"note\" = $1 WHERE \"id\" = $2", name + "!", id);
}

using a1 = strata::migration<1, "create users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null, unique>>>;
using a2 = strata::migration<2, "roles",
    create_table<"roles", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"note", text>>>;
using a3 = strata::migration<3, "seed roles", run<seed_roles, unseed_roles>, validate<roles_seeded>>;
using a4 = strata::migration<4, "user role",
    add_column<"users", column<"role_id", bigint, references<"roles", "id">>>,
    create_index<"users_role_idx", "users", "role_id">>;
using chain_a = strata::chain<a1, a2, a3, a4>;
using chain_a2 = strata::chain<a1, a2>;

// Version 2 changed after it was applied (a column added to its create_table).
using a2_changed = strata::migration<2, "roles",
    create_table<"roles", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"note", text>,
                 column<"extra", integer>>>;
using chain_a2_changed = strata::chain<a1, a2_changed>;
// Version 1 changed, the last one not: only the history checksum of the last row shows it.
using a1_changed = strata::migration<1, "create users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null, unique>, column<"nickname", text>>>;
using chain_a1_changed = strata::chain<a1_changed, a2>;

// A migration whose second statement fails: its first must not remain.
using bad2 = strata::migration<2, "half broken",
    create_table<"half", column<"id", bigint, primary_key>>,
    execute<"INSERT INTO \"no_such_table\" VALUES (1)", "SELECT 1">>;
using chain_bad = strata::chain<a1, bad2>;

using v3 = strata::migration<3, "seed that fails validation", run<seed_roles, unseed_roles>, validate<never>>;
using chain_invalid = strata::chain<a1, a2, v3>;
using t3 = strata::migration<3, "seed that throws", run<throws, unseed_roles>>;
using chain_throws = strata::chain<a1, a2, t3>;

using i3 = strata::migration<3, "one way", run<seed_roles>>;  // no down: irreversible
using i4 = strata::migration<4, "copy names", run<copy_names, unseed_roles>>;
using chain_irreversible = strata::chain<a1, a2, i3, i4>;

// A second module's chain in the same database.
using b1 = strata::migration<10, "billing accounts",
    create_table<"accounts", column<"id", bigint, primary_key>, column<"balance", numeric<12, 2>, not_null, default_value<0>>>>;
using b2 = strata::migration<20, "billing invoices",
    create_table<"invoices", column<"id", bigint, primary_key>,
                 column<"account_id", bigint, not_null, references<"accounts", "id", on_delete_cascade>>>>;
using chain_b = strata::chain<b1, b2>;
// A module that once had a table of the name another module's chain holds now.
// (an enum too, on PostgreSQL: helper 54)
using s1 = strata::migration<1, "scratch", create_table<"scratch", column<"id", bigint, primary_key>>, create_enum<"mood", "a">>;
using chain_s = strata::chain<s1, strata::migration<2, "no scratch", drop_table<"scratch">, drop_enum<"mood">>>;
using chain_o = strata::chain<strata::migration<1, "their scratch", create_table<"scratch", column<"k", text, primary_key>>,
                                                create_enum<"mood", "calm", "busy">>>;

// PostgreSQL builds this index without a transaction (CREATE INDEX CONCURRENTLY).
using c3 = strata::migration<3, "unique role names", create_unique_index_concurrently<"roles_name_uq", "roles", "name">>;
using chain_concurrent = strata::chain<a1, a2, c3>;

using strata_test::captured_log;

std::int64_t count(strata::driver& db, const std::string& sql) {
    strata::session s(db);
    return s.query_value<std::int64_t>(sql);
}

// Passes everything to a real connection and records what the migrator asked of it.
class recording_driver final : public strata_test::forwarding_driver {
   public:
    using forwarding_driver::forwarding_driver;
    std::vector<std::string> statements;
    int locks = 0, transactions = 0;

    void execute(std::string_view sql, std::span<const strata::value> params, const strata::row_callback& on_row) override {
        statements.emplace_back(sql);
        forwarding_driver::execute(sql, params, on_row);
    }
    void begin() override {
        ++transactions;
        forwarding_driver::begin();
    }
    bool lock(std::string_view chain) override {
        ++locks;
        return forwarding_driver::lock(chain);
    }
    std::optional<bool> try_lock(std::string_view chain) override {
        auto got = forwarding_driver::try_lock(chain);
        locks += got.has_value();
        return got;
    }
    bool has_table(std::string_view name) override {
        statements.push_back("has_table " + std::string(name));
        return forwarding_driver::has_table(name);
    }
};

class Migrator : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database(GetParam(), "migrator");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    strata::driver& db() { return database_->db(); }
    strata::migrator_options quiet(std::string chain = "main") { return {std::move(chain), log.sink()}; }
    template <class Chain>
    strata::migrator<Chain> make(std::string chain = "main") {
        return strata::migrator<Chain>(db(), quiet(std::move(chain)));
    }
    // Everything a refusal must leave as it was.
    std::vector<std::string> snapshot() {
        std::vector<std::string> f = db().schema_facts(std::vector<std::string>{"users", "roles", "half", "strata_migrations"}, {});
        if (!db().has_table("strata_migrations")) return f;
        strata::session s(db());
        s.for_each_row("SELECT \"chain\", \"version\", \"checksum\", \"dirty\" FROM \"strata_migrations\" ORDER BY 1, 2",
                       [&](const strata::row& r) {
                           f.push_back(r.get<std::string>(0) + " " + r.get<std::string>(1) + " " + r.get<std::string>(2) + " " +
                                       std::to_string(r.get<bool>(3)));
                       });
        return f;
    }
    std::unique_ptr<strata_test::test_database> database_;
    captured_log log;
};

TEST_P(Migrator, UpgradeAppliesEveryMigrationThenFindsItUpToDate) {
    auto m = make<chain_a>();
    const auto st0 = m.status();
    EXPECT_EQ(st0.current, 0u);
    EXPECT_EQ(st0.head, 4u);
    EXPECT_EQ(st0.pending.size(), 4u);
    EXPECT_FALSE(st0.up_to_date());

    const auto r = m.upgrade();
    EXPECT_EQ(r.from, 0u);
    EXPECT_EQ(r.to, 4u);
    ASSERT_EQ(r.migrations.size(), 4u);
    EXPECT_EQ(r.migrations[2].version, 3u);
    EXPECT_EQ(r.migrations[2].name, "seed roles");
    EXPECT_EQ(r.migrations[0].statements, 1u);  // CREATE TABLE
    EXPECT_EQ(r.migrations[2].statements, 0u);  // data steps only
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"roles\""), 3);

    const auto st = m.status();
    EXPECT_TRUE(st.up_to_date()) << st.problem;
    EXPECT_EQ(st.current, 4u);
    ASSERT_EQ(st.applied.size(), 4u);
    EXPECT_EQ(st.applied[3].name, "user role");
    EXPECT_EQ(st.applied[3].checksum.size(), 16u);
    EXPECT_EQ(st.applied[3].applied_at.size(), 24u);  // 2026-11-22T03:12:59.123Z
    EXPECT_FALSE(st.applied[3].dirty);

    const auto again = m.upgrade();
    EXPECT_FALSE(again.changed());
    EXPECT_EQ(again.to, 4u);
    EXPECT_TRUE(log.has("is up to date at version 4"));
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"roles\""), 3);  // the data step ran once
    // At a version asked for below the head, it is not "up to date".
    m.downgrade_to(3);
    EXPECT_FALSE(m.downgrade_to(3).changed());
    EXPECT_FALSE(m.upgrade_to(3).changed());
    EXPECT_TRUE(log.has("is at version 3, as asked (this code's head is 4): nothing to do")) << ::testing::PrintToString(log.lines);
    EXPECT_FALSE(log.has("is up to date at version 3"));
    m.upgrade();

    const auto v = m.verify();
    EXPECT_TRUE(v.ok()) << v.text();
}

// An application's start-up on an up-to-date database: one read (PostgreSQL: after asking where the table is), no lock, no
// transaction, and yet every applied migration's checksum is covered (next test).
TEST_P(Migrator, TheStartUpCheckOfAnUpToDateDatabaseIsOneRead) {
    const bool sqlite = GetParam() == std::string("sqlite");
    // With work to do: the chain's lock, the bookkeeping table's (created), a transaction each,
    // and on SQLite one more for the start-up check's seal.
    recording_driver first(db());
    EXPECT_EQ(strata::migrator<chain_a>(first, quiet()).upgrade().migrations.size(), 4u);
    EXPECT_EQ(first.locks, 2);
    EXPECT_EQ(first.transactions, sqlite ? 5 : 4);

    recording_driver rec(db());
    strata::migrator<chain_a> m(rec, quiet());
    const auto r = m.upgrade();
    EXPECT_FALSE(r.changed());
    EXPECT_EQ(r.to, 4u);
    // SQLite reads the seal's one row (see trust.cpp); PostgreSQL asks whether the table is in
    // the first schema of the search_path (trust.cpp, EveryVerbLooksAtTheFirstSchemaOfTheSearchPath),
    // then reads every row of the chain.
    ASSERT_EQ(rec.statements.size(), sqlite ? 1u : 2u) << ::testing::PrintToString(rec.statements);
    if (!sqlite) {
        EXPECT_EQ(rec.statements[0], "has_table strata_migrations");
    }
    EXPECT_TRUE(rec.statements.back().starts_with(sqlite ? "SELECT \"history_checksum\" FROM \"strata_migrations_seal\""
                                                           : "SELECT \"version\", \"dirty\", \"checksum\", \"name\""))
        << rec.statements.back();
    EXPECT_EQ(rec.locks, 0);
    EXPECT_EQ(rec.transactions, 0);
}

TEST_P(Migrator, AnEarlierMigrationChangedIsRefusedAtStartUp) {
    make<chain_a2>().upgrade();
    const auto before = snapshot();
    auto changed = make<chain_a1_changed>();
    try {
        changed.upgrade();
        FAIL() << "a changed earlier migration was accepted by the start-up check";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::checksum_changed);
        EXPECT_EQ(e.version(), 1u);
        EXPECT_NE(std::string(e.what()).find("migration 1 \"create users\" changed after it was applied"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(snapshot(), before);
    // repair() records the code's checksum and the history checksums after it, once the live
    // schema has the change: the start-up check is one read again (PostgreSQL: after the
    // question where the table is).
    db().execute("ALTER TABLE \"users\" ADD COLUMN \"nickname\" TEXT", {}, {});
    ASSERT_EQ(changed.repair().size(), 1u);
    recording_driver rec(db());
    EXPECT_FALSE(strata::migrator<chain_a1_changed>(rec, quiet()).upgrade().changed());
    EXPECT_EQ(rec.statements.size(), GetParam() == std::string("sqlite") ? 1u : 2u) << ::testing::PrintToString(rec.statements);
    // ... and the original code is now the changed one.
    EXPECT_THROW(make<chain_a2>().upgrade(), strata::migration_error);
}

TEST_P(Migrator, ParametersBindByTheirNumberWhereverTheyStand) {
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::string>("SELECT CAST($2 AS TEXT) || CAST($1 AS TEXT) || CAST($2 AS TEXT)", "a", "b"), "bab");
    EXPECT_THROW(s.execute("SELECT CAST($1 AS TEXT)", "a", "b"), strata::database_error);  // two given, one used
}

TEST_P(Migrator, UpgradeToAndDowngradeToRunToATarget) {
    auto m = make<chain_a>();
    EXPECT_EQ(m.upgrade_to(2).to, 2u);
    EXPECT_EQ(m.status().current, 2u);
    EXPECT_TRUE(m.verify().ok());
    EXPECT_EQ(m.upgrade_to(4).migrations.size(), 2u);
    const auto down = m.downgrade_to(2);
    ASSERT_EQ(down.migrations.size(), 2u);
    EXPECT_EQ(down.migrations[0].version, 4u);
    EXPECT_EQ(down.migrations[0].direction, strata::direction::down);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"roles\""), 0);  // the data step's down ran
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    m.downgrade_to(0);
    EXPECT_EQ(m.status().current, 0u);
    EXPECT_FALSE(db().has_table("users"));
    EXPECT_TRUE(m.verify().ok());

    try {
        m.upgrade_to(3);
        m.downgrade_to(4);
        FAIL() << "downgrade_to above the current version was accepted";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::wrong_direction);
    }
    try {
        m.upgrade_to(7);
        FAIL() << "a version that is not in the chain was accepted";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::no_such_version);
        EXPECT_NE(std::string(e.what()).find("no migration has version 7"), std::string::npos) << e.what();
    }
}

TEST_P(Migrator, PlanListsTheStatementsAndChangesNothing) {
    auto m = make<chain_a>();
    const auto before = snapshot();
    const auto p = m.plan(4);
    EXPECT_EQ(p.from, 0u);
    EXPECT_EQ(p.to, 4u);
    ASSERT_EQ(p.migrations.size(), 4u);
    EXPECT_NE(p.migrations[0].statements.at(0).find("CREATE TABLE \"users\""), std::string::npos);
    EXPECT_NE(p.sql().find("-- run: a data step"), std::string::npos);
    EXPECT_NE(p.sql().find("BEGIN;\nCREATE TABLE \"roles\""), std::string::npos) << p.sql();
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(m.status().current, 0u);

    m.upgrade();
    const auto back = m.plan(1);
    ASSERT_EQ(back.migrations.size(), 3u);
    EXPECT_EQ(back.migrations[0].version, 4u);
    EXPECT_EQ(back.migrations[0].direction, strata::direction::down);
    EXPECT_NE(back.sql().find("DROP INDEX \"users_role_idx\""), std::string::npos) << back.sql();
    EXPECT_EQ(m.status().current, 4u);
}

TEST_P(Migrator, ValidateFalseRollsTheMigrationBack) {
    auto m = make<chain_invalid>();
    m.upgrade_to(2);
    try {
        m.upgrade();
        FAIL() << "validate<never> did not stop the migration";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::validation_failed);
        EXPECT_EQ(e.version(), 3u);
        EXPECT_EQ(e.migration(), "seed that fails validation");
        EXPECT_NE(std::string(e.what()).find("chain \"main\""), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("the database is at version 2"), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"roles\""), 0);  // the data step's rows are gone
    EXPECT_EQ(m.status().current, 2u);
}

TEST_P(Migrator, AFailingStatementLeavesNothingOfItsMigration) {
    auto m = make<chain_bad>();
    try {
        m.upgrade();
        FAIL() << "a failing statement did not fail the upgrade";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::statement_failed);
        EXPECT_FALSE(e.refused());
        EXPECT_EQ(e.version(), 2u);
        EXPECT_EQ(e.migration(), "half broken");
        EXPECT_EQ(e.statement(), "INSERT INTO \"no_such_table\" VALUES (1)");
        EXPECT_NE(e.driver_message().find("no_such_table"), std::string::npos) << e.driver_message();
        const std::string what = e.what();
        EXPECT_NE(what.find("statement: INSERT INTO \"no_such_table\""), std::string::npos) << what;
        EXPECT_NE(what.find("nothing of it was applied"), std::string::npos) << what;
    }
    EXPECT_TRUE(db().has_table("users"));   // migration 1 committed
    EXPECT_FALSE(db().has_table("half"));   // migration 2's first statement rolled back
    EXPECT_EQ(m.status().current, 1u);
    EXPECT_TRUE(log.has("statement: INSERT INTO \"no_such_table\""));
}

TEST_P(Migrator, ADataStepThatThrowsRollsBack) {
    auto m = make<chain_throws>();
    m.upgrade_to(2);
    try {
        m.upgrade();
        FAIL();
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::data_step_failed);
        EXPECT_NE(std::string(e.what()).find("the data step gave up"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 2u);
}

TEST_P(Migrator, DowngradePastAnIrreversibleMigrationIsRefusedBeforeAnyChange) {
    auto m = make<chain_irreversible>();
    m.upgrade();
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"roles\" WHERE \"note\" = 'admin!'"), 1);  // for_each_row + execute
    const auto before = snapshot();
    try {
        m.downgrade_to(1);
        FAIL() << "downgrade past an irreversible migration was accepted";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::irreversible);
        EXPECT_TRUE(e.refused());
        EXPECT_EQ(e.version(), 3u);
        EXPECT_NE(std::string(e.what()).find("migration 3 \"one way\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(snapshot(), before);  // not even migration 4 was taken down
    EXPECT_EQ(m.downgrade_to(3).to, 3u);  // down to it is fine
}

TEST_P(Migrator, ADatabaseAheadOfTheCodeIsRefused) {
    make<chain_a>().upgrade();
    const auto before = snapshot();
    auto old = make<chain_a2>();
    try {
        old.upgrade();
        FAIL() << "older code migrated a newer database";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::database_ahead);
        EXPECT_EQ(e.chain(), "main");
        EXPECT_EQ(e.version(), 3u);
        EXPECT_NE(std::string(e.what()).find("ahead of the code"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("head is 2"), std::string::npos) << e.what();
    }
    EXPECT_THROW(old.downgrade_to(0), strata::migration_error);
    EXPECT_FALSE(old.status().problem.empty());
    EXPECT_EQ(snapshot(), before);
}

TEST_P(Migrator, AChangedChecksumIsRefusedUntilRepaired) {
    make<chain_a2>().upgrade();
    const auto before = snapshot();
    auto changed = make<chain_a2_changed>();
    try {
        changed.upgrade();
        FAIL() << "a changed migration was accepted";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::checksum_changed);
        EXPECT_EQ(e.version(), 2u);
        EXPECT_EQ(e.migration(), "roles");
        EXPECT_NE(std::string(e.what()).find("migration 2 \"roles\" changed after it was applied"), std::string::npos) << e.what();
    }
    EXPECT_EQ(snapshot(), before);
    const auto v = changed.verify();
    EXPECT_EQ(v.checksum_problems.size(), 1u);
    EXPECT_FALSE(v.ok());
    // The explicit way out, once the database has the change: record the code's checksum.
    db().execute("ALTER TABLE \"roles\" ADD COLUMN \"extra\" INTEGER", {}, {});
    const auto done = changed.repair();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_NE(done[0].find("checksum"), std::string::npos);
    EXPECT_NO_THROW(changed.upgrade());
    EXPECT_TRUE(changed.verify().checksum_problems.empty());
}

// repair() records a changed migration's checksum only when the live schema is what the
// changed chain makes: otherwise status() would say all is well while verify() says the
// database lacks the change (two verdicts), and the next downgrade would fail on it.
TEST_P(Migrator, RepairRecordsAChangedChecksumOnlyWhenTheDatabaseHasTheChange) {
    make<chain_a2>().upgrade();
    const auto before = snapshot();
    auto changed = make<chain_a2_changed>();
    try {
        changed.repair();
        FAIL() << "repair recorded a checksum the database does not match";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.kind(), migration_failure::schema_mismatch);
        EXPECT_EQ(e.version(), 2u);
        EXPECT_NE(what.find("migration 2 \"roles\" changed after it was applied, and the live schema is not schema_at<2> of "
                            "this code"),
                  std::string::npos)
            << what;
        EXPECT_NE(what.find("missing from the database: column roles.extra"), std::string::npos) << what;
        EXPECT_NE(what.find("nothing was changed"), std::string::npos) << what;
    }
    EXPECT_EQ(snapshot(), before);
    EXPECT_FALSE(changed.verify().ok());
    db().execute("ALTER TABLE \"roles\" ADD COLUMN \"extra\" INTEGER", {}, {});
    ASSERT_EQ(changed.repair().size(), 1u);
    EXPECT_TRUE(changed.status().problem.empty()) << changed.status().problem;
    EXPECT_TRUE(changed.verify().ok()) << changed.verify().text();
}

// A new name alone is recorded without a look, drift or not. Any other change is recorded only
// when verify() would then pass: a difference on a table the changed migration does not touch
// counted as drift once (a review found every change refused while the database differed
// anywhere), but what the migration made before it changed looks just the same there (an index
// it no longer makes: helpers 48 and 49), so the difference refuses and is listed.
using a2_renamed = strata::migration<2, "roles, renamed",
    create_table<"roles", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"note", text>>>;
TEST_P(Migrator, RepairRecordsANewNameAloneAndOtherwiseWhatVerifyWouldPass) {
    make<chain_a2>().upgrade();
    db().execute("CREATE INDEX \"by_hand\" ON \"users\" (\"email\")", {}, {});  // drift elsewhere
    auto renamed = make<strata::chain<a1, a2_renamed>>();
    const auto done = renamed.repair();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_NE(done[0].find("recorded (was"), std::string::npos) << done[0];
    EXPECT_TRUE(renamed.status().problem.empty()) << renamed.status().problem;
    auto changed = make<chain_a2_changed>();
    try {
        changed.repair();
        FAIL() << "repair recorded a checksum the database does not match";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("missing from the database: column roles.extra"), std::string::npos) << what;
        EXPECT_NE(what.find("not in schema_at<2>: index by_hand on users(email)"), std::string::npos) << what;
        EXPECT_NE(what.find("drift made by hand look the same here"), std::string::npos) << what;
    }
    // A check the changed migration adds, which PostgreSQL names apart from its table (check
    // roles_note_check), is looked at too.
    using a2_checked = strata::migration<2, "roles",
        create_table<"roles", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"note", text, check<"length(note) > 0">>>>;
    try {
        make<strata::chain<a1, a2_checked>>().repair();
        FAIL() << "repair recorded a check the database does not have";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::schema_mismatch) << e.what();
    }
}

// ... and at what the changed migration no longer does, which the new code's operations do
// not name (found by a hostile review, helper 48: each of these was recorded, exit 0, then
// status() said up to date and verify() that the database lacked the change): an index dropped
// by its name (no table), an operation replaced by execute<>, a table moved to a later
// migration. What the database lacks is never drift to pass over.
std::string refused_repair_of(auto&& m) {
    try {
        m.repair();
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::schema_mismatch) << e.what();
        EXPECT_NE(std::string(e.what()).find("nothing was changed"), std::string::npos) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "repair recorded a changed migration the database does not match";
    return {};
}
using ix2 = strata::migration<2, "two indexes",
    create_index<"users_a_idx", "users", "email">, create_index<"users_b_idx", "users", "id", "email">>;
using ix3 = strata::migration<3, "drop one", drop_index<"users_a_idx">>;
using ix3_other = strata::migration<3, "drop one", drop_index<"users_b_idx">>;
TEST_P(Migrator, RepairLooksAtAnIndexDroppedByName) {
    make<strata::chain<a1, ix2, ix3>>().upgrade();
    const auto before = snapshot();
    auto changed = make<strata::chain<a1, ix2, ix3_other>>();
    const std::string what = refused_repair_of(changed);
    EXPECT_NE(what.find("missing from the database: index users_a_idx"), std::string::npos) << what;
    EXPECT_EQ(snapshot(), before);
    EXPECT_FALSE(changed.status().problem.empty());
}
using dc3 = strata::migration<3, "drop note", drop_column<"roles", "note">>;
using dc3_sql = strata::migration<3, "drop note", execute<"SELECT 1", "SELECT 1">>;
TEST_P(Migrator, RepairLooksAtAnOperationReplacedByExecute) {
    make<strata::chain<a1, a2, dc3>>().upgrade();
    const auto before = snapshot();
    auto changed = make<strata::chain<a1, a2, dc3_sql>>();
    const std::string what = refused_repair_of(changed);
    EXPECT_NE(what.find("missing from the database: column roles.note"), std::string::npos) << what;
    EXPECT_EQ(snapshot(), before);
}
TEST_P(Migrator, RepairLooksAtWhatAnOperationReplacedByExecuteMade) {
    make<strata::chain<a1, ix2>>().upgrade();
    using ix2_sql = strata::migration<2, "two indexes", execute<"SELECT 1", "SELECT 1">>;
    const auto before = snapshot();
    auto changed = make<strata::chain<a1, ix2_sql>>();
    const std::string what = refused_repair_of(changed);
    EXPECT_NE(what.find("not in schema_at<2>: index users_a_idx on users(email)"), std::string::npos) << what;
    EXPECT_EQ(snapshot(), before);
    EXPECT_FALSE(changed.status().problem.empty());
}
using a2_later = strata::migration<2, "roles", execute<"SELECT 1", "SELECT 1">>;
using a3_roles = strata::migration<3, "roles now",
    create_table<"roles", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"note", text>>>;
TEST_P(Migrator, RepairLooksAtATableMovedToALaterMigration) {
    make<chain_a2>().upgrade();
    const auto before = snapshot();
    auto changed = make<strata::chain<a1, a2_later, a3_roles>>();
    const std::string what = refused_repair_of(changed);
    EXPECT_NE(what.find("not in schema_at<2>: table roles"), std::string::npos) << what;
    EXPECT_EQ(snapshot(), before);
    EXPECT_THROW(changed.upgrade(), strata::migration_error);  // (not: "table roles already exists" at migration 3)
}

// A dirty row decides by the live schema, also when an earlier migration changed: the changed
// migration's comparison, made against the dirty row's version, refused what the dirty branch
// settles (a failed concurrent index dropped as the failure says: helper 50).
using a2_sql = strata::migration<2, "roles",
    create_table<"roles", column<"id", bigint, primary_key>, column<"name", text, not_null>, column<"note", text>>,
    execute<"SELECT 1", "SELECT 1">>;
using ix_roles = strata::migration<3, "role names", create_index<"roles_name_idx", "roles", "name">>;
TEST_P(Migrator, RepairSettlesADirtyRowAfterAChangedMigration) {
    make<strata::chain<a1, a2, ix_roles>>().upgrade();
    db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 3", {}, {});
    db().execute("DROP INDEX \"roles_name_idx\"", {}, {});
    auto changed = make<strata::chain<a1, a2_sql, ix_roles>>();
    const auto done = changed.repair();
    ASSERT_EQ(done.size(), 2u) << ::testing::PrintToString(done);
    EXPECT_NE(done[0].find("checksum"), std::string::npos) << done[0];
    EXPECT_NE(done[1].find("marked not applied"), std::string::npos) << done[1];
    EXPECT_EQ(changed.upgrade().to, 3u);
    EXPECT_TRUE(changed.verify().ok()) << changed.verify().text();
}

// A dirty row the database does not have, with a row recorded after it (strata_migrations
// edited by hand): repair refuses rather than delete the one and leave the other behind a gap,
// which it then refused itself (helper 48: "marked not applied", exit 0, then status() failed).
TEST_P(Migrator, RepairDoesNotLeaveAGapBehindADirtyRow) {
    make<chain_a>().upgrade_to(3);
    db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 2", {}, {});
    db().execute("DROP TABLE \"roles\"", {}, {});
    const auto before = snapshot();
    auto m = make<chain_a>();
    try {
        m.repair();
        FAIL() << "repair left a gap";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.kind(), migration_failure::unknown_state) << what;
        EXPECT_EQ(e.version(), 2u) << what;
        EXPECT_NE(what.find("migration 3 \"seed roles\" is recorded after it"), std::string::npos) << what;
        EXPECT_NE(what.find("nothing was changed"), std::string::npos) << what;
    }
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM \"strata_migrations\""), 3);
}

TEST_P(Migrator, ADirtyMigrationIsRefusedAndRepairedFromTheLiveSchema) {
    auto m = make<chain_a>();
    m.upgrade_to(2);
    // As if migration 2 had run outside a transaction and been cut short after finishing.
    db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 2", {}, {});
    const auto before = snapshot();
    try {
        m.upgrade();
        FAIL() << "a dirty migration was not refused";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::dirty);
        EXPECT_EQ(e.version(), 2u);
        EXPECT_NE(std::string(e.what()).find("migration 2 \"roles\" is dirty"), std::string::npos) << e.what();
    }
    EXPECT_EQ(snapshot(), before);
    // The live schema has migration 2: repair records it as done.
    auto done = m.repair();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_NE(done[0].find("marked done"), std::string::npos) << done[0];
    EXPECT_EQ(m.upgrade().to, 4u);

    // Dirty again, but the live schema is the one before it: repair forgets the row.
    m.downgrade_to(1);
    db().execute("INSERT INTO \"strata_migrations\" (\"chain\", \"version\", \"name\", \"checksum\", \"applied_at\", "
                 "\"duration_ms\", \"dirty\", \"history_checksum\") SELECT \"chain\", 2, 'roles', '" +
                     strata::detail::hex16(strata::checksum_of(a2::desc.hash, db().dialect())) +
                     "', 'x', 0, TRUE, 'unknown' FROM \"strata_migrations\" WHERE \"version\" = 1",
                 {}, {});
    EXPECT_EQ(m.status().problem.empty(), false);
    done = m.repair();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_NE(done[0].find("marked not applied"), std::string::npos) << done[0];
    EXPECT_EQ(m.status().current, 1u);

    // Neither: refused, with the difference.
    m.upgrade_to(2);
    db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 2", {}, {});
    db().execute("CREATE INDEX \"by_hand\" ON \"roles\" (\"name\")", {}, {});
    try {
        m.repair();
        FAIL();
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::schema_mismatch);
        EXPECT_NE(std::string(e.what()).find("index by_hand on roles(name)"), std::string::npos) << e.what();
    }
}

TEST_P(Migrator, AppliedMigrationsThatAreNotAPrefixAreAnUnknownState) {
    auto m = make<chain_a>();
    m.upgrade_to(2);
    db().execute("DELETE FROM \"strata_migrations\" WHERE \"version\" = 1", {}, {});
    const auto before = snapshot();
    try {
        m.upgrade();
        FAIL();
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::unknown_state);
        EXPECT_NE(std::string(e.what()).find("has migration 2 \"roles\" but not migration 1 \"create users\""),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(snapshot(), before);
}

TEST_P(Migrator, SeveralChainsShareOneDatabase) {
    auto a = make<chain_a>("app");
    auto b = make<chain_b>("billing");
    a.upgrade();
    EXPECT_EQ(b.status().current, 0u);
    b.upgrade();
    EXPECT_EQ(a.status().current, 4u);
    EXPECT_EQ(b.status().current, 20u);
    EXPECT_TRUE(a.verify().ok()) << a.verify().text();  // the other chain's tables are not drift
    EXPECT_TRUE(b.verify().ok()) << b.verify().text();
    b.downgrade_to(0);
    EXPECT_EQ(a.status().current, 4u);
    EXPECT_TRUE(db().has_table("users"));
    EXPECT_FALSE(db().has_table("accounts"));
}

// A table this chain dropped is drift when it is back, unless another chain keeps rows in the
// database: then it may be that module's (it was drift for the module that once had the name).
TEST_P(Migrator, AnotherChainsTableOfANameThisChainDroppedIsNotDrift) {
    auto s = make<chain_s>("scratch_then");
    s.upgrade();
    db().execute("CREATE TABLE \"scratch\" (\"k\" TEXT PRIMARY KEY)", {}, {});
    EXPECT_FALSE(s.verify().ok());
    db().execute("DROP TABLE \"scratch\"", {}, {});
    auto o = make<chain_o>("scratch_now");
    o.upgrade();
    EXPECT_TRUE(s.verify().ok()) << s.verify().text();
    EXPECT_TRUE(o.verify().ok()) << o.verify().text();
}

// The newest row deleted by hand: upgrade ran the migration again (its data steps too) and
// status said nothing was wrong, while verify saw drift (helper 51). A migration whose changes
// are all in the database already is refused before any change, status says why, and baseline
// records it after checking the live schema (as Alembic's stamp).
TEST_P(Migrator, AMigrationWhoseChangesAreThereButNotItsRowIsRefusedAndBaselineRecordsIt) {
    auto m = make<chain_a>();
    m.upgrade();
    db().execute("DELETE FROM \"strata_migrations\" WHERE \"version\" = 4", {}, {});
    const auto before = snapshot();
    const auto st = m.status();
    EXPECT_EQ(st.current, 3u);
    EXPECT_NE(st.problem.find("already has the changes of migration 4 \"user role\""), std::string::npos) << st.problem;
    try {
        m.upgrade();
        FAIL() << "a migration applied again";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::unknown_state) << e.what();
        EXPECT_NE(std::string(e.what()).find("already has the changes of migration 4 \"user role\""), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("baseline(4)"), std::string::npos) << e.what();
    }
    EXPECT_EQ(snapshot(), before);
    // baseline records what is missing from the chain's rows, once the live schema is schema_at<4>.
    EXPECT_THROW(m.baseline(2), strata::migration_error);  // (at 3 already)
    m.baseline(4);
    EXPECT_EQ(m.status().current, 4u);
    EXPECT_TRUE(m.status().problem.empty()) << m.status().problem;
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_TRUE(m.upgrade().migrations.empty());
    // A pending migration none of whose changes are there is no problem.
    m.downgrade_to(3);
    EXPECT_TRUE(m.status().problem.empty()) << m.status().problem;
    EXPECT_EQ(m.upgrade().to, 4u);
    // Several rows gone: the baseline named is the version whose schema the live one is, not the
    // first unrecorded migration's (helper 55: baseline(2) was named, and refused)
    db().execute("DELETE FROM \"strata_migrations\" WHERE \"version\" >= 2", {}, {});
    std::string problem = m.status().problem;
    EXPECT_NE(problem.find("already has the changes of migration 2 \"roles\""), std::string::npos) << problem;
    EXPECT_NE(problem.find("record it with baseline(4)"), std::string::npos) << problem;
    // ... and none when the live schema is no version's
    db().execute("CREATE INDEX \"by_hand_idx\" ON \"roles\" (\"name\")", {}, {});
    problem = m.status().problem;
    EXPECT_NE(problem.find("record it with baseline(V) once the live schema is the schema of the version given"), std::string::npos)
        << problem;
    db().execute("DROP INDEX \"by_hand_idx\"", {}, {});
    m.baseline(4);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    // ... the first of the versions whose schema it is, not a later one whose data step (3 seeds
    // the roles) no schema shows ran (helper 56: baseline(4) was named, and 3's step skipped)
    m.downgrade_to(3);
    db().execute("DELETE FROM \"strata_migrations\" WHERE \"version\" >= 2", {}, {});
    problem = m.status().problem;
    EXPECT_NE(problem.find("record it with baseline(2)"), std::string::npos) << problem;
    EXPECT_NE(problem.find("the migrations after it through version 3 change no schema"), std::string::npos) << problem;
}

// verify() read the rows, then the live schema: a migration another process committed in
// between was drift for it (helper 51: exit 1 in 57 of 830 runs beside a migrating loop). It
// reads the rows again after the schema, and once more from the start when they moved.
class migrates_meanwhile final : public strata_test::forwarding_driver {
   public:
    using forwarding_driver::forwarding_driver;
    std::function<void()> before_first_schema_read;
    std::vector<std::string> schema_facts(std::span<const std::string> tables, std::span<const std::string> enums) override {
        if (auto f = std::exchange(before_first_schema_read, nullptr)) f();
        return forwarding_driver::schema_facts(tables, enums);
    }
};
TEST_P(Migrator, VerifyReadsRowsAndSchemaOfOneMoment) {
    make<chain_a>().upgrade_to(3);
    auto other = database_->open();
    migrates_meanwhile racing(db());
    racing.before_first_schema_read = [&] { strata::migrator<chain_a>(*other, quiet()).upgrade(); };
    const auto v = strata::migrator<chain_a>(racing, quiet()).verify();
    EXPECT_TRUE(v.ok()) << v.text();
    EXPECT_EQ(v.version, 4u);
}

// A pending migration that only drops what was changed by hand (an index made again otherwise)
// does not look applied: the changed index is a fact missing too, but it is there, and the drop
// runs (helper 54: refused, with a way out that was refused as well).
using x1 = strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>, column<"d", integer>>,
                             create_index<"t_d_idx", "t", "d">>;
using chain_x = strata::chain<x1, strata::migration<2, "no index", drop_index<"t_d_idx">>>;
TEST_P(Migrator, APendingDropOfWhatWasChangedByHandIsNoMigrationThatRan) {
    auto m = make<chain_x>();
    m.upgrade_to(1);
    db().execute("DROP INDEX \"t_d_idx\"", {}, {});
    db().execute("CREATE INDEX \"t_d_idx\" ON \"t\" (\"d\" DESC)", {}, {});
    EXPECT_TRUE(m.status().problem.empty()) << m.status().problem;
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

TEST_P(Migrator, VerifyNamesTheDrift) {
    auto m = make<chain_a>();
    m.upgrade();
    db().execute("CREATE INDEX \"roles_by_name\" ON \"roles\" (\"name\")", {}, {});
    db().execute("DROP INDEX \"users_role_idx\"", {}, {});
    const auto v = m.verify();
    EXPECT_FALSE(v.ok());
    EXPECT_EQ(v.version, 4u);
    ASSERT_EQ(v.missing.size(), 1u) << v.text();
    EXPECT_EQ(v.missing[0], "index users_role_idx on users(role_id)");
    ASSERT_EQ(v.unexpected.size(), 1u) << v.text();
    EXPECT_EQ(v.unexpected[0], "index roles_by_name on roles(name)");
    EXPECT_TRUE(log.has("index users_role_idx on users(role_id)"));
}

TEST_P(Migrator, BaselineAdoptsAnExistingDatabase) {
    // A database made without strata, by the statements of migrations 1 and 2.
    const auto p = make<chain_a2>().plan(2);
    for (const auto& pm : p.migrations)
        for (const auto& s : pm.statements) db().execute(s, {}, {});
    auto m = make<chain_a>();
    m.baseline(2);
    const auto st = m.status();
    EXPECT_EQ(st.current, 2u);
    EXPECT_EQ(st.applied.size(), 2u);
    EXPECT_EQ(m.upgrade().to, 4u);
    EXPECT_TRUE(m.verify().ok());
    EXPECT_THROW(m.baseline(2), strata::migration_error);  // the chain is already recorded
}

TEST_P(Migrator, BaselineRefusesASchemaThatIsNotTheVersion) {
    db().execute("CREATE TABLE \"users\" (\"id\" BIGINT PRIMARY KEY)", {}, {});
    auto m = make<chain_a>();
    try {
        m.baseline(1);
        FAIL();
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::schema_mismatch);
        EXPECT_NE(std::string(e.what()).find("users.email"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 0u);
}

TEST_P(Migrator, TheLogHasOneLineAMigrationWithProgressAndTime) {
    auto m = make<chain_a>();
    m.upgrade();
    EXPECT_TRUE(log.has("strata: main [1/4] up 1 \"create users\" ")) << ::testing::PrintToString(log.lines);
    EXPECT_TRUE(log.has("strata: main [4/4] up 4 \"user role\" "));
    int per_migration = 0;
    for (const auto& l : log.lines)
        if (l.find(" ms") != std::string::npos && l.find("] up ") != std::string::npos) ++per_migration;
    EXPECT_EQ(per_migration, 4);
    m.downgrade_to(2);
    EXPECT_TRUE(log.has("strata: main [1/2] down 4 \"user role\" "));
}

TEST_P(Migrator, SessionNativeGivesTheClientHandle) {
    strata::session s(db());
    if (GetParam() == std::string("sqlite")) {
        sqlite3* h = s.native();
        EXPECT_EQ(h, static_cast<strata::sqlite::connection&>(db()).handle());
    }
#ifdef STRATA_TEST_POSTGRES
    else {
        pqxx::transaction_base* t = s.native();
        EXPECT_NE(t, nullptr);
    }
#endif
    EXPECT_THROW((void)static_cast<int*>(s.native()), std::logic_error);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT $1 + 1", 41), 42);
    EXPECT_EQ(s.query_value<std::string>("SELECT $1", "x'); DROP TABLE users; --"), "x'); DROP TABLE users; --");
    EXPECT_FALSE(s.query_value<std::optional<std::int64_t>>("SELECT NULL").has_value());
    EXPECT_THROW(s.query_value<std::int64_t>("SELECT NULL"), std::runtime_error);
}

TEST_P(Migrator, RoundTripOverEveryStep) {
    const auto r = strata::testing::round_trip<chain_a>(db());
    EXPECT_TRUE(r.ok()) << r;
    EXPECT_EQ(r.steps, 4u * 3u + 4u);
    // The database is back to empty: another chain's round trip, one migration of which has no down.
    auto other = database_->open();
    const auto irr = strata::testing::round_trip<chain_irreversible>(*other, {"other", strata::log_nowhere});
    EXPECT_TRUE(irr.ok()) << irr;
    ASSERT_EQ(irr.notes.size(), 2u) << irr;
    EXPECT_NE(irr.notes[0].find("migration 3 \"one way\" is irreversible"), std::string::npos) << irr;
    // It starts from an empty chain only.
    const auto again = strata::testing::round_trip<chain_irreversible>(*other, {"other", strata::log_nowhere});
    EXPECT_FALSE(again.ok());
}

TEST_P(Migrator, AMigrationOutsideATransactionIsTrackedDirtyUntilDone) {
    const bool pg = GetParam() == std::string("postgres");
    auto m = make<chain_concurrent>();
    m.upgrade_to(2);
    const auto p = m.plan(3);
    ASSERT_EQ(p.migrations.size(), 1u);
    EXPECT_EQ(p.migrations[0].transactional, !pg);
    EXPECT_EQ(p.sql().find("BEGIN;") == std::string::npos, pg) << p.sql();
    // Duplicates make the unique index fail part-way.
    db().execute("INSERT INTO \"roles\" (\"id\", \"name\") VALUES (1, 'x'), (2, 'x')", {}, {});
    try {
        m.upgrade();
        FAIL() << "a unique index over duplicates was built";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::statement_failed);
        EXPECT_EQ(e.version(), 3u);
        if (pg) {  // (one verdict: where status() says the database is)
            EXPECT_NE(std::string(e.what()).find("recorded at version 3, marked dirty"), std::string::npos) << e.what();
            EXPECT_EQ(std::string(e.what()).find("the database is at version 2"), std::string::npos) << e.what();
        }
    }
    if (!pg) {  // SQLite: one transaction as always, nothing left
        EXPECT_EQ(m.status().current, 2u);
        EXPECT_TRUE(m.status().problem.empty());
        EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    } else {
        // Recorded dirty, refused until repaired; the invalid index is drift.
        const auto st = m.status();
        ASSERT_EQ(st.applied.size(), 3u);
        EXPECT_TRUE(st.applied[2].dirty);
        EXPECT_NE(st.problem.find("is dirty"), std::string::npos) << st.problem;
        try {
            m.upgrade();
            FAIL() << "a dirty migration was not refused";
        } catch (const strata::migration_error& e) {
            EXPECT_EQ(e.kind(), migration_failure::dirty);
        }
        const auto v = m.verify();
        ASSERT_EQ(v.unexpected.size(), 1u) << v.text();
        EXPECT_EQ(v.unexpected[0], "index roles_name_uq on roles(name) unique invalid");
        EXPECT_THROW(m.repair(), strata::migration_error);  // neither version 2 nor 3
        db().execute("DROP INDEX \"roles_name_uq\"", {}, {});
        const auto done = m.repair();
        ASSERT_EQ(done.size(), 1u);
        EXPECT_NE(done[0].find("marked not applied"), std::string::npos) << done[0];
    }
    db().execute("DELETE FROM \"roles\" WHERE \"id\" = 2", {}, {});
    EXPECT_EQ(m.upgrade().to, 3u);
    const auto st = m.status();
    EXPECT_TRUE(st.up_to_date()) << st.problem;
    EXPECT_FALSE(st.applied[2].dirty);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(m.downgrade_to(2).to, 2u);  // DROP INDEX CONCURRENTLY on PostgreSQL
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

INSTANTIATE_TEST_SUITE_P(Backends, Migrator, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

// Two downgrades at once on SQLite, whose migrators take no lock before they read: the one
// that waited found the database below its target, and said "at version 2, as asked", exit 0,
// when asked for 3 (helper 48). It refuses, as it does when the database is there before it
// starts (and as PostgreSQL's lock makes it). The same for an upgrade another one took past
// its target.
class runs_first final : public strata_test::forwarding_driver {
   public:
    runs_first(std::unique_ptr<strata::driver> d, std::function<void()> other) : forwarding_driver(std::move(d)), other_(std::move(other)) {}
    void begin() override {
        if (auto o = std::exchange(other_, nullptr)) o();  // the other migrator, all of it, before this one's first transaction
        forwarding_driver::begin();
    }

   private:
    std::function<void()> other_;
};
// Two migrators on one SQLite file: the other one's call runs whole just before this one's
// first transaction, after this one has read the rows.
class MigratorRace : public ::testing::Test {
   protected:
    template <class Chain>
    strata::migrator<Chain> racing(std::function<void(strata::migrator<Chain>&)> other_does) {
        db_ = std::make_unique<runs_first>(database_->open(), [this, other_does] {
            strata::migrator<Chain> other(*other_, {"main", other_log.sink()});
            other_does(other);
        });
        return strata::migrator<Chain>(*db_, {"main", log.sink()});
    }
    template <class Chain>
    strata::migrator<Chain> alone() {
        return strata::migrator<Chain>(database_->db(), {"main", other_log.sink()});
    }
    static void expect_refused(const std::function<void()>& call, migration_failure kind, const std::string& says) {
        try {
            call();
            ADD_FAILURE() << "not refused: " << says;
        } catch (const strata::migration_error& e) {
            EXPECT_EQ(e.kind(), kind) << e.what();
            EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
        }
    }
    std::unique_ptr<strata_test::test_database> database_ = strata_test::make_database("sqlite", "race");
    std::unique_ptr<strata::driver> other_ = database_->open();
    std::unique_ptr<runs_first> db_;
    captured_log log, other_log;
};
TEST_F(MigratorRace, ADowngradeThatAnotherTookBelowItsTargetRefuses) {
    alone<chain_a>().upgrade();
    auto m = racing<chain_a>([](auto& other) { other.downgrade_to(2); });
    expect_refused([&] { m.downgrade_to(3); }, migration_failure::wrong_direction, "the database is at version 2");
    EXPECT_EQ(m.status().current, 2u);
}
TEST_F(MigratorRace, AnUpgradeThatAnotherTookPastItsTargetRefuses) {
    alone<chain_a>().upgrade_to(1);
    auto m = racing<chain_a>([](auto& other) { other.upgrade_to(4); });
    expect_refused([&] { m.upgrade_to(2); }, migration_failure::wrong_direction, "the database is at version 4");
    EXPECT_EQ(m.status().current, 4u);
}

// ... and one that found more to do after it waited counts it: "[2/1] down 6" (helper 48).
TEST_F(MigratorRace, ADowngradeThatFoundMoreToDoCountsIt) {
    alone<chain_a>().upgrade_to(3);
    auto m = racing<chain_a>([](auto& other) { other.upgrade(); });
    const auto r = m.downgrade_to(2);
    EXPECT_EQ(r.to, 2u);
    EXPECT_EQ(r.migrations.size(), 2u);
    EXPECT_TRUE(log.has("[1/2] down 4")) << ::testing::PrintToString(log.lines);
    EXPECT_TRUE(log.has("[2/2] down 3")) << ::testing::PrintToString(log.lines);
    EXPECT_FALSE(log.has("/1]")) << ::testing::PrintToString(log.lines);
}

// ... and one that found the database moved up meanwhile over a migration without a down does
// not undo it (its data step's writes stay, its row would go: helper 49); it refuses as it does
// when the migration is there before it starts.
TEST_F(MigratorRace, ADowngradeThatFoundAnIrreversibleMigrationMeanwhileRefuses) {
    alone<chain_irreversible>().upgrade_to(2);
    auto m = racing<chain_irreversible>([](auto& other) { other.upgrade_to(3); });
    expect_refused([&] { m.downgrade_to(1); }, migration_failure::irreversible, "would pass migration 3");
    EXPECT_EQ(m.status().current, 3u);
}

// Two baselines at once on SQLite: the second recorded its rows over the first's and stopped
// on SQLite's own error (UNIQUE constraint failed), not strata's refusal (helper 48).
TEST_F(MigratorRace, ABaselineAnotherRecordedMeanwhileRefuses) {
    database_->db().execute("CREATE TABLE \"users\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"email\" TEXT NOT NULL UNIQUE)", {}, {});
    auto m = racing<chain_a>([](auto& other) { other.baseline(1); });
    expect_refused([&] { m.baseline(1); }, migration_failure::unknown_state, "already has applied migrations");
    EXPECT_EQ(m.status().current, 1u);
}

// A driver's error, told with the chain and database before it, says "strata:" once
// ("strata: chain "main": sqlite c.db: strata: sqlite: database is locked", helper 48).
TEST_P(Migrator, ADriverErrorSaysStrataOnce) {
    db().execute("CREATE TABLE \"strata_migrations\" (\"x\" INTEGER)", {}, {});
    try {
        make<chain_a>().upgrade();
        FAIL() << "a bookkeeping table of another shape was used";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_TRUE(what.starts_with("strata: chain \"main\": ")) << what;
        EXPECT_EQ(what.find("strata:", 1), std::string::npos) << what;
    }
}

TEST(SqliteConnection, BorrowsAHandleAndLeavesItOpen) {
    const auto path = std::filesystem::temp_directory_path() / ("strata_borrow_" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &h), SQLITE_OK);
    {
        strata::sqlite::connection db(h);
        strata::migrator<chain_a2> m(db, {"main", strata::log_nowhere});
        EXPECT_EQ(m.upgrade().to, 2u);
    }
    // Still open, and foreign keys were turned on for it.
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(h, "PRAGMA foreign_keys", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    EXPECT_EQ(sqlite3_close(h), SQLITE_OK);
    std::filesystem::remove(path);
}

TEST(SqliteConnection, OpensAUri) {
    const auto path = std::filesystem::temp_directory_path() / ("strata_uri_" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path);
    {
        strata::sqlite::connection db("file:" + path.string() + "?mode=rwc");
        strata::migrator<chain_a2> m(db, {"main", strata::log_nowhere});
        EXPECT_EQ(m.upgrade().to, 2u);
    }
    EXPECT_TRUE(std::filesystem::exists(path));
    std::filesystem::remove(path);
    EXPECT_THROW(strata::sqlite::connection("file:/nonexistent/dir/x.db?mode=ro"), strata::database_error);
}

#ifdef STRATA_TEST_POSTGRES
TEST(PostgresConnection, BorrowsAConnection) {
    const char* url = strata_test::postgres_url();
    if (!url) STRATA_SKIP_WITHOUT_POSTGRES();
    strata_test::postgres_database scratch(url, "borrow");
    pqxx::connection c(url);
    {
        strata::postgres::connection db(c);
        db.execute("SET search_path TO \"" + scratch.schema + "\"", {}, {});
        strata::migrator<chain_a2> m(db, {"main", strata::log_nowhere});
        EXPECT_EQ(m.upgrade().to, 2u);
    }
    EXPECT_TRUE(c.is_open());
    pqxx::nontransaction n(c);
    EXPECT_EQ(n.exec("SELECT count(*) FROM \"" + scratch.schema + "\".strata_migrations")[0][0].as<int>(), 2);
}
#endif

}  // namespace
