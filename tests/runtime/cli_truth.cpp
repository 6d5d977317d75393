// The CLI tells the truth (issue 12, point 3): the database's own version when it is ahead of
// the code, a changed migration listed once and as changed, messages that name the verb to
// type, read-only verbs that create nothing, each line once in a terminal, an offline script
// with the bookkeeping that upgrade accepts, and verify against the version the database is at.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <strata/cli.hpp>
#include <strata/detail/runtime/migrators_lock.hpp>
#include <strata/strata.hpp>

#include "backends.hpp"
#include "cli_output.hpp"

using namespace strata::dsl;
using strata_test::captured_log;

namespace {

using m1 = strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>>;
using m1_changed = strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>>>;
using m2 = strata::migration<2, "roles", create_table<"roles", column<"name", text, primary_key>>>;
using m3 = strata::migration<3, "notes", add_column<"users", column<"note", text>>>;
using two = strata::chain<m1, m2>;
using three = strata::chain<m1, m2, m3>;
using two_changed = strata::chain<m1_changed, m2>;

void seed_roles(strata::session& s) { s.execute("INSERT INTO \"roles\" (\"name\") VALUES ('admin')"); }
void unseed_roles(strata::session& s) { s.execute("DELETE FROM \"roles\""); }
using m3_data = strata::migration<3, "admin role", run<seed_roles, unseed_roles>>;
using with_data = strata::chain<m1, m2, m3_data>;

using s1 = strata::migration<1, "roles", create_table<"roles", column<"id", bigint, primary_key>, column<"name", text>>>;
using s2 = strata::migration<2, "seed roles", seed<"roles", columns<"id", "name">, values<1, "admin">, values<2, "it's me">>>;
using s2_renamed = strata::migration<2, "seed roles", seed<"roles", columns<"id", "name">, values<1, "administrator">, values<2, "it's me">>>;
using s2_more = strata::migration<2, "seed roles", seed<"roles", columns<"id", "name">, values<1, "admin">, values<2, "it's me">, values<3, "guest">>>;
using seeded = strata::chain<s1, s2>;
using seeded_renamed = strata::chain<s1, s2_renamed>;
using seeded_more = strata::chain<s1, s2_more>;

// A unique index that duplicates stop (concurrently: outside a transaction on PostgreSQL), then
// a table; a seed row whose foreign key points nowhere.
using unique_emails = strata::chain<m1, strata::migration<2, "unique emails", create_unique_index_concurrently<"users_email_uq", "users", "email">>,
                                    strata::migration<3, "roles", create_table<"roles", column<"name", text, primary_key>>>>;
using with_orphan = strata::chain<
    strata::migration<1, "teams and people", create_table<"teams", column<"id", bigint, primary_key>>,
                      create_table<"people", column<"id", bigint, primary_key>, column<"team", bigint, references<"teams", "id">>>>,
    strata::migration<2, "an orphan", seed<"people", columns<"id", "team">, values<1, 7>>>>;
using with_key = strata::chain<
    strata::migration<1, "teams and people", create_table<"teams", column<"id", bigint, primary_key>>,
                      create_table<"people", column<"id", bigint, primary_key>, column<"team", bigint>>>,
    strata::migration<2, "people's teams", add_foreign_key<"people", "people_team_fk", "team", "teams", "id">>>;

// SQLite rebuilds a table to change a column's NOT NULL (2, 4), drop a unique column (5) or add
// a value to an enum (6: a CHECK of its values in each table that uses it): the
// offline script's guard must let every table strata made through, and stop at one that holds
// what the chain does not know.
using r1 = strata::migration<1, "teams and people", create_enum<"level", "low", "high">,
    create_table<"Teams", column<"id", bigint, primary_key, autoincrement>, column<"name", varchar<40>, not_null, unique, default_value<"it's">>,
                 column<"code", text, unique>, column<"level", enum_type<"level">>>,
    create_table<"people", column<"id", bigint, primary_key>, column<"team", bigint, references<"Teams", "id", on_delete_cascade>>,
                 column<"score", numeric<10, 2>, default_value<0>, check<"score >= 0">>, column<"note", text>,
                 column<"level", enum_type<"level">, not_null, default_value<"low">>>,
    create_index<"people_team_idx", "people", "team", "score">, create_unique_index<"Teams_name_uq", "Teams", "name">>;
using r2 = strata::migration<2, "required scores", alter_column<"people", "score", set_not_null>>;
using r3 = strata::migration<3, "remarks and birthdays", rename_column<"people", "note", "remark">, add_column<"people", column<"born", date>>>;
using r4 = strata::migration<4, "required birthdays", alter_column<"people", "born", set_default<default_value<"2000-01-01">>, set_not_null>>;
using r5 = strata::migration<5, "no team codes", drop_column<"Teams", "code">>;
using r6 = strata::migration<6, "more levels", add_enum_value<"level", "mid">>;  // (SQLite: both tables, once)
using rebuilt = strata::chain<r1, r2, r3, r4, r5, r6>;

// A down that succeeds on any database: run twice, it would take the money twice.
using accounts = strata::chain<
    strata::migration<1, "accounts", create_table<"accounts", column<"id", bigint, primary_key>, column<"balance", bigint>>>,
    strata::migration<2, "an account", execute<"INSERT INTO accounts VALUES (1, 100)", "DELETE FROM accounts">>,
    strata::migration<3, "a bonus", execute<"UPDATE accounts SET balance = balance + 50", "UPDATE accounts SET balance = balance - 50">>>;

// A migration that rebuilds a table runs with foreign keys off (SQLite): what its other
// statements do to keys is checked after it, in the whole database, as the migrator does.
using orphaning = strata::chain<
    strata::migration<1, "parents and children", create_table<"parents", column<"id", bigint, primary_key>, column<"name", text>>,
                      create_table<"children", column<"id", bigint, primary_key>, column<"parent", bigint, references<"parents", "id">>>>,
    strata::migration<2, "named parents", execute<"DELETE FROM parents WHERE name IS NULL", nothing>,
                      alter_column<"parents", "name", set_not_null>>>;

// ... and renames the tables of a row that was dangling before it.
using renaming = strata::chain<
    strata::migration<1, "owners and pets", create_table<"owners", column<"id", bigint, primary_key>, column<"name", text>>,
                      create_table<"pets", column<"id", bigint, primary_key>, column<"owner", bigint, references<"owners", "id">>>>,
    strata::migration<2, "keepers and animals", rename_table<"owners", "keepers">, rename_table<"pets", "animals">,
                      alter_column<"keepers", "name", set_default<default_value<"?">>>>>;

// A rebuild of a table with a row left dangling before the migration.
using noting = strata::chain<
    strata::migration<1, "parents and children", create_table<"parents", column<"id", bigint, primary_key>>,
                      create_table<"children", column<"id", bigint, primary_key>, column<"parent", bigint, references<"parents", "id">>,
                                   column<"note", text>>>,
    strata::migration<2, "note default", alter_column<"children", "note", set_default<default_value<"none">>>>>;
// A rebuild that drops one of a table's two foreign keys (SQLite numbers the other anew).
using keyed_twice = strata::chain<
    strata::migration<1, "parents, others, child", create_table<"k_parents", column<"id", bigint, primary_key>>,
                      create_table<"k_others", column<"id", bigint, primary_key>>,
                      create_table<"k_child", column<"id", bigint, primary_key>, column<"pp", bigint, references<"k_parents", "id">>,
                                   column<"oo", bigint, references<"k_others", "id">>, column<"note", text>>>,
    strata::migration<2, "no oo", drop_column<"k_child", "oo">>>;
// Two keys of one row to one table: the migration mends the one broken before and breaks the other.
using moving = strata::chain<
    strata::migration<1, "parents and child", create_table<"m_parents", column<"id", bigint, primary_key>>,
                      create_table<"m_child", column<"id", bigint, primary_key>, column<"a", bigint, references<"m_parents", "id">>,
                                   column<"b", bigint, references<"m_parents", "id">>, column<"note", text>>>,
    strata::migration<2, "note default, a mended, b broken", alter_column<"m_child", "note", set_default<default_value<"none">>>,
                      execute<"UPDATE \"m_child\" SET \"a\" = 1, \"b\" = 98 WHERE \"id\" = 1",
                              "UPDATE \"m_child\" SET \"a\" = 99, \"b\" = 1 WHERE \"id\" = 1">>>;
// A table dropped while another table's foreign key references it.
using dropping = strata::chain<
    strata::migration<1, "tags", create_table<"tags", column<"id", bigint, primary_key>, column<"label", text>>>,
    strata::migration<2, "no tags", drop_table<"tags">>>;
// A row deleted by a migration that rebuilds, whose referencing row is left dangling.
using retiring = strata::chain<
    strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>, column<"name", text>>>,
    strata::migration<2, "user 2 retired, names required", execute_irreversible<"DELETE FROM \"users\" WHERE \"id\" = 2">,
                      alter_column<"users", "name", set_not_null>>>;

// Names may hold a line break (an identifier may hold anything but a double quote): in a
// script's comment lines, the next line would be read by the shell (`.print`, `\\echo`).
using line_breaks = strata::chain<
    strata::migration<1, "teams $strata$\n.print SHELL COMMAND FROM A NAME\n\\echo SHELL COMMAND FROM A NAME",
                      create_table<"teams\n.print SHELL COMMAND FROM A TABLE", column<"id", bigint, primary_key>, column<"n", integer>>>,
    strata::migration<2, "required n", alter_column<"teams\n.print SHELL COMMAND FROM A TABLE", "n", set_not_null>>>;

using remade = strata::chain<
    strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>, column<"a", integer>, column<"b", text>>>,
    strata::migration<2, "a required", alter_column<"t", "a", set_not_null>>>;

using strata_test::cli_result;
using strata_test::read_all;

template <class Chain>
cli_result cli(std::vector<std::string> args) {
    std::vector<const char*> argv{"app db"};
    for (const std::string& a : args) argv.push_back(a.c_str());
    strata::cli::options o;
    o.program = "app db";
    captured_log log;
    o.log = log.sink();
    o.out = std::tmpfile();
    o.err = std::tmpfile();
    std::FILE* out = o.out;
    std::FILE* err = o.err;
    cli_result r;
    r.code = strata::cli::run<Chain>(static_cast<int>(argv.size()), argv.data(), o);
    r.out = read_all(out);
    r.err = read_all(err);
    for (const std::string& l : log.lines) r.log += l + "\n";
    return r;
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

class CliTruth : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        db_ = strata_test::make_database(GetParam(), "cli_truth");
        if (!db_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    bool sqlite() const { return std::string(GetParam()) == "sqlite"; }
    // The URL the CLI opens: the same database as db().
    std::string url() const { return strata_test::cli_url(*db_); }
    strata::driver& db() { return db_->db(); }
    // A script applied by hand, as a DBA would, with the shell the docs name (`sqlite3 app.db <
    // up.sql`, `psql -f up.sql`): its exit code.
    int apply_with_shell(const std::string& script, std::string* said = nullptr) {
        const std::filesystem::path file = std::filesystem::temp_directory_path() / ("strata_script_" + std::to_string(::getpid()) + ".sql");
        if (std::FILE* f = std::fopen(file.c_str(), "w")) {
            std::fputs(script.c_str(), f);
            std::fclose(f);
        }
        const std::filesystem::path output = file.string() + ".out";
        std::string command;
        if (auto* s = dynamic_cast<strata_test::sqlite_database*>(db_.get()))
            command = "sqlite3 '" + s->path.string() + "' < '" + file.string() + "'";
        else
            command = "psql -X -q '" + url() + "' -f '" + file.string() + "'";
        const int status = std::system((command + " > '" + output.string() + "' 2>&1").c_str());
        if (said) {
            said->clear();
            if (std::FILE* f = std::fopen(output.c_str(), "r")) {
                char buf[4096];
                for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) said->append(buf, n);
                std::fclose(f);
            }
        }
        std::filesystem::remove(file);
        std::filesystem::remove(output);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    void apply_by_hand(const std::string& script) { EXPECT_EQ(apply_with_shell(script), 0) << script; }
    template <class Chain, class... Args>
    cli_result run(Args... args) {
        return cli<Chain>({std::string(args)..., "--database", url()});
    }
    std::unique_ptr<strata_test::test_database> db_;
};

TEST_P(CliTruth, StatusAndCurrentShowTheDatabasesVersionWhenItIsAheadOfTheCode) {
    ASSERT_EQ(run<three>("upgrade").code, 0);
    const cli_result status = run<two>("status");
    EXPECT_EQ(status.code, 1);
    EXPECT_TRUE(has(status.out, "current version 3, head 2")) << status.out;
    EXPECT_TRUE(has(status.out, "notes") && has(status.out, "NOT IN THIS CODE")) << status.out;
    EXPECT_TRUE(has(status.err, "ahead of the code")) << status.err;
    const cli_result current = run<two>("current");
    EXPECT_EQ(current.code, 1);
    EXPECT_TRUE(current.out.rfind("3 notes", 0) == 0) << current.out;
    EXPECT_FALSE(has(current.out, "(head)")) << current.out;
    // The library says the same.
    const strata::status_report s = strata::migrator<two>(db()).status();
    EXPECT_EQ(s.current, 3u);
    ASSERT_EQ(s.applied.size(), 3u);
    EXPECT_TRUE(s.applied[2].unknown);
    EXPECT_TRUE(s.pending.empty());
}

TEST_P(CliTruth, AChangedMigrationIsListedOnceAsChanged) {
    ASSERT_EQ(run<two>("upgrade").code, 0);
    const cli_result status = run<two_changed>("status");
    EXPECT_EQ(status.code, 1);
    EXPECT_TRUE(has(status.out, "current version 2, head 2")) << status.out;
    EXPECT_FALSE(has(status.out, "pending:")) << status.out;
    EXPECT_TRUE(has(status.out, "CHANGED")) << status.out;
    // current's line does not call a database whose earlier migration changed settled at the head
    const cli_result current = run<two_changed>("current");
    EXPECT_EQ(current.code, 1);
    EXPECT_FALSE(has(current.out, "(head)")) << current.out;
    const strata::status_report s = strata::migrator<two_changed>(db()).status();
    EXPECT_EQ(s.current, 2u);
    EXPECT_TRUE(s.pending.empty());
    ASSERT_EQ(s.applied.size(), 2u);
    EXPECT_TRUE(s.applied[0].changed);
    EXPECT_FALSE(s.applied[1].changed);
    // history marks it once, as applied and changed; 2 is applied, not pending.
    const cli_result history = run<two_changed>("history");
    EXPECT_FALSE(has(history.out, "pending")) << history.out;
    EXPECT_TRUE(has(history.out, "changed")) << history.out;
    // verify compares the live schema with schema_at<2>, where the database is, and names the
    // checksum: no false drift from comparing with schema_at<0>.
    const cli_result verify = run<two_changed>("verify");
    EXPECT_EQ(verify.code, 1);
    EXPECT_TRUE(has(verify.out, "at version 2")) << verify.out;
    EXPECT_FALSE(has(verify.out, "table roles")) << verify.out;
    // What the change really changed is drift, and said.
    EXPECT_TRUE(has(verify.out, "column users.email")) << verify.out;
    EXPECT_TRUE(has(verify.out, "migration 1 \"users\" changed")) << verify.out;
}

TEST_P(CliTruth, MessagesNameTheVerbToType) {
    ASSERT_EQ(run<two>("upgrade").code, 0);
    const cli_result up = run<two_changed>("upgrade");
    EXPECT_EQ(up.code, 1);
    EXPECT_TRUE(has(up.err, "`app db repair`")) << up.err;
    EXPECT_FALSE(has(up.err, "repair()")) << up.err;
    db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 2", {}, {});
    const cli_result dirty = run<two>("upgrade");
    EXPECT_TRUE(has(dirty.err, "`app db verify`") && has(dirty.err, "`app db repair`")) << dirty.err;
    EXPECT_FALSE(has(dirty.err, "()")) << dirty.err;
    db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = FALSE WHERE \"version\" = 2", {}, {});
    const cli_result down = run<two>("upgrade", "--to", "1");
    EXPECT_EQ(down.code, 1);
    EXPECT_TRUE(has(down.err, "`app db downgrade --to 1`")) << down.err;
    EXPECT_FALSE(has(down.err, "upgrade_to") || has(down.err, "downgrade_to")) << down.err;
    // The library's own messages keep naming its calls.
    try {
        strata::migrator<two>(db()).upgrade_to(1);
        ADD_FAILURE() << "upgrade_to below the current version was accepted";
    } catch (const strata::migration_error& e) {
        EXPECT_TRUE(has(e.what(), "downgrade_to(1)")) << e.what();
    }
}

// An execute<> whose statement ends in a "--" comment: the script's ";" after it was in the
// comment, and sqlite3 and psql read the next statement as part of it (helper 55).
using commented = strata::chain<
    strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>, column<"x", integer>>>,
    strata::migration<2, "fill", execute<"UPDATE \"t\" SET \"x\" = 1 -- every row", "UPDATE \"t\" SET \"x\" = NULL -- undo">>,
    strata::migration<3, "x index", create_index<"t_x_idx", "t", "x">>>;
TEST_P(CliTruth, AnOfflineScriptKeepsAStatementsTrailingCommentToItself) {
    const cli_result script = cli<commented>({"sql", "--bookkeeping", "--dialect", sqlite() ? "sqlite" : "postgres"});
    ASSERT_EQ(script.code, 0) << script.err;
    apply_by_hand(script.out);
    const cli_result st = run<commented>("status");
    EXPECT_EQ(st.code, 0) << st.out << st.err;
    EXPECT_TRUE(has(st.out, "up to date")) << st.out;
    const cli_result down = cli<commented>({"sql", "--bookkeeping", "--from", "3", "--to", "1", "--dialect", sqlite() ? "sqlite" : "postgres"});
    ASSERT_EQ(down.code, 0) << down.err;
    apply_by_hand(down.out);
    EXPECT_TRUE(has(run<commented>("current").out, "1 t")) << run<commented>("current").out;
}

TEST_P(CliTruth, AnOfflineScriptWithItsBookkeepingLeavesAStateUpgradeAccepts) {
    const cli_result script = cli<three>({"sql", "--bookkeeping", "--dialect", sqlite() ? "sqlite" : "postgres"});
    ASSERT_EQ(script.code, 0) << script.err;
    EXPECT_TRUE(has(script.out, "strata_migrations")) << script.out;
    // Applied by hand, as a DBA would, statement after statement.
    apply_by_hand(script.out);
    EXPECT_EQ(run<three>("status").code, 0);
    const cli_result verify = run<three>("verify");
    EXPECT_EQ(verify.code, 0) << verify.out << verify.err;
    const cli_result up = run<three>("upgrade");
    EXPECT_EQ(up.code, 0) << up.err;
    EXPECT_TRUE(has(up.out, "up to date at version 3")) << up.out;
    // And back down: the rows go with the tables.
    const cli_result down = cli<three>({"sql", "--bookkeeping", "--from", "3", "--to", "1", "--dialect", sqlite() ? "sqlite" : "postgres"});
    ASSERT_EQ(down.code, 0) << down.err;
    apply_by_hand(down.out);
    const cli_result current = run<three>("current");
    EXPECT_EQ(current.code, 0) << current.err;
    EXPECT_TRUE(current.out.rfind("1 users", 0) == 0) << current.out;
    EXPECT_EQ(run<three>("verify").code, 0);
}

// A statement of the script that fails stops it: nothing after it runs, no later migration's
// row is recorded, and a migration outside a transaction (PostgreSQL's concurrent index) is
// left dirty, as the migrator leaves it, for status to show and repair to settle.
TEST_P(CliTruth, AnOfflineScriptStopsAtItsFirstFailedStatement) {
    ASSERT_EQ(run<unique_emails>("upgrade", "--to", "1").code, 0);
    db().execute("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@example.org'), (2, 'a@example.org')", {}, {});
    const cli_result script = cli<unique_emails>({"sql", "--bookkeeping", "--from", "1", "--dialect", sqlite() ? "sqlite" : "postgres"});
    ASSERT_EQ(script.code, 0) << script.err;
    EXPECT_NE(apply_with_shell(script.out), 0) << script.out;
    EXPECT_FALSE(db().has_table("roles"));
    const cli_result status = run<unique_emails>("status");
    if (sqlite()) {
        EXPECT_EQ(status.code, 0) << status.out << status.err;
        EXPECT_TRUE(has(status.out, "current version 1")) << status.out;
    } else {
        EXPECT_NE(status.code, 0) << status.out << status.err;
        EXPECT_TRUE(has(status.out + status.err, "dirty")) << status.out << status.err;
    }
}

// Foreign keys are enforced by the script as by the migrator (SQLite's shell enforces none
// unless told): a row that breaks one stops it.
TEST_P(CliTruth, AnOfflineScriptEnforcesForeignKeys) {
    const cli_result script = cli<with_orphan>({"sql", "--bookkeeping", "--dialect", sqlite() ? "sqlite" : "postgres"});
    ASSERT_EQ(script.code, 0) << script.err;
    EXPECT_NE(apply_with_shell(script.out), 0) << script.out;
    EXPECT_EQ(strata::session(db()).query_value<std::int64_t>("SELECT count(*) FROM \"strata_migrations\""), 1);
    // A foreign key added over a row that breaks it (SQLite: a rebuild and its check).
    db().execute("DROP TABLE \"people\"", {}, {});
    db().execute("DROP TABLE \"teams\"", {}, {});
    db().execute("DELETE FROM \"strata_migrations\"", {}, {});
    ASSERT_EQ(run<with_key>("upgrade", "--to", "1").code, 0);
    db().execute("INSERT INTO \"people\" (\"id\", \"team\") VALUES (1, 7)", {}, {});
    const cli_result keyed = cli<with_key>({"sql", "--bookkeeping", "--from", "1", "--dialect", sqlite() ? "sqlite" : "postgres"});
    ASSERT_EQ(keyed.code, 0) << keyed.err;
    EXPECT_NE(apply_with_shell(keyed.out), 0) << keyed.out;
    EXPECT_EQ(strata::session(db()).query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 1);
}

// A table rebuilt by the script (SQLite) is dropped and made again from the chain's state: what
// was added to it by hand would go with it. The migrator refuses such a table before any change
// (the rebuild guard); the script does too, in SQL, and loses nothing. PostgreSQL alters the
// table in place: the script runs, and the column stays.
TEST_P(CliTruth, AnOfflineScriptLosesNothingAddedToATableItRebuilds) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<rebuilt>("upgrade", "--to", "1").code, 0);
    db().execute("ALTER TABLE \"people\" ADD COLUMN \"nickname\" TEXT", {}, {});
    db().execute("INSERT INTO \"Teams\" (\"id\", \"name\") VALUES (1, 'a')", {}, {});
    db().execute("INSERT INTO \"people\" (\"id\", \"team\", \"score\", \"nickname\") VALUES (1, 1, 5, 'keep me')", {}, {});
    const cli_result script = cli<rebuilt>({"sql", "--bookkeeping", "--from", "1", "--to", "2", "--dialect", dialect});
    ASSERT_EQ(script.code, 0) << script.err;
    std::string said;
    const int code = apply_with_shell(script.out, &said);
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::string>("SELECT \"nickname\" FROM \"people\" WHERE \"id\" = 1"), "keep me");
    if (sqlite()) {
        EXPECT_NE(code, 0) << script.out;
        EXPECT_TRUE(has(said, "table \"people\"") && has(said, "verify")) << said;
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 1);
        // An index or a trigger made by hand stops it too; without them it runs.
        db().execute("ALTER TABLE \"people\" DROP COLUMN \"nickname\"", {}, {});
        db().execute("CREATE INDEX \"people_by_hand\" ON \"people\" (\"note\")", {}, {});
        EXPECT_NE(apply_with_shell(script.out), 0) << script.out;
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM sqlite_master WHERE name = 'people_by_hand'"), 1);
        db().execute("DROP INDEX \"people_by_hand\"", {}, {});
        db().execute("CREATE TRIGGER \"people_touched\" AFTER UPDATE ON \"people\" BEGIN SELECT 1; END", {}, {});
        EXPECT_NE(apply_with_shell(script.out), 0) << script.out;
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM sqlite_master WHERE name = 'people_touched'"), 1);
        db().execute("DROP TRIGGER \"people_touched\"", {}, {});
        // So does one of the chain's indexes made again otherwise: unique, partial, DESC, with a
        // COLLATE, other columns, an expression.
        for (const char* again : {"CREATE UNIQUE INDEX \"people_team_idx\" ON \"people\" (\"team\", \"score\")",
                                  "CREATE INDEX \"people_team_idx\" ON \"people\" (\"team\", \"score\") WHERE \"team\" > 0",
                                  "CREATE INDEX \"people_team_idx\" ON \"people\" (\"team\", \"score\" DESC)",
                                  "CREATE INDEX \"people_team_idx\" ON \"people\" (\"team\", \"score\" COLLATE NOCASE)",
                                  "CREATE INDEX \"people_team_idx\" ON \"people\" (\"team\")",
                                  "CREATE INDEX \"people_team_idx\" ON \"people\" (\"team\", \"score\" + 1)"}) {
            db().execute("DROP INDEX \"people_team_idx\"", {}, {});
            db().execute(again, {}, {});
            EXPECT_NE(apply_with_shell(script.out), 0) << again;
        }
        db().execute("DROP INDEX \"people_team_idx\"", {}, {});
        db().execute("CREATE INDEX \"people_team_idx\" ON \"people\" (\"team\", \"score\")", {}, {});
        EXPECT_EQ(apply_with_shell(script.out, &said), 0) << said << script.out;
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 2);
    } else {
        EXPECT_EQ(code, 0) << said << script.out;
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 2);
    }
}

