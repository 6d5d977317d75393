#pragma once
// A schema state drawn as a Mermaid erDiagram or a Graphviz digraph (the CLI's `diagram`
// verb), from the state folded when the program runs, as verify() does.
#include <strata/detail/unique_ptr.hpp>
#include <string>
#include <vector>

#include <strata/detail/config.hpp>
#include <strata/detail/core/checkpoints.hpp>
#include <strata/detail/sql/runtime_state.hpp>
#include <strata/schema.hpp>

namespace strata::detail {

enum class diagram_format { mermaid, dot };

// Mermaid: an attribute's type and name are words ([A-Za-z][A-Za-z0-9_-]*): numeric<12, 2>
// becomes numeric_12_2, a column "unit price" unit_price (its real name then in the comment).
// Entity names are quoted, which allows spaces, punctuation and keywords, but not % or ".
inline std::string mermaid_word(std::string_view s, bool type = false) {
    std::string out;
    for (char c : s) {
        if (type && (c == ' ' || c == '>')) continue;
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        out += word ? c : '_';
    }
    if (out.empty() || !((out[0] >= 'a' && out[0] <= 'z') || (out[0] >= 'A' && out[0] <= 'Z'))) out = "c_" + out;
    return out;
}
inline std::string mermaid_entity(std::string_view s) {
    std::string out = "\"";
    for (char c : s) out += c == '%' || c == '"' || c == '\\' ? '_' : c;
    return out + "\"";
}
// Graphviz: names as quoted IDs and HTML-like labels, so any identifier draws as written.
inline std::string dot_html(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}
inline std::string dot_id(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

template <class S>
std::string draw_state(const S& s, diagram_format f, std::uint64_t version) {
    const slot_range<S, table_view<S>, count_tables<S>, keep_table<S>> tables{&s, -1};
    // An arrow from the table that refers to the one referred to: many to exactly one, or to
    // zero or one when a referring column is nullable.
    struct edge {
        std::string from, to, label;
        bool optional;
    };
    std::vector<edge> edges;
    const bool mermaid = f == diagram_format::mermaid;
    std::string out = mermaid ? "erDiagram\n"
                              : "digraph schema {\n  label=" + dot_id("schema_at<" + std::to_string(version) + ">") +
                                    ";\n  rankdir=LR;\n  node [shape=plain];\n";
    for (auto t : tables) {
        const std::string tn(t.name());
        auto in_constraint = [&](std::string_view column, constraint_kind kind) {
            for (auto k : t.constraints())
                if (k.kind() == kind)
                    for (std::size_t i = 0; i < k.column_count(); ++i)
                        if (k.column(i) == column) return true;
            return false;
        };
        auto nullable = [&](std::string_view column) {
            for (auto c : t.columns())
                if (c.name() == column) return !c.not_null() && !c.primary_key() && !in_constraint(column, constraint_kind::primary_key);
            return false;
        };
        std::string fields;
        for (auto c : t.columns()) {
            const std::string cn(c.name());
            std::vector<std::string> keys;
            if (c.primary_key() || in_constraint(cn, constraint_kind::primary_key)) keys.push_back("PK");
            if (c.is_foreign_key() || in_constraint(cn, constraint_kind::foreign_key)) keys.push_back("FK");
            if ((c.unique() && !c.primary_key()) || in_constraint(cn, constraint_kind::unique)) keys.push_back("UK");
            if (c.is_foreign_key()) edges.push_back({tn, std::string(c.references_table()), cn, nullable(cn)});
            std::string key_list;
            for (const std::string& k : keys) key_list += (key_list.empty() ? "" : mermaid ? "," : ", ") + k;
            if (mermaid) {
                const std::string word = mermaid_word(cn);
                // The comment: the column's real name when the word differs, and "nullable".
                std::string comment = word != cn ? mermaid_entity(cn).substr(1, cn.size()) : "";
                if (nullable(cn)) comment += comment.empty() ? "nullable" : ", nullable";
                fields += "    " + mermaid_word(dsl_type(c.type()), true) + " " + word + (key_list.empty() ? "" : " " + key_list) +
                          (comment.empty() ? "" : " \"" + comment + "\"") + "\n";
            } else {
                fields += "    <TR><TD ALIGN=\"LEFT\">" + dot_html(cn) + " : " + dot_html(dsl_type(c.type())) +
                          (key_list.empty() ? "" : " " + key_list) + (nullable(cn) ? " (nullable)" : "") + "</TD></TR>\n";
            }
        }
        for (auto k : t.constraints()) {
            if (k.kind() != constraint_kind::foreign_key) continue;
            bool optional = false;
            for (std::size_t i = 0; i < k.column_count(); ++i) optional = optional || nullable(k.column(i));
            edges.push_back({tn, std::string(k.references_table()), std::string(k.name()), optional});
        }
        if (mermaid) out += "  " + mermaid_entity(tn) + " {\n" + fields + "  }\n";
        else
            out += "  " + dot_id(tn) + " [label=<\n  <TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">\n    <TR><TD BGCOLOR=\"lightgrey\"><B>" +
                   dot_html(tn) + "</B></TD></TR>\n" + fields + "  </TABLE>>];\n";
    }
    for (const edge& e : edges) {
        if (mermaid)
            out += "  " + mermaid_entity(e.from) + (e.optional ? " }o--o| " : " }o--|| ") + mermaid_entity(e.to) + " : " +
                   mermaid_entity(e.label) + "\n";
        else
            out += "  " + dot_id(e.from) + " -> " + dot_id(e.to) + " [label=" + dot_id(e.label) +
                   (e.optional ? ", arrowhead=teeodot, style=dashed" : ", arrowhead=teetee") + "];\n";
    }
    if (!mermaid) out += "}\n";
    return out;
}

// The state after the first `applied` migrations, drawn.
template <class S>
std::string draw_prefix(const migration_desc* descs, std::size_t n, std::size_t applied, diagram_format f) {
    auto s = std::make_unique<S>();
    for (std::size_t i = 0; i < applied && i < n; ++i) (void)apply_migration(*s, descs, i);
    return draw_state(*s, f, applied ? descs[applied - 1].version : 0);
}
// draw_prefix with bucket k's state, in strata::runtime (detail/runtime_states.ipp)
STRATA_INLINE std::string draw_prefix_in_bucket(int k, const migration_desc* descs, std::size_t n, std::size_t applied,
                                                diagram_format f);
template <class P>
std::string diagram_after(std::size_t applied, diagram_format f) {
    using L = runtime_layout<P>;
    if constexpr (L::in_library) return draw_prefix_in_bucket(L::bucket, P::descs, P::size, applied, f);
    else return draw_prefix<typename L::state_type>(P::descs, P::size, applied, f);
}

}  // namespace strata::detail
