// strata::models<T...> (<strata/model.hpp>): structs adapted with Boost.Hana as a target schema.
// Every C++ type with a mapping, std::optional, overrides, keys (single, composite), indexes and
// table constraints; models that match a history; difference_count of changed models; the SQL of
// a models target in both dialects, golden and equal to the hand-written target_schema's.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <strata/model.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

namespace shop {
using micros = std::chrono::sys_time<std::chrono::microseconds>;

struct customer {
    BOOST_HANA_DEFINE_STRUCT(customer,
        (std::int64_t, id),
        (std::string, email),
        (std::optional<std::string>, name),
        (std::int16_t, tier),
        (std::int32_t, visits),
        (long long, points),                      // 64 bits, as std::int64_t (long here)
        (float, rating),
        (double, balance),
        (bool, active),
        (std::vector<std::byte>, avatar),
        (std::chrono::sys_days, born),
        (micros, created_at),
        (std::optional<micros>, deleted_at));
    using strata_table = table<"customers",
        key<"id">,
        field<"id", identity>,
        field<"email", varchar<320>, unique>,
        field<"tier", default_value<1>, check<"tier > 0">>,
        field<"active", default_value<true>>,
        field<"created_at", timestamptz, default_sql<"CURRENT_TIMESTAMP">>,
        field<"deleted_at", timestamptz>,
        index_on<"customers_name_idx", "name">>;
};

struct order_line {
    BOOST_HANA_DEFINE_STRUCT(order_line,
        (std::int64_t, order_id),
        (std::int32_t, line),
        (std::int64_t, customer_id),
        (std::string, price),
        (std::optional<std::string>, note));
    using strata_table = table<"order_lines",
        key<"order_id", "line">,                  // composite: primary_key_constraint<...>
        field<"customer_id", references<"customers", "id", on_delete_cascade>>,
        field<"price", numeric<12, 2>>,
        field<"note", jsonb>,
        check_constraint<"order_lines_line_positive", "line > 0">,
        unique_index_on<"order_lines_customer_line_idx", "customer_id", "line">>;
};

// a struct the application cannot change, adapted from outside, its table a specialisation
struct tag {
    std::int64_t id;
    std::string label;
    std::int64_t customer_id;
};
}  // namespace shop
BOOST_HANA_ADAPT_STRUCT(shop::tag, id, label, customer_id);
template <>
struct strata::table_of<shop::tag>
    : table<"tags", key<"id">, unique_constraint<"tags_label_key", "label", "customer_id">,
            foreign_key<"tags_customer_fk", "customer_id", "customers", "id">> {};

