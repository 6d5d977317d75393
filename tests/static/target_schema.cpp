// strata::matches and strata::difference_count: a chain's head against a declared target.
#include <strata/strata.hpp>
#include <strata/target_schema.hpp>

#include "../autogenerate/schemas.hpp"

using namespace strata::dsl;

namespace {
using u1 = strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>>>;
using u2 = strata::migration<2, "names", add_column<"users", column<"name", text>>>;
using u3 = strata::migration<3, "email index", create_index<"users_email_idx", "users", "email">>;
using u4 = strata::migration<4, "rename", rename_column<"users", "name", "display_name">>;
using history = strata::chain<u1, u2, u3, u4>;

using target = strata::target_schema<
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>, column<"display_name", text>>,
    create_index<"users_email_idx", "users", "email">>;
static_assert(strata::matches<history, target>);
static_assert(strata::difference_count<history, target> == 0);

// A squashed history matches the long one (in both directions).
using squashed = strata::chain<strata::migration<4, "squashed",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>, column<"display_name", text>>,
    create_index<"users_email_idx", "users", "email">>>;
static_assert(strata::matches<history, squashed> && strata::matches<squashed, history>);

// A constraint added not_valid (and not validated since) is not the same as a valid one, and a
// column's check keeps the name PostgreSQL derived from its table and column when it came,
// across renames: a squashed chain that states either otherwise matched, and baseline() with it
// then said drift (helper 52).
using nv1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>>>;
using nv2 = strata::migration<2, "not valid",
    add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id", not_valid>,
    add_check<"users", "users_email_nn", "email IS NOT NULL", not_valid>>;
using nv3 = strata::migration<3, "validated", validate_constraint<"posts", "posts_author_fk">,
                              validate_constraint<"users", "users_email_nn">>;
using valid_squash = strata::chain<strata::migration<3, "squashed",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text>,
                 check_constraint<"users_email_nn", "email IS NOT NULL">>,
    create_table<"posts", column<"id", bigint, primary_key>, column<"author_id", bigint>,
                 foreign_key<"posts_author_fk", "author_id", "users", "id">>>>;
static_assert(strata::difference_count<strata::chain<nv1, nv2>, valid_squash> == 2);
static_assert(strata::matches<strata::chain<nv1, nv2, nv3>, valid_squash>);
using checked_then_renamed = strata::chain<
    strata::migration<1, "users", create_table<"users", column<"id", bigint, primary_key>, column<"age", integer, check<"age > 0">>>>,
    strata::migration<2, "people", rename_table<"users", "people">>>;
using renamed_squash = strata::chain<strata::migration<2, "squashed",
    create_table<"people", column<"id", bigint, primary_key>, column<"age", integer, check<"age > 0">>>>>;
static_assert(strata::difference_count<checked_then_renamed, renamed_squash> == 1);
static_assert(strata::matches<checked_then_renamed, checked_then_renamed>);

// Each kind of difference is counted (the compile-fail tests check their messages).
template <class... Ops>
using with = strata::target_schema<Ops...>;
using users_cols = create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>, column<"display_name", text>>;
using email_idx = create_index<"users_email_idx", "users", "email">;
static_assert(strata::difference_count<history, with<users_cols>> == 1);  // index extra
static_assert(strata::difference_count<history, with<users_cols, email_idx, create_table<"t", column<"id", bigint>>>> == 1);
static_assert(strata::difference_count<history, with<create_table<"users", column<"id", bigint, primary_key>,
    column<"email", varchar<80>, not_null>, column<"display_name", text>>, email_idx>> == 1);  // type
static_assert(strata::difference_count<history, with<create_table<"users", column<"id", bigint, primary_key>,
    column<"email", text>, column<"display_name", text>>, email_idx>> == 1);  // nullability
static_assert(strata::difference_count<history, with<create_table<"users", column<"id", bigint, primary_key>,
    column<"email", text, not_null, default_value<"x">>, column<"display_name", text>>, email_idx>> == 1);  // default
static_assert(strata::difference_count<history, with<create_table<"users", column<"id", bigint, primary_key>,
    column<"email", text, not_null>, column<"name", text>>, email_idx>> == 2);  // a rename is one missing, one extra
static_assert(strata::difference_count<history, with<users_cols, create_unique_index<"users_email_idx", "users", "email">>> == 1);
static_assert(strata::difference_count<history, with<users_cols, email_idx, create_enum<"e", "a">>> == 1);

// The shared test pair differs in many ways.
static_assert(strata::difference_count<ag::history, ag::target> > 8);
}  // namespace

int main() {}
