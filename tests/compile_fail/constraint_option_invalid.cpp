// compile-fail: add_foreign_key<...> with two on_delete_ actions
// expect: strata: add_foreign_key<T, Name, C, RefT, RefC, options[.][.][.]> and add_check<T, Name, Expr, options[.][.][.]>: each option must be not_valid
// expect: constraint_option_invalid<strata::dsl::add_foreign_key<
// expect: strata::dsl::on_delete_cascade, strata::dsl::not_valid, strata::dsl::on_delete_set_null>
//
// One action at most (and not_valid at most once).
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

using namespace strata::dsl;

using fk = add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id", on_delete_cascade, not_valid, on_delete_set_null>;
using fixed = add_foreign_key<"posts", "posts_author_fk", "author_id", "users", "id", on_delete_cascade, not_valid>;

static_assert(fixed::constraint.not_valid && !fixed::desc.misused);

#ifndef STRATA_CONTROL
constexpr auto desc = fk::desc;
#endif
