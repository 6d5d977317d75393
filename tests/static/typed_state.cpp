// The typed schema state of a chain, checked at compile time: the example of DESIGN.md, the C++
// type of every column type, the state after every migration (schema_at<V>), walking the state
// in constant expressions, and what each operation does to the state (renames, alter_column,
// drops, enums, constraints, explicit up<>/down<> pairs).
#include <strata/strata.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

using namespace strata::dsl;

// ---- the example of DESIGN.md, as written there ---------------------------------------------
namespace design {
using m1 = strata::migration<1, "create users",
    create_table<"users",
        column<"id", bigint, primary_key>,
        column<"email", text, not_null, unique>,
        column<"created_at", timestamp, not_null, default_sql<"CURRENT_TIMESTAMP">>>>;

using m2 = strata::migration<2, "add display name",
    add_column<"users", column<"display_name", text>>>;

using m3 = strata::migration<3, "posts",
    create_table<"posts",
        column<"id", bigint, primary_key>,
        column<"author_id", bigint, not_null, references<"users", "id", on_delete_cascade>>,
        column<"body", text, not_null>>,
    create_index<"posts_author_idx", "posts", "author_id">>;

using m4 = strata::migration<4, "rename display name",
    rename_column<"users", "display_name", "name">>;

using history = strata::chain<m1, m2, m3, m4>;

static_assert(history::head == 4);
static_assert(history::schema::has_column<"users", "name">);
static_assert(!history::schema_at<1>::has_table<"posts">);
using email_t = history::schema::cpp_type<"users", "email">;          // std::string
static_assert(std::is_same_v<email_t, std::string>);

// (DESIGN.md names these `up` and `down`; with `using namespace strata::dsl` those names are
// also strata::dsl::up / strata::dsl::down, so a use of them would be ambiguous.)
constexpr std::string_view up_m3   = strata::sql<strata::sqlite, m3>::up;      // compile time
constexpr std::string_view down_m3 = strata::sql<strata::postgres, m3>::down;  // derived
static_assert(up_m3.starts_with("CREATE TABLE \"posts\" ("));
static_assert(down_m3 == "DROP INDEX \"posts_author_idx\";\nDROP TABLE \"posts\";\n");

static_assert(history::size == 4);
static_assert(strata::valid_chain<history>);
static_assert(strata::chain_error<history> == strata::error_kind::none);
static_assert(history::schema::version == 4);

// schema_at every version
static_assert(!history::schema_at<0>::has_table<"users">);
static_assert(history::schema_at<0>::version == 0);
static_assert(history::schema_at<1>::has_table<"users">);
static_assert(history::schema_at<1>::has_column<"users", "created_at">);
static_assert(!history::schema_at<1>::has_column<"users", "display_name">);
static_assert(history::schema_at<2>::has_column<"users", "display_name">);
static_assert(!history::schema_at<2>::has_table<"posts">);
static_assert(history::schema_at<3>::has_table<"posts">);
static_assert(history::schema_at<3>::has_index<"posts_author_idx">);
static_assert(history::schema_at<3>::has_column<"users", "display_name">);
static_assert(!history::schema_at<3>::has_column<"users", "name">);
static_assert(history::schema_at<4>::has_column<"users", "name">);
static_assert(!history::schema_at<4>::has_column<"users", "display_name">);
static_assert(history::schema_at<4>::version == 4);

// the columns as declared
static_assert(std::is_same_v<history::schema::cpp_type<"users", "id">, std::int64_t>);
static_assert(std::is_same_v<history::schema::cpp_type<"users", "name">, std::optional<std::string>>);
static_assert(std::is_same_v<history::schema::cpp_type<"users", "created_at">,
                             std::chrono::sys_time<std::chrono::microseconds>>);
static_assert(std::is_same_v<history::schema_at<2>::cpp_type<"users", "display_name">, std::optional<std::string>>);
static_assert(history::schema::column<"users", "id">().primary_key());
static_assert(history::schema::column<"users", "id">().not_null());  // a primary key is not null
static_assert(history::schema::column<"users", "email">().unique());
static_assert(!history::schema::column<"users", "email">().primary_key());
static_assert(history::schema::column<"users", "created_at">().default_value().kind == strata::detail::default_kind::sql);
static_assert(history::schema::column<"users", "created_at">().default_value().text == "CURRENT_TIMESTAMP");
static_assert(history::schema::column<"posts", "author_id">().is_foreign_key());
static_assert(history::schema::column<"posts", "author_id">().references_table() == "users");
static_assert(history::schema::column<"posts", "author_id">().references_column() == "id");
static_assert(history::schema::column<"posts", "author_id">().on_delete() == strata::detail::fk_action::cascade);
static_assert(!history::schema::column<"posts", "body">().is_foreign_key());
static_assert(history::schema::column<"posts", "body">().references_table().empty());
}  // namespace design

