// The control of every_header.cpp: a unit that opens a database by URL compiles the backends
// it includes, so the check that finds no backend code in every_header.cpp can find some.
#include <strata/strata.hpp>
#include <strata/sqlite.hpp>
#if defined(STRATA_TEST_POSTGRES)
#include <strata/postgres.hpp>
#endif

int main(int argc, char** argv) { return argc > 1 && strata::open_database(argv[1]) ? 0 : 1; }
