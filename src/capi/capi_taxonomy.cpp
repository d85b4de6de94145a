// Taxonomies and name resolution through the C API.
#include <cmath>
#include <string_view>

#include "capi/capi_internal.hpp"
#include "run/render_json.hpp"

using materia::capi::guard;
using materia::capi::new_handle;
using materia::capi::null_argument;

namespace {
int match_code(materia::MatchKind kind) {
  switch (kind) {
    case materia::MatchKind::exact:
      return MATERIA_MATCH_EXACT;
    case materia::MatchKind::alias:
      return MATERIA_MATCH_ALIAS;
    case materia::MatchKind::fuzzy:
      return MATERIA_MATCH_FUZZY;
    case materia::MatchKind::unmatched:
      return MATERIA_MATCH_UNMATCHED;
    case materia::MatchKind::dropped:
      return MATERIA_MATCH_DROPPED;
  }
  return MATERIA_MATCH_UNMATCHED;
}
}  // namespace

extern "C" {

int materia_taxonomy_builtin(materia_taxonomy** out, const char* name) {
  return new_handle("materia_taxonomy_builtin", out, {{name, "name"}}, [&] {
    std::string_view key(name);
    return key == "none" ? materia::Taxonomy::open_vocabulary() : materia::Taxonomy::builtin(key);
  });
}

int materia_taxonomy_from_json(materia_taxonomy** out, const char* json, size_t len) {
  return new_handle("materia_taxonomy_from_json", out, {{json, "json"}}, [&] {
    return materia::Taxonomy::from_json_text(std::string_view(json, len), "<string>");
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

int materia_normalizer_create(materia_normalizer** out, const materia_taxonomy* taxonomy,
                              const char* options_json) {
  return new_handle("materia_normalizer_create", out, {{taxonomy, "taxonomy"}}, [&] {
    materia::NormalizerSettings settings = materia::normalizer_settings_from_json(
        options_json ? std::string_view(options_json) : std::string_view());
    return materia::Normalizer(taxonomy->taxonomy, settings.aliases, settings.options);
  });
}

void materia_normalizer_free(materia_normalizer* normalizer) {
  delete normalizer;
}

int materia_normalizer_resolve(size_t* out_index, int* out_match, double* out_score,
                               char** out_json, size_t* out_json_len,
                               const materia_normalizer* normalizer, const char* name) {
  if (out_json != nullptr) *out_json = nullptr;
  if (normalizer == nullptr) return null_argument("materia_normalizer_resolve", "normalizer");
  if (name == nullptr) return null_argument("materia_normalizer_resolve", "name");
  return guard([&] {
    const materia::Resolution resolution = normalizer->normalizer.resolve(name);
    if (out_json != nullptr) {
      const int status = materia::capi::copy_out(materia::to_json(resolution).dump(2) + "\n",
                                                 out_json, out_json_len);
      if (status != MATERIA_OK) return status;
    }
    if (out_index != nullptr)
      *out_index =
          resolution.issue < 0 ? static_cast<size_t>(-1) : static_cast<size_t>(resolution.issue);
    if (out_match != nullptr) *out_match = match_code(resolution.match);
    if (out_score != nullptr) *out_score = resolution.score;
    return MATERIA_OK;
  });
}

}  // extern "C"
