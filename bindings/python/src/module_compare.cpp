// materia._core, part three: comparing analyses (materia compare | benchmark). As for the
// workflows, the results expose the CLI's own JSON, CSV and table texts, and the pure-Python layer
// (materia/_compare.py) builds DataFrames and plots from the JSON.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "materia/run/compare.hpp"
#include "materia/run/render.hpp"
#include "texts.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

void bind_compare(py::module_& m) {
  auto comparison = py::class_<materia::Comparison>(m, "Comparison");
  materia::python::add_texts<materia::Comparison>(comparison);
  comparison.def_property_readonly("warnings",
                                   [](const materia::Comparison& c) { return c.warnings; });
  auto benchmarked = py::class_<materia::Benchmark>(m, "Benchmark");
  materia::python::add_texts<materia::Benchmark>(benchmarked);
  benchmarked.def_property_readonly("warnings",
                                    [](const materia::Benchmark& b) { return b.warnings; });
  m.def(
      "compare",
      [](const materia::Dataset& a, const materia::Dataset& b, const std::string& options_json) {
        return materia::compare(a, b, materia::parse_compare_request(options_json));
      },
      "a"_a, "b"_a, "options_json"_a = "", py::call_guard<py::gil_scoped_release>());
  m.def(
      "benchmark",
      [](const materia::Dataset& dataset, const std::string& options_json) {
        return materia::benchmark(dataset, materia::parse_benchmark_request(options_json));
      },
      "dataset"_a, "options_json"_a = "", py::call_guard<py::gil_scoped_release>());
  m.def("compare_option_names", [] {
    std::vector<std::string> names;
    for (const auto& option : materia::compare_options())
      names.emplace_back(option.key);
    return names;
  });
  m.def("benchmark_option_names", [] {
    std::vector<std::string> names;
    for (const auto& option : materia::benchmark_options())
      names.emplace_back(option.key);
    return names;
  });
}
