// Models from structs at run time: the CLI's diff with a strata::models<...> target, and the
// models' own SQL on real databases: a models<...> target is a chain, so it can be applied, and
// the live schema it makes is the one the history it matches makes (SQLite and PostgreSQL).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <strata/cli.hpp>
#include <strata/model.hpp>
#include <strata/strata.hpp>
#include "../autogenerate/models.hpp"
#include "backends.hpp"
#include "cli_output.hpp"

namespace {

template <class Target>
strata_test::cli_result diff(std::vector<const char*> args) {
    args.insert(args.begin(), {"app db", "diff"});
    strata::cli::options o;
    o.out = std::tmpfile();
    o.err = std::tmpfile();
    std::FILE *out = o.out, *err = o.err;
    strata_test::cli_result r;
    r.code = strata::cli::run<mg::history, Target>(static_cast<int>(args.size()), args.data(), o);
    r.out = strata_test::read_all(out);
    r.err = strata_test::read_all(err);
    return r;
}

TEST(ModelsCli, DiffPrintsTheMigrationToTheChangedStructs) {
    const auto r = diff<mg::target>({"--name", "close the gap"});
    EXPECT_EQ(r.code, strata::cli::exit_failed) << r.err;
    EXPECT_EQ(r.out, (strata::autogenerate<mg::history, mg::target>(0, "close the gap")));
    EXPECT_NE(r.out.find("// From the chain's head (version 2) to the target schema: 5 differences.\n"
                         "using m3 = strata::migration<3, \"close the gap\",\n"
                         "    add_column<\"users\", column<\"bio\", text>>,\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("alter_column<\"users\", \"age\", set_type<bigint>>"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("create_index<\"posts_author_idx\", \"posts\", \"author_id\">"), std::string::npos) << r.out;
}

TEST(ModelsCli, DiffSaysWhenTheStructsMatch) {
    const auto r = diff<mg::before>({});
    EXPECT_EQ(r.code, strata::cli::exit_ok) << r.err;
    EXPECT_EQ(r.out, "// The chain's head (version 2) already matches the target schema.\n");
}

// The same live schema from the history and from the structs it matches, on each backend.
class ModelsLive : public ::testing::TestWithParam<const char*> {};

std::vector<std::string> facts_of(strata::driver& db) {
    const std::vector<std::string> tables{"users", "posts"};
    auto facts = db.schema_facts(tables, {});
    std::sort(facts.begin(), facts.end());
    return facts;
}

TEST_P(ModelsLive, TheModelsMakeTheSchemaTheHistoryMakes) {
    auto by_history = strata_test::make_database(GetParam(), "models_history");
    auto by_models = strata_test::make_database(GetParam(), "models_models");
    if (!by_history || !by_models) STRATA_SKIP_WITHOUT_POSTGRES();
    strata::migrator<mg::history>{by_history->db()}.upgrade();
    strata::migrator<mg::before> m{by_models->db()};
    m.upgrade();
    const strata::verify_report v = m.verify();
    EXPECT_TRUE(v.ok()) << v.text();
    const auto a = facts_of(by_history->db()), b = facts_of(by_models->db());
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, b);
    // and the changed structs' schema is not the same
    auto changed = strata_test::make_database(GetParam(), "models_changed");
    strata::migrator<mg::target>{changed->db()}.upgrade();
    EXPECT_NE(facts_of(changed->db()), a);
}

INSTANTIATE_TEST_SUITE_P(Backends, ModelsLive, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
