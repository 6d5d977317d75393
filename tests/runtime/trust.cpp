// Production trust (issue 8): nothing lost in a SQLite rebuild, foreign keys checked before the
// commit, values stored whole or refused, no lock left behind by an exception, any exception
// rolled back, one verdict on every bookkeeping state, honest messages at the edges.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include <optional>
#include <strata/stop_token.hpp>
#include <string>
#include <thread>
#include <vector>

#include <strata/cli.hpp>
#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>
#include <strata/strata.hpp>
#include <strata/detail/runtime/one_transaction.hpp>  // (transaction_control)

#include "backends.hpp"
#include "cli_output.hpp"
#ifdef STRATA_TEST_POSTGRES
#include <pqxx/pqxx>
#endif

using namespace strata::dsl;
using strata::migration_failure;
using strata_test::captured_log;

namespace {

bool is_sqlite(const char* backend) { return std::string(backend) == "sqlite"; }

std::int64_t count(strata::driver& db, const std::string& sql) { return strata::session(db).query_value<std::int64_t>(sql); }

// ---- chains ----
using r1 = strata::migration<1, "items", create_table<"items", column<"id", bigint, primary_key>, column<"qty", integer>>>;
// A rebuild on SQLite (SQLite's ALTER TABLE cannot add NOT NULL); one ALTER on PostgreSQL.
using r2 = strata::migration<2, "qty required", alter_column<"items", "qty", set_not_null>>;
using chain_r = strata::chain<r1, r2>;
using chain_r1 = strata::chain<r1>;
// The backends' connections are classes by those names, as before they were a template's
// (a friend declaration or an elaborated type specifier names them).
class befriends {
    friend class strata::sqlite::connection;
    int secret = 0;
};
using takes_sqlite = void (*)(class strata::sqlite::connection&);
static_assert(std::is_final_v<strata::sqlite::connection> && std::is_base_of_v<strata::driver, strata::sqlite::connection>);
#ifdef STRATA_TEST_POSTGRES
using takes_postgres = void (*)(class strata::postgres::connection&);
#endif

// Backslashes in a seed and a default, and a float column: what a session's settings (a role's,
// PGOPTIONS, a pooler's) must not change.
using bs1 = strata::migration<1, "paths",
    create_table<"paths", column<"id", bigint, primary_key>, column<"name", text, default_value<"C:\\temp\\new">>,
                 column<"ratio", double_precision>, column<"day", date, default_sql<"'2024-01-31'">>>,
    seed<"paths", columns<"id", "name">, values<1, "x\\y \\U0041 \\n">>>;
using chain_bs = strata::chain<bs1>;

// A trigger the chain itself made with execute<>; a later rebuild must restate it.
using t1 = strata::migration<1, "items and log",
    create_table<"items", column<"id", bigint, primary_key>, column<"qty", integer>>,
    create_table<"log", column<"id", integer, primary_key, autoincrement>, column<"item", bigint>>,
    execute<"CREATE TRIGGER \"items_log\" AFTER INSERT ON \"items\" BEGIN INSERT INTO \"log\" (\"item\") VALUES (NEW.\"id\"); END",
            "DROP TRIGGER \"items_log\"">>;
using t2_forgets = strata::migration<2, "qty required", alter_column<"items", "qty", set_not_null>>;
using t2_restates = strata::migration<2, "qty required",
    execute<"DROP TRIGGER \"items_log\"",
            "CREATE TRIGGER \"items_log\" AFTER INSERT ON \"items\" BEGIN INSERT INTO \"log\" (\"item\") VALUES (NEW.\"id\"); END">,
    alter_column<"items", "qty", set_not_null>,
    execute<"CREATE TRIGGER \"items_log\" AFTER INSERT ON \"items\" BEGIN INSERT INTO \"log\" (\"item\") VALUES (NEW.\"id\"); END",
            "DROP TRIGGER \"items_log\"">>;
using chain_t1 = strata::chain<t1>;
using chain_t_forgets = strata::chain<t1, t2_forgets>;
using chain_t_restates = strata::chain<t1, t2_restates>;

// A rebuild followed by a step that writes a dangling reference.
using f1 = strata::migration<1, "parents and children",
    create_table<"parents", column<"id", bigint, primary_key>>,
    create_table<"children", column<"id", bigint, primary_key>, column<"parent_id", bigint, references<"parents", "id">>,
                 column<"note", text>>>;
using f2 = strata::migration<2, "note default then a dangling child",
    alter_column<"children", "note", set_default<default_value<"none">>>,
    execute<"INSERT INTO \"children\" (\"id\", \"parent_id\") VALUES (1, 999)", "DELETE FROM \"children\" WHERE \"id\" = 1">>;
using chain_f = strata::chain<f1, f2>;
using chain_f1 = strata::chain<f1>;
using chain_fn = strata::chain<f1, strata::migration<2, "note default", alter_column<"children", "note", set_default<default_value<"none">>>>>;
// A rebuild in a migration that renames the tables of a row left dangling before it.
using o1 = strata::migration<1, "owners and pets",
    create_table<"owners", column<"id", bigint, primary_key>, column<"name", text>>,
    create_table<"pets", column<"id", bigint, primary_key>, column<"owner", bigint, references<"owners", "id">>>>;
using o2 = strata::migration<2, "keepers and animals", rename_table<"owners", "keepers">, rename_table<"pets", "animals">,
                             alter_column<"keepers", "name", set_default<default_value<"?">>>>;
using chain_o1 = strata::chain<o1>;
using chain_o = strata::chain<o1, o2>;
// A table rebuilt with what `verify` and the rebuild guard must judge alike.
using v1 = strata::migration<1, "teams and people", create_table<"teams", column<"id", bigint, primary_key>>,
    create_table<"people", column<"id", bigint, primary_key>, column<"team", bigint, references<"teams", "id">>,
                 column<"score", integer, check<"score >= 0">>, column<"note", text>>>;
using v2 = strata::migration<2, "note required", alter_column<"people", "note", set_not_null, set_default<default_value<"">>>>;
using chain_v1 = strata::chain<v1>;
using chain_v = strata::chain<v1, v2>;
// Review 11 (a hostile fuzz of SQLite's rebuild): what references a table from outside it.
// A unique column dropped by a rebuild that another table's foreign key references.
using fk1 = strata::migration<1, "items with codes",
    create_table<"items", column<"id", bigint, primary_key>, column<"code", text, unique>, column<"qty", integer>>>;
using fk2 = strata::migration<2, "no codes", drop_column<"items", "code">>;
using chain_fk1 = strata::chain<fk1>;
using chain_fk = strata::chain<fk1, fk2>;
// ... and the unique key of a derived down's rebuild.
using uq1 = strata::migration<1, "items", create_table<"items", column<"id", bigint, primary_key>, column<"code", text>>>;
using uq2 = strata::migration<2, "unique codes", add_unique<"items", "items_code_uq", "code">>;
using chain_uq = strata::chain<uq1, uq2>;
// A row deleted, in a migration that rebuilds, whose referencing row was left dangling; another
// row dangles alike from before.
using wr1 = strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>, column<"name", text>>>;
using wr2 = strata::migration<2, "user 2 retired, names required", execute_irreversible<"DELETE FROM \"users\" WHERE \"id\" = 2">,
                              alter_column<"users", "name", set_not_null>>;
using chain_wr1 = strata::chain<wr1>;
using chain_wr = strata::chain<wr1, wr2>;
// A table whose INTEGER PRIMARY KEY is not its rowid (DESC), rebuilt; one whose name differs in case.
using pk1 = strata::migration<1, "docs", create_table<"docs", column<"id", bigint, primary_key>, column<"body", text>, column<"tag", text>>,
                              create_table<"counters", column<"id", bigint, primary_key, autoincrement>, column<"name", text>>>;
using pk2 = strata::migration<2, "tag default, names required", alter_column<"docs", "tag", set_default<default_value<"none">>>,
                              alter_column<"counters", "name", set_not_null, set_default<default_value<"">>>>;
using chain_pk1 = strata::chain<pk1>;
using chain_pk = strata::chain<pk1, pk2>;
// A table dropped while another table's foreign key references it.
using dt1 = strata::migration<1, "tags", create_table<"tags", column<"id", bigint, primary_key>, column<"label", text>>>;
using dt2 = strata::migration<2, "no tags", drop_table<"tags">>;
using chain_dt1 = strata::chain<dt1>;
using chain_dt = strata::chain<dt1, dt2>;
// A rebuild that drops one of a table's two foreign keys (SQLite numbers the rest anew), and a
// migration that renames a table into the name of another before a rebuild.
using kk1 = strata::migration<1, "parents, others, child", create_table<"parents", column<"id", bigint, primary_key>>,
    create_table<"others", column<"id", bigint, primary_key>>,
    create_table<"child", column<"id", bigint, primary_key>, column<"pp", bigint, references<"parents", "id">>,
                 column<"oo", bigint, references<"others", "id">>, column<"note", text>>>;
using chain_kk1 = strata::chain<kk1>;
using chain_kk = strata::chain<kk1, strata::migration<2, "no oo", drop_column<"child", "oo">>>;
using sw1 = strata::migration<1, "orders", create_table<"customers", column<"id", bigint, primary_key>>,
    create_table<"orders", column<"id", bigint, primary_key>, column<"cust", bigint, references<"customers", "id">>, column<"note", text>>,
    create_table<"new_orders", column<"id", bigint, primary_key>, column<"cust", bigint, references<"customers", "id">>,
                 column<"note", text>>>;
using chain_sw1 = strata::chain<sw1>;
using chain_sw = strata::chain<sw1, strata::migration<2, "new orders swapped in", rename_table<"orders", "orders_archive">,
    rename_table<"new_orders", "orders">, alter_column<"orders", "note", set_default<default_value<"none">>>>>;
// A unique index another table's foreign key relies on, dropped.
using ui1 = strata::migration<1, "items", create_table<"items", column<"id", bigint, primary_key>, column<"code", text>>,
                              create_unique_index<"items_code_idx", "items", "code">>;
using chain_ui1 = strata::chain<ui1>;
using chain_ui = strata::chain<ui1, strata::migration<2, "no code index", drop_index<"items_code_idx">>>;
using un1 = strata::migration<1, "things", create_table<"things", column<"id", bigint, primary_key>, column<"code", text>, column<"name", text>>,
                              create_unique_index<"things_uq", "things", "code", "name">>;
using chain_un = strata::chain<un1>;
using chain_un2 = strata::chain<strata::migration<1, "things too", create_table<"things2", column<"id", bigint, primary_key>,
                                                                                 column<"code", text, unique>>>>;
// Two keys of one row to one table: the migration mends the one broken before and breaks the other.
using hk1 = strata::migration<1, "parents and child", create_table<"parents", column<"id", bigint, primary_key>>,
    create_table<"child", column<"id", bigint, primary_key>, column<"a", bigint, references<"parents", "id">>,
                 column<"b", bigint, references<"parents", "id">>, column<"note", text>>>;
using chain_hk1 = strata::chain<hk1>;
using chain_hk = strata::chain<hk1, strata::migration<2, "note default, a mended, b broken",
    alter_column<"child", "note", set_default<default_value<"none">>>,
    execute<"UPDATE \"child\" SET \"a\" = 1, \"b\" = 98 WHERE \"id\" = 1", "UPDATE \"child\" SET \"a\" = 99, \"b\" = 1 WHERE \"id\" = 1">>>;
using chain_hk_renamed = strata::chain<hk1, strata::migration<2, "a renamed, note default", rename_column<"child", "a", "a2">,
    alter_column<"child", "note", set_default<default_value<"none">>>>>;
// A type change SQLite makes by a rebuild's copy, of values an INTEGER cannot hold.
using ty1 = strata::migration<1, "accounts", create_table<"accounts", column<"id", bigint, primary_key>, column<"ext_id", text>>>;
using chain_ty1 = strata::chain<ty1>;
using chain_ty = strata::chain<ty1, strata::migration<2, "ext_id a number", alter_column<"accounts", "ext_id", set_type<bigint>>>>;
using tn1 = strata::migration<1, "ledger", create_table<"ledger", column<"id", bigint, primary_key>, column<"amount", text>>>;
using chain_tn1 = strata::chain<tn1>;
using chain_tn = strata::chain<tn1, strata::migration<2, "amount a number", alter_column<"ledger", "amount", set_type<numeric<30, 2>>>>>;
using chain_tn3 = strata::chain<tn1, strata::migration<2, "amount a number", alter_column<"ledger", "amount", set_type<numeric<30, 2>>>>,
                                strata::migration<3, "amount a text", alter_column<"ledger", "amount", set_type<text>>>>;
using chain_o_orphaning = strata::chain<o1, strata::migration<2, "keepers and animals, one orphaned",
    rename_table<"owners", "keepers">, rename_table<"pets", "animals">, alter_column<"keepers", "name", set_default<default_value<"?">>>,
    execute<"INSERT INTO \"animals\" (\"id\", \"owner\") VALUES (8, 1234)", "DELETE FROM \"animals\" WHERE \"id\" = 8">>>;

// A run of operations that each rebuild "spares" on SQLite, coalesced into one rebuild: a column
// added, one altered, one dropped. The guard before it knows the table as it is before the run
// (with "spare", without "label"); the down's, as it is after the run (with "label").
using s1 = strata::migration<1, "spares", create_table<"spares", column<"id", bigint, primary_key>, column<"qty", integer>,
                                                      column<"spare", text, unique>>>;
using s2 = strata::migration<2, "reshape spares",
    add_column<"spares", column<"label", text, unique>>,
    alter_column<"spares", "qty", set_not_null, set_default<default_value<0>>>,
    drop_column<"spares", "spare">>;
using chain_s = strata::chain<s1, s2>;
using chain_s1 = strata::chain<s1>;

// What a table's definition holds besides names: checks, foreign keys, unique constraints
// (a column's and the table's), an enum's CHECK on SQLite; the rebuild must keep the ones the
// chain declares and refuse to drop the ones it does not.
using c1 = strata::migration<1, "parents and kept",
    create_enum<"mood", "calm", "busy">,
    create_table<"parents", column<"id", bigint, primary_key>>,
    create_table<"kept", column<"id", bigint, primary_key>, column<"qty", integer, check<"qty >= 0">>,
                 column<"code", text, unique>, column<"parent", bigint, references<"parents", "id">>,
                 column<"mood", enum_type<"mood">>, column<"checké", integer, default_value<0>, check<"checké >= 0">>>,
    add_check<"kept", "kept_check", "length(code) < 10 AND code COLLATE NOCASE <> 'CHECK' /* CHECK ON CONFLICT */">,
    add_unique<"kept", "kept_parent_code", "parent", "code">,
    add_unique<"kept", "kept_code", "code">,  // (the column's own key again: SQLite keeps it once)
    create_index<"kept_qty_idx", "kept", "qty", "code">>;
using c2 = strata::migration<2, "qty required", alter_column<"kept", "qty", set_not_null>>;
// Every kind of default and a type with a length or a scale, as the chain spells them: the
// guard takes them for the chain's, each way.
using e1 = strata::migration<1, "every default",
    create_table<"every", column<"id", bigint, primary_key>, column<"quote", text, default_value<"it's '' \"so\"">>,
                 column<"neg", integer, default_value<-42>>, column<"flag", boolean, default_value<true>>,
                 column<"at", timestamp, default_sql<" CURRENT_TIMESTAMP ">>, column<"sum", numeric<12, 2>, default_value<7>>,
                 column<"name", varchar<80>, default_value<"default">>, column<"ff", integer, default_sql<"\f1\f">>,
                 column<"nul", integer, default_sql<" null ">>, column<"x", integer>>>;
using e2 = strata::migration<2, "x required", alter_column<"every", "x", set_not_null>>;
using chain_e = strata::chain<e1, e2>;
// A rowid table (no INTEGER PRIMARY KEY) and a table whose column is called rowid: a rebuild
// keeps each row's rowid, which an application (or an FTS index's content_rowid) may hold.
using w1 = strata::migration<1, "rowid tables",
    create_table<"notes", column<"body", text>, column<"tag", text>>,
    create_table<"shadow", column<"rowid", text>, column<"tag", text>>>;
using w2 = strata::migration<2, "tags required",
    alter_column<"notes", "tag", set_not_null>, alter_column<"shadow", "tag", set_not_null>>;
using chain_w = strata::chain<w1, w2>;
// Each table's migration changes what was changed by hand: nothing is lost that the migration
// does not ask for, so the rebuild goes through.
using k1 = strata::migration<1, "four tables",
    create_table<"by_default", column<"id", bigint, primary_key>, column<"n", integer, default_value<0>>>,
    create_table<"by_drop", column<"id", bigint, primary_key>, column<"n", integer, default_value<0>>>,
    create_table<"by_type", column<"id", bigint, primary_key>, column<"n", integer>>,
    create_table<"by_column", column<"id", bigint, primary_key>, column<"spare", text, unique>, column<"n", integer>>>;
using k2 = strata::migration<2, "the chain changes them",
    alter_column<"by_default", "n", set_default<default_value<7>>>, alter_column<"by_drop", "n", drop_default>,
    alter_column<"by_type", "n", set_type<real>>, drop_column<"by_column", "spare">>;
using chain_k = strata::chain<k1, k2>;
// Checks: a column's, a table's the run drops, an enum's the run changes.
using q1 = strata::migration<1, "checks",
    create_enum<"size", "s", "m">,
    create_table<"q", column<"id", bigint, primary_key>, column<"n", integer, check<"n >= 0">>, column<"m", integer>,
                 column<"size", enum_type<"size">>>,
    add_check<"q", "q_m", "m < 100">>;
using q2 = strata::migration<2, "n required, q_m dropped, size l",
    alter_column<"q", "n", set_not_null>, drop_constraint<"q", "q_m">, add_enum_value<"size", "l">>;
using chain_q = strata::chain<q1, q2>;
// A default of NULL is no default: SQLite keeps the text, PostgreSQL keeps nothing.
using n1 = strata::migration<1, "null defaults",
    create_table<"nulls", column<"id", bigint, primary_key>, column<"a", integer, default_sql<"NULL">>,
                 column<"b", text, default_sql<" null ">>, column<"c", integer, default_sql<"(NULL)">>>>;
using n2 = strata::migration<2, "a required", alter_column<"nulls", "a", set_not_null, set_default<default_value<0>>>>;
using chain_n = strata::chain<n1, n2>;
using chain_c1 = strata::chain<c1>;
using chain_c = strata::chain<c1, c2>;
using g1 = strata::migration<1, "gauges", create_table<"gauges", column<"id", bigint, primary_key>, column<"qty", integer>, column<"code", text>>,
                             create_index<"gauges_qty_idx", "gauges", "qty", "code">>;
using g2 = strata::migration<2, "qty required", alter_column<"gauges", "qty", set_not_null>>;
using chain_g1 = strata::chain<g1>;
using chain_g = strata::chain<g1, g2>;
// Keys the database may keep once: a UNIQUE on a primary key's column (the rowid's, or not), the
// same UNIQUE twice; and the same foreign key twice (both backends keep both, one fact).
using u1 = strata::migration<1, "keys",
    create_table<"by_code", column<"code", text, primary_key, unique>, column<"n", integer, unique>>,
    create_table<"by_id", column<"id", bigint, primary_key, unique>, column<"a", integer>, column<"b", integer>>,
    add_unique<"by_code", "by_code_n", "n">, add_unique<"by_id", "by_id_ab", "a", "b">, add_unique<"by_id", "by_id_ab2", "a", "b">,
    add_unique<"by_id", "by_id_ba", "b", "a">,
    create_table<"kids", column<"id", bigint, primary_key>, column<"p", bigint, references<"by_id", "id", on_delete_cascade>>,
                 foreign_key<"kids_p_fk", "p", "by_id", "id", on_delete_cascade>>>;
using u2 = strata::migration<2, "n required", alter_column<"by_code", "n", set_not_null>, alter_column<"by_id", "a", set_not_null>,
    alter_column<"kids", "p", set_not_null>>;
using chain_u = strata::chain<u1, u2>;

// Data steps that throw what is not a std::exception.
void throws_int(strata::session&) { throw 42; }
bool validate_throws_string(strata::session&) { throw std::string("not an exception"); }
void undo_nothing(strata::session&) {}
using x2 = strata::migration<2, "throws an int", add_column<"items", column<"note", text>>, run<throws_int, undo_nothing>>;
using x2v = strata::migration<2, "validate throws", add_column<"items", column<"note", text>>, validate<validate_throws_string>>;
using chain_x = strata::chain<r1, x2>;
using chain_xv = strata::chain<r1, x2v>;

// A data step that swallows the error of a statement SQLite answers by rolling back the whole
// transaction (INSERT OR ROLLBACK; SQLite does the same on a full disk or an I/O error).
void swallows_a_rollback(strata::session& s) {
    s.execute("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (10, 1)");
    try {
        s.execute("INSERT OR ROLLBACK INTO \"items\" (\"id\", \"qty\") VALUES (1, 1)");
    } catch (const strata::database_error&) {
    }
    s.execute("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (11, 1)");
}
using rb2 = strata::migration<2, "swallows a rollback", add_column<"items", column<"note", text>>, run<swallows_a_rollback, undo_nothing>>;
using chain_rb = strata::chain<r1, rb2>;

void background_throws(strata::session&, strata::stop_token) { throw 7; }
using bg2 = strata::migration<2, "background throws", add_column<"items", column<"note", text>>, background<background_throws>>;
using chain_bg = strata::chain<r1, bg2>;
int later_background_runs = 0;
void background_later(strata::session&, strata::stop_token) { ++later_background_runs; }
using bg3 = strata::migration<3, "later background", add_column<"items", column<"tag", text>>, background<background_later>>;
using chain_bg3 = strata::chain<r1, bg2, bg3>;

using two = strata::chain<r1, strata::migration<2, "notes", add_column<"items", column<"note", text>>>>;

// Code that runs inside strata's transaction and ends it: what came before would commit without
// what comes after (the table of migration 2 kept, its row not recorded, every later start
// stuck on "already exists").
const char* ending = "COMMIT";
void ends_the_transaction(strata::session& s) { s.execute(ending); }
// A data step that asks for the driver it runs on (session::database()).
std::string seen_by_database;
void asks_its_driver(strata::session& s) {
    strata::driver& d = s.database();
    seen_by_database = d.describe() + (d.in_transaction() ? " in a transaction" : " outside") + (d.has_table("u") ? ", u" : "");
}
using dr2 = strata::migration<2, "asks its driver", create_table<"u", column<"id", bigint, primary_key>>, run<asks_its_driver, undo_nothing>>;
using chain_dr = strata::chain<r1, dr2>;
using ct2 = strata::migration<2, "ends its transaction", create_table<"u", column<"id", bigint, primary_key>>,
                              run<ends_the_transaction, undo_nothing>>;
using chain_ct = strata::chain<r1, ct2>;
using ce2 = strata::migration<2, "commits in execute", create_table<"u", column<"id", bigint, primary_key>>,
                              execute<"INSERT INTO \"u\" (\"id\") VALUES (1); COMMIT", "DELETE FROM \"u\"">>;
using chain_ce = strata::chain<r1, ce2>;

class TrustBase : public ::testing::Test {
   protected:
    void open(const char* backend) {
        backend_ = backend;
        database_ = strata_test::make_database(backend, "trust");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    bool sqlite() const { return is_sqlite(backend_); }
    strata::driver& db() { return database_->db(); }
    strata::migrator_options quiet() { return {"main", log.sink()}; }
    template <class Chain>
    strata::migrator<Chain> make() {
        return strata::migrator<Chain>(db(), quiet());
    }
    void exec(const std::string& sql) { db().execute(sql, {}, {}); }
    std::string sqlite_path() { return static_cast<strata_test::sqlite_database&>(*database_).path.string(); }
    // The CLI ("app db <verb>") on this SQLite database: exit code, stdout, stderr.
    template <class Chain>
    strata_test::cli_result cli(const char* verb) {
        const std::string url = "sqlite:" + sqlite_path();
        const char* argv[] = {"app", verb, "--database", url.c_str()};
        std::FILE* out = std::tmpfile();
        std::FILE* err = std::tmpfile();
        const int code = strata::cli::run<Chain>(4, argv, {.program = "app db", .log = log.sink(), .out = out, .err = err});
        return {code, strata_test::read_all(out), strata_test::read_all(err), {}};
    }
    const char* backend_ = "";
    std::unique_ptr<strata_test::test_database> database_;
    captured_log log;
};
class Trust : public TrustBase, public ::testing::WithParamInterface<const char*> {
    void SetUp() override { open(GetParam()); }
};
// What only one backend has (SQLite's rebuild, a server connection): no skipped half.
class TrustSqlite : public TrustBase {
    void SetUp() override { open("sqlite"); }
};
class TrustPostgres : public TrustBase {
    void SetUp() override { open("postgres"); }
};

// ---- 1. A SQLite rebuild loses nothing silently ----

TEST_P(Trust, ARebuildRefusesWhatTheChainDoesNotKnowAndKeepsIt) {
    make<chain_r1>().upgrade();
    exec("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (1, 5)");
    exec("ALTER TABLE \"items\" ADD COLUMN \"by_hand\" TEXT");
    exec("UPDATE \"items\" SET \"by_hand\" = 'keep me'");
    exec("CREATE INDEX \"by_hand_idx\" ON \"items\" (\"by_hand\")");
    auto m = make<chain_r>();
    if (sqlite()) {
        try {
            m.upgrade();
            FAIL() << "the rebuild dropped a column and an index the chain does not know";
        } catch (const strata::migration_error& e) {
            const std::string what = e.what();
            EXPECT_EQ(e.kind(), migration_failure::unknown_objects);
            EXPECT_EQ(e.version(), 2u);
            EXPECT_NE(what.find("table \"items\""), std::string::npos) << what;
            EXPECT_NE(what.find("column \"by_hand\" (and its data)"), std::string::npos) << what;
            EXPECT_NE(what.find("index \"by_hand_idx\""), std::string::npos) << what;
            EXPECT_NE(what.find("nothing of it was applied; the database is at version 1"), std::string::npos) << what;
        }
        EXPECT_EQ(m.status().current, 1u);
        // The documented way on: declare it, or drop it. Dropped here, the rebuild goes through.
        exec("DROP INDEX \"by_hand_idx\"");
        exec("ALTER TABLE \"items\" DROP COLUMN \"by_hand\"");
        EXPECT_EQ(m.upgrade().to, 2u);
        EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    } else {  // PostgreSQL alters in place: the column stays, and verify() names it
        EXPECT_EQ(m.upgrade().to, 2u);
        EXPECT_EQ(strata::session(db()).query_value<std::string>("SELECT \"by_hand\" FROM \"items\""), "keep me");
        const auto v = m.verify();
        EXPECT_FALSE(v.ok());
        EXPECT_NE(v.text().find("by_hand"), std::string::npos) << v.text();
        return;
    }
}

TEST_F(TrustSqlite, TheRefusedRebuildLeftTheDataInPlace) {
    make<chain_r1>().upgrade();
    exec("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (1, 5)");
    exec("ALTER TABLE \"items\" ADD COLUMN \"by_hand\" TEXT");
    exec("UPDATE \"items\" SET \"by_hand\" = 'keep me'");
    EXPECT_THROW(make<chain_r>().upgrade(), strata::migration_error);
    EXPECT_EQ(strata::session(db()).query_value<std::string>("SELECT \"by_hand\" FROM \"items\" WHERE \"id\" = 1"), "keep me");
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"items\""), 1);
}

