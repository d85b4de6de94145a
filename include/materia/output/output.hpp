#pragma once
/// \file output.hpp
/// Writing results: JSON, CSV and an aligned text table, the fields of fields.hpp.

#include <string>
#include <vector>

#include "materia/model/result.hpp"
#include "materia/output/fields.hpp"

namespace materia {

/// The JSON form of a result (docs/format.md, "Result"), fields in a fixed order, as `materia
/// analyze --format json` writes it: indented by 2 with a final newline, written straight from the
/// result without building a tree (a fifth of the time and none of the memory on a market-scale
/// result).
std::string to_json_text(const Result& result);
/// The same JSON indented by `indent` spaces (-1: on one line), without a final newline (so
/// `to_json_text(result, 2) + "\n"` is `to_json_text(result)`).
std::string to_json_text(const Result& result, int indent);
/// One row per issue, RFC 4180 quoting, UTF-8 without BOM; `merged_names` joined with " | ";
/// then the columns of resampling_csv_columns.
std::string to_csv(const Result& result);
/// An aligned table for terminals (CJK-aware column widths). With a bootstrap it adds each
/// issue's 95% rank interval and P(tier), marking an unstable tier with "!"; with leave-one-out
/// the most influential firm and its rank shift.
std::string to_table(const Result& result);

/// Below this share of replicates in its own tier, an issue's tier is unstable.
inline constexpr double kStableTierProbability = 0.5;
/// Bootstrap: the share of replicates whose score falls in the issue's own tier; NaN without a
/// bootstrap.
double own_tier_probability(const IssueResult& issue);
/// Bootstrap: fewer than half the replicates put the issue in its own tier.
bool tier_unstable(const IssueResult& issue);
/// A rank or an end of a rank interval rounded for people: to `digits` decimals, trailing zeros
/// dropped ("12", "12.5", "36.03"); "-" for NaN.
std::string rank_text(double rank, int digits = 2);
/// The CSV columns `to_csv` adds after the fixed ones: with a bootstrap `rank_low, rank_high,
/// p_tier, tier_unstable`, with leave-one-out `influential_firm, influential_shift`.
std::vector<std::string> resampling_csv_columns(const Result& result);

}  // namespace materia
