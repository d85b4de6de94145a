// Reading the long-format CSV dataset: one row per firm and issue.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "base/csv.hpp"
#include "base/csv_rows.hpp"
#include "io/cell_values.hpp"
#include "io/columns_map.hpp"
#include "io/name_pool.hpp"
#include "io/provenance.hpp"
#include "io/streamed.hpp"
#include "io/text_encoding.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"

namespace materia {
namespace detail {
Taxonomy resolve_taxonomy_name(const std::string& name, const std::string& source);
}  // namespace detail

namespace {

std::string_view trim(std::string_view text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

// Appends `number` in decimal, as std::to_string writes it.
void append_number(std::string& text, std::size_t number) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, number);
  text.append(digits, result.ptr);
}

std::string lower(std::string_view view) {
  std::string text(view);
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// Locale-independent number parsing (io/cell_values.hpp); "nan", "inf" and trailing junk are
// errors, and so is a percent except where `percents` collects it (the coordinates).
std::optional<double> parse_number(std::string_view text, const char* column,
                                   const ErrorContext& where, bool allow_percent = false,
                                   detail::PercentCells* percents = nullptr) {
  auto cell = detail::parse_cell_number(text, column, where, allow_percent);
  if (!cell) return std::nullopt;
  if (cell->percent && percents) percents->note(where.firm, column, text, where);
  return cell->value;
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
  kSourceFile,
  kSourcePage,
  kSourceBbox,
  kConfidence,
  kColumnCount
};

// The fields' own names (io/columns_map.cpp maps the other names of a header to them).
const std::map<std::string_view, Column>& column_names() {
  static const std::map<std::string_view, Column> names = {{"firm", kFirm},
                                                           {"issue", kIssue},
                                                           {"rank", kRank},
                                                           {"stakeholder", kStakeholder},
                                                           {"business", kBusiness},
                                                           {"level", kLevel},
                                                           {"firm_name", kFirmName},
                                                           {"segment", kSegment},
                                                           {"weight", kWeight},
                                                           {"unlisted", kUnlisted},
                                                           {"taxonomy", kTaxonomy},
                                                           {"scale_min", kScaleMin},
                                                           {"scale_max", kScaleMax},
                                                           {"source_file", kSourceFile},
                                                           {"source_page", kSourcePage},
                                                           {"source_bbox", kSourceBbox},
                                                           {"confidence", kConfidence}};
  return names;
}

}  // namespace

Dataset load_dataset_csv(std::string_view text, const std::string& source,
                         const LoadOptions& options, const Execution& execution) {
  return detail::load_dataset_csv_streamed(text, source, options, execution, {});
}

Dataset detail::load_dataset_csv_streamed(std::string_view text, const std::string& source,
                                          const LoadOptions& options, const Execution& execution,
                                          const std::function<void(std::size_t)>& done_with) {
  // GBK, Big5, UTF-16, ... as UTF-8 (io/text_encoding.hpp); nothing to copy for UTF-8
  const std::optional<std::string> decoded = detail::decode_text(text, options.encoding, source);
  if (decoded) text = *decoded;
  const std::size_t bom = text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  char delimiter = detail::sniff_delimiter(text);

  std::array<std::ptrdiff_t, kColumnCount> index;
  index.fill(-1);
  std::vector<std::string> header;
  bool have_header = false;
  const detail::ColumnNames header_names(options);
  auto read_header = [&] {
    for (std::size_t i = 0; i < header.size(); ++i) {
      std::string name = lower(trim(header[i]));
      std::string_view field = header_names.field(header[i], {source + ":1", "", ""});
      if (field.empty()) continue;  // --ignore-column
      auto it = column_names().find(field);
      if (index[it->second] >= 0)
        throw_input_error("column \"" + name + "\" appears twice", {source + ":1", "", ""});
      index[it->second] = static_cast<std::ptrdiff_t>(i);
    }
    if (index[kFirm] < 0 || index[kIssue] < 0)
      throw_input_error("the CSV needs the columns \"firm\" and \"issue\"",
                        {source + ":1", "", ""});
    if ((index[kStakeholder] < 0) != (index[kBusiness] < 0))
      throw_input_error("give both columns \"stakeholder\" and \"business\", or neither",
                        {source + ":1", "", ""});
  };

  Dataset dataset;
  dataset.source = source;
  std::string taxonomy_name = options.taxonomy;
  std::unordered_map<std::string, std::size_t> firm_index;
  std::vector<std::array<bool, kColumnCount>> firm_seen;  // which firm attributes were given
  const detail::LevelScale level_scale(options.levels);
  detail::LevelTies level_ties;
  detail::PercentCells percents;
  detail::NamePool names;

  // The rows are read one at a time into the firms' entries: the table itself is never held.
  constexpr std::size_t kReleaseEvery = std::size_t{4} << 20;
  std::size_t released = 0;
  std::size_t current_firm = static_cast<std::size_t>(-1);
  // Where the row being read is, for errors: one context whose strings keep their capacity, so
  // that filling it in costs no allocation per row.
  ErrorContext where;
  detail::for_each_csv_row(
      text, delimiter, source, [&](const detail::CsvRow& record, std::size_t offset) {
        if (!have_header) {
          header.assign(record.fields.begin(), record.fields.end());
          have_header = true;
          read_header();
          return;
        }
        if (done_with && !decoded && offset >= released + kReleaseEvery) {
          released = offset;
          done_with(bom + offset);
        }
        where.file.assign(source);
        where.file += ':';
        append_number(where.file, record.line);
        where.firm.clear();
        where.issue.clear();
        if (record.fields.size() != header.size())
          throw_input_error("the row has " + std::to_string(record.fields.size()) +
                                " fields but the header has " + std::to_string(header.size()),
                            where);
        auto cell = [&](Column c) {
          return index[c] < 0 ? std::string_view() : trim(record.fields[index[c]]);
        };
        const std::string_view firm_id = cell(kFirm);
        where.firm.assign(firm_id);
        if (firm_id.empty()) throw_input_error("the firm cell is empty", where);
        Entry entry;
        entry.name = names.intern(record.fields[index[kIssue]]);
        where.issue.assign(entry.name.str());
        entry.line = static_cast<std::uint32_t>(record.line);
        entry.rank = parse_number(cell(kRank), "rank", where);
        entry.stakeholder = parse_number(cell(kStakeholder), "stakeholder", where, true, &percents);
        entry.business = parse_number(cell(kBusiness), "business", where, true, &percents);
        if (std::string_view level = cell(kLevel); !level.empty()) {
          bool word = false;
          entry.level = level_scale.value(level, where, word);
          if (word) level_ties.note(where.firm, level, *entry.level);
        }

        detail::check_provenance_cells(cell(kSourcePage), cell(kSourceBbox), cell(kConfidence),
                                       where);

        // A firm's rows come together: the row's firm is most often the last row's.
        std::size_t firm_at = current_firm;
        if (current_firm >= dataset.firms.size() || dataset.firms[current_firm].id != firm_id) {
          auto [it, inserted] = firm_index.try_emplace(where.firm, dataset.firms.size());
          if (inserted) {
            dataset.firms.emplace_back().id = where.firm;
            firm_seen.emplace_back().fill(false);
          }
          firm_at = it->second;
        }
        // When a firm's rows end, its entries give back what growing them reserved, and the next
        // firm's entries reuse that memory.
        if (firm_at != current_firm && current_firm < dataset.firms.size())
          dataset.firms[current_firm].entries.shrink_to_fit();
        current_firm = firm_at;
        FirmAssessment& firm = dataset.firms[firm_at];
        auto& seen = firm_seen[firm_at];
        // Firm attributes repeat on every row; they must agree wherever they are given.
        auto set_attribute = [&](Column c, const char* what, std::string& attribute) {
          const std::string_view value = cell(c);
          if (value.empty()) return;
          if (seen[c] && value != attribute)
            throw_input_error(std::string(what) + " \"" + std::string(value) +
                                  "\" differs from \"" + attribute + "\" given on an earlier row",
                              where);
          if (!seen[c]) attribute = value;
          seen[c] = true;
        };
        set_attribute(kFirmName, "firm_name", firm.name);
        set_attribute(kSegment, "segment", firm.segment);
        if (auto weight = parse_number(cell(kWeight), "weight", where, true)) {
          if (seen[kWeight] && *weight != firm.weight)
            throw_input_error("weight " + std::string(cell(kWeight)) +
                                  " differs from the weight given on an earlier row",
                              where);
          firm.weight = *weight;
          seen[kWeight] = true;
        }
        const std::string_view unlisted = cell(kUnlisted);
        if (!unlisted.empty()) {
          UnlistedPolicy policy;
          if (unlisted == "bottom")
            policy = UnlistedPolicy::bottom;
          else if (unlisted == "not_assessed")
            policy = UnlistedPolicy::not_assessed;
          else
            throw_input_error("unlisted must be \"bottom\" or \"not_assessed\", not \"" +
                                  std::string(unlisted) + "\"",
                              where);
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
        if (std::string_view taxonomy = cell(kTaxonomy);
            !taxonomy.empty() && options.taxonomy.empty()) {
          if (!taxonomy_name.empty() && taxonomy != taxonomy_name)
            throw_input_error("taxonomy \"" + std::string(taxonomy) + "\" differs from \"" +
                                  taxonomy_name + "\" given on an earlier row",
                              where);
          taxonomy_name = taxonomy;
        }
        firm.entries.push_back(std::move(entry));
      });
  if (!have_header) throw_input_error("the CSV file is empty", {source, "", ""});
  for (auto& firm : dataset.firms)
    firm.entries.shrink_to_fit();
  percents.check(dataset);
  dataset.warnings = level_ties.warnings();
  if (!taxonomy_name.empty())
    dataset.taxonomy = detail::resolve_taxonomy_name(taxonomy_name, source);
  if (options.validate) dataset.validate(execution);
  return dataset;
}

}  // namespace materia
