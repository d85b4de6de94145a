#pragma once
// Internal: the issue columns of an analysis. Every raw name is interned in the walk that
// validates the dataset, resolved once, and assigned to a column: one per distinct issue (or
// topic) some firm listed, in the order the firms first list them.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "materia/model/dataset.hpp"
#include "materia/model/taxonomy.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/runtime/execution.hpp"

namespace materia::detail {

struct Columns {
  std::vector<Issue> issue;                 // one per column
  std::vector<std::size_t> taxonomy_index;  // index into the taxonomy, or SIZE_MAX (open vocab)
  std::vector<std::vector<std::size_t>> firm_columns;  // per firm, per entry
  std::vector<std::uint32_t> names_of_entry_flat;      // raw-name id per entry, firm-major
  std::vector<std::string> names;                      // distinct raw names
  std::vector<std::size_t> first_use;  // per name: the flat index of the entry that first used it
  // With names dropped by a review decision: per firm, the indices of the entries kept (the
  // columns and names_of_entry_flat hold those only); empty when nothing is dropped.
  std::vector<std::vector<std::uint32_t>> kept_entries;
  std::vector<std::string> dropped_names;  // the names dropped, in order of first use
};

// The warnings of name resolution: one per fuzzily matched name and one per dropped name.
struct NameWarnings {
  std::vector<std::string> fuzzy;
  std::vector<std::string> dropped;
};

// Validates the dataset (the errors of Dataset::validate) and gives each distinct raw name an
// id, in order of first use; the names' own checks run once per distinct name.
Columns validate_and_intern_names(const Dataset& dataset);

// Resolves the interned names on `execution`'s threads and assigns each entry its column. The
// error raised is the first of a sequential walk over the entries: a firm listing one issue
// twice, a name that resolves to no issue, or (`strict`) a fuzzy match. A name dropped by a
// review decision gets no column: its entries are taken out (Columns::kept_entries). Issues
// come from the normalizer's taxonomy (the dataset's with the issues decided "new").
NameWarnings resolve_columns(const Dataset& dataset, const Normalizer& normalizer, bool strict,
                             const Execution& execution, Columns& columns);

}  // namespace materia::detail
