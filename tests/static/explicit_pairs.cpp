// Long histories of explicit up<...>/down<...> pairs, as a project converted from Alembic or
// Flyway has (every migration with its downgrade). Each pair is proven to restore the state
// before it; that proof compared the whole state, so it grew with the history: 100 pairs hit
// clang's step limit, 400 on one wide table g++'s operation limit. Now it compares what the
// pair's operations name (detail/core/fold.hpp, pair_names), and these compile with the
// compilers' default limits. A wrong down is still found, late in the history, with its culprit.
#include <cstddef>
#include <string_view>
#include <utility>

#include <strata/strata.hpp>

using namespace strata::dsl;

namespace {

// "c0042": a distinct name per index.
template <std::size_t I>
inline constexpr strata::fixed_string<6> numbered = [] {
    const char s[5] = {'c', char('0' + I / 1000 % 10), char('0' + I / 100 % 10), char('0' + I / 10 % 10), char('0' + I % 10)};
    return strata::fixed_string<6>(std::string_view(s, 5));
}();

// ---- 400 pairs on one table, which grows to 400 columns ----
using wide_table = strata::migration<1, "wide", create_table<"wide", column<"id", bigint, primary_key>>>;
template <std::size_t I>
using add_to_wide = strata::migration<I + 2, numbered<I>, up<add_column<"wide", column<numbered<I>, text>>>,
                                      down<drop_column<"wide", numbered<I>>>>;
template <std::size_t... I>
auto wide_history(std::index_sequence<I...>) -> strata::chain<wide_table, add_to_wide<I>...>;
using wide = decltype(wide_history(std::make_index_sequence<400>{}));
static_assert(strata::valid_chain<wide>);
static_assert(wide::size == 401);
static_assert(wide::schema::has_column<"wide", "c0399">);

// The same with the last down dropping another column: found, and named.
using wrong_last = strata::migration<402, "wrong", up<add_column<"wide", column<"extra", text>>>,
                                     down<drop_column<"wide", "c0007">>>;
template <std::size_t... I>
auto wrong_history(std::index_sequence<I...>) -> strata::chain<wide_table, add_to_wide<I>..., wrong_last>;
using wrong = decltype(wrong_history(std::make_index_sequence<400>{}));
static_assert(strata::chain_error<wrong> == strata::error_kind::down_does_not_restore);
static_assert(strata::detail::final_result<strata::detail::proxy_t<wrong>>.err.a == "wide");
static_assert(strata::detail::final_result<strata::detail::proxy_t<wrong>>.err.b == "c0007");
static_assert(strata::detail::final_result<strata::detail::proxy_t<wrong>>.err.migration == 401);

// ---- 300 pairs over 30 tables: tables created and indexed by pairs, columns added and renamed ----
template <std::size_t I>
using table_pair = strata::migration<I + 1, numbered<I>,
                                     up<create_table<numbered<I>, column<"id", bigint, primary_key>, column<"v", text>>,
                                        create_index<numbered<I + 1000>, numbered<I>, "v">>,
                                     down<drop_index<numbered<I + 1000>>, drop_table<numbered<I>>>>;
template <std::size_t I>
using column_pair = strata::migration<I + 31, numbered<I + 2000>,
                                      up<add_column<numbered<I % 30>, column<numbered<I + 3000>, text>>,
                                         rename_column<numbered<I % 30>, numbered<I + 3000>, numbered<I + 4000>>>,
                                      down<drop_column<numbered<I % 30>, numbered<I + 4000>>>>;
template <std::size_t... T, std::size_t... C>
auto many_history(std::index_sequence<T...>, std::index_sequence<C...>) -> strata::chain<table_pair<T>..., column_pair<C>...>;
using many = decltype(many_history(std::make_index_sequence<30>{}, std::make_index_sequence<270>{}));
static_assert(strata::valid_chain<many>);
// A down that forgets to undo the alter_column (the table is named whole by no operation: only
// the columns named are compared, and "v" is one of them).
using forgets = strata::migration<301, "forgets", up<add_column<"c0003", column<"w", text>>, alter_column<"c0003", "v", set_not_null>>,
                                  down<drop_column<"c0003", "w">>>;
template <std::size_t... T>
auto forgetful_history(std::index_sequence<T...>) -> strata::chain<table_pair<T>..., forgets>;
using forgetful = decltype(forgetful_history(std::make_index_sequence<30>{}));
static_assert(strata::chain_error<forgetful> == strata::error_kind::down_does_not_restore);
static_assert(strata::detail::final_result<strata::detail::proxy_t<forgetful>>.err.b == "v");

}  // namespace

int main() {}
