// docs/drivers.md lists the bookkeeping statements a backend receives (strata_migrations and
// SQLite's seal); a third backend is written from that list. This test runs every verb that
// touches the bookkeeping and checks the list against what the runtime really sent: nothing
// sent that the page does not list for the backend, and nothing listed that is never sent.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

#include "backends.hpp"

using namespace strata::dsl;

namespace {

void fill(strata::session& s) { s.execute("INSERT INTO \"notes\" (\"id\", \"body\") VALUES (1, 'x')"); }
void empty(strata::session& s) { s.execute("DELETE FROM \"notes\""); }
bool backfill_fails = false;
void backfill(strata::session& s, strata::stop_token) {
    if (backfill_fails) s.execute("INSERT INTO \"no_such_table\" VALUES (1)");
}

using m1 = strata::migration<1, "notes", create_table<"notes", column<"id", bigint, primary_key>, column<"body", text>>>;
using m2 = strata::migration<2, "fill", run<fill, empty>, background<backfill>>;
using m3 = strata::migration<3, "body index", create_index_concurrently<"notes_body_idx", "notes", "body">>;
using history = strata::chain<m1, m2, m3>;
using history_renamed = strata::chain<m1, strata::migration<2, "fill notes", run<fill, empty>, background<backfill>>, m3>;

// Every statement that names one of strata's tables (strata_migrations, the seal, the
// background steps' failures), as sent.
class recording_driver final : public strata_test::forwarding_driver {
   public:
    using forwarding_driver::forwarding_driver;
    void execute(std::string_view sql, std::span<const strata::value> params, const strata::row_callback& on_row) override {
        if (sql.find("\"strata_") != std::string_view::npos) sent.emplace(sql);
        forwarding_driver::execute(sql, params, on_row);
    }
    std::set<std::string> sent;
};

// The page's lists: the first block for both backends, then one headed "SQLite only" and one
// "PostgreSQL only".
std::set<std::string> documented(const std::string& backend) {
    std::ifstream in(STRATA_DOCS_DIR "/drivers.md");
    std::set<std::string> lines;
    std::string line, before, previous;
    bool section = false, block = false, wanted = false;
    while (std::getline(in, line)) {
        if (line.rfind("### ", 0) == 0) section = line == "### The statements a backend receives";
        if (!section) continue;
        if (line.rfind("```", 0) == 0) {
            block = !block;
            const bool sqlite_only = before.rfind("SQLite only", 0) == 0, pg_only = before.rfind("PostgreSQL only", 0) == 0;
            wanted = (!sqlite_only && !pg_only) || (sqlite_only && backend == "sqlite") || (pg_only && backend == "postgres");
            continue;
        }
        if (block && wanted && !line.empty()) lines.insert(line);
        if (!block && !line.empty() && previous.empty()) before = line;  // a paragraph's first line
        previous = line;
    }
    return lines;
}

// Every verb that reads or writes the bookkeeping, through the recording driver.
void every_verb(recording_driver& db, strata::driver& by_hand) {
    strata::startup_options o;
    o.log = strata::log_nowhere;
    o.background_on_thread = false;
    backfill_fails = true;
    strata::migrate_on_startup<history>(db, o);       // table, rows, background steps (failing), seal
    strata::migrator<history> m(db, {.log = strata::log_nowhere});
    m.status();                                       // with the failure
    backfill_fails = false;
    strata::migrate_on_startup<history>(db, o);       // the start-up check: up to date; the steps done
    m.status();
    m.verify();
    m.downgrade_to(1);
    m.upgrade();
    // A changed name and a dirty flag, repaired.
    strata::migrator<history_renamed>(db, {.log = strata::log_nowhere}).repair();
    by_hand.execute("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 3", {}, {});
    strata::migrator<history_renamed>(db, {.log = strata::log_nowhere}).repair();
    strata::migrator<history_renamed>(db, {.log = strata::log_nowhere}).downgrade_to(0);
    // baseline of a database made by hand.
    by_hand.execute("DROP TABLE \"strata_migrations\"", {}, {});
    by_hand.execute(std::string("CREATE TABLE \"notes\" (\"id\" ") +
                        (by_hand.dialect() == strata::dialect_id::sqlite ? "INTEGER" : "BIGINT") +
                        " NOT NULL PRIMARY KEY, \"body\" TEXT)",
                    {}, {});
    strata::migrator<history>(db, {.log = strata::log_nowhere}).baseline(1);
}

class BookkeepingStatements : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        db_ = strata_test::make_database(GetParam(), "bookkeeping");
        if (!db_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    std::unique_ptr<strata_test::test_database> db_;
};

TEST_P(BookkeepingStatements, DriversMdListsWhatTheRuntimeSends) {
    const std::set<std::string> docs = documented(GetParam());
    ASSERT_FALSE(docs.empty()) << "no statement list found in docs/drivers.md";
    recording_driver db(db_->db());
    every_verb(db, db_->db());
    for (const std::string& s : db.sent) EXPECT_TRUE(docs.count(s)) << "sent but not in docs/drivers.md:\n" << s;
    for (const std::string& s : docs) EXPECT_TRUE(db.sent.count(s)) << "in docs/drivers.md but never sent:\n" << s;
}

INSTANTIATE_TEST_SUITE_P(Backends, BookkeepingStatements, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
