#pragma once
// Small rank tables for the aggregation tests, written as dense firms x issues ranks.

#include <random>
#include <vector>

#include "materia/aggregate/aggregate.hpp"

namespace materia::testing {

/// ranks[f][i] = firm f's rank of issue i, 0 = unlisted.
inline RankTable make_table(const std::vector<std::vector<double>>& ranks,
                            std::vector<double> weight = {},
                            std::vector<UnlistedPolicy> policy = {}, std::size_t universe = 0) {
  RankTable table;
  const std::size_t firms = ranks.size(), issues = firms ? ranks[0].size() : 0;
  std::vector<Eigen::Triplet<double>> triplets;
  for (std::size_t f = 0; f < firms; ++f) {
    std::size_t length = 0;
    for (std::size_t i = 0; i < issues; ++i)
      if (ranks[f][i] > 0) {
        triplets.emplace_back(static_cast<int>(f), static_cast<int>(i), ranks[f][i]);
        ++length;
      }
    table.length.push_back(length);
  }
  table.rank.resize(static_cast<Eigen::Index>(firms), static_cast<Eigen::Index>(issues));
  table.rank.setFromTriplets(triplets.begin(), triplets.end());
  table.weight = weight.empty() ? std::vector<double>(firms, 1.0) : weight;
  table.policy =
      policy.empty() ? std::vector<UnlistedPolicy>(firms, UnlistedPolicy::bottom) : policy;
  table.universe = universe ? universe : issues;
  return table;
}

/// Random partial lists (no ties) of `issues` issues by `firms` firms, lengths in [min_len,
/// issues].
inline std::vector<std::vector<double>> random_ranks(std::mt19937_64& rng, std::size_t firms,
                                                     std::size_t issues, std::size_t min_len) {
  std::vector<std::vector<double>> ranks(firms, std::vector<double>(issues, 0.0));
  std::vector<std::size_t> order(issues);
  for (auto& row : ranks) {
    for (std::size_t i = 0; i < issues; ++i)
      order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    std::size_t length = min_len + rng() % (issues - min_len + 1);
    for (std::size_t r = 0; r < length; ++r)
      row[order[r]] = static_cast<double>(r + 1);
  }
  return ranks;
}

inline Aggregation run(const RankTable& table, Method method) {
  AggregateOptions options;
  options.method = method;
  return aggregate(table, options);
}

}  // namespace materia::testing
