#pragma once
// The loop with models (issue 10 point 1): a history written for the structs of v1, the same
// structs changed in v2 (a member added, a type changed, an optional made required, an index
// and a unique constraint added). compile_fail/matches_models_changed.cpp shows the error,
// print.cpp (argument "models") prints the migration autogenerate writes, and the CTest
// autogenerate.closes_the_gap_models compiles it after this history, asserts
// strata::matches<history + it, models<v2...>>, and applies both to a real SQLite file.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <strata/model.hpp>
#include <strata/strata.hpp>

namespace mg {
using namespace strata::dsl;

namespace v1 {
struct user {
    BOOST_HANA_DEFINE_STRUCT(user,
        (std::int64_t, id),
        (std::string, email),
        (std::optional<std::string>, nickname),
        (std::int32_t, age),
        (std::chrono::sys_time<std::chrono::microseconds>, created_at));
    using strata_table = table<"users", key<"id">, field<"email", varchar<320>, unique>,
                               field<"created_at", default_sql<"CURRENT_TIMESTAMP">>>;
};
// adapted from outside, its table given by strata::table_of (below)
struct post {
    std::int64_t id;
    std::int64_t author_id;
    std::string body;
    bool published;
};
}  // namespace v1

namespace v2 {
struct user {
    BOOST_HANA_DEFINE_STRUCT(user,
        (std::int64_t, id),
        (std::string, email),
        (std::string, nickname),                     // was std::optional: now NOT NULL
        (std::int64_t, age),                         // was std::int32_t: now bigint
        (std::chrono::sys_time<std::chrono::microseconds>, created_at),
        (std::optional<std::string>, bio));          // new
    using strata_table = table<"users", key<"id">, field<"email", varchar<320>, unique>,
                               field<"nickname", default_value<"anon">>,
                               field<"created_at", default_sql<"CURRENT_TIMESTAMP">>>;
};
struct post {
    std::int64_t id;
    std::int64_t author_id;
    std::string body;
    bool published;
};
}  // namespace v2
}  // namespace mg

BOOST_HANA_ADAPT_STRUCT(mg::v1::post, id, author_id, body, published);
BOOST_HANA_ADAPT_STRUCT(mg::v2::post, id, author_id, body, published);
template <>
struct strata::table_of<mg::v1::post>
    : strata::dsl::table<"posts", strata::dsl::key<"id">,
                         strata::dsl::field<"author_id", strata::dsl::references<"users", "id", strata::dsl::on_delete_cascade>>,
                         strata::dsl::field<"published", strata::dsl::default_value<false>>> {};
template <>
struct strata::table_of<mg::v2::post>
    : strata::dsl::table<"posts", strata::dsl::key<"id">,
                         strata::dsl::field<"author_id", strata::dsl::references<"users", "id", strata::dsl::on_delete_cascade>>,
                         strata::dsl::field<"published", strata::dsl::default_value<false>>,
                         strata::dsl::index_on<"posts_author_idx", "author_id">,                 // new
                         strata::dsl::unique_constraint<"posts_author_body_key", "author_id", "body">> {};  // new

namespace mg {
using m1 = strata::migration<1, "users",
    create_table<"users",
        column<"id", bigint, primary_key>,
        column<"email", varchar<320>, not_null, unique>,
        column<"nickname", text>,
        column<"age", integer, not_null>,
        column<"created_at", timestamp, not_null, default_sql<"CURRENT_TIMESTAMP">>>>;
using m2 = strata::migration<2, "posts",
    create_table<"posts",
        column<"id", bigint, primary_key>,
        column<"author_id", bigint, not_null, references<"users", "id", on_delete_cascade>>,
        column<"body", text, not_null>,
        column<"published", boolean, not_null, default_value<false>>>>;
using history = strata::chain<m1, m2>;
template <class Next>
using extended = strata::chain<m1, m2, Next>;

using before = strata::models<v1::user, v1::post>;  // what the history was written for
using target = strata::models<v2::user, v2::post>;  // the structs now
}  // namespace mg
