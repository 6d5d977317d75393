// Prints the migration strata::autogenerate writes from a history to its target schema:
// ag::history to ag::target (a target_schema<...>), or with the argument "models" mg::history to
// mg::target (strata::models<...> of changed structs).
#include <cstdio>
#include <string_view>

#include "models.hpp"
#include "schemas.hpp"

int main(int argc, char** argv) {
    const bool models = argc > 1 && std::string_view(argv[1]) == "models";
    std::fputs((models ? strata::autogenerate<mg::history, mg::target>(0, "close the gap")
                       : strata::autogenerate<ag::history, ag::target>(5, "close the gap"))
                   .c_str(),
               stdout);
}
