// One history of the run-time benchmark: compiled once per N, with STRATA_BENCH_N defined and
// the include path pointing at the directory where generate_chain.py wrote bench_history.hpp.
#include "bench_history.hpp"

#include <strata/log.hpp>
#include <strata/migrator.hpp>

#include "chain_api.hpp"

#ifndef STRATA_BENCH_N
#error "STRATA_BENCH_N must be defined (benchmarks/CMakeLists.txt does)"
#endif

namespace {

using strata_bench_history::history;
static_assert(history::head == STRATA_BENCH_N);

strata::run_report upgrade(strata::driver& db) {
    strata::migrator<history> m{db, {.chain = "main", .log = strata::log_nowhere}};
    return m.upgrade();
}

strata::generated_sql generate(strata::dialect_id d) {
    if (d == strata::dialect_id::postgres) return strata::generate_sql<strata::postgres, history>();
    return strata::generate_sql<strata::sqlite, history>();
}

[[maybe_unused]] const bool registered = strata_bench::register_chain({STRATA_BENCH_N, history::head, &upgrade, &generate});

}  // namespace
