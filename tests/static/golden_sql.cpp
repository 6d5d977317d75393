// Golden SQL: the exact text of every operation's up and down, in both dialects, from one chain
// that uses every operation. Each string was run on SQLite 3.40 and PostgreSQL 15 (up through
// the chain, then every down back to the empty schema, comparing the catalog after each down
// with the one before the matching up) before it was frozen here.
//
// Also: the steps and flags of strata::chain_sql (rebuilds, irreversible migrations, run and
// validate steps, migrations that run outside a transaction), checksums (per dialect, per migration, independent of the C++ spelling), and
// strata::sql<D, M> of a lone migration against strata::sql<D, Chain, V>.
#include <strata/strata.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

using namespace strata::dsl;

inline void fill(strata::session&) {}
inline void unfill(strata::session&) {}
inline bool all_filled(strata::session&) { return true; }

using g1 = strata::migration<1, "enums", create_enum<"mood", "happy", "sad">, create_enum<"status", "on", "off">>;
using g2 = strata::migration<2, "users",
    create_table<"users",
        column<"id", bigint, primary_key>,
        column<"email", text, not_null, unique>,
        column<"age", integer>,
        column<"mood", enum_type<"mood">, not_null, default_value<"happy">>>>;
using g3 = strata::migration<3, "kinds",
    create_table<"kinds",
        column<"k_small", smallint, not_null, default_value<-1>>,
        column<"k_int", integer, primary_key, autoincrement>,
        column<"k_big", bigint, references<"users", "id", on_delete_set_null>>,
        column<"k_owner", bigint, not_null>,
        column<"k_real", real>,
        column<"k_double", double_precision>,
        column<"k_numeric", numeric<10, 2>, default_value<0>>,
        column<"k_text", text, default_value<"it's">>,
        column<"k_varchar", varchar<40>, unique>,
        column<"k_bool", boolean, not_null, default_value<true>>,
        column<"k_date", date>,
        column<"k_ts", timestamp, default_sql<"CURRENT_TIMESTAMP">>,
        column<"k_tstz", timestamptz>,
        column<"k_uuid", uuid>,
        column<"k_json", json>,
        column<"k_jsonb", jsonb>,
        column<"k_blob", blob>,
        column<"k_status", enum_type<"status">, default_value<"off">>,
        column<"k_checked", integer, check<"k_checked > 0">>,
        unique_constraint<"kinds_pair_key", "k_small", "k_text">,
        check_constraint<"kinds_real_check", "k_real <> 0">,
        foreign_key<"kinds_owner_fk", "k_owner", "users", "id", on_delete_cascade>>,
    create_index<"kinds_date_idx", "kinds", "k_date", "k_ts">>;
using g4 = strata::migration<4, "posts",
    create_table<"posts",
        column<"id", integer, primary_key>,
        column<"author_id", bigint, not_null, references<"users", "id", on_delete_cascade>>,
        column<"editor_id", bigint>,
        column<"title", text, not_null>,
        column<"body", text>>,
    create_index<"posts_author_idx", "posts", "author_id">,
    create_unique_index<"posts_title_idx", "posts", "title", "author_id">>;
using g5 = strata::migration<5, "comments",
    create_table<"comments",
        column<"id", integer, primary_key>,
        column<"post_id", integer, not_null, references<"posts", "id", on_delete_cascade>>,
        column<"body", text>>>;
using g6 = strata::migration<6, "tags",
    create_table<"tags",
        column<"post_id", integer, not_null>,
        column<"name", varchar<32>, not_null>,
        primary_key_constraint<"post_id", "name">,
        foreign_key<"tags_post_fk", "post_id", "posts", "id", on_delete_restrict>>>;
using g7 = strata::migration<7, "drop tags", drop_table<"tags">>;
using g8 = strata::migration<8, "drop kinds", drop_table<"kinds">>;
using g9 = strata::migration<9, "drop status", drop_enum<"status">>;
using g10 = strata::migration<10, "rename posts", rename_table<"posts", "articles">>;
using g11 = strata::migration<11, "add views", add_column<"articles", column<"views", integer, not_null, default_value<0>>>>;
using g12 = strata::migration<12, "add slug", add_column<"articles", column<"slug", text, unique>>>;
using g13 = strata::migration<13, "add published_at", add_column<"articles", column<"published_at", timestamp, default_sql<"CURRENT_TIMESTAMP">>>>;
using g14 = strata::migration<14, "add summary", add_column<"articles", column<"summary", text, not_null>>>;
using g15 = strata::migration<15, "add reviewer", add_column<"articles", column<"reviewer_id", bigint, references<"users", "id", on_delete_set_null>>>>;
using g16 = strata::migration<16, "notes", create_table<"notes", column<"body", text>>>;
using g17 = strata::migration<17, "notes id", add_column<"notes", column<"id", integer, primary_key>>>;
using g18 = strata::migration<18, "drop views", drop_column<"articles", "views">>;
using g19 = strata::migration<19, "drop email", drop_column<"users", "email">>;
using g20 = strata::migration<20, "rename body", rename_column<"articles", "body", "content">>;
using g21 = strata::migration<21, "tighten age", alter_column<"users", "age", set_type<bigint>, set_not_null, set_default<default_value<18>>>>;
using g22 = strata::migration<22, "relax age", alter_column<"users", "age", drop_not_null, drop_default>>;
using g23 = strata::migration<23, "summary type", alter_column<"articles", "summary", set_type<varchar<200>>>>;
using g24 = strata::migration<24, "note mood", alter_column<"notes", "body", set_type<enum_type<"mood">>>>;
using g25 = strata::migration<25, "age index", create_index<"users_age_idx", "users", "age">>;
using g26 = strata::migration<26, "drop title index", drop_index<"posts_title_idx">>;
using g27 = strata::migration<27, "editor fk", add_foreign_key<"articles", "articles_editor_fk", "editor_id", "users", "id", on_delete_set_default>>;
using g28 = strata::migration<28, "age mood unique", add_unique<"users", "users_age_mood_key", "age", "mood">>;
using g29 = strata::migration<29, "age check", add_check<"users", "users_age_check", "age >= 0">>;
using g30 = strata::migration<30, "drop age check", drop_constraint<"users", "users_age_check">>;
using g31 = strata::migration<31, "comment check", add_check<"comments", "comments_body_check", "length(body) > 0">>;
using g32 = strata::migration<32, "meh", add_enum_value<"mood", "meh">>;
using g33 = strata::migration<33, "zero ages", execute<"UPDATE \"users\" SET \"age\" = 0 WHERE \"age\" IS NULL", "UPDATE \"users\" SET \"age\" = NULL WHERE \"age\" = 0">>;
using g34 = strata::migration<34, "purge notes", execute_irreversible<"DELETE FROM \"notes\"">>;
using g35 = strata::migration<35, "data", run<fill, unfill>, validate<all_filled>>;
using g36 = strata::migration<36, "one way", run<fill>>;
using g37 = strata::migration<37, "explicit slug", up<drop_column<"articles", "slug">>, down<add_column<"articles", column<"slug", text, unique>>>>;
using g38 = strata::migration<38, "editor index", create_index_concurrently<"articles_editor_idx", "articles", "editor_id">>;
using g39 = strata::migration<39, "title index", create_unique_index_concurrently<"articles_title_idx", "articles", "title", "author_id">>;
using g40 = strata::migration<40, "drop age index", drop_index_concurrently<"users_age_idx">>;
using g41 = strata::migration<41, "explicit concurrent",
    up<create_index_concurrently<"articles_summary_idx", "articles", "summary">, drop_index_concurrently<"articles_editor_idx">>,
    down<create_index_concurrently<"articles_editor_idx", "articles", "editor_id">, drop_index_concurrently<"articles_summary_idx">>>;

using golden = strata::chain<g1, g2, g3, g4, g5, g6, g7, g8, g9, g10, g11, g12, g13, g14, g15, g16, g17, g18, g19, g20,
                             g21, g22, g23, g24, g25, g26, g27, g28, g29, g30, g31, g32, g33, g34, g35, g36, g37, g38, g39, g40,
                             g41>;

using lite = strata::sqlite;
using pg = strata::postgres;
template <class D, std::uint64_t V>
using at = strata::sql<D, golden, V>;

static_assert(golden::head == 41 && golden::size == 41);

