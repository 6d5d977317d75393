#pragma once
// rows.hpp's machinery: typed rows checked against one schema state (schema.hpp's
// schema_state: `history::schema`, `history::schema_at<V>`), and the statements that read and
// write them.
//
// A row is a model (model.hpp: a struct adapted with Boost.Hana and its table<...>) or the
// columns named in select<At, "table", "column"...>. The check reads the state's has_column and
// cpp_type for each member or column, once per (row type, state), and the first member that
// breaks a rule is the row's one error (detail/core/rules.hpp, STRATA_ROW_RULES); the statement
// is then not built and nothing else is reported. The statements are constant strings built at
// compile time, identifiers quoted, every value a $n parameter.
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <strata/detail/core/check.hpp>
#include <strata/detail/core/diagnostics.hpp>
#include <strata/detail/core/numeric_text.hpp>
#include <strata/detail/core/rules.hpp>
#include <strata/detail/model.hpp>
#include <strata/fixed_string.hpp>
#include <strata/session.hpp>

namespace strata::diag {
template <std::uint64_t Version>
struct at_version {};
// What a typed-row rule is about: the row (a model, or selected_columns), the table, the member
// or column (empty when the table is missing), and the version of the schema state.
template <class Row, class Table, class Column, class Version>
struct typed_row {};
struct selected_columns {};  // the row of select<At, "table", "column"...>
}  // namespace strata::diag

