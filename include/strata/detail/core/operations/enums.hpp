#pragma once
// The state transitions of create_enum, add_enum_value, drop_enum (operations/enums.hpp): what each
// checks and how it changes the typed state. Included by detail/core/state.hpp, after the state.
#include <strata/detail/core/state.hpp>

namespace strata::detail {

template <capacities Cap>
constexpr error state<Cap>::apply_create_enum(const op_desc& op) {
    if (!valid_identifier(op.name)) return fail(error_kind::invalid_identifier, op.name);
    if (name_taken(op.name)) return fail(error_kind::enum_already_exists, op.name);
    if (auto err = check_new_name(op.name)) return err;
    int e = nenums++;
    enums[e] = enum_state{op.name, -1, -1, 0, true};
    name_insert(name_kind::enumeration, op.name, e);
    for (std::size_t i = 0; i < op.nnames; ++i) {
        if (!valid_identifier(op.names[i])) return fail(error_kind::invalid_identifier, op.names[i], op.name);
        if (enum_has(e, op.names[i])) return fail(error_kind::enum_value_already_exists, op.name, op.names[i]);
        push_enum_value(e, op.names[i]);
    }
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_add_enum_value(const op_desc& op) {
    int e = find_enum(op.name);
    if (e == -1) return fail(lenient ? error_kind::needs_chain : error_kind::enum_does_not_exist, op.name);
    if (!valid_identifier(op.new_name)) return fail(error_kind::invalid_identifier, op.new_name, op.name);
    if (enum_has(e, op.new_name)) return fail(error_kind::enum_value_already_exists, op.name, op.new_name);
    push_enum_value(e, op.new_name);
    enum_values[enums[e].last].added_in = migration;
    return {};
}

template <capacities Cap>
constexpr error state<Cap>::apply_drop_enum(const op_desc& op) {
    int e = find_enum(op.name);
    if (e == -1) return fail(lenient ? error_kind::needs_chain : error_kind::enum_does_not_exist, op.name);
    if (enums[e].uses > 0) {
        for (int c = 0; c < ncolumns; ++c)
            if (columns[c].alive && columns[c].def.type.kind == type_kind::enumeration &&
                same_name(columns[c].def.type.enum_name, op.name))
                return fail(error_kind::enum_still_used, op.name, tables[columns[c].table].name, columns[c].def.name);
    }
    enums[e].alive = false;
    name_erase(op.name);
    return {};
}

}  // namespace strata::detail
