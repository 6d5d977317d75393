// compile-fail: the chain's head differs from the declared target schema
// expect: strata: matches<Chain, Target>: the target schema's table has this column, the chain's head does not
// expect: strata: matches<Chain, Target>: this column differs from the target schema's [(]the last name says how[)]
// expect: strata: matches<Chain, Target>: the chain's head has this index, the target schema does not
// expect: diag::difference<1, 3>
// expect: strata::diag::name<(strata::fixed_string<9>[{]"nickname"[}]|'n', 'i', 'c', 'k', 'n', 'a', 'm', 'e')>
// expect: strata::diag::name<(strata::fixed_string<5>[{]"type"[}]|'t', 'y', 'p', 'e')>
// expect: strata::diag::name<(strata::fixed_string<16>[{]"users_email_idx"[}]|'u', 's', 'e', 'r', 's', '_', 'e', 'm', 'a', 'i', 'l', '_', 'i', 'd', 'x')>
//
// One error per difference (the first 8), each naming what differs; `good` is the target the
// chain does reach.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>
#include <strata/target_schema.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>>,
    create_index<"users_email_idx", "users", "email">>;
using history = strata::chain<m1>;

using good = strata::target_schema<
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>>,
    create_index<"users_email_idx", "users", "email">>;
using target = strata::target_schema<
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<200>, not_null>,
                 column<"nickname", text>>>;

static_assert(strata::matches<history, good>);
static_assert(strata::difference_count<history, target> == 3);

#ifndef STRATA_CONTROL
static_assert(strata::matches<history, target>);
#endif
