// compile-fail: a column type the chosen dialect cannot express
// expect: strata: the chosen dialect cannot express this column type, default or seed value
// expect: >, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<4>[{]"bio"[}]|'b', 'i', 'o')>, strata::diag::name<(strata::fixed_string<29>[{]"varchar longer than 10485760"[}]|'v', 'a', 'r', 'c', 'h', 'a', 'r', ' ', 'l', 'o', 'n', 'g', 'e', 'r', ' ', 't', 'h', 'a', 'n', ' ', '1', '0', '4', '8', '5', '7', '6', '0')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<8>[{]"add_bio"[}]|'a', 'd', 'd', '_', 'b', 'i', 'o')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<11>[{]"add_column"[}]|'a', 'd', 'd', '_', 'c', 'o', 'l', 'u', 'm', 'n')>
//
// PostgreSQL's varchar stops at 10485760. The chain is valid (SQLite spells it), so
// strata::valid_chain says yes: the dialect is checked when its SQL is generated.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null>>>;
using m2 = strata::migration<2, "add_bio", add_column<"users", column<"bio", varchar<20000000>>>>;
using history = strata::chain<m1, m2>;

static_assert(strata::valid_chain<history>);
static_assert(!strata::sql<strata::sqlite, history, 2>::up.empty());

#ifndef STRATA_CONTROL
constexpr auto text = strata::sql<strata::postgres, history, 2>::up;
#endif
