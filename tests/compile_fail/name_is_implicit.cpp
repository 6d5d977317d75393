// compile-fail: an index named like the implicit name of a unique column
// expect: strata: PostgreSQL already gives this name to an implicit constraint, index or sequence [(]<table>_pkey, <table>_<column>_key, _fkey, _check or _seq[)]: it would refuse the name or number its own
// expect: >, strata::diag::name<(strata::fixed_string<16>[{]"users_email_key"[}]|'u', 's', 'e', 'r', 's', '_', 'e', 'm', 'a', 'i', 'l', '_', 'k', 'e', 'y')>, strata::diag::name<(strata::fixed_string<6>[{]"users"[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{]"email"[}]|'e', 'm', 'a', 'i', 'l')>
// expect: diag::in_migration<2, strata::diag::name<(strata::fixed_string<12>[{]"index_email"[}]|'i', 'n', 'd', 'e', 'x', '_', 'e', 'm', 'a', 'i', 'l')>
// expect: diag::operation<1, strata::diag::name<(strata::fixed_string<13>[{]"create_index"[}]|'c', 'r', 'e', 'a', 't', 'e', '_', 'i', 'n', 'd', 'e', 'x')>
//
// users.email is unique: PostgreSQL named its index users_email_key, so CREATE INDEX
// "users_email_key" fails there ("relation already exists") while SQLite accepts it.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users",
                             create_table<"users", column<"id", bigint, primary_key>,
                                          column<"email", text, not_null, unique>,
                                          column<"age", integer, check<"age >= 0">>>>;
using m2 = strata::migration<2, "index_email", create_index<"users_by_email", "users", "email">>;
using m3 = strata::migration<2, "index_email", create_index<"users_email_key", "users", "email">>;

using good = strata::chain<m1, m2>;
using bad = strata::chain<m1, m3>;

static_assert(strata::valid_chain<good>);
static_assert(!strata::valid_chain<bad>);
static_assert(strata::chain_error<bad> == strata::error_kind::name_is_implicit);

#ifndef STRATA_CONTROL
constexpr auto head = bad::head;
#endif
