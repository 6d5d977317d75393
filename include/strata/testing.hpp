#pragma once
// strata::testing::round_trip<Chain>(db): the "stairway" test of a migration history, on a
// real database. For every migration k: up to k, verify (live schema == schema_at<k>), down to
// k-1, verify, up to k again, verify; then all the way down to 0 and verify the empty schema.
// A migration without a down is not taken down (said in the result). Works with any test
// framework; with GoogleTest:
//
//   auto r = strata::testing::round_trip<history>(db);
//   EXPECT_TRUE(r.ok()) << r;
#include <ostream>
#include <string>
#include <vector>

#include <strata/generate_sql.hpp>
#include <strata/migrator.hpp>
#include <strata/detail/chain_info_of.hpp>

namespace strata::testing {

struct round_trip_result {
    std::vector<std::string> failures;  // each names the step and what differed
    std::vector<std::string> notes;     // what was skipped, and why
    std::size_t steps = 0;              // migrations applied or undone
    bool ok() const { return failures.empty(); }
    explicit operator bool() const { return ok(); }
    friend std::ostream& operator<<(std::ostream& os, const round_trip_result& r) {
        for (const auto& f : r.failures) os << "  " << f << "\n";
        for (const auto& n : r.notes) os << "  (" << n << ")\n";
        return os;
    }
};

template <class Chain>
round_trip_result round_trip(driver& db, migrator_options options = {.chain = "main", .log = log_nowhere}) {
    round_trip_result r;
    migrator<Chain> m(db, options);
    auto check = [&](const std::string& when) {
        const verify_report v = m.verify();
        if (!v.ok()) r.failures.push_back(when + ": the live schema is not schema_at<" + std::to_string(v.version) + ">:\n" + v.text());
        return v.ok();
    };
    // Which migrations can be taken down: the dialect's SQL says.
    const auto generated = detail::chain_info_of<detail::proxy_t<Chain>>.generate(db.dialect());
    const auto migrations = generated.migrations();
    try {
        if (m.status().current != 0) {
            r.failures.push_back("the database already has chain \"" + options.chain + "\" applied: start from an empty one");
            return r;
        }
        if (!check("before the first migration")) return r;
        std::uint64_t previous = 0;
        bool all_reversible = true;
        for (const migration_sql& ms : migrations) {
            const std::string name = "migration " + std::to_string(ms.version) + " \"" + std::string(ms.name) + "\"";
            m.upgrade_to(ms.version);
            ++r.steps;
            if (!check("after up " + name)) return r;
            if (!ms.reversible) {
                all_reversible = false;
                r.notes.push_back(name + " is irreversible: not taken down");
            } else {
                m.downgrade_to(previous);
                ++r.steps;
                if (!check("after down " + name)) return r;
                m.upgrade_to(ms.version);
                ++r.steps;
                if (!check("after up again " + name)) return r;
            }
            previous = ms.version;
        }
        if (all_reversible) {
            r.steps += m.downgrade_to(0).migrations.size();
            check("after down to 0 from the head");
        } else {
            r.notes.push_back("not taken down to 0: the chain has an irreversible migration");
        }
    } catch (const std::exception& e) {
        r.failures.push_back(e.what());
    }
    return r;
}

}  // namespace strata::testing
