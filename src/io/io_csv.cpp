// Reading the long-format CSV dataset: one row per firm and issue.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "base/csv.hpp"
#include "base/csv_rows.hpp"
#include "base/json_util.hpp"
#include "io/cell_values.hpp"
#include "io/columns_map.hpp"
#include "io/name_pool.hpp"
#include "io/provenance.hpp"
#include "io/streamed.hpp"
#include "io/text_encoding.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/limits.hpp"
#include "runtime/parallel.hpp"
#include "runtime/stage_mark.hpp"

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

// Where the columns are, from the header.
struct Layout {
  std::array<std::ptrdiff_t, kColumnCount> index;
  std::size_t fields = 0;
};

Layout read_header(const std::vector<std::string_view>& header, const std::string& source,
                   const LoadOptions& options) {
  Layout layout;
  auto& index = layout.index;
  index.fill(-1);
  layout.fields = header.size();
  const detail::ColumnNames header_names(options);
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
    throw_input_error("the CSV needs the columns \"firm\" and \"issue\"", {source + ":1", "", ""});
  if ((index[kStakeholder] < 0) != (index[kBusiness] < 0))
    throw_input_error("give both columns \"stakeholder\" and \"business\", or neither",
                      {source + ":1", "", ""});
  return layout;
}

// The data rows of one stretch of the file read into firms: the whole file's rows, or one
// piece's, whose firms, names and notes absorb() then joins to the earlier pieces'.
class Rows {
  const Layout& layout_;
  const std::string& source_;
  const LoadOptions& options_;
  const detail::LevelScale& level_scale_;

 public:
  Rows(const Layout& layout, const std::string& source, const LoadOptions& options,
       const detail::LevelScale& level_scale)
      : layout_(layout),
        source_(source),
        options_(options),
        level_scale_(level_scale),
        taxonomy_name(options.taxonomy) {}

  std::vector<FirmAssessment> firms;
  std::string taxonomy_name;
  detail::LevelTies level_ties;
  detail::PercentCells percents;
  std::size_t rows = 0;

  void read(const detail::CsvRow& record);

  // Adds the firms and notes of the rows that follow this one's (the next piece), as reading
  // them after these would; false when a firm attribute or the taxonomy disagrees across the
  // two, which that reading reports as an error.
  bool absorb(Rows&& later);

 private:
  std::unordered_map<std::string, std::size_t> firm_index_;
  std::vector<std::array<bool, kColumnCount>> firm_seen_;  // which firm attributes were given
  detail::NamePool names_;
  std::size_t current_firm_ = static_cast<std::size_t>(-1);
  // Where the row being read is, for errors: one context whose strings keep their capacity, so
  // that filling it in costs no allocation per row.
  ErrorContext where_;
};

