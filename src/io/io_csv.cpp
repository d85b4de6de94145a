// Reading the long-format CSV dataset: one row per firm and issue.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "base/csv.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"

namespace materia {
namespace detail {
Taxonomy resolve_taxonomy_name(const std::string& name, const std::string& source);
}  // namespace detail

namespace {

std::string trim(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  auto end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::string lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// Locale-independent number parsing; "nan", "inf" and trailing junk are errors.
std::optional<double> parse_number(const std::string& text, const char* column,
                                   const ErrorContext& where) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const char* begin = text.data();
  if (*begin == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    throw_input_error(std::string(column) + " \"" + text + "\" is not a finite number", where);
  return value;
}

enum Column {
  kFirm,
  kIssue,
  kRank,
  kStakeholder,
  kBusiness,
  kLevel,
  kFirmName,
  kSegment,
  kWeight,
  kUnlisted,
  kTaxonomy,
  kScaleMin,
  kScaleMax,
  kColumnCount
};

const std::map<std::string, Column>& column_names() {
  static const std::map<std::string, Column> names = {{"firm", kFirm},
                                                      {"company", kFirm},
                                                      {"firm_id", kFirm},
                                                      {"issue", kIssue},
                                                      {"name", kIssue},
                                                      {"rank", kRank},
                                                      {"stakeholder", kStakeholder},
                                                      {"business", kBusiness},
                                                      {"level", kLevel},
                                                      {"firm_name", kFirmName},
                                                      {"company_name", kFirmName},
                                                      {"segment", kSegment},
                                                      {"weight", kWeight},
                                                      {"unlisted", kUnlisted},
                                                      {"taxonomy", kTaxonomy},
                                                      {"scale_min", kScaleMin},
                                                      {"scale_max", kScaleMax}};
  return names;
}

}  // namespace

Dataset load_dataset_csv(std::string_view text, const std::string& source,
                         const LoadOptions& options, const Execution& execution) {
  char delimiter = detail::sniff_delimiter(text);
  auto records = detail::parse_csv(text, delimiter, source);
  if (records.empty()) throw_input_error("the CSV file is empty", {source, "", ""});

  std::array<std::ptrdiff_t, kColumnCount> index;
  index.fill(-1);
  const auto& header = records.front();
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = lower(trim(header.fields[i]));
    auto it = column_names().find(name);
    if (it == column_names().end()) {
      std::string known;
      for (const auto& [n, c] : column_names())
        known += (known.empty() ? "" : ", ") + n;
      throw_input_error("unknown column \"" + name + "\" (known: " + known + ")",
                        {source + ":1", "", ""});
    }
    if (index[it->second] >= 0)
      throw_input_error("column \"" + name + "\" appears twice", {source + ":1", "", ""});
    index[it->second] = static_cast<std::ptrdiff_t>(i);
  }
  if (index[kFirm] < 0 || index[kIssue] < 0)
    throw_input_error("the CSV needs the columns \"firm\" and \"issue\"", {source + ":1", "", ""});
  if ((index[kStakeholder] < 0) != (index[kBusiness] < 0))
    throw_input_error("give both columns \"stakeholder\" and \"business\", or neither",
                      {source + ":1", "", ""});

  Dataset dataset;
  dataset.source = source;
  std::string taxonomy_name = options.taxonomy;
  std::unordered_map<std::string, std::size_t> firm_index;
  std::vector<std::array<bool, kColumnCount>> firm_seen;  // which firm attributes were given

  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& record = records[r];
    ErrorContext where{source + ":" + std::to_string(record.line), "", ""};
    if (record.fields.size() != header.fields.size())
      throw_input_error("the row has " + std::to_string(record.fields.size()) +
                            " fields but the header has " + std::to_string(header.fields.size()),
                        where);
    auto cell = [&](Column c) {
      return index[c] < 0 ? std::string() : trim(record.fields[index[c]]);
    };
    std::string firm_id = cell(kFirm);
    where.firm = firm_id;
    if (firm_id.empty()) throw_input_error("the firm cell is empty", where);
    Entry entry;
    entry.name = record.fields[index[kIssue]];
    where.issue = entry.name;
    entry.line = record.line;
    entry.rank = parse_number(cell(kRank), "rank", where);
    entry.stakeholder = parse_number(cell(kStakeholder), "stakeholder", where);
    entry.business = parse_number(cell(kBusiness), "business", where);
    if (std::string level = cell(kLevel); !level.empty()) {
      entry.level = parse_level(level);
      if (!entry.level) {
        auto number = parse_number(level, "level", where);
        if (!number || *number != std::floor(*number) || *number < 1 || *number > 5)
          throw_input_error("unknown level \"" + level +
                                "\" (use very_high, high, medium, low, very_low, 高/中/低 or 1-5)",
                            where);
        entry.level = static_cast<int>(*number);
      }
    }

