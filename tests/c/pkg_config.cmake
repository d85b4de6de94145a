cmake_minimum_required(VERSION 3.20)
# Installs the build tree into a scratch prefix, then builds the C example against the installed
# library using only `pkg-config --cflags --libs materia`, and runs it.
file(REMOVE_RECURSE "${WORK_DIR}")
set(_prefix "${WORK_DIR}/prefix")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${MATERIA_BUILD_DIR}" --prefix "${_prefix}"
                RESULT_VARIABLE _rc OUTPUT_QUIET)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${_rc}")
endif()
file(GLOB_RECURSE _pc "${_prefix}/*/materia.pc")
if(NOT _pc)
  message(FATAL_ERROR "materia.pc was not installed under ${_prefix}")
endif()
get_filename_component(_pc_dir "${_pc}" DIRECTORY)
set(ENV{PKG_CONFIG_PATH} "${_pc_dir}")
execute_process(COMMAND pkg-config --cflags --libs materia OUTPUT_VARIABLE _flags
                RESULT_VARIABLE _rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "pkg-config failed: ${_rc}")
endif()
execute_process(COMMAND pkg-config --modversion materia OUTPUT_VARIABLE _version
                OUTPUT_STRIP_TRAILING_WHITESPACE)
message(STATUS "pkg-config materia ${_version}: ${_flags}")
separate_arguments(_flag_list UNIX_COMMAND "${_flags}")
execute_process(COMMAND "${C_COMPILER}" -std=c11 -Wall -Wextra -Werror -pedantic "${EXAMPLE_SOURCE}"
                        ${_flag_list} -o "${WORK_DIR}/quickstart"
                RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "compiling with pkg-config flags failed: ${_err}")
endif()
# The example must run against the installed library, not the build tree's.
string(REGEX MATCH "-L([^ ]+)" _ "${_flags}")
set(ENV{LD_LIBRARY_PATH} "${CMAKE_MATCH_1}")
execute_process(COMMAND "${WORK_DIR}/quickstart" RESULT_VARIABLE _rc OUTPUT_VARIABLE _out
                ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0 OR NOT _out MATCHES "1\\. 数据安全与隐私保护")
  message(FATAL_ERROR "the example did not run as expected (${_rc}): ${_out}${_err}")
endif()
execute_process(COMMAND ldd "${WORK_DIR}/quickstart" OUTPUT_VARIABLE _ldd)
if(NOT _ldd MATCHES "${_prefix}")
  message(FATAL_ERROR "the example did not load the installed libmateria.so: ${_ldd}")
endif()
