// multi_app: two application modules, each with its own chain and version, in one SQLite
// database (deepsel's apps): `accounts` and `billing` migrate independently, each calls its
// on_upgrade at every start, and billing has a task bound to version 2.0.0 that runs once, when
// the application is upgraded to exactly that version.
//   multi_app [version]   (default 1.0.0; run it with 1.0.0, then 2.0.0, then 2.0.0 again)
// Run by CTest through examples/multi_app.test.sh.
#include <cstdio>
#include <string>
#include <string_view>

#include <strata/sqlite.hpp>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

namespace accounts {
using m1 = strata::migration<1, "accounts: users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null, unique>>>;
using m2 = strata::migration<2, "accounts: display names", add_column<"users", column<"display_name", text>>>;
using history = strata::chain<m1, m2>;
}  // namespace accounts

namespace billing {
void seed_plans(strata::session& s) {
    s.execute("INSERT INTO \"plans\" (\"id\", \"name\", \"cents\") VALUES (1, 'free', 0), (2, 'pro', 900)");
}
void unseed_plans(strata::session& s) { s.execute("DELETE FROM \"plans\" WHERE \"id\" IN (1, 2)"); }
using m1 = strata::migration<1, "billing: plans",
    create_table<"plans", column<"id", bigint, primary_key>, column<"name", text, not_null, unique>,
                 column<"cents", bigint, not_null>>>;
using m2 = strata::migration<2, "billing: seed plans", run<seed_plans, unseed_plans>>;
using m3 = strata::migration<3, "billing: invoices",
    create_table<"invoices", column<"id", bigint, primary_key>,
                 column<"plan_id", bigint, not_null, references<"plans", "id">>,
                 column<"total_cents", bigint, not_null, default_value<0>>,
                 column<"tax_cents", bigint>>>;
using history = strata::chain<m1, m2, m3>;
}  // namespace billing

int main(int argc, char** argv) try {
    const std::string version = argc > 1 ? argv[1] : "1.0.0";
    strata::sqlite::connection db{"multi_app.db"};

    auto hook = [](std::string_view app) {
        return [app](strata::session&, std::string_view from, std::string_view to) {
            std::printf("%.*s: on_upgrade(%.*s -> %.*s)\n", static_cast<int>(app.size()), app.data(),
                        static_cast<int>(from.size()), from.data(), static_cast<int>(to.size()), to.data());
        };
    };
    const auto a = strata::migrate_on_startup<accounts::history>(
        db, {.chain = "accounts", .version = version, .on_upgrade = hook("accounts")});

    strata::startup_options billing_options{.chain = "billing", .version = version, .on_upgrade = hook("billing")};
    billing_options.tasks.push_back({"Split invoice totals", "2.0.0", [](strata::session& s, const strata::version_change& c) {
        std::printf("billing: task for %.*s\n", static_cast<int>(c.to.size()), c.to.data());
        s.execute("UPDATE \"invoices\" SET \"tax_cents\" = \"total_cents\" / 5 WHERE \"tax_cents\" IS NULL");
    }});
    const auto b = strata::migrate_on_startup<billing::history>(db, billing_options);

    std::printf("accounts at version %llu (app %s), billing at version %llu (app %s); billing tasks run now: %zu\n",
                static_cast<unsigned long long>(a.migrations.to), a.app.to.c_str(),
                static_cast<unsigned long long>(b.migrations.to), b.app.to.c_str(), b.app.ran.size());
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
}
