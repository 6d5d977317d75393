#pragma once
// The real databases the runtime tests run against: a fresh SQLite file, or a fresh schema on
// the PostgreSQL server ./scripts/test starts (STRATA_PG_URL). Without a server the PostgreSQL
// tests skip with a message, except under CI=true, where they fail.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <typeinfo>
#include <string_view>
#include <vector>

#include <strata/sqlite.hpp>
#if __has_include(<pqxx/pqxx>)
#include <strata/postgres.hpp>
#define STRATA_TEST_POSTGRES 1
#endif

namespace strata_test {

struct test_database {
    virtual ~test_database() = default;
    // Another connection to the same database (for a second migrator, a checker...).
    virtual std::unique_ptr<strata::driver> open() = 0;
    strata::driver& db() {
        if (!main) main = open();
        return *main;
    }
    std::unique_ptr<strata::driver> main;
};

inline std::string unique_tag(const std::string& tag) {
    static std::atomic<int> n{0};
    return tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(n++);
}

struct sqlite_database final : test_database {
    std::filesystem::path path;
    explicit sqlite_database(const std::string& tag)
        : path(std::filesystem::temp_directory_path() / ("strata_" + unique_tag(tag) + ".db")) {
        std::filesystem::remove(path);
    }
    ~sqlite_database() override {
        main.reset();
        std::filesystem::remove(path);
        std::filesystem::remove(path.string() + "-journal");
    }
    std::unique_ptr<strata::driver> open() override { return std::make_unique<strata::sqlite::connection>(path.string()); }
};

inline const char* postgres_url() {
    const char* url = std::getenv("STRATA_PG_URL");
    return url && *url ? url : nullptr;
}
inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci && std::string(ci) == "true";
}

#ifdef STRATA_TEST_POSTGRES
struct postgres_database final : test_database {
    std::string url, schema;
    postgres_database(std::string u, const std::string& tag) : url(std::move(u)), schema("strata_" + unique_tag(tag)) {
        strata::postgres::connection c(url);
        c.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE", {}, {});
        c.execute("CREATE SCHEMA \"" + schema + "\"", {}, {});
    }
    ~postgres_database() override {
        main.reset();
        try {
            strata::postgres::connection c(url);
            c.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE", {}, {});
        } catch (...) {
        }
    }
    std::unique_ptr<strata::driver> open() override {
        auto c = std::make_unique<strata::postgres::connection>(url);
        c->execute("SET search_path TO \"" + schema + "\"", {}, {});
        return c;
    }
};
#endif

// For TEST_P over "sqlite" and "postgres": the database, or a skip / failure that says why.
inline std::unique_ptr<test_database> make_database(const std::string& backend, const std::string& tag) {
    if (backend == "sqlite") return std::make_unique<sqlite_database>(tag);
#ifdef STRATA_TEST_POSTGRES
    if (const char* url = postgres_url()) return std::make_unique<postgres_database>(url, tag);
#endif
    return nullptr;
}

// The database as a CLI's --database takes it: the same file, or the same server with the
// test's schema first in the search path.
inline std::string cli_url(const test_database& d) {
    if (auto* s = dynamic_cast<const sqlite_database*>(&d)) return "sqlite:" + s->path.string();
#ifdef STRATA_TEST_POSTGRES
    if (auto* p = dynamic_cast<const postgres_database*>(&d))
        return p->url + (p->url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + p->schema;
#endif
    return {};
}

// In SetUp(): `db_ = strata_test::make_database(...); if (!db_) STRATA_SKIP_WITHOUT_POSTGRES();`
#define STRATA_SKIP_WITHOUT_POSTGRES()                                                                      \
    do {                                                                                                    \
        if (::strata_test::in_ci()) FAIL() << "CI=true but no PostgreSQL (STRATA_PG_URL unset or libpqxx " \
                                              "missing): PostgreSQL tests must run in CI";                  \
        GTEST_SKIP() << "no PostgreSQL server (STRATA_PG_URL unset; ./scripts/test starts one)";            \
    } while (0)

inline std::string backend_name(const ::testing::TestParamInfo<const char*>& info) { return info.param; }

// A driver that passes every call to another; tests override the calls they watch.
class forwarding_driver : public strata::driver {
   public:
    explicit forwarding_driver(strata::driver& inner) : inner_(inner) {}
    explicit forwarding_driver(std::unique_ptr<strata::driver> owned) : owned_(std::move(owned)), inner_(*owned_) {}

    strata::dialect_id dialect() const noexcept override { return inner_.dialect(); }
    std::string describe() const override { return inner_.describe(); }
    void execute(std::string_view sql, std::span<const strata::value> params, const strata::row_callback& on_row) override {
        inner_.execute(sql, params, on_row);
    }
    void begin() override { inner_.begin(); }
    void commit() override { inner_.commit(); }
    void rollback() noexcept override { inner_.rollback(); }
    bool in_transaction() const noexcept override { return inner_.in_transaction(); }
    void set_wait_limits(const strata::wait_limits& l) override { inner_.set_wait_limits(l); }
    bool lock(std::string_view chain) override { return inner_.lock(chain); }
    std::optional<bool> try_lock(std::string_view chain) override { return inner_.try_lock(chain); }
    std::string lock_holder(std::string_view chain) override { return inner_.lock_holder(chain); }
    void unlock(std::string_view chain) noexcept override { inner_.unlock(chain); }
    bool has_table(std::string_view name) override { return inner_.has_table(name); }
    std::vector<std::string> schema_facts(std::span<const std::string> tables, std::span<const std::string> enums) override {
        return inner_.schema_facts(tables, enums);
    }
    void* native_handle() noexcept override { return inner_.native_handle(); }
    const std::type_info& native_type() const noexcept override { return inner_.native_type(); }

   private:
    std::unique_ptr<strata::driver> owned_;  // (before inner_: it may be what inner_ refers to)
    strata::driver& inner_;
};

// A log sink that keeps the lines, for assertions on them.
struct captured_log {
    std::vector<std::string> lines;
    strata::log_sink sink() {
        return [this](strata::log_level, std::string_view l) { lines.emplace_back(l); };
    }
    bool has(const std::string& needle) const {
        for (const auto& l : lines)
            if (l.find(needle) != std::string::npos) return true;
        return false;
    }
};


}  // namespace strata_test
