#pragma once
// target_schema.hpp's machinery: the differences between two chains' final states, reported
// one static_assert each (matches), and the C++ of a migration that closes them (autogenerate).
#include <strata/detail/algorithm.hpp>
#include <strata/detail/unique_ptr.hpp>
#include <string>
#include <utility>
#include <vector>

#include <strata/chain.hpp>
#include <strata/detail/core/diagnostics.hpp>
#include <strata/detail/core/rules.hpp>
#include <strata/detail/core/schema_diff.hpp>
#include <strata/detail/runtime/schema_facts.hpp>
#include <strata/migration.hpp>

namespace strata {

namespace diag {
template <std::size_t Position, std::size_t Of>
struct difference {};  // the Position-th of the Of differences (the first 8 are reported)
}  // namespace diag

namespace detail {

template <class PA, class PB>
inline constexpr difference_list differences_v = differences(final_result<PA>.state, final_result<PB>.state);
template <class PA, class PB, std::size_t I>
inline constexpr difference difference_at = differences_v<PA, PB>.items[I];
template <const difference& D>
struct difference_parts {
    static constexpr std::string_view a = D.a, b = D.b, c = D.c;
};

// One rule template per kind of difference (detail/core/rules.hpp).
#define STRATA_MATCH_RULE(rule, kind, message)                                           \
    template <class Where, class... Names>                                               \
    struct rule {                                                                        \
        static_assert(always_false<Where>, "strata: matches<Chain, Target>: " message); \
        static constexpr bool value = false;                                             \
    };
STRATA_MATCH_RULES(STRATA_MATCH_RULE)
#undef STRATA_MATCH_RULE

template <diff_kind K, class W, class... N>
struct match_rule_for;
#define STRATA_MATCH_RULE_FOR(rule, kind, message)    \
    template <class W, class... N>                    \
    struct match_rule_for<diff_kind::kind, W, N...> { \
        using type = detail::rule<W, N...>;           \
    };
STRATA_MATCH_RULES(STRATA_MATCH_RULE_FOR)
#undef STRATA_MATCH_RULE_FOR

template <class PA, class PB, std::size_t I>
struct report_difference {
    using parts = difference_parts<difference_at<PA, PB, I>>;
    using rule = typename match_rule_for<difference_at<PA, PB, I>.kind, diag::difference<I + 1, differences_v<PA, PB>.count>,
                                         name_t<parts::a>, name_t<parts::b>, name_t<parts::c>>::type;
    static constexpr bool fire = require<false, rule>;  // one error (detail/core/check.hpp)
};
template <class PA, class PB, std::size_t... I>
constexpr bool report_differences(std::index_sequence<I...>) {
    [[maybe_unused]] constexpr bool fired[] = {report_difference<PA, PB, I>::fire..., false};
    return true;  // (reported, one error each: the static_assert around `matches` adds none)
}
// True when the heads match. Otherwise each difference (or a chain's own error) is reported
// once, and the value is true all the same, so that `static_assert(strata::matches<...>)` adds no
// error of its own: the program does not compile either way.
template <class PA, class PB>
constexpr bool match_value() {
    if constexpr (!checked_chain<PA> || !checked_chain<PB>) {
        return true;  // (checked_chain reported the chain's own error)
    } else if constexpr (differences_v<PA, PB>.count == 0) {
        return true;
    } else {
        return report_differences<PA, PB>(
            std::make_index_sequence<std::min(differences_v<PA, PB>.count, reported_differences)>{});
    }
}

// ---- the C++ of the migration that closes the gap ----
inline std::string cpp_string(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}
inline std::string cpp_names(std::string_view first, const auto& columns_of, std::size_t n) {
    std::string s(first);
    for (std::size_t k = 0; k < n; ++k) s += ", " + cpp_string(columns_of(k));
    return s;
}
inline std::string cpp_action(fk_action a) {
    switch (a) {
        case fk_action::no_action: return "";
        case fk_action::restrict: return ", on_delete_restrict";
        case fk_action::cascade: return ", on_delete_cascade";
        case fk_action::set_null: return ", on_delete_set_null";
        case fk_action::set_default: return ", on_delete_set_default";
    }
    return "";
}
inline std::string cpp_default(const default_desc& d) {
    switch (d.kind) {
        case default_kind::none: return "";
        case default_kind::integer: return "default_value<" + std::string(d.text) + ">";
        case default_kind::boolean: return std::string("default_value<") + (d.text == "1" ? "true" : "false") + ">";
        case default_kind::string: return "default_value<" + cpp_string(d.text) + ">";
        case default_kind::sql: return "default_sql<" + cpp_string(d.text) + ">";
    }
    return "";
}

template <class S>
std::string cpp_column(const S& s, int c) {
    const column_state& col = s.columns[c];
    const column_desc& d = col.def;
    std::string out = "column<" + cpp_string(d.name) + ", " + dsl_type(d.type);
    if (d.primary_key) out += ", primary_key";  // (which implies not_null)
    else if (d.not_null) out += ", not_null";
    if (d.unique) out += ", unique";
    if (d.autoincrement) out += ", autoincrement";
    if (d.identity) out += ", identity";
    if (d.def.kind != default_kind::none) out += ", " + cpp_default(d.def);
    if (!d.check.empty()) out += ", check<" + cpp_string(d.check) + ">";
    if (col.ref_table != -1)
        out += ", references<" + cpp_string(s.tables[col.ref_table].name) + ", " + cpp_string(s.columns[col.ref_column].def.name) +
               cpp_action(d.on_delete) + ">";
    return out + ">";
}
template <class S>
std::string cpp_constraint(const S& s, int k, bool as_operation) {
    const constraint_state& x = s.constraints[k];
    auto col = [&](std::size_t i) { return s.columns[x.columns[i]].def.name; };
    const std::string table = cpp_string(s.tables[x.table].name);
    switch (x.kind) {
        case constraint_kind::primary_key: {
            std::string cols;
            for (std::size_t i = 0; i < x.ncolumns; ++i) cols += (i ? ", " : "") + cpp_string(col(i));
            return "primary_key_constraint<" + cols + ">";
        }
        case constraint_kind::unique:
            return (as_operation ? "add_unique<" + table + ", " : std::string("unique_constraint<")) +
                   cpp_names(cpp_string(x.name), col, x.ncolumns) + ">";
        case constraint_kind::check:
            return (as_operation ? "add_check<" + table + ", " : std::string("check_constraint<")) + cpp_string(x.name) + ", " +
                   cpp_string(x.check) + ">";
        case constraint_kind::foreign_key:
            return (as_operation ? "add_foreign_key<" + table + ", " : std::string("foreign_key<")) + cpp_string(x.name) + ", " +
                   cpp_string(col(0)) + ", " + cpp_string(s.tables[x.ref_table].name) + ", " +
                   cpp_string(s.columns[x.ref_column].def.name) + cpp_action(x.on_delete) + ">";
        case constraint_kind::none: break;
    }
    return "";
}
template <class S>
std::string cpp_index(const S& s, int i) {
    const index_state& x = s.indexes[i];
    return std::string(x.unique ? "create_unique_index<" : "create_index<") +
           cpp_names(cpp_string(x.name) + ", " + cpp_string(s.tables[x.table].name),
                     [&](std::size_t k) { return s.columns[x.columns[k]].def.name; }, x.ncolumns) +
           ">";
}

template <class SA, class SB>
std::string write_migration(const SA& head, const SB& target, std::uint64_t head_version, std::uint64_t version,
                            std::string_view name) {
    std::vector<difference> diffs;
    compare_states(head, target, [&](const difference& d) { diffs.push_back(d); });
    if (diffs.empty())
        return "// The chain's head (version " + std::to_string(head_version) + ") already matches the target schema.\n";
    auto has = [&](diff_kind k) { return std::any_of(diffs.begin(), diffs.end(), [&](const difference& d) { return d.kind == k; }); };
    std::vector<std::string> ops, notes;
    auto each = [&](diff_kind k, auto&& f) {
        for (const difference& d : diffs)
            if (d.kind == k) f(d);
    };
    // enums first: tables may use them
    each(diff_kind::enum_missing, [&](const difference& d) {
        const int e = target.find_enum(d.a);
        std::string v;
        for (int i = target.enums[e].first; i != -1; i = target.enum_values[i].next) v += ", " + cpp_string(target.enum_values[i].value);
        ops.push_back("create_enum<" + cpp_string(d.a) + v + ">");
    });
    each(diff_kind::enum_values_differ, [&](const difference& d) {
        const int e = target.find_enum(d.a), f = head.find_enum(d.a);
        int i = target.enums[e].first, j = head.enums[f].first;
        for (; i != -1 && j != -1 && target.enum_values[i].value == head.enum_values[j].value;
             i = target.enum_values[i].next, j = head.enum_values[j].next) {
        }
        if (j != -1) {
            notes.push_back("enum \"" + std::string(d.a) + "\": values were removed or reordered, which PostgreSQL cannot do in "
                            "place: drop_enum and create_enum it (after changing the columns that use it)");
            return;
        }
        for (; i != -1; i = target.enum_values[i].next)
            ops.push_back("add_enum_value<" + cpp_string(d.a) + ", " + cpp_string(target.enum_values[i].value) + ">");
    });
    each(diff_kind::table_missing, [&](const difference& d) {
        const int t = target.find_table(d.a);
        std::string s = "create_table<" + cpp_string(d.a);
        for (int c = target.tables[t].first; c != -1; c = target.columns[c].next) s += ",\n        " + cpp_column(target, c);
        for (int k = target.tables[t].first_constraint; k != -1; k = target.constraints[k].next)
            s += ",\n        " + cpp_constraint(target, k, false);
        ops.push_back(s + ">");
        for (int i = target.tables[t].first_index; i != -1; i = target.indexes[i].next) ops.push_back(cpp_index(target, i));
    });
    each(diff_kind::column_missing, [&](const difference& d) {
        const int t = target.find_table(d.a);
        ops.push_back("add_column<" + cpp_string(d.a) + ", " + cpp_column(target, target.find_column(t, d.b)) + ">");
    });
    each(diff_kind::column_differs, [&](const difference& d) {
        const int t = target.find_table(d.a), u = head.find_table(d.a);
        const column_desc& want = target.columns[target.find_column(t, d.b)].def;
        const column_desc& have = head.columns[head.find_column(u, d.b)].def;
        std::string changes;
        if (!(want.type == have.type)) changes += ", set_type<" + dsl_type(want.type) + ">";
        if ((want.not_null || want.primary_key) && !(have.not_null || have.primary_key)) changes += ", set_not_null";
        if (!(want.not_null || want.primary_key) && (have.not_null || have.primary_key)) changes += ", drop_not_null";
        if (!(want.def == have.def))
            changes += want.def.kind == default_kind::none ? ", drop_default" : ", set_default<" + cpp_default(want.def) + ">";
        if (!changes.empty()) ops.push_back("alter_column<" + cpp_string(d.a) + ", " + cpp_string(d.b) + changes + ">");
        if (d.c == "check name")
            notes.push_back("column \"" + std::string(d.a) + "\".\"" + std::string(d.b) +
                            "\": its check is named otherwise on PostgreSQL (after the table and column it came with, "
                            "kept across renames), and no operation renames it: keep the history as it is, or replace the column");
        if (want.primary_key != have.primary_key || want.unique != have.unique || want.autoincrement != have.autoincrement || want.identity != have.identity ||
            want.check != have.check || want.on_delete != have.on_delete || want.ref_table.empty() != have.ref_table.empty() ||
            want.ref_table != have.ref_table || want.ref_column != have.ref_column)
            notes.push_back("column \"" + std::string(d.a) + "\".\"" + std::string(d.b) +
                            "\": its key, unique, autoincrement, identity, check or references differ: "
                            "no operation changes them in place, and a table constraint added later (add_unique, add_foreign_key) is not "
                            "the column's own: replace the column, or declare the target's as a table constraint "
                            "(unique_constraint, foreign_key) to match one added so");
    });
    each(diff_kind::primary_key_differs, [&](const difference& d) {
        notes.push_back("table \"" + std::string(d.a) + "\": its primary key constraint differs; strata does not change a "
                        "primary key in place: create the table anew and copy the rows (run<fn>)");
    });
    for (diff_kind k : {diff_kind::constraint_extra, diff_kind::constraint_differs})
        each(k, [&](const difference& d) { ops.push_back("drop_constraint<" + cpp_string(d.a) + ", " + cpp_string(d.b) + ">"); });
    for (diff_kind k : {diff_kind::index_extra, diff_kind::index_differs})
        each(k, [&](const difference& d) { ops.push_back("drop_index<" + cpp_string(d.b) + ">"); });
    for (diff_kind k : {diff_kind::constraint_missing, diff_kind::constraint_differs})
        each(k, [&](const difference& d) { ops.push_back(cpp_constraint(target, target.find_constraint(d.b), true)); });
    for (diff_kind k : {diff_kind::index_missing, diff_kind::index_differs})
        each(k, [&](const difference& d) { ops.push_back(cpp_index(target, target.find_index(d.b))); });
    // The extra columns that reference something first (one may reference an extra table), then
    // the extra tables, later ones first (they are the ones that reference earlier ones), then
    // the other extra columns (an extra table may reference one).
    auto drop_columns = [&](bool referencing) {
        each(diff_kind::column_extra, [&](const difference& d) {
            const int t = head.find_table(d.a);
            const int c = t == -1 ? -1 : head.find_column(t, d.b);
            if ((c != -1 && !head.columns[c].def.ref_table.empty()) == referencing)
                ops.push_back("drop_column<" + cpp_string(d.a) + ", " + cpp_string(d.b) + ">");
        });
    };
    drop_columns(true);
    {
        std::vector<std::string> drops;
        each(diff_kind::table_extra, [&](const difference& d) { drops.push_back("drop_table<" + cpp_string(d.a) + ">"); });
        ops.insert(ops.end(), drops.rbegin(), drops.rend());
    }
    drop_columns(false);
    each(diff_kind::enum_extra, [&](const difference& d) { ops.push_back("drop_enum<" + cpp_string(d.a) + ">"); });
    // Renames are never guessed, but a person is told where one may have been meant.
    auto names_of = [&](diff_kind k, std::string_view table) {
        std::string list;
        for (const difference& d : diffs)
            if (d.kind == k && (table.empty() || d.a == table))
                list += (list.empty() ? "\"" : ", \"") + std::string(k == diff_kind::table_missing || k == diff_kind::table_extra ? d.a : d.b) + "\"";
        return list;
    };
    if (has(diff_kind::table_missing) && has(diff_kind::table_extra))
        notes.push_back("strata does not guess renames: if table " + names_of(diff_kind::table_extra, {}) + " became " +
                        names_of(diff_kind::table_missing, {}) + ", write rename_table<\"old\", \"new\"> instead of the "
                        "drop_table and create_table, and keep its rows");
    for (const difference& d : diffs) {
        if (d.kind != diff_kind::column_missing) continue;
        const std::string extra = names_of(diff_kind::column_extra, d.a);
        if (extra.empty() || notes.end() != std::find_if(notes.begin(), notes.end(), [&](const std::string& n) {
                return n.find("in table \"" + std::string(d.a) + "\"") != std::string::npos;
            }))
            continue;
        notes.push_back("strata does not guess renames: if, in table \"" + std::string(d.a) + "\", column " + extra + " became " +
                        names_of(diff_kind::column_missing, d.a) + ", write rename_column<\"" + std::string(d.a) +
                        "\", \"old\", \"new\"> instead of the drop_column and add_column, and keep its values");
    }

    std::string out = "// From the chain's head (version " + std::to_string(head_version) + ") to the target schema: " +
                      std::to_string(diffs.size()) + (diffs.size() == 1 ? " difference" : " differences") + ".\n";
    for (const std::string& n : notes) out += "// note: " + n + "\n";
    if (ops.empty()) return out + "// No operation can close them (see the notes).\n";
    out += "using m" + std::to_string(version) + " = strata::migration<" + std::to_string(version) + ", " + cpp_string(name);
    for (const std::string& op : ops) out += ",\n    " + op;
    return out + ">;\n";
}

template <class PA, class PB>
std::string autogenerate_from(std::uint64_t version, std::string_view name);
template <class PA, class PB>
std::string autogenerate_text(std::uint64_t version, std::string_view name) {
    if constexpr (!checked_chain<PA> || !checked_chain<PB>) {
        return {};  // (checked_chain reported the chain's own error)
    } else {
        return autogenerate_from<PA, PB>(version, name);
    }
}
template <class PA, class PB>
std::string autogenerate_from(std::uint64_t version, std::string_view name) {
    using SA = typename chain_layout<PA>::state_type;
    using SB = typename chain_layout<PB>::state_type;
    auto a = std::make_unique<SA>();
    auto b = std::make_unique<SB>();
    for (std::size_t i = 0; i < PA::size; ++i) (void)apply_migration(*a, PA::descs, i);
    for (std::size_t i = 0; i < PB::size; ++i) (void)apply_migration(*b, PB::descs, i);
    const std::uint64_t head = PA::size ? PA::descs[PA::size - 1].version : 0;
    return write_migration(*a, *b, head, version ? version : head + 1, name);
}

}  // namespace detail

}  // namespace strata
