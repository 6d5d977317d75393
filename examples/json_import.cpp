// json_import: a persistence layer moving from JSON files to SQLite (AskUI's migrations). A
// data step imports every data/assistants/*.json into a table, parsed by SQLite's own JSON
// functions; its down exports the rows back as files (files already there take precedence);
// a second migration seeds the default assistants.
//   json_import           migrate (creates data/assistants/ with three files the first time)
//   json_import down      downgrade to version 1: the rows go back to files
// Run by CTest through examples/json_import.test.sh.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#include <strata/sqlite.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;
namespace fs = std::filesystem;

const fs::path dir = "data/assistants";

void import_json(strata::session& s) {
    if (!fs::exists(dir)) return;
    for (const auto& f : fs::directory_iterator(dir)) {
        if (f.path().extension() != ".json") continue;
        std::ifstream in(f.path());
        const std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (s.query_value<std::int64_t>("SELECT json_valid($1)", json) != 1)
            throw std::runtime_error(f.path().string() + " is not valid JSON");
        s.execute("INSERT INTO \"assistants\" (\"id\", \"name\", \"description\") "
                  "VALUES (json_extract($1, '$.id'), json_extract($1, '$.name'), json_extract($1, '$.description'))",
                  json);
    }
}
void export_json(strata::session& s) {
    fs::create_directories(dir);
    s.for_each_row("SELECT \"id\", json_object('id', \"id\", 'name', \"name\", 'description', \"description\") "
                   "FROM \"assistants\" ORDER BY \"id\"",
                   [](const strata::row& r) {
                       const fs::path file = dir / (r.get<std::string>(0) + ".json");
                       if (fs::exists(file)) return;  // the files take precedence
                       std::ofstream(file) << r.get<std::string>(1) << "\n";
                   });
    s.execute("DELETE FROM \"assistants\"");
}
bool every_file_imported(strata::session& s) {
    std::int64_t files = 0;
    if (fs::exists(dir))
        for (const auto& f : fs::directory_iterator(dir)) files += f.path().extension() == ".json";
    return s.query_value<std::int64_t>("SELECT count(*) FROM \"assistants\"") == files;
}

using m1 = strata::migration<1, "create assistants",
    create_table<"assistants",
        column<"id", text, primary_key>,
        column<"name", text, not_null>,
        column<"description", text>>>;
using m2 = strata::migration<2, "import json assistants", run<import_json, export_json>, validate<every_file_imported>>;
using m3 = strata::migration<3, "seed default assistants",
    execute<"INSERT INTO \"assistants\" (\"id\", \"name\", \"description\") VALUES ('default', 'Default', 'The built-in assistant')",
            "DELETE FROM \"assistants\" WHERE \"id\" = 'default'">>;
using history = strata::chain<m1, m2, m3>;

int main(int argc, char** argv) try {
    if (!fs::exists(dir)) {  // the legacy files, as an older version of the application left them
        fs::create_directories(dir);
        std::ofstream(dir / "writer.json") << R"({"id": "writer", "name": "Writer", "description": "Drafts text"})";
        std::ofstream(dir / "coder.json") << R"({"id": "coder", "name": "Coder", "description": "Writes \"code\""})";
        std::ofstream(dir / "plain.json") << R"({"id": "plain", "name": "Plain", "description": null})";
    }
    strata::sqlite::connection db{"json_import.db"};
    strata::migrator<history> m{db};
    const bool down = argc > 1 && std::string_view(argv[1]) == "down";
    const strata::run_report r = down ? m.downgrade_to(1) : m.upgrade();
    strata::session s(db);
    std::printf("version %llu -> %llu; %lld assistants in the database\n", static_cast<unsigned long long>(r.from),
                static_cast<unsigned long long>(r.to),
                static_cast<long long>(s.query_value<std::int64_t>("SELECT count(*) FROM \"assistants\"")));
    return m.verify().ok() ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
}
