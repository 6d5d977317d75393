#pragma once
// Folding a chain's migrations into states, in separate constant evaluations of a few
// migrations each (`checkpoint`), so that no evaluation approaches the compilers' default
// limits (clang: 1,048,576 steps; g++: 33,554,432 operations) however long the chain is.
#include <cstddef>
#include <cstdint>

#include <strata/detail/core/state.hpp>

namespace strata::detail {

// Migrations per constant evaluation. clang counts steps (1,048,576 at most by default), so its
// segments are shorter; each segment boundary copies a whole state, so they are not too short.
#if defined(__clang__)
inline constexpr std::size_t segment_size = 25;
#else
inline constexpr std::size_t segment_size = 50;
#endif

// How many implicit names (state.hpp, implicit_entry) these columns give PostgreSQL's objects.
constexpr std::size_t implicit_names(const column_desc* cols, std::size_t n) {
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i)
        k += cols[i].unique + !cols[i].ref_table.empty() + !cols[i].check.empty() + cols[i].autoincrement;
    return k;
}

consteval capacities count_capacities(const migration_desc* migs, std::size_t n) {
    capacities c{};
    auto count = [&c](const op_desc* ops, std::size_t k) {
        for (std::size_t i = 0; i < k; ++i) {
            const op_desc& op = ops[i];
            switch (op.kind) {
                case op_kind::rename_table: ++c.names; break;
                case op_kind::create_table:
                    ++c.tables;
                    c.names += 1 + op.nconstraints;
                    c.columns += op.ncolumns;
                    c.constraints += op.nconstraints;
                    c.implicit += 1 + implicit_names(op.columns, op.ncolumns);
                    break;
                case op_kind::add_column:
                    ++c.columns;
                    c.implicit += op.columns[0].primary_key + implicit_names(op.columns, op.ncolumns);
                    break;
                case op_kind::create_index: ++c.indexes; ++c.names; break;
                case op_kind::add_constraint: ++c.constraints; ++c.names; break;
                case op_kind::create_enum:
                    ++c.enums;
                    ++c.names;
                    c.enum_values += op.nnames;
                    break;
                case op_kind::add_enum_value: ++c.enum_values; break;
                default: break;
            }
        }
    };
    c.migrations = n;
    for (std::size_t i = 0; i < n; ++i) {
        count(migs[i].ops, migs[i].nops);
        count(migs[i].down_ops, migs[i].ndown_ops);
    }
    return c;
}

// Semantic equality of two states (column order aside: a restored column comes back last).
// Returns the name of the first table or enum that differs, or an empty view.
template <class S>
constexpr std::string_view first_difference(const S& a, const S& b) {
    auto same_column = [&](int x, int y) {
        const auto &p = a.columns[x], &q = b.columns[y];
        const auto &d = p.def, &e = q.def;
        if (!(d.name == e.name && d.type == e.type && d.not_null == e.not_null && d.primary_key == e.primary_key &&
              d.unique == e.unique && d.autoincrement == e.autoincrement && d.def == e.def && d.check == e.check &&
              d.on_delete == e.on_delete))
            return false;
        if ((p.ref_table == -1) != (q.ref_table == -1)) return false;
        return p.ref_table == -1 || (a.tables[p.ref_table].name == b.tables[q.ref_table].name &&
                                     a.columns[p.ref_column].def.name == b.columns[q.ref_column].def.name);
    };
    auto alive_tables = [](const S& s) { int n = 0; for (int i = 0; i < s.ntables; ++i) n += s.tables[i].alive; return n; };
    for (int t = 0; t < a.ntables; ++t) {
        if (!a.tables[t].alive) continue;
        int u = b.find_table(a.tables[t].name);
        if (u == -1 || a.column_count(t) != b.column_count(u)) return a.tables[t].name;
        for (int c = a.tables[t].first; c != -1; c = a.columns[c].next) {
            int d = b.find_column(u, a.columns[c].def.name);
            if (d == -1 || !same_column(c, d)) return a.tables[t].name;
        }
        auto count_idx = [](const S& s, int tt) { int n = 0; for (int i = s.tables[tt].first_index; i != -1; i = s.indexes[i].next) ++n; return n; };
        if (count_idx(a, t) != count_idx(b, u)) return a.tables[t].name;
        for (int i = a.tables[t].first_index; i != -1; i = a.indexes[i].next) {
            int j = b.find_index(a.indexes[i].name);
            if (j == -1 || b.indexes[j].table != u || b.indexes[j].unique != a.indexes[i].unique ||
                b.indexes[j].ncolumns != a.indexes[i].ncolumns)
                return a.tables[t].name;
            for (std::size_t k = 0; k < a.indexes[i].ncolumns; ++k)
                if (a.columns[a.indexes[i].columns[k]].def.name != b.columns[b.indexes[j].columns[k]].def.name)
                    return a.tables[t].name;
        }
        auto count_k = [](const S& s, int tt) { int n = 0; for (int i = s.tables[tt].first_constraint; i != -1; i = s.constraints[i].next) ++n; return n; };
        if (count_k(a, t) != count_k(b, u)) return a.tables[t].name;
        for (int i = a.tables[t].first_constraint; i != -1; i = a.constraints[i].next) {
            const auto& k = a.constraints[i];
            if (k.name.empty()) continue;
            int j = b.find_constraint(k.name);
            if (j == -1 || b.constraints[j].kind != k.kind || b.constraints[j].check != k.check) return a.tables[t].name;
        }
    }
    if (alive_tables(a) != alive_tables(b)) {
        for (int t = 0; t < b.ntables; ++t)
            if (b.tables[t].alive && a.find_table(b.tables[t].name) == -1) return b.tables[t].name;
    }
    for (int e = 0; e < a.nenums; ++e) {
        if (!a.enums[e].alive) continue;
        int f = b.find_enum(a.enums[e].name);
        if (f == -1) return a.enums[e].name;
        int i = a.enums[e].first, j = b.enums[f].first;
        for (; i != -1 && j != -1; i = a.enum_values[i].next, j = b.enum_values[j].next)
            if (a.enum_values[i].value != b.enum_values[j].value) return a.enums[e].name;
        if (i != j) return a.enums[e].name;
    }
    for (int e = 0; e < b.nenums; ++e)
        if (b.enums[e].alive && a.find_enum(b.enums[e].name) == -1) return b.enums[e].name;
    return {};
}

