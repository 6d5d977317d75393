#pragma once
// What a misused DSL template holds in place of what it could not read: a descriptor marked
// `misused`. The template has reported its own rule (detail/core/check.hpp); the placeholder is
// a valid constant, so nothing that reads it fails again, and the chain's check stops at it
// without a word (check_versions in detail/core/fold.hpp, error_kind::misused_dsl).
#include <cstddef>
#include <string_view>

#include <strata/detail/core/descriptors.hpp>

namespace strata::detail {

struct misused_type {  // for a column or set_type<...> type that is no column type
    static constexpr type_desc desc{};
};
struct misused_part {  // for a column constraint that is none
    static constexpr column_part part = mark_misused(column_part{});
};
struct misused_action {  // for an on_delete action that is none
    static constexpr fk_action action = fk_action::no_action;
};
struct misused_column {  // for add_column's column that is none
    static constexpr column_desc desc = mark_misused(column_desc{});
};
struct misused_change {  // for an alter_column change that is none
    static constexpr alter_part part{};
};
struct misused_table_part {  // for create_table's argument that is neither a column nor a constraint
    static constexpr column_desc desc = mark_misused(column_desc{});
    static constexpr constraint_desc constraint{};
};
struct misused_columns {  // for seed's columns<...> that are none
    static constexpr std::size_t size = 0;
    static constexpr std::string_view names[] = {{}};
};
struct misused_op {  // for a migration's argument that is no operation
    static constexpr op_desc desc = mark_misused(make_op(op_kind::execute, "not an operation", {}));
};
struct misused_migration {  // for a chain's argument that is no migration, or for none at all
    static constexpr migration_desc desc = mark_misused(migration_desc{});
};

}  // namespace strata::detail
