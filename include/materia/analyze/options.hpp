#pragma once
/// \file options.hpp
/// Analysis options in their JSON form: the one spelling that the C API (`materia_analyze`) and
/// the Python `materia.analyze(..., **options)` share, with the CLI's flag names in snake case.
///
///     auto options =
///     materia::analyze_options_from_json(R"({"method":"attention","tiers":"quantile:3"})");

#include <string>
#include <string_view>
#include <vector>

#include "materia/analyze/analyze.hpp"

namespace materia {

/// Parses `{"method": "...", "tiers": "...", "universe": N, "combine": "...",
/// "stakeholder_threshold": x, "business_threshold": x, "rra_top_cutoff": bool,
/// "rra_exact": bool, "pl_prior": x >= 0, "axes": "method"|"positions", "axis_tiers": "fisher:2",
/// "borderline_band": x, "material": "either"|"both", "composite_top": K,
/// "composite_attention_threshold": x, "composite_importance_threshold": x,
/// "roll_up": "max"|"mean"|"weight"}` (matrix keys: MatrixOptions); every key optional, an empty
/// text or
/// `null` means the defaults. Unknown keys, wrong types and bad values throw Error(usage) naming
/// the key.
AnalyzeOptions analyze_options_from_json(std::string_view json_text);

/// The keys analyze_options_from_json accepts, in documentation order.
std::vector<std::string> analyze_option_names();

}  // namespace materia
