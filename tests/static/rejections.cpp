// Every rule of the chain check, asked without failing: for each, a chain the rule rejects
// (strata::valid_chain is false and strata::chain_error names the rule) and a twin that differs
// by the fix and is accepted. The hard errors, their text and their culprits are proven by
// tests/compile_fail/ (one file per rule; docs/errors.md lists them).
#include <strata/strata.hpp>

using namespace strata::dsl;
using strata::chain;
using strata::chain_error;
using strata::error_kind;
using strata::migration;
using strata::valid_chain;

namespace {

using users = migration<1, "create_users", create_table<"users", column<"id", bigint, primary_key>,
                                                        column<"email", text, not_null>>>;
static_assert(valid_chain<chain<users>>);
static_assert(chain_error<chain<users>> == error_kind::none);

// ---- the order and names of migrations ----------------------------------------------------
namespace versions_not_increasing {
using m3 = migration<3, "add_name", add_column<"users", column<"name", text>>>;
using m2 = migration<2, "add_age", add_column<"users", column<"age", integer>>>;
static_assert(!valid_chain<chain<users, m3, m2>>);
static_assert(chain_error<chain<users, m3, m2>> == error_kind::versions_must_increase);
static_assert(valid_chain<chain<users, m2, m3>>);
}  // namespace versions_not_increasing

namespace version_zero {
using m0 = migration<0, "init", create_table<"posts", column<"id", bigint, primary_key>>>;
using m1 = migration<1, "init", create_table<"posts", column<"id", bigint, primary_key>>>;
static_assert(!valid_chain<chain<m0>>);
static_assert(chain_error<chain<m0>> == error_kind::versions_must_increase);
static_assert(valid_chain<chain<m1>>);
}  // namespace version_zero

namespace duplicate_version {
using bad = migration<1, "add_name", add_column<"users", column<"name", text>>>;
using good = migration<2, "add_name", add_column<"users", column<"name", text>>>;
static_assert(!valid_chain<chain<users, bad>>);
static_assert(chain_error<chain<users, bad>> == error_kind::duplicate_version);
static_assert(valid_chain<chain<users, good>>);
}  // namespace duplicate_version

namespace duplicate_name {
using bad = migration<2, "create_users", add_column<"users", column<"name", text>>>;
using good = migration<2, "add_name", add_column<"users", column<"name", text>>>;
static_assert(!valid_chain<chain<users, bad>>);
static_assert(chain_error<chain<users, bad>> == error_kind::duplicate_migration_name);
static_assert(valid_chain<chain<users, good>>);
}  // namespace duplicate_name

namespace no_operations {
using bad = migration<2, "todo">;
using bad_pair = migration<2, "todo", up<>, down<>>;
using good = migration<2, "todo", execute<"UPDATE users SET email = lower(email)", "SELECT 1">>;
static_assert(!valid_chain<chain<users, bad>>);
static_assert(chain_error<chain<users, bad>> == error_kind::migration_without_operations);
static_assert(chain_error<chain<users, bad_pair>> == error_kind::migration_without_operations);
static_assert(valid_chain<chain<users, good>>);
}  // namespace no_operations

// ---- identifiers --------------------------------------------------------------------------
namespace invalid_identifier {
using empty_column = migration<2, "add", add_column<"users", column<"", text>>>;
using empty_table = migration<2, "add", create_table<"", column<"id", bigint>>>;
using empty_migration_name = migration<2, "", add_column<"users", column<"nick", text>>>;
using too_long = migration<2, "add", create_table<"a_table_name_of_exactly_sixty_four_bytes_that_postgres_truncates",
                                                  column<"id", bigint>>>;
using longest = migration<2, "add", create_table<"a_table_name_of_exactly_sixty_three_bytes_that_postgres_accepts",
                                                 column<"id", bigint>>>;
using quote = migration<2, "add", create_table<"user\"s", column<"id", bigint>>>;
using nul = migration<2, "add", add_column<"users", column<"ni\0ck", text>>>;
using renamed_to_quote = migration<2, "add", rename_column<"users", "email", "e\"mail">>;
using index_quote = migration<2, "add", create_index<"by\"email", "users", "email">>;
using enum_value_empty = migration<2, "add", create_enum<"mood", "happy", "">>;
using good = migration<2, "add", add_column<"users", column<"nick", text>>>;
static_assert(!valid_chain<chain<users, empty_column>>);
static_assert(chain_error<chain<users, empty_column>> == error_kind::invalid_identifier);
static_assert(chain_error<chain<users, empty_table>> == error_kind::invalid_identifier);
static_assert(chain_error<chain<users, empty_migration_name>> == error_kind::invalid_identifier);
static_assert(chain_error<chain<users, too_long>> == error_kind::invalid_identifier);
static_assert(chain_error<chain<users, quote>> == error_kind::invalid_identifier);
static_assert(chain_error<chain<users, nul>> == error_kind::invalid_identifier);
static_assert(chain_error<chain<users, renamed_to_quote>> == error_kind::invalid_identifier);
static_assert(chain_error<chain<users, index_quote>> == error_kind::invalid_identifier);
static_assert(chain_error<chain<users, enum_value_empty>> == error_kind::invalid_identifier);
static_assert(valid_chain<chain<users, good>>);
static_assert(valid_chain<chain<users, longest>>);  // 63 bytes is the limit, inclusive
}  // namespace invalid_identifier

// ---- tables -------------------------------------------------------------------------------
namespace table_missing {
using add_col = migration<2, "m", add_column<"userz", column<"name", text>>>;
using drop = migration<2, "m", drop_table<"posts">>;
using rename = migration<2, "m", rename_table<"posts", "articles">>;
using rename_col = migration<2, "m", rename_column<"userz", "email", "mail">>;
using drop_col = migration<2, "m", drop_column<"userz", "email">>;
using alter = migration<2, "m", alter_column<"userz", "email", drop_not_null>>;
using index = migration<2, "m", create_index<"by_email", "userz", "email">>;
using unique = migration<2, "m", add_unique<"userz", "userz_email_key", "email">>;
using good = migration<2, "m", add_column<"users", column<"name", text>>>;
static_assert(!valid_chain<chain<users, add_col>>);
static_assert(chain_error<chain<users, add_col>> == error_kind::table_does_not_exist);
static_assert(chain_error<chain<users, drop>> == error_kind::table_does_not_exist);
static_assert(chain_error<chain<users, rename>> == error_kind::table_does_not_exist);
static_assert(chain_error<chain<users, rename_col>> == error_kind::table_does_not_exist);
static_assert(chain_error<chain<users, drop_col>> == error_kind::table_does_not_exist);
static_assert(chain_error<chain<users, alter>> == error_kind::table_does_not_exist);
static_assert(chain_error<chain<users, index>> == error_kind::table_does_not_exist);
static_assert(chain_error<chain<users, unique>> == error_kind::table_does_not_exist);
static_assert(valid_chain<chain<users, good>>);
static_assert(valid_chain<chain<users, migration<2, "m", rename_table<"users", "accounts">>>>);
}  // namespace table_missing

namespace table_exists {
using again = migration<2, "m", create_table<"users", column<"id", bigint, primary_key>>>;
using accounts = migration<2, "accounts", create_table<"accounts", column<"id", bigint, primary_key>>>;
using onto = migration<3, "rename", rename_table<"accounts", "users">>;
using good = migration<3, "rename", rename_table<"accounts", "members">>;
static_assert(!valid_chain<chain<users, again>>);
static_assert(chain_error<chain<users, again>> == error_kind::table_already_exists);
static_assert(chain_error<chain<users, accounts, onto>> == error_kind::table_already_exists);
static_assert(valid_chain<chain<users, accounts, good>>);
}  // namespace table_exists

namespace no_columns {
using bad = migration<2, "m", create_table<"posts">>;
using only_constraints = migration<2, "m", create_table<"posts", check_constraint<"posts_ck", "1 = 1">>>;
using good = migration<2, "m", create_table<"posts", column<"id", bigint>, check_constraint<"posts_ck", "id > 0">>>;
static_assert(!valid_chain<chain<users, bad>>);
static_assert(chain_error<chain<users, bad>> == error_kind::table_without_columns);
static_assert(chain_error<chain<users, only_constraints>> == error_kind::table_without_columns);
static_assert(valid_chain<chain<users, good>>);
}  // namespace no_columns

namespace table_referenced {
using posts = migration<2, "posts", create_table<"posts", column<"id", bigint, primary_key>,
                                                 column<"author", bigint, references<"users", "id">>>>;
using drop_users = migration<3, "drop_users", drop_table<"users">>;
using drop_posts_first = migration<3, "drop_users", drop_table<"posts">, drop_table<"users">>;
using fk_posts = migration<2, "posts", create_table<"posts", column<"id", bigint, primary_key>, column<"author", bigint>,
                                                    foreign_key<"posts_author_fk", "author", "users", "id">>>;
static_assert(!valid_chain<chain<users, posts, drop_users>>);
static_assert(chain_error<chain<users, posts, drop_users>> == error_kind::table_still_referenced);
static_assert(chain_error<chain<users, fk_posts, drop_users>> == error_kind::table_still_referenced);
static_assert(valid_chain<chain<users, posts, drop_posts_first>>);
}  // namespace table_referenced

// ---- columns ------------------------------------------------------------------------------
namespace column_missing {
using drop = migration<2, "m", drop_column<"users", "emial">>;
using rename = migration<2, "m", rename_column<"users", "emial", "mail">>;
using alter = migration<2, "m", alter_column<"users", "emial", drop_not_null>>;
using index = migration<2, "m", create_index<"by_email", "users", "emial">>;
using unique = migration<2, "m", add_unique<"users", "users_email_key", "emial">>;
using good = migration<2, "m", drop_column<"users", "email">>;
static_assert(!valid_chain<chain<users, drop>>);
static_assert(chain_error<chain<users, drop>> == error_kind::column_does_not_exist);
static_assert(chain_error<chain<users, rename>> == error_kind::column_does_not_exist);
static_assert(chain_error<chain<users, alter>> == error_kind::column_does_not_exist);
static_assert(chain_error<chain<users, index>> == error_kind::column_does_not_exist);
static_assert(chain_error<chain<users, unique>> == error_kind::column_does_not_exist);
static_assert(valid_chain<chain<users, good>>);
}  // namespace column_missing

namespace column_exists {
using add = migration<2, "m", add_column<"users", column<"email", text>>>;
using twice = migration<2, "m", create_table<"posts", column<"id", bigint>, column<"id", text>>>;
using rename = migration<2, "m", rename_column<"users", "id", "email">>;
using good = migration<2, "m", add_column<"users", column<"email2", text>>>;
static_assert(!valid_chain<chain<users, add>>);
static_assert(chain_error<chain<users, add>> == error_kind::column_already_exists);
static_assert(chain_error<chain<users, twice>> == error_kind::column_already_exists);
static_assert(chain_error<chain<users, rename>> == error_kind::column_already_exists);
static_assert(valid_chain<chain<users, good>>);
}  // namespace column_exists

namespace column_in_use {
using index = migration<2, "index", create_index<"users_by_email", "users", "email">>;
using drop = migration<3, "drop", drop_column<"users", "email">>;
using drop_index_first = migration<3, "drop", drop_index<"users_by_email">, drop_column<"users", "email">>;
// a column other tables reference
using posts = migration<2, "posts", create_table<"posts", column<"id", bigint, primary_key>,
                                                 column<"author", text, references<"users", "email">>>>;
using unique_email = migration<2, "unique", add_unique<"users", "users_email_key", "email">>;
using drop_unique = migration<4, "drop_unique", drop_constraint<"users", "users_email_key">>;
static_assert(!valid_chain<chain<users, index, drop>>);
static_assert(chain_error<chain<users, index, drop>> == error_kind::column_still_used);
static_assert(valid_chain<chain<users, index, drop_index_first>>);
// the unique key a foreign key relies on cannot go
using posts3 = migration<3, "posts", create_table<"posts", column<"id", bigint, primary_key>,
                                                  column<"author", text, references<"users", "email">>>>;
static_assert(valid_chain<chain<users, unique_email, posts3>>);
static_assert(chain_error<chain<users, unique_email, posts3, drop_unique>> == error_kind::column_still_used);
}  // namespace column_in_use

namespace last_column {
using tags = migration<2, "tags", create_table<"tags", column<"label", text>>>;
using drop = migration<3, "drop", drop_column<"tags", "label">>;
using drop_table_instead = migration<3, "drop", drop_table<"tags">>;
static_assert(!valid_chain<chain<users, tags, drop>>);
static_assert(chain_error<chain<users, tags, drop>> == error_kind::last_column);
static_assert(valid_chain<chain<users, tags, drop_table_instead>>);
}  // namespace last_column

namespace multiple_primary_keys {
using add = migration<2, "m", add_column<"users", column<"uuid", uuid, primary_key>>>;
using two = migration<2, "m", create_table<"t", column<"a", bigint, primary_key>, column<"b", bigint, primary_key>>>;
using column_and_table = migration<2, "m", create_table<"t", column<"a", bigint, primary_key>, column<"b", bigint>,
                                                         primary_key_constraint<"a", "b">>>;
using composite = migration<2, "m", create_table<"t", column<"a", bigint>, column<"b", bigint>,
                                                  primary_key_constraint<"a", "b">>>;
using good = migration<2, "m", add_column<"users", column<"uuid", uuid, unique>>>;
static_assert(!valid_chain<chain<users, add>>);
static_assert(chain_error<chain<users, add>> == error_kind::multiple_primary_keys);
static_assert(chain_error<chain<users, two>> == error_kind::multiple_primary_keys);
static_assert(chain_error<chain<users, column_and_table>> == error_kind::multiple_primary_keys);
static_assert(valid_chain<chain<users, composite>>);
static_assert(valid_chain<chain<users, good>>);
}  // namespace multiple_primary_keys

namespace bad_autoincrement {
using text_key = migration<2, "m", create_table<"tags", column<"code", text, primary_key, autoincrement>>>;
using not_key = migration<2, "m", add_column<"users", column<"seq", integer, autoincrement>>>;
using good = migration<2, "m", create_table<"tags", column<"id", integer, primary_key, autoincrement>>>;
static_assert(!valid_chain<chain<users, text_key>>);
static_assert(chain_error<chain<users, text_key>> == error_kind::bad_autoincrement);
static_assert(chain_error<chain<users, not_key>> == error_kind::bad_autoincrement);
static_assert(valid_chain<chain<users, good>>);
}  // namespace bad_autoincrement

namespace conflicting_changes {
using nullability = migration<2, "m", alter_column<"users", "email", set_not_null, drop_not_null>>;
using defaults = migration<2, "m", alter_column<"users", "email", set_default<default_value<"x">>, drop_default>>;
using good = migration<2, "m", alter_column<"users", "email", drop_not_null, set_default<default_value<"x">>>>;
static_assert(!valid_chain<chain<users, nullability>>);
static_assert(chain_error<chain<users, nullability>> == error_kind::conflicting_changes);
static_assert(chain_error<chain<users, defaults>> == error_kind::conflicting_changes);
static_assert(valid_chain<chain<users, good>>);
}  // namespace conflicting_changes

namespace primary_key_nullable {
using bad = migration<2, "m", alter_column<"users", "id", drop_not_null>>;
using good = migration<2, "m", alter_column<"users", "email", drop_not_null>>;
static_assert(!valid_chain<chain<users, bad>>);
static_assert(chain_error<chain<users, bad>> == error_kind::primary_key_nullable);
static_assert(valid_chain<chain<users, good>>);
}  // namespace primary_key_nullable

namespace default_type_mismatch {
using string_on_integer = migration<2, "m", add_column<"users", column<"age", integer, default_value<"old">>>>;
using bool_on_text = migration<2, "m", alter_column<"users", "email", set_default<default_value<true>>>>;
using integer_on_boolean = migration<2, "m", add_column<"users", column<"admin", boolean, default_value<0>>>>;
using mood = migration<2, "mood", create_enum<"mood", "happy", "sad">>;
using not_a_value = migration<3, "m", add_column<"users", column<"feeling", enum_type<"mood">, default_value<"meh">>>>;
using good_integer = migration<2, "m", add_column<"users", column<"age", integer, default_value<18>>>>;
using good_boolean = migration<2, "m", add_column<"users", column<"admin", boolean, default_value<false>>>>;
using good_enum = migration<3, "m", add_column<"users", column<"feeling", enum_type<"mood">, default_value<"sad">>>>;
static_assert(!valid_chain<chain<users, string_on_integer>>);
static_assert(chain_error<chain<users, string_on_integer>> == error_kind::default_type_mismatch);
static_assert(chain_error<chain<users, bool_on_text>> == error_kind::default_type_mismatch);
static_assert(chain_error<chain<users, integer_on_boolean>> == error_kind::default_type_mismatch);
static_assert(chain_error<chain<users, mood, not_a_value>> == error_kind::default_type_mismatch);
static_assert(valid_chain<chain<users, good_integer>>);
static_assert(valid_chain<chain<users, good_boolean>>);
static_assert(valid_chain<chain<users, mood, good_enum>>);
}  // namespace default_type_mismatch

namespace bad_type {
using varchar0 = migration<2, "m", add_column<"users", column<"code", varchar<0>>>>;
using numeric0 = migration<2, "m", add_column<"users", column<"price", numeric<0>>>>;
using scale_above_precision = migration<2, "m", add_column<"users", column<"price", numeric<2, 3>>>>;
using retype = migration<2, "m", alter_column<"users", "email", set_type<varchar<0>>>>;
using good = migration<2, "m", add_column<"users", column<"price", numeric<10, 2>>>>;
static_assert(!valid_chain<chain<users, varchar0>>);
static_assert(chain_error<chain<users, varchar0>> == error_kind::bad_type);
static_assert(chain_error<chain<users, numeric0>> == error_kind::bad_type);
static_assert(chain_error<chain<users, scale_above_precision>> == error_kind::bad_type);
static_assert(chain_error<chain<users, retype>> == error_kind::bad_type);
static_assert(valid_chain<chain<users, good>>);
}  // namespace bad_type

// ---- indexes and constraints --------------------------------------------------------------
namespace index_missing {
using bad = migration<2, "m", drop_index<"users_by_name">>;
using create = migration<2, "create", create_index<"users_by_email", "users", "email">>;
using good = migration<3, "m", drop_index<"users_by_email">>;
static_assert(!valid_chain<chain<users, bad>>);
static_assert(chain_error<chain<users, bad>> == error_kind::index_does_not_exist);
static_assert(valid_chain<chain<users, create, good>>);
}  // namespace index_missing

namespace index_exists {
using create = migration<2, "create", create_index<"users_by_email", "users", "email">>;
using again = migration<3, "again", create_index<"users_by_email", "users", "id">>;
using named_like_table = migration<2, "create", create_index<"users", "users", "email">>;
using good = migration<3, "again", create_index<"users_by_id", "users", "id">>;
static_assert(!valid_chain<chain<users, create, again>>);
static_assert(chain_error<chain<users, create, again>> == error_kind::index_already_exists);
static_assert(chain_error<chain<users, named_like_table>> == error_kind::index_already_exists);
static_assert(valid_chain<chain<users, create, good>>);
}  // namespace index_exists

// A concurrent index operation runs outside any transaction (PostgreSQL): its migration holds
// nothing else, in its up or in an explicit down.
namespace concurrent_index_mixed {
using with_table = migration<2, "posts", create_table<"posts", column<"id", bigint, primary_key>>,
                             create_index_concurrently<"posts_by_id", "posts", "id">>;
using with_plain = migration<2, "indexes", create_index_concurrently<"users_by_email", "users", "email">,
                             create_index<"users_by_id", "users", "id">>;
using with_step = migration<2, "index", execute<"UPDATE users SET email = lower(email)", "SELECT 1">,
                            create_unique_index_concurrently<"users_by_email", "users", "email">>;
using plain_down = migration<2, "index", up<create_index_concurrently<"users_by_email", "users", "email">>,
                             down<drop_index<"users_by_email">>>;
using concurrent_down = migration<2, "index", up<create_index<"users_by_email", "users", "email">>,
                                  down<drop_index_concurrently<"users_by_email">>>;
static_assert(!valid_chain<chain<users, with_table>>);
static_assert(chain_error<chain<users, with_table>> == error_kind::concurrent_index_mixed);
static_assert(chain_error<chain<users, with_plain>> == error_kind::concurrent_index_mixed);
static_assert(chain_error<chain<users, with_step>> == error_kind::concurrent_index_mixed);
static_assert(chain_error<chain<users, plain_down>> == error_kind::concurrent_index_mixed);
static_assert(chain_error<chain<users, concurrent_down>> == error_kind::concurrent_index_mixed);

using posts = migration<2, "posts", create_table<"posts", column<"id", bigint, primary_key>>>;
using posts_index = migration<3, "posts_index", create_index_concurrently<"posts_by_id", "posts", "id">>;
using both = migration<2, "indexes", create_index_concurrently<"users_by_email", "users", "email">,
                       create_unique_index_concurrently<"users_by_id", "users", "id">>;
using swap = migration<3, "swap", drop_index_concurrently<"users_by_email">,
                       create_index_concurrently<"users_by_email2", "users", "email">>;
using pair = migration<2, "index", up<create_index_concurrently<"users_by_email", "users", "email">>,
                       down<drop_index_concurrently<"users_by_email">>>;
static_assert(valid_chain<chain<users, posts, posts_index>>);
static_assert(valid_chain<chain<users, both, swap>>);
static_assert(valid_chain<chain<users, pair>>);
// the operations' own rules still apply
using no_table = migration<2, "index", create_index_concurrently<"posts_by_id", "posts", "id">>;
using no_index = migration<2, "drop", drop_index_concurrently<"users_by_email">>;
static_assert(chain_error<chain<users, no_table>> == error_kind::table_does_not_exist);
static_assert(chain_error<chain<users, no_index>> == error_kind::index_does_not_exist);
}  // namespace concurrent_index_mixed

namespace constraint_missing {
using bad = migration<2, "m", drop_constraint<"users", "users_email_key">>;
using add = migration<2, "add", add_unique<"users", "users_email_key", "email">>;
using good = migration<3, "m", drop_constraint<"users", "users_email_key">>;
using tags = migration<3, "tags", create_table<"tags", column<"id", bigint>>>;
using wrong_table = migration<4, "m", drop_constraint<"tags", "users_email_key">>;
static_assert(!valid_chain<chain<users, bad>>);
static_assert(chain_error<chain<users, bad>> == error_kind::constraint_does_not_exist);
static_assert(chain_error<chain<users, add, tags, wrong_table>> == error_kind::constraint_does_not_exist);
static_assert(valid_chain<chain<users, add, good>>);
}  // namespace constraint_missing

namespace constraint_exists {
using add = migration<2, "add", add_unique<"users", "users_email_key", "email">>;
using again = migration<3, "again", add_check<"users", "users_email_key", "email <> ''">>;
using named_like_table = migration<2, "add", add_check<"users", "users", "email <> ''">>;
using good = migration<3, "again", add_check<"users", "users_email_ck", "email <> ''">>;
static_assert(!valid_chain<chain<users, add, again>>);
static_assert(chain_error<chain<users, add, again>> == error_kind::constraint_already_exists);
static_assert(chain_error<chain<users, named_like_table>> == error_kind::constraint_already_exists);
static_assert(valid_chain<chain<users, add, good>>);
}  // namespace constraint_exists

// ---- enums --------------------------------------------------------------------------------
namespace enums {
using mood = migration<2, "mood", create_enum<"mood", "happy", "sad">>;
using typo = migration<3, "m", add_column<"users", column<"feeling", enum_type<"moood">>>>;
using add_value_missing = migration<3, "m", add_enum_value<"moood", "meh">>;
using drop_missing = migration<3, "m", drop_enum<"moood">>;
using feeling = migration<3, "m", add_column<"users", column<"feeling", enum_type<"mood">>>>;
static_assert(!valid_chain<chain<users, mood, typo>>);
static_assert(chain_error<chain<users, mood, typo>> == error_kind::enum_does_not_exist);
static_assert(chain_error<chain<users, mood, add_value_missing>> == error_kind::enum_does_not_exist);
static_assert(chain_error<chain<users, mood, drop_missing>> == error_kind::enum_does_not_exist);
static_assert(valid_chain<chain<users, mood, feeling>>);

using mood_again = migration<3, "again", create_enum<"mood", "ok">>;
using enum_named_like_table = migration<2, "mood", create_enum<"users", "a">>;
using other = migration<3, "again", create_enum<"weather", "sunny">>;
static_assert(!valid_chain<chain<users, mood, mood_again>>);
static_assert(chain_error<chain<users, mood, mood_again>> == error_kind::enum_already_exists);
static_assert(chain_error<chain<users, enum_named_like_table>> == error_kind::enum_already_exists);
static_assert(valid_chain<chain<users, mood, other>>);

using sad_again = migration<3, "add", add_enum_value<"mood", "sad">>;
using twice = migration<2, "mood", create_enum<"mood", "happy", "happy">>;
using meh = migration<3, "add", add_enum_value<"mood", "meh">>;
static_assert(!valid_chain<chain<users, mood, sad_again>>);
static_assert(chain_error<chain<users, mood, sad_again>> == error_kind::enum_value_already_exists);
static_assert(chain_error<chain<users, twice>> == error_kind::enum_value_already_exists);
static_assert(valid_chain<chain<users, mood, meh>>);

using drop = migration<4, "drop", drop_enum<"mood">>;
using drop_column_first = migration<4, "drop", drop_column<"users", "feeling">, drop_enum<"mood">>;
static_assert(!valid_chain<chain<users, mood, feeling, drop>>);
static_assert(chain_error<chain<users, mood, feeling, drop>> == error_kind::enum_still_used);
static_assert(valid_chain<chain<users, mood, feeling, drop_column_first>>);

// A value is usable from the migration after the one that adds it (PostgreSQL).
using meh_used = migration<3, "meh", add_enum_value<"mood", "meh">,
                           add_column<"users", column<"feeling", enum_type<"mood">, default_value<"meh">>>>;
using meh_next = migration<4, "use_meh", add_column<"users", column<"feeling", enum_type<"mood">, default_value<"meh">>>>;
static_assert(!valid_chain<chain<users, mood, meh_used>>);
static_assert(chain_error<chain<users, mood, meh_used>> == error_kind::new_enum_value_used);
static_assert(valid_chain<chain<users, mood, meh, meh_next>>);
}  // namespace enums

// ---- foreign keys -------------------------------------------------------------------------
namespace foreign_keys {
template <class Type, strata::fixed_string Table, strata::fixed_string Column>
using posts = migration<2, "posts", create_table<"posts", column<"id", bigint, primary_key>,
                                                 column<"author", Type, references<Table, Column>>>>;
using good = posts<bigint, "users", "id">;
static_assert(valid_chain<chain<users, good>>);

static_assert(!valid_chain<chain<users, posts<bigint, "user", "id">>>);
static_assert(chain_error<chain<users, posts<bigint, "user", "id">>> == error_kind::foreign_key_to_missing_table);
static_assert(chain_error<chain<users, posts<bigint, "users", "uid">>> == error_kind::foreign_key_to_missing_column);
static_assert(chain_error<chain<users, posts<integer, "users", "id">>> == error_kind::foreign_key_type_mismatch);
static_assert(chain_error<chain<users, posts<text, "users", "email">>> == error_kind::foreign_key_target_not_unique);

// the same through add_foreign_key
using plain = migration<2, "posts", create_table<"posts", column<"id", bigint, primary_key>, column<"author", bigint>>>;
template <strata::fixed_string Table, strata::fixed_string Column>
using fk = migration<3, "fk", add_foreign_key<"posts", "posts_author_fk", "author", Table, Column, on_delete_cascade>>;
static_assert(valid_chain<chain<users, plain, fk<"users", "id">>>);
static_assert(chain_error<chain<users, plain, fk<"user", "id">>> == error_kind::foreign_key_to_missing_table);
static_assert(chain_error<chain<users, plain, fk<"users", "uid">>> == error_kind::foreign_key_to_missing_column);

// a unique column is a valid target
using unique_email = migration<2, "unique", add_unique<"users", "users_email_key", "email">>;
using by_email = migration<3, "posts", create_table<"posts", column<"id", bigint, primary_key>,
                                                    column<"author", text, references<"users", "email">>>>;
static_assert(valid_chain<chain<users, unique_email, by_email>>);

// retyping either end of a foreign key
using retype = migration<3, "retype", alter_column<"posts", "author", set_type<integer>>>;
static_assert(chain_error<chain<users, good, retype>> == error_kind::foreign_key_type_mismatch);

// a self-reference must target a key of the table itself
using tree = migration<2, "tree", create_table<"nodes", column<"id", bigint, primary_key>,
                                               column<"parent", bigint, references<"nodes", "id">>>>;
using bad_tree = migration<2, "tree", create_table<"nodes", column<"id", bigint, primary_key>, column<"code", bigint>,
                                                   column<"parent", bigint, references<"nodes", "code">>>>;
static_assert(valid_chain<chain<users, tree>>);
static_assert(chain_error<chain<users, bad_tree>> == error_kind::foreign_key_target_not_unique);
}  // namespace foreign_keys

// ---- explicit up/down pairs ---------------------------------------------------------------
namespace down_mismatch {
using nothing = migration<2, "add_age", up<add_column<"users", column<"age", integer>>>, down<>>;
using wrong = migration<2, "add_age", up<add_column<"users", column<"age", integer>>>, down<drop_column<"users", "email">>>;
using partial = migration<2, "add", up<add_column<"users", column<"age", integer>>, create_index<"by_age", "users", "age">>,
                          down<drop_index<"by_age">>>;
using good = migration<2, "add_age", up<add_column<"users", column<"age", integer>>>, down<drop_column<"users", "age">>>;
using good_reverse = migration<2, "add", up<add_column<"users", column<"age", integer>>, create_index<"by_age", "users", "age">>,
                               down<drop_index<"by_age">, drop_column<"users", "age">>>;
static_assert(!valid_chain<chain<users, nothing>>);
static_assert(chain_error<chain<users, nothing>> == error_kind::down_does_not_restore);
static_assert(chain_error<chain<users, wrong>> == error_kind::down_does_not_restore);
static_assert(chain_error<chain<users, partial>> == error_kind::down_does_not_restore);
static_assert(valid_chain<chain<users, good>>);
static_assert(valid_chain<chain<users, good_reverse>>);
// a down that fails on its own is reported as that failure
using typo = migration<2, "add_age", up<add_column<"users", column<"age", integer>>>, down<drop_column<"users", "agee">>>;
static_assert(chain_error<chain<users, typo>> == error_kind::column_does_not_exist);
}  // namespace down_mismatch

// ---- not a chain rule ---------------------------------------------------------------------
// A type the dialect cannot spell is found when that dialect's SQL is generated
// (tests/compile_fail/dialect_cannot_express.cpp): the chain itself is valid.
namespace dialect {
using huge = migration<2, "add_bio", add_column<"users", column<"bio", varchar<20000000>>>>;
static_assert(valid_chain<chain<users, huge>>);
static_assert(chain_error<chain<users, huge>> == error_kind::none);
static_assert(!strata::sql<strata::sqlite, chain<users, huge>, 2>::up.empty());
}  // namespace dialect


// ---- what the databases cannot hold (docs/reference.md, "Names") -------------------------
namespace cannot_hold {
using m1 = migration<1, "c", create_table<"t", column<"id", bigint, primary_key>, column<"a", integer, check<"a > 0">>,
                                          column<"email", text, unique>, column<"n", bigint, references<"t", "id">>>>;
static_assert(valid_chain<chain<m1>>);
// versions below 2^63
using big = migration<9223372036854775808ull, "big", create_table<"v", column<"id", bigint>>>;
using largest = migration<9223372036854775807ull, "big", create_table<"v", column<"id", bigint>>>;
static_assert(chain_error<chain<m1, big>> == error_kind::version_too_large);
static_assert(valid_chain<chain<m1, largest>>);
// only a primary key goes unnamed
static_assert(chain_error<chain<m1, migration<2, "x", add_unique<"t", "", "email">>>> == error_kind::invalid_identifier);
static_assert(chain_error<chain<m1, migration<2, "x", add_check<"t", "", "a < 9">>>> == error_kind::invalid_identifier);
static_assert(valid_chain<chain<m1, migration<2, "x", add_unique<"t", "t_email_uq", "email">>>>);
// case
static_assert(chain_error<chain<m1, migration<2, "r", create_table<"T", column<"id", bigint>>>>> == error_kind::name_differs_only_in_case);
static_assert(chain_error<chain<m1, migration<2, "r", rename_table<"t", "T">>>> == error_kind::name_differs_only_in_case);
static_assert(chain_error<chain<m1, migration<2, "r", create_index<"T_idx", "t", "email">, create_index<"t_IDX", "t", "a">>>> ==
              error_kind::name_differs_only_in_case);
static_assert(chain_error<chain<m1, migration<2, "r", add_column<"t", column<"Email", text>>>>> == error_kind::name_differs_only_in_case);
static_assert(chain_error<chain<m1, migration<2, "r", rename_column<"t", "a", "EMAIL">>>> == error_kind::name_differs_only_in_case);
static_assert(chain_error<chain<m1, migration<2, "r", create_table<"u", column<"x", text>, column<"X", text>>>>> ==
              error_kind::name_differs_only_in_case);
static_assert(valid_chain<chain<m1, migration<2, "r", rename_column<"t", "email", "Email">>>>);
static_assert(valid_chain<chain<m1, migration<2, "r", create_table<"T2", column<"id", bigint>>>>>);
// PostgreSQL's implicit names, in both orders
static_assert(chain_error<chain<m1, migration<2, "r", create_index<"t_email_key", "t", "email">>>> == error_kind::name_is_implicit);
static_assert(chain_error<chain<m1, migration<2, "r", create_index<"t_pkey", "t", "email">>>> == error_kind::name_is_implicit);
static_assert(chain_error<chain<m1, migration<2, "r", add_check<"t", "t_a_check", "a < 9">>>> == error_kind::name_is_implicit);
static_assert(chain_error<chain<m1, migration<2, "r", add_unique<"t", "t_n_fkey", "n">>>> == error_kind::name_is_implicit);
static_assert(chain_error<chain<m1, migration<2, "r", create_table<"t_email_key", column<"id", bigint>>>>> == error_kind::name_is_implicit);
static_assert(valid_chain<chain<m1, migration<2, "r", create_index<"t_a_key", "t", "a">>>>);  // a is not unique
using early_index = migration<2, "r", create_index<"u_x_key", "t", "email">>;
using late_unique = migration<3, "s", create_table<"u", column<"x", text, unique>>>;
static_assert(chain_error<chain<m1, early_index, late_unique>> == error_kind::name_is_implicit);
using serial = migration<3, "s", create_table<"u", column<"id", bigint, primary_key, autoincrement>>>;
static_assert(chain_error<chain<m1, serial, migration<4, "q", create_table<"u_id_seq", column<"id", bigint>>>>> ==
              error_kind::name_is_implicit);
// a check that names two columns is <table>_check
using two_columns = migration<3, "s", create_table<"u", column<"lo", integer>, column<"hi", integer, check<"hi > lo">>>>;
static_assert(chain_error<chain<m1, two_columns, migration<4, "q", create_index<"u_check", "u", "lo">>>> ==
              error_kind::name_is_implicit);
static_assert(valid_chain<chain<m1, two_columns, migration<4, "q", create_index<"u_hi_check", "u", "lo">>>>);
// names kept across renames, as PostgreSQL keeps them; the same implicit name twice is numbered
using to_people = migration<2, "x", rename_table<"t", "people">>;
static_assert(valid_chain<chain<m1, to_people, migration<3, "y", create_table<"t", column<"id", bigint, primary_key>>>>>);
static_assert(chain_error<chain<m1, to_people, migration<3, "y", create_index<"t_pkey", "people", "email">>>> ==
              error_kind::name_is_implicit);
// dropped with their table or column
static_assert(valid_chain<chain<m1, migration<2, "x", drop_column<"t", "email">, create_index<"t_email_key", "t", "a">>>>);
// shortened to 63 bytes
using long_unique = migration<2, "x", create_table<"w", column<"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_1", text, unique>, column<"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_2", text, unique>>>;
using long_distinct = migration<2, "x", create_table<"w", column<"1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", text, unique>, column<"2_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", text, unique>>>;
static_assert(chain_error<chain<m1, long_unique>> == error_kind::derived_names_collide);
static_assert(valid_chain<chain<m1, long_distinct>>);
// a check's SQL names what a rename or drop would change
static_assert(chain_error<chain<m1, migration<2, "r", rename_column<"t", "a", "b">>>> == error_kind::rename_breaks_check);
static_assert(valid_chain<chain<m1, migration<2, "r", rename_column<"t", "email", "mail">>>>);
using quoted_use = migration<2, "x", add_column<"t", column<"b", integer, check<"b > \"a\"">>>>;
static_assert(chain_error<chain<m1, quoted_use, migration<3, "y", drop_column<"t", "a">>>> == error_kind::column_still_used);
static_assert(valid_chain<chain<m1, quoted_use, migration<3, "y", drop_column<"t", "b">>>>);  // its own check goes with it
using qualified = migration<2, "x", add_check<"t", "ck", "t.a > 0">>;
static_assert(chain_error<chain<m1, qualified, migration<3, "y", rename_table<"t", "tt">>>> == error_kind::rename_breaks_check);
// not a use: a string literal, a function name (a comment is refused: comment_in_expression)
using not_uses = migration<2, "x", add_check<"t", "ck", "length(email) > 0 AND email <> 'a'">>;
static_assert(valid_chain<chain<m1, migration<2, "x", add_column<"t", column<"length", integer>>>, migration<3, "y", add_check<"t", "ck", "length(email) > 0 AND email <> 'length'">>,
                                migration<4, "z", rename_column<"t", "length", "len">>>>);
static_assert(chain_error<chain<m1, not_uses, migration<3, "y", rename_column<"t", "email", "mail">>>> == error_kind::rename_breaks_check);
// the way out: drop the check, rename, add it again
using renamed = migration<2, "x", add_check<"t", "ck", "email <> ''">>;
using around = migration<3, "y", drop_constraint<"t", "ck">, rename_column<"t", "email", "mail">, add_check<"t", "ck", "mail <> ''">>;
static_assert(valid_chain<chain<m1, renamed, around>>);
}  // namespace cannot_hold

}  // namespace

int main() {}
