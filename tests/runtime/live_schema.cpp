// The test that matters: every migration of a chain that uses every operation is applied to a
// real SQLite file and a real PostgreSQL server, up and down, and after each step the live
// schema (PRAGMA / pg_catalog) must equal the typed state strata computed at compile time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <sqlite3.h>
#include <unistd.h>
#include <strata/strata.hpp>
#if __has_include(<pqxx/pqxx>)
#include <pqxx/pqxx>
#define STRATA_TEST_POSTGRES 1
#endif

using namespace strata::dsl;

// ---- a chain that uses every schema operation (data steps belong to the runtime's tests) ----
using m1 = strata::migration<1, "moods", create_enum<"mood", "happy", "sad">>;
using m2 = strata::migration<2, "users",
    create_table<"users",
        column<"id", bigint, primary_key, autoincrement>,
        column<"email", varchar<320>, not_null, unique>,
        column<"created_at", timestamp, not_null, default_sql<"CURRENT_TIMESTAMP">>,
        column<"score", integer, default_value<0>>,
        column<"active", boolean, not_null, default_value<true>>,
        column<"mood", enum_type<"mood">>,
        column<"balance", numeric<10, 2>>,
        column<"bio", text, check<"length(bio) < 1000">>>>;
using m3 = strata::migration<3, "posts",
    create_table<"posts",
        column<"id", bigint, primary_key>,
        column<"author_id", bigint, not_null, references<"users", "id", on_delete_cascade>>,
        column<"body", text, not_null>,
        column<"data", json>,
        column<"doc", jsonb>,
        column<"uid", uuid>,
        column<"raw", blob>,
        column<"published", date>,
        column<"at", timestamptz>,
        column<"ratio", double_precision>,
        column<"weight", real>,
        column<"rank", smallint>>,
    create_index<"posts_author_idx", "posts", "author_id">>;
using m4 = strata::migration<4, "names",
    add_column<"users", column<"display_name", text>>,
    add_column<"users", column<"nickname", varchar<50>, unique>>,
    rename_column<"users", "display_name", "name">>;
using m5 = strata::migration<5, "tighten",
    alter_column<"users", "name", set_not_null, set_default<default_value<"anon">>>,
    alter_column<"posts", "ratio", set_type<numeric<12, 4>>>,
    alter_column<"posts", "body", drop_not_null>,
    alter_column<"users", "score", drop_default>>;
using m6 = strata::migration<6, "indexes",
    create_unique_index<"users_name_idx", "users", "name">,
    create_index<"posts_pub_idx", "posts", "published", "rank">,
    drop_index<"posts_author_idx">>;
using m7 = strata::migration<7, "constraints",
    add_column<"posts", column<"editor_id", bigint>>,
    add_unique<"posts", "posts_uid_unique", "uid">,
    add_check<"users", "score_positive", "score >= 0">,
    add_foreign_key<"posts", "posts_editor_fk", "editor_id", "users", "id", on_delete_set_null>>;
using m8 = strata::migration<8, "loosen",
    drop_constraint<"users", "score_positive">,
    add_enum_value<"mood", "ecstatic">,
    rename_table<"posts", "articles">>;
using m9 = strata::migration<9, "drops",
    drop_column<"users", "nickname">,
    drop_column<"articles", "weight">,
    create_table<"tags",
        column<"article_id", bigint, not_null>,
        column<"tag", varchar<40>, not_null>,
        column<"weight", integer, not_null, default_value<1>>,
        primary_key_constraint<"article_id", "tag">,
        unique_constraint<"tags_tag_weight", "tag", "weight">,
        check_constraint<"tags_weight_positive", "weight > 0">,
        foreign_key<"tags_article_fk", "article_id", "articles", "id", on_delete_cascade>>,
    create_index<"tags_tag_idx", "tags", "tag">>;
using m10 = strata::migration<10, "retire tags", drop_table<"tags">,
    execute<"UPDATE \"users\" SET \"score\" = 0 WHERE \"score\" IS NULL", "SELECT 1">>;
