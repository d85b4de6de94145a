#pragma once
/// \file request.hpp
/// An analysis request: every option of `materia analyze` (the method and tiers, the matrices,
/// the bootstrap and leave-one-out, name resolution) and how the run uses the machine. The
/// options are declared once, in request_options(): the command line's flags, the keys of the
/// options JSON (C API, Python) and their documentation all come from that one list.
///
///     materia::Request request = materia::parse_request(R"({"method": "rra", "bootstrap": 200})");
///     materia::Run run = materia::run(materia::load_sample("fintech-2024"), request);

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "materia/analyze/analyze.hpp"
#include "materia/runtime/execution.hpp"

namespace materia {

struct Request {
  AnalyzeOptions options;      ///< the analysis, its matrices and name resolution
  std::size_t bootstrap = 0;   ///< B replicates of the firms; 0 = no bootstrap
  std::uint64_t seed = 1;      ///< the bootstrap's seed
  bool leave_one_out = false;  ///< the firm whose removal moves each issue most
  Execution execution;         ///< loading, the analysis and its resampling ("threads")
  /// Not an option: called from the calling thread with (replicates done, B) while the bootstrap
  /// runs.
  std::function<void(std::size_t, std::size_t)> bootstrap_progress;

  /// The request resamples the firms (bootstrap or leave-one-out), which reads the listings.
  bool resamples() const { return bootstrap > 0 || leave_one_out; }
};

/// How an option's value is written: a text, a number, a whole number, a flag (true when given)
/// or a list of texts.
enum class OptionType { text, number, whole, flag, texts };

/// One option of a request.
struct RequestOption {
  std::string_view key;   ///< the key of the options JSON, in snake case ("composite_top")
  std::string_view flag;  ///< the command-line flag, the key in kebab case ("--composite-top")
  OptionType type;
  std::string_view doc;  ///< one line, with the default
};

/// Every option, in documentation order.
const std::vector<RequestOption>& request_options();
/// The keys of request_options(), in the same order.
std::vector<std::string> request_option_names();

/// Parses the options JSON of the C API and Python: an object whose keys are request_options()'
/// keys, each optional (null = the default); an empty text or `null` gives the defaults.
/// "aliases" is an alias file, or an array of files and {"name", "target"} objects. Throws
/// Error(usage) naming the key ("option \"bootstrap\" must be a whole number from 0 to ...");
/// alias files throw Error(input) naming the file and line.
Request parse_request(std::string_view json_text);

/// A value given on the command line, already converted to its option's type by the
/// command-line parser: text -> std::string, number -> double, whole -> std::uint64_t,
/// flag -> bool, texts -> std::vector<std::string>.
using FlagValue = std::variant<std::string, double, std::uint64_t, bool, std::vector<std::string>>;

/// Sets `option` of `request` from its command-line flag; `written` is the text as typed, which
/// messages quote. Throws Error(usage) in the flag's words ("--borderline-band must be >= 0"),
/// Error(input) for alias files.
void set_option_from_flag(Request& request, const RequestOption& option, const FlagValue& value,
                          std::string_view written);

}  // namespace materia
