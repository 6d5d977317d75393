#pragma once
// Folding a chain's migrations into states, in separate constant evaluations of a few
// migrations each (`checkpoint`), so that no evaluation approaches the compilers' default
// limits (clang: 1,048,576 steps; g++: 33,554,432 operations) however long the chain is.
#include <cstddef>
#include <cstdint>

#include <strata/detail/core/schema_diff.hpp>
#include <strata/detail/core/state.hpp>

namespace strata::detail {

// Segments: the fold, and the compile-time SQL, run one segment of migrations per constant
// evaluation. A segment is cut by weight, not by count: each boundary copies a whole state, so
// light migrations share long segments, and a heavy one (a long seed, a wide create_table) gets
// a short one. The unit is about a thousand of clang's steps in the SQL generator, the heavier
// of the two passes over a segment; clang counts steps (1,048,576 at most by default), so its
// budget is smaller. (benchmarks/README.md: the steps a segment of the benchmark's history
// takes, and what longer segments save.)
#if defined(__clang__)
inline constexpr std::size_t segment_budget = 500;
#else
inline constexpr std::size_t segment_budget = 1600;
#endif
// The fold alone takes about half the steps of the SQL generator per unit, and each checkpoint
// copies the whole state (on clang about 5% of `check` at N = 1000 with the SQL's segments):
// the fold's segments are runs of whole SQL segments up to three budgets (see
// cut_fold_segments for the exception).
inline constexpr std::size_t fold_budget = 3 * segment_budget;

// Counts, not a walk over every column (which would cost as much as the segments save); the
// values of a seed are walked, since they are read byte by byte (checked, quoted) and may be long.
constexpr std::size_t ops_weight(const op_desc* ops, std::size_t n) {
    std::size_t w = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const op_desc& op = ops[k];
        // (create_table compares each column's name with the others')
        w += 2 + op.ncolumns * (2 + op.ncolumns / 32) + 2 * op.nconstraints + (op.nnames + op.ncells) / 4;
        for (std::size_t c = 0; c < op.ncells; ++c) w += op.cells[c].text.size() / 64;
    }
    return w;
}
constexpr std::size_t migration_weight(const migration_desc& m) {
    return 1 + ops_weight(m.ops, m.nops) + ops_weight(m.down_ops, m.ndown_ops);
}
// The first migration of each segment, then the chain's size (out: null to count only);
// returns the number of segments. A migration heavier than the budget is a segment of its own.
constexpr std::size_t cut_segments(const migration_desc* migs, std::size_t n, std::size_t* out) {
    std::size_t count = 0, weight = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t w = migration_weight(migs[i]);
        if (i == 0 || weight + w > segment_budget) {
            if (out) out[count] = i;
            ++count;
            weight = 0;
        }
        weight += w;
    }
    if (out) out[count] = n;
    return count;
}
// The fold's segments, cut at the SQL's bounds (of `segments` segments, as cut_segments wrote
// them): the first bound of each, then n; returns their number. A SQL segment heavier than
// fold_budget is a fold segment of its own, and so is one that holds an explicit up/down pair:
// the fold copies the state for a pair and compares what it names, which the weights do not
// count (the generator does neither), so there a fold segment stays one SQL segment long.
constexpr std::size_t cut_fold_segments(const migration_desc* migs, const std::size_t* bounds, std::size_t segments,
                                        std::size_t* out) {
    std::size_t count = 0, weight = 0;
    bool alone = false;  // the fold segment so far is a SQL segment with a pair
    for (std::size_t k = 0; k < segments; ++k) {
        std::size_t w = 0;
        bool pair = false;
        for (std::size_t i = bounds[k]; i < bounds[k + 1]; ++i) {
            w += migration_weight(migs[i]);
            pair = pair || migs[i].explicit_down;
        }
        if (k == 0 || pair || alone || weight + w > fold_budget) {
            if (out) out[count] = bounds[k];
            ++count;
            weight = 0;
        }
        weight += w;
        alone = pair;
    }
    if (out) out[count] = bounds[segments];
    return count;
}

// How many implicit names (state.hpp, implicit_entry) these columns give PostgreSQL's objects.
constexpr std::size_t implicit_names(const column_desc* cols, std::size_t n) {
    std::size_t k = 0;
    for (std::size_t i = 0; i < n; ++i)
        k += cols[i].unique + !cols[i].ref_table.empty() + !cols[i].check.empty() + (cols[i].autoincrement || cols[i].identity);
    return k;
}

