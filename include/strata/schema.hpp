#pragma once
// The typed schema state a user sees: `history::schema`, `history::schema_at<V>`.
// Queries are constexpr (has_table, has_column, cpp_type) and the whole state can be walked in
// constant expressions: tables(), each table's columns(), indexes(), foreign_keys(),
// constraints(), and enums().
#include <optional>
#include <type_traits>

#include <strata/detail/core/checkpoints.hpp>
#include <strata/types.hpp>

namespace strata {
namespace detail {
// Walks the live slots of one pool of a state.
template <class S, class View, auto Count, auto Keep>
struct slot_range {
    const S* s;
    int owner;  // the table (or enum) the range belongs to; -1: all
    struct iterator {
        const S* s;
        int owner;
        int i;
        constexpr View operator*() const { return View{s, i}; }
        constexpr iterator& operator++() {
            ++i;
            skip();
            return *this;
        }
        constexpr void skip() {
            while (i < Count(*s) && !Keep(*s, i, owner)) ++i;
        }
        constexpr bool operator==(const iterator& o) const { return i == o.i; }
    };
    constexpr iterator begin() const {
        iterator it{s, owner, 0};
        it.skip();
        return it;
    }
    constexpr iterator end() const { return iterator{s, owner, Count(*s)}; }
    constexpr std::size_t size() const {
        std::size_t n = 0;
        for (auto it = begin(); it != end(); ++it) ++n;
        return n;
    }
};
}  // namespace detail

template <class S>
struct column_view {
    const S* s;
    int i;
    constexpr const detail::column_desc& def() const { return s->columns[i].def; }
    constexpr std::string_view name() const { return def().name; }
    constexpr detail::type_desc type() const { return def().type; }
    constexpr bool not_null() const { return def().not_null; }
    constexpr bool primary_key() const { return def().primary_key; }
    constexpr bool unique() const { return def().unique; }
    constexpr bool autoincrement() const { return def().autoincrement; }
    constexpr bool identity() const { return def().identity; }
    constexpr detail::default_desc default_value() const { return def().def; }
    constexpr std::string_view check() const { return def().check; }
    constexpr bool is_foreign_key() const { return s->columns[i].ref_table != -1; }
    constexpr std::string_view references_table() const {
        return is_foreign_key() ? s->tables[s->columns[i].ref_table].name : std::string_view{};
    }
    constexpr std::string_view references_column() const {
        return is_foreign_key() ? s->columns[s->columns[i].ref_column].def.name : std::string_view{};
    }
    constexpr detail::fk_action on_delete() const { return def().on_delete; }
};

template <class S>
struct index_view {
    const S* s;
    int i;
    constexpr std::string_view name() const { return s->indexes[i].name; }
    constexpr std::string_view table() const { return s->tables[s->indexes[i].table].name; }
    constexpr bool unique() const { return s->indexes[i].unique; }
    constexpr std::size_t column_count() const { return s->indexes[i].ncolumns; }
    constexpr std::string_view column(std::size_t k) const { return s->columns[s->indexes[i].columns[k]].def.name; }
};

template <class S>
struct constraint_view {
    const S* s;
    int i;
    constexpr detail::constraint_kind kind() const { return s->constraints[i].kind; }
    constexpr std::string_view name() const { return s->constraints[i].name; }
    constexpr std::string_view table() const { return s->tables[s->constraints[i].table].name; }
    constexpr std::size_t column_count() const { return s->constraints[i].ncolumns; }
    constexpr std::string_view column(std::size_t k) const {
        return s->columns[s->constraints[i].columns[k]].def.name;
    }
    constexpr std::string_view check() const { return s->constraints[i].check; }
    constexpr std::string_view references_table() const {
        return s->constraints[i].ref_table == -1 ? std::string_view{} : s->tables[s->constraints[i].ref_table].name;
    }
    constexpr std::string_view references_column() const {
        return s->constraints[i].ref_column == -1 ? std::string_view{} : s->columns[s->constraints[i].ref_column].def.name;
    }
    constexpr detail::fk_action on_delete() const { return s->constraints[i].on_delete; }
    // false: a foreign key or check added with not_valid, and not validated since
    constexpr bool validated() const { return !s->constraints[i].not_valid; }
};

// A foreign key, declared on a column (`references<...>`) or as a named constraint.
struct foreign_key_info {
    std::string_view name{};  // empty for a column's `references<...>`
    std::string_view column{}, references_table{}, references_column{};
    detail::fk_action on_delete{};
};

template <class S>
struct table_view {
    const S* s;
    int i;
    struct column_iter {
        const S* s;
        int c;
        constexpr column_view<S> operator*() const { return {s, c}; }
        constexpr column_iter& operator++() { c = s->columns[c].next; return *this; }
        constexpr bool operator==(const column_iter& o) const { return c == o.c; }
    };
    struct column_list {
        const S* s;
        int first;
        constexpr column_iter begin() const { return {s, first}; }
        constexpr column_iter end() const { return {s, -1}; }
        constexpr std::size_t size() const { std::size_t n = 0; for (auto c : *this) { (void)c; ++n; } return n; }
    };
    static constexpr int count_indexes(const S& s) { return s.nindexes; }
    static constexpr bool keep_index(const S& s, int k, int t) { return s.indexes[k].alive && s.indexes[k].table == t; }
    static constexpr int count_constraints(const S& s) { return s.nconstraints; }
    static constexpr bool keep_constraint(const S& s, int k, int t) { return s.constraints[k].alive && s.constraints[k].table == t; }

