#include "materia/matrix/matrix.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <span>
#include <stdexcept>
#include <unordered_map>

#include "materia/error.hpp"
#include "materia/matrix/shrinkage.hpp"
#include "matrix/composite_result.hpp"

namespace materia {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

template <typename Enum, std::size_t N>
Enum parse_named(std::string_view text, const std::pair<Enum, std::string_view> (&names)[N],
                 std::string_view what) {
  std::string known;
  for (const auto& [value, name] : names) {
    if (name == text) return value;
    known += (known.empty() ? "" : ", ") + std::string(name);
  }
  throw_usage_error("unknown " + std::string(what) + " \"" + std::string(text) +
                    "\" (known: " + known + ")");
}

// The name of `value` in `names`, or `fallback` for a value not there.
template <typename Enum, std::size_t N>
std::string_view name_of(Enum value, const std::pair<Enum, std::string_view> (&names)[N],
                         std::string_view fallback) {
  for (const auto& [known, name] : names)
    if (known == value) return name;
  return fallback;
}

constexpr std::pair<AxisAggregation, std::string_view> kAxisAggregations[] = {
    {AxisAggregation::shrunk, "shrunk"},
    {AxisAggregation::method, "method"},
    {AxisAggregation::positions, "positions"}};
constexpr std::pair<MaterialRule, std::string_view> kMaterialRules[] = {
    {MaterialRule::either, "either"}, {MaterialRule::both, "both"}};
constexpr std::pair<RollUp, std::string_view> kRollUps[] = {{RollUp::max, "max"},
                                                            {RollUp::mean, "mean"},
                                                            {RollUp::weight, "weight"},
                                                            {RollUp::firms, "firms"}};

// Scores of a method on [0,1] with 1 = most important: kept as they are when they already live
// there (normalized Borda), else min-max over the issues, flipped when smaller is better.
std::vector<double> to_unit_axis(const Aggregation& aggregation) {
  const RankingScores ranking = ranking_scores(aggregation);
  std::vector<double> score = ranking.values;
  if (score.empty()) return score;
  auto [lo, hi] = std::minmax_element(score.begin(), score.end());
  const double min = *lo, max = *hi;
  // A plackett-luce worth is a share of 1, not a position on [0, 1]: rescaled like the others.
  if (ranking.higher_is_better && min >= 0.0 && max <= 1.0 &&
      aggregation.method != Method::plackett_luce)
    return score;
  for (auto& v : score) {
    double unit = max > min ? (v - min) / (max - min) : 0.5;
    v = ranking.higher_is_better ? unit : 1.0 - unit;
  }
  return score;
}

// One axis under AxisAggregation::shrunk: each issue's weighted mean position over the firms
// that place it on the axis (coordinates, positive weight), shrunk toward the mean of all issues
// by empirical Bayes with the firms' weights as counts. NaN where no firm places the issue.
struct ShrunkAxis {
  std::vector<double> value, shrinkage;
};
ShrunkAxis shrunk_axis(const FirmRankings& rankings, const Dataset& dataset,
                       std::size_t issue_count, std::span<const double> FirmRanking::*position) {
  std::vector<double> sum(issue_count, 0.0), square(issue_count, 0.0), weight(issue_count, 0.0);
  for (std::size_t f = 0; f < rankings.size(); ++f) {
    const FirmRanking ranking = rankings[f];
    const double w = dataset.firms[f].weight;
    if (!ranking.has_coordinates || w <= 0.0) continue;
    for (std::size_t e = 0; e < ranking.size(); ++e) {
      const std::size_t c = ranking.issue[e];
      const double x = (ranking.*position)[e];
      sum[c] += w * x;
      square[c] += w * x * x;
      weight[c] += w;
    }
  }
  ShrunkAxis axis{std::vector<double>(issue_count, kNaN), std::vector<double>(issue_count, kNaN)};
  std::vector<double> means, counts;
  std::vector<std::size_t> placed;
  double within = 0.0, degrees = 0.0;  // the pooled within-issue variance's parts
  for (std::size_t c = 0; c < issue_count; ++c) {
    if (weight[c] <= 0.0) continue;
    const double mean = sum[c] / weight[c];
    axis.value[c] = mean;
    placed.push_back(c);
    means.push_back(mean);
    counts.push_back(weight[c]);
    if (weight[c] > 1.0) {
      within += std::max(0.0, square[c] - weight[c] * mean * mean);
      degrees += weight[c] - 1.0;
    }
  }
  // Too little to estimate the noise (fewer than two placed issues, no issue placed twice, or
  // no spread at all): the means stay as they are.
  if (placed.size() < 2 || !(degrees > 0.0) || !(within > 0.0)) return axis;
  const ShrinkageEstimate estimate = empirical_bayes_shrinkage(means, counts, within / degrees);
  for (std::size_t i = 0; i < placed.size(); ++i) {
    axis.value[placed[i]] = estimate.shrunk_means[i];
    axis.shrinkage[placed[i]] = estimate.shrinkage[i];
  }
  return axis;
}

std::string quadrant_of(double stakeholder, double business, double ts, double tb) {
  if (std::isnan(stakeholder) || std::isnan(business)) return "";
  bool s = stakeholder >= ts, b = business >= tb;
  return s && b ? "both" : s ? "stakeholder" : b ? "business" : "neither";
}

}  // namespace