// ---- 1: create_enum: PostgreSQL CREATE TYPE ... AS ENUM, down DROP TYPE in reverse order; SQLite has no enum types (nothing to run)
static_assert(at<lite, 1>::up.empty());
static_assert(at<lite, 1>::down.empty());
static_assert(at<pg, 1>::up ==
    "CREATE TYPE \"mood\" AS ENUM ('happy', 'sad');\n"
    "CREATE TYPE \"status\" AS ENUM ('on', 'off');\n");
static_assert(at<pg, 1>::down ==
    "DROP TYPE \"status\";\n"
    "DROP TYPE \"mood\";\n");

// ---- 2: create_table with an enum column (SQLite: TEXT with a CHECK on the values; PostgreSQL: the type)
static_assert(at<lite, 2>::up ==
    "CREATE TABLE \"users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"email\" TEXT NOT NULL UNIQUE,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad'))\n"
    ");\n");
static_assert(at<lite, 2>::down == "DROP TABLE \"users\";\n");
static_assert(at<pg, 2>::up ==
    "CREATE TABLE \"users\" (\n"
    "  \"id\" BIGINT NOT NULL PRIMARY KEY,\n"
    "  \"email\" TEXT NOT NULL UNIQUE,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" \"mood\" NOT NULL DEFAULT 'happy'\n"
    ");\n");
static_assert(at<pg, 2>::down == "DROP TABLE \"users\";\n");

// ---- 3: create_table with every column type, every column constraint and every table constraint, and a two-column index
static_assert(at<lite, 3>::up ==
    "CREATE TABLE \"kinds\" (\n"
    "  \"k_small\" INTEGER NOT NULL DEFAULT -1,\n"
    "  \"k_int\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n"
    "  \"k_big\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
    "  \"k_owner\" INTEGER NOT NULL,\n"
    "  \"k_real\" REAL,\n"
    "  \"k_double\" REAL,\n"
    "  \"k_numeric\" NUMERIC(10, 2) DEFAULT 0,\n"
    "  \"k_text\" TEXT DEFAULT 'it''s',\n"
    "  \"k_varchar\" VARCHAR(40) UNIQUE,\n"
    "  \"k_bool\" BOOLEAN NOT NULL DEFAULT 1,\n"
    "  \"k_date\" DATE,\n"
    "  \"k_ts\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"k_tstz\" TIMESTAMP,\n"
    "  \"k_uuid\" TEXT,\n"
    "  \"k_json\" TEXT,\n"
    "  \"k_jsonb\" TEXT,\n"
    "  \"k_blob\" BLOB,\n"
    "  \"k_status\" TEXT DEFAULT 'off' CHECK (\"k_status\" IN ('on', 'off')),\n"
    "  \"k_checked\" INTEGER CHECK (k_checked > 0),\n"
    "  CONSTRAINT \"kinds_pair_key\" UNIQUE (\"k_small\", \"k_text\"),\n"
    "  CONSTRAINT \"kinds_real_check\" CHECK (k_real <> 0),\n"
    "  CONSTRAINT \"kinds_owner_fk\" FOREIGN KEY (\"k_owner\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE\n"
    ");\n"
    "CREATE INDEX \"kinds_date_idx\" ON \"kinds\" (\"k_date\", \"k_ts\");\n");
static_assert(at<lite, 3>::down ==
    "DROP INDEX \"kinds_date_idx\";\n"
    "DROP TABLE \"kinds\";\n");
static_assert(at<pg, 3>::up ==
    "CREATE TABLE \"kinds\" (\n"
    "  \"k_small\" SMALLINT NOT NULL DEFAULT -1,\n"
    "  \"k_int\" INTEGER NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY,\n"
    "  \"k_big\" BIGINT REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
    "  \"k_owner\" BIGINT NOT NULL,\n"
    "  \"k_real\" REAL,\n"
    "  \"k_double\" DOUBLE PRECISION,\n"
    "  \"k_numeric\" NUMERIC(10, 2) DEFAULT 0,\n"
    "  \"k_text\" TEXT DEFAULT 'it''s',\n"
    "  \"k_varchar\" VARCHAR(40) UNIQUE,\n"
    "  \"k_bool\" BOOLEAN NOT NULL DEFAULT TRUE,\n"
    "  \"k_date\" DATE,\n"
    "  \"k_ts\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"k_tstz\" TIMESTAMPTZ,\n"
    "  \"k_uuid\" UUID,\n"
    "  \"k_json\" JSON,\n"
    "  \"k_jsonb\" JSONB,\n"
    "  \"k_blob\" BYTEA,\n"
    "  \"k_status\" \"status\" DEFAULT 'off',\n"
    "  \"k_checked\" INTEGER CONSTRAINT \"kinds_k_checked_check\" CHECK (k_checked > 0),\n"
    "  CONSTRAINT \"kinds_pair_key\" UNIQUE (\"k_small\", \"k_text\"),\n"
    "  CONSTRAINT \"kinds_real_check\" CHECK (k_real <> 0),\n"
    "  CONSTRAINT \"kinds_owner_fk\" FOREIGN KEY (\"k_owner\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE\n"
    ");\n"
    "CREATE INDEX \"kinds_date_idx\" ON \"kinds\" (\"k_date\", \"k_ts\");\n");
static_assert(at<pg, 3>::down ==
    "DROP INDEX \"kinds_date_idx\";\n"
    "DROP TABLE \"kinds\";\n");

// ---- 4: create_table + create_index + create_unique_index; the derived down drops them in reverse order
static_assert(at<lite, 4>::up ==
    "CREATE TABLE \"posts\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"body\" TEXT\n"
    ");\n"
    "CREATE INDEX \"posts_author_idx\" ON \"posts\" (\"author_id\");\n"
    "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"posts\" (\"title\", \"author_id\");\n");
static_assert(at<lite, 4>::down ==
    "DROP INDEX \"posts_title_idx\";\n"
    "DROP INDEX \"posts_author_idx\";\n"
    "DROP TABLE \"posts\";\n");
static_assert(at<pg, 4>::up ==
    "CREATE TABLE \"posts\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" BIGINT NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" BIGINT,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"body\" TEXT\n"
    ");\n"
    "CREATE INDEX \"posts_author_idx\" ON \"posts\" (\"author_id\");\n"
    "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"posts\" (\"title\", \"author_id\");\n");
static_assert(at<pg, 4>::down ==
    "DROP INDEX \"posts_title_idx\";\n"
    "DROP INDEX \"posts_author_idx\";\n"
    "DROP TABLE \"posts\";\n");

// ---- 5: create_table with a column foreign key (kept across the rename in 10; see 31)
static_assert(at<lite, 5>::up ==
    "CREATE TABLE \"comments\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"post_id\" INTEGER NOT NULL REFERENCES \"posts\" (\"id\") ON DELETE CASCADE,\n"
    "  \"body\" TEXT\n"
    ");\n");
static_assert(at<lite, 5>::down == "DROP TABLE \"comments\";\n");
static_assert(at<pg, 5>::up ==
    "CREATE TABLE \"comments\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"post_id\" INTEGER NOT NULL REFERENCES \"posts\" (\"id\") ON DELETE CASCADE,\n"
    "  \"body\" TEXT\n"
    ");\n");
static_assert(at<pg, 5>::down == "DROP TABLE \"comments\";\n");

// ---- 6: create_table with a composite primary key and a named foreign key
static_assert(at<lite, 6>::up ==
    "CREATE TABLE \"tags\" (\n"
    "  \"post_id\" INTEGER NOT NULL,\n"
    "  \"name\" VARCHAR(32) NOT NULL,\n"
    "  PRIMARY KEY (\"post_id\", \"name\"),\n"
    "  CONSTRAINT \"tags_post_fk\" FOREIGN KEY (\"post_id\") REFERENCES \"posts\" (\"id\") ON DELETE RESTRICT\n"
    ");\n");
static_assert(at<lite, 6>::down == "DROP TABLE \"tags\";\n");
static_assert(at<pg, 6>::up ==
    "CREATE TABLE \"tags\" (\n"
    "  \"post_id\" INTEGER NOT NULL,\n"
    "  \"name\" VARCHAR(32) NOT NULL,\n"
    "  PRIMARY KEY (\"post_id\", \"name\"),\n"
    "  CONSTRAINT \"tags_post_fk\" FOREIGN KEY (\"post_id\") REFERENCES \"posts\" (\"id\") ON DELETE RESTRICT\n"
    ");\n");
static_assert(at<pg, 6>::down == "DROP TABLE \"tags\";\n");

