// SPDX-License-Identifier: GPL-2.0-or-later
// libmateria_extract: the chart, table and list readers on hand-built pages (positions computed
// by hand) and on PDFs written by tests/extract/engine/make_pages.py (matplotlib and Chromium),
// and the C boundary's errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "capture/engine/engine.hpp"
#include "capture/extract_abi.h"

namespace {

using nlohmann::json;
using namespace materia::extract;

const std::string kPages = MATERIA_EXTRACT_PAGES;

// Reads a PDF through the C boundary; fails the test on an error.
json read_pdf(const std::string& name) {
  const std::string request = json{{"file", kPages + "/" + name}}.dump();
  char* result = nullptr;
  char* error = nullptr;
  const int status = materia_extract_read_pdf(request.c_str(), &result, &error);
  EXPECT_EQ(status, 0) << (error ? error : "");
  json out = status == 0 ? json::parse(result) : json::object();
  materia_extract_free(result);
  materia_extract_free(error);
  return out;
}

// The error message for a PDF that cannot be read; empty if it was read.
std::string read_error(const std::string& path) {
  const std::string request = json{{"file", path}}.dump();
  char* result = nullptr;
  char* error = nullptr;
  const int status = materia_extract_read_pdf(request.c_str(), &result, &error);
  std::string message = status != 0 && error ? error : "";
  EXPECT_EQ(result == nullptr, status != 0);
  materia_extract_free(result);
  materia_extract_free(error);
  return message;
}

const json* entry_named(const json& result, const std::string& name) {
  for (const json& e : result["entries"])
    if (e["name"] == name) return &e;
  return nullptr;
}

std::vector<json> problems_of_kind(const json& result, const std::string& kind) {
  std::vector<json> out;
  for (const json& p : result["problems"])
    if (p["kind"] == kind) out.push_back(p);
  return out;
}

void expect_chart_entry(const json& result, const std::string& name, double stakeholder,
                        double business) {
  const json* e = entry_named(result, name);
  ASSERT_NE(e, nullptr) << name << " missing from " << result.dump();
  EXPECT_EQ((*e)["kind"], "chart");
  EXPECT_NEAR((*e)["stakeholder"].get<double>(), stakeholder, 0.02) << name;
  EXPECT_NEAR((*e)["business"].get<double>(), business, 0.02) << name;
  EXPECT_GE((*e)["confidence"].get<double>(), 0.0);
  EXPECT_LE((*e)["confidence"].get<double>(), 1.0);
}

void expect_chart_entry_near(const PageFindings& findings, const std::string& name,
                             double stakeholder, double business) {
  const auto e = std::find_if(findings.entries.begin(), findings.entries.end(),
                              [&](const Entry& entry) { return entry.name == name; });
  ASSERT_NE(e, findings.entries.end()) << name;
  EXPECT_NEAR(e->stakeholder, stakeholder, 1e-9) << name;
  EXPECT_NEAR(e->business, business, 1e-9) << name;
}

Word word(const std::string& text, double x0, double y0, double x1, double y1,
          bool space_after = false) {
  return Word{text, {x0, y0, x1, y1}, y1 - y0, 0, space_after};
}

// A rectangle drawn as one closed path (five points): outlined, or filled.
enum class Paint { stroked, filled };
Shape rectangle(double x0, double y0, double x1, double y1, Paint paint) {
  Shape s;
  s.box = {x0, y0, x1, y1};
  s.stroked = paint == Paint::stroked;
  s.filled = paint == Paint::filled;
  s.rectangle = true;
  s.points = 5;
  return s;
}

Shape filled_square(double cx, double cy, double half) {
  return rectangle(cx - half, cy - half, cx + half, cy + half, Paint::filled);
}

// An empty 600 x 800 page numbered `number`.
PageContent blank_page(int number) {
  PageContent page;
  page.number = number;
  page.width = 600;
  page.height = 800;
  return page;
}

// A 200 x 200 frame at (100, 100) with axis titles: stakeholders below, business on the left.
PageContent framed_page() {
  PageContent page = blank_page(3);
  page.shapes.push_back(rectangle(100, 100, 300, 300, Paint::stroked));
  page.words.push_back(word("对利益相关方的重要性", 140, 310, 260, 322));
  page.words.push_back(word("对公司经营的重要性", 60, 150, 72, 258));
  page.words.back().rotation = 3;
  return page;
}

TEST(ExtractText, JoinsCjkWithoutSpacesAndLatinWithOne) {
  EXPECT_EQ(join_text("员工发展", "与培训"), "员工发展与培训");
  EXPECT_EQ(join_text("Data", "security"), "Data security");
  EXPECT_EQ(join_text("ESG", "治理"), "ESG治理");
  EXPECT_EQ(trim("  数据  安全 "), "数据 安全");
}

// Qt writing Noto Sans CJK maps 工 色 金 风 back to the radicals ⼯ ⾊ ⾦ ⻛: the reader takes them
// as the ideographs Unicode gives as their equivalents.
TEST(ExtractText, KangxiRadicalsAreTheIdeographs) {
  EXPECT_EQ(unify_radicals("员⼯权益与福利"), "员工权益与福利");
  EXPECT_EQ(unify_radicals("绿⾊⾦融"), "绿色金融");
  EXPECT_EQ(unify_radicals("⼀⿕"), "一龠");  // the first and the last radical
  EXPECT_EQ(unify_radicals("⺟⻳"), "母龟");
  EXPECT_EQ(unify_radicals("⻛险管理"), "风险管理");
  EXPECT_EQ(unify_radicals("⺀ Data security"), "⺀ Data security");  // U+2E80: no equivalent
}

// Every radical against Unicode's own data (Debian unicode-data): the equivalent it lists, or
// the radical kept where it lists none.
TEST(ExtractText, RadicalTableIsUnicodesEquivalentUnifiedIdeographs) {
  std::ifstream data("/usr/share/unicode/EquivalentUnifiedIdeograph.txt");
  ASSERT_TRUE(data) << "Debian's unicode-data is not installed (scripts/install-deps.sh)";
  std::u32string expected(0x2FD5 - 0x2E80 + 1, U'\0');
  for (std::size_t i = 0; i < expected.size(); ++i)
    expected[i] = static_cast<char32_t>(0x2E80 + i);
  std::size_t listed = 0;
  for (std::string line; std::getline(data, line);) {
    line = line.substr(0, line.find('#'));
    const auto semicolon = line.find(';');
    if (semicolon == std::string::npos) continue;
    const std::string codes = line.substr(0, semicolon);
    const auto dots = codes.find("..");
    const unsigned long first = std::stoul(codes.substr(0, dots), nullptr, 16);
    const unsigned long last =
        dots == std::string::npos ? first : std::stoul(codes.substr(dots + 2), nullptr, 16);
    const auto unified = static_cast<char32_t>(std::stoul(line.substr(semicolon + 1), nullptr, 16));
    for (unsigned long c = first; c <= last; ++c)
      if (c >= 0x2E80 && c <= 0x2FD5) {
        expected[c - 0x2E80] = unified;
        ++listed;
      }
  }
  EXPECT_GT(listed, 300u);
  std::u32string radicals;
  for (char32_t c = 0x2E80; c <= 0x2FD5; ++c)
    radicals += c;
  EXPECT_EQ(to_u32(unify_radicals(to_utf8(radicals))), expected);
}

// A number printed full width is read in ASCII; one running into a name is kept as printed.
TEST(ExtractText, FullWidthNumbersAreAsciiNumbers) {
  EXPECT_EQ(ascii_number("３"), "3");
  EXPECT_EQ(ascii_number("４０％"), "40%");
  EXPECT_EQ(ascii_number("－０．５"), "-0.5");
  EXPECT_EQ(ascii_number("１２．数据安全"), "12．数据安全");  // the number, not the name
  EXPECT_EQ(ascii_number("（３）ＥＳＧ管理"), "（3）ＥＳＧ管理");
  EXPECT_EQ(ascii_number("５Ｇ网络建设"), "５Ｇ网络建设");
  EXPECT_EQ(ascii_number("２０２４年目标"), "２０２４年目标");
  EXPECT_EQ(ascii_number("ＥＳＧ１"), "ＥＳＧ１");
}

TEST(ExtractText, GroupsWordsOnOneBaselineIntoALine) {
  const std::vector<Word> words = {
      word("Importance", 100, 100, 150, 110, true), word("to", 152, 100, 161, 110, true),
      word("business", 163, 100, 200, 110), word("数据安全", 100, 130, 140, 140),
      word("高", 300, 130, 310, 140)};
  const std::vector<Line> lines = group_lines(words);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "Importance to business");
  EXPECT_DOUBLE_EQ(lines[0].box.x1, 200);
  EXPECT_EQ(lines[1].text, "数据安全");  // the gap to 高 is a column gap, not a word gap
  EXPECT_EQ(lines[2].text, "高");
}

TEST(ExtractText, AMarkerBetweenTwoWordsSeparatesTheirLines) {
  const std::vector<Word> words = {word("客户权益", 100, 100, 140, 110),
                                   word("公司治理", 145, 100, 185, 110)};
  EXPECT_EQ(group_lines(words).size(), 1u);
  const std::vector<Line> lines = group_lines(words, 0.8, {Box{141, 103, 144, 106}});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "客户权益");
  EXPECT_EQ(lines[1].text, "公司治理");
}

TEST(ExtractChart, PositionsAreFractionsOfTheFrame) {
  PageContent page = framed_page();
  // Markers at (150, 250) and (260, 120); each label 4 pt right of its marker.
  page.shapes.push_back(filled_square(150, 250, 4));
  page.shapes.push_back(filled_square(260, 120, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.words.push_back(word("科技创新", 268, 115, 298, 125));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 2u) << findings.problems.size();
  for (const Entry& e : findings.entries) {
    if (e.name == "数据安全") {
      EXPECT_DOUBLE_EQ(e.stakeholder, (150.0 - 100) / 200);  // x: the title below the frame
      EXPECT_DOUBLE_EQ(e.business, (300.0 - 250) / 200);     // y: the title left of it
    } else {
      EXPECT_EQ(e.name, "科技创新");
      EXPECT_DOUBLE_EQ(e.stakeholder, (260.0 - 100) / 200);
      EXPECT_DOUBLE_EQ(e.business, (300.0 - 120) / 200);
    }
    EXPECT_EQ(e.page, 3);
  }
  EXPECT_TRUE(findings.problems.empty());
}

// A straight stroked line from (x0, y0) to (x1, y1): a leader line, an axis.
Shape stroked_line(double x0, double y0, double x1, double y1) {
  Shape s;
  s.box = {std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)};
  s.stroked = true;
  s.points = 2;
  s.segments = {s.box};
  return s;
}

// Callouts: each label is set away from its marker and joined to it by a leader line. 数据安全
// sits next to the other marker (21 pt from it, 72 pt from its own), 绿色金融 beyond reach of
// its own: the lines, not the distances, pair them.
TEST(ExtractChart, LeaderLinesPairCalloutsWithTheirMarkers) {
  PageContent page = framed_page();
  page.shapes.push_back(filled_square(150, 250, 4));
  page.shapes.push_back(filled_square(230, 250, 4));
  page.words.push_back(word("数据安全", 200, 226, 240, 236));
  page.shapes.push_back(stroked_line(153, 247, 199, 232));
  page.words.push_back(word("绿色金融", 160, 270, 200, 280));
  page.shapes.push_back(stroked_line(228, 253, 201, 272));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 2u) << findings.problems.size();
  expect_chart_entry_near(findings, "数据安全", (150.0 - 100) / 200, (300.0 - 250) / 200);
  expect_chart_entry_near(findings, "绿色金融", (230.0 - 100) / 200, (300.0 - 250) / 200);
  for (const Entry& e : findings.entries)
    EXPECT_DOUBLE_EQ(e.confidence, 1.0) << e.name;
  EXPECT_TRUE(findings.problems.empty());
}

// A filled circle of diameter 40 pt centred at (cx, cy): a bubble.
Shape bubble(double cx, double cy) {
  Shape s;
  s.box = {cx - 20, cy - 20, cx + 20, cy + 20};
  s.filled = true;
  s.curved = true;
  s.points = 13;
  return s;
}

// Names written inside 40 pt bubbles, each bubble's label: two lines joined as one name, and a
// one-line name whose word gap falls on the bubble's centre kept whole. A small marker beside
// them keeps its label beside it. Numbers inside bubbles are a numbered chart's keys; a lone
// circle with a name in it is no chart.
TEST(ExtractChart, NamesWrittenInsideBubblesAreTheirLabels) {
  PageContent page = framed_page();
  page.shapes.push_back(bubble(150, 250));
  page.words.push_back(word("Supply", 131, 241, 153, 249, true));
  page.words.push_back(word("chain", 155, 241, 170, 249));
  page.words.push_back(word("management", 132, 251, 168, 259));
  page.shapes.push_back(bubble(250, 150));
  page.words.push_back(word("Green", 232, 146, 248, 154, true));
  page.words.push_back(word("finance", 251, 146, 269, 154));
  page.shapes.push_back(bubble(250, 250));
  page.words.push_back(word("Rural", 241, 241, 259, 249));
  page.words.push_back(word("revitalization", 232, 251, 268, 259));
  page.shapes.push_back(filled_square(130, 130, 3));
  page.words.push_back(word("Risk", 137, 126, 152, 134, true));
  page.words.push_back(word("management", 154, 126, 190, 134));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 4u) << findings.problems.size();
  expect_chart_entry_near(findings, "Supply chain management", 0.25, 0.25);
  expect_chart_entry_near(findings, "Green finance", 0.75, 0.75);
  expect_chart_entry_near(findings, "Rural revitalization", 0.75, 0.25);
  expect_chart_entry_near(findings, "Risk management", 0.15, 0.85);
  for (const Entry& e : findings.entries) {
    if (e.name != "Risk management") {
      EXPECT_DOUBLE_EQ(e.confidence, 1.0) << e.name;
    }
  }
  EXPECT_TRUE(findings.problems.empty());

  PageContent numbered = framed_page();
  numbered.shapes.push_back(bubble(150, 250));
  numbered.words.push_back(word("1", 147, 246, 153, 254));
  numbered.shapes.push_back(bubble(250, 150));
  numbered.words.push_back(word("2", 247, 146, 253, 154));
  numbered.words.push_back(word("1", 100, 400, 106, 410, true));
  numbered.words.push_back(word("数据安全", 108, 400, 148, 410, true));
  numbered.words.push_back(word("2", 152, 400, 158, 410, true));
  numbered.words.push_back(word("绿色金融", 160, 400, 200, 410));
  PageFindings keyed;
  ASSERT_TRUE(read_chart(numbered, group_lines(numbered.words), keyed));
  EXPECT_TRUE(keyed.legend);
  ASSERT_EQ(keyed.entries.size(), 2u);
  expect_chart_entry_near(keyed, "数据安全", 0.25, 0.25);
  expect_chart_entry_near(keyed, "绿色金融", 0.75, 0.75);
  EXPECT_TRUE(keyed.problems.empty());

  PageContent lone = framed_page();
  lone.shapes.push_back(bubble(250, 150));
  lone.words.push_back(word("Green", 232, 146, 248, 154, true));
  lone.words.push_back(word("finance", 251, 146, 269, 154));
  PageFindings none;
  EXPECT_FALSE(read_chart(lone, group_lines(lone.words), none));
  EXPECT_TRUE(none.entries.empty());
}