namespace strata::detail {

// One rule template per typed-row rule; its argument is the culprit.
#define STRATA_ROW_RULE(rule, message)                            \
    template <class Culprit>                                      \
    struct rule {                                                 \
        static_assert(always_false<Culprit>, "strata: " message); \
        static constexpr bool value = false;                      \
    };
STRATA_ROW_RULES(STRATA_ROW_RULE)
#undef STRATA_ROW_RULE

// A schema state, as schema.hpp's schema_state (or a chain's `schema`, derived from it) is.
template <class At>
concept schema_state_type = requires {
    { At::version } -> std::convertible_to<std::uint64_t>;
    At::value.find_table(std::string_view{});
};

// The same C++ type, a 64-bit long long and std::int64_t (long) counting as one, as models do.
template <class A, class B>
inline constexpr bool same_value_type =
    std::is_same_v<A, B> || (std::is_integral_v<A> && std::is_integral_v<B> && std::is_signed_v<A> && std::is_signed_v<B> &&
                             sizeof(A) == sizeof(B) && !std::is_same_v<A, bool> && !std::is_same_v<B, bool>);

enum class row_fault : std::uint8_t { none, missing, type, nullability };

// Member: the member's type, or void for a selected column (whose type is the column's).
template <class At, fixed_string Table, fixed_string Column, class Member>
constexpr row_fault column_fault() {
    if constexpr (!At::template has_column<Table, Column>) {
        return row_fault::missing;
    } else if constexpr (std::is_void_v<Member>) {
        return row_fault::none;
    } else {
        using want = typename At::template cpp_type<Table, Column>;
        using want_parts = optional_parts<want>;
        using have_parts = optional_parts<Member>;
        if constexpr (same_value_type<typename want_parts::type, typename have_parts::type>)
            return want_parts::nullable == have_parts::nullable ? row_fault::none : row_fault::nullability;
        else
            return row_fault::type;
    }
}

// The columns of a row: names, and the member types (void for selected columns).
template <fixed_string Name, class Type>
struct row_column {
    static constexpr auto name = Name;
    using type = Type;
};

struct row_verdict {
    std::size_t first;  // the member or column at fault
    row_fault fault;
};
constexpr row_verdict first_fault(std::initializer_list<row_fault> faults) {
    std::size_t i = 0;
    for (row_fault f : faults) {
        if (f != row_fault::none) return {i, f};
        ++i;
    }
    return {i, row_fault::none};
}

template <class Row, class At, fixed_string Table, class Columns>
struct row_check;
template <class Row, class At, fixed_string Table, class... C>
struct row_check<Row, At, Table, list<C...>> {
    static constexpr bool table_exists = At::template has_table<Table>;
    static constexpr row_verdict verdict = first_fault(
        {(table_exists ? column_fault<At, Table, C::name, typename C::type>() : row_fault::missing)...});
    static constexpr row_fault fault = verdict.fault;
    static constexpr std::string_view names[sizeof...(C) + 1] = {name_v<C::name>..., {}};
};
// The member or column at fault ("" when the table itself is missing); (a name as a template
// argument must be a whole object: clang refuses an array element)
template <class Check>
inline constexpr std::string_view culprit_name = Check::table_exists ? Check::names[Check::verdict.first] : std::string_view{};
template <class Row, class At, fixed_string Table, class Check>
using row_culprit = diag::typed_row<Row, name_t<name_v<Table>>, name_t<culprit_name<Check>>, diag::at_version<At::version>>;

template <row_fault F, class Culprit>
struct row_rule {
    using type = check_passed;
};
template <class Culprit>
struct row_rule<row_fault::missing, Culprit> {
    using type = row_column_does_not_exist<Culprit>;
};
template <class Culprit>
struct row_rule<row_fault::type, Culprit> {
    using type = row_type_mismatch<Culprit>;
};
template <class Culprit>
struct row_rule<row_fault::nullability, Culprit> {
    using type = row_nullability_mismatch<Culprit>;
};
template <class Row, class At, fixed_string Table, class Columns, class Check = row_check<Row, At, Table, Columns>>
concept row_fits = require<Check::fault == row_fault::none, typename row_rule<Check::fault, row_culprit<Row, At, Table, Check>>::type>;

// An INSERT writes the members' columns and leaves the others to their defaults: the first
// column of the table at the state that is NOT NULL without a default and not among `written`
// (empty: none). Primary key columns are left out: the database may number them (identity,
// autoincrement, SQLite's rowid), which the state cannot tell for every dialect.
template <class At>
consteval std::string_view first_unwritten_column(std::string_view table, std::initializer_list<std::string_view> written) {
    const auto& s = At::value;
    const int t = s.find_table(table);
    if (t == -1) return {};
    for (int c = s.tables[t].first; c != -1; c = s.columns[c].next) {
        const column_desc& d = s.columns[c].def;
        if (!d.not_null || d.def.kind != default_kind::none || d.primary_key) continue;
        bool found = false;
        for (std::string_view w : written) found = found || same_name(w, d.name);
        if (!found) return d.name;
    }
    return {};
}
template <class At, fixed_string Table, class Columns>
struct unwritten_column;
template <class At, fixed_string Table, class... C>
struct unwritten_column<At, Table, list<C...>> {
    static constexpr std::string_view name = first_unwritten_column<At>(name_v<Table>, {name_v<C::name>...});
};
template <class Row, class At, fixed_string Table, class Columns, class U = unwritten_column<At, Table, Columns>>
concept row_insertable =
    require<U::name.empty(), row_not_null_column_not_written<diag::typed_row<Row, name_t<name_v<Table>>, name_t<U::name>,
                                                                             diag::at_version<At::version>>>>;

// ---- the statements: constant strings, identifiers quoted, values as $n ----
template <fixed_string S>
inline constexpr std::string_view quoted_view{quoted_v<S>.data, S.size() + 2};

struct text_size {
    std::size_t n = 0;
    constexpr void operator()(std::string_view s) { n += s.size(); }
};
template <std::size_t N>
struct text_fill {
    std::array<char, N> text{};
    std::size_t at = 0;
    constexpr void operator()(std::string_view s) {
        for (char c : s) text[at++] = c;
    }
};
template <class Out>
constexpr void write_placeholder(Out& out, std::size_t k) {  // $k
    char digits[24]{};
    std::size_t n = 0;
    for (; k > 0 || n == 0; k /= 10) digits[n++] = static_cast<char>('0' + k % 10);
    char text[25]{'$'};
    for (std::size_t i = 0; i < n; ++i) text[1 + i] = digits[n - 1 - i];
    out(std::string_view(text, n + 1));
}

template <fixed_string Table, fixed_string... Columns>
struct row_statements {
    static constexpr std::string_view columns[sizeof...(Columns) + 1] = {quoted_view<Columns>..., {}};
    template <class Out>
    static constexpr void write_columns(Out& out) {
        for (std::size_t i = 0; i < sizeof...(Columns); ++i) {
            if (i) out(", ");
            out(columns[i]);
        }
    }
    struct select {
        template <class Out>
        static constexpr void write(Out& out) {
            out("SELECT ");
            write_columns(out);
            out(" FROM ");
            out(quoted_view<Table>);
        }
    };
    struct insert {
        template <class Out>
        static constexpr void write(Out& out) {
            out("INSERT INTO ");
            out(quoted_view<Table>);
            out(" (");
            write_columns(out);
            out(") VALUES (");
            for (std::size_t i = 0; i < sizeof...(Columns); ++i) {
                if (i) out(", ");
                write_placeholder(out, i + 1);
            }
            out(")");
        }
    };
};
template <class W>
constexpr auto render() {
    constexpr std::size_t n = [] {
        text_size s;
        W::write(s);
        return s.n;
    }();
    text_fill<n> f;
    W::write(f);
    return f.text;
}
template <class W>
inline constexpr auto rendered = render<W>();
template <class W>
inline constexpr std::string_view statement_v{rendered<W>.data(), rendered<W>.size()};

// The statement, then the caller's SQL after it (WHERE ..., ORDER BY ...), if any.
inline std::string with_tail(std::string_view statement, std::string_view tail) {
    std::string sql(statement);
    if (!tail.empty()) {
        sql += ' ';
        sql += tail;
    }
    return sql;
}

// ---- models: members read and written through Hana's accessors ----
template <class T, class Pair>
struct member_access;
template <class T, char... C, class Accessor>
struct member_access<T, boost::hana::pair<boost::hana::string<C...>, Accessor>> {
    static constexpr auto name = hana_name<C...>::value;
    using type = std::remove_cvref_t<decltype(std::declval<const Accessor&>()(std::declval<T&>()))>;
    static constexpr decltype(auto) get(T& t) { return Accessor{}(t); }
    static constexpr decltype(auto) get(const T& t) { return Accessor{}(t); }
};
// Cell i of r as V; a cell V cannot take is refused naming its column.
template <class V>
V read_column(const row& r, std::size_t i, std::string_view column) {
    try {
        return r.get<V>(i);
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(std::string(e.what()) + " (column \"" + std::string(column) + "\")");
    }
}

template <class T, class Accessors>
struct model_access {
    using columns = list<>;
};
template <class T, class... Pairs>
struct model_access<T, boost::hana::tuple<Pairs...>> {
    using columns = list<row_column<member_access<T, Pairs>::name, typename member_access<T, Pairs>::type>...>;
    template <fixed_string Table>
    using statements = row_statements<Table, member_access<T, Pairs>::name...>;
    static T read(const row& r) {
        T t{};
        std::size_t i = 0;
        ((member_access<T, Pairs>::get(t) =
              read_column<typename member_access<T, Pairs>::type>(r, i++, member_access<T, Pairs>::name.view())),
         ...);
        return t;
    }
    static std::array<value, sizeof...(Pairs)> values(const T& t, dialect_id d) {
        return {to_value(member_access<T, Pairs>::get(t), d)...};
    }
};

// What SQLite would store otherwise than PostgreSQL, refused as PostgreSQL refuses it: a NUMERIC
// it would keep rounded, a text longer than a varchar<N> or character<N> (which SQLite keeps
// whole; trailing spaces past N PostgreSQL cuts, so they pass).
template <class At, fixed_string Table, class Columns>
struct sqlite_values;
template <class At, fixed_string Table, class... C>
struct sqlite_values<At, Table, list<C...>> {
    static constexpr type_desc types[] = {At::template column<Table, C::name>().type()..., type_desc{}};
    static constexpr std::string_view names[] = {C::name.view()..., {}};
    template <std::size_t N>
    static void check(const std::array<value, N>& params) {
        for (std::size_t i = 0; i < N; ++i) {
            const auto* t = std::get_if<std::string>(&params[i]);
            if (!t) continue;
            if (types[i].kind == type_kind::numeric && !sqlite_numeric_keeps(*t))
                throw std::runtime_error("strata: cannot store '" + *t +
                                         "' on SQLite: SQLite keeps 15 significant digits of a NUMERIC value that is not a "
                                         "64-bit integer, and would store it rounded (column \"" + std::string(names[i]) + "\")");
            const bool bounded = (types[i].kind == type_kind::varchar && types[i].p != unlimited_length) ||
                                 types[i].kind == type_kind::character;
            if (!bounded) continue;
            std::string_view v = *t;
            while (utf8_length(v) > types[i].p && v.ends_with(' ')) v.remove_suffix(1);
            if (const std::size_t n = utf8_length(v); n > types[i].p)
                throw std::runtime_error("strata: cannot store a text of " + std::to_string(n) + " characters in a " +
                                         (types[i].kind == type_kind::varchar ? "varchar<" : "character<") +
                                         std::to_string(types[i].p) + ">: value too long (PostgreSQL refuses it; SQLite would "
                                         "keep it) (column \"" + std::string(names[i]) + "\")");
        }
    }
};

template <class Spec>
struct table_name_of;
template <fixed_string Name, class... A>
struct table_name_of<table_spec<Name, A...>> {
    static constexpr auto value = Name;
};

// A model read at a state: is it a model (model.hpp's first two rules), then do its members fit.
template <class Model, class At>
struct model_row {
    using table = typename table_annotation_of<Model>::type;
    static constexpr bool is_model = require<hana_struct<Model>, model_not_a_struct<diag::model<Model>>> &&
                                     require<!hana_struct<Model> || !std::is_void_v<table>, model_without_table<diag::model<Model>>>;
};
template <class Model, class At, bool IsModel = model_row<Model, At>::is_model>
struct model_rows {
    static constexpr bool ok = false;
};
template <class Model, class At>
struct model_rows<Model, At, true> {
    static constexpr auto table = table_name_of<typename table_annotation_of<Model>::type::model_table>::value;
    using access = model_access<Model, decltype(boost::hana::accessors<Model>())>;
    static constexpr bool ok = row_fits<Model, At, table, typename access::columns>;
    using statements = typename access::template statements<table>;
    // (asked by insert only, once the members fit: instantiated only then)
    static constexpr bool insertable = row_insertable<Model, At, table, typename access::columns>;
};

// The same question without an error (strata::row_fits): false for a struct that is no model.
template <class Model, class At, bool IsModel = hana_struct<Model> && !std::is_void_v<typename table_annotation_of<Model>::type>>
inline constexpr row_fault row_fault_of = row_fault::missing;
template <class Model, class At>
inline constexpr row_fault row_fault_of<Model, At, true> =
    row_check<Model, At, table_name_of<typename table_annotation_of<Model>::type::model_table>::value,
              typename model_access<Model, decltype(boost::hana::accessors<Model>())>::columns>::fault;

// Selected columns: the tuple of their cpp_types at the state.
template <class At, fixed_string Table, fixed_string... Columns>
struct column_rows {
    static constexpr bool ok =
        row_fits<diag::selected_columns, At, Table, list<row_column<Columns, void>...>>;
    using statements = row_statements<Table, Columns...>;
};
template <class At, fixed_string Table, fixed_string... Columns>
struct column_tuple {
    using type = std::tuple<typename At::template cpp_type<Table, Columns>...>;
    template <std::size_t... I>
    static type read(const row& r, std::index_sequence<I...>) {
        return type{read_column<std::tuple_element_t<I, type>>(r, I, Columns.view())...};
    }
    static type read(const row& r) { return read(r, std::index_sequence_for<decltype(Columns)...>{}); }
};
template <bool Ok, class At, fixed_string Table, fixed_string... Columns>
struct column_tuple_if {
    using type = std::tuple<>;
};
template <class At, fixed_string Table, fixed_string... Columns>
struct column_tuple_if<true, At, Table, Columns...> {
    using type = typename column_tuple<At, Table, Columns...>::type;
};

}  // namespace strata::detail
