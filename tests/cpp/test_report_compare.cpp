// The compare and benchmark charts and pages: one line/arrow/mark per issue, the moved issues
// drawn as significant, well-formed and deterministic SVG, label boxes clear of each other and of
// the marks, the pages' tables and the writers. The browser check is tests/report.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "materia/materia.hpp"
#include "materia/report/compare_report.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

namespace {

using materia_test::label_boxes;
using materia_test::mark_ids;
using materia_test::occurrences;

namespace fs = std::filesystem;

const materia::Comparison& years() {
  static const materia::Comparison comparison = materia::compare(
      materia::load_sample("fintech-2024"), materia::load_sample("fintech-2025"), {},
      {.replicates = 1000, .same_firms = true, .label_a = "2024", .label_b = "2025"});
  return comparison;
}

const materia::Benchmark& firm() {
  static const materia::Benchmark benchmark =
      materia::benchmark(materia::load_sample("fintech-2024"), {}, {.firm = "F01", .peers = {}});
  return benchmark;
}

std::vector<materia::LabelMark> circles(const std::string& svg) {
  std::vector<materia::LabelMark> marks;
  const std::size_t from = svg.find("class=\"mx-mark");
  std::regex circle(R"re(<circle[^>]* cx="([-0-9.]+)" cy="([-0-9.]+)" r="([-0-9.]+)")re");
  for (auto it =
           std::sregex_iterator(svg.begin() + static_cast<std::ptrdiff_t>(from), svg.end(), circle);
       it != std::sregex_iterator(); ++it)
    marks.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3])});
  return marks;
}

bool covers(const materia::LabelBox& box, const materia::LabelMark& mark) {
  const double px = std::clamp(mark.x, box.x, box.x + box.width);
  const double py = std::clamp(mark.y, box.y, box.y + box.height);
  return std::hypot(px - mark.x, py - mark.y) < mark.radius - 0.5;
}

// A small structural XML check (no parser in the test's dependencies): tags nest and close,
// attribute values are quoted, text holds no raw '<' and only known entities.
::testing::AssertionResult well_formed(const std::string& xml) {
  std::vector<std::string> stack;
  std::size_t at = 0;
  std::regex entity(R"(&(amp|lt|gt|quot|#39|#x?[0-9a-fA-F]+);)");
  auto check_text = [&](std::string_view text) {
    for (std::size_t amp = text.find('&'); amp != std::string_view::npos;
         amp = text.find('&', amp + 1)) {
      std::string rest(text.substr(amp, 12));
      if (!std::regex_search(rest, entity, std::regex_constants::match_continuous)) return false;
    }
    return true;
  };
  while (at < xml.size()) {
    const std::size_t open = xml.find('<', at);
    if (!check_text(std::string_view(xml).substr(at, open - at)))
      return ::testing::AssertionFailure() << "bad entity near " << at;
    if (open == std::string::npos) break;
    const std::size_t close = xml.find('>', open);
    if (close == std::string::npos) return ::testing::AssertionFailure() << "unclosed tag";
    std::string tag = xml.substr(open + 1, close - open - 1);
    if (tag.find('<') != std::string::npos)
      return ::testing::AssertionFailure() << "'<' inside a tag at " << open;
    if (occurrences(tag, "\"") % 2 != 0)
      return ::testing::AssertionFailure() << "unbalanced quotes in <" << tag << ">";
    if (!check_text(tag)) return ::testing::AssertionFailure() << "bad entity in <" << tag << ">";
    if (tag.front() == '/') {
      const std::string name = tag.substr(1);
      if (stack.empty() || stack.back() != name)
        return ::testing::AssertionFailure()
               << "</" << name << "> closes <" << (stack.empty() ? "" : stack.back()) << ">";
      stack.pop_back();
    } else if (tag.back() != '/') {
      stack.push_back(tag.substr(0, tag.find_first_of(" \n")));
    }
    at = close + 1;
  }
  if (!stack.empty()) return ::testing::AssertionFailure() << "<" << stack.back() << "> not closed";
  return ::testing::AssertionSuccess();
}

