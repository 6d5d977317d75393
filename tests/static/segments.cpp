// Segments cut by weight (issue 9, point 5): the fold and the compile-time SQL run a segment of
// migrations per constant evaluation, and a segment ends where its migrations' weight would pass
// a budget, not after a fixed count. Light migrations share long segments (fewer copies of the
// state); a heavy one gets a short one, so that a chain of long seeds generates its SQL within
// clang's default step limit (1,048,576), which one segment of 25 migrations did not: five
// seeds of 20 KiB here, a quote every ten bytes (each is doubled in the SQL).
#include <strata/strata.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <utility>

using namespace strata::dsl;

constexpr std::array<char, 20480> make_quoted() {
    constexpr std::string_view unit = "It's text ";  // 10 bytes, one quote
    std::array<char, 20480> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = unit[i % unit.size()];
    return out;
}
inline constexpr std::array<char, 20480> quoted = make_quoted();

using n1 = strata::migration<1, "notes", create_table<"notes", column<"id", bigint, primary_key>, column<"body", text>>>;
template <int Id>
using note = seed<"notes", columns<"id", "body">, values<Id, text_from<quoted>>>;
using n2 = strata::migration<2, "note 1", note<1>>;
using n3 = strata::migration<3, "note 2", note<2>>;
using n4 = strata::migration<4, "note 3", note<3>>;
using n5 = strata::migration<5, "note 4", note<4>>;
using n6 = strata::migration<6, "note 5", note<5>>;
using n7 = strata::migration<7, "titles", add_column<"notes", column<"title", text>>>;
using notes = strata::chain<n1, n2, n3, n4, n5, n6, n7>;

using layout = strata::detail::chain_layout<notes::proxy>;
using strata::detail::migration_weight;
using strata::detail::segment_budget;
static_assert(layout::bounds[0] == 0 && layout::bounds[layout::segments] == notes::size);
// a seed's text weighs by its length
static_assert(migration_weight(n2::desc) > 20480 / 64 && migration_weight(n2::desc) > 10 * migration_weight(n7::desc));
// no segment of more than one migration passes the budget; each segment is as long as it can be
static_assert([] {
    for (std::size_t k = 0; k < layout::segments; ++k) {
        std::size_t w = 0;
        for (std::size_t i = layout::bounds[k]; i < layout::bounds[k + 1]; ++i) w += migration_weight(notes::proxy::descs[i]);
        const bool single = layout::bounds[k + 1] - layout::bounds[k] == 1;
        if (!single && w > segment_budget) return false;
        if (k + 1 < layout::segments && w + migration_weight(notes::proxy::descs[layout::bounds[k + 1]]) <= segment_budget) return false;
    }
    return true;
}());
// clang's budget holds one of these seeds a segment (one segment of 25 migrations held all five)
#if defined(__clang__)
static_assert(2 * migration_weight(n2::desc) > segment_budget && layout::segments >= 5);
#endif

// the SQL of every migration, whole, on both dialects
constexpr std::size_t quoted_sql = 2 * 20480 / 10 * 11 / 2;  // (each quote doubled)
static_assert(strata::sql<strata::sqlite, notes, 4>::up.size() > quoted_sql);
static_assert(strata::sql<strata::postgres, notes, 6>::up.size() > quoted_sql);
static_assert(strata::sql<strata::sqlite, notes, 6>::up.ends_with("It''s text ');\n"));
constexpr const auto& lite = strata::chain_sql<strata::sqlite, notes>::migrations;
constexpr const auto& pg = strata::chain_sql<strata::postgres, notes>::migrations;
static_assert(lite.size() == 7 && pg.size() == 7);
static_assert(lite[6].up_steps.size() == 1 && pg[6].up_steps.size() == 1);

