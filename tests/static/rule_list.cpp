// The rule list (include/strata/detail/core/rules.hpp) against what the user reads and runs:
// - each chain rule has its heading in docs/errors.md with "Rule `name`." under it;
// - each DSL rule has a heading or a table row with its message; each `matches` rule is named;
// - each model rule has its heading in section 6 with "Rule `name`." under it, each typed-row
//   rule in section 7;
// - each rule has a compile-fail test named after it (tests/compile_fail/<rule>[_*].cpp);
// - the other way round, every heading of sections 1 to 3 and every row of section 4 is a rule
//   of the list or a `static_assert(..., "strata: ...")` written in a header, and each of those
//   is documented.
// Prints every mismatch; exits 1 when there is one.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <strata/detail/core/rules.hpp>

namespace {
struct rule {
    std::string name, message;
};
#define STRATA_LIST_RULE(name, message) rule{#name, message},
#define STRATA_LIST_MATCH_RULE(name, kind, message) rule{#name, message},
const std::vector<rule> chain_rules{STRATA_CHAIN_RULES(STRATA_LIST_RULE)};
const std::vector<rule> dsl_rules{STRATA_DSL_RULES(STRATA_LIST_RULE)};
const std::vector<rule> match_rules{STRATA_MATCH_RULES(STRATA_LIST_MATCH_RULE)};
const std::vector<rule> model_rules{STRATA_MODEL_RULES(STRATA_LIST_RULE)};
const std::vector<rule> row_rules{STRATA_ROW_RULES(STRATA_LIST_RULE)};
#undef STRATA_LIST_RULE
#undef STRATA_LIST_MATCH_RULE

const std::filesystem::path source_dir = STRATA_SOURCE_DIR;
int problems = 0;

void problem(const std::string& what) {
    std::printf("rule_list: %s\n", what.c_str());
    ++problems;
}

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct page {
    struct heading {
        std::string message, rule_line;  // the "- Rule `...`" line of its entry, if any
        int section;
    };
    std::vector<heading> headings;        // "### " lines of sections 1 to 4, 6 and 7
    std::vector<std::string> table_rows;  // the first cell (between backticks) of section 4's rows
    std::string text;
};

page read_errors_md() {
    page p;
    p.text = read(source_dir / "docs" / "errors.md");
    std::ifstream in(source_dir / "docs" / "errors.md");
    std::string line;
    int section = 0;
    bool code = false;
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) == 0) code = !code;
        if (code) continue;
        if (line.rfind("## ", 0) == 0) {
            section = std::isdigit(static_cast<unsigned char>(line[3])) ? line[3] - '0' : 0;
        } else if (line.rfind("### ", 0) == 0 && ((section >= 1 && section <= 4) || section == 6 || section == 7)) {
            p.headings.push_back({line.substr(4), {}, section});
        } else if (line.rfind("- Rule `", 0) == 0 && !p.headings.empty() && p.headings.back().rule_line.empty()) {
            p.headings.back().rule_line = line;
        } else if (section == 4 && line.rfind("| `", 0) == 0) {
            auto end = line.find("` |");
            if (end != std::string::npos) p.table_rows.push_back(line.substr(3, end - 3));
        }
    }
    return p;
}

// The messages of static_asserts written in the headers themselves (not through the lists).
std::set<std::string> header_messages() {
    std::set<std::string> out;
    const std::regex literal{R"re(static_assert\([^;]*?"strata: ([^"\\]*(?:\\.[^"\\]*)*)"\))re"};
    for (const auto& e : std::filesystem::recursive_directory_iterator(source_dir / "include")) {
        if (!e.is_regular_file()) continue;
        const std::string text = read(e.path());
        for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
            std::string m = (*it)[1];
            // (the lists' own templates spell `"strata: " message`, no literal after the colon)
            out.insert(std::regex_replace(m, std::regex{R"(\\")"}, "\""));
        }
    }
    return out;
}

bool has_compile_fail_test(const std::string& name) {
    for (const auto& e : std::filesystem::directory_iterator(source_dir / "tests" / "compile_fail")) {
        const std::string stem = e.path().stem().string();
        if (e.path().extension() == ".cpp" && (stem == name || stem.rfind(name + "_", 0) == 0)) return true;
    }
    return false;
}
}  // namespace

