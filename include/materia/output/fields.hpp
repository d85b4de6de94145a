#pragma once
/// \file fields.hpp
/// The fields of a result, declared once: an issue row, a topic row and the result's own fields,
/// each with its name, where the JSON has it, its type, unit, a line of documentation, when the
/// JSON has it and how to read it from `IssueResult` / `Result`. The JSON, CSV and text writers,
/// docs/format.md ("Result fields"), the Python DataFrame columns and stubs follow these tables.
///
/// A table is a `std::tuple` of `Field`s, so code can go over it at compile time
/// (`std::apply`, `visit_field`); `describe(table)` gives the same fields as `FieldInfo` values
/// for lookups at run time.

#include <array>
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
  topic_rows,  ///< array of topic rows (`topic_row`)
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
  std::string_view unit;      ///< "" when it has none
  std::string_view doc;       ///< one line
  std::string_view presence;  ///< when the JSON has it; "" = always
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
    return {name, location, unit, doc, get, when, non_finite};
  }
  /// The same field, a NaN or infinity kept as a double in the JSON tree.
  constexpr Field keeping_non_finite() const {
    Field kept = *this;
    kept.non_finite = NonFinite::kept;
    return kept;
  }

  constexpr FieldInfo info() const { return {name, location, Type, unit, doc, present.doc}; }
};

/// A field at the top of its JSON object, under its own name.
template <FieldType Type, class Get>
constexpr Field<Type, Get> field(std::string_view name, std::string_view unit, std::string_view doc,
                                 Get get) {
  return {name, name, unit, doc, get};
}

// ---- when optional fields are written

inline constexpr When bootstrapped{
    "with a bootstrap", [](const IssueResult& issue) { return !issue.tier_probability.empty(); }};
inline constexpr When has_influential_firm{
    "with leave-one-out, when removing one firm moves the issue",
    [](const IssueResult& issue) { return !issue.influential_firm.empty(); }};
inline constexpr When rolls_up{"when the issue rolls up into a topic",
                               [](const IssueResult& issue) { return !issue.parent.empty(); }};
inline constexpr When is_topic{"topic rows",
                               [](const IssueResult& issue) { return issue.is_topic; }};
inline constexpr When kemeny_ran{"with the kemeny method", [](const Result& result) {
                                   return result.kemeny_distance.has_value();
                                 }};
inline constexpr When bootstrap_ran{
    "with a bootstrap", [](const Result& result) { return result.bootstrap_replicates > 0; }};

// ---- the tables

