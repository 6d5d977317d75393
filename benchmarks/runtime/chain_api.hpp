#pragma once
// What one generated history (one N) gives the run-time benchmark. Each history is compiled in
// its own translation unit (chain.cpp, built once per N with the header generate_chain.py
// writes), which registers itself here; the benchmark itself (runtime_bench.cpp) never sees
// the chain's type, so it compiles in a second whatever N is.
#include <cstddef>
#include <cstdint>
#include <vector>

#include <strata/driver.hpp>
#include <strata/generate_sql.hpp>
#include <strata/reports.hpp>

namespace strata_bench {

struct chain_api {
    std::size_t n = 0;         // migrations in the history
    std::uint64_t head = 0;    // its last version
    // strata::migrator<history>{db, {"main", strata::log_nowhere}}.upgrade()
    strata::run_report (*upgrade)(strata::driver& db) = nullptr;
    // strata::generate_sql<strata::sqlite or strata::postgres, history>()
    strata::generated_sql (*generate)(strata::dialect_id d) = nullptr;
};

inline std::vector<chain_api>& chain_registry() {
    static std::vector<chain_api> r;
    return r;
}
// Called by each chain's translation unit during static initialisation.
inline bool register_chain(const chain_api& c) {
    auto& r = chain_registry();
    auto at = r.begin();
    while (at != r.end() && at->n < c.n) ++at;
    r.insert(at, c);
    return true;
}
// Every registered history, by increasing n.
inline const std::vector<chain_api>& chains() { return chain_registry(); }

}  // namespace strata_bench