std::string_view axis_aggregation_name(AxisAggregation aggregation) {
  return name_of(aggregation, kAxisAggregations, "shrunk");
}
AxisAggregation parse_axis_aggregation(std::string_view text) {
  return parse_named(text, kAxisAggregations, "axis aggregation");
}
std::string_view material_rule_name(MaterialRule rule) {
  return rule == MaterialRule::both ? "both" : "either";
}
MaterialRule parse_material_rule(std::string_view text) {
  return parse_named(text, kMaterialRules, "material rule");
}
std::string_view roll_up_name(RollUp rule) {
  return name_of(rule, kRollUps, "max");
}
RollUp parse_roll_up(std::string_view text) {
  return parse_named(text, kRollUps, "roll-up");
}

AxisValues aggregate_axes(const FirmRankings& rankings, const Dataset& dataset,
                          std::size_t issue_count, std::size_t universe,
                          const AggregateOptions& method, AxisAggregation aggregation,
                          KnownAggregation known, const Execution& execution) {
  AxisValues axes;
  std::vector<double> importance_sum(issue_count, 0), stake_sum(issue_count, 0),
      business_sum(issue_count, 0), weight_sum(issue_count, 0);
  for (std::size_t f = 0; f < rankings.size(); ++f) {
    const FirmRanking ranking = rankings[f];
    const double k = static_cast<double>(ranking.size());
    const double w = dataset.firms[f].weight;
    for (std::size_t e = 0; e < ranking.size(); ++e) {
      const std::size_t c = ranking.issue[e];
      importance_sum[c] += w * (k - ranking.rank[e] + 0.5) / k;  // mid-percentile position
      stake_sum[c] += w * ranking.stakeholder[e];
      business_sum[c] += w * ranking.business[e];
      weight_sum[c] += w;
    }
  }
  auto mean = [&](const std::vector<double>& sum) {
    std::vector<double> out(issue_count);
    for (std::size_t c = 0; c < issue_count; ++c)
      out[c] = weight_sum[c] > 0 ? sum[c] / weight_sum[c] : kNaN;
    return out;
  };
  axes.importance = mean(importance_sum);
  if (aggregation == AxisAggregation::shrunk) {
    ShrunkAxis stakeholder = shrunk_axis(rankings, dataset, issue_count, &FirmRanking::stakeholder);
    ShrunkAxis business = shrunk_axis(rankings, dataset, issue_count, &FirmRanking::business);
    axes.stakeholder = std::move(stakeholder.value);
    axes.stakeholder_shrinkage = std::move(stakeholder.shrinkage);
    axes.business = std::move(business.value);
    axes.business_shrinkage = std::move(business.shrinkage);
  } else if (aggregation == AxisAggregation::positions) {
    axes.stakeholder = mean(stake_sum);
    axes.business = mean(business_sum);
  } else {
    // aggregate() is a function of the table and the options alone (whatever the thread count),
    // so equal tables share one aggregation. Equal ranks make equal tables: firms that give ranks
    // only (the usual market-scale file) need no table built for either axis.
    auto same_ranks = [&](auto axis_a, auto axis_b) {
      for (std::size_t f = 0; f < rankings.size(); ++f) {
        const FirmRanking r = rankings[f];
        const std::span<const double> a = r.*axis_a, b = r.*axis_b;
        if (a.data() != b.data() && !std::equal(a.begin(), a.end(), b.begin(), b.end()))
          return false;
      }
      return true;
    };
    const bool stake_is_overall = known.of_these_rankings && known.aggregation &&
                                  same_ranks(&FirmRanking::stakeholder_rank, &FirmRanking::rank);
    const bool business_is_stake =
        same_ranks(&FirmRanking::business_rank, &FirmRanking::stakeholder_rank);
    std::optional<RankTable> stake_table;
    auto is_known = [&](const RankTable& table) {
      return known.table && known.aggregation && same_rankings(table, *known.table);
    };
    if (stake_is_overall) {
      axes.stakeholder = to_unit_axis(*known.aggregation);
    } else {
      stake_table =
          build_rank_table(rankings, dataset, issue_count, universe, Axis::stakeholder, execution);
      axes.stakeholder = to_unit_axis(
          is_known(*stake_table) ? *known.aggregation : aggregate(*stake_table, method, execution));
    }
    if (business_is_stake) {
      axes.business = axes.stakeholder;
    } else {
      const RankTable business_table =
          build_rank_table(rankings, dataset, issue_count, universe, Axis::business, execution);
      if (stake_table && same_rankings(business_table, *stake_table))
        axes.business = axes.stakeholder;
      else if (is_known(business_table))
        axes.business = to_unit_axis(*known.aggregation);
      else
        axes.business = to_unit_axis(aggregate(business_table, method, execution));
    }
  }
  return axes;
}

