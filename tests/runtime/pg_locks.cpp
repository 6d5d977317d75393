// The lock each PostgreSQL statement takes, as plan() shows it (issue 11, point 4), checked
// against the server: every migration of a chain that covers each operation is run by hand in
// a transaction on a real PostgreSQL, on tables that hold rows, and after each statement
// pg_locks must show, on each table plan() names, exactly the strongest mode plan() claims so
// far, and no lock that blocks writes on a table plan() does not name.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <strata/strata.hpp>
#include <strata/detail/runtime/pg_locks.hpp>

#include "backends.hpp"

using namespace strata::dsl;

namespace {
using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text>, column<"age", integer>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>, column<"title", varchar<80>>>,
    seed<"users", columns<"id", "email", "age">, values<1, "a@x", 30>, values<2, "b@x", 40>>,
    seed<"posts", columns<"id", "author_id", "title">, values<1, 1, "hello">, values<2, 2, "again">>,
    create_table<"events", column<"id", bigint, primary_key, identity>, column<"kind", text>>>;
using m2 = strata::migration<2, "add column", add_column<"users", column<"name", text>>>;
using m3 = strata::migration<3, "add column with a default", add_column<"users", column<"score", integer, not_null, default_value<0>>>>;
using m4 = strata::migration<4, "widen", alter_column<"users", "age", set_type<bigint>>>;
using m5 = strata::migration<5, "not null", alter_column<"users", "email", set_not_null>>;
using m6 = strata::migration<6, "index", create_index<"users_email_idx", "users", "email">>;
using m7 = strata::migration<7, "unique index", create_unique_index<"posts_title_idx", "posts", "title">>;
using m8 = strata::migration<8, "foreign key", add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id">>;
using m9 = strata::migration<9, "check", add_check<"users", "users_age_ck", "age >= 0">>;
using m10 = strata::migration<10, "unique", add_unique<"users", "users_email_uq", "email">>;
using m11 = strata::migration<11, "a table that references one", create_table<"comments",
    column<"id", bigint, primary_key>, column<"post_id", bigint, references<"posts", "id">>>>;
using m12 = strata::migration<12, "drop index", drop_index<"users_email_idx">>;
using m13 = strata::migration<13, "rename", rename_column<"users", "name", "full_name">>;
using m14 = strata::migration<14, "drop column", drop_column<"users", "full_name">>;
using m15 = strata::migration<15, "drop constraint", drop_constraint<"users", "users_age_ck">>;
using m16 = strata::migration<16, "drop table", drop_table<"comments">>;
using m17 = strata::migration<17, "drop a foreign key", drop_constraint<"posts", "posts_author_fk">>;
using m18 = strata::migration<18, "seed an identity table", seed<"events", columns<"id", "kind">, values<7, "boot">>>;  // + setval
using m19 = strata::migration<19, "drop not null", alter_column<"users", "email", drop_not_null>>;
using m20 = strata::migration<20, "set default", alter_column<"users", "age", set_default<default_value<18>>>>;
using m21 = strata::migration<21, "retype with a default", alter_column<"users", "age", set_type<integer>>>;
using m22 = strata::migration<22, "rename table", rename_table<"posts", "articles">>;
using m23 = strata::migration<23, "a column with a foreign key", add_column<"articles", column<"editor_id", bigint, references<"users", "id">>>>;
using m24 = strata::migration<24, "execute, a comment first",
    execute<"-- why: the title search\nCREATE INDEX \"articles_title_idx\" ON \"articles\" (\"title\")", "DROP INDEX \"articles_title_idx\"">>;
// the typed safe twins: NOT VALID, VALIDATE CONSTRAINT, SET NOT NULL after a valid check
using m25 = strata::migration<25, "not valid", add_foreign_key<"articles", "articles_author_fk", "author_id", "users", "id", not_valid>,
                              add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>;
using m26 = strata::migration<26, "validate", validate_constraint<"articles", "articles_author_fk">,
                              validate_constraint<"users", "users_email_nn">>;
using m27 = strata::migration<27, "not null through the check", alter_column<"users", "email", set_not_null>>;
using m28 = strata::migration<28, "drop the check", drop_constraint<"users", "users_email_nn">>;
// text to timestamptz: the ALTER between set_config and SET LOCAL TimeZone (helper 58: those
// statements strata writes were "not known")
using m29 = strata::migration<29, "seen as text", add_column<"users", column<"seen", text>>>;
using m30 = strata::migration<30, "seen as a time", alter_column<"users", "seen", set_type<timestamptz>>>;
using history = strata::chain<m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18, m19, m20, m21, m22, m23, m24,
                              m25, m26, m27, m28, m29, m30>;

// PostgreSQL's table lock modes, weakest first (the numbering of its lock manager).
int strength(const std::string& mode) {
    static const std::map<std::string, int> order{
        {"ACCESS SHARE", 1}, {"AccessShareLock", 1}, {"ROW SHARE", 2}, {"RowShareLock", 2},
        {"ROW EXCLUSIVE", 3}, {"RowExclusiveLock", 3}, {"SHARE UPDATE EXCLUSIVE", 4}, {"ShareUpdateExclusiveLock", 4},
        {"SHARE", 5}, {"ShareLock", 5}, {"SHARE ROW EXCLUSIVE", 6}, {"ShareRowExclusiveLock", 6},
        {"EXCLUSIVE", 7}, {"ExclusiveLock", 7}, {"ACCESS EXCLUSIVE", 8}, {"AccessExclusiveLock", 8}};
    const auto it = order.find(mode);
    return it == order.end() ? 0 : it->second;
}

class PgLocks : public ::testing::Test {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database("postgres", "pglocks");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    strata::driver& db() { return database_->db(); }
    // the test schema's tables by oid (a dropped table's locks stay, its pg_class row does not)
    std::map<std::int64_t, std::string> table_oids() {
        std::map<std::int64_t, std::string> o;
        db().execute("SELECT oid::bigint, relname FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace", {},
                     [&](const strata::row& r) { o[r.get<std::int64_t>(0)] = r.get<std::string>(1); });
        return o;
    }
    // table (of `oids`) -> strongest mode this session holds on it
    std::map<std::string, int> held(const std::map<std::int64_t, std::string>& oids) {
        std::map<std::string, int> h;
        db().execute("SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() AND granted AND relation IS NOT NULL", {},
                     [&](const strata::row& r) {
                         const auto it = oids.find(r.get<std::int64_t>(0));
                         if (it == oids.end()) return;
                         int& s = h[it->second];
                         s = std::max(s, strength(r.get<std::string>(1)));
                     });
        return h;
    }
    // the tables the foreign keys of `table` reference
    std::vector<std::string> referenced_by(const std::string& table) {
        std::vector<std::string> ts;
        db().execute("SELECT f.relname FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid "
                     "WHERE k.contype = 'f' AND t.relname = $1 AND t.relnamespace = current_schema()::regnamespace",
                     std::vector<strata::value>{table}, [&](const strata::row& r) { ts.push_back(r.get<std::string>(0)); });
        return ts;
    }
    std::string table_of_index(const std::string& index) {
        std::string t;
        db().execute("SELECT t.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                     "WHERE ic.relname = $1 AND ic.relnamespace = current_schema()::regnamespace",
                     std::vector<strata::value>{index}, [&](const strata::row& r) { t = r.get<std::string>(0); });
        return t;
    }
    std::unique_ptr<strata_test::test_database> database_;
};

TEST_F(PgLocks, EachStatementTakesTheLockPlanSays) {
    strata::migrator<history> m{db()};
    m.upgrade_to(1);
    std::size_t checked = 0;
    for (std::uint64_t v = 2; v <= history::head; ++v) {
        const strata::plan_report p = m.plan(v);
        ASSERT_EQ(p.migrations.size(), 1u);
        const strata::planned_migration& pm = p.migrations[0];
        ASSERT_EQ(pm.locks.size(), pm.statements.size()) << "migration " << v;
        const std::map<std::int64_t, std::string> oids = table_oids();  // the tables before the migration
        std::map<std::string, int> claimed;  // the strongest mode plan() claims so far, by table
        std::vector<std::string> may_lock;   // referenced by a foreign key a statement may drop
        db().begin();
        for (std::size_t i = 0; i < pm.statements.size(); ++i) {
            const std::string& st = pm.statements[i];
            if (st.rfind("-- ", 0) == 0 && st.find('\n') == std::string::npos) continue;  // strata's own notes
            SCOPED_TRACE("migration " + std::to_string(v) + ": " + st + "\n-- lock: " + pm.locks[i]);
            const strata::detail::pg_statement_locks l = strata::detail::pg_locks_of(st);
            ASSERT_TRUE(l.known);
            EXPECT_EQ(pm.locks[i], strata::detail::pg_lock_text(st));
            for (const auto& k : l.locks) {
                if (k.dropped_keys_targets) {
                    for (const auto& t : referenced_by(strata::detail::pg_locks_of(st).locks.front().table)) may_lock.push_back(t);
                    continue;
                }
                const std::string t = k.index ? table_of_index(k.table) : k.table;
                ASSERT_FALSE(t.empty()) << "no table for " << k.table;
                int& c = claimed[t];
                c = std::max(c, strength(std::string(k.mode)));
            }
            db().execute(st, {}, {});
            const std::map<std::string, int> h = held(oids);
            for (const auto& [t, mode] : claimed) {
                const auto it = h.find(t);
                EXPECT_EQ(it == h.end() ? 0 : it->second, mode) << "table " << t;
                ++checked;
            }
            for (const auto& [t, mode] : h) {  // a lock that blocks writes where plan() names none
                const bool said = claimed.count(t) || std::find(may_lock.begin(), may_lock.end(), t) != may_lock.end();
                if (!said && mode >= strength("SHARE UPDATE EXCLUSIVE")) {
                    ADD_FAILURE() << "table " << t << " is locked (" << mode << ") but plan() does not say so";
                }
            }
        }
        db().rollback();
        m.upgrade_to(v);
    }
    EXPECT_GE(checked, 25u);
}

TEST_F(PgLocks, AnExecuteThatBeginsWithACommentHasItsLockAndItsSemicolon) {
    strata::migrator<history> m{db()};
    m.upgrade_to(23);
    const std::string sql = m.plan(24).sql();
    EXPECT_NE(sql.find("-- lock: SHARE on \"articles\" (blocks writes while it builds the index (a table scan))\n"
                       "-- why: the title search\nCREATE INDEX \"articles_title_idx\" ON \"articles\" (\"title\");\n"),
              std::string::npos)
        << sql;
}

TEST_F(PgLocks, TheScriptShowsTheLockAboveEachStatement) {
    strata::migrator<history> m{db()};
    m.upgrade_to(5);
    const std::string sql = m.plan(8).sql();
    EXPECT_NE(sql.find("-- lock: SHARE on \"users\" (blocks writes while it builds the index (a table scan))\n"
                       "CREATE INDEX \"users_email_idx\""),
              std::string::npos)
        << sql;
    EXPECT_NE(sql.find("-- lock: SHARE ROW EXCLUSIVE on \"posts\" (scans the table); SHARE ROW EXCLUSIVE on \"users\"\n"
                       "ALTER TABLE \"posts\" ADD CONSTRAINT \"posts_author_fk\""),
              std::string::npos)
        << sql;
}

// A validation after a statement of the same migration that blocks writes on its table runs
// under that lock until the commit: plan() says writes wait, not that they go on (the lint's
// lint_validation_under_earlier_lock, said where the lock is shown).
using v1 = strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>, column<"n", integer>>,
                             create_table<"u", column<"id", bigint, primary_key>>,
                             add_check<"t", "t_n_ck", "n >= 0", not_valid>, add_check<"u", "u_id_ck", "id > 0", not_valid>>;
using v2 = strata::migration<2, "validate after a column", add_column<"t", column<"m", text>>, validate_constraint<"t", "t_n_ck">,
                             validate_constraint<"u", "u_id_ck">>;
using validated = strata::chain<v1, v2>;
TEST_F(PgLocks, AValidationUnderAnEarlierLockSaysWritesWait) {
    strata::migrator<validated> m{db()};
    m.upgrade_to(1);
    const std::string sql = m.plan(2).sql();
    EXPECT_NE(sql.find("-- lock: SHARE UPDATE EXCLUSIVE on \"t\" (scans the table while writes wait: an earlier statement "
                       "of this migration holds ACCESS EXCLUSIVE on it until the commit)\nALTER TABLE \"t\" VALIDATE"),
              std::string::npos)
        << sql;
    EXPECT_NE(sql.find("-- lock: SHARE UPDATE EXCLUSIVE on \"u\" (scans the table while writes go on)\nALTER TABLE \"u\" VALIDATE"),
              std::string::npos)
        << sql;
}
}  // namespace

