// Typed rows (<strata/rows.hpp>) on real SQLite files and a real PostgreSQL server: models read
// and inserted, the tuple form, NULL and std::optional, every column type's C++ value stored and
// read back unchanged (times in another session time zone too), identifiers quoted and values
// bound, and a data step of a real chain that reads rows of the old version and writes rows of
// the new one.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <strata/rows.hpp>
#include <strata/strata.hpp>

#include "backends.hpp"

using namespace strata::dsl;

namespace {
using micros = std::chrono::sys_time<std::chrono::microseconds>;
using days = std::chrono::sys_days;

// ---- every column type, NOT NULL ("every") and nullable ("maybe") ----
template <strata::fixed_string Table, class... Extra>
using every_type_table = create_table<Table, column<"id", bigint, primary_key>,
    column<"small", smallint, Extra...>, column<"whole", integer, Extra...>, column<"big", bigint, Extra...>,
    column<"single", real, Extra...>, column<"twice", double_precision, Extra...>, column<"money", numeric<10, 1>, Extra...>,
    column<"body", text, Extra...>, column<"label", varchar<20>, Extra...>, column<"code", character<3>, Extra...>,
    column<"flag", boolean, Extra...>, column<"day", date, Extra...>, column<"at", timestamp, Extra...>,
    column<"at_utc", timestamptz, Extra...>, column<"ident", uuid, Extra...>, column<"doc", json, Extra...>,
    column<"docb", jsonb, Extra...>, column<"raw", blob, Extra...>, column<"mood", enum_type<"mood">, Extra...>>;
using t1 = strata::migration<1, "types", create_enum<"mood", "happy", "sad">, every_type_table<"every", not_null>,
                             every_type_table<"maybe">>;
// identifiers that are SQL keywords: only quoting makes them work
using t2 = strata::migration<2, "keywords",
    create_table<"order", column<"select", integer, primary_key>, column<"from", text, not_null>>>;
using types_chain = strata::chain<t1, t2>;
using At = types_chain::schema;

struct every_row {
    BOOST_HANA_DEFINE_STRUCT(every_row,
        (std::int64_t, id), (std::int16_t, small), (std::int32_t, whole), (std::int64_t, big), (float, single),
        (double, twice), (std::string, money), (std::string, body), (std::string, label), (std::string, code),
        (bool, flag), (days, day), (micros, at), (micros, at_utc), (std::string, ident), (std::string, doc),
        (std::string, docb), (std::vector<std::byte>, raw), (std::string, mood));
    using strata_table = table<"every", key<"id">>;
    bool operator==(const every_row&) const = default;
};
struct maybe_row {
    BOOST_HANA_DEFINE_STRUCT(maybe_row,
        (std::int64_t, id), (std::optional<std::int16_t>, small), (std::optional<std::int32_t>, whole),
        (std::optional<std::int64_t>, big), (std::optional<float>, single), (std::optional<double>, twice),
        (std::optional<std::string>, money), (std::optional<std::string>, body), (std::optional<std::string>, label),
        (std::optional<std::string>, code), (std::optional<bool>, flag), (std::optional<days>, day),
        (std::optional<micros>, at), (std::optional<micros>, at_utc), (std::optional<std::string>, ident),
        (std::optional<std::string>, doc), (std::optional<std::string>, docb),
        (std::optional<std::vector<std::byte>>, raw), (std::optional<std::string>, mood));
    using strata_table = table<"maybe", key<"id">>;
    bool operator==(const maybe_row&) const = default;
};
struct order_row {
    BOOST_HANA_DEFINE_STRUCT(order_row, (std::int32_t, select), (std::string, from));
    using strata_table = table<"order", key<"select">>;
    bool operator==(const order_row&) const = default;
};
static_assert(strata::row_fits<every_row, At> && strata::row_fits<maybe_row, At> && strata::row_fits<order_row, At>);

const days leap_day{std::chrono::days{19782}};  // 2024-02-29
const micros late = micros{leap_day} + std::chrono::hours(23) + std::chrono::minutes(5) + std::chrono::seconds(7) +
                    std::chrono::microseconds(120);

every_row sample(std::int64_t id) {
    return {id, -5, 2000000000, 9000000000000000000, 0.25f, 0.1, "12.5", "it's \"quoted\"; -- not SQL", "label",
            "abc", true, leap_day, late, late + std::chrono::hours(1), "123e4567-e89b-12d3-a456-426614174000",
            "{\"a\": [1, 2]}", "{\"b\": 2}", {std::byte{0}, std::byte{0x27}, std::byte{0xff}, std::byte{0x5c}}, "sad"};
}
maybe_row maybe_of(const every_row& e) {
    return {e.id, e.small, e.whole, e.big, e.single, e.twice, e.money, e.body, e.label, e.code, e.flag, e.day,
            e.at, e.at_utc, e.ident, e.doc, e.docb, e.raw, e.mood};
}

// ---- a data step in a real chain: names split from the old table into the new one ----
using d1 = strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>,
                                                    column<"full_name", text, not_null>, column<"joined", date>>>;
using d2 = strata::migration<2, "people", create_table<"people", column<"id", bigint, primary_key>,
                                                     column<"first", text, not_null>, column<"last", text>,
                                                     column<"joined", date, not_null>>>;
using before_split = strata::chain<d1, d2>;  // the state the data step of d3 sees

struct old_user {  // the users table as it is at version 2, before it goes
    BOOST_HANA_DEFINE_STRUCT(old_user, (std::int64_t, id), (std::string, full_name), (std::optional<days>, joined));
    using strata_table = table<"users", key<"id">>;
};
struct person {
    BOOST_HANA_DEFINE_STRUCT(person, (std::int64_t, id), (std::string, first), (std::optional<std::string>, last),
                             (days, joined));
    using strata_table = table<"people", key<"id">>;
    bool operator==(const person&) const = default;
};

void split_names(strata::session& s) {
    strata::for_each<old_user, before_split::schema>(s, [&](const old_user& u) {
        const auto space = u.full_name.find(' ');
        person p{u.id, u.full_name.substr(0, space), std::nullopt, u.joined.value_or(leap_day)};
        if (space != std::string::npos) p.last = u.full_name.substr(space + 1);
        strata::insert<before_split::schema>(s, p);
    });
}
using d3 = strata::migration<3, "split names", run<split_names>>;
using d4 = strata::migration<4, "drop users", drop_table<"users">>;
using people_chain = strata::chain<d1, d2, d3, d4>;
static_assert(strata::row_fits<old_user, people_chain::schema_at<2>> && !strata::row_fits<old_user, people_chain::schema>);
static_assert(strata::row_fits<person, people_chain::schema>);

class TypedRows : public ::testing::TestWithParam<const char*> {
   protected:
    void SetUp() override {
        database_ = strata_test::make_database(GetParam(), "typed_rows");
        if (!database_) STRATA_SKIP_WITHOUT_POSTGRES();
    }
    strata::driver& db() { return database_->db(); }
    bool postgres() const { return std::string(GetParam()) == "postgres"; }
    template <class Chain>
    void upgrade() {
        strata::migrator<Chain>(db(), {"main", strata::log_nowhere}).upgrade();
    }
    std::unique_ptr<strata_test::test_database> database_;
};

TEST_P(TypedRows, AModelIsInsertedAndReadBackWithEveryColumnType) {
    upgrade<types_chain>();
    strata::session s(db());
    const every_row a = sample(1);
    every_row b = sample(2);
    b.flag = false;
    b.raw = {};  // an empty blob is not NULL
    b.body = "";
    strata::insert<At>(s, a);
    strata::insert<At>(s, b);
    const std::vector<every_row> got = strata::select<every_row, At>(s, "ORDER BY \"id\"");
    ASSERT_EQ(got.size(), 2u);
    EXPECT_TRUE(got[0] == a);
    EXPECT_TRUE(got[1] == b);
    EXPECT_EQ(got[0].raw, a.raw);
    EXPECT_EQ(got[1].raw.size(), 0u);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"every\" WHERE \"raw\" IS NULL"), 0);
    // with SQL after FROM and its own parameters
    const auto second = strata::select<every_row, At>(s, "WHERE \"id\" = $1 AND \"flag\" = $2", 2, false);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].id, 2);
}

