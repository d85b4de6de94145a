// Reports: label placement invariants, one mark per issue, determinism, CSV quoting and BOM,
// escaping, errors. The browser, openpyxl and Python csv checks live in tests/report.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>

#include "base/csv.hpp"
#include "materia/materia.hpp"
#include "report/report_common.hpp"
#include "report/report_raster.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace {

using materia_test::label_boxes;
using materia_test::mark_ids;
using materia_test::occurrences;
using materia_test::slurp;

namespace fs = std::filesystem;

const materia::Result& sample_result() {
  static const materia::Result result = materia::analyze(materia::load_sample("fintech-2024"), {});
  return result;
}

// ---------------------------------------------------------------------------------------------
TEST(LabelPlacement, ALoneMarkGetsTheSlotToItsRight) {
  std::vector<materia::LabelMark> marks = {{100, 100, 5}};
  auto placed = materia::place_labels(marks, {{0, 40, 14}}, {0, 0, 400, 400});
  ASSERT_EQ(placed.size(), 1u);
  EXPECT_TRUE(placed[0].placed);
  EXPECT_FALSE(placed[0].leader);
  EXPECT_DOUBLE_EQ(placed[0].box.x, 107.5);  // x + r + 2.5
  EXPECT_DOUBLE_EQ(placed[0].box.y, 93.0);   // centred on the mark
}

TEST(LabelPlacement, AtTheRightEdgeTheLabelGoesLeft) {
  std::vector<materia::LabelMark> marks = {{390, 100, 5}};
  auto placed = materia::place_labels(marks, {{0, 40, 14}}, {0, 0, 400, 400});
  ASSERT_TRUE(placed[0].placed);
  EXPECT_DOUBLE_EQ(placed[0].box.x, 390 - 5 - 2.5 - 40);
}

TEST(LabelPlacement, RandomCrowdsNeverOverlapAndLeadersTouchTheirMark) {
  for (unsigned seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> x(20, 580), y(20, 380), width(20, 110);
    std::vector<materia::LabelMark> marks;
    std::vector<materia::LabelRequest> labels;
    // Half the points in a tight cluster, as in a real matrix.
    for (std::size_t i = 0; i < 80; ++i) {
      double px = i % 2 ? x(rng) : 200 + x(rng) / 4, py = i % 2 ? y(rng) : 130 + y(rng) / 4;
      marks.push_back({px, py, i < 10 ? 7.5 : 4.5});
      labels.push_back({i, width(rng), 16.7, 150, 14});
    }
    materia::LabelBox bounds{0, 0, 600, 400};
    auto placed = materia::place_labels(marks, labels, bounds);
    EXPECT_EQ(placed.size(), labels.size());
    std::size_t count_placed = 0;
    for (std::size_t i = 0; i < placed.size(); ++i) {
      if (!placed[i].placed) continue;
      ++count_placed;
      const auto& a = placed[i].box;
      EXPECT_GE(a.x, bounds.x);
      EXPECT_LE(a.x + a.width, bounds.x + bounds.width + 1e-9);
      EXPECT_GE(a.y, bounds.y);
      EXPECT_LE(a.y + a.height, bounds.y + bounds.height + 1e-9);
      EXPECT_DOUBLE_EQ(a.width, placed[i].fallback ? 14.0 : labels[i].width);
      for (std::size_t j = i + 1; j < placed.size(); ++j)
        if (placed[j].placed) {
          EXPECT_FALSE(a.intersects(placed[j].box)) << seed << ": " << i << " vs " << j;
        }
      for (const auto& m : marks) {
        double cx = std::clamp(m.x, a.x, a.x + a.width), cy = std::clamp(m.y, a.y, a.y + a.height);
        EXPECT_GE(std::hypot(cx - m.x, cy - m.y), m.radius) << seed << ": label " << i;
      }
      if (placed[i].leader) {
        const auto& m = marks[labels[i].mark];
        EXPECT_NEAR(std::hypot(placed[i].x1 - m.x, placed[i].y1 - m.y), m.radius, 1e-9);
        bool on_box = placed[i].x2 >= a.x - 1e-9 && placed[i].x2 <= a.x + a.width + 1e-9 &&
                      placed[i].y2 >= a.y - 1e-9 && placed[i].y2 <= a.y + a.height + 1e-9;
        EXPECT_TRUE(on_box);
      }
    }
    // Crowded (half the marks in a 145 x 95 patch): 58 to 71 of 80 find room over seeds 1-20.
    EXPECT_GE(count_placed, 55u) << seed;
    // Deterministic.
    auto again = materia::place_labels(marks, labels, bounds);
    for (std::size_t i = 0; i < placed.size(); ++i) {
      EXPECT_EQ(placed[i].box.x, again[i].box.x);
      EXPECT_EQ(placed[i].box.y, again[i].box.y);
    }
  }
}

