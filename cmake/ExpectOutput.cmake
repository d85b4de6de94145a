# Runs a command and passes only when it exits 0 and its standard output matches a regular
# expression (PASS_REGULAR_EXPRESSION alone ignores the exit code).
# usage: cmake -DEXPECT=<regex> -P ExpectOutput.cmake -- COMMAND [ARG...]
set(_command "")
set(_after_separator FALSE)
foreach(_i RANGE 1 ${CMAKE_ARGC})
  if(_i EQUAL CMAKE_ARGC)
    break()
  endif()
  if(_after_separator)
    string(REPLACE ";" "\\;" _argument "${CMAKE_ARGV${_i}}")  # one argument, not a list
    list(APPEND _command "${_argument}")
  elseif(CMAKE_ARGV${_i} STREQUAL "--")
    set(_after_separator TRUE)
  endif()
endforeach()
if(NOT _command)
  message(FATAL_ERROR "ExpectOutput.cmake: no command after --")
endif()
execute_process(COMMAND ${_command} RESULT_VARIABLE _status OUTPUT_VARIABLE _out
                ERROR_VARIABLE _err)
message("${_out}${_err}")
if(NOT _status STREQUAL "0")
  message(FATAL_ERROR "the command exited with ${_status}")
endif()
if(NOT _out MATCHES "${EXPECT}")
  message(FATAL_ERROR "the output does not match: ${EXPECT}")
endif()