// Every table the chain made passes the guard: the whole chain up by script, and down again,
// with tables of mixed-case names, renamed and added columns, keys, checks, defaults and
// indexes; the result is what upgrade would have made.
TEST_P(CliTruth, AnOfflineScriptRebuildsWhatTheChainMade) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    const cli_result up = cli<rebuilt>({"sql", "--bookkeeping", "--dialect", dialect});
    ASSERT_EQ(up.code, 0) << up.err;
    if (sqlite()) {
        EXPECT_TRUE(has(up.out, "pragma_table_xinfo")) << up.out;  // (the guard is there)
    }
    std::string said;
    ASSERT_EQ(apply_with_shell(up.out, &said), 0) << said << up.out;
    EXPECT_EQ(run<rebuilt>("verify").code, 0);
    const cli_result down = cli<rebuilt>({"sql", "--bookkeeping", "--from", "6", "--to", "1", "--dialect", dialect});
    ASSERT_EQ(down.code, 0) << down.err;
    ASSERT_EQ(apply_with_shell(down.out, &said), 0) << said << down.out;
    const cli_result verify = run<rebuilt>("verify");
    EXPECT_EQ(verify.code, 0) << verify.out;
    EXPECT_TRUE(has(verify.out, "at version 1")) << verify.out;
}

