# cmake -DEXE=<program> -DWORKDIR=<dir> [-DSOURCE=<file.cpp>] -P RunExample.cmake
# Runs an example twice in a fresh working directory (any database file it makes starts
# empty, then is reused): both runs must exit 0. A line `// expect-second-run: <regex>` in the
# source must match the second run's output (e.g. that a start-up migration finds nothing to do).
cmake_minimum_required(VERSION 3.21)
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
foreach(run first second)
  execute_process(COMMAND ${EXE} WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE out)
  message("---- ${run} run ----\n${out}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${EXE} (${run} run) exited with: ${rc}")
  endif()
endforeach()
if(SOURCE)
  file(STRINGS ${SOURCE} expects REGEX "^// expect-second-run: ")
  foreach(e IN LISTS expects)
    string(REGEX REPLACE "^// expect-second-run: " "" re "${e}")
    if(NOT out MATCHES "${re}")
      message(FATAL_ERROR "the second run's output does not match: ${re}")
    endif()
  endforeach()
endif()
