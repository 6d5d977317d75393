// The test that matters: every migration of a chain that uses every operation is applied to a
// real SQLite file and a real PostgreSQL server with strata::testing::round_trip (up, verify,
// down, verify, up again, for every step; then down to empty), where verify compares the live
// schema (PRAGMA / pg_catalog, through the driver) with the typed state.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <sstream>
#include <string>
#include <vector>

#include <strata/strata.hpp>
#include <strata/testing.hpp>

#include "backends.hpp"

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

// The same history and one more migration, whose compile-time SQL (strata::chain_sql) does not fit
// the generator's draft: every segment is counted by the draft's run, then generated again into
// its arrays (the path a very long segment takes; detail/sql/segment_sql.hpp).
using m15 = strata::migration<15, "one more", add_column<"users", column<"nickname", text>>>;
using undrafted = strata::chain<m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15>;
namespace strata::detail {
template <>
inline constexpr std::size_t draft_frags<proxy_t<undrafted>> = 2;
template <>
inline constexpr std::size_t draft_steps<proxy_t<undrafted>> = 1;
}  // namespace strata::detail
static_assert(!strata::detail::segment_draft_v<strata::sqlite::id, strata::detail::proxy_t<undrafted>, 0>.fits &&
              strata::detail::segment_draft_v<strata::sqlite::id, strata::detail::proxy_t<history>, 0>.fits);

namespace {

// The state folded when the program runs (what verify() compares with) is the state the
// compiler folded, at every version and in both dialects.
template <std::size_t... I>
void same_state_at_run_time(std::index_sequence<I...>) {
    using P = history::proxy;
    for (auto d : {strata::dialect_id::sqlite, strata::dialect_id::postgres}) {
        const std::array<std::vector<std::string>, sizeof...(I)> at_compile_time{
            strata::detail::state_facts(strata::schema_state<P, I>::value, d)...};
        for (std::size_t i = 0; i < sizeof...(I); ++i)
            EXPECT_EQ(strata::detail::facts_after<P>(i, d), at_compile_time[i]) << "after " << i << " migrations";
    }
    // and the facts say something: the head has the renamed table and the enum's new value
    const auto head = strata::detail::facts_after<P>(history::size, strata::dialect_id::postgres);
    EXPECT_NE(std::find(head.begin(), head.end(), "table articles"), head.end());
    EXPECT_NE(std::find(head.begin(), head.end(), "enum mood(happy,sad,ecstatic)"), head.end());
}
TEST(LiveSchema, StateFoldedAtRunTimeEqualsCompileTime) {
    same_state_at_run_time(std::make_index_sequence<history::size + 1>{});
}

class LiveSchema : public ::testing::TestWithParam<const char*> {};

TEST_P(LiveSchema, EveryStepMatchesTheTypedState) {
    auto database = strata_test::make_database(GetParam(), "live");
    if (!database) STRATA_SKIP_WITHOUT_POSTGRES();
    const auto r = strata::testing::round_trip<history>(database->db());
    EXPECT_TRUE(r.ok()) << r;
    EXPECT_EQ(r.steps, history::size * 3 + history::size);  // up, down, up again each; then all down
    EXPECT_TRUE(r.notes.empty()) << r;
}
INSTANTIATE_TEST_SUITE_P(Backends, LiveSchema, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace

namespace {
// The SQL generated when the program runs is the SQL generated by the compiler.
template <class D, class Chain = history>
void same_sql_at_run_time() {
    const auto& at_compile_time = strata::chain_sql<D, Chain>::migrations;
    const strata::generated_sql at_run_time = strata::generate_sql<D, Chain>();
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
TEST(GeneratedAtRunTime, SqliteEqualsCompileTimeWithoutTheDraft) { same_sql_at_run_time<strata::sqlite, undrafted>(); }
TEST(GeneratedAtRunTime, PostgresEqualsCompileTimeWithoutTheDraft) { same_sql_at_run_time<strata::postgres, undrafted>(); }

// Step by step, the two compile-time paths give the same steps.
template <class D>
void same_steps_either_way() {
    const auto& drafted = strata::chain_sql<D, history>::migrations;
    const auto& undrafted_ = strata::chain_sql<D, undrafted>::migrations;
    for (std::size_t i = 0; i < drafted.size(); ++i)
        for (bool down : {false, true}) {
            const auto a = down ? drafted[i].down_steps : drafted[i].up_steps;
            const auto b = down ? undrafted_[i].down_steps : undrafted_[i].up_steps;
            ASSERT_EQ(a.size(), b.size()) << "migration " << drafted[i].version << (down ? " down" : " up");
            for (std::size_t k = 0; k < a.size(); ++k) {
                EXPECT_EQ(a[k].kind, b[k].kind);
                EXPECT_EQ(a[k].fragments.size(), b[k].fragments.size());
                EXPECT_EQ(a[k].sql(), b[k].sql()) << "migration " << drafted[i].version << (down ? " down" : " up") << ", step " << k;
                EXPECT_EQ(a[k].run, b[k].run);
                EXPECT_EQ(a[k].check, b[k].check);
            }
        }
}
TEST(GeneratedAtCompileTime, SqliteStepsAreTheSameWithoutTheDraft) { same_steps_either_way<strata::sqlite>(); }
// A fragment goes to a stream as its text.
TEST(GeneratedAtCompileTime, AFragmentIsWrittenToAStreamAsItsText) {
    std::ostringstream os;
    for (const strata::sql_fragment f : strata::chain_sql<strata::sqlite, history>::migrations[1].up_steps[0].fragments) os << f;
    EXPECT_EQ(os.str(), (strata::chain_sql<strata::sqlite, history>::migrations[1].up_steps[0].sql()));
    EXPECT_EQ(os.str().rfind("CREATE TABLE ", 0), 0u) << os.str();
}
TEST(GeneratedAtCompileTime, PostgresStepsAreTheSameWithoutTheDraft) { same_steps_either_way<strata::postgres>(); }
}  // namespace