// A script starts where it says (`--from`): a database at another version, with a migration
// of other SQL (its checksum) or a dirty one, stops it before its first statement, as upgrade
// and downgrade refuse them. A script applied twice is the first case.
TEST_P(CliTruth, AnOfflineScriptRunsOnlyOnTheDatabaseItStartsFrom) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<accounts>("upgrade").code, 0);
    strata::session s(db());
    const cli_result down = cli<accounts>({"sql", "--bookkeeping", "--from", "3", "--to", "2", "--dialect", dialect});
    ASSERT_EQ(down.code, 0) << down.err;
    std::string said;
    ASSERT_EQ(apply_with_shell(down.out, &said), 0) << said << down.out;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 100);
    EXPECT_NE(apply_with_shell(down.out, &said), 0) << down.out;  // again: the database is at 2 now
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 100);
    EXPECT_TRUE(has(said, "starts at version 3") && has(said, "status")) << said;
    // An up script from 2 applies once.
    const cli_result up = cli<accounts>({"sql", "--bookkeeping", "--from", "2", "--dialect", dialect});
    ASSERT_EQ(up.code, 0) << up.err;
    ASSERT_EQ(apply_with_shell(up.out, &said), 0) << said << up.out;
    EXPECT_NE(apply_with_shell(up.out), 0) << up.out;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 150);
    // A changed migration, or a dirty one, stops a script from where the database is.
    const cli_result from3 = cli<accounts>({"sql", "--bookkeeping", "--from", "3", "--to", "1", "--dialect", dialect});
    ASSERT_EQ(from3.code, 0) << from3.err;
    db().execute("UPDATE \"strata_migrations\" SET \"checksum\" = '0123456789abcdef' WHERE \"version\" = 1", {}, {});
    EXPECT_NE(apply_with_shell(from3.out), 0) << from3.out;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 150);
    ASSERT_EQ(run<accounts>("repair").code, 0);
    db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 3", {}, {});
    EXPECT_NE(apply_with_shell(from3.out), 0) << from3.out;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 150);
    db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = FALSE WHERE \"version\" = 3", {}, {});
    // A row strata did not write (a flag that is not a boolean, a NULL): every verb refuses it, so
    // does the script.
    if (sqlite()) {
        db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = 'true' WHERE \"version\" = 3", {}, {});
    } else {
        db().execute("ALTER TABLE \"strata_migrations\" ALTER COLUMN \"dirty\" DROP NOT NULL", {}, {});
        db().execute("ALTER TABLE \"strata_migrations\" ALTER COLUMN \"checksum\" DROP NOT NULL", {}, {});
        db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = NULL WHERE \"version\" = 3", {}, {});
    }
    EXPECT_NE(run<accounts>("status").code, 0);
    EXPECT_NE(apply_with_shell(from3.out), 0) << from3.out;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 150);
    db().execute("UPDATE \"strata_migrations\" SET \"dirty\" = FALSE WHERE \"version\" = 3", {}, {});
    if (!sqlite()) {
        const std::string kept = s.query_value<std::string>("SELECT \"checksum\" FROM \"strata_migrations\" WHERE \"version\" = 2");
        db().execute("UPDATE \"strata_migrations\" SET \"checksum\" = NULL WHERE \"version\" = 2", {}, {});
        EXPECT_NE(run<accounts>("status").code, 0);
        EXPECT_NE(apply_with_shell(from3.out), 0) << from3.out;
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 150);
        s.execute("UPDATE \"strata_migrations\" SET \"checksum\" = $1 WHERE \"version\" = 2", kept);
        db().execute("ALTER TABLE \"strata_migrations\" ALTER COLUMN \"dirty\" SET NOT NULL", {}, {});
        db().execute("ALTER TABLE \"strata_migrations\" ALTER COLUMN \"checksum\" SET NOT NULL", {}, {});
    }
    ASSERT_EQ(apply_with_shell(from3.out, &said), 0) << said << from3.out;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM accounts"), 0);
    // An up script from 1 on a database strata never migrated records nothing.
    db().execute("DROP TABLE \"accounts\"", {}, {});
    db().execute("DELETE FROM \"strata_migrations\"", {}, {});
    const cli_result from1 = cli<accounts>({"sql", "--bookkeeping", "--from", "1", "--dialect", dialect});
    ASSERT_EQ(from1.code, 0) << from1.err;
    EXPECT_NE(apply_with_shell(from1.out), 0) << from1.out;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"strata_migrations\""), 0);
    // A script refused leaves nothing behind, not even the bookkeeping table it would have made.
    db().execute("DROP TABLE \"strata_migrations\"", {}, {});
    if (sqlite()) db().execute("DROP TABLE \"strata_migrations_seal\"", {}, {});
    EXPECT_NE(apply_with_shell(from1.out, &said), 0) << from1.out;
    EXPECT_TRUE(has(said, "starts at version 1")) << said;
    EXPECT_FALSE(db().has_table("strata_migrations"));
    EXPECT_FALSE(db().has_table("strata_migrations_seal"));
}

