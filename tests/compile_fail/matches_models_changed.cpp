// compile-fail: structs changed after the history was written: matches names each difference
// expect: strata: matches<Chain, Target>: this column differs from the target schema's [(]the last name says how[)]
// expect: diag::difference<1, 5>, strata::diag::name<(strata::fixed_string<6>[{].users.[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<9>[{].nickname.[}]|'n', 'i', 'c', 'k', 'n', 'a', 'm', 'e')>, strata::diag::name<(strata::fixed_string<12>[{].nullability.[}]|'n', 'u', 'l', 'l', 'a', 'b', 'i', 'l', 'i', 't', 'y')>
// expect: diag::difference<2, 5>, strata::diag::name<(strata::fixed_string<6>[{].users.[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<4>[{].age.[}]|'a', 'g', 'e')>, strata::diag::name<(strata::fixed_string<5>[{].type.[}]|'t', 'y', 'p', 'e')>
// expect: strata: matches<Chain, Target>: the target schema's table has this column, the chain's head does not
// expect: diag::difference<3, 5>, strata::diag::name<(strata::fixed_string<6>[{].users.[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<4>[{].bio.[}]|'b', 'i', 'o')>
// expect: strata: matches<Chain, Target>: the target schema has this index, the chain's head does not
// expect: diag::difference<4, 5>, strata::diag::name<(strata::fixed_string<6>[{].posts.[}]|'p', 'o', 's', 't', 's')>, strata::diag::name<(strata::fixed_string<17>[{].posts_author_idx.[}]|'p', 'o', 's', 't', 's', '_', 'a', 'u', 't', 'h', 'o', 'r', '_', 'i', 'd', 'x')>
// expect: strata: matches<Chain, Target>: the target schema has this constraint, the chain's head does not
// expect: diag::difference<5, 5>
//
// The loop of tests/autogenerate/models.hpp, step 2: v2's structs differ from the history (an
// optional made required, a type changed, a member added, an index and a constraint added);
// one error per difference. The control asserts the count, and that the history matches v1's
// structs. (Step 3, the migration autogenerate writes, compiled and applied:
// autogenerate.closes_the_gap_models.)
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include "../autogenerate/models.hpp"

static_assert(strata::matches<mg::history, mg::before>);
static_assert(strata::difference_count<mg::history, mg::target> == 5);

#ifndef STRATA_CONTROL
static_assert(strata::matches<mg::history, mg::target>);
#endif