// ---- the C++ type of every column type -------------------------------------------------------
namespace types {
using m1 = strata::migration<1, "enum", create_enum<"colour", "red", "green">>;
using m2 = strata::migration<2, "all types",
    create_table<"t",
        column<"id", integer, primary_key>,
        column<"s", smallint, not_null>,           column<"s_n", smallint>,
        column<"i", integer, not_null>,            column<"i_n", integer>,
        column<"b", bigint, not_null>,             column<"b_n", bigint>,
        column<"r", real, not_null>,               column<"r_n", real>,
        column<"d", double_precision, not_null>,   column<"d_n", double_precision>,
        column<"n", numeric<12, 3>, not_null>,     column<"n_n", numeric<12, 3>>,
        column<"tx", text, not_null>,              column<"tx_n", text>,
        column<"vc", varchar<20>, not_null>,       column<"vc_n", varchar<20>>,
        column<"bo", boolean, not_null>,           column<"bo_n", boolean>,
        column<"da", date, not_null>,              column<"da_n", date>,
        column<"ts", timestamp, not_null>,         column<"ts_n", timestamp>,
        column<"tz", timestamptz, not_null>,       column<"tz_n", timestamptz>,
        column<"u", uuid, not_null>,               column<"u_n", uuid>,
        column<"j", json, not_null>,               column<"j_n", json>,
        column<"jb", jsonb, not_null>,             column<"jb_n", jsonb>,
        column<"bl", blob, not_null>,              column<"bl_n", blob>,
        column<"e", enum_type<"colour">, not_null>, column<"e_n", enum_type<"colour">>,
        column<"with_default", integer, default_value<3>>>>;
using c = strata::chain<m1, m2>;
using S = c::schema;

template <class T>
using opt = std::optional<T>;
using micros = std::chrono::sys_time<std::chrono::microseconds>;
using bytes = std::vector<std::byte>;

static_assert(std::is_same_v<S::cpp_type<"t", "id">, std::int32_t>);
static_assert(std::is_same_v<S::cpp_type<"t", "s">, std::int16_t>);
static_assert(std::is_same_v<S::cpp_type<"t", "s_n">, opt<std::int16_t>>);
static_assert(std::is_same_v<S::cpp_type<"t", "i">, std::int32_t>);
static_assert(std::is_same_v<S::cpp_type<"t", "i_n">, opt<std::int32_t>>);
static_assert(std::is_same_v<S::cpp_type<"t", "b">, std::int64_t>);
static_assert(std::is_same_v<S::cpp_type<"t", "b_n">, opt<std::int64_t>>);
static_assert(std::is_same_v<S::cpp_type<"t", "r">, float>);
static_assert(std::is_same_v<S::cpp_type<"t", "r_n">, opt<float>>);
static_assert(std::is_same_v<S::cpp_type<"t", "d">, double>);
static_assert(std::is_same_v<S::cpp_type<"t", "d_n">, opt<double>>);
static_assert(std::is_same_v<S::cpp_type<"t", "n">, std::string>);
static_assert(std::is_same_v<S::cpp_type<"t", "n_n">, opt<std::string>>);
static_assert(std::is_same_v<S::cpp_type<"t", "tx">, std::string>);
static_assert(std::is_same_v<S::cpp_type<"t", "tx_n">, opt<std::string>>);
static_assert(std::is_same_v<S::cpp_type<"t", "vc">, std::string>);
static_assert(std::is_same_v<S::cpp_type<"t", "vc_n">, opt<std::string>>);
static_assert(std::is_same_v<S::cpp_type<"t", "bo">, bool>);
static_assert(std::is_same_v<S::cpp_type<"t", "bo_n">, opt<bool>>);
static_assert(std::is_same_v<S::cpp_type<"t", "da">, std::chrono::sys_days>);
static_assert(std::is_same_v<S::cpp_type<"t", "da_n">, opt<std::chrono::sys_days>>);
static_assert(std::is_same_v<S::cpp_type<"t", "ts">, micros>);
static_assert(std::is_same_v<S::cpp_type<"t", "ts_n">, opt<micros>>);
static_assert(std::is_same_v<S::cpp_type<"t", "tz">, micros>);
static_assert(std::is_same_v<S::cpp_type<"t", "tz_n">, opt<micros>>);
static_assert(std::is_same_v<S::cpp_type<"t", "u">, std::string>);
static_assert(std::is_same_v<S::cpp_type<"t", "u_n">, opt<std::string>>);
static_assert(std::is_same_v<S::cpp_type<"t", "j">, std::string>);
static_assert(std::is_same_v<S::cpp_type<"t", "j_n">, opt<std::string>>);
static_assert(std::is_same_v<S::cpp_type<"t", "jb">, std::string>);
static_assert(std::is_same_v<S::cpp_type<"t", "jb_n">, opt<std::string>>);
static_assert(std::is_same_v<S::cpp_type<"t", "bl">, bytes>);
static_assert(std::is_same_v<S::cpp_type<"t", "bl_n">, opt<bytes>>);
static_assert(std::is_same_v<S::cpp_type<"t", "e">, std::string>);
static_assert(std::is_same_v<S::cpp_type<"t", "e_n">, opt<std::string>>);
// a default does not make a column non-null
static_assert(std::is_same_v<S::cpp_type<"t", "with_default">, opt<std::int32_t>>);

// the type descriptors
using strata::detail::type_kind;
static_assert(S::column<"t", "s">().type().kind == type_kind::smallint);
static_assert(S::column<"t", "n">().type().kind == type_kind::numeric);
static_assert(S::column<"t", "n">().type().p == 12 && S::column<"t", "n">().type().s == 3);
static_assert(S::column<"t", "vc">().type().kind == type_kind::varchar);
static_assert(S::column<"t", "vc">().type().p == 20);
static_assert(S::column<"t", "tz">().type().kind == type_kind::timestamptz);
static_assert(S::column<"t", "jb">().type().kind == type_kind::jsonb);
static_assert(S::column<"t", "bl">().type().kind == type_kind::blob);
static_assert(S::column<"t", "e">().type().kind == type_kind::enumeration);
static_assert(S::column<"t", "e">().type().enum_name == "colour");
static_assert(S::column<"t", "with_default">().default_value().kind == strata::detail::default_kind::integer);
static_assert(S::column<"t", "with_default">().default_value().text == "3");
static_assert(S::table<"t">().columns().size() == 36);
}  // namespace types

