// Analysis and results through the C API.
#include <string_view>

#include "capi/capi_internal.hpp"
#include "materia/options.hpp"
#include "materia/output.hpp"

using materia::capi::copy_out;
using materia::capi::fail;
using materia::capi::guard;
using materia::capi::null_argument;

materia_result::materia_result(materia::Result r) : result(std::move(r)) {
  const std::size_t n = result.issues.size();
  for (auto* column : {&score, &attention_share, &importance, &stakeholder, &business})
    column->reserve(n);
  for (auto* column : {&rank, &tier, &attention})
    column->reserve(n);
  for (const auto& issue : result.issues) {
    score.push_back(issue.score);
    attention_share.push_back(issue.attention_share);
    importance.push_back(issue.importance);
    stakeholder.push_back(issue.stakeholder);
    business.push_back(issue.business);
    rank.push_back(issue.rank);
    tier.push_back(issue.tier);
    attention.push_back(issue.attention);
    category.emplace_back(materia::category_code(issue.category));
  }
}

namespace {

const materia::IssueResult* issue_at(const materia_result* result, size_t index) {
  if (result == nullptr || index >= result->result.issues.size()) return nullptr;
  return &result->result.issues[index];
}

template <class T>
const T* column(const materia_result* result, const std::vector<T> materia_result::*member) {
  if (result == nullptr || (result->*member).empty()) return nullptr;
  return (result->*member).data();
}

}  // namespace

extern "C" {

int materia_analyze(materia_result** out, const materia_dataset* dataset,
                    const char* options_json) {
  if (out == nullptr) return null_argument("materia_analyze", "out");
  *out = nullptr;
  if (dataset == nullptr) return null_argument("materia_analyze", "dataset");
  return guard([&] {
    materia::AnalyzeOptions options = materia::analyze_options_from_json(
        options_json ? std::string_view(options_json) : std::string_view());
    *out = new materia_result(materia::analyze(dataset->dataset, options));
    return MATERIA_OK;
  });
}

void materia_result_free(materia_result* result) {
  delete result;
}

int materia_result_to_json(const materia_result* result, char** out, size_t* out_len) {
  if (out == nullptr) return null_argument("materia_result_to_json", "out");
  *out = nullptr;
  if (result == nullptr) return null_argument("materia_result_to_json", "result");
  return guard(
      [&] { return copy_out(materia::to_json(result->result).dump(2) + "\n", out, out_len); });
}

int materia_result_to_csv(const materia_result* result, char** out, size_t* out_len) {
  if (out == nullptr) return null_argument("materia_result_to_csv", "out");
  *out = nullptr;
  if (result == nullptr) return null_argument("materia_result_to_csv", "result");
  return guard([&] { return copy_out(materia::to_csv(result->result), out, out_len); });
}

const char* materia_result_method(const materia_result* result) {
  return result ? result->result.method.c_str() : nullptr;
}
const char* materia_result_tier_spec(const materia_result* result) {
  return result ? result->result.tiers.c_str() : nullptr;
}
size_t materia_result_companies(const materia_result* result) {
  return result ? result->result.companies : 0;
}
size_t materia_result_universe(const materia_result* result) {
  return result ? result->result.universe : 0;
}
int materia_result_higher_is_better(const materia_result* result) {
  return result && result->result.higher_is_better ? 1 : 0;
}
double materia_result_gvf(const materia_result* result) {
  return result ? result->result.gvf : 0.0;
}

const double* materia_result_tier_breaks(const materia_result* result, size_t* out_count) {
  if (out_count != nullptr) *out_count = result ? result->result.tier_breaks.size() : 0;
  if (result == nullptr || result->result.tier_breaks.empty()) return nullptr;
  return result->result.tier_breaks.data();
}

size_t materia_result_issue_count(const materia_result* result) {
  return result ? result->result.issues.size() : 0;
}

int materia_result_find(size_t* out_index, const materia_result* result, const char* id) {
  if (result == nullptr) return null_argument("materia_result_find", "result");
  if (id == nullptr) return null_argument("materia_result_find", "id");
  return guard([&] {
    const auto& issues = result->result.issues;
    for (std::size_t i = 0; i < issues.size(); ++i)
      if (issues[i].id == id) {
        if (out_index != nullptr) *out_index = i;
        return MATERIA_OK;
      }
    return fail(MATERIA_ERROR_ARGUMENT,
                "materia_result_find: no issue has the id \"" + std::string(id) + "\"");
  });
}

const char* materia_result_issue_id(const materia_result* result, size_t index) {
  const auto* issue = issue_at(result, index);
  return issue ? issue->id.c_str() : nullptr;
}
const char* materia_result_issue_name(const materia_result* result, size_t index) {
  const auto* issue = issue_at(result, index);
  return issue ? issue->name.c_str() : nullptr;
}
const char* materia_result_issue_category(const materia_result* result, size_t index) {
  return issue_at(result, index) ? result->category[index].c_str() : nullptr;
}
const char* materia_result_issue_quadrant(const materia_result* result, size_t index) {
  const auto* issue = issue_at(result, index);
  return issue ? issue->quadrant.c_str() : nullptr;
}

const double* materia_result_scores(const materia_result* r) {
  return column(r, &materia_result::score);
}
const int* materia_result_ranks(const materia_result* r) {
  return column(r, &materia_result::rank);
}
const int* materia_result_tiers(const materia_result* r) {
  return column(r, &materia_result::tier);
}
const int* materia_result_attention(const materia_result* r) {
  return column(r, &materia_result::attention);
}
const double* materia_result_attention_share(const materia_result* r) {
  return column(r, &materia_result::attention_share);
}
const double* materia_result_importance(const materia_result* r) {
  return column(r, &materia_result::importance);
}
const double* materia_result_stakeholder(const materia_result* r) {
  return column(r, &materia_result::stakeholder);
}
const double* materia_result_business(const materia_result* r) {
  return column(r, &materia_result::business);
}

}  // extern "C"
