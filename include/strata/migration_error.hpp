#pragma once
// strata::migration_error: a refusal (nothing was changed) or a failure (the migration was
// rolled back). Its message names the chain, the version and the migration, and for a failed
// statement the statement and the driver's text; the fields carry the same for programs.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace strata {

enum class migration_failure {
    database_ahead,         // the database has a version this code does not know, past its head
    unknown_state,          // applied versions that are not a prefix of the chain
    checksum_changed,       // an applied migration's definition changed since it ran
    dirty,                  // a migration outside a transaction did not finish
    irreversible,           // a downgrade would pass a migration that has no down
    no_such_version,        // a target that is not 0 nor a version of the chain
    wrong_direction,        // upgrade_to a version below the current one, or downgrade_to above
    schema_mismatch,        // baseline/repair: the live schema is not the one expected
    statement_failed,       // the database refused a statement
    foreign_key_violation,  // SQLite: rows that break a foreign key after a table rebuild
    validation_failed,      // validate<fn> returned false
    data_step_failed,       // run<fn> threw
    unknown_objects,        // SQLite: a table rebuild would drop what the chain does not know
    lock_timeout,           // a statement waited too long for a lock: PostgreSQL's lock_timeout on
                            // every attempt, SQLite's busy timeout; rolled back
    outcome_unknown,        // the connection was lost during the COMMIT: recorded or not, the client cannot know
};

class migration_error : public std::runtime_error {
   public:
    migration_error(migration_failure kind, std::string what, std::string chain, std::uint64_t version = 0,
                    std::string migration = {}, std::string statement = {}, std::string driver_message = {})
        : std::runtime_error(std::move(what)),
          kind_(kind),
          chain_(std::move(chain)),
          version_(version),
          migration_(std::move(migration)),
          statement_(std::move(statement)),
          driver_message_(std::move(driver_message)) {}

    migration_failure kind() const noexcept { return kind_; }
    const std::string& chain() const noexcept { return chain_; }
    std::uint64_t version() const noexcept { return version_; }
    const std::string& migration() const noexcept { return migration_; }
    const std::string& statement() const noexcept { return statement_; }
    const std::string& driver_message() const noexcept { return driver_message_; }
    // true: refused before anything changed; false: it failed and was rolled back (or, outside
    // a transaction, left dirty).
    bool refused() const noexcept { return kind_ <= migration_failure::schema_mismatch; }

   private:
    migration_failure kind_;
    std::string chain_;
    std::uint64_t version_;
    std::string migration_, statement_, driver_message_;
};

}  // namespace strata
