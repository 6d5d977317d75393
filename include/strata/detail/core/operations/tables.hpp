#pragma once
// The state transitions of create_table, drop_table, rename_table (operations/tables.hpp): what
// each checks and how it changes the typed state. Included by detail/core/state.hpp, after the
// state.
#include <strata/detail/core/state.hpp>

namespace strata::detail {

template <capacities Cap>
constexpr error state<Cap>::apply_create_table(const op_desc& op) {
    if (!replay) {
        if (!valid_identifier(op.table)) return fail(error_kind::invalid_identifier, op.table);
        if (name_taken(op.table)) return fail(error_kind::table_already_exists, op.table);
        if (auto e = check_new_name(op.table)) return e;
    }
    int t = ntables++;
    tables[t] = table_state{op.table, -1, -1, -1, -1, 0, true};
    name_insert(name_kind::table, op.table, t);
    // Each column is checked against the ones before it through the column map, not by a loop
    // over them: a table of 300 columns took clang more than its million steps of constant
    // evaluation. (A refused table leaves a state nobody reads.)
    int pks = 0, real = 0;
    for (std::size_t i = 0; i < op.ncolumns; ++i) {
        const column_desc& d = op.columns[i];
        if (op.nconstraints > i && op.constraints[i].kind != constraint_kind::none) continue;  // a constraint's place
        if (!replay) {
            ++real;
            if (find_column(t, d.name) != -1) return fail(error_kind::column_already_exists, op.table, d.name);
            if (auto twin = column_case_twin(t, d.name); !twin.empty())
                return fail(error_kind::name_differs_only_in_case, d.name, twin, op.table);
            if (d.primary_key && ++pks > 1) return fail(error_kind::multiple_primary_keys, op.table, d.name);
            if (auto e = check_column(d, op.table)) return e;
        }
        push_column(t, d);
    }
    if (real == 0 && !replay) return fail(error_kind::table_without_columns, op.table);
    // Self-references resolve once every column exists. (push_column linked those to the column
    // itself or an earlier one: linked again, their target stayed used after they were dropped.)
    for (int c = tables[t].first; c != -1; c = columns[c].next) {
        auto& s = columns[c];
        if (!s.def.ref_table.empty() && same_name(s.def.ref_table, op.table)) {
            const bool linked = s.ref_table == t;
            int rc = linked ? s.ref_column : find_column(t, s.def.ref_column);
            if (rc == -1) return fail(error_kind::foreign_key_to_missing_column, op.table, s.def.name, s.def.ref_column);
            if (!(columns[rc].def.type == s.def.type)) return fail(error_kind::foreign_key_type_mismatch, op.table, s.def.name, op.table);
            if (linked) continue;
            s.ref_table = t;
            s.ref_column = rc;
            link_reference(c, t, rc, +1);
        }
    }
    for (std::size_t i = 0; i < op.nconstraints; ++i)
        if (op.constraints[i].kind != constraint_kind::none)
            if (auto e = add_constraint(t, op.constraints[i])) return e;
    for (int c = tables[t].first; c != -1; c = columns[c].next)  // once the keys exist
        if (columns[c].ref_table == t && !is_unique_key(t, columns[c].ref_column))
            return fail(error_kind::foreign_key_target_not_unique, op.table, columns[columns[c].ref_column].def.name, op.table);
    for (int c = tables[t].first; c != -1; c = columns[c].next)
        if (auto e = add_implicit_of(t, c)) return e;
    if (has_primary_key(t))
        if (auto e = add_implicit(t, -1, {}, "pkey")) return e;
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_drop_table(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    if (tables[t].referenced_by > 0)
        return fail(error_kind::table_still_referenced, op.table, tables[referencing_table(t)].name);
    for (int k = tables[t].first_constraint; k != -1; k = constraints[k].next) release_constraint(k);
    for (int i = tables[t].first_index; i != -1; i = indexes[i].next) {
        indexes[i].alive = false;
        name_erase(indexes[i].name);
    }
    for (int c = tables[t].first; c != -1; c = columns[c].next) release_column(c);
    tables[t].alive = false;
    name_erase(op.table);
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_rename_table(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    if (!replay) {
        if (!valid_identifier(op.new_name)) return fail(error_kind::invalid_identifier, op.new_name, op.table);
        if (name_taken(op.new_name)) return fail(error_kind::table_already_exists, op.new_name);
        if (auto e = check_new_name(op.new_name)) return e;
        // A check that qualifies a column with the table's name would keep the old one.
        if (auto k = check_naming(t, op.table, -1, true); !k.empty())
            return fail(error_kind::rename_breaks_check, op.table, op.table, k);
    }
    name_erase(op.table);
    name_insert(name_kind::table, op.new_name, t);
    tables[t].name = op.new_name;
    return {};
}

}  // namespace strata::detail
