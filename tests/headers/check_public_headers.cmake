# Every public header compiles on its own with only include/, Eigen and Boost on the include path,
# and includes nothing of nlohmann, simdjson, ICU or OpenCC, directly or through another header:
# a C++ user of the installed library needs those headers only (docs/architecture.md).
#
#   cmake -DCXX=<compiler> -DINCLUDE_DIR=<include/> -DDEPENDENCY_DIRS=<dir|dir...>
#         -DWORK_DIR=<scratch> -P check_public_headers.cmake
#
# Each header is included alone by a one-line source file, compiled with -fsyntax-only -H; -H
# lists every file included (". path", one dot per level), which is checked against FORBIDDEN.
# The forbidden libraries' headers sit in /usr/include beside the allowed ones, so the list is
# what catches them, not the include path.

cmake_minimum_required(VERSION 3.20)

set(FORBIDDEN "nlohmann|simdjson|unicode/|opencc")

foreach(var CXX INCLUDE_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_public_headers.cmake: -D${var}=... is required")
  endif()
endforeach()
set(flags -std=c++20 -fsyntax-only -H "-I${INCLUDE_DIR}")
string(REPLACE "|" ";" dependency_dirs "${DEPENDENCY_DIRS}")
foreach(dir IN LISTS dependency_dirs)
  list(APPEND flags "-I${dir}")
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(GLOB_RECURSE headers RELATIVE "${INCLUDE_DIR}" "${INCLUDE_DIR}/*.h" "${INCLUDE_DIR}/*.hpp")
list(SORT headers)
list(LENGTH headers count)
if(count EQUAL 0)
  message(FATAL_ERROR "no headers under ${INCLUDE_DIR}")
endif()

set(failures 0)
foreach(header IN LISTS headers)
  string(MAKE_C_IDENTIFIER "${header}" name)
  set(source "${WORK_DIR}/${name}.cpp")
  file(WRITE "${source}" "#include <${header}>\n")
  execute_process(COMMAND "${CXX}" ${flags} "${source}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    message("${header}: does not compile on its own:\n${output}")
    math(EXPR failures "${failures} + 1")
    continue()
  endif()
  # Walk the -H tree, keeping the chain of includers, and report each forbidden file with it.
  string(REPLACE ";" "\\;" output "${output}")
  string(REPLACE "\n" ";" lines "${output}")
  set(chain "")
  set(bad "")
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^(\\.+) (.+)$")
      continue()
    endif()
    string(LENGTH "${CMAKE_MATCH_1}" depth)
    set(path "${CMAKE_MATCH_2}")
    math(EXPR keep "${depth} - 1")
    list(SUBLIST chain 0 ${keep} chain)
    # Only the first forbidden file of a chain: not the ones it includes in turn.
    if(path MATCHES "${FORBIDDEN}" AND NOT "${chain}" MATCHES "${FORBIDDEN}")
      list(APPEND chain "${path}")
      list(JOIN chain "\n    -> " shown)
      string(APPEND bad "  ${header}\n    -> ${shown}\n")
    else()
      list(APPEND chain "${path}")
    endif()
  endforeach()
  if(bad)
    message("${header}: includes a header of a private dependency (${FORBIDDEN}):\n${bad}")
    math(EXPR failures "${failures} + 1")
  endif()
endforeach()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} of ${count} public headers are not self-contained and "
                      "dependency-free (move the declaration to a private header under src/)")
endif()
message(STATUS "${count} public headers compile alone and include no ${FORBIDDEN}")
