#pragma once
/// \file dataset.hpp
/// Firms' materiality assessments as read from the input, before any name is resolved.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "materia/model/taxonomy.hpp"
#include "materia/model/unlisted_policy.hpp"
#include "materia/runtime/execution.hpp"

namespace materia {

std::string_view unlisted_policy_name(UnlistedPolicy policy);

/// A declared rating scale for matrix coordinates, e.g. {1, 5}.
struct Scale {
  double min = 0.0;
  double max = 1.0;
};

/// One issue as one firm listed it.
struct Entry {
  std::string name;                   ///< the name exactly as the firm wrote it
  std::optional<double> rank;         ///< explicit rank (1 = most important; ties allowed)
  std::optional<double> stakeholder;  ///< importance to stakeholders (impact materiality)
  std::optional<double> business;     ///< importance to the business (financial materiality)
  std::optional<int> level;           ///< ordinal level, 1 (lowest) to 5 (highest)
  std::size_t line = 0;               ///< source line (CSV) or 0
};

/// One firm's materiality assessment.
struct FirmAssessment {
  std::string id;
  std::string name;
  std::string segment;
  double weight = 1.0;
  UnlistedPolicy unlisted = UnlistedPolicy::bottom;
  std::optional<Scale> scale;  ///< declared coordinate scale (else the dataset's, else min-max)
  std::vector<Entry> entries;  ///< in the order the firm listed them
};

/// A set of assessments over one taxonomy.
struct Dataset {
  std::string source = "<memory>";  ///< file name for error messages
  Taxonomy taxonomy = Taxonomy::open_vocabulary();
  std::optional<Scale> scale;  ///< default coordinate scale for all firms
  std::vector<FirmAssessment> firms;
  std::string description;  ///< free text from the input's "meta" (e.g. "synthetic")
  bool synthetic = false;   ///< true when the input declares itself synthetic

  /// Checks everything that can be checked without resolving names: ids, weights, numbers,
  /// scales, orderings. Throws Error(input) naming file, firm and issue: the first error of a
  /// walk through the firms in order, whatever number of threads checks them.
  void validate(const Execution& execution = {}) const;
};

/// Ordinal levels accepted in `level` fields, e.g. "high" or "高" -> 4 (docs/method.md).
std::optional<int> parse_level(std::string_view text);

}  // namespace materia
