#pragma once
// The number text of the assessment, survey and scoring workflows' rules, inputs, tables and
// messages.

#include <string>

#include "base/number_text.hpp"

namespace materia::detail {

/// Twelve significant digits ("1.33333333333", "4.5", "1e+20").
inline std::string twelve_digits(double value) {
  return general_number(value, 12);
}

}  // namespace materia::detail
