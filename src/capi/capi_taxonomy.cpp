// Taxonomies and name resolution through the C API.
#include <cmath>
#include <string_view>

#include "capi/capi_internal.hpp"
#include "run/render_json.hpp"

using materia::capi::guard;
using materia::capi::new_handle;
using materia::capi::null_argument;
using materia::capi::text_out;

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

const char* materia_match_name(int match) {
  return materia::capi::name_of_code(match,
                                     {{MATERIA_MATCH_EXACT, "exact"},
                                      {MATERIA_MATCH_ALIAS, "alias"},
                                      {MATERIA_MATCH_FUZZY, "fuzzy"},
                                      {MATERIA_MATCH_UNMATCHED, "unmatched"}},
                                     "");
}

int materia_taxonomy_normalize(size_t* out_index, int* out_match, double* out_score,
                               const materia_taxonomy* taxonomy, const char* name) {
  if (taxonomy == nullptr) return null_argument("materia_taxonomy_normalize", "taxonomy");
  if (name == nullptr) return null_argument("materia_taxonomy_normalize", "name");
  return guard([&] {
    materia::Resolution resolution = taxonomy->normalizer.resolve(name);
    int match = match_code(resolution.match);
    if (out_index != nullptr)
      *out_index =
          resolution.issue < 0 ? static_cast<size_t>(-1) : static_cast<size_t>(resolution.issue);
    if (out_match != nullptr) *out_match = match;
    if (out_score != nullptr) *out_score = resolution.score;
    return MATERIA_OK;
  });
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

int materia_normalizer_resolve(materia_resolution** out, const materia_normalizer* normalizer,
                               const char* name) {
  return new_handle("materia_normalizer_resolve", out, {{normalizer, "normalizer"}, {name, "name"}},
                    [&] { return normalizer->normalizer.resolve(name); });
}

int materia_taxonomy_resolve(materia_resolution** out, const materia_taxonomy* taxonomy,
                             const char* name) {
  return new_handle("materia_taxonomy_resolve", out, {{taxonomy, "taxonomy"}, {name, "name"}},
                    [&] { return taxonomy->normalizer.resolve(name); });
}

void materia_resolution_free(materia_resolution* resolution) {
  delete resolution;
}

const char* materia_resolution_input(const materia_resolution* r) {
  return r ? r->resolution.input.c_str() : nullptr;
}
const char* materia_resolution_key(const materia_resolution* r) {
  return r ? r->resolution.key.c_str() : nullptr;
}
// Unmatched names have no id (as `materia normalize` prints null).
const char* materia_resolution_id(const materia_resolution* r) {
  return r && !r->resolution.id.empty() ? r->resolution.id.c_str() : nullptr;
}
const char* materia_resolution_name(const materia_resolution* r) {
  return r && !r->resolution.id.empty() ? r->resolution.name.c_str() : nullptr;
}
const char* materia_resolution_reason(const materia_resolution* r) {
  return r ? r->resolution.reason.c_str() : nullptr;
}
int materia_resolution_match(const materia_resolution* r) {
  return r ? match_code(r->resolution.match) : MATERIA_MATCH_UNMATCHED;
}
double materia_resolution_score(const materia_resolution* r) {
  return r ? r->resolution.score : NAN;
}
size_t materia_resolution_candidate_count(const materia_resolution* r) {
  return r ? r->resolution.candidates.size() : 0;
}

namespace {
const materia::Candidate* candidate_at(const materia_resolution* r, size_t index) {
  if (r == nullptr || index >= r->resolution.candidates.size()) return nullptr;
  return &r->resolution.candidates[index];
}
}  // namespace

const char* materia_resolution_candidate_id(const materia_resolution* r, size_t index) {
  const auto* c = candidate_at(r, index);
  return c ? c->id.c_str() : nullptr;
}
const char* materia_resolution_candidate_name(const materia_resolution* r, size_t index) {
  const auto* c = candidate_at(r, index);
  return c ? c->name.c_str() : nullptr;
}
const char* materia_resolution_candidate_via(const materia_resolution* r, size_t index) {
  const auto* c = candidate_at(r, index);
  return c ? c->via.c_str() : nullptr;
}
double materia_resolution_candidate_score(const materia_resolution* r, size_t index) {
  const auto* c = candidate_at(r, index);
  return c ? c->score : NAN;
}

int materia_resolution_to_json(const materia_resolution* resolution, char** out, size_t* out_len) {
  return text_out("materia_resolution_to_json", out, out_len, {{resolution, "resolution"}},
                  [&] { return materia::to_json(resolution->resolution).dump(2) + "\n"; });
}

}  // extern "C"
