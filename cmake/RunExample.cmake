# cmake -DEXE=<program> -DWORKDIR=<dir> -P RunExample.cmake
# Runs an example in a fresh working directory (any database file it makes starts empty).
cmake_minimum_required(VERSION 3.21)
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
execute_process(COMMAND ${EXE} WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${EXE} exited with: ${rc}")
endif()
