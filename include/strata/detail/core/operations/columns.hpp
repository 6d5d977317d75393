#pragma once
// The state transitions of add_column, drop_column, rename_column, alter_column
// (operations/columns.hpp): what each checks and how it changes the typed state. Included by
// detail/core/state.hpp, after the state.
#include <strata/detail/core/state.hpp>

namespace strata::detail {

template <capacities Cap>
constexpr error state<Cap>::apply_add_column(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    const column_desc& d = op.columns[0];
    if (!replay) {
        if (find_column(t, d.name) != -1) return fail(error_kind::column_already_exists, op.table, d.name);
        if (auto twin = column_case_twin(t, d.name); !twin.empty())
            return fail(error_kind::name_differs_only_in_case, d.name, twin, op.table);
        if (auto e = check_column(d, op.table)) return e;
        if (d.primary_key && has_primary_key(t)) return fail(error_kind::multiple_primary_keys, op.table, d.name);
    }
    int c = push_column(t, d);
    if (auto e = add_implicit_of(t, c)) return e;
    if (d.primary_key)
        if (auto e = add_implicit(t, -1, {}, "pkey")) return e;
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_drop_column(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    int c = find_column(t, op.name);
    if (c == -1) return fail(error_kind::column_does_not_exist, op.table, op.name);
    // (its own reference to itself goes with it, as PostgreSQL drops it)
    if (columns[c].key_uses > 0 || columns[c].fk_refs > (columns[c].ref_column == c))
        return fail(error_kind::column_still_used, op.table, op.name, column_user(c));
    if (tables[t].first == c && tables[t].last == c) return fail(error_kind::last_column, op.table, op.name);
    // Another check naming it: PostgreSQL drops that check with it, SQLite's rebuild fails.
    if (!replay)
        if (auto k = check_naming(t, op.name, c); !k.empty()) return fail(error_kind::column_still_used, op.table, op.name, k);
    unlink_column(t, c);
    release_column(c);
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_rename_column(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    int c = find_column(t, op.name);
    if (c == -1) return fail(error_kind::column_does_not_exist, op.table, op.name);
    if (!replay) {
        if (!valid_identifier(op.new_name)) return fail(error_kind::invalid_identifier, op.new_name, op.table);
        if (find_column(t, op.new_name) != -1) return fail(error_kind::column_already_exists, op.table, op.new_name);
        if (auto twin = column_case_twin(t, op.new_name, c); !twin.empty())
            return fail(error_kind::name_differs_only_in_case, op.new_name, twin, op.table);
        // A check's SQL is text: it would keep the old name (SQLite's next rebuild of the
        // table fails with "no such column", PostgreSQL's re-created check too).
        if (auto k = check_naming(t, op.name); !k.empty()) return fail(error_kind::rename_breaks_check, op.table, op.name, k);
    }
    rename_column_to(c, op.new_name);
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_alter_column(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    int c = find_column(t, op.name);
    if (c == -1) return fail(error_kind::column_does_not_exist, op.table, op.name);
    const alter_desc& a = op.alter;
    if ((a.set_not_null && a.drop_not_null) || (a.set_default && a.drop_default))
        return fail(error_kind::conflicting_changes, op.table, op.name);
    const column_desc& before = columns[c].def;
    if (a.set_type) {
        if (auto e = check_type(a.type, op.name)) return e;
        if (!(a.type == before.type) && (columns[c].ref_table != -1 || columns[c].fk_refs > 0))
            return fail(error_kind::foreign_key_type_mismatch, op.table, op.name, column_user_fk(c));
        if (before.type.kind == type_kind::enumeration)
            if (int e = find_enum(before.type.enum_name); e != -1) --enums[e].uses;
        if (a.type.kind == type_kind::enumeration)
            if (int e = find_enum(a.type.enum_name); e != -1) ++enums[e].uses;
    }
    if (a.drop_not_null && before.primary_key) return fail(error_kind::primary_key_nullable, op.table, op.name);
    const column_desc d = altered(before, a);
    if (auto e = check_default(d)) return e;
    if (a.set_default && a.def.kind == default_kind::sql && holds_sql_comment(a.def.text))
        return fail(error_kind::comment_in_expression, op.table, op.name);
    columns[c].def = d;
    return {};
}

}  // namespace strata::detail