void expect_labels_clear(const std::string& svg, std::size_t at_least) {
  const auto boxes = label_boxes(svg);
  const auto marks = circles(svg);
  EXPECT_GE(boxes.size(), at_least);
  EXPECT_GT(marks.size(), 0u);
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    for (std::size_t j = i + 1; j < boxes.size(); ++j)
      EXPECT_FALSE(boxes[i].intersects(boxes[j])) << "labels " << i << " and " << j << " overlap";
    for (const auto& mark : marks)
      EXPECT_FALSE(covers(boxes[i], mark))
          << "label " << i << " covers the mark at " << mark.x << "," << mark.y;
  }
}

const materia::IssueChange& by_name(const materia::Comparison& c, const std::string& name) {
  for (const auto& issue : c.issues)
    if (issue.name == name) return issue;
  throw std::runtime_error("no issue " + name);
}

// ---------------------------------------------------------------------------------------------
TEST(CompareCharts, MovedIssuesAreDrawnAsSignificantExactlyWhenFlagged) {
  const auto& c = years();
  // The sample's two real moves, the only ones the Comparison flags among the same firms; the
  // chart draws an issue as significant exactly when the Comparison flags it.
  const auto& rose = by_name(c, "应对气候变化");
  const auto& fell = by_name(c, "助力乡村振兴");
  ASSERT_TRUE(rose.significant);
  ASSERT_TRUE(fell.significant);
  ASSERT_EQ(c.significant_count(), 2u);
  ASSERT_LT(rose.rank_change, 0);
  ASSERT_GT(fell.rank_change, 0);
  for (const std::string& svg : {materia::compare_slope_svg(c), materia::compare_matrix_svg(c)}) {
    for (const auto& issue : c.issues) {
      if (issue.status != materia::ChangeStatus::both) continue;
      const std::string group = "data-issue=\"" + issue.id +
                                "\" data-status=\"both\" data-significant=\"" +
                                (issue.significant ? "true" : "false") + "\"";
      const std::string sig_class = "<g class=\"mx-mark cmp-issue sig\" " + group;
      if (issue.significant || &issue == &rose || &issue == &fell) {
        EXPECT_EQ(occurrences(svg, issue.significant ? sig_class : group), 1u) << issue.name;
      }
    }
    EXPECT_EQ(occurrences(svg, "data-significant=\"true\""), c.significant_count());
  }
  const std::string slope = materia::compare_slope_svg(c);
  std::regex line("class=\"cmp-line\" data-issue=\"" + rose.id + "\"[^>]*stroke=\"([^\"]+)\" " +
                  "stroke-width=\"([^\"]+)\"");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(slope, m, line));
  EXPECT_EQ(m[1], "#c0392b");
  EXPECT_EQ(m[2], "3");
  // A significant fall is blue; a muted line is thin grey.
  for (const auto& issue : c.issues)
    if (issue.significant && issue.rank_change > 0) {
      std::regex fall("class=\"cmp-line\" data-issue=\"" + issue.id + "\"[^>]*stroke=\"#2f6db5\"");
      EXPECT_TRUE(std::regex_search(slope, fall)) << issue.name;
    }
  std::regex muted("class=\"cmp-line\" data-issue=\"" + fell.id +
                   "\"[^>]*stroke=\"#a9b2bc\" stroke-width=\"1.3\"");
  EXPECT_EQ(std::regex_search(slope, muted), !fell.significant);
}