    auto [it, inserted] = firm_index.try_emplace(firm_id, dataset.firms.size());
    if (inserted) {
      dataset.firms.emplace_back().id = firm_id;
      firm_seen.emplace_back().fill(false);
    }
    FirmAssessment& firm = dataset.firms[it->second];
    auto& seen = firm_seen[it->second];
    // Firm attributes repeat on every row; they must agree wherever they are given.
    auto set_attribute = [&](Column c, const char* what, auto&& apply, const std::string& value,
                             const std::string& current) {
      if (value.empty()) return;
      if (seen[c] && value != current)
        throw_input_error(std::string(what) + " \"" + value + "\" differs from \"" + current +
                              "\" given on an earlier row",
                          where);
      if (!seen[c]) apply(value);
      seen[c] = true;
    };
    set_attribute(
        kFirmName, "firm_name", [&](const std::string& v) { firm.name = v; }, cell(kFirmName),
        firm.name);
    set_attribute(
        kSegment, "segment", [&](const std::string& v) { firm.segment = v; }, cell(kSegment),
        firm.segment);
    if (auto weight = parse_number(cell(kWeight), "weight", where)) {
      if (seen[kWeight] && *weight != firm.weight)
        throw_input_error(
            "weight " + cell(kWeight) + " differs from the weight given on an earlier row", where);
      firm.weight = *weight;
      seen[kWeight] = true;
    }
    std::string unlisted = cell(kUnlisted);
    if (!unlisted.empty()) {
      UnlistedPolicy policy;
      if (unlisted == "bottom")
        policy = UnlistedPolicy::bottom;
      else if (unlisted == "not_assessed")
        policy = UnlistedPolicy::not_assessed;
      else
        throw_input_error(
            "unlisted must be \"bottom\" or \"not_assessed\", not \"" + unlisted + "\"", where);
      if (seen[kUnlisted] && policy != firm.unlisted)
        throw_input_error("unlisted differs from the policy given on an earlier row", where);
      firm.unlisted = policy;
      seen[kUnlisted] = true;
    }
    auto scale_min = parse_number(cell(kScaleMin), "scale_min", where);
    auto scale_max = parse_number(cell(kScaleMax), "scale_max", where);
    if (scale_min.has_value() != scale_max.has_value())
      throw_input_error("give both scale_min and scale_max, or neither", where);
    if (scale_min) {
      Scale scale{*scale_min, *scale_max};
      if (firm.scale && (firm.scale->min != scale.min || firm.scale->max != scale.max))
        throw_input_error("the scale differs from the scale given on an earlier row", where);
      firm.scale = scale;
    }
    if (std::string taxonomy = cell(kTaxonomy); !taxonomy.empty() && options.taxonomy.empty()) {
      if (!taxonomy_name.empty() && taxonomy != taxonomy_name)
        throw_input_error("taxonomy \"" + taxonomy + "\" differs from \"" + taxonomy_name +
                              "\" given on an earlier row",
                          where);
      taxonomy_name = taxonomy;
    }
    firm.entries.push_back(std::move(entry));
  }
  if (!taxonomy_name.empty())
    dataset.taxonomy = detail::resolve_taxonomy_name(taxonomy_name, source);
  if (options.validate) dataset.validate(execution);
  return dataset;
}

}  // namespace materia
