// Data steps given as specialisations of function templates (run<record<2>, unrecord<2>>,
// validate<recorded<2>>, background<backfill<3>>), applied and undone on both backends. With
// g++ 12 and -fsanitize=undefined such a chain did not compile (issue 8, point 12): the g++
// UBSan build of scripts/test builds and runs this file (see also static/function_arguments.cpp).
#include <gtest/gtest.h>

#include <cstdint>
#include <strata/stop_token.hpp>
#include <string>

#include <strata/operations/background.hpp>  // background<fn>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

#include "backends.hpp"

using namespace strata::dsl;

namespace {

// Each step records itself once in "runs"; the downs remove their record.
template <int N>
void record(strata::session& s) {
    s.execute("INSERT INTO \"runs\" (\"step\") VALUES ($1)", N);
}
template <int N>
void unrecord(strata::session& s) {
    s.execute("DELETE FROM \"runs\" WHERE \"step\" = $1", N);
}
template <int N>
bool recorded(strata::session& s) {
    return s.query_value<std::int64_t>("SELECT count(*) FROM \"runs\" WHERE \"step\" = $1", N) == 1;
}
template <int N>
void backfill(strata::session& s, strata::stop_token) {
    s.execute("UPDATE \"items\" SET \"n\" = $1 WHERE \"n\" IS NULL", N);
    s.execute("INSERT INTO \"runs\" (\"step\") VALUES ($1)", 100 + N);
}

using t1 = strata::migration<1, "tables",
    create_table<"runs", column<"step", bigint, not_null>>,
    create_table<"items", column<"id", bigint, primary_key>>,
    execute<"INSERT INTO \"items\" (\"id\") VALUES (1), (2)", "DELETE FROM \"items\"">>;
using t2 = strata::migration<2, "record 2", run<record<2>, unrecord<2>>, validate<recorded<2>>>;
using t3 = strata::migration<3, "backfill n", add_column<"items", column<"n", integer>>, background<backfill<3>>>;
using t4 = strata::migration<4, "record 4 twice", run<record<4>, unrecord<4>>, run<record<40>, unrecord<40>>,
                             validate<recorded<40>>>;
using history = strata::chain<t1, t2, t3, t4>;

class FunctionTemplates : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database(GetParam(), "function_templates");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    strata::driver& db() { return database_->db(); }
    std::int64_t runs(std::int64_t step) {
        return strata::session(db()).query_value<std::int64_t>("SELECT count(*) FROM \"runs\" WHERE \"step\" = $1", step);
    }
    std::unique_ptr<strata_test::test_database> database_;
};

TEST_P(FunctionTemplates, RunValidateAndBackgroundStepsAreTheTemplatesGiven) {
    strata::startup_options o;
    o.background_on_thread = false;
    o.background_connection = [this] { return database_->open(); };
    const auto r = strata::migrate_on_startup<history>(db(), o);
    EXPECT_EQ(r.migrations.to, 4u);
    EXPECT_EQ(r.background_done.completed, (std::vector<std::uint64_t>{3}));
    for (std::int64_t step : {2, 4, 40, 103}) EXPECT_EQ(runs(step), 1) << "step " << step;
    EXPECT_EQ(strata::session(db()).query_value<std::int64_t>("SELECT count(*) FROM \"items\" WHERE \"n\" = 3"), 2);

    strata::migrator<history> m{db()};
    const strata::verify_report v = m.verify();
    EXPECT_TRUE(v.ok()) << v.text();

    // The downs are the templates' specialisations too.
    m.downgrade_to(1);
    for (std::int64_t step : {2, 4, 40}) EXPECT_EQ(runs(step), 0) << "step " << step;
    EXPECT_EQ(runs(103), 1);  // a background step is not undone
    m.upgrade();
    for (std::int64_t step : {2, 4, 40}) EXPECT_EQ(runs(step), 1) << "step " << step;
}

INSTANTIATE_TEST_SUITE_P(Backends, FunctionTemplates, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