template <class S>
struct fold_result {
    S state{};
    error err{};
};

// An explicit up<...>/down<...> pair: apply both and prove down(up(S)) == S. Only these
// migrations copy the state.
template <class S>
constexpr error apply_explicit_pair(S& s, const migration_desc& m, std::size_t i) {
    const S before = s;
    for (std::size_t k = 0; k < m.nops; ++k)
        if (error e = s.apply(m.ops[k])) {
            e.migration = i;
            e.op = k;
            return e;
        }
    S restored = s;
    for (std::size_t k = 0; k < m.ndown_ops; ++k)
        if (error e = restored.apply(m.down_ops[k])) {
            e.migration = i;
            e.op = k;
            e.in_down = true;
            return e;
        }
    auto d = first_difference(before, restored);
    if (d.empty()) d = first_difference(restored, before);
    if (!d.empty()) {
        error e = fail(error_kind::down_mismatch, m.name, d);
        e.migration = i;
        e.whole_migration = true;
        return e;
    }
    return {};
}

// PostgreSQL cannot run CREATE/DROP INDEX CONCURRENTLY in a transaction, so the runtime runs such
// a migration's statements one by one, outside any: nothing that relies on the migration being
// atomic may share it. Reports the first other operation (up list, then down list), naming the
// index of the first concurrent operation and that operation.
constexpr error concurrent_mix(const migration_desc& m) {
    // A flag beside the pointer, never `first != nullptr`: &m.ops[k] points into an operation
    // list's static array, which g++ -fsanitize=null does not take as non-null in a constant
    // expression (see null_function in descriptors.hpp).
    const op_desc* first = nullptr;
    bool found = false;
    for (std::size_t k = 0; k < m.nops && !found; ++k)
        if (m.ops[k].concurrently) first = &m.ops[k], found = true;
    for (std::size_t k = 0; k < m.ndown_ops && !found; ++k)
        if (m.down_ops[k].concurrently) first = &m.down_ops[k], found = true;
    if (!found) return {};
    auto other = [first](const op_desc* ops, std::size_t n, bool in_down) {
        for (std::size_t k = 0; k < n; ++k)
            if (!ops[k].concurrently) {
                error e = fail(error_kind::concurrent_index_mixed, first->name, first->label);
                e.op = k;
                e.in_down = in_down;
                return e;
            }
        return error{};
    };
    if (error e = other(m.ops, m.nops, false)) return e;
    return other(m.down_ops, m.ndown_ops, true);
}

// Applies migration i (its checks first), or reports the first error.
template <class S>
constexpr error apply_migration(S& s, const migration_desc* migs, std::size_t i) {
    const migration_desc& m = migs[i];
    auto at = [i](error e) {
        e.migration = i;
        e.whole_migration = true;
        return e;
    };
    if (m.version == 0) return at(fail(error_kind::version_not_increasing, m.name, "version 0 (the empty schema)"));
    // The tracking table keeps versions in a signed 64-bit BIGINT.
    if (m.version > 0x7fffffffffffffffull) return at(fail(error_kind::version_too_large, m.name));
    if (i > 0 && m.version == migs[i - 1].version) return at(fail(error_kind::duplicate_version, m.name, migs[i - 1].name));
    if (i > 0 && m.version < migs[i - 1].version) return at(fail(error_kind::version_not_increasing, m.name, migs[i - 1].name));
    if (m.name.empty()) return at(fail(error_kind::invalid_identifier, m.name));
    if (!s.add_migration_name(m.name)) return at(fail(error_kind::duplicate_name, m.name));
    if (m.nops == 0) return at(fail(error_kind::no_operations, m.name));
    if (error e = concurrent_mix(m)) {
        e.migration = i;
        return e;
    }
    s.migration = i;
    if (m.explicit_down) return apply_explicit_pair(s, m, i);
    for (std::size_t k = 0; k < m.nops; ++k)
        if (error e = s.apply(m.ops[k])) {
            e.migration = i;
            e.op = k;
            return e;
        }
    return {};
}

template <class S>
constexpr fold_result<S> fold_range(fold_result<S> r, const migration_desc* migs, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to && !r.err; ++i) r.err = apply_migration(r.state, migs, i);
    return r;
}

}  // namespace strata::detail
