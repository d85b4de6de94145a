// Analysis and results through the C API.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "capi/capi_internal.hpp"

using materia::capi::fail;
using materia::capi::guard;
using materia::capi::new_handle;
using materia::capi::null_argument;
using materia::capi::text_out;

namespace {

// The columns materia_result copies out of the issues, each with the field it holds.
template <class Column, class Field>
struct ColumnOf {
  std::vector<Column> materia_result::*column;
  Field materia::IssueResult::*field;
};

constexpr ColumnOf<double, double> double_columns[] = {
    {&materia_result::score, &materia::IssueResult::score},
    {&materia_result::attention_share, &materia::IssueResult::attention_share},
    {&materia_result::importance, &materia::IssueResult::importance},
    {&materia_result::stakeholder, &materia::IssueResult::stakeholder},
    {&materia_result::business, &materia::IssueResult::business},
    {&materia_result::composite, &materia::IssueResult::composite},
    {&materia_result::rank_low, &materia::IssueResult::rank_low},
    {&materia_result::rank_high, &materia::IssueResult::rank_high},
    {&materia_result::influential_shift, &materia::IssueResult::influential_shift}};
constexpr ColumnOf<int, int> int_columns[] = {
    {&materia_result::rank, &materia::IssueResult::rank},
    {&materia_result::tier, &materia::IssueResult::tier},
    {&materia_result::attention, &materia::IssueResult::attention}};
// Flags as 0 or 1.
constexpr ColumnOf<int, bool> flag_columns[] = {
    {&materia_result::material, &materia::IssueResult::material},
    {&materia_result::borderline, &materia::IssueResult::borderline}};

template <class Column, class Field, std::size_t N>
void fill_columns(materia_result& target, const ColumnOf<Column, Field> (&columns)[N]) {
  for (const auto& [column, field] : columns)
    for (const auto& issue : target.result.issues)
      (target.*column).push_back(static_cast<Column>(issue.*field));
}

}  // namespace

materia_result::materia_result(materia::Run done) : run(std::move(done)), result(run.result) {
  const std::size_t n = result.issues.size();
  for (const auto& issue : result.issues)
    tier_count = std::max(tier_count, issue.tier);
  for (const auto& issue : result.issues)
    tier_probability_width = std::max(tier_probability_width, issue.tier_probability.size());
  fill_columns(*this, double_columns);
  fill_columns(*this, int_columns);
  fill_columns(*this, flag_columns);
  tier_probability.assign(n * tier_probability_width, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& issue = result.issues[i];
    category.emplace_back(materia::category_code(issue.category));
    std::copy(issue.tier_probability.begin(), issue.tier_probability.end(),
              tier_probability.begin() + static_cast<std::ptrdiff_t>(i * tier_probability_width));
  }
}

namespace {

const materia::IssueResult* issue_at(const materia_result* result, size_t index) {
  if (result == nullptr || index >= result->result.issues.size()) return nullptr;
  return &result->result.issues[index];
}

// A column in rank order; NULL for a NULL or empty result.
template <class T>
const T* column(const materia_result* result, const std::vector<T> materia_result::*member) {
  if (result == nullptr || (result->*member).empty()) return nullptr;
  return (result->*member).data();
}

// A summary value; `none` for a NULL result.
template <class T>
T summary(const materia_result* result, T materia::Result::*member, T none) {
  return result ? result->result.*member : none;
}

const char* summary_text(const materia_result* result, std::string materia::Result::*member) {
  return result ? (result->result.*member).c_str() : nullptr;
}

// A text of the issue at `index`; NULL for a NULL result or an index out of range.
const char* issue_text(const materia_result* result, size_t index,
                       std::string materia::IssueResult::*member) {
  const auto* issue = issue_at(result, index);
  return issue ? (issue->*member).c_str() : nullptr;
}

}  // namespace