// Tick labels 8 pt high: under the frame of framed_page() centred at each x, or ending 5 pt
// left of it centred at each y.
void add_x_ticks(PageContent& page, const std::vector<std::pair<std::string, double>>& ticks) {
  for (const auto& [text, x] : ticks)
    page.words.push_back(word(text, x - 5, 303, x + 5, 311));
}
void add_y_ticks(PageContent& page, const std::vector<std::pair<std::string, double>>& ticks) {
  for (const auto& [text, y] : ticks)
    page.words.push_back(word(text, 80, y - 4, 95, y + 4));
}

// The frame pads the ticks: x runs from 0.5 to 5.5 (40 pt a unit, ticks 1-5), y from -10% to
// 110% (ticks 0%-100%). Positions are fractions of the tick range, not of the frame.
TEST(ExtractChart, TicksCalibrateThePositions) {
  PageContent page = framed_page();
  add_x_ticks(page, {{"1", 120}, {"2", 160}, {"3", 200}, {"4", 240}, {"5", 280}});
  auto y_at = [](double percent) { return 300 - (percent + 10) * 200 / 120; };
  add_y_ticks(page, {{"0%", y_at(0)},
                     {"25%", y_at(25)},
                     {"50%", y_at(50)},
                     {"75%", y_at(75)},
                     {"100%", y_at(100)}});
  page.shapes.push_back(filled_square(150, 250, 4));
  page.shapes.push_back(filled_square(260, 120, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.words.push_back(word("科技创新", 268, 115, 298, 125));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 2u) << findings.problems.size();
  EXPECT_TRUE(findings.problems.empty());
  for (const Entry& e : findings.entries) {
    if (e.name == "数据安全") {
      // x 150 is 0.5 + 50 / 40 = 1.75 on 1-5; y 250 is -10 + 50 * 120 / 200 = 20%.
      EXPECT_NEAR(e.stakeholder, (1.75 - 1) / 4, 1e-9);
      EXPECT_NEAR(e.business, 20.0 / 100, 1e-9);
    } else {
      // x 260 is 4.5; y 120 is -10 + 180 * 0.6 = 98%.
      EXPECT_NEAR(e.stakeholder, (4.5 - 1) / 4, 1e-9);
      EXPECT_NEAR(e.business, 98.0 / 100, 1e-9);
    }
  }
}

// Ticks 20-100 (0 left out) in a frame from 0 to 100: the left edge is the unlabelled tick 0, so
// the range is 0-100. The vertical axis has no numbers: its positions stay fractions of the frame.
TEST(ExtractChart, AFrameEdgeOnTheTickGridIsTheRangesEnd) {
  PageContent page = framed_page();
  add_x_ticks(page, {{"20", 140}, {"40", 180}, {"60", 220}, {"80", 260}, {"100", 300}});
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 1u);
  EXPECT_NEAR(findings.entries[0].stakeholder, 25.0 / 100, 1e-9);
  EXPECT_NEAR(findings.entries[0].business, (300.0 - 250) / 200, 1e-9);
}

// A numbered chart's legend in a row right under the frame: its numbers stand beside names, so
// they are no ticks and the frame stays the range.
TEST(ExtractChart, ALegendRowUnderTheFrameIsNoTicks) {
  PageContent page = framed_page();
  page.shapes.push_back(filled_square(150, 250, 6));
  page.words.push_back(word("1", 147, 246, 153, 254));
  page.shapes.push_back(filled_square(260, 120, 6));
  page.words.push_back(word("2", 257, 116, 263, 124));
  page.words.push_back(word("1", 110, 303, 115, 311));
  page.words.push_back(word("数据安全", 117, 303, 149, 311));
  page.words.push_back(word("2", 200, 303, 205, 311));
  page.words.push_back(word("科技创新", 207, 303, 239, 311));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 2u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (150.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[0].business, (300.0 - 250) / 200);
  EXPECT_EQ(findings.entries[1].name, "科技创新");
  EXPECT_DOUBLE_EQ(findings.entries[1].stakeholder, (260.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[1].business, (300.0 - 120) / 200);
}

// 1, 10, 100, 1000 at even steps is a log axis: the chart is a problem, not a guess.
TEST(ExtractChart, TicksThatAreNotEvenlySpacedAreAProblem) {
  PageContent page = framed_page();
  add_x_ticks(page, {{"1", 120}, {"10", 173.33}, {"100", 226.67}, {"1000", 280}});
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.entries.empty());
  ASSERT_EQ(findings.problems.size(), 1u);
  EXPECT_EQ(findings.problems[0].kind, "inconsistent_ticks");
  EXPECT_NE(findings.problems[0].message.find("1, 10, 100, 1000"), std::string::npos)
      << findings.problems[0].message;
}

// Ticks 1-5 in a frame from 0.5 to 5.5: a marker at 0.6 is off the chart's scale.
TEST(ExtractChart, AMarkerOutsideTheTickRangeIsAProblem) {
  PageContent page = framed_page();
  add_x_ticks(page, {{"1", 120}, {"2", 160}, {"3", 200}, {"4", 240}, {"5", 280}});
  page.shapes.push_back(filled_square(104, 250, 4));  // x 0.6
  page.words.push_back(word("数据安全", 112, 245, 152, 255));
  page.shapes.push_back(filled_square(200, 150, 4));  // x 3
  page.words.push_back(word("科技创新", 208, 145, 248, 155));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 1u);
  EXPECT_EQ(findings.entries[0].name, "科技创新");
  EXPECT_NEAR(findings.entries[0].stakeholder, 0.5, 1e-9);
  ASSERT_EQ(findings.problems.size(), 1u);
  EXPECT_EQ(findings.problems[0].kind, "off_scale");
  EXPECT_EQ(findings.problems[0].text, "数据安全");
}

// Axes along the top and the right (gnuplot's x2 and y2 axes): the title centred above the frame
// is the horizontal axis's, the one right of it the vertical axis's, and the tick labels above
// and right of the frame calibrate them. Ticks 1-5 at 40 pt a unit in a frame from 0.5 to 5.5.
TEST(ExtractChart, TitlesAndTicksAlongTheTopAndTheRight) {
  PageContent page = blank_page(2);
  page.shapes.push_back(rectangle(100, 100, 300, 300, Paint::stroked));
  page.words.push_back(word("Importance to the business", 140, 70, 260, 80));
  page.words.push_back(word("Importance to stakeholders", 325, 140, 335, 260));
  page.words.back().rotation = 1;
  page.words.back().font_size = 10;
  for (int value = 1; value <= 5; ++value) {
    const double at = 80 + 40 * value;
    page.words.push_back(word(std::to_string(value), at - 3, 89, at + 3, 97));  // above
    page.words.push_back(word(std::to_string(value), 305, 400 - at - 4, 311, 400 - at + 4));
  }
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("Data security", 158, 245, 218, 255));
  page.shapes.push_back(filled_square(260, 160, 4));
  page.words.push_back(word("Green finance", 192, 155, 252, 165));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 2u);
  // x 150 is 0.5 + 50 / 40 = 1.75, y 250 is 0.5 + 50 / 40 = 1.75; x 260 is 4.5, y 160 is 4.
  expect_chart_entry_near(findings, "Data security", (1.75 - 1) / 4, (1.75 - 1) / 4);
  expect_chart_entry_near(findings, "Green finance", (4.0 - 1) / 4, (4.5 - 1) / 4);
}

TEST(ExtractChart, ConfidenceFallsWithTheRivalMarkersDistance) {
  PageContent page = framed_page();
  // Two labels, each with its marker left of it: 4 pt from the first ([158, 245]-[198, 255]),
  // 8 pt from the second ([218, 245]-[258, 255]). The page's offset is their median, (-6, 0) from
  // the middle of a label's left edge.
  page.shapes.push_back(filled_square(154, 250, 3));
  page.shapes.push_back(filled_square(210, 250, 3));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.words.push_back(word("绿色金融", 218, 245, 258, 255));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 2u);
  const bool first_is_data = findings.entries[0].name == "数据安全";
  const Entry& data = findings.entries[first_is_data ? 0 : 1];
  const Entry& green = findings.entries[first_is_data ? 1 : 0];
  EXPECT_EQ(data.name, "数据安全");
  EXPECT_EQ(green.name, "绿色金融");
  // 数据安全: 2 pt from where the offset puts its marker; the other marker is 12 pt right of it,
  // off the convention: min(|210 - 152|, 12 * 1.5 + 0.5) = 18.5. Its own marker's other claimant
  // (绿色金融) is 64 pt away, min(|154 - 212|, 64 * 1.5 + 0.5) = 58. So 1 - (2 + 1) / (18.5 + 1).
  EXPECT_NEAR(data.confidence, 1 - 3.0 / 19.5, 1e-9);
  // 绿色金融: 2 pt; its rival marker 58; the rival label for its marker (数据安全) 18.5.
  EXPECT_NEAR(green.confidence, 1 - 3.0 / 19.5, 1e-9);
  EXPECT_DOUBLE_EQ(data.stakeholder, (154.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(green.stakeholder, (210.0 - 100) / 200);
}

TEST(ExtractChart, HollowMarkersNumberedBesideThemTakeTheLegendsNames) {
  PageContent page = framed_page();
  for (auto [cx, cy] : {std::pair{140.0, 260.0}, std::pair{250.0, 150.0}}) {
    Shape ring;
    ring.box = {cx - 4, cy - 4, cx + 4, cy + 4};
    ring.stroked = true;
    ring.curved = true;
    ring.points = 13;
    page.shapes.push_back(ring);
  }
  page.words.push_back(word("1", 146, 250, 151, 258));  // right of and above the first ring
  page.words.push_back(word("2", 256, 140, 261, 148));
  // The legend, below the chart, one line: "1 数据安全 2 绿色金融 3 乡村振兴".
  page.words.push_back(word("1", 100, 400, 106, 410, true));
  page.words.push_back(word("数据安全", 108, 400, 148, 410, true));
  page.words.push_back(word("2", 152, 400, 158, 410, true));
  page.words.push_back(word("绿色金融", 160, 400, 200, 410, true));
  page.words.push_back(word("3", 204, 400, 210, 410, true));
  page.words.push_back(word("乡村振兴", 212, 400, 252, 410));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.legend);
  ASSERT_EQ(findings.entries.size(), 2u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (140.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[0].business, (300.0 - 260) / 200);
  EXPECT_EQ(findings.entries[1].name, "绿色金融");
  EXPECT_DOUBLE_EQ(findings.entries[1].stakeholder, (250.0 - 100) / 200);
  ASSERT_EQ(findings.problems.size(), 1u);
  EXPECT_EQ(findings.problems[0].kind, "label_without_marker");
  EXPECT_EQ(findings.problems[0].text, "乡村振兴");
}

// Issue codes (E1, S1, G1) in the markers, their legend right of the frame grouped under pillar
// headings: a code and its name as two cells ("E1" ... "Climate change") or as one line.
TEST(ExtractChart, IssueCodesInTheMarkersTakeTheLegendsNames) {
  PageContent page = framed_page();
  const std::pair<const char*, std::pair<double, double>> coded[] = {
      {"E1", {140, 260}}, {"S1", {250, 150}}, {"G1", {200, 200}}};
  for (const auto& [code, centre] : coded) {
    const auto [cx, cy] = centre;
    Shape disc = filled_square(cx, cy, 7);
    disc.rectangle = false;
    disc.curved = true;
    disc.points = 13;
    page.shapes.push_back(disc);
    page.words.push_back(word(code, cx - 5, cy - 3.5, cx + 5, cy + 3.5));
  }
  page.words.push_back(word("Environmental", 320, 100, 380, 110));
  page.words.push_back(word("E1", 320, 115, 330, 124));
  page.words.push_back(word("Climate", 345, 115, 375, 124, true));
  page.words.push_back(word("change", 377, 115, 405, 124));
  page.words.push_back(word("Social", 320, 135, 350, 145));
  page.words.push_back(word("S1", 320, 150, 330, 159, true));
  page.words.push_back(word("Employee", 332, 150, 370, 159, true));
  page.words.push_back(word("training", 372, 150, 405, 159));
  page.words.push_back(word("Governance", 320, 170, 370, 180));
  page.words.push_back(word("G1", 320, 185, 330, 194));
  page.words.push_back(word("Business", 345, 185, 380, 194, true));
  page.words.push_back(word("ethics", 382, 185, 405, 194));
  page.words.push_back(word("G2", 320, 200, 330, 209));
  page.words.push_back(word("Cybersecurity", 345, 200, 400, 209));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.legend);
  ASSERT_EQ(findings.entries.size(), 3u) << findings.problems.size();
  expect_chart_entry_near(findings, "Climate change", (140.0 - 100) / 200, (300.0 - 260) / 200);
  expect_chart_entry_near(findings, "Employee training", (250.0 - 100) / 200, (300.0 - 150) / 200);
  expect_chart_entry_near(findings, "Business ethics", 0.5, 0.5);
  ASSERT_EQ(findings.problems.size(), 1u);
  EXPECT_EQ(findings.problems[0].kind, "label_without_marker");
  EXPECT_EQ(findings.problems[0].text, "Cybersecurity");
  EXPECT_NE(findings.problems[0].message.find("G2"), std::string::npos);
}

// A grid matrix (九宫格): nine filled cells 60 pt square, 4 pt apart, from (100, 100); the names
// written inside the cells are the issues, each at its cell's centre. The rows' words 高 / 中 / 低
// beside the grid are no issues.
TEST(ExtractChart, NamesInsideTheCellsOfAGridMatrix) {
  PageContent page = blank_page(2);
  for (int c = 0; c < 3; ++c)
    for (int r = 0; r < 3; ++r)
      page.shapes.push_back(
          rectangle(100 + 64 * c, 100 + 64 * r, 160 + 64 * c, 160 + 64 * r, Paint::filled));
  page.words.push_back(word("对公司发展的重要性", 150, 300, 240, 310));
  page.words.push_back(word("对利益相关方的重要性", 60, 140, 72, 240));
  page.words.back().rotation = 3;
  page.words.push_back(word("高", 85, 125, 95, 135));
  page.words.push_back(word("绿色金融", 238, 125, 278, 135));  // top right
  page.words.push_back(word("公司治理", 174, 186, 214, 196));  // centre, two names
  page.words.push_back(word("风险管理", 174, 200, 214, 210));
  page.words.push_back(word("乡村振兴", 110, 253, 150, 263));  // bottom left
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.materiality);
  ASSERT_EQ(findings.entries.size(), 4u);
  const double right = 288, bottom = 288, size = 188;
  expect_chart_entry_near(findings, "绿色金融", (bottom - 130) / size, (258 - 100) / size);
  expect_chart_entry_near(findings, "公司治理", 0.5, 0.5);
  expect_chart_entry_near(findings, "风险管理", 0.5, 0.5);
  expect_chart_entry_near(findings, "乡村振兴", (bottom - 258) / size, (right - 258) / size);
  EXPECT_TRUE(findings.problems.empty());

  // Cells of different sizes are no grid: nothing is read.
  page.shapes[0].box.x1 += 30;
  PageFindings none;
  EXPECT_FALSE(read_chart(page, group_lines(page.words), none));
  EXPECT_TRUE(none.entries.empty());
}

