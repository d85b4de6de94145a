// materia._core: the compiled half of the Python package. It binds the C++ API closely; the
// pure-Python layer (materia/__init__.py and friends) builds DataFrames and figures on top.
// Long calls (loading, analyzing, breaks) release the GIL.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "materia/materia.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace {

std::string_view kind_name(materia::ErrorKind kind) {
  switch (kind) {
    case materia::ErrorKind::usage:
      return "usage";
    case materia::ErrorKind::input:
      return "input";
    case materia::ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

py::dict taxonomy_issue(const materia::Issue& issue) {
  return py::dict("id"_a = issue.id, "name"_a = issue.display_name(), "name_zh"_a = issue.name_zh,
                  "name_en"_a = issue.name_en,
                  "category"_a = std::string(materia::category_code(issue.category)),
                  "parent"_a = issue.parent, "is_topic"_a = issue.is_topic,
                  "reference_tier"_a = issue.reference_tier);
}

materia::Taxonomy taxonomy_named(const std::string& name) {
  return name == "none" ? materia::Taxonomy::open_vocabulary() : materia::Taxonomy::builtin(name);
}

// The listings of one issue (or a topic's children), for explanations.
py::list listings_of(const materia::Result& result, const std::string& id) {
  const materia::IssueResult* issue = result.find(id);
  if (issue == nullptr) materia::throw_usage_error("no issue or topic has the id \"" + id + "\"");
  std::vector<const materia::IssueResult*> sources;
  if (issue->is_topic) {
    for (const auto& child : issue->children)
      if (const auto* found = result.find(child)) sources.push_back(found);
    for (const auto& own : result.issues)
      if (own.id == issue->id && &own != issue) sources.push_back(&own);
  } else {
    sources.push_back(issue);
  }
  py::list rows;
  for (const auto* source : sources)
    for (const auto& listing : source->listings) {
      const materia::FirmSummary& firm = result.firms.at(listing.firm);
      rows.append(py::dict("issue"_a = source->id, "firm"_a = firm.id, "firm_name"_a = firm.name,
                           "segment"_a = firm.segment, "weight"_a = firm.weight,
                           "listed"_a = firm.listed, "name_used"_a = result.names.at(listing.name),
                           "rank"_a = listing.rank, "stakeholder"_a = listing.stakeholder,
                           "business"_a = listing.business));
    }
  return rows;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "materia's compiled core (use the `materia` package, not this module directly)";
  m.attr("__version__") = materia::version_string();

  // materia.Error(ValueError): the CLI's one-line message, plus .kind ("usage", "input",
  // "internal") for code that wants to tell bad options from bad data.
  static py::exception<materia::Error> error_type(m, "Error", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const materia::Error& error) {
      py::object instance = py::reinterpret_borrow<py::object>(error_type.ptr())(error.what());
      instance.attr("kind") = std::string(kind_name(error.kind()));
      instance.attr("file") = error.context().file;
      instance.attr("firm") = error.context().firm;
      instance.attr("issue") = error.context().issue;
      PyErr_SetObject(error_type.ptr(), instance.ptr());
    }
  });

  // ---- taxonomies
  py::class_<materia::Taxonomy>(m, "Taxonomy")
      .def_static("builtin", &taxonomy_named, "name"_a,
                  "A built-in taxonomy, or \"none\" (open vocabulary).")
      .def_static("builtin_names", &materia::Taxonomy::builtin_names)
      .def_static(
          "from_json_text",
          [](const std::string& text, const std::string& source) {
            return materia::Taxonomy::from_json_text(text, source);
          },
          "text"_a, "source"_a = "<string>")
      .def_readonly("name", &materia::Taxonomy::name)
      .def_readonly("version", &materia::Taxonomy::version)
      .def_readonly("description", &materia::Taxonomy::description)
      .def_property_readonly("issues",
                             [](const materia::Taxonomy& t) {
                               py::list issues;
                               for (const auto& issue : t.issues)
                                 issues.append(taxonomy_issue(issue));
                               return issues;
                             })
      .def_property_readonly("aliases",
                             [](const materia::Taxonomy& t) {
                               py::list aliases;
                               for (const auto& a : t.aliases)
                                 aliases.append(py::dict("name"_a = a.name, "target"_a = a.target));
                               return aliases;
                             })
      .def("to_json_text", [](const materia::Taxonomy& t) { return t.to_json().dump(2); });

  py::class_<materia::Normalizer>(m, "Normalizer")
      .def(py::init<const materia::Taxonomy&>(), "taxonomy"_a)
      .def(
          "resolve",
          [](const materia::Normalizer& normalizer, const std::string& name) {
            materia::Resolution r = normalizer.resolve(name);
            py::object id = py::none(), display = py::none();
            if (r.issue >= 0) {
              const auto& issue = normalizer.taxonomy().issues[static_cast<std::size_t>(r.issue)];
              id = py::str(issue.id);
              display = py::str(issue.display_name());
            }
            return py::dict("input"_a = r.input, "id"_a = id, "name"_a = display,
                            "match"_a = std::string(materia::match_kind_name(r.match)),
                            "score"_a = r.score, "reason"_a = r.reason);
          },
          "name"_a);

  // ---- datasets
  py::class_<materia::Dataset>(m, "Dataset")
      .def_static(
          "from_json_text",
          [](const std::string& text, const std::string& source, const std::string& taxonomy) {
            return materia::load_dataset_json(text, source, materia::LoadOptions{taxonomy});
          },
          "text"_a, "source"_a = "<string>", "taxonomy"_a = "",
          py::call_guard<py::gil_scoped_release>())
      .def_static(
          "from_csv_text",
          [](const std::string& text, const std::string& source, const std::string& taxonomy) {
            return materia::load_dataset_csv(text, source, materia::LoadOptions{taxonomy});
          },
          "text"_a, "source"_a = "<string>", "taxonomy"_a = "",
          py::call_guard<py::gil_scoped_release>())
      .def_static(
          "from_file",
          [](const std::string& path, const std::string& taxonomy) {
            return materia::load_dataset_file(path, materia::LoadOptions{taxonomy});
          },
          "path"_a, "taxonomy"_a = "", py::call_guard<py::gil_scoped_release>())
      .def_static(
          "sample", [](const std::string& name) { return materia::load_sample(name); }, "name"_a,
          py::call_guard<py::gil_scoped_release>())
      .def_readonly("source", &materia::Dataset::source)
      .def_readonly("description", &materia::Dataset::description)
      .def_readonly("synthetic", &materia::Dataset::synthetic)
      .def_readonly("taxonomy", &materia::Dataset::taxonomy)
      .def("set_taxonomy", [](materia::Dataset& d, const materia::Taxonomy& t) { d.taxonomy = t; })
      .def("validate", &materia::Dataset::validate)
      .def_property_readonly("firm_count", [](const materia::Dataset& d) { return d.firms.size(); })
      .def_property_readonly("firms", [](const materia::Dataset& d) {
        py::list firms;
        for (const auto& f : d.firms)
          firms.append(py::dict(
              "id"_a = f.id, "name"_a = f.name, "segment"_a = f.segment, "weight"_a = f.weight,
              "unlisted"_a = std::string(materia::unlisted_policy_name(f.unlisted)),
              "entries"_a = f.entries.size()));
        return firms;
      });

  // ---- analysis
  py::class_<materia::Result>(m, "Result")
      .def_readonly("method", &materia::Result::method)
      .def_readonly("tiers", &materia::Result::tiers)
      .def_readonly("taxonomy", &materia::Result::taxonomy)
      .def_readonly("taxonomy_version", &materia::Result::taxonomy_version)
      .def_readonly("companies", &materia::Result::companies)
      .def_readonly("universe", &materia::Result::universe)
      .def_readonly("higher_is_better", &materia::Result::higher_is_better)
      .def_readonly("stakeholder_threshold", &materia::Result::stakeholder_threshold)
      .def_readonly("business_threshold", &materia::Result::business_threshold)
      .def_readonly("tier_breaks", &materia::Result::tier_breaks)
      .def_readonly("gvf", &materia::Result::gvf)
      .def_readonly("warnings", &materia::Result::warnings)
      .def_readonly("synthetic_input", &materia::Result::synthetic_input)
      .def(
          "to_json_text",
          [](const materia::Result& r, int indent) { return materia::to_json(r).dump(indent); },
          "indent"_a = 2)
      .def("to_csv_text", [](const materia::Result& r) { return materia::to_csv(r); })
      .def("to_table_text", [](const materia::Result& r) { return materia::to_table(r); })
      .def("listings", &listings_of, "id"_a)
      .def_property_readonly(
          "firms",
          [](const materia::Result& r) {
            py::list firms;
            for (const auto& f : r.firms)
              firms.append(py::dict("id"_a = f.id, "name"_a = f.name, "segment"_a = f.segment,
                                    "weight"_a = f.weight, "listed"_a = f.listed));
            return firms;
          })
      .def("double_materiality_ranking", [](const materia::Result& r) {
        std::vector<std::string> ids;
        for (const auto* item : materia::double_materiality_ranking(r))
          ids.push_back(item->id);
        return ids;
      });

  m.def(
      "analyze",
      [](const materia::Dataset& dataset, const std::string& options_json) {
        return materia::analyze(dataset, materia::analyze_options_from_json(options_json));
      },
      "dataset"_a, "options_json"_a = "", py::call_guard<py::gil_scoped_release>(),
      "Runs the pipeline; options as JSON (materia/options.hpp).");
  m.def("analyze_option_names", &materia::analyze_option_names);
  m.def("method_names", &materia::method_names);

  // ---- breaks
  m.def("fisher_classes", &materia::fisher_classes, "values"_a, "k"_a,
        py::call_guard<py::gil_scoped_release>());
  m.def("goodness_of_variance_fit", &materia::goodness_of_variance_fit, "values"_a, "classes"_a);
}
