// Taxonomies and name resolution through the C API.
#include <string_view>

#include "capi/capi_internal.hpp"

using materia::capi::guard;
using materia::capi::null_argument;

extern "C" {

int materia_taxonomy_builtin(materia_taxonomy** out, const char* name) {
  if (out == nullptr) return null_argument("materia_taxonomy_builtin", "out");
  *out = nullptr;
  if (name == nullptr) return null_argument("materia_taxonomy_builtin", "name");
  return guard([&] {
    std::string_view key(name);
    *out = new materia_taxonomy(key == "none" ? materia::Taxonomy::open_vocabulary()
                                              : materia::Taxonomy::builtin(key));
    return MATERIA_OK;
  });
}

int materia_taxonomy_from_json(materia_taxonomy** out, const char* json, size_t len) {
  if (out == nullptr) return null_argument("materia_taxonomy_from_json", "out");
  *out = nullptr;
  if (json == nullptr) return null_argument("materia_taxonomy_from_json", "json");
  return guard([&] {
    *out = new materia_taxonomy(
        materia::Taxonomy::from_json_text(std::string_view(json, len), "<string>"));
    return MATERIA_OK;
  });
}

void materia_taxonomy_free(materia_taxonomy* taxonomy) {
  delete taxonomy;
}

const char* materia_taxonomy_name(const materia_taxonomy* taxonomy) {
  return taxonomy ? taxonomy->taxonomy.name.c_str() : nullptr;
}

const char* materia_taxonomy_version(const materia_taxonomy* taxonomy) {
  return taxonomy ? taxonomy->taxonomy.version.c_str() : nullptr;
}

size_t materia_taxonomy_issue_count(const materia_taxonomy* taxonomy) {
  return taxonomy ? taxonomy->taxonomy.issues.size() : 0;
}

const char* materia_taxonomy_issue_id(const materia_taxonomy* taxonomy, size_t index) {
  if (taxonomy == nullptr || index >= taxonomy->taxonomy.issues.size()) return nullptr;
  return taxonomy->taxonomy.issues[index].id.c_str();
}

const char* materia_taxonomy_issue_name(const materia_taxonomy* taxonomy, size_t index) {
  if (taxonomy == nullptr || index >= taxonomy->taxonomy.issues.size()) return nullptr;
  return taxonomy->taxonomy.issues[index].display_name().c_str();
}

const char* materia_match_name(int match) {
  switch (match) {
    case MATERIA_MATCH_EXACT:
      return "exact";
    case MATERIA_MATCH_ALIAS:
      return "alias";
    case MATERIA_MATCH_FUZZY:
      return "fuzzy";
    case MATERIA_MATCH_UNMATCHED:
      return "unmatched";
    default:
      return "";
  }
}

int materia_taxonomy_normalize(size_t* out_index, int* out_match, double* out_score,
                               const materia_taxonomy* taxonomy, const char* name) {
  if (taxonomy == nullptr) return null_argument("materia_taxonomy_normalize", "taxonomy");
  if (name == nullptr) return null_argument("materia_taxonomy_normalize", "name");
  return guard([&] {
    materia::Resolution resolution = taxonomy->normalizer.resolve(name);
    int match = MATERIA_MATCH_UNMATCHED;
    switch (resolution.match) {
      case materia::MatchKind::exact:
        match = MATERIA_MATCH_EXACT;
        break;
      case materia::MatchKind::alias:
        match = MATERIA_MATCH_ALIAS;
        break;
      case materia::MatchKind::fuzzy:
        match = MATERIA_MATCH_FUZZY;
        break;
      case materia::MatchKind::unmatched:
        match = MATERIA_MATCH_UNMATCHED;
        break;
    }
    if (out_index != nullptr)
      *out_index =
          resolution.issue < 0 ? static_cast<size_t>(-1) : static_cast<size_t>(resolution.issue);
    if (out_match != nullptr) *out_match = match;
    if (out_score != nullptr) *out_score = resolution.score;
    return MATERIA_OK;
  });
}

}  // extern "C"