TEST_P(CliTruth, AnOfflineScriptChecksTheKeysOfAMigrationThatRunsWithoutThem) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<orphaning>("upgrade", "--to", "1").code, 0);
    db().execute("INSERT INTO \"parents\" (\"id\", \"name\") VALUES (1, NULL), (2, 'two')", {}, {});
    db().execute("INSERT INTO \"children\" (\"id\", \"parent\") VALUES (20, 1), (30, 2)", {}, {});
    const cli_result script = cli<orphaning>({"sql", "--bookkeeping", "--from", "1", "--dialect", dialect});
    ASSERT_EQ(script.code, 0) << script.err;
    std::string said;
    EXPECT_NE(apply_with_shell(script.out, &said), 0) << script.out;
    if (sqlite()) {
        EXPECT_TRUE(has(said, "foreign key")) << said;
    }
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"parents\""), 2);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 1);
    // upgrade refuses the same
    EXPECT_NE(run<orphaning>("upgrade").code, 0);
    // A row that was dangling before the migration does not stop it (as for the migrator).
    db().execute("DELETE FROM \"children\" WHERE \"id\" = 20", {}, {});
    if (sqlite()) {
        db().execute("PRAGMA foreign_keys = OFF", {}, {});
        db().execute("INSERT INTO \"children\" (\"id\", \"parent\") VALUES (40, 9)", {}, {});
        db().execute("PRAGMA foreign_keys = ON", {}, {});
    }
    ASSERT_EQ(apply_with_shell(script.out, &said), 0) << said << script.out;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 2);
}

