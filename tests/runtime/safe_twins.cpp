// The typed safe twins of issue 11, point 3, on real databases: a foreign key and a check added
// with not_valid, validated by validate_constraint, SET NOT NULL on the checked column, the check
// dropped; applied, downgraded and verified at every version. On PostgreSQL the constraints are
// NOT VALID in between (pg_constraint.convalidated, and verify()'s facts say so on both sides), a
// row that breaks one fails VALIDATE CONSTRAINT, and one validated by hand is drift. SQLite has
// no NOT VALID: the add checks the rows (a table rebuild), validate_constraint sends nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <strata/strata.hpp>

#include "backends.hpp"

using namespace strata::dsl;
using strata::migration_failure;

namespace {

using t1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using t2 = strata::migration<2, "not valid",
    add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id", on_delete_cascade, not_valid>,
    add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>;
using t3 = strata::migration<3, "validate",
    validate_constraint<"posts", "posts_author_fk">, validate_constraint<"users", "users_email_nn">>;
using t4 = strata::migration<4, "email not null", alter_column<"users", "email", set_not_null>>;
using t5 = strata::migration<5, "drop the check", drop_constraint<"users", "users_email_nn">>;
using history = strata::chain<t1, t2, t3, t4, t5>;

class SafeTwins : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database(GetParam(), "safe_twins");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    strata::driver& db() { return database_->db(); }
    bool postgres() const { return std::string(GetParam()) == "postgres"; }
    strata::migrator<history> make() { return strata::migrator<history>(db(), {"main", strata::log_nowhere}); }
    void rows() {
        strata::session s(db());
        s.execute("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@example.com'), (2, 'b@example.com')");
        s.execute("INSERT INTO \"posts\" (\"id\", \"author_id\") VALUES (10, 1), (11, 2)");
    }
    // PostgreSQL: whether the constraint is validated (pg_constraint.convalidated)
    bool validated(const std::string& name) {
        strata::session s(db());
        return s.query_value<bool>("SELECT convalidated FROM pg_constraint WHERE conname = $1 AND connamespace = "
                                   "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())",
                                   name);
    }
    std::int64_t count(const std::string& sql) {
        strata::session s(db());
        return s.query_value<std::int64_t>(sql);
    }
    std::unique_ptr<strata_test::test_database> database_;
};

