// Functions as template arguments: run<f, g>, validate<c>, background<b>, with plain functions
// and with specialisations of function templates (run<fill<2>, unfill<2>>).
//
// tests/CMakeLists.txt compiles this file with -fno-delete-null-pointer-checks, which is what
// g++'s -fsanitize=null (part of -fsanitize=undefined) implies: g++ then no longer treats
// `&f != nullptr` as a constant expression for a function that may be weak (a template
// specialisation, an inline or external function), and strata used to compare the functions
// with nullptr at compile time (issue 8, point 12). This file keeps the ordinary builds honest
// about it; the g++ UBSan build of scripts/test compiles the runtime tests the same way.
#include <strata/operations/background.hpp>
#include <strata/strata.hpp>

#include <cstdint>
#include <type_traits>
#include <strata/stop_token.hpp>

using namespace strata::dsl;

template <int N>
void fill(strata::session&) {}
template <int N>
void unfill(strata::session&) {}
template <int N>
bool filled(strata::session&) { return true; }
template <int N>
void backfill(strata::session&, strata::stop_token) {}
void plain(strata::session&) {}                          // external linkage, not inline
inline void unplain(strata::session&) {}                 // inline: weak, like a template
bool plain_check(strata::session&) { return true; }
void plain_backfill(strata::session&, strata::stop_token) {}

using f1 = strata::migration<1, "items", create_table<"items", column<"id", bigint, primary_key>, column<"n", integer>>>;
using f2 = strata::migration<2, "templates", run<fill<2>, unfill<2>>, validate<filled<2>>>;
using f3 = strata::migration<3, "one way", run<fill<3>>>;  // no down: irreversible
using f4 = strata::migration<4, "plain", run<plain, unplain>, validate<plain_check>>;
using f5 = strata::migration<5, "backfills", add_column<"items", column<"m", integer>>, background<backfill<5>>,
                             background<plain_backfill>>;
using f6 = strata::migration<6, "mixed", run<plain, unfill<6>>, run<fill<6>>, validate<filled<6>>>;
// Not functions, the same class: a pointer into an operation list (a static member of a class
// template, as weak as a function template) compared with null (concurrent_mix, fold.hpp).
using f7 = strata::migration<7, "concurrent index", create_index_concurrently<"items_n_idx", "items", "n">>;
using f8 = strata::migration<8, "explicit pair", up<run<fill<8>, unfill<8>>, create_index_concurrently<"items_m_idx", "items", "m">>,
                             down<drop_index_concurrently<"items_m_idx">, run<unfill<8>, fill<8>>>>;
using history = strata::chain<f1, f2, f3, f4, f5, f6, f7>;
using mixed = strata::chain<f1, f2, f3, f4, f5, f6, f8>;

using lite = strata::sqlite;
using pg = strata::postgres;

// The functions are the ones given, in their order.
static_assert(f2::body::up_list::ops[0].fn_up == &fill<2> && f2::body::up_list::ops[0].fn_down == &unfill<2>);
static_assert(f2::body::up_list::ops[1].fn_check == &filled<2>);
static_assert(f4::body::up_list::ops[0].fn_up == &plain && f4::body::up_list::ops[0].fn_down == &unplain);

// reversible: a run without a down makes its migration irreversible, in both dialects.
template <class D>
constexpr const auto& ms = strata::chain_sql<D, history>::migrations;
static_assert(ms<lite>[1].reversible && ms<pg>[1].reversible);
static_assert(!ms<lite>[2].reversible && !ms<pg>[2].reversible);
static_assert(ms<lite>[3].reversible && ms<lite>[4].reversible);
static_assert(!ms<lite>[5].reversible && !ms<pg>[5].reversible);
static_assert(!f3::body::up_list::ops[0].reversible && f2::body::up_list::ops[0].reversible && f6::body::up_list::ops[0].reversible);

// The steps: run, then validate last; the down runs the down functions only.
static_assert(ms<lite>[1].up_steps.size() == 2 && ms<lite>[1].up_steps[0].run == &fill<2> &&
              ms<lite>[1].up_steps[1].check == &filled<2>);
static_assert(ms<lite>[1].down_steps.size() == 1 && ms<lite>[1].down_steps[0].run == &unfill<2>);
static_assert(ms<pg>[5].up_steps.size() == 3 && ms<pg>[5].up_steps[0].run == &plain &&
              ms<pg>[5].up_steps[1].run == &fill<6> && ms<pg>[5].up_steps[2].check == &filled<6>);

// The concurrent index runs outside a transaction on PostgreSQL; mixed with a data step, the
// chain is refused (the check that compared a pointer with null).
static_assert(!ms<pg>[6].transactional && ms<lite>[6].transactional);
static_assert(!strata::valid_chain<mixed>);

// Checksums are those computed before the fix (which must not move a stored checksum): taken
// from a build without -fno-delete-null-pointer-checks at the commit before it.
static_assert(ms<lite>[1].checksum == 15414925038902061740ull);
static_assert(ms<pg>[2].checksum == 5083794807340186650ull);
static_assert(ms<lite>[4].checksum == 9792406610395721102ull);
static_assert(ms<pg>[5].checksum == 10428826310386480762ull);

int main() {}

// Two chains that differ only in a data step's function are two chains: one type for both had
// the second run the first one's function. Their checksums stay equal: they are those of the SQL.
namespace same_steps_other_functions {
using t = create_table<"t", column<"id", bigint, primary_key>>;
template <class Step>
using one = strata::chain<strata::migration<1, "t", t, Step>>;
static_assert(!std::is_same_v<one<run<plain>>, one<run<unplain>>>, "strata: run<f> and run<g> make two chains");
static_assert(!std::is_same_v<one<run<plain>>, one<run<plain, unplain>>>, "strata: a down function makes another chain");
static_assert(!std::is_same_v<one<run<fill<1>>>, one<run<fill<2>>>>, "strata: function template specialisations differ");
static_assert(!std::is_same_v<one<validate<filled<1>>>, one<validate<plain_check>>>, "strata: validate<f> and validate<g> differ");
static_assert(!std::is_same_v<one<background<backfill<1>>>, one<background<plain_backfill>>>,
              "strata: background<f> and background<g> differ");
static_assert(std::is_same_v<one<run<fill<1>>>, one<run<fill<1>>>>, "strata: the same function, the same chain");
static_assert(strata::checksum_of(one<run<plain>>::proxy::descs[0], strata::detail::dialect_id::sqlite) ==
                  strata::checksum_of(one<run<unplain>>::proxy::descs[0], strata::detail::dialect_id::sqlite),
              "strata: the checksum is the SQL's, not the function's");
}  // namespace same_steps_other_functions