double axis_threshold(const std::vector<double>& values, double fixed, const TierSpec& tiers) {
  if (!std::isnan(fixed)) return fixed;
  std::vector<double> finite;
  for (double v : values)
    if (std::isfinite(v)) finite.push_back(v);
  if (finite.empty()) return 1.0;
  std::vector<std::size_t> order(finite.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](auto a, auto b) { return finite[a] > finite[b]; });
  Tiering tiering = assign_tiers(finite, order, true, tiers);
  // one tier only (all values equal): everything passes
  return tiering.breaks.empty() ? *std::min_element(finite.begin(), finite.end())
                                : tiering.breaks.front();
}

MatrixPlacement place_on_matrix(const std::vector<double>& stakeholder,
                                const std::vector<double>& business, const MatrixOptions& options) {
  if (stakeholder.size() != business.size())
    throw_usage_error("the two axes have different lengths (" + std::to_string(stakeholder.size()) +
                      " and " + std::to_string(business.size()) + ")");
  if (!(options.borderline_band >= 0)) throw_usage_error("the borderline band must be >= 0");
  MatrixPlacement placement;
  placement.stakeholder_threshold =
      axis_threshold(stakeholder, options.stakeholder_threshold, options.axis_tiers);
  placement.business_threshold =
      axis_threshold(business, options.business_threshold, options.axis_tiers);
  const double ts = placement.stakeholder_threshold, tb = placement.business_threshold;
  const double band = options.borderline_band;
  for (std::size_t i = 0; i < stakeholder.size(); ++i) {
    const double s = stakeholder[i], b = business[i];
    placement.quadrant.push_back(quadrant_of(s, b, ts, tb));
    const bool valid = !std::isnan(s) && !std::isnan(b);
    const bool pass_s = valid && s >= ts, pass_b = valid && b >= tb;
    const bool material =
        options.material == MaterialRule::either ? pass_s || pass_b : pass_s && pass_b;
    placement.material.push_back(material);
    // Borderline: moving one axis across its threshold by less than the band would change the
    // verdict. Under "either", a material issue is fragile only if every passing axis is near
    // its threshold; an immaterial one if any axis is near. Under "both", mirrored.
    const bool near_s = valid && std::abs(s - ts) < band, near_b = valid && std::abs(b - tb) < band;
    bool borderline;
    if (options.material == MaterialRule::either)
      borderline = material ? (!pass_s || near_s) && (!pass_b || near_b) : near_s || near_b;
    else
      borderline = material ? near_s || near_b : (pass_s || near_s) && (pass_b || near_b);
    placement.borderline.push_back(valid && borderline);
  }
  return placement;
}

std::vector<double> composite_importance(const std::vector<double>& attention_share,
                                         const std::vector<double>& importance,
                                         const std::vector<int>& attention,
                                         const std::vector<std::size_t>& score_order,
                                         std::size_t top_k, int* cut_attention) {
  const std::size_t n = attention_share.size();
  if (importance.size() != n || attention.size() != n || score_order.size() != n)
    throw_usage_error("composite_importance: inputs of different lengths");
  std::vector<double> composite(n, kNaN);
  std::vector<bool> included(n, top_k == 0 || top_k >= n);
  if (cut_attention) *cut_attention = 0;
  if (!included.empty() && !included[0]) {
    // attention first, then the score order (stable sort of the best-first order)
    std::vector<std::size_t> order(score_order);
    std::stable_sort(order.begin(), order.end(),
                     [&](auto a, auto b) { return attention[a] > attention[b]; });
    for (std::size_t position = 0; position < top_k; ++position)
      included[order[position]] = true;
    if (cut_attention) *cut_attention = attention[order[top_k - 1]];
  }
  for (std::size_t i = 0; i < n; ++i)
    if (included[i])
      composite[i] = attention_share[i] * (std::isnan(importance[i]) ? 0.0 : importance[i]);
  return composite;
}

