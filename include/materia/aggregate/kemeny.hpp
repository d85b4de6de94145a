#pragma once
/// \file kemeny.hpp
/// Header-only Kemeny-Young consensus: the order of the issues minimizing the weighted number of
/// pairwise disagreements with the firms (Kemeny 1959; Young & Levenglick 1978). Needs the
/// standard library, Eigen and Boost.Graph.
///
/// Exact where it is cheap, honest where it is not: the weak-majority graph (i -> j unless j
/// beats i) splits into strongly connected components whose condensation is a transitive
/// tournament; every member of an earlier component beats every member of a later one, so every
/// Kemeny-optimal order keeps the components in that order (extended Condorcet criterion,
/// Truchon 1998). Each component is then solved on its own.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>

#include "materia/aggregate/pairwise.hpp"

namespace materia::kernels {

namespace kemeny {

using Members = std::vector<std::size_t>;

inline double order_cost(const Eigen::MatrixXd& p, const Members& order) {
  double cost = 0.0;
  for (std::size_t a = 0; a < order.size(); ++a)
    for (std::size_t b = a + 1; b < order.size(); ++b)
      cost += p(static_cast<Eigen::Index>(order[b]), static_cast<Eigen::Index>(order[a]));
  return cost;
}

// Dynamic programming over subsets (Held-Karp style): best[S] is the least cost of ordering the
// set S as the top |S| issues, counting the pairs inside S; appending j below S costs the
// weight preferring j to each member of S. O(2^s s) with the per-issue sums over S read from
// two half-width tables.
inline Members solve_exact(const Eigen::MatrixXd& p, const Members& members) {
  const std::size_t s = members.size();
  const std::size_t low_bits = s / 2, high_bits = s - low_bits;
  const std::size_t low_size = std::size_t{1} << low_bits, high_size = std::size_t{1} << high_bits;
  // low[j][mask]: sum of P(j, i) over i in the low half selected by mask; high likewise.
  std::vector<std::vector<double>> low(s, std::vector<double>(low_size, 0.0)),
      high(s, std::vector<double>(high_size, 0.0));
  for (std::size_t j = 0; j < s; ++j) {
    const auto gj = static_cast<Eigen::Index>(members[j]);
    for (std::size_t mask = 1; mask < low_size; ++mask) {
      const auto bit = static_cast<std::size_t>(std::countr_zero(mask));
      low[j][mask] = low[j][mask & (mask - 1)] + p(gj, static_cast<Eigen::Index>(members[bit]));
    }
    for (std::size_t mask = 1; mask < high_size; ++mask) {
      const auto bit = static_cast<std::size_t>(std::countr_zero(mask));
      high[j][mask] =
          high[j][mask & (mask - 1)] + p(gj, static_cast<Eigen::Index>(members[low_bits + bit]));
    }
  }
  const std::size_t full = (std::size_t{1} << s) - 1;
  std::vector<double> best(full + 1, std::numeric_limits<double>::infinity());
  std::vector<std::uint8_t> last(full + 1, 0);
  best[0] = 0.0;
  for (std::size_t mask = 0; mask < full; ++mask) {
    const double here = best[mask];
    const std::size_t lo = mask & (low_size - 1), hi = mask >> low_bits;
    for (std::size_t j = 0; j < s; ++j) {
      if (mask & (std::size_t{1} << j)) continue;
      const std::size_t grown = mask | (std::size_t{1} << j);
      const double cost = here + low[j][lo] + high[j][hi];
      if (cost < best[grown]) {
        best[grown] = cost;
        last[grown] = static_cast<std::uint8_t>(j);
      }
    }
  }
  Members order(s);
  for (std::size_t mask = full, position = s; position-- > 0;) {
    order[position] = members[last[mask]];
    mask &= ~(std::size_t{1} << last[mask]);
  }
  return order;
}

// Ailon, Charikar & Newman (2008) KwikSort: a random pivot splits the rest into the issues that
// beat it and the others; recursion on both sides.
inline void kwik_sort(const Eigen::MatrixXd& p, Members& items, std::size_t from, std::size_t to,
                      std::mt19937_64& rng) {
  if (to - from < 2) return;
  const std::size_t pivot = items[from + rng() % (to - from)];
  Members above, below;
  for (std::size_t t = from; t < to; ++t) {
    const std::size_t x = items[t];
    if (x == pivot) continue;
    const auto gx = static_cast<Eigen::Index>(x), gp = static_cast<Eigen::Index>(pivot);
    (p(gx, gp) > p(gp, gx) ? above : below).push_back(x);
  }
  std::size_t t = from;
  for (std::size_t x : above)
    items[t++] = x;
  items[t++] = pivot;
  for (std::size_t x : below)
    items[t++] = x;
  kwik_sort(p, items, from, from + above.size(), rng);
  kwik_sort(p, items, from + above.size() + 1, to, rng);
}

// Local search by single-issue moves (an issue taken out and put back at its best place; it
// subsumes Dwork et al.'s local Kemenization of adjacent swaps). Repeats until no move gains.
inline void improve_by_moves(const Eigen::MatrixXd& p, Members& order, double tolerance) {
  const std::size_t s = order.size();
  bool improved = true;
  while (improved) {
    improved = false;
    for (std::size_t a = 0; a < s; ++a) {
      const auto x = static_cast<Eigen::Index>(order[a]);
      // moving x above order[b]: gain the weight preferring x, lose the weight preferring b
      double change = 0.0, best_change = -tolerance;
      std::size_t best_to = a;
      for (std::size_t b = a; b-- > 0;) {
        const auto y = static_cast<Eigen::Index>(order[b]);
        change += p(y, x) - p(x, y);
        if (change < best_change) best_change = change, best_to = b;
      }
      change = 0.0;
      for (std::size_t b = a + 1; b < s; ++b) {
        const auto y = static_cast<Eigen::Index>(order[b]);
        change += p(x, y) - p(y, x);
        if (change < best_change) best_change = change, best_to = b;
      }
      if (best_to != a) {
        const std::size_t moved = order[a];
        order.erase(order.begin() + static_cast<std::ptrdiff_t>(a));
        order.insert(order.begin() + static_cast<std::ptrdiff_t>(best_to), moved);
        improved = true;
      }
    }
  }
}

// Exact re-ordering of sliding windows of `width` consecutive issues (pairs with issues outside
// a window keep their order, so the window's own optimum is a sound improvement). Returns true
// when some window got strictly better.
inline bool improve_by_windows(const Eigen::MatrixXd& p, Members& order, std::size_t width,
                               double tolerance) {
  if (order.size() <= width) return false;
  bool improved = false;
  for (std::size_t start = 0; start + width <= order.size(); start += width / 2) {
    Members window(order.begin() + static_cast<std::ptrdiff_t>(start),
                   order.begin() + static_cast<std::ptrdiff_t>(start + width));
    Members best = solve_exact(p, window);
    if (order_cost(p, best) < order_cost(p, window) - tolerance) {
      std::copy(best.begin(), best.end(), order.begin() + static_cast<std::ptrdiff_t>(start));
      improved = true;
    }
  }
  return improved;
}

// A lower bound on the Kemeny distance of a component: every pair costs at least its minority
// weight min(P(i,j), P(j,i)); beyond that, every directed cycle of the majority relation must
// have an edge reversed, at the extra cost of that edge's margin P(i,j) - P(j,i). Charging each
// 3-cycle the smallest margin left on its edges and taking that off all three (a greedy
// fractional packing, the dual of the feedback arc set LP restricted to triangles) keeps the
// bound valid: an order's reversed edges meet every cycle, and each edge pays at most its margin.
inline double lower_bound(const Eigen::MatrixXd& p, const Members& members, double tolerance) {
  const std::size_t s = members.size();
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  RowMajor margin = RowMajor::Zero(static_cast<Eigen::Index>(s), static_cast<Eigen::Index>(s));
  double bound = 0.0;
  for (std::size_t a = 0; a < s; ++a)
    for (std::size_t b = a + 1; b < s; ++b) {
      const double ab =
          p(static_cast<Eigen::Index>(members[a]), static_cast<Eigen::Index>(members[b]));
      const double ba =
          p(static_cast<Eigen::Index>(members[b]), static_cast<Eigen::Index>(members[a]));
      bound += std::min(ab, ba);
      if (ab - ba > tolerance)
        margin(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = ab - ba;
      if (ba - ab > tolerance)
        margin(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(a)) = ba - ab;
    }
  // 3-cycles i -> j -> k -> i, each once from its smallest index i: j among i's later
  // successors, k among its later predecessors.
  const auto n = static_cast<Eigen::Index>(s);
  std::vector<Eigen::Index> out, in;
  for (Eigen::Index i = 0; i < n; ++i) {
    out.clear();
    in.clear();
    for (Eigen::Index x = i + 1; x < n; ++x) {
      if (margin(i, x) > 0.0) out.push_back(x);
      if (margin(x, i) > 0.0) in.push_back(x);
    }
    for (Eigen::Index j : out)
      for (Eigen::Index k : in) {
        if (margin(i, j) <= 0.0) break;
        const double charge = std::min({margin(i, j), margin(j, k), margin(k, i)});
        if (charge <= 0.0) continue;
        margin(i, j) -= charge;
        margin(j, k) -= charge;
        margin(k, i) -= charge;
        bound += charge;
      }
  }
  // then 4-cycles i -> j -> k -> l -> i on what is left, where O(s^4) is affordable
  if (s <= 150)
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = i + 1; j < n; ++j) {
        if (margin(i, j) <= 0.0) continue;
        for (Eigen::Index k = i + 1; k < n && margin(i, j) > 0.0; ++k) {
          if (k == j || margin(j, k) <= 0.0) continue;
          for (Eigen::Index l = i + 1; l < n && margin(i, j) > 0.0 && margin(j, k) > 0.0; ++l) {
            if (l == j || l == k) continue;
            const double charge =
                std::min({margin(i, j), margin(j, k), margin(k, l), margin(l, i)});
            if (charge <= 0.0) continue;
            margin(i, j) -= charge;
            margin(j, k) -= charge;
            margin(k, l) -= charge;
            margin(l, i) -= charge;
            bound += charge;
          }
        }
      }
  return bound;
}

// Best of several starts, each improved by moves: the Copeland order (issues by pairwise wins
// minus losses) and seeded KwikSort runs. Deterministic: the seed is fixed.
inline Members solve_heuristic(const Eigen::MatrixXd& p, const Members& members, double tolerance) {
  std::vector<Members> starts;
  Members by_net = members;
  std::vector<double> net(members.size(), 0.0);
  for (std::size_t a = 0; a < members.size(); ++a)
    for (std::size_t b = 0; b < members.size(); ++b) {
      const auto i = static_cast<Eigen::Index>(members[a]),
                 j = static_cast<Eigen::Index>(members[b]);
      net[a] += p(i, j) - p(j, i);
    }
  std::vector<std::size_t> index(members.size());
  std::iota(index.begin(), index.end(), 0);
  std::stable_sort(index.begin(), index.end(),
                   [&](std::size_t a, std::size_t b) { return net[a] > net[b]; });
  for (std::size_t t = 0; t < index.size(); ++t)
    by_net[t] = members[index[t]];
  starts.push_back(by_net);
  std::mt19937_64 rng(20011);
  for (int run = 0; run < 4; ++run) {
    Members order = members;
    kwik_sort(p, order, 0, order.size(), rng);
    starts.push_back(std::move(order));
  }
  Members best;
  double best_cost = std::numeric_limits<double>::infinity();
  for (auto& order : starts) {
    improve_by_moves(p, order, tolerance);
    const double cost = order_cost(p, order);
    if (cost < best_cost - tolerance) best_cost = cost, best = order;
  }
  // then alternate exact windows and moves on the winner until neither gains
  while (improve_by_windows(p, best, 12, tolerance))
    improve_by_moves(p, best, tolerance);
  return best;
}

}  // namespace kemeny

/// Kemeny distance of `order` under `preferences`: sum over i placed above j of P(j, i).
inline double kemeny_distance(const Eigen::MatrixXd& preferences,
                              const std::vector<std::size_t>& order) {
  return kemeny::order_cost(preferences, order);
}

/// A Kemeny consensus order of `preferences` (pairwise_preferences). Splits the weak-majority
/// graph into strongly connected components (Boost.Graph), which every Kemeny-optimal order
/// keeps in topological order, then solves each component exactly by dynamic programming over
/// subsets when it has at most `exact_limit` issues, else by a heuristic (best of Copeland order
/// and seeded KwikSort, improved by single-issue moves, then exact re-ordering of sliding windows
/// of 12 alternated with moves until neither gains). Throws std::invalid_argument for an
/// exact_limit above 24.
inline KemenyOrder kemeny_order(const Eigen::MatrixXd& preferences, std::size_t exact_limit = 20) {
  using kemeny::Members;
  if (exact_limit > 24)
    throw std::invalid_argument("kemeny: exact components are limited to 24 issues (2^24 states)");
  const Majority majority(preferences);
  const auto n = static_cast<std::size_t>(preferences.rows());
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph graph(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      if (i != j && !majority.beats(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(i)))
        boost::add_edge(i, j, graph);
  std::vector<std::size_t> component(n);
  const std::size_t count =
      n == 0 ? 0 : static_cast<std::size_t>(boost::strong_components(graph, component.data()));
  std::vector<Members> members(count);
  for (std::size_t i = 0; i < n; ++i)
    members[component[i]].push_back(i);
  // The components form a transitive tournament: order them by how many issues they beat.
  std::vector<std::size_t> beaten(count, 0);
  for (std::size_t c = 0; c < count; ++c) {
    const auto rep = static_cast<Eigen::Index>(members[c].front());
    for (std::size_t j = 0; j < n; ++j)
      if (component[j] != c && majority.beats(rep, static_cast<Eigen::Index>(j))) ++beaten[c];
  }
  std::vector<std::size_t> sequence(count);
  std::iota(sequence.begin(), sequence.end(), 0);
  std::sort(sequence.begin(), sequence.end(), [&](std::size_t a, std::size_t b) {
    return beaten[a] != beaten[b] ? beaten[a] > beaten[b] : members[a].front() < members[b].front();
  });

  KemenyOrder result;
  result.proven_optimal = true;
  double gap = 0.0;  // distance above the lower bound, summed over unproven components
  for (std::size_t c : sequence) {
    const Members& group = members[c];
    result.largest_component = std::max(result.largest_component, group.size());
    Members solved;
    if (group.size() <= std::max<std::size_t>(exact_limit, 1)) {
      solved = group.size() == 1 ? group : kemeny::solve_exact(preferences, group);
    } else {
      solved = kemeny::solve_heuristic(preferences, group, majority.tolerance);
      // Proven optimal anyway when it meets the lower bound.
      const double bound = kemeny::lower_bound(preferences, group, majority.tolerance);
      const double cost = kemeny::order_cost(preferences, solved);
      if (cost > bound + majority.tolerance * static_cast<double>(group.size())) {
        result.proven_optimal = false;
        gap += cost - bound;
      }
    }
    result.order.insert(result.order.end(), solved.begin(), solved.end());
  }
  result.distance = kemeny::order_cost(preferences, result.order);
  result.lower_bound = result.distance - gap;
  return result;
}

/// The Kemeny order of the table's pairwise preferences as scores (each issue's position, 1 =
/// first) with its distance, optimality and lower bound; Aggregation::rank is left empty.
inline Aggregation aggregate_kemeny(const RankTable& table, const AggregateOptions& options) {
  KemenyOrder kemeny =
      kernels::kemeny_order(kernels::pairwise_preferences(table), options.kemeny_exact_limit);
  Aggregation result;
  result.method = Method::kemeny;
  result.higher_is_better = false;
  result.score.resize(table.issue_count());
  for (std::size_t position = 0; position < kemeny.order.size(); ++position)
    result.score[kemeny.order[position]] = static_cast<double>(position + 1);
  result.kemeny_distance = kemeny.distance;
  result.kemeny_proven_optimal = kemeny.proven_optimal;
  result.kemeny_lower_bound = kemeny.lower_bound;
  return result;
}

}  // namespace materia::kernels