namespace {
// The history these models match, written by hand.
using customers_table = create_table<"customers",
        column<"id", bigint, primary_key, identity>,
        column<"email", varchar<320>, not_null, unique>,
        column<"name", text>,
        column<"tier", smallint, not_null, default_value<1>, check<"tier > 0">>,
        column<"visits", integer, not_null>,
        column<"points", bigint, not_null>,
        column<"rating", real, not_null>,
        column<"balance", double_precision, not_null>,
        column<"active", boolean, not_null, default_value<true>>,
        column<"avatar", blob, not_null>,
        column<"born", date, not_null>,
        column<"created_at", timestamptz, not_null, default_sql<"CURRENT_TIMESTAMP">>,
        column<"deleted_at", timestamptz>>;
using customers_idx = create_index<"customers_name_idx", "customers", "name">;
using m1 = strata::migration<1, "customers", customers_table, customers_idx>;
using lines_table = create_table<"order_lines",
        column<"order_id", bigint, not_null>,
        column<"line", integer, not_null>,
        column<"customer_id", bigint, not_null, references<"customers", "id", on_delete_cascade>>,
        column<"price", numeric<12, 2>, not_null>,
        column<"note", jsonb>,
        primary_key_constraint<"order_id", "line">,
        check_constraint<"order_lines_line_positive", "line > 0">>;
using lines_idx = create_unique_index<"order_lines_customer_line_idx", "order_lines", "customer_id", "line">;
using m2 = strata::migration<2, "orders", lines_table, lines_idx>;
using tags_table = create_table<"tags",
        column<"id", bigint, primary_key>,
        column<"label", text, not_null>,
        column<"customer_id", bigint, not_null>,
        unique_constraint<"tags_label_key", "label", "customer_id">,
        foreign_key<"tags_customer_fk", "customer_id", "customers", "id">>;
using m3 = strata::migration<3, "tags", tags_table>;
using history = strata::chain<m1, m2, m3>;

using models = strata::models<shop::customer, shop::order_line, shop::tag>;
static_assert(strata::valid_chain<models>);
static_assert(strata::matches<history, models>);
static_assert(strata::matches<models, history>);
static_assert(strata::difference_count<history, models> == 0);
static_assert(strata::difference_count<strata::chain<m1, m2>, models> == 1);  // the tags table

// A models target is a chain: its state answers the DSL's questions.
static_assert(models::schema::has_table<"order_lines">);
static_assert(std::is_same_v<models::schema::cpp_type<"customers", "deleted_at">, std::optional<shop::micros>>);
static_assert(std::is_same_v<models::schema::cpp_type<"customers", "points">, std::int64_t>);
static_assert(models::schema::column<"customers", "id">().identity());

// ---- changed models: each change is one difference ----
struct user_v1 {
    BOOST_HANA_DEFINE_STRUCT(user_v1, (std::int64_t, id), (std::string, email), (std::optional<std::string>, nick));
    using strata_table = table<"users", key<"id">>;
};
using users = strata::chain<strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>, column<"nick", text>>>>;
static_assert(strata::matches<users, strata::models<user_v1>>);

struct member_added {
    BOOST_HANA_DEFINE_STRUCT(member_added, (std::int64_t, id), (std::string, email), (std::optional<std::string>, nick),
                             (std::optional<std::int32_t>, age));
    using strata_table = table<"users", key<"id">>;
};
struct type_changed {
    BOOST_HANA_DEFINE_STRUCT(type_changed, (std::int64_t, id), (std::string, email), (std::optional<std::string>, nick));
    using strata_table = table<"users", key<"id">, field<"email", varchar<200>>>;
};
struct made_required {
    BOOST_HANA_DEFINE_STRUCT(made_required, (std::int64_t, id), (std::string, email), (std::string, nick));
    using strata_table = table<"users", key<"id">>;
};
struct index_added {
    BOOST_HANA_DEFINE_STRUCT(index_added, (std::int64_t, id), (std::string, email), (std::optional<std::string>, nick));
    using strata_table = table<"users", key<"id">, unique_index_on<"users_email_idx", "email">>;
};
struct member_removed {
    BOOST_HANA_DEFINE_STRUCT(member_removed, (std::int64_t, id), (std::string, email));
    using strata_table = table<"users", key<"id">>;
};
struct renamed_table {
    BOOST_HANA_DEFINE_STRUCT(renamed_table, (std::int64_t, id), (std::string, email), (std::optional<std::string>, nick));
    using strata_table = table<"people", key<"id">>;
};
static_assert(strata::difference_count<users, strata::models<member_added>> == 1);
static_assert(strata::difference_count<users, strata::models<type_changed>> == 1);
static_assert(strata::difference_count<users, strata::models<made_required>> == 1);
static_assert(strata::difference_count<users, strata::models<index_added>> == 1);
static_assert(strata::difference_count<users, strata::models<member_removed>> == 1);
static_assert(strata::difference_count<users, strata::models<renamed_table>> == 2);  // never guessed: one missing, one extra

// ---- the SQL of a models target, both dialects ----
template <class D, class C>
using up = strata::sql<D, C, 1>;
using one_model = strata::models<user_v1>;
static_assert(up<strata::sqlite, one_model>::up ==
    "CREATE TABLE \"users\" (\n"
    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
    "  \"email\" TEXT NOT NULL,\n"
    "  \"nick\" TEXT\n"
    ");\n");
static_assert(up<strata::postgres, one_model>::up ==
    "CREATE TABLE \"users\" (\n"
    "  \"id\" BIGINT NOT NULL PRIMARY KEY,\n"
    "  \"email\" TEXT NOT NULL,\n"
    "  \"nick\" TEXT\n"
    ");\n");
// The whole shop, as the same operations written by hand in one target_schema: the same SQL.
using by_hand = strata::target_schema<customers_table, customers_idx, lines_table, lines_idx, tags_table>;
static_assert(up<strata::sqlite, models>::up == up<strata::sqlite, by_hand>::up);
static_assert(up<strata::postgres, models>::up == up<strata::postgres, by_hand>::up);
static_assert(up<strata::sqlite, models>::down == up<strata::sqlite, by_hand>::down);
static_assert(up<strata::postgres, models>::down == up<strata::postgres, by_hand>::down);
}  // namespace

int main() {}
