#pragma once
// Internal: Dataset::validate's checks in pieces, and validate_interning, the same checks in one
// walk that also interns the entries' names (analyze's first two stages). A name's own checks
// (UTF-8, length, blank) depend on the name alone, so the walk runs them at its first use only
// (a name listed by many firms is checked once). Any error is
// the one Dataset::validate gives: the walk goes through firms and entries in the same order,
// and a name that fails fails at its first use, where validate's walk meets it first.

#include <string>
#include <string_view>
#include <unordered_set>

#include "materia/model/dataset.hpp"

namespace materia::detail {

// Where an entry is, for error messages: "file:line" when the reader knows its line (CSV), else
// the file.
std::string entry_location(const Dataset& dataset, const Entry& entry);

// Companies, listings and per-firm counts within limits; the dataset's scale.
void check_dataset_totals(const Dataset& dataset);

// A firm's own fields (id, name, weight, scale, not empty), in walk order: ids must be unique
// and the weights must not all be 0 (finish()).
class FirmFieldsCheck {
 public:
  explicit FirmFieldsCheck(const Dataset& dataset) : dataset_(dataset) {}
  void operator()(const FirmAssessment& firm);
  void finish() const;

 private:
  const Dataset& dataset_;
  std::unordered_set<std::string_view> ids_;  // views of the dataset's ids (not copied)
  double total_weight_ = 0.0;
};

void check_entry_name(const Dataset& dataset, const FirmAssessment& firm, const Entry& entry);
void check_entry_values(const Dataset& dataset, const FirmAssessment& firm, const Entry& entry);

// Dataset::validate() on one thread, calling first_use(entry.name) for each entry in walk order;
// first_use returns true when it has not seen the name before (then the name is checked).
template <typename FirstUse>
void validate_interning(const Dataset& dataset, FirstUse&& first_use) {
  check_dataset_totals(dataset);
  FirmFieldsCheck check_firm(dataset);
  for (const FirmAssessment& firm : dataset.firms) {
    check_firm(firm);
    for (const Entry& entry : firm.entries) {
      if (first_use(entry.name)) check_entry_name(dataset, firm, entry);
      check_entry_values(dataset, firm, entry);
    }
  }
  check_firm.finish();
}

}  // namespace materia::detail
