// compile-fail: cli::run<Chain, Target> where the Target's comparison was not included
// expect: strata: cli::run<Chain, Target>: a Target needs <strata/target_schema.hpp> [(]or <strata/model.hpp>[)] included before this call
//
// A plain chain as the Target (a squashed history), in a unit that includes cli.hpp alone:
// cli.hpp does not bring the comparison, which only applications with a Target pay for.
// The control build (-DSTRATA_CONTROL) includes target_schema.hpp.
#include <strata/cli.hpp>
#include <strata/strata.hpp>
#ifdef STRATA_CONTROL
#include <strata/target_schema.hpp>
#endif

using namespace strata::dsl;

using m1 = strata::migration<1, "create_users", create_table<"users", column<"id", bigint, primary_key>, column<"email", text>>>;
using history = strata::chain<m1>;
using squashed = strata::chain<strata::migration<1, "squashed", create_table<"users", column<"id", bigint, primary_key>>>>;

int main(int argc, char** argv) { return strata::cli::run<history, squashed>(argc, argv); }
