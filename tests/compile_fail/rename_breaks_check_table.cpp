// compile-fail: rename_table of a table a check qualifies columns with
// expect: strata: a check constraint's SQL names what this operation renames, and would keep the old name [(]SQLite's next rebuild of the table fails: no such column[)]: drop the check first, rename, then add it again with the new name
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<14>[{]"users_age_max"[}]|'u', 's', 'e', 'r', 's', '_', 'a', 'g', 'e', '_', 'm', 'a', 'x')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<13>[{]"rename_users"[}]|'r', 'e', 'n', 'a', 'm', 'e', '_', 'u', 's', 'e', 'r', 's')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"rename_table"[}]|'r', 'e', 'n', 'a', 'm', 'e', '_', 't', 'a', 'b', 'l', 'e')>
//
// The check "users.age < 200" names its table: it would keep the old name.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null, unique>,
                                          column<"age", integer, check<"age >= 0">>>>;
using m2 = strata::migration<2, "age_max", add_check<"users", "users_age_max", "users.age < 200">>;
using m3 = strata::migration<3, "rename_users", rename_table<"users", "people">>;
using m2b = strata::migration<2, "age_max", add_check<"users", "users_age_max", "age < 200">>;

using good = strata::chain<m1, m2b, m3>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::rename_breaks_check);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
