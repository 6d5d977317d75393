#pragma once
// A schema state drawn as a Mermaid erDiagram or a Graphviz digraph (the CLI's `diagram`
// verb), from the state folded when the program runs, as verify() does.
#include <memory>
#include <string>
#include <vector>

#include <strata/detail/core/checkpoints.hpp>
#include <strata/schema.hpp>

namespace strata::detail {

enum class diagram_format { mermaid, dot };



// Mermaid attribute types are single words: numeric<12, 2> becomes numeric_12_2.
inline std::string mermaid_word(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '<' || c == ',') out += '_';
        else if (c == ' ' || c == '>' || c == '"') continue;
        else out += c;
    }
    return out;
}
inline std::string dot_escaped(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '{' || c == '}' || c == '|' || c == '<' || c == '>' || c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

template <class S>
std::string draw_state(const S& s, diagram_format f, std::uint64_t version) {
    const slot_range<S, table_view<S>, count_tables<S>, keep_table<S>> tables{&s, -1};
    struct edge {
        std::string from, to, label;
    };
    std::vector<edge> edges;
    std::string out = f == diagram_format::mermaid
                          ? "erDiagram\n"
                          : "digraph schema {\n  label=\"schema_at<" + std::to_string(version) + ">\";\n  rankdir=LR;\n  node [shape=record];\n";
    for (auto t : tables) {
        const std::string tn(t.name());
        std::string fields;
        for (auto c : t.columns()) {
            std::string keys;
            if (c.primary_key()) keys = "PK";
            if (c.is_foreign_key()) {
                keys += keys.empty() ? "FK" : ", FK";
                edges.push_back({tn, std::string(c.references_table()), std::string(c.name())});
            }
            if (c.unique() && !c.primary_key()) keys += keys.empty() ? "UK" : ", UK";
            const bool nullable = !c.not_null() && !c.primary_key();
            if (f == diagram_format::mermaid) {
                fields += "    " + mermaid_word(dsl_type(c.type())) + " " + std::string(c.name()) + (keys.empty() ? "" : " " + keys) +
                          (nullable ? " \"nullable\"" : "") + "\n";
            } else {
                fields += "|" + dot_escaped(std::string(c.name()) + " : " + dsl_type(c.type()) + (keys.empty() ? "" : " " + keys) +
                                            (nullable ? " (nullable)" : "")) +
                          "\\l";
            }
        }
        for (auto k : t.constraints())
            if (k.kind() == constraint_kind::foreign_key) edges.push_back({tn, std::string(k.references_table()), std::string(k.name())});
        if (f == diagram_format::mermaid) out += "  " + tn + " {\n" + fields + "  }\n";
        else out += "  \"" + tn + "\" [label=\"{" + dot_escaped(tn) + fields + "}\"];\n";
    }
    for (const edge& e : edges) {
        if (f == diagram_format::mermaid) out += "  " + e.from + " }o--|| " + e.to + " : \"" + e.label + "\"\n";
        else out += "  \"" + e.from + "\" -> \"" + e.to + "\" [label=\"" + dot_escaped(e.label) + "\"];\n";
    }
    if (f == diagram_format::dot) out += "}\n";
    return out;
}

// The state after the first `applied` migrations of chain proxy P, drawn.
template <class P>
std::string diagram_after(std::size_t applied, diagram_format f) {
    using S = typename chain_layout<P>::state_type;
    auto s = std::make_unique<S>();
    for (std::size_t i = 0; i < applied && i < P::size; ++i) (void)apply_migration(*s, P::descs, i);
    return draw_state(*s, f, applied ? P::descs[applied - 1].version : 0);
}

}  // namespace strata::detail