using m11 = strata::migration<11, "explicit pair",
    up<add_column<"articles", column<"slug", text>>, create_index<"articles_slug_idx", "articles", "slug">>,
    down<drop_index<"articles_slug_idx">, drop_column<"articles", "slug">>>;
using m12 = strata::migration<12, "temporary enum",
    create_enum<"color", "red", "green">, drop_enum<"color">>;
using m13 = strata::migration<13, "defaults",
    add_column<"users", column<"level", smallint, default_value<1>>>,
    add_column<"users", column<"feeling", text, not_null, default_value<"happy">>>>;
// A type change on a column with a default (PostgreSQL cannot cast the default).
using m14 = strata::migration<14, "retype",
    alter_column<"users", "level", set_type<integer>>,
    alter_column<"users", "feeling", set_type<enum_type<"mood">>>>;
using history = strata::chain<m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14>;

static_assert(history::head == 14);

namespace {

using strata::detail::default_kind;
using strata::detail::dialect_id;
using strata::detail::fk_action;
using strata::detail::type_kind;

// ---- what the typed state says, in one canonical text per fact, sorted ----
std::string type_name(dialect_id d, const strata::detail::type_desc& t) {
    const bool pg = d == dialect_id::postgres;
    switch (t.kind) {  // PostgreSQL: as format_type() prints it; SQLite: as declared
        case type_kind::smallint: return pg ? "smallint" : "INTEGER";
        case type_kind::integer: return pg ? "integer" : "INTEGER";
        case type_kind::bigint: return pg ? "bigint" : "INTEGER";
        case type_kind::real: return pg ? "real" : "REAL";
        case type_kind::double_precision: return pg ? "double precision" : "REAL";
        case type_kind::numeric:
            return (pg ? "numeric(" : "NUMERIC(") + std::to_string(t.p) + (pg ? "," : ", ") + std::to_string(t.s) + ")";
        case type_kind::text: return pg ? "text" : "TEXT";
        case type_kind::varchar: return (pg ? "character varying(" : "VARCHAR(") + std::to_string(t.p) + ")";
        case type_kind::boolean: return pg ? "boolean" : "BOOLEAN";
        case type_kind::date: return pg ? "date" : "DATE";
        case type_kind::timestamp: return pg ? "timestamp without time zone" : "TIMESTAMP";
        case type_kind::timestamptz: return pg ? "timestamp with time zone" : "TIMESTAMP";
        case type_kind::uuid: return pg ? "uuid" : "TEXT";
        case type_kind::json: return pg ? "json" : "TEXT";
        case type_kind::jsonb: return pg ? "jsonb" : "TEXT";
        case type_kind::blob: return pg ? "bytea" : "BLOB";
        case type_kind::enumeration: return pg ? std::string(t.enum_name) : "TEXT";
        case type_kind::none: break;
    }
    return "?";
}
std::string default_text(dialect_id d, const strata::detail::default_desc& v) {
    switch (v.kind) {
        case default_kind::none: return "";
        case default_kind::integer: return std::string(v.text);
        case default_kind::boolean: return d == dialect_id::postgres ? (v.text == "1" ? "true" : "false") : std::string(v.text);
        case default_kind::string: return "'" + std::string(v.text) + "'";
        case default_kind::sql: return std::string(v.text);
    }
    return "?";
}
std::string action_text(fk_action a) {
    switch (a) {
        case fk_action::no_action: return "NO ACTION";
        case fk_action::restrict: return "RESTRICT";
        case fk_action::cascade: return "CASCADE";
        case fk_action::set_null: return "SET NULL";
        case fk_action::set_default: return "SET DEFAULT";
    }
    return "?";
}
std::string join(const std::vector<std::string>& xs) {
    std::string s;
    for (const auto& x : xs) s += (s.empty() ? "" : ",") + x;
    return s;
}
std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

template <class Schema>
std::vector<std::string> expected_facts(dialect_id d) {
    std::vector<std::string> f;
    for (auto t : Schema::tables()) {
        const std::string tn(t.name());
        f.push_back("table " + tn);
        std::vector<std::string> pk;
        for (auto c : t.columns()) {
            if (c.primary_key()) pk.push_back(std::string(c.name()));
            f.push_back("column " + tn + "." + std::string(c.name()) + " " + type_name(d, c.type()) +
                        (c.not_null() || c.primary_key() ? " not null" : "") + " default=" + default_text(d, c.default_value()));
            if (c.unique()) f.push_back("unique " + tn + "(" + std::string(c.name()) + ")");
            if (c.is_foreign_key())
                f.push_back("fk " + tn + "." + std::string(c.name()) + " -> " + std::string(c.references_table()) + "." +
                            std::string(c.references_column()) + " " + action_text(c.on_delete()));
            if (!c.check().empty() && d == dialect_id::postgres) f.push_back("check " + tn + "_" + std::string(c.name()) + "_check");
        }
        for (auto k : t.constraints()) {
            std::vector<std::string> cols;
            for (std::size_t i = 0; i < k.column_count(); ++i) cols.push_back(std::string(k.column(i)));
            switch (k.kind()) {
                case strata::detail::constraint_kind::primary_key: pk = cols; break;
                case strata::detail::constraint_kind::unique: f.push_back("unique " + tn + "(" + join(cols) + ")"); break;
                case strata::detail::constraint_kind::check: f.push_back("check " + std::string(k.name())); break;
                case strata::detail::constraint_kind::foreign_key:
                    f.push_back("fk " + tn + "." + cols[0] + " -> " + std::string(k.references_table()) + "." +
                                std::string(k.references_column()) + " " + action_text(k.on_delete()));
                    break;
                case strata::detail::constraint_kind::none: break;
            }
        }
        if (!pk.empty()) f.push_back("pk " + tn + "(" + join(sorted(pk)) + ")");
        for (auto x : t.indexes()) {
            std::vector<std::string> cols;
            for (std::size_t i = 0; i < x.column_count(); ++i) cols.push_back(std::string(x.column(i)));
            f.push_back(std::string("index ") + std::string(x.name()) + " on " + tn + "(" + join(cols) + ")" + (x.unique() ? " unique" : ""));
        }
    }
    if (d == dialect_id::postgres)
        for (auto e : Schema::enums()) {
            std::vector<std::string> values;
            for (auto v : e.values()) values.push_back(std::string(v));
            f.push_back("enum " + std::string(e.name()) + "(" + join(values) + ")");
        }
    return sorted(f);
}

template <std::size_t... I>
auto expected_table(std::index_sequence<I...>) {
    using fn = std::vector<std::string> (*)(dialect_id);
    return std::array<fn, sizeof...(I)>{&expected_facts<strata::schema_state<history::proxy, I>>...};
}
const auto expected = expected_table(std::make_index_sequence<history::size + 1>{});

// ---- a database under test ----
struct database {
    virtual ~database() = default;
    virtual void begin(bool rebuilds) = 0;
    virtual void execute(const std::string& sql) = 0;
    virtual void foreign_key_check(const std::string& sql) = 0;
    virtual void commit(bool rebuilds) = 0;
    virtual std::vector<std::string> facts() = 0;
};

// Applies one direction of one migration in one transaction.
void apply(database& db, const strata::migration_sql& m, bool down) {
    const auto steps = down ? m.down_steps : m.up_steps;
    db.begin(m.rebuilds_tables);
    for (const strata::step& s : steps) {
        if (s.kind == strata::step_kind::sql) db.execute(s.sql());
        else if (s.kind == strata::step_kind::foreign_key_check) db.foreign_key_check(s.sql());
    }
    db.commit(m.rebuilds_tables);
}

std::string diff(const std::vector<std::string>& want, const std::vector<std::string>& got) {
    std::vector<std::string> missing, extra;
    std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
    std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
    std::string s;
    for (const auto& m : missing) s += "  missing from the database: " + m + "\n";
    for (const auto& e : extra) s += "  not in the typed state:     " + e + "\n";
    return s;
}

template <class D>
void walk_chain(database& db, dialect_id d) {
    const auto& migrations = strata::chain_sql<D, history>::migrations;
    ASSERT_EQ(db.facts(), expected[0](d)) << diff(expected[0](d), db.facts());
    // Up, one migration at a time; each is also taken down and up again (a round trip).
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        const auto& m = migrations[i];
        SCOPED_TRACE("migration " + std::to_string(m.version) + " " + std::string(m.name));
        apply(db, m, false);
        auto got = db.facts();
        ASSERT_EQ(got, expected[i + 1](d)) << "after up:\n" << diff(expected[i + 1](d), got) << m.up_sql();
        apply(db, m, true);
        got = db.facts();
        ASSERT_EQ(got, expected[i](d)) << "after down:\n" << diff(expected[i](d), got) << m.down_sql();
        apply(db, m, false);
    }
    // Then all the way down from the head.
    for (std::size_t i = migrations.size(); i-- > 0;) {
        const auto& m = migrations[i];
        SCOPED_TRACE("down migration " + std::to_string(m.version) + " " + std::string(m.name));
        apply(db, m, true);
        auto got = db.facts();
        ASSERT_EQ(got, expected[i](d)) << diff(expected[i](d), got) << m.down_sql();
    }
}