TEST_P(TypedRows, DatesAndTimesAreStoredAsEachBackendWritesThem) {
    upgrade<types_chain>();
    strata::session s(db());
    strata::insert<At>(s, sample(1));
    if (postgres()) {
        EXPECT_EQ(s.query_value<std::string>("SELECT CAST(\"day\" AS text) FROM \"every\""), "2024-02-29");
        EXPECT_EQ(s.query_value<std::string>("SELECT CAST(\"at\" AS text) FROM \"every\""), "2024-02-29 23:05:07.00012");
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT CAST(extract(epoch FROM \"at_utc\") AS bigint) FROM \"every\""),
                  std::chrono::floor<std::chrono::seconds>(late + std::chrono::hours(1)).time_since_epoch().count());
        EXPECT_EQ(s.query_value<std::string>("SELECT encode(\"raw\", 'hex') FROM \"every\""), "0027ff5c");
    } else {
        EXPECT_EQ(s.query_value<std::string>("SELECT \"day\" FROM \"every\""), "2024-02-29");
        EXPECT_EQ(s.query_value<std::string>("SELECT \"at\" FROM \"every\""), "2024-02-29 23:05:07.000120");
        EXPECT_EQ(s.query_value<std::string>("SELECT typeof(\"raw\") || ' ' || hex(\"raw\") FROM \"every\""), "blob 0027FF5C");
        // SQLite's own date functions read the text
        EXPECT_EQ(s.query_value<std::string>("SELECT datetime(\"at_utc\", '+1 day') FROM \"every\""), "2024-03-02 00:05:07");
    }
    // A time written by the database (CURRENT_TIMESTAMP) reads as one too.
    s.execute("UPDATE \"every\" SET \"at_utc\" = CURRENT_TIMESTAMP");
    const micros now = strata::select<every_row, At>(s)[0].at_utc;
    const auto skew = std::chrono::abs(std::chrono::system_clock::now() - now);
    EXPECT_LT(skew, std::chrono::minutes(5));
}

