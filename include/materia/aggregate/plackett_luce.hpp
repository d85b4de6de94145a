#pragma once
/// \file plackett_luce.hpp
/// Header-only Plackett–Luce model for top-k partial rankings: worths fitted by Hunter's (2004)
/// MM algorithm, with the pseudo-ranking prior of Turner, van Etten, Firth & Kosmidis (2020) by
/// default, and quasi-variances of the log-worths (Firth & de Menezes 2004). Needs the standard
/// library and Eigen. Definitions and sources: docs/method-statistics.md.
///
///     auto fit = materia::fit_plackett_luce(3, {{0, 1}, {1, 0, 2}, {0}}, {});
///     fit.worth;  // sums to 1

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>

namespace materia {

/// How fit_plackett_luce fits.
struct PlackettLuceOptions {
  /// Prior strength: each item beats a ghost item of worth 1 `npseudo` times and loses to it
  /// `npseudo` times (Turner et al. 2020; R's PlackettLuce default 0.5). 0 gives the pure maximum
  /// likelihood estimate, which exists only when the "ranked above" graph is strongly connected.
  double npseudo = 0.5;
  /// The MM iterations stop when every item's observed count of choices and its expected count
  /// differ by at most this fraction of the observed count (the relative score, which is also the
  /// relative change of the item's worth in the next MM step).
  double tolerance = 1e-13;
  /// Throws std::runtime_error when the tolerance is not reached within this many iterations.
  std::size_t max_iterations = 200000;
};

/// A fitted Plackett–Luce model.
struct PlackettLuceFit {
  /// Worth of each item, normalised to sum 1 over the n items.
  std::vector<double> worth;
  /// log(worth): the log-worths under the constraint that the worths sum to 1.
  std::vector<double> log_worth;
  /// Log-likelihood of the weighted rankings alone at the estimate (no prior term).
  double log_likelihood = 0.0;
  /// The maximised objective: log_likelihood plus the pseudo-rankings' log-likelihood (the ghost's
  /// worth is 1 and the items' worths are on that scale); equals log_likelihood when npseudo = 0.
  double penalized_log_likelihood = 0.0;
  /// MM iterations run.
  std::size_t iterations = 0;
  /// contrast_variance(i, j) = Var(log_worth_i - log_worth_j), from the inverse of the observed
  /// information of the maximised objective in the log-worths (zero diagonal; invariant to the
  /// constraint that identifies the log-worths).
  Eigen::MatrixXd contrast_variance;
  /// Quasi-variances q of the log-worths: q_i + q_j approximates contrast_variance(i, j), fitted
  /// as R's qvcalc does. Empty when n < 3 (they are not identified; qvcalc refuses them too).
  std::vector<double> quasi_variance;
  /// The worst relative error of a quasi standard error for a simple contrast,
  /// max over i < j of |sqrt((q_i + q_j) / contrast_variance(i, j)) - 1| (qvcalc's relerrs).
  double quasi_variance_worst_error = 0.0;
};

/// Quasi-variances of Firth & de Menezes (2004, Biometrika 91(1), 65–80): given the variances
/// v_ij > 0 of all simple contrasts of n >= 3 parameters (a symmetric matrix; the diagonal is
/// ignored), the q minimising sum over i < j of (log v_ij - log(q_i + q_j))^2. This is the
/// criterion R's qvcalc fits (a Gaussian GLM of log v_ij with the "expLinear" link); it is
/// minimised by the same Gauss–Newton iterations as R's glm, started at the least-squares
/// solution of q_i + q_j = v_ij, halving a step until every q_i + q_j stays positive and the
/// criterion does not grow. An individual q_i may be negative. Throws std::invalid_argument for
/// n < 3, a non-square matrix or a contrast variance that is not finite and positive.
inline std::vector<double> quasi_variances(const Eigen::MatrixXd& contrast_variance);

/// Fits the Plackett–Luce model to top-k rankings of the items 0..items-1.
///
/// Each ranking lists distinct items from first to last; items it does not list rank below all
/// it lists, in no known order. Its likelihood is the product over its positions t = 1..k of
/// worth(item at t) / (sum of the worths of all items not placed at positions before t), the sum
/// taken over ALL n items; a complete ranking's last position is a certain choice. `weights` has
/// one positive weight per ranking (a ranking of weight w counts w times) or is empty (all 1).
///
/// Estimation: Hunter (2004, Ann. Statist. 32(1), 384–406), MM algorithm for Plackett–Luce,
///   worth_i <- w_i / (sum over the choices whose set contains i of weight / set's total worth),
/// w_i being the weighted count of i's choices. After each step the worths are rescaled: to sum 1
/// without a prior, else by the common factor that maximises the prior (the rankings' likelihood
/// does not depend on it), so each iteration still increases the objective and the deterministic
/// iterations converge to the fixed point. With npseudo > 0 the pseudo-rankings of Turner, van
/// Etten, Firth & Kosmidis (2020, "Modelling rankings in R: the PlackettLuce package",
/// Computational Statistics 35, 1027–1057) add, for each item, npseudo wins and npseudo losses
/// against a ghost item of fixed worth 1: a prior that keeps every estimate finite. With
/// npseudo = 0 the MLE exists iff the directed graph with an edge i -> j whenever i is ranked
/// above j is strongly connected (Hunter 2004, Assumption 1); when it is not,
/// std::invalid_argument names a group of items never ranked above the rest and one never ranked
/// below it.
///
/// Observed information (derived in docs/method-statistics.md): with p_a = worth_a / S the choice
/// probabilities of a choice set R of total worth S, each choice of weight w adds
/// w (diag(p) - p p^T) over R; each item's pseudo rankings add 2 npseudo pi_i (1 - pi_i) to its
/// diagonal, pi_i = worth_i / (worth_i + 1) on the ghost's scale. Its inverse (with npseudo = 0,
/// the inverse with item 0's log-worth held at 0) gives contrast_variance and quasi-variances.
///
/// Throws std::invalid_argument for fewer than 2 items, an item out of range or listed twice in a
/// ranking, a weight that is not finite and positive, a weights size that is neither 0 nor the
/// number of rankings, or a negative or non-finite npseudo; std::runtime_error when the MM
/// iterations do not reach the tolerance.
inline PlackettLuceFit fit_plackett_luce(std::size_t items,
                                         const std::vector<std::vector<std::size_t>>& rankings,
                                         const std::vector<double>& weights,
                                         const PlackettLuceOptions& options = {});

/// One ranking with ties, for fit_plackett_luce_tied: `groups` of tied items from first to last
/// (each group non-empty, every item in at most one group). With `listed_only` the ranking says
/// nothing about the items it does not list: its choice sets hold only the items it lists.
/// Otherwise its unlisted items rank below all it lists, in no known order.
struct PlackettLuceRanking {
  std::vector<std::vector<std::size_t>> groups;
  bool listed_only = false;
};

/// Thrown by the fits with npseudo = 0 when the maximum likelihood estimate does not exist:
/// `never_above` is a group of items never ranked above any item outside it, `never_below` one
/// never ranked below any item outside it (the sink and source groups of the "ranked above"
/// graph that hold the lowest-numbered such item), so a caller can name them in its own terms.
struct PlackettLuceNoMle : std::invalid_argument {
  PlackettLuceNoMle(const std::string& message, std::vector<std::size_t> above,
                    std::vector<std::size_t> below)
      : std::invalid_argument(message),
        never_above(std::move(above)),
        never_below(std::move(below)) {}
  std::vector<std::size_t> never_above;
  std::vector<std::size_t> never_below;
};

/// fit_plackett_luce for rankings with ties and rankings that compare only the items they list.
/// A tied group G met when the items R are left contributes, in Breslow's (1974) approximation,
/// prod over g in G of worth_g / (total worth of R): each tied item is chosen from the same set,
/// which includes the items it is tied with: an approximation of the sum over the group's orders
/// (Turner et al. 2020 model ties with Davidson-type parameters instead). A last group of one item
/// that is everything left is a certain choice and is not counted. Without ties and with
/// listed_only false this is fit_plackett_luce. The MLE (npseudo = 0) needs the graph with an edge
/// i -> j whenever i is chosen from a set holding j (tied items point at each other) to be strongly
/// connected; when it is not, throws PlackettLuceNoMle. Throws std::invalid_argument as
/// fit_plackett_luce does, and for an empty group.
inline PlackettLuceFit fit_plackett_luce_tied(std::size_t items,
                                              const std::vector<PlackettLuceRanking>& rankings,
                                              const std::vector<double>& weights,
                                              const PlackettLuceOptions& options = {});

namespace detail {

// "item 3" or "items 0, 4, 7".
inline std::string plackett_luce_item_list(const std::vector<std::size_t>& group) {
  std::string text = group.size() == 1 ? "item " : "items ";
  for (std::size_t i = 0; i < group.size(); ++i)
    text += (i ? ", " : "") + std::to_string(group[i]);
  return text;
}

// Strongly connected components of a directed graph (Tarjan 1972, iterative): the component of
// each vertex, numbered in the order the components complete (a sink component first).
inline std::vector<std::size_t> strong_components(
    const std::vector<std::vector<std::size_t>>& edges, std::size_t& count) {
  const std::size_t n = edges.size(), unvisited = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> index(n, unvisited), low(n, 0), component(n, unvisited);
  std::vector<std::size_t> stack, next_edge(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<std::size_t> path;
  std::size_t counter = 0;
  count = 0;
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] != unvisited) continue;
    path.push_back(root);
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!path.empty()) {
      const std::size_t v = path.back();
      if (next_edge[v] < edges[v].size()) {
        const std::size_t w = edges[v][next_edge[v]++];
        if (index[w] == unvisited) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          path.push_back(w);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      path.pop_back();
      if (!path.empty()) low[path.back()] = std::min(low[path.back()], low[v]);
      if (low[v] == index[v]) {
        std::size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          component[w] = count;
        } while (w != v);
        ++count;
      }
    }
  }
  return component;
}