// The reader alone, on statements strata does not generate (execute<"...">).
TEST(PgLockText, HandWrittenStatements) {
    using strata::detail::pg_lock_text;
    EXPECT_EQ(pg_lock_text("CREATE INDEX CONCURRENTLY i ON t (a)"),
              "SHARE UPDATE EXCLUSIVE on \"t\" (builds the index while writes go on (two table scans))");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t VALIDATE CONSTRAINT c"), "SHARE UPDATE EXCLUSIVE on \"t\" (scans the table while writes go on)");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID"),
              "SHARE ROW EXCLUSIVE on \"t\"; SHARE ROW EXCLUSIVE on \"u\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID"), "ACCESS EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD COLUMN a int, ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)"),
              "ACCESS EXCLUSIVE on \"t\" (scans the table); SHARE ROW EXCLUSIVE on \"u\"");
    EXPECT_EQ(pg_lock_text("DROP TABLE IF EXISTS t"), "ACCESS EXCLUSIVE on \"t\"; ACCESS EXCLUSIVE on the table at the other end of each foreign key it drops");
    EXPECT_EQ(pg_lock_text("UPDATE users SET a = 1"), "ROW EXCLUSIVE on \"users\"");
    EXPECT_EQ(pg_lock_text("DROP INDEX CONCURRENTLY IF EXISTS i"), "SHARE UPDATE EXCLUSIVE on the table of index \"i\"");
    EXPECT_EQ(pg_lock_text("CREATE TYPE mood AS ENUM ('a')"), "");
    EXPECT_EQ(pg_lock_text("CREATE TABLE a (id int)"), "");
    EXPECT_EQ(pg_lock_text("CREATE TABLE a (id int REFERENCES b (id))"), "SHARE ROW EXCLUSIVE on \"b\"");
    EXPECT_EQ(pg_lock_text("VACUUM users"), "not known (a statement strata does not classify: read it)");
    EXPECT_EQ(pg_lock_text("-- alter table t drop column a\nSELECT 'ALTER TABLE t'"), "");  // a read
    const std::string unknown = "not known (a statement strata does not classify: read it)";
    // schema-qualified names: the table, not its schema
    EXPECT_EQ(pg_lock_text("ALTER TABLE public.users VALIDATE CONSTRAINT c"),
              "SHARE UPDATE EXCLUSIVE on \"users\" (scans the table while writes go on)");
    EXPECT_EQ(pg_lock_text("create unique index concurrently if not exists i on \"my schema\".t (a)"),
              "SHARE UPDATE EXCLUSIVE on \"t\" (builds the index while writes go on (two table scans))");
    EXPECT_EQ(pg_lock_text("UPDATE public.t SET a = 1"), "ROW EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE s.t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES s.u (id) NOT VALID"),
              "SHARE ROW EXCLUSIVE on \"t\"; SHARE ROW EXCLUSIVE on \"u\"");
    // the strictest subcommand wins
    EXPECT_EQ(pg_lock_text("ALTER TABLE t VALIDATE CONSTRAINT c, ADD COLUMN x int"), "ACCESS EXCLUSIVE on \"t\"");
    // NOT VALID anywhere, not the first NOT; USING INDEX attaches, no build
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID"), "ACCESS EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL)"), "ACCESS EXCLUSIVE on \"t\" (scans the table)");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX i"), "ACCESS EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)"), "ACCESS EXCLUSIVE on \"t\" (builds an index (a table scan))");
    // a column named type is not a type change; DROP NOT NULL drops no key
    EXPECT_EQ(pg_lock_text("ALTER TABLE \"select\" ADD COLUMN type text"), "ACCESS EXCLUSIVE on \"select\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ALTER COLUMN a DROP NOT NULL"), "ACCESS EXCLUSIVE on \"t\"");
    // SET NOT NULL scans, unless a valid check proves the column has no NULL (PostgreSQL 12 on):
    // the statement's text cannot tell, so the line says both (strata::lint knows which)
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ALTER COLUMN a SET NOT NULL"),
              "ACCESS EXCLUSIVE on \"t\" (scans the table, unless a valid check proves the column has no NULL)");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ALTER COLUMN a SET DATA TYPE bigint"),
              "ACCESS EXCLUSIVE on \"t\" (rewrites the table unless the new type is binary-compatible); "
              "ACCESS EXCLUSIVE on the table at the other end of each foreign key it drops");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD COLUMN id bigint GENERATED BY DEFAULT AS IDENTITY"),
              "ACCESS EXCLUSIVE on \"t\" (rewrites the table (each row takes a number))");
    // the weaker ALTER TABLE locks
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ALTER COLUMN a SET STATISTICS 500"), "SHARE UPDATE EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t DISABLE TRIGGER ALL"), "SHARE ROW EXCLUSIVE on \"t\"");
    // lists, TRUNCATE, reads, several statements
    EXPECT_EQ(pg_lock_text("DROP TABLE a, s.b"),
              "ACCESS EXCLUSIVE on \"a\"; ACCESS EXCLUSIVE on \"b\"; ACCESS EXCLUSIVE on the table at the other end of each foreign key it drops");
    EXPECT_EQ(pg_lock_text("TRUNCATE TABLE a, b"), "ACCESS EXCLUSIVE on \"a\"; ACCESS EXCLUSIVE on \"b\"");
    EXPECT_EQ(pg_lock_text("SELECT setval(pg_get_serial_sequence('\"t\"', 'id'), 7) FROM \"t\""), "");
    EXPECT_EQ(pg_lock_text("UPDATE t SET x = 1; CREATE INDEX i ON t (x)"), unknown);
    EXPECT_EQ(pg_lock_text("UPDATE t SET x = 1;"), "ROW EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1)"), unknown);
    EXPECT_EQ(pg_lock_text("DROP TYPE mood CASCADE"), unknown);
    // Found on review, each checked against pg_locks there:
    // a function of one's own may do anything (an ALTER TABLE inside took ACCESS EXCLUSIVE)
    EXPECT_EQ(pg_lock_text("SELECT do_ddl()"), unknown);
    EXPECT_EQ(pg_lock_text("SELECT public.do_ddl(1)"), unknown);
    EXPECT_EQ(pg_lock_text("SELECT count(*), max(a) FROM t WHERE b IN (1, 2) AND EXISTS (SELECT 1) AND c = ANY ('{1}')"), "");
    // (SQL's own words before a parenthesis are no calls: found on review)
    EXPECT_EQ(pg_lock_text("SELECT a FROM t JOIN u USING (id) WHERE NOT (a > 1) AND (b OR c) GROUP BY (a)"), "");
    EXPECT_EQ(pg_lock_text("SELECT CASE WHEN (a) THEN 1 END FROM (SELECT 1 AS x) s"), "");
    // CASCADE truncates every table with a foreign key to it too
    EXPECT_EQ(pg_lock_text("TRUNCATE \"parent\" CASCADE"),
              "ACCESS EXCLUSIVE on \"parent\"; ACCESS EXCLUSIVE on every table with a foreign key to it (CASCADE truncates them too)");
    // a column named statistics is retyped, not a SET STATISTICS
    EXPECT_EQ(pg_lock_text("ALTER TABLE events ALTER COLUMN statistics TYPE bigint"),
              "ACCESS EXCLUSIVE on \"events\" (rewrites the table unless the new type is binary-compatible); ACCESS EXCLUSIVE on the "
              "table at the other end of each foreign key it drops");
    // only fillfactor, parallel_workers, toast_tuple_target and the autovacuum and toast
    // parameters take SHARE UPDATE EXCLUSIVE (ALTER TABLE, SET ( storage_parameter ... ))
    EXPECT_EQ(pg_lock_text("ALTER TABLE events SET (user_catalog_table = true)"), "ACCESS EXCLUSIVE on \"events\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE events SET (fillfactor = 70, autovacuum_enabled = false, toast.autovacuum_enabled = false)"),
              "SHARE UPDATE EXCLUSIVE on \"events\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE events RESET (fillfactor, user_catalog_table)"), "ACCESS EXCLUSIVE on \"events\"");
    // ALTER TYPE ... CASCADE alters (and may rewrite) the typed tables
    EXPECT_EQ(pg_lock_text("ALTER TYPE addr ALTER ATTRIBUTE zip TYPE bigint CASCADE"), unknown);
    EXPECT_EQ(pg_lock_text("ALTER TYPE mood ADD VALUE 'meh'"), "");
    // a volatile default fills every row: a rewrite; a foreign key on a new column without a
    // default checks no row (every value is NULL)
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD COLUMN k text DEFAULT encode(gen_random_bytes(16), 'hex')"),
              "ACCESS EXCLUSIVE on \"t\" (rewrites the table (a volatile default))");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD COLUMN u bigint REFERENCES u (id)"), "ACCESS EXCLUSIVE on \"t\"; SHARE ROW EXCLUSIVE on \"u\"");
    EXPECT_EQ(pg_lock_text("ALTER TABLE t ADD COLUMN u bigint DEFAULT 1 REFERENCES u (id)"),
              "ACCESS EXCLUSIVE on \"t\" (scans the table); SHARE ROW EXCLUSIVE on \"u\"");
}