TEST_P(TypedRows, TimesSurviveAnotherSessionTimeZone) {
    upgrade<types_chain>();
    strata::session s(db());
    if (!postgres()) {  // no session time zone: a time written with an offset reads back in UTC
        strata::insert<At>(s, sample(1));
        s.execute("UPDATE \"every\" SET \"at_utc\" = '2024-03-01 05:35:07.00012+05:30'");
        EXPECT_EQ((strata::select<every_row, At>(s)[0].at_utc), late + std::chrono::hours(1));
        return;
    }
    s.execute("SET TIME ZONE 'Asia/Kolkata'");  // +05:30: timestamptz prints with an offset here
    strata::insert<At>(s, sample(1));
    EXPECT_EQ(s.query_value<std::string>("SELECT CAST(\"at_utc\" AS text) FROM \"every\""), "2024-03-01 05:35:07.00012+05:30");
    const every_row got = strata::select<every_row, At>(s)[0];
    EXPECT_EQ(got.at_utc, late + std::chrono::hours(1));
    EXPECT_EQ(got.at, late);
    s.execute("SET TIME ZONE 'UTC'");
    EXPECT_EQ((strata::select<every_row, At>(s)[0].at_utc), late + std::chrono::hours(1));
}

TEST_P(TypedRows, NullIsNulloptAndBack) {
    upgrade<types_chain>();
    strata::session s(db());
    const maybe_row empty{7, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
    const maybe_row full = maybe_of(sample(8));
    strata::insert<At>(s, empty);
    strata::insert<At>(s, full);
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"maybe\" WHERE \"id\" = 7 AND \"small\" IS NULL AND "
                                          "\"day\" IS NULL AND \"raw\" IS NULL AND \"mood\" IS NULL AND \"flag\" IS NULL"),
              1);
    const auto got = strata::select<maybe_row, At>(s, "ORDER BY \"id\"");
    ASSERT_EQ(got.size(), 2u);
    EXPECT_TRUE(got[0] == empty);
    EXPECT_FALSE(got[0].at.has_value());
    EXPECT_TRUE(got[1] == full);
    ASSERT_TRUE(got[1].raw.has_value());
    EXPECT_EQ(got[1].raw->size(), 4u);
}

// A cell the field's type cannot take (a table changed by hand) is refused naming the column.
TEST_P(TypedRows, ACellThatDoesNotFitNamesItsColumn) {
    upgrade<types_chain>();
    strata::session s(db());
    strata::insert<At>(s, sample(1));
    if (postgres()) {
        s.execute("ALTER TABLE \"every\" ALTER COLUMN \"small\" TYPE bigint");
        s.execute("UPDATE \"every\" SET \"small\" = 70000");
    } else {
        s.execute("UPDATE \"every\" SET \"small\" = 'abc'");  // (SQLite keeps any type)
    }
    for (int form = 0; form < 2; ++form) {
        try {
            if (form == 0) (void)strata::select<every_row, At>(s);
            else (void)strata::select<At, "every", "id", "small">(s);
            ADD_FAILURE() << "read without an error";
        } catch (const std::runtime_error& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find(postgres() ? "as int16 (out of range)" : "cannot read 'abc' as an integer"), std::string::npos) << what;
            EXPECT_NE(what.find("(column \"small\")"), std::string::npos) << what;
        }
    }
}