void Rows::read(const detail::CsvRow& record) {
  ++rows;
  const auto& index = layout_.index;
  ErrorContext& where = where_;
  where.file.assign(source_);
  where.file += ':';
  append_number(where.file, record.line);
  where.firm.clear();
  where.issue.clear();
  if (record.fields.size() != layout_.fields)
    throw_input_error("the row has " + std::to_string(record.fields.size()) +
                          " fields but the header has " + std::to_string(layout_.fields),
                      where);
  auto cell = [&](Column c) {
    return index[c] < 0 ? std::string_view() : trim(record.fields[index[c]]);
  };
  const std::string_view firm_id = cell(kFirm);
  where.firm.assign(firm_id);
  if (firm_id.empty()) throw_input_error("the firm cell is empty", where);
  Entry entry;
  entry.name = names_.intern(record.fields[index[kIssue]]);
  where.issue.assign(entry.name.str());
  entry.line = static_cast<std::uint32_t>(record.line);
  entry.rank = parse_number(cell(kRank), "rank", where);
  entry.stakeholder = parse_number(cell(kStakeholder), "stakeholder", where, true, &percents);
  entry.business = parse_number(cell(kBusiness), "business", where, true, &percents);
  if (std::string_view level = cell(kLevel); !level.empty()) {
    bool word = false;
    entry.level = level_scale_.value(level, where, word);
    if (word) level_ties.note(where.firm, level, *entry.level);
  }

  detail::check_provenance_cells(cell(kSourcePage), cell(kSourceBbox), cell(kConfidence), where);

  // A firm's rows come together: the row's firm is most often the last row's.
  std::size_t firm_at = current_firm_;
  if (current_firm_ >= firms.size() || firms[current_firm_].id != firm_id) {
    auto [it, inserted] = firm_index_.try_emplace(where.firm, firms.size());
    if (inserted) {
      firms.emplace_back().id = where.firm;
      firm_seen_.emplace_back().fill(false);
    }
    firm_at = it->second;
  }
  // When a firm's rows end, its entries give back what growing them reserved, and the next
  // firm's entries reuse that memory.
  if (firm_at != current_firm_ && current_firm_ < firms.size())
    firms[current_firm_].entries.shrink_to_fit();
  current_firm_ = firm_at;
  FirmAssessment& firm = firms[firm_at];
  auto& seen = firm_seen_[firm_at];
  // Firm attributes repeat on every row; they must agree wherever they are given.
  auto set_attribute = [&](Column c, const char* what, std::string& attribute) {
    const std::string_view value = cell(c);
    if (value.empty()) return;
    if (seen[c] && value != attribute)
      throw_input_error(std::string(what) + " \"" + std::string(value) + "\" differs from \"" +
                            attribute + "\" given on an earlier row",
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
      throw_input_error(
          "unlisted must be \"bottom\" or \"not_assessed\", not \"" + std::string(unlisted) + "\"",
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
  if (std::string_view taxonomy = cell(kTaxonomy); !taxonomy.empty() && options_.taxonomy.empty()) {
    if (!taxonomy_name.empty() && taxonomy != taxonomy_name)
      throw_input_error("taxonomy \"" + std::string(taxonomy) + "\" differs from \"" +
                            taxonomy_name + "\" given on an earlier row",
                        where);
    taxonomy_name = taxonomy;
  }
  firm.entries.push_back(std::move(entry));
}

bool Rows::absorb(Rows&& later) {
  if (!later.taxonomy_name.empty()) {
    if (!taxonomy_name.empty() && later.taxonomy_name != taxonomy_name) return false;
    taxonomy_name = std::move(later.taxonomy_name);
  }
  // Each of the later rows' names as this pool holds it, so that equal names stay one.
  std::unordered_map<const void*, IssueName> pooled;
  later.names_.for_each([&](const IssueName& name) {
    IssueName mine = names_.adopt(name);
    if (!mine.shares_text_with(name)) pooled.emplace(name.identity(), std::move(mine));
  });
  auto move_entries = [&](std::vector<Entry>& from, std::vector<Entry>& to) {
    for (Entry& entry : from) {
      if (!pooled.empty())
        if (auto it = pooled.find(entry.name.identity()); it != pooled.end())
          entry.name = it->second;
      if (&from != &to) to.push_back(std::move(entry));
    }
  };
  for (std::size_t f = 0; f < later.firms.size(); ++f) {
    FirmAssessment& firm = later.firms[f];
    const auto& seen = later.firm_seen_[f];
    auto [it, inserted] = firm_index_.try_emplace(firm.id, firms.size());
    if (inserted) {
      move_entries(firm.entries, firm.entries);
      firms.push_back(std::move(firm));
      firm_seen_.push_back(seen);
      continue;
    }
    // The firm's rows span the pieces: its attributes are checked as the rows' would be.
    FirmAssessment& mine = firms[it->second];
    auto& mine_seen = firm_seen_[it->second];
    auto agree = [&](Column c, std::string& attribute, std::string& theirs) {
      if (!seen[c]) return true;
      if (mine_seen[c]) return attribute == theirs;
      attribute = std::move(theirs);
      return true;
    };
    if (!agree(kFirmName, mine.name, firm.name) || !agree(kSegment, mine.segment, firm.segment))
      return false;
    if (seen[kWeight]) {
      if (mine_seen[kWeight] && mine.weight != firm.weight) return false;
      mine.weight = firm.weight;
    }
    if (seen[kUnlisted]) {
      if (mine_seen[kUnlisted] && mine.unlisted != firm.unlisted) return false;
      mine.unlisted = firm.unlisted;
    }
    if (firm.scale) {
      if (mine.scale && (mine.scale->min != firm.scale->min || mine.scale->max != firm.scale->max))
        return false;
      mine.scale = firm.scale;
    }
    for (std::size_t c = 0; c < kColumnCount; ++c)
      mine_seen[c] = mine_seen[c] || seen[c];
    mine.entries.reserve(mine.entries.size() + firm.entries.size());
    move_entries(firm.entries, mine.entries);
  }
  level_ties.absorb(later.level_ties);
  percents.absorb(later.percents);
  rows += later.rows;
  return true;
}

// Below this many bytes a file is read in one piece: splitting and joining would cost more than
// the second core saves.
constexpr std::size_t kMinPieceBytes = std::size_t{1} << 20;
// The pages behind the first piece are released in steps of this many bytes.
constexpr std::size_t kReleaseEvery = std::size_t{4} << 20;

// The end of the first line break at or after `target` that is outside quotes, counting quote
// characters from `from` (a record boundary): past it a record starts, unless quotes are
// unbalanced (then a piece read from there fails, and the file is read in one piece).
std::size_t record_boundary(std::string_view text, std::size_t from, std::size_t target) {
  target = std::max(target, from);
  bool inside = std::count(text.begin() + static_cast<std::ptrdiff_t>(from),
                           text.begin() + static_cast<std::ptrdiff_t>(target), '"') %
                    2 !=
                0;
  for (std::size_t i = target; i < text.size(); ++i) {
    if (text[i] == '"')
      inside = !inside;
    else if (text[i] == '\n' && !inside)
      return i + 1;
  }
  return text.size();
}

// Everything the file's data rows give, joined from `pieces` pieces read on `threads` threads;
// nullopt when any piece fails or the pieces disagree (the caller then reads the file in one
// piece, which words the first error). `body` is the text after any byte order mark.
std::optional<Rows> read_pieces(std::string_view body, std::size_t bom, char delimiter,
                                const std::string& source, const LoadOptions& options,
                                const detail::LevelScale& level_scale, Layout& layout,
                                unsigned pieces, unsigned threads,
                                const std::function<void(std::size_t)>& done_with) {
  try {
    detail::check_not_utf16(body, source);
    bool have_header = false;
    const std::size_t header_end =
        detail::scan_csv_rows(body, 1, delimiter, source, [&](const detail::CsvRow& row, auto) {
          layout = read_header(row.fields, source, options);
          have_header = true;
          return false;
        });
    if (!have_header) return std::nullopt;

    std::vector<std::size_t> begin(pieces + 1, header_end);
    begin[pieces] = body.size();
    const std::size_t data = body.size() - header_end;
    for (unsigned k = 1; k < pieces; ++k)
      begin[k] = record_boundary(body, begin[k - 1], header_end + data / pieces * k);
    std::vector<Rows> read;
    read.reserve(pieces);
    for (unsigned k = 0; k < pieces; ++k)
      read.emplace_back(layout, source, options, level_scale);
    std::vector<char> whole(pieces, 0);
    const auto errors = detail::parallel_for_keeping_errors(pieces, threads, [&](std::size_t k) {
      const std::string_view piece = body.substr(begin[k], begin[k + 1] - begin[k]);
      const std::size_t first_line =
          1 + static_cast<std::size_t>(std::count(
                  body.begin(), body.begin() + static_cast<std::ptrdiff_t>(begin[k]), '\n'));
      std::size_t released = begin[k];
      Rows& rows = read[k];
      const std::size_t end = detail::scan_csv_rows(
          piece, first_line, delimiter, source,
          [&](const detail::CsvRow& record, std::size_t offset) {
            // Only the first piece releases pages: those behind it are read by no other piece.
            if (k == 0 && done_with && begin[k] + offset >= released + kReleaseEvery) {
              released = begin[k] + offset;
              done_with(bom + released);
            }
            rows.read(record);
            return true;
          });
      // The piece must end where the next one starts, on a record boundary (the last one read
      // ended at the piece's last line break), or at the end of the text.
      whole[k] = end == piece.size() &&
                 (begin[k + 1] == body.size() || piece.empty() || piece.back() == '\n');
    });
    for (unsigned k = 0; k < pieces; ++k)
      if (errors[k] || !whole[k]) return std::nullopt;
    for (unsigned k = 1; k < pieces; ++k)
      if (!read[0].absorb(std::move(read[k]))) return std::nullopt;
    if (read[0].rows > limits::max_listings) return std::nullopt;
    if (done_with) done_with(bom + body.size());
    return std::move(read[0]);
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace

Dataset load_dataset_csv(std::string_view text, const std::string& source,
                         const LoadOptions& options, const Execution& execution) {
  return detail::load_dataset_csv_streamed(text, source, options, execution, {});
}

Dataset detail::load_dataset_csv_streamed(std::string_view text, const std::string& source,
                                          const LoadOptions& options, const Execution& execution,
                                          const std::function<void(std::size_t)>& done_with) {
  return load_dataset_csv_pieces(text, source, options, execution, done_with, 0);
}

Dataset detail::load_dataset_csv_pieces(std::string_view text, const std::string& source,
                                        const LoadOptions& options, const Execution& execution,
                                        const std::function<void(std::size_t)>& done_with,
                                        unsigned pieces, bool* joined) {
  // GBK, Big5, UTF-16, ... as UTF-8 (io/text_encoding.hpp); nothing to copy for UTF-8
  const std::optional<std::string> decoded = detail::decode_text(text, options.encoding, source);
  if (decoded) text = *decoded;
  const std::size_t bom = text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  char delimiter = detail::sniff_delimiter(text);
  const detail::LevelScale level_scale(options.levels);
  Layout layout;

  // A large file in one piece per thread; decoded text in one piece.
  if (decoded)
    pieces = 1;
  else if (pieces == 0)
    pieces = detail::thread_count(execution.threads, text.size() / kMinPieceBytes);
  std::optional<Rows> read =
      pieces > 1 ? read_pieces(text.substr(bom), bom, delimiter, source, options, level_scale,
                               layout, pieces, execution.threads, done_with)
                 : std::nullopt;
  if (joined) *joined = read.has_value();
  if (!read) {
    bool have_header = false;
    std::size_t released = 0;
    detail::for_each_csv_row(text, delimiter, source,
                             [&](const detail::CsvRow& record, std::size_t offset) {
                               if (!have_header) {
                                 layout = read_header(record.fields, source, options);
                                 read.emplace(layout, source, options, level_scale);
                                 have_header = true;
                                 return;
                               }
                               if (done_with && !decoded && offset >= released + kReleaseEvery) {
                                 released = offset;
                                 done_with(bom + offset);
                               }
                               read->read(record);
                             });
    if (!have_header) throw_input_error("the CSV file is empty", {source, "", ""});
  }
  detail::stage_mark("csv_rows");

  Dataset dataset;
  dataset.source = source;
  dataset.firms = std::move(read->firms);
  for (auto& firm : dataset.firms)
    firm.entries.shrink_to_fit();
  read->percents.check(dataset);
  dataset.warnings = read->level_ties.warnings();
  if (!read->taxonomy_name.empty())
    dataset.taxonomy = detail::resolve_taxonomy_name(read->taxonomy_name, source);
  if (options.validate) dataset.validate(execution);
  return dataset;
}

}  // namespace materia
