// compile-fail: a seed text for a date, time, uuid or blob column not in the one form both backends keep alike
// expect: strata: a seed value does not fit its column [(]type, NULL in a NOT NULL column, varchar length, or an enum value the type does not have[)]
// expect: >, strata::diag::name<(strata::fixed_string<7>[{]"events"[}]|'e', 'v', 'e', 'n', 't', 's')>, strata::diag::name<(strata::fixed_string<4>[{]"day"[}]|'d', 'a', 'y')>, strata::diag::name<(strata::fixed_string<9>[{]"2024-1-5"[}]|'2', '0', '2', '4', '-', '1', '-', '5')>
//
// PostgreSQL reads '2024-1-5' as 2024-01-05, SQLite keeps the text, which strata then cannot
// read back as a date; a time without an offset goes into a timestamptz in the session's zone
// on PostgreSQL and is read as UTC from SQLite; '\x41' is one byte in a PostgreSQL bytea and
// four in a SQLite blob; PostgreSQL writes a uuid in lower case. The chain takes each in the one
// form both keep alike (`good`), and refuses the others, in a seed and as a default.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "events",
    create_table<"events", column<"id", bigint, primary_key>, column<"day", date>, column<"at", timestamp>,
                 column<"seen", timestamptz>, column<"ref", uuid>, column<"raw", blob>>>;
template <class Row>
using seeded = strata::chain<m1, strata::migration<2, "seed", seed<"events", columns<"id", "day", "at", "seen", "ref">, Row>>>;

using good = seeded<values<1, "2024-01-05", "2024-01-05 10:00:00", "2024-01-05 10:00:00.123456+00", "0f8fad5b-d9cb-469f-a165-70867728950e">>;
static_assert(strata::valid_chain<good>);
static_assert(strata::valid_chain<seeded<values<1, nullptr, "2024-12-31 23:59:59.5", "2024-01-05 10:00:00+05:30", nullptr>>>);
static_assert(strata::chain_error<seeded<values<1, "2024-1-5", nullptr, nullptr, nullptr>>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<values<1, "2024-13-01", nullptr, nullptr, nullptr>>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<values<1, nullptr, "2024-01-05T10:00:00", nullptr, nullptr>>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<values<1, nullptr, "2024-01-05 10:00:00+00", nullptr, nullptr>>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<values<1, nullptr, nullptr, "2024-01-05 10:00:00", nullptr>>> == strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<seeded<values<1, nullptr, nullptr, nullptr, "0F8FAD5B-D9CB-469F-A165-70867728950E">>> ==
              strata::error_kind::seed_value_mismatch);
static_assert(strata::chain_error<strata::chain<m1, strata::migration<2, "raw", seed<"events", columns<"id", "raw">, values<1, "\\x41">>>>> ==
              strata::error_kind::seed_value_mismatch);
// A default is held to the same forms.
static_assert(strata::chain_error<strata::chain<m1, strata::migration<2, "default",
    alter_column<"events", "seen", set_default<default_value<"2024-01-05 10:00:00">>>>>> == strata::error_kind::default_type_mismatch);
static_assert(strata::valid_chain<strata::chain<m1, strata::migration<2, "default",
    alter_column<"events", "day", set_default<default_value<"2000-01-01">>>>>>);

using bad = seeded<values<1, "2024-1-5", nullptr, nullptr, nullptr>>;
#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
