#pragma once
// What a chain can get wrong, as a value the fold returns (see detail/core/state.hpp) and later turns
// into a `static_assert` naming the culprit (see detail/core/diagnostics.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <strata/detail/core/rules.hpp>

namespace strata::detail {

// One kind per rule of the chain check, named as the rule (detail/core/rules.hpp).
#define STRATA_ERROR_KIND(rule, message) rule,
enum class error_kind : std::uint8_t {
    none,
    STRATA_CHAIN_RULES(STRATA_ERROR_KIND)
};
#undef STRATA_ERROR_KIND

struct error {
    error_kind kind = error_kind::none;
    std::size_t migration = 0;  // index in the chain
    std::size_t op = 0;         // index in the migration's up (or down) list
    bool in_down = false;       // the op is in the explicit down<...> list
    bool derived_down = false;  // (strata::lint) in what the op's derived down runs, not the op itself
    bool whole_migration = false;  // about the migration (version, name, down proof), no operation
    std::string_view a{}, b{}, c{};  // the names involved (table, column, ...)
    constexpr explicit operator bool() const noexcept { return kind != error_kind::none; }
};

constexpr error fail(error_kind k, std::string_view a = {}, std::string_view b = {},
                     std::string_view c = {}) noexcept {
    error e{};
    e.kind = k;
    e.a = a;
    e.b = b;
    e.c = c;
    return e;
}

}  // namespace strata::detail