// SQLite keeps a NUMERIC value as an INTEGER, or as a REAL of 15 significant digits: a wider
// value written through a model is refused, naming the column, where SQLite would keep it
// rounded. PostgreSQL keeps every digit.
using n1 = strata::migration<1, "amounts", create_table<"amounts", column<"id", bigint, primary_key>,
                                                        column<"amount", numeric<30, 2>, not_null>, column<"whole", numeric<20, 0>>>>;
using amounts_chain = strata::chain<n1>;
struct amount_row {
    BOOST_HANA_DEFINE_STRUCT(amount_row, (std::int64_t, id), (std::string, amount), (std::optional<std::string>, whole));
    using strata_table = table<"amounts", key<"id">>;
};
using strata::detail::sqlite_numeric_keeps;
static_assert(sqlite_numeric_keeps("12.50") && sqlite_numeric_keeps("-1234567890123.45") && sqlite_numeric_keeps("0.000001234"));
static_assert(sqlite_numeric_keeps("9223372036854775807") && sqlite_numeric_keeps("-9223372036854775808"));
static_assert(sqlite_numeric_keeps("12 apples") && sqlite_numeric_keeps("") && sqlite_numeric_keeps("1e5"));
static_assert(!sqlite_numeric_keeps("9223372036854775808") && !sqlite_numeric_keeps("1234567890123456.7"));
static_assert(!sqlite_numeric_keeps(" 12345678901234567890 ") && !sqlite_numeric_keeps("1e400"));
// (SQLite skips white space around a number: tabs and new lines too; a whole number written
// with a fraction of zeros is kept exactly as long as a REAL holds it, 2^53)
static_assert(!sqlite_numeric_keeps("\t1234567890123456789012.34") && !sqlite_numeric_keeps("1234567890123456789012.34\n"));
static_assert(sqlite_numeric_keeps("1234567890123456.0") && sqlite_numeric_keeps("9007199254740992.00"));
static_assert(!sqlite_numeric_keeps("9007199254740993.0") && !sqlite_numeric_keeps("12345678901234567.0"));
TEST_P(TypedRows, ANumericIsStoredWholeOrRefused) {
    upgrade<amounts_chain>();
    using A = amounts_chain::schema;
    strata::session s(db());
    strata::insert<A>(s, amount_row{1, "-1234567890123.45", "1234567890123456789"});  // (whole on both)
    const amount_row wide{2, "1234567890123456789012.34", std::nullopt}, wide_integer{3, "1", "12345678901234567890"};
    if (postgres()) {
        strata::insert<A>(s, wide);
        strata::insert<A>(s, wide_integer);
        const auto two = strata::select<amount_row, A>(s, "WHERE \"id\" = 2");
        const auto three = strata::select<amount_row, A>(s, "WHERE \"id\" = 3");
        EXPECT_EQ(two.at(0).amount, wide.amount);
        EXPECT_EQ(three.at(0).whole, wide_integer.whole);
    } else {
        for (const amount_row& r : {wide, wide_integer}) {
            try {
                strata::insert<A>(s, r);
                ADD_FAILURE() << r.id << ": stored rounded";
            } catch (const std::runtime_error& e) {
                const std::string what = e.what();
                EXPECT_NE(what.find("SQLite keeps 15 significant digits of a NUMERIC value"), std::string::npos) << what;
                EXPECT_NE(what.find(r.id == 2 ? "(column \"amount\")" : "(column \"whole\")"), std::string::npos) << what;
            }
        }
        EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"amounts\""), 1);
    }
    const auto one = strata::select<amount_row, A>(s, "WHERE \"id\" = 1");
    const amount_row back = one.at(0);
    EXPECT_EQ(back.amount, "-1234567890123.45");
    EXPECT_EQ(back.whole, "1234567890123456789");
}

// A text longer than its varchar<N> or character<N> is refused on both backends alike (SQLite
// kept it, where PostgreSQL refuses it: helper 52); trailing spaces past N are cut, as
// PostgreSQL cuts them; lengths are characters.
using l1 = strata::migration<1, "codes", create_table<"codes", column<"id", bigint, primary_key>, column<"code", varchar<5>>,
                                                      column<"cc", character<2>>>>;
