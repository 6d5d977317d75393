#pragma once
// Models from structs: an application's own structs, adapted with Boost.Hana, as the target
// schema its history must reach (target_schema.hpp's strata::matches, difference_count,
// autogenerate, and the CLI's diff, all unchanged):
//
//   struct user {
//       BOOST_HANA_DEFINE_STRUCT(user,
//           (std::int64_t, id),
//           (std::string, email),
//           (std::optional<std::string>, nickname));            // std::optional: nullable
//       using strata_table = table<"users", key<"id">, field<"email", varchar<320>, unique>,
//                                  index_on<"users_nickname_idx", "nickname">>;
//   };
//   static_assert(strata::matches<history, strata::models<user, post>>);
//
// A model is its table's create_table<...> (one column per member, in member order, named as the
// member) and the create_index<...> of its index annotations. A member's SQL type comes from its
// C++ type (the inverse of strata::cpp_type_of: std::int64_t bigint, std::int32_t integer,
// std::int16_t smallint, double double_precision, float real, bool boolean, std::string text,
// std::vector<std::byte> blob, std::chrono::sys_days date, std::chrono::sys_time<
// std::chrono::microseconds> timestamp); std::optional<T> is nullable, anything else NOT NULL.
// Not included by <strata/strata.hpp>: this header brings Boost.Hana's adaptation macros.
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/define_struct.hpp>

#include <strata/detail/model.hpp>
#include <strata/target_schema.hpp>

namespace strata::dsl {

// A model's table: its name, then annotations, in any order:
//   key<"id">, key<"tenant", "id">   the primary key: one member (its column gets primary_key) or
//                                    several (a primary_key_constraint<...>); no key<...>: none
//   field<"member", type, constraints...>   an SQL type of the member's C++ type other than the
//                                    default (varchar<N>, timestamptz, numeric<P, S> for a
//                                    std::string, ...), and/or column constraints (unique,
//                                    default_value<V>, default_sql<"...">, check<"...">,
//                                    references<T, C, ...>, identity, autoincrement); one per member
//   index_on<"name", "member"...>, unique_index_on<"name", "member"...>   an index (create_index)
//   unique_constraint<...>, check_constraint<...>, foreign_key<...>   a table constraint, as in
//                                    create_table
// Put it in the struct (`using strata_table = table<...>;`) or, for a struct one cannot change
// (BOOST_HANA_ADAPT_STRUCT), specialise strata::table_of<T> as one
// (`template <> struct strata::table_of<point> : table<"points", key<"id">> {};`).
template <fixed_string Name, class... Annotations>
struct table {
    static constexpr bool is_model_table = true;
    using model_table = detail::table_spec<Name, Annotations...>;
};
template <fixed_string... Members>
struct key : detail::model_annotation {
    using annotation_kind = detail::key_annotation<Members...>;
};
template <fixed_string Member, class... TypeAndConstraints>
struct field : detail::model_annotation {
    using annotation_kind = detail::field_annotation<Member, TypeAndConstraints...>;
};
template <fixed_string Name, fixed_string... Members>
struct index_on : detail::model_annotation {
    using annotation_kind = detail::index_annotation<false, Name, Members...>;
};
template <fixed_string Name, fixed_string... Members>
struct unique_index_on : detail::model_annotation {
    using annotation_kind = detail::index_annotation<true, Name, Members...>;
};

}  // namespace strata::dsl

namespace strata {

// A struct's table given from outside the struct: specialise it, deriving from a dsl::table<...>
// (`template <> struct strata::table_of<point> : table<"points", key<"id">> {};`). It wins over
// a `strata_table` member.
template <class T>
struct table_of {};

// The target schema of these models: one create_table per model and its indexes, in the order
// given (a model comes after the models it references, as in target_schema). A chain type, so
// matches<Chain, models<...>>, difference_count, autogenerate and cli::run<Chain, models<...>>
// take it. A misused model reports one error (docs/errors.md, section 6), and the target then
// reports nothing more.
template <class... Models>
using models = detail::models_t<Models...>;

}  // namespace strata
