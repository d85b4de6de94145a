#include "materia/run/render.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "base/json_members.hpp"
#include "materia/output/output.hpp"
#include "run/in_format.hpp"
#include "run/render_json.hpp"

namespace materia {

namespace {

using ojson = nlohmann::ordered_json;

// The workflows' three texts.
template <class Value>
std::string render_workflow(const Value& value, Format format) {
  return in_format(
      format, [&] { return to_csv(value); }, [&] { return to_table(value); },
      [&] { return to_json_text(value, 2) + "\n"; });
}

// A fixed-point number; "-" for a missing (non-finite) value.
std::string fixed(double value, int digits) {
  if (!std::isfinite(value)) return "-";
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(digits);
  out << value;
  return out.str();
}

// The shortest text that reads back as `value`.
std::string shortest(double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

ojson candidate_json(const Candidate* c) {
  if (!c) return nullptr;
  return {{"id", c->id}, {"name", c->name}, {"score", c->score}, {"via", c->via}};
}

}  // namespace

std::optional<Format> format_named(std::string_view name) {
  if (name == "table") return Format::table;
  if (name == "json") return Format::json;
  if (name == "csv") return Format::csv;
  return std::nullopt;
}

std::string render(const Result& result, Format format) {
  return in_format(
      format, [&] { return to_csv(result); }, [&] { return to_table(result); },
      [&] { return to_json_text(result); });
}

std::string render(const Explanation& explanation, Format format) {
  if (format == Format::table) return to_table(explanation);
  return to_json_text(explanation, 2) + "\n";
}

std::string render(const DisclosureStats& stats, Format format) {
  return render_workflow(stats, format);
}
std::string render(const CheckReport& report, Format format) {
  return render_workflow(report, format);
}
std::string render(const ScoreResult& result, Format format) {
  return render_workflow(result, format);
}
std::string render(const AssessmentResult& result, Format format) {
  return render_workflow(result, format);
}
std::string render(const SurveyResult& result, Format format) {
  return render_workflow(result, format);
}
std::string render(const Comparison& comparison, Format format) {
  return render_workflow(comparison, format);
}
std::string render(const Benchmark& benchmark, Format format) {
  return render_workflow(benchmark, format);
}

std::string to_table(const Explanation& why) {
  std::ostringstream out;
  out << why.name << " (" << why.id << ")" << (why.name_en.empty() ? "" : " — " + why.name_en)
      << "\n";
  out << "method " << why.method << ": score " << fixed(why.score, 4) << ", rank " << why.rank
      << ", tier " << why.tier << " of " << why.tier_count << ", listed by " << why.attention
      << " firms\n";
  out << "tier boundaries: below " << fixed(why.boundary_below, 4) << " (margin "
      << fixed(why.margin_below, 4) << "), above " << fixed(why.boundary_above, 4) << " (margin "
      << fixed(why.margin_above, 4) << ")\n";
  out << "matrix: stakeholder " << fixed(why.stakeholder, 3) << ", business "
      << fixed(why.business, 3) << " (thresholds " << fixed(why.stakeholder_threshold, 3) << ", "
      << fixed(why.business_threshold, 3) << ") -> " << why.quadrant
      << (why.material ? ", material" : "") << (why.borderline ? ", borderline: review" : "")
      << "\n";
  if (std::isfinite(why.composite))
    out << "composite importance " << fixed(why.composite, 4) << "\n";
  if (!why.tier_probability.empty()) {
    out << "bootstrap: 95% rank interval [" << fixed(why.rank_low, 1) << ", "
        << fixed(why.rank_high, 1) << "], P(tier):";
    for (std::size_t t = 0; t < why.tier_probability.size(); ++t)
      out << " " << t + 1 << ": " << fixed(why.tier_probability[t], 3);
    out << "\n";
  }
  if (!why.influential_firm.empty())
    out << "leave-one-out: without " << why.influential_firm << " its rank moves by "
        << fixed(why.influential_shift, 0) << "\n";
  out << "names merged:";
  for (const auto& use : why.merged_names) {
    out << " \"" << use.name << "\" (" << use.firms << ", " << use.match;
    if (use.match == "fuzzy") out << " " << fixed(use.score, 2);
    out << ")";
  }
  out << "\n";
  if (why.is_topic) {
    out << "topic: its values roll up (" << why.roll_up << ") from its children\n"
        << "child  rank  tier  attention  score  stakeholder  business\n";
    for (const auto& child : why.child_parts)
      out << child.name << " (" << child.id << ")  " << child.rank << "  " << child.tier << "  "
          << child.attention << "  " << fixed(child.score, 4) << "  " << fixed(child.stakeholder, 3)
          << "  " << fixed(child.business, 3) << "\n";
    return out.str();
  }
  out << "firm  rank  of  stakeholder  business  value  contribution  name used\n";
  for (const auto& firm : why.firms)
    out << firm.firm << "  " << (firm.listed ? fixed(firm.rank, 1) : "-") << "  "
        << firm.list_length << "  " << fixed(firm.stakeholder, 3) << "  " << fixed(firm.business, 3)
        << "  " << fixed(firm.value, 4) << "  " << fixed(firm.contribution, 5) << "  "
        << firm.name_used << "\n";
  out << "sum of contributions " << fixed(why.contributions_sum, 6)
      << (why.contributions_add_up ? " (= the score)"
                                   : " (the method's score is not a sum over firms: each "
                                     "contribution is the firm's weighted share of its value)")
      << "\n";
  return out.str();
}

nlohmann::ordered_json to_json(const Agreement& agreement, std::size_t show) {
  const Concordance& c = agreement.concordance;
  const auto& firms = agreement.typicality;
  show = std::min(show, firms.size());
  ojson out;
  out["w"] = detail::finite_or_null(c.w);
  out["chi_square"] = detail::finite_or_null(c.chi_square);
  out["df"] = c.df;
  out["p_value"] = detail::finite_or_null(c.p_value);
  out["raters"] = c.raters;
  out["items"] = c.items;
  out["partial_lists"] = "unlisted issues tie below the listed ones";
  const ListedAgreement& listed = agreement.listed_only;
  out["skillings_mack"] = {
      {"statistic", detail::finite_or_null(listed.statistic)},
      {"df", detail::finite_or_null(listed.df)},
      {"p_value", detail::finite_or_null(listed.p_value)},
      {"permutation_p_value", detail::finite_or_null(listed.permutation_p_value)},
      {"permutations", listed.permutations}};
  out["most_typical"] = ojson::array();
  out["least_typical"] = ojson::array();
  for (std::size_t i = 0; i < show; ++i) {
    out["most_typical"].push_back(firms[i].id);
    out["least_typical"].push_back(firms[firms.size() - 1 - i].id);
  }
  out["firms"] = ojson::array();
  for (const auto& firm : firms)
    out["firms"].push_back({{"id", firm.id},
                            {"rho", detail::finite_or_null(firm.rho)},
                            {"rbo", detail::finite_or_null(firm.rbo)},
                            {"topk_distance", detail::finite_or_null(firm.topk_distance)},
                            {"listed", firm.listed}});
  return out;
}

std::string to_json_text(const Agreement& agreement, std::size_t show, int indent) {
  return to_json(agreement, show).dump(indent);
}

std::string render(const Agreement& agreement, Format format, std::size_t show) {
  const Concordance& c = agreement.concordance;
  const auto& firms = agreement.typicality;
  show = std::min(show, firms.size());
  if (format == Format::json) return to_json(agreement, show).dump(2) + "\n";
  if (format == Format::csv) {
    std::string out = "firm,rho,rbo,topk_distance,listed\n";
    for (const auto& firm : firms) {
      std::ostringstream line;
      line.precision(17);
      line << firm.id << "," << firm.rho << "," << firm.rbo << "," << firm.topk_distance << ","
           << firm.listed << "\n";
      out += line.str();
    }
    return out;
  }
  std::ostringstream table;
  table.precision(4);
  table << "Kendall's W " << c.w << " over " << c.raters << " firms and " << c.items
        << " issues (unlisted issues tie at the bottom)\nFriedman chi-square " << c.chi_square
        << ", df " << c.df << ", p " << c.p_value;
  const ListedAgreement& listed = agreement.listed_only;
  if (std::isfinite(listed.statistic))
    table << "\nSkillings-Mack over the listed issues only " << listed.statistic << ", df "
          << listed.df << ", p " << listed.p_value << ", permutation p "
          << listed.permutation_p_value << " (" << listed.permutations << " permutations)";
  table << "\nmost typical (Spearman rho with the others):";
  for (std::size_t i = 0; i < show; ++i)
    table << " " << firms[i].id << " (" << firms[i].rho << ")";
  table << "\nleast typical:";
  for (std::size_t i = 0; i < show; ++i) {
    const auto& firm = firms[firms.size() - 1 - i];
    table << " " << firm.id << " (" << firm.rho << ")";
  }
  table << "\n";
  return table.str();
}

// The document nlohmann's ordered_json would dump for {breaks, classes, gvf, method,
// class_count}, byte for byte, without building a tree of one node per value: the doubles and
// the method name still go through nlohmann (its number format), the class numbers are written
// with std::to_chars.
std::string breaks_json_text(const Breaks& breaks, std::string_view method) {
  std::string out;
  out.reserve(64 + 2 * breaks.classes.size() + 24 * breaks.breaks.size());
  out += "{\"breaks\":";
  out += nlohmann::json(breaks.breaks).dump();
  out += ",\"classes\":[";
  char buffer[16];
  for (std::size_t i = 0; i < breaks.classes.size(); ++i) {
    if (i > 0) out += ',';
    const int c = breaks.classes[i];
    if (c >= 1 && c <= 9) {  // the usual case: one digit
      out += static_cast<char>('0' + c);
      continue;
    }
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, c);
    out.append(buffer, end);
  }
  out += "],\"gvf\":";
  out += nlohmann::json(breaks.gvf).dump();
  out += ",\"method\":";
  out += nlohmann::json(std::string(method)).dump();
  out += ",\"class_count\":";
  out += std::to_string(breaks.class_count);
  out += "}";
  return out;
}

std::string render(const Breaks& breaks, std::string_view method, const std::vector<double>& values,
                   Format format) {
  if (format == Format::json) return breaks_json_text(breaks, method) + "\n";
  if (format == Format::csv) {
    std::string out = "value,class\n";
    for (std::size_t i = 0; i < values.size(); ++i)
      out += shortest(values[i]) + "," + std::to_string(breaks.classes[i]) + "\n";
    return out;
  }
  std::ostringstream table;
  table << method << ": " << breaks.class_count << " classes, GVF " << breaks.gvf
        << "\nclass  from  to  count\n";
  for (int c = 1; c <= breaks.class_count; ++c) {
    auto count = std::count(breaks.classes.begin(), breaks.classes.end(), c);
    table << c << "  " << shortest(breaks.breaks[static_cast<std::size_t>(c - 1)]) << "  "
          << shortest(breaks.breaks[static_cast<std::size_t>(c)]) << "  " << count << "\n";
  }
  return table.str();
}

nlohmann::ordered_json to_json(const Resolution& r) {
  const bool found = !r.id.empty();
  ojson item;
  item["input"] = r.input;
  item["id"] = found ? ojson(r.id) : ojson(nullptr);
  item["name"] = found ? ojson(r.name) : ojson(nullptr);
  item["match"] = std::string(match_kind_name(r.match));
  item["score"] = r.score;
  item["key"] = r.key;
  item["reason"] = r.reason;
  item["runner_up"] = candidate_json(r.runner_up());
  ojson candidates = ojson::array();
  for (const auto& c : r.candidates)
    candidates.push_back(candidate_json(&c));
  item["candidates"] = candidates;
  return item;
}

std::string to_json_text(const Resolution& resolution, int indent) {
  return to_json(resolution).dump(indent);
}

}  // namespace materia
