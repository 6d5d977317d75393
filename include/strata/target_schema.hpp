#pragma once
// A declared target schema, and the chain's head compared with it (Mountaineer's and Alembic's
// autogenerate, moved to compile time):
//
//   using target = strata::target_schema<
//       create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>>,
//       create_index<"users_email_idx", "users", "email">>;
//   static_assert(strata::matches<history, target>);   // fails naming each difference
//   std::string next = strata::autogenerate<history, target>(5, "close the gap");  // its C++
//
// Tables and columns are compared by name, with their types, nullability, defaults and keys;
// indexes, constraints and enums by name. Renames are never guessed.
#include <strata/detail/algorithm.hpp>
#include <strata/detail/unique_ptr.hpp>
#include <string>
#include <utility>
#include <vector>

#include <strata/chain.hpp>
#include <strata/detail/target_schema.hpp>
#include <strata/migration.hpp>

namespace strata {

// The schema an application's code expects, written as the operations that create it; any
// chain works too (a squashed history: strata::matches<long_chain, squashed_chain>).
template <class... Ops>
using target_schema = chain<migration<1, "target schema", Ops...>>;

// True when the chain's head is the target schema. In a static_assert it fails with one
// error per difference (the first 8), each naming the table, column, index, constraint or
// enum and how it differs.
template <class Chain, class Target>
inline constexpr bool matches = detail::match_value<detail::proxy_t<Chain>, detail::proxy_t<Target>>();

// How many differences there are, with no diagnostic (for tests and conditions).
template <class Chain, class Target>
inline constexpr std::size_t difference_count =
    detail::checked_chain<detail::proxy_t<Chain>> && detail::checked_chain<detail::proxy_t<Target>>
        ? detail::differences_v<detail::proxy_t<Chain>, detail::proxy_t<Target>>.count
        : 0;

// The C++ of the migration that takes the chain's head to the target schema: version
// `version` (0: the head's + 1), named `name`, with notes for what no operation can do and
// where a rename may have been meant. Generated when the program runs.
template <class Chain, class Target>
std::string autogenerate(std::uint64_t version = 0, std::string_view name = "describe this migration") {
    return detail::autogenerate_text<detail::proxy_t<Chain>, detail::proxy_t<Target>>(version, name);
}

namespace detail {
// What cli::run<Chain, Target> asks of a Target (declared in cli.hpp).
template <class Chain, class Target>
struct target_diff {
    static constexpr std::string (*text)(std::uint64_t, std::string_view) = &autogenerate<Chain, Target>;
    static constexpr std::size_t count = difference_count<Chain, Target>;
};
}  // namespace detail

}  // namespace strata
