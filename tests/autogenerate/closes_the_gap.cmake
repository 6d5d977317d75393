# cmake -DPRINT=<print exe> -DCXX=<compiler> -DINCLUDE=<include dir> -DDIR=<tests/autogenerate>
#       -DWORK=<dir> [-DCASE=target|models] [-DRUN_LIBS=<libs to link>] -P closes_the_gap.cmake
# The migration autogenerate writes, compiled after the history it was written for: the
# resulting chain must be valid and strata::matches<chain, target> must hold. CASE picks the pair:
# target (schemas.hpp, namespace ag: a target_schema<...>) or models (models.hpp, namespace mg:
# strata::models<...> of changed structs). With RUN_LIBS (the SQLite client and fmt), the same
# unit is linked and run (apply.hpp): it applies the history to a new SQLite file, then the chain
# with the generated migration, and verify() compares the live schema with the chain's head; the
# same on PostgreSQL when RUN_LIBS defines STRATA_LOOP_POSTGRES and STRATA_PG_URL is set.
cmake_minimum_required(VERSION 3.21)
if(NOT CASE)
  set(CASE target)
endif()
if(CASE STREQUAL "models")
  set(header models.hpp)
  set(ns mg)
  set(arg models)
else()
  set(header schemas.hpp)
  set(ns ag)
  set(arg "")
endif()
set(WORK ${WORK}/${CASE})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${PRINT} ${arg} OUTPUT_VARIABLE migration RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "print exited ${rc}")
endif()
message("---- the generated migration (${CASE}) ----\n${migration}")
if(NOT migration MATCHES "using (m[0-9]+) = strata::migration<")
  message(FATAL_ERROR "no migration in what autogenerate printed")
endif()
set(name ${CMAKE_MATCH_1})
if(RUN_LIBS)
  set(run "#define STRATA_LOOP_NS ${ns}\n#include \"apply.hpp\"\n")
else()
  set(run "int main() {}\n")
endif()
file(WRITE ${WORK}/closes_the_gap.cpp "#include \"${header}\"
namespace ${ns} {
${migration}
using next = extended<${name}>;
static_assert(strata::valid_chain<next>);
static_assert(strata::matches<next, target>, \"the generated migration does not close the gap\");
}  // namespace ${ns}
${run}")
if(RUN_LIBS)
  execute_process(COMMAND ${CXX} -std=c++20 -Wall -Wextra -Werror -I${INCLUDE} -I${DIR} ${WORK}/closes_the_gap.cpp
                          -o ${WORK}/closes_the_gap ${RUN_LIBS}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
else()
  execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I${INCLUDE} -I${DIR} ${WORK}/closes_the_gap.cpp
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the generated migration does not compile into a matching chain:\n${out}")
endif()
message("compiled: strata::matches<history + ${name}, target> holds")
if(RUN_LIBS)
  execute_process(COMMAND ${WORK}/closes_the_gap ${WORK}/closes_the_gap.db RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  message("${out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the history and the generated migration, applied, do not verify (exit ${rc})")
  endif()
endif()
