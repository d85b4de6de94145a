# The independent tools the test suite checks materia against: R with RobustRankAggreg, classInt
# and diptest; Python with NumPy, SciPy and mpmath; Chromium for the reports. A test whose tool
# is missing is not registered, so with MATERIA_REQUIRE_ORACLES=ON (scripts/test.sh, CI) a missing
# tool fails configure instead of leaving ctest green with fewer tests.
#
# Included by tests/CMakeLists.txt; also runs as a script, for the ctest that proves the check:
#   cmake -DMATERIA_REQUIRE_ORACLES=ON -DPYTHON=/usr/bin/python3 [-DMATERIA_RSCRIPT=...] -P Oracles.cmake

# Sets MATERIA_ORACLES_MISSING (in the caller's scope) to what is missing, each with its Debian
# package; fails when MATERIA_REQUIRE_ORACLES is ON and something is.
function(materia_find_oracles python)
  set(missing)
  find_program(MATERIA_RSCRIPT Rscript)
  find_program(MATERIA_CHROMIUM NAMES chromium chromium-browser PATHS /usr/bin)
  if(NOT MATERIA_RSCRIPT OR NOT EXISTS "${MATERIA_RSCRIPT}")
    list(APPEND missing "R's Rscript (r-base-core)")
  else()
    execute_process(
      COMMAND "${MATERIA_RSCRIPT}" -e "for (p in c('RobustRankAggreg', 'classInt', 'diptest')) if (!requireNamespace(p, quietly = TRUE)) cat(p, '')"
      OUTPUT_VARIABLE r_missing ERROR_QUIET RESULT_VARIABLE r_status)
    string(STRIP "${r_missing}" r_missing)
    if(NOT r_status EQUAL 0)
      list(APPEND missing "a working Rscript (${MATERIA_RSCRIPT} exits ${r_status})")
    elseif(r_missing)
      string(TOLOWER "${r_missing}" r_packages)
      string(REPLACE " " " r-cran-" r_packages "r-cran-${r_packages}")
      list(APPEND missing "R packages ${r_missing} (${r_packages})")
    endif()
  endif()
  if(NOT python OR NOT EXISTS "${python}")
    list(APPEND missing "Python (${python})")
  else()
    foreach(module numpy scipy mpmath)
      execute_process(COMMAND "${python}" -c "import ${module}" RESULT_VARIABLE status
                      OUTPUT_QUIET ERROR_QUIET)
      if(NOT status EQUAL 0)
        list(APPEND missing "Python's ${module} (python3-${module})")
      endif()
    endforeach()
  endif()
  if(NOT MATERIA_CHROMIUM OR NOT EXISTS "${MATERIA_CHROMIUM}")
    list(APPEND missing "Chromium (chromium)")
  endif()
  set(MATERIA_ORACLES_MISSING "${missing}" PARENT_SCOPE)
  if(missing)
    list(JOIN missing "; " text)
    if(MATERIA_REQUIRE_ORACLES)
      message(FATAL_ERROR "MATERIA_REQUIRE_ORACLES: missing oracle tools: ${text}. "
                          "scripts/install-deps.sh installs them.")
    endif()
    message(WARNING "missing oracle tools: ${text}: their tests are not registered "
                    "(scripts/install-deps.sh installs them)")
  endif()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  materia_find_oracles("${PYTHON}")
  message(STATUS "every oracle tool found")
endif()