TEST(LabelPlacement, ObstaclesAreAvoided) {
  std::vector<materia::LabelMark> marks = {{100, 100, 5}};
  materia::LabelBox right{107, 80, 60, 40};
  auto placed = materia::place_labels(marks, {{0, 40, 14}}, {0, 0, 400, 400}, {right});
  ASSERT_TRUE(placed[0].placed);
  EXPECT_FALSE(placed[0].box.intersects(right));
}

TEST(TextWidth, WideCharactersAreOneEm) {
  EXPECT_DOUBLE_EQ(materia::estimate_text_width("数据安全", 10), 40.0);
  EXPECT_DOUBLE_EQ(materia::estimate_text_width("ＥＳＧ", 12), 36.0);  // full-width Latin
  EXPECT_GT(materia::estimate_text_width("ESG governance", 10),
            materia::estimate_text_width("ESG", 10));
  EXPECT_GT(materia::estimate_text_width("数据", 10, true),
            materia::estimate_text_width("数据", 10));
  EXPECT_EQ(materia::estimate_text_width("", 10), 0.0);
}

// ---------------------------------------------------------------------------------------------
TEST(ReportSvg, OneMarkPerIssueWithTooltipAndNoOverlappingLabels) {
  const auto& result = sample_result();
  std::set<std::string> expected;
  for (const auto& issue : result.issues)
    expected.insert(issue.id);
  for (const std::string& svg :
       {materia::double_materiality_svg(result), materia::composite_svg(result)}) {
    auto ids = mark_ids(svg);
    EXPECT_EQ(ids.size(), result.issues.size());
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), expected);
    EXPECT_EQ(occurrences(svg, "<title>"), result.issues.size() + 3 /* tier bands */);
    auto boxes = label_boxes(svg);
    EXPECT_GE(boxes.size(), 85u);
    for (std::size_t i = 0; i < boxes.size(); ++i)
      for (std::size_t j = i + 1; j < boxes.size(); ++j)
        EXPECT_FALSE(boxes[i].intersects(boxes[j]));
    EXPECT_NE(svg.find("Noto Sans CJK SC"), std::string::npos);
  }
  std::string dm = materia::double_materiality_svg(result);
  // The top issue's tooltip names it with its scores, rank and tier.
  const auto& top = result.issues.front();
  std::string tooltip =
      "<title>" + top.name + " (" + top.name_en + ")\n排名 1 · 梯队 1 · 综合得分 ";
  EXPECT_NE(dm.find(tooltip), std::string::npos);
  char stakeholder[32];
  std::snprintf(stakeholder, sizeof stakeholder, "%.3f", top.stakeholder);
  EXPECT_NE(dm.find("利益相关方 " + std::string(stakeholder)), std::string::npos);
  EXPECT_EQ(occurrences(dm, "class=\"mx-threshold\""), 2u);
  EXPECT_NE(dm.find("对利益相关方的重要性"), std::string::npos);
}

TEST(ReportSvg, CompositeTopKShowsTheKMostAttendedIssues) {
  const auto& result = sample_result();
  materia::ReportOptions options;
  options.composite_top = 29;
  auto ids = mark_ids(materia::composite_svg(result, options));
  ASSERT_EQ(ids.size(), 29u);
  std::vector<int> attention;
  for (const auto& issue : result.issues)
    attention.push_back(issue.attention);
  std::sort(attention.rbegin(), attention.rend());
  int cutoff = attention[28];
  for (const auto& id : ids)
    EXPECT_GE(result.find(id)->attention, cutoff) << id;
  for (const auto& issue : result.issues)
    if (issue.attention > cutoff) {
      EXPECT_NE(std::find(ids.begin(), ids.end(), issue.id), ids.end()) << issue.id;
    }
}