// Throws PlackettLuceNoMle when the "ranked above" graph of the rankings is not strongly
// connected. Each choice of the items of a group G from the set R of items left stands for the
// edges g -> j, j in R: a cycle through G, G -> the next group and, after the last group of a
// ranking that is not listed_only, -> each unlisted item have the same reachability (every other
// edge is implied by transitivity).
inline void require_plackett_luce_mle(std::size_t n,
                                      const std::vector<PlackettLuceRanking>& rankings) {
  std::vector<std::vector<std::size_t>> edges(n);
  std::vector<char> listed(n, 0);
  for (const auto& ranking : rankings) {
    const auto& groups = ranking.groups;
    for (std::size_t t = 0; t < groups.size(); ++t) {
      const auto& group = groups[t];
      for (std::size_t g = 0; group.size() > 1 && g < group.size(); ++g)
        edges[group[g]].push_back(group[(g + 1) % group.size()]);
      if (t + 1 < groups.size()) edges[group.back()].push_back(groups[t + 1].front());
    }
    if (groups.empty() || ranking.listed_only) continue;
    for (const auto& group : groups)
      for (std::size_t item : group)
        listed[item] = 1;
    for (std::size_t item = 0; item < n; ++item)
      if (!listed[item]) edges[groups.back().back()].push_back(item);
    for (const auto& group : groups)
      for (std::size_t item : group)
        listed[item] = 0;
  }
  std::size_t count = 0;
  const auto component = strong_components(edges, count);
  if (count == 1) return;
  std::vector<char> has_out(count, 0), has_in(count, 0);
  for (std::size_t v = 0; v < n; ++v)
    for (std::size_t w : edges[v])
      if (component[v] != component[w]) has_out[component[v]] = has_in[component[w]] = 1;
  // The groups named are those of the lowest-numbered item that lies in a sink or source group.
  std::size_t sink = count, source = count;
  for (std::size_t v = 0; v < n && (sink == count || source == count); ++v) {
    if (sink == count && !has_out[component[v]]) sink = component[v];
    if (source == count && !has_in[component[v]]) source = component[v];
  }
  std::vector<std::size_t> never_above, never_below;
  for (std::size_t v = 0; v < n; ++v) {
    if (component[v] == sink) never_above.push_back(v);
    if (component[v] == source) never_below.push_back(v);
  }
  throw PlackettLuceNoMle(
      "plackett_luce: the maximum likelihood estimate does not exist (the \"ranked above\" graph "
      "is not strongly connected): " +
          plackett_luce_item_list(never_above) + " never ranked above any other item, and " +
          plackett_luce_item_list(never_below) +
          " never ranked below any other item; use npseudo > 0 for the pseudo-rankings prior",
      never_above, never_below);
}

