#pragma once
// The names of an enum's values as one table, read both ways: a value's name for output, the
// value a name stands for when reading input, and the names listed for an error message.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace materia::detail {

template <typename Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};

/// The name of `value`; "?" for a value the table does not hold.
template <typename Enum, std::size_t N>
constexpr std::string_view name_of(const EnumName<Enum> (&names)[N], Enum value) {
  for (const auto& entry : names)
    if (entry.value == value) return entry.name;
  return "?";
}

/// The value named exactly `name`, if any.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_named(const EnumName<Enum> (&names)[N], std::string_view name) {
  for (const auto& entry : names)
    if (entry.name == name) return entry.value;
  return std::nullopt;
}

/// The names in table order, joined by ", " and the last by `last`: "a, b or c".
template <typename Enum, std::size_t N>
std::string name_list(const EnumName<Enum> (&names)[N], std::string_view last = " or ") {
  std::string list;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) list += i + 1 == N ? last : std::string_view(", ");
    list += names[i].name;
  }
  return list;
}

}  // namespace materia::detail
