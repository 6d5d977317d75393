#pragma once
// strata::migrator<Chain>: applies a chain to a database through any strata::driver.
//
//   strata::sqlite::connection db{"app.db"};
//   strata::migrator<history> m{db};
//   m.upgrade();  m.upgrade_to(3);  m.downgrade_to(0);  m.status();  m.plan(2);  m.verify();
//
// Each migration runs in its own transaction with its bookkeeping row; what is wrong with the
// database (ahead of the code, a changed checksum, a dirty migration) is refused before any
// change. See docs/runtime.md.
#include <string>

#include <strata/detail/chrono.hpp>
#include <strata/chain.hpp>
#include <strata/detail/chain_info_of.hpp>
#include <strata/detail/runtime/migrator_core.hpp>
#include <strata/log.hpp>

namespace strata {

struct migrator_options {
    // The chain's name in strata_migrations: one per application module sharing a database.
    std::string chain = "main";
    log_sink log = log_to_stderr;
    // How long one statement of a migration may wait for a lock before the migration is rolled
    // back and tried again (PostgreSQL: SET LOCAL lock_timeout in its transaction); 0: no limit.
    // SQLite: the connection's busy timeout applies instead (strata::sqlite::connection).
    std::chrono::milliseconds lock_timeout = std::chrono::seconds(5);
    // How many times a migration is tried while its lock waits time out, and how long its tries
    // and the pauses between them may take in all: whichever ends first. The budget bounds the
    // wait for another migrator's lock too; 0: no limit.
    int lock_attempts = 5;
    std::chrono::milliseconds lock_wait_budget = std::chrono::seconds(60);
    // How long one statement of a migration may run (PostgreSQL statement_timeout); 0: none of
    // strata's (a role's or database's own statement_timeout still applies).
    std::chrono::milliseconds statement_timeout{0};
};

template <class Chain>
class migrator {
    using proxy = detail::proxy_t<Chain>;

   public:
    static constexpr std::uint64_t head = Chain::head;

    explicit migrator(driver& db, migrator_options options = {})
        : core_(db, std::move(options), detail::chain_info_of<proxy>) {}

    // To the head, or to `version`; each migration in its own transaction. Up to date: two
    // reads, no lock, nothing written.
    run_report upgrade() { return core_.upgrade_to(std::nullopt); }
    run_report upgrade_to(std::uint64_t version) { return core_.upgrade_to(version); }
    // Down to `version` (0: everything); refused before any change if a migration on the way
    // has no down.
    run_report downgrade_to(std::uint64_t version) { return core_.downgrade_to(version); }

    status_report status() { return core_.status(); }
    // What upgrade_to(version) or downgrade_to(version) would run; changes nothing.
    plan_report plan(std::uint64_t version) { return core_.plan(version); }
    plan_report plan() { return core_.plan(head); }
    // Checksums, and the live schema of the chain's tables against schema_at<current>.
    verify_report verify() { return core_.verify(); }
    // Adopt a database whose live schema already is schema_at<version>.
    void baseline(std::uint64_t version) { core_.baseline(version); }
    // After a refusal for a dirty migration or a changed checksum: see docs/runtime.md.
    std::vector<std::string> repair() { return core_.repair(); }
    // A background step that can never succeed: records migration `version`'s background steps
    // done without running them (the later ones then run); see docs/runtime.md section 6.
    std::string skip_background(std::uint64_t version) { return core_.skip_background(version); }

   private:
    detail::migrator_core core_;
};

}  // namespace strata

#if !defined(STRATA_SEPARATE_COMPILATION)
#include <strata/detail/runtime/migrator_core.ipp>
#endif