using codes_chain = strata::chain<l1>;
struct code_row {
    BOOST_HANA_DEFINE_STRUCT(code_row, (std::int64_t, id), (std::optional<std::string>, code), (std::optional<std::string>, cc));
    using strata_table = table<"codes", key<"id">>;
};
TEST_P(TypedRows, ATextLongerThanItsColumnIsRefusedOnBothBackends) {
    upgrade<codes_chain>();
    using C = codes_chain::schema;
    strata::session s(db());
    strata::insert<C>(s, code_row{1, "\xc3\xa9t\xc3\xa9s", "ab"});  // five characters, seven bytes
    for (const code_row& r : {code_row{2, "0123456789", "ab"}, code_row{3, "ok", "abcd"}}) {
        try {
            strata::insert<C>(s, r);
            ADD_FAILURE() << r.id << ": stored";
        } catch (const std::exception& e) {
            const std::string what = e.what();
            if (!postgres()) {
                EXPECT_NE(what.find(r.id == 2 ? "(column \"code\")" : "(column \"cc\")"), std::string::npos) << what;
            }
            EXPECT_NE(what.find("too long"), std::string::npos) << what;
        }
    }
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"codes\""), 1);
}

TEST_P(TypedRows, TheTupleFormTakesEachColumnsTypeAtTheState) {
    upgrade<types_chain>();
    strata::session s(db());
    strata::insert<At>(s, maybe_of(sample(1)));
    strata::insert<At>(s, maybe_row{2, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}});
    const auto rows = strata::select<At, "maybe", "id", "day", "raw">(s, "ORDER BY \"id\"");
    static_assert(std::is_same_v<decltype(rows), const std::vector<std::tuple<std::int64_t, std::optional<days>,
                                                                              std::optional<std::vector<std::byte>>>>>);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(std::get<0>(rows[0]), 1);
    EXPECT_EQ(std::get<1>(rows[0]), leap_day);
    EXPECT_EQ(std::get<2>(rows[0])->at(3), std::byte{0x5c});
    EXPECT_FALSE(std::get<1>(rows[1]).has_value());
    const auto flags = strata::select<At, "every", "flag">(s);
    EXPECT_TRUE(flags.empty());
}

TEST_P(TypedRows, IdentifiersAreQuotedAndValuesBound) {
    upgrade<types_chain>();
    strata::session s(db());
    const order_row hostile{1, "x'); DROP TABLE \"every\"; --"};
    strata::insert<At>(s, hostile);
    strata::insert<At>(s, order_row{2, "$1"});
    const auto got = strata::select<order_row, At>(s, "WHERE \"from\" <> $1 ORDER BY \"select\"", "none");
    ASSERT_EQ(got.size(), 2u);
    EXPECT_TRUE(got[0] == hostile);
    EXPECT_EQ(got[1].from, "$1");
    EXPECT_EQ(s.query_value<std::int64_t>("SELECT count(*) FROM \"every\""), 0);  // still there
    int seen = 0;
    strata::for_each<order_row, At>(s, [&](const order_row& o) { seen += o.select; });
    EXPECT_EQ(seen, 3);
}

TEST_P(TypedRows, ADataStepReadsOldRowsAndWritesNewOnes) {
    upgrade<strata::chain<d1>>();
    strata::session s(db());
    s.execute("INSERT INTO \"users\" (\"id\", \"full_name\", \"joined\") VALUES (1, 'Ada Lovelace', '1843-07-01'), "
              "(2, 'Plato', NULL)");
    upgrade<people_chain>();
    const char* users_tables = postgres() ? "SELECT count(*) FROM information_schema.tables WHERE table_name = 'users' "
                                            "AND table_schema = current_schema()"
                                          : "SELECT count(*) FROM sqlite_master WHERE name = 'users'";
    EXPECT_EQ(s.query_value<std::int64_t>(users_tables), 0);
    const auto people = strata::select<person, people_chain::schema>(s, "ORDER BY \"id\"");
    ASSERT_EQ(people.size(), 2u);
    const days ada_joined = days{std::chrono::days{-46205}};  // 1843-07-01
    EXPECT_TRUE(people[0] == (person{1, "Ada", "Lovelace", ada_joined}));
    EXPECT_TRUE(people[1] == (person{2, "Plato", std::nullopt, leap_day}));
}

INSTANTIATE_TEST_SUITE_P(Backends, TypedRows, ::testing::Values("sqlite", "postgres"), strata_test::backend_name);

}  // namespace
