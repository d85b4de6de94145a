// Datasets through the C API: parsed from JSON/CSV, or built up firm by firm.
#include <cmath>
#include <string_view>

#include "capi/capi_internal.hpp"
#include "io/cell_values.hpp"
#include "materia/io/io.hpp"
#include "materia/run/load_options.hpp"
#include "materia/text/text.hpp"

using materia::capi::fail;
using materia::capi::guard;
using materia::capi::new_handle;
using materia::capi::null_argument;

namespace {

// The `taxonomy` argument of the readers: a taxonomy name or path, or the load options JSON (an
// object: {"taxonomy", "sheet", "columns", "ignore_column", "encoding", "levels",
// "max_input"}).
materia::LoadOptions load_options_of(const char* taxonomy) {
  if (taxonomy == nullptr) return {};
  const std::string_view text(taxonomy);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text[first] == '{')
    return materia::parse_load_options(text);
  materia::LoadOptions options;
  options.taxonomy = taxonomy;
  return options;
}

materia::Taxonomy taxonomy_named(std::string_view name) {
  return name == "none" ? materia::Taxonomy::open_vocabulary() : materia::Taxonomy::builtin(name);
}

// The firm at `index`, or nullptr after recording an argument error.
materia::FirmAssessment* firm_at(materia_dataset* dataset, size_t index, const char* function) {
  if (dataset == nullptr) {
    null_argument(function, "dataset");
    return nullptr;
  }
  if (index >= dataset->dataset.firms.size()) {
    fail(MATERIA_ERROR_ARGUMENT, std::string(function) + ": firm index " + std::to_string(index) +
                                     " is out of range (the dataset has " +
                                     std::to_string(dataset->dataset.firms.size()) + " firms)");
    return nullptr;
  }
  return &dataset->dataset.firms[index];
}

}  // namespace

extern "C" {

int materia_dataset_parse(materia_dataset** out, const char* text, size_t len, const char* format,
                          const char* taxonomy) {
  return new_handle("materia_dataset_parse", out, {{text, "text"}}, [&] {
    const std::string_view input(text, len);
    const std::string_view kind = format ? std::string_view(format) : std::string_view();
    if (!kind.empty() && kind != "json" && kind != "csv" && kind != "xlsx")
      materia::throw_usage_error(
          "materia_dataset_parse: format must be \"json\", \"csv\", \"xlsx\" or NULL, not \"" +
          std::string(kind) + "\"");
    materia::LoadOptions options = load_options_of(taxonomy);
    if (kind == "xlsx") return materia::load_dataset_xlsx(input, "<string>", options);
    const std::size_t first = input.find_first_not_of(" \t\r\n");
    const bool json =
        kind.empty() ? first != std::string_view::npos && input[first] == '{' : kind == "json";
    if (json) return materia::load_dataset_json(input, "<string>");
    return materia::load_dataset_csv(input, "<string>", options);
  });
}

int materia_dataset_from_file(materia_dataset** out, const char* path, const char* taxonomy) {
  return new_handle("materia_dataset_from_file", out, {{path, "path"}},
                    [&] { return materia::load_dataset_file(path, load_options_of(taxonomy)); });
}

int materia_dataset_sample(materia_dataset** out, const char* name) {
  return new_handle("materia_dataset_sample", out, {{name, "name"}},
                    [&] { return materia::load_sample(name); });
}

int materia_dataset_create(materia_dataset** out, const char* taxonomy) {
  if (out == nullptr) return null_argument("materia_dataset_create", "out");
  *out = nullptr;
  return guard([&] {
    auto dataset = std::make_unique<materia_dataset>();
    dataset->dataset.taxonomy = taxonomy_named(taxonomy ? taxonomy : "none");
    *out = dataset.release();
    return MATERIA_OK;
  });
}

int materia_dataset_set_taxonomy(materia_dataset* dataset, const materia_taxonomy* taxonomy) {
  if (dataset == nullptr) return null_argument("materia_dataset_set_taxonomy", "dataset");
  if (taxonomy == nullptr) return null_argument("materia_dataset_set_taxonomy", "taxonomy");
  return guard([&] {
    dataset->dataset.taxonomy = taxonomy->taxonomy;
    return MATERIA_OK;
  });
}

void materia_dataset_free(materia_dataset* dataset) {
  delete dataset;
}

size_t materia_dataset_firm_count(const materia_dataset* dataset) {
  return dataset ? dataset->dataset.firms.size() : 0;
}

int materia_dataset_add_firm(size_t* out_firm, materia_dataset* dataset, const char* id,
                             const char* firm_json) {
  if (dataset == nullptr) return null_argument("materia_dataset_add_firm", "dataset");
  if (id == nullptr) return null_argument("materia_dataset_add_firm", "id");
  return guard([&] {
    const std::string& source = dataset->dataset.source;
    materia::check_utf8(id, "the firm id");
    materia::FirmAssessment firm;
    firm.id = id;
    if (firm_json != nullptr) firm = materia::load_firm_json(firm_json, source, id);
    dataset->dataset.firms.push_back(std::move(firm));
    if (out_firm != nullptr) *out_firm = dataset->dataset.firms.size() - 1;
    return MATERIA_OK;
  });
}

int materia_dataset_add_entry(materia_dataset* dataset, size_t firm, const char* name, double rank,
                              double stakeholder, double business, const char* level) {
  const char* function = "materia_dataset_add_entry";
  materia::FirmAssessment* owner = firm_at(dataset, firm, function);
  if (owner == nullptr) return MATERIA_ERROR_ARGUMENT;
  if (name == nullptr) return null_argument(function, "name");
  return guard([&] {
    materia::Entry entry;
    entry.name = name;
    const materia::ErrorContext where{dataset->dataset.source, owner->id, entry.name};
    if (!std::isnan(rank)) entry.rank = rank;
    if (std::isnan(stakeholder) != std::isnan(business))
      materia::throw_input_error(
          "give both coordinates (stakeholder and business) or neither (NaN)", where);
    if (!std::isnan(stakeholder)) {
      entry.stakeholder = stakeholder;
      entry.business = business;
    }
    if (level != nullptr) {
      bool word = false;  // the built-in scale, as the CSV reader's
      entry.level = materia::detail::LevelScale().value(level, where, word);
    }
    owner->entries.push_back(std::move(entry));
    return MATERIA_OK;
  });
}

}  // extern "C"
