#include <strata/strata.hpp>

using namespace strata::dsl;
using h = strata::chain<strata::migration<1, "t", create_table<"t", column<"id", bigint, primary_key>>>>;
static_assert(h::head == 1);

int main() {}
