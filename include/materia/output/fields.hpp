#pragma once
/// \file fields.hpp
/// The fields of a result, declared once: the result's own fields and those of an issue row (a
/// topic row has some of them), each with its name, where the JSON has it, its type, unit,
/// meaning, when the JSON has it and how to read it from `Result` / `IssueResult`. The JSON, CSV
/// and text writers, docs/format.md ("Result fields"), the Python DataFrame columns and the
/// Python stubs' tests follow these tables.
///
/// A table is a `std::tuple` of `Field`s, so code can go over it at compile time (`std::apply`,
/// `visit_field`); `result_info`, `issue_row_info` and `topic_row_info` give the same fields as
/// `FieldInfo` values for lookups at run time.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "materia/model/result.hpp"
#include "materia/version.hpp"

namespace materia::fields {

/// A field's type, as JSON has it.
enum class FieldType : std::uint8_t {
  string,
  integer,
  number,  ///< a double; null in JSON when it is not finite
  boolean,
  strings,     ///< array of strings
  numbers,     ///< array of numbers
  issue_rows,  ///< array of issue rows (`issue_row`)
  topic_rows,  ///< array of topic rows (`topic_row_info`)
};

/// The enumerator's name: "string", "integer", ..., "issue_rows", "topic_rows".
constexpr std::string_view type_name(FieldType type) {
  constexpr std::array<std::string_view, 8> names{"string",  "integer", "number",     "boolean",
                                                  "strings", "numbers", "issue_rows", "topic_rows"};
  return names[static_cast<std::size_t>(type)];
}

/// How a number that is not finite goes into `to_json`'s tree (the JSON text has null either way).
enum class NonFinite : std::uint8_t { null, kept };

/// A field without the code that reads it, for lookups at run time (bindings, docs).
struct FieldInfo {
  std::string_view name;      ///< C++ member and Python attribute; a row's column and CSV header
  std::string_view location;  ///< where its JSON object has it: keys and array indices, '/'-joined
  FieldType type = FieldType::string;
  std::string_view unit;       ///< "" when it has none
  std::string_view doc;        ///< what it means, a sentence or two
  std::string_view presence;   ///< when the JSON has it ("With a bootstrap"); "" = always
  bool nullable = false;       ///< it can be null (a NaN) in a result analyze returns
  std::string_view topic_doc;  ///< what it means in a topic row; "" = topic rows lack it
};

/// A field the JSON always has.
struct Always {
  static constexpr std::string_view doc{};
  constexpr bool operator()(const auto&) const { return true; }
};

/// A field the JSON has when `test(record)` holds; `doc` says when. Fields under one JSON object
/// share one `When`, so the object is written whole or not at all.
template <class Test>
struct When {
  std::string_view doc;
  Test test;
  constexpr bool operator()(const auto& record) const { return test(record); }
};
template <class Test>
When(std::string_view, Test) -> When<Test>;

/// One field: `get` reads it from its record (a member pointer, or a function of the record).
template <FieldType Type, class Get, class Present = Always>
struct Field {
  static constexpr FieldType type = Type;
  std::string_view name;
  std::string_view location;
  std::string_view unit;
  std::string_view doc;
  Get get;
  Present present{};
  NonFinite non_finite = NonFinite::null;
  bool nullable = false;
  std::string_view topic_doc{};

  /// The value of the field in `record`.
  constexpr decltype(auto) operator()(const auto& record) const { return std::invoke(get, record); }

  /// The same field at `path` in its JSON object ("kemeny/distance", "rank_interval/0").
  constexpr Field at(std::string_view path) const {
    Field moved = *this;
    moved.location = path;
    return moved;
  }
  /// The same field, written only when `when` holds.
  template <class Test>
  constexpr Field<Type, Get, When<Test>> only(When<Test> when) const {
    return {name, location, unit, doc, get, when, non_finite, nullable, topic_doc};
  }
  /// The same field, a NaN or infinity kept as a double in the JSON tree.
  constexpr Field keeping_non_finite() const {
    Field kept = *this;
    kept.non_finite = NonFinite::kept;
    return kept;
  }

  /// The same field, null in a result when its value is missing (NaN).
  constexpr Field or_null() const {
    Field copy = *this;
    copy.nullable = true;
    return copy;
  }
  /// The same field in topic rows too, meaning `meaning` there.
  constexpr Field for_topics(std::string_view meaning) const {
    Field copy = *this;
    copy.topic_doc = meaning;
    return copy;
  }