// The table made again by hand (SQLite's way of adding a constraint), with the same columns and
// indexes: what it holds beyond the chain's definition would be dropped by the rebuild.
struct hand_made {
    const char* extra;    // put after the chain's own definition of "kept"
    const char* options;  // after the closing parenthesis
    const char* named;    // what the refusal must name
    const char* from = "";  // and a change in the chain's definition: from, to
    const char* to = "";
    const char* copied = "*";  // the columns copied into it
    const char* after = "";    // a statement after (the remade table has none of the old one's indexes)
};
void PrintTo(const hand_made& h, std::ostream* os) { *os << h.named; }
class TrustSqliteHandMade : public TrustBase, public ::testing::WithParamInterface<hand_made> {
    void SetUp() override { open("sqlite"); }
};
TEST_P(TrustSqliteHandMade, ARebuildRefusesToDropWhatATableWasRemadeWith) {
    make<chain_c1>().upgrade();
    exec("INSERT INTO \"parents\" (\"id\") VALUES (1)");
    exec("INSERT INTO \"kept\" (\"id\", \"qty\", \"code\", \"parent\", \"mood\") VALUES (1, 5, 'a', 1, 'calm')");
    const std::string sql = strata::session(db()).query_value<std::string>(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'kept'");
    std::string remade = "CREATE TABLE \"kept_by_hand\"" + sql.substr(sql.find(" ("));
    if (*GetParam().from) {
        ASSERT_NE(remade.find(GetParam().from), std::string::npos) << remade;
        remade.replace(remade.find(GetParam().from), std::string(GetParam().from).size(), GetParam().to);
    }
    exec("PRAGMA foreign_keys = OFF");
    exec(remade.substr(0, remade.rfind(')')) + GetParam().extra + ")" + GetParam().options);
    const std::string copied = GetParam().copied;
    exec("INSERT INTO \"kept_by_hand\"" + (copied == "*" ? "" : " (" + copied + ")") + " SELECT " + copied + " FROM \"kept\"");
    exec("DROP TABLE \"kept\"");
    exec("ALTER TABLE \"kept_by_hand\" RENAME TO \"kept\"");
    exec("PRAGMA foreign_keys = ON");
    if (*GetParam().after) exec(GetParam().after);
    const std::string before = strata::session(db()).query_value<std::string>(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'kept'");
    auto m = make<chain_c>();
    try {
        m.upgrade();
        FAIL() << "the rebuild dropped what the table was made with: " << GetParam().named;
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.kind(), migration_failure::unknown_objects) << what;
        EXPECT_NE(what.find("table \"kept\""), std::string::npos) << what;
        EXPECT_NE(what.find(GetParam().named), std::string::npos) << what;
        EXPECT_NE(what.find("nothing of it was applied; the database is at version 1"), std::string::npos) << what;
        // and the way out that fits
        const std::string named = GetParam().named;
        if (named.find("changed by hand") != std::string::npos) {
            EXPECT_NE(what.find("make the table again as the chain has it, or keep the change by declaring it before this rebuild"), std::string::npos) << what;
        }
        if (named.find("INITIALLY DEFERRED") != std::string::npos) {
            EXPECT_NE(what.find("make the table again without INITIALLY DEFERRED"), std::string::npos) << what;
        }
    }
    EXPECT_EQ(m.status().current, 1u);
    EXPECT_EQ(strata::session(db()).query_value<std::string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'kept'"),
              before);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"kept\""), 1);
}
INSTANTIATE_TEST_SUITE_P(
    Sqlite, TrustSqliteHandMade,
    ::testing::Values(hand_made{", CHECK (\"id\" > 0)", "", "a CHECK constraint"},
                      hand_made{", CONSTRAINT \"by_hand\" CHECK (\"id\" > 0)", "", "a CHECK constraint"},
                      hand_made{", FOREIGN KEY (\"id\") REFERENCES \"parents\" (\"id\")", "", "a foreign key"},
                      hand_made{", UNIQUE (\"qty\")", "", "a UNIQUE constraint"},
                      hand_made{"", " STRICT", "STRICT"},
                      hand_made{"", " WITHOUT ROWID", "WITHOUT ROWID"},
                      hand_made{"", "", "an AUTOINCREMENT", "\"id\" INTEGER NOT NULL PRIMARY KEY",
                                "\"id\" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT"},
                      hand_made{"", "", "a COLLATE clause", "\"code\" TEXT", "\"code\" TEXT COLLATE NOCASE"},
                      hand_made{"", "", "an ON CONFLICT clause", "\"id\" INTEGER NOT NULL", "\"id\" INTEGER NOT NULL ON CONFLICT REPLACE"},
                      hand_made{", UNIQUE (\"qty\" COLLATE NOCASE)", "", "a COLLATE clause"},
                      hand_made{", UNIQUE (\"qty\")", "", "a UNIQUE constraint on (qty)", "\"code\" TEXT UNIQUE", "\"code\" TEXT"},
                      hand_made{"", "", "column \"qty\" generated", "\"qty\" INTEGER CHECK", "\"qty\" INTEGER AS (\"id\" * 2) CHECK",
                                "\"id\", \"code\", \"parent\", \"mood\", \"checké\""},
                      hand_made{"", "", "NOT NULL on column \"code\"", "\"code\" TEXT UNIQUE", "\"code\" TEXT NOT NULL UNIQUE"},
                      hand_made{"", "", "a foreign key (parent) REFERENCES parents (id) ON DELETE CASCADE", "(\"id\"),\n  \"mood\"",
                                "(\"id\") ON DELETE CASCADE,\n  \"mood\""},
                      hand_made{"", "", "ON UPDATE CASCADE", "(\"id\"),\n  \"mood\"", "(\"id\") ON UPDATE CASCADE,\n  \"mood\""},
                      hand_made{", PRIMARY KEY (\"id\", \"code\")", "", "a PRIMARY KEY on (id, code)", "\"id\" INTEGER NOT NULL PRIMARY KEY",
                                "\"id\" INTEGER NOT NULL"},
                      hand_made{"", "", "index \"kept_qty_idx\" as made by hand", "", "", "*",
                                "CREATE UNIQUE INDEX \"kept_qty_idx\" ON \"kept\" (\"qty\", \"code\")"},
                      hand_made{"", "", "index \"kept_qty_idx\" as made by hand", "", "", "*",
                                "CREATE INDEX \"kept_qty_idx\" ON \"kept\" (\"qty\" DESC, \"code\")"},
                      hand_made{"", "", "index \"kept_qty_idx\" as made by hand", "", "", "*",
                                "CREATE INDEX \"kept_qty_idx\" ON \"kept\" (\"qty\", \"code\") WHERE \"qty\" > 0"},
                      hand_made{"", "", "index \"kept_qty_idx\" as made by hand", "", "", "*",
                                "CREATE INDEX \"kept_qty_idx\" ON \"kept\" (\"code\", \"qty\")"},
                      // A column's declared type (its affinity: the copy would convert '007' to 7) and
                      // default, as verify() compares them; a foreign key checked at commit.
                      hand_made{"", "", "type TEXT of column \"checké\" (the chain's: INTEGER) changed by hand", "\"checké\" INTEGER",
                                "\"checké\" TEXT"},
                      hand_made{"", "", "DEFAULT 1 on column \"checké\" (the chain's: 0)", "DEFAULT 0", "DEFAULT 1"},
                      hand_made{"", "", "DEFAULT 'x' on column \"code\" (the chain's: none)", "\"code\" TEXT UNIQUE",
                                "\"code\" TEXT UNIQUE DEFAULT 'x'"},
                      hand_made{"", "", "DEFAULT abs(-1) on column \"checké\" (the chain's: 0)", "DEFAULT 0", "DEFAULT ( abs(-1) )"},
                      hand_made{"", "", "DEFERRABLE INITIALLY DEFERRED", "(\"id\"),\n  \"mood\"",
                                "(\"id\") DEFERRABLE INITIALLY DEFERRED,\n  \"mood\""},
                      // A check the chain has, its expression changed by hand: a column's, a table's,
                      // an enum's values.
                      hand_made{"", "", "CHECK (qty >= 5) (the chain's: CHECK (qty >= 0)) changed by hand", "CHECK (qty >= 0)",
                                "CHECK (qty >= 5)"},
                      hand_made{"", "", "CHECK (length(code) < 20 AND code COLLATE NOCASE <> 'CHECK' /* CHECK ON CONFLICT */) (the "
                                "chain's: CHECK (length(code) < 10 AND code COLLATE NOCASE <> 'CHECK' /* CHECK ON CONFLICT */)) "
                                "changed by hand",
                                "length(code) < 10", "length(code) < 20"},
                      hand_made{"", "", "CHECK (\"mood\" IN ('calm', 'busy', 'angry')) (the chain's: CHECK (\"mood\" IN ('calm', "
                                "'busy'))) changed by hand",
                                "IN ('calm', 'busy')", "IN ('calm', 'busy', 'angry')"},
                      hand_made{", CHECK (\"qty\" < 1000)", "", "a CHECK constraint (\"qty\" < 1000) the chain does not declare"}),
    [](const auto& info) { return std::to_string(info.index); });

