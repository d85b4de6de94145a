// materia._core's field table (include/materia/output/fields.hpp): the fields of a result, an
// issue row and a topic row, from which the Python layer builds its DataFrame columns.
#include <pybind11/pybind11.h>

#include <span>
#include <string>

#include "materia/output/fields.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

// One dict per field: name, location (JSON keys and array indices, '/'-joined), type, unit,
// doc, presence ("" = always in the JSON) and nullable.
py::list field_list(std::span<const materia::fields::FieldInfo> fields) {
  py::list list;
  for (const auto& field : fields)
    list.append(
        py::dict("name"_a = std::string(field.name), "location"_a = std::string(field.location),
                 "type"_a = std::string(materia::fields::type_name(field.type)),
                 "unit"_a = std::string(field.unit), "doc"_a = std::string(field.doc),
                 "presence"_a = std::string(field.presence), "nullable"_a = field.nullable));
  return list;
}

}  // namespace

void bind_fields(py::module_& m) {
  namespace fields = materia::fields;
  m.def(
      "result_fields", [] { return field_list(fields::result_info); },
      "The fields of a result's JSON object, in order (docs/format.md, \"Result fields\").");
  m.def(
      "issue_fields", [] { return field_list(fields::issue_row_info); },
      "The fields of an issue row, in order: the columns of Result.issues and Result.topics.");
  m.def(
      "topic_fields", [] { return field_list(fields::topic_row_info); },
      "The fields of a topic row, in order, with their meaning for a topic.");
  m.def(
      "csv_columns",
      [] {
        py::list columns;
        for (std::string_view column : fields::csv_columns)
          columns.append(std::string(column));
        return columns;
      },
      "The columns of Result.to_csv(), in order.");
  m.def("field_table_markdown", &fields::field_table_markdown,
        "docs/format.md's \"Result fields\" section, written from the field table.");
}
