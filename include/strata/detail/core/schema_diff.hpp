#pragma once
// Two schema states compared by name, at compile time (strata::matches) or when the program runs
// (the C++ of the migration that closes the gap, strata::autogenerate and the CLI's `diff`).
// Renames are never guessed: a renamed table is one missing and one extra.
#include <cstddef>
#include <string_view>

#include <strata/detail/core/state.hpp>

namespace strata::detail {

enum class diff_kind : std::uint8_t {
    table_missing,  // in the target, not in the chain's head
    table_extra,    // in the chain's head, not in the target
    column_missing,
    column_extra,
    column_differs,  // what: type, nullability, default, primary key, unique, autoincrement, identity, check, foreign key
    primary_key_differs,
    index_missing,
    index_extra,
    index_differs,
    constraint_missing,
    constraint_extra,
    constraint_differs,
    enum_missing,
    enum_extra,
    enum_values_differ,
};

struct difference {
    diff_kind kind{};
    std::string_view a{}, b{}, c{};  // table, column or index/constraint/enum name, what differs
};

// What differs between column x of `head` and column y of `target` (type, nullability, ...), or
// empty.
template <class SA, class SB>
constexpr std::string_view column_difference(const SA& head, int x, const SB& target, int y) {
    const auto &p = head.columns[x], &q = target.columns[y];
    const auto &d = p.def, &e = q.def;
    if (!(d.type == e.type)) return "type";
    if ((d.not_null || d.primary_key) != (e.not_null || e.primary_key)) return "nullability";
    if (!(d.def == e.def)) return "default";
    if (d.primary_key != e.primary_key) return "primary key";
    if (d.unique != e.unique) return "unique";
    if (d.autoincrement != e.autoincrement) return "autoincrement";
    if (d.identity != e.identity) return "identity";
    if (!same_name(d.check, e.check)) return "check";
    // (its name on PostgreSQL: the table and column it came with, which renames keep)
    if (!d.check.empty() && (!same_name(p.check_table, q.check_table) || !same_name(p.check_column, q.check_column)))
        return "check name";
    if ((p.ref_table == -1) != (q.ref_table == -1) || d.on_delete != e.on_delete) return "foreign key";
    if (p.ref_table != -1 && (!same_name(head.tables[p.ref_table].name, target.tables[q.ref_table].name) ||
                              !same_name(head.columns[p.ref_column].def.name, target.columns[q.ref_column].def.name)))
        return "foreign key";
    return {};
}

// Reports `name` missing or extra when only one state has it (slots: -1 for none); true when both do.
template <class F>
constexpr bool in_both(int in_target, int in_head, std::string_view name, diff_kind missing, diff_kind extra, F&& on) {
    if (in_target == -1 && in_head != -1) on(difference{extra, name});
    if (in_target != -1 && in_head == -1) on(difference{missing, name});
    return in_target != -1 && in_head != -1;
}

// Calls on(difference) for each difference in table `tn` between `head` (the chain's) and
// `target`: missing or extra as a whole, else its columns, primary key, indexes and constraints
// (without `columns`: all but the columns).
template <class SA, class SB, class F>
constexpr void compare_table(const SA& head, const SB& target, std::string_view tn, F&& on, bool columns = true) {
    const int t = target.find_table(tn), u = head.find_table(tn);
    if (!in_both(t, u, tn, diff_kind::table_missing, diff_kind::table_extra, on)) return;
    auto key_columns_equal = [&](const auto& ka, const auto& kb) {
        if (ka.ncolumns != kb.ncolumns) return false;
        for (std::size_t k = 0; k < ka.ncolumns; ++k)
            if (!same_name(head.columns[ka.columns[k]].def.name, target.columns[kb.columns[k]].def.name)) return false;
        return true;
    };
    auto pk_of = [](const auto& s, int x) {  // the table-constraint primary key, or -1
        for (int k = s.tables[x].first_constraint; k != -1; k = s.constraints[k].next)
            if (s.constraints[k].kind == constraint_kind::primary_key) return k;
        return -1;
    };
    for (int c = columns ? target.tables[t].first : -1; c != -1; c = target.columns[c].next) {
        const int d = head.find_column(u, target.columns[c].def.name);
        if (d == -1) on(difference{diff_kind::column_missing, tn, target.columns[c].def.name});
        else if (auto what = column_difference(head, d, target, c); !what.empty())
            on(difference{diff_kind::column_differs, tn, target.columns[c].def.name, what});
    }
    for (int c = columns ? head.tables[u].first : -1; c != -1; c = head.columns[c].next)
        if (target.find_column(t, head.columns[c].def.name) == -1)
            on(difference{diff_kind::column_extra, tn, head.columns[c].def.name});
    const int pa = pk_of(head, u), pb = pk_of(target, t);
    if ((pa == -1) != (pb == -1) || (pa != -1 && !key_columns_equal(head.constraints[pa], target.constraints[pb])))
        on(difference{diff_kind::primary_key_differs, tn});
    for (int i = target.tables[t].first_index; i != -1; i = target.indexes[i].next) {
        const auto& x = target.indexes[i];
        const int j = head.find_index(x.name);
        if (j == -1 || head.indexes[j].table != u) on(difference{diff_kind::index_missing, tn, x.name});
        else if (head.indexes[j].unique != x.unique) on(difference{diff_kind::index_differs, tn, x.name, "unique"});
        else if (!key_columns_equal(head.indexes[j], x)) on(difference{diff_kind::index_differs, tn, x.name, "columns"});
    }
    for (int i = head.tables[u].first_index; i != -1; i = head.indexes[i].next) {
        const int j = target.find_index(head.indexes[i].name);
        if (j == -1 || target.indexes[j].table != t) on(difference{diff_kind::index_extra, tn, head.indexes[i].name});
    }
    for (int k = target.tables[t].first_constraint; k != -1; k = target.constraints[k].next) {
        const auto& x = target.constraints[k];
        if (x.kind == constraint_kind::primary_key) continue;
        const int j = head.find_constraint(x.name);
        if (j == -1 || head.constraints[j].table != u) {
            on(difference{diff_kind::constraint_missing, tn, x.name});
            continue;
        }
        const auto& y = head.constraints[j];
        const bool same = y.kind == x.kind && same_name(y.check, x.check) && y.on_delete == x.on_delete && key_columns_equal(y, x) &&
                          (x.ref_table == -1 || (y.ref_table != -1 && same_name(head.tables[y.ref_table].name, target.tables[x.ref_table].name) &&
                                                 same_name(head.columns[y.ref_column].def.name, target.columns[x.ref_column].def.name)));
        if (!same) on(difference{diff_kind::constraint_differs, tn, x.name});
        else if (y.not_valid != x.not_valid) on(difference{diff_kind::constraint_differs, tn, x.name, "validity"});
    }
    for (int k = head.tables[u].first_constraint; k != -1; k = head.constraints[k].next) {
        const auto& y = head.constraints[k];
        if (y.kind == constraint_kind::primary_key) continue;
        const int j = target.find_constraint(y.name);
        if (j == -1 || target.constraints[j].table != t) on(difference{diff_kind::constraint_extra, tn, y.name});
    }
}

// The same for column `cn` of table `tn` alone (the whole table when either state lacks it).
template <class SA, class SB, class F>
constexpr void compare_column(const SA& head, const SB& target, std::string_view tn, std::string_view cn, F&& on) {
    const int t = target.find_table(tn), u = head.find_table(tn);
    if (t == -1 || u == -1) return compare_table(head, target, tn, on);
    const int y = target.find_column(t, cn), x = head.find_column(u, cn);
    if (y != -1 && x == -1) on(difference{diff_kind::column_missing, tn, cn});
    else if (y == -1 && x != -1) on(difference{diff_kind::column_extra, tn, cn});
    else if (y != -1)
        if (auto what = column_difference(head, x, target, y); !what.empty()) on(difference{diff_kind::column_differs, tn, cn, what});
}

// The same for enum `en`: missing, extra, or other values (in order).
template <class SA, class SB, class F>
constexpr void compare_enum(const SA& head, const SB& target, std::string_view en, F&& on) {
    const int e = target.find_enum(en), f = head.find_enum(en);
    if (!in_both(e, f, en, diff_kind::enum_missing, diff_kind::enum_extra, on)) return;
    int i = target.enums[e].first, j = head.enums[f].first;
    for (; i != -1 && j != -1; i = target.enum_values[i].next, j = head.enum_values[j].next)
        if (!same_name(target.enum_values[i].value, head.enum_values[j].value)) break;
    if (i != -1 || j != -1) on(difference{diff_kind::enum_values_differ, en});
}

// Calls on(difference) for each difference between `head` (the chain's) and `target`.
template <class SA, class SB, class F>
constexpr void compare_states(const SA& head, const SB& target, F&& on) {
    for (int t = 0; t < target.ntables; ++t)
        if (target.tables[t].alive) compare_table(head, target, target.tables[t].name, on);
    for (int u = 0; u < head.ntables; ++u)
        if (head.tables[u].alive && target.find_table(head.tables[u].name) == -1)
            on(difference{diff_kind::table_extra, head.tables[u].name});
    for (int e = 0; e < target.nenums; ++e)
        if (target.enums[e].alive) compare_enum(head, target, target.enums[e].name, on);
    for (int f = 0; f < head.nenums; ++f)
        if (head.enums[f].alive && target.find_enum(head.enums[f].name) == -1)
            on(difference{diff_kind::enum_extra, head.enums[f].name});
}

// The first few differences, for the compile-time report.
inline constexpr std::size_t reported_differences = 8;
struct difference_list {
    difference items[reported_differences]{};
    std::size_t count = 0;  // all of them, also past the reported ones
};
template <class SA, class SB>
constexpr difference_list differences(const SA& head, const SB& target) {
    difference_list r{};
    compare_states(head, target, [&r](const difference& d) {
        if (r.count < reported_differences) r.items[r.count] = d;
        ++r.count;
    });
    return r;
}

}  // namespace strata::detail
