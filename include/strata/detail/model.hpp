#pragma once
// model.hpp's machinery: a struct adapted with Boost.Hana, read as types, becomes the
// create_table<...> and create_index<...> operations of a target schema (target_schema.hpp).
//
// What Hana does here, and only this: BOOST_HANA_DEFINE_STRUCT / BOOST_HANA_ADAPT_STRUCT give a
// struct `hana::accessors<T>()`, a hana::tuple of hana::pair<hana::string<c...>, accessor>. The
// type of that call is matched by partial specialisation (no Hana algorithm runs: a fold over a
// Hana sequence is what cost the prototypes minutes, docs/design.md), and everything after it is
// braced pack expansions over strata's own types, as the DSL does. Measured in docs/design.md
// ("Models from structs").
//
// Each model is checked once, in order (not a struct, no table, a bad annotation, an unknown
// member, a member annotated twice, a member without SQL type, a field type of another C++
// type, a nullable key), and the first broken rule is its one error; a misused model then
// becomes a placeholder operation (misused_op) at which the target's chain check stops without a
// word, so strata::matches adds nothing.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/hana/accessors.hpp>
#include <boost/hana/concept/struct.hpp>
#include <boost/hana/fwd/pair.hpp>
#include <boost/hana/fwd/string.hpp>
#include <boost/hana/fwd/tuple.hpp>

#include <strata/chain.hpp>
#include <strata/detail/chrono.hpp>
#include <strata/detail/core/check.hpp>
#include <strata/detail/core/diagnostics.hpp>
#include <strata/detail/core/placeholders.hpp>
#include <strata/detail/core/rules.hpp>
#include <strata/migration.hpp>
#include <strata/operations.hpp>
#include <strata/types.hpp>

namespace strata {
template <class T>
struct table_of;  // (defined and documented in model.hpp)
}  // namespace strata

namespace strata::diag {
template <class Model, class... Annotation>
struct model {};  // the struct a model rule is about (and the annotation at fault)
template <class Model, class Name>
struct member {};  // one of its members (or a name an annotation gives as one)
}  // namespace strata::diag