// The composite chart draws the analysis's composite thresholds (not means) when it shows the
// analysis's top K: the vertical line passes through the mark of the issue at the threshold.
TEST(ReportSvg, CompositeUsesTheAnalysisThresholdsForTheSameTopK) {
  materia::AnalyzeOptions analyze_options;
  analyze_options.matrix.composite_top = 29;
  auto result = materia::analyze(materia::load_sample("fintech-2024"), analyze_options);
  materia::ReportOptions options;
  options.composite_top = 29;
  std::string svg = materia::composite_svg(result, options);
  EXPECT_NE(svg.find(">阈值</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">均值</text>"), std::string::npos);
  auto attribute = [](const std::string& text, std::size_t from, const std::string& name) {
    std::size_t at = text.find(name + "=\"", from) + name.size() + 2;
    return text.substr(at, text.find('"', at) - at);
  };
  std::string line_x = attribute(svg, svg.find("class=\"mx-threshold\""), "x1");
  const materia::IssueResult* at_threshold = nullptr;
  for (const auto& issue : result.issues)
    if (!std::isnan(issue.composite) &&
        issue.attention_share == result.composite_attention_threshold)
      at_threshold = &issue;
  ASSERT_NE(at_threshold, nullptr);
  std::size_t mark = svg.find("class=\"mx-mark\" data-issue=\"" + at_threshold->id + "\"");
  ASSERT_NE(mark, std::string::npos);
  EXPECT_EQ(attribute(svg, svg.find("<circle", mark), "cx"), line_x);
  // another K than the analysis's: the means of the shown issues
  options.composite_top = 10;
  svg = materia::composite_svg(result, options);
  EXPECT_NE(svg.find(">均值</text>"), std::string::npos);
}

TEST(ReportSvg, EnglishUsesEnglishNamesAndTitles) {
  materia::ReportOptions options;
  options.language = materia::parse_report_language("en");
  std::string svg = materia::double_materiality_svg(sample_result(), options);
  EXPECT_NE(svg.find("Importance to stakeholders"), std::string::npos);
  EXPECT_NE(svg.find(">Data security and privacy protection</text>"), std::string::npos);
  EXPECT_THROW(materia::parse_report_language("fr"), materia::Error);
}

TEST(ReportSvg, NamesAreEscaped) {
  materia::Result result = sample_result();
  result.issues[0].name = "<script>alert(\"x\")</script> & co";
  std::string html = materia::report_html(result);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"),
            std::string::npos);
}

// ---------------------------------------------------------------------------------------------
TEST(ReportHtml, SelfContainedWithEverySection) {
  const auto& result = sample_result();
  std::string html = materia::report_html(result);
  // Nothing fetched: the only URL is the SVG namespace.
  EXPECT_EQ(occurrences(html, "http"), occurrences(html, "http://www.w3.org/2000/svg"));
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  for (const char* id :
       {"id=\"double-materiality\"", "id=\"composite\"", "id=\"issue-table\"",
        "id=\"review-table\"", "id=\"coverage\"", "id=\"method\"", "id=\"top-five\""})
    EXPECT_NE(html.find(id), std::string::npos) << id;
  for (const auto& issue : result.issues) {
    // Two matrix marks, a table row, a coverage row (and a review row for merged names).
    EXPECT_GE(occurrences(html, "data-issue=\"" + issue.id + "\""), 4u) << issue.id;
  }
  EXPECT_NE(html.find(materia::version_string()), std::string::npos);
  EXPECT_NE(html.find("id=\"synthetic-notice\""), std::string::npos);
  // The report's double materiality top five, after roll-up (docs/method.md, step 6).
  for (const char* name :
       {"数据安全与隐私保护", "科技创新", "消费者权益保护", "发展普惠金融", "内控合规"})
    EXPECT_NE(html.find("</b>" + std::string(name) + "</li>"), std::string::npos) << name;
  // Coverage cells: one listed cell per firm listing.
  std::size_t listings = 0;
  for (const auto& issue : result.issues)
    listings += issue.listings.size();
  std::regex listed_cell(R"re(<td class="c h[1-5]")re");
  EXPECT_EQ(
      static_cast<std::size_t>(std::distance(
          std::sregex_iterator(html.begin(), html.end(), listed_cell), std::sregex_iterator())),
      listings);
}

TEST(ReportHtml, FuzzyMatchesAreFlaggedWhenTheTaxonomyIsGiven) {
  auto dataset = materia::load_sample("fintech-2024");
  materia::ReportOptions options;
  options.taxonomy = &dataset.taxonomy;
  std::string html = materia::report_html(sample_result(), options);
  materia::Normalizer normalizer(dataset.taxonomy);
  std::size_t fuzzy = 0;
  for (const auto& name : sample_result().names)
    fuzzy += normalizer.resolve(name).match == materia::MatchKind::fuzzy;
  EXPECT_EQ(occurrences(html, "class=\"chip fuzzy\""), fuzzy);
  EXPECT_NE(html.find("id=\"review-table\""), std::string::npos);
}

// ---------------------------------------------------------------------------------------------
TEST(ReportCsv, BomThenRfc4180RoundTrip) {
  materia::Result result = sample_result();
  result.issues[0].name = "a \"quoted\", comma";
  result.issues[1].name = "line\nbreak";
  materia::ReportOptions english;
  english.language = materia::ReportLanguage::en;
  std::string csv = materia::issues_csv(result, english);
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("\"a \"\"quoted\"\", comma\""), std::string::npos);
  auto records = materia::detail::parse_csv(std::string_view(csv).substr(3), ',', "issues.csv");
  ASSERT_EQ(records.size(), result.issues.size() + 1);
  EXPECT_EQ(records[0].fields[4], "name");
  EXPECT_EQ(records[1].fields[4], "a \"quoted\", comma");
  EXPECT_EQ(records[2].fields[4], "line\nbreak");
  EXPECT_EQ(records[3].fields[4], result.issues[2].name);
}

