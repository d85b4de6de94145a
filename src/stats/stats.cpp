#include "materia/stats/stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>

#include "materia/stats/skillings_mack.hpp"
#include "materia/stats/topk_distance.hpp"

#include "rank/compiled_kernels.hpp"

namespace materia {

double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
  return detail::with_usage_errors([&] { return kernels::kendall_tau_b(x, y); });
}

double spearman_rho(const std::vector<double>& x, const std::vector<double>& y) {
  return detail::with_usage_errors([&] { return kernels::spearman_rho(x, y); });
}

Concordance kendall_w(const std::vector<std::vector<double>>& ratings) {
  return detail::with_usage_errors([&] { return kernels::kendall_w(ratings); });
}

Agreement firm_agreement(const Result& result) {
  Agreement agreement;
  const std::size_t n = result.issues.size();
  std::vector<std::size_t> firms;
  for (std::size_t f = 0; f < result.firms.size(); ++f)
    if (result.firms[f].weight > 0) firms.push_back(f);
  std::vector<std::ptrdiff_t> row_of(result.firms.size(), -1);
  for (std::size_t r = 0; r < firms.size(); ++r)
    row_of[firms[r]] = static_cast<std::ptrdiff_t>(r);
  std::vector<std::vector<double>> ratings(
      firms.size(), std::vector<double>(n, std::numeric_limits<double>::quiet_NaN()));
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& listing : result.issues[i].listings)
      if (listing.firm < row_of.size() && row_of[listing.firm] >= 0)
        ratings[static_cast<std::size_t>(row_of[listing.firm])][i] = listing.rank;
  agreement.concordance = kendall_w(ratings);
  const std::size_t m = firms.size();
  if (n >= 2 && n <= kMaxSkillingsMackIssues &&
      std::any_of(ratings.begin(), ratings.end(), [](const std::vector<double>& row) {
        return std::count_if(row.begin(), row.end(), [](double r) { return !std::isnan(r); }) >= 2;
      })) {
    const SkillingsMack test = skillings_mack(ratings, kAgreementPermutations, 1);
    agreement.listed_only = {test.statistic, test.df, test.p_value, test.permutation_p_value,
                             test.permutations};
  }
  if (m < 2 || n < 2) return agreement;

  std::vector<std::vector<double>> completed(m);
  std::vector<double> total(n, 0.0);
  for (std::size_t r = 0; r < m; ++r) {
    double unused = 0;
    completed[r] = kernels::complete_row_ranks(ratings[r], unused);
    for (std::size_t i = 0; i < n; ++i)
      total[i] += completed[r][i];
  }
  for (std::size_t r = 0; r < m; ++r) {
    std::vector<double> others(n);
    for (std::size_t i = 0; i < n; ++i)
      others[i] = (total[i] - completed[r][i]) / static_cast<double>(m - 1);
    FirmTypicality typical;
    typical.firm = firms[r];
    typical.id = result.firms[firms[r]].id;
    typical.listed = result.firms[firms[r]].listed;
    typical.rho = spearman_rho(completed[r], others);
    // as top-k lists: the firm's listed issues by its ranks and the others' consensus, each
    // with ties in the result's order
    std::vector<std::size_t> own, consensus(n);
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isnan(ratings[r][i])) own.push_back(i);
    std::stable_sort(own.begin(), own.end(),
                     [&](std::size_t a, std::size_t b) { return ratings[r][a] < ratings[r][b]; });
    std::iota(consensus.begin(), consensus.end(), std::size_t{0});
    std::stable_sort(consensus.begin(), consensus.end(),
                     [&](std::size_t a, std::size_t b) { return others[a] < others[b]; });
    if (!own.empty()) {
      typical.rbo = rank_biased_overlap(own, consensus, kAgreementPersistence);
      const std::vector<std::size_t> top(
          consensus.begin(), consensus.begin() + static_cast<std::ptrdiff_t>(own.size()));
      typical.topk_distance = normalized_kendall_topk_distance(own, top, 0.5);
    }
    agreement.typicality.push_back(typical);
  }
  std::sort(
      agreement.typicality.begin(), agreement.typicality.end(), [](const auto& a, const auto& b) {
        const double ra = std::isnan(a.rho) ? -2.0 : a.rho, rb = std::isnan(b.rho) ? -2.0 : b.rho;
        return ra != rb ? ra > rb : a.id < b.id;
      });
  return agreement;
}

}  // namespace materia
