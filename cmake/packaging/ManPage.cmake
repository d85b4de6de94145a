# Writes materia.1.gz: help2man on `materia --help` and `--version`, and a COMMANDS section with
# each verb's --help as printed (the verbs are read from the Subcommands list of --help).
#   cmake -DMATERIA=path/to/materia -DHELP2MAN=help2man -DGZIP=gzip -DNAME=... -DOUTPUT=x.1.gz -P ManPage.cmake
set(ENV{LC_ALL} C.UTF-8)  # the help texts are UTF-8 (the em dash, Chinese examples)
set(ENV{COLUMNS} 100)
execute_process(COMMAND "${MATERIA}" --help OUTPUT_VARIABLE _help RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0 OR NOT _help MATCHES "Subcommands:\n(.*)")
  message(FATAL_ERROR "materia --help failed or lists no subcommands (${_rc}): ${_help}")
endif()
string(REGEX MATCHALL "(^|\n)  [a-z][a-z0-9-]*" _verbs "${CMAKE_MATCH_1}")
get_filename_component(_dir "${OUTPUT}" DIRECTORY)
set(_include "${_dir}/materia-commands.h2m")
set(_text "[COMMANDS]\n")
foreach(_verb IN LISTS _verbs)
  string(STRIP "${_verb}" _verb)
  execute_process(COMMAND "${MATERIA}" ${_verb} --help OUTPUT_VARIABLE _verb_help RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "materia ${_verb} --help failed (${_rc})")
  endif()
  # As printed, in roff: the program's path as its name, backslashes and minus signs escaped,
  # a line starting with a dot or quote kept as text.
  string(REPLACE "${MATERIA}" "materia" _verb_help "${_verb_help}")
  string(REPLACE "\\" "\\e" _verb_help "${_verb_help}")
  string(REPLACE "-" "\\-" _verb_help "${_verb_help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" _verb_help "${_verb_help}")
  string(APPEND _text ".SS \"materia ${_verb}\"\n.nf\n${_verb_help}.fi\n")
endforeach()
file(WRITE "${_include}" "${_text}")
execute_process(
  COMMAND "${HELP2MAN}" --no-info --locale=C.UTF-8 --section 1 "--name=${NAME}" "--include=${_include}"
          "--output=${_dir}/materia.1" "${MATERIA}"
  RESULT_VARIABLE _rc ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${_rc}): ${_err}")
endif()
# -n: no name or time stamp in the archive, so the same page gives the same bytes.
execute_process(COMMAND "${GZIP}" -9nf "${_dir}/materia.1" RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "gzip failed (${_rc})")
endif()
