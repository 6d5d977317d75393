// strata::runtime: the runtime compiled once (STRATA_SEPARATE_COMPILATION, defined for this
// target and its users by CMake), so that an application's units only declare it.
#include <strata/src.hpp>
