# Debian packages with CPack (scripts/package.sh): one package per install component.
#   runtime     -> libmateria<abi>  libmateria.so.<abi>
#   development -> libmateria-dev   headers, CMake package, materia.pc, the libmateria.so link
#   cli         -> materia          the command line and its man page
#   python      -> python3-materia  the Python package, in lib/python3/dist-packages
# Each carries /usr/share/doc/<package>/copyright, a DEP-5 copyright file.
# The component extract (the GPL PDF reader, -DMATERIA_EXTRACT=ON) is not in CPACK_COMPONENTS_ALL:
# no package carries GPL code (docs/extract.md).
set(MATERIA_DEB_RUNTIME "libmateria${MATERIA_ABI_VERSION}")
set(_materia_packages runtime ${MATERIA_DEB_RUNTIME} development libmateria-dev)
if(TARGET materia_cli)
  list(APPEND _materia_packages cli materia)
endif()
if(TARGET materia_python)
  list(APPEND _materia_packages python python3-materia)
endif()

set(CPACK_PACKAGE_CONTACT "The materia authors <maintainers@users.noreply.r-seed-b4fab62d.example>")
set(MATERIA_COPYRIGHT_FILE "${PROJECT_BINARY_DIR}/packaging/copyright")
configure_file("${PROJECT_SOURCE_DIR}/cmake/packaging/copyright.in" "${MATERIA_COPYRIGHT_FILE}" @ONLY)
set(CPACK_COMPONENTS_ALL "")
while(_materia_packages)
  list(POP_FRONT _materia_packages _component _package)
  list(APPEND CPACK_COMPONENTS_ALL ${_component})
  string(TOUPPER "${_component}" _COMPONENT)
  set(CPACK_DEBIAN_${_COMPONENT}_PACKAGE_NAME ${_package})
  install(FILES "${MATERIA_COPYRIGHT_FILE}" DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/${_package}"
          COMPONENT ${_component})
endwhile()

# The man page of `materia`: help2man on --help and --version, plus every verb's --help
# (cmake/packaging/ManPage.cmake). Without help2man there is none, and the package.deb test fails.
if(TARGET materia_cli)
  find_program(MATERIA_HELP2MAN help2man)
  find_program(MATERIA_GZIP gzip)
  if(MATERIA_HELP2MAN AND MATERIA_GZIP)
    set(_man "${PROJECT_BINARY_DIR}/packaging/materia.1.gz")
    add_custom_command(OUTPUT "${_man}"
      COMMAND "${CMAKE_COMMAND}" "-DMATERIA=$<TARGET_FILE:materia_cli>" "-DHELP2MAN=${MATERIA_HELP2MAN}"
              "-DGZIP=${MATERIA_GZIP}" "-DNAME=${PROJECT_DESCRIPTION}" "-DOUTPUT=${_man}"
              -P "${PROJECT_SOURCE_DIR}/cmake/packaging/ManPage.cmake"
      DEPENDS materia_cli "${PROJECT_SOURCE_DIR}/cmake/packaging/ManPage.cmake"
      COMMENT "Writing the man page materia.1" VERBATIM)
    add_custom_target(materia_man ALL DEPENDS "${_man}")
    install(FILES "${_man}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT cli)
  else()
    message(WARNING "help2man or gzip not found: no man page, so the materia .deb has none "
                    "(scripts/install-deps.sh installs help2man)")
  endif()
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME materia)
set(CPACK_PACKAGE_VENDOR "The materia authors")
# The synopsis of every package (CPack prepends it); each component adds a line of its own.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <package>_<version>-<release>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Shared-library dependencies (ICU, OpenCC, simdjson, libstdc++) come from dpkg-shlibdeps; what
# it cannot see is listed: libxlsxwriter (dlopen'ed for .xlsx reports), headers, Python modules.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Stripped, as Debian ships binaries (the build tree keeps the C API's DWARF for the ABI check).
set(CPACK_STRIP_FILES ON)
set(_materia_deb_version "${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# A shlibs file and the ldconfig trigger, as Debian's library packages have.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)  # (only the runtime package has a library)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS libxlsxwriter4)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
    "The shared library libmateria.so.${MATERIA_ABI_VERSION}: the C API (ABI ${MATERIA_ABI_VERSION}) and the C++ API of materia.")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
    "${MATERIA_DEB_RUNTIME} (= ${_materia_deb_version}), libeigen3-dev (>= 3.3), libboost-dev (>= 1.74)")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
    "Development files: headers, the CMake package materia::materia and the pkg-config file materia.pc.")
set(CPACK_DEBIAN_CLI_PACKAGE_RECOMMENDS libxlsxwriter4)
set(CPACK_DEBIAN_CLI_DESCRIPTION
    "The command line, materia: analyze, normalize, explain, report and more.")
if(TARGET materia_python)
  # _core is built for this interpreter's minor version only (bindings/python sets the version).
  string(REPLACE "." ";" _py "${MATERIA_PYTHON_VERSION}")
  list(GET _py 0 _py_major)
  list(GET _py 1 _py_minor)
  math(EXPR _py_next "${_py_minor} + 1")
  set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
  set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS
      "python3 (>= ${_py_major}.${_py_minor}), python3 (<< ${_py_major}.${_py_next}), python3-numpy, python3-pandas")
  set(CPACK_DEBIAN_PYTHON_PACKAGE_RECOMMENDS "python3-matplotlib, libxlsxwriter4")
  set(CPACK_DEBIAN_PYTHON_DESCRIPTION
      "The Python 3 package materia: DataFrames, plots and explanations.")
endif()
include(CPack)
