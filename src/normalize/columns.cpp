#include "normalize/columns.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "materia/error.hpp"
#include "materia/limits.hpp"
#include "model/dataset_check.hpp"
#include "runtime/parallel.hpp"
#include "runtime/stage_mark.hpp"

namespace materia::detail {

namespace {

// The ids of names by the identity of their shared text (IssueName::identity), for the names the
// readers interned: an open-addressing table (linear probing, at most half full), looked up once
// per entry.
class IdsBySharedText {
 public:
  // The id of the name whose text is `text`, or nullptr.
  const std::uint32_t* find(const void* text) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t at = slot_of(text);; at = (at + 1) & (slots_.size() - 1)) {
      if (slots_[at].text == text) return &slots_[at].id;
      if (slots_[at].text == nullptr) return nullptr;
    }
  }
  void insert(const void* text, std::uint32_t id) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    std::size_t at = slot_of(text);
    while (slots_[at].text != nullptr)
      at = (at + 1) & (slots_.size() - 1);
    slots_[at] = {text, id};
    ++count_;
  }

 private:
  struct Slot {
    const void* text = nullptr;
    std::uint32_t id = 0;
  };
  std::size_t slot_of(const void* text) const {
    const auto bits = reinterpret_cast<std::uintptr_t>(text);
    return static_cast<std::size_t>((bits >> 4) * 0x9E3779B97F4A7C15ull) & (slots_.size() - 1);
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
    count_ = 0;
    for (const Slot& slot : old)
      if (slot.text != nullptr) insert(slot.text, slot.id);
  }

  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kDropped = kNone - 1;  // a column: the name is left out (decision drop)
constexpr std::uint32_t kNotFuzzy = std::numeric_limits<std::uint32_t>::max();

// Each distinct name resolved once; a failure is kept, and raised where the sequential walk
// meets the name, so the error is the one a walk over the entries raises.
struct Resolved {
  std::vector<Resolution> resolution;
  std::vector<std::exception_ptr> error;
};

Resolved resolve_names(const std::vector<std::string>& names, const Normalizer& normalizer,
                       const Execution& execution) {
  Resolved resolved;
  resolved.resolution.resize(names.size());
  resolved.error = parallel_for_keeping_errors(
      names.size(), execution.threads,
      [&](std::size_t i) { resolved.resolution[i] = normalizer.resolve(names[i]); }, 256);
  return resolved;
}

struct FuzzyUse {
  Resolution resolution;
  std::vector<std::string> firms;
};

// The column of every name, and the fuzzily matched names in order of first use.
struct NameColumns {
  std::vector<std::size_t> column_of_name;  // kNone: the name fails (and every later one)
  std::size_t failing_name;                 // the first name that fails, or the name count
  std::vector<FuzzyUse> fuzzy;
  std::vector<std::uint32_t> fuzzy_of_name;  // index into `fuzzy`, or kNotFuzzy
};