  constexpr FieldInfo info() const {
    return {name, location, Type, unit, doc, present.doc, nullable, topic_doc};
  }
};

/// A field at the top of its JSON object, under its own name; `doc` says what it means (after
/// "With a bootstrap: " or the like for an optional field).
template <FieldType Type, class Get>
constexpr Field<Type, Get> field(std::string_view name, std::string_view unit, std::string_view doc,
                                 Get get) {
  return {name, name, unit, doc, get};
}

// ---- when optional fields are written

inline constexpr When rra_ran{"With the rra method",
                              [](const IssueResult& issue) { return !std::isnan(issue.rho); }};
inline constexpr When axes_shrunk{
    "With axes `shrunk`, when an axis was shrunk", [](const IssueResult& issue) {
      return !std::isnan(issue.stakeholder_shrinkage) || !std::isnan(issue.business_shrinkage);
    }};
inline constexpr When bootstrapped{
    "With a bootstrap", [](const IssueResult& issue) { return !issue.tier_probability.empty(); }};
inline constexpr When has_influential_firm{
    "With leave-one-out, when removing one firm moves the issue",
    [](const IssueResult& issue) { return !issue.influential_firm.empty(); }};
inline constexpr When rolls_up{"When the issue rolls up into a topic",
                               [](const IssueResult& issue) { return !issue.parent.empty(); }};
inline constexpr When is_topic{"On a topic's row",
                               [](const IssueResult& issue) { return issue.is_topic; }};
inline constexpr When plackett_luce_fitted{
    "With the plackett-luce method",
    [](const IssueResult& issue) { return !std::isnan(issue.log_worth); }};
inline constexpr When kemeny_ran{"With the kemeny method", [](const Result& result) {
                                   return result.kemeny_distance.has_value();
                                 }};
inline constexpr When bootstrap_ran{
    "With a bootstrap", [](const Result& result) { return result.bootstrap_replicates > 0; }};
inline constexpr When names_dropped{"With a review decision drop", [](const Result& result) {
                                      return !result.dropped_names.empty();
                                    }};

// ---- the tables

/// The fields of an issue row (`Result::issues`), in JSON order. A topic row (`Result::topics`)
/// has those with a topic meaning (`for_topics`), in the same order, and always its `children`.
inline constexpr auto issue_row = std::tuple{
    field<FieldType::string>(
        "id", "",
        "The issue's id in the taxonomy; under the open vocabulary, the folded key of its name.",
        &IssueResult::id)
        .for_topics("The topic's id in the taxonomy."),
    field<FieldType::string>("name", "",
                             "Display name: the taxonomy's Chinese name, else its English name, "
                             "else the id (open vocabulary: the first spelling met in the data).",
                             &IssueResult::name)
        .for_topics("Display name."),
    field<FieldType::string>("name_en", "", "English name; `\"\"` when the taxonomy has none.",
                             &IssueResult::name_en)
        .for_topics("English name; `\"\"` when none."),
    field<FieldType::string>("category", "",
                             "`\"E\"`, `\"S\"`, `\"G\"`, or `\"\"` when unspecified.",
                             [](const IssueResult& issue) { return category_code(issue.category); })
        .for_topics("`\"E\"`, `\"S\"`, `\"G\"` or `\"\"`."),
    field<FieldType::integer>("attention", "firms",
                              "Number of firms of positive weight listing the issue.",
                              &IssueResult::attention)
        .for_topics("Number of firms of positive weight listing any of its children (or the "
                    "topic itself)."),
    field<FieldType::number>("attention_share", "[0, 1]",
                             "The listing firms' share of the firms' total weight (attention / "
                             "companies when every weight is 1).",
                             &IssueResult::attention_share)
        .for_topics("The same for the firms listing any of its children."),
    field<FieldType::number>("score", "the method's",
                             "The aggregated score (docs/method.md section 2); `higher_is_better` "
                             "says which way it points.",
                             &IssueResult::score)
        .for_topics("The children's scores rolled up by `matrix.roll_up`; with `firms` the "
                    "method's score of the topic when each firm's best-ranked child stands for "
                    "it."),
    field<FieldType::number>("rho", "probability",
                             "RobustRankAggreg's ρ, min over j of the Beta order "
                             "statistic's p-value times the number of lists m, capped at 1; "
                             "`score` is −log10 of that product before the cap.",
                             &IssueResult::rho)
        .only(rra_ran),
    field<FieldType::integer>("rank", "",
                              "1 = most important: 1 + the number of issues with a strictly "
                              "better score, so tied issues share a rank (1, 2, 2, 4).",
                              &IssueResult::rank)
        .for_topics("Its best child's rank (`max`), else 1 + the number of issues with a "
                    "strictly better score."),
    field<FieldType::number>("rank_mid", "rank",
                             "Mid-rank by score: tied issues share the mean of the places they "
                             "fill (2.5, 2.5 for two issues tied after the first).",
                             &IssueResult::rank_mid)
        .for_topics("The mid-rank its score would have among the issues."),
    field<FieldType::integer>("tier", "", "1 = the top tier.", &IssueResult::tier)
        .for_topics("The first tier whose boundary (`tier_breaks`) its score reaches."),
    field<FieldType::number>("importance", "[0, 1]",
                             "Weighted mean of the listing firms' within-firm positions "
                             "(k − r + 0.5)/k, the report's sequence importance; null when no "
                             "firm of positive weight lists the issue.",
                             &IssueResult::importance)
        .or_null()
        .for_topics("The children's importance rolled up."),
    field<FieldType::number>("stakeholder", "[0, 1]",
                             "Importance to stakeholders (impact axis); null under `positions` "
                             "when no firm of positive weight lists the issue.",
                             &IssueResult::stakeholder)
        .or_null()
        .for_topics("The children's stakeholder axis rolled up."),
    field<FieldType::number>("business", "[0, 1]",
                             "Importance to the business (financial axis); null as `stakeholder`.",
                             &IssueResult::business)
        .or_null()
        .for_topics("The children's business axis rolled up."),
    field<FieldType::number>("stakeholder_shrinkage", "[0, 1]",
                             "Axes `shrunk`: how far `stakeholder` was pulled from the listing "
                             "firms' mean toward the mean of all issues (empirical Bayes; 1 = all "
                             "the way); null when not shrunk.",
                             &IssueResult::stakeholder_shrinkage)
        .or_null()
        .only(axes_shrunk),
    field<FieldType::number>("business_shrinkage", "[0, 1]", "The same for `business`.",
                             &IssueResult::business_shrinkage)
        .or_null()
        .only(axes_shrunk),
    field<FieldType::string>("quadrant", "",
                             "`\"both\"` (both axes at or above their thresholds), "
                             "`\"stakeholder\"`, `\"business\"`, `\"neither\"`; `\"\"` when an "
                             "axis is null.",
                             &IssueResult::quadrant)
        .for_topics("As for issues, with the issues' thresholds."),
    field<FieldType::strings>(
        "merged_names", "",
        "The raw names the firms used that resolved to this issue, most used first.",
        &IssueResult::merged_names)
        .for_topics("The raw names merged into its children and itself."),
    field<FieldType::boolean>("material", "", "Passes the axis thresholds under `matrix.material`.",
                              &IssueResult::material)
        .for_topics("As for issues."),
    field<FieldType::boolean>(
        "borderline", "",
        "Within `matrix.borderline_band` of a threshold that decides `material`: review it.",
        &IssueResult::borderline)
        .for_topics("As for issues."),
    field<FieldType::number>("composite", "[0, 1]",
                             "Composite importance, attention_share × importance; null outside "
                             "the composite's top K.",
                             &IssueResult::composite)
        .or_null()
        .for_topics("The children's composite rolled up; null when no child is in the "
                    "composite."),
    field<FieldType::number>("above_next_p", "p-value",
                             "Exact sign test that the firms rank this issue and the next row "
                             "equally often above each other (firms of positive weight, one "
                             "vote each), Holm-adjusted over the adjacent pairs: at or below "
                             "0.05 the firms do put it above the next; null for the last issue.",
                             &IssueResult::above_next_p)
        .or_null()
        .for_topics("Always null: topics are not tested against each other."),
    field<FieldType::number>("log_worth", "log worth",
                             "the log of the issue's Plackett–Luce worth (the worths are the "
                             "scores and sum to 1).",
                             &IssueResult::log_worth)
        .only(plackett_luce_fitted),
    field<FieldType::number>("quasi_se", "log worth",
                             "quasi standard error of `log_worth` (Firth & de Menezes 2004): "
                             "`log_worth ± 1.96 quasi_se` are comparison intervals, two issues "
                             "differing where theirs do not overlap; null with fewer than 3 "
                             "issues or a negative quasi-variance.",
                             &IssueResult::quasi_se)
        .only(plackett_luce_fitted)
        .or_null(),
    field<FieldType::number>("rank_low", "rank",
                             "the low end of the 95% interval of the mid-rank over the replicates "
                             "(an observed replicate mid-rank: a whole or half number).",
                             &IssueResult::rank_low)
        .at("rank_interval/0")
        .only(bootstrapped),
    field<FieldType::number>("rank_high", "rank", "the high end of that interval.",
                             &IssueResult::rank_high)
        .at("rank_interval/1")
        .only(bootstrapped),
    field<FieldType::number>("rank_set_low", "rank",
                             "the best rank of the issue's simultaneous 95% confidence set of "
                             "ranks (Mogstad, Romano, Shaikh & Wilhelm 2024): all issues' sets "
                             "hold their true ranks at once; null above 1000 issues.",
                             &IssueResult::rank_set_low)
        .at("rank_set/0")
        .only(bootstrapped)
        .or_null(),
    field<FieldType::number>("rank_set_high", "rank", "the worst rank of that set.",
                             &IssueResult::rank_set_high)
        .at("rank_set/1")
        .only(bootstrapped)
        .or_null(),
    field<FieldType::numbers>("tier_probability", "probability",
                              "item t − 1 is the share of replicates whose score falls in tier t "
                              "of the full sample's thresholds (frozen, not re-estimated).",
                              &IssueResult::tier_probability)
        .only(bootstrapped)
        .keeping_non_finite(),
    field<FieldType::string>("influential_firm", "", "the firm whose removal moves it most.",
                             &IssueResult::influential_firm)
        .at("influential_firm/id")
        .only(has_influential_firm),
    field<FieldType::number>("influential_shift", "ranks",
                             "the issue's mid-rank without that firm minus its mid-rank with all "
                             "(+ = the issue falls).",
                             &IssueResult::influential_shift)
        .at("influential_firm/rank_shift")
        .only(has_influential_firm),
    field<FieldType::string>("parent", "", "the topic's id.", &IssueResult::parent).only(rolls_up),
    field<FieldType::strings>("children", "",
                              "ids of its children; always empty on the issue row of a topic "
                              "that a firm named itself (such a topic is ranked as an issue "
                              "too), whose row in `topics` lists them.",
                              &IssueResult::children)
        .only(is_topic)
        .for_topics("Ids of its children that the data lists, in taxonomy order; empty when the "
                    "firms only name the topic itself."),
};

/// The fields of a result, in JSON order.
inline constexpr auto result = std::tuple{
    field<FieldType::string>("method", "",
                             "The aggregation method (`--method`), e.g. `\"borda-normalized\"`.",
                             &Result::method),
    field<FieldType::integer>("companies", "firms",
                              "Number of firms in the dataset, weight-0 firms included.",
                              &Result::companies),
    field<FieldType::integer>("universe", "issues",
                              "N, the number of issues ranks are out of (`--universe`; default: "
                              "the distinct issues in the data).",
                              &Result::universe),
    field<FieldType::string>("taxonomy", "",
                             "The taxonomy's name; `\"none\"` for the open vocabulary.",
                             &Result::taxonomy),
    field<FieldType::string>("taxonomy_version", "",
                             "The taxonomy's version; `\"\"` when it has none.",
                             &Result::taxonomy_version),
    field<FieldType::string>("tiers", "", "The tier spec, in canonical form, e.g. `\"fisher:3\"`.",
                             &Result::tiers),
    field<FieldType::numbers>("tier_breaks", "score",
                              "Score boundaries between tiers, from tier 1 down: the score of the "
                              "last issue of every tier but the last.",
                              &Result::tier_breaks),
    field<FieldType::number>("gvf", "[0, 1]",
                             "Goodness of variance fit of the tiers, 1 − SDCM/SDAM.", &Result::gvf),
    field<FieldType::number>("gvf_no_structure", "[0, 1]",
                             "Natural-break tiers: the GVF as many classes reach on evenly spread "
                             "scores (no structure); null for counts, shares and thresholds.",
                             &Result::gvf_no_structure)
        .or_null(),
    field<FieldType::number>("dip_p_value", "probability",
                             "Natural-break tiers: p-value of Hartigan's dip test of unimodality "
                             "of the scores (500 uniform replicates); at 0.05 or above the scores "
                             "show no gap and a warning says so; null as `gvf_no_structure`.",
                             &Result::dip_p_value)
        .or_null(),
    field<FieldType::boolean>("higher_is_better", "",
                              "True when a larger score is more important; false for mean-rank, "
                              "median-rank, geomean-rank, rra, stuart and kemeny.",
                              &Result::higher_is_better),
    field<FieldType::number>(
        "kemeny_distance", "firm weight",
        "the weighted number of pairs the firms order the other way from the result.",
        [](const Result& r) {
          return r.kemeny_distance.value_or(std::numeric_limits<double>::quiet_NaN());
        })
        .at("kemeny/distance")
        .only(kemeny_ran)
        .keeping_non_finite(),
    field<FieldType::boolean>(
        "kemeny_proven_optimal", "", "the order provably minimizes the distance.",
        [](const Result& r) { return r.kemeny_proven_optimal.value_or(false); })
        .at("kemeny/proven_optimal")
        .only(kemeny_ran),
    field<FieldType::number>("kemeny_lower_bound", "firm weight",
                             "a proven lower bound on the smallest distance.",
                             [](const Result& r) { return r.kemeny_lower_bound.value_or(0.0); })
        .at("kemeny/lower_bound")
        .only(kemeny_ran)
        .keeping_non_finite(),
    field<FieldType::number>("stakeholder_threshold", "[0, 1]",
                             "Threshold on the stakeholder axis: fixed, or the lowest value of "
                             "the top class of `matrix.threshold_rule`.",
                             &Result::stakeholder_threshold)
        .at("thresholds/stakeholder")
        .keeping_non_finite(),
    field<FieldType::number>("business_threshold", "[0, 1]",
                             "Threshold on the business axis, likewise.",
                             &Result::business_threshold)
        .at("thresholds/business")
        .keeping_non_finite(),
    field<FieldType::string>("axis_aggregation", "",
                             "How the firms' axes combine: `\"shrunk\"` (default), `\"method\"` "
                             "or `\"positions\"`.",
                             &Result::axis_aggregation)
        .at("matrix/axes"),
    field<FieldType::string>("threshold_rule", "",
                             "`\"fixed\"` when both axis thresholds were given, else the axis "
                             "tier spec that set them (e.g. `\"fisher:2\"`).",
                             &Result::threshold_rule)
        .at("matrix/threshold_rule"),
    field<FieldType::string>("material_rule", "",
                             "`\"either\"` or `\"both\"`: the axes an issue must pass to be "
                             "material.",
                             &Result::material_rule)
        .at("matrix/material"),
    field<FieldType::number>("borderline_band", "axis units",
                             "Distance to a deciding threshold within which an issue is "
                             "borderline.",
                             &Result::borderline_band)
        .at("matrix/borderline_band")
        .keeping_non_finite(),
    field<FieldType::string>("roll_up", "",
                             "How topics combine their children: `\"max\"`, `\"mean\"`, "
                             "`\"weight\"` or `\"firms\"`.",
                             &Result::roll_up)
        .at("matrix/roll_up"),
    field<FieldType::integer>("composite_top", "issues",
                              "K of the composite matrix (0 = all issues).", &Result::composite_top)
        .at("matrix/composite_top"),
    field<FieldType::integer>("composite_cut_attention", "firms",
                              "Attention of the K-th issue of the composite (0 = no cut).",
                              &Result::composite_cut_attention)
        .at("matrix/composite_cut_attention"),
    field<FieldType::number>("composite_attention_threshold", "[0, 1]",
                             "Composite-matrix threshold on attention share; null when the "
                             "composite is empty.",
                             &Result::composite_attention_threshold)
        .at("matrix/composite_thresholds/attention_share")
        .or_null(),
    field<FieldType::number>("composite_importance_threshold", "[0, 1]",
                             "Composite-matrix threshold on importance; null when the composite "
                             "is empty.",
                             &Result::composite_importance_threshold)
        .at("matrix/composite_thresholds/importance")
        .or_null(),
    field<FieldType::integer>("bootstrap_replicates", "replicates", "B.",
                              &Result::bootstrap_replicates)
        .at("bootstrap/replicates")
        .only(bootstrap_ran),
    field<FieldType::integer>("bootstrap_seed", "", "its seed.", &Result::bootstrap_seed)
        .at("bootstrap/seed")
        .only(bootstrap_ran),
    field<FieldType::number>("bootstrap_level", "probability",
                             "the level of the rank intervals, 0.95.",
                             [](const Result&) { return 0.95; })
        .at("bootstrap/level")
        .only(bootstrap_ran)
        .keeping_non_finite(),
    field<FieldType::numbers>("tier_stability", "Jaccard",
                              "per tier of the result, the mean Jaccard similarity between it "
                              "and its best match when each replicate is tiered afresh (Hennig "
                              "2007); below 0.6 the tier is not a stable group.",
                              &Result::tier_stability)
        .at("bootstrap/tier_stability")
        .only(bootstrap_ran),
    field<FieldType::boolean>("leave_one_out", "",
                              "Leave-one-out ran: issue rows may name an `influential_firm`.",
                              &Result::leave_one_out),
    field<FieldType::boolean>("synthetic_input", "",
                              "The dataset declares itself synthetic (`meta.synthetic`).",
                              &Result::synthetic_input),
    field<FieldType::strings>("dropped_names", "",
                              "the names left out of the analysis (aliases of kind `drop`), in "
                              "order of first use; a warning counts each one's listings.",
                              &Result::dropped_names)
        .only(names_dropped),
    field<FieldType::string>("materia_version", "", "The version of materia that wrote the result.",
                             [](const Result&) { return version_string(); }),
    field<FieldType::issue_rows>("issues", "", "One row per issue, by rank.", &Result::issues),
    field<FieldType::topic_rows>("topics", "",
                                 "One row per roll-up topic the data lists (a child, or the topic "
                                 "named itself), in taxonomy order.",
                                 &Result::topics),
    field<FieldType::strings>("warnings", "",
                              "What the user should know: fuzzy matches, weight-0 firms, a "
                              "composite cut through a tie. Also printed on standard error.",
                              &Result::warnings),
};

/// The columns of `to_csv`, one line per issue.
inline constexpr std::array<std::string_view, 16> csv_columns{
    "rank",      "rank_mid",        "tier",  "id",  "name",       "name_en",     "category",
    "attention", "attention_share", "score", "rho", "importance", "stakeholder", "business",
    "quadrant",  "merged_names"};

// ---- going over a table

/// The fields of `table` as `FieldInfo`, in order.
template <class Table>
constexpr auto describe(const Table& table) {
  return std::apply(
      [](const auto&... field) { return std::array<FieldInfo, sizeof...(field)>{field.info()...}; },
      table);
}

inline constexpr auto result_info = describe(result);
inline constexpr auto issue_row_info = describe(issue_row);

/// The fields of a topic row: the issue row's with a topic meaning, that meaning as `doc`, and
/// always written.
inline constexpr auto topic_row_info = [] {
  constexpr auto count = [] {
    std::size_t n = 0;
    for (const FieldInfo& field : issue_row_info)
      n += !field.topic_doc.empty();
    return n;
  }();
  std::array<FieldInfo, count> topic{};
  std::size_t next = 0;
  for (FieldInfo field : issue_row_info) {
    if (field.topic_doc.empty()) continue;
    field.doc = field.topic_doc;
    field.presence = {};
    topic[next++] = field;
  }
  return topic;
}();

/// The position of the field called `name` in `table`; the table's size if there is none.
template <class Table>
constexpr std::size_t index_of(const Table& table, std::string_view name) {
  const auto info = describe(table);
  std::size_t index = 0;
  while (index < info.size() && info[index].name != name)
    ++index;
  return index;
}

/// Calls `visit(field)` with the field called `name` (its `type` is a compile-time constant and
/// `field(record)` reads it); false when `table` has none.
template <class Table, class Visit>
constexpr bool visit_field(const Table& table, std::string_view name, Visit&& visit) {
  return std::apply(
      [&](const auto&... field) { return ((field.name == name && (visit(field), true)) || ...); },
      table);
}

/// docs/format.md's "Result fields" section (between `<!-- fields:begin -->` and
/// `<!-- fields:end -->`), written from these tables.
std::string field_table_markdown();

}  // namespace materia::fields
