#pragma once
// The SQL of create_index, drop_index (and their concurrent forms), add_constraint (add_unique,
// add_check, add_foreign_key), drop_constraint, validate_constraint (operations/indexes.hpp), up and down, spelled from
// the typed state through the dialect's traits. Included by detail/sql/generate.hpp, after the
// generator.
#include <strata/detail/sql/generate.hpp>

namespace strata::detail {

template <class S>
constexpr error generator<S>::generate_create_index(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    if ((e = s.apply(op))) return e;
    concurrent = concurrent || (op.concurrently && d.concurrent_indexes);
    create_index(up, s, s.nindexes - 1, op.concurrently);  // (the index made, in the last slot)
    drop_index(down, op.name, op.concurrently);
    return e;
}

template <class S>
constexpr error generator<S>::generate_drop_index(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    int i = s.find_index(op.name);
    if (i == -1) return fail(error_kind::needs_chain, op.name);
    concurrent = concurrent || (op.concurrently && d.concurrent_indexes);
    create_index(down, s, i, op.concurrently);
    if ((e = s.apply(op))) return e;
    drop_index(up, op.name, op.concurrently);
    return e;
}

template <class S>
constexpr error generator<S>::generate_add_constraint(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    int t = s.find_table(op.table);
    if (t == -1) return fail(error_kind::needs_chain, op.table);
    join_runs(s, up, down);
    if ((e = s.apply(op))) return e;
    if (d.alters_in_place) {
        add_constraint(up, s, s.nconstraints - 1);
        down.begin().put("ALTER TABLE ").ident(op.table).put(" DROP CONSTRAINT ").ident(op.name);
        down.end();
    }
    return e;
}

template <class S>
constexpr error generator<S>::generate_drop_constraint(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    int t = s.find_table(op.table);
    int k = s.find_constraint(op.name);
    if (t == -1 || k == -1) return fail(error_kind::needs_chain, op.table, op.name);
    join_runs(s, up, down);
    if (d.alters_in_place) add_constraint(down, s, k);
    if ((e = s.apply(op))) return e;
    if (d.alters_in_place) {
        up.begin().put("ALTER TABLE ").ident(op.table).put(" DROP CONSTRAINT ").ident(op.name);
        up.end();
    }
    return e;
}

// PostgreSQL: VALIDATE CONSTRAINT; down, the constraint not valid again: dropped and added back
// NOT VALID (no scan; a down that sent nothing would leave it valid, which verify() reports).
// Without NOT VALID (SQLite) the constraint was valid when it was added: nothing, either way.
template <class S>
constexpr error generator<S>::generate_validate_constraint(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    const int k = s.find_constraint(op.name);
    if (k == -1) return fail(error_kind::needs_chain, op.table, op.name);
    if (d.not_valid_constraints) {
        // (the down, spelled from the state before: the constraint is not valid there)
        down.begin().put("ALTER TABLE ").ident(op.table).put(" DROP CONSTRAINT ").ident(op.name);
        down.end();
        add_constraint(down, s, k);
    }
    if ((e = s.apply(op))) return e;
    if (d.not_valid_constraints) {
        up.begin().put("ALTER TABLE ").ident(op.table).put(" VALIDATE CONSTRAINT ").ident(op.name);
        up.end();
    } else {
        up.begin().put("validate_constraint: ").put(d.name).put(" has no NOT VALID constraints, this one was checked when it was added");
        up.end(step_kind::nothing);
        down.begin().put("validate_constraint's down: ").put(d.name).put(" has no NOT VALID constraints");
        down.end(step_kind::nothing);
    }
    return e;
}

}  // namespace strata::detail