namespace strata::detail {

// One rule template per model rule (detail/core/rules.hpp); its argument is the culprit.
#define STRATA_MODEL_RULE(rule, message)                          \
    template <class Culprit>                                      \
    struct rule {                                                 \
        static_assert(always_false<Culprit>, "strata: " message); \
        static constexpr bool value = false;                      \
    };
STRATA_MODEL_RULES(STRATA_MODEL_RULE)
#undef STRATA_MODEL_RULE

template <class... T>
struct list {};
template <class... L>
struct concat_lists;
template <>
struct concat_lists<> {
    using type = list<>;
};
template <class... A>
struct concat_lists<list<A...>> {
    using type = list<A...>;
};
template <class... A, class... B, class... Rest>
struct concat_lists<list<A...>, list<B...>, Rest...> : concat_lists<list<A..., B...>, Rest...> {};

// ---- the annotations' kinds (the public templates in model.hpp derive from these) ----
struct model_annotation {};
template <fixed_string... Members>
struct key_annotation : model_annotation {
    static constexpr bool is_key = true;
};
template <fixed_string Member, class... Args>
struct field_annotation : model_annotation {};
template <bool Unique, fixed_string Name, fixed_string... Members>
struct index_annotation : model_annotation {};
template <class A>
concept model_annotation_type = std::is_base_of_v<model_annotation, A> || table_constraint<A>;
// The kind of a public annotation (dsl::key<...> names detail::key_annotation<...>); void for
// anything else.
template <class A>
struct kind_of {
    using type = void;
};
template <class A>
    requires requires { typename A::annotation_kind; }
struct kind_of<A> {
    using type = typename A::annotation_kind;
};
// What a table<Name, annotations...> holds.
template <fixed_string Name, class... Annotations>
struct table_spec {};

// ---- the struct's members, read from hana::accessors<T>() ----
template <char... C>
struct hana_name {
    static constexpr char text[sizeof...(C) + 1] = {C..., '\0'};
    static constexpr fixed_string<sizeof...(C) + 1> value{text};
};
template <fixed_string Name, class Type>
struct member_info {
    static constexpr auto name = Name;
    using type = Type;  // as declared, cv and references removed
};
template <class T, class Pair>
struct member_of;
template <class T, char... C, class Accessor>
struct member_of<T, boost::hana::pair<boost::hana::string<C...>, Accessor>> {
    using type = member_info<hana_name<C...>::value,
                             std::remove_cvref_t<decltype(std::declval<const Accessor&>()(std::declval<T&>()))>>;
};
template <class T, class Accessors>
struct members_of_impl {
    using type = list<>;  // (not the tuple of pairs the adapting macros write)
};
template <class T, class... Pairs>
struct members_of_impl<T, boost::hana::tuple<Pairs...>> {
    using type = list<typename member_of<T, Pairs>::type...>;
};
template <class T>
concept hana_struct = boost::hana::Struct<T>::value;
template <class T>
using members_of = typename members_of_impl<T, decltype(boost::hana::accessors<T>())>::type;

// ---- the table annotation: table_of<T>, else T::strata_table ----
template <class A>
concept table_annotation = requires { requires A::is_model_table; };
template <class T>
struct table_annotation_of {
    using type = void;
};
template <class T>
    requires table_annotation<table_of<T>>
struct table_annotation_of<T> {
    using type = table_of<T>;
};
template <class T>
    requires(!table_annotation<table_of<T>> && requires { typename T::strata_table; } &&
             table_annotation<typename T::strata_table>)
struct table_annotation_of<T> {
    using type = typename T::strata_table;
};

// ---- C++ type -> SQL type ----
template <class T>
struct optional_parts {
    using type = T;
    static constexpr bool nullable = false;
};
template <class T>
struct optional_parts<std::optional<T>> {
    using type = T;
    static constexpr bool nullable = true;
};
struct no_sql_type {};  // a C++ type with no mapping
// clang-format off
template <class T> struct sql_type_for { using type = no_sql_type; };
template <> struct sql_type_for<bool> { using type = dsl::boolean; };
template <> struct sql_type_for<std::int16_t> { using type = dsl::smallint; };
template <> struct sql_type_for<std::int32_t> { using type = dsl::integer; };
template <> struct sql_type_for<std::int64_t> { using type = dsl::bigint; };
template <> struct sql_type_for<float> { using type = dsl::real; };
template <> struct sql_type_for<double> { using type = dsl::double_precision; };
template <> struct sql_type_for<std::string> { using type = dsl::text; };
template <> struct sql_type_for<std::vector<std::byte>> { using type = dsl::blob; };
template <> struct sql_type_for<std::chrono::sys_days> { using type = dsl::date; };
template <> struct sql_type_for<std::chrono::sys_time<std::chrono::microseconds>> { using type = dsl::timestamp; };
// clang-format on
// long long where std::int64_t is long (and the other way round): the same 64-bit integer
template <class T>
    requires(std::is_integral_v<T> && std::is_signed_v<T> && sizeof(T) == 8 && !std::is_same_v<T, std::int64_t>)
struct sql_type_for<T> {
    using type = dsl::bigint;
};

// ---- one member, with its field<...> annotation if any ----
template <fixed_string Member, class A>
struct field_args {
    static constexpr std::size_t count = 0;
    using args = list<>;
};
template <fixed_string Member, class... Args>  // (matched by deduction: the same name)
struct field_args<Member, field_annotation<Member, Args...>> {
    static constexpr std::size_t count = 1;
    using args = list<Args...>;
};
template <fixed_string Member, class A>
using field_args_of = field_args<Member, typename kind_of<A>::type>;

template <class Args>
struct split_field;  // an optional column type first, then column constraints
template <>
struct split_field<list<>> {
    using sql_type = void;
    using constraints = list<>;
};
template <class First, class... Rest>
struct split_field<list<First, Rest...>> {
    using sql_type = std::conditional_t<column_type<First>, First, void>;
    using constraints = std::conditional_t<column_type<First>, list<Rest...>, list<First, Rest...>>;
};

template <class L, class C>
inline constexpr bool list_has = false;
template <class... T, class C>
inline constexpr bool list_has<list<T...>, C> = (std::is_same_v<T, C> || ...);

template <fixed_string Name, class Type, class Constraints>
struct column_from;
template <fixed_string Name, class Type, class... Constraints>
struct column_from<Name, Type, list<Constraints...>> {
    using type = dsl::column<Name, Type, Constraints...>;
};

// The named SQL type holds what the member holds (checked when the member has a mapping).
template <class Named, class Mapped>
inline constexpr bool type_fits_v =
    std::is_same_v<typename cpp_type_of<Named::desc.kind>::type, typename cpp_type_of<Mapped::desc.kind>::type>;
template <class Mapped>
inline constexpr bool type_fits_v<void, Mapped> = true;
template <class Named>
inline constexpr bool type_fits_v<Named, no_sql_type> = true;
template <>
inline constexpr bool type_fits_v<void, no_sql_type> = true;

template <class Member, bool SingleKey, bool InCompositeKey, class... Annotations>
struct model_column {
    static constexpr auto name = Member::name;
    using declared = typename optional_parts<typename Member::type>::type;
    static constexpr bool nullable = optional_parts<typename Member::type>::nullable;
    static constexpr std::size_t fields = (std::size_t{0} + ... + field_args_of<name, Annotations>::count);
    using field = split_field<typename concat_lists<typename field_args_of<name, Annotations>::args...>::type>;
    using mapped = typename sql_type_for<declared>::type;
    static constexpr bool has_mapping = !std::is_same_v<mapped, no_sql_type>;
    using sql_type = std::conditional_t<std::is_void_v<typename field::sql_type>,
                                        std::conditional_t<has_mapping, mapped, misused_type>, typename field::sql_type>;
    // the named SQL type holds what the member holds (checked when the member has a mapping)
    static constexpr bool type_fits = type_fits_v<typename field::sql_type, mapped>;
    static constexpr bool key = SingleKey || list_has<typename field::constraints, dsl::primary_key>;
    static constexpr bool in_key = key || InCompositeKey;
    using type = typename column_from<
        name, sql_type,
        typename concat_lists<std::conditional_t<SingleKey, list<dsl::primary_key>, list<>>, typename field::constraints,
                              std::conditional_t<nullable || key, list<>, list<dsl::not_null>>>::type>::type;
};

// ---- a whole model ----
template <fixed_string... Names>
constexpr bool name_in(std::string_view n) {
    return ((n == Names.view()) || ... || false);
}
template <class Members, class Key, class... Annotations>
struct model_columns;
template <class... Members, fixed_string... Key, class... Annotations>
struct model_columns<list<Members...>, key_annotation<Key...>, Annotations...> {
    template <class M>
    using column = model_column<M, (sizeof...(Key) == 1 && name_in<Key...>(M::name.view())),
                                (sizeof...(Key) > 1 && name_in<Key...>(M::name.view())), Annotations...>;
    using types = list<typename column<Members>::type...>;
    static constexpr std::string_view names[sizeof...(Members) + 1] = {name_v<Members::name>..., {}};
    static constexpr bool has(std::string_view n) {
        for (std::size_t i = 0; i < sizeof...(Members); ++i)
            if (names[i] == n) return true;
        return false;
    }
};

template <class A>
struct annotation_names {  // the member names an annotation gives (none for a table constraint)
    static constexpr std::string_view names[1] = {{}};
    static constexpr std::size_t count = 0;
};
template <class A>
    requires requires { typename A::annotation_kind; }
struct annotation_names<A> : annotation_names<typename A::annotation_kind> {};
template <fixed_string... M>
struct annotation_names<key_annotation<M...>> {
    static constexpr std::string_view names[sizeof...(M) + 1] = {name_v<M>..., {}};
    static constexpr std::size_t count = sizeof...(M);
};
template <fixed_string Member, class... Args>
struct annotation_names<field_annotation<Member, Args...>> {
    static constexpr std::string_view names[2] = {name_v<Member>, {}};
    static constexpr std::size_t count = 1;
};
template <bool U, fixed_string N, fixed_string... M>
struct annotation_names<index_annotation<U, N, M...>> {
    static constexpr std::string_view names[sizeof...(M) + 1] = {name_v<M>..., {}};
    static constexpr std::size_t count = sizeof...(M);
};

template <class... A>
struct key_of {  // the key<...> among the annotations (key<> when none)
    using type = key_annotation<>;
};
template <class First, class... Rest>
struct key_of<First, Rest...> {
    using first = typename kind_of<First>::type;
    using type = std::conditional_t<requires { requires first::is_key; }, first, typename key_of<Rest...>::type>;
};

// The operations one annotation adds after create_table (an index), or to it (a constraint).
template <fixed_string Table, class A>
struct annotation_ops {
    using table_parts = list<>;
    using after = list<>;
};
template <fixed_string Table, class A>
    requires table_constraint<A>
struct annotation_ops<Table, A> {
    using table_parts = list<A>;
    using after = list<>;
};
template <fixed_string Table, class A>
    requires requires { typename A::annotation_kind; }
struct annotation_ops<Table, A> : annotation_ops<Table, typename A::annotation_kind> {};
template <fixed_string Table, bool U, fixed_string N, fixed_string... M>
struct annotation_ops<Table, index_annotation<U, N, M...>> {
    using table_parts = list<>;
    using after = list<index_op<U, N, Table, M...>>;
};
template <fixed_string Table, fixed_string... M>
    requires(sizeof...(M) > 1)
struct annotation_ops<Table, key_annotation<M...>> {
    using table_parts = list<dsl::primary_key_constraint<M...>>;
    using after = list<>;
};

template <fixed_string Table, class Parts>
struct create_table_from;
template <fixed_string Table, class... Parts>
struct create_table_from<Table, list<Parts...>> {
    using type = dsl::create_table<Table, Parts...>;
};

// The first member name an annotation gives that the struct does not have ("" when none).
template <class Columns, class... A>
constexpr std::string_view unknown_member() {
    std::string_view found{};
    auto scan = [&](const std::string_view* names, std::size_t n) {
        for (std::size_t i = 0; i < n && found.empty(); ++i)
            if (!Columns::has(names[i])) found = names[i];
    };
    (scan(annotation_names<A>::names, annotation_names<A>::count), ...);
    return found;
}

// Per member: the index of the first member that breaks each rule (`none` when none does).
template <class Members, class Columns>
struct member_checks;
template <class... Members, class Columns>
struct member_checks<list<Members...>, Columns> {
    template <class M>
    using col = typename Columns::template column<M>;
    static constexpr std::size_t none = sizeof...(Members);
    static constexpr std::size_t first(std::initializer_list<bool> broken) {
        std::size_t i = 0;
        for (bool b : broken) {
            if (b) return i;
            ++i;
        }
        return none;
    }
    static constexpr const std::string_view (&names)[sizeof...(Members) + 1] = Columns::names;
    static constexpr std::size_t twice = first({(col<Members>::fields > 1)...});
    static constexpr std::size_t unmapped = first({std::is_same_v<typename col<Members>::sql_type, misused_type>...});
    static constexpr std::size_t misfit = first({!col<Members>::type_fits...});
    static constexpr std::size_t nullable_key = first({(col<Members>::in_key && col<Members>::nullable)...});
};
// (a name as a template argument must be a whole object: clang refuses an array element)
template <class Checks, std::size_t I>
inline constexpr std::string_view member_name_at = Checks::names[I];
template <class T, const std::string_view& Name>
using member_culprit = diag::member<T, name_t<Name>>;

template <class... A>
struct first_bad_annotation {
    using type = void;
};
template <class First, class... Rest>
struct first_bad_annotation<First, Rest...> {
    using type = std::conditional_t<model_annotation_type<First>, typename first_bad_annotation<Rest...>::type, First>;
};

// The first rule a model breaks, in the order of its checks.
enum class model_fault : std::uint8_t { none, bad_annotation, two_keys, unknown_member, twice, unmapped, misfit, nullable_key };
// Whether annotation A is a key<...>.
template <class A>
inline constexpr bool is_key_annotation = requires { requires kind_of<A>::type::is_key; };
// The second key<...> of a model (void when it has at most one).
template <bool Seen, class... A>
struct second_key {
    using type = void;
};
template <bool Seen, class First, class... Rest>
struct second_key<Seen, First, Rest...> {
    using type = std::conditional_t<Seen && is_key_annotation<First>, First,
                                    typename second_key<Seen || is_key_annotation<First>, Rest...>::type>;
};
// Its rule template and culprit, instantiated only for a model that breaks it (B: model_body).
template <model_fault F, class B>
struct model_rule {
    using type = check_passed;
};
template <class B>
struct model_rule<model_fault::bad_annotation, B> {
    using type = model_bad_annotation<diag::model<typename B::model_type, typename B::first_bad>>;
};
template <class B>
struct model_rule<model_fault::two_keys, B> {
    using type = model_two_keys<diag::model<typename B::model_type, typename B::second_key>>;
};
template <class B>
struct model_rule<model_fault::unknown_member, B> {
    using type = model_unknown_member<member_culprit<typename B::model_type, B::unknown>>;
};
template <class B>
struct model_rule<model_fault::twice, B> {
    using type = model_member_annotated_twice<
        member_culprit<typename B::model_type, member_name_at<typename B::checks, B::checks::twice>>>;
};
template <class B>
struct model_rule<model_fault::unmapped, B> {
    using type = model_member_without_sql_type<
        member_culprit<typename B::model_type, member_name_at<typename B::checks, B::checks::unmapped>>>;
};
template <class B>
struct model_rule<model_fault::misfit, B> {
    using type = model_field_type_mismatch<
        member_culprit<typename B::model_type, member_name_at<typename B::checks, B::checks::misfit>>>;
};
template <class B>
struct model_rule<model_fault::nullable_key, B> {
    using type = model_nullable_key<
        member_culprit<typename B::model_type, member_name_at<typename B::checks, B::checks::nullable_key>>>;
};

// A struct with its table: its checks, then its operations.
template <class T, class Spec>
struct model_body;
template <class T, fixed_string Name, class... A>
struct model_body<T, table_spec<Name, A...>> {
    using model_type = T;
    using members = members_of<T>;
    using columns = model_columns<members, typename key_of<A...>::type, A...>;
    using checks = member_checks<members, columns>;
    using first_bad = typename first_bad_annotation<A...>::type;
    using second_key = typename second_key<false, A...>::type;
    static constexpr std::string_view unknown = unknown_member<columns, A...>();
    // One check: the first broken rule, if any, is the model's one error.
    static constexpr model_fault fault = !(model_annotation_type<A> && ... && true) ? model_fault::bad_annotation
                                         : !std::is_void_v<second_key>              ? model_fault::two_keys
                                         : !unknown.empty()                         ? model_fault::unknown_member
                                         : checks::twice != checks::none            ? model_fault::twice
                                         : checks::unmapped != checks::none         ? model_fault::unmapped
                                         : checks::misfit != checks::none           ? model_fault::misfit
                                         : checks::nullable_key != checks::none     ? model_fault::nullable_key
                                                                                    : model_fault::none;
    static constexpr bool well_formed = require<fault == model_fault::none, typename model_rule<fault, model_body>::type>;
    using table = typename create_table_from<
        Name, typename concat_lists<typename columns::types, typename annotation_ops<Name, A>::table_parts...>::type>::type;
    using ops = std::conditional_t<well_formed, typename concat_lists<list<table>, typename annotation_ops<Name, A>::after...>::type,
                                   list<misused_op>>;
};

template <class T, class Table, bool Ok>
struct model_ops {
    using type = list<misused_op>;
};
template <class T, class Table>
struct model_ops<T, Table, true> {
    using type = typename model_body<T, typename Table::model_table>::ops;
};
template <class T>
struct model_of {
    using table = typename table_annotation_of<T>::type;
    static constexpr bool ok = require<hana_struct<T>, model_not_a_struct<diag::model<T>>> &&
                               require<!hana_struct<T> || !std::is_void_v<table>, model_without_table<diag::model<T>>>;
    using ops = typename model_ops<T, table, ok && hana_struct<T> && !std::is_void_v<table>>::type;
};

// The operations of models<T...>, in order, as the one migration of a target schema.
template <class Ops>
struct models_chain;
template <class... Ops>
struct models_chain<list<Ops...>> {
    using type = strata::chain<migration<1, "models", Ops...>>;
};
template <class... T>
using models_t = typename models_chain<typename concat_lists<typename model_of<T>::ops...>::type>::type;

}  // namespace strata::detail