/// The fields of one issue (`Result::issues`, by rank), in JSON order.
inline constexpr auto issue_row = std::tuple{
    field<FieldType::string>("id", "",
                             "the taxonomy's id of the issue (a slug of its name without one)",
                             &IssueResult::id),
    field<FieldType::string>("name", "", "canonical display name", &IssueResult::name),
    field<FieldType::string>("name_en", "", "English name; \"\" when the taxonomy has none",
                             &IssueResult::name_en),
    field<FieldType::string>(
        "category", "", "\"E\", \"S\", \"G\", or \"\" when unspecified",
        [](const IssueResult& issue) { return category_code(issue.category); }),
    field<FieldType::integer>("attention", "firms", "number of firms listing the issue",
                              &IssueResult::attention),
    field<FieldType::number>("attention_share", "[0, 1]", "attention / number of firms",
                             &IssueResult::attention_share),
    field<FieldType::number>("score", "the method's",
                             "aggregated score of the method (`higher_is_better` says which way)",
                             &IssueResult::score),
    field<FieldType::integer>("rank", "",
                              "1 = most important; ties in score broken by attention, id",
                              &IssueResult::rank),
    field<FieldType::integer>("tier", "", "1 = top", &IssueResult::tier),
    field<FieldType::number>("importance", "[0, 1]",
                             "weighted mean within-firm position among the firms listing it",
                             &IssueResult::importance),
    field<FieldType::number>("stakeholder", "[0, 1]", "importance to stakeholders (impact axis)",
                             &IssueResult::stakeholder),
    field<FieldType::number>("business", "[0, 1]", "importance to the business (financial axis)",
                             &IssueResult::business),
    field<FieldType::string>("quadrant", "",
                             "\"both\", \"stakeholder\", \"business\" or \"neither\" (axes at or "
                             "above their thresholds)",
                             &IssueResult::quadrant),
    field<FieldType::strings>("merged_names", "",
                              "the raw names resolved to this issue, most used first",
                              &IssueResult::merged_names),
    field<FieldType::boolean>("material", "", "passes the axis thresholds under the material rule",
                              &IssueResult::material),
    field<FieldType::boolean>("borderline", "",
                              "within the borderline band of a deciding threshold: review it",
                              &IssueResult::borderline),
    field<FieldType::number>("composite", "[0, 1]",
                             "attention_share x importance; null outside the composite's top K",
                             &IssueResult::composite),
    field<FieldType::number>("rank_low", "rank", "low end of the rank's 95% bootstrap interval",
                             &IssueResult::rank_low)
        .at("rank_interval/0")
        .only(bootstrapped),
    field<FieldType::number>("rank_high", "rank", "high end of the rank's 95% bootstrap interval",
                             &IssueResult::rank_high)
        .at("rank_interval/1")
        .only(bootstrapped),
    field<FieldType::numbers>("tier_probability", "probability",
                              "[t - 1] = share of bootstrap replicates with the issue in tier t",
                              &IssueResult::tier_probability)
        .only(bootstrapped)
        .keeping_non_finite(),
    field<FieldType::string>("influential_firm", "",
                             "leave-one-out: the firm whose removal moves the issue most",
                             &IssueResult::influential_firm)
        .at("influential_firm/id")
        .only(has_influential_firm),
    field<FieldType::number>("influential_shift", "ranks",
                             "its rank without that firm minus its rank (+ = the issue falls)",
                             &IssueResult::influential_shift)
        .at("influential_firm/rank_shift")
        .only(has_influential_firm),
    field<FieldType::string>("parent", "", "id of the topic the issue rolls up into",
                             &IssueResult::parent)
        .only(rolls_up),
};

/// The fields of one roll-up topic (`Result::topics`): an issue row's, then its children.
inline constexpr auto topic_row = std::tuple_cat(
    issue_row,
    std::tuple{field<FieldType::strings>("children", "", "ids of the issues the topic rolls up",
                                         &IssueResult::children)
                   .only(is_topic)});