// ---- a longer history: every operation's effect on the state --------------------------------
namespace shop {
inline void seed(strata::session&) {}
inline void unseed(strata::session&) {}
inline bool seeded(strata::session&) { return true; }

using m1 = strata::migration<1, "enums",
    create_enum<"status", "new", "paid">,
    create_enum<"unused", "x">>;
using m2 = strata::migration<2, "customers",
    create_table<"customers",
        column<"id", bigint, primary_key, autoincrement>,
        column<"email", varchar<200>, not_null, unique>,
        column<"nick", text>,
        column<"score", integer, default_value<0>, check<"score >= 0">>>,
    create_index<"customers_nick_idx", "customers", "nick">>;
using m3 = strata::migration<3, "orders",
    create_table<"orders",
        column<"id", bigint, primary_key>,
        column<"customer_id", bigint, not_null, references<"customers", "id", on_delete_cascade>>,
        column<"status", enum_type<"status">, not_null, default_value<"new">>,
        column<"total", numeric<10, 2>>,
        column<"note", text>,
        check_constraint<"orders_total_check", "total >= 0">>,
    create_unique_index<"orders_customer_status_idx", "orders", "customer_id", "status">>;
using m4 = strata::migration<4, "lines",
    create_table<"lines",
        column<"order_id", bigint, not_null>,
        column<"n", integer, not_null>,
        column<"qty", integer, not_null, default_value<1>>,
        primary_key_constraint<"order_id", "n">,
        foreign_key<"lines_order_fk", "order_id", "orders", "id", on_delete_cascade>>>;
using m5 = strata::migration<5, "rename customers", rename_table<"customers", "clients">>;
using m6 = strata::migration<6, "rename nick", rename_column<"clients", "nick", "nickname">>;
using m7 = strata::migration<7, "alter score",
    alter_column<"clients", "score", set_type<bigint>, set_not_null, set_default<default_value<10>>>>;
using m8 = strata::migration<8, "relax score", alter_column<"clients", "score", drop_not_null, drop_default>>;
using m9 = strata::migration<9, "status value", add_enum_value<"status", "shipped">>;
using m10 = strata::migration<10, "drop unused", drop_enum<"unused">>;
using m11 = strata::migration<11, "constraints",
    add_unique<"orders", "orders_note_key", "note">,
    add_check<"clients", "clients_email_check", "length(email) > 3">,
    add_column<"orders", column<"referrer_id", bigint>>,
    add_foreign_key<"orders", "orders_referrer_fk", "referrer_id", "clients", "id", on_delete_set_null>>;
using m12 = strata::migration<12, "drop check", drop_constraint<"orders", "orders_total_check">>;
using m13 = strata::migration<13, "drop note", drop_constraint<"orders", "orders_note_key">, drop_column<"orders", "note">>;
using m14 = strata::migration<14, "archive",
    create_table<"archive", column<"id", bigint, primary_key>, column<"payload", jsonb>>>;
using m15 = strata::migration<15, "drop archive", drop_table<"archive">>;
using m16 = strata::migration<16, "drop nick index", drop_index<"customers_nick_idx">>;
// explicit pairs that do restore the state
using m17 = strata::migration<17, "roles with seed",
    up<create_table<"roles", column<"id", integer, primary_key>, column<"name", text, not_null, unique>>,
       execute<"INSERT INTO \"roles\" (\"id\", \"name\") VALUES (1, 'admin')", "DELETE FROM \"roles\"">>,
    down<drop_table<"roles">>>;
using m18 = strata::migration<18, "drop nickname, explicitly",
    up<drop_column<"clients", "nickname">>,
    down<add_column<"clients", column<"nickname", text>>>>;
using m19 = strata::migration<19, "rename roles, explicitly",
    up<rename_table<"roles", "groups">, rename_column<"groups", "name", "title">>,
    down<rename_column<"groups", "title", "name">, rename_table<"groups", "roles">>>;
using m20 = strata::migration<20, "data", run<seed, unseed>, validate<seeded>>;

using history = strata::chain<m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, m18,
                              m19, m20>;
using S = history::schema;
using strata::detail::constraint_kind;
using strata::detail::default_kind;
using strata::detail::fk_action;
using strata::detail::type_kind;

static_assert(strata::valid_chain<history>);
static_assert(history::head == 20);
static_assert(history::size == 20);

// ---- schema_at every version
static_assert(history::schema_at<1>::has_enum<"status"> && history::schema_at<1>::has_enum<"unused">);
static_assert(!history::schema_at<1>::has_table<"customers">);
static_assert(history::schema_at<2>::has_table<"customers"> && history::schema_at<2>::has_index<"customers_nick_idx">);
static_assert(!history::schema_at<2>::has_table<"orders">);
static_assert(history::schema_at<3>::has_table<"orders"> && history::schema_at<3>::has_index<"orders_customer_status_idx">);
static_assert(!history::schema_at<3>::has_table<"lines">);
static_assert(history::schema_at<4>::has_table<"lines"> && history::schema_at<4>::has_table<"customers">);
static_assert(history::schema_at<5>::has_table<"clients"> && !history::schema_at<5>::has_table<"customers">);
static_assert(history::schema_at<5>::has_column<"clients", "nick">);
static_assert(history::schema_at<6>::has_column<"clients", "nickname"> && !history::schema_at<6>::has_column<"clients", "nick">);
static_assert(history::schema_at<7>::column<"clients", "score">().type().kind == type_kind::bigint);
static_assert(!history::schema_at<8>::column<"clients", "score">().not_null());
static_assert(history::schema_at<9>::has_enum<"status">);
static_assert(history::schema_at<9>::has_enum<"unused"> && !history::schema_at<10>::has_enum<"unused">);
static_assert(!history::schema_at<10>::has_column<"orders", "referrer_id">);
static_assert(history::schema_at<11>::has_column<"orders", "referrer_id">);
static_assert(history::schema_at<12>::has_column<"orders", "note"> && !history::schema_at<13>::has_column<"orders", "note">);
static_assert(history::schema_at<14>::has_table<"archive"> && !history::schema_at<15>::has_table<"archive">);
static_assert(history::schema_at<15>::has_index<"customers_nick_idx"> && !history::schema_at<16>::has_index<"customers_nick_idx">);
static_assert(history::schema_at<17>::has_table<"roles"> && history::schema_at<17>::has_column<"clients", "nickname">);
static_assert(!history::schema_at<18>::has_column<"clients", "nickname">);
static_assert(history::schema_at<19>::has_table<"groups"> && !history::schema_at<19>::has_table<"roles">);
static_assert(history::schema_at<19>::has_column<"groups", "title">);
static_assert(history::schema_at<20>::has_column<"groups", "title">);
static_assert(history::schema_at<7>::version == 7 && S::version == 20);
// the schema and the schema at the head are the same state
static_assert(&S::value == &history::schema_at<20>::value);

// ---- renames: the table, its column, the indexes on it and the foreign keys pointing at it
static_assert(!S::has_table<"customers"> && S::has_table<"clients">);
static_assert(S::column<"orders", "customer_id">().references_table() == "clients");
static_assert(S::column<"orders", "customer_id">().references_column() == "id");
static_assert(history::schema_at<4>::column<"orders", "customer_id">().references_table() == "customers");
static_assert(history::schema_at<15>::has_column<"clients", "nickname">);
static_assert([]() consteval {
    // the index created on customers.nick now belongs to clients.nickname
    for (auto i : history::schema_at<6>::indexes())
        if (i.name() == "customers_nick_idx") return i.table() == "clients" && i.column(0) == "nickname";
    return false;
}());
static_assert([]() consteval {
    strata::foreign_key_info fks[4]{};
    const std::size_t n = S::table<"orders">().foreign_keys(fks);
    return n == 2 && fks[0].name.empty() && fks[0].column == "customer_id" &&
           fks[0].references_table == "clients" && fks[0].references_column == "id" &&
           fks[0].on_delete == fk_action::cascade && fks[1].name == "orders_referrer_fk" &&
           fks[1].column == "referrer_id" && fks[1].references_table == "clients" &&
           fks[1].on_delete == fk_action::set_null;
}());

// ---- alter_column: type, nullability, default, and back
static_assert(history::schema_at<6>::column<"clients", "score">().type().kind == type_kind::integer);
static_assert(!history::schema_at<6>::column<"clients", "score">().not_null());
static_assert(history::schema_at<6>::column<"clients", "score">().default_value().text == "0");
static_assert(history::schema_at<6>::column<"clients", "score">().check() == "score >= 0");
static_assert(std::is_same_v<history::schema_at<6>::cpp_type<"clients", "score">, std::optional<std::int32_t>>);
static_assert(history::schema_at<7>::column<"clients", "score">().not_null());
static_assert(history::schema_at<7>::column<"clients", "score">().default_value().kind == default_kind::integer);
static_assert(history::schema_at<7>::column<"clients", "score">().default_value().text == "10");
static_assert(std::is_same_v<history::schema_at<7>::cpp_type<"clients", "score">, std::int64_t>);
static_assert(history::schema_at<7>::column<"clients", "score">().check() == "score >= 0");  // kept
static_assert(history::schema_at<8>::column<"clients", "score">().type().kind == type_kind::bigint);
static_assert(history::schema_at<8>::column<"clients", "score">().default_value().kind == default_kind::none);
static_assert(std::is_same_v<S::cpp_type<"clients", "score">, std::optional<std::int64_t>>);

// ---- drop_table / drop_column
static_assert(!S::has_table<"archive">);
static_assert(!S::has_column<"orders", "note">);
static_assert(!S::has_column<"clients", "nickname">);
static_assert(S::has_column<"orders", "total">);

// ---- enums: create, add a value, drop
template <class State, std::size_t N>
consteval bool enum_values_are(std::string_view name, const std::string_view (&want)[N]) {
    for (auto e : State::enums()) {
        if (e.name() != name) continue;
        std::size_t k = 0;
        for (std::string_view v : e.values()) {
            if (k >= N || v != want[k]) return false;
            ++k;
        }
        return k == N;
    }
    return false;
}
constexpr std::string_view status_before[] = {"new", "paid"};
constexpr std::string_view status_after[] = {"new", "paid", "shipped"};
constexpr std::string_view unused_values[] = {"x"};
static_assert(enum_values_are<history::schema_at<8>>("status", status_before));
static_assert(enum_values_are<history::schema_at<9>>("status", status_after));
static_assert(enum_values_are<S>("status", status_after));
static_assert(enum_values_are<history::schema_at<9>>("unused", unused_values));
static_assert(!enum_values_are<S>("unused", unused_values));
static_assert(S::has_enum<"status"> && !S::has_enum<"unused">);
static_assert(S::column<"orders", "status">().type().enum_name == "status");
static_assert(S::column<"orders", "status">().default_value().kind == default_kind::string);
static_assert(S::column<"orders", "status">().default_value().text == "new");

// ---- constraints: add_unique, add_check, add_foreign_key, drop_constraint
template <class State>
consteval int count_constraints(std::string_view table, constraint_kind kind) {
    int n = 0;
    for (auto t : State::tables())
        if (t.name() == table)
            for (auto k : t.constraints()) n += k.kind() == kind;
    return n;
}
template <class State>
consteval bool has_constraint(std::string_view table, std::string_view name) {
    for (auto t : State::tables())
        if (t.name() == table)
            for (auto k : t.constraints())
                if (k.name() == name) return true;
    return false;
}
static_assert(has_constraint<history::schema_at<10>>("orders", "orders_total_check"));
static_assert(!has_constraint<history::schema_at<10>>("orders", "orders_note_key"));
static_assert(has_constraint<history::schema_at<11>>("orders", "orders_note_key"));
static_assert(has_constraint<history::schema_at<11>>("clients", "clients_email_check"));
static_assert(has_constraint<history::schema_at<11>>("orders", "orders_referrer_fk"));
static_assert(count_constraints<history::schema_at<11>>("orders", constraint_kind::check) == 1);
static_assert(count_constraints<history::schema_at<11>>("orders", constraint_kind::unique) == 1);
static_assert(count_constraints<history::schema_at<11>>("orders", constraint_kind::foreign_key) == 1);
static_assert(!has_constraint<history::schema_at<12>>("orders", "orders_total_check"));
static_assert(count_constraints<history::schema_at<12>>("orders", constraint_kind::check) == 0);
static_assert(!has_constraint<S>("orders", "orders_note_key"));
static_assert(has_constraint<S>("orders", "orders_referrer_fk"));
static_assert(count_constraints<S>("lines", constraint_kind::primary_key) == 1);
static_assert([]() consteval {
    for (auto k : S::table<"clients">().constraints())
        if (k.name() == "clients_email_check")
            return k.kind() == constraint_kind::check && k.check() == "length(email) > 3" && k.table() == "clients";
    return false;
}());
static_assert([]() consteval {
    for (auto k : S::table<"lines">().constraints())
        if (k.kind() == constraint_kind::primary_key)
            return k.name().empty() && k.column_count() == 2 && k.column(0) == "order_id" && k.column(1) == "n";
    return false;
}());
static_assert([]() consteval {
    for (auto k : S::table<"lines">().constraints())
        if (k.kind() == constraint_kind::foreign_key)
            return k.name() == "lines_order_fk" && k.column(0) == "order_id" && k.references_table() == "orders" &&
                   k.references_column() == "id" && k.on_delete() == fk_action::cascade;
    return false;
}());

// ---- explicit up<>/down<> pairs
static_assert(S::has_table<"groups"> && !S::has_table<"roles">);
static_assert(S::has_column<"groups", "title"> && !S::has_column<"groups", "name">);
static_assert(S::column<"groups", "title">().unique() && S::column<"groups", "title">().not_null());
static_assert(strata::chain_sql<strata::sqlite, history>::migrations[16].reversible);
static_assert(strata::chain_sql<strata::postgres, history>::migrations[17].reversible);

// ---- constexpr iteration over the whole state
struct census {
    int tables = 0, columns = 0, indexes = 0, unique_indexes = 0, foreign_keys = 0, constraints = 0, enums = 0,
        enum_values = 0, not_null = 0;
};
template <class State>
consteval census count() {
    census c{};
    for (auto t : State::tables()) {
        ++c.tables;
        for (auto col : t.columns()) {
            ++c.columns;
            c.not_null += col.not_null();
        }
        for (auto k : t.constraints()) {
            (void)k;
            ++c.constraints;
        }
        strata::foreign_key_info fks[16]{};
        c.foreign_keys += static_cast<int>(t.foreign_keys(fks));
    }
    for (auto i : State::indexes()) {
        ++c.indexes;
        c.unique_indexes += i.unique();
    }
    for (auto e : State::enums()) {
        ++c.enums;
        for (auto v : e.values()) {
            (void)v;
            ++c.enum_values;
        }
    }
    return c;
}
constexpr census empty = count<history::schema_at<0>>();
static_assert(empty.tables == 0 && empty.columns == 0 && empty.indexes == 0 && empty.enums == 0);
constexpr census at4 = count<history::schema_at<4>>();
static_assert(at4.tables == 3);                     // customers, orders, lines
static_assert(at4.columns == 4 + 5 + 3);
static_assert(at4.indexes == 2 && at4.unique_indexes == 1);
static_assert(at4.foreign_keys == 2);               // orders.customer_id, lines_order_fk
static_assert(at4.constraints == 3);                // orders_total_check, lines' primary key, lines_order_fk
static_assert(at4.enums == 2 && at4.enum_values == 3);
constexpr census head = count<S>();
static_assert(head.tables == 4);                    // clients, orders, lines, groups
static_assert(head.columns == 3 + 5 + 3 + 2);       // clients lost nickname; orders lost note, gained referrer_id
static_assert(head.indexes == 1 && head.unique_indexes == 1);
static_assert(head.foreign_keys == 3);
static_assert(head.constraints == 4);               // clients_email_check, orders_referrer_fk, lines' pk, lines_order_fk
static_assert(head.enums == 1 && head.enum_values == 3);
static_assert(head.not_null == 2 + 3 + 3 + 2);

// the names, in order
template <class State>
consteval bool table_names_are(std::initializer_list<std::string_view> want) {
    auto w = want.begin();
    for (auto t : State::tables()) {
        if (w == want.end() || t.name() != *w) return false;
        ++w;
    }
    return w == want.end();
}
static_assert(table_names_are<history::schema_at<4>>({"customers", "orders", "lines"}));
static_assert(table_names_are<S>({"clients", "orders", "lines", "groups"}));
static_assert(table_names_are<history::schema_at<0>>({}));
template <class State, strata::fixed_string Table>
consteval bool column_names_are(std::initializer_list<std::string_view> want) {
    auto w = want.begin();
    for (auto c : State::template table<Table>().columns()) {
        if (w == want.end() || c.name() != *w) return false;
        ++w;
    }
    return w == want.end();
}
static_assert(column_names_are<S, "clients">({"id", "email", "score"}));
static_assert(column_names_are<S, "orders">({"id", "customer_id", "status", "total", "referrer_id"}));
static_assert(column_names_are<history::schema_at<5>, "clients">({"id", "email", "nick", "score"}));
static_assert([]() consteval {
    for (auto i : S::indexes())
        return i.name() == "orders_customer_status_idx" && i.table() == "orders" && i.unique() &&
               i.column_count() == 2 && i.column(0) == "customer_id" && i.column(1) == "status";
    return false;
}());
static_assert([]() consteval {
    int n = 0;
    for (auto i : S::table<"orders">().indexes()) n += i.name() == "orders_customer_status_idx";
    for (auto i : S::table<"clients">().indexes()) n += 10 + static_cast<int>(i.column_count());
    return n;
}() == 1);
static_assert(S::table<"orders">().name() == "orders");
static_assert(S::tables().size() == 4 && S::indexes().size() == 1 && S::enums().size() == 1);
}  // namespace shop

