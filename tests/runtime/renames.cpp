// Renames and the checks that name what they rename (issue 8, point 8). strata keeps a check's
// SQL as the text written, so a rename_column (or rename_table) that a check names is refused
// when the chain compiles (rename_breaks_check). Here, on a real SQLite file and a real
// PostgreSQL schema: what such a chain did before it was refused, and that the way the message
// gives (drop the check, rename, add it again) migrates, verifies and rebuilds.
#include <gtest/gtest.h>

#include <string>

#include <strata/session.hpp>
#include <strata/strata.hpp>
#include <strata/testing.hpp>

#include "backends.hpp"

using namespace strata::dsl;

namespace {

// ---- the chain that is now refused ----
using items = strata::migration<1, "items",
    create_table<"items",
        column<"id", bigint, primary_key>,
        column<"qty", integer, check<"qty > 0">>,
        column<"note", text>>>;
using rename_qty = strata::migration<2, "rename qty", rename_column<"items", "qty", "quantity">>;
using note_default = strata::migration<3, "note default", alter_column<"items", "note", set_default<default_value<"-">>>>;
using drop_quantity = strata::migration<4, "drop quantity", drop_column<"items", "quantity">>;
static_assert(strata::chain_error<strata::chain<items, rename_qty, note_default, drop_quantity>> ==
              strata::error_kind::rename_breaks_check);

// The typed state that chain had after the rename, before the refusal: the column renamed, its
// check's text not. Spelled as a chain of its own, it gives the SQL the refused chain generated
// for its later migrations.
using items_after_rename = strata::migration<1, "items",
    create_table<"items",
        column<"id", bigint, primary_key>,
        column<"quantity", integer, check<"qty > 0">>,
        column<"note", text>>>;
using stale = strata::chain<items_after_rename, note_default, drop_quantity>;

void run_steps(strata::driver& db, std::span<const strata::step> steps) {
    for (const strata::step& st : steps)
        if (st.kind == strata::detail::step_kind::sql) db.execute(st.sql(), {}, {});
}
std::string error_of(strata::driver& db, std::span<const strata::step> steps) {
    try {
        run_steps(db, steps);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

// ---- the way the refusal gives: drop the check, rename, add it again ----
using items_v1 = strata::migration<1, "items",
    create_table<"items",
        column<"id", bigint, primary_key>,
        column<"qty", integer>,
        column<"note", text>,
        check_constraint<"items_qty_positive", "qty > 0">>>;
using rename_around_check = strata::migration<2, "rename qty",
    drop_constraint<"items", "items_qty_positive">,
    rename_column<"items", "qty", "quantity">,
    add_check<"items", "items_qty_positive", "quantity > 0">>;
using fixed = strata::chain<items_v1, rename_around_check, note_default>;
static_assert(strata::valid_chain<fixed>);

class Renames : public ::testing::TestWithParam<const char*> {};

TEST_P(Renames, TheRefusedChainBrokeLaterMigrations) {
    auto database = strata_test::make_database(GetParam(), "renames_broke");
    if (!database) STRATA_SKIP_WITHOUT_POSTGRES();
    strata::driver& db = database->db();
    strata::migrator<strata::chain<items>> first{db, {.chain = "main", .log = strata::log_nowhere}};
    first.upgrade();
    // What rename_qty ran: both databases rename the column inside the check too.
    db.execute(R"(ALTER TABLE "items" RENAME COLUMN "qty" TO "quantity")", {}, {});
    db.execute(R"(INSERT INTO "items" ("id", "quantity", "note") VALUES (1, 5, 'a'))", {}, {});
    EXPECT_THROW(db.execute(R"(INSERT INTO "items" ("id", "quantity") VALUES (2, 0))", {}, {}), std::exception);

    const auto& later = strata::chain_sql<strata::sqlite, stale>::migrations;
    if (db.dialect() == strata::dialect_id::sqlite) {
        // note_default is a rebuild, spelled from the stale state: CHECK (qty > 0) again.
        const std::string e = error_of(db, later[1].up_steps);
        EXPECT_NE(e.find("no such column: qty"), std::string::npos) << e;
    } else {
        // PostgreSQL alters in place; the down of drop_quantity re-adds the stale check.
        const auto& pg = strata::chain_sql<strata::postgres, stale>::migrations;
        run_steps(db, pg[1].up_steps);
        run_steps(db, pg[2].up_steps);
        const std::string e = error_of(db, pg[2].down_steps);
        EXPECT_NE(e.find("qty"), std::string::npos) << e;
        EXPECT_NE(e.find("does not exist"), std::string::npos) << e;
    }
}

TEST_P(Renames, DropRenameAddAgainMigratesVerifiesAndRebuilds) {
    auto database = strata_test::make_database(GetParam(), "renames_fixed");
    if (!database) STRATA_SKIP_WITHOUT_POSTGRES();
    strata::driver& db = database->db();
    {
        strata::migrator<fixed> m{db, {.chain = "main", .log = strata::log_nowhere}};
        m.upgrade_to(2);
        db.execute(R"(INSERT INTO "items" ("id", "quantity") VALUES (1, 5))", {}, {});
        m.upgrade();  // note_default: a SQLite rebuild of items, with the check's new text
        const auto v = m.verify();
        EXPECT_TRUE(v.ok()) << v.text();
        strata::session s{db};
        EXPECT_EQ(s.query_value<std::int64_t>(R"(SELECT "quantity" FROM "items" WHERE "id" = 1)"), 5);
        // the check holds on the renamed column
        EXPECT_THROW(db.execute(R"(INSERT INTO "items" ("id", "quantity") VALUES (2, 0))", {}, {}), std::exception);
        m.downgrade_to(0);
    }
    const auto r = strata::testing::round_trip<fixed>(db);
    EXPECT_TRUE(r.ok()) << r;
    EXPECT_EQ(r.steps, fixed::size * 4);
}
INSTANTIATE_TEST_SUITE_P(Backends, Renames, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
