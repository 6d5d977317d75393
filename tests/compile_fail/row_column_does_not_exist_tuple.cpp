// compile-fail: the tuple form names a column the table does not have at that state
// expect: strata: typed rows: the table, or a column a model member or a selected column names, does not exist in the schema state the rows are read or written at
// expect: strata::diag::typed_row<strata::diag::selected_columns, strata::diag::name<(strata::fixed_string<6>[{].users.[}]|'u', 's', 'e', 'r', 's')>, strata::diag::name<(strata::fixed_string<6>[{].emial.[}]|'e', 'm', 'i', 'a', 'l')>, strata::diag::at_version<1>
//
// A typo: "emial".
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/rows.hpp>
#include <strata/strata.hpp>

using namespace strata::dsl;

using m1 = strata::migration<1, "users",
    create_table<"users", column<"id", bigint, primary_key>, column<"email", text, not_null>>>;
using history = strata::chain<m1>;

void read_emails(strata::session& s) {
    [[maybe_unused]] const auto good = strata::select<history::schema, "users", "id", "email">(s);
#ifndef STRATA_CONTROL
    [[maybe_unused]] const auto bad = strata::select<history::schema, "users", "id", "emial">(s);
#endif
}

int main() {}
