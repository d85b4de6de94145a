#pragma once
/// \file multiple_testing.hpp
/// Header-only corrections of a family of p-values for testing many hypotheses at once: Holm's
/// and Bonferroni's (family-wise error rate) and Benjamini–Hochberg's (false discovery rate), as
/// R's p.adjust. Significance tiers (`--tiers significance:0.05`) and the adjacent-rank sign
/// tests use them. Needs only the standard library. Sources: docs/method-statistics.md.
///
///     materia::holm_adjust({0.01, 0.04, 0.03});  // {0.03, 0.06, 0.06}
///     materia::bh_adjust({0.01, 0.04, 0.03});    // {0.03, 0.04, 0.04}

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace materia {

namespace detail {
inline void check_p_values(const std::vector<double>& p_values, const char* who) {
  for (std::size_t i = 0; i < p_values.size(); ++i)
    if (!(p_values[i] >= 0.0 && p_values[i] <= 1.0))
      throw std::invalid_argument(std::string(who) + ": p-value " + std::to_string(i) +
                                  " is not in [0, 1]");
}
// The indices of `p_values` from the smallest value to the largest (ties in input order).
inline std::vector<std::size_t> ascending_order(const std::vector<double>& p_values) {
  std::vector<std::size_t> order(p_values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  return order;
}
}  // namespace detail

/// Holm's (1979, Scand. J. Statist. 6(2), 65–70) step-down adjustment of m p-values: with the
/// p-values sorted ascending p_(1) <= ... <= p_(m), the adjusted p_(i) is
/// max over j <= i of min(1, (m - j + 1) p_(j)); returned in the input's order (R's
/// p.adjust(method = "holm")). Rejecting the hypotheses whose adjusted p-value is <= alpha
/// controls the family-wise error rate at alpha. Throws std::invalid_argument for a p-value that
/// is NaN or outside [0, 1].
inline std::vector<double> holm_adjust(const std::vector<double>& p_values) {
  const std::size_t m = p_values.size();
  detail::check_p_values(p_values, "holm_adjust");
  const std::vector<std::size_t> order = detail::ascending_order(p_values);
  std::vector<double> adjusted(m);
  double running = 0.0;
  for (std::size_t rank = 0; rank < m; ++rank) {
    const double scaled = static_cast<double>(m - rank) * p_values[order[rank]];
    running = std::max(running, std::min(1.0, scaled));
    adjusted[order[rank]] = running;
  }
  return adjusted;
}

/// Bonferroni's adjustment of m p-values: min(1, m p) (R's p.adjust(method = "bonferroni")).
/// Throws std::invalid_argument for a p-value that is NaN or outside [0, 1].
inline std::vector<double> bonferroni_adjust(const std::vector<double>& p_values) {
  detail::check_p_values(p_values, "bonferroni_adjust");
  std::vector<double> adjusted(p_values);
  for (auto& p : adjusted)
    p = std::min(1.0, static_cast<double>(p_values.size()) * p);
  return adjusted;
}

/// Benjamini & Hochberg's (1995, J. R. Statist. Soc. B 57(1), 289–300) step-up adjustment of m
/// p-values: with p_(1) <= ... <= p_(m), the adjusted p_(i) is min over j >= i of
/// min(1, m p_(j) / j); returned in the input's order (R's p.adjust(method = "BH")). Rejecting
/// those at or below q controls the false discovery rate at q for independent tests. Throws
/// std::invalid_argument for a p-value that is NaN or outside [0, 1].
inline std::vector<double> bh_adjust(const std::vector<double>& p_values) {
  detail::check_p_values(p_values, "bh_adjust");
  const std::size_t m = p_values.size();
  const std::vector<std::size_t> order = detail::ascending_order(p_values);
  std::vector<double> adjusted(m);
  double running = 1.0;
  for (std::size_t rank = m; rank-- > 0;) {
    const double scaled =
        static_cast<double>(m) * p_values[order[rank]] / static_cast<double>(rank + 1);
    running = std::min(running, scaled);
    adjusted[order[rank]] = running;
  }
  return adjusted;
}

}  // namespace materia
