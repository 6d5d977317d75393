#pragma once
// migrator_core's bodies: each a call into the engine (migrator_engine.ipp).
#include <strata/detail/runtime/migrator_core.hpp>
#include <strata/detail/runtime/migrator_engine.ipp>

namespace strata::detail {

STRATA_LAZY_DEF STRATA_INLINE migrator_core::migrator_core(driver& db, migrator_options options, const chain_info& chain, std::string cli)
    : e_(new migrator_engine(db, std::move(options), chain, std::move(cli))) {}
STRATA_INLINE migrator_core::~migrator_core() = default;

STRATA_LAZY_DEF STRATA_INLINE status_report migrator_core::status() { return e_->status(); }
STRATA_LAZY_DEF STRATA_INLINE run_report migrator_core::upgrade_to(std::optional<std::uint64_t> v) { return e_->upgrade_to(v); }
STRATA_LAZY_DEF STRATA_INLINE run_report migrator_core::downgrade_to(std::uint64_t v) { return e_->downgrade_to(v); }
STRATA_LAZY_DEF STRATA_INLINE plan_report migrator_core::plan(std::uint64_t v) { return e_->plan(v); }
STRATA_LAZY_DEF STRATA_INLINE verify_report migrator_core::verify() { return e_->verify(); }
STRATA_LAZY_DEF STRATA_INLINE void migrator_core::baseline(std::uint64_t v) { e_->baseline(v); }
STRATA_LAZY_DEF STRATA_INLINE std::vector<std::string> migrator_core::repair() { return e_->repair(); }
STRATA_LAZY_DEF STRATA_INLINE std::string migrator_core::skip_background(std::uint64_t version) { return e_->skip_background(version); }

}  // namespace strata::detail
