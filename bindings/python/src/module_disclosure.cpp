// materia._core, part two: disclosure statistics, published-table checks, scoring models, ESRS
// assessments and surveys (materia disclosure | score | assess | survey). The results expose the
// CLI's own JSON, CSV and table texts; the pure-Python layer (materia/_disclosure.py) turns the
// JSON into DataFrames, so Python and the CLI can never disagree on a figure.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <string_view>

#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/run/run.hpp"
#include "materia/workflows/assess.hpp"
#include "materia/workflows/disclosure.hpp"
#include "materia/workflows/scoring.hpp"
#include "materia/workflows/survey.hpp"
#include "run/score_json.hpp"
#include "texts.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

py::dict record_dict(const materia::FirmRecord& r) {
  py::object dimensions = r.kpi_dimensions ? py::object(py::int_(*r.kpi_dimensions)) : py::none();
  return py::dict(
      "id"_a = r.id, "name"_a = r.name, "segment"_a = r.segment,
      "report"_a = std::string(materia::report_type_name(r.report)), "listed"_a = r.listed,
      "assurance"_a = std::string(materia::assurance_name(r.assurance)), "strategy"_a = r.strategy,
      "governance"_a = r.governance, "kpi_table"_a = r.kpi_table, "kpi_dimensions"_a = dimensions,
      "materiality_matrix"_a = r.materiality_matrix, "standards"_a = r.standards);
}

}  // namespace

void bind_disclosure(py::module_& m) {
  // ---- firm records and their statistics
  py::class_<materia::FirmRecords>(m, "FirmRecords")
      .def_static(
          "sample", [](const std::string& name) { return materia::load_firm_records_sample(name); },
          "name"_a)
      .def_static(
          "from_file",
          [](const std::string& path) { return materia::load_firm_records_file(path); }, "path"_a,
          py::call_guard<py::gil_scoped_release>())
      .def_static("from_text", &materia::load_firm_records_text, "text"_a, "source"_a = "<string>",
                  py::call_guard<py::gil_scoped_release>())
      .def_readonly("source", &materia::FirmRecords::source)
      .def_readonly("synthetic", &materia::FirmRecords::synthetic)
      .def_readonly("description", &materia::FirmRecords::description)
      .def_property_readonly("segments",
                             [](const materia::FirmRecords& r) {
                               py::list segments;
                               for (const auto& s : r.segments)
                                 segments.append(py::dict("id"_a = s.id, "name"_a = s.name));
                               return segments;
                             })
      .def_property_readonly("firms",
                             [](const materia::FirmRecords& r) {
                               py::list firms;
                               for (const auto& f : r.firms)
                                 firms.append(record_dict(f));
                               return firms;
                             })
      .def("__len__", [](const materia::FirmRecords& r) { return r.firms.size(); });

  auto stats = py::class_<materia::DisclosureStats>(m, "DisclosureStats");
  materia::python::add_texts<materia::DisclosureStats>(stats);
  m.def(
      "disclosure_statistics",
      [](const materia::FirmRecords& records, bool include_csr) {
        materia::DisclosureOptions options;
        if (include_csr) options.basis = materia::ReportBasis::esg_and_csr;
        return materia::disclosure_statistics(records, options);
      },
      "records"_a, "include_csr"_a = false, py::call_guard<py::gil_scoped_release>());

  // ---- published tables and the checker
  py::class_<materia::PublishedTables>(m, "PublishedTables")
      .def_static(
          "sample", [](const std::string& name) { return materia::load_published_sample(name); },
          "name"_a)
      .def_static(
          "from_file", [](const std::string& path) { return materia::load_published_file(path); },
          "path"_a)
      .def_static(
          "from_json_text",
          [](const std::string& text, const std::string& source) {
            return materia::load_published_json(text, source);
          },
          "text"_a, "source"_a = "<string>")
      .def_readonly("source", &materia::PublishedTables::source);

  auto check = py::class_<materia::CheckReport>(m, "CheckReport");
  materia::python::add_texts<materia::CheckReport>(check);
  check.def_property_readonly("disagreement_count",
                              [](const materia::CheckReport& r) { return r.disagreements.size(); });
  m.def("check_published", &materia::check_published, "published"_a, "records"_a,
        py::call_guard<py::gil_scoped_release>());

  // ---- scoring
  auto scores = py::class_<materia::ScoreResult>(m, "ScoreResult");
  materia::python::add_texts<materia::ScoreResult>(scores);
  m.def(
      "score",
      [](const std::string& input, const std::string& source, const std::string& path,
         const std::string& model, const std::string& model_json,
         const std::string& attention_spec_json,
         const materia::Run* attention_result,  // materia._core.Result
         const std::string& attention_analysis_json, const materia::FirmRecords* records) {
        // A path is read here, so its errors are `materia score FILE`'s.
        materia::ScoringInput scoring =
            path.empty() ? materia::load_scoring_input_json(input, source)
                         : materia::load_scoring_input_json(materia::read_file(path),
                                                            path == "-" ? "<stdin>" : path);
        materia::ScoreOptions options;
        options.model = model;
        if (!model_json.empty()) scoring.model = materia::parse_json_text(model_json, "model");
        materia::AttentionChoice attention;
        attention.result = attention_result ? &attention_result->result : nullptr;
        if (!attention_analysis_json.empty())
          attention.analysis = materia::parse_json_text(attention_analysis_json, "attention");
        if (!attention_spec_json.empty())
          attention.spec = materia::parse_json_text(attention_spec_json, "attention");
        attention.source = "attention";
        attention.conflict = "attention_result, attention_analysis_json and attention_spec_json";
        options.records = records;
        return materia::score(std::move(scoring), std::move(options), attention);
      },
      "input"_a = "", "source"_a = "<string>", "path"_a = "", "model"_a = "", "model_json"_a = "",
      "attention_spec_json"_a = "", "attention_result"_a = nullptr,
      "attention_analysis_json"_a = "", "records"_a = nullptr,
      py::call_guard<py::gil_scoped_release>(),
      "materia score: model by name/path or as JSON, attention from a Result, an analysis JSON "
      "or a spec, facts from firm records.");

  // ---- ESRS-style assessment
  auto assessed = py::class_<materia::AssessmentResult>(m, "AssessmentResult");
  materia::python::add_texts<materia::AssessmentResult>(assessed);
  m.def(
      "assess_text",
      [](const std::string& text, const std::string& source) {
        return materia::assess(materia::load_assessment_json(text, source));
      },
      "text"_a, "source"_a = "<string>", py::call_guard<py::gil_scoped_release>());
  m.def(
      "assess_file",
      [](const std::string& path) { return materia::assess(materia::load_assessment_file(path)); },
      "path"_a, py::call_guard<py::gil_scoped_release>());

  // ---- stakeholder surveys
  auto surveyed = py::class_<materia::SurveyResult>(m, "SurveyResult");
  materia::python::add_texts<materia::SurveyResult>(surveyed);
  surveyed.def(
      "dataset_json_text",
      [](const materia::SurveyResult& r, int indent) {
        return materia::survey_dataset_json_text(r, indent);
      },
      "indent"_a = 2);
  m.def(
      "survey_text",
      [](const std::string& text, const std::string& source) {
        return materia::summarize_survey(materia::load_survey_json(text, source));
      },
      "text"_a, "source"_a = "<string>", py::call_guard<py::gil_scoped_release>());
  m.def(
      "survey_file",
      [](const std::string& path) {
        return materia::summarize_survey(materia::load_survey_file(path));
      },
      "path"_a, py::call_guard<py::gil_scoped_release>());
}
