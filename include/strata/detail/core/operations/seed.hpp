#pragma once
// The state transitions of seed (operations/seed.hpp): what each checks and how it changes the
// typed state. Included by detail/core/state.hpp, after the state.
#include <strata/detail/core/state.hpp>

namespace strata::detail {

// Seed rows against the table they go into: every named column exists, every value fits
// its column, no NOT NULL column without a default is left out, the primary key is given.
template <capacities Cap>
constexpr error state<Cap>::check_seed(const op_desc& op) const {
    if (replay) return {};
    int t = find_table(op.table);
    if (t == -1) return fail(lenient ? error_kind::needs_chain : error_kind::table_does_not_exist, op.table);
    int cols[64]{};
    if (op.nnames > 64) return fail(error_kind::seed_value_mismatch, op.table, "at most 64 columns in one seed");
    for (std::size_t i = 0; i < op.nnames; ++i) {
        cols[i] = find_column(t, op.names[i]);
        if (cols[i] == -1) return fail(error_kind::column_does_not_exist, op.table, op.names[i]);
    }
    for (int c = tables[t].first; c != -1; c = columns[c].next) {
        const column_desc& d = columns[c].def;
        if (!(d.not_null || d.primary_key) || d.def.kind != default_kind::none || d.autoincrement || d.identity) continue;
        bool named = false;
        for (std::size_t i = 0; i < op.nnames; ++i) named = named || cols[i] == c;
        if (!named) return fail(error_kind::seed_missing_column, op.table, d.name);
    }
    int pk[max_key_columns]{};
    const std::size_t npk = primary_key_columns(t, pk);
    if (npk == 0) return fail(error_kind::seed_without_key, op.table);
    for (std::size_t k = 0; k < npk; ++k) {
        bool named = false;
        for (std::size_t i = 0; i < op.nnames; ++i) named = named || cols[i] == pk[k];
        if (!named) return fail(error_kind::seed_without_key, op.table, columns[pk[k]].def.name);
    }
    for (std::size_t j = 0; j < op.ncells; ++j) {
        const seed_cell& v = op.cells[j];
        column_desc d = columns[cols[j % op.nnames]].def;
        if (v.kind == default_kind::none) {
            if (d.not_null || d.primary_key) return fail(error_kind::seed_value_mismatch, op.table, d.name, "NULL");
            continue;
        }
        d.def = default_desc{v.kind, v.text};
        if (error e = check_default(d)) {
            if (e.kind == error_kind::new_enum_value_used) return e;
            return fail(error_kind::seed_value_mismatch, op.table, d.name, v.text);
        }
    }
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_seed(const op_desc& op) {
    return check_seed(op);
}

}  // namespace strata::detail
