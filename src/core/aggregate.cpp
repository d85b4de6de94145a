#include "materia/aggregate.hpp"

#include "materia/error.hpp"

namespace materia {

namespace {

struct MethodInfo {
  Method method;
  std::string_view name;
};
constexpr MethodInfo kMethods[] = {
    {Method::attention, "attention"},
    {Method::borda_normalized, "borda-normalized"},
};

using SparseRow = Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator;

// Normalized Borda of one firm (Renda & Straccia 2003): a listed issue at rank r scores
// (N - r + 1) / N; under the "bottom" policy the N - k unlisted issues tie at the mean of ranks
// k+1..N, which scores (N - k + 1) / (2N).
double borda_listed(double rank, double universe) {
  return (universe - rank + 1.0) / universe;
}
double borda_unlisted(std::size_t length, double universe) {
  return (universe - static_cast<double>(length) + 1.0) / (2.0 * universe);
}

Aggregation aggregate_attention(const RankTable& table) {
  Aggregation result;
  result.method = Method::attention;
  result.score.assign(table.issue_count(), 0.0);
  for (Eigen::Index f = 0; f < table.rank.outerSize(); ++f)
    for (SparseRow it(table.rank, f); it; ++it)
      result.score[it.col()] += table.weight[f];
  return result;
}

// O(sum k + n): every "bottom" firm gives all its unlisted issues the same value, so their part
// is one constant plus a correction on the issues the firm listed.
Aggregation aggregate_borda_normalized(const RankTable& table) {
  const double n = static_cast<double>(table.universe);
  const std::size_t issues = table.issue_count();
  double base_sum = 0.0, base_weight = 0.0;
  std::vector<double> sum(issues, 0.0), weight(issues, 0.0);
  for (Eigen::Index f = 0; f < table.rank.outerSize(); ++f) {
    const double w = table.weight[f];
    const bool bottom = table.policy[f] == UnlistedPolicy::bottom;
    const double unlisted = borda_unlisted(table.length[f], n);
    if (bottom) {
      base_sum += w * unlisted;
      base_weight += w;
    }
    for (SparseRow it(table.rank, f); it; ++it) {
      sum[it.col()] += w * (borda_listed(it.value(), n) - (bottom ? unlisted : 0.0));
      if (!bottom) weight[it.col()] += w;
    }
  }
  Aggregation result;
  result.method = Method::borda_normalized;
  result.score.resize(issues);
  for (std::size_t i = 0; i < issues; ++i) {
    double total_weight = base_weight + weight[i];
    result.score[i] = total_weight > 0 ? (base_sum + sum[i]) / total_weight : 0.0;
  }
  return result;
}

}  // namespace

std::string_view method_name(Method method) {
  for (const auto& info : kMethods)
    if (info.method == method) return info.name;
  return "?";
}

Method parse_method(std::string_view text) {
  for (const auto& info : kMethods)
    if (info.name == text) return info.method;
  std::string known;
  for (const auto& info : kMethods)
    known += (known.empty() ? "" : ", ") + std::string(info.name);
  throw Error(ErrorKind::usage,
              "unknown method \"" + std::string(text) + "\" (known: " + known + ")");
}

std::vector<std::string> method_names() {
  std::vector<std::string> names;
  for (const auto& info : kMethods)
    names.emplace_back(info.name);
  return names;
}

Aggregation aggregate(const RankTable& table, const AggregateOptions& options) {
  for (std::size_t f = 0; f < table.firm_count(); ++f)
    if (table.length[f] > table.universe)
      throw_usage_error("the universe N = " + std::to_string(table.universe) +
                        " is smaller than a firm's list of " + std::to_string(table.length[f]) +
                        " issues");
  switch (options.method) {
    case Method::attention:
      return aggregate_attention(table);
    case Method::borda_normalized:
      return aggregate_borda_normalized(table);
  }
  throw Error(ErrorKind::internal, "unhandled method");
}

std::vector<Contribution> contributions(const RankTable& table, const AggregateOptions& options,
                                        std::size_t issue) {
  const double n = static_cast<double>(table.universe);
  std::vector<Contribution> parts(table.firm_count());
  double counted_weight = 0.0;
  for (std::size_t f = 0; f < table.firm_count(); ++f) {
    Contribution& part = parts[f];
    part.firm = f;
    double rank = table.rank.coeff(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(issue));
    part.listed = rank > 0;
    const auto length = static_cast<double>(table.length[f]);
    part.rank = part.listed ? rank : (length + 1.0 + n) / 2.0;
    switch (options.method) {
      case Method::attention:
        part.counted = true;
        part.value = part.listed ? 1.0 : 0.0;
        part.contribution = part.listed ? table.weight[f] : 0.0;
        break;
      case Method::borda_normalized:
        part.counted = part.listed || table.policy[f] == UnlistedPolicy::bottom;
        part.value = part.listed ? borda_listed(rank, n) : borda_unlisted(table.length[f], n);
        if (part.counted) counted_weight += table.weight[f];
        break;
    }
  }
  if (options.method == Method::borda_normalized)
    for (auto& part : parts)
      if (part.counted && counted_weight > 0)
        part.contribution = table.weight[part.firm] * part.value / counted_weight;
  return parts;
}

}  // namespace materia
