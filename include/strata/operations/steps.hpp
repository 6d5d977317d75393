#pragma once
// Raw SQL and data steps: execute, execute_irreversible, run, validate (background<fn>: background.hpp).
#include <strata/fixed_string.hpp>
#include <strata/detail/core/descriptors.hpp>

namespace strata::detail {
constexpr op_desc make_execute(std::string_view label, std::string_view up, std::string_view down, bool reversible) {
    op_desc d = make_op(op_kind::execute, label, {});
    d.sql_up = up;
    d.sql_down = down;
    d.reversible = reversible;
    return d;
}
// has_down: from null_function<Down>, never from `down != nullptr` (see null_function).
constexpr op_desc make_run(data_fn up, data_fn down, bool has_down) {
    op_desc d = make_op(op_kind::run, "run", {});
    d.fn_up = up;
    d.fn_down = down;
    d.reversible = has_down;
    return d;
}
constexpr op_desc make_validate(check_fn check) {
    op_desc d = make_op(op_kind::validate, "validate", {});
    d.fn_check = check;
    return d;
}

}  // namespace strata::detail

namespace strata::dsl {
// Raw SQL with its explicit down. The typed state does not see it: use it for data, not DDL.
template <fixed_string Up, fixed_string Down>
struct execute {
    static constexpr detail::op_desc desc = detail::make_execute("execute", detail::name_v<Up>, detail::name_v<Down>, true);
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
    static constexpr detail::op_desc desc = detail::make_run(Up, Down, !detail::null_function<Down>);
};
// A check run after the migration's other steps, before it commits; `false` rolls the
// migration back.
template <detail::check_fn Check>
struct validate {
    static_assert(!detail::null_function<Check>, "strata: validate<fn>: fn must be a function bool(strata::session&)");
    static constexpr detail::op_desc desc = detail::make_validate(Check);
};
}  // namespace strata::dsl