TEST_P(Trust, ADefaultOfNullIsNoDefaultOnEitherSide) {
    auto m = make<chain_n>();
    EXPECT_EQ(m.upgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

TEST_P(Trust, VerifyAndRebuildsTakeKeysTheDatabaseKeepsOnce) {
    auto m = make<chain_u>();
    EXPECT_EQ(m.upgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(m.upgrade().to, 2u);  // (SQLite: both tables rebuilt)
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(m.downgrade_to(0).to, 0u);
}

// A trigger is the table's whatever the case of the name it was created on, and a TEMP trigger
// of the migrator's own connection is dropped with it too.
TEST_F(TrustSqlite, ARebuildRefusesToDropATriggerSpelledInAnotherCaseOrTemporary) {
    make<chain_c1>().upgrade();
    exec("CREATE TABLE \"log\" (\"x\" INTEGER)");
    exec("CREATE TRIGGER \"by_hand\" AFTER INSERT ON \"KEPT\" BEGIN INSERT INTO \"log\" VALUES (NEW.\"id\"); END");
    exec("CREATE TEMP TRIGGER \"for_now\" AFTER DELETE ON main.\"kept\" BEGIN SELECT 1; END");
    try {
        make<chain_c>().upgrade();
        FAIL() << "the rebuild dropped the triggers";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::unknown_objects) << e.what();
        EXPECT_NE(std::string(e.what()).find("trigger \"by_hand\""), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("trigger \"for_now\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(db(), "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'by_hand'"), 1);
}

// The chain's own checks, foreign keys, unique constraints and enum CHECK are no reason to refuse:
// the rebuild makes them again (and keeps a CHECK's text with the word in a string or a name).
TEST_F(TrustSqlite, ARebuildKeepsTheChainsOwnConstraintsWithoutAWord) {
    make<chain_c1>().upgrade();
    auto m = make<chain_c>();
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_THROW(exec("INSERT INTO \"kept\" (\"id\", \"qty\") VALUES (9, -1)"), strata::database_error);  // the check is there
}

// Table t made again by hand (SQLite's way), its definition's `from` replaced by `to`, its
// indexes made again.
void remake(strata::driver& db, const std::string& t, const std::string& from, const std::string& to) {
    auto exec = [&](const std::string& sql) { db.execute(sql, {}, {}); };
    std::string sql = strata::session(db).query_value<std::string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + t + "'");
    std::vector<std::string> indexes;
    db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = '" + t + "'", {},
               [&](const strata::row& r) { indexes.push_back(r.get<std::string>(0)); });
    ASSERT_NE(sql.find(from), std::string::npos) << sql;
    sql.replace(sql.find(from), from.size(), to);
    sql.replace(sql.find('"' + t + '"'), t.size() + 2, "\"" + t + "_by_hand\"");
    exec("PRAGMA foreign_keys = OFF");
    exec(sql);
    exec("INSERT INTO \"" + t + "_by_hand\" SELECT * FROM \"" + t + "\"");
    exec("DROP TABLE \"" + t + "\"");
    exec("ALTER TABLE \"" + t + "_by_hand\" RENAME TO \"" + t + "\"");
    for (const std::string& i : indexes) exec(i);
    exec("PRAGMA foreign_keys = ON");
}

TEST_F(TrustSqlite, ARebuildTakesATypeOrDefaultChangedByHandThatItsRunChanges) {
    auto m = make<chain_k>();
    m.upgrade_to(1);
    remake(db(), "by_default", "DEFAULT 0", "DEFAULT 5");
    remake(db(), "by_drop", "DEFAULT 0", "DEFAULT 5");
    remake(db(), "by_type", "\"n\" INTEGER", "\"n\" NUMERIC");
    remake(db(), "by_column", "\"spare\" TEXT", "\"spare\" BLOB DEFAULT 'x'");
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    auto dflt = [&](const std::string& t) {
        return strata::session(db()).query_value<std::string>("SELECT coalesce(dflt_value, 'none') || ' ' || type FROM pragma_table_info('" +
                                                              t + "') WHERE name = 'n'");
    };
    EXPECT_EQ(dflt("by_default"), "7 INTEGER");
    EXPECT_EQ(dflt("by_drop"), "none INTEGER");
    EXPECT_EQ(dflt("by_type"), "none REAL");
}

// What changes nothing once the table is made again: a DEFAULT NULL, a foreign key NOT
// DEFERRABLE INITIALLY DEFERRED or DEFERRABLE INITIALLY IMMEDIATE (SQLite checks both at each
// statement). verify() agrees.
TEST_F(TrustSqlite, ARebuildTakesWhatChangesNothing) {
    make<chain_c1>().upgrade();
    remake(db(), "kept", "\"code\" TEXT UNIQUE", "\"code\" TEXT UNIQUE DEFAULT NULL");
    remake(db(), "kept", "(\"id\"),\n  \"mood\"", "(\"id\") NOT DEFERRABLE INITIALLY DEFERRED,\n  \"mood\"");
    auto m = make<chain_c>();
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    remake(db(), "kept", "(\"id\"),\n  \"mood\"", "(\"id\") DEFERRABLE INITIALLY IMMEDIATE,\n  \"mood\"");
    EXPECT_EQ(m.upgrade().to, 2u);
}

// A check spelled otherwise (case, quotes, white space, comments) is the chain's; a hand change
// of a check the run drops, or of an enum's the run changes, goes with it. verify() agrees.
TEST_F(TrustSqlite, ARebuildTakesACheckSpelledOtherwiseOrOneItsRunChanges) {
    auto m = make<chain_q>();
    m.upgrade_to(1);
    remake(db(), "q", "CHECK (n >= 0)", "check(\"N\">=0 /* at least none */)");
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    remake(db(), "q", "CHECK (m < 100)", "CHECK (m < 50)");
    remake(db(), "q", "IN ('s', 'm')", "IN ('s', 'm', 'xl')");
    const std::string text = m.verify().text();
    EXPECT_NE(text.find("not in schema_at<1>: check q: m<50"), std::string::npos) << text;
    EXPECT_NE(text.find("missing from the database: check q: m<100"), std::string::npos) << text;
    EXPECT_NE(text.find("not in schema_at<1>: check q: size in('s','m','xl')"), std::string::npos) << text;
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    exec("INSERT INTO \"q\" (\"id\", \"n\", \"m\", \"size\") VALUES (1, 0, 500, 'l')");  // q_m gone, l in
    EXPECT_THROW(exec("INSERT INTO \"q\" (\"id\", \"n\") VALUES (2, -1)"), strata::database_error);  // n's check kept
    exec("DELETE FROM \"q\"");  // (an l would stop the down: its CHECK has no l)
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

// Nothing runs outside the migration's transaction once SQLite has ended it: the step's next
// statement and the bookkeeping's are refused, and the migration fails as a whole.
TEST_F(TrustSqlite, NothingRunsAfterSqliteRolledTheMigrationBack) {
    auto m = make<chain_rb>();
    m.upgrade_to(1);
    exec("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (1, 5)");
    try {
        m.upgrade();
        FAIL() << "the migration was recorded after SQLite rolled it back";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("rolled back"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("the database is at version 1"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"items\""), 1);  // not 10, not 11
    EXPECT_FALSE(db().in_transaction());
}

// A hand-made check in place of a named one the run drops is no change of that one: refused.
TEST_F(TrustSqlite, ARebuildRefusesAHandMadeCheckInPlaceOfOneItsRunDrops) {
    auto m = make<chain_q>();
    m.upgrade_to(1);
    remake(db(), "q", "CONSTRAINT \"q_m\" CHECK (m < 100)", "CHECK (n <= 1000)");
    try {
        m.upgrade();
        FAIL() << "the rebuild dropped a check made by hand";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::unknown_objects) << e.what();
        EXPECT_NE(std::string(e.what()).find("a CHECK constraint (n <= 1000) the chain does not declare"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 1u);
}

// One verdict: what the guard refuses in a table's definition, verify() names as drift.
TEST_F(TrustSqlite, VerifyNamesTheClausesAndOptionsARebuildRefuses) {
    make<chain_c1>().upgrade();
    remake(db(), "kept", "\"code\" TEXT UNIQUE", "\"code\" TEXT COLLATE NOCASE UNIQUE");
    remake(db(), "kept", "\"id\" INTEGER NOT NULL", "\"id\" INTEGER NOT NULL ON CONFLICT REPLACE");
    remake(db(), "kept", "(\"id\"),\n  \"mood\"", "(\"id\") DEFERRABLE INITIALLY DEFERRED,\n  \"mood\"");
    auto m = make<chain_c>();
    std::string text = m.verify().text();
    for (const char* fact : {"clause kept COLLATE", "clause kept ON CONFLICT", "clause kept DEFERRABLE INITIALLY DEFERRED"})
        EXPECT_NE(text.find(std::string("not in schema_at<1>: ") + fact), std::string::npos) << text;
    EXPECT_THROW(m.upgrade(), strata::migration_error);
    remake(db(), "kept", "\n)", "\n) STRICT");
    text = m.verify().text();
    EXPECT_NE(text.find("not in schema_at<1>: option kept STRICT"), std::string::npos) << text;
}

// A generated column (hidden from pragma table_info) and an index of the chain's made again
// partial: verify() names both, as the guard refuses both (and the offline script's guard
// points to verify for them).
TEST_P(Trust, VerifyNamesAGeneratedColumnAndAPartialIndexMadeByHand) {
    const bool sqlite = std::string(GetParam()) == "sqlite";
    make<chain_g1>().upgrade();
    auto m = make<chain_g>();
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    db().execute(sqlite ? "ALTER TABLE \"gauges\" ADD COLUMN \"twice\" INTEGER GENERATED ALWAYS AS (qty * 2)"
                        : "ALTER TABLE \"gauges\" ADD COLUMN \"twice\" INTEGER GENERATED ALWAYS AS (qty * 2) STORED",
                 {}, {});
    std::string text = m.verify().text();
    EXPECT_NE(text.find("not in schema_at<1>: column gauges.twice"), std::string::npos) << text;
    if (sqlite) {
        EXPECT_THROW(m.upgrade(), strata::migration_error);  // (the rebuild's guard; PostgreSQL alters in place)
    }
    db().execute("ALTER TABLE \"gauges\" DROP COLUMN \"twice\"", {}, {});
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    db().execute("DROP INDEX \"gauges_qty_idx\"", {}, {});
    db().execute("CREATE INDEX \"gauges_qty_idx\" ON \"gauges\" (\"qty\", \"code\") WHERE \"qty\" > 0", {}, {});
    text = m.verify().text();
    EXPECT_NE(text.find("not in schema_at<1>: index gauges_qty_idx on gauges(qty,code) partial"), std::string::npos) << text;
    EXPECT_NE(text.find("missing from the database: index gauges_qty_idx on gauges(qty,code)\n"), std::string::npos) << text;
    if (sqlite) {
        EXPECT_THROW(m.upgrade(), strata::migration_error);
    }
    // Made again on the same columns otherwise: DESC, a COLLATE, NULLS FIRST; on PostgreSQL also
    // another operator class, another access method, INCLUDE columns.
    struct remade {
        const char* definition;
        const char* fact;
    };
    const std::vector<remade> sqlite_again = {{"(\"qty\" DESC, \"code\")", "(qty desc,code)"},
                                              {"(\"qty\", \"code\" COLLATE NOCASE)", "(qty,code collate NOCASE)"}};
    const std::vector<remade> pg_again = {{"(\"qty\" DESC, \"code\")", "(qty desc,code)"},
                                          {"(\"qty\", \"code\" COLLATE \"C\")", "(qty,code collate C)"},
                                          {"(\"qty\" NULLS FIRST, \"code\")", "(qty nulls first,code)"},
                                          {"(\"qty\", \"code\" text_pattern_ops)", "(qty,code text_pattern_ops)"},
                                          {"USING brin (\"qty\", \"code\")", "(qty,code) using brin"},
                                          {"(\"qty\", \"code\") INCLUDE (\"id\")", "(qty,code) include(id)"}};
    for (const remade& again : sqlite ? sqlite_again : pg_again) {
        db().execute("DROP INDEX \"gauges_qty_idx\"", {}, {});
        db().execute(std::string("CREATE INDEX \"gauges_qty_idx\" ON \"gauges\" ") + again.definition, {}, {});
        text = m.verify().text();
        EXPECT_NE(text.find(std::string("missing from the database: index gauges_qty_idx on gauges(qty,code)\n")), std::string::npos)
            << again.definition << text;
        EXPECT_NE(text.find(std::string("not in schema_at<1>: index gauges_qty_idx on gauges") + again.fact + "\n"), std::string::npos)
            << again.definition << text;
    }
    // One of the chain's columns made again as a generated one.
    db().execute("DROP INDEX \"gauges_qty_idx\"", {}, {});
    if (sqlite) {
        db().execute("CREATE TABLE \"gauges_by_hand\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"qty\" INTEGER, "
                     "\"code\" TEXT GENERATED ALWAYS AS (CAST(qty AS TEXT)) VIRTUAL)", {}, {});
        db().execute("DROP TABLE \"gauges\"", {}, {});
        db().execute("ALTER TABLE \"gauges_by_hand\" RENAME TO \"gauges\"", {}, {});
    } else {
        db().execute("ALTER TABLE \"gauges\" DROP COLUMN \"code\"", {}, {});
        db().execute("ALTER TABLE \"gauges\" ADD COLUMN \"code\" TEXT GENERATED ALWAYS AS (qty::text) STORED", {}, {});
    }
    db().execute("CREATE INDEX \"gauges_qty_idx\" ON \"gauges\" (\"qty\", \"code\")", {}, {});
    text = m.verify().text();
    EXPECT_NE(text.find(sqlite ? "not in schema_at<1>: column gauges.code TEXT generated\n" : "not in schema_at<1>: column gauges.code text generated\n"),
              std::string::npos) << text;
    if (sqlite) {
        EXPECT_THROW(m.upgrade(), strata::migration_error);
    }
}

// What makes a unique index take other rows than the chain's: its NULLs made not distinct
// (PostgreSQL 15), a column's collation (a case-insensitive one makes 'abc' a duplicate of 'ABC').
TEST_P(Trust, VerifyNamesWhatMakesAUniqueIndexTakeOtherRows) {
    const bool sqlite = std::string(GetParam()) == "sqlite";
    auto m = make<chain_un>();
    m.upgrade();
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    if (sqlite) {
        remake(db(), "things", "\"name\" TEXT", "\"name\" TEXT COLLATE NOCASE");
        const std::string text = m.verify().text();
        EXPECT_NE(text.find("index things_uq on things(code,name collate NOCASE) unique"), std::string::npos) << text;
        EXPECT_NE(text.find("clause things COLLATE"), std::string::npos) << text;
        return;
    }
    exec("DROP INDEX \"things_uq\"");
    exec("CREATE UNIQUE INDEX \"things_uq\" ON \"things\" (\"code\", \"name\") NULLS NOT DISTINCT");
    std::string text = m.verify().text();
    EXPECT_NE(text.find("not in schema_at<1>: index things_uq on things(code,name) unique nulls not distinct\n"), std::string::npos)
        << text;
    exec("DROP INDEX \"things_uq\"");
    exec("CREATE UNIQUE INDEX \"things_uq\" ON \"things\" (\"code\", \"name\")");
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    exec("ALTER TABLE \"things\" ALTER COLUMN \"name\" TYPE text COLLATE \"C\"");
    text = m.verify().text();
    EXPECT_NE(text.find("not in schema_at<1>: column things.name text collate C default=\n"), std::string::npos) << text;
    // a unique constraint (a column's unique) made again NULLS NOT DISTINCT
    strata::migrator<chain_un2> u(db(), strata::migrator_options{"things2", log.sink()});
    u.upgrade();
    EXPECT_TRUE(u.verify().ok()) << u.verify().text();
    exec("ALTER TABLE \"things2\" DROP CONSTRAINT \"things2_code_key\"");
    exec("ALTER TABLE \"things2\" ADD CONSTRAINT \"things2_code_key\" UNIQUE NULLS NOT DISTINCT (\"code\")");
    text = u.verify().text();
    EXPECT_NE(text.find("not in schema_at<1>: nulls not distinct things2(code)\n"), std::string::npos) << text;
}

TEST_F(TrustSqlite, VerifyNamesACheckChangedByHand) {
    make<chain_c1>().upgrade();
    auto m = make<chain_c>();
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    remake(db(), "kept", "CHECK (qty >= 0)", "CHECK (qty >= 5)");
    const std::string text = m.verify().text();
    EXPECT_NE(text.find("not in schema_at<1>: check kept: qty>=5"), std::string::npos) << text;
    EXPECT_NE(text.find("missing from the database: check kept: qty>=0"), std::string::npos) << text;
    EXPECT_THROW(m.upgrade(), strata::migration_error);
}

TEST_F(TrustSqlite, ARebuildKeepsTheChainsOwnTypesAndDefaultsWithoutAWord) {
    auto m = make<chain_e>();
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_EQ(m.upgrade().to, 2u);
    exec("INSERT INTO \"every\" (\"id\", \"x\") VALUES (1, 1)");
    EXPECT_EQ(strata::session(db()).query_value<std::string>("SELECT \"quote\" FROM \"every\""), "it's '' \"so\"");
}

TEST_F(TrustSqlite, ARebuildKeepsEachRowsRowidBothWays) {
    auto m = make<chain_w>();
    m.upgrade_to(1);
    for (const char* t : {"notes", "shadow"}) {
        for (int i = 1; i <= 4; ++i) exec(std::string("INSERT INTO \"") + t + "\" (\"tag\") VALUES ('t" + std::to_string(i) + "')");
        exec(std::string("DELETE FROM \"") + t + "\" WHERE \"tag\" IN ('t1', 't3')");  // rowids 2 and 4 left
    }
    exec("UPDATE \"shadow\" SET \"rowid\" = 'mine'");
    auto rowids = [&](const char* t) {
        std::string out;
        db().execute(std::string("SELECT _rowid_, \"tag\" FROM \"") + t + "\" ORDER BY 1", {},
                     [&](const strata::row& r) { out += std::to_string(r.get<std::int64_t>(0)) + "=" + r.get<std::string>(1) + " "; });
        return out;
    };
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_EQ(rowids("notes"), "2=t2 4=t4 ");
    EXPECT_EQ(rowids("shadow"), "2=t2 4=t4 ");
    EXPECT_EQ(strata::session(db()).query_value<std::string>("SELECT \"rowid\" FROM \"shadow\" WHERE \"tag\" = 't4'"), "mine");
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_EQ(rowids("notes"), "2=t2 4=t4 ");
    EXPECT_EQ(rowids("shadow"), "2=t2 4=t4 ");
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

TEST_F(TrustSqlite, ATriggerOnARebuiltTableMustBeRestated) {
    make<chain_t1>().upgrade();
    try {
        make<chain_t_forgets>().upgrade();
        FAIL() << "the rebuild dropped the trigger";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::unknown_objects);
        EXPECT_NE(std::string(e.what()).find("trigger \"items_log\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(db(), "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'items_log'"), 1);

    auto m = make<chain_t_restates>();
    EXPECT_EQ(m.upgrade().to, 2u);
    exec("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (7, 1)");
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"log\" WHERE \"item\" = 7"), 1);  // the trigger is there and fires
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'items_log'"), 1);
}

TEST_F(TrustSqlite, VerifyKnowsTheChainsOwnTriggersAndNamesOthers) {
    auto m = make<chain_t_restates>();
    m.upgrade();
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();  // items_log is the chain's (execute<>)
    exec("CREATE TRIGGER \"by_hand\" AFTER DELETE ON \"items\" BEGIN SELECT 1; END");
    exec("CREATE VIEW \"items_view\" AS SELECT \"id\" FROM \"items\"");
    const auto v = m.verify();
    EXPECT_FALSE(v.ok());
    EXPECT_NE(v.text().find("trigger by_hand on items"), std::string::npos) << v.text();
    EXPECT_NE(v.text().find("view items_view"), std::string::npos) << v.text();
    EXPECT_EQ(v.text().find("items_log"), std::string::npos) << v.text();
    EXPECT_THROW(m.downgrade_to(1), strata::migration_error);  // the down's rebuild would lose by_hand
    exec("DROP TRIGGER \"by_hand\"");
    exec("DROP VIEW \"items_view\"");
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
}

TEST_F(TrustSqlite, AViewUsingARebuiltTableFailsTheRenameAndSaysHowToGoOn) {
    make<chain_r1>().upgrade();
    exec("CREATE VIEW \"big_items\" AS SELECT * FROM Items WHERE qty > 10");  // unquoted, other case: still the table
    exec("CREATE TABLE \"other\" (\"x\" INTEGER)");
    exec("CREATE VIEW \"counts\" AS SELECT count(*) AS items FROM \"other\"");  // the word, not the table: no matter
    try {
        make<chain_r>().upgrade();
        FAIL() << "expected a failure";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();  // (refused before the migration: the view is there already)
        EXPECT_NE(what.find("whose up rebuilds table \"items\" (SQLite: a new table renamed into its place), which view "
                            "\"big_items\" uses"),
                  std::string::npos) << what;
        EXPECT_NE(what.find("restate it around the change"), std::string::npos) << what;
        EXPECT_NE(what.find("nothing was changed"), std::string::npos) << what;
    }
    EXPECT_EQ(make<chain_r>().status().current, 1u);
    exec("DROP VIEW \"big_items\"");
    // a view the migration makes itself before its rebuild fails the rebuild's rename there
    using made_view = strata::migration<2, "view, then rebuild",
        execute<"CREATE VIEW big_items AS SELECT * FROM items WHERE qty > 10", "DROP VIEW big_items">,
        alter_column<"items", "qty", set_not_null>>;
    try {
        make<strata::chain<r1, made_view>>().upgrade();
        FAIL() << "expected a failure";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("error in view big_items"), std::string::npos) << what;
        EXPECT_NE(what.find("restate it around the rebuild"), std::string::npos) << what;
        EXPECT_NE(what.find("nothing of it was applied"), std::string::npos) << what;
    }
    EXPECT_EQ(make<chain_r>().status().current, 1u);
    EXPECT_EQ(make<chain_r>().upgrade().to, 2u);  // the other view does not use the table
}

TEST_F(TrustSqlite, PlanShowsTheRebuildCheck) {
    make<chain_r1>().upgrade();
    const auto p = make<chain_r>().plan(2);
    ASSERT_EQ(p.migrations.size(), 1u);
    ASSERT_FALSE(p.migrations[0].statements.empty());
    EXPECT_NE(p.migrations[0].statements[0].find("-- check: table \"items\""), std::string::npos) << p.migrations[0].statements[0];
}

TEST_F(TrustSqlite, ACoalescedRebuildsGuardKnowsTheTableOnEitherSideOfTheRun) {
    make<chain_s1>().upgrade();
    exec("INSERT INTO \"spares\" (\"id\", \"qty\", \"spare\") VALUES (1, 5, 'old')");
    auto m = make<chain_s>();
    auto checks = [](const strata::plan_report& p) {
        std::vector<std::string> out;
        for (const auto& pm : p.migrations)
            for (const std::string& st : pm.statements)
                if (st.starts_with("-- check: ")) out.push_back(st);
        return out;
    };
    EXPECT_EQ(checks(m.plan(2)).size(), 1u) << m.plan(2).sql();  // one rebuild for the three operations

    exec("ALTER TABLE \"spares\" ADD COLUMN \"by_hand\" TEXT");
    try {
        m.upgrade();
        FAIL() << "the coalesced rebuild dropped a column the chain does not know";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.kind(), migration_failure::unknown_objects);
        EXPECT_NE(what.find("column \"by_hand\" (and its data)"), std::string::npos) << what;
        EXPECT_EQ(what.find("spare\""), std::string::npos) << what;  // known before the run: it drops it
    }
    EXPECT_EQ(m.status().current, 1u);
    exec("ALTER TABLE \"spares\" DROP COLUMN \"by_hand\"");
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(count(db(), "SELECT \"qty\" FROM \"spares\" WHERE \"id\" = 1"), 5);

    // Down: the guard knows the table after the run, label and all.
    exec("UPDATE \"spares\" SET \"label\" = 'new'");
    EXPECT_EQ(checks(m.plan(1)).size(), 1u) << m.plan(1).sql();
    exec("ALTER TABLE \"spares\" ADD COLUMN \"by_hand\" TEXT");
    try {
        m.downgrade_to(1);
        FAIL() << "the coalesced down rebuild dropped a column the chain does not know";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.kind(), migration_failure::unknown_objects);
        EXPECT_NE(what.find("column \"by_hand\" (and its data)"), std::string::npos) << what;
        EXPECT_EQ(what.find("label"), std::string::npos) << what;
    }
    EXPECT_EQ(m.status().current, 2u);
    exec("ALTER TABLE \"spares\" DROP COLUMN \"by_hand\"");
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_TRUE(make<chain_s1>().verify().ok()) << make<chain_s1>().verify().text();
    EXPECT_EQ(count(db(), "SELECT \"qty\" FROM \"spares\" WHERE \"id\" = 1"), 5);
}

// ---- 2. Foreign keys checked before the commit of a rebuilding migration ----

TEST_P(Trust, ADanglingReferenceWrittenAfterARebuildDoesNotCommit) {
    make<chain_f1>().upgrade();
    auto m = make<chain_f>();
    try {
        m.upgrade();
        FAIL() << "a dangling reference committed";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.version(), 2u);
        if (sqlite()) {
            EXPECT_EQ(e.kind(), migration_failure::foreign_key_violation) << e.what();
            EXPECT_NE(std::string(e.what()).find("table \"children\" row 1 references missing \"parents\""), std::string::npos)
                << e.what();
        }
    }
    EXPECT_EQ(m.status().current, 1u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"children\""), 0);
}

TEST_F(TrustSqlite, DanglingRowsFromBeforeTheMigrationAreNotItsFault) {
    make<chain_r1>().upgrade();
    // The application's own tables, written with foreign keys off (SQLite's default), and a
    // key SQLite cannot check at all.
    strata::sqlite::connection app(sqlite_path());
    app.execute("PRAGMA foreign_keys = OFF", {}, {});
    app.execute("CREATE TABLE \"app_users\" (\"id\" INTEGER PRIMARY KEY)", {}, {});
    app.execute("CREATE TABLE \"app_legacy\" (\"uid\" INTEGER REFERENCES \"app_users\" (\"id\"))", {}, {});
    app.execute("INSERT INTO \"app_legacy\" VALUES (42)", {}, {});
    app.execute("CREATE TABLE \"p\" (\"a\" INTEGER)", {}, {});
    app.execute("CREATE TABLE \"ch\" (\"x\" INTEGER REFERENCES \"p\" (\"a\"))", {}, {});
    auto m = make<chain_r>();
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
}

// ... also when the migration renames the row's table, or the table it references: the same
// row under their new names. A row it leaves dangling is still its own.
TEST_F(TrustSqlite, DanglingRowsFromBeforeAMigrationThatRenamesTheirTablesAreNotItsFault) {
    make<chain_o1>().upgrade();
    strata::sqlite::connection app(sqlite_path());
    app.execute("PRAGMA foreign_keys = OFF", {}, {});
    app.execute("INSERT INTO \"pets\" (\"id\", \"owner\") VALUES (7, 99)", {}, {});
    auto m = make<chain_o>();
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"pets\" WHERE \"owner\" = 99"), 1);
    auto bad = make<chain_o_orphaning>();
    try {
        bad.upgrade();
        FAIL() << "a dangling reference committed";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::foreign_key_violation) << e.what();
        EXPECT_NE(std::string(e.what()).find("table \"animals\" row 8 references missing \"keepers\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(bad.status().current, 1u);
}

// One verdict: what `verify` calls the chain's, the rebuild keeps (a copy of a check, a UNIQUE on
// the primary key: nothing is lost); what the rebuild would lose, `verify` names (an ON UPDATE).
TEST_F(TrustSqlite, VerifyAndTheRebuildGuardJudgeAHandMadeTableAlike) {
    make<chain_v1>().upgrade();
    exec("INSERT INTO \"teams\" (\"id\") VALUES (7)");
    exec("INSERT INTO \"people\" (\"id\", \"team\", \"score\", \"note\") VALUES (1, 7, 3, 'n')");
    auto m = make<chain_v>();
    remake(db(), "people", "CHECK (score >= 0)", "CHECK (score >= 0) CHECK (score >= 0)");
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    remake(db(), "people", "\"id\" INTEGER NOT NULL PRIMARY KEY", "\"id\" INTEGER NOT NULL PRIMARY KEY UNIQUE");
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"people\" WHERE \"score\" = 3"), 1);
    EXPECT_THROW(exec("INSERT INTO \"people\" (\"id\", \"score\", \"note\") VALUES (2, -1, '')"), strata::database_error);
    m.downgrade_to(1);
    remake(db(), "people", "REFERENCES \"teams\" (\"id\")", "REFERENCES \"teams\" (\"id\") ON UPDATE CASCADE");
    const std::string text = m.verify().text();
    EXPECT_NE(text.find("fk people.team -> teams.id NO ACTION on update CASCADE"), std::string::npos) << text;
    EXPECT_THROW(m.upgrade(), strata::migration_error);
    EXPECT_EQ(m.status().current, 1u);
}

// A row's broken references are told apart by the key's columns: one mended and another broken
// in the same row is found (following a column's rename, a row broken before is still itself).
TEST_F(TrustSqlite, ABrokenReferenceMovedToAnotherKeyOfItsRowIsFound) {
    make<chain_hk1>().upgrade();
    strata::sqlite::connection app(sqlite_path());
    app.execute("INSERT INTO \"parents\" VALUES (1)", {}, {});
    app.execute("PRAGMA foreign_keys = OFF", {}, {});
    app.execute("INSERT INTO \"child\" VALUES (1, 99, 1, 'x'), (2, 1, 1, 'y')", {}, {});
    auto m = make<chain_hk>();
    try {
        m.upgrade();
        FAIL() << "a broken reference moved to another key committed";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::foreign_key_violation) << e.what();
        EXPECT_NE(std::string(e.what()).find("row 1 references missing \"parents\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 1u);
    auto r = make<chain_hk_renamed>();
    EXPECT_EQ(r.upgrade().to, 2u);
    EXPECT_EQ(r.downgrade_to(1).to, 1u);
}

// SQLite converts each value as the new column's affinity does: a text of an integer too large
// for 64 bits would be kept as a REAL (rounded) in the INTEGER column. Refused, as PostgreSQL
// refuses such a value (out of range); nothing changed.
TEST_F(TrustSqlite, ATypeChangeRoundsNoValue) {
    make<chain_ty1>().upgrade();
    exec("INSERT INTO \"accounts\" VALUES (1, '12345678901234567890'), (2, '42')");
    auto m = make<chain_ty>();
    try {
        m.upgrade();
        FAIL() << "a value rounded by a type change";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::statement_failed) << e.what();
        EXPECT_NE(std::string(e.what()).find("\"ext_id\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 1u);
    EXPECT_EQ(strata::session(db()).query_value<std::string>("SELECT \"ext_id\" FROM \"accounts\" WHERE \"id\" = 1"),
              "12345678901234567890");
    exec("UPDATE \"accounts\" SET \"ext_id\" = '7' WHERE \"id\" = 1");
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"accounts\" WHERE typeof(\"ext_id\") = 'integer'"), 2);
}

// Its sibling for NUMERIC (SQLite keeps a number as a 64-bit INTEGER or a REAL): a text whose
// value neither holds exactly (more digits than a REAL keeps, past a REAL's range, or a
// fraction SQLite makes an INTEGER of) would be stored changed. Refused, naming the column and
// the first such value, as strata::insert refuses such a value; so is a text that is no number
// (SQLite keeps it as TEXT, PostgreSQL refuses it); a value either holds whole
// ("1.50", "0.1", 18 digits of an integer, a whole number written with zeros after the point)
// is converted.
TEST_F(TrustSqlite, ATypeChangeToNumericRoundsNoValue) {
    make<chain_tn1>().upgrade();
    exec("INSERT INTO \"ledger\" VALUES (1, '1.50'), (2, ' 0.1'), (3, '123456789012345678'), (4, '12345678901234.5'), "
         "(6, NULL), (7, '-0012.000'), (8, '1e3'), (9, '9007199254740992.000')");
    const char* const lossy[] = {"12345678901234567890.12", "1e400", "1234567890123456789.0", "0.10000000000000000001", "1e-400",
                                 "1234567890123456.5", "n/a"};
    for (const char* v : lossy) {
        SCOPED_TRACE(v);
        exec(std::string("INSERT INTO \"ledger\" VALUES (100, '") + v + "')");
        auto m = make<chain_tn>();
        try {
            m.upgrade();
            FAIL() << "a value changed by a type change";
        } catch (const strata::migration_error& e) {
            EXPECT_EQ(e.kind(), migration_failure::statement_failed) << e.what();
            EXPECT_NE(std::string(e.what()).find("column \"amount\" of table \"ledger\""), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(std::string("'") + v + "'"), std::string::npos) << e.what();
        }
        EXPECT_EQ(m.status().current, 1u);
        EXPECT_EQ(strata::session(db()).query_value<std::string>("SELECT \"amount\" FROM \"ledger\" WHERE \"id\" = 100"), v);
        exec("DELETE FROM \"ledger\" WHERE \"id\" = 100");
    }
    EXPECT_EQ(make<chain_tn>().upgrade().to, 2u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"ledger\" WHERE typeof(\"amount\") IN ('integer', 'real')"), 7);
    EXPECT_EQ(strata::session(db()).query_value<std::int64_t>("SELECT \"amount\" FROM \"ledger\" WHERE \"id\" = 3"),
              123456789012345678);
    EXPECT_EQ(strata::session(db()).query_value<double>("SELECT \"amount\" FROM \"ledger\" WHERE \"id\" = 4"), 12345678901234.5);
    EXPECT_EQ(strata::session(db()).query_value<std::int64_t>("SELECT \"amount\" FROM \"ledger\" WHERE \"id\" = 9"),
              9007199254740992);
    // The same copy in a derived down (text back to NUMERIC).
    auto m = make<chain_tn3>();
    EXPECT_EQ(m.upgrade().to, 3u);
    exec("INSERT INTO \"ledger\" VALUES (100, '12345678901234567890.12')");
    try {
        m.downgrade_to(2);
        FAIL() << "a value changed by a type change's down";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("'12345678901234567890.12'"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 3u);
}

// The same for integer and boolean types: a text SQLite cannot convert stays TEXT in the
// column, a fraction stays a REAL; PostgreSQL refuses each (helper 53). Refused, naming the
// first; values either keeps (' 42', '1' as a boolean) convert, and a REAL the old column held
// (PostgreSQL rounds it) and a text PostgreSQL reads as a boolean ('yes') are kept as before.
using tk1 = strata::migration<1, "flags", create_table<"flags", column<"id", bigint, primary_key>, column<"n", text>, column<"on", text>>>;
using chain_tk1 = strata::chain<tk1>;
using chain_tk = strata::chain<tk1, strata::migration<2, "typed", alter_column<"flags", "n", set_type<bigint>>,
                                                      alter_column<"flags", "on", set_type<boolean>>>>;
using tr1 = strata::migration<1, "ratios", create_table<"ratios", column<"id", bigint, primary_key>, column<"r", double_precision>>>;
using chain_tr = strata::chain<tr1, strata::migration<2, "whole", alter_column<"ratios", "r", set_type<bigint>>>>;
TEST_F(TrustSqlite, ATypeChangeKeepsNoValuePostgresWouldRefuse) {
    make<chain_tk1>().upgrade();
    exec("INSERT INTO \"flags\" VALUES (1, ' 42', '1'), (2, NULL, '0'), (3, '-7', NULL)");
    const std::pair<const char*, const char*> bad[] = {{"(100, 'abc', '1')", "'abc'"}, {"(100, '12.5', '1')", "12.5"},
                                                       {"(100, '', '1')", "''"}, {"(100, '1', 'maybe')", "'maybe'"}};
    for (const auto& [row, first] : bad) {
        SCOPED_TRACE(row);
        exec(std::string("INSERT INTO \"flags\" VALUES ") + row);
        auto m = make<chain_tk>();
        try {
            m.upgrade();
            FAIL() << "a value PostgreSQL refuses kept by a type change";
        } catch (const strata::migration_error& e) {
            EXPECT_EQ(e.kind(), migration_failure::statement_failed) << e.what();
            EXPECT_NE(std::string(e.what()).find(std::string("the first: ") + first), std::string::npos) << e.what();
        }
        EXPECT_EQ(m.status().current, 1u);
        exec("DELETE FROM \"flags\" WHERE \"id\" = 100");
    }
    exec("INSERT INTO \"flags\" VALUES (4, '5', 'Yes')");

    EXPECT_EQ(make<chain_tk>().upgrade().to, 2u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"flags\" WHERE typeof(\"n\") = 'integer' AND typeof(\"on\") IN ('integer', 'null')"), 2);
}

TEST_F(TrustSqlite, ATypeChangeKeepsAValueTheColumnHeldAsBefore) {
    make<chain_tr>().upgrade_to(1);
    exec("INSERT INTO \"ratios\" VALUES (1, 12.5)");
    EXPECT_EQ(make<chain_tr>().upgrade().to, 2u);  // (a REAL of its own: PostgreSQL rounds it, SQLite keeps it)
}

// A unique index that another table's foreign key relies on (SQLite: the UNIQUE key of what it
// references) is not dropped from under it, up (drop_index) or in a derived down
// (create_unique_index's): the key would reference nothing SQLite can check, and PostgreSQL
// refuses such a drop.
TEST_F(TrustSqlite, AUniqueIndexAForeignKeyReliesOnStays) {
    make<chain_ui1>().upgrade();
    exec("INSERT INTO \"items\" VALUES (1, 'a')");
    exec("CREATE TABLE \"holders\" (\"id\" INTEGER PRIMARY KEY, \"code\" TEXT REFERENCES \"items\" (\"code\"))");
    exec("INSERT INTO \"holders\" VALUES (1, 'a')");
    auto m = make<chain_ui>();
    try {
        m.upgrade();
        FAIL() << "a unique index dropped from under a foreign key";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("\"holders\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 1u);
    EXPECT_THROW(make<chain_ui1>().downgrade_to(0), strata::migration_error);
    exec("INSERT INTO \"holders\" VALUES (2, 'a')");  // (the key still works)
    exec("DROP TABLE \"holders\"");
    EXPECT_EQ(m.upgrade().to, 2u);
}

// A row of the rebuilt table itself left dangling before the migration is not its fault either:
// the rebuild's own foreign-key check passes over it, as the check at the end does.
TEST_F(TrustSqlite, ARebuildOfATableWithARowDanglingFromBeforeGoesOn) {
    make<chain_f1>().upgrade();
    strata::sqlite::connection app(sqlite_path());
    app.execute("PRAGMA foreign_keys = OFF", {}, {});
    app.execute("INSERT INTO \"children\" (\"id\", \"parent_id\") VALUES (5, 999)", {}, {});
    auto m = make<chain_fn>();
    EXPECT_EQ(m.upgrade().to, 2u);
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"children\" WHERE \"parent_id\" = 999"), 1);
}

// ... whatever the rebuild does to the table's other keys (SQLite numbers them anew), and when a
// table is renamed into the name another had before the rebuild.
TEST_F(TrustSqlite, ARowDanglingFromBeforeIsTheSameRowAfterKeysAndNamesMove) {
    make<chain_kk1>().upgrade();
    strata::sqlite::connection app(sqlite_path());
    app.execute("INSERT INTO \"parents\" VALUES (1)", {}, {});
    app.execute("INSERT INTO \"others\" VALUES (1)", {}, {});
    app.execute("INSERT INTO \"child\" VALUES (1, 1, 1, 'ok')", {}, {});
    app.execute("PRAGMA foreign_keys = OFF", {}, {});
    app.execute("INSERT INTO \"child\" VALUES (2, 99, NULL, 'from before')", {}, {});
    auto k = make<chain_kk>();
    EXPECT_EQ(k.upgrade().to, 2u);
    EXPECT_EQ(k.downgrade_to(1).to, 1u);
    exec("DROP TABLE \"child\"");
    exec("DROP TABLE \"others\"");
    exec("DROP TABLE \"parents\"");
    exec("DELETE FROM \"strata_migrations\"");
    make<chain_sw1>().upgrade();
    app.execute("INSERT INTO \"new_orders\" VALUES (5, 99, 'x')", {}, {});
    auto w = make<chain_sw>();
    EXPECT_EQ(w.upgrade().to, 2u);
    EXPECT_EQ(w.downgrade_to(1).to, 1u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"new_orders\" WHERE \"cust\" = 99"), 1);
}

