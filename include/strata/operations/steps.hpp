#pragma once
// Raw SQL and data steps: execute, execute_irreversible, run, validate.
#include <strata/fixed_string.hpp>
#include <strata/detail/descriptors.hpp>

namespace strata::dsl {
// Raw SQL with its explicit down. The typed state does not see it: use it for data, not DDL.
template <fixed_string Up, fixed_string Down>
struct execute {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::execute;
        d.label = "execute";
        d.sql_up = detail::name_v<Up>;
        d.sql_down = detail::name_v<Down>;
        return d;
    }();
};
template <fixed_string Up>
struct execute_irreversible {
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::execute;
        d.label = "execute_irreversible";
        d.sql_up = detail::name_v<Up>;
        d.reversible = false;
        return d;
    }();
};

// A C++ data step, run inside the migration's transaction. Without a down function the
// migration cannot be downgraded.
template <detail::data_fn Up, detail::data_fn Down = nullptr>
struct run {
    static_assert(Up != nullptr, "strata: run<fn>: fn must be a function void(strata::session&)");
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::run;
        d.label = "run";
        d.fn_up = Up;
        d.fn_down = Down;
        d.reversible = Down != nullptr;
        return d;
    }();
};
// A check run after the migration's other steps; `false` rolls the migration back.
template <detail::check_fn Check>
struct validate {
    static_assert(Check != nullptr, "strata: validate<fn>: fn must be a function bool(strata::session&)");
    static constexpr detail::op_desc desc = [] {
        detail::op_desc d{};
        d.kind = detail::op_kind::validate;
        d.label = "validate";
        d.fn_check = Check;
        return d;
    }();
};
}  // namespace strata::dsl