consteval capacities count_capacities(const migration_desc* migs, std::size_t n) {
    capacities c{};
    auto count = [&c](const op_desc* ops, std::size_t k) {
        for (std::size_t i = 0; i < k; ++i) {
            const op_desc& op = ops[i];
            switch (op.kind) {
                case op_kind::rename_table: ++c.names; break;
                case op_kind::rename_column: ++c.column_names; break;
                case op_kind::create_table:
                    ++c.tables;
                    c.names += 1 + op.nconstraints;
                    c.columns += op.ncolumns;
                    c.column_names += op.ncolumns;
                    c.constraints += op.nconstraints;
                    c.implicit += 1 + implicit_names(op.columns, op.ncolumns);
                    break;
                case op_kind::add_column:
                    ++c.columns;
                    ++c.column_names;
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
    for (std::size_t i = 0; i < n; ++i) {
        count(migs[i].ops, migs[i].nops);
        count(migs[i].down_ops, migs[i].ndown_ops);
    }
    return c;
}

// What an operation of an explicit pair changes, for down_difference to compare: a table whole
// (or the column named beside it), a table's keys (its primary key, indexes and constraints: an
// index or constraint operation changes no column), or an enum.
enum class mention : std::uint8_t { table, keys, enumeration };
// Calls f(table, column, mention) for what the operations of migration m (up and down) name:
// all that its explicit down<...> can leave different. A column operation names its column
// (column empty: the whole table); an index or constraint is named by its table's keys
// (drop_index's table is found in `before`); an enum operation names the enum. Steps and seeds
// change no schema.
template <class S, class F>
constexpr void pair_names(const migration_desc& m, const S& before, F&& f) {
    auto each = [&](const op_desc* ops, std::size_t n) {
        for (std::size_t k = 0; k < n; ++k) {
            const op_desc& op = ops[k];
            switch (op.kind) {
                case op_kind::execute:
                case op_kind::run:
                case op_kind::validate:
                case op_kind::background:
                case op_kind::seed: break;
                case op_kind::add_column:
                case op_kind::drop_column:
                case op_kind::alter_column: f(op.table, op.name, mention::table); break;
                case op_kind::rename_column:
                    f(op.table, op.name, mention::table);
                    f(op.table, op.new_name, mention::table);
                    break;
                case op_kind::create_enum:
                case op_kind::add_enum_value:
                case op_kind::drop_enum: f(op.name, std::string_view{}, mention::enumeration); break;
                case op_kind::drop_index:
                    if (const int i = before.find_index(op.name); i != -1)
                        f(before.tables[before.indexes[i].table].name, std::string_view{}, mention::keys);
                    break;
                case op_kind::create_index:
                case op_kind::add_constraint:
                case op_kind::drop_constraint:
                case op_kind::validate_constraint: f(op.table, std::string_view{}, mention::keys); break;
                case op_kind::rename_table:
                    f(op.table, std::string_view{}, mention::table);
                    f(op.new_name, std::string_view{}, mention::table);
                    break;
                default: f(op.table, std::string_view{}, mention::table); break;
            }
        }
    };
    // (the down's first: when a wrong down leaves two differences, the one its own operation
    // made is reported, "there before up<...>, missing after down<...>" for a wrong drop)
    each(m.down_ops, m.ndown_ops);
    each(m.ops, m.nops);
}

// A set of names for one evaluation (the migrations' names in check_versions, the tables an
// explicit pair names whole in down_difference): not part of the state, which every checkpoint
// copies.
struct name_set {
    std::size_t mask;
    std::string_view* slots;
    constexpr explicit name_set(std::size_t n) : mask(map_capacity(n) - 1), slots(new std::string_view[map_capacity(n)]{}) {}
    constexpr ~name_set() { delete[] slots; }
    name_set(const name_set&) = delete;
    name_set& operator=(const name_set&) = delete;
    // false if the set already has n
    constexpr bool insert(std::string_view n) {
        std::size_t i = hash_text(n) & mask;
        for (; !slots[i].empty(); i = (i + 1) & mask)
            if (same_name(slots[i], n)) return false;
        slots[i] = n;
        return true;
    }
    constexpr bool contains(std::string_view n) const {
        for (std::size_t i = hash_text(n) & mask; !slots[i].empty(); i = (i + 1) & mask)
            if (same_name(slots[i], n)) return true;
        return false;
    }
};

// The first difference between the state a down<...> leaves and the state before up<...>,
// named as strata::matches names it (detail/core/schema_diff.hpp): the table (or enum), the
// column, index or constraint, and how it differs. Column order aside (a restored column comes
// back last). An error of kind none when the states are the same. Only what the migration's
// operations name is compared (pair_names): the whole state, compared for each explicit pair,
// made a history of them quadratic, and clang's step limit stopped one of 100 migrations; an
// index or constraint pair compares its table's keys, not its columns (300 index pairs on a
// table of 80 columns passed clang's limit).
template <class S>
constexpr error down_difference(const S& restored, const S& before, const migration_desc& m) {
    error first{};
    auto on = [&first](const difference& d) {
        if (first) return;
        std::string_view how = d.c;
        switch (d.kind) {
            case diff_kind::table_missing:
            case diff_kind::column_missing:
            case diff_kind::index_missing:
            case diff_kind::constraint_missing:
            case diff_kind::enum_missing: how = "there before up<...>, missing after down<...>"; break;
            case diff_kind::table_extra:
            case diff_kind::column_extra:
            case diff_kind::index_extra:
            case diff_kind::constraint_extra:
            case diff_kind::enum_extra: how = "not there before up<...>, left by down<...>"; break;
            case diff_kind::primary_key_differs: how = "primary key"; break;
            case diff_kind::constraint_differs: how = d.c.empty() ? "definition" : d.c; break;
            case diff_kind::enum_values_differ: how = "values"; break;
            default: break;  // column_differs, index_differs: what differs (type, nullability, ...)
        }
        first = fail(error_kind::down_does_not_restore, d.a, d.b, how);
    };
    // A table named whole is compared whole, once per mention; its columns' mentions are then
    // left out. Otherwise only the columns named: a column operation leaves the rest of its table
    // as it was, and comparing every column for each pair made a wide table's history quadratic.
    // (collected once: asking the pair's operations again at each mention made a pair of 300
    // operations each way pass both compilers' limits)
    name_set whole(2 * (m.nops + m.ndown_ops));  // (a rename_table names two)
    pair_names(m, before, [&](std::string_view t, std::string_view c, mention what) {
        if (what == mention::table && c.empty()) whole.insert(t);
    });
    auto named_whole = [&](std::string_view table) { return whole.contains(table); };
    pair_names(m, before, [&](std::string_view name, std::string_view column, mention what) {
        if (first) return;
        if (what == mention::enumeration) return compare_enum(restored, before, name, on);
        if (!column.empty()) {
            if (!named_whole(name)) compare_column(restored, before, name, column, on);
            return;
        }
        if (what == mention::keys && named_whole(name)) return;  // (compared whole, with its validity)
        compare_table(restored, before, name, on, what == mention::table);
        // (validity too: a down<...> after validate_constraint must make the constraint not
        // valid again, as the derived down does, drop_constraint and add it back with not_valid;
        // compare_table says "validity")
    });
    return first;
}

template <class S>
struct fold_result {
    S state{};
    error err{};
};

// An explicit up<...>/down<...> pair: apply both and prove down(up(S)) == S. Only these
// migrations copy the state, once: up and down run on the copy, which is compared with `s`,
// still the state before; then up runs again on `s` (it cannot fail there: it did not on the
// copy). A copy costs as much as the whole state (about 5 ms of clang at 1,000 columns), so a
// second one, of the state before, would make each explicit pair cost twice that.
template <class S>
constexpr error apply_explicit_pair(S& s, const migration_desc& m, std::size_t i) {
    S restored = s;
    for (std::size_t k = 0; k < m.nops; ++k)
        if (error e = restored.apply(m.ops[k])) {
            e.migration = i;
            e.op = k;
            return e;
        }
    for (std::size_t k = 0; k < m.ndown_ops; ++k)
        if (error e = restored.apply(m.down_ops[k])) {
            e.migration = i;
            e.op = k;
            e.in_down = true;
            return e;
        }
    if (error e = down_difference(restored, s, m)) {
        e.migration = i;
        e.whole_migration = true;
        return e;
    }
    for (std::size_t k = 0; k < m.nops; ++k) (void)s.apply(m.ops[k]);
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

// The versions and names of the whole chain, checked before any migration is folded: two
// swapped migrations of which the second needs the first are reported as out of order, not as
// the "no such table" the fold would meet first. Also stops at a misused DSL template's
// placeholder (it has reported itself). O(n), once per chain (checkpoint<Chain, 0>).
constexpr error check_versions(const migration_desc* migs, std::size_t n) {
    name_set names(n);
    for (std::size_t i = 0; i < n; ++i) {
        const migration_desc& m = migs[i];
        auto at = [i](error e) {
            e.migration = i;
            e.whole_migration = true;
            return e;
        };
        if (m.misused) return at(fail(error_kind::misused_dsl, m.name));
        if (m.version == 0) return at(fail(error_kind::versions_must_increase, m.name, "version 0 (the empty schema)"));
        // The tracking table keeps versions in a signed 64-bit BIGINT.
        if (m.version > 0x7fffffffffffffffull) return at(fail(error_kind::version_too_large, m.name));
        if (i > 0 && m.version == migs[i - 1].version) return at(fail(error_kind::duplicate_version, m.name, migs[i - 1].name));
        if (i > 0 && m.version < migs[i - 1].version) return at(fail(error_kind::versions_must_increase, m.name, migs[i - 1].name));
        // (an empty name is the fold's to refuse, as no identifier)
        if (!m.name.empty() && !names.insert(m.name)) return at(fail(error_kind::duplicate_migration_name, m.name));
    }
    return {};
}

// Applies migration i (its checks first), or reports the first error. (Its version and name were
// checked with the whole chain's, by check_versions.)
template <class S>
constexpr error apply_migration(S& s, const migration_desc* migs, std::size_t i) {
    const migration_desc& m = migs[i];
    auto at = [i](error e) {
        e.migration = i;
        e.whole_migration = true;
        return e;
    };
    if (m.name.empty()) return at(fail(error_kind::invalid_identifier, m.name));
    if (m.nops == 0) return at(fail(error_kind::migration_without_operations, m.name));
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
