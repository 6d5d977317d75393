// Typed rows (<strata/rows.hpp>): which models fit which schema state (strata::row_fits, the
// predicate of the rules row_column_does_not_exist, row_type_mismatch and
// row_nullability_mismatch), the statements built at compile time (identifiers quoted, values
// as $n), the tuple form's types, and the text forms of dates and times.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <strata/rows.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

namespace {
using micros = std::chrono::sys_time<std::chrono::microseconds>;

using m1 = strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<320>, not_null>, column<"nick", text>>>;
using m2 = strata::migration<2, "more", add_column<"users", column<"born", date>>,
                             alter_column<"users", "nick", set_not_null, set_default<default_value<"">>>>;
using m3 = strata::migration<3, "order", create_table<"order", column<"select", integer, primary_key>,
                                                      column<"at", timestamptz, not_null>, column<"raw", blob>>>;
using history = strata::chain<m1, m2, m3>;

struct user_v1 {
    BOOST_HANA_DEFINE_STRUCT(user_v1, (std::int64_t, id), (std::string, email), (std::optional<std::string>, nick));
    using strata_table = table<"users", key<"id">>;
};
struct user_v2 {
    BOOST_HANA_DEFINE_STRUCT(user_v2, (long long, id), (std::string, email), (std::string, nick),
                             (std::optional<std::chrono::sys_days>, born));
    using strata_table = table<"users", key<"id">>;
};
struct user_short {  // a subset of the columns fits too
    BOOST_HANA_DEFINE_STRUCT(user_short, (std::int64_t, id));
    using strata_table = table<"users", key<"id">>;
};
struct order_row {
    BOOST_HANA_DEFINE_STRUCT(order_row, (std::int32_t, select), (micros, at), (std::optional<std::vector<std::byte>>, raw));
    using strata_table = table<"order", key<"select">>;
};
struct order_wrong_type {
    BOOST_HANA_DEFINE_STRUCT(order_wrong_type, (std::int64_t, select));  // integer is std::int32_t
    using strata_table = table<"order", key<"select">>;
};
struct plain {
    std::int64_t id;
};
}  // namespace

// A model fits the state where its table has its columns, of its members' types.
static_assert(strata::row_fits<user_v1, history::schema_at<1>>);
static_assert(!strata::row_fits<user_v1, history::schema_at<2>>);  // nick is NOT NULL from 2 on
static_assert(strata::row_fits<user_v2, history::schema_at<2>>);
static_assert(!strata::row_fits<user_v2, history::schema_at<1>>);  // no born at 1
static_assert(strata::row_fits<user_v2, history::schema>);
static_assert(strata::row_fits<user_short, history::schema_at<1>> && strata::row_fits<user_short, history::schema>);
static_assert(!strata::row_fits<user_short, history::schema_at<0>>);  // no table at all
static_assert(strata::row_fits<order_row, history::schema> && !strata::row_fits<order_row, history::schema_at<2>>);
static_assert(!strata::row_fits<order_wrong_type, history::schema>);
static_assert(!strata::row_fits<plain, history::schema>);
static_assert(!strata::row_fits<user_v1, int>);

// Which rule each misfit breaks (the compile-fail tests prove the errors).
using strata::detail::row_fault_of;
using strata::detail::row_fault;
static_assert(row_fault_of<user_v1, history::schema_at<2>> == row_fault::nullability);
static_assert(row_fault_of<user_v2, history::schema_at<1>> == row_fault::nullability);  // nick comes before born
static_assert(row_fault_of<user_short, history::schema_at<0>> == row_fault::missing);
static_assert(row_fault_of<order_wrong_type, history::schema> == row_fault::type);
static_assert(row_fault_of<user_v1, history::schema_at<1>> == row_fault::none);

// What an insert of each model would leave NULL although it may not be: user_short fits for a
// select but has no email (NOT NULL, no default); nick has a default from 2 on; keys are not asked.
using strata::detail::model_rows;
static_assert(model_rows<user_v1, history::schema_at<1>>::insertable);
static_assert(model_rows<user_v2, history::schema>::insertable);
static_assert(model_rows<order_row, history::schema>::insertable);
static_assert(strata::detail::first_unwritten_column<history::schema>("users", {"id"}) == "email");
static_assert(strata::detail::first_unwritten_column<history::schema>("users", {"email"}).empty());
static_assert(strata::detail::first_unwritten_column<history::schema>("order", {"select"}) == "at");
static_assert(strata::detail::first_unwritten_column<history::schema>("order", {"at"}).empty());

