#pragma once
// The steps of execute, run, validate and background (operations/steps.hpp,
// operations/background.hpp): statements given as text, and C++ functions the runtime calls.
// Included by detail/sql/generate.hpp, after the generator.
#include <strata/detail/sql/generate.hpp>

namespace strata::detail {

// An empty down (strata::dsl::nothing) is a step that sends nothing, which plan() shows.
template <class S>
constexpr error generator<S>::generate_execute(S&, const op_desc& op, emitter& up, emitter& down) {
    std::string_view up_sql = op.sql_up, down_sql = op.sql_down;
    if (op.has_per_dialect) {
        const auto i = static_cast<std::size_t>(d.id);
        if (!op.per_dialect->given[i]) return fail(error_kind::no_sql_for_dialect, d.name);
        up_sql = op.per_dialect->up[i];
        down_sql = op.per_dialect->down[i];
    }
    // A statement whose last line holds "--" (a comment, or one in a string) ends with a line
    // break: the ";" every script and joined text puts after a statement would be in the
    // comment (the checksum is the operation's, not this text's).
    auto statement = [](emitter& e, std::string_view sql) {
        e.begin().put(sql);
        std::size_t last_line = 0;
        for (std::size_t i = 0; i < sql.size(); ++i)
            if (sql[i] == '\n') last_line = i + 1;
        for (std::size_t i = last_line; i + 1 < sql.size(); ++i)
            if (sql[i] == '-' && sql[i + 1] == '-') {
                e.put("\n");
                break;
            }
        e.end();
    };
    statement(up, up_sql);
    if (!op.reversible) irreversible = true;
    else if (down_sql.empty()) down.add_step(step_rec{step_kind::nothing, 0, 0, nullptr, nullptr});
    else statement(down, down_sql);
    return {};
}

template <class S>
constexpr error generator<S>::generate_run(S&, const op_desc& op, emitter& up, emitter& down) {
    up.add_step(step_rec{step_kind::run, 0, 0, op.fn_up, nullptr});
    if (op.reversible) down.add_step(step_rec{step_kind::run, 0, 0, op.fn_down, nullptr});  // (not `if (op.fn_down)`: see null_function)
    else irreversible = true;
    return {};
}

// After the migration's other steps (generate_migration).
template <class S>
constexpr error generator<S>::generate_validate(S&, const op_desc&, emitter&, emitter&) {
    return {};
}

// Not part of the migration's SQL: run by the start-up helper.
template <class S>
constexpr error generator<S>::generate_background(S&, const op_desc&, emitter&, emitter&) {
    return {};
}

}  // namespace strata::detail