// A rebuild that takes from a table what another table's foreign key references (a unique
// column dropped, up; a unique key, in a derived down) leaves that key referencing nothing
// SQLite can check ("foreign key mismatch"): refused, as PostgreSQL refuses it.
TEST_F(TrustSqlite, ARebuildKeepsWhatAnotherTablesForeignKeyReferences) {
    make<chain_fk1>().upgrade();
    exec("INSERT INTO \"items\" (\"id\", \"code\", \"qty\") VALUES (1, 'a', 1), (2, 'b', 2)");
    exec("CREATE TABLE \"bycode\" (\"id\" INTEGER PRIMARY KEY, \"code\" TEXT REFERENCES \"items\" (\"code\") ON DELETE CASCADE)");
    exec("INSERT INTO \"bycode\" VALUES (1, 'a'), (2, 'b')");
    auto m = make<chain_fk>();
    try {
        m.upgrade();
        FAIL() << "a foreign key left referencing nothing";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::foreign_key_violation) << e.what();
        EXPECT_NE(std::string(e.what()).find("\"bycode\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 1u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"items\" WHERE \"code\" IS NOT NULL"), 2);
    exec("DROP TABLE \"bycode\"");
    exec("DROP TABLE \"items\"");
    exec("DELETE FROM \"strata_migrations\"");
    auto u = make<chain_uq>();
    u.upgrade();
    exec("CREATE TABLE \"bycode\" (\"id\" INTEGER PRIMARY KEY, \"code\" TEXT REFERENCES \"items\" (\"code\"))");
    EXPECT_THROW(u.downgrade_to(1), strata::migration_error);
    EXPECT_EQ(u.status().current, 2u);
}

// A row the migration leaves dangling is found although one alike dangled before it: rows
// without a rowid (each "row ?"), counted, not only listed.
TEST_F(TrustSqlite, ADanglingRowAlikeToOneFromBeforeIsStillFound) {
    make<chain_wr1>().upgrade();
    exec("INSERT INTO \"users\" (\"id\", \"name\") VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    exec("CREATE TABLE \"sessions\" (\"k\" TEXT PRIMARY KEY, \"user_id\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE CASCADE) "
         "WITHOUT ROWID");
    exec("INSERT INTO \"sessions\" VALUES ('s1', 1), ('s2', 2)");
    exec("PRAGMA foreign_keys = OFF");
    exec("INSERT INTO \"sessions\" VALUES ('old', 99)");
    exec("PRAGMA foreign_keys = ON");
    auto m = make<chain_wr>();
    try {
        m.upgrade();
        FAIL() << "a dangling reference committed";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::foreign_key_violation) << e.what();
    }
    EXPECT_EQ(m.status().current, 1u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"users\""), 3);
}

// A rebuild makes the state's INTEGER PRIMARY KEY the rowid: a live one that is not (DESC) would
// renumber every row (an FTS index's content_rowid no longer finds them). verify and baseline
// see it too. And a table whose name differs from the chain's in case only: verify misses the
// chain's table, and the rebuild would lose its AUTOINCREMENT sequence (kept under that name).
TEST_F(TrustSqlite, ARebuildRenumbersNoRowAndKeepsTheSequence) {
    make<chain_pk1>().upgrade();
    remake(db(), "docs", "\"id\" INTEGER NOT NULL PRIMARY KEY", "\"id\" INTEGER NOT NULL PRIMARY KEY DESC");
    exec("INSERT INTO \"docs\" (\"id\", \"body\") VALUES (100, 'apples'), (200, 'bananas')");
    auto m = make<chain_pk>();
    const std::string text = m.verify().text();
    EXPECT_NE(text.find("pk docs(id) not the rowid"), std::string::npos) << text;
    try {
        m.upgrade();
        FAIL() << "the rows of docs renumbered";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("rowid"), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(db(), "SELECT max(rowid) FROM \"docs\""), 2);
    remake(db(), "docs", "\"id\" INTEGER NOT NULL PRIMARY KEY DESC", "\"id\" INTEGER NOT NULL PRIMARY KEY");
    exec("INSERT INTO \"counters\" (\"name\") VALUES ('a'), ('b'), ('c')");
    exec("DELETE FROM \"counters\" WHERE \"id\" = 3");
    exec("ALTER TABLE \"counters\" RENAME TO \"tmp_counters\"");
    exec("ALTER TABLE \"tmp_counters\" RENAME TO \"Counters\"");
    EXPECT_THROW(m.upgrade(), strata::migration_error);
    EXPECT_EQ(m.status().current, 1u);
    exec("ALTER TABLE \"Counters\" RENAME TO \"tmp_counters\"");
    exec("ALTER TABLE \"tmp_counters\" RENAME TO \"counters\"");
    EXPECT_EQ(m.upgrade().to, 2u);
    exec("INSERT INTO \"counters\" (\"name\") VALUES ('d')");
    EXPECT_EQ(count(db(), "SELECT max(\"id\") FROM \"counters\""), 4);
}

// SQLite's DROP TABLE deletes the table's rows first, and another table's foreign key acts on
// that (ON DELETE CASCADE, SET NULL): refused while another table references it, as PostgreSQL
// refuses the drop. Up (drop_table) and in a derived down (create_table's).
TEST_F(TrustSqlite, ADroppedTableTakesNoRowOfAnotherTable) {
    make<chain_dt1>().upgrade();
    exec("INSERT INTO \"tags\" (\"id\", \"label\") VALUES (1, 'a'), (2, 'b')");
    exec("CREATE TABLE \"post_tags\" (\"post\" INTEGER, \"tag\" INTEGER REFERENCES \"tags\" (\"id\") ON DELETE CASCADE)");
    exec("INSERT INTO \"post_tags\" VALUES (100, 1), (101, 2)");
    auto m = make<chain_dt>();
    try {
        m.upgrade();
        FAIL() << "DROP TABLE took another table's rows";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("\"post_tags\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"post_tags\""), 2);
    EXPECT_THROW(make<chain_dt1>().downgrade_to(0), strata::migration_error);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"post_tags\""), 2);
    exec("DROP TABLE \"post_tags\"");
    EXPECT_EQ(m.upgrade().to, 2u);
}

// A downgrade whose path drops a table that a table the chain does not know references is
// refused before its first down (helper 55: downs 6 to 2 committed, then the drop of users was
// refused, the database left at 1, neither where it was nor where it was asked to go).
using dp1 = strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>>;
using dp2 = strata::migration<2, "roles", create_table<"roles", column<"id", bigint, primary_key>, column<"name", text>>>;
using dp3 = strata::migration<3, "users.role", add_column<"users", column<"role_id", bigint, references<"roles", "id">>>>;
using chain_dp = strata::chain<dp1, dp2, dp3>;
TEST_P(Trust, ADowngradeThatWouldStopAtABlockedDropIsRefusedBeforeAnyDown) {
    auto m = make<chain_dp>();
    m.upgrade();
    exec("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@x')");
    exec("CREATE TABLE \"sessions\" (\"id\" INTEGER PRIMARY KEY, \"user_id\" INTEGER REFERENCES \"users\" (\"id\") ON DELETE CASCADE)");
    exec("INSERT INTO \"sessions\" VALUES (1, 1)");
    try {
        m.downgrade_to(0);
        FAIL() << "the downgrade started, and would stop at the drop of users";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("whose down drops table \"users\", which table \"sessions\" (column user_id) references"),
                  std::string::npos) << what;
        EXPECT_NE(what.find("nothing was changed"), std::string::npos) << what;
    }
    EXPECT_EQ(m.status().current, 3u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"sessions\""), 1);
    // a downgrade that stops short of the drop goes on; the chain's own references are no block
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    exec("DROP TABLE \"sessions\"");
    EXPECT_EQ(m.downgrade_to(0).to, 0u);
}
// ... the table found by the name it has now, and no refusal of a path whose own down drops the
// referencing table first (helper 56: an execute<>'s table, refused; a renamed one, missed)
using dp4 = strata::migration<4, "people", rename_table<"users", "people">>;
using dpx = strata::migration<2, "audit", execute<"CREATE TABLE audit (id BIGINT PRIMARY KEY, user_id BIGINT REFERENCES users (id))",
                                                  "DROP TABLE audit">>;
TEST_P(Trust, ADowngradeLooksForABlockedDropUnderTheTablesNameNow) {
    auto m = make<strata::chain<dp1, dp2, dp3, dp4>>();
    m.upgrade();
    exec("CREATE TABLE \"sessions\" (\"id\" INTEGER PRIMARY KEY, \"user_id\" INTEGER REFERENCES \"people\" (\"id\"))");
    try {
        m.downgrade_to(0);
        FAIL() << "the downgrade started, and would stop at the drop of users";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("drops table \"users\" (\"people\" now), which table \"sessions\""), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(m.status().current, 4u);
    exec("DROP TABLE \"sessions\"");
    EXPECT_EQ(m.downgrade_to(0).to, 0u);
    auto x = make<strata::chain<dp1, dpx>>();
    x.upgrade();
    EXPECT_EQ(x.downgrade_to(0).to, 0u);
    // ... but a down that only names the referencing table drops nothing: still refused (helper 57)
    auto y = make<strata::chain<dp1, strata::migration<2, "touch", execute<"SELECT 1", "UPDATE sessions SET user_id = user_id">>>>();
    y.upgrade();
    exec("CREATE TABLE \"sessions\" (\"id\" INTEGER PRIMARY KEY, \"user_id\" INTEGER REFERENCES \"users\" (\"id\"))");
    try {
        y.downgrade_to(0);
        FAIL() << "the downgrade started, and would stop at the drop of users";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("nothing was changed"), std::string::npos) << e.what();
    }
    EXPECT_EQ(y.status().current, 2u);
    EXPECT_EQ(y.downgrade_to(1).to, 1u);
    exec("DROP TABLE \"sessions\"");
    EXPECT_EQ(y.downgrade_to(0).to, 0u);
    // ... one statement of several drops a table, another names the referencing one: refused;
    // a down that drops the referencing key first: not (helper 58)
    auto z = make<strata::chain<dp1, strata::migration<2, "scratch", execute<"CREATE TABLE scratch (x INTEGER)",
                                                                           "DROP TABLE scratch; DELETE FROM legacy WHERE uid IS NULL">>>>();
    z.upgrade();
    exec("CREATE TABLE \"legacy\" (\"uid\" BIGINT REFERENCES \"users\" (\"id\"))");
    EXPECT_THROW(z.downgrade_to(0), strata::migration_error);
    EXPECT_EQ(z.status().current, 2u);
    EXPECT_EQ(z.downgrade_to(1).to, 1u);
    exec("DROP TABLE \"legacy\"");
    exec("CREATE TABLE \"legacy\" (\"uid\" BIGINT)");
    auto w = make<strata::chain<dp1, strata::migration<2, "legacy key",
        execute<"ALTER TABLE legacy ADD CONSTRAINT legacy_fk FOREIGN KEY (uid) REFERENCES users (id)", "ALTER TABLE legacy DROP CONSTRAINT legacy_fk">>>>();
    if (sqlite()) return;  // (SQLite has no ADD CONSTRAINT: the rest is PostgreSQL's)
    w.upgrade();
    EXPECT_EQ(w.downgrade_to(0).to, 0u);
}

// ... and a view the chain does not know, over a table or column a down drops: PostgreSQL refuses
// the drop (the view depends on it); SQLite refuses a DROP COLUMN of a column a view reads, and
// after a DROP TABLE of a table a view reads, every later ALTER TABLE of the path (a rebuild's
// RENAME, a DROP COLUMN) fails on the broken view. Refused before the first down, naming the view.
using dv1 = strata::migration<1, "items", create_table<"items", column<"id", bigint, primary_key>, column<"name", text>>>;
using dv2 = strata::migration<2, "items.price", add_column<"items", column<"price", integer>>>;
using dv3 = strata::migration<3, "orders", create_table<"orders", column<"id", bigint, primary_key>, column<"total", integer>>>;
using dv4 = strata::migration<4, "items.sku", add_column<"items", column<"sku", text>>>;
using chain_dv = strata::chain<dv1, dv2, dv3, dv4>;
TEST_P(Trust, ADowngradeThatWouldStopAtADropAViewUsesIsRefusedBeforeAnyDown) {
    auto m = make<chain_dv>();
    m.upgrade();
    exec("INSERT INTO \"items\" (\"id\", \"name\", \"price\") VALUES (1, 'a', 5)");
    // a view over the column the down of 2 drops
    exec("CREATE VIEW \"priced\" AS SELECT \"name\", \"price\" FROM \"items\" WHERE \"price\" > 0");
    try {
        m.downgrade_to(1);
        FAIL() << "the downgrade started, and would stop at the drop of items.price";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("whose down drops column \"items\".\"price\", which view \"priced\" uses"), std::string::npos) << what;
        EXPECT_NE(what.find("nothing was changed"), std::string::npos) << what;
    }
    EXPECT_EQ(m.status().current, 4u);
    EXPECT_TRUE(db().has_table("orders"));
    // SQLite reads a view by its names, not by its plan (helper 61): a join the plan leaves out,
    // and a TEMP view of the connection
    if (sqlite()) {
        exec("CREATE VIEW \"pruned\" AS SELECT i.\"name\" FROM \"items\" i LEFT JOIN \"orders\" o ON o.\"id\" = i.\"price\"");
        EXPECT_THROW(m.downgrade_to(1), strata::migration_error);
        exec("DROP VIEW \"pruned\"");
        exec("CREATE TEMP VIEW \"kept\" AS SELECT \"price\" FROM main.\"items\"");
        EXPECT_THROW(m.downgrade_to(1), strata::migration_error);
        exec("DROP VIEW temp.\"kept\"");
        EXPECT_EQ(m.status().current, 4u);
    }
    // a view over other columns of the table is no block, nor one over another table's column
    // of the same name
    exec("DROP VIEW \"priced\"");
    exec("CREATE VIEW \"named\" AS SELECT \"name\" FROM \"items\"");
    exec("CREATE TABLE \"prices\" (\"id\" BIGINT PRIMARY KEY, \"price\" INTEGER)");
    exec("CREATE VIEW \"joined\" AS SELECT i.\"name\", p.\"price\" FROM \"items\" i JOIN \"prices\" p ON p.\"id\" = i.\"id\" "
         "WHERE p.\"price\" > 0");
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    exec("DROP VIEW \"joined\"");
    m.upgrade();
    // a view over a table the down of 3 drops
    exec("CREATE VIEW \"big_orders\" AS SELECT * FROM \"orders\" WHERE \"total\" > 100");
    try {
        m.downgrade_to(1);
        FAIL() << "the downgrade started, and would stop at the drop of orders (or, SQLite, at the next ALTER TABLE)";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("whose down drops table \"orders\", which view \"big_orders\" uses"), std::string::npos) << what;
    }
    EXPECT_EQ(m.status().current, 4u);
    exec("DROP VIEW \"big_orders\"");
    exec("DROP VIEW \"named\"");
    EXPECT_EQ(m.downgrade_to(0).to, 0u);
    // a view of the chain's own, dropped by a down before the drop: no block
    auto v = make<strata::chain<dv1, strata::migration<2, "named", execute<"CREATE VIEW named AS SELECT name FROM items", "DROP VIEW named">>>>();
    v.upgrade();
    EXPECT_EQ(v.downgrade_to(0).to, 0u);
    // SQLite: another table's trigger that writes to a table (or column) a down drops: SQLite
    // drops it, and every insert into the trigger's table fails after it (helper 60)
    if (sqlite()) {
        m.upgrade();
        exec("CREATE TABLE \"audit\" (\"id\" INTEGER PRIMARY KEY, \"total\" INTEGER)");
        exec("CREATE TRIGGER \"audit_orders\" AFTER INSERT ON \"audit\" BEGIN UPDATE \"orders\" SET \"total\" = new.\"total\"; END");
        try {
            m.downgrade_to(0);
            FAIL() << "the downgrade would leave a trigger that makes every insert into audit fail";
        } catch (const strata::migration_error& e) {
            EXPECT_NE(std::string(e.what()).find("whose down drops table \"orders\", which trigger \"audit_orders\" on table "
                                                 "\"audit\" uses"),
                      std::string::npos)
                << e.what();
        }
        EXPECT_EQ(m.status().current, 4u);
        exec("DROP TRIGGER \"audit_orders\"");
        exec("CREATE TRIGGER \"audit_items\" AFTER INSERT ON \"audit\" BEGIN UPDATE \"items\" SET \"price\" = new.\"total\"; END");
        EXPECT_THROW(m.downgrade_to(1), strata::migration_error);  // (the down of 2 drops items.price)
        EXPECT_EQ(m.downgrade_to(2).to, 2u);  // (items' other columns: no block)
        exec("DROP TABLE \"audit\"");
        EXPECT_EQ(m.downgrade_to(0).to, 0u);
    }
    // SQLite: a down that rebuilds a table a view uses (its RENAME into place fails on the view);
    // PostgreSQL alters the table in place
    auto r = make<strata::chain<dv1, strata::migration<2, "name required", alter_column<"items", "name", set_not_null>>, dv3>>();
    r.upgrade();
    exec("CREATE VIEW \"names\" AS SELECT \"name\" FROM \"items\"");
    if (sqlite()) {
        try {
            r.downgrade_to(1);
            FAIL() << "the downgrade started, and would stop at the rebuild of items";
        } catch (const strata::migration_error& e) {
            EXPECT_NE(std::string(e.what()).find("whose down rebuilds table \"items\" (SQLite: a new table renamed into its place), "
                                                 "which view \"names\" uses"),
                      std::string::npos)
                << e.what();
        }
        EXPECT_EQ(r.status().current, 3u);
        exec("DROP VIEW \"names\"");
    }
    EXPECT_EQ(r.downgrade_to(1).to, 1u);
}