/// The fields of a result, in JSON order.
inline constexpr auto result = std::tuple{
    field<FieldType::string>("method", "", "the aggregation method, e.g. \"borda-normalized\"",
                             &Result::method),
    field<FieldType::integer>("companies", "firms", "number of firms", &Result::companies),
    field<FieldType::integer>("universe", "issues", "N, the number of issues ranks are taken of",
                              &Result::universe),
    field<FieldType::string>("taxonomy", "", "taxonomy name", &Result::taxonomy),
    field<FieldType::string>("taxonomy_version", "", "taxonomy version", &Result::taxonomy_version),
    field<FieldType::string>("tiers", "", "the tier spec, e.g. \"fisher:3\"", &Result::tiers),
    field<FieldType::numbers>("tier_breaks", "score",
                              "score boundaries between tiers, from tier 1 down",
                              &Result::tier_breaks),
    field<FieldType::number>("gvf", "[0, 1]", "goodness of variance fit of the tiers",
                             &Result::gvf),
    field<FieldType::boolean>("higher_is_better", "", "a higher score ranks an issue higher",
                              &Result::higher_is_better),
    field<FieldType::number>(
        "kemeny_distance", "firm weight", "weighted pairwise disagreements of the kemeny order",
        [](const Result& r) {
          return r.kemeny_distance.value_or(std::numeric_limits<double>::quiet_NaN());
        })
        .at("kemeny/distance")
        .only(kemeny_ran)
        .keeping_non_finite(),
    field<FieldType::boolean>(
        "kemeny_proven_optimal", "", "the kemeny order provably minimizes the disagreements",
        [](const Result& r) { return r.kemeny_proven_optimal.value_or(false); })
        .at("kemeny/proven_optimal")
        .only(kemeny_ran),
    field<FieldType::number>("kemeny_lower_bound", "firm weight",
                             "proven lower bound on the minimum disagreement",
                             [](const Result& r) { return r.kemeny_lower_bound.value_or(0.0); })
        .at("kemeny/lower_bound")
        .only(kemeny_ran)
        .keeping_non_finite(),
    field<FieldType::number>("stakeholder_threshold", "[0, 1]", "threshold on the stakeholder axis",
                             &Result::stakeholder_threshold)
        .at("thresholds/stakeholder")
        .keeping_non_finite(),
    field<FieldType::number>("business_threshold", "[0, 1]", "threshold on the business axis",
                             &Result::business_threshold)
        .at("thresholds/business")
        .keeping_non_finite(),
    field<FieldType::string>("axis_aggregation", "",
                             "how firms' axes are combined: \"method\" or \"positions\"",
                             &Result::axis_aggregation)
        .at("matrix/axes"),
    field<FieldType::string>("threshold_rule", "",
                             "\"fixed\", or the axis tier spec the thresholds come from",
                             &Result::threshold_rule)
        .at("matrix/threshold_rule"),
    field<FieldType::string>("material_rule", "",
                             "\"either\" or \"both\": the axes an issue must pass to be material",
                             &Result::material_rule)
        .at("matrix/material"),
    field<FieldType::number>("borderline_band", "axis units",
                             "distance to a threshold within which an issue is borderline",
                             &Result::borderline_band)
        .at("matrix/borderline_band")
        .keeping_non_finite(),
    field<FieldType::string>("roll_up", "",
                             "how topics combine children: \"max\", \"mean\", \"weight\"",
                             &Result::roll_up)
        .at("matrix/roll_up"),
    field<FieldType::integer>("composite_top", "issues",
                              "K of the composite matrix (0 = all issues)", &Result::composite_top)
        .at("matrix/composite_top"),
    field<FieldType::integer>("composite_cut_attention", "firms",
                              "attention of the K-th issue (0 = no cut)",
                              &Result::composite_cut_attention)
        .at("matrix/composite_cut_attention"),
    field<FieldType::number>("composite_attention_threshold", "[0, 1]",
                             "composite matrix threshold on attention_share (null if it is empty)",
                             &Result::composite_attention_threshold)
        .at("matrix/composite_thresholds/attention_share"),
    field<FieldType::number>("composite_importance_threshold", "[0, 1]",
                             "composite matrix threshold on importance (null if it is empty)",
                             &Result::composite_importance_threshold)
        .at("matrix/composite_thresholds/importance"),
    field<FieldType::integer>("bootstrap_replicates", "replicates", "B, the bootstrap's replicates",
                              &Result::bootstrap_replicates)
        .at("bootstrap/replicates")
        .only(bootstrap_ran),
    field<FieldType::integer>("bootstrap_seed", "", "seed of the bootstrap's generators",
                              &Result::bootstrap_seed)
        .at("bootstrap/seed")
        .only(bootstrap_ran),
    field<FieldType::number>("bootstrap_level", "probability", "level of the rank intervals",
                             [](const Result&) { return 0.95; })
        .at("bootstrap/level")
        .only(bootstrap_ran)
        .keeping_non_finite(),
    field<FieldType::boolean>("leave_one_out", "",
                              "leave-one-out ran (influential firms are filled)",
                              &Result::leave_one_out),
    field<FieldType::boolean>("synthetic_input", "", "the dataset is synthetic sample data",
                              &Result::synthetic_input),
    field<FieldType::string>("materia_version", "", "the version of materia that wrote the result",
                             [](const Result&) { return version_string(); }),
    field<FieldType::issue_rows>("issues", "", "one issue row per issue, by rank", &Result::issues),
    field<FieldType::topic_rows>("topics", "", "one topic row per roll-up topic, in taxonomy order",
                                 &Result::topics),
    field<FieldType::strings>("warnings", "", "things the user should know", &Result::warnings),
};

/// The columns of `to_csv`, one line per issue.
inline constexpr std::array<std::string_view, 14> csv_columns{
    "rank",     "tier",        "id",          "name",
    "name_en",  "category",    "attention",   "attention_share",
    "score",    "importance",  "stakeholder", "business",
    "quadrant", "merged_names"};

// ---- going over a table

/// The fields of `table` as `FieldInfo`, in order.
template <class Table>
constexpr auto describe(const Table& table) {
  return std::apply(
      [](const auto&... field) { return std::array<FieldInfo, sizeof...(field)>{field.info()...}; },
      table);
}

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