// ---- 7: drop_table: the derived down recreates the table as the state has it
static_assert(at<lite, 7>::up == "DROP TABLE \"tags\";\n");
static_assert(at<lite, 7>::down ==
    "CREATE TABLE \"tags\" (\n"
    "  \"post_id\" INTEGER NOT NULL,\n"
    "  \"name\" VARCHAR(32) NOT NULL,\n"
    "  PRIMARY KEY (\"post_id\", \"name\"),\n"
    "  CONSTRAINT \"tags_post_fk\" FOREIGN KEY (\"post_id\") REFERENCES \"posts\" (\"id\") ON DELETE RESTRICT\n"
    ");\n");
static_assert(at<pg, 7>::up == "DROP TABLE \"tags\";\n");
static_assert(at<pg, 7>::down ==
    "CREATE TABLE \"tags\" (\n"
    "  \"post_id\" INTEGER NOT NULL,\n"
    "  \"name\" VARCHAR(32) NOT NULL,\n"
    "  PRIMARY KEY (\"post_id\", \"name\"),\n"
    "  CONSTRAINT \"tags_post_fk\" FOREIGN KEY (\"post_id\") REFERENCES \"posts\" (\"id\") ON DELETE RESTRICT\n"
    ");\n");

// ---- 8: drop_table: the derived down recreates the table and its index
static_assert(at<lite, 8>::up == "DROP TABLE \"kinds\";\n");
static_assert(at<lite, 8>::down ==
    "CREATE TABLE \"kinds\" (\n"
    "  \"k_small\" INTEGER NOT NULL DEFAULT -1,\n"
    "  \"k_int\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n"
    "  \"k_big\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
    "  \"k_owner\" INTEGER NOT NULL,\n"
    "  \"k_real\" REAL,\n"
    "  \"k_double\" REAL,\n"
    "  \"k_numeric\" NUMERIC(10, 2) DEFAULT 0,\n"
    "  \"k_text\" TEXT DEFAULT 'it''s',\n"
    "  \"k_varchar\" VARCHAR(40) UNIQUE,\n"
    "  \"k_bool\" BOOLEAN NOT NULL DEFAULT 1,\n"
    "  \"k_date\" DATE,\n"
    "  \"k_ts\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"k_tstz\" TIMESTAMP,\n"
    "  \"k_uuid\" TEXT,\n"
    "  \"k_json\" TEXT,\n"
    "  \"k_jsonb\" TEXT,\n"
    "  \"k_blob\" BLOB,\n"
    "  \"k_status\" TEXT DEFAULT 'off' CHECK (\"k_status\" IN ('on', 'off')),\n"
    "  \"k_checked\" INTEGER CHECK (k_checked > 0),\n"
    "  CONSTRAINT \"kinds_pair_key\" UNIQUE (\"k_small\", \"k_text\"),\n"
    "  CONSTRAINT \"kinds_real_check\" CHECK (k_real <> 0),\n"
    "  CONSTRAINT \"kinds_owner_fk\" FOREIGN KEY (\"k_owner\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE\n"
    ");\n"
    "CREATE INDEX \"kinds_date_idx\" ON \"kinds\" (\"k_date\", \"k_ts\");\n");
static_assert(at<pg, 8>::up == "DROP TABLE \"kinds\";\n");
static_assert(at<pg, 8>::down ==
    "CREATE TABLE \"kinds\" (\n"
    "  \"k_small\" SMALLINT NOT NULL DEFAULT -1,\n"
    "  \"k_int\" INTEGER NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY,\n"
    "  \"k_big\" BIGINT REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
    "  \"k_owner\" BIGINT NOT NULL,\n"
    "  \"k_real\" REAL,\n"
    "  \"k_double\" DOUBLE PRECISION,\n"
    "  \"k_numeric\" NUMERIC(10, 2) DEFAULT 0,\n"
    "  \"k_text\" TEXT DEFAULT 'it''s',\n"
    "  \"k_varchar\" VARCHAR(40) UNIQUE,\n"
    "  \"k_bool\" BOOLEAN NOT NULL DEFAULT TRUE,\n"
    "  \"k_date\" DATE,\n"
    "  \"k_ts\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"k_tstz\" TIMESTAMPTZ,\n"
    "  \"k_uuid\" UUID,\n"
    "  \"k_json\" JSON,\n"
    "  \"k_jsonb\" JSONB,\n"
    "  \"k_blob\" BYTEA,\n"
    "  \"k_status\" \"status\" DEFAULT 'off',\n"
    "  \"k_checked\" INTEGER CONSTRAINT \"kinds_k_checked_check\" CHECK (k_checked > 0),\n"
    "  CONSTRAINT \"kinds_pair_key\" UNIQUE (\"k_small\", \"k_text\"),\n"
    "  CONSTRAINT \"kinds_real_check\" CHECK (k_real <> 0),\n"
    "  CONSTRAINT \"kinds_owner_fk\" FOREIGN KEY (\"k_owner\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE\n"
    ");\n"
    "CREATE INDEX \"kinds_date_idx\" ON \"kinds\" (\"k_date\", \"k_ts\");\n");

// ---- 9: drop_enum: PostgreSQL DROP TYPE, down recreates the type; SQLite: nothing
static_assert(at<lite, 9>::up.empty());
static_assert(at<lite, 9>::down.empty());
static_assert(at<pg, 9>::up == "DROP TYPE \"status\";\n");
static_assert(at<pg, 9>::down == "CREATE TYPE \"status\" AS ENUM ('on', 'off');\n");

// ---- 10: rename_table
static_assert(at<lite, 10>::up == "ALTER TABLE \"posts\" RENAME TO \"articles\";\n");
static_assert(at<lite, 10>::down == "ALTER TABLE \"articles\" RENAME TO \"posts\";\n");
static_assert(at<pg, 10>::up == "ALTER TABLE \"posts\" RENAME TO \"articles\";\n");
static_assert(at<pg, 10>::down == "ALTER TABLE \"articles\" RENAME TO \"posts\";\n");

// ---- 11: add_column NOT NULL with a constant default: plain ALTER TABLE ADD COLUMN; down DROP COLUMN
static_assert(at<lite, 11>::up == "ALTER TABLE \"articles\" ADD COLUMN \"views\" INTEGER NOT NULL DEFAULT 0;\n");
static_assert(at<lite, 11>::down == "ALTER TABLE \"articles\" DROP COLUMN \"views\";\n");
static_assert(at<pg, 11>::up == "ALTER TABLE \"articles\" ADD COLUMN \"views\" INTEGER NOT NULL DEFAULT 0;\n");
static_assert(at<pg, 11>::down == "ALTER TABLE \"articles\" DROP COLUMN \"views\";\n");

// ---- 12: add_column UNIQUE: SQLite cannot ADD a UNIQUE column, rebuild; down: rebuild without it
static_assert(at<lite, 12>::up ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"body\" TEXT,\n"
    "  \"views\" INTEGER NOT NULL DEFAULT 0,\n"
    "  \"slug\" TEXT UNIQUE\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<lite, 12>::down ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"body\" TEXT,\n"
    "  \"views\" INTEGER NOT NULL DEFAULT 0\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<pg, 12>::up == "ALTER TABLE \"articles\" ADD COLUMN \"slug\" TEXT UNIQUE;\n");
static_assert(at<pg, 12>::down == "ALTER TABLE \"articles\" DROP COLUMN \"slug\";\n");

// ---- 13: add_column with an expression default: SQLite rebuild; down: plain DROP COLUMN
static_assert(at<lite, 13>::up ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"body\" TEXT,\n"
    "  \"views\" INTEGER NOT NULL DEFAULT 0,\n"
    "  \"slug\" TEXT UNIQUE,\n"
    "  \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP)\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\", \"slug\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\", \"slug\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<lite, 13>::down == "ALTER TABLE \"articles\" DROP COLUMN \"published_at\";\n");
static_assert(at<pg, 13>::up ==
    "ALTER TABLE \"articles\" ADD COLUMN \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP);\n");
static_assert(at<pg, 13>::down == "ALTER TABLE \"articles\" DROP COLUMN \"published_at\";\n");

// ---- 14: add_column NOT NULL without a default: SQLite rebuild; down: plain DROP COLUMN
static_assert(at<lite, 14>::up ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"body\" TEXT,\n"
    "  \"views\" INTEGER NOT NULL DEFAULT 0,\n"
    "  \"slug\" TEXT UNIQUE,\n"
    "  \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"summary\" TEXT NOT NULL\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\", \"slug\", \"published_at\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\", \"slug\", \"published_at\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<lite, 14>::down == "ALTER TABLE \"articles\" DROP COLUMN \"summary\";\n");