TEST(ReportCsv, FormulaLikeTextCellsAreDefused) {
  materia::Result result = sample_result();
  result.issues[0].name = "=HYPERLINK(\"http://x\")";
  result.issues[1].name = "@SUM(A1)";
  result.issues[2].name = "-2+3";
  result.issues[3].name = "+ESG";
  result.issues[4].name = "a=b";
  result.issues[5].stakeholder = -0.5;  // a number stays a number
  materia::ReportOptions english;
  english.language = materia::ReportLanguage::en;
  std::string csv = materia::issues_csv(result, english);
  auto records = materia::detail::parse_csv(std::string_view(csv).substr(3), ',', "issues.csv");
  ASSERT_EQ(records.size(), result.issues.size() + 1);
  EXPECT_EQ(records[1].fields[4], "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(records[2].fields[4], "'@SUM(A1)");
  EXPECT_EQ(records[3].fields[4], "'-2+3");
  EXPECT_EQ(records[4].fields[4], "'+ESG");
  EXPECT_EQ(records[5].fields[4], "a=b");
  EXPECT_EQ(records[6].fields[12], "-0.5");
  // everything else is to_csv's text, field for field
  auto plain = materia::detail::parse_csv(materia::to_csv(sample_result()), ',', "to_csv");
  auto guarded = materia::detail::parse_csv(
      std::string_view(materia::issues_csv(sample_result(), english)).substr(3), ',', "issues.csv");
  ASSERT_EQ(plain.size(), guarded.size());
  for (std::size_t r = 0; r < plain.size(); ++r)
    EXPECT_EQ(plain[r].fields, guarded[r].fields);
}

// ---------------------------------------------------------------------------------------------
TEST(WriteReport, SameInputSameBytesAndEveryFile) {
  const materia_test::ScratchDir scratch;
  const fs::path& base = scratch.path();
  auto dataset = materia::load_sample("fintech-2024");
  materia::ReportOptions options;
  options.taxonomy = &dataset.taxonomy;
  materia::write_report(materia::analyze(dataset, {}), (base / "a").string(), options);
  materia::write_report(materia::analyze(dataset, {}), (base / "b" / "nested").string(), options);
  for (const auto& name : materia::report_file_names()) {
    std::string a = slurp(base / "a" / name), b = slurp(base / "b" / "nested" / name);
    EXPECT_GT(a.size(), 1000u) << name;
    EXPECT_EQ(a, b) << name << " differs between two runs";
  }
  EXPECT_EQ(slurp(base / "a" / "issues.xlsx").substr(0, 2), "PK");
  // No temporary files left behind.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(base / "a"))
    ++files;
  EXPECT_EQ(files, materia::report_file_names().size());
}

TEST(WriteReport, AFileInTheWayIsAnInputErrorNamingIt) {
  const materia_test::ScratchDir scratch;
  const fs::path file = scratch / "in-the-way";
  { std::ofstream(file) << "x"; }
  try {
    materia::write_report(sample_result(), file.string());
    FAIL() << "expected an error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    EXPECT_EQ(e.context().file, file.string());
  }
}

// ---------------------------------------------------------------------------------------------
// Resampling in every table, and the run-time warnings of tiers.

// Two firms that swap A/B and C/D: A and B tie, and so do C and D (borda-normalized 0.875 and
// 0.375), so any tiering by value has at most two tiers.
materia::Result two_ties(const std::string& tiers) {
  const auto dataset = materia::load_dataset_json(
      R"({"companies": [{"id": "F1", "issues": ["A", "B", "C", "D"]},
                        {"id": "F2", "issues": ["B", "A", "D", "C"]}]})",
      "ties.json");
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse(tiers);
  return materia::analyze(dataset, options);
}

// The warnings' kinds, without the no-taxonomy warning every one of these small datasets gets.
std::vector<materia::WarningKind> kinds(const materia::Result& result) {
  std::vector<materia::WarningKind> kinds;
  for (auto kind : result.warning_kinds)
    if (kind != materia::WarningKind::no_taxonomy) kinds.push_back(kind);
  return kinds;
}

