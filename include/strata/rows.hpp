#pragma once
// Typed rows: read and write a table's rows as models (<strata/model.hpp>) or as tuples typed
// from a schema state, in a data step (run<fn>) or in application code, the compiler checking
// every column against the chain at that state:
//
//   using At = history::schema;                      // or history::schema_at<V>, chain<m1, m2>::schema
//   std::vector<user> all = strata::select<user, At>(s);
//   auto some = strata::select<user, At>(s, "WHERE \"id\" > $1 ORDER BY \"id\"", 10);
//   strata::for_each<user, At>(s, [](const user& u) { ... });
//   strata::insert<At>(s, user{...});
//   std::vector<std::tuple<std::int64_t, std::string>> pairs = strata::select<At, "users", "id", "email">(s);
//
// A model member (or a selected column) that the table does not have at that state, or whose
// C++ type is not the column's strata::schema_state::cpp_type (std::optional exactly when the
// column is nullable), is one `strata:` error naming the row, table, column and version
// (docs/errors.md, section 7); so is an insert that leaves out a NOT NULL column without a
// default (the key aside). The statements are compile-time constants: identifiers quoted,
// values bound as $1, $2, ... (never formatted in); the optional SQL after FROM "table" is the
// caller's, with its own $n parameters.
//
// A data step names the state it sees: a chain of the migrations before it
// (`using before_v3 = strata::chain<m1, m2>;`, then `before_v3::schema`), since the history
// that holds the step's migration is declared after the step.
// Not included by <strata/strata.hpp>: it brings <strata/model.hpp> (Boost.Hana).
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <strata/detail/rows.hpp>
#include <strata/model.hpp>
#include <strata/session.hpp>

namespace strata {

// Whether Model reads and writes at state At as select, for_each and insert would, asked
// without an error: a model whose every member is a column of its table there, of the column's
// cpp_type (std::optional exactly when the column is nullable).
template <class Model, class At>
concept row_fits = detail::schema_state_type<At> && detail::row_fault_of<Model, At> == detail::row_fault::none;

// Every row of Model's table at state At, in the order of `tail_sql` (SQL after FROM "table":
// "WHERE ... ORDER BY ...", with $1, $2, ... bound to args).
template <class Model, detail::schema_state_type At, class... Args>
std::vector<Model> select(session& s, std::string_view tail_sql = {}, const Args&... args) {
    std::vector<Model> out;
    if constexpr (detail::model_rows<Model, At>::ok) {
        using rows = detail::model_rows<Model, At>;
        s.for_each_row(
            detail::with_tail(detail::statement_v<typename rows::statements::select>, tail_sql),
            [&](const row& r) { out.push_back(rows::access::read(r)); }, args...);
    }
    return out;
}

// Calls f(const Model&) for each row, one at a time (select without the vector).
template <class Model, detail::schema_state_type At, class F, class... Args>
void for_each(session& s, F&& f, std::string_view tail_sql = {}, const Args&... args) {
    if constexpr (detail::model_rows<Model, At>::ok) {
        using rows = detail::model_rows<Model, At>;
        s.for_each_row(
            detail::with_tail(detail::statement_v<typename rows::statements::select>, tail_sql),
            [&](const row& r) { f(static_cast<const Model&>(rows::access::read(r))); }, args...);
    }
}

// INSERT INTO "table" (every member's column) VALUES ($1, ...): one row, every value bound. The
// columns without a member take their defaults: a NOT NULL column without one is an error here
// (row_not_null_column_not_written), not when the statement runs.
template <detail::schema_state_type At, class Model>
void insert(session& s, const Model& m) {
    if constexpr (detail::model_rows<Model, At>::ok) {
        if constexpr (detail::model_rows<Model, At>::insertable) {
            using rows = detail::model_rows<Model, At>;
            const auto params = rows::access::values(m, s.dialect());
            if (s.dialect() == dialect_id::sqlite) detail::sqlite_values<At, rows::table, typename rows::access::columns>::check(params);
            std::apply([&](const auto&... p) { s.execute(detail::statement_v<typename rows::statements::insert>, p...); },
                       params);
        }
    }
}

// The tuple form: these columns of Table at state At, each as its cpp_type there
// (std::optional when nullable): std::vector<std::tuple<...>>.
template <detail::schema_state_type At, fixed_string Table, fixed_string... Columns, class... Args>
    requires(sizeof...(Columns) > 0)
auto select(session& s, std::string_view tail_sql = {}, const Args&... args) {
    constexpr bool ok = detail::column_rows<At, Table, Columns...>::ok;
    std::vector<typename detail::column_tuple_if<ok, At, Table, Columns...>::type> out;
    if constexpr (ok) {
        using rows = detail::column_rows<At, Table, Columns...>;
        s.for_each_row(
            detail::with_tail(detail::statement_v<typename rows::statements::select>, tail_sql),
            [&](const row& r) { out.push_back(detail::column_tuple<At, Table, Columns...>::read(r)); }, args...);
    }
    return out;
}

}  // namespace strata