static_assert(at<pg, 14>::up == "ALTER TABLE \"articles\" ADD COLUMN \"summary\" TEXT NOT NULL;\n");
static_assert(at<pg, 14>::down == "ALTER TABLE \"articles\" DROP COLUMN \"summary\";\n");

// ---- 15: add_column with a foreign key: SQLite adds it plainly but cannot DROP it: down is a rebuild
static_assert(at<lite, 15>::up ==
    "ALTER TABLE \"articles\" ADD COLUMN \"reviewer_id\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE SET NULL;\n");
static_assert(at<lite, 15>::down ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"body\" TEXT,\n"
    "  \"views\" INTEGER NOT NULL DEFAULT 0,\n"
    "  \"slug\" TEXT UNIQUE,\n"
    "  \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"summary\" TEXT NOT NULL\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\", \"slug\", \"published_at\", \"summary\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"body\", \"views\", \"slug\", \"published_at\", \"summary\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<pg, 15>::up ==
    "ALTER TABLE \"articles\" ADD COLUMN \"reviewer_id\" BIGINT REFERENCES \"users\" (\"id\") ON DELETE SET NULL;\n");
static_assert(at<pg, 15>::down == "ALTER TABLE \"articles\" DROP COLUMN \"reviewer_id\";\n");

// ---- 16: create_table without a primary key
static_assert(at<lite, 16>::up ==
    "CREATE TABLE \"notes\" (\n"
    "  \"body\" TEXT\n"
    ");\n");
static_assert(at<lite, 16>::down == "DROP TABLE \"notes\";\n");
static_assert(at<pg, 16>::up ==
    "CREATE TABLE \"notes\" (\n"
    "  \"body\" TEXT\n"
    ");\n");
static_assert(at<pg, 16>::down == "DROP TABLE \"notes\";\n");

// ---- 17: add_column PRIMARY KEY: SQLite rebuild both ways
static_assert(at<lite, 17>::up ==
    "CREATE TABLE \"_strata_new_notes\" (\n"
    "  \"body\" TEXT,\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY\n"
    ");\n"
    "INSERT INTO \"_strata_new_notes\" (\"rowid\", \"body\") SELECT \"rowid\", \"body\" FROM \"notes\";\n"
    "DROP TABLE \"notes\";\n"
    "ALTER TABLE \"_strata_new_notes\" RENAME TO \"notes\";\n"
    "PRAGMA foreign_key_check(\"notes\");\n");
static_assert(at<lite, 17>::down ==
    "CREATE TABLE \"_strata_new_notes\" (\n"
    "  \"body\" TEXT\n"
    ");\n"
    "INSERT INTO \"_strata_new_notes\" (\"rowid\", \"body\") SELECT \"rowid\", \"body\" FROM \"notes\";\n"
    "DROP TABLE \"notes\";\n"
    "ALTER TABLE \"_strata_new_notes\" RENAME TO \"notes\";\n"
    "PRAGMA foreign_key_check(\"notes\");\n");
static_assert(at<pg, 17>::up == "ALTER TABLE \"notes\" ADD COLUMN \"id\" INTEGER NOT NULL PRIMARY KEY;\n");
static_assert(at<pg, 17>::down == "ALTER TABLE \"notes\" DROP COLUMN \"id\";\n");

// ---- 18: drop_column, plain: ALTER TABLE DROP COLUMN; down ADD COLUMN
static_assert(at<lite, 18>::up == "ALTER TABLE \"articles\" DROP COLUMN \"views\";\n");
static_assert(at<lite, 18>::down == "ALTER TABLE \"articles\" ADD COLUMN \"views\" INTEGER NOT NULL DEFAULT 0;\n");
static_assert(at<pg, 18>::up == "ALTER TABLE \"articles\" DROP COLUMN \"views\";\n");
static_assert(at<pg, 18>::down == "ALTER TABLE \"articles\" ADD COLUMN \"views\" INTEGER NOT NULL DEFAULT 0;\n");

// ---- 19: drop_column of a UNIQUE column: SQLite rebuild both ways (the down copies every column but the restored one)
static_assert(at<lite, 19>::up ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad'))\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<lite, 19>::down ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"email\" TEXT NOT NULL UNIQUE,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad'))\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<pg, 19>::up == "ALTER TABLE \"users\" DROP COLUMN \"email\";\n");
static_assert(at<pg, 19>::down == "ALTER TABLE \"users\" ADD COLUMN \"email\" TEXT NOT NULL UNIQUE;\n");

// ---- 20: rename_column
static_assert(at<lite, 20>::up == "ALTER TABLE \"articles\" RENAME COLUMN \"body\" TO \"content\";\n");
static_assert(at<lite, 20>::down == "ALTER TABLE \"articles\" RENAME COLUMN \"content\" TO \"body\";\n");
static_assert(at<pg, 20>::up == "ALTER TABLE \"articles\" RENAME COLUMN \"body\" TO \"content\";\n");
static_assert(at<pg, 20>::down == "ALTER TABLE \"articles\" RENAME COLUMN \"content\" TO \"body\";\n");

// ---- 21: alter_column set_type + set_not_null + set_default: PostgreSQL ALTER COLUMN clauses; SQLite rebuild
static_assert(at<lite, 21>::up ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER NOT NULL DEFAULT 18,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad'))\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<lite, 21>::down ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad'))\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<pg, 21>::up ==
    "ALTER TABLE \"users\" ALTER COLUMN \"age\" TYPE BIGINT USING \"age\"::BIGINT, ALTER COLUMN \"age\" SET NOT NULL, ALTER COLUMN \"age\" SET DEFAULT 18;\n");
// (the default goes first: PostgreSQL would have to cast it to the new type)
static_assert(at<pg, 21>::down ==
    "ALTER TABLE \"users\" ALTER COLUMN \"age\" DROP DEFAULT;\n"
    "ALTER TABLE \"users\" ALTER COLUMN \"age\" TYPE INTEGER USING \"age\"::INTEGER, ALTER COLUMN \"age\" DROP NOT NULL;\n");

// ---- 22: alter_column drop_not_null + drop_default
static_assert(at<lite, 22>::up ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad'))\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<lite, 22>::down ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER NOT NULL DEFAULT 18,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad'))\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<pg, 22>::up ==
    "ALTER TABLE \"users\" ALTER COLUMN \"age\" DROP NOT NULL, ALTER COLUMN \"age\" DROP DEFAULT;\n");
static_assert(at<pg, 22>::down ==
    "ALTER TABLE \"users\" ALTER COLUMN \"age\" SET NOT NULL, ALTER COLUMN \"age\" SET DEFAULT 18;\n");

// ---- 23: alter_column set_type<varchar<200>>
static_assert(at<lite, 23>::up ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"content\" TEXT,\n"
    "  \"slug\" TEXT UNIQUE,\n"
    "  \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"summary\" VARCHAR(200) NOT NULL,\n"
    "  \"reviewer_id\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE SET NULL\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"slug\", \"published_at\", \"summary\", \"reviewer_id\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"slug\", \"published_at\", \"summary\", \"reviewer_id\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<lite, 23>::down ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"content\" TEXT,\n"
    "  \"slug\" TEXT UNIQUE,\n"
    "  \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"summary\" TEXT NOT NULL,\n"
    "  \"reviewer_id\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE SET NULL\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"slug\", \"published_at\", \"summary\", \"reviewer_id\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"slug\", \"published_at\", \"summary\", \"reviewer_id\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<pg, 23>::up ==
    "ALTER TABLE \"articles\" ALTER COLUMN \"summary\" TYPE VARCHAR(200);\n");
static_assert(at<pg, 23>::down == "ALTER TABLE \"articles\" ALTER COLUMN \"summary\" TYPE TEXT USING \"summary\"::TEXT;\n");

// ---- 24: alter_column set_type<enum_type<...>>: PostgreSQL casts through text; SQLite adds the CHECK
static_assert(at<lite, 24>::up ==
    "CREATE TABLE \"_strata_new_notes\" (\n"
    "  \"body\" TEXT CHECK (\"body\" IN ('happy', 'sad')),\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY\n"
    ");\n"
    "INSERT INTO \"_strata_new_notes\" (\"body\", \"id\") SELECT \"body\", \"id\" FROM \"notes\";\n"
    "DROP TABLE \"notes\";\n"
    "ALTER TABLE \"_strata_new_notes\" RENAME TO \"notes\";\n"
    "PRAGMA foreign_key_check(\"notes\");\n");
