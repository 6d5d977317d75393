// compile-fail: a column's check<...> holds a -- comment, which would hide the rest of the CREATE TABLE strata writes around it
// expect: strata: a check or default_sql expression holds an SQL comment that runs to its end [(]-- or an unclosed /[*][)]
// expect: diag::in_migration<1, strata::diag::name<(strata::fixed_string<7>[{]"people"[}]|'p', 'e', 'o', 'p', 'l', 'e')>
//
// The same for default_sql<...>, check_constraint and add_check, and for a /* no */ closes
// (helper 56: the chain compiled, and upgrade failed on "incomplete input" / "syntax error at end
// of input"). A -- or /* inside a string literal or a quoted name is no comment.
#include <strata/strata.hpp>

using namespace strata::dsl;
using strata::error_kind;

using people = strata::migration<1, "people", create_table<"people", column<"id", bigint, primary_key>,
                                                           column<"age", integer, check<"age > 0 -- positive">>>>;

template <class... M>
constexpr error_kind verdict = strata::chain_error<strata::chain<M...>>;
using t1 = strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>, column<"a", text>>>;
static_assert(verdict<strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>,
                                                             column<"at", text, default_sql<"now() /* server time">>>>> ==
              error_kind::comment_in_expression);
static_assert(verdict<strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>, column<"a", text>,
                                                             check_constraint<"t_a", "a <> '' -- not empty">>>> ==
              error_kind::comment_in_expression);
static_assert(verdict<t1, strata::migration<2, "a", add_check<"t", "t_a", "a <> ''\n-- not empty">>> == error_kind::comment_in_expression);
// (helper 57) set_default<default_sql<...>> too; a /* with another /* inside (PostgreSQL nests them)
static_assert(verdict<t1, strata::migration<2, "a", alter_column<"t", "a", set_default<default_sql<"'x' -- y">>>>> ==
              error_kind::comment_in_expression);
static_assert(verdict<t1, strata::migration<2, "a", add_check<"t", "t_a", "a <> '' /* a /* b */">>> == error_kind::comment_in_expression);
static_assert(verdict<t1, strata::migration<2, "a", add_check<"t", "t_a", "a <> '' /* a /* b */ */">>> == error_kind::comment_in_expression);
static_assert(verdict<t1, strata::migration<2, "b", add_column<"t", column<"b", text, default_sql<"'x' -- y">>>>> ==
              error_kind::comment_in_expression);
// in a literal or a quoted name: no comment; a closed one is harmless
static_assert(strata::valid_chain<strata::chain<t1, strata::migration<2, "a", add_check<"t", "t_a", "a <> '' /* not empty */">>>>);
static_assert(strata::valid_chain<strata::chain<t1, strata::migration<2, "a", add_check<"t", "t_a", "a <> '--' AND a <> '/*'">>>>);
static_assert(strata::valid_chain<strata::chain<t1, strata::migration<2, "b", add_column<"t", column<"b", text, default_sql<"'it''s -- x'">>>>>>);
static_assert(strata::valid_chain<strata::chain<t1, strata::migration<2, "a", add_check<"t", "t_a", "\"a\" <> 'x-'">>>>);
// a -- comment a line break ends, an E'...' literal with \' inside, a - -1
static_assert(strata::valid_chain<strata::chain<t1, strata::migration<2, "a", add_check<"t", "t_a", "a <> '' -- not empty\n">>>>);
static_assert(strata::valid_chain<strata::chain<t1, strata::migration<2, "a", add_check<"t", "t_a", "a <> E'it\\'s -- x'">>>>);
static_assert(strata::valid_chain<strata::chain<t1, strata::migration<2, "a", add_check<"t", "t_a", "a <> E'O''Brien\\'s -- x'">>>>);
static_assert(verdict<t1, strata::migration<2, "a", add_check<"t", "t_a", "a <> E'a''\\' ' -- oops">>> == error_kind::comment_in_expression);
static_assert(strata::valid_chain<strata::chain<t1, strata::migration<2, "a", add_check<"t", "t_a", "length(a) - -1 > 0">>>>);

#ifndef STRATA_CONTROL
using checked = strata::chain<people>;
static_assert(checked::head == 1);
#endif
