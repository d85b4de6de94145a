#include "materia/model/dataset.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <ostream>
#include <unordered_set>

#include "base/printable.hpp"
#include "materia/error.hpp"
#include "materia/limits.hpp"
#include "materia/text/text.hpp"
#include "model/dataset_check.hpp"
#include "runtime/parallel.hpp"

namespace materia {

const std::string& IssueName::empty_text() noexcept {
  static const std::string empty;
  return empty;
}

std::ostream& operator<<(std::ostream& out, const IssueName& name) {
  return out << name.str();
}

std::string_view unlisted_policy_name(UnlistedPolicy policy) {
  return policy == UnlistedPolicy::bottom ? "bottom" : "not_assessed";
}

const std::vector<LevelWord>& builtin_level_words() {
  // Seven steps, in order; a word between two steps of the old five-step scale sits halfway
  // (较高 between 高 and 中), so a firm's 高/较高/中/较低/低 keep five distinct levels. Only the
  // order within a firm matters (levels become ranks); the five old values are kept.
  static const std::vector<LevelWord> words = {
      {"very_high", 5},
      {"critical", 5},
      {"very_important", 5},
      {"极高", 5},
      {"非常高", 5},
      {"很高", 5},
      {"非常重要", 5},
      {"很重要", 5},
      {"极其重要", 5},
      {"至关重要", 5},
      {"highly_material", 5},
      {"核心", 5},
      {"high", 4},
      {"important", 4},
      {"高", 4},
      {"重要", 4},
      {"material", 4},
      {"medium_high", 3.5},
      {"moderately_high", 3.5},
      {"较高", 3.5},
      {"比较高", 3.5},
      {"中高", 3.5},
      {"较重要", 3.5},
      {"比较重要", 3.5},
      {"medium", 3},
      {"moderate", 3},
      {"moderately_important", 3},
      {"中", 3},
      {"中等", 3},
      {"一般", 3},
      {"一般重要", 3},
      {"moderately_material", 3},
      {"medium_low", 2.5},
      {"moderately_low", 2.5},
      {"较低", 2.5},
      {"比较低", 2.5},
      {"中低", 2.5},
      {"不太重要", 2.5},
      {"较不重要", 2.5},
      {"low", 2},
      {"slightly_important", 2},
      {"低", 2},
      {"不重要", 2},
      {"very_low", 1},
      {"not_important", 1},
      {"极低", 1},
      {"非常低", 1},
      {"很低", 1},
      {"非常不重要", 1},
      {"很不重要", 1},
      {"完全不重要", 1},
  };
  return words;
}

std::optional<double> parse_level(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '_') {
      key += '_';
    } else {
      key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  for (const auto& level : builtin_level_words())
    if (level.word == key) return level.value;
  return std::nullopt;
}

namespace {

void check_scale(const Scale& scale, const ErrorContext& where) {
  if (!std::isfinite(scale.min) || !std::isfinite(scale.max) || scale.min >= scale.max)
    throw_input_error("scale must have finite min < max (got [" + detail::number_text(scale.min) +
                          ", " + detail::number_text(scale.max) + "])",
                      where);
  if (scale.min < 0) throw_input_error("scale must not go below 0", where);
}

std::string limit_hint() {
  return " (materia's limit; see docs/architecture.md, \"Limits\")";
}

void check_length(const std::string& text, const char* what, const ErrorContext& where) {
  if (text.size() > limits::max_name_bytes)
    throw_input_error(std::string(what) + " is " + std::to_string(text.size()) +
                          " bytes long, more than " + std::to_string(limits::max_name_bytes) +
                          limit_hint(),
                      where);
}

}  // namespace

std::string detail::entry_location(const Dataset& dataset, const Entry& entry) {
  return entry.line == 0 ? dataset.source : dataset.source + ":" + std::to_string(entry.line);
}

// The checks of one entry's name: they depend on the name alone, so validate_interning runs
// them at a name's first use only.
void detail::check_entry_name(const Dataset& dataset, const FirmAssessment& firm,
                              const Entry& entry) {
  // Built only for an error: three string copies per entry would dominate the whole check.
  auto at = [&] { return ErrorContext{entry_location(dataset, entry), firm.id, entry.name}; };
  try {
    check_utf8(entry.name, "issue name");
  } catch (const Error& e) {
    throw_input_error(e.message(), at());
  }
  if (entry.name.size() > limits::max_name_bytes) check_length(entry.name, "the issue name", at());
  bool blank = std::all_of(entry.name.begin(), entry.name.end(),
                           [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  if (blank) throw_input_error("an issue has an empty name", at());
}

// The checks of one entry's numbers, and of its kind of ordering against the firm's first entry.
void detail::check_entry_values(const Dataset& dataset, const FirmAssessment& firm,
                                const Entry& entry) {
  const Entry& first = firm.entries.front();
  auto at = [&] { return ErrorContext{entry_location(dataset, entry), firm.id, entry.name}; };
  if (entry.rank) {
    if (!std::isfinite(*entry.rank)) throw_input_error("rank must be finite", at());
    if (*entry.rank < 1) throw_input_error("rank must be at least 1", at());
  }
  for (auto [value, axis] :
       {std::pair{entry.stakeholder, "stakeholder"}, std::pair{entry.business, "business"}}) {
    if (!value) continue;
    if (!std::isfinite(*value)) throw_input_error(std::string(axis) + " must be finite", at());
    if (*value < 0) throw_input_error(std::string(axis) + " must not be negative", at());
    const auto& declared = firm.scale ? firm.scale : dataset.scale;
    if (declared && (*value < declared->min || *value > declared->max))
      throw_input_error(std::string(axis) + " " + detail::number_text(*value) +
                            " is outside the scale [" + detail::number_text(declared->min) + ", " +
                            detail::number_text(declared->max) + "]",
                        at());
  }
  if (entry.stakeholder.has_value() != entry.business.has_value())
    throw_input_error("give both stakeholder and business, or neither", at());
  if (entry.level && !(*entry.level >= 1 && *entry.level <= 5))
    throw_input_error("level must be between 1 and 5", at());
  // One firm, one kind of ordering: mixing ranked and unranked entries has no meaning.
  if (entry.rank.has_value() != first.rank.has_value())
    throw_input_error("some issues of this company have a rank and some do not", at());
  if (entry.stakeholder.has_value() != first.stakeholder.has_value())
    throw_input_error("some issues of this company have coordinates and some do not", at());
  if (entry.level.has_value() != first.level.has_value())
    throw_input_error("some issues of this company have a level and some do not", at());
}

void detail::check_dataset_totals(const Dataset& dataset) {
  const std::string& source = dataset.source;
  if (dataset.firms.empty()) throw_input_error("the dataset has no companies", {source, "", ""});
  if (dataset.firms.size() > limits::max_firms)
    throw_input_error(
        "more than " + std::to_string(limits::max_firms) + " companies" + limit_hint(),
        {source, "", ""});
  std::size_t listings = 0;
  for (const auto& firm : dataset.firms) {
    listings += firm.entries.size();
    if (firm.entries.size() > limits::max_issues_per_firm)
      throw_input_error("the company lists more than " +
                            std::to_string(limits::max_issues_per_firm) + " issues" + limit_hint(),
                        {source, firm.id, ""});
  }
  if (listings > limits::max_listings)
    throw_input_error("more than " + std::to_string(limits::max_listings) +
                          " issue listings in all" + limit_hint(),
                      {source, "", ""});
  if (dataset.scale) check_scale(*dataset.scale, {source, "", ""});
}

void detail::FirmFieldsCheck::operator()(const FirmAssessment& firm) {
  ErrorContext where{dataset_.source, firm.id, ""};
  if (firm.id.empty()) throw_input_error("a company has an empty id", where);
  check_length(firm.id, "the company id", where);
  check_length(firm.name, "the company name", where);
  try {
    check_utf8(firm.id, "company id");
  } catch (const Error& e) {
    throw_input_error(e.message(), where);
  }
  if (!ids_.insert(firm.id).second) throw_input_error("duplicate company id", where);
  if (!std::isfinite(firm.weight) || firm.weight < 0)
    throw_input_error("weight must be a finite number >= 0", where);
  if (firm.weight > limits::max_weight)
    throw_input_error("weight " + detail::number_text(firm.weight) + " is larger than " +
                          detail::number_text(limits::max_weight) + limit_hint(),
                      where);
  total_weight_ += firm.weight;
  if (firm.scale) check_scale(*firm.scale, where);
  if (firm.entries.empty()) throw_input_error("the company lists no issues", where);
}

void detail::FirmFieldsCheck::finish() const {
  if (total_weight_ <= 0)
    throw_input_error("the company weights sum to 0", {dataset_.source, "", ""});
}

void Dataset::validate(const Execution& execution) const {
  detail::check_dataset_totals(*this);
  // Each firm's entries are checked on every core; a failure is kept and raised below where the
  // sequential walk reaches the firm, after the firm's own fields, so the error is the one the
  // walk always gave.
  const std::vector<std::exception_ptr> entry_error = detail::parallel_for_keeping_errors(
      firms.size(), execution.threads,
      [&](std::size_t f) {
        for (const Entry& entry : firms[f].entries) {
          detail::check_entry_name(*this, firms[f], entry);
          detail::check_entry_values(*this, firms[f], entry);
        }
      },
      500);
  detail::FirmFieldsCheck check_firm(*this);
  for (std::size_t f = 0; f < firms.size(); ++f) {
    check_firm(firms[f]);
    if (entry_error[f]) std::rethrow_exception(entry_error[f]);
  }
  check_firm.finish();
}

}  // namespace materia
