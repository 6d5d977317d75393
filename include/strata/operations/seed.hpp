#pragma once
// Seed data: typed rows inserted by a migration, checked against the columns' types when the
// chain compiles, and removed again (exactly them, by primary key) by its derived down. On
// PostgreSQL, explicit ids in an autoincrement key move its sequence past them (generate.hpp).
//
//   seed<"roles", columns<"id", "name", "builtin">,
//        values<1, "admin", true>,
//        values<2, "guest", nullptr>>
#include <array>
#include <cstddef>
#include <initializer_list>
#include <type_traits>

#include <strata/constraints.hpp>
#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/core/diagnostics.hpp>
#include <strata/detail/core/literal.hpp>
#include <strata/detail/core/placeholders.hpp>
#include <strata/fixed_string.hpp>

namespace strata::detail {
constexpr std::size_t sum(std::initializer_list<std::size_t> xs) {
    std::size_t n = 0;
    for (std::size_t x : xs) n += x;
    return n;
}
// (braced lists, not folds: no limit on the number of rows)
template <class... Rows>
constexpr auto flatten_rows() {
    constexpr std::size_t total = sum({Rows::size..., 0});
    const std::size_t sizes[] = {Rows::size..., 0};
    const seed_cell* rows[] = {Rows::cells..., nullptr};
    std::array<seed_cell, total == 0 ? 1 : total> out{};
    std::size_t k = 0;
    for (std::size_t r = 0; r < sizeof...(Rows); ++r)
        for (std::size_t i = 0; i < sizes[r]; ++i) out[k++] = rows[r][i];
    return out;
}
template <class T>
struct is_columns : std::false_type {};
template <class C>
using columns_or_placeholder = std::conditional_t<is_columns<C>::value, C, misused_columns>;

constexpr op_desc make_seed(std::string_view table, const std::string_view* names, std::size_t nnames, const seed_cell* cells,
                            std::size_t ncells) {
    op_desc d = make_op(op_kind::seed, "seed", table);
    d.names = names;
    d.nnames = nnames;
    d.cells = cells;
    d.ncells = ncells;
    return d;
}
}  // namespace strata::detail

namespace strata::dsl {
template <fixed_string... Names>
struct columns {
    static constexpr std::size_t size = sizeof...(Names);
    static constexpr std::string_view names[] = {detail::name_v<Names>..., {}};
};
// Each V: an integer, true/false, a string literal of any length, text_from<...>
// (constraints.hpp), or nullptr for NULL.
template <detail::seed_literal... V>
struct values {
    static constexpr std::size_t size = sizeof...(V);
    static constexpr detail::seed_cell cells[] = {detail::seed_cell{V.kind, V.view()}..., {}};
};

template <fixed_string Table, class Columns, class... Rows>
struct seed {
    using names = detail::columns_or_placeholder<Columns>;
    enum : bool {
        well_formed =
            detail::check_dsl<detail::is_columns<Columns>::value, detail::seed_without_columns, seed>::value &&
            // (each rule only when the ones before it hold: one error, the first)
            detail::check_dsl<!detail::is_columns<Columns>::value || sizeof...(Rows) != 0,
                              detail::seed_without_rows, seed>::value &&
            detail::check_dsl<!detail::is_columns<Columns>::value || detail::all_true<(Rows::size == names::size)...>,
                              detail::seed_row_size, seed>::value
    };
    static constexpr auto cells = detail::flatten_rows<Rows...>();
    // (a misused seed spells no cells: its placeholder reports nothing more)
    static constexpr detail::op_desc desc = detail::mark_misused(
        detail::make_seed(detail::name_v<Table>, names::names, well_formed ? names::size : 0, cells.data(),
                          well_formed ? names::size * sizeof...(Rows) : 0),
        !well_formed);
};
}  // namespace strata::dsl

namespace strata::detail {
template <fixed_string... Names>
struct is_columns<dsl::columns<Names...>> : std::true_type {};
}  // namespace strata::detail
