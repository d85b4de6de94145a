#include "materia/output/output.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <utility>

#include "base/csv.hpp"
#include "base/number_text.hpp"
#include "materia/output/fields.hpp"
#include "output/json_writer.hpp"
#include "output/result_json.hpp"
#include "output/text_table.hpp"

namespace materia {

namespace {

using fields::FieldType;

using detail::fixed_number;
using detail::shortest_number;

// ---- JSON locations: keys and array indices joined by '/' ("matrix/axes", "rank_interval/0")

constexpr std::size_t segment_count(std::string_view location) {
  return 1 + static_cast<std::size_t>(std::count(location.begin(), location.end(), '/'));
}

constexpr std::string_view segment(std::string_view location, std::size_t index) {
  for (; index > 0; --index)
    location.remove_prefix(location.find('/') + 1);
  return location.substr(0, location.find('/'));
}

constexpr bool is_index(std::string_view segment) {
  return !segment.empty() &&
         std::all_of(segment.begin(), segment.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr std::size_t index_value(std::string_view segment) {
  std::size_t value = 0;
  for (char c : segment)
    value = value * 10 + static_cast<std::size_t>(c - '0');
  return value;
}

// The objects and arrays two fields are both in: their leading segments in common, leaves aside.
constexpr std::size_t shared_parents(std::string_view a, std::string_view b) {
  const std::size_t parents = std::min(segment_count(a), segment_count(b)) - 1;
  std::size_t shared = 0;
  while (shared < parents && segment(a, shared) == segment(b, shared))
    ++shared;
  return shared;
}

// Every segment of `a` leads `b`.
constexpr bool leads(std::string_view a, std::string_view b) {
  const std::size_t count = segment_count(a);
  if (count > segment_count(b)) return false;
  for (std::size_t i = 0; i < count; ++i)
    if (segment(a, i) != segment(b, i)) return false;
  return true;
}

// The table's fields, written in order, make one well-formed JSON object: names are unique, no
// field sits where another is or inside it, an object or array left is never reentered, no
// object mixes keys and items, and items are numbered from 0 in order.
template <class Table>
constexpr bool lays_out_as_json(const Table& table) {
  const auto info = fields::describe(table);
  for (std::size_t i = 0; i < info.size(); ++i) {
    const std::string_view here = info[i].location;
    const std::size_t parents = segment_count(here) - 1;
    const std::size_t shared = i ? shared_parents(info[i - 1].location, here) : 0;
    for (std::size_t j = 0; j < i; ++j)
      if (info[j].name == info[i].name || leads(info[j].location, here) ||
          leads(here, info[j].location) || shared_parents(info[j].location, here) > shared)
        return false;
    const std::string_view leaf = segment(here, parents);
    const bool same_parent =
        i > 0 && shared == parents && segment_count(info[i - 1].location) == parents + 1;
    const std::string_view previous_leaf =
        same_parent ? segment(info[i - 1].location, parents) : "";
    if (same_parent && is_index(leaf) != is_index(previous_leaf)) return false;
    if (is_index(leaf) && index_value(leaf) != (same_parent ? index_value(previous_leaf) + 1 : 0))
      return false;
  }
  return true;
}

static_assert(lays_out_as_json(fields::issue_row) && lays_out_as_json(fields::result));

// ---- the JSON writer: the tables over a JsonText or a JsonTree sink

template <class Sink>
void write_row(Sink& out, const IssueResult& row);

template <const auto& Table, std::size_t I, class Sink, class Value>
void write_value(Sink& out, const Value& value) {
  constexpr auto& field = std::get<I>(Table);
  constexpr bool keep = field.non_finite == fields::NonFinite::kept;
  if constexpr (field.type == FieldType::number) {
    static_assert(std::is_same_v<Value, double>);
    keep ? out.value(value) : out.number(value);
  } else if constexpr (field.type == FieldType::numbers) {
    out.open_array();
    for (double item : value)
      keep ? out.value(item) : out.number(item);
    out.close();
  } else if constexpr (field.type == FieldType::strings) {
    out.open_array();
    for (const std::string& item : value)
      out.value(item);
    out.close();
  } else if constexpr (field.type == FieldType::issue_rows || field.type == FieldType::topic_rows) {
    out.open_array();
    for (const IssueResult& row : value)
      write_row(out, row);
    out.close();
  } else {
    static_assert(field.type != FieldType::integer ||
                  (std::is_integral_v<Value> && !std::is_same_v<Value, bool>));
    static_assert(field.type != FieldType::boolean || std::is_same_v<Value, bool>);
    static_assert(field.type != FieldType::string ||
                  std::is_convertible_v<Value, std::string_view>);
    out.value(value);
  }
}

template <const auto& Table>
constexpr std::size_t field_count = std::tuple_size_v<std::remove_cvref_t<decltype(Table)>>;

// Where field I is; "" past the last field.
template <const auto& Table, std::size_t I>
constexpr std::string_view location_of() {
  if constexpr (I < field_count<Table>)
    return std::get<I>(Table).location;
  else
    return {};
}

// Enters the object or array at segment `Level` of field I's location, under its key.
template <const auto& Table, std::size_t I, std::size_t Level, class Sink>
void enter(Sink& out) {
  constexpr std::string_view key = segment(location_of<Table, I>(), Level);
  if constexpr (!is_index(key)) out.key(key);
  if constexpr (is_index(segment(location_of<Table, I>(), Level + 1)))
    out.open_array();
  else
    out.open_object();
}

// Field I of the table: leaves the objects and arrays of field I - 1 that it is not in, enters
// its own, then writes its key and value (I = the field count leaves those of the last field).
// A field that is not present writes nothing; fields under one object share their presence, so
// the object is written whole or not at all.
template <const auto& Table, std::size_t I, class Sink, class Record>
void write_field(Sink& out, const Record& record) {
  constexpr std::string_view previous = I > 0 ? location_of<Table, I - 1>() : "";
  constexpr std::string_view here = location_of<Table, I>();
  constexpr std::size_t shared = I > 0 && !here.empty() ? shared_parents(previous, here) : 0;
  if constexpr (I > 0 && segment_count(previous) - 1 > shared) {
    if (std::get<I - 1>(Table).present(record))
      for (std::size_t level = shared + 1; level < segment_count(previous); ++level)
        out.close();
  }
  if constexpr (I < field_count<Table>) {
    constexpr auto& field = std::get<I>(Table);
    if constexpr (shared > 0)
      static_assert(
          std::is_same_v<decltype(std::get<I - 1>(Table).present), decltype(field.present)>,
          "fields under one JSON object share their presence");
    if (!field.present(record)) return;
    constexpr std::size_t parents = segment_count(here) - 1;
    [&]<std::size_t... Level>(std::index_sequence<Level...>) {
      (enter<Table, I, shared + Level>(out), ...);
    }
    (std::make_index_sequence<parents - shared>{});
    constexpr std::string_view key = segment(here, parents);
    if constexpr (!is_index(key)) out.key(key);
    write_value<Table, I>(out, field(record));
  }
}

// The fields of the table into the open object.
template <const auto& Table, class Sink, class Record>
void write_fields(Sink& out, const Record& record) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (write_field<Table, I>(out, record), ...);
  }
  (std::make_index_sequence<field_count<Table> + 1>{});
}

// An issue or a topic: a topic's row has the issue row's fields with a topic meaning (the
// others are not set on topics), and `children`.
template <class Sink>
void write_row(Sink& out, const IssueResult& row) {
  out.open_object();
  write_fields<fields::issue_row>(out, row);
  out.close();
}

template <class Sink>
void write_result(Sink& out, const Result& result) {
  out.open_object();
  write_fields<fields::result>(out, result);
  out.close();
}

// ---- CSV and text cells

template <std::size_t Column>
constexpr std::size_t csv_field_index = fields::index_of(fields::issue_row,
                                                         fields::csv_columns[Column]);

template <class Field>
void append_csv_cell(std::string& out, const Field& field, const IssueResult& issue) {
  const auto& value = field(issue);
  if constexpr (Field::type == FieldType::integer) {
    out += std::to_string(value);
  } else if constexpr (Field::type == FieldType::number) {
    out += shortest_number(value);
  } else if constexpr (Field::type == FieldType::string) {
    out += detail::csv_field(value);
  } else {
    static_assert(Field::type == FieldType::strings, "a CSV cell holds a string or a number");
    std::string joined;
    for (const auto& item : value)
      joined += (joined.empty() ? "" : " | ") + item;
    out += detail::csv_field(joined);
  }
}

// A column of the text table: a field, its header and, for numbers, the digits shown.
struct TableColumn {
  std::string_view field;
  std::string_view header;
  int digits = 0;
};

constexpr std::array<TableColumn, 10> table_columns{{{"rank", "rank"},
                                                     {"tier", "tier"},
                                                     {"name", "issue"},
                                                     {"category", "ESG"},
                                                     {"attention", "attention"},
                                                     {"score", "score", 4},
                                                     {"importance", "importance", 3},
                                                     {"stakeholder", "stakeholder", 3},
                                                     {"business", "business", 3},
                                                     {"quadrant", "quadrant"}}};

template <std::size_t Column>
constexpr std::size_t table_field_index = fields::index_of(fields::issue_row,
                                                           table_columns[Column].field);

template <std::size_t Column>
std::string table_cell(const IssueResult& issue) {
  constexpr auto& field = std::get<table_field_index<Column>>(fields::issue_row);
  if constexpr (field.type == FieldType::integer)
    return std::to_string(field(issue));
  else if constexpr (field.type == FieldType::number)
    return fixed_number(field(issue), table_columns[Column].digits);
  else
    return std::string(field(issue));
}

// The lines of `text` without the spaces they end with.
std::string without_trailing_spaces(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    const std::size_t kept = line.find_last_not_of(' ');
    out.append(line.substr(0, kept == std::string_view::npos ? 0 : kept + 1));
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

bool bootstrapped(const Result& result) {
  return result.bootstrap_replicates > 0;
}

// A number rounded to `digits` decimals, written shortest (0.945, 12.5, 36.03).
std::string rounded(double value, int digits) {
  if (!std::isfinite(value)) return "";
  const double scale = std::pow(10.0, digits);
  return shortest_number(std::round(value * scale) / scale);
}

// The cells resampling_csv_columns names, for one issue.
void append_resampling_cells(std::string& out, const Result& result, const IssueResult& issue) {
  if (bootstrapped(result)) {
    for (const std::string& cell : {rounded(issue.rank_low, 2), rounded(issue.rank_high, 2),
                                    rounded(own_tier_probability(issue), 3)})
      out.append(1, ',').append(cell);
    out.append(tier_unstable(issue) ? ",true" : ",false");
  }
  if (result.leave_one_out) {
    out.append(1, ',').append(detail::csv_field(issue.influential_firm)).append(1, ',');
    if (!issue.influential_firm.empty()) out.append(rounded(issue.influential_shift, 2));
  }
}

}  // namespace

double own_tier_probability(const IssueResult& issue) {
  if (issue.tier < 1 || static_cast<std::size_t>(issue.tier) > issue.tier_probability.size())
    return std::numeric_limits<double>::quiet_NaN();
  return issue.tier_probability[static_cast<std::size_t>(issue.tier - 1)];
}

bool tier_unstable(const IssueResult& issue) {
  return own_tier_probability(issue) < kStableTierProbability;  // false for NaN
}

std::string rank_text(double rank, int digits) {
  if (!std::isfinite(rank)) return "-";
  std::string text = fixed_number(rank, digits);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

std::vector<std::string> resampling_csv_columns(const Result& result) {
  std::vector<std::string> columns;
  if (bootstrapped(result))
    columns.insert(columns.end(), {"rank_low", "rank_high", "p_tier", "tier_unstable"});
  if (result.leave_one_out)
    columns.insert(columns.end(), {"influential_firm", "influential_shift"});
  return columns;
}

nlohmann::ordered_json to_json(const Result& result) {
  detail::JsonTree tree;
  write_result(tree, result);
  return tree.take();
}

std::string to_json_text(const Result& result) {
  std::string text;
  text.reserve(1024 + 640 * (result.issues.size() + result.topics.size()));
  detail::JsonText out(text);
  write_result(out, result);
  text += '\n';
  return text;
}

std::string to_json_text(const Result& result, int indent) {
  return to_json(result).dump(indent);
}

std::string to_csv(const Result& result) {
  constexpr std::size_t columns = fields::csv_columns.size();
  std::string out;
  for (std::size_t c = 0; c < columns; ++c)
    (out += c ? "," : "") += fields::csv_columns[c];
  for (const std::string& column : resampling_csv_columns(result))
    out += "," + column;
  out += '\n';
  for (const auto& issue : result.issues) {
    [&]<std::size_t... C>(std::index_sequence<C...>) {
      ((out += C ? "," : "",
        append_csv_cell(out, std::get<csv_field_index<C>>(fields::issue_row), issue)),
       ...);
    }
    (std::make_index_sequence<columns>{});
    append_resampling_cells(out, result, issue);
    out += '\n';
  }
  return out;
}

std::string to_table(const Result& result) {
  constexpr std::size_t columns = table_columns.size();
  std::vector<std::string> header;
  std::vector<bool> right;
  [&]<std::size_t... C>(std::index_sequence<C...>) {
    header = {std::string(table_columns[C].header)...};
    right = {(std::get<table_field_index<C>>(fields::issue_row).type == FieldType::integer ||
              std::get<table_field_index<C>>(fields::issue_row).type == FieldType::number)...};
  }
  (std::make_index_sequence<columns>{});
  const bool bootstrap = bootstrapped(result), influence = result.leave_one_out;
  if (bootstrap) {
    header.insert(header.end(), {"rank 95%", "P(tier)"});
    right.insert(right.end(), {true, true});
  }
  if (influence) {
    header.insert(header.end(), {"influential firm", "shift"});
    right.insert(right.end(), {false, true});
  }
  std::size_t unstable = 0;
  detail::TextTable table(std::move(header), std::move(right));
  for (const auto& issue : result.issues) {
    std::vector<std::string> row;
    [&]<std::size_t... C>(std::index_sequence<C...>) {
      row = {table_cell<C>(issue)...};
    }
    (std::make_index_sequence<columns>{});
    if (bootstrap) {
      std::string interval = rank_text(issue.rank_low, 1);
      interval.append(1, '-').append(rank_text(issue.rank_high, 1));
      row.push_back(std::move(interval));
      const bool flagged = tier_unstable(issue);
      unstable += flagged;
      row.push_back(fixed_number(own_tier_probability(issue), 2) + (flagged ? " !" : ""));
    }
    if (influence) {
      row.push_back(issue.influential_firm);
      std::string shift;
      if (!issue.influential_firm.empty())
        shift.append(issue.influential_shift > 0 ? "+" : "")
            .append(rank_text(issue.influential_shift, 1));
      row.push_back(std::move(shift));
    }
    table.add(std::move(row));
  }

  std::ostringstream out;
  out << "method " << result.method << " · " << result.companies << " companies · universe "
      << result.universe << " · tiers " << result.tiers << " (GVF " << fixed_number(result.gvf, 3)
      << ")" << (result.synthetic_input ? " · synthetic sample data" : "") << "\n";
  if (result.kemeny_distance)
    out << "kemeny distance " << shortest_number(*result.kemeny_distance)
        << (result.kemeny_proven_optimal.value_or(false)
                ? std::string(" (proven optimal)")
                : " (heuristic; proven lower bound " +
                      shortest_number(result.kemeny_lower_bound.value_or(0.0)) + ")")
        << "\n";
  out << without_trailing_spaces(table.render());
  if (bootstrap)
    out << "rank 95%: the mid-rank's interval over " << result.bootstrap_replicates
        << " bootstrap replicates; P(tier): the share of them in the issue's tier; " << unstable
        << " unstable (!: below " << fixed_number(kStableTierProbability, 1) << ")\n";
  if (!result.topics.empty()) {
    out << "\ntopics (roll-up: " << result.roll_up << " of children)\n";
    for (const auto& topic : result.topics) {
      std::string children;
      for (const auto& child : topic.children) {
        const IssueResult* issue = result.find(child);
        children += (children.empty() ? "" : ", ") + (issue ? issue->name : child);
      }
      out << "  " << topic.name << "  tier " << topic.tier << "  stakeholder "
          << fixed_number(topic.stakeholder, 3) << "  business " << fixed_number(topic.business, 3)
          << "  <- " << children << "\n";
    }
  }
  for (const auto& warning : result.warnings)
    out << "warning: " << warning << "\n";
  return out.str();
}

}  // namespace materia
