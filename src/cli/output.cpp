// What every verb shares: where and in which format it writes.
#include <cstdio>
#include <map>

#include "cli/commands.hpp"
#include "materia/io/io.hpp"

namespace materia::cli {

void emit(const std::string& content, const std::string& path) {
  if (path.empty() || path == "-") {
    std::fwrite(content.data(), 1, content.size(), stdout);
    std::fflush(stdout);
  } else {
    write_file_atomic(path, content);
  }
}

void add_output_options(CLI::App& command, Output& output) {
  command.add_option("-o,--output", output.path,
                     "Write to this file (atomically) instead of stdout");
  static const std::map<Format, const char*> help = {
      {Format::table, "Output format: table (default), json or csv"},
      {Format::json, "Output format: json (default), csv or table"},
      {Format::csv, "Output format: csv (default), json or table"}};
  // CLI11's own message for a bad value lists the enum's integers; say what is accepted instead.
  command.add_option("--format", output.format, help.at(output.format))
      ->transform(CLI::Validator(
          [](std::string& value) {
            auto format = format_named(CLI::detail::to_lower(value));
            if (!format) return "unknown format \"" + value + "\" (table, json or csv)";
            value = std::to_string(static_cast<int>(*format));
            return std::string();
          },
          "table|json|csv"));
}

}  // namespace materia::cli
