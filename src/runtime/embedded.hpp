#pragma once
// Files under data/ compiled into the library (cmake/Embed.cmake generates the table).

#include <optional>
#include <string_view>
#include <vector>

namespace materia::detail {

struct EmbeddedFile {
  std::string_view path;  // relative to data/, e.g. "taxonomies/fintech-2024.json"
  std::string_view content;
};

const std::vector<EmbeddedFile>& embedded_files();

inline std::optional<std::string_view> embedded_file(std::string_view path) {
  for (const auto& file : embedded_files())
    if (file.path == path) return file.content;
  return std::nullopt;
}

}  // namespace materia::detail