static_assert(at<lite, 24>::down ==
    "CREATE TABLE \"_strata_new_notes\" (\n"
    "  \"body\" TEXT,\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY\n"
    ");\n"
    "INSERT INTO \"_strata_new_notes\" (\"body\", \"id\") SELECT \"body\", \"id\" FROM \"notes\";\n"
    "DROP TABLE \"notes\";\n"
    "ALTER TABLE \"_strata_new_notes\" RENAME TO \"notes\";\n"
    "PRAGMA foreign_key_check(\"notes\");\n");
static_assert(at<pg, 24>::up ==
    "ALTER TABLE \"notes\" ALTER COLUMN \"body\" TYPE \"mood\" USING \"body\"::text::\"mood\";\n");
static_assert(at<pg, 24>::down == "ALTER TABLE \"notes\" ALTER COLUMN \"body\" TYPE TEXT USING \"body\"::text::TEXT;\n");

// ---- 25: create_index
static_assert(at<lite, 25>::up == "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n");
static_assert(at<lite, 25>::down == "DROP INDEX \"users_age_idx\";\n");
static_assert(at<pg, 25>::up == "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n");
static_assert(at<pg, 25>::down == "DROP INDEX \"users_age_idx\";\n");

// ---- 26: drop_index: the derived down recreates it, on the renamed table
static_assert(at<lite, 26>::up == "DROP INDEX \"posts_title_idx\";\n");
static_assert(at<lite, 26>::down == "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n");
static_assert(at<pg, 26>::up == "DROP INDEX \"posts_title_idx\";\n");
static_assert(at<pg, 26>::down == "CREATE UNIQUE INDEX \"posts_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n");

// ---- 27: add_foreign_key: PostgreSQL ADD CONSTRAINT; SQLite rebuild
static_assert(at<lite, 27>::up ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"content\" TEXT,\n"
    "  \"slug\" TEXT UNIQUE,\n"
    "  \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"summary\" VARCHAR(200) NOT NULL,\n"
    "  \"reviewer_id\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
    "  CONSTRAINT \"articles_editor_fk\" FOREIGN KEY (\"editor_id\") REFERENCES \"users\" (\"id\") ON DELETE SET DEFAULT\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"slug\", \"published_at\", \"summary\", \"reviewer_id\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"slug\", \"published_at\", \"summary\", \"reviewer_id\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<lite, 27>::down ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"content\" TEXT,\n"
    "  \"slug\" TEXT UNIQUE,\n"
    "  \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"summary\" VARCHAR(200) NOT NULL,\n"
    "  \"reviewer_id\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE SET NULL\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"slug\", \"published_at\", \"summary\", \"reviewer_id\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"slug\", \"published_at\", \"summary\", \"reviewer_id\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<pg, 27>::up ==
    "ALTER TABLE \"articles\" ADD CONSTRAINT \"articles_editor_fk\" FOREIGN KEY (\"editor_id\") REFERENCES \"users\" (\"id\") ON DELETE SET DEFAULT;\n");
static_assert(at<pg, 27>::down == "ALTER TABLE \"articles\" DROP CONSTRAINT \"articles_editor_fk\";\n");

// ---- 28: add_unique (two columns)
static_assert(at<lite, 28>::up ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad')),\n"
    "  CONSTRAINT \"users_age_mood_key\" UNIQUE (\"age\", \"mood\")\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<lite, 28>::down ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad'))\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<pg, 28>::up ==
    "ALTER TABLE \"users\" ADD CONSTRAINT \"users_age_mood_key\" UNIQUE (\"age\", \"mood\");\n");
static_assert(at<pg, 28>::down == "ALTER TABLE \"users\" DROP CONSTRAINT \"users_age_mood_key\";\n");

// ---- 29: add_check
static_assert(at<lite, 29>::up ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad')),\n"
    "  CONSTRAINT \"users_age_mood_key\" UNIQUE (\"age\", \"mood\"),\n"
    "  CONSTRAINT \"users_age_check\" CHECK (age >= 0)\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<lite, 29>::down ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad')),\n"
    "  CONSTRAINT \"users_age_mood_key\" UNIQUE (\"age\", \"mood\")\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<pg, 29>::up == "ALTER TABLE \"users\" ADD CONSTRAINT \"users_age_check\" CHECK (age >= 0);\n");
static_assert(at<pg, 29>::down == "ALTER TABLE \"users\" DROP CONSTRAINT \"users_age_check\";\n");

// ---- 30: drop_constraint: the derived down adds the check back
static_assert(at<lite, 30>::up ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad')),\n"
    "  CONSTRAINT \"users_age_mood_key\" UNIQUE (\"age\", \"mood\")\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<lite, 30>::down ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad')),\n"
    "  CONSTRAINT \"users_age_mood_key\" UNIQUE (\"age\", \"mood\"),\n"
    "  CONSTRAINT \"users_age_check\" CHECK (age >= 0)\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n"
    "PRAGMA foreign_key_check(\"users\");\n");
static_assert(at<pg, 30>::up == "ALTER TABLE \"users\" DROP CONSTRAINT \"users_age_check\";\n");
static_assert(at<pg, 30>::down == "ALTER TABLE \"users\" ADD CONSTRAINT \"users_age_check\" CHECK (age >= 0);\n");

// ---- 31: add_check on a table whose foreign key points at a renamed table: the rebuild names the new name
static_assert(at<lite, 31>::up ==
    "CREATE TABLE \"_strata_new_comments\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"post_id\" INTEGER NOT NULL REFERENCES \"articles\" (\"id\") ON DELETE CASCADE,\n"
    "  \"body\" TEXT,\n"
    "  CONSTRAINT \"comments_body_check\" CHECK (length(body) > 0)\n"
    ");\n"
    "INSERT INTO \"_strata_new_comments\" (\"id\", \"post_id\", \"body\") SELECT \"id\", \"post_id\", \"body\" FROM \"comments\";\n"
    "DROP TABLE \"comments\";\n"
    "ALTER TABLE \"_strata_new_comments\" RENAME TO \"comments\";\n"
    "PRAGMA foreign_key_check(\"comments\");\n");
static_assert(at<lite, 31>::down ==
    "CREATE TABLE \"_strata_new_comments\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"post_id\" INTEGER NOT NULL REFERENCES \"articles\" (\"id\") ON DELETE CASCADE,\n"
    "  \"body\" TEXT\n"
    ");\n"
    "INSERT INTO \"_strata_new_comments\" (\"id\", \"post_id\", \"body\") SELECT \"id\", \"post_id\", \"body\" FROM \"comments\";\n"
    "DROP TABLE \"comments\";\n"
    "ALTER TABLE \"_strata_new_comments\" RENAME TO \"comments\";\n"
    "PRAGMA foreign_key_check(\"comments\");\n");
static_assert(at<pg, 31>::up ==
    "ALTER TABLE \"comments\" ADD CONSTRAINT \"comments_body_check\" CHECK (length(body) > 0);\n");
static_assert(at<pg, 31>::down == "ALTER TABLE \"comments\" DROP CONSTRAINT \"comments_body_check\";\n");

// ---- 32: add_enum_value: PostgreSQL ALTER TYPE ADD VALUE, down recreates the type and moves its columns over; SQLite rebuilds every table that uses the enum
static_assert(at<lite, 32>::up ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad', 'meh')),\n"
    "  CONSTRAINT \"users_age_mood_key\" UNIQUE (\"age\", \"mood\")\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n"
    "PRAGMA foreign_key_check(\"users\");\n"
    "CREATE TABLE \"_strata_new_notes\" (\n"
    "  \"body\" TEXT CHECK (\"body\" IN ('happy', 'sad', 'meh')),\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY\n"
    ");\n"
    "INSERT INTO \"_strata_new_notes\" (\"body\", \"id\") SELECT \"body\", \"id\" FROM \"notes\";\n"
    "DROP TABLE \"notes\";\n"
    "ALTER TABLE \"_strata_new_notes\" RENAME TO \"notes\";\n"
    "PRAGMA foreign_key_check(\"notes\");\n");