// A row dangling before a migration is the same row after it, under the names the migration
// gives its tables (as for the migrator): not a row the migration broke.
TEST_P(CliTruth, AnOfflineScriptFollowsTheRenamesOfARowDanglingBeforeIt) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<renaming>("upgrade", "--to", "1").code, 0);
    if (sqlite()) {
        db().execute("PRAGMA foreign_keys = OFF", {}, {});
        db().execute("INSERT INTO \"pets\" (\"id\", \"owner\") VALUES (7, 99)", {}, {});
        db().execute("PRAGMA foreign_keys = ON", {}, {});
    }
    std::string said;
    const cli_result up = cli<renaming>({"sql", "--bookkeeping", "--from", "1", "--dialect", dialect});
    ASSERT_EQ(up.code, 0) << up.err;
    ASSERT_EQ(apply_with_shell(up.out, &said), 0) << said << up.out;
    const cli_result down = cli<renaming>({"sql", "--bookkeeping", "--from", "2", "--to", "1", "--dialect", dialect});
    ASSERT_EQ(down.code, 0) << down.err;
    ASSERT_EQ(apply_with_shell(down.out, &said), 0) << said << down.out;
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"pets\""), sqlite() ? 1 : 0);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 1);
}

// ... also in the rebuilt table itself: its rebuild's check passes over the row, as the migrator's.
TEST_P(CliTruth, AnOfflineScriptRebuildsATableWithARowDanglingFromBefore) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<noting>("upgrade", "--to", "1").code, 0);
    if (sqlite()) {
        db().execute("PRAGMA foreign_keys = OFF", {}, {});
        db().execute("INSERT INTO \"children\" (\"id\", \"parent\") VALUES (5, 999)", {}, {});
        db().execute("PRAGMA foreign_keys = ON", {}, {});
    }
    std::string said;
    const cli_result up = cli<noting>({"sql", "--bookkeeping", "--from", "1", "--dialect", dialect});
    ASSERT_EQ(up.code, 0) << up.err;
    ASSERT_EQ(apply_with_shell(up.out, &said), 0) << said << up.out;
    // (and where the rebuild drops another foreign key of the table: SQLite numbers the rest anew)
    ASSERT_EQ(run<keyed_twice>("upgrade", "--to", "1", "--chain", "twice").code, 0);
    if (sqlite()) {
        db().execute("PRAGMA foreign_keys = OFF", {}, {});
        db().execute("INSERT INTO \"k_child\" (\"id\", \"pp\") VALUES (2, 99)", {}, {});
        db().execute("PRAGMA foreign_keys = ON", {}, {});
    }
    const cli_result twice = cli<keyed_twice>({"sql", "--bookkeeping", "--from", "1", "--dialect", dialect, "--chain", "twice"});
    ASSERT_EQ(twice.code, 0) << twice.err;
    ASSERT_EQ(apply_with_shell(twice.out, &said), 0) << said << twice.out;
    const cli_result down = cli<noting>({"sql", "--bookkeeping", "--from", "2", "--to", "1", "--dialect", dialect});
    ASSERT_EQ(down.code, 0) << down.err;
    ASSERT_EQ(apply_with_shell(down.out, &said), 0) << said << down.out;
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"children\""), sqlite() ? 1 : 0);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\" WHERE \"chain\" = 'main'"), 1);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\" WHERE \"chain\" = 'twice'"), 2);
}

// A row's broken references are told apart by the key's columns, as the migrator does.
TEST_P(CliTruth, AnOfflineScriptFindsABrokenReferenceMovedToAnotherKeyOfItsRow) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<moving>("upgrade", "--to", "1").code, 0);
    db().execute("INSERT INTO \"m_parents\" VALUES (1)", {}, {});
    db().execute("INSERT INTO \"m_child\" VALUES (2, 1, 1, 'y')", {}, {});
    if (sqlite()) {
        db().execute("PRAGMA foreign_keys = OFF", {}, {});
        db().execute("INSERT INTO \"m_child\" VALUES (1, 99, 1, 'x')", {}, {});
        db().execute("PRAGMA foreign_keys = ON", {}, {});
    } else {
        db().execute("INSERT INTO \"m_child\" VALUES (1, 1, 1, 'x')", {}, {});
    }
    const cli_result script = cli<moving>({"sql", "--bookkeeping", "--from", "1", "--dialect", dialect});
    ASSERT_EQ(script.code, 0) << script.err;
    EXPECT_NE(apply_with_shell(script.out), 0) << script.out;
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT \"b\" FROM \"m_child\" WHERE \"id\" = 1"), 1);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 1);
}