TEST(ExtractChart, MarkersPrintedAsCharacters) {
  PageContent page = framed_page();
  // "●数据安全" as one word of 10 pt characters: the dot's em is [150, 160] across.
  page.words.push_back(word("●数据安全", 150, 245, 200, 255));
  page.words.push_back(word("■", 250, 145, 260, 155));
  page.words.push_back(word("绿色金融", 263, 145, 303, 155));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 2u) << findings.problems.size();
  EXPECT_EQ(findings.entries[0].name, "绿色金融");
  EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (255.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[0].business, (300.0 - 150) / 200);
  EXPECT_EQ(findings.entries[1].name, "数据安全");
  EXPECT_DOUBLE_EQ(findings.entries[1].stakeholder, (155.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[1].business, (300.0 - 250) / 200);
  EXPECT_TRUE(findings.problems.empty());
}

TEST(ExtractChart, TitlesThatNameNeitherAxisMakeUnreadableAxes) {
  PageContent page = framed_page();
  page.words[0].text = "横轴";
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.entries.empty());
  ASSERT_EQ(findings.problems.size(), 1u);
  EXPECT_EQ(findings.problems[0].kind, "unreadable_axes");
  EXPECT_EQ(findings.problems[0].page, 3);
}

// Importance to the firm by its own name, across importance to stakeholders, is the business axis.
TEST(ExtractChart, ImportanceToTheFirmsNameIsTheBusinessAxis) {
  for (const char* business_title : {"对华信银行的重要性", "Importance to Meridian"}) {
    PageContent page = framed_page();
    page.words[1].text = business_title;  // the rotated title left of the frame
    page.shapes.push_back(filled_square(150, 250, 4));
    page.words.push_back(word("数据安全", 158, 245, 198, 255));
    PageFindings findings;
    ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
    ASSERT_EQ(findings.entries.size(), 1u) << business_title;
    EXPECT_TRUE(findings.problems.empty()) << business_title;
    EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (150.0 - 100) / 200);
    EXPECT_DOUBLE_EQ(findings.entries[0].business, (300.0 - 250) / 200);
  }
}

// Axis titles in two stacked lines, neither naming an importance alone: the vertical axis's above
// the frame's left end ("Importance to" / "stakeholders"), the horizontal axis's below the frame
// ("Importance to" / "the business"), each read as its lines joined.
TEST(ExtractChart, AxisTitlesInTwoStackedLinesAreOneTitle) {
  PageContent page = blank_page(3);
  page.shapes.push_back(rectangle(100, 100, 300, 300, Paint::stroked));
  page.words.push_back(word("Importance to", 100, 78, 160, 87));
  page.words.push_back(word("stakeholders", 100, 89.5, 156, 98.5));
  page.words.push_back(word("Importance to", 170, 310, 230, 319));
  page.words.push_back(word("the business", 172, 321.5, 228, 330.5));
  page.shapes.push_back(filled_square(150, 250, 4));
  page.shapes.push_back(filled_square(260, 120, 4));
  page.words.push_back(word("Data security", 158, 245, 208, 254));
  page.words.push_back(word("Innovation", 230, 130, 275, 139));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 2u);
  expect_chart_entry_near(findings, "Data security", (300.0 - 250) / 200, (150.0 - 100) / 200);
  expect_chart_entry_near(findings, "Innovation", (300.0 - 120) / 200, (260.0 - 100) / 200);
}

// Arrow axes running past the plot, with four quadrant bands 4 pt in from the axes and a white
// gutter of 8 pt between them: the bands span [104, 296] across and down, so the frame is the
// origin (100, 300) to 4 pt past their far edges, (300, 100): framed_page's frame, not the arrow
// tips at x = 330 and y = 70. Each band is big enough to be a frame and the two markers sit in
// bands 8 pt apart: the bands are the axes' fills, not a card's two charts hiding the frame.
TEST(ExtractChart, ArrowAxesEndWhereTheBandsDo) {
  PageContent page = framed_page();
  page.shapes.clear();
  Shape x_axis, y_axis;
  x_axis.stroked = y_axis.stroked = true;
  x_axis.box = {100, 300, 330, 300};
  y_axis.box = {100, 70, 100, 300};
  x_axis.segments = {x_axis.box};
  y_axis.segments = {y_axis.box};
  x_axis.points = y_axis.points = 2;
  page.shapes.push_back(x_axis);
  page.shapes.push_back(y_axis);
  for (const double x0 : {104.0, 204.0})
    for (const double y0 : {104.0, 204.0})
      page.shapes.push_back(rectangle(x0, y0, x0 + 92, y0 + 92, Paint::filled));
  Shape arrowhead;  // a filled triangle at the x axis's tip
  arrowhead.box = {322, 296.5, 330, 303.5};
  arrowhead.filled = true;
  arrowhead.points = 4;
  page.shapes.push_back(arrowhead);
  page.shapes.push_back(filled_square(150, 250, 4));
  page.shapes.push_back(filled_square(260, 120, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.words.push_back(word("科技创新", 268, 115, 298, 125));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 2u) << findings.problems.size();
  EXPECT_EQ(findings.entries[0].name, "科技创新");
  EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (260.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[0].business, (300.0 - 120) / 200);
  EXPECT_EQ(findings.entries[1].name, "数据安全");
  EXPECT_DOUBLE_EQ(findings.entries[1].stakeholder, (150.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[1].business, (300.0 - 250) / 200);
  EXPECT_TRUE(findings.problems.empty());
}

// GRI's 2016 axes: x, the significance of the firm's impacts, is the firm's own axis (business);
// y, the influence on stakeholders' assessments, the stakeholders'. The legend is a table: a
// number cell, then the name cell 30 pt to its right on the same row.
TEST(ExtractChart, GriAxisTitlesAndALegendPrintedAsATable) {
  PageContent page = framed_page();
  page.words[0].text = "Significance of economic, environmental and social impacts";
  page.words[1].text = "Influence on stakeholder assessments and decisions";
  page.shapes.push_back(filled_square(150, 250, 6));
  page.shapes.push_back(filled_square(260, 120, 6));
  page.words.push_back(word("1", 148, 246, 152, 254));
  page.words.push_back(word("2", 258, 116, 262, 124));
  page.words.push_back(word("No.", 100, 340, 112, 348));
  page.words.push_back(word("Topic", 130, 340, 150, 348));
  page.words.push_back(word("1", 100, 356, 104, 364));
  page.words.push_back(word("Business ethics", 130, 356, 190, 364));
  page.words.push_back(word("2", 100, 372, 104, 380));
  page.words.push_back(word("Green finance", 130, 372, 182, 380));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.legend);
  ASSERT_EQ(findings.entries.size(), 2u) << findings.problems.size();
  EXPECT_EQ(findings.entries[0].name, "Business ethics");
  EXPECT_DOUBLE_EQ(findings.entries[0].business, (150.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (300.0 - 250) / 200);
  EXPECT_EQ(findings.entries[1].name, "Green finance");
  EXPECT_DOUBLE_EQ(findings.entries[1].business, (260.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[1].stakeholder, (300.0 - 120) / 200);
  EXPECT_TRUE(findings.problems.empty());
  // The Chinese translation of GRI's impact axis reads the same way.
  page.words[0].text = "经济、环境和社会影响的重要性";
  page.words[1].text = "对利益相关方评估和决策的影响";
  PageFindings chinese;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), chinese));
  ASSERT_EQ(chinese.entries.size(), 2u);
  EXPECT_DOUBLE_EQ(chinese.entries[1].business, (260.0 - 100) / 200);
}

// Two named parties, a named party across the business, or importance to society across a named
// party: the axes cannot be told apart.
TEST(ExtractChart, ImportanceToTwoPartiesIsUnreadable) {
  const std::pair<const char*, const char*> pairs[] = {
      {"Importance to Meridian", "Importance to Northwind"},
      {"Importance to Meridian", "Importance to business"},
      {"Impact on society", "Importance to Meridian"},
      {"对社会的影响", "对华信银行的重要性"}};
  for (const auto& [below, left] : pairs) {
    PageContent page = framed_page();
    page.words[0].text = below;
    page.words[1].text = left;
    page.shapes.push_back(filled_square(150, 250, 4));
    page.words.push_back(word("数据安全", 158, 245, 198, 255));
    page.words.push_back(word("实质性议题矩阵", 100, 60, 170, 70));
    PageFindings findings;
    ASSERT_TRUE(read_chart(page, group_lines(page.words), findings)) << below << " / " << left;
    EXPECT_TRUE(findings.entries.empty()) << below << " / " << left;
    ASSERT_EQ(findings.problems.size(), 1u) << below << " / " << left;
    EXPECT_EQ(findings.problems[0].kind, "unreadable_axes");
  }
}

TEST(ExtractChart, AnIssueNameLeftOfTheFrameIsNoAxisTitle) {
  PageContent page = framed_page();
  page.words[1] = word("公司治理", 50, 200, 90, 210);  // names 公司, but no importance
  page.words.push_back(word("实质性议题矩阵", 100, 60, 170, 70));
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.entries.empty());
  ASSERT_EQ(findings.problems.size(), 1u);
  EXPECT_EQ(findings.problems[0].kind, "unreadable_axes");
}

TEST(ExtractChart, OtherChartsAreNotMaterialityMatrices) {
  PageContent page = framed_page();
  page.words[0].text = "年份";
  page.words[1].text = "碳排放";
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("2024", 158, 245, 180, 255));
  PageFindings findings;
  EXPECT_FALSE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty());
  EXPECT_FALSE(findings.materiality);
  // The same chart under a materiality heading is one whose axes cannot be read.
  page.words.push_back(word("实质性议题矩阵", 100, 60, 170, 70));
  EXPECT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.problems.size(), 1u);
  EXPECT_EQ(findings.problems[0].kind, "unreadable_axes");
}

// Adds the shapes and words of `other` moved by (dx, dy): a second chart on the page.
void append_shifted(PageContent& page, const PageContent& other, double dx, double dy) {
  auto moved = [&](Box b) { return Box{b.x0 + dx, b.y0 + dy, b.x1 + dx, b.y1 + dy}; };
  for (Shape shape : other.shapes) {
    shape.box = moved(shape.box);
    for (Box& segment : shape.segments)
      segment = moved(segment);
    page.shapes.push_back(shape);
  }
  for (Word w : other.words) {
    w.box = moved(w.box);
    page.words.push_back(w);
  }
}

// Two matrices side by side (two business lines; the second's frame at x 380-580, 80 pt right of
// the first): each marker is read on its own frame, each chart's y-title is its own.
TEST(ExtractChart, TwoMatricesSideBySideAreReadOnTheirOwnFrames) {
  PageContent page = framed_page();
  page.width = 700;
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  PageContent second = framed_page();
  second.shapes.push_back(filled_square(130, 150, 4));
  second.words.push_back(word("绿色金融", 138, 145, 178, 155));
  second.shapes.push_back(filled_square(250, 280, 4));
  second.words.push_back(word("普惠金融", 258, 275, 298, 285));
  append_shifted(page, second, 280, 0);
  // Then again with a card drawn around both charts: it holds all three markers, but two charts.
  for (const bool card : {false, true}) {
    if (card) page.shapes.push_back(rectangle(40, 50, 640, 340, Paint::stroked));
    PageFindings findings;
    ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
    EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
    ASSERT_EQ(findings.entries.size(), 3u) << card;
    // Left chart first, then the right one top to bottom.
    EXPECT_EQ(findings.entries[0].name, "数据安全");
    EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (150.0 - 100) / 200);
    EXPECT_DOUBLE_EQ(findings.entries[0].business, (300.0 - 250) / 200);
    EXPECT_EQ(findings.entries[1].name, "绿色金融");
    EXPECT_DOUBLE_EQ(findings.entries[1].stakeholder, (410.0 - 380) / 200);
    EXPECT_DOUBLE_EQ(findings.entries[1].business, (300.0 - 150) / 200);
    EXPECT_EQ(findings.entries[2].name, "普惠金融");
    EXPECT_DOUBLE_EQ(findings.entries[2].stakeholder, (530.0 - 380) / 200);
    EXPECT_DOUBLE_EQ(findings.entries[2].business, (300.0 - 280) / 200);
  }
}

// One matrix above another (frames 60 pt apart): the upper one's stakeholder title, just above
// the lower frame's left end, is not the lower one's vertical title.
TEST(ExtractChart, StackedMatricesKeepTheirOwnTitles) {
  PageContent page = framed_page();
  page.height = 900;
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  PageContent lower = framed_page();
  lower.shapes.push_back(filled_square(250, 150, 4));
  lower.words.push_back(word("绿色金融", 258, 145, 298, 155));
  append_shifted(page, lower, 0, 260);
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 2u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_EQ(findings.entries[1].name, "绿色金融");
  EXPECT_DOUBLE_EQ(findings.entries[1].stakeholder, (250.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[1].business, (560.0 - 410) / 200);
}

// Two numbered charts side by side, each with its legend right of its frame and the same
// numbers: each marker takes the entry of its own chart's legend.
TEST(ExtractChart, TwoNumberedChartsReadTheirOwnLegends) {
  PageContent page = framed_page();
  page.width = 800;
  page.shapes.push_back(filled_square(150, 250, 6));
  page.words.push_back(word("1", 147, 246, 153, 254));
  page.words.push_back(word("1 数据安全", 310, 120, 360, 128));
  PageContent second = framed_page();
  second.shapes.push_back(filled_square(250, 150, 6));
  second.words.push_back(word("1", 247, 146, 253, 154));
  second.words.push_back(word("1 绿色金融", 310, 120, 360, 128));
  append_shifted(page, second, 340, 0);
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 2u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_DOUBLE_EQ(findings.entries[0].confidence, 1.0);
  EXPECT_EQ(findings.entries[1].name, "绿色金融");
  EXPECT_DOUBLE_EQ(findings.entries[1].stakeholder, (590.0 - 440) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[1].confidence, 1.0);
}

// A legend box under the matrix (two marker symbols with their categories) and a footnote under
// it naming the business axis: the box would have titles, the footnote below it and the
// matrix's stakeholder title above its left end, but that title is the matrix's.
TEST(ExtractChart, ALegendBoxDoesNotTakeTheMatrixsTitle) {
  PageContent page = framed_page();
  page.height = 900;
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.shapes.push_back(rectangle(100, 340, 300, 410, Paint::stroked));  // the legend box
  page.shapes.push_back(filled_square(120, 375, 4));
  page.words.push_back(word("环境议题", 128, 370, 168, 380));
  page.shapes.push_back(filled_square(200, 375, 4));
  page.words.push_back(word("社会议题", 208, 370, 248, 380));
  page.words.push_back(word("注：纵轴为对公司经营的重要性", 100, 420, 250, 430));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 1u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (150.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[0].business, (300.0 - 250) / 200);
}

// A spreadsheet chart: its chart area (an outer rectangle) holds the plot frame, the axis titles
// and a legend of marker symbols right of the plot. The legend's keys make the chart area hold
// more markers than the plot (fewer than its issues), but it is no frame: the plot is, and the
// titles are outside it.
TEST(ExtractChart, AChartAreaAroundThePlotAndItsLegendIsNoFrame) {
  PageContent page = framed_page();
  page.shapes.push_back(rectangle(40, 80, 460, 340, Paint::stroked));  // the chart area
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.shapes.push_back(filled_square(260, 120, 4));
  page.words.push_back(word("科技创新", 268, 115, 298, 125));
  page.shapes.push_back(filled_square(210, 180, 4));
  page.words.push_back(word("绿色金融", 218, 175, 258, 185));
  page.shapes.push_back(filled_square(130, 130, 4));
  page.words.push_back(word("乡村振兴", 138, 125, 178, 135));
  const char* categories[] = {"环境", "社会", "治理"};
  for (int k = 0; k < 3; ++k) {  // the legend: a key and its category, one under the other
    page.shapes.push_back(filled_square(340, 180 + 14 * k, 3));
    page.words.push_back(word(categories[k], 347, 175 + 14 * k, 367, 185 + 14 * k));
  }
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 4u);
  expect_chart_entry_near(findings, "数据安全", (150.0 - 100) / 200, (300.0 - 250) / 200);
  expect_chart_entry_near(findings, "科技创新", (260.0 - 100) / 200, (300.0 - 120) / 200);
  expect_chart_entry_near(findings, "绿色金融", (210.0 - 100) / 200, (300.0 - 180) / 200);
}