// Name ids are in order of first use, so walking the names in id order meets each target where
// the walk over the entries first met it: the columns come out in that order, and a name that
// fails (a resolution error, no issue, a fuzzy match when strict) fails at its first use.
NameColumns assign_columns(const Taxonomy& taxonomy, Resolved& resolved, bool strict,
                           Columns& columns) {
  const bool open = taxonomy.is_open_vocabulary();
  const std::size_t n_names = columns.names.size();
  NameColumns out{std::vector<std::size_t>(n_names, kNone),
                  n_names,
                  {},
                  std::vector<std::uint32_t>(n_names, kNotFuzzy)};
  std::unordered_map<std::string, std::size_t> open_column;  // group id -> column
  std::vector<std::ptrdiff_t> column_of_taxonomy(taxonomy.issues.size(), -1);
  for (std::size_t name = 0; name < n_names; ++name) {
    Resolution& r = resolved.resolution[name];
    if (!resolved.error[name] && r.match == MatchKind::dropped) {
      out.column_of_name[name] = kDropped;
      continue;
    }
    if (resolved.error[name] || (!open && r.issue < 0) || (r.match == MatchKind::fuzzy && strict)) {
      out.failing_name = name;
      break;
    }
    std::size_t column;
    if (open) {
      auto [ot, fresh] = open_column.try_emplace(r.id, columns.issue.size());
      if (fresh) {
        Issue issue;
        issue.id = r.id;
        issue.name_zh = r.name;
        columns.issue.push_back(issue);
        columns.taxonomy_index.push_back(std::numeric_limits<std::size_t>::max());
      }
      column = ot->second;
    } else {
      const auto target = static_cast<std::size_t>(r.issue);
      auto& slot = column_of_taxonomy[target];
      if (slot < 0) {
        slot = static_cast<std::ptrdiff_t>(columns.issue.size());
        columns.issue.push_back(taxonomy.issues[target]);
        columns.taxonomy_index.push_back(target);
      }
      column = static_cast<std::size_t>(slot);
    }
    out.column_of_name[name] = column;
    if (r.match == MatchKind::fuzzy) {
      out.fuzzy_of_name[name] = static_cast<std::uint32_t>(out.fuzzy.size());
      out.fuzzy.push_back({std::move(r), {}});
    }
  }
  return out;
}

// Flat index of each firm's first entry (and the entry count last).
std::vector<std::size_t> firm_begins(const Dataset& dataset) {
  std::vector<std::size_t> begin(dataset.firms.size() + 1, 0);
  for (std::size_t f = 0; f < dataset.firms.size(); ++f)
    begin[f + 1] = begin[f] + dataset.firms[f].entries.size();
  return begin;
}

// Fills each firm's columns on `execution`'s threads and returns its first duplicate: (entry,
// the earlier entry of the same column), or kNone. Entries whose name fails get no column (they
// all come after the failing name's first use).
std::vector<std::pair<std::size_t, std::size_t>> fill_firm_columns(
    const Dataset& dataset, const std::vector<std::size_t>& firm_begin,
    const std::vector<std::size_t>& column_of_name, const Execution& execution, Columns& columns) {
  const std::size_t n_firms = dataset.firms.size();
  const std::size_t n_columns = columns.issue.size();
  std::vector<std::pair<std::size_t, std::size_t>> duplicate(n_firms, {kNone, kNone});
  columns.firm_columns.assign(n_firms, {});
  parallel_for(
      n_firms, execution.threads,
      [&](std::size_t f) {
        // Per column: listed by this firm yet, and at which entry. The thread's next firm (or
        // analysis) finds them clear: the firm's own marks are taken back as it ends.
        thread_local std::vector<char> listed;
        thread_local std::vector<std::size_t> listed_at;
        if (listed.size() < n_columns) {
          listed.assign(n_columns, 0);
          listed_at.assign(n_columns, 0);
        }
        const std::size_t entries = dataset.firms[f].entries.size();
        std::vector<std::size_t>& cols = columns.firm_columns[f];
        struct Unmark {
          std::vector<char>& listed;
          const std::vector<std::size_t>& cols;
          ~Unmark() {
            for (std::size_t column : cols)
              if (column < kDropped) listed[column] = 0;
          }
        } unmark{listed, cols};
        cols.reserve(entries);
        for (std::size_t e = 0; e < entries; ++e) {
          const std::size_t column = column_of_name[columns.names_of_entry_flat[firm_begin[f] + e]];
          cols.push_back(column);
          if (column >= kDropped) continue;
          if (listed[column] && duplicate[f].first == kNone) duplicate[f] = {e, listed_at[column]};
          listed[column] = 1;
          listed_at[column] = e;
        }
      },
      500);
  return duplicate;
}