TEST(CompareCharts, SlopeHasOneLinePerShownIssueAndCountsTheRest) {
  const auto& c = years();
  const std::string svg = materia::compare_slope_svg(c);
  EXPECT_TRUE(well_formed(svg));
  std::size_t shown = 0;
  for (const auto& issue : c.issues) {
    const double best = std::fmin(std::isnan(issue.rank_a) ? 1e9 : issue.rank_a,
                                  std::isnan(issue.rank_b) ? 1e9 : issue.rank_b);
    const bool expected = best <= materia::kSlopeTop || issue.significant;
    const std::string id = "data-issue=\"" + issue.id + "\"";
    const std::size_t lines = occurrences(svg, "class=\"cmp-line\" " + id);
    const std::size_t stubs = occurrences(svg, "class=\"cmp-stub\" " + id);
    if (!expected) {
      EXPECT_EQ(lines + stubs, 0u) << issue.id;
      continue;
    }
    ++shown;
    EXPECT_EQ(lines, issue.status == materia::ChangeStatus::both ? 1u : 0u) << issue.id;
    EXPECT_EQ(stubs, issue.status == materia::ChangeStatus::both ? 0u : 1u) << issue.id;
    EXPECT_EQ(occurrences(svg, "class=\"mx-mark cmp-issue"), occurrences(svg, "data-status=\""));
    // A name at each end where the issue is ranked.
    EXPECT_EQ(occurrences(svg, "data-label-for=\"" + issue.id + "\" data-side="),
              (std::isnan(issue.rank_a) ? 0u : 1u) + (std::isnan(issue.rank_b) ? 0u : 1u))
        << issue.id;
  }
  auto ids = mark_ids(svg);
  EXPECT_EQ(ids.size(), shown);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), shown);
  EXPECT_GE(shown, materia::kSlopeTop);
  const std::size_t hidden = c.issues.size() - shown;
  if (hidden > 0) {
    EXPECT_NE(svg.find("data-hidden=\"" + std::to_string(hidden) + "\""), std::string::npos);
  }
  EXPECT_NE(svg.find(">2024</text>"), std::string::npos);
  EXPECT_NE(svg.find(">2025</text>"), std::string::npos);
  EXPECT_NE(svg.find("Noto Sans CJK SC"), std::string::npos);
  expect_labels_clear(svg, 2 * materia::kSlopeTop);
}

TEST(CompareCharts, MatrixHasOneArrowPerIssueInBothAndAMarkForEveryIssue) {
  const auto& c = years();
  const std::string svg = materia::compare_matrix_svg(c);
  EXPECT_TRUE(well_formed(svg));
  std::set<std::string> expected;
  for (const auto& issue : c.issues) {
    expected.insert(issue.id);
    EXPECT_EQ(occurrences(svg, "class=\"cmp-arrow\" data-issue=\"" + issue.id + "\""),
              issue.status == materia::ChangeStatus::both ? 1u : 0u)
        << issue.id;
  }
  auto ids = mark_ids(svg);
  EXPECT_EQ(ids.size(), c.issues.size());
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), expected);
  EXPECT_EQ(occurrences(svg, "class=\"mx-threshold\""), 2u);
  expect_labels_clear(svg, 60);
}

TEST(CompareCharts, EnteredAndLeftIssuesAreMarked) {
  // Drop one issue from each year's dataset: it left (only in A) or entered (only in B).
  materia::Dataset a = materia::load_sample("fintech-2024"),
                   b = materia::load_sample("fintech-2025");
  const auto& top = years().issues.front();
  const auto& second = years().issues[1];
  auto drop = [](materia::Dataset& dataset, const std::string& id) {
    const materia::Normalizer normalizer(dataset.taxonomy);
    for (auto& firm : dataset.firms)
      std::erase_if(firm.entries, [&](const materia::Entry& entry) {
        return normalizer.resolve(entry.name).id == id;
      });
  };
  drop(a, top.id);
  drop(b, second.id);
  const auto c = materia::compare(a, b, {}, {.replicates = 0});
  const std::string slope = materia::compare_slope_svg(c), arrows = materia::compare_matrix_svg(c);
  EXPECT_NE(slope.find("data-issue=\"" + top.id + "\" data-status=\"entered\""), std::string::npos);
  EXPECT_NE(slope.find("data-issue=\"" + second.id + "\" data-status=\"left\""), std::string::npos);
  EXPECT_NE(arrows.find("data-issue=\"" + top.id + "\" data-status=\"entered\""),
            std::string::npos);
  EXPECT_NE(arrows.find("data-issue=\"" + second.id + "\" data-status=\"left\""),
            std::string::npos);
  EXPECT_EQ(occurrences(slope, "data-significant=\"true\""), 0u) << "no bootstrap, no significance";
  EXPECT_TRUE(well_formed(slope));
  EXPECT_TRUE(well_formed(arrows));
}