// A shaded zone (a filled rectangle inside the frame) holding most markers is no plot frame: the
// markers outside it are issues spread over the frame, not a legend's keys in a column.
TEST(ExtractChart, AShadedZoneInsideTheFrameIsNoPlotFrame) {
  PageContent page = framed_page();
  Shape zone = rectangle(200, 100, 300, 200, Paint::filled);
  zone.fill_rgb = 0xe3efe8;
  page.shapes.push_back(zone);
  const double inside_zone[][2] = {{220, 120}, {260, 150}, {230, 180}};
  const char* zone_names[] = {"数据安全", "科技创新", "绿色金融"};
  for (int k = 0; k < 3; ++k) {
    const double x = inside_zone[k][0], y = inside_zone[k][1];
    page.shapes.push_back(filled_square(x, y, 4));
    page.words.push_back(word(zone_names[k], x + 8, y - 5, x + 38, y + 5));
  }
  page.shapes.push_back(filled_square(120, 250, 4));
  page.words.push_back(word("乡村振兴", 128, 245, 168, 255));
  page.shapes.push_back(filled_square(150, 150, 4));
  page.words.push_back(word("员工发展", 158, 145, 198, 155));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 5u);
  expect_chart_entry_near(findings, "科技创新", (260.0 - 100) / 200, (300.0 - 150) / 200);
  expect_chart_entry_near(findings, "乡村振兴", (120.0 - 100) / 200, (300.0 - 250) / 200);
}

// A rectangle's outline with its four sides as segments, as poppler gives it.
Shape outline(double x0, double y0, double x1, double y1) {
  Shape s = rectangle(x0, y0, x1, y1, Paint::stroked);
  s.segments = {{x0, y0, x1, y0}, {x1, y0, x1, y1}, {x0, y1, x1, y1}, {x0, y0, x0, y1}};
  return s;
}

// ggplot2's theme_grey: the plot's background, filled and outlined in white (40-460 across,
// 80-340 down), around a grey panel filled without an outline (framed_page's frame) crossed by
// white gridlines, and a legend box right of it with three keys. The background's outline is no
// pair of axes with the panel and the legend box as its bands: the panel is the frame.
PageContent grey_panel_page() {
  PageContent page = framed_page();
  page.shapes.clear();
  Shape background = rectangle(40, 80, 460, 340, Paint::filled);
  background.fill_rgb = 0xffffff;
  page.shapes.push_back(background);
  page.shapes.push_back(outline(40, 80, 460, 340));
  Shape panel = rectangle(100, 100, 300, 300, Paint::filled);
  panel.fill_rgb = 0xebebeb;
  page.shapes.push_back(panel);
  for (const double at : {125.0, 175.0, 225.0, 275.0}) {
    page.shapes.push_back(stroked_line(100, at, 300, at));
    page.shapes.push_back(stroked_line(at, 100, at, 300));
  }
  Shape legend_box = rectangle(320, 160, 400, 240, Paint::filled);
  legend_box.fill_rgb = 0xffffff;
  page.shapes.push_back(legend_box);
  const char* pillars[] = {"环境", "社会", "治理"};
  for (int k = 0; k < 3; ++k) {
    page.shapes.push_back(filled_square(335, 180 + 20 * k, 3));
    page.words.push_back(word(pillars[k], 345, 175 + 20 * k, 365, 185 + 20 * k));
  }
  return page;
}

TEST(ExtractChart, AFilledPanelIsTheFrame) {
  PageContent page = grey_panel_page();
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.shapes.push_back(filled_square(260, 120, 4));
  page.words.push_back(word("科技创新", 268, 115, 298, 125));
  page.shapes.push_back(filled_square(210, 180, 4));
  page.words.push_back(word("绿色金融", 218, 175, 258, 185));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 3u);
  expect_chart_entry_near(findings, "数据安全", (150.0 - 100) / 200, (300.0 - 250) / 200);
  expect_chart_entry_near(findings, "科技创新", (260.0 - 100) / 200, (300.0 - 120) / 200);
  expect_chart_entry_near(findings, "绿色金融", (210.0 - 100) / 200, (300.0 - 180) / 200);
}

// ggplot2 with quadrants shaded in an outlined white panel (100-420 across and down) on its
// white background, a name in each quadrant's outer corner: a 2 x 2 grid of named cells, were it
// not a chart. The markers are read at their points, not at their quadrants' centres; the
// quadrant names, a label without a marker and a marker without a label are no issues.
TEST(ExtractChart, QuadrantsShadedInAChartAreItsBands) {
  PageContent page = blank_page(1);
  Shape background = rectangle(40, 80, 560, 500, Paint::filled);
  background.fill_rgb = 0xffffff;
  page.shapes.push_back(background);
  page.shapes.push_back(outline(40, 80, 560, 500));
  Shape panel = rectangle(100, 100, 420, 420, Paint::filled);
  panel.fill_rgb = 0xffffff;
  page.shapes.push_back(panel);
  const unsigned shades[] = {0xe8f1ea, 0xc6dfcb, 0xf4f7f5, 0xe8f1ea};
  const char* quadrants[] = {"持续关注", "重点关注", "一般关注", "积极应对"};
  for (int k = 0; k < 4; ++k) {
    const double x0 = 100 + 160 * (k % 2), y0 = 100 + 160 * (k / 2);
    Shape quadrant = rectangle(x0, y0, x0 + 160, y0 + 160, Paint::filled);
    quadrant.fill_rgb = shades[k];
    page.shapes.push_back(quadrant);
    const double name_x = k % 2 ? 375 : 105, name_y = k / 2 ? 405 : 105;
    page.words.push_back(word(quadrants[k], name_x, name_y, name_x + 40, name_y + 10));
  }
  page.shapes.push_back(outline(100, 100, 420, 420));
  page.words.push_back(word("对公司发展的重要性", 200, 430, 320, 442));
  page.words.push_back(word("对利益相关方的重要性", 60, 200, 72, 320));
  page.words.back().rotation = 3;
  page.shapes.push_back(filled_square(180, 340, 4));
  page.words.push_back(word("数据安全", 188, 335, 228, 345));
  page.shapes.push_back(filled_square(380, 180, 4));
  page.words.push_back(word("科技创新", 330, 175, 370, 185));
  page.shapes.push_back(filled_square(300, 300, 4));           // no label
  page.words.push_back(word("乡村振兴", 150, 200, 190, 210));  // no marker
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 2u);
  expect_chart_entry_near(findings, "数据安全", (420.0 - 340) / 320, (180.0 - 100) / 320);
  expect_chart_entry_near(findings, "科技创新", (420.0 - 180) / 320, (380.0 - 100) / 320);
  int markers_without_label = 0;
  std::vector<std::string> labels_without_marker;
  for (const Problem& p : findings.problems) {
    if (p.kind == "marker_without_label") ++markers_without_label;
    if (p.kind == "label_without_marker") labels_without_marker.push_back(p.text);
  }
  EXPECT_EQ(markers_without_label, 1);
  EXPECT_NE(std::find(labels_without_marker.begin(), labels_without_marker.end(), "乡村振兴"),
            labels_without_marker.end());
}

// A matrix in three zones painted from the top-right corner as nested fills (the low zone the
// whole plot, 100-300 both ways; medium 170-300 across, 100-230 down; high 235-300, 100-165),
// between axis lines running on to arrowheads, with a legend of the zones' keys below. The
// largest fill is the axes' frame, not a band to drop with it.
PageContent zone_page() {
  PageContent page = framed_page();
  page.shapes.clear();
  page.shapes.push_back(stroked_line(100, 300, 312, 300));
  page.shapes.push_back(stroked_line(100, 88, 100, 300));
  Shape arrowhead;  // a filled triangle at each axis's tip
  arrowhead.filled = true;
  arrowhead.points = 4;
  arrowhead.box = {306, 297, 312, 303};
  page.shapes.push_back(arrowhead);
  arrowhead.box = {97, 88, 103, 94};
  page.shapes.push_back(arrowhead);
  const unsigned shades[] = {0xe8f1f8, 0xbcd6ea, 0x7fb0d6};
  const double zone_x0[] = {100, 170, 235}, zone_y1[] = {300, 230, 165};
  for (int k = 0; k < 3; ++k) {
    Shape zone = rectangle(zone_x0[k], 100, 300, zone_y1[k], Paint::filled);
    zone.fill_rgb = shades[k];
    page.shapes.push_back(zone);
  }
  const char* zones[] = {"一般关注", "重点关注", "核心关注"};
  for (int k = 0; k < 3; ++k) {
    Shape key = filled_square(125 + 60 * k, 345, 4);
    key.fill_rgb = shades[k];
    page.shapes.push_back(key);
    page.words.push_back(word(zones[k], 133 + 60 * k, 340, 165 + 60 * k, 350));
  }
  page.shapes.push_back(filled_square(150, 250, 3));
  page.words.push_back(word("数据安全", 156, 245, 196, 255));
  page.shapes.push_back(filled_square(260, 120, 3));
  page.words.push_back(word("科技创新", 266, 115, 296, 125));
  page.shapes.push_back(filled_square(200, 200, 3));
  page.words.push_back(word("绿色金融", 206, 195, 246, 205));
  return page;
}

void expect_zone_entries(const PageFindings& findings) {
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 3u);
  expect_chart_entry_near(findings, "数据安全", (150.0 - 100) / 200, (300.0 - 250) / 200);
  expect_chart_entry_near(findings, "科技创新", (260.0 - 100) / 200, (300.0 - 120) / 200);
  expect_chart_entry_near(findings, "绿色金融", (200.0 - 100) / 200, (300.0 - 200) / 200);
}

TEST(ExtractChart, ZonesNestedFromACornerAreTheAxesBands) {
  PageContent page = zone_page();
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  expect_zone_entries(findings);
}

// The same matrix on a white fill from the page's left edge to its right one, down past the
// legend (wkhtmltopdf paints an SVG's canvas so): a background, not a frame holding the markers
// and the legend's keys.
TEST(ExtractChart, AFillAcrossThePageIsABackground) {
  PageContent page = zone_page();
  Shape canvas = rectangle(0, 0, 600, 520, Paint::filled);
  canvas.fill_rgb = 0xffffff;
  page.shapes.insert(page.shapes.begin(), canvas);
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  expect_zone_entries(findings);
}

// Axis titles written inside the frame along its bottom and left edges are its titles, not
// issue names: the labels are read, a marker without a label and a label without a marker are
// the problems, and the titles are neither.
TEST(ExtractChart, TitlesInsideTheFrameAlongItsEdges) {
  PageContent page = blank_page(3);
  page.shapes.push_back(rectangle(100, 100, 300, 300, Paint::stroked));
  page.words.push_back(word("对公司发展的重要性", 150, 286, 258, 298));
  page.words.push_back(word("对利益相关方的重要性", 104, 150, 116, 270));
  page.words.back().rotation = 3;
  page.shapes.push_back(filled_square(150, 200, 3));
  page.words.push_back(word("数据安全", 156, 195, 196, 205));
  page.shapes.push_back(filled_square(260, 120, 3));
  page.words.push_back(word("科技创新", 226, 130, 266, 140));
  page.shapes.push_back(filled_square(220, 240, 3));           // no label
  page.words.push_back(word("乡村振兴", 200, 160, 240, 170));  // no marker
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 2u);
  expect_chart_entry_near(findings, "数据安全", (300.0 - 200) / 200, (150.0 - 100) / 200);
  expect_chart_entry_near(findings, "科技创新", (300.0 - 120) / 200, (260.0 - 100) / 200);
  std::vector<std::string> kinds;
  for (const Problem& p : findings.problems)
    kinds.push_back(p.kind + " " + p.text);
  std::sort(kinds.begin(), kinds.end());
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"label_without_marker 乡村振兴", "marker_without_label "}));
}

// Issue numbers printed as the markers themselves, with no shape under them, and their legend in
// two columns under the axis title: each number is a marker at its text box's centre and takes
// its legend entry's name; 7 has no entry. The tick labels 0 and 10 under the frame's corners are
// no markers. Without the legend the numbers are no markers and the frame holds no chart.
TEST(ExtractChart, NumbersPrintedAsMarkersTakeTheLegendsNames) {
  PageContent page = framed_page();
  page.words.push_back(word("3", 147, 245, 153, 255));
  page.words.push_back(word("12", 254, 115, 266, 125));
  page.words.push_back(word("7", 197, 195, 203, 205));
  page.words.push_back(word("0", 97, 302, 103, 310));
  page.words.push_back(word("10", 294, 302, 306, 310));
  const PageContent without_legend = page;
  page.words.push_back(word("3", 100, 335, 106, 345));
  page.words.push_back(word("数据安全", 114, 335, 154, 345));
  page.words.push_back(word("12", 200, 335, 212, 345));
  page.words.push_back(word("科技创新", 220, 335, 260, 345));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.legend);
  ASSERT_EQ(findings.entries.size(), 2u);
  expect_chart_entry_near(findings, "数据安全", (150.0 - 100) / 200, (300.0 - 250) / 200);
  expect_chart_entry_near(findings, "科技创新", (260.0 - 100) / 200, (300.0 - 120) / 200);
  ASSERT_EQ(findings.problems.size(), 1u);
  EXPECT_EQ(findings.problems[0].kind, "marker_without_label");
  EXPECT_EQ(findings.problems[0].text, "7");
  findings = PageFindings{};
  EXPECT_FALSE(read_chart(without_legend, group_lines(without_legend.words), findings));
  EXPECT_TRUE(findings.entries.empty());
}