// The fold's segments are runs of whole SQL segments, up to three budgets each (a checkpoint
// copies the whole state; the fold takes about half the SQL generator's steps per unit). A SQL
// segment that starts inside one of the fold's starts from the state folded from the
// checkpoint before it. Forty migrations of a wide table each: several of both kinds.
template <char P, int V>
inline constexpr strata::fixed_string<5> numbered = [] {
    const char s[5] = {P, static_cast<char>('0' + V / 100), static_cast<char>('0' + V / 10 % 10),
                       static_cast<char>('0' + V % 10), '\0'};
    return strata::fixed_string<5>(s);
}();
template <int V>
using wide_table = strata::migration<V, numbered<'m', V>, create_table<numbered<'t', V>, column<"id", bigint, primary_key>,
    column<"c01", text>,
    column<"c02", text>,
    column<"c03", text>,
    column<"c04", text>,
    column<"c05", text>,
    column<"c06", text>,
    column<"c07", text>,
    column<"c08", text>,
    column<"c09", text>,
    column<"c10", text>,
    column<"c11", text>,
    column<"c12", text>,
    column<"c13", text>,
    column<"c14", text>,
    column<"c15", text>,
    column<"c16", text>,
    column<"c17", text>,
    column<"c18", text>,
    column<"c19", text>,
    column<"c20", text>,
    column<"c21", text>,
    column<"c22", text>,
    column<"c23", text>,
    column<"c24", text>,
    column<"c25", text>,
    column<"c26", text>,
    column<"c27", text>,
    column<"c28", text>,
    column<"c29", text>,
    column<"c30", text>,
    column<"c31", text>,
    column<"c32", text>,
    column<"c33", text>,
    column<"c34", text>,
    column<"c35", text>,
    column<"c36", text>,
    column<"c37", text>,
    column<"c38", text>,
    column<"c39", text>,
    column<"c40", text>>>;
template <class Seq>
struct wide_chain_of;
template <int... V>
struct wide_chain_of<std::integer_sequence<int, V...>> {
    using type = strata::chain<wide_table<V + 1>...>;
};
using wide = wide_chain_of<std::make_integer_sequence<int, 40>>::type;
using wide_layout = strata::detail::chain_layout<wide::proxy>;
using strata::detail::fold_budget;
static_assert(wide_layout::segments >= 3 && wide_layout::fold_segments >= 2 &&
              wide_layout::fold_segments < wide_layout::segments);
static_assert([] {
    using L = wide_layout;
    if (L::fold_bounds[0] != 0 || L::fold_bounds[L::fold_segments] != wide::size) return false;
    std::size_t k = 0;  // the SQL segment each fold segment starts at
    for (std::size_t f = 0; f < L::fold_segments; ++f) {
        while (k < L::segments && L::bounds[k] != L::fold_bounds[f]) ++k;
        if (k == L::segments) return false;  // not a SQL bound
        std::size_t w = 0, runs = 0;
        for (; k < L::segments && L::bounds[k] < L::fold_bounds[f + 1]; ++k, ++runs)
            for (std::size_t i = L::bounds[k]; i < L::bounds[k + 1]; ++i) w += migration_weight(wide::proxy::descs[i]);
        if (runs > 1 && w > fold_budget) return false;
        // as long as it can be: the next SQL segment would pass the budget
        std::size_t next = 0;
        if (k < L::segments)
            for (std::size_t i = L::bounds[k]; i < L::bounds[k + 1]; ++i) next += migration_weight(wide::proxy::descs[i]);
        if (k < L::segments && w + next <= fold_budget) return false;
    }
    return true;
}());
// the first SQL segment that starts inside a fold segment, its migration's SQL and schema
constexpr std::size_t inner = []() consteval {
    using L = wide_layout;
    for (std::size_t k = 1; k < L::segments; ++k)
        if (L::fold_bounds[L::checkpoint_of(L::bounds[k])] != L::bounds[k]) return L::bounds[k];
    return std::size_t{0};
}();
static_assert(inner > 0);
constexpr const auto& wide_lite = strata::chain_sql<strata::sqlite, wide>::migrations;
constexpr const auto& wide_pg = strata::chain_sql<strata::postgres, wide>::migrations;
// (the migration at index `inner`, version inner + 1, creates table numbered<'t', inner + 1>)
constexpr bool creates(const strata::migration_sql& m, int v) {
    if (m.up_steps.empty()) return false;
    const char want[] = {'C', 'R', 'E', 'A', 'T', 'E', ' ', 'T', 'A', 'B', 'L', 'E', ' ', '"', 't',
                         static_cast<char>('0' + v / 100), static_cast<char>('0' + v / 10 % 10),
                         static_cast<char>('0' + v % 10), '"', ' '};
    std::size_t n = 0;  // the statement's first bytes, joined
    for (const strata::sql_fragment& f : m.up_steps[0].fragments)
        for (char c : f.view())
            if (n < sizeof want && c != want[n++]) return false;
    return n >= sizeof want;
}
static_assert(creates(wide_lite[inner], inner + 1) && creates(wide_pg[inner], inner + 1));
static_assert(creates(wide_lite[inner - 1], inner) && !creates(wide_lite[inner], inner));
static_assert(wide::schema_at<inner>::has_table<numbered<'t', inner>>);
static_assert(!wide::schema_at<inner>::has_table<numbered<'t', inner + 1>>);
static_assert(wide::schema_at<inner + 1>::has_table<numbered<'t', inner + 1>>);

int main() {}
