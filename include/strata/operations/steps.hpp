#pragma once
// Raw SQL and data steps: execute, execute_per_dialect, execute_irreversible, run, validate
// (background<fn>: background.hpp).
#include <cstddef>
#include <string_view>

#include <strata/dialect.hpp>
#include <strata/fixed_string.hpp>
#include <strata/detail/core/check.hpp>
#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/core/dialect_statements.hpp>
#include <strata/detail/core/diagnostics.hpp>

namespace strata::detail {
constexpr op_desc make_execute(std::string_view label, std::string_view up, std::string_view down, bool reversible) {
    op_desc d = make_op(op_kind::execute, label, {});
    d.sql_up = up;
    d.sql_down = down;
    d.reversible = reversible;
    return d;
}
constexpr op_desc make_execute_per_dialect(const dialect_statements* s) {
    op_desc d = make_op(op_kind::execute, "execute_per_dialect", {});
    d.per_dialect = s;
    d.has_per_dialect = true;
    return d;
}
// has_down: from null_function<Down>, never from `down != nullptr` (see null_function).
constexpr op_desc make_run(data_fn up, data_fn down, bool has_down, std::uint64_t key) {
    op_desc d = make_op(op_kind::run, "run", {});
    d.function_key = key;
    d.fn_up = up;
    d.fn_down = down;
    d.reversible = has_down;
    return d;
}
constexpr op_desc make_validate(check_fn check, std::uint64_t key) {
    op_desc d = make_op(op_kind::validate, "validate", {});
    d.function_key = key;
    d.fn_check = check;
    return d;
}

}  // namespace strata::detail

namespace strata::dsl {
// One dialect's statements in an execute_per_dialect: sql_for<strata::sqlite, "up", "down">.
template <class Dialect, fixed_string Up, fixed_string Down>
struct sql_for {
    static constexpr bool dialect_statement = strata::dialect<Dialect>;
    static constexpr std::size_t dialect_index = dialect_statement ? static_cast<std::size_t>(Dialect::id) : 0;
    static constexpr std::string_view up = detail::name_v<Up>, down = detail::name_v<Down>;
};
template <fixed_string Up, fixed_string Down>
using sqlite_sql = sql_for<strata::sqlite, Up, Down>;
template <fixed_string Up, fixed_string Down>
using postgres_sql = sql_for<strata::postgres, Up, Down>;
}  // namespace strata::dsl


namespace strata::dsl {
// An execute<> down that sends nothing: execute<"UPDATE ...", nothing>. The migration stays
// reversible (its downgrade runs the other operations' downs), and plan() shows the no-op. An
// empty "" is the same.
inline constexpr fixed_string<1> nothing{""};

// Raw SQL with its explicit down. The typed state does not see it: use it for data, not DDL.
template <fixed_string Up, fixed_string Down>
struct execute {
    static constexpr detail::op_desc desc = detail::make_execute("execute", detail::name_v<Up>, detail::name_v<Down>, true);
};
// Raw SQL in each dialect's own words: execute_per_dialect<sqlite_sql<"up", "down">,
// postgres_sql<"up", "down">>. Generating the SQL of a dialect it does not name fails to compile
// (no_sql_for_dialect), so a chain that targets both names both.
template <class... PerDialect>
struct execute_per_dialect {
    enum : bool {
        well_formed = detail::check_dsl<detail::valid_per_dialect<PerDialect...>(),
                                        detail::execute_per_dialect_bad_argument, execute_per_dialect>::value
    };
    static constexpr detail::op_desc desc =
        detail::mark_misused(detail::make_execute_per_dialect(&detail::dialect_statements_of<PerDialect...>::value), !well_formed);
};
template <fixed_string Up>
struct execute_irreversible {
    static constexpr detail::op_desc desc = detail::make_execute("execute_irreversible", detail::name_v<Up>, {}, false);
};

// A C++ data step, run inside the migration's transaction. Without a down function the
// migration cannot be downgraded.
template <detail::data_fn Up, detail::data_fn Down = nullptr>
struct run {
    static_assert(!detail::null_function<Up>, "strata: run<fn>: fn must be a function void(strata::session&)");
    static constexpr detail::op_desc desc = detail::make_run(Up, Down, !detail::null_function<Down>, detail::function_key<Up, Down>());
};
// A check run after the migration's other steps, before it commits; `false` rolls the
// migration back.
template <detail::check_fn Check>
struct validate {
    static_assert(!detail::null_function<Check>, "strata: validate<fn>: fn must be a function bool(strata::session&)");
    static constexpr detail::op_desc desc = detail::make_validate(Check, detail::function_key<Check>());
};
}  // namespace strata::dsl
