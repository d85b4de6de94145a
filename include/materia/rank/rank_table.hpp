#pragma once
/// \file rank_table.hpp
/// Header-only: the firms x issues rank table every aggregation method reads, and how its rows
/// are filled. Needs only the standard library and Eigen.
///
///     std::vector<materia::kernels::FirmList> firms = {{{0, 2}, {1, 2}}, {{2, 1}, {1, 2}}};
///     materia::RankTable table = materia::kernels::rank_table(firms, 3, 3);

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/SparseCore>

#include "materia/model/unlisted_policy.hpp"
#include "materia/rank/loop.hpp"

namespace materia {

/// Firms x issues ranks for one axis, with everything aggregation needs.
struct RankTable {
  /// Mid-ranks of listed issues (1..k); structurally absent = unlisted.
  Eigen::SparseMatrix<double, Eigen::RowMajor> rank;
  std::vector<double> weight;          ///< per firm, >= 0
  std::vector<std::size_t> length;     ///< per firm: k, the number of issues it listed
  std::vector<UnlistedPolicy> policy;  ///< per firm
  std::size_t universe = 0;            ///< N: the number of issues rankings are out of

  std::size_t firm_count() const { return static_cast<std::size_t>(rank.rows()); }
  std::size_t issue_count() const { return static_cast<std::size_t>(rank.cols()); }
};

/// True when two tables hold the same rankings (values, structure, weights, lengths, policies,
/// universe): every aggregation method then gives both the same result.
inline bool same_rankings(const RankTable& a, const RankTable& b) {
  if (a.universe != b.universe || a.weight != b.weight || a.length != b.length ||
      a.policy != b.policy || a.rank.rows() != b.rank.rows() || a.rank.cols() != b.rank.cols() ||
      a.rank.nonZeros() != b.rank.nonZeros() || !a.rank.isCompressed() || !b.rank.isCompressed())
    return false;
  const auto rows = static_cast<std::size_t>(a.rank.rows());
  const auto nonzeros = static_cast<std::size_t>(a.rank.nonZeros());
  return std::equal(a.rank.outerIndexPtr(), a.rank.outerIndexPtr() + rows + 1,
                    b.rank.outerIndexPtr()) &&
         std::equal(a.rank.innerIndexPtr(), a.rank.innerIndexPtr() + nonzeros,
                    b.rank.innerIndexPtr()) &&
         std::equal(a.rank.valuePtr(), a.rank.valuePtr() + nonzeros, b.rank.valuePtr());
}

namespace kernels {

/// One firm's listed issues as a view: issue columns and their ranks, in the same order.
struct RankedList {
  std::span<const std::size_t> issue;
  std::span<const double> rank;
};

/// Sizes `rank` to firms x issue_count and fills each firm's row straight into compressed (CSR)
/// storage, its entries ordered by issue; row_of(f) gives firm f's RankedList (or another view
/// with spans `issue`, of unsigned integers, and `rank`). The rows are
/// filled on `loop`. A firm lists an issue once: a list naming one twice throws
/// std::invalid_argument (the lowest such firm's) instead of writing a malformed row.
template <typename RowOf, typename Loop = SequentialLoop>
void fill_rank_rows(Eigen::SparseMatrix<double, Eigen::RowMajor>& rank, std::size_t firms,
                    std::size_t issue_count, const RowOf& row_of, const Loop& loop = {}) {
  using Storage = Eigen::SparseMatrix<double, Eigen::RowMajor>::StorageIndex;
  rank.resize(static_cast<Eigen::Index>(firms), static_cast<Eigen::Index>(issue_count));
  Storage* outer = rank.outerIndexPtr();
  outer[0] = 0;
  for (std::size_t f = 0; f < firms; ++f)
    outer[f + 1] = outer[f] + static_cast<Storage>(row_of(f).issue.size());
  rank.resizeNonZeros(static_cast<Eigen::Index>(outer[firms]));
  Storage* inner = rank.innerIndexPtr();
  double* value = rank.valuePtr();
  loop(firms, 1000, [&](std::size_t f) {
    const auto row = row_of(f);
    // (issue, entry) packed in one integer: a plain integer sort, no indirection
    thread_local std::vector<std::uint64_t> order;
    order.resize(row.issue.size());
    for (std::size_t i = 0; i < row.issue.size(); ++i)
      order[i] = static_cast<std::uint64_t>(row.issue[i]) << 32 | i;
    std::sort(order.begin(), order.end());
    for (std::size_t k = 1; k < order.size(); ++k)
      if (order[k] >> 32 == order[k - 1] >> 32)
        throw std::invalid_argument("ranking " + std::to_string(f + 1) + " lists issue column " +
                                    std::to_string(order[k] >> 32) +
                                    " twice (a firm lists an issue once)");
    const auto begin = static_cast<std::size_t>(outer[f]);
    for (std::size_t k = 0; k < order.size(); ++k) {
      inner[begin + k] = static_cast<Storage>(order[k] >> 32);
      value[begin + k] = row.rank[order[k] & 0xFFFFFFFFu];
    }
  });
}

/// One firm's ranking as a header-only caller gives it: the issue columns it listed, their
/// ranks (1 = most important; mid-ranks for ties, see mid_ranks), its weight and its policy.
struct FirmList {
  std::vector<std::size_t> issue;
  std::vector<double> rank;
  double weight = 1.0;
  UnlistedPolicy unlisted = UnlistedPolicy::bottom;
};

/// The table of `firms` over `issue_count` issue columns, rankings out of `universe` issues.
/// Throws std::invalid_argument when a firm's issues and ranks differ in length or it lists an
/// issue twice.
template <typename Loop = SequentialLoop>
RankTable rank_table(const std::vector<FirmList>& firms, std::size_t issue_count,
                     std::size_t universe, const Loop& loop = {}) {
  RankTable table;
  table.universe = universe;
  for (std::size_t f = 0; f < firms.size(); ++f) {
    if (firms[f].issue.size() != firms[f].rank.size())
      throw std::invalid_argument("ranking " + std::to_string(f + 1) + " has " +
                                  std::to_string(firms[f].issue.size()) + " issues but " +
                                  std::to_string(firms[f].rank.size()) + " ranks");
    for (std::size_t column : firms[f].issue)
      if (column >= issue_count)
        throw std::invalid_argument("ranking " + std::to_string(f + 1) + " lists issue column " +
                                    std::to_string(column) + " of " + std::to_string(issue_count));
    table.weight.push_back(firms[f].weight);
    table.length.push_back(firms[f].issue.size());
    table.policy.push_back(firms[f].unlisted);
  }
  fill_rank_rows(
      table.rank, firms.size(), issue_count,
      [&](std::size_t f) {
        return RankedList{firms[f].issue, firms[f].rank};
      },
      loop);
  return table;
}

}  // namespace kernels

}  // namespace materia
