// SQLite connections as programs leave them (helper 60): a borrowed handle's settings that
// would make a migration lose data are refused; a rebuild of a table that lacks a column of the chain is refused; a TEMP
// table that hides a chain table is refused; a second connection opens the file as the first.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include <strata/sqlite.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

namespace {

std::filesystem::path fresh(const std::string& name) {
    const auto p = std::filesystem::temp_directory_path() / ("strata_settings_" + name + "_" + std::to_string(::getpid()) + ".db");
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(p.string() + suffix);
    return p;
}

// A handle as a program opens it.
struct handle {
    sqlite3* h = nullptr;
    explicit handle(const std::string& uri) {
        EXPECT_EQ(sqlite3_open_v2(uri.c_str(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI, nullptr), SQLITE_OK);
    }
    ~handle() { sqlite3_close(h); }
    void exec(const std::string& sql) {
        char* err = nullptr;
        EXPECT_EQ(sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << "\n  in: " << sql;
        sqlite3_free(err);
    }
    std::int64_t count(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(h);
        std::int64_t n = -1;
        if (st && sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return n;
    }
};

std::string refusal_of(sqlite3* h) {
    try {
        strata::sqlite::connection db(h);
    } catch (const strata::database_error& e) {
        return e.what();
    }
    return "";
}

using i1 = strata::migration<1, "items", create_table<"items", column<"id", bigint, primary_key>, column<"name", text>, column<"qty", integer>>>;
using i2 = strata::migration<2, "note", add_column<"items", column<"note", text>>>;
using i3 = strata::migration<3, "qty required", alter_column<"items", "qty", set_not_null, set_default<default_value<0>>>>;  // (SQLite: a rebuild)
using items = strata::chain<i1, i2, i3>;

}  // namespace

TEST(SqliteSettings, ABorrowedHandleThatCouldNotRollBackIsRefused) {
    const auto path = fresh("journal");
    for (const char* mode : {"OFF", "MEMORY"}) {
        handle h(path.string());
        h.exec(std::string("PRAGMA journal_mode = ") + mode);
        const std::string what = refusal_of(h.h);
        EXPECT_NE(what.find("the borrowed connection's journal_mode is"), std::string::npos) << mode << ": " << what;
        EXPECT_NE(what.find("nothing was changed"), std::string::npos) << what;
    }
    handle wal(path.string());
    wal.exec("PRAGMA journal_mode = WAL");
    EXPECT_EQ(refusal_of(wal.h), "");
    std::filesystem::remove(path);
}

TEST(SqliteSettings, ABorrowedHandleThatWouldKeepBrokenViewsOrChecksIsRefused) {
    const auto path = fresh("legacy");
    handle h(path.string());
    h.exec("PRAGMA legacy_alter_table = ON");
    EXPECT_NE(refusal_of(h.h).find("legacy_alter_table is on"), std::string::npos);
    h.exec("PRAGMA legacy_alter_table = OFF");
    h.exec("PRAGMA ignore_check_constraints = ON");
    EXPECT_NE(refusal_of(h.h).find("ignore_check_constraints is on"), std::string::npos);
    h.exec("PRAGMA ignore_check_constraints = OFF");
    EXPECT_EQ(refusal_of(h.h), "");
    std::filesystem::remove(path);
}

// Double-quoted strings stay as the program has them: SQLite checks every view, trigger and
// check of the schema at an ALTER TABLE, and an old one that writes "text" failed every rebuild
// while strata turned them off (helper 61). An in-memory database's handle is not refused.
TEST(SqliteSettings, AnOldViewThatWritesADoubleQuotedTextDoesNotStopARebuild) {
    const auto path = fresh("dqs");
    handle h(path.string());
    h.exec("CREATE TABLE other (id INTEGER PRIMARY KEY, status TEXT CHECK (status IN (\"a\", \"active\")))");
    h.exec("CREATE VIEW active AS SELECT id FROM other WHERE status = \"active\"");
    h.exec("CREATE TRIGGER other_new AFTER INSERT ON other BEGIN UPDATE other SET status = \"a\" WHERE id = new.id; END");
    strata::sqlite::connection db(path.string());
    EXPECT_EQ(strata::migrator<items>(db, {"main", strata::log_nowhere}).upgrade().to, 3u);
    handle memory(":memory:");
    EXPECT_EQ(refusal_of(memory.h), "");
    // (off, even in memory: a failed migration is not rolled back; helper 63)
    handle off(":memory:");
    off.exec("PRAGMA journal_mode = OFF");
    EXPECT_NE(refusal_of(off.h).find("journal_mode is off"), std::string::npos);
    strata::sqlite::connection in_memory(memory.h);
    EXPECT_EQ(strata::migrator<items>(in_memory, {"main", strata::log_nowhere}).upgrade().to, 3u);
    std::filesystem::remove(path);
}

// A column of the chain dropped by hand: the rebuild's copy read "note" as the text 'note' and
// stored it in every row, and verify() then matched (helper 60).
TEST(SqliteSettings, ARebuildOfATableThatLacksAColumnOfTheChainIsRefused) {
    const auto path = fresh("missing");
    handle h(path.string());
    {
        strata::sqlite::connection db(h.h);
        strata::migrator<items>(db, {"main", strata::log_nowhere}).upgrade_to(2);
    }
    h.exec("INSERT INTO items (id, name, qty, note) VALUES (1, 'a', 2, 'kept')");
    h.exec("ALTER TABLE items DROP COLUMN note");
    strata::sqlite::connection db(h.h);
    strata::migrator<items> m(db, {"main", strata::log_nowhere});
    try {
        m.upgrade();
        FAIL() << "the rebuild ran over a table without the chain's column note";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("the live table has no column \"note\", which the chain has there"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(m.status().current, 2u);
    EXPECT_EQ(h.count("SELECT count(*) FROM items WHERE qty = 2"), 1);
    std::filesystem::remove(path);
}

// ... and an index on it was an index on the constant 'note': one row at most (helper 60).
using i3_index = strata::migration<3, "note index", create_unique_index<"items_note_idx", "items", "note">>;
TEST(SqliteSettings, AnIndexOnAColumnDroppedByHandIsNoIndexOnAConstant) {
    const auto path = fresh("index");
    handle h(path.string());
    {
        strata::sqlite::connection db(h.h);
        strata::migrator<strata::chain<i1, i2, i3_index>>(db, {"main", strata::log_nowhere}).upgrade_to(2);
    }
    h.exec("ALTER TABLE items DROP COLUMN note");
    {
        strata::sqlite::connection db(h.h);
        strata::migrator<strata::chain<i1, i2, i3_index>> m(db, {"main", strata::log_nowhere});
        EXPECT_THROW(m.upgrade(), strata::migration_error);
        EXPECT_EQ(m.status().current, 2u);
    }
    h.exec("INSERT INTO items (id, name) VALUES (1, 'a'), (2, 'b')");
    EXPECT_EQ(h.count("SELECT count(*) FROM items"), 2);
    std::filesystem::remove(path);
}

// A program's TEMP table of a chain table's name took the migrations, which were recorded in
// the database's strata_migrations (helper 60).
TEST(SqliteSettings, ATempTableThatHidesAChainTableIsRefused) {
    const auto path = fresh("temp");
    handle h(path.string());
    strata::sqlite::connection db(h.h);
    strata::migrator<items> m(db, {"main", strata::log_nowhere});
    m.upgrade_to(1);
    for (const char* hiding : {"CREATE TEMP TABLE items AS SELECT * FROM main.items WHERE 0",
                               "CREATE TEMP TABLE strata_migrations (chain TEXT)"}) {
        h.exec(hiding);
        try {
            m.upgrade();
            FAIL() << "upgraded through " << hiding;
        } catch (const strata::migration_error& e) {
            EXPECT_NE(std::string(e.what()).find("has a TEMP table \""), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find("nothing was changed"), std::string::npos) << e.what();
        }
        h.exec("DROP TABLE temp." + std::string(std::string_view(hiding).find("items") != std::string_view::npos ? "items" : "strata_migrations"));
    }
    EXPECT_EQ(h.count("SELECT count(*) FROM main.strata_migrations"), 1);
    // a TEMP table of a name the chain drops or renames away later is still one its migrations
    // name (helper 63: the program's staged row was dropped with it)
    h.exec("CREATE TEMP TABLE note_staging (id INTEGER PRIMARY KEY, v TEXT)");
    h.exec("INSERT INTO temp.note_staging VALUES (1, 'staged')");
    strata::migrator<strata::chain<strata::migration<1, "staging", create_table<"note_staging", column<"id", bigint, primary_key>>>,
                                   strata::migration<2, "no staging", drop_table<"note_staging">>>>
        staged(db, {"staged", strata::log_nowhere});
    try {
        staged.upgrade();
        FAIL() << "the upgrade ran over a TEMP table its migrations name";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("has a TEMP table \"note_staging\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(h.count("SELECT count(*) FROM temp.note_staging"), 1);
    h.exec("DROP TABLE temp.note_staging");
    EXPECT_EQ(m.upgrade().to, 3u);
    EXPECT_EQ(h.count("SELECT count(*) FROM main.pragma_table_info('items') WHERE name = 'note'"), 1);
    std::filesystem::remove(path);
}

// The foreign keys of the tables whose SQL says `references` in lower case are checked after a
// rebuild, also when the program set case_sensitive_like (helper 60).
using i3_purge = strata::migration<3, "qty required, item 1 gone", alter_column<"items", "qty", set_not_null, set_default<default_value<0>>>,
                                   execute_irreversible<"DELETE FROM items WHERE id = 1">>;
TEST(SqliteSettings, ForeignKeysAreCheckedAfterARebuildWhateverCaseSensitiveLike) {
    const auto path = fresh("like");
    strata::sqlite::connection db(path.string());
    strata::migrator<strata::chain<i1, i2, i3_purge>> m(db, {"main", strata::log_nowhere});
    m.upgrade_to(2);
    db.execute("INSERT INTO items (id, name, qty) VALUES (1, 'a', 1)", {}, {});
    db.execute("CREATE TABLE audit (id INTEGER PRIMARY KEY, item_id INTEGER references items(id))", {}, {});
    db.execute("INSERT INTO audit VALUES (1, 1)", {}, {});
    db.execute("PRAGMA case_sensitive_like = ON", {}, {});
    try {
        m.upgrade();
        FAIL() << "the migration left audit's row referencing a deleted item";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), strata::migration_failure::foreign_key_violation) << e.what();
    }
    EXPECT_EQ(m.status().current, 2u);
    std::filesystem::remove(path);
}

// A background step's connection opened the file by its name alone: another VFS (a locking
// one for a network file system), and it wrote beside the program's locks (helper 60).
TEST(SqliteSettings, ASecondConnectionOpensTheFileAsTheFirstDid) {
    const auto path = fresh("odd?name#%41");
    const std::string uri = "file:" + std::string(std::filesystem::temp_directory_path()) + "/strata_settings_odd%3Fname%23%2541_" +
                            std::to_string(::getpid()) + ".db?vfs=unix-dotfile";
    handle h(uri);
    strata::sqlite::connection db(h.h);
    db.execute("CREATE TABLE t (x INTEGER)", {}, {});
    const std::unique_ptr<strata::driver> other = db.open_another();
    auto* o = static_cast<sqlite3*>(other->native_handle());
    char* vfs = nullptr;
    ASSERT_EQ(sqlite3_file_control(o, "main", SQLITE_FCNTL_VFSNAME, &vfs), SQLITE_OK);
    EXPECT_NE(std::string(vfs ? vfs : "").find("unix-dotfile"), std::string::npos) << (vfs ? vfs : "");
    sqlite3_free(vfs);
    other->execute("INSERT INTO t VALUES (1)", {}, {});
    // (not the shared cache: there a second connection is told "table is locked" at once; helper 61)
    const auto plain = fresh("shared");
    {
        strata::sqlite::connection shared("file:" + plain.string() + "?cache=shared", std::chrono::seconds(2));
        shared.execute("PRAGMA journal_mode = WAL", {}, {});
        shared.execute("CREATE TABLE x (v INTEGER)", {}, {});
        const std::unique_ptr<strata::driver> apart = shared.open_another();
        shared.execute("BEGIN", {}, {});
        shared.execute("SELECT count(*) FROM x", {}, [](const strata::row&) {});  // the program reading, in its transaction
        EXPECT_NO_THROW(apart->execute("INSERT INTO x VALUES (1)", {}, {}));
        shared.execute("COMMIT", {}, {});
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(plain.string() + suffix);
    EXPECT_EQ(h.count("SELECT count(*) FROM t"), 1);  // the same file
    EXPECT_TRUE(std::filesystem::exists(path)) << path;
    std::filesystem::remove(path);
}

// "sqlite:///app.db" is SQLAlchemy's (and Alembic's) relative app.db: it made and migrated /app.db
// (helper 60); "sqlite://app.db" names a host.
TEST(SqliteSettings, SqlAlchemysUrlFormsOpenTheFileTheyName) {
    const std::string name = "strata_settings_url_" + std::to_string(::getpid()) + ".db";
    const auto here = std::filesystem::current_path() / name, root = std::filesystem::path("/") / name;
    std::filesystem::remove(here);
    strata::open_database("sqlite:///" + name)->execute("CREATE TABLE t (x INTEGER)", {}, {});
    EXPECT_TRUE(std::filesystem::exists(here));
    EXPECT_FALSE(std::filesystem::exists(root));
    std::filesystem::remove(here);
    const auto absolute = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove(absolute);
    strata::open_database("sqlite:///" + absolute.string())->execute("CREATE TABLE t (x INTEGER)", {}, {});  // (four slashes)
    EXPECT_TRUE(std::filesystem::exists(absolute));
    std::filesystem::remove(absolute);
    try {
        strata::open_database("sqlite://" + name);
        FAIL() << "opened a host's name as a file";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("after sqlite:// comes a host"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(root));
}
