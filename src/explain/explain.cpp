#include "materia/explain/explain.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "analyze/result_table.hpp"
#include "base/json_members.hpp"
#include "explain/explain_json.hpp"
#include "materia/aggregate/aggregate.hpp"
#include "materia/error.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/text/text.hpp"

namespace materia {

namespace {

bool names_issue(const IssueResult& item, std::string_view text) {
  if (item.id == text || item.name == text || (!item.name_en.empty() && item.name_en == text))
    return true;
  return std::find(item.merged_names.begin(), item.merged_names.end(), text) !=
         item.merged_names.end();
}

}  // namespace

Explanation explain(const Dataset& dataset, const Result& result, const AnalyzeOptions& options,
                    std::string_view issue) {
  detail::require_listings(result, "explain");
  // issues first, then topics; an exact id wins over a name
  const IssueResult* found = result.find(std::string(issue));
  std::size_t column = result.issues.size();
  for (std::size_t i = 0; i < result.issues.size() && !found; ++i)
    if (names_issue(result.issues[i], issue)) found = &result.issues[i];
  for (std::size_t t = 0; t < result.topics.size() && !found; ++t)
    if (names_issue(result.topics[t], issue)) found = &result.topics[t];
  if (!found)
    throw Error(ErrorKind::usage, "no issue or topic with this id or name in the result",
                {dataset.source, "", std::string(issue)});
  for (std::size_t i = 0; i < result.issues.size(); ++i)
    if (&result.issues[i] == found) column = i;

  Explanation why;
  why.id = found->id;
  why.name = found->name;
  why.name_en = found->name_en;
  why.category = std::string(category_code(found->category));
  why.parent = found->parent;
  why.children = found->children;
  if (found->is_topic) {
    why.roll_up = result.roll_up;
    for (const auto& child : found->children)
      if (const IssueResult* c = result.find(child))
        why.child_parts.push_back({c->id, c->name, c->score, c->stakeholder, c->business, c->rank,
                                   c->tier, c->attention});
  }
  why.is_topic = found->is_topic;
  why.method = result.method;
  why.higher_is_better = result.higher_is_better;
  why.score = found->score;
  why.rank = found->rank;
  why.tier = found->tier;
  why.attention = found->attention;
  why.stakeholder = found->stakeholder;
  why.business = found->business;
  why.importance = found->importance;
  why.quadrant = found->quadrant;
  why.material = found->material;
  why.borderline = found->borderline;
  why.rank_low = found->rank_low;
  why.rank_high = found->rank_high;
  why.tier_probability = found->tier_probability;
  why.influential_firm = found->influential_firm;
  why.influential_shift = found->influential_shift;

  // names merged, with the number of firms that used each
  std::map<std::string, int> uses;
  std::vector<const IssueResult*> members{found};
  if (found->is_topic)
    for (const auto& child : found->children)
      if (const IssueResult* c = result.find(child)) members.push_back(c);
  for (const IssueResult* member : members)
    for (const auto& listing : member->listings)
      if (listing.name < result.names.size()) uses[result.names[listing.name]] += 1;
  // How each name resolved, as analyze() resolved it (same taxonomy, aliases, fuzzy options).
  const Normalizer normalizer(dataset.taxonomy, options.aliases, options.normalize);
  for (const auto& name : found->merged_names) {
    NameUse use{name, uses.count(name) ? uses[name] : 0, "", 1.0, ""};
    const Resolution resolution = normalizer.resolve(name);
    use.match = std::string(match_kind_name(resolution.match));
    use.score = resolution.score;
    use.reason = resolution.reason;
    why.merged_names.push_back(std::move(use));
  }
  why.stakeholder_threshold = result.stakeholder_threshold;
  why.business_threshold = result.business_threshold;
  why.composite = found->composite;
  why.contributions_add_up =
      !found->is_topic && contributions_sum_to_score(parse_method(result.method));
  std::stable_sort(why.merged_names.begin(), why.merged_names.end(),
                   [](const NameUse& a, const NameUse& b) { return a.firms > b.firms; });

  // tier boundaries from the scores of neighbouring tiers
  for (const auto& other : result.issues)
    why.tier_count = std::max(why.tier_count, other.tier);
  auto extreme = [&](int tier, bool best) {
    double value = std::numeric_limits<double>::quiet_NaN();
    for (const auto& other : result.issues) {
      if (other.tier != tier) continue;
      bool better = result.higher_is_better ? other.score > value : other.score < value;
      bool worse = result.higher_is_better ? other.score < value : other.score > value;
      if (std::isnan(value) || (best ? better : worse)) value = other.score;
    }
    return value;
  };
  if (why.tier < why.tier_count)
    why.boundary_below = (extreme(why.tier, false) + extreme(why.tier + 1, true)) / 2;
  if (why.tier > 1)
    why.boundary_above = (extreme(why.tier - 1, false) + extreme(why.tier, true)) / 2;
  const double sign = result.higher_is_better ? 1.0 : -1.0;
  why.margin_below = sign * (why.score - why.boundary_below);
  why.margin_above = sign * (why.boundary_above - why.score);

  // each firm's part, for issues (a topic's score is a roll-up of its children's)
  if (column < result.issues.size()) {
    const detail::Base base = detail::base_of(dataset, result);
    const RankTable table = detail::full_table_of(base);
    auto parts = contributions(table, detail::aggregate_options_of(options), column);
    std::vector<const Listing*> listing_of(result.firms.size(), nullptr);
    for (const auto& listing : found->listings)
      listing_of[listing.firm] = &listing;
    for (const auto& part : parts) {
      if (!part.listed && !part.counted) continue;
      FirmPart firm;
      firm.firm = result.firms[part.firm].id;
      firm.listed = part.listed;
      firm.counted = part.counted;
      firm.rank = part.rank;
      firm.list_length = result.firms[part.firm].listed;
      firm.value = part.value;
      firm.contribution = part.contribution;
      if (const Listing* listing = listing_of[part.firm]) {
        firm.name_used = listing->name < result.names.size() ? result.names[listing->name] : "";
        firm.stakeholder = listing->stakeholder;
        firm.business = listing->business;
      }
      why.contributions_sum += part.contribution;
      why.firms.push_back(std::move(firm));
    }
    std::stable_sort(why.firms.begin(), why.firms.end(), [](const FirmPart& a, const FirmPart& b) {
      if (a.listed != b.listed) return a.listed;
      return a.listed && a.rank < b.rank;
    });
  }
  return why;
}

nlohmann::ordered_json to_json(const Explanation& why) {
  using ojson = nlohmann::ordered_json;
  using detail::finite_or_null;
  ojson json;
  MATERIA_JSON_MEMBERS(json, why, id, name, name_en, category);
  if (!why.parent.empty()) json["parent"] = why.parent;
  if (why.is_topic) {
    MATERIA_JSON_MEMBERS(json, why, children, roll_up);
    json["child_parts"] = ojson::array();
    for (const auto& child : why.child_parts) {
      ojson part;
      MATERIA_JSON_MEMBERS(part, child, id, name);
      MATERIA_JSON_NUMBERS(part, child, score);
      MATERIA_JSON_MEMBERS(part, child, rank, tier, attention);
      MATERIA_JSON_NUMBERS(part, child, stakeholder, business);
      json["child_parts"].push_back(std::move(part));
    }
  }
  MATERIA_JSON_MEMBERS(json, why, method, higher_is_better);
  MATERIA_JSON_NUMBERS(json, why, score);
  MATERIA_JSON_MEMBERS(json, why, rank, tier, tier_count, attention);
  MATERIA_JSON_NUMBERS(json, why, importance, stakeholder, business);
  MATERIA_JSON_MEMBERS(json, why, quadrant, material, borderline);
  json["merged_names"] = ojson::array();
  for (const auto& use : why.merged_names) {
    ojson item;
    MATERIA_JSON_MEMBERS(item, use, name, firms, match);
    MATERIA_JSON_NUMBERS(item, use, score);
    MATERIA_JSON_MEMBERS(item, use, reason);
    json["merged_names"].push_back(std::move(item));
  }
  json["thresholds"] = {{"stakeholder", finite_or_null(why.stakeholder_threshold)},
                        {"business", finite_or_null(why.business_threshold)}};
  MATERIA_JSON_NUMBERS(json, why, composite);
  json["tier_boundaries"] = {{"below", finite_or_null(why.boundary_below)},
                             {"above", finite_or_null(why.boundary_above)},
                             {"margin_below", finite_or_null(why.margin_below)},
                             {"margin_above", finite_or_null(why.margin_above)}};
  if (!why.tier_probability.empty()) {
    json["rank_interval"] = {finite_or_null(why.rank_low), finite_or_null(why.rank_high)};
    json["tier_probability"] = why.tier_probability;
  }
  if (!why.influential_firm.empty())
    json["influential_firm"] = {{"id", why.influential_firm},
                                {"rank_shift", why.influential_shift}};
  MATERIA_JSON_NUMBERS(json, why, contributions_sum);
  MATERIA_JSON_MEMBERS(json, why, contributions_add_up);
  json["firms"] = ojson::array();
  for (const auto& firm : why.firms) {
    ojson item;
    MATERIA_JSON_MEMBERS(item, firm, firm, listed, counted, name_used);
    MATERIA_JSON_NUMBERS(item, firm, rank);
    MATERIA_JSON_MEMBERS(item, firm, list_length);
    MATERIA_JSON_NUMBERS(item, firm, stakeholder, business, value, contribution);
    json["firms"].push_back(std::move(item));
  }
  return json;
}

std::string to_json_text(const Explanation& explanation, int indent) {
  return to_json(explanation).dump(indent);
}

}  // namespace materia
