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

// ---- 300 pairs that each replace the one index of a table of 80 columns ----
// An index or constraint pair compares its table's keys, not its columns: compared whole, each
// of these pairs cost a comparison of 81 columns, and 300 of them passed clang's step limit.
using keyed_table = strata::migration<1, "keyed", create_table<"keyed", column<"id", bigint, primary_key>, column<numbered<5000>, text>, column<numbered<5001>, text>, column<numbered<5002>, text>, column<numbered<5003>, text>, column<numbered<5004>, text>, column<numbered<5005>, text>, column<numbered<5006>, text>, column<numbered<5007>, text>, column<numbered<5008>, text>, column<numbered<5009>, text>, column<numbered<5010>, text>, column<numbered<5011>, text>, column<numbered<5012>, text>, column<numbered<5013>, text>, column<numbered<5014>, text>, column<numbered<5015>, text>, column<numbered<5016>, text>, column<numbered<5017>, text>, column<numbered<5018>, text>, column<numbered<5019>, text>, column<numbered<5020>, text>, column<numbered<5021>, text>, column<numbered<5022>, text>, column<numbered<5023>, text>, column<numbered<5024>, text>, column<numbered<5025>, text>, column<numbered<5026>, text>, column<numbered<5027>, text>, column<numbered<5028>, text>, column<numbered<5029>, text>, column<numbered<5030>, text>, column<numbered<5031>, text>, column<numbered<5032>, text>, column<numbered<5033>, text>, column<numbered<5034>, text>, column<numbered<5035>, text>, column<numbered<5036>, text>, column<numbered<5037>, text>, column<numbered<5038>, text>, column<numbered<5039>, text>, column<numbered<5040>, text>, column<numbered<5041>, text>, column<numbered<5042>, text>, column<numbered<5043>, text>, column<numbered<5044>, text>, column<numbered<5045>, text>, column<numbered<5046>, text>, column<numbered<5047>, text>, column<numbered<5048>, text>, column<numbered<5049>, text>, column<numbered<5050>, text>, column<numbered<5051>, text>, column<numbered<5052>, text>, column<numbered<5053>, text>, column<numbered<5054>, text>, column<numbered<5055>, text>, column<numbered<5056>, text>, column<numbered<5057>, text>, column<numbered<5058>, text>, column<numbered<5059>, text>, column<numbered<5060>, text>, column<numbered<5061>, text>, column<numbered<5062>, text>, column<numbered<5063>, text>, column<numbered<5064>, text>, column<numbered<5065>, text>, column<numbered<5066>, text>, column<numbered<5067>, text>, column<numbered<5068>, text>, column<numbered<5069>, text>, column<numbered<5070>, text>, column<numbered<5071>, text>, column<numbered<5072>, text>, column<numbered<5073>, text>, column<numbered<5074>, text>, column<numbered<5075>, text>, column<numbered<5076>, text>, column<numbered<5077>, text>, column<numbered<5078>, text>, column<numbered<5079>, text>>,
                                      create_index<numbered<0>, "keyed", numbered<5000>>>;
template <std::size_t I>
using swap_index = strata::migration<I + 1, numbered<I + 6000>,
                                     up<drop_index<numbered<I - 1>>, create_index<numbered<I>, "keyed", numbered<5000 + I % 80>>>,
                                     down<drop_index<numbered<I>>, create_index<numbered<I - 1>, "keyed", numbered<5000 + (I - 1) % 80>>>>;
template <std::size_t... I>
auto keyed_history(std::index_sequence<I...>) -> strata::chain<keyed_table, swap_index<I + 1>...>;
using keyed = decltype(keyed_history(std::make_index_sequence<300>{}));
static_assert(strata::valid_chain<keyed>);
static_assert(keyed::schema::has_index<numbered<300>>);
// The last down restoring the index on another column: found, and named.
using swaps_wrong = strata::migration<302, "swaps wrong", up<drop_index<numbered<300>>, create_index<"last", "keyed", numbered<5001>>>,
                                      down<drop_index<"last">, create_index<numbered<300>, "keyed", numbered<5002>>>>;
template <std::size_t... I>
auto keyed_wrong_history(std::index_sequence<I...>) -> strata::chain<keyed_table, swap_index<I + 1>..., swaps_wrong>;
using keyed_wrong = decltype(keyed_wrong_history(std::make_index_sequence<300>{}));
static_assert(strata::chain_error<keyed_wrong> == strata::error_kind::down_does_not_restore);
static_assert(strata::detail::final_result<strata::detail::proxy_t<keyed_wrong>>.err.a == "keyed");
static_assert(strata::detail::final_result<strata::detail::proxy_t<keyed_wrong>>.err.b == numbered<300>.view());
static_assert(strata::detail::final_result<strata::detail::proxy_t<keyed_wrong>>.err.migration == 301);

}  // namespace

int main() {}
