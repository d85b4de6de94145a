#pragma once
/// \file topk_distance.hpp
/// Header-only distances between two top-k lists (two firms' ordered lists of their most material
/// issues): Fagin, Kumar & Sivakumar's Kendall distance with penalty parameter p and its
/// normalised form, and Webber, Moffat & Zobel's rank-biased overlap RBO_ext. Items may be of any
/// type with std::hash and ==. Needs the standard library only. Definitions and sources:
/// docs/method-statistics.md.
///
///     materia::kendall_topk_distance<int>({1, 2, 3}, {1, 3, 4}, 0.5);  // 2
///     materia::rank_biased_overlap<int>({1, 2, 3}, {1, 3, 2}, 0.9);    // 0.955

#include <cmath>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace materia {

/// Fagin, Kumar & Sivakumar (2003, SIAM J. Discrete Math. 17(1), 134–160), K^(p): the sum over
/// the unordered pairs {i, j} of items in either list of a penalty that is
///   - both in both lists: 1 if the lists order them differently, else 0;
///   - both in one list, one of them (say i) in the other: 1 if j is ahead of i in the first
///     list (the other list implies i ahead of j), else 0;
///   - i only in one list, j only in the other: 1;
///   - both in one list and neither in the other: p (their order in the other is unknown).
/// p in [0, 1]; p = 1/2 is their "neutral" choice (the average over the unknown orders). It is
/// symmetric but not a metric on lists with different items: the triangle inequality can fail. For
/// two permutations of the same items it is Kendall's distance (the discordant pairs). Computed
/// from counts of the four kinds in O(k log k) rather than pair by pair. The lists may differ in
/// length. Throws std::invalid_argument when p is outside [0, 1] or a list repeats an item.
template <class Item, class Hash = std::hash<Item>>
double kendall_topk_distance(const std::vector<Item>& first, const std::vector<Item>& second,
                             double p);

/// kendall_topk_distance divided by its largest value for lists of these lengths k1, k2, reached
/// by disjoint lists: k1 k2 + p (k1 (k1 - 1) / 2 + k2 (k2 - 1) / 2); in [0, 1]. 0 when that
/// largest value is 0 (fewer than two items in all). Throws as kendall_topk_distance.
template <class Item, class Hash = std::hash<Item>>
double normalized_kendall_topk_distance(const std::vector<Item>& first,
                                        const std::vector<Item>& second, double p);

/// Rank-biased overlap, extrapolated: RBO_ext of Webber, Moffat & Zobel (2010, ACM TOIS 28(4),
/// article 20; the form for lists of uneven length), with persistence p in (0, 1). It assumes the
/// agreement seen at depth s of the shorter list continues among its unseen items, and the
/// agreement at depth l continues below both. With S the shorter list (length s), L the
/// longer (length l) and X_d the number of items common to the first min(d, s) of S and the first
/// d of L,
///   RBO_ext = (1 - p)/p [sum_{d=1..l} X_d/d p^d + sum_{d=s+1..l} X_s (d - s)/(s d) p^d]
///             + [(X_l - X_s)/l + X_s/s] p^l,
/// which for s = l = k is (1 - p)/p sum_{d=1..k} X_d/d p^d + X_k/k p^k. 1 for
/// identical lists, 0 for disjoint ones; the top d ranks carry weight 1 - p^d of the full
/// (infinite) ranking's agreement. Throws std::invalid_argument when p is outside (0, 1), a list
/// is empty or a list repeats an item.
template <class Item, class Hash = std::hash<Item>>
double rank_biased_overlap(const std::vector<Item>& first, const std::vector<Item>& second,
                           double p);

namespace detail {

template <class Item, class Hash>
std::unordered_map<Item, std::size_t, Hash> topk_positions(const std::vector<Item>& list,
                                                           const char* function) {
  std::unordered_map<Item, std::size_t, Hash> position;
  position.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i)
    if (!position.emplace(list[i], i).second)
      throw std::invalid_argument(std::string(function) + ": position " + std::to_string(i) +
                                  " repeats an item of the list");
  return position;
}

