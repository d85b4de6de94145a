# Installs the build tree into a scratch prefix, then configures, builds and runs a consumer
# project that uses find_package(materia CONFIG) and materia::materia.
file(REMOVE_RECURSE "${WORK_DIR}")
set(_prefix "${WORK_DIR}/prefix")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${MATERIA_BUILD_DIR}" --prefix "${_prefix}"
                RESULT_VARIABLE _rc OUTPUT_QUIET)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${_rc}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${WORK_DIR}/build"
                        -G "${CMAKE_GENERATOR}" "-DCMAKE_PREFIX_PATH=${_prefix}"
                RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "configuring the consumer failed: ${_rc}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "building the consumer failed: ${_rc}")
endif()
execute_process(COMMAND "${WORK_DIR}/build/consumer" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out)
message(STATUS "consumer printed: ${_out}")
if(NOT _rc EQUAL 0 OR NOT _out MATCHES "fintech-2024: 91 issues, top: ")
  message(FATAL_ERROR "the consumer did not run as expected (${_rc}): ${_out}")
endif()