// Raises the first failure in the entries' order: a firm's duplicate, or a name's first use.
void throw_first_failure(const Dataset& dataset, const Columns& columns,
                         const std::vector<std::size_t>& firm_begin,
                         const std::vector<std::pair<std::size_t, std::size_t>>& duplicate,
                         const Resolved& resolved, std::size_t failing_name) {
  const std::size_t n_names = columns.names.size();
  const std::size_t name_failure_at =
      failing_name < n_names ? columns.first_use[failing_name] : kNone;
  for (std::size_t f = 0; f < dataset.firms.size(); ++f) {
    if (firm_begin[f] > name_failure_at) break;
    if (duplicate[f].first == kNone || firm_begin[f] + duplicate[f].first > name_failure_at)
      continue;
    const FirmAssessment& firm = dataset.firms[f];
    const Entry& entry = firm.entries[duplicate[f].first];
    const std::size_t column = columns.firm_columns[f][duplicate[f].first];
    throw_input_error("lists issue \"" + columns.issue[column].display_name() + "\" twice: as \"" +
                          firm.entries[duplicate[f].second].name + "\" and as \"" + entry.name +
                          "\"",
                      {entry_location(dataset, entry), firm.id, entry.name});
  }
  if (failing_name == n_names) return;
  const std::size_t f = static_cast<std::size_t>(
      std::upper_bound(firm_begin.begin(), firm_begin.end(), name_failure_at) - firm_begin.begin() -
      1);
  const FirmAssessment& firm = dataset.firms[f];
  const Entry& entry = firm.entries[name_failure_at - firm_begin[f]];
  const std::string where = entry_location(dataset, entry);
  const Resolution& r = resolved.resolution[failing_name];
  if (resolved.error[failing_name]) {
    try {
      std::rethrow_exception(resolved.error[failing_name]);
    } catch (const Error& error) {
      throw Error(ErrorKind::input, error.message(), {where, firm.id, entry.name});
    }
  }
  const Taxonomy& taxonomy = dataset.taxonomy;
  if (!taxonomy.is_open_vocabulary() && r.issue < 0)
    throw_input_error("names no issue of taxonomy \"" + taxonomy.name + "\" (" + r.reason +
                          "; add an alias, or use taxonomy \"none\")",
                      {where, firm.id, entry.name});
  throw_input_error("matches \"" + r.name + "\" only fuzzily (" + r.reason +
                        "); --strict needs an exact or alias match (add an alias)",
                    {where, firm.id, entry.name});
}

// Fuzzy matches are used, never silently: one warning per name, naming its firms in order.
std::vector<std::string> fuzzy_warnings(const Dataset& dataset, const Columns& columns,
                                        const std::vector<std::size_t>& firm_begin,
                                        NameColumns& names) {
  std::vector<std::string> warnings;
  if (names.fuzzy.empty()) return warnings;
  for (std::size_t f = 0; f < dataset.firms.size(); ++f) {
    const FirmAssessment& firm = dataset.firms[f];
    for (std::size_t e = 0; e < firm.entries.size(); ++e) {
      const std::uint32_t name = columns.names_of_entry_flat[firm_begin[f] + e];
      if (names.fuzzy_of_name[name] == kNotFuzzy) continue;
      auto& firms = names.fuzzy[names.fuzzy_of_name[name]].firms;
      if (firms.empty() || firms.back() != firm.id) firms.push_back(firm.id);
    }
  }
  for (const auto& use : names.fuzzy) {
    std::string firms;
    for (const auto& id : use.firms)
      firms += (firms.empty() ? "" : ", ") + id;
    warnings.push_back(
        "name \"" + use.resolution.input + "\" (firm" + (use.firms.size() > 1 ? "s " : " ") +
        firms + ") was matched fuzzily to \"" + use.resolution.name + "\" [" + use.resolution.id +
        "]: " + use.resolution.reason + "; confirm with an alias or run with --strict");
  }
  return warnings;
}

