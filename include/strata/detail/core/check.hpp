#pragma once
// The one place where a broken rule becomes a compiler error, exactly once.
//
//   detail::require<ok, Rule>   true when `ok`; otherwise false, and Rule's static_assert fires
//   detail::check_dsl<ok, Rule, Culprit>::value   the same for a DSL template (Rule<Culprit>)
//
// (A concept, not a variable template: g++ gives every variable template specialization a
// mangled name, and a `require` per column, operation and migration, keyed by those long types,
// cost 3 s of g++ at N = 1000 in `check` mode; concepts are not emitted.)
//
// A rule is a class template with a failing `static_assert` (its message starts "strata: ")
// and `static constexpr bool value = false`.
//
// Every strata check (the chain's fold, a misused DSL template, a version asked of a chain)
// goes through `require`. Why not a `static_assert` where the check is: clang marks a class
// whose static_assert failed as invalid, and every constant that reads a member of it fails
// again ("must be initialized by a constant expression", "enumerator value is not a constant
// expression"): three or four errors for one mistake, more for a misused DSL type, whose
// descriptor every enclosing operation, migration and chain reads. So the failing
// `static_assert` lives in a rule template of its own (its name says the rule, its arguments
// the culprit: detail/core/diagnostics.hpp), instantiated from the body of a function whose
// address `require` takes. Nothing reads that function, so nothing else fails: `require` stays
// a constant (false), and the code after it goes on with a harmless placeholder (an empty
// descriptor marked `misused`, no SQL for a wrong chain), which reports nothing more.
// Measured over tests/compile_fail (scripts/diagnostic-sizes): see docs/design.md.
#include <type_traits>

namespace strata::detail {

template <class T>
inline constexpr bool always_false = false;

struct check_passed {
    static constexpr bool value = true;
};
#if defined(__clang__)
// Instantiating the body instantiates the rule, whose static_assert fails.
template <class Rule>
void raise_rule() {
    static_cast<void>(sizeof(Rule));
}
template <class Rule>
struct check_failed {
    // Taking the address odr-uses raise_rule<Rule>, so its body is instantiated; the value does
    // not depend on it.
    static constexpr bool value = (static_cast<void>(&raise_rule<Rule>), false);
};
// `Rule` is instantiated only when `Ok` is false.
template <bool Ok, class Rule>
concept require = std::conditional_t<Ok, check_passed, check_failed<Rule>>::value;
#else
// g++ keeps a class whose static_assert failed usable: the rule is read directly (its `value`
// is false), one frame less in the instantiation context, each of which spells the rule's
// arguments again.
template <bool Ok, class Rule>
concept require = std::conditional_t<Ok, check_passed, Rule>::value;
#endif

// `require` for a DSL template, written `check_dsl<ok, rule, culprit>::value`: Rule<Culprit> is
// named only when `ok` is false. (`require<ok, rule<culprit>>` makes a class template
// specialization and a concept satisfaction keyed by the culprit, a long type, in every use: a
// tenth of what a column costs to compile.)
template <bool Ok>
struct dsl_check_of {
    template <template <class> class Rule, class Culprit>
    using result = check_passed;
};
template <>
struct dsl_check_of<false> {
#if defined(__clang__)
    template <template <class> class Rule, class Culprit>
    using result = check_failed<Rule<Culprit>>;
#else
    template <template <class> class Rule, class Culprit>
    using result = Rule<Culprit>;
#endif
};
template <bool Ok, template <class> class Rule, class Culprit>
using check_dsl = typename dsl_check_of<Ok>::template result<Rule, Culprit>;

}  // namespace strata::detail