// The same for an upgrade: one whose path drops (or, SQLite, rebuilds) what a view, a trigger or
// a foreign key the chain does not know uses would stop there, after the migrations before it
// committed, leaving the database at a version neither the old program nor the new one asked
// for (a rolled-back deployment then finds it ahead of its code). Refused before the first up,
// naming the user, under the names the database has now.
using du1 = strata::migration<1, "items", create_table<"items", column<"id", bigint, primary_key>, column<"name", text>, column<"price", integer>>>;
using du2 = strata::migration<2, "orders", create_table<"orders", column<"id", bigint, primary_key>, column<"total", integer>>>;
using du3 = strata::migration<3, "goods", rename_table<"items", "goods">, add_column<"goods", column<"sku", text>>>;
using du4 = strata::migration<4, "goods.price", drop_column<"goods", "price">>;
using du5 = strata::migration<5, "no orders", drop_table<"orders">>;
using chain_du = strata::chain<du1, du2, du3, du4, du5>;
TEST_P(Trust, AnUpgradeThatWouldStopAtADropAViewUsesIsRefusedBeforeAnyUp) {
    auto m = make<chain_du>();
    EXPECT_EQ(m.upgrade_to(2).to, 2u);
    exec("INSERT INTO \"items\" (\"id\", \"name\", \"price\") VALUES (1, 'a', 5)");
    exec("CREATE VIEW \"priced\" AS SELECT \"name\", \"price\" FROM \"items\" WHERE \"price\" > 0");
    try {
        m.upgrade();
        FAIL() << "the upgrade started, and would stop at the drop of goods.price";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.kind(), migration_failure::unknown_objects);
        EXPECT_NE(what.find("upgrade_to(5) would pass migration 4 \"goods.price\", whose up drops column \"goods\".\"price\" "
                            "(\"items\" now), which view \"priced\" uses"),
                  std::string::npos) << what;
        EXPECT_NE(what.find("nothing was changed"), std::string::npos) << what;
    }
    EXPECT_EQ(m.status().current, 2u);
    EXPECT_FALSE(db().has_table("goods"));
    // stopping short of the drop goes on
    EXPECT_EQ(m.upgrade_to(3).to, 3u);
    exec("DROP VIEW \"priced\"");
    // a view over a table an up drops; a view over other columns is no block
    exec("CREATE VIEW \"named\" AS SELECT \"name\" FROM \"goods\"");
    exec("CREATE VIEW \"big_orders\" AS SELECT * FROM \"orders\" WHERE \"total\" > 100");
    try {
        m.upgrade();
        FAIL() << "the upgrade started, and would stop at the drop of orders";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("whose up drops table \"orders\", which view \"big_orders\" uses"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(m.status().current, 3u);
    exec("DROP VIEW \"big_orders\"");
    // a table the chain does not know that references one an up drops
    exec("CREATE TABLE \"receipts\" (\"id\" INTEGER PRIMARY KEY, \"order_id\" BIGINT REFERENCES \"orders\" (\"id\"))");
    try {
        m.upgrade();
        FAIL() << "the upgrade started, and would stop at the drop of orders";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("whose up drops table \"orders\", which table \"receipts\" (column order_id) references"),
                  std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 3u);
    exec("DROP TABLE \"receipts\"");
    EXPECT_EQ(m.upgrade().to, 5u);  // (the view over goods' other columns is no block)
    exec("DROP VIEW \"named\"");
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    // a view the migration itself drops before the drop, and makes again after it: no block
    using shelf = strata::migration<1, "shelf", create_table<"shelf", column<"id", bigint, primary_key>, column<"name", text>,
                                                             column<"price", integer>>>;
    strata::migrator<strata::chain<shelf, strata::migration<2, "no price", execute<"DROP VIEW shelf_names", "SELECT 1">,
                                                            drop_column<"shelf", "price">,
                                                            execute<"CREATE VIEW shelf_names AS SELECT name FROM shelf", "SELECT 1">>>>
        r(db(), {"shelves", log.sink()});
    EXPECT_EQ(r.upgrade_to(1).to, 1u);
    exec("CREATE VIEW \"shelf_names\" AS SELECT \"name\", \"price\" FROM \"shelf\"");
    EXPECT_EQ(r.upgrade().to, 2u);
    // a rename earlier in the same migration as the drop: the view uses the name the database
    // has now (helper 64: PostgreSQL stopped at the drop, SQLite rewrote the view and dropped it)
    using rt1 = strata::migration<1, "rt", create_table<"rt", column<"id", bigint, primary_key>, column<"c", integer>>>;
    using rt2 = strata::migration<2, "rt.e", add_column<"rt", column<"e", integer>>>;
    using rt3 = strata::migration<3, "c gone", rename_column<"rt", "c", "c_old">, drop_column<"rt", "c_old">>;
    using rt4 = strata::migration<4, "rt gone", rename_table<"rt", "rt_old">, drop_table<"rt_old">>;
    strata::migrator<strata::chain<rt1, rt2, rt3, rt4>> rn(db(), {"renames", log.sink()});
    EXPECT_EQ(rn.upgrade_to(1).to, 1u);
    exec("CREATE VIEW \"rt_c\" AS SELECT \"id\", \"c\" FROM \"rt\"");
    try {
        rn.upgrade();
        FAIL() << "the upgrade started, and would stop at the drop of rt.c_old";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("whose up drops column \"rt\".\"c_old\", which view \"rt_c\" uses"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(rn.status().current, 1u);
    exec("DROP VIEW \"rt_c\"");
    EXPECT_EQ(rn.upgrade_to(3).to, 3u);
    exec("CREATE VIEW \"rt_ids\" AS SELECT \"id\" FROM \"rt\"");
    try {
        rn.upgrade();
        FAIL() << "the upgrade started, and would stop at the drop of rt_old";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("whose up drops table \"rt_old\" (\"rt\" now), which view \"rt_ids\" uses"),
                  std::string::npos) << e.what();
    }
    EXPECT_EQ(rn.status().current, 3u);
    exec("DROP VIEW \"rt_ids\"");
    EXPECT_EQ(rn.upgrade().to, 4u);
    // SQLite: an up that rebuilds a table a view uses (its RENAME into place fails on the view)
    if (sqlite()) {
        using bins = strata::migration<1, "bins", create_table<"bins", column<"id", bigint, primary_key>, column<"name", text>,
                                                               column<"price", integer>>>;
        strata::migrator<strata::chain<bins, strata::migration<2, "no price", drop_column<"bins", "price">>,
                                       strata::migration<3, "name required", alter_column<"bins", "name", set_not_null>>>>
            b(db(), {"bins", log.sink()});
        EXPECT_EQ(b.upgrade_to(1).to, 1u);
        exec("CREATE VIEW \"names\" AS SELECT \"name\" FROM \"bins\"");
        try {
            b.upgrade();
            FAIL() << "the upgrade started, and would stop at the rebuild of bins";
        } catch (const strata::migration_error& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("whose up rebuilds table \"bins\" (SQLite: a new table renamed into its place), which view "
                                "\"names\" uses"),
                      std::string::npos) << what;
            EXPECT_NE(what.find("restate it around"), std::string::npos) << what;
        }
        EXPECT_EQ(b.status().current, 1u);
        exec("DROP VIEW \"names\"");
        EXPECT_EQ(b.upgrade().to, 3u);
    }
}

// Helper 64, of the upgrade's check: what the path itself frees is no block. A foreign key of
// the chain's own, whose column a migration before drops (PostgreSQL refused the upgrade); a
// table dropped and made again by one migration, under a program's view (SQLite reads the view's
// names when it runs it: the upgrade worked, and was refused).
using freed_fk1 = strata::migration<1, "t and u", create_table<"t", column<"id", bigint, primary_key>, column<"code", text, unique>>,
                              create_table<"u", column<"id", bigint, primary_key>, column<"t_code", text, references<"t", "code">>>>;
using freed_fk2 = strata::migration<2, "u no fk", drop_column<"u", "t_code">>;
using freed_fk3 = strata::migration<3, "t no code", drop_column<"t", "code">>;
using freed_cache1 = strata::migration<1, "cache", create_table<"cache", column<"id", bigint, primary_key>, column<"k", text>>>;
using freed_cache2 = strata::migration<2, "other", create_table<"other", column<"id", bigint, primary_key>>>;
using freed_cache3 = strata::migration<3, "cache again", drop_table<"cache">,
                              create_table<"cache", column<"id", bigint, primary_key>, column<"k", text>, column<"v", text>>>;
TEST_P(Trust, AnUpgradeIsNotRefusedForWhatItsOwnPathFrees) {
    auto m = make<strata::chain<freed_fk1, freed_fk2, freed_fk3>>();
    EXPECT_EQ(m.upgrade_to(1).to, 1u);
    EXPECT_EQ(m.upgrade().to, 3u);
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    strata::migrator<strata::chain<freed_cache1, freed_cache2, freed_cache3>> c(db(), {"caches", log.sink()});
    EXPECT_EQ(c.upgrade_to(1).to, 1u);
    exec("CREATE VIEW \"cache_keys\" AS SELECT \"k\" FROM \"cache\"");
    if (sqlite()) {
        EXPECT_EQ(c.upgrade().to, 3u);
        EXPECT_EQ(count(db(), "SELECT count(*) FROM \"cache_keys\""), 0);  // (the view reads the new table)
        return;
    }
    try {  // PostgreSQL's view holds the table: it would refuse the drop, after migration 2
        c.upgrade();
        FAIL() << "the upgrade started, and would stop at the drop of cache";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("whose up drops table \"cache\", which view \"cache_keys\" uses"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(c.status().current, 1u);
}

// Helper 62, of the view check: it asks SQLite in a transaction it rolls back (a reader made
// its commit wait, and the handle was left in an open transaction); a view broken already is
// said, not taken for no use; the chain's own trigger dropped by a down before is no block,
// nor an index on an expression an execute<> makes; a trigger on the table whose column a down
// drops is one.
using dq1 = strata::migration<1, "notes", create_table<"notes", column<"id", bigint, primary_key>, column<"body", text>>,
                              create_table<"tags", column<"id", bigint, primary_key>>>;
using dq2 = strata::migration<2, "notes.title", add_column<"notes", column<"title", text>>>;
using dq3 = strata::migration<3, "title trigger", execute<"CREATE TRIGGER \"notes_titled\" AFTER INSERT ON \"tags\" BEGIN UPDATE \"notes\" "
                                                          "SET \"title\" = 'x'; END", "DROP TRIGGER \"notes_titled\"">,
                              execute<"CREATE INDEX \"notes_body_lower\" ON \"notes\" (lower(\"body\"))", "DROP INDEX \"notes_body_lower\"">>;
using chain_dq = strata::chain<dq1, dq2, dq3>;
TEST_F(TrustSqlite, TheViewCheckAsksSqliteAndLeavesNothingBehind) {
    auto m = make<chain_dq>();
    EXPECT_EQ(m.upgrade().to, 3u);  // (the execute<>'s index on an expression is no index on a text)
    EXPECT_EQ(m.downgrade_to(1).to, 1u);  // (the chain's own trigger, dropped by the down of 3)
    m.upgrade();
    exec("CREATE VIEW \"titled\" AS SELECT \"title\" FROM \"notes\"");
    strata::sqlite::connection reader(sqlite_path());
    reader.execute("BEGIN", {}, {});
    reader.execute("SELECT count(*) FROM \"notes\"", {}, [](const strata::row&) {});
    EXPECT_THROW(m.downgrade_to(1), strata::migration_error);
    EXPECT_FALSE(db().in_transaction());
    reader.execute("COMMIT", {}, {});
    exec("INSERT INTO \"tags\" (\"id\") VALUES (1)");  // (no transaction left open on the database)
    exec("DROP VIEW \"titled\"");
    // a trigger on the table itself that uses the column a down drops
    exec("CREATE TRIGGER \"notes_own\" AFTER UPDATE ON \"notes\" BEGIN SELECT new.\"title\"; END");
    EXPECT_THROW(m.downgrade_to(1), strata::migration_error);
    EXPECT_EQ(m.status().current, 3u);
    exec("DROP TRIGGER \"notes_own\"");
    // a view broken already: SQLite cannot read the schema, and every ALTER TABLE fails on it
    exec("CREATE TABLE \"scratch\" (\"x\" INTEGER)");
    exec("CREATE VIEW \"old_report\" AS SELECT \"x\" FROM \"scratch\"");
    exec("DROP TABLE \"scratch\"");
    try {
        m.downgrade_to(1);
        FAIL() << "the downgrade started over a broken view";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot read a view or trigger of the database any more"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 3u);
    exec("DROP VIEW \"old_report\"");
    EXPECT_EQ(m.downgrade_to(0).to, 0u);
}

// Helper 63: a view named strata_... is the program's too; a view broken already does not stop
// a downgrade whose downs only drop tables (SQLite's DROP TABLE does not read it); an
// execute<>'s index on a misspelt quoted column (SQLite indexes the text) fails its migration.
using dv_notes = strata::migration<1, "notes", create_table<"notes", column<"id", bigint, primary_key>, column<"body", text>>>;
using dv_tags = strata::migration<2, "tags", create_table<"tags", column<"id", bigint, primary_key>>>;
TEST_F(TrustSqlite, TheViewCheckReadsTheProgramsViewsAndOnlyWhatADownReads) {
    auto m = make<strata::chain<dv_notes, dv_tags>>();
    m.upgrade();
    exec("CREATE VIEW \"strata_report\" AS SELECT \"body\" FROM \"notes\"");
    EXPECT_THROW(m.downgrade_to(0), strata::migration_error);
    exec("DROP VIEW \"strata_report\"");
    exec("CREATE TABLE \"scratch\" (\"x\" INTEGER)");
    exec("CREATE VIEW \"old_report\" AS SELECT \"x\" FROM \"scratch\"");
    exec("DROP TABLE \"scratch\"");
    EXPECT_EQ(m.downgrade_to(0).to, 0u);
    exec("DROP VIEW \"old_report\"");
    auto misspelt = make<strata::chain<dv_notes, strata::migration<2, "index", execute<"CREATE UNIQUE INDEX notes_body ON notes (\"bdoy\")",
                                                                                  "DROP INDEX notes_body">>>>();
    EXPECT_THROW(misspelt.upgrade(), strata::migration_error);
    EXPECT_EQ(misspelt.status().current, 1u);
}

// ---- 3. Values stored whole, or refused ----

TEST_P(Trust, ValuesAreStoredWholeOrRefused) {
    make<chain_r1>().upgrade();
    exec("CREATE TABLE \"blobs\" (\"id\" BIGINT PRIMARY KEY, \"body\" TEXT)");
    strata::session s(db());
    auto round_trip = [&](std::int64_t id, const std::string& v) {
        s.execute("INSERT INTO \"blobs\" (\"id\", \"body\") VALUES ($1, $2)", id, v);
        return s.query_value<std::string>("SELECT \"body\" FROM \"blobs\" WHERE \"id\" = $1", id);
    };
    const std::string nul("a\0b", 3), bad_utf8("\xff\xfe x", 4);
    const std::string big(64u << 20, 'z');
    if (sqlite()) {  // SQLite keeps every byte
        EXPECT_EQ(round_trip(1, nul), nul);
        EXPECT_EQ(round_trip(2, bad_utf8), bad_utf8);
    } else {
        try {
            s.execute("INSERT INTO \"blobs\" (\"id\", \"body\") VALUES ($1, $2)", 1, nul);
            FAIL() << "a NUL was cut silently";
        } catch (const strata::database_error& e) {
            EXPECT_NE(std::string(e.what()).find("parameter $2 holds a NUL byte at offset 1 of 3"), std::string::npos) << e.what();
        }
        EXPECT_THROW(s.execute("INSERT INTO \"blobs\" (\"id\", \"body\") VALUES ($1, $2)", 2, bad_utf8), strata::database_error);
        EXPECT_EQ(count(db(), "SELECT count(*) FROM \"blobs\""), 0);
    }
    const std::string back = round_trip(3, big);
    EXPECT_EQ(back.size(), big.size());
    EXPECT_TRUE(back == big);
    // A NUL inside a statement's text would end it there, on both backends.
    try {
        s.execute(std::string("DELETE FROM \"blobs\"\0 WHERE \"id\" = 3", 34));
        FAIL() << "a statement with a NUL ran";
    } catch (const strata::database_error& e) {
        EXPECT_NE(std::string(e.what()).find("NUL byte at offset 19"), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"blobs\" WHERE \"id\" = 3"), 1);
}

// SQLite stores a NaN as NULL: refused, naming the parameter. PostgreSQL keeps it.
TEST_P(Trust, ANaNIsStoredOrRefusedNeverMadeNull) {
    exec("CREATE TABLE \"ratios\" (\"id\" BIGINT PRIMARY KEY, \"r\" DOUBLE PRECISION)");
    strata::session s(db());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    if (sqlite()) {
        try {
            s.execute("INSERT INTO \"ratios\" (\"id\", \"r\") VALUES ($1, $2)", 1, nan);
            FAIL() << "a NaN was stored as NULL";
        } catch (const strata::database_error& e) {
            EXPECT_NE(std::string(e.what()).find("parameter $2 is a NaN, which SQLite would store as NULL"), std::string::npos)
                << e.what();
        }
        EXPECT_EQ(count(db(), "SELECT count(*) FROM \"ratios\""), 0);
    } else {
        s.execute("INSERT INTO \"ratios\" (\"id\", \"r\") VALUES ($1, $2)", 1, nan);
        EXPECT_TRUE(std::isnan(s.query_value<double>("SELECT \"r\" FROM \"ratios\" WHERE \"id\" = 1")));
    }
    // Infinities are numbers to both.
    s.execute("INSERT INTO \"ratios\" (\"id\", \"r\") VALUES ($1, $2)", 2, std::numeric_limits<double>::infinity());
    EXPECT_EQ(s.query_value<double>("SELECT \"r\" FROM \"ratios\" WHERE \"id\" = 2"), std::numeric_limits<double>::infinity());
}

TEST_P(Trust, AFractionIsNotReadAsAnInteger) {
    strata::session s(db());
    if (sqlite()) {
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT 3.0"), 3);  // (a REAL that is whole)
    }
    try {
        (void)s.query_value<std::int64_t>("SELECT 3.5");
        FAIL() << "3.5 was read as an integer";
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();  // (PostgreSQL sends it as text: '3.5')
        EXPECT_TRUE(what.find("cannot read 3.5 as an integer") != std::string::npos ||
                    what.find("cannot read '3.5' as an integer") != std::string::npos)
            << what;
    }
}

// A number read into a type too small for it is refused, not wrapped or rounded to infinity.
TEST_P(Trust, ANumberIsNotSqueezedIntoATypeTooSmallForIt) {
    strata::session s(db());
    auto refused = [&](auto read, const std::string& value, const std::string& as) {
        try {
            read();
            ADD_FAILURE() << "read without an error: " << value << " as " << as;
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();  // (PostgreSQL sends numbers as text: '70000')
            EXPECT_TRUE(what.find("cannot read " + value + " as " + as + " (out of range)") != std::string::npos ||
                        what.find("cannot read '" + value + "' as " + as + " (out of range)") != std::string::npos)
                << what;
        }
    };
    refused([&] { (void)s.query_value<int>("SELECT 3000000000"); }, "3000000000", "int32");
    refused([&] { (void)s.query_value<unsigned>("SELECT -1"); }, "-1", "uint32");
    refused([&] { (void)s.query_value<std::int16_t>("SELECT 70000"); }, "70000", "int16");
    refused([&] { (void)s.query_value<std::uint64_t>("SELECT -5"); }, "-5", "uint64");
    refused([&] { (void)s.query_value<float>("SELECT CAST(1e300 AS DOUBLE PRECISION)"); }, "1e+300", "float");
    EXPECT_EQ(s.query_value<std::int16_t>("SELECT -32768"), -32768);
    EXPECT_EQ(s.query_value<unsigned>("SELECT 4294967295"), 4294967295u);
    EXPECT_EQ(s.query_value<std::uint64_t>("SELECT 9223372036854775807"), 9223372036854775807ull);
    EXPECT_EQ(s.query_value<float>("SELECT 0.5"), 0.5f);
    // FLT_MAX comes back whole, though PostgreSQL prints it a little above (found on review)
    EXPECT_EQ(s.query_value<float>("SELECT CAST($1 AS REAL)", std::numeric_limits<float>::max()), std::numeric_limits<float>::max());
    EXPECT_EQ(s.query_value<float>("SELECT CAST($1 AS REAL)", -std::numeric_limits<float>::max()), -std::numeric_limits<float>::max());
    EXPECT_EQ(s.query_value<int>("SELECT -2147483648"), -2147483647 - 1);
    // char and wchar_t are integers to get<T> as before (found on reread: std::in_range refused them)
    EXPECT_EQ(s.query_value<char>("SELECT $1", 'A'), 'A');
    EXPECT_EQ(s.query_value<wchar_t>("SELECT 66"), L'B');
    EXPECT_EQ(s.query_value<signed char>("SELECT -128"), -128);
    EXPECT_THROW((void)s.query_value<unsigned char>("SELECT 256"), std::runtime_error);
    // Nor is one written wrapped: an unsigned 64-bit value past INT64_MAX is no bigint.
    try {
        s.execute("SELECT $1", std::uint64_t{18446744073709551615ull});
        ADD_FAILURE() << "18446744073709551615 was bound";
    } catch (const std::out_of_range& e) {
        EXPECT_NE(std::string(e.what()).find("a bound parameter of 18446744073709551615 does not fit"), std::string::npos) << e.what();
    }
    EXPECT_EQ(s.query_value<std::uint64_t>("SELECT $1", std::uint64_t{9223372036854775807ull}), 9223372036854775807ull);
    // A bool is read from an integer or t/f, and refused as a bool otherwise.
    EXPECT_TRUE(s.query_value<bool>("SELECT 1"));
    EXPECT_FALSE(s.query_value<bool>("SELECT 0"));
    try {
        (void)s.query_value<bool>("SELECT 'yes'");
        ADD_FAILURE() << "'yes' read as a bool";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot read 'yes' as bool"), std::string::npos) << e.what();
    }
}

// A PostgreSQL driver of one's own that sends booleans as text without marking them (as
// docs/drivers.md's example did): the bookkeeping's flags are BOOLEAN on that dialect, so its
// t and f are read; a user's get<bool> of such a cell needs the mark (found on review: every
// second start refused the database as "edited outside strata").
class unmarked_driver final : public strata_test::forwarding_driver {
   public:
    using forwarding_driver::forwarding_driver;
    void execute(std::string_view sql, std::span<const strata::value> params, const strata::row_callback& on_row) override {
        if (!on_row) return forwarding_driver::execute(sql, params, on_row);
        forwarding_driver::execute(sql, params, [&](const strata::row& r) {
            std::vector<strata::value> cells;
            for (std::size_t i = 0; i < r.size(); ++i) cells.push_back(r[i]);
            on_row(strata::row(cells));
        });
    }
};
// A search_path whose first schema does not exist (a typo in a tenant's name) or is not this
// role's to use: PostgreSQL skips it, current_schema() is the next one, and strata migrated (and
// downgraded, dropping its tables) the schema after it (helper 59). Refused, naming both.
TEST_F(TrustPostgres, ASearchPathWhoseFirstSchemaIsMissingIsRefused) {
    std::string schema;
    db().execute("SELECT current_schema()", {}, [&](const strata::row& r) { schema = r.get<std::string>(0); });
    make<chain_dp>().upgrade();
    exec("INSERT INTO \"users\" (\"id\", \"email\") VALUES (1, 'a@x')");
    exec("SET search_path TO \"" + schema + "_typo\", \"" + schema + "\"");
    try {
        make<chain_dp>().downgrade_to(0);
        FAIL() << "downgraded the schema after the missing one";
    } catch (const std::exception& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("the search_path's first schema \"" + schema + "_typo\" does not exist"), std::string::npos) << what;
        EXPECT_NE(what.find("\"" + schema + "\" instead"), std::string::npos) << what;
        EXPECT_NE(what.find("nothing was changed"), std::string::npos) << what;
    }
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"" + schema + "\".\"users\""), 1);
    // "$user" first is PostgreSQL's default: without such a schema, the next one is meant
    exec("SET search_path TO \"$user\", \"" + schema + "\"");
    EXPECT_EQ(make<chain_dp>().status().current, 3u);
    // an unquoted name is the schema PostgreSQL folds it to (helper 61)
    std::string upper = schema;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    exec("SET search_path TO " + upper);
    EXPECT_EQ(make<chain_dp>().status().current, 3u);
    // a table that references itself names itself, not another schema's of its name (helper 63)
    exec("SET search_path TO \"" + schema + "\", \"" + schema + "_typo\"");
    exec("CREATE SCHEMA \"" + schema + "_typo\"");
    exec("CREATE TABLE \"" + schema + "_typo\".\"employees\" (\"id\" BIGINT PRIMARY KEY)");
    strata::migrator<strata::chain<strata::migration<1, "employees", create_table<"employees", column<"id", bigint, primary_key>,
                                                                                 column<"manager", bigint, references<"employees", "id">>>>>>
        self(db(), {"self", log.sink()});
    EXPECT_EQ(self.upgrade().to, 1u);
    exec("DROP SCHEMA \"" + schema + "_typo\" CASCADE");
    // a TEMP table of a chain table's name hides it from every statement: refused (helper 61)
    exec("SET search_path TO \"" + schema + "\"");
    exec("CREATE TEMP TABLE \"roles\" (\"id\" BIGINT)");
    try {
        make<chain_dp>().downgrade_to(1);
        FAIL() << "downgraded through a TEMP table";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("has a TEMP table \"roles\""), std::string::npos) << e.what();
    }
    exec("DROP TABLE pg_temp.\"roles\"");
    EXPECT_EQ(make<chain_dp>().status().current, 3u);
}

