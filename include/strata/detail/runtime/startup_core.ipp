#pragma once
// What migrate_on_startup does besides the migrations, compiled once per program: the
// STRATA_AUTO_MIGRATE switch, and the application versions (the version stored per chain,
// on_upgrade, tasks bound to one target version).
#include <strata/detail/runtime/format.hpp>

#include <strata/detail/algorithm.hpp>
#include <strata/detail/dependent.hpp>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <strata/detail/function.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/chrono.hpp>
#include <strata/detail/runtime/migrator_engine.ipp>
#include <strata/startup.hpp>

namespace strata {

namespace detail {

// STRATA_AUTO_MIGRATE, read when the application starts: nullopt when unset. A value that is
// not a boolean is an error, never a guess.
STRATA_LAZY inline std::optional<bool> auto_migrate_setting(const char* name = "STRATA_AUTO_MIGRATE") {
    const char* raw = std::getenv(name);
    if (!raw) return std::nullopt;
    std::string v(raw);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off") return false;
    throw std::invalid_argument(detail::format("strata: {}=\"{}\" is not a boolean: use true|false, 1|0, yes|no or on|off; "
                                            "nothing was changed",
                                            name, raw));
}

// Dotted versions compared part by part, numerically where both parts are numbers
// ("1.10.0" > "1.9.2"), as text otherwise.
STRATA_LAZY inline int compare_versions(std::string_view a, std::string_view b) {
    while (!a.empty() || !b.empty()) {
        const auto cut = [](std::string_view& s) {
            const std::size_t dot = s.find('.');
            std::string_view part = s.substr(0, dot);
            s = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
            return part;
        };
        const std::string_view x = cut(a), y = cut(b);
        unsigned long long nx = 0, ny = 0;
        const bool numx = !x.empty() && std::from_chars(x.data(), x.data() + x.size(), nx).ptr == x.data() + x.size();
        const bool numy = !y.empty() && std::from_chars(y.data(), y.data() + y.size(), ny).ptr == y.data() + y.size();
        if (numx && numy) {
            if (nx != ny) return nx < ny ? -1 : 1;
        } else if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return 0;
}

inline constexpr std::string_view create_app_versions_table =
    "CREATE TABLE IF NOT EXISTS \"strata_app_versions\" ("
    "\"chain\" TEXT NOT NULL PRIMARY KEY, "
    "\"version\" TEXT NOT NULL, "
    "\"updated_at\" TEXT NOT NULL)";
inline constexpr std::string_view create_version_tasks_table =
    "CREATE TABLE IF NOT EXISTS \"strata_version_tasks\" ("
    "\"chain\" TEXT NOT NULL, "
    "\"title\" TEXT NOT NULL, "
    "\"target_version\" TEXT NOT NULL, "
    "\"ran_at\" TEXT NOT NULL, "
    "\"duration_ms\" BIGINT NOT NULL, "
    "PRIMARY KEY (\"chain\", \"title\", \"target_version\"))";

// The version phase of a start: tasks for exactly this version, then on_upgrade, then the
// new version recorded; the version is recorded only when all of them succeeded, so a failed
// start is tried again with the same `from` at the next one.
// (a template: see STRATA_LAZY in detail/config.hpp)
template <class Tag>
class app_versions_t {
    // (dependent: the variant's constexpr members are compiled where this is instantiated, not
    // in every unit that includes the header; see detail::dependent)
    using value = dependent_t<strata::value, Tag>;

   public:
    app_versions_t(driver& db, std::string chain, const log_sink& log, std::chrono::milliseconds lock_wait_budget,
                 wait_limits limits = {})
        : db_(db), chain_(std::move(chain)), log_(log), wait_{chain_, lock_wait_budget, log_}, limits_(limits) {}

    app_version_report run(const std::string& version,
                           const std::function<void(session&, std::string_view, std::string_view)>& on_upgrade,
                           const std::vector<version_task>& tasks) {
        if (version.empty()) return {};  // (on_upgrade and tasks without one: refused by migrate_on_startup)
        // The tasks and on_upgrade run the application's statements: a lock they wait for ends
        // the wait after lock_timeout, as a migration's would, instead of hanging the start.
        wait_scope limits(db_, limits_);
        app_version_report r;
        r.to = version;
        // An ordinary start finds this version recorded: no task can be due and nothing is to
        // be written, so it takes no lock. An upgrade takes the chain's (PostgreSQL; SQLite
        // serialises the transactions) and reads the version again under it.
        std::optional<held_lock<Tag>> lock;
        if (const bool tables = read_version(r.from); r.from != version) {
            // (both in this schema: an unqualified strata_version_tasks would otherwise be found
            // further along a PostgreSQL search_path, in a shared schema, with another tenant's tasks)
            if (!tables || !db_.has_table("strata_version_tasks")) ensure_tables();
            lock.emplace(db_, chain_ + ":app_version", wait_);
            read_version(r.from);
        }
        const version_change change{chain_, r.from, r.to};
        const bool upgrading = r.from.empty() || compare_versions(r.from, r.to) < 0;
        for (const version_task& t : tasks) {
            std::string why;
            if (t.target_version != version) why = detail::format("for version {}, this is {}", t.target_version, version);
            else if (!upgrading) why = detail::format("not an upgrade to {} (the stored version is {})", version, r.from);
            if (!why.empty()) {
                skip(r, t, why);
                continue;
            }
            db_transaction tx(db_);
            if (auto at = ran_at(t)) {
                skip(r, t, "ran already, at " + *at);
                continue;  // (rolled back: nothing written)
            }
            const auto started = std::chrono::steady_clock::now();
            one_transaction own(db_, "the transaction of version task \"" + t.title + "\"");
            session s(own);
            try {
                t.run(s, change);
            } catch (...) {
                const std::string what = detail::format("strata: {}: version task \"{}\" ({}) failed: {}; it was rolled back and "
                                                     "runs again at the next start",
                                                     chain_, t.title, t.target_version, current_exception_text());
                log_(log_level::error, what);
                throw std::runtime_error(what);
            }
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
            const value p[] = {chain_, t.title, t.target_version, utc_now(), static_cast<std::int64_t>(ms.count())};
            db_.execute("INSERT INTO \"strata_version_tasks\" (\"chain\", \"title\", \"target_version\", \"ran_at\", \"duration_ms\") "
                        "VALUES ($1, $2, $3, $4, $5)",
                        p, {});
            tx.commit();
            r.ran.push_back(t.title);
            log_(log_level::info, detail::format("strata: {}: version task \"{}\" ({}) ran in {} ms", chain_, t.title,
                                              t.target_version, ms.count()));
        }
        if (!on_upgrade && r.from == r.to) return r;
        db_transaction tx(db_);
        if (on_upgrade) {
            one_transaction own(db_, "the transaction of on_upgrade");
            session s(own);
            try {
                on_upgrade(s, r.from, r.to);
            } catch (...) {
                const std::string what = detail::format("strata: {}: on_upgrade({} -> {}) failed: {}; it was rolled back, the "
                                                     "stored version stays {}",
                                                     chain_, r.from.empty() ? "none" : r.from, r.to, current_exception_text(),
                                                     r.from.empty() ? "unset" : r.from);
                log_(log_level::error, what);
                throw std::runtime_error(what);
            }
        }
        if (r.from != r.to) {
            const value p[] = {chain_, r.to, utc_now()};
            // An upsert: another instance may have recorded it since this one read it.
            db_.execute("INSERT INTO \"strata_app_versions\" (\"chain\", \"version\", \"updated_at\") VALUES ($1, $2, $3) "
                        "ON CONFLICT (\"chain\") DO UPDATE SET \"version\" = excluded.\"version\", "
                        "\"updated_at\" = excluded.\"updated_at\"",
                        p, {});
        }
        tx.commit();
        if (r.from != r.to)
            log_(log_level::info, detail::format("strata: {}: application version {} -> {}", chain_,
                                              r.from.empty() ? "none" : r.from, r.to));
        return r;
    }

    // The chain's recorded version, if any.
    std::optional<std::string> stored_version() {
        std::string v;
        if (!read_version(v) || v.empty()) return std::nullopt;
        return v;
    }

   private:
    // The recorded version into `v` ("" when none); false when the tables do not exist yet.
    bool read_version(std::string& v) {
        v.clear();
        const value p[] = {chain_};
        return read_if_table(db_, "strata_app_versions", [&] {
            db_.execute("SELECT \"version\" FROM \"strata_app_versions\" WHERE \"chain\" = $1", p,
                        [&](const row& r) { v = r.get<std::string>(0); });
        });
    }

    void ensure_tables() {
        held_lock<Tag> lock(db_, "strata_migrations", wait_);  // (PostgreSQL: concurrent CREATE IF NOT EXISTS can clash)
        db_.execute(create_app_versions_table, {}, {});
        db_.execute(create_version_tasks_table, {}, {});
    }

    std::optional<std::string> ran_at(const version_task& t) {
        std::optional<std::string> at;
        const value p[] = {chain_, t.title, t.target_version};
        db_.execute("SELECT \"ran_at\" FROM \"strata_version_tasks\" WHERE \"chain\" = $1 AND \"title\" = $2 AND \"target_version\" = $3",
                    p, [&](const row& r) { at = r.get<std::string>(0); });
        return at;
    }

    void skip(app_version_report& r, const version_task& t, const std::string& why) {
        r.skipped.push_back(t.title + ": " + why);
        log_(log_level::info, detail::format("strata: {}: version task \"{}\" ({}) skipped: {}", chain_, t.title, t.target_version, why));
    }

    driver& db_;
    std::string chain_;
    const log_sink& log_;
    lock_wait wait_;  // (after chain_ and log_, which it refers to)
    wait_limits limits_;
};
using app_versions = app_versions_t<void>;

}  // namespace detail
}  // namespace strata