// PostgreSQL's lexical forms that hide a ';' or a statement from a reader that does not know
// them: escape strings (E'...', a backslash escapes the quote), dollar quoting ($$...$$,
// $tag$...$tag$; $1 stays a parameter) and nested block comments.
TEST(PgLockText, PostgresLiteralsAndComments) {
    using strata::detail::pg_lock_text;
    EXPECT_EQ(pg_lock_text("UPDATE t SET a = E'it\\'s; DROP TABLE u'"), "ROW EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("update t set a = e'\\\\'; DROP TABLE u"), "not known (a statement strata does not classify: read it)");
    EXPECT_EQ(pg_lock_text("UPDATE t SET a = $$x; DROP TABLE u$$"), "ROW EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("UPDATE t SET a = $q$ $$; DROP TABLE u $q$ WHERE b = $1"), "ROW EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("UPDATE t SET a = $1, b = $2"), "ROW EXCLUSIVE on \"t\"");
    EXPECT_EQ(pg_lock_text("/* outer /* inner */ ALTER TABLE t DROP COLUMN a */ SELECT 1"), "");
    EXPECT_EQ(pg_lock_text("/* a */ ALTER TABLE t DROP COLUMN a"),
              "ACCESS EXCLUSIVE on \"t\"; ACCESS EXCLUSIVE on the table at the other end of each foreign key it drops");
}

// SQLite's block comments do not nest and it has no E'' or $$ strings: the shared tokenizer
// keeps reading its text as SQLite does (named CHECK constraints, views naming a table).
TEST(SqlText, SqliteCommentsDoNotNest) {
    EXPECT_TRUE(strata::detail::names_table("SELECT * FROM /* a /* b */ t", "t"));
    EXPECT_FALSE(strata::detail::names_table("SELECT 'x' /* t */", "t"));
}