// The text of the one warning of `kind`.
std::string warning_of(const materia::Result& result, materia::WarningKind kind) {
  std::string text;
  for (std::size_t i = 0; i < result.warnings.size(); ++i)
    if (result.warning_kinds[i] == kind) {
      EXPECT_TRUE(text.empty()) << "two warnings of one kind";
      text = result.warnings[i];
    }
  return text;
}

TEST(TierWarnings, QuantileThreeOnTwoDistinctScoresSaysItGaveTwoTiers) {
  const materia::Result result = two_ties("quantile:3");
  ASSERT_EQ(static_cast<int>(result.tier_breaks.size()) + 1, 2);
  ASSERT_EQ(kinds(result), std::vector<materia::WarningKind>{materia::WarningKind::fewer_tiers});
  EXPECT_EQ(warning_of(result, materia::WarningKind::fewer_tiers),
            "tiers \"quantile:3\" asked for 3 tiers but the scores give 2 (equal scores always "
            "share a tier)");
  // The same for equal and fisher; two tiers asked and given: nothing to say.
  EXPECT_EQ(kinds(two_ties("equal:3")),
            std::vector<materia::WarningKind>{materia::WarningKind::fewer_tiers});
  EXPECT_EQ(kinds(two_ties("fisher:4")),
            std::vector<materia::WarningKind>{materia::WarningKind::fewer_tiers});
  EXPECT_TRUE(kinds(two_ties("quantile:2")).empty());
  EXPECT_TRUE(kinds(two_ties("fisher:auto")).empty());
  // Five tiers of four issues: too few issues, not ties; nothing to say.
  EXPECT_TRUE(kinds(two_ties("quantile:5")).empty());
}

TEST(TierWarnings, ACountsBoundaryThroughATieNamesBothIssues) {
  const materia::Result result = two_ties("counts:1");
  // A and B score 0.875 each; counts:1 puts one in tier 1 and the other in tier 2.
  ASSERT_EQ(result.issues[0].score, result.issues[1].score);
  EXPECT_NE(result.issues[0].tier, result.issues[1].tier);
  ASSERT_EQ(kinds(result), std::vector<materia::WarningKind>{materia::WarningKind::tier_tie});
  const std::string tie = warning_of(result, materia::WarningKind::tier_tie);
  EXPECT_NE(tie.find("\"" + result.issues[0].id + "\" (tier 1)"), std::string::npos);
  EXPECT_NE(tie.find("\"" + result.issues[1].id + "\" (tier 2)"), std::string::npos);
  // counts:2 cuts between the ties: silent.
  EXPECT_TRUE(kinds(two_ties("counts:2")).empty());
}

TEST(TierWarnings, ACompositeTopThroughEqualAttentionSaysSo) {
  const auto dataset = materia::load_dataset_json(
      R"({"companies": [{"id": "F1", "issues": ["A", "B", "C", "D"]},
                        {"id": "F2", "issues": ["B", "A", "D", "C"]}]})",
      "ties.json");
  materia::AnalyzeOptions options;
  options.tiers = materia::TierSpec::parse("quantile:2");
  options.matrix.composite_top = 1;  // every issue has attention 2: the cut goes through all four
  const materia::Result result = materia::analyze(dataset, options);
  ASSERT_EQ(kinds(result), std::vector<materia::WarningKind>{materia::WarningKind::composite_tie});
  EXPECT_EQ(warning_of(result, materia::WarningKind::composite_tie),
            "the composite top 1 cuts through the 4 issues with attention 2; ties broken by score");
}

// The sample with hand-set resampling results: issue 0 sits in tier 1 in only 30% of the
// replicates (unstable), its interval ends carry the noise of a percentile computed in doubles.
materia::Result hand_resampled() {
  materia::Result result = sample_result();
  result.bootstrap_replicates = 200;
  result.leave_one_out = true;
  const int tiers = std::max_element(result.issues.begin(), result.issues.end(),
                                     [](const auto& a, const auto& b) { return a.tier < b.tier; })
                        ->tier;
  for (auto& issue : result.issues) {
    issue.rank_low = issue.rank_mid;
    issue.rank_high = issue.rank_mid + 2;
    issue.tier_probability.assign(static_cast<std::size_t>(tiers), 0.0);
    issue.tier_probability[static_cast<std::size_t>(issue.tier - 1)] = 1.0;
  }
  auto& first = result.issues[0];
  first.rank_low = 12.000000000000002;
  first.rank_high = 36.02499999999998;
  first.tier_probability.assign(static_cast<std::size_t>(tiers), 0.0);
  first.tier_probability[0] = 0.3;
  first.tier_probability[1] = 0.7;
  result.issues[1].influential_firm = "F16";
  result.issues[1].influential_shift = 3.5;
  return result;
}