CompositeThresholds composite_thresholds(const std::vector<double>& attention_share,
                                         const std::vector<double>& importance,
                                         const std::vector<double>& composite,
                                         const MatrixOptions& options) {
  const std::size_t n = attention_share.size();
  if (importance.size() != n || composite.size() != n)
    throw_usage_error("composite_thresholds: inputs of different lengths");
  std::vector<double> share_in, importance_in;
  for (std::size_t i = 0; i < n; ++i)
    if (std::isfinite(composite[i]) && std::isfinite(importance[i])) {
      share_in.push_back(attention_share[i]);
      importance_in.push_back(importance[i]);
    }
  CompositeThresholds thresholds;
  if (share_in.empty()) return thresholds;
  thresholds.attention_share =
      axis_threshold(share_in, options.composite_attention_threshold, options.axis_tiers);
  thresholds.importance =
      axis_threshold(importance_in, options.composite_importance_threshold, options.axis_tiers);
  return thresholds;
}

std::vector<IssueResult> roll_up_topics(const std::vector<IssueResult>& issues,
                                        const Taxonomy& taxonomy,
                                        const std::vector<double>& firm_weights,
                                        const std::vector<double>& tier_breaks,
                                        bool higher_is_better, const MatrixOptions& options,
                                        const MatrixPlacement& thresholds,
                                        const std::vector<double>* collapsed_scores) {
  // firms: the axes, importance and composite as max; the score is the collapsed analysis's
  const bool best_child = options.roll_up == RollUp::max || options.roll_up == RollUp::firms;
  const std::size_t firm_count = firm_weights.size();
  const double total_weight = std::accumulate(firm_weights.begin(), firm_weights.end(), 0.0);
  std::vector<IssueResult> topics;
  if (taxonomy.is_open_vocabulary()) return topics;
  if (options.roll_up == RollUp::firms &&
      (!collapsed_scores || collapsed_scores->size() != taxonomy.issues.size()))
    throw std::logic_error("roll_up_topics: RollUp::firms needs one collapsed score per entry");
  std::unordered_map<std::string, std::size_t> index_of_id;
  for (std::size_t i = 0; i < issues.size(); ++i)
    index_of_id[issues[i].id] = i;
  const double worst = higher_is_better ? -std::numeric_limits<double>::infinity()
                                        : std::numeric_limits<double>::infinity();

  for (std::size_t entry = 0; entry < taxonomy.issues.size(); ++entry) {
    const Issue& topic = taxonomy.issues[entry];
    if (!topic.is_topic) continue;
    std::vector<std::size_t> members;
    for (const auto& child : taxonomy.children(topic.id))
      if (auto it = index_of_id.find(child); it != index_of_id.end()) members.push_back(it->second);
    if (auto it = index_of_id.find(topic.id); it != index_of_id.end())
      members.push_back(it->second);
    if (members.empty()) continue;

    IssueResult rolled;
    rolled.id = topic.id;
    rolled.name = topic.display_name();
    rolled.name_en = topic.name_en;
    rolled.category = topic.category;
    rolled.is_topic = true;
    std::vector<bool> firm_lists(firm_count, false);
    // weights per member: 1 (max, mean) or attention (weight)
    double weight_total = 0;
    double score = best_child ? worst : 0.0;
    double stake = best_child ? -1.0 : 0.0, business = stake, importance = stake, composite = stake;
    double composite_weight = 0;
    int best_rank = std::numeric_limits<int>::max();
    for (std::size_t m : members) {
      const IssueResult& child = issues[m];
      if (child.id != topic.id) rolled.children.push_back(child.id);
      best_rank = std::min(best_rank, child.rank);
      for (const auto& listing : child.listings)
        if (listing.firm < firm_count) firm_lists[listing.firm] = true;
      for (const auto& name : child.merged_names)
        rolled.merged_names.push_back(name);
      auto value = [](double v) { return std::isnan(v) ? 0.0 : v; };
      if (best_child) {
        score = higher_is_better ? std::max(score, child.score) : std::min(score, child.score);
        stake = std::fmax(stake, child.stakeholder);
        business = std::fmax(business, child.business);
        importance = std::fmax(importance, child.importance);
        if (!std::isnan(child.composite)) composite = std::fmax(composite, child.composite);
      } else {
        const double w =
            options.roll_up == RollUp::mean ? 1.0 : static_cast<double>(child.attention);
        weight_total += w;
        score += w * child.score;
        stake += w * value(child.stakeholder);
        business += w * value(child.business);
        importance += w * value(child.importance);
        if (!std::isnan(child.composite)) {
          composite += w * child.composite;
          composite_weight += w;
        }
      }
    }
    if (best_child) {
      rolled.score = options.roll_up == RollUp::firms ? (*collapsed_scores)[entry] : score;
      rolled.stakeholder = stake < 0 ? kNaN : stake;  // no child has a value on the axis
      rolled.business = business < 0 ? kNaN : business;
      rolled.importance = importance < 0 ? kNaN : importance;
      rolled.composite = composite < 0 ? kNaN : composite;
    } else {
      auto divide = [](double sum, double w) { return w > 0 ? sum / w : kNaN; };
      rolled.score = divide(score, weight_total);
      rolled.stakeholder = divide(stake, weight_total);
      rolled.business = divide(business, weight_total);
      rolled.importance = divide(importance, weight_total);
      rolled.composite = divide(composite, composite_weight);
    }
    // the firms of positive weight that list any member, and their share of the total weight
    rolled.attention = 0;
    double listing_weight = 0.0;
    for (std::size_t f = 0; f < firm_count; ++f)
      if (firm_lists[f] && firm_weights[f] > 0) {
        ++rolled.attention;
        listing_weight += firm_weights[f];
      }
    rolled.attention_share = total_weight > 0 ? listing_weight / total_weight : 0.0;
    // Rank: where the topic's score would stand among the issues; tier: the first tier boundary
    // it reaches (with max, both are those of its best child).
    int better = 0, equal = 0;
    for (const auto& issue : issues) {
      if (higher_is_better ? issue.score > rolled.score : issue.score < rolled.score) ++better;
      equal += issue.score == rolled.score;
    }
    rolled.rank = options.roll_up == RollUp::max ? best_rank : better + 1;
    // the mid-rank its score would have among the issues (with max: its best child's)
    rolled.rank_mid = better + (std::max(equal, 1) + 1) / 2.0;
    rolled.tier = 1;
    for (double bound : tier_breaks)
      if (higher_is_better ? rolled.score < bound : rolled.score > bound) ++rolled.tier;
    auto placement = place_on_matrix({rolled.stakeholder}, {rolled.business}, [&] {
      MatrixOptions fixed = options;
      fixed.stakeholder_threshold = thresholds.stakeholder_threshold;
      fixed.business_threshold = thresholds.business_threshold;
      return fixed;
    }());
    rolled.quadrant = placement.quadrant[0];
    rolled.material = placement.material[0];
    rolled.borderline = placement.borderline[0];
    topics.push_back(std::move(rolled));
  }
  return topics;
}

