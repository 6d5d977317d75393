#pragma once
// The migrator's engine as the headers see it: a chain as data, and a class whose bodies live
// in migrator_core.ipp (compiled in each unit, or once with STRATA_SEPARATE_COMPILATION; see
// detail/config.hpp). What it runs is migration_sql.hpp's; the chain's type it never sees.
#include <cstdint>
#include <strata/detail/owner.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/config.hpp>
#include <strata/driver.hpp>
#include <strata/migration_sql.hpp>
#include <strata/reports.hpp>

namespace strata {

struct migrator_options;  // migrator.hpp

namespace detail {

// A chain as data (made by chain_info_of, detail/chain_info_of.hpp).
struct chain_info {
    const migration_desc* descs = nullptr;
    std::size_t size = 0;
    generated_sql (*generate)(dialect_id) = nullptr;
    std::vector<std::string> (*facts_after)(std::size_t applied, dialect_id) = nullptr;
};

// A seed's down, `DELETE FROM "T" WHERE <the seeded rows' keys>`, which only strata spells in
// fragments (an execute<>'s SQL is one): the table, quoted, and the condition; else no table.
struct seeded_delete {
    std::string_view table;  // "T"
    std::string where;
};
inline seeded_delete seeded_delete_of(const step& st) {
    if (st.kind != step_kind::sql || st.fragments.size() <= 3 || st.fragments[0].view() != "DELETE FROM ") return {};
    seeded_delete d{st.fragments[1].view(), {}};
    for (std::size_t i = 3; i < st.fragments.size(); ++i) d.where += st.fragments[i].view();
    return d;
}

template <class>
class migrator_engine_t;
using migrator_engine = migrator_engine_t<void>;

class migrator_core {
   public:
    // `cli`: the CLI's command ("app db"): messages then name verbs, not the library's calls.
    STRATA_LAZY STRATA_INLINE migrator_core(driver& db, migrator_options options, const chain_info& chain, std::string cli = {});
    STRATA_INLINE ~migrator_core();
    migrator_core(migrator_core&&) noexcept = default;
    migrator_core& operator=(migrator_core&&) noexcept = default;

    STRATA_LAZY STRATA_INLINE status_report status();
    STRATA_LAZY STRATA_INLINE run_report upgrade_to(std::optional<std::uint64_t> target_version);
    STRATA_LAZY STRATA_INLINE run_report downgrade_to(std::uint64_t target_version);
    STRATA_LAZY STRATA_INLINE plan_report plan(std::uint64_t target_version);
    STRATA_LAZY STRATA_INLINE verify_report verify();
    STRATA_LAZY STRATA_INLINE void baseline(std::uint64_t version);
    STRATA_LAZY STRATA_INLINE std::vector<std::string> repair();
    STRATA_LAZY STRATA_INLINE std::string skip_background(std::uint64_t version);

   private:
    owner<migrator_engine> e_;
};

}  // namespace detail
}  // namespace strata