TEST(ReportResampling, OwnTierProbabilityAndTheUnstableFlag) {
  const materia::Result result = hand_resampled();
  EXPECT_DOUBLE_EQ(materia::own_tier_probability(result.issues[0]), 0.3);
  EXPECT_TRUE(materia::tier_unstable(result.issues[0]));
  EXPECT_DOUBLE_EQ(materia::own_tier_probability(result.issues[1]), 1.0);
  EXPECT_FALSE(materia::tier_unstable(result.issues[1]));
  EXPECT_TRUE(std::isnan(materia::own_tier_probability(sample_result().issues[0])));
  EXPECT_FALSE(materia::tier_unstable(sample_result().issues[0]));
  EXPECT_EQ(materia::rank_text(36.02499999999998), "36.02");
  EXPECT_EQ(materia::rank_text(36.02499999999998, 1), "36");
  EXPECT_EQ(materia::rank_text(12.5, 1), "12.5");
  EXPECT_EQ(materia::rank_text(12.000000000000002), "12");
}

TEST(ReportResampling, CsvAndTableShowIntervalsRoundedAndFlagUnstableTiers) {
  const materia::Result result = hand_resampled();
  const auto records = materia::detail::parse_csv(materia::to_csv(result), ',', "to_csv");
  const auto& header = records[0].fields;
  ASSERT_EQ(header.size(), materia::fields::csv_columns.size() + 6);
  const std::vector<std::string> tail(header.end() - 6, header.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"rank_low", "rank_high", "p_tier", "tier_unstable",
                                            "influential_firm", "influential_shift"}));
  const std::vector<std::string> first(records[1].fields.end() - 6, records[1].fields.end());
  EXPECT_EQ(first, (std::vector<std::string>{"12", "36.02", "0.3", "true", "", ""}));
  const std::vector<std::string> second(records[2].fields.end() - 6, records[2].fields.end());
  EXPECT_EQ(second, (std::vector<std::string>{"2", "4", "1", "false", "F16", "3.5"}));

  const std::string table = materia::to_table(result);
  EXPECT_NE(table.find("rank 95%"), std::string::npos);
  EXPECT_NE(table.find("12-36"), std::string::npos);
  EXPECT_NE(table.find("0.30 !"), std::string::npos);
  EXPECT_EQ(occurrences(table, " !\n") + occurrences(table, " !  "), 1u);
  EXPECT_NE(table.find("F16"), std::string::npos);
  EXPECT_NE(table.find("+3.5"), std::string::npos);
  EXPECT_NE(table.find("1 unstable"), std::string::npos);
  // Without resampling the CSV is the fixed columns only.
  EXPECT_EQ(materia::to_csv(sample_result())
                .substr(0, materia::to_csv(sample_result()).find('\n'))
                .find("rank_low"),
            std::string::npos);
}

TEST(ReportResampling, HtmlShowsIntervalsProbabilitiesInfluenceAndAgreement) {
  const std::string html = materia::report_html(hand_resampled(), {});
  EXPECT_NE(html.find(">12–36<"), std::string::npos);
  EXPECT_EQ(occurrences(html, "class=\"badge unstable\""), 1u);
  EXPECT_NE(html.find("id=\"stability-note\">排名区间与梯队概率来自 200 次"), std::string::npos);
  EXPECT_NE(html.find("；1 个议题"), std::string::npos);
  EXPECT_NE(html.find("F16 <small>(+3.5)</small>"), std::string::npos);
  // Agreement: the W that firm_agreement computes, and three firms at each end.
  const materia::Agreement agreement = materia::firm_agreement(sample_result());
  char w[16];
  std::snprintf(w, sizeof w, "%.3f", agreement.concordance.w);
  EXPECT_NE(html.find("<dd id=\"kendall-w\">" + std::string(w) + "</dd>"), std::string::npos);
  EXPECT_NE(html.find("id=\"most-typical\"><span class=\"chip\">" + agreement.typicality[0].id),
            std::string::npos);
  EXPECT_NE(
      html.find("id=\"least-typical\"><span class=\"chip\">" + agreement.typicality.back().id),
      std::string::npos);
  // No resampling: none of it.
  const std::string plain = materia::report_html(sample_result(), {});
  EXPECT_EQ(plain.find("stability-note"), std::string::npos);
  EXPECT_EQ(plain.find("badge unstable"), std::string::npos);
}

