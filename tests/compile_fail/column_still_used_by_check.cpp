// compile-fail: drop_column of a column another column's check uses
// expect: strata: cannot drop or change a column that an index, constraint or foreign key uses
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<4>[{]"age"[}]|'a', 'g', 'e')>, strata::diag::name<(strata::fixed_string<11>[{]"retired_at"[}]|'r', 'e', 't', 'i', 'r', 'e', 'd', '_', 'a', 't')>
// expect: diag::in_migration<3, strata::diag::name<(strata::fixed_string<9>[{]"drop_age"[}]|'d', 'r', 'o', 'p', '_', 'a', 'g', 'e')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<12>[{]"drop_column"[}]|'d', 'r', 'o', 'p', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// users.retired_at's check names age: PostgreSQL would drop the check with the column, SQLite's
// next rebuild fails with "no such column". A column's own check goes with it (see `good`).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null, unique>,
                                          column<"age", integer, check<"age >= 0">>>>;
using m2 = strata::migration<2, "retirement", add_column<"users", column<"retired_at", integer, check<"retired_at > age">>>>;
using m3 = strata::migration<3, "drop_age", drop_column<"users", "age">>;
using m3b = strata::migration<3, "drop_age", drop_column<"users", "retired_at">>;

using good = strata::chain<m1, m2, m3b>;
using bad = strata::chain<m1, m2, m3>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::column_still_used);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