// A matrix above an emissions chart with dots and numbers (axis titles 年份 and 碳排放): the
// other chart gives no entries and no problems.
TEST(ExtractChart, AnotherChartBesideTheMatrixIsIgnored) {
  PageContent page = framed_page();
  page.height = 900;
  page.shapes.push_back(filled_square(150, 250, 4));
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.words.push_back(word("实质性议题矩阵", 100, 60, 170, 70));
  PageContent other = framed_page();
  other.words[0].text = "年份";
  other.words[1].text = "碳排放";
  other.shapes.push_back(filled_square(150, 200, 3));
  other.words.push_back(word("2023", 158, 195, 178, 205));
  other.shapes.push_back(filled_square(250, 150, 3));
  other.words.push_back(word("2024", 258, 145, 278, 155));
  append_shifted(page, other, 0, 300);
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.materiality);
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 1u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (150.0 - 100) / 200);
  // With the matrix's titles gone, the page has one unreadable chart: the one with most markers.
  page.words[0].text = "横轴";
  findings = PageFindings{};
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.entries.empty());
  ASSERT_EQ(findings.problems.size(), 1u);
  EXPECT_EQ(findings.problems[0].kind, "unreadable_axes");
  EXPECT_DOUBLE_EQ(findings.problems[0].box.y0, 400);
}

// LibreOffice's rectangle: one closed path from the middle of the bottom edge, (200, 300) right,
// up, left, down and back. Its extent is the whole 200 x 200 frame at (100, 100); an open pair of
// axes (an L) is no rectangle.
TEST(ExtractShape, ARectangleFromTheMiddleOfAnEdgeSpansAllItsPoints) {
  const std::vector<Point> outline = {{200, 300}, {300, 300}, {300, 100},
                                      {100, 100}, {100, 300}, {200, 300}};
  const std::optional<Box> extent = rectangle_extent(outline);
  ASSERT_TRUE(extent.has_value());
  EXPECT_DOUBLE_EQ(extent->x0, 100);
  EXPECT_DOUBLE_EQ(extent->y0, 100);
  EXPECT_DOUBLE_EQ(extent->x1, 300);
  EXPECT_DOUBLE_EQ(extent->y1, 300);
  EXPECT_FALSE(rectangle_extent({{100, 100}, {100, 300}, {300, 300}}).has_value());
  EXPECT_FALSE(rectangle_extent({{100, 100}, {100, 300}, {300, 300}, {250, 150}}).has_value());

  // framed_page's frame drawn that way, as poppler gives it: the box of its points and its
  // straight segments, one of them the left half of the bottom edge (which, with the left side,
  // looked like a pair of axes half as wide).
  PageContent page = framed_page();
  Shape& frame = page.shapes[0];
  frame.rectangle = true;
  frame.points = static_cast<int>(outline.size());
  for (std::size_t i = 1; i < outline.size(); ++i)
    frame.segments.push_back(
        {std::min(outline[i - 1].x, outline[i].x), std::min(outline[i - 1].y, outline[i].y),
         std::max(outline[i - 1].x, outline[i].x), std::max(outline[i - 1].y, outline[i].y)});
  page.shapes.push_back(filled_square(150, 250, 4));
  page.shapes.push_back(filled_square(260, 120, 4));  // in the right half
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.words.push_back(word("科技创新", 268, 115, 298, 125));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  ASSERT_EQ(findings.entries.size(), 2u);
  EXPECT_EQ(findings.entries[0].name, "科技创新");
  EXPECT_DOUBLE_EQ(findings.entries[0].stakeholder, (260.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[0].business, (300.0 - 120) / 200);
  EXPECT_EQ(findings.entries[1].name, "数据安全");
  EXPECT_DOUBLE_EQ(findings.entries[1].stakeholder, (150.0 - 100) / 200);
  EXPECT_DOUBLE_EQ(findings.entries[1].business, (300.0 - 250) / 200);
  EXPECT_TRUE(findings.problems.empty());
}

TEST(ExtractChart, PageWithoutMarkersHoldsNoChart) {
  PageContent page = framed_page();
  PageFindings findings;
  EXPECT_FALSE(read_chart(page, group_lines(page.words), findings));
}

// An RGB picture, white, drawn on pixel by pixel.
struct Picture {
  int width, height;
  std::vector<unsigned char> rgb;
  Picture(int w, int h) : width(w), height(h), rgb(static_cast<std::size_t>(w) * h * 3, 255) {}
  void set(int x, int y, unsigned r, unsigned g, unsigned b) {
    unsigned char* p = &rgb[(static_cast<std::size_t>(y) * width + x) * 3];
    p[0] = static_cast<unsigned char>(r), p[1] = static_cast<unsigned char>(g),
    p[2] = static_cast<unsigned char>(b);
  }
  void fill(int x0, int y0, int x1, int y1, unsigned r, unsigned g, unsigned b) {
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x)
        set(x, y, r, g, b);
  }
  void disc(int cx, int cy, int radius, unsigned r, unsigned g, unsigned b) {
    for (int y = cy - radius; y <= cy + radius; ++y)
      for (int x = cx - radius; x <= cx + radius; ++x)
        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) set(x, y, r, g, b);
  }
};

// framed_page()'s chart as a picture at 144 dpi (half a point a pixel): axis lines 2 px thick
// (x 200-201 from y 200 to 600, y 599-600 from x 200 to 600), a pale band, a dashed midline, a
// green marker on the bottom axis line and a blue one inside.
Picture chart_picture() {
  Picture picture(1200, 1600);
  picture.fill(202, 200, 400, 400, 0xdf, 0xee, 0xe6);  // a pale quadrant band: no marker
  for (int x = 202; x < 600; x += 12)
    picture.fill(x, 398, x + 5, 398, 0xbb, 0xbb, 0xbb);  // dashed midline: no line
  picture.fill(200, 200, 201, 600, 0x44, 0x44, 0x44);
  picture.fill(200, 599, 600, 600, 0x44, 0x44, 0x44);
  picture.disc(300, 500, 8, 0x1f, 0x5f, 0xa8);
  picture.disc(520, 600, 8, 0x0b, 0x6e, 0x4f);
  return picture;
}

TEST(ExtractPicture, LinesAndMarkersFromPixels) {
  const Picture picture = chart_picture();
  const std::vector<Shape> shapes =
      raster_shapes(picture.rgb.data(), picture.width, picture.height, picture.width * 3, 144);
  ASSERT_EQ(shapes.size(), 3u);
  // The lines: the bottom one runs on across the green marker on it.
  ASSERT_EQ(shapes[0].segments.size(), 2u);
  const Box& bottom = shapes[0].segments[0];
  EXPECT_DOUBLE_EQ(bottom.x0, 100);    // pixel 200
  EXPECT_DOUBLE_EQ(bottom.x1, 300.5);  // past pixel 600
  EXPECT_DOUBLE_EQ(bottom.y0, 300);    // rows 599-600: centre 600 px
  const Box& left = shapes[0].segments[1];
  EXPECT_DOUBLE_EQ(left.x0, 100.5);
  EXPECT_DOUBLE_EQ(left.y0, 100);
  EXPECT_DOUBLE_EQ(left.y1, 300.5);
  // The markers, in scan order: the blue disc (300, 500) r 8, then the green one.
  EXPECT_DOUBLE_EQ(shapes[1].box.cx(), 150.25);
  EXPECT_DOUBLE_EQ(shapes[1].box.cy(), 250.25);
  EXPECT_DOUBLE_EQ(shapes[1].box.width(), 8.5);
  EXPECT_TRUE(shapes[1].filled);
  EXPECT_DOUBLE_EQ(shapes[2].box.cx(), 260.25);
  EXPECT_DOUBLE_EQ(shapes[2].box.cy(), 300.25);
}

// The picture's shapes with framed_page()'s words (as OCR gives them) make a chart: the frame is
// the axis lines, x 100.5-300.5 and y 100-300.
TEST(ExtractPicture, AChartDrawnAsAPictureIsRead) {
  PageContent page = framed_page();
  page.shapes.clear();
  const Picture picture = chart_picture();
  page.shapes =
      raster_shapes(picture.rgb.data(), picture.width, picture.height, picture.width * 3, 144);
  page.words.push_back(word("数据安全", 158, 245, 198, 255));
  page.words.push_back(word("科技创新", 268, 287, 298, 297));
  PageFindings findings;
  ASSERT_TRUE(read_chart(page, group_lines(page.words), findings));
  EXPECT_TRUE(findings.problems.empty()) << findings.problems.front().message;
  ASSERT_EQ(findings.entries.size(), 2u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_NEAR(findings.entries[0].stakeholder, (150.25 - 100.5) / 200, 1e-9);
  EXPECT_NEAR(findings.entries[0].business, (300 - 250.25) / 200, 1e-9);
  EXPECT_EQ(findings.entries[1].name, "科技创新");
  EXPECT_NEAR(findings.entries[1].stakeholder, (260.25 - 100.5) / 200, 1e-9);
  EXPECT_NEAR(findings.entries[1].business, 0.0, 1e-9);  // a hair below the frame: its edge
}

TEST(ExtractPdf, MatplotlibChartWithNamedMarkers) {
  const json result = read_pdf("chart_named.pdf");
  EXPECT_EQ(result["pages"], 1);
  EXPECT_EQ(result["materiality_pages"], json::array({1}));
  ASSERT_EQ(result["entries"].size(), 4u) << result.dump();
  expect_chart_entry(result, "数据安全", 0.82, 0.74);
  expect_chart_entry(result, "客户权益保护", 0.35, 0.62);
  expect_chart_entry(result, "科技创新", 0.60, 0.22);
  expect_chart_entry(result, "员工发展与培训", 0.15, 0.30);  // a name wrapped onto two lines
  const auto lone = problems_of_kind(result, "label_without_marker");
  ASSERT_EQ(lone.size(), 1u);
  EXPECT_EQ(lone[0]["text"], "应对气候变化");
  EXPECT_EQ(problems_of_kind(result, "marker_without_label").size(), 1u);
  EXPECT_EQ(result["problems"].size(), 2u);
}

// Tick labels in full-width digits (１-５ across, ０％-１００％ up, as a CJK font prints them)
// calibrate the axes as ASCII ones do: x 0.2 is 1.5 on ticks 1-5 at 0.1 ... 0.9, y 0.8 is 87.5%.
TEST(ExtractPdf, FullWidthTickLabelsAreNumbers) {
  const json result = read_pdf("chart_fullwidth_ticks.pdf");
  ASSERT_EQ(result["entries"].size(), 2u) << result.dump();
  expect_chart_entry(result, "数据安全", (1.5 - 1) / 4, 0.875);
  expect_chart_entry(result, "绿色金融", (4.0 - 1) / 4, 0.25);
  EXPECT_TRUE(result["problems"].empty()) << result.dump();
}

TEST(ExtractPdf, ChromiumChartWithNumberedMarkersAndLegend) {
  const json result = read_pdf("chart_numbered.pdf");
  ASSERT_EQ(result["entries"].size(), 3u) << result.dump();
  // Business across, stakeholders up (the rotated title): (across, up) = (business, stakeholder).
  expect_chart_entry(result, "Data security", 0.85, 0.80);
  expect_chart_entry(result, "Green finance", 0.70, 0.30);
  expect_chart_entry(result, "Inclusive finance", 0.20, 0.55);
  const auto lone = problems_of_kind(result, "label_without_marker");
  ASSERT_EQ(lone.size(), 1u);
  EXPECT_EQ(lone[0]["text"], "Anti-corruption");
  EXPECT_EQ(result["problems"].size(), 1u);
}

TEST(ExtractPdf, TwoLabelsEquallyNearOneMarker) {
  const json result = read_pdf("chart_shared.pdf");
  expect_chart_entry(result, "Data security", 0.80, 0.20);
  expect_chart_entry(result, "Green finance", 0.25, 0.75);
  EXPECT_EQ(result["entries"].size(), 2u);
  const auto shared = problems_of_kind(result, "labels_share_marker");
  ASSERT_EQ(shared.size(), 1u) << result.dump();
  const std::string text = shared[0]["text"];
  EXPECT_NE(text.find("Privacy"), std::string::npos);
  EXPECT_NE(text.find("Inclusion"), std::string::npos);
}

TEST(ExtractPdf, ChartWithoutAxisTitles) {
  const json result = read_pdf("chart_untitled.pdf");
  EXPECT_TRUE(result["entries"].empty());
  const auto axes = problems_of_kind(result, "unreadable_axes");
  ASSERT_EQ(axes.size(), 1u);
  EXPECT_EQ(axes[0]["page"], 1);
}

TEST(ExtractPdf, TableWithTwoColumnGroups) {
  const json result = read_pdf("table.pdf");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"数据安全", "高"}, {"客户隐私保护", "高"}, {"金融科技创新与数字化转型", "中"},
      {"员工权益", "中"}, {"社区公益", "低"},     {"绿色运营", "低"}};
  ASSERT_EQ(result["entries"].size(), expected.size()) << result.dump();
  for (const auto& [name, level] : expected) {
    const json* e = entry_named(result, name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ((*e)["kind"], "table");
    EXPECT_EQ((*e)["level"], level) << name;
    EXPECT_EQ((*e)["page"], 1);
  }
  EXPECT_TRUE(result["problems"].empty());
}

TEST(ExtractPdf, TableWithACategoryColumn) {
  const json result = read_pdf("table_categories.pdf");
  const std::vector<std::pair<std::string, std::string>> expected = {{"绿色金融", "高"},
                                                                     {"应对气候变化", "中"},
                                                                     {"乡村振兴", "低"},
                                                                     {"员工发展", "中"},
                                                                     {"反腐败", "高"}};
  ASSERT_EQ(result["entries"].size(), expected.size()) << result.dump();
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(result["entries"][i]["kind"], "table");
    EXPECT_EQ(result["entries"][i]["name"], expected[i].first);
    EXPECT_EQ(result["entries"][i]["level"], expected[i].second);
  }
}

TEST(ExtractPdf, BusinessAxisTitledByTheFirmsName) {
  const json result = read_pdf("chart_firm_named.pdf");
  ASSERT_EQ(result["entries"].size(), 2u) << result.dump();
  expect_chart_entry(result, "Data security", 0.25, 0.70);
  expect_chart_entry(result, "Green finance", 0.70, 0.30);
  EXPECT_TRUE(result["problems"].empty()) << result.dump();
}

