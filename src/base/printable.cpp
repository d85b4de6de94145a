#include "base/printable.hpp"

#include <unicode/utf8.h>

#include <charconv>
#include <cmath>
#include <cstdint>

namespace materia::detail {

std::string printable(std::string_view text) {
  return shortened(text, text.size());
}

std::string shortened(std::string_view text, std::size_t max_bytes) {
  static const char* hex = "0123456789ABCDEF";
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  // U8_NEXT takes int32_t offsets; the tail past max_bytes is never looked at.
  const auto length = static_cast<int32_t>(std::min<std::size_t>(text.size(), INT32_MAX));
  std::string out;
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (static_cast<std::size_t>(i) > max_bytes) {
      i = start;
      break;
    }
    if (c < 0) {
      for (int32_t b = start; b < i; ++b) {
        out += "\\x";
        out += hex[bytes[b] >> 4];
        out += hex[bytes[b] & 15];
      }
    } else {
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  if (static_cast<std::size_t>(i) < text.size()) out += "…";
  return out;
}

std::string number_text(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));  // 1000000000, not 1e+09
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace materia::detail
