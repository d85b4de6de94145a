// materia._core: the compiled half of the Python package. It binds the C++ API closely; the
// pure-Python layer (materia/__init__.py and friends) builds DataFrames and figures on top.
// Long calls (loading, analyzing, breaks) release the GIL.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "materia/materia.hpp"
#include "materia/run/run.hpp"
#include "materia/run/sensitivity.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

void bind_disclosure(py::module_& m);  // module_disclosure.cpp: disclosure, score, assess, survey
void bind_fields(py::module_& m);      // module_fields.cpp: the field table
void bind_compare(py::module_& m);     // module_compare.cpp: compare, benchmark
void bind_extract(py::module_& m);     // module_extract.cpp: extract (report PDFs)

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

materia::Format format_named(const std::string& name) {
  auto format = materia::format_named(name);
  if (!format) materia::throw_usage_error("unknown format \"" + name + "\" (table, json or csv)");
  return *format;
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

std::string_view warning_kind_name(materia::WarningKind kind) {
  switch (kind) {
    case materia::WarningKind::fuzzy_match:
      return "fuzzy_match";
    case materia::WarningKind::tier_tie:
      return "tier_tie";
    case materia::WarningKind::composite_tie:
      return "composite_tie";
    case materia::WarningKind::rank_sets_skipped:
      return "rank_sets_skipped";
    case materia::WarningKind::zero_weight:
      return "zero_weight";
    case materia::WarningKind::no_taxonomy:
      return "no_taxonomy";
    case materia::WarningKind::dropped_names:
      return "dropped_names";
    case materia::WarningKind::fewer_tiers:
      return "fewer_tiers";
    case materia::WarningKind::level_tie:
      return "level_tie";
  }
  return "analysis";
}

std::string_view option_type_name(materia::OptionType type) {
  switch (type) {
    case materia::OptionType::text:
      return "text";
    case materia::OptionType::number:
      return "number";
    case materia::OptionType::whole:
      return "whole";
    case materia::OptionType::flag:
      return "flag";
    case materia::OptionType::texts:
      return "texts";
  }
  return "text";
}

py::object optional_number(const std::optional<double>& value) {
  return value ? py::cast(*value) : py::none();
}

// A level as Python shows it: a whole level as an int (4), one between steps as a float (3.5).
py::object level_object(const std::optional<double>& level) {
  if (!level) return py::none();
  if (*level == static_cast<double>(static_cast<long>(*level)))
    return py::cast(static_cast<long>(*level));
  return py::cast(*level);
}

// One dict per entry, in firm and listing order: what Dataset.to_frame() builds its rows from.
py::list dataset_entries(const materia::Dataset& d) {
  py::list rows;
  for (const auto& firm : d.firms) {
    const std::optional<materia::Scale>& scale = firm.scale ? firm.scale : d.scale;
    for (const auto& e : firm.entries)
      rows.append(
          py::dict("firm"_a = firm.id, "issue"_a = e.name.str(), "rank"_a = optional_number(e.rank),
                   "stakeholder"_a = optional_number(e.stakeholder),
                   "business"_a = optional_number(e.business), "level"_a = level_object(e.level),
                   "scale_min"_a = scale ? py::cast(scale->min) : py::none(),
                   "scale_max"_a = scale ? py::cast(scale->max) : py::none()));
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
      // Messages quote the input, which may not be valid UTF-8: never fail while reporting.
      auto text = [](const std::string& bytes) {
        return py::reinterpret_steal<py::str>(PyUnicode_DecodeUTF8(
            bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "backslashreplace"));
      };
      py::object instance =
          py::reinterpret_borrow<py::object>(error_type.ptr())(text(error.what()));
      instance.attr("kind") = std::string(kind_name(error.kind()));
      instance.attr("file") = text(error.context().file);
      instance.attr("firm") = text(error.context().firm);
      instance.attr("issue") = text(error.context().issue);
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
      .def("to_json_text", [](const materia::Taxonomy& t) { return t.to_json_text(2); });

  // Resolutions come back as the JSON text of `materia normalize` (the Python layer loads it).
  py::class_<materia::Normalizer>(m, "Normalizer")
      .def(py::init([](const materia::Taxonomy& taxonomy, const std::string& options_json) {
             auto settings = materia::normalizer_settings_from_json(options_json);
             return materia::Normalizer(taxonomy, settings.aliases, settings.options);
           }),
           "taxonomy"_a, "options_json"_a = "")
      .def(
          "resolve_json",
          [](const materia::Normalizer& normalizer, const std::string& name) {
            return materia::to_json_text(normalizer.resolve(name), -1);
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
          [](const std::string& path, const std::string& taxonomy,
             const std::string& load_options_json) {
            materia::LoadOptions options = materia::parse_load_options(load_options_json);
            if (!taxonomy.empty()) options.taxonomy = taxonomy;
            return materia::load_dataset_file(path, options);
          },
          "path"_a, "taxonomy"_a = "", "load_options_json"_a = "",
          py::call_guard<py::gil_scoped_release>())
      .def_static(
          "from_csv_bytes",
          [](const py::bytes& data, const std::string& source, const std::string& taxonomy,
             const std::string& load_options_json) {
            std::string text = data;  // copied while the GIL is held
            py::gil_scoped_release released;
            materia::LoadOptions options = materia::parse_load_options(load_options_json);
            if (!taxonomy.empty()) options.taxonomy = taxonomy;
            return materia::load_dataset_csv(text, source, options);
          },
          "data"_a, "source"_a, "taxonomy"_a = "", "load_options_json"_a = "",
          "A CSV file's bytes, in any encoding the reader takes (GBK, Big5, UTF-16, ...).")
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
      .def_property_readonly(
          "firms",
          [](const materia::Dataset& d) {
            py::list firms;
            for (const auto& f : d.firms)
              firms.append(py::dict(
                  "id"_a = f.id, "name"_a = f.name, "segment"_a = f.segment, "weight"_a = f.weight,
                  "unlisted"_a = std::string(materia::unlisted_policy_name(f.unlisted)),
                  "entries"_a = f.entries.size()));
            return firms;
          })
      .def_property_readonly("entries", &dataset_entries,
                             "One dict per entry (firm, issue, rank, stakeholder, business, "
                             "level, scale_min, scale_max; None where not given).");

  // ---- analysis
  // A run keeps a copy of its dataset and its request, so it can be explained.
  auto result_field = [](auto member) {
    return [member](const materia::Run& run) { return run.result.*member; };
  };
  py::class_<materia::Run>(m, "Result")
      .def_property_readonly("method", result_field(&materia::Result::method))
      .def_property_readonly("tiers", result_field(&materia::Result::tiers),
                             "The tier spec, e.g. \"fisher:3\" (each issue's tier is a column of "
                             "the issues; in C, the tier and tiers columns of the issues and "
                             "meta tables).")
      .def_property_readonly("taxonomy", result_field(&materia::Result::taxonomy))
      .def_property_readonly("taxonomy_version", result_field(&materia::Result::taxonomy_version))
      .def_property_readonly("companies", result_field(&materia::Result::companies))
      .def_property_readonly("universe", result_field(&materia::Result::universe))
      .def_property_readonly("higher_is_better", result_field(&materia::Result::higher_is_better))
      .def_property_readonly("stakeholder_threshold",
                             result_field(&materia::Result::stakeholder_threshold))
      .def_property_readonly("business_threshold",
                             result_field(&materia::Result::business_threshold))
      .def_property_readonly("axis_aggregation", result_field(&materia::Result::axis_aggregation))
      .def_property_readonly("threshold_rule", result_field(&materia::Result::threshold_rule))
      .def_property_readonly("material_rule", result_field(&materia::Result::material_rule))
      .def_property_readonly("borderline_band", result_field(&materia::Result::borderline_band))
      .def_property_readonly("roll_up", result_field(&materia::Result::roll_up))
      .def_property_readonly("composite_top", result_field(&materia::Result::composite_top))
      .def_property_readonly("composite_cut_attention",
                             result_field(&materia::Result::composite_cut_attention))
      .def_property_readonly("composite_attention_threshold",
                             result_field(&materia::Result::composite_attention_threshold))
      .def_property_readonly("composite_importance_threshold",
                             result_field(&materia::Result::composite_importance_threshold))
      .def_property_readonly("bootstrap_replicates",
                             result_field(&materia::Result::bootstrap_replicates))
      .def_property_readonly("bootstrap_seed", result_field(&materia::Result::bootstrap_seed))
      .def_property_readonly("leave_one_out", result_field(&materia::Result::leave_one_out))
      .def_property_readonly("tier_breaks", result_field(&materia::Result::tier_breaks))
      .def_property_readonly("gvf", result_field(&materia::Result::gvf))
      .def_property_readonly("warnings", result_field(&materia::Result::warnings))
      .def_property_readonly(
          "warning_kinds",
          [](const materia::Run& run) {
            std::vector<std::string> kinds;
            for (auto kind : run.result.warning_kinds)
              kinds.emplace_back(warning_kind_name(kind));
            return kinds;
          },
          "One kind per warning: fuzzy_match, tier_tie, composite_tie, rank_sets_skipped, "
          "zero_weight, no_taxonomy, dropped_names, fewer_tiers, level_tie.")
      .def_property_readonly("synthetic_input", result_field(&materia::Result::synthetic_input))
      .def_property_readonly("dropped_names", result_field(&materia::Result::dropped_names))
      .def(
          "to_json_text",
          [](const materia::Run& run, int indent) {
            return materia::to_json_text(run.result, indent);
          },
          "indent"_a = 2)
      .def(
          "to_csv_text",
          [](const materia::Run& run) { return materia::render(run.result, materia::Format::csv); })
      .def("to_table_text",
           [](const materia::Run& run) {
             return materia::render(run.result, materia::Format::table);
           })
      .def(
          "listings",
          [](const materia::Run& run, const std::string& id) {
            return listings_of(run.result, id);
          },
          "id"_a)
      .def(
          "explain_json",
          [](const materia::Run& run, const std::string& issue) {
            return materia::to_json_text(materia::explain(run, issue), -1);
          },
          "issue"_a, py::call_guard<py::gil_scoped_release>(),
          "`materia explain --format json` of an issue (id or any of its names).")
      .def(
          "explain_text",
          [](const materia::Run& run, const std::string& issue, const std::string& format) {
            return materia::render(materia::explain(run, issue), format_named(format));
          },
          "issue"_a, "format"_a = "table", py::call_guard<py::gil_scoped_release>(),
          "What `materia explain --format F` prints for an issue (table by default).")
      .def(
          "agreement_json",
          [](const materia::Run& run, std::size_t show) {
            return materia::to_json_text(materia::firm_agreement(run.result), show, -1);
          },
          "show"_a = 3, py::call_guard<py::gil_scoped_release>(),
          "`materia agreement --format json --show N` of the analysis's firms.")
      .def_property_readonly(
          "firms",
          [](const materia::Run& run) {
            py::list firms;
            for (const auto& f : run.result.firms)
              firms.append(py::dict("id"_a = f.id, "name"_a = f.name, "segment"_a = f.segment,
                                    "weight"_a = f.weight, "listed"_a = f.listed));
            return firms;
          })
      .def("double_materiality_ranking", [](const materia::Run& run) {
        std::vector<std::string> ids;
        for (const auto* item : materia::double_materiality_ranking(run.result))
          ids.push_back(item->id);
        return ids;
      });

  m.def(
      "analyze",
      [](const materia::Dataset& dataset, const std::string& options_json) {
        return materia::run(dataset, materia::parse_request(options_json));
      },
      "dataset"_a, "options_json"_a = "", py::call_guard<py::gil_scoped_release>(),
      "Runs the pipeline (and the bootstrap / leave-one-out asked for); options as JSON.");
  m.def(
      "sensitivity_json",
      [](const materia::Dataset& dataset, const std::string& options_json) {
        const materia::Request request = materia::parse_request(options_json);
        if (request.resamples())
          materia::throw_usage_error("sensitivity() takes no \"bootstrap\" or \"leave_one_out\"");
        return materia::render(materia::sensitivity(dataset, request.options, request.execution),
                               materia::Format::json);
      },
      "dataset"_a, "options_json"_a = "", py::call_guard<py::gil_scoped_release>(),
      "The method-sensitivity table (materia analyze --sensitivity --format json).");
  m.def("analyze_option_names", &materia::request_option_names);
  m.def(
      "analyze_option_flags",
      [] {
        py::list options;
        for (const auto& option : materia::request_options())
          options.append(py::make_tuple(std::string(option.key), std::string(option.flag),
                                        std::string(option_type_name(option.type))));
        return options;
      },
      "(key, command-line flag, type) of every analyze option: the table that turns the core's "
      "flag names into Python parameters.");
  m.def(
      "load_option_flags",
      [] {
        py::list options;
        for (const auto& option : materia::load_options())
          options.append(py::make_tuple(std::string(option.key), std::string(option.flag),
                                        std::string(option_type_name(option.type))));
        return options;
      },
      "(key, command-line flag, type) of every option of reading a dataset file.");
  m.def("method_names", &materia::method_names);

  // ---- breaks
  m.def("fisher_classes", &materia::fisher_classes, "values"_a, "k"_a,
        py::call_guard<py::gil_scoped_release>());
  m.def("goodness_of_variance_fit", &materia::goodness_of_variance_fit, "values"_a, "classes"_a);
  m.def(
      "natural_breaks_json",
      [](const std::vector<double>& values, int k, const std::string& method, double threshold) {
        return materia::breaks_json_text(
            materia::natural_breaks_named(values, k, method, threshold), method);
      },
      "values"_a, "k"_a, "method"_a, "threshold"_a = 0.4, py::call_guard<py::gil_scoped_release>(),
      "`materia breaks --format json` of the values.");

  // ---- rank statistics (materia/stats/stats.hpp); omit_nan = the core's meaning of NaN
  auto nan_hint = "pass nan_policy=\"omit\"";
  m.def(
      "kendall_tau_b",
      [nan_hint](const std::vector<double>& x, const std::vector<double>& y, bool omit_nan) {
        materia::check_no_nan(x, omit_nan, "x value", nan_hint);
        materia::check_no_nan(y, omit_nan, "y value", nan_hint);
        return materia::kendall_tau_b(x, y);
      },
      "x"_a, "y"_a, "omit_nan"_a = false);
  m.def(
      "spearman_rho",
      [nan_hint](const std::vector<double>& x, const std::vector<double>& y, bool omit_nan) {
        materia::check_no_nan(x, omit_nan, "x value", nan_hint);
        materia::check_no_nan(y, omit_nan, "y value", nan_hint);
        return materia::spearman_rho(x, y);
      },
      "x"_a, "y"_a, "omit_nan"_a = false);
  m.def(
      "kendall_w",
      [nan_hint](const std::vector<std::vector<double>>& ratings, bool omit_nan) {
        for (std::size_t r = 0; r < ratings.size(); ++r)
          materia::check_no_nan(ratings[r], omit_nan, "rater " + std::to_string(r + 1) + ": item",
                                nan_hint);
        materia::Concordance c = materia::kendall_w(ratings);
        return py::dict("w"_a = c.w, "chi_square"_a = c.chi_square, "df"_a = c.df,
                        "p_value"_a = c.p_value, "raters"_a = c.raters, "items"_a = c.items);
      },
      "ratings"_a, "omit_nan"_a = false);

  bind_disclosure(m);
  bind_compare(m);
  bind_extract(m);
  bind_fields(m);
}
