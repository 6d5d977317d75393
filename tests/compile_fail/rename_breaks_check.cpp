// compile-fail: rename_column of a column a check uses
// expect: strata: a check constraint's SQL names what this operation renames, and would keep the old name [(]SQLite's next rebuild of the table fails: no such column[)]: drop the check first, rename, then add it again with the new name
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<4>[{]"age"[}]|'a', 'g', 'e')>, strata::diag::name<(strata::fixed_string<4>[{]"age"[}]|'a', 'g', 'e')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<11>[{]"rename_age"[}]|'r', 'e', 'n', 'a', 'm', 'e', '_', 'a', 'g', 'e')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<14>[{]"rename_column"[}]|'r', 'e', 'n', 'a', 'm', 'e', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// users.age has check<"age >= 0">: after the rename the typed state would still say
// "age >= 0", and SQLite's next rebuild of users fails with "no such column: age". The third
// name is the check's: a constraint's name, or the column whose check<...> it is.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null, unique>,
                                          column<"age", integer, check<"age >= 0">>>>;
using m2 = strata::migration<2, "rename_age", rename_column<"users", "email", "mail">>;
using m3 = strata::migration<2, "rename_age", rename_column<"users", "age", "years">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m3>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::rename_breaks_check);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
