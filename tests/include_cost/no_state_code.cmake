# cmake -DNM=nm -DSEPARATE=<object> -DCONTROL=<object> -P no_state_code.cmake
# SEPARATE (migrating_app.cpp with STRATA_SEPARATE_COMPILATION) defines no function of a chain
# state (strata::detail::state<...>, the generator over one, the facts or diagram of one);
# CONTROL (the same unit header-only) does, so the check can see them.
function(state_symbols object out)
  execute_process(COMMAND ${NM} -C --defined-only ${object} OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "nm ${object} failed")
  endif()
  string(REGEX MATCHALL "strata::detail::state<strata::detail::capacities[^\n]*" found "${syms}")
  list(LENGTH found n)
  set(${out} ${n} PARENT_SCOPE)
  if(n GREATER 0)
    list(GET found 0 first)
    set(${out}_first "${first}" PARENT_SCOPE)
  endif()
endfunction()

state_symbols(${SEPARATE} separate)
if(separate GREATER 0)
  message(FATAL_ERROR "a unit built with STRATA_SEPARATE_COMPILATION compiled ${separate} functions of a chain state, "
                      "the first: ${separate_first}")
endif()
state_symbols(${CONTROL} control)
if(control EQUAL 0)
  message(FATAL_ERROR "the header-only control compiled no function of a chain state: the check cannot see them")
endif()
message(STATUS "separate compilation: no state code in the unit; header-only: ${control} functions")
