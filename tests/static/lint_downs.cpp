// strata::lint<Chain, live_postgres> reads an explicit down<...> as it reads the up (its
// refusals: tests/compile_fail/lint_explicit_down.cpp). What a down may do: drop or rename what
// the up made (a rollback serves the application from before the up), build an index
// concurrently, act on a table it creates itself; unsafe<"why", op> in it acknowledges one
// operation, and makes the chain another chain than the same down without it.
#include <strata/lint.hpp>
#include <strata/strata.hpp>

#include <type_traits>

using namespace strata::dsl;

using m1 = strata::migration<1, "tables",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", varchar<80>>>,
    create_index<"users_email_idx", "users", "email">>;
template <class Down>
using drops_index = strata::chain<m1, strata::migration<2, "no email index", up<drop_index<"users_email_idx">>, Down>>;

using plain = drops_index<down<create_index<"users_email_idx", "users", "email">>>;
using acknowledged = drops_index<down<unsafe<"users has a hundred rows", create_index<"users_email_idx", "users", "email">>>>;
static_assert(!std::is_same_v<plain, acknowledged>, "strata: an explicit down's unsafe<> makes another chain");
static_assert([] {
    const auto e = strata::detail::live_postgres_finding(strata::detail::proxy_t<plain>::descs, 2, 0);
    return e.kind == strata::error_kind::lint_index_blocks_writes && e.in_down && e.migration == 1 && e.op == 0;
}(), "strata: lint reads the explicit down");
static_assert(strata::lint<plain, strata::live_postgres, 3>);  // from version 3 on: m2 not read
static_assert(strata::lint<acknowledged, strata::live_postgres>);

static_assert(strata::lint<strata::chain<m1, strata::migration<2, "no email index",
    up<drop_index_concurrently<"users_email_idx">>,
    down<create_index_concurrently<"users_email_idx", "users", "email">>>>, strata::live_postgres>);

// the down drops the column its up added: no finding (the up's drop would be one)
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "nick",
    up<add_column<"users", column<"nick", text>>>,
    down<drop_column<"users", "nick">>>>, strata::live_postgres>);

// a table the down creates again has no rows there: its index blocks no one
static_assert(strata::lint<strata::chain<m1,
    strata::migration<2, "tags",
        up<create_table<"tags", column<"id", bigint, primary_key>, column<"name", text>>, create_index<"tags_name_idx", "tags", "name">>,
        down<drop_table<"tags">>>,
    strata::migration<3, "no tags",
        up<unsafe<"nothing reads tags", drop_table<"tags">>>,
        down<create_table<"tags", column<"id", bigint, primary_key>, column<"name", text>>, create_index<"tags_name_idx", "tags", "name">>>>,
    strata::live_postgres>);

// a derived down is not read: it undoes the up's own operations
static_assert(strata::lint<strata::chain<m1, strata::migration<2, "nick", add_column<"users", column<"nick", text>>>>, strata::live_postgres>);

int main() {}
