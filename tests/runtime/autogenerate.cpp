// strata::autogenerate: the text of the migration from a chain's head to a target schema.
// (autogenerate.closes_the_gap compiles one and asserts that the chain then matches.)
#include <gtest/gtest.h>

#include <string>

#include <strata/strata.hpp>
#include <strata/target_schema.hpp>

#include "../autogenerate/schemas.hpp"

using namespace strata::dsl;

namespace {
using m1 = strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null, unique>>>;
using history = strata::chain<m1>;
using with_bio = strata::target_schema<
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null, unique>, column<"bio", text>>>;
using renamed = strata::target_schema<
    create_table<"people", column<"id", bigint, primary_key>, column<"email", text, not_null, unique>>>;

TEST(Autogenerate, OneMissingColumn) {
    EXPECT_EQ((strata::autogenerate<history, with_bio>(2, "bio")),
              "// From the chain's head (version 1) to the target schema: 1 difference.\n"
              "using m2 = strata::migration<2, \"bio\",\n"
              "    add_column<\"users\", column<\"bio\", text>>>;\n");
}

TEST(Autogenerate, NothingToDo) {
    EXPECT_EQ((strata::autogenerate<history, history>()), "// The chain's head (version 1) already matches the target schema.\n");
}

TEST(Autogenerate, ARenameIsNeverGuessedButPointedOut) {
    const std::string text = strata::autogenerate<history, renamed>();
    EXPECT_NE(text.find("using m2 = strata::migration<2, \"describe this migration\""), std::string::npos) << text;
    EXPECT_NE(text.find("create_table<\"people\""), std::string::npos) << text;
    EXPECT_NE(text.find("drop_table<\"users\">"), std::string::npos) << text;
    EXPECT_NE(text.find("// note: strata does not guess renames: if table \"users\" became \"people\""), std::string::npos) << text;
    EXPECT_EQ(text.find("rename_table<\"users\""), std::string::npos) << text;
}

TEST(Autogenerate, EveryKindOfChangeInOrder) {
    const std::string text = strata::autogenerate<ag::history, ag::target>(5, "close the gap");
    const char* in_order[] = {
        "create_enum<\"status\", \"draft\", \"published\">",
        "add_enum_value<\"mood\", \"calm\">",
        "create_table<\"tags\"",
        "column<\"post_id\", bigint, references<\"posts\", \"id\", on_delete_cascade>>",
        "add_column<\"users\", column<\"mood\", enum_type<\"mood\">>>",
        "add_column<\"posts\", column<\"status\", enum_type<\"status\">, not_null, default_value<\"draft\">>>",
        "alter_column<\"users\", \"email\", set_type<varchar<320>>>",
        "alter_column<\"users\", \"nickname\", set_not_null, set_default<default_value<\"anon\">>>",
        "drop_constraint<\"posts\", \"posts_body_nonempty\">",
        "drop_index<\"posts_body_idx\">",
        "add_unique<\"posts\", \"posts_author_body_key\", \"author_id\", \"body\">",
        "create_index<\"posts_author_idx\", \"posts\", \"author_id\">",
        "drop_column<\"posts\", \"audit_id\">",
        "drop_table<\"audit_old\">",
        "drop_column<\"users\", \"legacy_code\">",
    };
    std::size_t at = 0;
    for (const char* piece : in_order) {
        const std::size_t found = text.find(piece, at);
        ASSERT_NE(found, std::string::npos) << "missing or out of order: " << piece << "\n" << text;
        at = found;
    }
    EXPECT_NE(text.find("drop_column<\"users\", \"legacy_flag\">"), std::string::npos) << text;
    EXPECT_NE(text.find("15 differences"), std::string::npos) << text;
}
}  // namespace

namespace {
// character<N>, varchar<> and identity keys: spelled back as the DSL, no difference when unchanged
using t1 = strata::migration<1, "accounts",
    create_table<"accounts", column<"id", bigint, primary_key, identity>, column<"country", character<2>, not_null>,
                 column<"note", varchar<>>, column<"code", varchar<8>>>>;
using typed = strata::chain<t1>;
using typed_target = strata::target_schema<
    create_table<"accounts", column<"id", bigint, primary_key, identity>, column<"country", character<2>, not_null>,
                 column<"note", varchar<>>, column<"code", varchar<>>>,
    create_table<"events", column<"id", integer, primary_key, identity>, column<"kind", character<4>>>>;
TEST(Autogenerate, NewTypesAndIdentityKeys) {
    EXPECT_EQ((strata::autogenerate<typed, typed>()), "// The chain's head (version 1) already matches the target schema.\n");
    const std::string text = strata::autogenerate<typed, typed_target>(2, "types");
    EXPECT_NE(text.find("alter_column<\"accounts\", \"code\", set_type<varchar<>>>"), std::string::npos) << text;
    EXPECT_NE(text.find("column<\"id\", integer, primary_key, identity>"), std::string::npos) << text;
    EXPECT_NE(text.find("column<\"kind\", character<4>>"), std::string::npos) << text;
    EXPECT_EQ(text.find("\"note\""), std::string::npos) << text;  // unchanged
}
}  // namespace