TEST(ExtractPdf, NumberedListRunsOverThePageBreak) {
  const json result = read_pdf("list.pdf");
  EXPECT_EQ(result["pages"], 2);
  const std::vector<std::string> names = {"数据安全", "客户权益保护", "公司治理", "科技创新",
                                          "风险管理", "合规经营",     "员工发展", "绿色金融",
                                          "普惠金融", "社区公益",     "反腐败",   "供应链管理"};
  ASSERT_EQ(result["entries"].size(), names.size()) << result.dump();
  int previous_page = 1;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const json& e = result["entries"][i];
    EXPECT_EQ(e["name"], names[i]);
    EXPECT_EQ(e["kind"], "list");
    EXPECT_EQ(e["rank"], static_cast<int>(i) + 1);
    EXPECT_GE(e["page"].get<int>(), previous_page);
    previous_page = e["page"];
  }
  EXPECT_EQ(previous_page, 2);  // the list does run onto the second page
}

TEST(ExtractPdf, PageWithoutTextLayer) {
  const json result = read_pdf("scanned.pdf");
  EXPECT_TRUE(result["entries"].empty());
  const auto scanned = problems_of_kind(result, "no_text_layer");
  ASSERT_EQ(scanned.size(), 1u);
  EXPECT_EQ(scanned[0]["page"], 1);
}

TEST(ExtractPdf, MaterialityChartThatIsAPicture) {
  const json result = read_pdf("chart_raster.pdf");
  EXPECT_EQ(result["materiality_pages"], json::array({1}));
  EXPECT_TRUE(result["entries"].empty());
  const auto scanned = problems_of_kind(result, "no_text_layer");
  ASSERT_EQ(scanned.size(), 1u) << result.dump();
  EXPECT_EQ(scanned[0]["page"], 1);
}

TEST(ExtractPdf, ScannedTableReadByOcr) {
  ASSERT_TRUE(ocr_available()) << "tesseract was not found when the engine was built";
  const std::string request = json{{"file", kPages + "/table_scanned.pdf"}, {"ocr", true}}.dump();
  char* text = nullptr;
  char* error = nullptr;
  ASSERT_EQ(materia_extract_read_pdf(request.c_str(), &text, &error), 0) << (error ? error : "");
  const json result = json::parse(text);
  materia_extract_free(text);
  // The left column group as printed; every entry half sure; the page still flagged for checking.
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"数据安全", "高"}, {"客户隐私保护", "高"}, {"金融科技创新与数字化转型", "中"}};
  for (const auto& [name, level] : expected) {
    const json* e = entry_named(result, name);
    ASSERT_NE(e, nullptr) << name << " missing from " << result.dump();
    EXPECT_EQ((*e)["level"], level);
    EXPECT_EQ((*e)["confidence"], 0.5);
  }
  for (const json& e : result["entries"])
    EXPECT_NE(e["name"], "议题");  // the header row
  const auto scanned = problems_of_kind(result, "no_text_layer");
  ASSERT_EQ(scanned.size(), 1u);
  EXPECT_NE(scanned[0]["message"].get<std::string>().find("read by OCR"), std::string::npos);
  // Without "ocr" the page is only a problem.
  const json plain = read_pdf("table_scanned.pdf");
  EXPECT_TRUE(plain["entries"].empty());
  EXPECT_EQ(problems_of_kind(plain, "no_text_layer").size(), 1u);
}

// A chart drawn as a picture (make_pages.py, rasterised at 200 dpi): with OCR its words, and its
// axis lines and markers from the rendered pixels, make the chart; without OCR it is a problem.
TEST(ExtractPdf, PictureChartReadByOcr) {
  ASSERT_TRUE(ocr_available()) << "tesseract was not found when the engine was built";
  const std::string request = json{{"file", kPages + "/chart_scanned.pdf"}, {"ocr", true}}.dump();
  char* text = nullptr;
  char* error = nullptr;
  ASSERT_EQ(materia_extract_read_pdf(request.c_str(), &text, &error), 0) << (error ? error : "");
  const json result = json::parse(text);
  materia_extract_free(text);
  // The points drawn (make_pages.py, PICTURE_POINTS): stakeholder along x, business along y.
  expect_chart_entry(result, "Data security", 0.25, 0.70);
  expect_chart_entry(result, "Green finance", 0.60, 0.30);
  expect_chart_entry(result, "Climate change", 0.45, 0.85);
  ASSERT_EQ(result["entries"].size(), 3u) << result.dump();
  for (const json& e : result["entries"])
    EXPECT_EQ(e["confidence"], 0.5);
  ASSERT_EQ(problems_of_kind(result, "no_text_layer").size(), 1u);
  const json plain = read_pdf("chart_scanned.pdf");
  EXPECT_TRUE(plain["entries"].empty());
  EXPECT_EQ(problems_of_kind(plain, "no_text_layer").size(), 1u);
}

TEST(ExtractTable, LevelAfterTheWordImportance) {
  PageContent page = blank_page(2);
  page.words = {word("实质性议题", 100, 80, 150, 90), word("数据安全", 100, 100, 140, 110),
                word("重要性：高", 150, 100, 200, 110), word("乡村振兴", 100, 130, 140, 140),
                word("重要性：中", 100, 145, 150, 155)};
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 2u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_EQ(findings.entries[0].level, "高");
  EXPECT_EQ(findings.entries[1].name, "乡村振兴");  // the name on the line above
  EXPECT_EQ(findings.entries[1].level, "中");
  EXPECT_EQ(findings.entries[1].page, 2);
}

// A category column (环境 / 社会 / 治理) between the names and the levels: the names are the
// issues, whether the categories repeat row by row or one merged cell spans two rows.
TEST(ExtractTable, ACategoryColumnIsNotTheNames) {
  for (const bool merged : {false, true}) {
    PageContent page = blank_page(2);
    page.words = {word("实质性议题", 100, 60, 150, 70), word("数据安全", 100, 100, 140, 110),
                  word("绿色金融", 100, 120, 140, 130), word("乡村振兴", 100, 140, 140, 150),
                  word("员工发展", 100, 160, 140, 170), word("高", 300, 100, 310, 110),
                  word("高", 300, 120, 310, 130),       word("中", 300, 140, 310, 150),
                  word("低", 300, 160, 310, 170)};
    if (merged) {  // 环境 centred on rows 1-2, 社会 on rows 3-4
      page.words.push_back(word("环境", 240, 110, 260, 120));
      page.words.push_back(word("社会", 240, 150, 260, 160));
    } else {
      const char* categories[] = {"治理", "环境", "社会", "社会"};
      for (int row = 0; row < 4; ++row)
        page.words.push_back(word(categories[row], 240, 100 + 20 * row, 260, 110 + 20 * row));
    }
    PageFindings findings;
    read_tables(page, group_lines(page.words), findings);
    ASSERT_EQ(findings.entries.size(), 4u) << merged;
    const char* names[] = {"数据安全", "绿色金融", "乡村振兴", "员工发展"};
    const char* levels[] = {"高", "高", "中", "低"};
    for (std::size_t k = 0; k < 4; ++k) {
      EXPECT_EQ(findings.entries[k].name, names[k]) << merged;
      EXPECT_EQ(findings.entries[k].level, levels[k]) << merged;
    }
  }
}

// A left-aligned pillar column (Environmental / Social / Governance) under a header row set off
// its columns, as pdfLaTeX's longtable printed one: "Pillar" and "Level" sit over the pillars'
// centres, yet the pillars are no names, Environmental's rows as little as the others.
TEST(ExtractTable, ALeftAlignedPillarColumnIsNotTheNames) {
  PageContent page = blank_page(1);
  page.words = {word("Assessment", 140, 180, 190, 190, true),
                word("of", 192, 180, 200, 190, true),
                word("material", 202, 180, 240, 190, true),
                word("topics", 242, 180, 270, 190),
                word("No.", 236, 223, 252, 232),
                word("Topic", 264, 223, 288, 232),
                word("Pillar", 300, 223, 324, 232),
                word("Level", 336, 223, 359, 232)};
  const char* names[] = {"Compliance", "Cybersecurity", "Emissions", "Biodiversity", "Ethics"};
  const char* pillars[] = {"Governance", "Social", "Environmental", "Environmental", "Social"};
  const double pillar_right[] = {356.2, 331.2, 369.6, 369.6, 331.2};
  const char* levels[] = {"Medium", "High", "Low", "Medium", "High"};
  for (int row = 0; row < 5; ++row) {
    const double y = 240 + 12 * row;
    page.words.push_back(word(std::to_string(row + 1), 140.7, y, 145.6, y + 9));
    page.words.push_back(word(names[row], 157.6, y, 215, y + 9));
    page.words.push_back(word(pillars[row], 305.5, y, pillar_right[row], y + 9));
    page.words.push_back(word(levels[row], 405, y, row % 2 ? 433.6 : 441, y + 9));
  }
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 5u);
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_EQ(findings.entries[k].name, names[k]);
    EXPECT_EQ(findings.entries[k].level, levels[k]);
  }
}

// Names wrapped onto a second line in rows 32 pt apart: the last row's second line, 13 pt under
// its level, belongs to it as the others' do; the paragraph under the table does not.
TEST(ExtractTable, TheLastRowKeepsItsWrappedName) {
  PageContent page = blank_page(2);
  const char* first[] = {"完善公司治理结构", "推动绿色信贷与气候", "降低自身运营的能源"};
  const char* second[] = {"与董事会独立性", "投融资创新", "资源消耗"};
  for (int row = 0; row < 3; ++row) {
    const double top = 100 + 32 * row;
    page.words.push_back(word(first[row], 100, top, 190, top + 10));
    page.words.push_back(word(second[row], 100, top + 13, 170, top + 23));
    page.words.push_back(word(row == 1 ? "一般" : "较高", 300, top, 320, top + 10));
  }
  page.words.push_back(word("下表之外的说明文字", 100, 190, 190, 200));
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 3u);
  for (int row = 0; row < 3; ++row) {
    EXPECT_EQ(findings.entries[row].name, std::string(first[row]) + second[row]);
    EXPECT_EQ(findings.entries[row].level, row == 1 ? "一般" : "较高");
  }
}

// A row-number column (序号) printed right against the names, 2 pt apart: the numbers 1, 2, 3
// are the rows', not part of the names. Names that start with other numbers (3D, 5G) keep them.
TEST(ExtractTable, ARowNumberColumnIsNotPartOfTheNames) {
  PageContent page = blank_page(1);
  page.words = {word("序号", 80, 80, 100, 90),       word("议题", 102, 80, 122, 90),
                word("重要性", 300, 80, 330, 90),    word("1", 90, 100, 96, 110),
                word("数据安全", 98, 100, 138, 110), word("高", 300, 100, 310, 110),
                word("2", 90, 120, 96, 130),         word("乡村振兴", 98, 120, 138, 130),
                word("中", 300, 120, 310, 130),      word("3", 90, 140, 96, 150),
                word("员工发展", 98, 140, 138, 150), word("低", 300, 140, 310, 150)};
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 3u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_EQ(findings.entries[0].level, "高");
  EXPECT_EQ(findings.entries[1].name, "乡村振兴");
  EXPECT_EQ(findings.entries[2].name, "员工发展");
  EXPECT_EQ(findings.entries[2].level, "低");

  PageContent digits = blank_page(1);
  digits.words = {word("3D打印", 98, 100, 138, 110), word("高", 300, 100, 310, 110),
                  word("5G网络", 98, 120, 138, 130), word("中", 300, 120, 310, 130)};
  PageFindings kept;
  read_tables(digits, group_lines(digits.words), kept);
  ASSERT_EQ(kept.entries.size(), 2u);
  EXPECT_EQ(kept.entries[0].name, "3D打印");
  EXPECT_EQ(kept.entries[1].name, "5G网络");
}

// The level printed first, one cell merged down the rows of its issues: 非常重要 centred on its
// two rows, 重要 on its three, 一般重要 on its one; a third column (SDG) right of the names.
TEST(ExtractTable, ALevelCellMergedDownItsRowsLevelsEachOfThem) {
  PageContent page = blank_page(1);
  page.words = {word("重要性程度", 60, 80, 110, 90), word("实质性议题", 160, 80, 210, 90),
                word("对应目标", 300, 80, 340, 90)};
  const char* const names[] = {"员工权益与福利", "客户权益保护", "网络安全",
                               "合规经营",       "节能减排",     "公司治理"};
  for (int k = 0; k < 6; ++k) {
    const double y = 100 + 20 * k;
    const double width = 10.0 * static_cast<double>(to_u32(names[k]).size());
    page.words.push_back(word(names[k], 160, y, 160 + width, y + 10));
    page.words.push_back(word("SDG", 300, y, 318, y + 10, true));
    page.words.push_back(word(std::to_string(5 + k), 320, y, 330, y + 10));
  }
  // Row centres 105, 125, ... 205: 非常重要 at 115 (rows 0-1), 重要 at 165 (2-4), 一般重要 at 205.
  page.words.push_back(word("非常重要", 65, 110, 105, 120));
  page.words.push_back(word("重要", 75, 160, 95, 170));
  page.words.push_back(word("一般重要", 65, 200, 105, 210));
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 6u);
  const char* const levels[] = {"非常重要", "非常重要", "重要", "重要", "重要", "一般重要"};
  for (int k = 0; k < 6; ++k) {
    EXPECT_EQ(findings.entries[k].name, names[k]);
    EXPECT_EQ(findings.entries[k].level, levels[k]) << names[k];
  }

  // The same levels at the top of their cells.
  page.words[page.words.size() - 3].box = {65, 100, 105, 110};
  page.words[page.words.size() - 2].box = {75, 140, 95, 150};
  PageFindings top;
  read_tables(page, group_lines(page.words), top);
  ASSERT_EQ(top.entries.size(), 6u);
  for (int k = 0; k < 6; ++k)
    EXPECT_EQ(top.entries[k].level, levels[k]) << names[k];
}

// A grid's axis title set one character a line left of its rows' words 高 / 中 / 低: the words
// are levels in a column, but the characters beside them are no names.
TEST(ExtractTable, CharactersSetOneALineAreNoNameCell) {
  PageContent page = blank_page(1);
  const std::u32string title = to_u32("对利益相关方的重要性");
  for (std::size_t k = 0; k < title.size(); ++k) {
    const double y = 160 + 12 * static_cast<double>(k);
    page.words.push_back(word(to_utf8(title.substr(k, 1)), 94, y, 104, y + 10));
  }
  page.words.push_back(word("高", 115, 120, 125, 130));
  page.words.push_back(word("中", 115, 215, 125, 225));
  page.words.push_back(word("低", 115, 310, 125, 320));
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  EXPECT_TRUE(findings.entries.empty()) << findings.entries.front().name;
}