// ---- SQLite: a real file ----
struct sqlite_db final : database {
    sqlite3* db = nullptr;
    std::filesystem::path path;
    explicit sqlite_db(std::filesystem::path p) : path(std::move(p)) {
        std::filesystem::remove(path);
        if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + path.string());
        execute("PRAGMA foreign_keys = ON");
    }
    ~sqlite_db() override {
        sqlite3_close(db);
        std::filesystem::remove(path);
    }
    void execute(const std::string& sql) override {
        char* err = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "?";
            sqlite3_free(err);
            throw std::runtime_error("sqlite: " + msg + "\n  in: " + sql);
        }
    }
    std::vector<std::vector<std::optional<std::string>>> query(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db) + "\n  in: " + sql);
        std::vector<std::vector<std::optional<std::string>>> rows;
        while (sqlite3_step(st) == SQLITE_ROW) {
            auto& row = rows.emplace_back();
            for (int i = 0; i < sqlite3_column_count(st); ++i) {
                auto* t = sqlite3_column_text(st, i);
                row.push_back(t ? std::optional<std::string>(reinterpret_cast<const char*>(t)) : std::nullopt);
            }
        }
        sqlite3_finalize(st);
        return rows;
    }
    void begin(bool rebuilds) override {
        if (rebuilds) execute("PRAGMA foreign_keys = OFF");  // the rebuild procedure needs it off
        execute("BEGIN IMMEDIATE");
    }
    void foreign_key_check(const std::string& sql) override {
        auto rows = query(sql);
        if (!rows.empty()) throw std::runtime_error("sqlite: foreign key violation after " + sql);
    }
    void commit(bool rebuilds) override {
        execute("COMMIT");
        if (rebuilds) execute("PRAGMA foreign_keys = ON");
    }
    static std::string q(const std::string& s) { return "'" + s + "'"; }
    std::vector<std::string> facts() override {
        std::vector<std::string> f;
        for (auto& t : query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
            const std::string tn = *t[0];
            f.push_back("table " + tn);
            std::vector<std::pair<int, std::string>> pk;
            for (auto& c : query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(" + q(tn) + ")")) {
                f.push_back("column " + tn + "." + *c[0] + " " + *c[1] + (*c[2] == "1" ? " not null" : "") +
                            " default=" + c[3].value_or(""));
                if (*c[4] != "0") pk.emplace_back(std::stoi(*c[4]), *c[0]);
            }
            if (!pk.empty()) {
                std::vector<std::string> cols;
                for (auto& p : pk) cols.push_back(p.second);
                f.push_back("pk " + tn + "(" + join(sorted(cols)) + ")");
            }
            for (auto& k : query("SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(" + q(tn) + ")"))
                f.push_back("fk " + tn + "." + *k[0] + " -> " + *k[1] + "." + *k[2] + " " + *k[3]);
            for (auto& x : query("SELECT name, \"unique\", origin FROM pragma_index_list(" + q(tn) + ")")) {
                std::vector<std::string> cols;
                for (auto& c : query("SELECT name FROM pragma_index_info(" + q(*x[0]) + ") ORDER BY seqno")) cols.push_back(*c[0]);
                if (*x[2] == "c") f.push_back("index " + *x[0] + " on " + tn + "(" + join(cols) + ")" + (*x[1] == "1" ? " unique" : ""));
                else if (*x[2] == "u") f.push_back("unique " + tn + "(" + join(cols) + ")");
            }
            // Named CHECK constraints live only in the table's SQL.
            auto sql = *query("SELECT sql FROM sqlite_master WHERE name = " + q(tn))[0][0];
            std::regex named_check("CONSTRAINT \"([^\"]+)\" CHECK");
            for (auto it = std::sregex_iterator(sql.begin(), sql.end(), named_check); it != std::sregex_iterator(); ++it)
                f.push_back("check " + (*it)[1].str());
        }
        return sorted(f);
    }
};

