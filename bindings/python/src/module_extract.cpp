// materia._core: materia extract (the issues of ESG report PDFs, read by the optional
// PDF reader). The extraction keeps the core's outputs (dataset JSON and CSV, review file and
// page); problems and review rows come as dicts for the pure-Python layer (materia/_extract.py).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "materia/capture/extract.hpp"
#include "materia/io/io.hpp"
#include "materia/run/extract.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

py::object box_object(const std::optional<materia::PageBox>& box) {
  if (!box) return py::none();
  return py::make_tuple((*box)[0], (*box)[1], (*box)[2], (*box)[3]);
}

}  // namespace

void bind_extract(py::module_& m) {
  py::class_<materia::Extraction>(m, "Extraction")
      .def("dataset_json_text", &materia::extraction_dataset_json)
      .def("dataset_csv_text", &materia::extraction_dataset_csv)
      .def("review_csv_text", &materia::extraction_review_csv)
      .def(
          "write_review_html",
          [](const materia::Extraction& extraction, const std::string& directory) {
            return materia::write_extraction_review_html(extraction, directory);
          },
          "directory"_a, py::call_guard<py::gil_scoped_release>())
      .def("review_rows", [](const materia::Extraction& extraction) {
        py::list rows;
        for (const materia::ExtractionReviewRow& row : materia::extraction_review_rows(extraction))
          rows.append(py::dict("file"_a = row.file, "page"_a = row.page, "kind"_a = row.kind,
                               "text"_a = row.text, "bbox"_a = box_object(row.bbox),
                               "message"_a = row.message));
        return rows;
      });
  m.def(
      "extract",
      [](const std::vector<std::string>& files, const std::vector<std::string>& firms,
         const std::string& taxonomy, bool ocr) {
        materia::ExtractRequest request{files, firms, taxonomy, ocr};
        return materia::extract(request);
      },
      "files"_a, "firms"_a, "taxonomy"_a, "ocr"_a = false,
      py::call_guard<py::gil_scoped_release>());
}