TEST_P(SafeTwins, NotValidValidateSetNotNullDropCheckUpAndDownVerified) {
    auto m = make();
    m.upgrade_to(1);
    rows();
    for (std::uint64_t v = 2; v <= 5; ++v) {
        m.upgrade_to(v);
        ASSERT_EQ(m.status().current, v);
        EXPECT_TRUE(m.verify().ok()) << "at " << v << ":\n" << m.verify().text();
        if (postgres() && v == 2) {
            EXPECT_FALSE(validated("posts_author_fk"));
            EXPECT_FALSE(validated("users_email_nn"));
        }
        if (postgres() && v == 3) {
            EXPECT_TRUE(validated("posts_author_fk"));
            EXPECT_TRUE(validated("users_email_nn"));
        }
    }
    EXPECT_EQ(count("SELECT count(*) FROM \"posts\""), 2);
    // the constraints hold: the foreign key cascades, the column refuses NULL
    {
        strata::session s(db());
        EXPECT_THROW(s.execute("INSERT INTO \"users\" (\"id\") VALUES (3)"), strata::database_error);
        s.execute("DELETE FROM \"users\" WHERE \"id\" = 2");
    }
    EXPECT_EQ(count("SELECT count(*) FROM \"posts\""), 1);

    // down, one version at a time, verified at each
    for (std::uint64_t v = 4;; --v) {
        m.downgrade_to(v);
        ASSERT_EQ(m.status().current, v);
        EXPECT_TRUE(m.verify().ok()) << "down at " << v << ":\n" << m.verify().text();
        if (postgres() && v == 2) {  // validate_constraint's down: not valid again
            EXPECT_FALSE(validated("posts_author_fk"));
            EXPECT_FALSE(validated("users_email_nn"));
        }
        if (v == 0) break;
    }
    EXPECT_FALSE(db().has_table("users"));
    m.upgrade();
    EXPECT_EQ(m.status().current, 5u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

TEST_P(SafeTwins, PlanShowsValidateAndItsLock) {
    auto m = make();
    m.upgrade_to(2);
    const strata::plan_report p = m.plan(3);
    ASSERT_EQ(p.migrations.size(), 1u);
    const auto& st = p.migrations[0].statements;
    ASSERT_EQ(st.size(), 2u);
    if (postgres()) {
        EXPECT_EQ(st[0], "ALTER TABLE \"posts\" VALIDATE CONSTRAINT \"posts_author_fk\"");
        EXPECT_EQ(st[1], "ALTER TABLE \"users\" VALIDATE CONSTRAINT \"users_email_nn\"");
        ASSERT_EQ(p.migrations[0].locks.size(), 2u);
        EXPECT_NE(p.migrations[0].locks[0].find("SHARE UPDATE EXCLUSIVE on \"posts\""), std::string::npos) << p.migrations[0].locks[0];
        EXPECT_NE(p.migrations[0].locks[1].find("SHARE UPDATE EXCLUSIVE on \"users\""), std::string::npos) << p.migrations[0].locks[1];
        const strata::plan_report up2 = make().plan(2);  // (from 2: nothing)
        EXPECT_TRUE(up2.migrations.empty());
    } else {  // nothing to send, and the plan says why
        for (const auto& s : st) EXPECT_EQ(s.rfind("-- nothing: validate_constraint: sqlite has no NOT VALID constraints", 0), 0u) << s;
    }
    m.upgrade_to(3);
    const strata::plan_report back = m.plan(2);
    ASSERT_EQ(back.migrations.size(), 1u);
    if (postgres()) {
        EXPECT_EQ(back.migrations[0].statements,
                  (std::vector<std::string>{
                      "ALTER TABLE \"users\" DROP CONSTRAINT \"users_email_nn\"",
                      "ALTER TABLE \"users\" ADD CONSTRAINT \"users_email_nn\" CHECK (email IS NOT NULL) NOT VALID",
                      "ALTER TABLE \"posts\" DROP CONSTRAINT \"posts_author_fk\"",
                      "ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_fk\" FOREIGN KEY (\"author_id\") REFERENCES \"users\" "
                      "(\"id\") ON DELETE CASCADE NOT VALID"}));
    } else {
        ASSERT_EQ(back.migrations[0].statements.size(), 2u);
        for (const auto& s : back.migrations[0].statements) EXPECT_EQ(s.rfind("-- nothing: ", 0), 0u) << s;
    }
}

// Rows that break the constraints, there before they are added.
TEST_P(SafeTwins, ARowThatBreaksTheConstraintFailsValidateOnPostgresAndTheAddOnSqlite) {
    auto m = make();
    m.upgrade_to(1);
    rows();
    {
        strata::session s(db());
        s.execute("INSERT INTO \"posts\" (\"id\", \"author_id\") VALUES (12, 99)");  // no user 99
    }
    if (!postgres()) {  // no NOT VALID: the rebuild checks the rows, and the add itself fails
        try {
            m.upgrade_to(2);
            FAIL() << "SQLite added a foreign key that a row breaks";
        } catch (const strata::migration_error& e) {
            EXPECT_EQ(e.kind(), migration_failure::foreign_key_violation) << e.what();
            EXPECT_EQ(e.version(), 2u);
        }
        EXPECT_EQ(m.status().current, 1u);
        EXPECT_TRUE(m.verify().ok()) << m.verify().text();
        return;
    }
    m.upgrade_to(2);  // NOT VALID: the rows there are not checked
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    try {
        m.upgrade_to(3);
        FAIL() << "VALIDATE CONSTRAINT accepted a row without its user";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::statement_failed) << e.what();
        EXPECT_FALSE(e.refused());
        EXPECT_EQ(e.version(), 3u);
        EXPECT_EQ(e.migration(), "validate");
        EXPECT_EQ(e.statement(), "ALTER TABLE \"posts\" VALIDATE CONSTRAINT \"posts_author_fk\"");
        EXPECT_NE(e.driver_message().find("posts_author_fk"), std::string::npos) << e.driver_message();
        const std::string what = e.what();
        EXPECT_NE(what.find("VALIDATE CONSTRAINT \"posts_author_fk\""), std::string::npos) << what;
        EXPECT_NE(what.find("the database is at version 2"), std::string::npos) << what;
    }
    EXPECT_EQ(m.status().current, 2u);
    EXPECT_FALSE(validated("posts_author_fk"));
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    // the row fixed, the same migration goes through
    {
        strata::session s(db());
        s.execute("DELETE FROM \"posts\" WHERE \"id\" = 12");
    }
    m.upgrade();
    EXPECT_EQ(m.status().current, 5u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

// verify(): a constraint the chain leaves NOT VALID is no drift; one validated by hand is.
TEST_P(SafeTwins, AConstraintValidatedByHandIsDrift) {
    auto m = make();
    m.upgrade_to(1);
    rows();
    m.upgrade_to(2);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    {
        strata::session s(db());
        if (postgres()) s.execute("ALTER TABLE \"users\" VALIDATE CONSTRAINT \"users_email_nn\"");
    }
    const strata::verify_report r = m.verify();
    if (!postgres()) {  // (SQLite cannot tell a constraint's validity: its facts have none)
        EXPECT_TRUE(r.ok()) << r.text();
        return;
    }
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.missing, std::vector<std::string>{"check users_email_nn on users not valid"}) << r.text();
    EXPECT_EQ(r.unexpected, std::vector<std::string>{"check users_email_nn on users"}) << r.text();
    {
        strata::session s(db());
        s.execute("ALTER TABLE \"posts\" VALIDATE CONSTRAINT \"posts_author_fk\"");
    }
    const strata::verify_report r2 = m.verify();
    EXPECT_NE(std::find(r2.missing.begin(), r2.missing.end(), "fk posts.author_id -> users.id CASCADE not valid"), r2.missing.end())
        << r2.text();
    EXPECT_NE(std::find(r2.unexpected.begin(), r2.unexpected.end(), "fk posts.author_id -> users.id CASCADE"), r2.unexpected.end())
        << r2.text();
}

INSTANTIATE_TEST_SUITE_P(Backends, SafeTwins, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