// A table of another schema whose foreign key references a table the downgrade drops, named as
// one of the chain's: taken for the chain's, and the downgrade stopped part-way (helper 59).
TEST_F(TrustPostgres, AForeignKeyFromAnotherSchemasTableOfAChainTablesNameBlocksADowngrade) {
    std::string schema;
    db().execute("SELECT current_schema()", {}, [&](const strata::row& r) { schema = r.get<std::string>(0); });
    auto m = make<chain_dp>();
    m.upgrade();
    const std::string archive = schema + "_archive";
    exec("CREATE SCHEMA \"" + archive + "\"");
    exec("CREATE TABLE \"" + archive + "\".\"roles\" (\"id\" BIGINT PRIMARY KEY, \"user_id\" BIGINT REFERENCES \"" + schema +
         "\".\"users\" (\"id\"))");
    try {
        m.downgrade_to(0);
        FAIL() << "the downgrade started, and would stop at the drop of users";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("which table \"" + archive + "\".\"roles\" (column user_id) references"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(m.status().current, 3u);
    exec("DROP TABLE \"" + archive + "\".\"roles\"");
    // a view of another schema named as a table a down drops first is still another's (helper 61)
    exec("CREATE VIEW \"" + archive + "\".\"roles\" AS SELECT \"id\" FROM \"" + schema + "\".\"users\"");
    try {
        m.downgrade_to(0);
        FAIL() << "the downgrade started, and would stop at the drop of users";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("which view \"" + archive + "\".\"roles\" uses"), std::string::npos) << e.what();
    }
    exec("DROP VIEW \"" + archive + "\".\"roles\"");
    // a function whose SQL-standard body uses a column a down drops (helper 61)
    exec("CREATE FUNCTION \"" + archive + "\".\"roles_in_use\"() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(\"role_id\") "
         "FROM \"" + schema + "\".\"users\"; END");
    try {
        m.downgrade_to(0);
        FAIL() << "the downgrade started, and would stop at the drop of users.role_id";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("which function"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 3u);
    exec("DROP SCHEMA \"" + archive + "\" CASCADE");
    EXPECT_EQ(m.downgrade_to(0).to, 0u);
}

// libpq's message about a connection string it cannot read quoted a part of it, password
// included (helper 59).
TEST_F(TrustPostgres, AConnectionStringsPasswordIsNotInTheError) {
    for (const std::string url : {"postgresql://someone:s3cr%zzet@127.0.0.1:1/x", "postgresql://someone:p@ss/w?rd%#x@127.0.0.1:1/x",
                                  "host=127.0.0.1 port=1 user=someone password=s3cr%zzet dbname=x connect_timeout=x",
                                  "postgresql://127.0.0.1:1/x?password=s3cr%zzet",  // (helper 61)
                                  "host=127.0.0.1 port=1 password='s3cr p@ss zzet' dbname x",
                                  "user=passwordless password=s3cr t%zz host=127.0.0.1 port=1"}) {
        try {
            strata::postgres::connection c(url);
            FAIL() << "connected to " << url;
        } catch (const strata::database_error& e) {
            const std::string what = e.what(), driver = e.driver_message();
            for (const char* secret : {"s3cr", "zzet", "rd%", "w?rd", "p@ss", "t%zz"}) {
                EXPECT_EQ(what.find(secret), std::string::npos) << what;
                EXPECT_EQ(driver.find(secret), std::string::npos) << driver;
            }
        }
    }
    // ... white space around '=', and lines for spaces (helper 62)
    for (const std::string& url : {std::string("host=127.0.0.1\nport=1\npassword=correct horse\ndbname=app"),
                                  std::string("password = 'correct horse' port = 1 host = 127.0.0.1 dbname x")}) {
        try {
            strata::postgres::connection c(url);
            FAIL() << "connected";
        } catch (const strata::database_error& e) {
            EXPECT_EQ(std::string(e.what()).find("horse"), std::string::npos) << e.what();
        }
    }
    try {
        strata::postgres::connection c("password=pw123 host = no-such-host.invalid dbname = mydb");
        FAIL() << "connected";
    } catch (const strata::database_error& e) {
        EXPECT_NE(std::string(e.what()).find("no-such-host.invalid"), std::string::npos) << e.what();
    }
    // ... and a host name that is not the password is shown
    try {
        strata::postgres::connection c("postgresql://someone:s3cret-enough@no-such-host.invalid:1/x");
        FAIL() << "connected";
    } catch (const strata::database_error& e) {
        EXPECT_NE(std::string(e.what()).find("no-such-host.invalid"), std::string::npos) << e.what();
    }
}

TEST_F(TrustPostgres, ADriverThatDoesNotMarkBooleansStillReadsTheBookkeeping) {
    unmarked_driver own(db());
    strata::migrator<two>(own, quiet()).upgrade();
    EXPECT_TRUE(strata::migrator<two>(own, quiet()).status().up_to_date());
    EXPECT_FALSE(strata::migrator<two>(own, quiet()).upgrade().changed());
    exec("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 1");
    const auto st = strata::migrator<two>(own, quiet()).status();
    EXPECT_NE(st.problem.find("migration 1 \"items\" is dirty"), std::string::npos) << st.problem;
}

// A numeric seed value or default that SQLite would keep rounded (a REAL past a 64-bit integer)
// is refused where its SQL is generated, before anything runs; PostgreSQL keeps it whole.
using np1 = strata::migration<1, "prices", create_table<"prices", column<"id", bigint, primary_key>, column<"amount", numeric<20, 0>>>>;
using np2 = strata::migration<2, "seed prices", seed<"prices", columns<"id", "amount">, values<1, 18446744073709551615ull>>>;
using chain_np = strata::chain<np1, np2>;
using np2d = strata::migration<2, "amount default",
                               add_column<"prices", column<"fee", numeric<20, 0>, default_value<9223372036854775808ull>>>>;
using chain_npd = strata::chain<np1, np2d>;
TEST_F(TrustSqlite, ANumericValueSqliteWouldKeepRoundedIsRefusedBeforeAnythingRuns) {
    auto refused = [&](auto upgrade, const std::string& column) {
        try {
            upgrade();
            ADD_FAILURE() << "upgrade() ran";
        } catch (const std::exception& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("sqlite cannot express column \"" + column + "\" of table \"prices\""), std::string::npos) << what;
            EXPECT_NE(what.find("SQLite would store it rounded"), std::string::npos) << what;
        }
        EXPECT_EQ(count(db(), "SELECT count(*) FROM sqlite_master WHERE name IN ('prices', 'strata_migrations')"), 0);
    };
    refused([&] { make<chain_np>().upgrade(); }, "amount");
    refused([&] { make<chain_npd>().upgrade(); }, "fee");
}
TEST_F(TrustPostgres, ANumericValueSqliteWouldKeepRoundedIsKeptWholeOnPostgres) {
    make<chain_np>().upgrade();
    EXPECT_EQ(strata::session(db()).query_value<std::string>("SELECT \"amount\"::text FROM \"prices\""), "18446744073709551615");
}

// Text is read as a number only in a number's own form, and as a bool only in PostgreSQL's
// (t/f, what it sends for a boolean): std::stoll and std::stod took " 42", "+42", "nan", "inf" and
// "0x1p3", and SQLite's text 't' or 'true' came back as 1 (found on review).
TEST_P(Trust, TextIsReadAsANumberOnlyInANumbersOwnForm) {
    strata::session s(db());
    auto refused = [&](auto read, const std::string& text, const std::string& as) {
        try {
            read();
            ADD_FAILURE() << "'" << text << "' read as " << as;
        } catch (const std::runtime_error& e) {
            EXPECT_NE(std::string(e.what()).find("cannot read '" + text + "' as " + as), std::string::npos) << e.what();
        }
    };
    const std::string cast = sqlite() ? "" : "::text";
    for (const std::string t : {" 42", "+42", "42 ", "4 2", "0x2a", "true", "t", ""})
        refused([&] { (void)s.query_value<std::int64_t>("SELECT '" + t + "'" + cast); }, t, "an integer");
    for (const std::string t : {"nan", "inf", "-inf", "infinity", "0x1p3", " 1.5", "1.5 ", "+1.5", "1,5", "e3", ""})
        refused([&] { (void)s.query_value<double>("SELECT '" + t + "'" + cast); }, t, "a number");
    for (const std::string t : {"true", "false", "yes", "t"})
        refused([&] { (void)s.query_value<bool>("SELECT '" + t + "'" + cast); }, t, "bool");
    // (a fraction is no bool either, and the message says bool: it said "as an integer")
    try {
        (void)s.query_value<bool>("SELECT 0.5");
        ADD_FAILURE() << "0.5 read as a bool";
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        EXPECT_TRUE(what.find("cannot read 0.5 as bool") != std::string::npos || what.find("cannot read '0.5' as bool") != std::string::npos)
            << what;
    }
    // What each backend sends for these is still read.
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT '-42'" + cast), -42);
    EXPECT_EQ(s.query_value<double>("SELECT '-1.5e3'" + cast), -1500.0);
    EXPECT_EQ(s.query_value<double>("SELECT '.5'" + cast), 0.5);
    EXPECT_TRUE(s.query_value<bool>("SELECT '1'" + cast));
    if (!sqlite()) {
        EXPECT_TRUE(s.query_value<bool>("SELECT true"));
        EXPECT_FALSE(s.query_value<bool>("SELECT false"));
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT true"), 1);
        EXPECT_TRUE(std::isnan(s.query_value<double>("SELECT 'NaN'::float8")));
        EXPECT_EQ(s.query_value<double>("SELECT 'Infinity'::float8"), std::numeric_limits<double>::infinity());
        EXPECT_EQ(s.query_value<double>("SELECT '-Infinity'::float8"), -std::numeric_limits<double>::infinity());
        EXPECT_EQ(s.query_value<double>("SELECT 1e300::float8"), 1e300);
    } else {
        EXPECT_TRUE(s.query_value<bool>("SELECT TRUE"));  // (SQLite's TRUE is the integer 1)
        EXPECT_EQ(s.query_value<double>("SELECT 9e999"), std::numeric_limits<double>::infinity());  // (a REAL)
    }
}

// A type change to a bounded text type (varchar<N>, character<N>), up or down, refuses a value
// that does not fit instead of cutting it (PostgreSQL's explicit cast to VARCHAR(5) cuts; SQLite
// keeps every byte).
using nw1 = strata::migration<1, "notes", create_table<"notes", column<"id", bigint, primary_key>, column<"title", varchar<5>>,
                                                       column<"code", character<3>>>>;
using nw2 = strata::migration<2, "wider", alter_column<"notes", "title", set_type<text>>, alter_column<"notes", "code", set_type<text>>>;
using nw3 = strata::migration<3, "narrower", alter_column<"notes", "title", set_type<varchar<3>>>>;
using chain_nw = strata::chain<nw1, nw2>;
using chain_nw3 = strata::chain<nw1, nw2, nw3>;
using chain_nw_longer = strata::chain<nw1, strata::migration<2, "longer", alter_column<"notes", "title", set_type<varchar<40>>>>>;
TEST_P(Trust, ANarrowerTextTypeRefusesAValueItWouldCut) {
    auto m = make<chain_nw>();
    m.upgrade();
    exec("INSERT INTO \"notes\" (\"id\", \"title\", \"code\") VALUES (1, 'a much longer title', 'abcdef')");
    auto values = [&] {
        strata::session s(db());
        return s.query_value<std::string>("SELECT \"title\" FROM \"notes\" WHERE \"id\" = 1") + "|" +
               s.query_value<std::string>("SELECT \"code\" FROM \"notes\" WHERE \"id\" = 1");
    };
    if (sqlite()) {  // (no lengths: the values stay whole on the way down)
        EXPECT_EQ(m.downgrade_to(1).to, 1u);
        EXPECT_EQ(values(), "a much longer title|abcdef");
        return;
    }
    try {
        m.downgrade_to(1);
        ADD_FAILURE() << "the down cut the values to " << values();
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("value too long for type"), std::string::npos) << e.what();
    }
    EXPECT_EQ(m.status().current, 2u);
    EXPECT_EQ(values(), "a much longer title|abcdef");
    try {
        make<chain_nw3>().upgrade();
        ADD_FAILURE() << "the up cut the values to " << values();
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("value too long for type"), std::string::npos) << e.what();
    }
    EXPECT_EQ(values(), "a much longer title|abcdef");
    // Values that fit go through, spaces and all.
    exec("UPDATE \"notes\" SET \"title\" = 'ab', \"code\" = 'xy'");
    EXPECT_EQ(m.downgrade_to(1).to, 1u);
    EXPECT_EQ(values(), "ab|xy ");
    // A longer VARCHAR rewrites neither the table nor its index.
    exec("CREATE INDEX \"notes_title\" ON \"notes\" (\"title\")");
    auto files = [&] {
        return count(db(), "SELECT pg_relation_filenode('notes')") * 1000000 + count(db(), "SELECT pg_relation_filenode('notes_title')");
    };
    const std::int64_t before = files();
    make<chain_nw_longer>().upgrade();
    EXPECT_EQ(files(), before);
    EXPECT_EQ(values(), "ab|xy ");
}

#ifdef STRATA_TEST_POSTGRES
// A session whose settings differ from PostgreSQL's defaults (standard_conforming_strings off:
// backslashes in '...' are escapes; extra_float_digits 0: floats sent rounded to 15 digits;
// a client_encoding other than UTF8: text converted) stores and reads what a plain one does.
TEST_F(TrustPostgres, SessionSettingsDoNotChangeWhatIsStoredOrRead) {
    const std::string schema = static_cast<strata_test::postgres_database&>(*database_).schema;
    strata::postgres::connection odd(std::string(strata_test::postgres_url()) +
                                     "?client_encoding=LATIN1&options=-c%20standard_conforming_strings%3Doff%20-c%20"
                                     "extra_float_digits%3D0%20-c%20DateStyle%3DSQL%2CDMY");
    odd.execute("SET search_path TO \"" + schema + "\"", {}, {});
    strata::migrator<chain_bs>(odd, quiet()).upgrade();
    strata::session s(odd);
    s.execute("INSERT INTO \"paths\" (\"id\", \"ratio\") VALUES (2, $1)", 0.30000000000000004);
    s.execute("INSERT INTO \"paths\" (\"id\", \"name\") VALUES (3, $1)", std::string("caf\xc3\xa9"));
    EXPECT_EQ(s.query_value<double>("SELECT \"ratio\" FROM \"paths\" WHERE \"id\" = 2"), 0.30000000000000004);
    EXPECT_EQ(s.query_value<float>("SELECT 5592405.5::real"), 5592405.5f);
    EXPECT_EQ(s.query_value<std::string>("SELECT \"name\" FROM \"paths\" WHERE \"id\" = 3"), "caf\xc3\xa9");
    EXPECT_EQ(s.query_value<std::chrono::sys_days>("SELECT \"day\" FROM \"paths\" WHERE \"id\" = 2"),
              std::chrono::sys_days(std::chrono::days(19753)));  // 2024-01-31
    strata::session plain(db());
    EXPECT_EQ(plain.query_value<std::string>("SELECT \"name\" FROM \"paths\" WHERE \"id\" = 1"), "x\\y \\U0041 \\n");
    EXPECT_EQ(plain.query_value<std::string>("SELECT \"name\" FROM \"paths\" WHERE \"id\" = 2"), "C:\\temp\\new");
    EXPECT_EQ(plain.query_value<std::int64_t>("SELECT octet_length(\"name\") FROM \"paths\" WHERE \"id\" = 3"), 5);
    const strata::verify_report v = strata::migrator<chain_bs>(odd, quiet()).verify();
    EXPECT_TRUE(v.ok()) << v.text();
}

// A timestamptz default is the same fact in any session TimeZone: PostgreSQL prints the constant
// in the session's zone ('2024-01-01 01:00:00+01'), and verify() saw drift, baseline refused,
// on every server whose TimeZone is not UTC (helper 59).
using chain_tzd = strata::chain<strata::migration<1, "since", create_table<"members", column<"id", bigint, primary_key>,
    column<"since", timestamptz, default_value<"2024-01-01 00:00:00+00">>, column<"until", timestamptz, default_value<"2024-06-30 12:30:00.25+00">>,
    column<"from", timestamptz, default_value<"2024-01-01 01:00:00+01">>, column<"to", timestamptz, default_value<"2024-03-01 00:30:00.500-05:30">>>>>;
TEST_F(TrustPostgres, ATimestamptzDefaultIsTheSameFactInAnySessionTimeZone) {
    make<chain_tzd>().upgrade();
    for (const char* zone : {"Europe/Berlin", "America/New_York", "Asia/Kolkata"}) {
        exec(std::string("SET TimeZone = '") + zone + "'");
        const strata::verify_report v = make<chain_tzd>().verify();
        EXPECT_TRUE(v.ok()) << zone << ": " << v.text();
    }
    exec("DROP TABLE \"members\"");
    exec("DELETE FROM \"strata_migrations\"");
    exec("CREATE TABLE \"members\" (\"id\" BIGINT PRIMARY KEY, \"since\" TIMESTAMPTZ DEFAULT '2024-01-01 00:00:00+00', "
         "\"until\" TIMESTAMPTZ DEFAULT '2024-06-30 12:30:00.25+00', \"from\" TIMESTAMPTZ DEFAULT '2024-01-01 00:00:00+00', "
         "\"to\" TIMESTAMPTZ DEFAULT '2024-03-01 06:00:00.5+00')");
    make<chain_tzd>().baseline(1);
    EXPECT_EQ(make<chain_tzd>().status().current, 1u);
    // a default that is another instant is still drift
    exec("ALTER TABLE \"members\" ALTER COLUMN \"since\" SET DEFAULT '2024-01-01 00:00:00+01'");
    EXPECT_FALSE(make<chain_tzd>().verify().ok());
}

// A database whose bytea_output is 'escape' (a legacy setting): strata's own connection reads
// bytea in hex, and a data step's read of one worked only with the setting changed (helper 59).
TEST_F(TrustPostgres, ByteaIsReadWhateverTheDatabasesByteaOutput) {
    strata::postgres::connection escaped(std::string(strata_test::postgres_url()) + "?options=-c%20bytea_output%3Descape");
    const std::vector<std::byte> bytes{std::byte{0}, std::byte{'a'}, std::byte{0xff}};
    EXPECT_EQ(strata::session(escaped).query_value<std::vector<std::byte>>("SELECT '\\x0061ff'::bytea"), bytes);
}

// A foreign key to a table of another schema, named as the chain's table: verify() matched, and
// baseline would have adopted it (helper 59). The referenced table of another schema is named
// with its schema.
TEST_F(TrustPostgres, AForeignKeyToAnotherSchemasTableIsDrift) {
    std::string schema;
    db().execute("SELECT current_schema()", {}, [&](const strata::row& r) { schema = r.get<std::string>(0); });
    auto m = make<chain_dp>();
    m.upgrade();
    const std::string other = schema + "_other";
    exec("CREATE SCHEMA \"" + other + "\"");
    exec("CREATE TABLE \"" + other + "\".\"roles\" (\"id\" BIGINT PRIMARY KEY)");
    std::string fk;
    db().execute("SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid = '\"users\"'::regclass", {},
                 [&](const strata::row& r) { fk = r.get<std::string>(0); });
    exec("ALTER TABLE \"users\" DROP CONSTRAINT \"" + fk + "\"");
    exec("ALTER TABLE \"users\" ADD CONSTRAINT \"" + fk + "\" FOREIGN KEY (\"role_id\") REFERENCES \"" + other + "\".\"roles\" (\"id\")");
    const strata::verify_report v = m.verify();
    EXPECT_FALSE(v.ok());
    EXPECT_NE(v.text().find(other + ".roles"), std::string::npos) << v.text();
    exec("DROP SCHEMA \"" + other + "\" CASCADE");
}

// A schema made in front of the application's (one named after the role, which "$user" finds
// first): status said version 0 and upgrade made the chain's tables again there, the
// application's rows out of its sight, without a word (helper 59). Said, as a warning.
TEST_F(TrustPostgres, AnUpgradeFromNothingSaysWhereFurtherAlongThePathTheChainIs) {
    std::string schema;
    db().execute("SELECT current_schema()", {}, [&](const strata::row& r) { schema = r.get<std::string>(0); });
    make<chain_dp>().upgrade();
    const std::string front = schema + "_front";
    exec("CREATE SCHEMA \"" + front + "\"");
    exec("SET search_path TO \"" + front + "\", \"" + schema + "\"");
    log.lines.clear();
    EXPECT_EQ(make<chain_dp>().upgrade().to, 3u);
    EXPECT_TRUE(log.has("schema \"" + front + "\" has no migration of this chain, but schema \"" + schema +
                        "\", further along the search_path, has its migrations through version 3"));
    exec("SET search_path TO \"" + schema + "\"");
    exec("DROP SCHEMA \"" + front + "\" CASCADE");
}

// A table of the chain missing from its schema (dropped by hand) while a schema further along the
// search_path has one of that name: the unqualified DROP TABLE of a downgrade dropped that one,
// rows and all, and an upgrade altered it (helper 59). Refused before the first migration.
TEST_F(TrustPostgres, AStatementNeverReachesATableOfAnotherSchemaAlongThePath) {
    std::string schema;
    db().execute("SELECT current_schema()", {}, [&](const strata::row& r) { schema = r.get<std::string>(0); });
    const std::string shared = schema + "_shared";
    exec("CREATE SCHEMA \"" + shared + "\"");
    exec("CREATE TABLE \"" + shared + "\".\"roles\" (\"id\" BIGINT PRIMARY KEY, \"name\" TEXT)");
    exec("INSERT INTO \"" + shared + "\".\"roles\" VALUES (1, 'keep me')");
    exec("SET search_path TO \"" + schema + "\", \"" + shared + "\"");
    auto m = make<chain_dp>();
    EXPECT_EQ(m.upgrade_to(2).to, 2u);  // (create_table makes roles here: the shared one is no matter)
    exec("DROP TABLE \"" + schema + "\".\"roles\"");
    try {
        m.downgrade_to(1);
        FAIL() << "the downgrade dropped the shared schema's roles";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("whose statements name table (or index) \"roles\": it is not in schema \"" + schema +
                                             "\", but one of that name is in schema \"" + shared + "\""),
                  std::string::npos)
            << e.what();
    }
    try {
        m.upgrade();
        FAIL() << "the upgrade altered the shared schema's roles";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("whose statements name table (or index) \"roles\""), std::string::npos) << e.what();
    }
    // ... and the plans of both refuse them too (plan(v) refuses what the call would, from the catalog)
    try {
        (void)m.plan(1);
        FAIL() << "the plan of the downgrade was made";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("plan(1) would"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)m.plan(3), strata::migration_error);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"" + shared + "\".\"roles\""), 1);
    EXPECT_EQ(m.status().current, 2u);
    exec("SET search_path TO \"" + schema + "\"");
    exec("DROP SCHEMA \"" + shared + "\" CASCADE");
}

// Helper 62, of the check of names found in another schema: in the order the path runs (a table
// the path makes after it names it is still the other schema's), indexes and types too; a TEMP
// table of a name the chain no longer has, or behind an explicit pg_temp, hides nothing; the
// chain's own BEGIN ATOMIC function, dropped by a down before, is no block.
using ds1 = strata::migration<1, "a", create_table<"a", column<"id", bigint, primary_key>, column<"v", integer>>>;
using ds2 = strata::migration<2, "a to b", rename_table<"a", "b">>;
using ds3 = strata::migration<3, "a again", create_table<"a", column<"id", bigint, primary_key>>, create_index<"a_id_idx", "a", "id">>;
using chain_ds = strata::chain<ds1, ds2, ds3>;
TEST_F(TrustPostgres, NamesFoundInAnotherSchemaAreCheckedInTheOrderThePathRuns) {
    std::string schema;
    db().execute("SELECT current_schema()", {}, [&](const strata::row& r) { schema = r.get<std::string>(0); });
    const std::string shared = schema + "_shared";
    exec("CREATE SCHEMA \"" + shared + "\"");
    exec("CREATE TABLE \"" + shared + "\".\"a\" (\"id\" BIGINT PRIMARY KEY, \"v\" INTEGER)");
    exec("CREATE INDEX \"a_id_idx\" ON \"" + shared + "\".\"a\" (\"id\")");
    exec("SET search_path TO \"" + schema + "\", \"" + shared + "\"");
    auto m = make<chain_ds>();
    EXPECT_EQ(m.upgrade_to(1).to, 1u);
    exec("DROP TABLE \"" + schema + "\".\"a\"");
    EXPECT_THROW(m.upgrade(), strata::migration_error);  // (the rename names a before 3 makes one)
    exec("CREATE TABLE \"" + schema + "\".\"a\" (\"id\" BIGINT PRIMARY KEY, \"v\" INTEGER)");
    EXPECT_EQ(m.upgrade().to, 3u);
    exec("DROP INDEX \"" + schema + "\".\"a_id_idx\"");
    try {
        m.downgrade_to(2);
        FAIL() << "the downgrade dropped the shared schema's index";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("name table (or index) \"a_id_idx\""), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(db(), "SELECT count(*) FROM pg_indexes WHERE schemaname = '" + shared + "' AND indexname = 'a_id_idx'"), 1);
    exec("CREATE INDEX \"a_id_idx\" ON \"" + schema + "\".\"a\" (\"id\")");
    // a TEMP table of a name the chain no longer has at its head, and one behind an explicit pg_temp
    exec("CREATE TEMP TABLE \"x_staging\" (\"id\" BIGINT)");
    EXPECT_EQ(m.status().current, 3u);
    exec("CREATE TEMP TABLE \"b\" (\"id\" BIGINT)");
    EXPECT_THROW(m.status(), strata::migration_error);
    exec("SET search_path TO \"" + schema + "\", \"" + shared + "\", pg_temp");
    EXPECT_EQ(m.status().current, 3u);
    exec("DROP TABLE pg_temp.\"b\"");
    exec("SET search_path TO \"" + schema + "\"");
    exec("DROP SCHEMA \"" + shared + "\" CASCADE");
    EXPECT_EQ(m.downgrade_to(0).to, 0u);
    // the chain's own function, dropped by a down before the column's drop
    auto f = make<strata::chain<dp1, strata::migration<2, "counts", execute<"CREATE FUNCTION \"emails\"() RETURNS bigint LANGUAGE sql "
                                                                            "BEGIN ATOMIC SELECT count(\"email\") FROM \"users\"; END",
                                                                            "DROP FUNCTION \"emails\"()">>>>();
    f.upgrade();
    EXPECT_EQ(f.downgrade_to(0).to, 0u);
}