void detail::set_composite(std::vector<IssueResult>& issues, const std::vector<std::size_t>& order,
                           const MatrixOptions& options, Result& result) {
  const std::size_t top_k = options.composite_top;
  const std::size_t n = issues.size();
  std::vector<double> share(n), importance(n);
  std::vector<int> attention(n);
  for (std::size_t c = 0; c < n; ++c) {
    share[c] = issues[c].attention_share;
    importance[c] = issues[c].importance;
    attention[c] = issues[c].attention;
  }
  auto composite = composite_importance(share, importance, attention, order, top_k,
                                        &result.composite_cut_attention);
  for (std::size_t c = 0; c < n; ++c)
    issues[c].composite = composite[c];
  auto thresholds = composite_thresholds(share, importance, composite, options);
  result.composite_attention_threshold = thresholds.attention_share;
  result.composite_importance_threshold = thresholds.importance;
  const int cut = result.composite_cut_attention;
  if (cut == 0) return;
  std::size_t above = 0, at = 0;
  for (const auto& issue : issues) {
    above += issue.attention > cut;
    at += issue.attention == cut;
  }
  if (above + at > top_k)
    result.warn(WarningKind::composite_tie, "the composite top " + std::to_string(top_k) +
                                                " cuts through the " + std::to_string(at) +
                                                " issues with attention " + std::to_string(cut) +
                                                "; ties broken by score");
}

}  // namespace materia
