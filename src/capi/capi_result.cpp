// Analysis and results through the C API: the result's tables and its texts.
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

#include "capi/capi_internal.hpp"

using materia::capi::Cell;
using materia::capi::fail;
using materia::capi::new_handle;
using materia::capi::null_argument;
using materia::capi::Table;
using materia::capi::text_out;

namespace {

const Table* table_of(const materia_result* result, materia_table table) {
  if (result == nullptr || static_cast<unsigned>(table) >= result->tables.size()) return nullptr;
  return &result->tables[static_cast<unsigned>(table)];
}

const Cell* cell_at(const materia_result* result, materia_table table, size_t row, size_t column) {
  const Table* t = table_of(result, table);
  return t ? t->at(row, column) : nullptr;
}

const char* table_name(materia_table table) {
  switch (table) {
    case MATERIA_TABLE_ISSUES:
      return "issues";
    case MATERIA_TABLE_TOPICS:
      return "topics";
    case MATERIA_TABLE_META:
      return "meta";
    case MATERIA_TABLE_WARNINGS:
      return "warnings";
    case MATERIA_TABLE_MAX_ENUM:
      break;
  }
  return "unknown";
}

}  // namespace

extern "C" {

int materia_analyze(materia_result** out, const materia_dataset* dataset,
                    const char* options_json) {
  return new_handle("materia_analyze", out, {{dataset, "dataset"}}, [&] {
    materia::Request request =
        materia::parse_request(options_json ? std::string_view(options_json) : std::string_view());
    return materia::run(dataset->dataset, std::move(request));
  });
}

void materia_result_free(materia_result* result) {
  delete result;
}

size_t materia_result_row_count(const materia_result* result, materia_table table) {
  const Table* t = table_of(result, table);
  return t ? t->rows : 0;
}

size_t materia_result_column_count(const materia_result* result, materia_table table) {
  const Table* t = table_of(result, table);
  return t ? t->columns.size() : 0;
}

const char* materia_result_column_name(const materia_result* result, materia_table table,
                                       size_t column) {
  const Table* t = table_of(result, table);
  return t && column < t->columns.size() ? t->columns[column].c_str() : nullptr;
}

int materia_result_column_index(const materia_result* result, materia_table table,
                                const char* name) {
  if (result == nullptr) return null_argument("materia_result_column_index", "result");
  if (name == nullptr) return null_argument("materia_result_column_index", "name");
  const Table* t = table_of(result, table);
  if (t != nullptr)
    for (std::size_t i = 0; i < t->columns.size(); ++i)
      if (t->columns[i] == name) return static_cast<int>(i);
  return fail(MATERIA_ERROR_NOT_FOUND, std::string("materia_result_column_index: the ") +
                                           table_name(table) + " table has no column \"" + name +
                                           "\"");
}

materia_type materia_result_column_type(const materia_result* result, materia_table table,
                                        size_t row, size_t column) {
  const Cell* cell = cell_at(result, table, row, column);
  return cell ? cell->type : MATERIA_NULL;
}

double materia_result_double(const materia_result* result, materia_table table, size_t row,
                             size_t column) {
  const Cell* cell = cell_at(result, table, row, column);
  if (cell == nullptr) return std::numeric_limits<double>::quiet_NaN();
  if (cell->type == MATERIA_DOUBLE) return cell->real;
  if (cell->type == MATERIA_INTEGER) return static_cast<double>(cell->integer);
  return std::numeric_limits<double>::quiet_NaN();
}

int64_t materia_result_int(const materia_result* result, materia_table table, size_t row,
                           size_t column) {
  const Cell* cell = cell_at(result, table, row, column);
  if (cell == nullptr) return 0;
  if (cell->type == MATERIA_INTEGER) return cell->integer;
  // [-2^63, 2^63): the doubles whose truncation an int64_t holds
  if (cell->type == MATERIA_DOUBLE && cell->real >= -9223372036854775808.0 &&
      cell->real < 9223372036854775808.0)
    return static_cast<int64_t>(cell->real);
  return 0;
}

const char* materia_result_text(const materia_result* result, materia_table table, size_t row,
                                size_t column) {
  const Cell* cell = cell_at(result, table, row, column);
  return cell && cell->type == MATERIA_TEXT ? cell->text.c_str() : nullptr;
}

int materia_result_to_json(char** out, size_t* out_len, const materia_result* result) {
  return text_out("materia_result_to_json", out, out_len, {{result, "result"}},
                  [&] { return materia::render(result->run.result, materia::Format::json); });
}

int materia_result_to_csv(char** out, size_t* out_len, const materia_result* result) {
  return text_out("materia_result_to_csv", out, out_len, {{result, "result"}},
                  [&] { return materia::render(result->run.result, materia::Format::csv); });
}

int materia_result_explain(char** out, size_t* out_len, const materia_result* result,
                           const char* issue) {
  return text_out(
      "materia_result_explain", out, out_len, {{result, "result"}, {issue, "issue"}},
      [&] { return materia::render(materia::explain(result->run, issue), materia::Format::json); });
}

int materia_result_agreement(char** out, size_t* out_len, const materia_result* result,
                             size_t show) {
  return text_out("materia_result_agreement", out, out_len, {{result, "result"}}, [&] {
    return materia::render(materia::firm_agreement(result->run.result), materia::Format::json,
                           show);
  });
}

}  // extern "C"
