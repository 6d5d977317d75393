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

int main() {}