// Inversions of `values` (pairs i < j with values[i] > values[j]), by merge sort.
inline std::size_t count_inversions(std::vector<std::size_t>& values,
                                    std::vector<std::size_t>& buffer, std::size_t begin,
                                    std::size_t end) {
  if (end - begin < 2) return 0;
  const std::size_t middle = begin + (end - begin) / 2;
  std::size_t count = count_inversions(values, buffer, begin, middle) +
                      count_inversions(values, buffer, middle, end);
  std::size_t i = begin, j = middle, out = begin;
  while (i < middle && j < end) {
    if (values[j] < values[i]) {
      count += middle - i;
      buffer[out++] = values[j++];
    } else {
      buffer[out++] = values[i++];
    }
  }
  while (i < middle)
    buffer[out++] = values[i++];
  while (j < end)
    buffer[out++] = values[j++];
  for (std::size_t k = begin; k < end; ++k)
    values[k] = buffer[k];
  return count;
}

}  // namespace detail

template <class Item, class Hash>
double kendall_topk_distance(const std::vector<Item>& first, const std::vector<Item>& second,
                             double p) {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument("kendall_topk_distance: p must be in [0, 1]");
  const auto in_first = detail::topk_positions<Item, Hash>(first, "kendall_topk_distance");
  const auto in_second = detail::topk_positions<Item, Hash>(second, "kendall_topk_distance");
  // Both lists: the second list's positions of the common items, in the first list's order.
  std::vector<std::size_t> common;
  for (const auto& item : first) {
    const auto found = in_second.find(item);
    if (found != in_second.end()) common.push_back(found->second);
  }
  const std::size_t z = common.size();
  std::vector<std::size_t> buffer(z);
  double discordant = static_cast<double>(detail::count_inversions(common, buffer, 0, z));
  // One list only, against a common item placed after it in that list.
  auto ahead_of_common = [](const std::vector<Item>& list, const auto& other) {
    std::size_t count = 0, common_after = 0;
    for (std::size_t i = list.size(); i-- > 0;) {
      if (other.count(list[i]))
        ++common_after;
      else
        count += common_after;
    }
    return static_cast<double>(count);
  };
  discordant += ahead_of_common(first, in_second) + ahead_of_common(second, in_first);
  const double only_first = static_cast<double>(first.size() - z);
  const double only_second = static_cast<double>(second.size() - z);
  return discordant + only_first * only_second +
         p * (only_first * (only_first - 1.0) / 2.0 + only_second * (only_second - 1.0) / 2.0);
}

template <class Item, class Hash>
double normalized_kendall_topk_distance(const std::vector<Item>& first,
                                        const std::vector<Item>& second, double p) {
  const double distance = kendall_topk_distance<Item, Hash>(first, second, p);
  const double k1 = static_cast<double>(first.size()), k2 = static_cast<double>(second.size());
  const double largest = k1 * k2 + p * (k1 * (k1 - 1.0) / 2.0 + k2 * (k2 - 1.0) / 2.0);
  return largest > 0.0 ? distance / largest : 0.0;
}

template <class Item, class Hash>
double rank_biased_overlap(const std::vector<Item>& first, const std::vector<Item>& second,
                           double p) {
  if (!(p > 0.0 && p < 1.0))
    throw std::invalid_argument("rank_biased_overlap: p must be in (0, 1)");
  if (first.empty() || second.empty())
    throw std::invalid_argument("rank_biased_overlap: a list is empty");
  detail::topk_positions<Item, Hash>(first, "rank_biased_overlap");
  detail::topk_positions<Item, Hash>(second, "rank_biased_overlap");
  const bool first_shorter = first.size() <= second.size();
  const auto& shorter = first_shorter ? first : second;
  const auto& longer = first_shorter ? second : first;
  const std::size_t s = shorter.size(), l = longer.size();
  std::unordered_set<Item, Hash> seen_shorter, seen_longer;
  double overlap = 0.0, overlap_at_s = 0.0, sum = 0.0, power = 1.0;
  for (std::size_t d = 1; d <= l; ++d) {
    if (d <= s) {
      const auto& item = shorter[d - 1];
      if (seen_longer.count(item)) overlap += 1.0;
      seen_shorter.insert(item);
    }
    const auto& item = longer[d - 1];
    if (seen_shorter.count(item)) overlap += 1.0;
    seen_longer.insert(item);
    if (d == s) overlap_at_s = overlap;
    power *= p;
    const double depth = static_cast<double>(d);
    sum += overlap / depth * power;
    if (d > s)
      sum += overlap_at_s * (depth - static_cast<double>(s)) / (static_cast<double>(s) * depth) *
             power;
  }
  return (1.0 - p) / p * sum + ((overlap - overlap_at_s) / static_cast<double>(l) +
                                overlap_at_s / static_cast<double>(s)) *
                                   power;
}

}  // namespace materia
