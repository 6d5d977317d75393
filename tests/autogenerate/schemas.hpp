#pragma once
// A history and a target schema that differs from its head in every way autogenerate writes an
// operation for; tests/runtime/autogenerate.cpp prints the migration, and the CTest
// autogenerate.closes_the_gap compiles it after this history and asserts strata::matches.
#include <strata/strata.hpp>
#include <strata/target_schema.hpp>

namespace ag {
using namespace strata::dsl;

using m1 = strata::migration<1, "users",
    create_table<"users",
        column<"id", bigint, primary_key>,
        column<"email", varchar<120>, not_null, unique>,
        column<"nickname", text>,
        column<"legacy_flag", boolean, not_null, default_value<false>>,
        column<"legacy_code", text, unique>>>;
using m2 = strata::migration<2, "posts",
    create_table<"posts",
        column<"id", bigint, primary_key>,
        column<"author_id", bigint, not_null, references<"users", "id">>,
        column<"body", text>,
        check_constraint<"posts_body_nonempty", "length(body) > 0">>,
    create_index<"posts_body_idx", "posts", "body">>;
// (an extra table that references an extra column, and an extra column that references it: the
// drops in an order that compiles)
using m3 = strata::migration<3, "old audit",
    create_table<"audit_old", column<"id", bigint, primary_key>, column<"legacy_code", text, references<"users", "legacy_code">>>,
    add_column<"posts", column<"audit_id", bigint, references<"audit_old", "id">>>>;
using m4 = strata::migration<4, "moods", create_enum<"mood", "happy", "sad">>;
using history = strata::chain<m1, m2, m3, m4>;
template <class Next>
using extended = strata::chain<m1, m2, m3, m4, Next>;  // the history and the generated migration

using target = strata::target_schema<
    create_enum<"mood", "happy", "sad", "calm">,
    create_enum<"status", "draft", "published">,
    create_table<"users",
        column<"id", bigint, primary_key>,
        column<"email", varchar<320>, not_null, unique>,
        column<"nickname", text, not_null, default_value<"anon">>,
        column<"mood", enum_type<"mood">>>,
    create_table<"posts",
        column<"id", bigint, primary_key>,
        column<"author_id", bigint, not_null, references<"users", "id">>,
        column<"body", text>,
        column<"status", enum_type<"status">, not_null, default_value<"draft">>>,
    create_index<"posts_author_idx", "posts", "author_id">,
    add_unique<"posts", "posts_author_body_key", "author_id", "body">,
    create_table<"tags",
        column<"id", bigint, primary_key>,
        column<"name", text, not_null, unique>,
        column<"post_id", bigint, references<"posts", "id", on_delete_cascade>>>>;
}  // namespace ag
