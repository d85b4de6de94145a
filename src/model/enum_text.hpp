#pragma once
// Text for each value of an enum (names, codes, colours) kept as one table in the order of its
// enumerators.

#include <cstddef>
#include <optional>
#include <string_view>

namespace materia::detail {

/// texts[value], or `fallback` for a value past the table.
template <typename Enum, std::size_t N>
constexpr std::string_view enum_text(Enum value, const std::string_view (&texts)[N],
                                     std::string_view fallback) {
  const auto index = static_cast<std::size_t>(value);
  return index < N ? texts[index] : fallback;
}

/// The value whose text in `texts` is `text`, if any.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> enum_from_text(std::string_view text,
                                             const std::string_view (&texts)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (texts[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace materia::detail