int main() {
    const page doc = read_errors_md();
    auto heading_of = [&](const std::string& message) {
        return std::find_if(doc.headings.begin(), doc.headings.end(),
                            [&](const page::heading& h) { return h.message == message; });
    };
    auto in_table = [&](const std::string& message) {
        return std::find(doc.table_rows.begin(), doc.table_rows.end(), message) != doc.table_rows.end();
    };

    for (const auto& r : chain_rules) {
        auto h = heading_of(r.message);
        if (h == doc.headings.end()) {
            problem("docs/errors.md has no heading \"### " + r.message + "\" (rule " + r.name + ")");
        } else if (h->rule_line.rfind("- Rule `" + r.name + "`", 0) != 0) {
            problem("docs/errors.md: the entry \"### " + r.message + "\" should start \"- Rule `" + r.name +
                    "`\", not \"" + h->rule_line + "\"");
        }
        // misused_dsl is the placeholder a chain stops at after a DSL rule has reported; each DSL
        // rule's own test shows it
        if (r.name != "misused_dsl" && !has_compile_fail_test(r.name)) problem("no tests/compile_fail/" + r.name + "[_*].cpp");
    }
    for (const auto& r : dsl_rules) {
        if (heading_of(r.message) == doc.headings.end() && !in_table(r.message)) {
            problem("docs/errors.md has neither a heading nor a table row for \"" + r.message + "\" (rule " + r.name + ")");
        }
        if (!has_compile_fail_test(r.name)) problem("no tests/compile_fail/" + r.name + "[_*].cpp");
    }
    for (const auto& r : model_rules) {  // section 6, headed as the chain's rules are
        auto h = heading_of(r.message);
        if (h == doc.headings.end() || h->section != 6) {
            problem("docs/errors.md section 6 has no heading \"### " + r.message + "\" (rule " + r.name + ")");
        } else if (h->rule_line.rfind("- Rule `" + r.name + "`", 0) != 0) {
            problem("docs/errors.md: the entry \"### " + r.message + "\" should start \"- Rule `" + r.name + "`\"");
        }
        if (!has_compile_fail_test(r.name)) problem("no tests/compile_fail/" + r.name + "[_*].cpp");
    }
    for (const auto& r : row_rules) {  // section 7, headed as the models' rules are
        auto h = heading_of(r.message);
        if (h == doc.headings.end() || h->section != 7) {
            problem("docs/errors.md section 7 has no heading \"### " + r.message + "\" (rule " + r.name + ")");
        } else if (h->rule_line.rfind("- Rule `" + r.name + "`", 0) != 0) {
            problem("docs/errors.md: the entry \"### " + r.message + "\" should start \"- Rule `" + r.name + "`\"");
        }
        if (!has_compile_fail_test(r.name)) problem("no tests/compile_fail/" + r.name + "[_*].cpp");
    }
    for (const auto& r : match_rules) {
        if (doc.text.find("`" + r.name + "`") == std::string::npos) problem("docs/errors.md does not name the matches rule " + r.name);
    }

    const std::set<std::string> literal = header_messages();
    for (const auto& m : literal) {
        if (heading_of(m) == doc.headings.end() && !in_table(m)) {
            problem("a header's static_assert says \"strata: " + m + "\", which docs/errors.md does not list");
        }
    }
    auto known = [&](const std::string& message) {
        auto same = [&](const rule& r) { return r.message == message; };
        return std::any_of(chain_rules.begin(), chain_rules.end(), same) ||
               std::any_of(dsl_rules.begin(), dsl_rules.end(), same) ||
               std::any_of(model_rules.begin(), model_rules.end(), same) ||
               std::any_of(row_rules.begin(), row_rules.end(), same) || literal.count(message) != 0;
    };
    for (const auto& h : doc.headings) {
        if (!known(h.message)) problem("docs/errors.md section " + std::to_string(h.section) + " heading \"" + h.message + "\" is no rule's message");
    }
    for (const auto& m : doc.table_rows) {
        if (!known(m)) problem("docs/errors.md section 4 row \"" + m + "\" is no rule's message");
    }

    std::printf("rule_list: %zu chain, %zu DSL, %zu matches, %zu model, %zu typed-row rules, %zu messages written in headers; %d problem(s)\n",
                chain_rules.size(), dsl_rules.size(), match_rules.size(), model_rules.size(), row_rules.size(), literal.size(),
                problems);
    return problems == 0 ? 0 : 1;
}
