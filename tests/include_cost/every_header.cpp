// Every header an application includes, and nothing called: the object must hold no backend
// code (no_backend_code.cmake). A backend header used to register its URL scheme from every
// unit, which compiled both backends' connection classes whole in each (1.3 s at -O0 and
// 2.5 s at -O2 on g++ 12, with an empty main).
#include <strata/strata.hpp>
#include <strata/cli.hpp>
#include <strata/sqlite.hpp>
#include <strata/startup.hpp>
#if defined(STRATA_TEST_POSTGRES)
#include <strata/postgres.hpp>
#endif

int main() {}