// A sum carried with its rounding error (Neumaier 1974, ZAMM 54, 39–51), so that a small
// difference of large sums keeps its digits.
struct CompensatedSum {
  double sum = 0.0, error = 0.0;
  void add(double x) {
    const double t = sum + x;
    error += std::fabs(sum) >= std::fabs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  double value() const { return sum + error; }
};

// Rankings without ties as tied rankings of one-item groups.
inline std::vector<PlackettLuceRanking> untied_rankings(
    const std::vector<std::vector<std::size_t>>& rankings) {
  std::vector<PlackettLuceRanking> tied(rankings.size());
  for (std::size_t r = 0; r < rankings.size(); ++r)
    for (std::size_t item : rankings[r])
      tied[r].groups.push_back({item});
  return tied;
}

// The factor c maximising the pseudo-rankings' log-likelihood of the worths c * worth, i.e. the
// root of sum_i (1 - c worth_i) / (1 + c worth_i) = 0 (decreasing in c): safeguarded Newton steps
// on log c inside a bracket.
inline double plackett_luce_prior_scale(const std::vector<double>& worth) {
  auto score = [&](double log_c, double& slope) {
    const double c = std::exp(log_c);
    double value = 0.0;
    slope = 0.0;
    for (double w : worth) {
      const double x = c * w;
      value += (1.0 - x) / (1.0 + x);
      slope -= 2.0 * x / ((1.0 + x) * (1.0 + x));
    }
    return value;
  };
  double slope = 0.0, low = -1.0, high = 1.0;
  while (score(low, slope) < 0.0)
    low *= 2.0;
  while (score(high, slope) > 0.0)
    high *= 2.0;
  double u = 0.0;
  for (int step = 0; step < 200; ++step) {
    const double value = score(u, slope);
    if (value == 0.0) break;
    (value > 0.0 ? low : high) = u;
    double next = u - value / slope;
    if (!(next > low && next < high)) next = (low + high) / 2.0;
    if (std::fabs(next - u) <= 1e-15 * (1.0 + std::fabs(u))) {
      u = next;
      break;
    }
    u = next;
  }
  return std::exp(u);
}

}  // namespace detail

