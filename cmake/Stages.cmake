# The library is built stage by stage, in pipeline order (docs/architecture.md). Each folder
# src/<stage> is an object library that sees only the headers of its own and earlier stages:
# a build-tree "scope" folder holds links to those folders, so a backwards include does not
# compile. materia_core (static) and materia_c (libmateria.so) are the objects of every stage.

# In dependency order: a stage may include any stage before it, never one after it.
set(MATERIA_STAGES
  base runtime text model capture io normalize rank aggregate tier matrix stats analyze uncertainty
  explain output compare report workflows run)

set(MATERIA_SCOPE_DIR "${PROJECT_BINARY_DIR}/stage-scopes")

# materia_stage(<stage> [LIBRARIES <targets>...] [DEFINITIONS <defs>...])
function(materia_stage stage)
  cmake_parse_arguments(ARG "" "" "LIBRARIES;DEFINITIONS" ${ARGN})
  set(scope "${MATERIA_SCOPE_DIR}/${stage}")
  file(REMOVE_RECURSE "${scope}")
  file(MAKE_DIRECTORY "${scope}/materia")
  # The top-level public headers (error, limits, version) and the C header are base: visible to all.
  file(GLOB top_headers "${PROJECT_SOURCE_DIR}/include/materia/*.hpp")
  list(REMOVE_ITEM top_headers "${PROJECT_SOURCE_DIR}/include/materia/materia.hpp")
  foreach(header IN LISTS top_headers)
    get_filename_component(name "${header}" NAME)
    file(CREATE_LINK "${header}" "${scope}/materia/${name}" SYMBOLIC)
  endforeach()
  file(CREATE_LINK "${PROJECT_SOURCE_DIR}/include/materia.h" "${scope}/materia.h" SYMBOLIC)
  foreach(visible IN LISTS MATERIA_STAGES)
    # Linked even before the stage has public headers, so adding its folder needs no reconfigure.
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/include/materia/${visible}"
         "${scope}/materia/${visible}" SYMBOLIC)
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/src/${visible}" "${scope}/${visible}" SYMBOLIC)
    if(visible STREQUAL stage)
      break()
    endif()
  endforeach()

  file(GLOB sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/${stage}/*.cpp")
  add_library(materia_${stage} OBJECT ${sources} ${ARG_UNPARSED_ARGUMENTS})
  target_include_directories(materia_${stage} PRIVATE "${scope}")
  target_compile_features(materia_${stage} PRIVATE cxx_std_20)
  target_compile_options(materia_${stage} PRIVATE ${MATERIA_WARNINGS} -fno-semantic-interposition
                                                  ${MATERIA_FUZZ_COVERAGE})
  # Default visibility: libmateria.so exports the C++ API (materia::); its version script keeps
  # everything else local. (-fno-semantic-interposition: calls may still be inlined.)
  # UNITY_BUILD: a stage's files compile together, its headers parsed once (CI builds it thrice).
  set_target_properties(materia_${stage} PROPERTIES CXX_VISIBILITY_PRESET default UNITY_BUILD ON)
  target_link_libraries(materia_${stage} PRIVATE nlohmann_json::nlohmann_json Eigen3::Eigen
                                                 Boost::headers Threads::Threads ${ARG_LIBRARIES})
  if(ARG_DEFINITIONS)
    target_compile_definitions(materia_${stage} PRIVATE ${ARG_DEFINITIONS})
  endif()
  set_property(GLOBAL APPEND PROPERTY MATERIA_STAGE_OBJECTS "$<TARGET_OBJECTS:materia_${stage}>")
endfunction()