extern "C" {

int materia_analyze(materia_result** out, const materia_dataset* dataset,
                    const char* options_json) {
  return new_handle("materia_analyze", out, {{dataset, "dataset"}}, [&] {
    materia::Request request =
        materia::parse_request(options_json ? std::string_view(options_json) : std::string_view());
    return materia::run(dataset->dataset, std::move(request));
  });
}

void materia_result_free(materia_result* result) {
  delete result;
}

int materia_result_to_json(const materia_result* result, char** out, size_t* out_len) {
  return text_out("materia_result_to_json", out, out_len, {{result, "result"}},
                  [&] { return materia::render(result->result, materia::Format::json); });
}

int materia_result_to_csv(const materia_result* result, char** out, size_t* out_len) {
  return text_out("materia_result_to_csv", out, out_len, {{result, "result"}},
                  [&] { return materia::render(result->result, materia::Format::csv); });
}

const char* materia_result_method(const materia_result* r) {
  return summary_text(r, &materia::Result::method);
}
const char* materia_result_tier_spec(const materia_result* r) {
  return summary_text(r, &materia::Result::tiers);
}
size_t materia_result_companies(const materia_result* r) {
  return summary<std::size_t>(r, &materia::Result::companies, 0);
}
size_t materia_result_universe(const materia_result* r) {
  return summary<std::size_t>(r, &materia::Result::universe, 0);
}
int materia_result_higher_is_better(const materia_result* r) {
  return summary(r, &materia::Result::higher_is_better, false) ? 1 : 0;
}
double materia_result_gvf(const materia_result* r) {
  return summary(r, &materia::Result::gvf, 0.0);
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

const char* materia_result_issue_id(const materia_result* r, size_t index) {
  return issue_text(r, index, &materia::IssueResult::id);
}
const char* materia_result_issue_name(const materia_result* r, size_t index) {
  return issue_text(r, index, &materia::IssueResult::name);
}
const char* materia_result_issue_category(const materia_result* r, size_t index) {
  return issue_at(r, index) ? r->category[index].c_str() : nullptr;
}
const char* materia_result_issue_quadrant(const materia_result* r, size_t index) {
  return issue_text(r, index, &materia::IssueResult::quadrant);
}
const char* materia_result_issue_name_en(const materia_result* r, size_t index) {
  return issue_text(r, index, &materia::IssueResult::name_en);
}
const char* materia_result_issue_parent(const materia_result* r, size_t index) {
  return issue_text(r, index, &materia::IssueResult::parent);
}
const char* materia_result_issue_influential_firm(const materia_result* r, size_t index) {
  return issue_text(r, index, &materia::IssueResult::influential_firm);
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
const int* materia_result_material(const materia_result* r) {
  return column(r, &materia_result::material);
}
const int* materia_result_borderline(const materia_result* r) {
  return column(r, &materia_result::borderline);
}
const double* materia_result_composite(const materia_result* r) {
  return column(r, &materia_result::composite);
}
const double* materia_result_rank_low(const materia_result* r) {
  return column(r, &materia_result::rank_low);
}
const double* materia_result_rank_high(const materia_result* r) {
  return column(r, &materia_result::rank_high);
}
const double* materia_result_influential_shift(const materia_result* r) {
  return column(r, &materia_result::influential_shift);
}
const double* materia_result_tier_probability(const materia_result* r, size_t* out_tiers) {
  if (out_tiers != nullptr) *out_tiers = r ? r->tier_probability_width : 0;
  if (r == nullptr || r->tier_probability.empty()) return nullptr;
  return r->tier_probability.data();
}

double materia_result_stakeholder_threshold(const materia_result* r) {
  return summary<double>(r, &materia::Result::stakeholder_threshold, NAN);
}
double materia_result_business_threshold(const materia_result* r) {
  return summary<double>(r, &materia::Result::business_threshold, NAN);
}
const char* materia_result_material_rule(const materia_result* r) {
  return summary_text(r, &materia::Result::material_rule);
}
const char* materia_result_threshold_rule(const materia_result* r) {
  return summary_text(r, &materia::Result::threshold_rule);
}
const char* materia_result_axis_aggregation(const materia_result* r) {
  return summary_text(r, &materia::Result::axis_aggregation);
}
const char* materia_result_roll_up(const materia_result* r) {
  return summary_text(r, &materia::Result::roll_up);
}
double materia_result_borderline_band(const materia_result* r) {
  return summary<double>(r, &materia::Result::borderline_band, NAN);
}
size_t materia_result_composite_top(const materia_result* r) {
  return summary<std::size_t>(r, &materia::Result::composite_top, 0);
}
int materia_result_composite_cut_attention(const materia_result* r) {
  return summary(r, &materia::Result::composite_cut_attention, 0);
}
double materia_result_composite_attention_threshold(const materia_result* r) {
  return summary<double>(r, &materia::Result::composite_attention_threshold, NAN);
}
double materia_result_composite_importance_threshold(const materia_result* r) {
  return summary<double>(r, &materia::Result::composite_importance_threshold, NAN);
}
int materia_result_tier_count(const materia_result* r) {
  return r ? r->tier_count : 0;
}
size_t materia_result_bootstrap_replicates(const materia_result* r) {
  return summary<std::size_t>(r, &materia::Result::bootstrap_replicates, 0);
}
unsigned long long materia_result_bootstrap_seed(const materia_result* r) {
  return r ? r->result.bootstrap_seed : 0;
}
int materia_result_leave_one_out(const materia_result* r) {
  return summary(r, &materia::Result::leave_one_out, false) ? 1 : 0;
}
size_t materia_result_warning_count(const materia_result* r) {
  return r ? r->result.warnings.size() : 0;
}
const char* materia_result_warning(const materia_result* r, size_t index) {
  if (r == nullptr || index >= r->result.warnings.size()) return nullptr;
  return r->result.warnings[index].c_str();
}

int materia_result_explain(const materia_result* result, const char* issue, char** out,
                           size_t* out_len) {
  return text_out(
      "materia_result_explain", out, out_len, {{result, "result"}, {issue, "issue"}},
      [&] { return materia::render(materia::explain(result->run, issue), materia::Format::json); });
}

int materia_result_agreement(const materia_result* result, double* out_w, double* out_chi_square,
                             double* out_df, double* out_p_value) {
  if (result == nullptr) return null_argument("materia_result_agreement", "result");
  return guard([&] {
    const materia::Concordance c = materia::firm_agreement(result->result).concordance;
    if (out_w != nullptr) *out_w = c.w;
    if (out_chi_square != nullptr) *out_chi_square = c.chi_square;
    if (out_df != nullptr) *out_df = c.df;
    if (out_p_value != nullptr) *out_p_value = c.p_value;
    return MATERIA_OK;
  });
}

int materia_result_agreement_json(const materia_result* result, size_t show, char** out,
                                  size_t* out_len) {
  return text_out("materia_result_agreement_json", out, out_len, {{result, "result"}}, [&] {
    return materia::render(materia::firm_agreement(result->result), materia::Format::json, show);
  });
}

}  // extern "C"
