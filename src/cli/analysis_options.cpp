#include "cli/analysis_options.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <variant>

namespace materia::cli {

namespace {

FlagValue empty_value(OptionType type) {
  switch (type) {
    case OptionType::text:
      return std::string();
    case OptionType::number:
      return 0.0;
    case OptionType::whole:
      return std::uint64_t{0};
    case OptionType::flag:
      return false;
    case OptionType::texts:
      break;
  }
  return std::vector<std::string>();
}

void draw_progress(std::size_t done, std::size_t total) {
  const std::size_t width = 30, filled = total ? done * width / total : width;
  std::fprintf(stderr, "\rbootstrap [%s%s] %zu/%zu", std::string(filled, '#').c_str(),
               std::string(width - filled, ' ').c_str(), done, total);
  if (done == total) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

// CLI11's own message for a value it cannot convert ("Could not convert: --bootstrap = abc") and
// its wrap-around of "-3" into a huge unsigned number: each numeric flag checks its text first.
CLI::Validator numeric_check(OptionType type) {
  const bool whole = type == OptionType::whole;
  return CLI::Validator(
      [whole](std::string& value) -> std::string {
        const char* text = value.c_str();
        char* end = nullptr;
        if (whole) {
          const bool digits =
              !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
          if (digits) return {};
          return "\"" + value + "\" is not a whole number >= 0";
        }
        std::strtod(text, &end);
        if (!value.empty() && end == text + value.size()) return {};
        return "\"" + value + "\" is not a number";
      },
      whole ? "UINT" : "FLOAT");
}

}  // namespace

void add_declared_flags(CLI::App& command, const std::vector<RequestOption>& declared,
                        DeclaredFlags& flags) {
  // Sized once: each flag below is bound to its value's storage.
  flags.values.clear();
  flags.options.clear();
  for (const auto& option : declared)
    flags.values.push_back(empty_value(option.type));
  for (std::size_t i = 0; i < declared.size(); ++i) {
    const std::string name(declared[i].flag), doc(declared[i].doc);
    FlagValue& value = flags.values[i];
    // The value holds the option's type (empty_value), so the flag binds to that alternative.
    CLI::Option* added = std::visit(
        [&](auto& bound) -> CLI::Option* {
          using Bound = std::decay_t<decltype(bound)>;
          if constexpr (std::is_same_v<Bound, bool>)
            return command.add_flag(name, bound, doc);
          else if constexpr (std::is_same_v<Bound, std::vector<std::string>>)
            return command.add_option(name, bound, doc)->allow_extra_args(false);
          else if constexpr (std::is_same_v<Bound, std::string>)
            return command.add_option(name, bound, doc);
          else
            return command.add_option(name, bound, doc)->check(numeric_check(declared[i].type));
        },
        value);
    flags.options.push_back(added);
  }
}

void add_analysis_options(CLI::App& command, AnalysisFlags& flags) {
  command.add_option("file", flags.source.file,
                     "Dataset (JSON, long CSV or .xlsx workbook); - for standard input");
  command.add_option("--sample", flags.source.sample,
                     "Use a built-in sample dataset (fintech-2024, fintech-2025)");
  command.add_option("--taxonomy", flags.source.taxonomy,
                     "Override the dataset's taxonomy: a built-in name, none, or a JSON file");
  add_declared_flags(command, load_options(), flags.load);
  add_declared_flags(command, request_options(), flags.request);
  // the reading options, once the values are parsed and before the verb runs
  command.parse_complete_callback(
      [&flags] { apply_declared_flags(flags.load, load_options(), flags.source.reading); });
}

Request to_request(const AnalysisFlags& flags) {
  Request request;
  apply_declared_flags(flags.request, request_options(), request);
  if (request.bootstrap > 0 && isatty(STDERR_FILENO)) request.bootstrap_progress = draw_progress;
  return request;
}

}  // namespace materia::cli
