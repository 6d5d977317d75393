// models: an application whose structs are its models. The compiler proves that the history
// leads to the schema the structs describe; the database migrates at start-up; a data step of
// the history reads rows as they were at version 2 and writes rows of the new shape, typed; and
// the application reads and writes its structs, typed against the chain's head.
//   models [database file]                       migrate, then list the posts
//   models <file> --to <version>                 migrate to that version only, and stop
//   models <file> post "<author>" "<title>"      migrate, add a post (and its author if new)
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <strata/rows.hpp>
#include <strata/sqlite.hpp>
#include <strata/startup.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

// ---- the history: posts first named their author, then point at an authors row ----
using m1 = strata::migration<1, "authors and posts",
    create_table<"authors", column<"id", bigint, primary_key>, column<"name", text, not_null, unique>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author", text, not_null>,
                 column<"title", text, not_null>, column<"published_on", date>>>;
using m2 = strata::migration<2, "author ids",
    add_column<"authors", column<"email", text>>,
    add_column<"posts", column<"author_id", bigint, references<"authors", "id">>>>;

// The data step of migration 3 sees the schema after migration 2: it names that state through
// the chain of the migrations before it (the history is declared after the step).
using before_link = strata::chain<m1, m2>;
namespace v2 {  // the rows as they are at version 2
struct author {
    BOOST_HANA_DEFINE_STRUCT(author, (std::int64_t, id), (std::string, name), (std::optional<std::string>, email));
    using strata_table = table<"authors", key<"id">>;
};
struct post {
    BOOST_HANA_DEFINE_STRUCT(post, (std::int64_t, id), (std::string, author), (std::optional<std::int64_t>, author_id));
    using strata_table = table<"posts", key<"id">>;
};
}  // namespace v2

// Every post gets the id of its author, who is added when missing.
void link_authors(strata::session& s) {
    using at = before_link::schema;
    std::map<std::string, std::int64_t> ids;
    std::int64_t next = 1;
    for (const v2::author& a : strata::select<v2::author, at>(s)) {
        ids[a.name] = a.id;
        if (a.id >= next) next = a.id + 1;
    }
    strata::for_each<v2::post, at>(s, [&](const v2::post& p) {
        auto found = ids.find(p.author);
        if (found == ids.end()) {
            const v2::author added{next++, p.author, std::nullopt};
            strata::insert<at>(s, added);
            found = ids.emplace(added.name, added.id).first;
        }
        s.execute("UPDATE \"posts\" SET \"author_id\" = $1 WHERE \"id\" = $2", found->second, p.id);
    }, "ORDER BY \"id\"");
}
void unlink_authors(strata::session& s) { s.execute("UPDATE \"posts\" SET \"author_id\" = NULL"); }

using m3 = strata::migration<3, "link posts to authors", run<link_authors, unlink_authors>>;
using m4 = strata::migration<4, "author ids required",
    drop_column<"posts", "author">,
    alter_column<"posts", "author_id", set_not_null>,
    create_index<"posts_author_idx", "posts", "author_id">>;
using history = strata::chain<m1, m2, m3, m4>;

// ---- the application's structs: its models ----
namespace app {
struct author {
    BOOST_HANA_DEFINE_STRUCT(author, (std::int64_t, id), (std::string, name), (std::optional<std::string>, email));
    using strata_table = table<"authors", key<"id">, field<"name", unique>>;
};
struct post {
    BOOST_HANA_DEFINE_STRUCT(post,
        (std::int64_t, id),
        (std::string, title),
        (std::optional<std::chrono::sys_days>, published_on),
        (std::int64_t, author_id));
    using strata_table = table<"posts", key<"id">, field<"author_id", references<"authors", "id">>,
                               index_on<"posts_author_idx", "author_id">>;
};
}  // namespace app

// What CI proves: the history leads to exactly the schema of the structs (a struct changed
// without its migration fails here: `history db diff` or strata::autogenerate writes it), and
// the structs read and write at the head; the version-2 rows only at version 2.
static_assert(strata::matches<history, strata::models<app::author, app::post>>);
static_assert(strata::row_fits<app::post, history::schema> && !strata::row_fits<app::post, history::schema_at<2>>);
static_assert(strata::row_fits<v2::post, history::schema_at<2>> && !strata::row_fits<v2::post, history::schema>);

int main(int argc, char** argv) try {
    const std::string path = argc > 1 ? argv[1] : "models.db";
    const std::string_view verb = argc > 2 ? argv[2] : "";
    strata::sqlite::connection db{path};

    if (verb == "--to" && argc > 3) {  // an older version, as a database made by a previous release
        strata::migrator<history> m{db};
        const strata::run_report r = m.upgrade_to(std::strtoull(argv[3], nullptr, 10));
        std::printf("%s: version %llu -> %llu\n", path.c_str(), static_cast<unsigned long long>(r.from),
                    static_cast<unsigned long long>(r.to));
        return 0;
    }

    const strata::run_report& report = strata::migrate_on_startup<history>(db).migrations;
    std::printf("%s: version %llu -> %llu\n", path.c_str(), static_cast<unsigned long long>(report.from),
                static_cast<unsigned long long>(report.to));

    using head = history::schema;
    strata::session s(db);
    if (verb == "post" && argc > 4) {
        const std::string name = argv[3];
        std::vector<app::author> found = strata::select<app::author, head>(s, "WHERE \"name\" = $1", name);
        if (found.empty()) {
            found.push_back({s.query_value<std::int64_t>("SELECT coalesce(max(\"id\"), 0) + 1 FROM \"authors\""), name,
                             std::nullopt});
            strata::insert<head>(s, found.front());
        }
        const app::post p{s.query_value<std::int64_t>("SELECT coalesce(max(\"id\"), 0) + 1 FROM \"posts\""), argv[4],
                          std::nullopt, found.front().id};
        strata::insert<head>(s, p);
    }

    std::map<std::int64_t, std::string> names;
    for (const app::author& a : strata::select<app::author, head>(s)) names[a.id] = a.name;
    strata::for_each<app::post, head>(s, [&](const app::post& p) {
        std::printf("  post %lld \"%s\" by %s%s\n", static_cast<long long>(p.id), p.title.c_str(), names[p.author_id].c_str(),
                    p.published_on ? "" : " (unpublished)");
    }, "ORDER BY \"id\"");
    return 0;
} catch (const strata::migration_error&) {
    return 1;  // refused or failed: the migrator's log has said why, once
} catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
}