// A type change between times with and without a zone, or to a date, is the same in any
// session TimeZone (a server's or role's setting): values are read as UTC, as strata reads
// them, and as SQLite keeps them. With the session's zone, 03:00 became 08:00 UTC under New
// York, and 03:00+00 the previous day's 22:00 (helper 53).
using tz1 = strata::migration<1, "times", create_table<"times", column<"id", bigint, primary_key>, column<"at", timestamp>,
                                                       column<"seen", timestamptz>, column<"day", date>>>;
using chain_tz = strata::chain<tz1, strata::migration<2, "zones", alter_column<"times", "at", set_type<timestamptz>>,
                                                      alter_column<"times", "seen", set_type<date>>,
                                                      alter_column<"times", "day", set_type<timestamptz>>>>;
TEST_F(TrustPostgres, ATimeTypeChangeIsTheSameInAnySessionTimeZone) {
    const std::string schema = static_cast<strata_test::postgres_database&>(*database_).schema;
    strata::postgres::connection east(std::string(strata_test::postgres_url()) + "?options=-c%20TimeZone%3DAmerica/New_York");
    east.execute("SET search_path TO \"" + schema + "\"", {}, {});
    strata::migrator<chain_tz> m(east, quiet());
    m.upgrade_to(1);
    exec("INSERT INTO \"times\" VALUES (1, '2024-01-01 03:00:00', '2024-01-01 03:00:00+00', '2024-01-01')");
    EXPECT_EQ(m.upgrade().to, 2u);
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::string>("SELECT to_char(\"at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM \"times\""),
              "2024-01-01 03:00");
    EXPECT_EQ(s.query_value<std::string>("SELECT \"seen\"::text FROM \"times\""), "2024-01-01");
    EXPECT_EQ(s.query_value<std::string>("SELECT to_char(\"day\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM \"times\""),
              "2024-01-01 00:00");
    EXPECT_EQ(m.downgrade_to(1).to, 1u);  // and back
    EXPECT_EQ(s.query_value<std::string>("SELECT \"at\"::text FROM \"times\""), "2024-01-01 03:00:00");
    EXPECT_EQ(s.query_value<std::string>("SELECT \"day\"::text FROM \"times\""), "2024-01-01");
}
// ... and between text and timestamptz (known since the last notes): a text without a zone is
// UTC, one with its zone keeps it; back to text as a UTC session prints it
using tt1 = strata::migration<1, "stamps", create_table<"stamps", column<"id", bigint, primary_key>, column<"at", text>,
                                                        column<"code", varchar<40>>>>;
using chain_tt = strata::chain<tt1, strata::migration<2, "zoned", alter_column<"stamps", "at", set_type<timestamptz>>,
                                                      alter_column<"stamps", "code", set_type<timestamptz>>>>;
std::string show(strata::driver& db, const std::string& setting) {
    return strata::session(db).query_value<std::string>("SELECT current_setting('" + setting + "')");
}
TEST_F(TrustPostgres, TextMadeATimeWithAZoneIsUtcInAnySessionTimeZone) {
    const std::string schema = static_cast<strata_test::postgres_database&>(*database_).schema;
    strata::postgres::connection east(std::string(strata_test::postgres_url()) + "?options=-c%20TimeZone%3DAmerica/New_York");
    east.execute("SET search_path TO \"" + schema + "\"", {}, {});
    strata::migrator<chain_tt> m(east, quiet());
    m.upgrade_to(1);
    exec("INSERT INTO \"stamps\" VALUES (1, '2024-01-01 03:00:00', '2024-01-01T03:00:00Z'), (2, '2024-01-01 03:00:00+02', "
         "'2024-07-01 03:00:00.5 Europe/Paris'), (3, '2024-01-01', '2024-01-01 03:00:00-05:30'), (4, 'infinity', NULL), "
         "(5, 'Mon Jan 01 10:00:00 2024 PST', '2024-01-01 10:00:00 PM'), (6, '0044-03-15 10:00:00 BC', NULL)");
    EXPECT_EQ(m.upgrade().to, 2u);
    strata::session s(db());
    auto utc = [&](const char* column, int id) {
        return s.query_value<std::string>(std::string("SELECT to_char(\"") + column +
                                          "\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM \"stamps\" WHERE \"id\" = " +
                                          std::to_string(id));
    };
    EXPECT_EQ(utc("at", 1), "2024-01-01 03:00:00");  // (in New York's session: 08:00 before)
    EXPECT_EQ(utc("at", 2), "2024-01-01 01:00:00");
    EXPECT_EQ(utc("at", 3), "2024-01-01 00:00:00");
    EXPECT_EQ(s.query_value<std::string>("SELECT \"at\"::text FROM \"stamps\" WHERE \"id\" = 4"), "infinity");
    EXPECT_EQ(utc("code", 1), "2024-01-01 03:00:00");
    EXPECT_EQ(utc("code", 2), "2024-07-01 01:00:00");
    EXPECT_EQ(utc("code", 3), "2024-01-01 08:30:00");
    EXPECT_EQ(utc("at", 5), "2024-01-01 18:00:00");  // (helper 57: a zone before the year, AM/PM, BC)
    EXPECT_EQ(utc("code", 5), "2024-01-01 22:00:00");
    EXPECT_EQ(s.query_value<std::string>("SELECT to_char(\"at\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS BC') FROM \"stamps\" "
                                         "WHERE \"id\" = 6"),
              "0044-03-15 10:00:00 BC");
    EXPECT_EQ(show(east, "TimeZone"), "America/New_York");  // (the session's, back)
    EXPECT_EQ(m.downgrade_to(1).to, 1u);  // and back, as a UTC session prints it
    EXPECT_EQ(s.query_value<std::string>("SELECT \"at\" FROM \"stamps\" WHERE \"id\" = 1"), "2024-01-01 03:00:00+00");
    EXPECT_EQ(s.query_value<std::string>("SELECT \"at\" FROM \"stamps\" WHERE \"id\" = 4"), "infinity");
    EXPECT_EQ(s.query_value<std::string>("SELECT \"code\" FROM \"stamps\" WHERE \"id\" = 2"), "2024-07-01 01:00:00.5+00");
    EXPECT_EQ(s.query_value<std::string>("SELECT \"at\" FROM \"stamps\" WHERE \"id\" = 6"), "0044-03-15 10:00:00+00 BC");
    EXPECT_EQ(show(east, "TimeZone"), "America/New_York");
}

// A search_path none of whose schemas exists (a tenant's name mistyped) read as an empty
// database: status said version 0, verify matched schema_at<0>, upgrade failed half-way with
// "no schema has been selected to create in" (helper 51). Every verb says so first.
TEST_F(TrustPostgres, ASearchPathOfNoSchemaIsSaidNotReadAsEmpty) {
    strata::postgres::connection lost(std::string(strata_test::postgres_url()) + "?options=-c%20search_path%3Dno_such_tenant");
    strata::migrator<chain_tz> m(lost, quiet());
    for (const char* verb : {"status", "verify", "upgrade"}) {
        SCOPED_TRACE(verb);
        try {
            if (verb[0] == 's') m.status();
            else if (verb[0] == 'v') m.verify();
            else m.upgrade();
            ADD_FAILURE() << "read as an empty database";
        } catch (const strata::migration_error& e) {
            EXPECT_NE(std::string(e.what()).find("no schema of the search_path (no_such_tenant) exists"), std::string::npos) << e.what();
        }
    }
}

// PostgreSQL: "Kinds" and kinds are two tables; a row of the other whose own id is a seeded key
// is no seeded row (helper 56: its rows were taken for the seeded table's own, and the seed's down
// deleted them through ON DELETE CASCADE).
using kc1 = strata::migration<1, "Kinds", create_table<"Kinds", column<"id", bigint, primary_key>, column<"name", text>>>;
using kc2 = strata::migration<2, "seed", seed<"Kinds", columns<"id", "name">, values<1, "admin">, values<2, "user">>>;
TEST_F(TrustPostgres, ASeedsDownTellsATableNamedAlikeButForCaseFromItsOwn) {
    auto m = make<strata::chain<kc1, kc2>>();
    m.upgrade();
    exec("CREATE TABLE \"kinds\" (\"id\" BIGINT PRIMARY KEY, \"parent\" BIGINT REFERENCES \"Kinds\" (\"id\") ON DELETE CASCADE)");
    exec("INSERT INTO \"kinds\" VALUES (1, 1), (2, 2)");
    try {
        m.downgrade_to(1);
        FAIL() << "the down deleted the rows of kinds";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("2 row(s) of table \"kinds\" (column parent, ON DELETE CASCADE)"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"kinds\""), 2);
}

// A migration of two concurrent index builds whose second fails: the first ran and stays, so
// the advice names it too, and following the advice settles the migration (helper 55: the
// advice named only the failed index, and repair then refused).
using ci1 = strata::migration<1, "items", create_table<"items", column<"id", bigint, primary_key>, column<"name", text, not_null>>>;
using ci2 = strata::migration<2, "unique names", create_index_concurrently<"items_name_idx", "items", "name">,
                              create_unique_index_concurrently<"items_name_uq", "items", "name">>;
using chain_ci = strata::chain<ci1, ci2>;
TEST_F(TrustPostgres, AFailedConcurrentMigrationsAdviceNamesWhatRanBeforeIt) {
    auto m = make<chain_ci>();
    m.upgrade_to(1);
    exec("INSERT INTO \"items\" VALUES (1, 'a'), (2, 'a'), (3, 'b')");
    try {
        m.upgrade();
        FAIL() << "a unique index over duplicates";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("The 1 statement(s) of this migration before it ran and stay: undo them too (DROP INDEX "
                            "CONCURRENTLY IF EXISTS \"items_name_idx\")"),
                  std::string::npos) << what;
    }
    exec("DROP INDEX CONCURRENTLY IF EXISTS \"items_name_uq\"");
    exec("DROP INDEX CONCURRENTLY IF EXISTS \"items_name_idx\"");
    EXPECT_FALSE(m.repair().empty());
    EXPECT_EQ(m.status().current, 1u);
    exec("DELETE FROM \"items\" WHERE \"id\" = 2");
    EXPECT_EQ(m.upgrade().to, 2u);
}

// status() while another migrator applies a migration outside a transaction: its row is dirty
// until it ends, and that is not a failure to fix by hand (helper 55: status said "did not
// finish ... fix it by hand", and its advice was to drop the index being built).
TEST_F(TrustPostgres, ADirtyRowWhileAnotherMigratorHoldsTheLockIsBeingApplied) {
    make<chain_ci>().upgrade_to(1);
    exec("INSERT INTO \"items\" VALUES (1, 'a'), (2, 'b')");
    auto reader = database_->open();  // a snapshot older than the build: it waits for its transaction
    reader->begin();
    reader->execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", {}, {});
    reader->execute("SELECT count(*) FROM \"items\"", {}, {});
    auto other = database_->open();
    std::thread applying([&] {
        strata::migrator_options o = quiet();
        o.lock_timeout = std::chrono::milliseconds(0);
        strata::migrator<chain_ci>(*other, o).upgrade();
    });
    strata::status_report st;
    for (int i = 0; i < 500; ++i) {  // (until its row is there, marked dirty: at most 5 s)
        st = make<chain_ci>().status();
        if (st.applied.size() == 2) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(st.applied.size(), 2u);
    EXPECT_TRUE(st.applied[1].dirty && st.applied[1].being_applied);
    EXPECT_NE(st.problem.find("is marked dirty while another migrator holds the chain's lock"), std::string::npos) << st.problem;
    EXPECT_EQ(st.problem.find("fix it by hand"), std::string::npos) << st.problem;
    reader->commit();
    applying.join();
    st = make<chain_ci>().status();
    EXPECT_TRUE(st.problem.empty()) << st.problem;
    EXPECT_FALSE(st.applied[1].dirty || st.applied[1].being_applied);
    // a dirty row while this very connection holds the lock is no other migrator's (helper 57)
    exec("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 2");
    ASSERT_TRUE(db().lock("main"));
    st = make<chain_ci>().status();
    db().unlock("main");
    EXPECT_FALSE(st.applied[1].being_applied) << st.problem;
    exec("UPDATE \"strata_migrations\" SET \"dirty\" = FALSE WHERE \"version\" = 2");
    // a dirty row with the lock free is one to settle, as before
    exec("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 2");
    st = make<chain_ci>().status();
    EXPECT_FALSE(st.applied[1].being_applied);
    EXPECT_NE(st.problem.find("did not finish"), std::string::npos) << st.problem;
}

// A borrowed connection is the program's: strata does not change how it reads the program's own
// literals or text. One that would store something else than what strata means is refused,
// saying what to set.
TEST_F(TrustPostgres, ABorrowedConnectionThatWouldStoreOtherTextIsRefused) {
    for (const char* option : {"client_encoding=LATIN1", "options=-c%20standard_conforming_strings%3Doff",
                               "options=-c%20DateStyle%3DSQL%2CDMY"}) {
        pqxx::connection mine(std::string(strata_test::postgres_url()) + "?" + option);
        try {
            strata::postgres::connection borrowed(mine);
            ADD_FAILURE() << option << ": accepted";
        } catch (const strata::database_error& e) {
            const std::string what = e.what();
            EXPECT_TRUE(what.find("client_encoding is LATIN1, not UTF8") != std::string::npos ||
                        what.find("standard_conforming_strings is off") != std::string::npos ||
                        what.find("DateStyle is SQL, DMY, not ISO") != std::string::npos)
                << what;
            EXPECT_NE(what.find("nothing was changed"), std::string::npos) << what;
        }
    }
    // extra_float_digits only rounds what the server sends: raised, not refused.
    pqxx::connection mine(std::string(strata_test::postgres_url()) + "?options=-c%20extra_float_digits%3D0");
    strata::postgres::connection borrowed(mine);
    EXPECT_EQ(strata::session(borrowed).query_value<double>("SELECT 0.30000000000000004::float8"), 0.30000000000000004);
}
#endif

TEST_F(TrustSqlite, StatementsRunInsideARowCallbackDoNotEndTheOneStepping) {
    make<chain_r1>().upgrade();
    exec("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (1, 1), (2, 2), (3, 3)");
    strata::session s(db());
    std::int64_t seen = 0;
    // Each row runs 100 statements of distinct text: more than the statement cache holds.
    s.for_each_row("SELECT \"id\" FROM \"items\" WHERE \"id\" > $1 ORDER BY \"id\"", [&](const strata::row& r) {
        for (int k = 0; k < 100; ++k)
            seen += s.query_value<std::int64_t>("SELECT $1 + " + std::to_string(k) + " - " + std::to_string(k), r.get<std::int64_t>(0));
    }, 0);
    EXPECT_EQ(seen, 100 * (1 + 2 + 3));
}

namespace {
std::int64_t rows_seen = 0;
void count_row(const strata::row& r) { rows_seen += r.get<std::int64_t>(0); }
}  // namespace

// A driver's row callback takes a plain function as well as a lambda: by name, by address, or
// a null pointer (no callback).
TEST_P(Trust, ARowCallbackMayBeAPlainFunction) {
    make<chain_r1>().upgrade();
    exec("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (1, 1), (2, 2), (3, 3)");
    rows_seen = 0;
    db().execute("SELECT \"id\" FROM \"items\"", {}, count_row);
    EXPECT_EQ(rows_seen, 6);
    db().execute("SELECT \"id\" FROM \"items\"", {}, &count_row);
    EXPECT_EQ(rows_seen, 12);
    void (*none)(const strata::row&) = nullptr;
    const strata::row_callback empty(none);
    EXPECT_FALSE(empty);
    db().execute("SELECT \"id\" FROM \"items\"", {}, empty);
    EXPECT_EQ(rows_seen, 12);
}

// Another connection (a background worker's) sees the database as this one does: on
// PostgreSQL a search_path set after connecting is not in the URL, and is carried over.
TEST_P(Trust, AnotherConnectionSeesTheSameTables) {
    make<chain_r1>().upgrade();
    std::unique_ptr<strata::driver> other = db().open_another();
    EXPECT_TRUE(other->has_table("items"));
    EXPECT_TRUE(other->has_table("strata_migrations"));
    strata::session(*other).execute("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (7, 7)");
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"items\""), 1);
}

namespace {
int step_ran = 0;
template <int N>
void mark_step(strata::session&) { step_ran = N; }
template <int N>
using marked = strata::chain<r1, strata::migration<2, "mark", run<mark_step<N>>>>;
}  // namespace

// Two chains that differ only in a data step's function are two chains: each runs its own.
// (One type for both ran the first one's function; Clang names mark_step<1> and mark_step<2>
// alike, so the second takes another key: chain_key.hpp, same_functions.)
TEST_P(Trust, ADataStepIsTheChainsOwnFunction) {
    static_assert(!std::is_same_v<marked<1>, marked<2>>);
    make<marked<1>>().upgrade_to(1);
    make<marked<2>>().upgrade();
    EXPECT_EQ(step_ran, 2);
}

// ---- 5. Exception safety ----

TEST_P(Trust, ARowCallbackThatThrowsLeavesNoLockBehind) {
    make<chain_r1>().upgrade();
    exec("INSERT INTO \"items\" (\"id\", \"qty\") VALUES (1, 1), (2, 2), (3, 3)");
    strata::session s(db());
    EXPECT_THROW(s.for_each_row("SELECT \"id\" FROM \"items\" ORDER BY \"id\"",
                                [](const strata::row&) { throw std::runtime_error("the callback gives up"); }),
                 std::runtime_error);
    EXPECT_THROW(s.for_each_row("SELECT \"id\" FROM \"items\" WHERE \"id\" > $1", [](const strata::row&) { throw 1; }, 0), int);
    // Another connection writes at once: no read lock is left on the first one.
    std::unique_ptr<strata::driver> other;
    if (sqlite()) other = std::make_unique<strata::sqlite::connection>(sqlite_path(), std::chrono::milliseconds(200));
    else other = database_->open();
    strata::session(*other).execute("INSERT INTO \"items\" (\"id\", \"qty\") VALUES ($1, $2)", 4, 4);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"items\""), 4);
}

TEST_P(Trust, AnExceptionThatIsNotAStdExceptionRollsTheMigrationBack) {
    make<chain_r1>().upgrade();
    for (int which = 0; which < 2; ++which) {
        try {
            if (which == 0) make<chain_x>().upgrade();
            else make<chain_xv>().upgrade();
            FAIL() << "expected a failure";
        } catch (const strata::migration_error& e) {
            EXPECT_EQ(e.kind(), migration_failure::data_step_failed);
            EXPECT_EQ(e.version(), 2u);
            EXPECT_NE(std::string(e.what()).find("not a std::exception"), std::string::npos) << e.what();
        }
        EXPECT_EQ(make<chain_x>().status().current, 1u);
        for (const std::string& f : db().schema_facts(std::vector<std::string>{"items"}, {}))
            EXPECT_EQ(f.find("note"), std::string::npos) << f;
    }
}

// The CLI's message names the verb to type, as its others do, not the library's call.
TEST_F(TrustSqlite, TheCliNamesItsVerbForABackgroundStepThatFails) {
    const strata_test::cli_result r = cli<chain_bg3>("upgrade");
    EXPECT_EQ(r.code, strata::cli::exit_failed);
    EXPECT_NE(r.err.find("if it never can, app db repair --skip-background 2 records it done"), std::string::npos) << r.err;
}

// A background step that can never succeed blocks the later ones at every start; the way out
// is explicit: skip_background(v) records it done without running it, and the later ones run.
TEST_P(Trust, ABackgroundStepThatCannotSucceedIsSkippedOnRequest) {
    later_background_runs = 0;
    strata::startup_options o;
    o.log = log.sink();
    o.background_on_thread = false;
    for (int start = 0; start < 2; ++start) {
        auto r = strata::migrate_on_startup<chain_bg3>(db(), o);
        EXPECT_EQ(r.background_done.remaining, (std::vector<std::uint64_t>{2, 3}));
        EXPECT_NE(r.background_done.error.find("if it never can, skip_background(2) records it done"), std::string::npos)
            << r.background_done.error;
    }
    EXPECT_EQ(later_background_runs, 0);  // behind the one that fails
    auto m = make<chain_bg3>();
    const std::string done = m.skip_background(2);
    EXPECT_NE(done.find("migration 2 \"background throws\": its background steps are recorded done without running"), std::string::npos)
        << done;
    EXPECT_TRUE(log.has("its background steps are recorded done without running"));
    auto st = m.status();
    ASSERT_EQ(st.applied.size(), 3u);
    EXPECT_FALSE(st.applied[1].background_pending);
    EXPECT_TRUE(st.applied[2].background_pending);
    auto r = strata::migrate_on_startup<chain_bg3>(db(), o);
    EXPECT_TRUE(r.background_done.ok()) << r.background_done.error;
    EXPECT_EQ(r.background_done.completed, std::vector<std::uint64_t>{3});
    EXPECT_EQ(later_background_runs, 1);
    EXPECT_FALSE(m.status().applied[2].background_pending);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    // Nothing pending: nothing to skip; a version the code lacks, or one not applied: refused.
    EXPECT_EQ(m.skip_background(2), "");
    try {
        m.skip_background(7);
        ADD_FAILURE() << "skipped a migration the code does not have";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), strata::migration_failure::no_such_version);
    }
    m.downgrade_to(2);
    try {
        m.skip_background(3);
        ADD_FAILURE() << "skipped a migration not applied";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("migration 3 \"later background\" is not applied"), std::string::npos) << e.what();
    }
}

TEST_P(Trust, HooksAndBackgroundStepsThatThrowAnythingAreReported) {
    strata::startup_options o;
    o.log = log.sink();
    o.background_on_thread = false;
    auto r = strata::migrate_on_startup<chain_bg>(db(), o);
    EXPECT_FALSE(r.background_done.ok());
    EXPECT_NE(r.background_done.error.find("not a std::exception"), std::string::npos) << r.background_done.error;
    EXPECT_EQ(r.background_done.remaining, std::vector<std::uint64_t>{2});
    // status() says so: the step is still to run (up to date as to migrations)
    const auto st = make<chain_bg>().status();
    ASSERT_EQ(st.applied.size(), 2u);
    EXPECT_FALSE(st.applied[0].background_pending);
    EXPECT_TRUE(st.applied[1].background_pending);

    strata::startup_options hooks;
    hooks.log = log.sink();
    hooks.version = "2.0";
    hooks.background_on_thread = false;
    hooks.on_upgrade = [](strata::session&, std::string_view, std::string_view) { throw 3; };
    try {
        strata::migrate_on_startup<chain_bg>(db(), hooks);
        FAIL() << "on_upgrade threw";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("on_upgrade(none -> 2.0) failed: an exception that is not a std::exception"),
                  std::string::npos)
            << e.what();
    }
    strata::startup_options task;
    task.log = log.sink();
    task.version = "2.0";
    task.background_on_thread = false;
    task.tasks.push_back({"throws", "2.0", [](strata::session&, const strata::version_change&) { throw 'x'; }});
    try {
        strata::migrate_on_startup<chain_bg>(db(), task);
        FAIL() << "the task threw";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("version task \"throws\" (2.0) failed: an exception that is not a std::exception"),
                  std::string::npos)
            << e.what();
    }
}

// An older release started on a database a newer one migrated (a rolling deploy) starts
// without migrating, with a warning: no error-level line, which alerting reads as a failure.
// A database that lacks a migration of this code below the newer ones is refused for that gap,
// as the newer code names it, not as "ahead".
using three = strata::chain<r1, strata::migration<2, "notes", add_column<"items", column<"note", text>>>,
                            strata::migration<3, "tags", add_column<"items", column<"tag", text>>>>;
TEST_P(Trust, AnOlderReleaseStartsBesideANewerOneWithoutAnError) {
    make<three>().upgrade();
    std::vector<strata::log_level> levels;
    strata::startup_options o;
    o.log = [&](strata::log_level l, std::string_view line) {
        levels.push_back(l);
        log.lines.emplace_back(line);
    };
    EXPECT_EQ(strata::migrate_on_startup<two>(db(), o).migrations.to, 3u);
    EXPECT_EQ(std::count(levels.begin(), levels.end(), strata::log_level::error), 0) << ::testing::PrintToString(log.lines);
    EXPECT_TRUE(log.has("ahead of this code")) << ::testing::PrintToString(log.lines);

    exec("DELETE FROM \"strata_migrations\" WHERE \"version\" = 2");
    try {
        make<two>().upgrade();
        FAIL() << "a database without migration 2 was accepted";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::unknown_state) << e.what();
        EXPECT_NE(std::string(e.what()).find("has migration 3 \"tags\" but not migration 2 \"notes\" before it"),
                  std::string::npos)
            << e.what();
    }
}