static_assert(at<lite, 32>::down ==
    "CREATE TABLE \"_strata_new_users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"age\" INTEGER,\n"
    "  \"mood\" TEXT NOT NULL DEFAULT 'happy' CHECK (\"mood\" IN ('happy', 'sad')),\n"
    "  CONSTRAINT \"users_age_mood_key\" UNIQUE (\"age\", \"mood\")\n"
    ");\n"
    "INSERT INTO \"_strata_new_users\" (\"id\", \"age\", \"mood\") SELECT \"id\", \"age\", \"mood\" FROM \"users\";\n"
    "DROP TABLE \"users\";\n"
    "ALTER TABLE \"_strata_new_users\" RENAME TO \"users\";\n"
    "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n"
    "PRAGMA foreign_key_check(\"users\");\n"
    "CREATE TABLE \"_strata_new_notes\" (\n"
    "  \"body\" TEXT CHECK (\"body\" IN ('happy', 'sad')),\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY\n"
    ");\n"
    "INSERT INTO \"_strata_new_notes\" (\"body\", \"id\") SELECT \"body\", \"id\" FROM \"notes\";\n"
    "DROP TABLE \"notes\";\n"
    "ALTER TABLE \"_strata_new_notes\" RENAME TO \"notes\";\n"
    "PRAGMA foreign_key_check(\"notes\");\n");
static_assert(at<pg, 32>::up == "ALTER TYPE \"mood\" ADD VALUE 'meh';\n");
static_assert(at<pg, 32>::down ==
    "ALTER TYPE \"mood\" RENAME TO \"_strata_old_mood\";\n"
    "CREATE TYPE \"mood\" AS ENUM ('happy', 'sad');\n"
    "ALTER TABLE \"users\" ALTER COLUMN \"mood\" DROP DEFAULT;\n"
    "ALTER TABLE \"users\" ALTER COLUMN \"mood\" TYPE \"mood\" USING \"mood\"::text::\"mood\";\n"
    "ALTER TABLE \"users\" ALTER COLUMN \"mood\" SET DEFAULT 'happy';\n"
    "ALTER TABLE \"notes\" ALTER COLUMN \"body\" TYPE \"mood\" USING \"body\"::text::\"mood\";\n"
    "DROP TYPE \"_strata_old_mood\";\n");

// ---- 33: execute: the SQL as written, both ways
static_assert(at<lite, 33>::up == "UPDATE \"users\" SET \"age\" = 0 WHERE \"age\" IS NULL;\n");
static_assert(at<lite, 33>::down == "UPDATE \"users\" SET \"age\" = NULL WHERE \"age\" = 0;\n");
static_assert(at<pg, 33>::up == "UPDATE \"users\" SET \"age\" = 0 WHERE \"age\" IS NULL;\n");
static_assert(at<pg, 33>::down == "UPDATE \"users\" SET \"age\" = NULL WHERE \"age\" = 0;\n");

// ---- 34: execute_irreversible: no down (reversible == false, checked below)
static_assert(at<lite, 34>::up == "DELETE FROM \"notes\";\n");
static_assert(at<lite, 34>::down.empty());
static_assert(at<pg, 34>::up == "DELETE FROM \"notes\";\n");
static_assert(at<pg, 34>::down.empty());

// ---- 35: run<fn, fn> + validate<fn>: no SQL (the steps are checked below)
static_assert(at<lite, 35>::up.empty());
static_assert(at<lite, 35>::down.empty());
static_assert(at<pg, 35>::up.empty());
static_assert(at<pg, 35>::down.empty());

// ---- 36: run<fn> without a down: no SQL, irreversible
static_assert(at<lite, 36>::up.empty());
static_assert(at<lite, 36>::down.empty());
static_assert(at<pg, 36>::up.empty());
static_assert(at<pg, 36>::down.empty());

// ---- 37: explicit up<drop_column>/down<add_column> pair: SQLite rebuild both ways
static_assert(at<lite, 37>::up ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"content\" TEXT,\n"
    "  \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"summary\" VARCHAR(200) NOT NULL,\n"
    "  \"reviewer_id\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
    "  CONSTRAINT \"articles_editor_fk\" FOREIGN KEY (\"editor_id\") REFERENCES \"users\" (\"id\") ON DELETE SET DEFAULT\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"published_at\", \"summary\", \"reviewer_id\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"published_at\", \"summary\", \"reviewer_id\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<lite, 37>::down ==
    "CREATE TABLE \"_strata_new_articles\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"editor_id\" INTEGER,\n"
    "  \"title\" TEXT NOT NULL,\n"
    "  \"content\" TEXT,\n"
    "  \"published_at\" TIMESTAMP DEFAULT (CURRENT_TIMESTAMP),\n"
    "  \"summary\" VARCHAR(200) NOT NULL,\n"
    "  \"reviewer_id\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
    "  \"slug\" TEXT UNIQUE,\n"
    "  CONSTRAINT \"articles_editor_fk\" FOREIGN KEY (\"editor_id\") REFERENCES \"users\" (\"id\") ON DELETE SET DEFAULT\n"
    ");\n"
    "INSERT INTO \"_strata_new_articles\" (\"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"published_at\", \"summary\", \"reviewer_id\") SELECT \"id\", \"author_id\", \"editor_id\", \"title\", \"content\", \"published_at\", \"summary\", \"reviewer_id\" FROM \"articles\";\n"
    "DROP TABLE \"articles\";\n"
    "ALTER TABLE \"_strata_new_articles\" RENAME TO \"articles\";\n"
    "CREATE INDEX \"posts_author_idx\" ON \"articles\" (\"author_id\");\n"
    "PRAGMA foreign_key_check(\"articles\");\n");
static_assert(at<pg, 37>::up == "ALTER TABLE \"articles\" DROP COLUMN \"slug\";\n");
static_assert(at<pg, 37>::down == "ALTER TABLE \"articles\" ADD COLUMN \"slug\" TEXT UNIQUE;\n");

// ---- 38: create_index_concurrently: PostgreSQL CREATE INDEX CONCURRENTLY, down DROP INDEX CONCURRENTLY
// (outside a transaction, one statement at a time: transactional == false, checked below); SQLite: plain
static_assert(at<lite, 38>::up == "CREATE INDEX \"articles_editor_idx\" ON \"articles\" (\"editor_id\");\n");
static_assert(at<lite, 38>::down == "DROP INDEX \"articles_editor_idx\";\n");
static_assert(at<pg, 38>::up == "CREATE INDEX CONCURRENTLY \"articles_editor_idx\" ON \"articles\" (\"editor_id\");\n");
static_assert(at<pg, 38>::down == "DROP INDEX CONCURRENTLY \"articles_editor_idx\";\n");

// ---- 39: create_unique_index_concurrently
static_assert(at<lite, 39>::up == "CREATE UNIQUE INDEX \"articles_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n");
static_assert(at<lite, 39>::down == "DROP INDEX \"articles_title_idx\";\n");
static_assert(at<pg, 39>::up ==
    "CREATE UNIQUE INDEX CONCURRENTLY \"articles_title_idx\" ON \"articles\" (\"title\", \"author_id\");\n");
static_assert(at<pg, 39>::down == "DROP INDEX CONCURRENTLY \"articles_title_idx\";\n");

// ---- 40: drop_index_concurrently: the derived down recreates the index, CONCURRENTLY on PostgreSQL
static_assert(at<lite, 40>::up == "DROP INDEX \"users_age_idx\";\n");
static_assert(at<lite, 40>::down == "CREATE INDEX \"users_age_idx\" ON \"users\" (\"age\");\n");
static_assert(at<pg, 40>::up == "DROP INDEX CONCURRENTLY \"users_age_idx\";\n");
static_assert(at<pg, 40>::down == "CREATE INDEX CONCURRENTLY \"users_age_idx\" ON \"users\" (\"age\");\n");

// ---- 41: an explicit pair of concurrent operations: each list as written
static_assert(at<lite, 41>::up ==
    "CREATE INDEX \"articles_summary_idx\" ON \"articles\" (\"summary\");\n"
    "DROP INDEX \"articles_editor_idx\";\n");
static_assert(at<lite, 41>::down ==
    "CREATE INDEX \"articles_editor_idx\" ON \"articles\" (\"editor_id\");\n"
    "DROP INDEX \"articles_summary_idx\";\n");