// The statements: compile-time constants, every identifier quoted (even "order" and "select"),
// every value a parameter.
using strata::detail::statement_v;
using order_sql = strata::detail::model_rows<order_row, history::schema>::statements;
static_assert(statement_v<order_sql::select> == R"(SELECT "select", "at", "raw" FROM "order")");
static_assert(statement_v<order_sql::insert> == R"(INSERT INTO "order" ("select", "at", "raw") VALUES ($1, $2, $3))");
using many_sql = strata::detail::row_statements<"t", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k">;
static_assert(statement_v<many_sql::insert>.ends_with("VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"));

// The tuple form: each column's cpp_type at the state, std::optional when nullable.
using strata::detail::column_tuple;
static_assert(std::is_same_v<column_tuple<history::schema_at<1>, "users", "id", "nick">::type,
                             std::tuple<std::int64_t, std::optional<std::string>>>);
static_assert(std::is_same_v<column_tuple<history::schema, "users", "id", "nick", "born">::type,
                             std::tuple<std::int64_t, std::string, std::optional<std::chrono::sys_days>>>);
static_assert(std::is_same_v<column_tuple<history::schema, "order", "at", "raw">::type,
                             std::tuple<micros, std::optional<std::vector<std::byte>>>>);
static_assert(strata::detail::column_rows<history::schema, "users", "email">::ok);

// Dates: days since 1970-01-01, both ways, at the edges of the years both backends read.
using strata::detail::date_from_days;
using strata::detail::days_from_date;
static_assert(days_from_date(1970, 1, 1) == 0 && days_from_date(2000, 3, 1) == 11017 && days_from_date(1969, 12, 31) == -1);
static_assert(days_from_date(2024, 2, 29) - days_from_date(2024, 2, 28) == 1 && days_from_date(2100, 3, 1) - days_from_date(2100, 2, 28) == 1);
static_assert(days_from_date(1, 1, 1) == -719162 && days_from_date(9999, 12, 31) == 2932896);
constexpr bool dates_round_trip() {
    for (std::int64_t z = days_from_date(1, 1, 1); z <= days_from_date(9999, 12, 31); z += 997) {
        const auto c = date_from_days(z);
        if (days_from_date(c.year, c.month, c.day) != z) return false;
    }
    const auto leap = date_from_days(days_from_date(2000, 2, 29));
    return leap.year == 2000 && leap.month == 2 && leap.day == 29;
}
static_assert(dates_round_trip());

int main() {
    // The text forms (run time: std::string): what both backends store and parse.
    using strata::detail::date_text;
    using strata::detail::time_from_text;
    using strata::detail::time_text;
    using std::chrono::microseconds;
    const std::chrono::sys_days d{std::chrono::days{days_from_date(2024, 2, 29)}};
    const micros t = std::chrono::sys_days{std::chrono::days{days_from_date(2024, 2, 29)}} + std::chrono::hours(23) +
                     std::chrono::minutes(5) + std::chrono::seconds(7) + microseconds(120);
    int failures = 0;
    auto expect = [&](bool ok, const char* what) {
        if (!ok) {
            std::printf("typed_rows: FAILED: %s\n", what);
            ++failures;
        }
    };
    expect(date_text(d) == "2024-02-29", "date_text");
    expect(time_text(t, false) == "2024-02-29 23:05:07.000120", "time_text");
    expect(time_text(t, true) == "2024-02-29 23:05:07.000120+00", "time_text with +00");
    expect(time_text(micros(microseconds(-1)), false) == "1969-12-31 23:59:59.999999", "time_text before 1970");
    expect(time_from_text("2024-02-29 23:05:07.000120") == t, "a time read back");
    expect(time_from_text("2024-02-29T23:05:07.00012Z") == t, "ISO 8601 with T and Z");
    expect(time_from_text("2024-03-01 04:35:07.00012+05:30") == t, "an offset east (PostgreSQL's timestamptz)");
    expect(time_from_text("2024-02-29 18:05:07.000120-05") == t, "an offset west");
    expect(time_from_text("2024-02-29 23:05") == t - std::chrono::seconds(7) - microseconds(120), "no seconds");
    expect(!time_from_text("2024-02-30 00:00:00"), "no 30 February");
    expect(!time_from_text("infinity") && !time_from_text("0044-03-15 12:00:00 BC"), "infinity, BC");
    expect(!time_from_text("2024-02-29 23:05:07 junk"), "trailing text");
    // (24:00:00 is the next midnight, as PostgreSQL reads it; past it is no time)
    expect(time_from_text("2024-02-29 24:00:00") == micros(std::chrono::sys_days(std::chrono::year(2024) / 3 / 1)), "24:00:00");
    expect(!time_from_text("2024-01-01 24:59:60") && !time_from_text("2024-01-01 24:00:01") && !time_from_text("2024-01-01 24:00:00.5"),
           "past 24:00:00");
    std::printf("typed_rows: %d failure(s)\n", failures);
    return failures == 0 ? 0 : 1;
}