// SQLite's DROP TABLE deletes the table's rows, and another table's foreign key acts on that
// (here ON DELETE CASCADE): the script stops, as the migrator does, and as PostgreSQL refuses.
TEST_P(CliTruth, AnOfflineScriptTakesNoRowOfAnotherTable) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<dropping>("upgrade", "--to", "1").code, 0);
    db().execute("INSERT INTO \"tags\" (\"id\", \"label\") VALUES (1, 'a'), (2, 'b')", {}, {});
    db().execute("CREATE TABLE \"post_tags\" (\"post\" INTEGER, \"tag\" INTEGER REFERENCES \"tags\" (\"id\") ON DELETE CASCADE)", {}, {});
    db().execute("INSERT INTO \"post_tags\" VALUES (100, 1), (101, 2)", {}, {});
    const cli_result script = cli<dropping>({"sql", "--bookkeeping", "--from", "1", "--dialect", dialect});
    ASSERT_EQ(script.code, 0) << script.err;
    std::string said;
    EXPECT_NE(apply_with_shell(script.out, &said), 0) << script.out;
    if (sqlite()) {
        EXPECT_TRUE(has(said, "references a table")) << said;
    }
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"post_tags\""), 2);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 1);
    EXPECT_NE(run<dropping>("upgrade").code, 0);  // (the migrator too)
    db().execute("DROP TABLE \"post_tags\"", {}, {});
    ASSERT_EQ(apply_with_shell(script.out, &said), 0) << said << script.out;
}

// A row the migration leaves dangling is found although one alike dangled before it (SQLite: a
// table without rowids, each "row ?"): the script counts them, as the migrator does.
TEST_P(CliTruth, AnOfflineScriptFindsADanglingRowAlikeToOneFromBefore) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<retiring>("upgrade", "--to", "1").code, 0);
    db().execute("INSERT INTO \"users\" (\"id\", \"name\") VALUES (1, 'a'), (2, 'b'), (3, 'c')", {}, {});
    db().execute(std::string("CREATE TABLE \"sessions\" (\"k\" TEXT PRIMARY KEY, \"user_id\" INTEGER REFERENCES \"users\" (\"id\"))") +
                     (sqlite() ? " WITHOUT ROWID" : ""),
                 {}, {});
    db().execute("INSERT INTO \"sessions\" VALUES ('s1', 1), ('s2', 2)", {}, {});
    if (sqlite()) {
        db().execute("PRAGMA foreign_keys = OFF", {}, {});
        db().execute("INSERT INTO \"sessions\" VALUES ('old', 99)", {}, {});
        db().execute("PRAGMA foreign_keys = ON", {}, {});
    }
    const cli_result script = cli<retiring>({"sql", "--bookkeeping", "--from", "1", "--dialect", dialect});
    ASSERT_EQ(script.code, 0) << script.err;
    EXPECT_NE(apply_with_shell(script.out), 0) << script.out;
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"users\""), 3);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 1);
}

// (and a name that holds the dollar quote of the PostgreSQL script's start check)
TEST_P(CliTruth, AnOfflineScriptKeepsANameWithALineBreakInItsComment) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    const char* chain = "main\n.print SHELL COMMAND FROM A CHAIN";
    std::string said;
    for (const char* from : {"0", "1"}) {
        const cli_result script = cli<line_breaks>({"sql", "--bookkeeping", "--dialect", dialect, "--chain", chain, "--from", from,
                                                    "--to", from == std::string("0") ? "1" : "2"});
        ASSERT_EQ(script.code, 0) << script.err;
        EXPECT_EQ(apply_with_shell(script.out, &said), 0) << said << script.out;
        EXPECT_FALSE(has(said, "SHELL COMMAND")) << said;
    }
    const cli_result current = run<line_breaks>("current", "--chain", chain);
    EXPECT_TRUE(current.out.rfind("2 required n", 0) == 0) << current.out << current.err;
}

// A migrator at work (PostgreSQL: the chain's lock; SQLite: a write transaction) stops a
// script before its first statement; after it, the script runs. Two scripts in a row: the
// second's refusal names its own start.
TEST_P(CliTruth, AnOfflineScriptWaitsForNoMigrator) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<accounts>("upgrade", "--to", "2").code, 0);
    const cli_result up = cli<accounts>({"sql", "--bookkeeping", "--from", "2", "--dialect", dialect});
    ASSERT_EQ(up.code, 0) << up.err;
    std::string said;
    // (PostgreSQL: the two advisory locks a migrator takes, held by this session)
    const strata::value keys[] = {strata::detail::migrators_lock_key("main"), std::int64_t{strata::detail::migrators_schema_lock_key("main")}};
    db().execute(sqlite() ? "BEGIN IMMEDIATE"
                          : "SELECT pg_advisory_lock_shared($1::bigint), pg_advisory_lock($2::int, hashtext(coalesce(current_schema(), '')))",
                 sqlite() ? std::span<const strata::value>{} : std::span<const strata::value>{keys}, {});
    EXPECT_NE(apply_with_shell(up.out, &said), 0) << up.out;
    if (!sqlite()) {
        EXPECT_TRUE(has(said, "another migrator")) << said;
    }
    db().execute(sqlite() ? "ROLLBACK"
                          : "SELECT pg_advisory_unlock($2::int, hashtext(coalesce(current_schema(), ''))), pg_advisory_unlock_shared($1::bigint)",
                 sqlite() ? std::span<const strata::value>{} : std::span<const strata::value>{keys}, {});
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 100);
    ASSERT_EQ(apply_with_shell(up.out, &said), 0) << said << up.out;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 150);
    // Down from 3, up from 2, up from 2 again: the last is refused, naming its own start (2),
    // not the first script's (3).
    const cli_result down = cli<accounts>({"sql", "--bookkeeping", "--from", "3", "--to", "2", "--dialect", dialect});
    ASSERT_EQ(down.code, 0) << down.err;
    EXPECT_NE(apply_with_shell(down.out + up.out + up.out, &said), 0);
    EXPECT_TRUE(has(said, "starts at version 2")) << said;
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT balance FROM accounts"), 150);
}

// One of the chain's columns made again by hand as a generated one: the rebuild would make it a
// plain column; the script stops, as upgrade refuses.
TEST_P(CliTruth, AnOfflineScriptStopsAtAColumnMadeAgainAsAGeneratedOne) {
    const char* dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<remade>("upgrade", "--to", "1").code, 0);
    if (sqlite()) {
        db().execute("CREATE TABLE \"t_by_hand\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"a\" INTEGER, "
                     "\"b\" TEXT GENERATED ALWAYS AS ('b' || id) VIRTUAL)", {}, {});
        db().execute("DROP TABLE \"t\"", {}, {});
        db().execute("ALTER TABLE \"t_by_hand\" RENAME TO \"t\"", {}, {});
    } else {
        db().execute("ALTER TABLE \"t\" DROP COLUMN \"b\"", {}, {});
        db().execute("ALTER TABLE \"t\" ADD COLUMN \"b\" TEXT GENERATED ALWAYS AS ('b' || id) STORED", {}, {});
    }
    db().execute("INSERT INTO \"t\" (\"id\", \"a\") VALUES (1, 1)", {}, {});
    const cli_result script = cli<remade>({"sql", "--bookkeeping", "--from", "1", "--dialect", dialect});
    ASSERT_EQ(script.code, 0) << script.err;
    std::string said;
    const int code = apply_with_shell(script.out, &said);
    strata::session s(db());
    if (sqlite()) {
        EXPECT_NE(code, 0) << script.out;
        EXPECT_TRUE(has(said, "table \"t\"")) << said;
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT max(\"version\") FROM \"strata_migrations\""), 1);
        EXPECT_NE(run<remade>("upgrade").code, 0);
    } else {
        EXPECT_EQ(code, 0) << said;  // (altered in place: the generated column stays)
    }
    EXPECT_EQ(s.query_value<std::string>("SELECT \"b\" FROM \"t\""), "b1");
}

