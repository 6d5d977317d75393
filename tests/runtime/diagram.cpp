// Diagrams people can read (issue 12, point 4): names with spaces and keywords drawn as
// written, composite primary keys marked, a nullable foreign key as zero-or-one, Graphviz
// tables as vertical records, and `diagram --format svg` drawn by Graphviz.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <strata/cli.hpp>
#include <strata/strata.hpp>
#include "cli_output.hpp"

using namespace strata::dsl;

namespace {

using m1 = strata::migration<1, "odd names",
    create_table<"order items",
        column<"order id", bigint, not_null>,
        column<"line", integer, not_null>,
        column<"unit price", numeric<12, 2>>,
        primary_key_constraint<"order id", "line">>,
    create_table<"select", column<"group", bigint, primary_key>, column<"from", text>>>;
using m2 = strata::migration<2, "references",
    add_column<"order items", column<"group", bigint, references<"select", "group">>>,
    create_table<"notes", column<"id", bigint, primary_key>, column<"group", bigint, not_null, references<"select", "group">>>>;
using history = strata::chain<m1, m2>;

using printed = strata_test::cli_result;
using strata_test::read_all;
printed diagram(std::vector<const char*> args) {
    args.insert(args.begin(), {"app db", "diagram"});
    strata::cli::options o;
    o.out = std::tmpfile();
    o.err = std::tmpfile();
    std::FILE *out = o.out, *err = o.err;
    printed p;
    p.code = strata::cli::run<history>(static_cast<int>(args.size()), args.data(), o);
    p.out = read_all(out);
    p.err = read_all(err);
    return p;
}
bool has(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }
bool dot_installed() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

TEST(Diagram, MermaidQuotesEntitiesAndKeepsAttributesWords) {
    const printed p = diagram({});
    ASSERT_EQ(p.code, 0) << p.err;
    const std::string& m = p.out;
    EXPECT_TRUE(has(m, "  \"order items\" {\n")) << m;
    EXPECT_TRUE(has(m, "  \"select\" {\n")) << m;
    // A column's name with a space is a word, its real name in the comment; both key columns
    // of the composite key are marked.
    EXPECT_TRUE(has(m, "    bigint order_id PK \"order id\"\n")) << m;
    EXPECT_TRUE(has(m, "    integer line PK\n")) << m;
    EXPECT_TRUE(has(m, "    numeric_12_2 unit_price \"unit price, nullable\"\n")) << m;
    // A nullable reference is zero or one; a NOT NULL one exactly one.
    EXPECT_TRUE(has(m, "  \"order items\" }o--o| \"select\" : \"group\"\n")) << m;
    EXPECT_TRUE(has(m, "  \"notes\" }o--|| \"select\" : \"group\"\n")) << m;
}

TEST(Diagram, DotTablesAreVerticalRecordsWithAnyName) {
    const printed p = diagram({"--format", "dot"});
    ASSERT_EQ(p.code, 0) << p.err;
    const std::string& d = p.out;
    EXPECT_TRUE(has(d, "\"order items\" [label=<")) << d;
    EXPECT_TRUE(has(d, "<TR><TD ALIGN=\"LEFT\">order id : bigint PK</TD></TR>")) << d;
    EXPECT_TRUE(has(d, "<TR><TD ALIGN=\"LEFT\">line : integer PK</TD></TR>")) << d;
    EXPECT_TRUE(has(d, "\"order items\" -> \"select\" [label=\"group\", arrowhead=teeodot, style=dashed]")) << d;
    EXPECT_TRUE(has(d, "\"notes\" -> \"select\" [label=\"group\", arrowhead=teetee]")) << d;
    EXPECT_TRUE(has(d, "label=\"schema_at<2>\"")) << d;
}

TEST(Diagram, SvgIsDrawnByGraphviz) {
    if (!dot_installed()) {
        const char* ci = std::getenv("CI");
        if (ci && std::string(ci) == "true") FAIL() << "CI=true but Graphviz's dot is missing (scripts/install-deps installs it)";
        GTEST_SKIP() << "Graphviz's dot is not installed (apt-get install graphviz)";
    }
    for (const char* at : {"1", "2"}) {
        const printed p = diagram({"--format", "svg", "--at", at});
        ASSERT_EQ(p.code, 0) << p.err;
        EXPECT_TRUE(has(p.out, "<svg")) << p.out;
        EXPECT_TRUE(has(p.out, "order items")) << p.out;
        EXPECT_FALSE(has(p.out, "Warning") || has(p.out, "Error") || has(p.out, "syntax error")) << p.out;
    }
}

}  // namespace