static_assert(at<pg, 41>::up ==
    "CREATE INDEX CONCURRENTLY \"articles_summary_idx\" ON \"articles\" (\"summary\");\n"
    "DROP INDEX CONCURRENTLY \"articles_editor_idx\";\n");
static_assert(at<pg, 41>::down ==
    "CREATE INDEX CONCURRENTLY \"articles_editor_idx\" ON \"articles\" (\"editor_id\");\n"
    "DROP INDEX CONCURRENTLY \"articles_summary_idx\";\n");
// ---- the example of DESIGN.md: strata::sql<D, M> of migration 3 on its own
namespace design {
using m3 = strata::migration<3, "posts",
    create_table<"posts",
        column<"id", bigint, primary_key>,
        column<"author_id", bigint, not_null, references<"users", "id", on_delete_cascade>>,
        column<"body", text, not_null>>,
    create_index<"posts_author_idx", "posts", "author_id">>;
static_assert(strata::sql<lite, m3>::up ==
    "CREATE TABLE \"posts\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"body\" TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX \"posts_author_idx\" ON \"posts\" (\"author_id\");\n");
static_assert(strata::sql<pg, m3>::up ==
    "CREATE TABLE \"posts\" (\n"
    "  \"id\" BIGINT NOT NULL PRIMARY KEY,\n"
    "  \"author_id\" BIGINT NOT NULL REFERENCES \"users\" (\"id\") ON DELETE CASCADE,\n"
    "  \"body\" TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX \"posts_author_idx\" ON \"posts\" (\"author_id\");\n");
static_assert(strata::sql<pg, m3>::down ==
    "DROP INDEX \"posts_author_idx\";\n"
    "DROP TABLE \"posts\";\n");
static_assert(strata::sql<lite, m3>::down == strata::sql<pg, m3>::down);
}  // namespace design

// ---- strata::chain_sql: one migration_sql per migration, with its flags and steps
constexpr const auto& lite_ms = strata::chain_sql<lite, golden>::migrations;
constexpr const auto& pg_ms = strata::chain_sql<pg, golden>::migrations;
static_assert(lite_ms.size() == golden::size && pg_ms.size() == golden::size);
static_assert(lite_ms[0].version == 1 && lite_ms[0].name == "enums");
static_assert(lite_ms[36].version == 37 && lite_ms[36].name == "explicit slug");
static_assert(pg_ms[9].version == 10 && pg_ms[9].name == "rename posts");

// irreversible: execute_irreversible (34) and run<fn> without a down (36)
static_assert([] {
    for (std::size_t i = 0; i < golden::size; ++i) {
        const bool want = lite_ms[i].version != 34 && lite_ms[i].version != 36;
        if (lite_ms[i].reversible != want || pg_ms[i].reversible != want) return false;
    }
    return true;
}());
static_assert(lite_ms[33].down_steps.empty() && pg_ms[33].down_steps.empty());

// SQLite rebuilds exactly where ALTER TABLE cannot do it; PostgreSQL never does
constexpr std::uint64_t sqlite_rebuilds[] = {12, 13, 14, 15, 17, 19, 21, 22, 23, 24, 27, 28, 29, 30, 31, 32, 37};
static_assert([] {
    for (std::size_t i = 0; i < golden::size; ++i) {
        bool want = false;
        for (std::uint64_t v : sqlite_rebuilds) want = want || v == lite_ms[i].version;
        if (lite_ms[i].rebuilds_tables != want || pg_ms[i].rebuilds_tables) return false;
    }
    return true;
}());

// a rebuild's steps: the guard (the live table holds nothing the state does not: the table, the
// columns it may hold, what its definition has, then "index", name, "on", columns for each
// index), create, copy, drop, rename, indexes, then the foreign-key check
static_assert([] {
    const auto& s = lite_ms[11].up_steps;  // 12 add slug
    if (s.size() != 8 || s[0].kind != strata::step_kind::rebuild_guard) return false;
    // articles holds every column but the new slug, and two indexes
    const auto& g = s[0].fragments;
    std::size_t indexes = 0;
    bool author = false, title = false;
    for (std::size_t i = 0; i + 2 < g.size(); ++i)
        if (g[i] == "index") {
            ++indexes;
            author = author || (g[i + 1] == "\"posts_author_idx\"" && g[i + 2] == "on");
            title = title || (g[i + 1] == "\"posts_title_idx\"" && g[i + 2] == "unique on");
        }
    if (g.size() < 2 || g[0] != "\"articles\"" || indexes != 2 || !author || !title) return false;
    for (std::string_view f : g)
        if (f == "\"slug\"") return false;
    for (std::size_t i = 1; i < 7; ++i)
        if (s[i].kind != strata::step_kind::sql || s[i].fragments.empty()) return false;
    return s[7].kind == strata::step_kind::foreign_key_check && s[7].run == nullptr && s[7].check == nullptr;
}());
static_assert(lite_ms[31].up_steps.size() == 13 && lite_ms[31].up_steps[0].kind == strata::step_kind::rebuild_guard &&
              lite_ms[31].up_steps[6].kind == strata::step_kind::foreign_key_check &&
              lite_ms[31].up_steps[7].kind == strata::step_kind::rebuild_guard &&
              lite_ms[31].up_steps[12].kind == strata::step_kind::foreign_key_check);  // 32: users, then notes
static_assert(pg_ms[11].up_steps.size() == 1 && pg_ms[11].up_steps[0].kind == strata::step_kind::sql);
static_assert(pg_ms[31].up_steps.size() == 1 && pg_ms[31].down_steps.size() == 7);  // (no guard: PostgreSQL alters)

// run / validate: steps without SQL
template <const auto& Ms>
consteval bool data_steps_ok() {
    const auto& d = Ms[34];  // 35 data
    if (d.up_steps.size() != 2 || d.down_steps.size() != 1) return false;
    if (d.up_steps[0].kind != strata::step_kind::run || d.up_steps[0].run != &fill || !d.up_steps[0].fragments.empty())
        return false;
    if (d.up_steps[1].kind != strata::step_kind::validate || d.up_steps[1].check != &all_filled) return false;
    if (d.down_steps[0].kind != strata::step_kind::run || d.down_steps[0].run != &unfill) return false;
    const auto& o = Ms[35];  // 36 one way
    return o.up_steps.size() == 1 && o.up_steps[0].kind == strata::step_kind::run && o.up_steps[0].run == &fill &&
           o.down_steps.empty() && !o.reversible;
}
static_assert(data_steps_ok<lite_ms>() && data_steps_ok<pg_ms>());
static_assert(lite_ms[0].up_steps.empty() && lite_ms[8].up_steps.empty());  // SQLite: no enum types

// transactional: false on PostgreSQL exactly for the migrations with a concurrent index operation
// (38 to 41; 41 an explicit pair), which the runtime runs outside a transaction; always true on SQLite
static_assert([] {
    for (std::size_t i = 0; i < golden::size; ++i)
        if (!lite_ms[i].transactional || pg_ms[i].transactional != (pg_ms[i].version < 38)) return false;
    return true;
}());
static_assert(pg_ms[24].transactional && pg_ms[25].transactional);  // 25, 26: the plain create_index, drop_index
static_assert(!pg_ms[37].transactional && !pg_ms[39].transactional && !pg_ms[40].transactional);
static_assert(pg_ms[40].up_steps.size() == 2 && pg_ms[40].down_steps.size() == 2);  // one step per statement

// ---- checksums
// one per migration and dialect, all different; strata::sql<D, Chain, V> has the chain_sql one
static_assert([] {
    for (std::size_t i = 0; i < golden::size; ++i) {
        if (lite_ms[i].checksum == pg_ms[i].checksum) return false;
        for (std::size_t j = 0; j < golden::size; ++j)
            if (i != j && (lite_ms[i].checksum == lite_ms[j].checksum || pg_ms[i].checksum == pg_ms[j].checksum ||
                           lite_ms[i].checksum == pg_ms[j].checksum))
                return false;
    }
    return true;
}());
template <std::size_t... I>
consteval bool sql_checksums_match(std::index_sequence<I...>) {
    return ((at<lite, I + 1>::checksum == lite_ms[I].checksum && at<pg, I + 1>::checksum == pg_ms[I].checksum) && ...);
}
static_assert(sql_checksums_match(std::make_index_sequence<golden::size>{}));
static_assert(at<lite, 12>::checksum != at<pg, 12>::checksum);

