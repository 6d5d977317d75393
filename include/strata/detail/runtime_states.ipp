// The run-time work on a chain's state, once per bucket (detail/sql/runtime_state.hpp):
// compiled in strata::runtime (<strata/src.hpp>) only, with STRATA_SEPARATE_COMPILATION.
#include <strata/detail/diagram.hpp>
#include <strata/detail/sql/runtime_state.hpp>
#include <strata/detail/state_facts.hpp>

namespace strata::detail {

STRATA_INLINE void sql_filler::fill_in_bucket(generated_sql& g, int k, dialect_id d, std::string_view dialect_name,
                                              const migration_desc* descs, std::size_t n) {
    on_bucket_state(k, [&]<class S>() { fill<S>(g, d, dialect_name, descs, n); });
}

STRATA_INLINE std::vector<std::string> facts_of_prefix_in_bucket(int k, const migration_desc* descs, std::size_t n,
                                                                 std::size_t applied, dialect_id d) {
    return on_bucket_state(k, [&]<class S>() { return facts_of_prefix<S>(descs, n, applied, d); });
}

STRATA_INLINE std::string draw_prefix_in_bucket(int k, const migration_desc* descs, std::size_t n, std::size_t applied,
                                                diagram_format f) {
    return on_bucket_state(k, [&]<class S>() { return draw_prefix<S>(descs, n, applied, f); });
}

}  // namespace strata::detail
