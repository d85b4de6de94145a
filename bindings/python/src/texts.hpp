#pragma once
// The three texts every verb's result can print (JSON, CSV, table), as methods of its Python
// class: the pure-Python layer builds DataFrames from the JSON, so Python and the CLI agree.

#include <pybind11/pybind11.h>

#include "materia/run/render.hpp"

namespace materia::python {

template <class Value, class Class>
void add_texts(Class& cls) {
  using namespace pybind11::literals;
  cls.def(
         "to_json_text",
         [](const Value& v, int indent) { return materia::to_json_text(v, indent); },
         "indent"_a = 2)
      .def("to_csv_text", [](const Value& v) { return materia::render(v, materia::Format::csv); })
      .def("to_table_text",
           [](const Value& v) { return materia::render(v, materia::Format::table); });
}

}  // namespace materia::python