// the same migration in another C++ spelling: namespace alias, type alias, constraints in
// another order, a primary key also marked not_null, other whitespace
namespace spelled_again {
namespace sd = strata::dsl;
using big = sd::bigint;
using posts = strata::migration<4, "posts", sd::create_table<"posts",
    sd::column<"id", sd::integer, sd::not_null, sd::primary_key>,
    sd::column<"author_id", big, sd::references<"users", "id", sd::on_delete_cascade>, sd::not_null>,
    sd::column<"editor_id", big>, sd::column<"title", sd::text, sd::not_null>, sd::column<"body", sd::text>>,
    sd::create_index<"posts_author_idx", "posts", "author_id">, sd::create_unique_index<"posts_title_idx", "posts", "title", "author_id">>;
static_assert(!std::is_same_v<posts, g4>);
static_assert(strata::sql<lite, posts>::checksum == at<lite, 4>::checksum);
static_assert(strata::sql<pg, posts>::checksum == at<pg, 4>::checksum);
static_assert(strata::sql<lite, posts>::checksum == strata::sql<lite, g4>::checksum);
static_assert(strata::sql<lite, posts>::up == at<lite, 4>::up && strata::sql<pg, posts>::down == at<pg, 4>::down);

using numbers_a = strata::migration<50, "numbers", create_table<"numbers", column<"n", numeric<10>>, column<"d", integer, default_value<7>>>>;
using numbers_b = strata::migration<50, "numbers", create_table<"numbers", column<"n", numeric<10, 0>>, column<"d", integer, default_value<7L>>>>;
static_assert(strata::sql<pg, numbers_a>::checksum == strata::sql<pg, numbers_b>::checksum);
static_assert(strata::sql<lite, numbers_a>::checksum == strata::sql<lite, numbers_b>::checksum);

// ... and what does change it: the name, the version, a type, a default, raw SQL, a data step's down
using numbers_name = strata::migration<50, "numbers!", create_table<"numbers", column<"n", numeric<10>>, column<"d", integer, default_value<7>>>>;
using numbers_version = strata::migration<51, "numbers", create_table<"numbers", column<"n", numeric<10>>, column<"d", integer, default_value<7>>>>;
using numbers_type = strata::migration<50, "numbers", create_table<"numbers", column<"n", numeric<11>>, column<"d", integer, default_value<7>>>>;
using numbers_default = strata::migration<50, "numbers", create_table<"numbers", column<"n", numeric<10>>, column<"d", integer, default_value<8>>>>;
static_assert(strata::sql<pg, numbers_name>::checksum != strata::sql<pg, numbers_a>::checksum);
static_assert(strata::sql<pg, numbers_version>::checksum != strata::sql<pg, numbers_a>::checksum);
static_assert(strata::sql<pg, numbers_type>::checksum != strata::sql<pg, numbers_a>::checksum);
static_assert(strata::sql<pg, numbers_default>::checksum != strata::sql<pg, numbers_a>::checksum);
using zero_ages_other = strata::migration<33, "zero ages", execute<"UPDATE \"users\" SET \"age\" = 1 WHERE \"age\" IS NULL", "UPDATE \"users\" SET \"age\" = NULL WHERE \"age\" = 0">>;
static_assert(strata::sql<lite, zero_ages_other>::checksum != at<lite, 33>::checksum);
using data_one_way = strata::migration<35, "data", run<fill>, validate<all_filled>>;
static_assert(strata::sql<lite, data_one_way>::checksum != at<lite, 35>::checksum);
// ... and CONCURRENTLY; the flag is mixed in only when set, so the plain index operations keep
// the checksums they had before it existed (the values below were computed before it)
using age_index_concurrently = strata::migration<25, "age index", create_index_concurrently<"users_age_idx", "users", "age">>;
using drop_title_concurrently = strata::migration<26, "drop title index", drop_index_concurrently<"posts_title_idx">>;
static_assert(strata::checksum_of(age_index_concurrently::desc.hash, pg::id) != at<pg, 25>::checksum);
static_assert(strata::checksum_of(drop_title_concurrently::desc.hash, lite::id) != at<lite, 26>::checksum);
static_assert(at<pg, 25>::checksum == 0xa0b4a48024beadb0ull && at<lite, 26>::checksum == 0xf5f05d762f41958aull);
static_assert(at<pg, 4>::checksum == 0xd4865945cf9ac830ull && at<lite, 4>::checksum == 0xd4394b85d0198bdeull);
}  // namespace spelled_again

// ---- strata::sql<D, M> on its own equals strata::sql<D, Chain, V> when the SQL does not depend
// on the state before it (references to earlier tables are spelled as written)
template <class D, class M, std::uint64_t V>
constexpr bool lone_equals_chain = strata::sql<D, M>::up == at<D, V>::up && strata::sql<D, M>::down == at<D, V>::down &&
                                   strata::sql<D, M>::checksum == at<D, V>::checksum;
static_assert(lone_equals_chain<lite, g1, 1> && lone_equals_chain<pg, g1, 1>);
// (g2 alone cannot: its enum column's type is created by g1; see compile_fail/needs_chain.cpp)
static_assert(lone_equals_chain<lite, g4, 4> && lone_equals_chain<pg, g4, 4>);
static_assert(lone_equals_chain<lite, g5, 5> && lone_equals_chain<pg, g5, 5>);
static_assert(lone_equals_chain<lite, g16, 16> && lone_equals_chain<pg, g16, 16>);
static_assert(lone_equals_chain<lite, g33, 33> && lone_equals_chain<pg, g33, 33>);
static_assert(lone_equals_chain<lite, g34, 34> && lone_equals_chain<pg, g34, 34>);
static_assert(lone_equals_chain<lite, g35, 35> && lone_equals_chain<pg, g35, 35>);
static_assert(lone_equals_chain<lite, g36, 36> && lone_equals_chain<pg, g36, 36>);

// ---- an execute<> whose last line holds "--": a line break before the ";" that follows it in
// every joined text and script (helper 55: `sql --bookkeeping` put the ";" in the comment, and
// sqlite3 and psql read the next statement as part of this one)
using commented = strata::chain<strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>, column<"x", integer>>>,
    strata::migration<2, "fill", execute<"UPDATE \"t\" SET \"x\" = 1 -- every row", "UPDATE \"t\" SET \"x\" = NULL\n-- undo">>,
    strata::migration<3, "fill again", execute<"-- first a comment\nUPDATE \"t\" SET \"x\" = 2", "UPDATE \"t\" SET \"x\" = '--'">>>;
static_assert(strata::sql<lite, commented, 2>::up == "UPDATE \"t\" SET \"x\" = 1 -- every row\n;\n");
static_assert(strata::sql<pg, commented, 2>::down == "UPDATE \"t\" SET \"x\" = NULL\n-- undo\n;\n");
static_assert(strata::sql<lite, commented, 3>::up == "-- first a comment\nUPDATE \"t\" SET \"x\" = 2;\n");  // (not the last line)
static_assert(strata::sql<lite, commented, 3>::down == "UPDATE \"t\" SET \"x\" = '--'\n;\n");  // (in a string: harmless)

// ---- at run time: migration_sql::up_sql()/down_sql() and step::sql() give the same text
template <class D, const auto& Ms, std::size_t... I>
bool joined_text_matches(std::index_sequence<I...>) {
    return ((Ms[I].up_sql() == at<D, I + 1>::up && Ms[I].down_sql() == at<D, I + 1>::down) && ...);
}

int main() {
    if (!joined_text_matches<lite, lite_ms>(std::make_index_sequence<golden::size>{})) return 1;
    if (!joined_text_matches<pg, pg_ms>(std::make_index_sequence<golden::size>{})) return 2;
    if (lite_ms[9].up_steps[0].sql() != "ALTER TABLE \"posts\" RENAME TO \"articles\"") return 3;
    if (!strata::migration_sql::text(lite_ms[11].up_steps).starts_with("CREATE TABLE \"_strata_new_articles\" (\n")) return 4;
    // strata::generate_sql carries the same transactional flags as chain_sql
    const auto pg_run = strata::generate_sql<pg, golden>();
    const auto lite_run = strata::generate_sql<lite, golden>();
    for (std::size_t i = 0; i < golden::size; ++i)
        if (pg_run.migrations()[i].transactional != pg_ms[i].transactional ||
            lite_run.migrations()[i].transactional != lite_ms[i].transactional)
            return 5;
    if (pg_run.migrations()[37].transactional || pg_run.migrations()[37].up_sql() != at<pg, 38>::up) return 6;
    return 0;
}
