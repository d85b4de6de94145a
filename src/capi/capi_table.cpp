// A result as the C API's tables: the field table's columns, one cell per row and field.
#include <cmath>
#include <span>
#include <string_view>
#include <tuple>

#include <nlohmann/json.hpp>

#include "capi/capi_internal.hpp"
#include "materia/output/fields.hpp"

namespace materia::capi {

namespace {

using fields::FieldType;

// The JSON array of `values` (a non-finite number is null, as in the result's JSON).
template <class Values>
std::string json_array(const Values& values) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& value : values) {
    if constexpr (std::is_same_v<std::decay_t<decltype(value)>, double>)
      array.push_back(std::isfinite(value) ? nlohmann::json(value) : nlohmann::json());
    else
      array.push_back(value);
  }
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The cell of `field` in `record`: NULL when the JSON would not have it or it is not finite.
template <class Field, class Record>
Cell cell_of(const Field& field, const Record& record) {
  Cell cell;
  if (!field.present(record)) return cell;
  const auto& value = field(record);
  if constexpr (Field::type == FieldType::string) {
    cell.type = MATERIA_TEXT;
    cell.text = std::string_view(value);
  } else if constexpr (Field::type == FieldType::integer) {
    cell.type = MATERIA_INTEGER;
    cell.integer = static_cast<std::int64_t>(value);
  } else if constexpr (Field::type == FieldType::boolean) {
    cell.type = MATERIA_INTEGER;
    cell.integer = value ? 1 : 0;
  } else if constexpr (Field::type == FieldType::number) {
    if (std::isfinite(value)) {
      cell.type = MATERIA_DOUBLE;
      cell.real = value;
    }
  } else {
    static_assert(Field::type == FieldType::strings || Field::type == FieldType::numbers);
    cell.type = MATERIA_TEXT;
    cell.text = json_array(value);
  }
  return cell;
}

// Fields that are values, not the rows of another table.
constexpr bool is_value(FieldType type) {
  return type != FieldType::issue_rows && type != FieldType::topic_rows;
}

// A table whose columns are the value fields of `field_table` that `keep` accepts, one row per
// record.
template <class FieldTable, class Keep, class Record>
Table table_of(const FieldTable& field_table, Keep keep, std::span<const Record> records) {
  Table table;
  std::apply(
      [&](const auto&... field) {
        (
            [&] {
              if constexpr (is_value(std::decay_t<decltype(field)>::type))
                if (keep(field)) table.columns.emplace_back(field.name);
            }(),
            ...);
      },
      field_table);
  table.rows = records.size();
  table.cells.reserve(table.rows * table.columns.size());
  for (const Record& record : records)
    std::apply(
        [&](const auto&... field) {
          (
              [&] {
                if constexpr (is_value(std::decay_t<decltype(field)>::type))
                  if (keep(field)) table.cells.push_back(cell_of(field, record));
              }(),
              ...);
        },
        field_table);
  return table;
}

}  // namespace

std::array<Table, 4> result_tables(const Result& result) {
  std::array<Table, 4> tables;
  const std::span<const IssueResult> issues(result.issues), topics(result.topics);
  tables[MATERIA_TABLE_ISSUES] = table_of(
      fields::issue_row, [](const auto&) { return true; }, issues);
  tables[MATERIA_TABLE_TOPICS] = table_of(
      fields::issue_row, [](const auto& field) { return !field.topic_doc.empty(); }, topics);
  tables[MATERIA_TABLE_META] = table_of(
      fields::result, [](const auto& field) { return field.name != "warnings"; },
      std::span<const Result>(&result, 1));
  Table& warnings = tables[MATERIA_TABLE_WARNINGS];
  warnings.columns = {"warning"};
  warnings.rows = result.warnings.size();
  for (const std::string& warning : result.warnings) {
    Cell cell;
    cell.type = MATERIA_TEXT;
    cell.text = warning;
    warnings.cells.push_back(std::move(cell));
  }
  return tables;
}

}  // namespace materia::capi
