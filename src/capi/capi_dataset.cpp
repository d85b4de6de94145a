// Datasets through the C API: parsed from JSON/CSV, or built up firm by firm.
#include <string_view>

#include "capi/capi_internal.hpp"
#include "materia/io/io.hpp"

using materia::capi::fail;
using materia::capi::guard;
using materia::capi::new_handle;
using materia::capi::null_argument;

namespace {

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

// Sets the text `field` of firm `index` to `text` (the argument `what`).
int set_firm_text(materia_dataset* dataset, size_t index, const char* text, const char* function,
                  const char* what, std::string materia::FirmAssessment::*field) {
  materia::FirmAssessment* firm = firm_at(dataset, index, function);
  if (firm == nullptr) return MATERIA_ERROR_ARGUMENT;
  if (text == nullptr) return null_argument(function, what);
  return guard([&] {
    firm->*field = text;
    return MATERIA_OK;
  });
}

// Appends an entry built by `fill` to firm `index`.
template <class Fill>
int add_entry(materia_dataset* dataset, size_t index, const char* name, const char* function,
              Fill&& fill) {
  materia::FirmAssessment* firm = firm_at(dataset, index, function);
  if (firm == nullptr) return MATERIA_ERROR_ARGUMENT;
  if (name == nullptr) return null_argument(function, "name");
  return guard([&] {
    materia::Entry entry;
    entry.name = name;
    fill(entry, *firm);
    firm->entries.push_back(std::move(entry));
    return MATERIA_OK;
  });
}

}  // namespace

extern "C" {

int materia_dataset_from_json(materia_dataset** out, const char* json, size_t len) {
  return new_handle("materia_dataset_from_json", out, {{json, "json"}}, [&] {
    return materia::load_dataset_json(std::string_view(json, len), "<string>");
  });
}

int materia_dataset_from_csv(materia_dataset** out, const char* csv, size_t len,
                             const char* taxonomy) {
  return new_handle("materia_dataset_from_csv", out, {{csv, "csv"}}, [&] {
    materia::LoadOptions options{taxonomy ? taxonomy : ""};
    return materia::load_dataset_csv(std::string_view(csv, len), "<string>", options);
  });
}

int materia_dataset_from_file(materia_dataset** out, const char* path, const char* taxonomy) {
  return new_handle("materia_dataset_from_file", out, {{path, "path"}}, [&] {
    materia::LoadOptions options{taxonomy ? taxonomy : ""};
    return materia::load_dataset_file(path, options);
  });
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

int materia_dataset_add_firm(size_t* out_firm, materia_dataset* dataset, const char* id) {
  if (dataset == nullptr) return null_argument("materia_dataset_add_firm", "dataset");
  if (id == nullptr) return null_argument("materia_dataset_add_firm", "id");
  return guard([&] {
    materia::FirmAssessment firm;
    firm.id = id;
    dataset->dataset.firms.push_back(std::move(firm));
    if (out_firm != nullptr) *out_firm = dataset->dataset.firms.size() - 1;
    return MATERIA_OK;
  });
}

int materia_dataset_set_firm_name(materia_dataset* dataset, size_t firm, const char* name) {
  return set_firm_text(dataset, firm, name, "materia_dataset_set_firm_name", "name",
                       &materia::FirmAssessment::name);
}

int materia_dataset_set_firm_segment(materia_dataset* dataset, size_t firm, const char* segment) {
  return set_firm_text(dataset, firm, segment, "materia_dataset_set_firm_segment", "segment",
                       &materia::FirmAssessment::segment);
}

int materia_dataset_set_firm_weight(materia_dataset* dataset, size_t firm, double weight) {
  materia::FirmAssessment* f = firm_at(dataset, firm, "materia_dataset_set_firm_weight");
  if (f == nullptr) return MATERIA_ERROR_ARGUMENT;
  f->weight = weight;  // validated (finite, >= 0) by materia_analyze, naming the firm
  return MATERIA_OK;
}

int materia_dataset_set_firm_unlisted(materia_dataset* dataset, size_t firm, const char* policy) {
  materia::FirmAssessment* f = firm_at(dataset, firm, "materia_dataset_set_firm_unlisted");
  if (f == nullptr) return MATERIA_ERROR_ARGUMENT;
  if (policy == nullptr) return null_argument("materia_dataset_set_firm_unlisted", "policy");
  return guard([&] {
    std::string_view text(policy);
    if (text == "bottom") {
      f->unlisted = materia::UnlistedPolicy::bottom;
    } else if (text == "not_assessed") {
      f->unlisted = materia::UnlistedPolicy::not_assessed;
    } else {
      materia::throw_input_error(
          "unlisted must be \"bottom\" or \"not_assessed\", not \"" + std::string(text) + "\"",
          {dataset->dataset.source, f->id, ""});
    }
    return MATERIA_OK;
  });
}

int materia_dataset_add_entry(materia_dataset* dataset, size_t firm, const char* name) {
  return add_entry(dataset, firm, name, "materia_dataset_add_entry",
                   [](materia::Entry&, const materia::FirmAssessment&) {});
}

int materia_dataset_add_ranked_entry(materia_dataset* dataset, size_t firm, const char* name,
                                     double rank) {
  return add_entry(
      dataset, firm, name, "materia_dataset_add_ranked_entry",
      [rank](materia::Entry& entry, const materia::FirmAssessment&) { entry.rank = rank; });
}

int materia_dataset_add_rated_entry(materia_dataset* dataset, size_t firm, const char* name,
                                    double stakeholder, double business) {
  return add_entry(dataset, firm, name, "materia_dataset_add_rated_entry",
                   [=](materia::Entry& entry, const materia::FirmAssessment&) {
                     entry.stakeholder = stakeholder;
                     entry.business = business;
                   });
}

int materia_dataset_add_level_entry(materia_dataset* dataset, size_t firm, const char* name,
                                    const char* level) {
  if (level == nullptr) return null_argument("materia_dataset_add_level_entry", "level");
  return add_entry(dataset, firm, name, "materia_dataset_add_level_entry",
                   [&](materia::Entry& entry, const materia::FirmAssessment& owner) {
                     std::string_view text(level);
                     if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') {
                       entry.level = text[0] - '0';
                     } else {
                       entry.level = materia::parse_level(text);
                     }
                     if (!entry.level)
                       materia::throw_input_error(
                           "unknown level \"" + std::string(text) +
                               "\" (use very_high, high, medium, low, very_low, 高/中/低 or 1-5)",
                           {dataset->dataset.source, owner.id, entry.name});
                   });
}

}  // extern "C"