TEST(LiveSchema, SqliteEveryStepMatchesTheTypedState) {
    auto path = std::filesystem::temp_directory_path() / ("strata_live_" + std::to_string(::getpid()) + ".db");
    sqlite_db db(path);
    walk_chain<strata::sqlite>(db, dialect_id::sqlite);
}

#ifdef STRATA_TEST_POSTGRES
// ---- PostgreSQL: the server ./scripts/test starts, in a schema of our own ----
struct postgres_db final : database {
    pqxx::connection conn;
    std::string schema;
    std::optional<pqxx::work> tx;
    explicit postgres_db(const std::string& url) : conn(url), schema("strata_live_" + std::to_string(::getpid())) {
        pqxx::nontransaction n(conn);
        n.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        n.exec("CREATE SCHEMA " + schema);
        n.exec("SET search_path TO " + schema);
    }
    ~postgres_db() override {
        tx.reset();
        try {
            pqxx::nontransaction n(conn);
            n.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (...) {
        }
    }
    void begin(bool) override { tx.emplace(conn); }
    void execute(const std::string& sql) override {
        try {
            tx->exec(sql);
        } catch (const std::exception& e) {
            throw std::runtime_error(std::string("postgres: ") + e.what() + "\n  in: " + sql);
        }
    }
    void foreign_key_check(const std::string&) override {}
    void commit(bool) override {
        tx->commit();
        tx.reset();
    }
    static std::string normalize_default(std::string s) {
        static const std::regex cast("::[a-z ]+(\\([0-9, ]*\\))?$");
        for (std::string prev; prev != s;) {
            prev = s;
            s = std::regex_replace(s, cast, "");
            if (s.size() > 1 && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
        }
        return s;
    }
    std::vector<std::string> facts() override {
        pqxx::nontransaction n(conn);
        const std::string ns = "(SELECT oid FROM pg_namespace WHERE nspname = " + n.quote(schema) + ")";
        std::vector<std::string> f;
        for (auto t : n.exec("SELECT c.oid, c.relname FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = " + ns)) {
            const std::string oid = t[0].c_str(), tn = t[1].c_str();
            f.push_back("table " + tn);
            for (auto c : n.exec("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                                 "pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a LEFT JOIN pg_attrdef d "
                                 "ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = " + oid +
                                 " AND a.attnum > 0 AND NOT a.attisdropped"))
                f.push_back("column " + tn + "." + c[0].c_str() + " " + c[1].c_str() +
                            (std::string(c[2].c_str()) == "t" ? " not null" : "") + " default=" +
                            (c[3].is_null() ? "" : normalize_default(c[3].c_str())));
            auto cols_of = [&](const std::string& rel, const std::string& keys) {
                std::vector<std::string> cols;
                for (auto r : n.exec("SELECT a.attname FROM unnest(" + keys + ") WITH ORDINALITY k(n, o) JOIN pg_attribute a "
                                     "ON a.attrelid = " + rel + " AND a.attnum = k.n ORDER BY k.o"))
                    cols.push_back(r[0].c_str());
                return cols;
            };
            for (auto k : n.exec("SELECT contype, conname, conkey::text, confrelid, confkey::text, confdeltype, "
                                 "(SELECT relname FROM pg_class WHERE oid = confrelid) FROM pg_constraint WHERE conrelid = " + oid)) {
                const std::string type = k[0].c_str();
                auto cols = cols_of(oid, std::string("'") + k[2].c_str() + "'::smallint[]");
                if (type == "p") f.push_back("pk " + tn + "(" + join(sorted(cols)) + ")");
                else if (type == "u") f.push_back("unique " + tn + "(" + join(cols) + ")");
                else if (type == "c") f.push_back(std::string("check ") + k[1].c_str());
                else if (type == "f") {
                    auto ref = cols_of(k[3].c_str(), std::string("'") + k[4].c_str() + "'::smallint[]");
                    const std::map<std::string, std::string> actions{
                        {"a", "NO ACTION"}, {"r", "RESTRICT"}, {"c", "CASCADE"}, {"n", "SET NULL"}, {"d", "SET DEFAULT"}};
                    f.push_back("fk " + tn + "." + cols[0] + " -> " + k[6].c_str() + "." + ref[0] + " " + actions.at(k[5].c_str()));
                }
            }
            for (auto x : n.exec("SELECT i.relname, ix.indisunique, ix.indkey::text FROM pg_index ix JOIN pg_class i ON "
                                 "i.oid = ix.indexrelid WHERE ix.indrelid = " + oid +
                                 " AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = ix.indexrelid)")) {
                std::string keys = x[2].c_str();
                std::replace(keys.begin(), keys.end(), ' ', ',');
                auto cols = cols_of(oid, "'{" + keys + "}'::smallint[]");
                f.push_back("index " + std::string(x[0].c_str()) + " on " + tn + "(" + join(cols) + ")" +
                            (std::string(x[1].c_str()) == "t" ? " unique" : ""));
            }
        }
        for (auto e : n.exec("SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t "
                             "JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = " + ns + " GROUP BY t.typname"))
            f.push_back("enum " + std::string(e[0].c_str()) + "(" + e[1].c_str() + ")");
        return sorted(f);
    }
};

TEST(LiveSchema, PostgresEveryStepMatchesTheTypedState) {
    const char* url = std::getenv("STRATA_PG_URL");
    if (!url || !*url) {
        const char* ci = std::getenv("CI");
        if (ci && std::string(ci) == "true") FAIL() << "CI=true but STRATA_PG_URL is not set: PostgreSQL tests must run in CI";
        GTEST_SKIP() << "STRATA_PG_URL is not set: no PostgreSQL server to test against (./scripts/test starts one)";
    }
    postgres_db db(url);
    walk_chain<strata::postgres>(db, dialect_id::postgres);
}
#endif

}  // namespace

namespace {
// The SQL generated when the program runs is the SQL generated by the compiler.
template <class D>
void same_sql_at_run_time() {
    const auto& at_compile_time = strata::chain_sql<D, history>::migrations;
    const strata::generated_sql at_run_time = strata::generate_sql<D, history>();
    ASSERT_EQ(at_run_time.migrations().size(), at_compile_time.size());
    for (std::size_t i = 0; i < at_compile_time.size(); ++i) {
        const auto& a = at_compile_time[i];
        const auto& b = at_run_time.migrations()[i];
        EXPECT_EQ(a.version, b.version);
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(a.checksum, b.checksum);
        EXPECT_EQ(a.reversible, b.reversible);
        EXPECT_EQ(a.rebuilds_tables, b.rebuilds_tables);
        EXPECT_EQ(a.up_sql(), b.up_sql()) << "migration " << a.version;
        EXPECT_EQ(a.down_sql(), b.down_sql()) << "migration " << a.version;
    }
    EXPECT_NE(at_run_time.migrations()[1].up_sql().find("CREATE TABLE \"users\""), std::string::npos);
}
TEST(GeneratedAtRunTime, SqliteEqualsCompileTime) { same_sql_at_run_time<strata::sqlite>(); }
TEST(GeneratedAtRunTime, PostgresEqualsCompileTime) { same_sql_at_run_time<strata::postgres>(); }
}  // namespace