// A table ranked in its last column (Rank), the rows grouped by pillar, not in rank order, with a
// response column between the names and the ranks: each name takes the rank on its row.
TEST(ExtractTable, ARankColumnRanksTheNamesOnItsRows) {
  PageContent page = blank_page(1);
  page.words = {word("Pillar", 60, 80, 85, 90),
                word("Material", 140, 80, 175, 90, true),
                word("topic", 177, 80, 200, 90),
                word("Our", 300, 80, 315, 90, true),
                word("response", 317, 80, 355, 90),
                word("Rank", 500, 80, 520, 90),
                word("Environmental", 60, 100, 120, 110),
                word("Climate", 140, 100, 170, 110, true),
                word("change", 172, 100, 200, 110),
                word("Board", 300, 100, 325, 110, true),
                word("oversight", 327, 100, 365, 110),
                word("3", 514, 100, 520, 110),
                word("Environmental", 60, 120, 120, 130),
                word("Green", 140, 120, 165, 130, true),
                word("finance", 167, 120, 200, 130),
                word("New", 300, 120, 318, 130, true),
                word("programme", 320, 120, 365, 130),
                word("1", 514, 120, 520, 130),
                word("Social", 60, 140, 85, 150),
                word("Cybersecurity", 140, 140, 195, 150),
                word("Policy", 300, 140, 325, 150, true),
                word("reviewed", 327, 140, 365, 150),
                word("2", 514, 140, 520, 150)};
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 3u);
  const std::pair<const char*, int> expected[] = {
      {"Climate change", 3}, {"Green finance", 1}, {"Cybersecurity", 2}};
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(findings.entries[k].kind, "list");
    EXPECT_EQ(findings.entries[k].name, expected[k].first);
    EXPECT_EQ(findings.entries[k].rank, expected[k].second);
  }

  // Numbers that do not rank 1 to N (a column of counts) rank nothing.
  PageContent counts = page;
  counts.words[11].text = "7";
  PageFindings none;
  read_tables(counts, group_lines(counts.words), none);
  EXPECT_TRUE(none.entries.empty());
}

// The rank column printed first (排名 | 议题 | 得分): each rank's name is the nearest cell right of
// it, not the score after the name (a decimal, ranked or not).
TEST(ExtractTable, ARankColumnFirstRanksTheNamesRightOfIt) {
  PageContent page = blank_page(1);
  page.words = {word("排名", 72, 124, 87, 133), word("议题", 221, 124, 236, 133),
                word("得分", 371, 124, 386, 133)};
  const char* names[] = {"乡村振兴", "服务实体经济", "风险管理", "反洗钱"};
  const char* scores[] = {"4.76", "4.53", "4.17", "3.79"};
  for (int row = 0; row < 4; ++row) {
    const double y = 142 + 18 * row;
    page.words.push_back(word(std::to_string(row + 1), 77, y, 81, y + 9));
    page.words.push_back(word(names[row], 119, y, 119 + 7.5 * (row % 2 ? 6 : 4), y + 9));
    page.words.push_back(word(scores[row], 371, y, 385.5, y + 9));
  }
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 4u);
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(findings.entries[k].kind, "list");
    EXPECT_EQ(findings.entries[k].name, names[k]);
    EXPECT_EQ(findings.entries[k].rank, static_cast<int>(k) + 1);
  }
}

// "重要性：高" cells with a column of other words between them and the names: the names are the
// column under the header 议题.
TEST(ExtractTable, TheNamesAreUnderTheIssueHeader) {
  PageContent page = blank_page(2);
  page.words = {word("议题", 100, 80, 120, 90),        word("类别", 200, 80, 220, 90),
                word("评估结果", 260, 80, 300, 90),    word("数据安全", 100, 100, 140, 110),
                word("产品责任", 200, 100, 240, 110),  word("重要性：高", 260, 100, 310, 110),
                word("乡村振兴", 100, 120, 140, 130),  word("社区", 200, 120, 220, 130),
                word("重要性：中", 260, 120, 310, 130)};
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 2u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_EQ(findings.entries[0].level, "高");
  EXPECT_EQ(findings.entries[1].name, "乡村振兴");
  EXPECT_EQ(findings.entries[1].level, "中");
}

// Levels printed as stars beside a category cell merged over three rows (环境, centred on the
// middle row): each row is its own entry, its level the count of filled stars.
TEST(ExtractTable, StarLevelsBesideAMergedCategoryCell) {
  PageContent page = blank_page(2);
  page.words = {word("类别", 40, 80, 60, 90),
                word("议题", 100, 80, 120, 90),
                word("重要程度", 300, 80, 340, 90),
                word("员工培训与发展", 100, 100, 170, 110),
                word("★★★", 300, 100, 330, 110),
                word("节能减排", 100, 120, 140, 130),
                word("★☆☆", 300, 120, 330, 130),
                word("环境", 40, 120, 60, 130),
                word("员工权益与福利", 100, 140, 170, 150),
                word("★★☆", 300, 140, 330, 150)};
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 3u);
  const char* names[] = {"员工培训与发展", "节能减排", "员工权益与福利"};
  const int filled[] = {3, 1, 2};
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(findings.entries[k].name, names[k]);
    EXPECT_EQ(findings.entries[k].level_count, filled[k]) << names[k];
  }
  EXPECT_EQ(symbol_level("● ● ○"), 2);
  EXPECT_EQ(symbol_level("★"), 1);
  EXPECT_EQ(symbol_level("●"), 0);   // a bullet
  EXPECT_EQ(symbol_level("●☆"), 0);  // two kinds of symbol
  EXPECT_EQ(symbol_level("高"), 0);
}

// Issues in cards side by side under tier headings (非常重要议题 | 重要议题 | 一般议题): each takes
// its card's level word as printed; a name wrapped in its card is one issue, and the paragraph
// under the cards, across all three, is none.
TEST(ExtractTable, CardsUnderTierHeadingsTakeTheirLevels) {
  PageContent page = blank_page(1);
  page.words = {word("实质性议题清单", 44, 48, 152, 66),
                word("非常重要议题", 73, 173, 128, 184),
                word("重要议题", 205, 173, 242, 184),
                word("一般议题", 329, 173, 365, 184),
                word("网络安全", 51, 197, 81, 206),
                word("信息披露", 174, 197, 204, 206),
                word("负责任投资", 297, 197, 334, 206),
                word("反洗钱", 51, 217, 73, 226),
                word("多元化与平等机会", 174, 217, 234, 226),
                word("服务实体", 297, 217, 327, 226),
                word("经济", 297, 228, 312, 237),
                word("合规经营", 174, 237, 204, 246),
                word("我们通过问卷调查等方式与利益相关方保持沟通。", 44, 280, 410, 289)};
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 7u);
  const std::pair<const char*, const char*> expected[] = {
      {"网络安全", "非常重要"},     {"反洗钱", "非常重要"}, {"信息披露", "重要"},
      {"多元化与平等机会", "重要"}, {"合规经营", "重要"},   {"负责任投资", "一般"},
      {"服务实体经济", "一般"}};
  for (std::size_t k = 0; k < 7; ++k) {
    EXPECT_EQ(findings.entries[k].kind, "table");
    EXPECT_EQ(findings.entries[k].name, expected[k].first);
    EXPECT_EQ(findings.entries[k].level, expected[k].second);
  }
}

// Tier headings that are level words themselves (Highly material | Material | Moderately
// material), or 核心议题 beside 一般议题: the same cards, each issue at its heading's level word.
TEST(ExtractTable, CardsUnderMaterialityTiersTakeTheirLevels) {
  PageContent page = blank_page(1);
  page.words = {
      word("Highly", 60, 170, 88, 180, true), word("material", 90, 170, 128, 180),
      word("Material", 210, 170, 248, 180),   word("Moderately", 320, 170, 368, 180, true),
      word("material", 370, 170, 408, 180),   word("Cybersecurity", 50, 195, 110, 205),
      word("Green", 50, 215, 75, 225, true),  word("finance", 77, 215, 110, 225),
      word("Ethics", 175, 195, 205, 205),     word("Biodiversity", 300, 195, 355, 205)};
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 4u);
  const std::pair<const char*, const char*> expected[] = {{"Cybersecurity", "Highly material"},
                                                          {"Green finance", "Highly material"},
                                                          {"Ethics", "Material"},
                                                          {"Biodiversity", "Moderately material"}};
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(findings.entries[k].name, expected[k].first);
    EXPECT_EQ(findings.entries[k].level, expected[k].second);
  }

  PageContent core = blank_page(1);
  core.words = {word("核心议题", 60, 170, 100, 180), word("一般议题", 200, 170, 240, 180),
                word("数据安全", 55, 195, 95, 205), word("社区公益", 195, 195, 235, 205)};
  PageFindings core_findings;
  read_tables(core, group_lines(core.words), core_findings);
  ASSERT_EQ(core_findings.entries.size(), 2u);
  EXPECT_EQ(core_findings.entries[0].level, "核心");
  EXPECT_EQ(core_findings.entries[1].level, "一般");
}

// A level table whose level is a check mark under one of the columns 高 / 中 / 低: each row's
// level is its mark's column; a row with no mark or marks under two levels is a problem that
// names them, not an entry; a wrapped name is one row.
TEST(ExtractTable, ACheckMarkUnderALevelColumnIsTheRowsLevel) {
  PageContent page = blank_page(1);
  page.words = {word("序号", 60, 80, 80, 90),
                word("实质性议题", 100, 80, 150, 90),
                word("高", 300, 80, 310, 90),
                word("中", 350, 80, 360, 90),
                word("低", 400, 80, 410, 90),
                word("1", 67, 100, 72, 110),
                word("商业道德与反腐败", 100, 100, 180, 110),
                word("√", 302, 100, 311, 110),
                word("2", 67, 120, 72, 130),
                word("供应链管理", 100, 120, 150, 130),
                word("√", 402, 120, 411, 130),
                word("3", 67, 140, 72, 150),
                word("客户权益", 100, 140, 140, 150),
                word("保护", 100, 152, 120, 162),
                word("√", 352, 146, 361, 156),
                word("4", 67, 170, 72, 180),
                word("科技创新", 100, 170, 140, 180),
                word("5", 67, 190, 72, 200),
                word("合规经营", 100, 190, 140, 200),
                word("√", 302, 190, 311, 200),
                word("√", 352, 190, 361, 200),
                word("在绿色运营方面，我们推进办公场所节能改造。", 60, 230, 270, 240)};
  PageFindings findings;
  read_tables(page, group_lines(page.words), findings);
  ASSERT_EQ(findings.entries.size(), 3u);
  const std::pair<const char*, const char*> expected[] = {
      {"商业道德与反腐败", "高"}, {"供应链管理", "低"}, {"客户权益保护", "中"}};
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(findings.entries[k].kind, "table");
    EXPECT_EQ(findings.entries[k].name, expected[k].first);
    EXPECT_EQ(findings.entries[k].level, expected[k].second) << expected[k].first;
    EXPECT_EQ(findings.entries[k].level_count, 0);
  }
  EXPECT_DOUBLE_EQ(findings.entries[2].box.y1, 162);
  ASSERT_EQ(findings.problems.size(), 2u);
  EXPECT_EQ(findings.problems[0].kind, "unknown_level");
  EXPECT_EQ(findings.problems[0].text, "科技创新");
  EXPECT_EQ(findings.problems[0].message,
            "no level column is marked on the row of 科技创新; the issue is left out");
  EXPECT_EQ(findings.problems[1].kind, "unknown_level");
  EXPECT_EQ(findings.problems[1].text, "合规经营");
  EXPECT_EQ(findings.problems[1].message,
            "the row of 合规经营 is marked under 高 and 中, more than one level; the issue is left "
            "out");
  EXPECT_DOUBLE_EQ(findings.problems[1].box.x1, 361);  // the row's box holds its marks

  // Filled and empty dots in every cell: the filled one is the mark.
  PageContent dots = blank_page(1);
  dots.words = {word("Issue", 100, 80, 125, 90),
                word("High", 300, 80, 320, 90),
                word("Medium", 350, 80, 380, 90),
                word("Low", 400, 80, 415, 90),
                word("Climate change", 100, 100, 170, 110),
                word("●", 305, 100, 313, 110),
                word("○", 361, 100, 369, 110),
                word("○", 403, 100, 411, 110),
                word("Data security", 100, 120, 165, 130),
                word("○", 305, 120, 313, 130),
                word("○", 361, 120, 369, 130),
                word("●", 403, 120, 411, 130)};
  PageFindings dotted;
  read_tables(dots, group_lines(dots.words), dotted);
  ASSERT_EQ(dotted.entries.size(), 2u);
  EXPECT_EQ(dotted.entries[0].name, "Climate change");
  EXPECT_EQ(dotted.entries[0].level, "High");
  EXPECT_EQ(dotted.entries[1].name, "Data security");
  EXPECT_EQ(dotted.entries[1].level, "Low");
}

// A table whose levels are dots is no chart: its level cells are not markers, so the paragraph
// under it is no axis title, and the table is read.
TEST(ExtractTable, DotLevelsAreNoChartsMarkers) {
  PageContent page = blank_page(3);
  // the table's outline, large enough to be a plot frame
  page.shapes.push_back(rectangle(50, 75, 350, 155, Paint::stroked));
  page.words = {word("实质性议题清单", 50, 50, 120, 60),
                word("议题", 60, 80, 80, 90),
                word("重要性", 300, 80, 330, 90),
                word("乡村振兴", 60, 100, 100, 110),
                word("●●●", 300, 100, 318, 110),
                word("绿色金融", 60, 120, 100, 130),
                word("●●○", 300, 120, 318, 130),
                word("信息披露", 60, 140, 100, 150),
                word("●○○", 300, 140, 318, 150),
                word("在绿色运营方面，我们推进办公场所节能改造。", 50, 170, 260, 180)};
  int next_rank = 0;
  const PageFindings findings = read_page(page, next_rank);
  EXPECT_TRUE(findings.problems.empty());
  ASSERT_EQ(findings.entries.size(), 3u);
  const char* names[] = {"乡村振兴", "绿色金融", "信息披露"};
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(findings.entries[k].kind, "table");
    EXPECT_EQ(findings.entries[k].name, names[k]);
    EXPECT_EQ(findings.entries[k].level_count, 3 - static_cast<int>(k));
  }
}