inline std::vector<double> quasi_variances(const Eigen::MatrixXd& contrast_variance) {
  const auto n = static_cast<std::size_t>(contrast_variance.rows());
  if (contrast_variance.cols() != contrast_variance.rows())
    throw std::invalid_argument("quasi_variances: the contrast variances must be a square matrix");
  if (n < 3)
    throw std::invalid_argument("quasi_variances: need at least 3 parameters (got " +
                                std::to_string(n) + ")");
  const Eigen::Index size = contrast_variance.rows();
  const double pairs = static_cast<double>(n * (n - 1) / 2);
  for (Eigen::Index i = 0; i < size; ++i)
    for (Eigen::Index j = i + 1; j < size; ++j)
      if (!(std::isfinite(contrast_variance(i, j)) && contrast_variance(i, j) > 0.0))
        throw std::invalid_argument("quasi_variances: the variance of contrast " +
                                    std::to_string(i) + " - " + std::to_string(j) +
                                    " is not finite and positive");
  const Eigen::MatrixXd log_variance = contrast_variance.array().abs().log().matrix();
  // Least squares of q_i + q_j = v_ij: (X^T X) q = X^T v with X^T X = (n - 2) I + J.
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(size);
  for (Eigen::Index i = 0; i < size; ++i)
    for (Eigen::Index j = i + 1; j < size; ++j) {
      rhs(i) += contrast_variance(i, j);
      rhs(j) += contrast_variance(i, j);
    }
  Eigen::VectorXd q(size);
  const double total = rhs.sum() / (2.0 * static_cast<double>(n - 1));  // sum of q
  for (Eigen::Index i = 0; i < size; ++i)
    q(i) = (rhs(i) - total) / static_cast<double>(n - 2);
  auto criterion = [&](const Eigen::VectorXd& v, bool& valid) {
    double sum = 0.0;
    valid = true;
    for (Eigen::Index i = 0; i < size; ++i)
      for (Eigen::Index j = i + 1; j < size; ++j) {
        const double s = v(i) + v(j);
        if (!(s > 0.0)) {
          valid = false;
          return 0.0;
        }
        const double r = log_variance(i, j) - std::log(s);
        sum += r * r;
      }
    return sum;
  };
  bool valid = false;
  double current = criterion(q, valid);
  if (!valid) {  // a least-squares sum that is not positive: start from equal halves instead
    q = Eigen::VectorXd::Constant(size, rhs.sum() / (2.0 * pairs) / 2.0);
    current = criterion(q, valid);
  }
  for (int iteration = 0; iteration < 200; ++iteration) {
    Eigen::MatrixXd normal = Eigen::MatrixXd::Zero(size, size);
    Eigen::VectorXd gradient = Eigen::VectorXd::Zero(size);
    for (Eigen::Index i = 0; i < size; ++i)
      for (Eigen::Index j = i + 1; j < size; ++j) {
        const double s = q(i) + q(j), d = 1.0 / s;
        const double r = log_variance(i, j) - std::log(s);
        normal(i, i) += d * d;
        normal(j, j) += d * d;
        normal(i, j) += d * d;
        normal(j, i) += d * d;
        gradient(i) += d * r;
        gradient(j) += d * r;
      }
    const Eigen::VectorXd step = normal.ldlt().solve(gradient);
    double scale = 1.0, next = current;
    Eigen::VectorXd candidate = q;
    for (int halving = 0; halving < 60; ++halving, scale /= 2.0) {
      candidate = q + scale * step;
      next = criterion(candidate, valid);
      if (valid && next <= current) break;
    }
    if (!valid || next > current) break;  // no step of any length improves: at the minimum
    const double change = (candidate - q).cwiseAbs().maxCoeff();
    q = candidate;
    current = next;
    if (change <= 1e-15 * q.cwiseAbs().maxCoeff()) break;
  }
  return std::vector<double>(q.data(), q.data() + size);
}

