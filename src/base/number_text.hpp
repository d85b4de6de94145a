#pragma once
// Numbers as text for the disclosure, scoring, assessment and survey outputs: CSV cells read back
// as the same double (shortest round trip); tables print fixed decimals.

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace materia::detail {

/// Shortest text that reads back as the same double ("0.325", not "0.32500000000000001"); empty
/// for NaN or infinity.
inline std::string shortest_number(double value) {
  if (!std::isfinite(value)) return "";
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

/// `%.{digits}g`, as an ostream with precision(digits) prints ("1.33333333333", "4.5"), without
/// the cost of a stream: rationales and breakdowns are built for every node of every firm.
inline std::string general_number(double value, int digits) {
  char buffer[64];
  auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, digits);
  return std::string(buffer, result.ptr);
}

/// Fixed decimals ("65.50") for ranked tables.
inline std::string fixed_number(double value, int digits) {
  if (!std::isfinite(value)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

}  // namespace materia::detail