TEST(CompareCharts, SameInputSameBytes) {
  const auto again = materia::compare(
      materia::load_sample("fintech-2024"), materia::load_sample("fintech-2025"), {},
      {.replicates = 1000, .same_firms = true, .label_a = "2024", .label_b = "2025"});
  EXPECT_EQ(materia::compare_slope_svg(years()), materia::compare_slope_svg(again));
  EXPECT_EQ(materia::compare_matrix_svg(years()), materia::compare_matrix_svg(again));
  EXPECT_EQ(materia::compare_report_html(years()), materia::compare_report_html(again));
  const auto peers =
      materia::benchmark(materia::load_sample("fintech-2024"), {}, {.firm = "F01", .peers = {}});
  EXPECT_EQ(materia::benchmark_matrix_svg(firm()), materia::benchmark_matrix_svg(peers));
  EXPECT_EQ(materia::benchmark_report_html(firm()), materia::benchmark_report_html(peers));
}

TEST(BenchmarkChart, AMarkPerIssueFirmPointsJoinedAndFlagsShown) {
  const auto& b = firm();
  const std::string svg = materia::benchmark_matrix_svg(b);
  EXPECT_TRUE(well_formed(svg));
  std::set<std::string> expected;
  std::size_t listed = 0, joined = 0;
  for (const auto& issue : b.issues) {
    expected.insert(issue.id);
    listed += std::isfinite(issue.firm_business);
    joined += std::isfinite(issue.firm_business) && std::isfinite(issue.peer_business);
    const std::string group = "data-issue=\"" + issue.id + "\" data-blind-spot=\"" +
                              (issue.blind_spot ? "true" : "false") + "\" data-distinctive=\"" +
                              (issue.distinctive ? "true" : "false") + "\"";
    EXPECT_EQ(occurrences(svg, group), 1u) << issue.id;
  }
  auto ids = mark_ids(svg);
  EXPECT_EQ(ids.size(), b.issues.size());
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), expected);
  EXPECT_GT(listed, 5u);
  EXPECT_EQ(occurrences(svg, "class=\"bm-firm\""), listed);
  EXPECT_EQ(occurrences(svg, "class=\"bm-link\""), joined);
  EXPECT_EQ(occurrences(svg, "data-blind-spot=\"true\""), b.blind_spot_count());
  EXPECT_EQ(occurrences(svg, "data-distinctive=\"true\""), b.distinctive_count());
  expect_labels_clear(svg, listed);
}