TEST_P(CliTruth, AnOfflineScriptRefusesADataStepItCannotCarry) {
    const cli_result script = cli<with_data>({"sql", "--bookkeeping"});
    EXPECT_EQ(script.code, 1);
    EXPECT_TRUE(has(script.err, "migration 3 \"admin role\"")) << script.err;
    EXPECT_TRUE(script.out.empty()) << script.out;
    // Without the bookkeeping it is a plan to read, as before.
    EXPECT_EQ(cli<with_data>({"sql"}).code, 0);
}

TEST_P(CliTruth, RepairRefusesASeedWhoseRowsAreNotThere) {
    ASSERT_EQ(run<seeded>("upgrade").code, 0);
    // The seed's values changed after it ran: the database has "admin", the code says
    // "administrator". Recording the new checksum would claim rows the database lacks.
    const cli_result r = run<seeded_renamed>("repair");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "migration 2 \"seed roles\"") && has(r.err, "roles") && has(r.err, "administrator")) << r.err;
    EXPECT_TRUE(has(r.err, "nothing was changed")) << r.err;
    EXPECT_TRUE(strata::migrator<seeded_renamed>(db()).status().applied[1].changed);
    EXPECT_THROW(strata::migrator<seeded_renamed>(db()).repair(), strata::migration_error);
    // A row added by hand that the changed seed now names: the rows are there, repair records it.
    db().execute("INSERT INTO \"roles\" (\"id\", \"name\") VALUES (3, 'guest')", {}, {});
    const cli_result ok = run<seeded_more>("repair");
    EXPECT_EQ(ok.code, 0) << ok.err;
    EXPECT_TRUE(has(ok.out, "checksum")) << ok.out;
    EXPECT_EQ(run<seeded_more>("status").code, 0);
}

// baseline says so of a seed whose rows the database does not have (the next migration that
// needs them would fail on it), and records all the same: an application edits such rows too.
TEST_P(CliTruth, BaselineWarnsOfASeedWhoseRowsAreNotThere) {
    ASSERT_EQ(run<strata::chain<s1>>("upgrade").code, 0);  // the table as schema_at<2> has it
    db().execute("DROP TABLE \"strata_migrations\"", {}, {});  // a database strata has not migrated
    db().execute("INSERT INTO \"roles\" (\"id\", \"name\") VALUES (2, 'it''s me')", {}, {});
    captured_log log;
    strata::migrator<seeded>(db(), {"main", log.sink()}).baseline(2);
    EXPECT_TRUE(log.has("table \"roles\" has no row (id = 1, name = 'admin') that migration 2 \"seed roles\" inserts"))
        << ::testing::PrintToString(log.lines);
    EXPECT_FALSE(log.has("it's me")) << ::testing::PrintToString(log.lines);
    EXPECT_EQ(run<seeded>("status").code, 0);
    // ... and so does the CLI's baseline, on its log (helper 55: it ran the migrator quiet, and
    // the warning was lost)
    db().execute("DROP TABLE \"strata_migrations\"", {}, {});
    const cli_result r = run<seeded>("baseline", "2");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.log, "table \"roles\" has no row (id = 1, name = 'admin') that migration 2 \"seed roles\" inserts")) << r.log;
}

// The migrator refuses a seed's down whose DELETE would cascade to rows the seed did not insert
// (runtime.seed); a script applied by hand did not: it deleted them (helper 55, the script's
// sibling). It stops there too, the migration's transaction undone, on both shells.
using kinds_seeded = strata::chain<
    strata::migration<1, "tables",
                      create_table<"kinds", column<"id", bigint, primary_key>, column<"name", text, not_null>,
                                   column<"parent_id", bigint, references<"kinds", "id", on_delete_cascade>>>,
                      create_table<"members", column<"id", bigint, primary_key>,
                                   column<"kind_id", bigint, not_null, references<"kinds", "id", on_delete_cascade>>>,
                      create_table<"notes", column<"id", bigint, primary_key>,
                                   column<"kind_id", bigint, references<"kinds", "id", on_delete_set_null>>>>,
    strata::migration<2, "seed kinds",
                      seed<"kinds", columns<"id", "name", "parent_id">, values<1, "admin", nullptr>, values<2, "sub-admin", 1>>>,
    strata::migration<3, "note", add_column<"kinds", column<"note", text>>>>;
TEST_P(CliTruth, AnOfflineScriptStopsAtASeedsDownThatWouldCascade) {
    const std::string dialect = sqlite() ? "sqlite" : "postgres";
    ASSERT_EQ(run<kinds_seeded>("upgrade").code, 0);
    strata::session s(db());
    auto count = [&](const char* sql) { return s.query_value<std::int64_t>(sql); };
    // the seeded rows' own reference (2 -> 1) goes with them: the script runs
    const cli_result clean = cli<kinds_seeded>({"sql", "--bookkeeping", "--from", "3", "--to", "1", "--dialect", dialect});
    ASSERT_EQ(clean.code, 0) << clean.err;
    std::string said;
    ASSERT_EQ(apply_with_shell(clean.out, &said), 0) << said << clean.out;
    EXPECT_EQ(count("SELECT count(*) FROM \"kinds\""), 0);
    ASSERT_EQ(run<kinds_seeded>("upgrade").code, 0);
    s.execute("INSERT INTO \"members\" (\"id\", \"kind_id\") VALUES (10, 1), (11, 1), (12, 2)");
    s.execute("INSERT INTO \"notes\" (\"id\", \"kind_id\") VALUES (20, 2)");
    s.execute("INSERT INTO \"kinds\" (\"id\", \"name\", \"parent_id\") VALUES (30, 'custom', 1)");
    const cli_result down = cli<kinds_seeded>({"sql", "--bookkeeping", "--from", "3", "--to", "1", "--dialect", dialect});
    ASSERT_EQ(down.code, 0) << down.err;
    EXPECT_NE(apply_with_shell(down.out, &said), 0) << down.out;
    EXPECT_TRUE(has(said, "strata: chain \"main\": migration 2 \"seed kinds\" (down): ")) << said;
    EXPECT_TRUE(sqlite() ? has(said, "references a row this down deletes (a seed's rows)")
                         : has(said, "1 row(s) of table \"kinds\" (column parent_id, ON DELETE CASCADE) reference rows of table "
                                     "\"kinds\" that this down deletes"))
        << said;
    EXPECT_EQ(count("SELECT count(*) FROM \"members\""), 3);
    EXPECT_EQ(count("SELECT count(*) FROM \"kinds\""), 3);
    EXPECT_TRUE(has(run<kinds_seeded>("current").out, "2 seed kinds")) << run<kinds_seeded>("current").out;  // 3's down ran
    const cli_result from2 = cli<kinds_seeded>({"sql", "--bookkeeping", "--from", "2", "--to", "1", "--dialect", dialect});
    ASSERT_EQ(from2.code, 0) << from2.err;
    // the same table's row that references a seeded one is another's too
    s.execute("DELETE FROM \"members\"");
    EXPECT_NE(apply_with_shell(from2.out, &said), 0) << from2.out;
    EXPECT_EQ(count("SELECT count(*) FROM \"kinds\" WHERE \"id\" = 30"), 1);
    // SET NULL changes the other rows: stopped too
    s.execute("DELETE FROM \"kinds\" WHERE \"id\" = 30");
    EXPECT_NE(apply_with_shell(from2.out, &said), 0) << from2.out;
    EXPECT_EQ(count("SELECT count(*) FROM \"notes\" WHERE \"kind_id\" = 2"), 1);
    s.execute("DELETE FROM \"notes\"");
    EXPECT_EQ(apply_with_shell(from2.out, &said), 0) << said << from2.out;
    EXPECT_EQ(count("SELECT count(*) FROM \"kinds\""), 0);
    EXPECT_TRUE(has(run<kinds_seeded>("current").out, "1 tables")) << run<kinds_seeded>("current").out;
}