// Takes the entries of dropped names out of the columns (each firm keeps its other entries, in
// order) and says which names were dropped and by how many firms.
std::vector<std::string> drop_entries(const Dataset& dataset,
                                      const std::vector<std::size_t>& firm_begin,
                                      Columns& columns) {
  const std::size_t n_firms = dataset.firms.size();
  std::vector<std::size_t> firms_of_name(columns.names.size(), 0);
  std::vector<std::uint32_t> kept_names;
  kept_names.reserve(columns.names_of_entry_flat.size());
  columns.kept_entries.assign(n_firms, {});
  for (std::size_t f = 0; f < n_firms; ++f) {
    std::vector<std::size_t>& cols = columns.firm_columns[f];
    std::vector<std::uint32_t>& kept = columns.kept_entries[f];
    std::size_t out = 0;
    for (std::size_t e = 0; e < cols.size(); ++e) {
      const std::uint32_t name = columns.names_of_entry_flat[firm_begin[f] + e];
      if (cols[e] == kDropped) {
        ++firms_of_name[name];
        continue;
      }
      kept.push_back(static_cast<std::uint32_t>(e));
      kept_names.push_back(name);
      cols[out++] = cols[e];
    }
    cols.resize(out);
    if (cols.empty())
      throw_input_error(
          "every name the firm lists is dropped by a review decision \"drop\" (a "
          "firm needs at least one issue; leave the firm out of the dataset instead)",
          {dataset.source, dataset.firms[f].id, ""});
  }
  columns.names_of_entry_flat = std::move(kept_names);
  std::vector<std::string> warnings;
  for (std::size_t name = 0; name < columns.names.size(); ++name) {
    if (firms_of_name[name] == 0) continue;
    columns.dropped_names.push_back(columns.names[name]);
    warnings.push_back("name \"" + columns.names[name] + "\" (" +
                       std::to_string(firms_of_name[name]) +
                       (firms_of_name[name] == 1 ? " listing" : " listings") +
                       ") was left out of the analysis by the decision \"drop\"");
  }
  return warnings;
}

}  // namespace

Columns validate_and_intern_names(const Dataset& dataset) {
  Columns columns;
  std::size_t n_entries = 0;
  for (const auto& firm : dataset.firms)
    n_entries += firm.entries.size();
  std::unordered_map<std::string_view, std::uint32_t> name_id;
  name_id.max_load_factor(0.5f);  // short bucket chains: this lookup runs once per listing
  columns.names_of_entry_flat.reserve(std::min(n_entries, limits::max_listings));
  // Names that share their text (the readers intern them) are found by that text's identity
  // first: a pointer's hash instead of a string's.
  IdsBySharedText id_of_shared_text;
  validate_interning(dataset, [&](const IssueName& name) {
    if (const std::uint32_t* known = id_of_shared_text.find(name.identity())) {
      columns.names_of_entry_flat.push_back(*known);
      return false;
    }
    auto [it, inserted] =
        name_id.try_emplace(name.str(), static_cast<std::uint32_t>(columns.names.size()));
    if (inserted) {
      columns.names.push_back(name);
      columns.first_use.push_back(columns.names_of_entry_flat.size());
    }
    if (name.identity() != nullptr) id_of_shared_text.insert(name.identity(), it->second);
    columns.names_of_entry_flat.push_back(it->second);
    return inserted;
  });
  return columns;
}

NameWarnings resolve_columns(const Dataset& dataset, const Normalizer& normalizer, bool strict,
                             const Execution& execution, Columns& columns) {
  Resolved resolved = resolve_names(columns.names, normalizer, execution);
  stage_mark("resolve");
  NameColumns names = assign_columns(normalizer.taxonomy(), resolved, strict, columns);
  const std::vector<std::size_t> firm_begin = firm_begins(dataset);
  const auto duplicate =
      fill_firm_columns(dataset, firm_begin, names.column_of_name, execution, columns);
  throw_first_failure(dataset, columns, firm_begin, duplicate, resolved, names.failing_name);
  NameWarnings warnings;
  warnings.fuzzy = fuzzy_warnings(dataset, columns, firm_begin, names);
  if (std::find(names.column_of_name.begin(), names.column_of_name.end(), kDropped) !=
      names.column_of_name.end())
    warnings.dropped = drop_entries(dataset, firm_begin, columns);
  return warnings;
}

}  // namespace materia::detail
