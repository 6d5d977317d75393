#pragma once
// The state transitions of create_index, drop_index (and their concurrent forms), add_constraint
// (add_unique, add_check, add_foreign_key), drop_constraint, validate_constraint (operations/indexes.hpp): what each
// checks and how it changes the typed state. Included by detail/core/state.hpp, after the state.
#include <strata/detail/core/state.hpp>

namespace strata::detail {

template <capacities Cap>
constexpr error state<Cap>::apply_create_index(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    if (!replay) {
        if (!valid_identifier(op.name)) return fail(error_kind::invalid_identifier, op.name, op.table);
        if (name_taken(op.name)) return fail(error_kind::index_already_exists, op.name, op.table);
        if (auto e = check_new_name(op.name, op.table)) return e;
    }
    index_state x{};
    x.name = op.name;
    x.table = t;
    x.unique = op.unique;
    x.ncolumns = op.nnames;
    for (std::size_t i = 0; i < op.nnames; ++i) {
        x.columns[i] = find_column(t, op.names[i]);
        if (x.columns[i] == -1) return fail(error_kind::column_does_not_exist, op.table, op.names[i]);
    }
    x.alive = true;
    int slot = nindexes++;
    indexes[slot] = x;
    use_key(x.columns, x.ncolumns, x.unique, +1);
    append_index(t, slot);
    name_insert(name_kind::index, op.name, slot);
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_drop_index(const op_desc& op) {
    int i = find_index(op.name);
    if (i == -1) return fail(lenient ? error_kind::needs_chain : error_kind::index_does_not_exist, op.name);
    index_state& x = indexes[i];
    use_key(x.columns, x.ncolumns, x.unique, -1);
    if (x.unique && x.ncolumns == 1 && columns[x.columns[0]].fk_refs > 0 && !is_unique_key(x.table, x.columns[0])) {
        use_key(x.columns, x.ncolumns, x.unique, +1);
        return fail(error_kind::column_still_used, tables[x.table].name, columns[x.columns[0]].def.name,
                    column_user_fk(x.columns[0]));
    }
    unlink_index(x.table, i);
    x.alive = false;
    name_erase(op.name);
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_add_constraint(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    return add_constraint(t, op.constraints[0]);
}

template <capacities Cap>
constexpr error state<Cap>::apply_drop_constraint(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    int k = find_constraint(op.name);
    if (k == -1 || constraints[k].table != t) return fail(error_kind::constraint_does_not_exist, op.table, op.name);
    const constraint_state& x = constraints[k];
    if (x.kind == constraint_kind::unique && x.ncolumns == 1 && columns[x.columns[0]].fk_refs > 0) {
        columns[x.columns[0]].unique_keys -= 1;
        bool still = is_unique_key(t, x.columns[0]);
        columns[x.columns[0]].unique_keys += 1;
        if (!still) return fail(error_kind::column_still_used, op.table, columns[x.columns[0]].def.name, column_user_fk(x.columns[0]));
    }
    release_constraint(k);
    unlink_constraint(t, k);
    return {};
}

// A foreign key or check added with not_valid becomes valid. Refused: a constraint the table does
// not have, one that is valid already (never not_valid, or validated before), a unique or
// primary key (PostgreSQL has no NOT VALID for them).
template <capacities Cap>
constexpr error state<Cap>::apply_validate_constraint(const op_desc& op) {
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    int k = find_constraint(op.name);
    if (k == -1 || constraints[k].table != t) return fail(error_kind::constraint_does_not_exist, op.table, op.name);
    constraint_state& x = constraints[k];
    if (x.kind != constraint_kind::check && x.kind != constraint_kind::foreign_key)
        return fail(error_kind::constraint_cannot_be_validated, op.table, op.name);
    if (!x.not_valid) return fail(error_kind::constraint_already_valid, op.table, op.name);
    x.not_valid = false;
    return {};
}

}  // namespace strata::detail