TEST(ReportCsv, HeadersAndWordsFollowTheLanguage) {
  materia::ReportOptions chinese, english;
  english.language = materia::ReportLanguage::en;
  const materia::Result result = hand_resampled();
  const auto zh = materia::detail::parse_csv(
      std::string_view(materia::issues_csv(result, chinese)).substr(3), ',', "issues.csv");
  const auto en = materia::detail::parse_csv(
      std::string_view(materia::issues_csv(result, english)).substr(3), ',', "issues.csv");
  const auto plain = materia::detail::parse_csv(materia::to_csv(result), ',', "to_csv");
  EXPECT_EQ(en[0].fields, plain[0].fields);
  ASSERT_EQ(zh[0].fields.size(), plain[0].fields.size());
  EXPECT_EQ(zh[0].fields[0], "排名");
  EXPECT_EQ(zh[0].fields[14], "象限");
  EXPECT_EQ(zh[0].fields[19], "梯队不稳定");
  EXPECT_EQ(en[1].fields[14], "both");
  EXPECT_EQ(zh[1].fields[14], "双重重要");
  EXPECT_EQ(zh[1].fields[19], "是");
  EXPECT_EQ(zh[2].fields[19], "否");
  // Everything else is the same text.
  EXPECT_EQ(zh[1].fields[3], en[1].fields[3]);
  EXPECT_EQ(zh[1].fields[9], en[1].fields[9]);
}

// ---------------------------------------------------------------------------------------------
// PNG and PDF charts (librsvg and cairo, loaded at run time).

// The box of the pixels darker than mid-grey; width 0 when there are none.
struct Ink {
  int left = 0, top = 0, right = -1, bottom = -1;
  int width() const { return right - left + 1; }
  int height() const { return bottom - top + 1; }
};
Ink ink(const materia::report_detail::RasterImage& image) {
  Ink box{image.width, image.height, -1, -1};
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (((image.at(x, y) >> 8) & 0xFF) < 128) {  // green channel: dark
        box.left = std::min(box.left, x);
        box.right = std::max(box.right, x);
        box.top = std::min(box.top, y);
        box.bottom = std::max(box.bottom, y);
      }
  return box;
}

std::string text_svg(const std::string& text) {
  return R"(<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" font-family=")" +
         materia::xml_escape(materia::report_detail::kFontStack) +
         R"("><text x="20" y="130" font-size="100" fill="#000">)" + text + "</text></svg>";
}

TEST(ReportRaster, ChineseIsDrawnWithCjkGlyphsNotBoxes) {
  // 一 is one flat stroke and 田 a full square: a missing glyph would draw the same box for both.
  const auto one = ink(materia::report_detail::rasterize_svg(text_svg("一"), 1));
  const auto field = ink(materia::report_detail::rasterize_svg(text_svg("田"), 1));
  ASSERT_GT(one.width(), 50);
  EXPECT_LT(one.height(), 15) << "一 should be a thin stroke";
  EXPECT_GT(field.height(), 60) << "田 should be nearly an em tall";
  // It sits on the baseline at y = 130 at about the middle of the em box, left at x ~ 20.
  EXPECT_GT(one.top, 60);
  EXPECT_LT(one.bottom, 130);
  EXPECT_NEAR(one.left, 28, 12);
}