inline PlackettLuceFit fit_plackett_luce_tied(std::size_t items,
                                              const std::vector<PlackettLuceRanking>& rankings,
                                              const std::vector<double>& weights,
                                              const PlackettLuceOptions& options) {
  const std::size_t n = items;
  if (n < 2)
    throw std::invalid_argument("plackett_luce: need at least 2 items (got " + std::to_string(n) +
                                ")");
  if (!weights.empty() && weights.size() != rankings.size())
    throw std::invalid_argument("plackett_luce: " + std::to_string(weights.size()) +
                                " weights for " + std::to_string(rankings.size()) + " rankings");
  if (!(std::isfinite(options.npseudo) && options.npseudo >= 0.0))
    throw std::invalid_argument("plackett_luce: npseudo must be finite and >= 0");
  if (!(options.tolerance > 0.0))
    throw std::invalid_argument("plackett_luce: the tolerance must be positive");
  // choices[r]: the groups of ranking r that are choices. A last group of one item that is all
  // that is left (of all n items, or of the listed ones with listed_only) is certain.
  std::vector<std::size_t> choices(rankings.size());
  {
    std::vector<char> seen(n, 0);
    for (std::size_t r = 0; r < rankings.size(); ++r) {
      const double weight = weights.empty() ? 1.0 : weights[r];
      if (!(std::isfinite(weight) && weight > 0.0))
        throw std::invalid_argument("plackett_luce: ranking " + std::to_string(r) +
                                    " has a weight that is not finite and positive");
      std::size_t listed = 0;
      for (const auto& group : rankings[r].groups) {
        if (group.empty())
          throw std::invalid_argument("plackett_luce: ranking " + std::to_string(r) +
                                      " has an empty group");
        for (std::size_t item : group) {
          if (item >= n)
            throw std::invalid_argument("plackett_luce: ranking " + std::to_string(r) +
                                        " lists item " + std::to_string(item) + " of only " +
                                        std::to_string(n));
          if (seen[item])
            throw std::invalid_argument("plackett_luce: ranking " + std::to_string(r) +
                                        " lists item " + std::to_string(item) + " twice");
          seen[item] = 1;
          ++listed;
        }
      }
      for (const auto& group : rankings[r].groups)
        for (std::size_t item : group)
          seen[item] = 0;
      const auto& groups = rankings[r].groups;
      const bool exhausted = rankings[r].listed_only || listed == n;
      choices[r] = groups.size() - (exhausted && !groups.empty() && groups.back().size() == 1);
    }
  }
  const double npseudo = options.npseudo;
  if (npseudo == 0.0) detail::require_plackett_luce_mle(n, rankings);

  auto weight_of = [&](std::size_t r) { return weights.empty() ? 1.0 : weights[r]; };
  // wins[i]: weighted count of i's choices (plus its npseudo wins over the ghost).
  std::vector<double> wins(n, npseudo);
  for (std::size_t r = 0; r < rankings.size(); ++r)
    for (std::size_t t = 0; t < choices[r]; ++t)
      for (std::size_t item : rankings[r].groups[t])
        wins[item] += weight_of(r);

  // A listed item of group g is in the choice sets of groups 0..g (all k of them when g >= k);
  // an unlisted item in all k, or in none with listed_only.
  std::vector<double> worth(n, 1.0 / static_cast<double>(n)), denominator(n);
  // An item listed near the top by most rankings has a denominator that is a small difference of
  // large sums (all choices, minus those after its own): they are carried with their rounding
  // errors, and each choice set's worth is summed from its end, so the observed and expected
  // counts can agree to the tolerance however concentrated the worths are.
  std::vector<detail::CompensatedSum> subtracted(n);
  std::vector<double> group_worth, set_worth, head, tail;
  // set_worth[g]: the worth of the items a ranking has left at its group g, its unlisted ones
  // included (none with listed_only), summed from the end.
  auto fill_set_worth = [&](const PlackettLuceRanking& ranking,
                            const detail::CompensatedSum& all_worth) {
    const auto& groups = ranking.groups;
    const std::size_t m = groups.size();
    detail::CompensatedSum unlisted = all_worth;
    group_worth.assign(m, 0.0);
    std::size_t listed = 0;
    for (std::size_t g = 0; g < m; ++g)
      for (std::size_t item : groups[g]) {
        group_worth[g] += worth[item];
        unlisted.add(-worth[item]);
        ++listed;
      }
    set_worth.assign(m + 1, 0.0);
    if (!ranking.listed_only && listed < n) set_worth[m] = unlisted.value();
    for (std::size_t g = m; g-- > 0;)
      set_worth[g] = set_worth[g + 1] + group_worth[g];
  };
  PlackettLuceFit fit;
  bool converged = false;
  for (std::size_t iteration = 1; iteration <= options.max_iterations; ++iteration) {
    std::fill(subtracted.begin(), subtracted.end(), detail::CompensatedSum{});
    std::fill(denominator.begin(), denominator.end(), 0.0);
    detail::CompensatedSum all_worth, every_item;  // every_item: sum over choices of w |G| / S
    for (double value : worth)
      all_worth.add(value);
    for (std::size_t r = 0; r < rankings.size(); ++r) {
      const std::size_t k = choices[r];
      if (k == 0) continue;
      const auto& groups = rankings[r].groups;
      const std::size_t m = groups.size();
      const double weight = weight_of(r);
      fill_set_worth(rankings[r], all_worth);
      // head[t]: sum over choices u < t of |G_u| / S_u; tail[t]: over choices u >= t
      head.assign(k + 1, 0.0);
      tail.assign(k + 1, 0.0);
      for (std::size_t t = 0; t < k; ++t)
        head[t + 1] = head[t] + static_cast<double>(groups[t].size()) / set_worth[t];
      for (std::size_t t = k; t-- > 0;)
        tail[t] = tail[t + 1] + static_cast<double>(groups[t].size()) / set_worth[t];
      // A listed item of group g is in the choice sets of groups 0..g (all k when g >= k); an
      // unlisted item in all k, or in none with listed_only.
      if (rankings[r].listed_only) {
        for (std::size_t g = 0; g < m; ++g)
          for (std::size_t item : groups[g])
            denominator[item] += weight * head[std::min(g + 1, k)];
      } else {
        every_item.add(weight * tail[0]);
        for (std::size_t g = 0; g < m; ++g)
          for (std::size_t item : groups[g])
            subtracted[item].add(-weight * tail[std::min(g + 1, k)]);
      }
    }
    double largest = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      detail::CompensatedSum total = every_item;
      total.add(subtracted[i].sum);
      total.error += subtracted[i].error;
      total.add(denominator[i]);
      total.add(2.0 * npseudo / (worth[i] + 1.0));
      denominator[i] = total.value();
      const double expected = worth[i] * denominator[i];
      largest = std::max(largest, std::fabs(wins[i] - expected) / wins[i]);
    }
    fit.iterations = iteration;
    if (largest <= options.tolerance) {
      converged = true;
      break;
    }
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      worth[i] = wins[i] / denominator[i];
      sum += worth[i];
    }
    // The rankings' likelihood is scale-free. Without a ghost, keep the worths summing to 1; with
    // one, only the prior depends on the common scale: maximise over it exactly.
    const double scale = npseudo == 0.0 ? 1.0 / sum : detail::plackett_luce_prior_scale(worth);
    for (double& value : worth)
      value *= scale;
  }
  if (!converged)
    throw std::runtime_error("plackett_luce: the MM iterations did not reach the tolerance " +
                             std::to_string(options.tolerance) + " within " +
                             std::to_string(options.max_iterations) + " iterations");

  // Log-likelihoods and the observed information at the estimate (on the ghost's scale).
  const auto size = static_cast<Eigen::Index>(n);
  Eigen::MatrixXd information = Eigen::MatrixXd::Zero(size, size);
  std::vector<double> c1(n + 1), c2(n + 1);  // running sums of |G|/S and |G|/S^2 over choices
  double every_item_c1 = 0.0, every_item_c2 = 0.0;
  std::vector<std::size_t> last(n), early;
  detail::CompensatedSum all_worth;
  for (double value : worth)
    all_worth.add(value);
  for (std::size_t r = 0; r < rankings.size(); ++r) {
    const std::size_t k = choices[r];
    if (k == 0) continue;
    const auto& groups = rankings[r].groups;
    const double weight = weight_of(r);
    fill_set_worth(rankings[r], all_worth);
    c1[0] = c2[0] = 0.0;
    for (std::size_t t = 0; t < k; ++t) {
      const auto d = static_cast<double>(groups[t].size());
      const double remaining = set_worth[t];
      for (std::size_t item : groups[t])
        fit.log_likelihood += weight * std::log(worth[item]);
      fit.log_likelihood -= weight * d * std::log(remaining);
      c1[t + 1] = c1[t] + d / remaining;
      c2[t + 1] = c2[t] + d / (remaining * remaining);
    }
    // Entry (a, b) of this ranking's sum over choices of w |G_t| (diag(p_t) - p_t p_t^T) is
    // w (delta_ab worth_a c1(last_a) - worth_a worth_b c2(min(last_a, last_b))), where last_a is
    // the number of choice sets containing a.
    if (rankings[r].listed_only) {
      early.clear();
      for (std::size_t g = 0; g < groups.size(); ++g)
        for (std::size_t item : groups[g]) {
          last[item] = std::min(g + 1, k);
          early.push_back(item);
        }
      for (std::size_t a : early) {
        const auto ia = static_cast<Eigen::Index>(a);
        information(ia, ia) += weight * worth[a] * c1[last[a]];
        for (std::size_t b : early)
          information(ia, static_cast<Eigen::Index>(b)) -=
              weight * worth[a] * worth[b] * c2[std::min(last[a], last[b])];
      }
      continue;
    }
    // The part that treats every item as present in all k choices is added once for all
    // rankings below; the items chosen before the last choice are corrected here.
    every_item_c1 += weight * c1[k];
    every_item_c2 += weight * c2[k];
    std::fill(last.begin(), last.end(), k);
    early.clear();  // items chosen before the last choice
    for (std::size_t g = 0; g + 1 < k; ++g)
      for (std::size_t item : groups[g]) {
        last[item] = g + 1;
        early.push_back(item);
      }
    for (std::size_t a : early) {
      const auto ia = static_cast<Eigen::Index>(a);
      information(ia, ia) += weight * worth[a] * (c1[last[a]] - c1[k]);
      for (std::size_t b = 0; b < n; ++b) {
        const std::size_t shared = std::min(last[a], last[b]);
        const double correction = -weight * worth[a] * worth[b] * (c2[shared] - c2[k]);
        const auto ib = static_cast<Eigen::Index>(b);
        information(ia, ib) += correction;
        // When b was chosen early too, (b, a) is added with b as the outer item.
        if (last[b] == k) information(ib, ia) += correction;
      }
    }
  }
  for (Eigen::Index a = 0; a < size; ++a) {
    const double wa = worth[static_cast<std::size_t>(a)];
    information(a, a) += every_item_c1 * wa;
    for (Eigen::Index b = 0; b < size; ++b)
      information(a, b) -= every_item_c2 * wa * worth[static_cast<std::size_t>(b)];
  }
  fit.penalized_log_likelihood = fit.log_likelihood;
  if (npseudo > 0.0)
    for (std::size_t i = 0; i < n; ++i) {
      const double pi = worth[i] / (worth[i] + 1.0);
      fit.penalized_log_likelihood += npseudo * (std::log(pi) + std::log(1.0 - pi));
      const auto ii = static_cast<Eigen::Index>(i);
      information(ii, ii) += 2.0 * npseudo * pi * (1.0 - pi);
    }

  // Covariance of the log-worths: on the ghost's scale, or with item 0's log-worth held at 0.
  Eigen::MatrixXd covariance = Eigen::MatrixXd::Zero(size, size);
  if (npseudo > 0.0) {
    covariance = information.ldlt().solve(Eigen::MatrixXd::Identity(size, size));
  } else {
    const Eigen::MatrixXd reduced = information.bottomRightCorner(size - 1, size - 1);
    covariance.bottomRightCorner(size - 1, size - 1) =
        reduced.ldlt().solve(Eigen::MatrixXd::Identity(size - 1, size - 1));
  }
  fit.contrast_variance = Eigen::MatrixXd::Zero(size, size);
  for (Eigen::Index i = 0; i < size; ++i)
    for (Eigen::Index j = 0; j < size; ++j)
      if (i != j)
        fit.contrast_variance(i, j) = covariance(i, i) + covariance(j, j) - 2.0 * covariance(i, j);

  double total = 0.0;
  for (double value : worth)
    total += value;
  fit.worth.resize(n);
  fit.log_worth.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    fit.worth[i] = worth[i] / total;
    fit.log_worth[i] = std::log(worth[i]) - std::log(total);
  }
  if (n >= 3) {
    fit.quasi_variance = quasi_variances(fit.contrast_variance);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) {
        const double v =
            fit.contrast_variance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
        const double error =
            std::fabs(std::sqrt((fit.quasi_variance[i] + fit.quasi_variance[j]) / v) - 1.0);
        fit.quasi_variance_worst_error = std::max(fit.quasi_variance_worst_error, error);
      }
  }
  return fit;
}

inline PlackettLuceFit fit_plackett_luce(std::size_t items,
                                         const std::vector<std::vector<std::size_t>>& rankings,
                                         const std::vector<double>& weights,
                                         const PlackettLuceOptions& options) {
  return fit_plackett_luce_tied(items, detail::untied_rankings(rankings), weights, options);
}

}  // namespace materia