// ---- a table's references to its own columns, made by create_table --------------------------
// A reference to an earlier column, to a later one and to the column itself is each counted
// once: once the referencing column is gone, its target may be dropped or retyped like any
// other (each was counted twice, and the target stayed "used" by a column that no longer was).
namespace self_reference {
using m1 = strata::migration<1, "tree",
    create_table<"tree",
        column<"id", bigint, primary_key>,
        column<"parent", bigint, references<"tree", "id">>,
        column<"next", integer, references<"tree", "rank">>,
        column<"rank", integer, unique>,
        column<"twin", bigint, unique, references<"tree", "twin">>,
        column<"label", text>>>;
using m2 = strata::migration<2, "drop the references",
    drop_column<"tree", "parent">, drop_column<"tree", "next">, drop_column<"tree", "twin">>;
using m3 = strata::migration<3, "their targets change", alter_column<"tree", "id", set_type<integer>>>;
using m4 = strata::migration<4, "and go", drop_column<"tree", "id">, drop_column<"tree", "rank">>;
using history = strata::chain<m1, m2, m3, m4>;
static_assert(history::schema::has_column<"tree", "label">);
static_assert(!history::schema::has_column<"tree", "id">);
static_assert(!history::schema::has_column<"tree", "rank">);
static_assert(history::schema_at<1>::has_column<"tree", "twin">);
}  // namespace self_reference

int main() {}
