#pragma once
// Shared by the libFuzzer targets: an input is fine if it either works or throws materia::Error.
// Anything else (another exception, a crash, a sanitizer report, a hang) is a finding.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"

namespace materia::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Runs the whole pipeline on a dataset that loaded: analysis may still refuse it (an unknown
/// name, a tier spec asking for more issues than there are), but only with materia::Error.
inline void analyze_if_loaded(const Dataset& dataset) {
  try {
    Result result = analyze(dataset);
    (void)result;
  } catch (const Error&) {
  }
}

}  // namespace materia::fuzz
