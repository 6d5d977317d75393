#pragma once
// Index and constraint operations.
#include <strata/constraints.hpp>
#include <strata/detail/core/constraint_options.hpp>
#include <strata/detail/core/diagnostics.hpp>

namespace strata::dsl {
// An option of add_foreign_key and add_check: PostgreSQL adds the constraint NOT VALID, without
// checking the rows already there (new and updated rows are checked at once); a later
// validate_constraint<"table", "name"> checks them under a lock that lets writes go on. SQLite has
// no NOT VALID: it adds the constraint as without the option (a table rebuild, which checks).
struct not_valid {
    static constexpr bool is_not_valid_option = true;
};
}  // namespace strata::dsl

namespace strata::detail {
constexpr op_desc make_index(bool unique, std::string_view name, std::string_view table, const std::string_view* cols,
                             std::size_t n, bool misused) {
    op_desc d = make_op(op_kind::create_index, unique ? "create_unique_index" : "create_index", table, name);
    d.names = cols;
    d.nnames = n;
    d.unique = unique;
    d.misused = misused;
    return d;
}
// The same index operation, run CONCURRENTLY on PostgreSQL.
constexpr op_desc make_concurrent(op_desc d) {
    d.concurrently = true;
    d.label = d.kind == op_kind::drop_index ? "drop_index_concurrently"
              : d.unique                    ? "create_unique_index_concurrently"
                                            : "create_index_concurrently";
    return d;
}
constexpr op_desc make_add_constraint(std::string_view label, std::string_view table, const constraint_desc* c) {
    op_desc d = make_op(op_kind::add_constraint, label, table, c->name);
    d.constraints = c;
    d.nconstraints = 1;
    return mark_misused(d, c->misused);
}
template <bool Unique, fixed_string Name, fixed_string Table, fixed_string... Columns>
struct index_op {
    enum : bool { well_formed = check_dsl<(sizeof...(Columns) - 1 < max_key_columns), index_columns, index_op>::value };  // 1 to 8
    static constexpr std::string_view columns[sizeof...(Columns) + 1] = {name_v<Columns>..., {}};
    static constexpr op_desc desc = make_index(Unique, name_v<Name>, name_v<Table>, columns, sizeof...(Columns), !well_formed);
};
// (derived, so that a wrong column count fails in index_op as for create_index)
template <bool Unique, fixed_string Name, fixed_string Table, fixed_string... Columns>
struct concurrent_index_op : index_op<Unique, Name, Table, Columns...> {
    static constexpr op_desc desc = make_concurrent(index_op<Unique, Name, Table, Columns...>::desc);
};
template <fixed_string Table, class Constraint, bool NotValid = false, bool Misused = false>
struct add_constraint_op {
    static constexpr constraint_desc constraint = with_options(Constraint::constraint, NotValid, Misused);
    static constexpr op_desc desc = make_add_constraint(
        constraint.kind == constraint_kind::foreign_key ? std::string_view{"add_foreign_key"}
        : constraint.kind == constraint_kind::check     ? std::string_view{"add_check"}
                                                        : std::string_view{"add_unique"},
        name_v<Table>, &constraint);
};
}  // namespace strata::detail

namespace strata::dsl {
template <fixed_string Name, fixed_string Table, fixed_string... Columns>
struct create_index : detail::index_op<false, Name, Table, Columns...> {};
template <fixed_string Name, fixed_string Table, fixed_string... Columns>
struct create_unique_index : detail::index_op<true, Name, Table, Columns...> {};

template <fixed_string Name>
struct drop_index {
    static constexpr detail::op_desc desc =
        detail::make_op(detail::op_kind::drop_index, "drop_index", {}, detail::name_v<Name>);
};

// PostgreSQL's CREATE/DROP INDEX CONCURRENTLY (no write lock on the table while it builds),
// which cannot run in a transaction: a migration holding one may hold only such operations,
// and is marked migration_sql::transactional == false. SQLite gets the plain statements.
template <fixed_string Name, fixed_string Table, fixed_string... Columns>
struct create_index_concurrently : detail::concurrent_index_op<false, Name, Table, Columns...> {};
template <fixed_string Name, fixed_string Table, fixed_string... Columns>
struct create_unique_index_concurrently : detail::concurrent_index_op<true, Name, Table, Columns...> {};

template <fixed_string Name>
struct drop_index_concurrently {
    static constexpr detail::op_desc desc = detail::make_concurrent(drop_index<Name>::desc);
};

// Options, in any order: an on_delete_ action (add_foreign_key only), not_valid.
//     add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id", on_delete_cascade, not_valid>
template <fixed_string Table, fixed_string Name, fixed_string Column, fixed_string RefTable,
          fixed_string RefColumn, class... Options>
struct add_foreign_key
    : detail::add_constraint_op<Table,
                                foreign_key<Name, Column, RefTable, RefColumn, typename detail::action_among<on_delete_no_action, Options...>::type>,
                                detail::constraint_options<true, Options...>::not_valid,
                                !detail::constraint_options<true, Options...>::ok> {
    enum : bool {
        well_formed = detail::check_dsl<detail::constraint_options<true, Options...>::ok,
                                        detail::constraint_option_invalid, add_foreign_key>::value
    };
};
template <fixed_string Table, fixed_string Name, fixed_string... Columns>
struct add_unique : detail::add_constraint_op<Table, unique_constraint<Name, Columns...>> {};
template <fixed_string Table, fixed_string Name, fixed_string Expr, class... Options>
struct add_check : detail::add_constraint_op<Table, check_constraint<Name, Expr>, detail::constraint_options<false, Options...>::not_valid,
                                             !detail::constraint_options<false, Options...>::ok> {
    enum : bool {
        well_formed = detail::check_dsl<detail::constraint_options<false, Options...>::ok,
                                        detail::constraint_option_invalid, add_check>::value
    };
};

// Validates a foreign key or check that add_foreign_key or add_check added with not_valid:
// PostgreSQL's VALIDATE CONSTRAINT checks the rows under SHARE UPDATE EXCLUSIVE (writes go on;
// a foreign key takes ROW SHARE on the table it references). SQLite sends nothing. Down: a
// constraint not valid again (PostgreSQL: dropped and added back NOT VALID, no scan).
template <fixed_string Table, fixed_string Name>
struct validate_constraint {
    static constexpr detail::op_desc desc = detail::make_op(detail::op_kind::validate_constraint, "validate_constraint",
                                                            detail::name_v<Table>, detail::name_v<Name>);
};

template <fixed_string Table, fixed_string Name>
struct drop_constraint {
    static constexpr detail::op_desc desc =
        detail::make_op(detail::op_kind::drop_constraint, "drop_constraint", detail::name_v<Table>, detail::name_v<Name>);
};
}  // namespace strata::dsl