TEST(BenchmarkChart, BlindSpotsAndDistinctiveIssuesAreRingedAndNamed) {
  // F01 has neither; F16 has both.
  const auto b =
      materia::benchmark(materia::load_sample("fintech-2024"), {}, {.firm = "F16", .peers = {}});
  ASSERT_GT(b.blind_spot_count(), 0u);
  ASSERT_GT(b.distinctive_count(), 0u);
  const std::string svg = materia::benchmark_matrix_svg(b);
  EXPECT_TRUE(well_formed(svg));
  std::regex blind(R"re(class="bm-peer"[^>]*stroke="#e08a1e")re");
  std::regex distinctive(R"re(class="bm-firm"[^>]*stroke="#6a3d9a")re");
  auto matches = [&](const std::regex& re) {
    return static_cast<std::size_t>(
        std::distance(std::sregex_iterator(svg.begin(), svg.end(), re), std::sregex_iterator()));
  };
  EXPECT_EQ(matches(blind), b.blind_spot_count());
  EXPECT_EQ(matches(distinctive), b.distinctive_count());
  for (const auto& issue : b.issues)
    if (issue.blind_spot || issue.distinctive) {
      // Named (in bold) or, without room, numbered: never left out.
      EXPECT_EQ(
          occurrences(svg, "<text class=\"mx-label sig\" data-label-for=\"" + issue.id + "\"") +
              occurrences(svg, "<text class=\"mx-label num\" data-label-for=\"" + issue.id + "\""),
          1u)
          << issue.id;
    }
  std::size_t listed = 0;
  for (const auto& issue : b.issues)
    listed += std::isfinite(issue.firm_business);
  expect_labels_clear(svg, listed);
}

TEST(ComparePages, SelfContainedWithTheJsonFieldsAndEverySection) {
  const auto& c = years();
  const std::string html = materia::compare_report_html(c);
  for (const char* field : {"name", "rank_a", "rank_b", "rank_change", "change_low", "change_high",
                            "significant", "status"})
    EXPECT_NE(html.find("data-field=\"" + std::string(field) + "\""), std::string::npos) << field;
  EXPECT_EQ(occurrences(html, "<tr data-issue="), c.issues.size());
  EXPECT_EQ(occurrences(html, "<svg "), 2u);
  for (const char* id : {"id=\"slope\"", "id=\"arrows\"", "id=\"tier-migration\"",
                         "id=\"firms-only-a\"", "id=\"firms-only-b\"", "id=\"kpi-tau-b\""})
    EXPECT_NE(html.find(id), std::string::npos) << id;
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("lang=\"zh-CN\""), std::string::npos);
  EXPECT_NE(html.find("排名变化"), std::string::npos);

  materia::ReportOptions english;
  english.language = materia::ReportLanguage::en;
  const std::string en = materia::compare_report_html(c, english);
  EXPECT_NE(en.find("lang=\"en\""), std::string::npos);
  EXPECT_NE(en.find("Rank changes"), std::string::npos);
  EXPECT_NE(en.find("rose significantly"), std::string::npos);

  const auto& b = firm();
  const std::string page = materia::benchmark_report_html(b);
  for (const char* field : {"name", "firm_rank", "peer_rank", "gap", "blind_spot", "distinctive"})
    EXPECT_NE(page.find("data-field=\"" + std::string(field) + "\""), std::string::npos) << field;
  EXPECT_EQ(occurrences(page, "<tr data-issue="), b.issues.size());
  for (const char* id :
       {"id=\"benchmark\"", "id=\"kpi-tau-b\"", "id=\"kpi-percentile\"", "id=\"peer-list\""})
    EXPECT_NE(page.find(id), std::string::npos) << id;
  EXPECT_EQ(page.find(" src="), std::string::npos);
}

TEST(CompareWrite, WritesEveryFileAndNamesTheOneInTheWay) {
  const materia_test::ScratchDir scratch;
  materia::write_compare_report(years(), (scratch / "compare").string());
  for (const auto& name : materia::compare_report_file_names())
    EXPECT_GT(fs::file_size(scratch / "compare" / name), 1000u) << name;
  materia::write_benchmark_report(firm(), (scratch / "benchmark" / "nested").string());
  for (const auto& name : materia::benchmark_report_file_names())
    EXPECT_GT(fs::file_size(scratch / "benchmark" / "nested" / name), 1000u) << name;
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(scratch / "compare"))
    ++files;
  EXPECT_EQ(files, 3u) << "no temporary file left behind";

  const fs::path file = scratch / "in-the-way";
  { std::ofstream(file) << "x"; }
  try {
    materia::write_compare_report(years(), file.string());
    FAIL() << "expected an error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    EXPECT_EQ(e.context().file, file.string());
  }
  // A directory where a file should go: the error names that file.
  fs::create_directories(scratch / "blocked" / "slope.svg");
  try {
    materia::write_compare_report(years(), (scratch / "blocked").string());
    FAIL() << "expected an error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    EXPECT_NE(std::string(e.what()).find("slope.svg"), std::string::npos) << e.what();
  }
}

}  // namespace