TEST(ReportRaster, ChartsBecomePngAndPdfOfTheirSizeWithInkWhereTheTitleIs) {
  const std::string svg = materia::double_materiality_svg(sample_result());
  const std::string png = materia::svg_to_png(svg, 2.0);
  ASSERT_GT(png.size(), 20000u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto be32 = [&](std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(png[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(png[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(png[at + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(png[at + 3]));
  };
  const std::regex size(R"re(width="([0-9.]+)" height="([0-9.]+)")re");
  std::smatch declared;
  ASSERT_TRUE(std::regex_search(svg, declared, size));
  EXPECT_EQ(be32(16), static_cast<std::uint32_t>(std::ceil(2 * std::stod(declared[1]))));
  EXPECT_EQ(be32(20), static_cast<std::uint32_t>(std::ceil(2 * std::stod(declared[2]))));
  EXPECT_EQ(materia::svg_to_png(svg, 2.0), png) << "the same chart, the same bytes";

  // The title (the first text, Chinese) has dark pixels where the SVG puts it, and the corner
  // of the page is white.
  const auto image = materia::report_detail::rasterize_svg(svg, 2.0);
  const std::regex first_text(R"re(<text x="([0-9.]+)" y="([0-9.]+)"[^>]*>([^<]+)</text>)re");
  std::smatch title;
  ASSERT_TRUE(std::regex_search(svg, title, first_text));
  EXPECT_EQ(title[3].str(), "双重重要性矩阵");
  const int x = static_cast<int>(2 * std::stod(title[1])),
            y = static_cast<int>(2 * std::stod(title[2]));
  int dark = 0;
  for (int dy = -30; dy <= 4; ++dy)
    for (int dx = -300; dx <= 300; ++dx) {
      const int px = x + dx, py = y + dy;
      if (px >= 0 && py >= 0 && px < image.width && py < image.height)
        dark += ((image.at(px, py) >> 8) & 0xFF) < 128;
    }
  EXPECT_GT(dark, 300) << "no ink where the title is";
  EXPECT_EQ(image.at(0, 0), 0xFFFFFFFFu);

  const std::string pdf = materia::svg_to_pdf(svg);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_GT(pdf.size(), 10000u);
  EXPECT_NE(pdf.find("/MediaBox [ 0 0 " +
                     std::string(declared[1]).substr(0, std::string(declared[1]).find('.'))),
            std::string::npos);
  EXPECT_NE(pdf.find("NotoSansCJK"), std::string::npos) << "the CJK font is embedded";
  EXPECT_EQ(materia::svg_to_pdf(svg), pdf) << "fixed dates: the same bytes";
  EXPECT_THROW(materia::svg_to_png(svg, 0), materia::Error);
  EXPECT_THROW(materia::svg_to_png("<svg", 1), materia::Error);
}

TEST(WriteReport, PngAndPdfWhenAsked) {
  const materia_test::ScratchDir scratch;
  materia::ReportOptions options;
  options.png = options.pdf = true;
  materia::write_report(sample_result(), scratch.path().string(), options);
  const auto names = materia::report_file_names(options);
  ASSERT_EQ(names.size(), 9u);
  EXPECT_EQ(names[5], "double_materiality.png");
  EXPECT_EQ(names[8], "composite.pdf");
  for (const auto& name : names)
    EXPECT_GT(fs::file_size(scratch / name), 1000u) << name;
  EXPECT_EQ(slurp(scratch / "composite.png").substr(1, 3), "PNG");
}

#ifdef MATERIA_CLI_PATH
TEST(ReportCli, WritesTheFiveFilesAndRejectsBadLanguage) {
  const materia_test::ScratchDir scratch;
  const fs::path out = scratch / "report";
  std::string command = std::string(MATERIA_CLI_PATH) +
                        " report --sample fintech-2024 --lang en --out " + out.string() +
                        " > /dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  for (const auto& name : materia::report_file_names())
    EXPECT_TRUE(fs::exists(out / name)) << name;
  EXPECT_NE(slurp(out / "report.html").find("lang=\"en\""), std::string::npos);
  std::string bad = std::string(MATERIA_CLI_PATH) +
                    " report --sample fintech-2024 --lang fr --out " + out.string() +
                    " 2> /dev/null";
  int status = std::system(bad.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::string missing = std::string(MATERIA_CLI_PATH) + " report /nonexistent.json --out " +
                        out.string() + " 2> /dev/null";
  status = std::system(missing.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 3);
}

TEST(ReportCli, OutputFlagAndResamplingReachEveryFile) {
  const materia_test::ScratchDir scratch;
  const fs::path out = scratch / "with-bootstrap";
  const std::string cli(MATERIA_CLI_PATH);
  ASSERT_EQ(std::system((cli +
                         " report --sample fintech-2024 --lang en --bootstrap 20 "
                         "--leave-one-out --threads 2 -o " +
                         out.string() + " > /dev/null")
                            .c_str()),
            0);
  const std::string csv = slurp(out / "issues.csv");
  EXPECT_NE(
      csv.substr(0, csv.find('\n'))
          .find(",rank_low,rank_high,p_tier,tier_unstable,influential_firm,influential_shift"),
      std::string::npos);
  EXPECT_NE(slurp(out / "report.html").find("id=\"stability-note\""), std::string::npos);
  // --out stays an alias of -o/--output.
  const fs::path old = scratch / "old-flag";
  ASSERT_EQ(
      std::system(
          (cli + " report --sample fintech-2024 --out " + old.string() + " > /dev/null").c_str()),
      0);
  EXPECT_TRUE(fs::exists(old / "report.html"));
  // A bad number is the flag's own message, a usage error.
  const fs::path err = scratch / "stderr.txt";
  const int status = std::system((cli + " report --sample fintech-2024 --bootstrap -3 -o " +
                                  old.string() + " 2> " + err.string())
                                     .c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_EQ(
      slurp(err),
      "materia: error: --bootstrap: \"-3\" is not a whole number >= 0 (see materia --help)\n");
}
#endif

}  // namespace
