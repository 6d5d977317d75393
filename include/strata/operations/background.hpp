#pragma once
// background<fn>: data work that runs after every foreground migration, on a worker thread,
// while the application serves (strata::migrate_on_startup, <strata/startup.hpp>, which
// includes this header), outside any transaction: typically a backfill in batches. Its
// completion is recorded; a process that stops first runs it again at its next start, so it
// must be idempotent, and it should return soon once `stop` is requested. The migration's down
// does not undo it. (Not in the umbrella: <stop_token> costs every translation unit.)
#include <strata/stop_token.hpp>

#include <strata/detail/core/descriptors.hpp>

namespace strata::detail {
template <void (*Fn)(session&, stop_token)>
void call_background(session& s, const void* stop) {
    Fn(s, *static_cast<const stop_token*>(stop));
}
constexpr op_desc make_background(background_fn fn, std::uint64_t key) {
    op_desc d = make_op(op_kind::background, "background", {});
    d.function_key = key;
    d.fn_background = fn;
    return d;
}
}  // namespace strata::detail

namespace strata::dsl {
template <void (*Fn)(session&, stop_token)>
struct background {
    static_assert(!detail::null_function<Fn>, "strata: background<fn>: fn must be a function void(strata::session&, strata::stop_token)");
    static constexpr detail::op_desc desc = detail::make_background(&detail::call_background<Fn>, detail::function_key<Fn>());
};
}  // namespace strata::dsl