// A horizontal bar chart ranking the issues: names left of bars that start on one baseline,
// ranked by the bars' lengths (longest first; two bars of one length tie), a wrapped name one
// name, a value printed in a bar no text of it. Coloured cells holding their text, or bars of
// one length, are no ranking.
TEST(ExtractBarChart, BarLengthsRankTheNamesLeftOfThem) {
  PageContent page = blank_page(1);
  page.words = {word("实质性议题重要性排序", 200, 60, 300, 72),
                word("公司治理", 110, 106, 150, 115),
                word("4.9", 460, 106, 472, 114),
                word("绿色金融", 110, 131, 150, 140),
                word("员工权益", 110, 150, 150, 159),
                word("与福利", 120, 161, 150, 170),
                word("4.0", 170, 156, 182, 164),
                word("普惠金融", 110, 181, 150, 190),
                word("0", 157, 215, 163, 224),
                word("5", 457, 215, 463, 224)};
  const double lengths[] = {300, 250, 250, 120};
  for (int k = 0; k < 4; ++k)
    page.shapes.push_back(
        rectangle(160, 100 + 25 * k, 160 + lengths[k], 120 + 25 * k, Paint::filled));
  page.shapes.push_back(rectangle(160, 205, 460, 205.5, Paint::filled));  // the axis line
  int next_rank = 0;
  const PageFindings findings = read_page(page, next_rank);
  ASSERT_EQ(findings.entries.size(), 4u);
  const std::pair<const char*, int> expected[] = {
      {"公司治理", 1}, {"绿色金融", 2}, {"员工权益与福利", 2}, {"普惠金融", 4}};
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(findings.entries[k].kind, "list");
    EXPECT_EQ(findings.entries[k].name, expected[k].first);
    EXPECT_EQ(findings.entries[k].rank, expected[k].second) << expected[k].first;
    EXPECT_EQ(findings.entries[k].page, 1);
  }
  EXPECT_DOUBLE_EQ(findings.entries[2].box.x0, 110);
  EXPECT_DOUBLE_EQ(findings.entries[2].box.y0, 150);
  EXPECT_DOUBLE_EQ(findings.entries[2].box.x1, 150);
  EXPECT_DOUBLE_EQ(findings.entries[2].box.y1, 170);

  // A column of coloured cells holding their levels is a table's, not bars.
  PageContent cells = page;
  cells.words.push_back(word("高", 200, 131, 210, 140));
  int cells_rank = 0;
  for (const Entry& e : read_page(cells, cells_rank).entries)
    EXPECT_NE(e.kind, "list") << e.name;

  // Bars of one length (legend keys, a grid's cells) rank nothing.
  PageContent keys = page;
  for (int k = 0; k < 4; ++k)
    keys.shapes[static_cast<std::size_t>(k)].box.x1 = 300;
  int keys_rank = 0;
  EXPECT_TRUE(read_page(keys, keys_rank).entries.empty());
}

TEST(ExtractList, ChineseNumberingAndAWrappedName) {
  PageContent page = blank_page(4);
  page.words = {word("1、数据安全", 100, 100, 160, 110),
                word("2、完善公司治理结构与董事会", 100, 120, 230, 130),
                word("独立性", 120, 132, 150, 142), word("3）乡村振兴", 100, 160, 160, 170)};
  PageFindings findings;
  int next_rank = 0;
  read_lists(page, group_lines(page.words), findings, next_rank);
  ASSERT_EQ(findings.entries.size(), 3u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_EQ(findings.entries[1].name, "完善公司治理结构与董事会独立性");
  EXPECT_EQ(findings.entries[1].rank, 2);
  EXPECT_EQ(findings.entries[2].name, "乡村振兴");
  EXPECT_EQ(findings.entries[2].rank, 3);
  EXPECT_EQ(next_rank, 4);  // a run of 4, 5, ... first on the next page goes on with it
}

// A ranked list in two columns, 1-3 on the left (x = 100) and 4-5 on the right (x = 300), row by
// row as the lines come; then 6-7 in one column on the next page.
TEST(ExtractList, TwoColumnsRunOnOverThePage) {
  PageContent page = blank_page(2);
  page.words = {
      word("实质性议题排序", 100, 60, 170, 70), word("1、供应链管理", 100, 100, 160, 110),
      word("4、合规经营", 300, 100, 350, 110),  word("2、信息披露", 100, 120, 150, 130),
      word("5、普惠金融", 300, 120, 350, 130),  word("3、负责任投资", 100, 140, 160, 150)};
  PageFindings findings;
  int next_rank = 0;
  read_lists(page, group_lines(page.words), findings, next_rank);
  ASSERT_EQ(findings.entries.size(), 5u);
  const char* names[] = {"供应链管理", "信息披露", "负责任投资", "合规经营", "普惠金融"};
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_EQ(findings.entries[k].name, names[k]);
    EXPECT_EQ(findings.entries[k].rank, static_cast<int>(k) + 1);
  }
  EXPECT_DOUBLE_EQ(findings.entries[3].box.x0, 300);
  EXPECT_EQ(next_rank, 6);

  PageContent next = blank_page(3);
  next.words = {word("6、科技创新", 100, 60, 150, 70), word("7、绿色金融", 100, 80, 150, 90)};
  PageFindings continued;
  read_lists(next, group_lines(next.words), continued, next_rank);
  ASSERT_EQ(continued.entries.size(), 2u);
  EXPECT_EQ(continued.entries[0].name, "科技创新");
  EXPECT_EQ(continued.entries[0].rank, 6);
  EXPECT_EQ(continued.entries[1].name, "绿色金融");
  EXPECT_EQ(continued.entries[1].rank, 7);
  EXPECT_EQ(continued.entries[1].page, 3);
}

TEST(ExtractList, NumbersInParentheses) {
  PageContent page = blank_page(2);
  // Full-width parentheses, ASCII ones, and a closing one only.
  page.words = {word("（1）数据安全", 100, 100, 170, 110), word("(2) 绿色金融", 100, 120, 170, 130),
                word("（3）乡村振兴", 100, 140, 170, 150), word("4）普惠金融", 100, 160, 160, 170)};
  PageFindings findings;
  int next_rank = 0;
  read_lists(page, group_lines(page.words), findings, next_rank);
  ASSERT_EQ(findings.entries.size(), 4u);
  EXPECT_EQ(findings.entries[0].name, "数据安全");
  EXPECT_EQ(findings.entries[0].rank, 1);
  EXPECT_EQ(findings.entries[1].name, "绿色金融");
  EXPECT_EQ(findings.entries[1].rank, 2);
  EXPECT_EQ(findings.entries[2].name, "乡村振兴");
  EXPECT_EQ(findings.entries[2].rank, 3);
  EXPECT_EQ(findings.entries[3].name, "普惠金融");
  EXPECT_EQ(findings.entries[3].rank, 4);
  EXPECT_EQ(next_rank, 5);
}

// The entries read_lists finds on a page of these words.
PageFindings list_on_page(std::vector<Word> words, int& next_rank) {
  PageContent page = blank_page(2);
  page.words = std::move(words);
  PageFindings findings;
  read_lists(page, group_lines(page.words), findings, next_rank);
  return findings;
}

TEST(ExtractList, CircledNumbers) {
  int next_rank = 0;
  // ① ② ③ joined to the name, or apart from it; "④2025" is a date, not an item.
  const PageFindings findings =
      list_on_page({word("①数据安全", 100, 100, 160, 110), word("②", 100, 120, 110, 130),
                    word("绿色金融", 112, 120, 160, 130), word("③乡村振兴", 100, 140, 160, 150),
                    word("④2025", 100, 160, 140, 170)},
                   next_rank);
  const std::vector<std::string> names = {"数据安全", "绿色金融", "乡村振兴"};
  ASSERT_EQ(findings.entries.size(), names.size());
  for (std::size_t k = 0; k < names.size(); ++k) {
    EXPECT_EQ(findings.entries[k].name, names[k]);
    EXPECT_EQ(findings.entries[k].rank, static_cast<int>(k) + 1);
  }
  EXPECT_EQ(next_rank, 4);
}

// Rank numbers set apart, left of their names (white in circles, groff's hanging tag): each
// ranks the name beside it; a wrapped name goes on under it, bulleted lines under it are not
// issues, and a row going on right of the name (a table's level) is not an item.
TEST(ExtractList, ANumberStandingApartRanksTheNameBesideIt) {
  int next_rank = 0;
  const PageFindings findings = list_on_page(
      {word("1", 82, 102, 86, 109), word("供应链管理", 100, 100, 160, 110),
       word("• 我们与供应商签订可持续发展协议", 100, 116, 260, 126), word("2.", 80, 142, 87, 149),
       word("完善公司治理结构与董事会", 100, 140, 220, 150), word("独立性", 100, 152, 130, 162),
       word("• 董事会审议通过年度计划", 100, 172, 220, 182), word("3", 82, 202, 86, 209),
       word("信息披露", 100, 200, 140, 210)},
      next_rank);
  const std::vector<std::string> names = {"供应链管理", "完善公司治理结构与董事会独立性",
                                          "信息披露"};
  ASSERT_EQ(findings.entries.size(), names.size());
  for (std::size_t k = 0; k < names.size(); ++k) {
    EXPECT_EQ(findings.entries[k].name, names[k]);
    EXPECT_EQ(findings.entries[k].rank, static_cast<int>(k) + 1);
    EXPECT_EQ(findings.entries[k].kind, "list");
  }
  EXPECT_EQ(next_rank, 4);

  // A 序号 column: number, name, level on each row is a table's, not a list.
  int table_rank = 0;
  const PageFindings table =
      list_on_page({word("1", 82, 102, 86, 109), word("供应链管理", 100, 100, 160, 110),
                    word("高", 200, 100, 210, 110), word("2", 82, 122, 86, 129),
                    word("信息披露", 100, 120, 140, 130), word("中", 200, 120, 210, 130)},
                   table_rank);
  EXPECT_TRUE(table.entries.empty());
}

TEST(ExtractPdf, ListNumberedInParentheses) {
  const json result = read_pdf("list_paren.pdf");
  const json& entries = result["entries"];
  ASSERT_EQ(entries.size(), 4u) << result.dump();
  const char* names[] = {"数据安全", "客户权益保护", "公司治理", "科技创新"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(entries[i]["kind"], "list");
    EXPECT_EQ(entries[i]["name"], names[i]);
    EXPECT_EQ(entries[i]["rank"], static_cast<int>(i) + 1);
  }
}

TEST(ExtractList, NumberedSentencesAreNotIssues) {
  PageContent page = blank_page(1);
  page.words = {word("1.识别议题，收集内外部资料。", 100, 100, 250, 110),
                word("2.开展问卷调查，评估重要性。", 100, 120, 250, 130)};
  PageFindings findings;
  int next_rank = 0;
  read_lists(page, group_lines(page.words), findings, next_rank);
  EXPECT_TRUE(findings.entries.empty());
  EXPECT_EQ(next_rank, 0);
}

TEST(ExtractList, AVeryLongLineIsNeitherAnItemNorACrash) {
  PageContent page = blank_page(1);
  std::string text = "1. ";
  for (int i = 0; i < 50000; ++i)
    text += "数";
  page.words = {word(text, 100, 100, 500, 110), word("2. 数据安全", 100, 120, 160, 130)};
  PageFindings findings;
  int next_rank = 0;
  read_lists(page, group_lines(page.words), findings, next_rank);
  read_tables(page, group_lines(page.words), findings);
  EXPECT_TRUE(findings.entries.empty());  // 2 alone does not start a list
}

// A PDF of one 600 x 800 page whose content stream is `content` (objects and offsets as the
// format wants them), written to the temporary directory.
std::string one_page_pdf(const std::string& name, const std::string& content) {
  const std::string objects[] = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t k = 0; k < 4; ++k) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(k + 1) + " 0 obj\n" + objects[k] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 5\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path, std::ios::binary) << pdf;
  return path;
}

// A cell's background painted as a fill of the whole page clipped to the cell (cairo's and
// WeasyPrint's way): the shape is the cell. A fill clipped away entirely is no shape.
TEST(ExtractPdf, AFillClippedToACellIsTheCell) {
  const std::string path =
      one_page_pdf("materia_extract_clipped_fill.pdf",
                   "q 100 600 150 80 re W n 0.8 0.9 0.8 rg 0 0 600 800 re f Q\n"
                   "q 10 10 20 20 re W n 0.5 g 300 300 100 100 re f Q\n0 g 400 100 50 40 re f");
  const std::vector<PageContent> pages = read_document(path);
  std::filesystem::remove(path);
  ASSERT_EQ(pages.size(), 1u);
  ASSERT_EQ(pages[0].shapes.size(), 2u);
  const Box& cell = pages[0].shapes[0].box;
  EXPECT_TRUE(pages[0].shapes[0].rectangle);
  EXPECT_NEAR(cell.x0, 100, 1e-6);
  EXPECT_NEAR(cell.x1, 250, 1e-6);
  EXPECT_NEAR(cell.y0, 800 - 680, 1e-6);  // from the page's top
  EXPECT_NEAR(cell.y1, 800 - 600, 1e-6);
  const Box& plain = pages[0].shapes[1].box;  // unclipped: as drawn
  EXPECT_NEAR(plain.x0, 400, 1e-6);
  EXPECT_NEAR(plain.y1, 700, 1e-6);
}

TEST(ExtractErrors, EachBadFileGivesOneMessageNamingIt) {
  const std::string missing = kPages + "/no-such-report.pdf";
  EXPECT_EQ(read_error(missing), missing + ": cannot open the file (it does not exist)");
  for (const char* name : {"not_a_pdf.pdf", "truncated.pdf"}) {
    const std::string message = read_error(kPages + "/" + name);
    EXPECT_EQ(message.rfind(kPages + "/" + name + ": not a readable PDF, or a damaged one", 0), 0u)
        << message;
  }
  EXPECT_EQ(
      read_error(kPages + "/encrypted.pdf"),
      kPages +
          "/encrypted.pdf: the PDF is encrypted (password protected); save an unprotected copy");
  EXPECT_EQ(read_error(kPages), kPages + ": is a directory, not a PDF");
}

TEST(ExtractErrors, BadRequestsAreRefusedWithoutThrowing) {
  for (const char* request : {"{", "[]", "{\"file\": 3}"}) {
    char* result = nullptr;
    char* error = nullptr;
    EXPECT_NE(materia_extract_read_pdf(request, &result, &error), 0) << request;
    EXPECT_EQ(result, nullptr);
    ASSERT_NE(error, nullptr);
    EXPECT_GT(std::string(error).size(), 0u);
    materia_extract_free(error);
  }
  EXPECT_EQ(materia_extract_abi_version(), MATERIA_EXTRACT_ABI_VERSION);
}

TEST(ExtractRender, WritesAPngOfThePageSize) {
  const std::string png =
      (std::filesystem::temp_directory_path() / "materia_extract_render.png").string();
  char* error = nullptr;
  // chart_named.pdf is 432 x 432 pt: 300 x 300 pixels at 50 dpi.
  ASSERT_EQ(materia_extract_render_page((kPages + "/chart_named.pdf").c_str(), 1, 50, png.c_str(),
                                        &error),
            0)
      << (error ? error : "");
  std::ifstream in(png, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GE(bytes.size(), 24u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(bytes[at]) << 24) |
           (static_cast<unsigned char>(bytes[at + 1]) << 16) |
           (static_cast<unsigned char>(bytes[at + 2]) << 8) |
           static_cast<unsigned char>(bytes[at + 3]);
  };
  EXPECT_EQ(be32(16), 300);
  EXPECT_EQ(be32(20), 300);
  std::filesystem::remove(png);
  EXPECT_NE(materia_extract_render_page((kPages + "/chart_named.pdf").c_str(), 2, 50, png.c_str(),
                                        &error),
            0);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(std::string(error), kPages + "/chart_named.pdf: no page 2 (the PDF has 1)");
  materia_extract_free(error);
}

}  // namespace