// A script's rebuild of a table that lacks a column of the chain (dropped by hand): the copy
// read "note" as the text 'note' in sqlite3 (double-quoted strings on) and stored it in every
// row (helper 60). It stops there, as the migrator refuses it.
using noted = strata::chain<
    strata::migration<1, "items", create_table<"items", column<"id", bigint, primary_key>, column<"qty", integer>>>,
    strata::migration<2, "note", add_column<"items", column<"note", text>>>,
    strata::migration<3, "qty required", alter_column<"items", "qty", set_not_null, set_default<default_value<0>>>>>;
TEST_P(CliTruth, AnOfflineScriptStopsAtARebuildOfATableThatLacksAColumnOfTheChain) {
    if (!sqlite()) return;  // (PostgreSQL rebuilds nothing)
    ASSERT_EQ(run<noted>("upgrade", "--to", "2").code, 0);
    db().execute("INSERT INTO \"items\" (\"id\", \"qty\", \"note\") VALUES (1, 2, 'kept')", {}, {});
    db().execute("ALTER TABLE \"items\" DROP COLUMN \"note\"", {}, {});
    const cli_result script = cli<noted>({"sql", "--bookkeeping", "--from", "2", "--dialect", "sqlite"});
    ASSERT_EQ(script.code, 0) << script.err;
    std::string said;
    EXPECT_NE(apply_with_shell(script.out, &said), 0) << script.out;
    EXPECT_TRUE(has(said, "lacks a column of the chain's")) << said;
    EXPECT_TRUE(has(run<noted>("current").out, "2 note")) << run<noted>("current").out;
}

// A migration whose down drops a table and then deletes a seed's rows: the script's check of
// the seed landed on the DROP TABLE too, and stopped a downgrade the migrator makes (helper 61).
using seeded_with_members = strata::chain<
    strata::migration<1, "kinds", create_table<"kinds", column<"id", bigint, primary_key>, column<"name", text>>>,
    strata::migration<2, "seed and members", seed<"kinds", columns<"id", "name">, values<1, "admin">>,
                      create_table<"members", column<"id", bigint, primary_key>,
                                   column<"kind_id", bigint, references<"kinds", "id", on_delete_cascade>>>>>;
TEST_P(CliTruth, AnOfflineScriptChecksASeedsDownAtItsDeleteAlone) {
    ASSERT_EQ(run<seeded_with_members>("upgrade").code, 0);
    db().execute("INSERT INTO \"members\" (\"id\", \"kind_id\") VALUES (10, 1)", {}, {});
    const cli_result down = cli<seeded_with_members>({"sql", "--bookkeeping", "--from", "2", "--to", "1", "--dialect", sqlite() ? "sqlite" : "postgres"});
    ASSERT_EQ(down.code, 0) << down.err;
    std::string said;
    EXPECT_EQ(apply_with_shell(down.out, &said), 0) << said << down.out;
    EXPECT_TRUE(has(run<seeded_with_members>("current").out, "1 kinds")) << run<seeded_with_members>("current").out;
}

// A script applied in a session whose search_path starts with a schema that does not exist (a
// tenant's typo): psql worked in the next schema, where the migrator refuses (helper 61).
TEST_P(CliTruth, AnOfflineScriptRefusesASearchPathWhoseFirstSchemaIsMissing) {
    if (sqlite()) return;  // (SQLite has no search_path)
    const cli_result script = cli<three>({"sql", "--bookkeeping", "--dialect", "postgres"});
    ASSERT_EQ(script.code, 0) << script.err;
    std::string schema;
    db().execute("SELECT current_schema()", {}, [&](const strata::row& r) { schema = r.get<std::string>(0); });
    std::string said;
    EXPECT_NE(apply_with_shell("SET search_path TO \"" + schema + "_typo\", \"" + schema + "\";\n" + script.out, &said), 0);
    EXPECT_TRUE(has(said, "the search_path's first schema \"" + schema + "_typo\" does not exist")) << said;
    EXPECT_FALSE(db().has_table("strata_migrations"));
    // an unquoted name, folded to lower case, is the schema
    std::string upper = schema;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(apply_with_shell("SET search_path TO " + upper + ";\n" + script.out, &said), 0) << said;
    EXPECT_EQ(run<three>("status").code, 0);
    // a quoted name with a comma in it is one schema (helper 62)
    db().execute("CREATE SCHEMA \"" + schema + ",b\"", {}, {});
    const std::string again = "SET search_path TO \"" + schema + ",b\";\n" + script.out;
    EXPECT_EQ(apply_with_shell(again, &said), 0) << said;
    db().execute("DROP SCHEMA \"" + schema + ",b\" CASCADE", {}, {});
}

// A script applied where a table of the chain is missing from its schema and a schema further
// along the search_path has one of that name: psql altered that one, where the migrator refuses
// (helper 62).
TEST_P(CliTruth, AnOfflineScriptNeverReachesATableOfAnotherSchemaAlongThePath) {
    if (sqlite()) return;  // (SQLite has no search_path)
    ASSERT_EQ(run<three>("upgrade", "--to", "2").code, 0);
    std::string schema;
    db().execute("SELECT current_schema()", {}, [&](const strata::row& r) { schema = r.get<std::string>(0); });
    const std::string shared = schema + "_shared";
    db().execute("CREATE SCHEMA \"" + shared + "\"", {}, {});
    db().execute("CREATE TABLE \"" + shared + "\".\"users\" (\"id\" BIGINT PRIMARY KEY, \"email\" TEXT)", {}, {});
    db().execute("DROP TABLE \"" + schema + "\".\"users\"", {}, {});
    const cli_result script = cli<three>({"sql", "--bookkeeping", "--from", "2", "--dialect", "postgres"});
    ASSERT_EQ(script.code, 0) << script.err;
    std::string said;
    EXPECT_NE(apply_with_shell("SET search_path TO \"" + schema + "\", \"" + shared + "\";\n" + script.out, &said), 0);
    EXPECT_TRUE(has(said, "this script's statements name table (or index) \"users\": it is not in schema \"" + schema + "\"")) << said;
    std::int64_t notes = -1;
    db().execute("SELECT count(*) FROM information_schema.columns WHERE table_schema = '" + shared + "' AND column_name = 'note'", {},
                 [&](const strata::row& r) { notes = r.get<std::int64_t>(0); });
    EXPECT_EQ(notes, 0);
    db().execute("DROP SCHEMA \"" + shared + "\" CASCADE", {}, {});
}

INSTANTIATE_TEST_SUITE_P(Backends, CliTruth, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

TEST(CliTruthSqlite, ReadOnlyVerbsDoNotCreateAMissingFile) {
    const auto path = std::filesystem::temp_directory_path() / strata_test::unique_tag("cli_missing.db");
    std::filesystem::remove(path);
    const std::string url = "sqlite:" + path.string();
    for (const char* verb : {"status", "current", "history", "verify"}) {
        const cli_result r = cli<two>({verb, "--database", url});
        EXPECT_FALSE(std::filesystem::exists(path)) << verb << " created " << path;
        EXPECT_TRUE(has(r.out + r.err, "does not exist")) << verb << ": " << r.out << r.err;
    }
    const cli_result status = cli<two>({"status", "--database", url});
    EXPECT_EQ(status.code, 0) << status.err;
    EXPECT_TRUE(has(status.out, "current version 0, head 2")) << status.out;
    EXPECT_EQ(cli<two>({"current", "--database", url}).out.rfind("0", 0), 0u);
    // A writing verb creates it.
    EXPECT_EQ(cli<two>({"upgrade", "--database", url}).code, 0);
    EXPECT_TRUE(std::filesystem::exists(path));
    std::filesystem::remove(path);
}

}  // namespace
