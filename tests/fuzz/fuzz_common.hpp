#pragma once
// Shared by the libFuzzer targets: an input is fine if it works or is refused with a usage or
// input error. An internal error (error.hpp: a bug in materia), any other exception, a crash, a
// sanitizer report or a hang is a finding.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"

namespace materia::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Stops the run with `what` on stderr: libFuzzer saves the input as a crash.
[[noreturn]] inline void finding(const char* kind, const char* what) {
  std::fprintf(stderr, "materia fuzz finding: %s: %s\n", kind, what);
  std::abort();
}

/// Runs step(); returns false if it refused the input with a usage or input error.
template <typename Step>
bool accepted(Step&& step) {
  try {
    step();
    return true;
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::internal) finding("internal error", e.what());
    return false;
  } catch (const std::exception& e) {
    finding("exception other than materia::Error", e.what());
  } catch (...) {
    finding("exception other than materia::Error", "not a std::exception");
  }
}

/// Runs the whole pipeline on a dataset that loaded: analysis may still refuse it (an unknown
/// name, a tier spec asking for more issues than there are), but only with a usage or input error.
inline void analyze_if_loaded(const Dataset& dataset) {
  accepted([&] {
#ifdef MATERIA_FUZZ_PLANTED_BUG
    // The planted bug of ctest fuzz.finds_planted_internal_error: an internal error that only a
    // dataset of three or more firms reaches, one of them of weight above 2.
    if (dataset.firms.size() >= 3)
      for (const auto& firm : dataset.firms)
        if (firm.weight > 2) throw Error(ErrorKind::internal, "planted internal error");
#endif
    Result result = analyze(dataset);
    (void)result;
  });
}

}  // namespace materia::fuzz
