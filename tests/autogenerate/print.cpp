// Prints the migration strata::autogenerate writes from ag::history to ag::target.
#include <cstdio>

#include "schemas.hpp"

int main() {
    std::fputs(strata::autogenerate<ag::history, ag::target>(5, "close the gap").c_str(), stdout);
}
