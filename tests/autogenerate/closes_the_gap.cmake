# cmake -DPRINT=<print exe> -DCXX=<compiler> -DINCLUDE=<include dir> -DDIR=<tests/autogenerate>
#       -DWORK=<dir> -P closes_the_gap.cmake
# The migration autogenerate writes, compiled after the history it was written for: the
# resulting chain must be valid and strata::matches<chain, target> must hold.
cmake_minimum_required(VERSION 3.21)
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${PRINT} OUTPUT_VARIABLE migration RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "print exited ${rc}")
endif()
message("---- the generated migration ----\n${migration}")
file(WRITE ${WORK}/closes_the_gap.cpp "#include \"schemas.hpp\"
namespace ag {
${migration}
using next = strata::chain<m1, m2, m3, m4, m5>;
static_assert(strata::valid_chain<next>);
static_assert(strata::matches<next, target>, \"the generated migration does not close the gap\");
}  // namespace ag
int main() {}
")
execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I${INCLUDE} -I${DIR} ${WORK}/closes_the_gap.cpp
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the generated migration does not compile into a matching chain:\n${out}")
endif()
message("compiled: strata::matches<history + m5, target> holds")
