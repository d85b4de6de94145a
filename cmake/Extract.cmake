# libmateria_extract: the optional PDF reader (src/capture/engine, GPL-2.0-or-later through
# poppler), loaded at run time by libmateria through src/capture/extract_abi.h.
pkg_check_modules(POPPLER REQUIRED IMPORTED_TARGET poppler)

# The engine's code once, for the shared library, its tests and its fuzz target.
file(GLOB MATERIA_EXTRACT_SOURCES CONFIGURE_DEPENDS
     "${PROJECT_SOURCE_DIR}/src/capture/engine/*.cpp")
add_library(materia_extract_objects OBJECT ${MATERIA_EXTRACT_SOURCES})
set_target_properties(materia_extract_objects PROPERTIES POSITION_INDEPENDENT_CODE ON
                      CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
target_include_directories(materia_extract_objects PRIVATE "${PROJECT_SOURCE_DIR}/src")
target_compile_options(materia_extract_objects PRIVATE ${MATERIA_WARNINGS} ${MATERIA_FUZZ_COVERAGE})
target_link_libraries(materia_extract_objects PUBLIC PkgConfig::POPPLER
                      PRIVATE nlohmann_json::nlohmann_json)
# What every binary made of the engine's objects links.
set(MATERIA_EXTRACT_LIBRARIES PkgConfig::POPPLER)
# OCR of pages without a text layer ({"ocr": true}), when tesseract is there (libtesseract-dev,
# tesseract-ocr-chi-sim); without it such a request is an error.
pkg_check_modules(TESSERACT IMPORTED_TARGET tesseract)
if(TESSERACT_FOUND)
  target_compile_definitions(materia_extract_objects PRIVATE MATERIA_EXTRACT_OCR)
  target_link_libraries(materia_extract_objects PUBLIC PkgConfig::TESSERACT)
  list(APPEND MATERIA_EXTRACT_LIBRARIES PkgConfig::TESSERACT)
endif()

add_library(materia_extract SHARED $<TARGET_OBJECTS:materia_extract_objects>)
target_link_libraries(materia_extract PRIVATE ${MATERIA_EXTRACT_LIBRARIES})
set_target_properties(materia_extract PROPERTIES CXX_VISIBILITY_PRESET hidden)

if(MATERIA_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
  # The test PDFs, written at test time (Chromium and matplotlib).
  set(MATERIA_EXTRACT_PAGES "${PROJECT_BINARY_DIR}/extract-engine-pages")
  add_test(NAME extract.engine_pages
           COMMAND "${Python_EXECUTABLE}" "${PROJECT_SOURCE_DIR}/tests/extract/engine/make_pages.py"
                   "${MATERIA_EXTRACT_PAGES}")
  set_tests_properties(extract.engine_pages PROPERTIES FIXTURES_SETUP extract_engine_pages TIMEOUT 180)

  add_executable(materia_extract_tests "${PROJECT_SOURCE_DIR}/tests/extract/test_extract_engine.cpp"
                                       $<TARGET_OBJECTS:materia_extract_objects>)
  target_include_directories(materia_extract_tests PRIVATE "${PROJECT_SOURCE_DIR}/src")
  target_compile_options(materia_extract_tests PRIVATE ${MATERIA_WARNINGS})
  target_compile_definitions(materia_extract_tests PRIVATE
                             MATERIA_EXTRACT_PAGES="${MATERIA_EXTRACT_PAGES}")
  target_link_libraries(materia_extract_tests PRIVATE ${MATERIA_EXTRACT_LIBRARIES} nlohmann_json::nlohmann_json
                                                      GTest::gtest GTest::gtest_main)
  gtest_discover_tests(materia_extract_tests TEST_PREFIX extract. DISCOVERY_TIMEOUT 60
                       PROPERTIES FIXTURES_REQUIRED extract_engine_pages TIMEOUT 120)
endif()

if(MATERIA_FUZZ)
  # Mutated PDFs into materia_extract_read_pdf (seeds: tests/fuzz/corpus/extract_pdf). Its source
  # sits in tests/fuzz/extract/, out of the reach of tests/fuzz/CMakeLists.txt, which builds every
  # tests/fuzz/fuzz_*.cpp against libmateria.
  add_executable(fuzz_extract_pdf "${PROJECT_SOURCE_DIR}/tests/fuzz/extract/fuzz_extract_pdf.cpp"
                                  $<TARGET_OBJECTS:materia_extract_objects>)
  target_include_directories(fuzz_extract_pdf PRIVATE "${PROJECT_SOURCE_DIR}/src")
  target_link_libraries(fuzz_extract_pdf PRIVATE ${MATERIA_EXTRACT_LIBRARIES} nlohmann_json::nlohmann_json)
  target_compile_options(fuzz_extract_pdf PRIVATE ${MATERIA_WARNINGS} -fsanitize=fuzzer)
  target_link_options(fuzz_extract_pdf PRIVATE -fsanitize=fuzzer)
  set_target_properties(fuzz_extract_pdf PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/fuzz")
endif()
