#pragma once
// The SQL of create_table, drop_table, rename_table (operations/tables.hpp), up and down, spelled
// from the typed state through the dialect's traits. Included by detail/sql/generate.hpp, after the
// generator.
#include <strata/detail/sql/generate.hpp>

namespace strata::detail {

template <class S>
constexpr error generator<S>::generate_create_table(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    if ((e = s.apply(op))) return e;
    int t = s.find_table(op.table);
    check_expressible(e, s, t);
    create_table(up, s, t);
    down.begin().put("DROP TABLE ").ident(op.table);
    down.end();
    return e;
}

template <class S>
constexpr error generator<S>::generate_drop_table(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    int t = s.find_table(op.table);
    if (t != -1) {
        create_table(down, s, t);
        create_indexes_of(down, s, t);
    }
    if ((e = s.apply(op))) return e;
    up.begin().put("DROP TABLE ").ident(op.table);
    up.end();
    return e;
}

template <class S>
constexpr error generator<S>::generate_rename_table(S& s, const op_desc& op, emitter& up, emitter& down) {
    error e{};
    if ((e = s.apply(op))) return e;
    up.begin().put("ALTER TABLE ").ident(op.table).put(" RENAME TO ").ident(op.new_name);
    up.end();
    down.begin().put("ALTER TABLE ").ident(op.new_name).put(" RENAME TO ").ident(op.table);
    down.end();
    return e;
}

}  // namespace strata::detail