// The chain's tables with nothing recorded (a database made before strata, its rows of
// strata_migrations deleted, another --chain): upgrade is refused before it runs into "already
// exists", saying baseline, and status says the same.
TEST_P(Trust, TablesWithoutRecordsAreRefusedWithAWayOut) {
    make<two>().upgrade();
    exec("DELETE FROM \"strata_migrations\"");
    const strata::status_report st = make<two>().status();
    EXPECT_NE(st.problem.find("has table \"items\", which migration 1 \"items\" creates, and no migration of chain \"main\" recorded"),
              std::string::npos)
        << st.problem;
    try {
        make<two>().upgrade();
        FAIL() << "upgrade ran";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::unknown_state) << e.what();
        EXPECT_NE(std::string(e.what()).find("is adopted with baseline(V)"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("nothing was changed"), std::string::npos) << e.what();
    }
    make<two>().baseline(2);
    EXPECT_EQ(make<two>().upgrade().to, 2u);
}

// history on a database ahead of the code shows the rows the code lacks, marks the current one,
// and says what status says, with its exit code.
TEST_F(TrustSqlite, HistoryShowsWhatTheCodeLacksAndStatusVerdict) {
    make<three>().upgrade();
    const strata_test::cli_result r = cli<two>("history");
    EXPECT_EQ(r.code, strata::cli::exit_failed);
    EXPECT_NE(r.out.find("     3 tags  applied"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("(not in this code) (current)"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("the database is ahead of the code"), std::string::npos) << r.err;
}

// character<n> pads its values with spaces; a type change from it converts the value without
// them (uuid, integer and json refuse or keep the padding otherwise).
using ch1 = strata::migration<1, "codes", create_table<"codes", column<"id", bigint, primary_key>, column<"ref", character<40>>,
                                                       column<"n", character<8>>>>;
using ch2 = strata::migration<2, "typed codes", alter_column<"codes", "ref", set_type<uuid>>, alter_column<"codes", "n", set_type<integer>>>;
using chain_ch = strata::chain<ch1, ch2>;
TEST_P(Trust, ATypeChangeFromCharacterTakesTheValueWithoutItsPadding) {
    make<chain_ch>().upgrade_to(1);
    exec("INSERT INTO \"codes\" (\"id\", \"ref\", \"n\") VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '42')");
    EXPECT_EQ(make<chain_ch>().upgrade().to, 2u);
    strata::session s(db());
    EXPECT_EQ(s.query_value<std::string>("SELECT \"ref\" FROM \"codes\""), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT \"n\" FROM \"codes\""), 42);
    const strata::verify_report v = make<chain_ch>().verify();
    EXPECT_TRUE(v.ok()) << v.text();
}

// A statement that would end strata's transaction, in a data step, an execute<>, a version task
// or on_upgrade, is refused before it runs; the migration rolls back whole, and the message
// names the statement. A savepoint of the step's own is not one.
TEST_P(Trust, ADataStepReachesItsDriver) {
    make<chain_r1>().upgrade();
    EXPECT_EQ(make<chain_dr>().upgrade().to, 2u);
    EXPECT_EQ(seen_by_database, db().describe() + " in a transaction, u");
}

TEST_P(Trust, CodeInsideAMigrationCannotEndItsTransaction) {
    make<chain_r1>().upgrade();
    for (const char* statement : {"COMMIT", "COMMIT; BEGIN", "end transaction", "/* x */ ROLLBACK", "BEGIN",
                                  "SELECT 1; commit work"}) {
        ending = statement;
        try {
            make<chain_ct>().upgrade();
            ADD_FAILURE() << statement << ": ran";
        } catch (const strata::migration_error& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("would end the migration's transaction"), std::string::npos) << statement << ": " << what;
            EXPECT_NE(what.find("nothing of it was applied"), std::string::npos) << what;
        }
        if (!db().in_transaction()) {
            EXPECT_FALSE(db().has_table("u")) << statement;
        } else {
            ADD_FAILURE() << statement << ": a transaction was left open";
            db().rollback();
        }
        EXPECT_EQ(make<chain_ct>().status().current, 1u) << statement;
    }
    try {
        make<chain_ce>().upgrade();
        ADD_FAILURE() << "execute<> committed";
    } catch (const strata::migration_error& e) {
        EXPECT_NE(std::string(e.what()).find("would end the migration's transaction"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(db().has_table("u"));
    ending = "SAVEPOINT mine; ROLLBACK TO SAVEPOINT mine; RELEASE SAVEPOINT mine";
    EXPECT_EQ(make<chain_ct>().upgrade().to, 2u);

    strata::startup_options hooks;
    hooks.log = log.sink();
    hooks.version = "2.0";
    hooks.on_upgrade = [](strata::session& s, std::string_view, std::string_view) { s.execute("COMMIT"); };
    try {
        strata::migrate_on_startup<chain_ct>(db(), hooks);
        ADD_FAILURE() << "on_upgrade committed";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("would end the transaction"), std::string::npos) << e.what();
    }
    strata::startup_options task;
    task.log = log.sink();
    task.version = "2.0";
    task.tasks.push_back({"commits", "2.0", [](strata::session& s, const strata::version_change&) { s.execute("END"); }});
    try {
        strata::migrate_on_startup<chain_ct>(db(), task);
        ADD_FAILURE() << "the task committed";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("would end the transaction"), std::string::npos) << e.what();
    }
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"strata_version_tasks\""), 0);
}

// ---- 6. One verdict for every bookkeeping state ----

struct tampering {
    const char* name;
    const char* sql;
    const char* message;  // in both verdicts
    bool sqlite_only;
};
const tampering tamperings[] = {
    {"earlier checksum", "UPDATE \"strata_migrations\" SET \"checksum\" = '0000000000000000' WHERE \"version\" = 1",
     "migration 1 \"items\" changed after it was applied", false},
    {"earlier dirty", "UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 1", "migration 1 \"items\" is dirty",
     false},
    {"negative version", "UPDATE \"strata_migrations\" SET \"version\" = -1 WHERE \"version\" = 1",
     "column \"version\" holds -1, not a version", false},
    {"text version", "UPDATE \"strata_migrations\" SET \"version\" = 'abc' WHERE \"version\" = 1",
     "column \"version\" holds 'abc', not a version", true},
    {"fractional version", "UPDATE \"strata_migrations\" SET \"version\" = 1.5 WHERE \"version\" = 1",
     "column \"version\" holds 1.5, not a version", true},
    {"garbage dirty", "UPDATE \"strata_migrations\" SET \"dirty\" = 'maybe' WHERE \"version\" = 1",
     "column \"dirty\" holds 'maybe', not a boolean", true},
    // (text that reads as a boolean somewhere is still text: 'false' was taken as clean, 't' as dirty)
    {"text false dirty", "UPDATE \"strata_migrations\" SET \"dirty\" = 'false' WHERE \"version\" = 1",
     "column \"dirty\" holds 'false', not a boolean", true},
    {"text t dirty", "UPDATE \"strata_migrations\" SET \"dirty\" = 't' WHERE \"version\" = 1",
     "column \"dirty\" holds 't', not a boolean", true},
    {"earlier name", "UPDATE \"strata_migrations\" SET \"name\" = 'renamed' WHERE \"version\" = 1", "recorded as \"renamed\"", false},
};
// What the verdict does not depend on: shown as found, by status() as by upgrade().
TEST_P(Trust, InformationalColumnsDoNotChangeTheVerdict) {
    make<two>().upgrade();
    exec("UPDATE \"strata_migrations\" SET \"duration_ms\" = -1, \"applied_at\" = 'yesterday', "
         "\"history_checksum\" = 'x' WHERE \"version\" = 1");
    const auto st = make<two>().status();
    EXPECT_TRUE(st.up_to_date()) << st.problem;
    EXPECT_EQ(st.applied.at(0).duration.count(), -1);
    EXPECT_EQ(st.applied.at(0).applied_at, "yesterday");
    EXPECT_FALSE(make<two>().upgrade().changed());
}

TEST_P(Trust, UpgradeAndStatusGiveOneVerdictOnEveryTamperedState) {
    for (const tampering& t : tamperings) {
        SCOPED_TRACE(t.name);
        if (t.sqlite_only && !sqlite()) continue;
        exec("DROP TABLE IF EXISTS \"items\"");
        exec("DROP TABLE IF EXISTS \"strata_migrations\"");
        make<two>().upgrade();
        exec(t.sql);
        std::string status_says;
        try {
            const auto st = make<two>().status();
            EXPECT_FALSE(st.up_to_date());
            status_says = st.problem;
        } catch (const strata::migration_error& e) {
            status_says = e.what();
        }
        EXPECT_NE(status_says.find(t.message), std::string::npos) << status_says;
        try {
            make<two>().upgrade();
            ADD_FAILURE() << "upgrade() found it up to date";
        } catch (const strata::migration_error& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find(t.message), std::string::npos) << what;
            EXPECT_NE(what.find("chain \"main\""), std::string::npos) << what;
            EXPECT_EQ(what.find("18446744073709551615"), std::string::npos) << what;
        }
    }
}

// SQLite's start-up check reads one seal row instead of every row (the 1 ms goal at N = 1000);
// a change to a judged cell, by strata or by hand, breaks the seal in its own transaction.
TEST_F(TrustSqlite, EveryChangeToAJudgedCellBreaksTheStartUpSeal) {
    const auto seals = [&] { return count(db(), "SELECT count(*) FROM \"strata_migrations_seal\" WHERE \"chain\" = 'main'"); };
    make<two>().upgrade();
    EXPECT_EQ(seals(), 1);
    exec("UPDATE \"strata_migrations\" SET \"duration_ms\" = 5, \"background_pending\" = FALSE");  // not judged
    EXPECT_EQ(seals(), 1);
    const char* changes[] = {
        "UPDATE \"strata_migrations\" SET \"dirty\" = FALSE WHERE \"version\" = 1",  // even to the same value
        "UPDATE \"strata_migrations\" SET \"checksum\" = \"checksum\" WHERE \"version\" = 1",
        "UPDATE \"strata_migrations\" SET \"name\" = \"name\"",
        "UPDATE \"strata_migrations\" SET \"version\" = \"version\"",
        "UPDATE \"strata_migrations\" SET \"chain\" = \"chain\"",
        "DELETE FROM \"strata_migrations\" WHERE \"chain\" = 'other'",
        "INSERT INTO \"strata_migrations\" SELECT * FROM \"strata_migrations\" WHERE 0",
    };
    const char* other_row = "INSERT INTO \"strata_migrations\" (\"chain\", \"version\", \"name\", \"checksum\", "
                            "\"applied_at\", \"duration_ms\", \"history_checksum\") VALUES ('other', 1, 'x', 'x', 'x', 0, 'x')";
    exec(other_row);  // another chain's rows break the seal too (the triggers know no chain)
    EXPECT_EQ(seals(), 0);
    for (const char* change : changes) {
        SCOPED_TRACE(change);
        make<two>().repair();  // a writing verb seals again
        ASSERT_EQ(seals(), 1);
        exec(change);
        if (std::string(change).starts_with("INSERT")) {
            EXPECT_EQ(seals(), 1);  // (no row inserted: the trigger is per row)
            exec(other_row);
        }
        EXPECT_EQ(seals(), 0);
        EXPECT_NO_THROW(make<two>().upgrade());  // the check then reads every row
    }
    // Only a seal forged by hand fools the check: the one thing it believes without reading.
    exec("CREATE TABLE \"kept\" AS SELECT * FROM \"strata_migrations_seal\" WHERE 0");  // (before the seal: DDL voids it)
    make<two>().repair();
    exec("INSERT INTO \"kept\" SELECT * FROM \"strata_migrations_seal\"");
    exec("UPDATE \"strata_migrations\" SET \"checksum\" = '0000000000000000' WHERE \"version\" = 1");
    EXPECT_EQ(seals(), 0);
    EXPECT_THROW(make<two>().upgrade(), strata::migration_error);
    exec("INSERT INTO \"strata_migrations_seal\" SELECT * FROM \"kept\"");
    EXPECT_FALSE(make<two>().upgrade().changed());
    EXPECT_FALSE(make<two>().status().up_to_date());
}

// A schema change after the seal (the table rebuilt by hand, its triggers gone) voids it.
TEST_F(TrustSqlite, AStartUpSealDoesNotOutliveTheSchemaItSealed) {
    make<two>().upgrade();
    exec("CREATE TABLE \"unrelated\" (\"x\" INTEGER)");
    exec("DROP TRIGGER \"strata_migrations_unseal_update\"");
    exec("UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE \"version\" = 1");
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"strata_migrations_seal\""), 1);  // no trigger broke it
    try {
        make<two>().upgrade();
        ADD_FAILURE() << "upgrade() believed a seal from an older schema";
    } catch (const strata::migration_error& e) {
        EXPECT_EQ(e.kind(), migration_failure::dirty) << e.what();
    }
}

TEST_F(TrustSqlite, AGarbageCellIsNamedByTableRowColumnChainAndDatabase) {
    make<two>().upgrade();
    exec("UPDATE \"strata_migrations\" SET \"version\" = 'abc' WHERE \"version\" = 2");
    try {
        make<two>().upgrade();
        FAIL();
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("strata: chain \"main\": " + db().describe() +
                            ": table strata_migrations, row 2 of the chain's (by version, migration \"notes\"), column "
                            "\"version\" holds 'abc'"),
                  std::string::npos)
            << what;
    }
}

TEST_P(Trust, ADuplicatedRowIsNamedAsADuplicate) {
    make<two>().upgrade();
    // A bookkeeping table rebuilt by hand without its primary key.
    exec("CREATE TABLE \"copy\" AS SELECT * FROM \"strata_migrations\"");
    exec("DROP TABLE \"strata_migrations\"");
    exec("ALTER TABLE \"copy\" RENAME TO \"strata_migrations\"");
    exec("INSERT INTO \"strata_migrations\" SELECT * FROM \"strata_migrations\" WHERE \"version\" = 1");
    for (int verb = 0; verb < 2; ++verb) {
        std::string said;
        try {
            if (verb == 0) said = make<two>().status().problem;
            else make<two>().upgrade();
        } catch (const strata::migration_error& e) {
            said = e.what();
        }
        EXPECT_NE(said.find("migration 1 \"items\" is recorded twice"), std::string::npos) << said;
    }
}

// ---- 11. Honest messages at the edges ----

// baseline cannot see whether a background step's data is there (a backfill another tool never
// ran): such steps are left pending, and run at the next start; they are idempotent by contract.
TEST_P(Trust, BaselineLeavesBackgroundStepsPending) {
    strata::startup_options o;
    o.log = log.sink();
    o.background_on_thread = false;
    // (the background step throws: it stays pending)
    strata::migrate_on_startup<chain_bg>(db(), o);
    exec("DELETE FROM \"strata_migrations\"");
    make<chain_bg>().baseline(2);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"strata_migrations\" WHERE \"background_pending\""), 1);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"strata_migrations\" WHERE \"background_pending\" AND \"version\" = 2"), 1);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"strata_migrations\""), 2);
    EXPECT_TRUE(log.has("baseline: migration 2 \"background throws\" has background steps: left pending")) << ::testing::PrintToString(log.lines);
    EXPECT_EQ(make<chain_bg>().status().applied.at(1).background_pending, true);
}

TEST(TrustEdges, AnInMemoryDatabaseWithBackgroundStepsIsRefusedBeforeAnyCommit) {
    strata::sqlite::connection db(":memory:");
    captured_log log;
    strata::startup_options o;
    o.log = log.sink();
    try {
        strata::migrate_on_startup<chain_bg>(db, o);
        FAIL() << "the background steps could never run";
    } catch (const std::logic_error& e) {
        EXPECT_NE(std::string(e.what()).find("background steps, which run on a second connection"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("nothing was changed"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(db.has_table("strata_migrations"));
    EXPECT_FALSE(db.has_table("items"));
}

TEST(TrustEdges, AnInMemoryDatabaseWhoseBackgroundStepsAreDoneStartsAsBefore) {
    strata::sqlite::connection db(":memory:");
    captured_log log;
    strata::startup_options foreground;
    foreground.log = log.sink();
    foreground.background_on_thread = false;  // (the step throws: it stays pending)
    strata::migrate_on_startup<chain_bg>(db, foreground);
    db.execute("UPDATE \"strata_migrations\" SET \"background_pending\" = FALSE", {}, {});
    strata::startup_options o;
    o.log = log.sink();
    EXPECT_EQ(strata::migrate_on_startup<chain_bg>(db, o).migrations.to, 2u);  // nothing pending: no second connection needed
}

TEST(TrustEdges, AnEmptyChainOptionIsAUsageError) {
    captured_log log;
    const char* argv[] = {"app", "status", "--chain=", "--database", "sqlite::memory:"};
    std::FILE* sink = std::tmpfile();
    strata::cli::options o;
    o.log = log.sink();
    o.out = sink;
    o.err = sink;
    EXPECT_EQ(strata::cli::run<two>(5, argv, o), strata::cli::exit_usage);
    std::fclose(sink);
}

#ifdef STRATA_TEST_POSTGRES
// Ends this driver's own server process from another connection just before a call.
class severed_driver final : public strata_test::forwarding_driver {
   public:
    severed_driver(strata::driver& inner, std::unique_ptr<strata::driver> killer, bool at_commit)
        : forwarding_driver(inner), killer_(std::move(killer)), at_commit_(at_commit) {
        forwarding_driver::execute("SELECT pg_backend_pid()", {}, [&](const strata::row& r) { pid_ = r.get<std::int64_t>(0); });
    }
    void commit() override {
        if (at_commit_) sever();
        forwarding_driver::commit();
    }
    void begin() override {
        if (at_begin) sever();
        forwarding_driver::begin();
    }
    bool at_begin = false;
    void sever() {
        const strata::value p[] = {pid_};
        killer_->execute("SELECT pg_terminate_backend($1::int)", p, {});
        for (int i = 0; i < 200; ++i) {  // until the server has ended it
            bool alive = false;
            killer_->execute("SELECT 1 FROM pg_stat_activity WHERE pid = $1::int", p, [&](const strata::row&) { alive = true; });
            if (!alive) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

   private:
    std::unique_ptr<strata::driver> killer_;
    bool at_commit_;
    std::int64_t pid_ = 0;
};

// A search_path of several schemas (a schema per tenant, then a shared one): the migrator's
// schema is the first (current_schema(), where CREATE TABLE puts tables), for every verb. A
// tracking table further along the path is another schema's, not this one's history.
TEST_F(TrustPostgres, EveryVerbLooksAtTheFirstSchemaOfTheSearchPath) {
    make<two>().upgrade();  // the shared schema, at version 2
    const std::string shared = strata::session(db()).query_value<std::string>("SELECT current_schema()");
    const std::string tenant = shared + "_t";
    exec("CREATE SCHEMA \"" + tenant + "\"");
    exec("SET search_path TO \"" + tenant + "\", \"" + shared + "\"");
    auto m = make<two>();
    EXPECT_EQ(m.status().current, 0u);
    EXPECT_EQ(m.status().pending.size(), 2u);
    EXPECT_EQ(m.upgrade().migrations.size(), 2u);
    EXPECT_TRUE(m.verify().ok()) << m.verify().text();
    auto tables_in = [&](const std::string& schema) {
        return count(db(), "SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename IN ('items', 'strata_migrations')");
    };
    EXPECT_EQ(tables_in(tenant), 2);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM \"" + shared + "\".\"strata_migrations\""), 2);
    EXPECT_EQ(m.downgrade_to(0).to, 0u);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM pg_tables WHERE schemaname = '" + tenant + "' AND tablename = 'items'"), 0);
    EXPECT_EQ(count(db(), "SELECT count(*) FROM pg_tables WHERE schemaname = '" + shared + "' AND tablename = 'items'"), 1);
    exec("SET search_path TO \"" + shared + "\"");
    exec("DROP SCHEMA \"" + tenant + "\" CASCADE");
}

TEST_F(TrustPostgres, AConnectionLostDuringTheCommitIsAnUnknownOutcome) {
    make<chain_r1>().upgrade();
    severed_driver d(db(), database_->open(), true);
    try {
        strata::migrator<two>(d, quiet()).upgrade();
        FAIL() << "the commit cannot have gone through";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.kind(), migration_failure::outcome_unknown);
        EXPECT_NE(what.find("whether it was recorded is unknown"), std::string::npos) << what;
        EXPECT_NE(what.find("at version 1 or 2"), std::string::npos) << what;
        EXPECT_EQ(what.find("nothing of it was applied"), std::string::npos) << what;
    }
    auto fresh = database_->open();
    EXPECT_EQ(strata::migrator<two>(*fresh, quiet()).status().current, 1u);  // (the server never saw the COMMIT)
}

TEST_F(TrustPostgres, AServerGoneDuringAMigrationIsSaidInWords) {
    make<chain_r1>().upgrade();
    severed_driver d(db(), database_->open(), false);
    d.at_begin = true;
    try {
        strata::migrator<two>(d, quiet()).upgrade();
        FAIL() << "the connection is gone";
    } catch (const strata::migration_error& e) {
        const std::string what = e.what();
        EXPECT_EQ(e.version(), 2u);
        EXPECT_NE(what.find("was lost (the server stopped or restarted, or the network failed"), std::string::npos) << what;
        EXPECT_EQ(what.find("client encoding"), std::string::npos) << what;
    }
}

TEST_F(TrustPostgres, AServerGoneIsSaidInWords) {
    make<chain_r1>().upgrade();
    severed_driver d(db(), database_->open(), false);
    d.sever();
    for (int call = 0; call < 2; ++call) {  // the call that finds it gone, and the next one
        try {
            strata::migrator<two>(d, quiet()).status();
            FAIL() << "the connection is gone";
        } catch (const std::exception& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("was lost (the server stopped or restarted, or the network failed"), std::string::npos) << what;
            EXPECT_EQ(what.find("client encoding"), std::string::npos) << what;
        }
    }
}
#endif

INSTANTIATE_TEST_SUITE_P(Backends, Trust, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace

// What the check above takes for the end of a transaction, and what it does not.
TEST(TransactionControl, FindsWhatEndsATransactionAndNothingElse) {
    using strata::detail::transaction_control;
    const std::string trigger =
        "CREATE TRIGGER \"t\" AFTER INSERT ON \"a\" BEGIN UPDATE \"b\" SET \"x\" = CASE WHEN 1 THEN 2 END; DELETE FROM \"c\"; END";
    EXPECT_EQ(transaction_control(trigger + "; SELECT 1", false), "");
    EXPECT_EQ(transaction_control(trigger + "; COMMIT", false), "COMMIT");
    EXPECT_EQ(transaction_control("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END", true), "");
    EXPECT_EQ(transaction_control("SELECT 'COMMIT'; -- COMMIT\nSELECT \"end\" FROM \"t\"", false), "");
    EXPECT_EQ(transaction_control("DO $$ BEGIN PERFORM 1; END $$", true), "");
    EXPECT_EQ(transaction_control("SELECT CASE WHEN true THEN 1 END; end", true), "end");
    EXPECT_EQ(transaction_control("ROLLBACK TRANSACTION TO SAVEPOINT a; RELEASE a; SAVEPOINT b", false), "");
    EXPECT_EQ(transaction_control("UPDATE t SET a = 1;\n rollback work", true), "rollback work");
    EXPECT_EQ(transaction_control("PREPARE q AS SELECT 1", true), "");
    EXPECT_EQ(transaction_control("PREPARE TRANSACTION 'x'", true), "PREPARE TRANSACTION 'x'");
    EXPECT_EQ(transaction_control("START TRANSACTION", true), "START TRANSACTION");
    EXPECT_EQ(transaction_control("  ", false), "");
    // Words that are names here: a column "begin" (not a trigger's body), an alias "case", a
    // column "end" inside a trigger's body (not its END, which starts a statement of the body).
    EXPECT_EQ(transaction_control("CREATE TABLE slots (id INTEGER, begin INTEGER); COMMIT", false), "COMMIT");
    EXPECT_EQ(transaction_control("CREATE INDEX i ON t (begin); COMMIT", true), "COMMIT");
    EXPECT_EQ(transaction_control("SELECT 1 AS case; COMMIT", true), "COMMIT");
    EXPECT_EQ(transaction_control("CREATE TRIGGER tr AFTER INSERT ON spans BEGIN UPDATE spans SET end = new.id WHERE id = new.id; "
                                  "INSERT INTO log VALUES (1); END",
                                  false),
              "");
    EXPECT_EQ(transaction_control("CREATE TRIGGER tr AFTER INSERT ON s WHEN new.begin > 0 BEGIN SELECT 1; END; END", false), "END");
}
