# cmake -DKIND=find_package|add_subdirectory|fetchcontent -DCONSUMER_SOURCE_DIR=...
#       -DWORK_DIR=... -DSTRATA_SOURCE_DIR=... -DSTRATA_BINARY_DIR=... -DCXX_COMPILER=...
#       -DGENERATOR=... [-DBUILD_TYPE=...] -P RunConsumer.cmake
# Configures and builds a tiny consumer project against strata, with the outer compiler.
cmake_minimum_required(VERSION 3.21)

function(run)
  string(REPLACE ";" " " pretty "${ARGN}")
  message(STATUS "$ ${pretty}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer ${KIND}: command failed (${rc}): ${pretty}")
  endif()
endfunction()

if(NOT BUILD_TYPE)
  set(BUILD_TYPE Debug)
endif()
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

set(cfg -S ${CONSUMER_SOURCE_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
        -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
        -DSTRATA_SOURCE_DIR=${STRATA_SOURCE_DIR})
if(KIND STREQUAL "find_package")
  set(prefix ${WORK_DIR}/prefix)
  run(${CMAKE_COMMAND} --install ${STRATA_BINARY_DIR} --prefix ${prefix})
  list(APPEND cfg -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_PACKAGE_PREFER_CONFIG=ON)
endif()
run(${CMAKE_COMMAND} ${cfg})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer)
