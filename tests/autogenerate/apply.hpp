#pragma once
// The main of closes_the_gap.cmake's run (with RUN_LIBS): STRATA_LOOP_NS names the namespace of
// `history` and `next` (the history and the generated migration). Applies the history to a new
// SQLite file (argv[1]), then `next`, and verify()s the live schema against next's head; with
// STRATA_LOOP_POSTGRES and STRATA_PG_URL set, the same in a new schema on that server.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <unistd.h>

#include <strata/sqlite.hpp>
#ifdef STRATA_LOOP_POSTGRES
#include <strata/postgres.hpp>
#endif

namespace loop {
inline bool apply(strata::driver& db, const std::string& where) {
    strata::migrator<STRATA_LOOP_NS::history>{db}.upgrade();
    strata::migrator<STRATA_LOOP_NS::next> m{db};
    m.upgrade();
    const strata::verify_report v = m.verify();
    std::printf("applied on %s: version %llu, verify %s\n%s", where.c_str(), static_cast<unsigned long long>(v.version),
                v.ok() ? "ok" : "failed", v.text().c_str());
    return v.ok() && v.version == STRATA_LOOP_NS::next::head;
}
}  // namespace loop

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    std::remove(argv[1]);
    bool ok = false;
    {
        strata::sqlite::connection db{argv[1]};
        ok = loop::apply(db, std::string("sqlite ") + argv[1]);
    }
#ifdef STRATA_LOOP_POSTGRES
    if (const char* url = std::getenv("STRATA_PG_URL"); url && *url) {
        const std::string schema = "strata_loop_" + std::to_string(::getpid());
        strata::postgres::connection admin{url};
        admin.execute("CREATE SCHEMA \"" + schema + "\"", {}, {});
        {
            strata::postgres::connection db{url};
            db.execute("SET search_path TO \"" + schema + "\"", {}, {});
            ok = loop::apply(db, "postgres schema " + schema) && ok;
        }
        admin.execute("DROP SCHEMA \"" + schema + "\" CASCADE", {}, {});
    } else if (const char* ci = std::getenv("CI"); ci && std::string(ci) == "true") {
        std::printf("PostgreSQL: CI=true but STRATA_PG_URL is unset: PostgreSQL tests must run in CI\n");
        ok = false;
    } else {
        std::printf("PostgreSQL: skipped (STRATA_PG_URL unset)\n");
    }
#endif
    return ok ? 0 : 1;
}