    constexpr std::string_view name() const { return s->tables[i].name; }
    constexpr column_list columns() const { return {s, s->tables[i].first}; }
    constexpr auto indexes() const {
        return detail::slot_range<S, index_view<S>, count_indexes, keep_index>{s, i};
    }
    constexpr auto constraints() const {
        return detail::slot_range<S, constraint_view<S>, count_constraints, keep_constraint>{s, i};
    }
    // Up to one foreign key per column plus the named ones, in declaration order.
    template <std::size_t Max = 64>
    constexpr std::size_t foreign_keys(foreign_key_info (&out)[Max]) const {
        std::size_t n = 0;
        for (auto c : columns())
            if (c.is_foreign_key() && n < Max)
                out[n++] = {{}, c.name(), c.references_table(), c.references_column(), c.on_delete()};
        for (auto k : constraints())
            if (k.kind() == detail::constraint_kind::foreign_key && n < Max)
                out[n++] = {k.name(), k.column(0), k.references_table(), k.references_column(), k.on_delete()};
        return n;
    }
};

template <class S>
struct enum_view {
    const S* s;
    int i;
    constexpr std::string_view name() const { return s->enums[i].name; }
    struct value_iter {
        const S* s;
        int v;
        constexpr std::string_view operator*() const { return s->enum_values[v].value; }
        constexpr value_iter& operator++() { v = s->enum_values[v].next; return *this; }
        constexpr bool operator==(const value_iter& o) const { return v == o.v; }
    };
    struct value_list {
        const S* s;
        int first;
        constexpr value_iter begin() const { return {s, first}; }
        constexpr value_iter end() const { return {s, -1}; }
    };
    constexpr value_list values() const { return {s, s->enums[i].first}; }
};

namespace detail {
template <class S> constexpr int count_tables(const S& s) { return s.ntables; }
template <class S> constexpr bool keep_table(const S& s, int k, int) { return s.tables[k].alive; }
template <class S> constexpr int count_enums(const S& s) { return s.nenums; }
template <class S> constexpr bool keep_enum(const S& s, int k, int) { return s.enums[k].alive; }
template <class S> constexpr int count_all_indexes(const S& s) { return s.nindexes; }
template <class S> constexpr bool keep_any_index(const S& s, int k, int) { return s.indexes[k].alive; }
}  // namespace detail

// A state of the schema: the one after the first `Applied` migrations of `Chain`.
template <class Chain, std::size_t Applied>
struct schema_state {
    static constexpr const auto& value = detail::state_after<Chain, Applied>.state;
    using state_type = std::remove_cvref_t<decltype(value)>;
    static constexpr std::uint64_t version = Applied == 0 ? 0 : Chain::descs[Applied - 1].version;

    template <fixed_string T>
    static constexpr bool has_table = value.find_table(detail::name_v<T>) != -1;
    template <fixed_string T, fixed_string C>
    static constexpr bool has_column = has_table<T> && value.find_column(value.find_table(detail::name_v<T>), detail::name_v<C>) != -1;
    template <fixed_string I>
    static constexpr bool has_index = value.find_index(detail::name_v<I>) != -1;
    template <fixed_string E>
    static constexpr bool has_enum = value.find_enum(detail::name_v<E>) != -1;

    template <fixed_string T, fixed_string C>
    static constexpr column_view<state_type> column() {
        static_assert(has_column<T, C>, "strata: schema::column<T, C>: no such column in this schema state");
        return {&value, value.find_column(value.find_table(detail::name_v<T>), detail::name_v<C>)};
    }
    template <fixed_string T>
    static constexpr table_view<state_type> table() {
        static_assert(has_table<T>, "strata: schema::table<T>: no such table in this schema state");
        return {&value, value.find_table(detail::name_v<T>)};
    }

    // (public only because clang checks access through the derived `chain::schema`)
    template <fixed_string T, fixed_string C>
    static constexpr auto cpp_type_helper() {
        constexpr auto col = column<T, C>();
        using base = typename cpp_type_of<col.type().kind>::type;
        if constexpr (col.not_null()) return std::type_identity<base>{};
        else return std::type_identity<std::optional<base>>{};
    }

    // The C++ type of a value of column C of table T; std::optional<...> when it is nullable.
    template <fixed_string T, fixed_string C>
    using cpp_type = typename decltype(cpp_type_helper<T, C>())::type;

    static constexpr auto tables() {
        return detail::slot_range<state_type, table_view<state_type>, detail::count_tables<state_type>,
                                  detail::keep_table<state_type>>{&value, -1};
    }
    static constexpr auto indexes() {
        return detail::slot_range<state_type, index_view<state_type>, detail::count_all_indexes<state_type>,
                                  detail::keep_any_index<state_type>>{&value, -1};
    }
    static constexpr auto enums() {
        return detail::slot_range<state_type, enum_view<state_type>, detail::count_enums<state_type>,
                                  detail::keep_enum<state_type>>{&value, -1};
    }
};
}  // namespace strata
