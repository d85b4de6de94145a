// SPDX-License-Identifier: GPL-2.0-or-later
// The materiality matrix of a page: the plot frame, which axis is which (from the axis titles),
// the markers inside the frame and the name of each (a label beside it, or a number inside it and
// a legend entry elsewhere on the page).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <regex>

#include "engine.hpp"

namespace materia::extract {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

struct Marker {
  Box box;
  int number = -1;  // the key printed in or beside it (key_value), numbered charts only
};

bool overlaps(double a0, double a1, double b0, double b1) {
  return a0 < b1 && b0 < a1;
}

std::string lower_ascii(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// party: importance to someone named (a firm's own name) who is neither the stakeholders nor the
// business by a word of ours; it is the business when the other axis is the stakeholders'.
enum class Role { none, stakeholder, business, party };

// The party of a title "importance to X" / "impact on X" / "对X的重要性", unless X is a
// stakeholder (society, the environment, customers ...): X names the firm itself.
bool names_a_party(const std::string& text) {
  static const std::regex english(
      R"((?:importance|impact|significance|influence|relevance|priority)\s+(?:to|on|for)\s+(.*\S))");
  static const std::regex chinese(R"(对(.+)的(?:重要|影响))");
  std::smatch match;
  if (text.size() > kMaxPatternLine) return false;
  if (!std::regex_search(text, match, english) && !std::regex_search(text, match, chinese))
    return false;
  const std::string party = match[1].str();
  for (const char* key :
       {"societ",   "social",  "environment", "external", "public",     "communit", "people",
        "planet",   "world",   "nature",      "investor", "customer",   "client",   "employee",
        "consumer", "partner", "government",  "regulat",  "社会",       "环境",     "外部",
        "公众",     "社区",    "投资",        "客户",     "员工",       "消费者",   "政府",
        "监管",     "自然",    "合作伙伴",    "股东",     "shareholder"})
    if (party.find(key) != std::string::npos) return false;
  return true;
}

// GRI's impact axis, "Significance of economic, environmental and social impacts" (经济、环境和社会
// 影响): the firm's own assessment of its impacts, across GRI's "Influence on stakeholder
// assessments and decisions". It is the firm's axis, as a party is (docs/method.md).
bool names_own_impacts(const std::string& lower_text) {
  const auto has = [&](const char* key) { return lower_text.find(key) != std::string::npos; };
  const bool english = has("significance of") && has("impacts") &&
                       (has("economic") || has("environmental") || has("social"));
  const bool chinese = has("经济") && has("环境") && has("社会") && has("影响");
  return english || chinese;
}

// Which importance an axis title names.
Role text_role(const std::string& title) {
  const std::string text = lower_ascii(title);
  // An axis title speaks of importance (or impact, influence, concern ...); an issue's name that
  // happens to contain 公司 is not a title.
  bool measure = false;
  for (const char* key :
       {"重要", "影响", "關注", "关注", "程度", "重視", "重视", "importance", "impact",
        "significan", "influence", "concern", "relevan", "priorit", "interest", "materiality"})
    measure = measure || text.find(key) != std::string::npos;
  if (!measure) return Role::none;
  for (const char* key : {"利益相关", "相关方", "相关者", "利害關係", "利害关系", "stakeholder"})
    if (text.find(key) != std::string::npos) return Role::stakeholder;
  for (const char* key :
       {"经营",       "經營",      "企业",   "企業", "公司",  "业务", "業務",     "商业",
        "财务",       "发展",      "本行",   "集团", "银行",  "战略", "business", "company",
        "enterprise", "financial", "organi", "firm", "group", "bank", "strateg",  "operation"})
    if (text.find(key) != std::string::npos) return Role::business;
  return names_own_impacts(text) || names_a_party(text) ? Role::party : Role::none;
}

// Rotated text whose characters poppler took one by one can come out in reverse order: the
// reversed text is tried too.
std::string reversed(const std::string& text) {
  std::u32string characters = to_u32(text);
  std::reverse(characters.begin(), characters.end());
  return to_utf8(characters);
}

Role title_role(const std::string& title) {
  const Role role = text_role(title);
  return role != Role::none ? role : text_role(reversed(title));
}

std::string title_text(const Line& line) {
  if (line.rotation % 2 == 1 && text_role(line.text) == Role::none &&
      text_role(reversed(line.text)) != Role::none)
    return reversed(line.text);
  return line.text;
}

bool is_end_label(const std::string& text) {
  static const char* const words[] = {"高",     "低",   "中",   "较高",    "较低",   "high", "low",
                                      "medium", "高度", "极高", "highest", "lowest", "→",    "↑"};
  const std::string lower = lower_ascii(trim(text));
  for (const char* word : words)
    if (lower == word) return true;
  return false;
}

bool is_number(const std::string& text, int& value) {
  static const std::regex pattern(R"(^\s*(\d{1,3})\s*$)");
  std::smatch match;
  if (text.size() > 16 || !std::regex_match(text, match, pattern)) return false;
  value = std::stoi(match[1].str());
  return true;
}

// A marker's key: a number (7), or an issue code of one or two capital letters and a number (E1,
// S12, GV3), as charts keyed by ESG pillar print them. The value is the number for a plain number
// and letters * 1000 + number for a code (the letters counted in base 27), so that keys compare
// as ints; key_text prints it back.
bool key_value(const std::string& text, int& value) {
  static const std::regex pattern(R"(^\s*([A-Z]{1,2})?(\d{1,3})\s*$)");
  std::smatch match;
  if (text.size() > 16 || !std::regex_match(text, match, pattern)) return false;
  int letters = 0;
  for (char c : match[1].str())
    letters = letters * 27 + (c - 'A' + 1);
  value = letters * 1000 + std::stoi(match[2].str());
  return true;
}

std::string key_text(int value) {
  std::string letters;
  for (int rest = value / 1000; rest > 0; rest /= 27)
    letters.insert(letters.begin(), static_cast<char>('A' + rest % 27 - 1));
  return letters + std::to_string(value % 1000);
}

bool is_decimal(const std::string& text) {
  static const std::regex pattern(R"(^\s*-?\d+(\.\d+)?%?\s*$)");
  return text.size() <= 32 && std::regex_match(text, pattern);
}

// The gap between two boxes (0 when they touch or overlap).
double box_gap(const Box& a, const Box& b) {
  const double dx = std::max({0.0, a.x0 - b.x1, b.x0 - a.x1});
  const double dy = std::max({0.0, a.y0 - b.y1, b.y0 - a.y1});
  return std::hypot(dx, dy);
}

// A tick label: a number, a decimal or a percent ("3", "0.5", "-1", "−1", "40%").
bool tick_value(const std::string& text, double& value) {
  static const std::regex pattern(R"(^\s*(-|−|\+)?(\d{1,6}(?:\.\d{1,4})?)\s*%?\s*$)");
  std::smatch match;
  if (text.size() > 24 || !std::regex_match(text, match, pattern)) return false;
  value = std::stod(match[2].str());
  if (match[1].matched && match[1].str() != "+") value = -value;
  return true;
}

// One axis's calibration from its numeric ticks: value = offset + slope * page coordinate, and
// the range [low, high] of values that positions are fractions of. Without ticks the frame is the
// range (`ticked` false).
struct AxisScale {
  bool ticked = false;
  double offset = 0, slope = 0, low = 0, high = 1;
  std::string labels;  // the ticks as printed, for messages
  double value(double coordinate) const { return offset + slope * coordinate; }
};

struct Tick {
  double position, value;
  std::string text;
};

// Fits the ticks of one axis whose frame edges are at `edge0` and `edge1` (page coordinates).
// Fewer than two ticks leave the axis to the frame; ticks that do not lie on one straight line
// (a log or broken axis, a misread label) fail with a message.
bool fit_axis(std::vector<Tick> ticks, double edge0, double edge1, AxisScale& scale,
              std::string& failure) {
  std::sort(ticks.begin(), ticks.end(),
            [](const Tick& a, const Tick& b) { return a.position < b.position; });
  for (const Tick& t : ticks)
    scale.labels += (scale.labels.empty() ? "" : ", ") + t.text;
  if (ticks.size() < 2) return true;
  const double n = static_cast<double>(ticks.size());
  double mean_p = 0, mean_v = 0;
  for (const Tick& t : ticks) {
    mean_p += t.position / n;
    mean_v += t.value / n;
  }
  double spp = 0, spv = 0;
  for (const Tick& t : ticks) {
    spp += (t.position - mean_p) * (t.position - mean_p);
    spv += (t.position - mean_p) * (t.value - mean_v);
  }
  std::vector<double> values;
  for (const Tick& t : ticks)
    values.push_back(t.value);
  std::sort(values.begin(), values.end());
  // The step: the smallest gap between two different values (a label left out doubles a gap).
  double step = kInfinity;
  for (std::size_t i = 1; i < values.size(); ++i)
    if (values[i] > values[i - 1]) step = std::min(step, values[i] - values[i - 1]);
  if (spp <= 0 || !std::isfinite(step)) {
    failure = "ticks " + scale.labels + " do not make a scale";
    return false;
  }
  scale.slope = spv / spp;
  scale.offset = mean_v - scale.slope * mean_p;
  // Each tick within a tenth of a step of the line: evenly spaced values at evenly spaced places.
  for (const Tick& t : ticks)
    if (std::abs(scale.value(t.position) - t.value) > 0.1 * step) {
      failure = "ticks " + scale.labels + " are not evenly spaced (a log or broken axis)";
      return false;
    }
  scale.ticked = true;
  scale.low = values.front();
  scale.high = values.back();
  // A frame edge a whole number of steps beyond the last tick is an unlabelled tick (an origin
  // left without its 0): the range runs to it. Half a step of padding is not.
  const double edge_low = std::min(scale.value(edge0), scale.value(edge1));
  const double edge_high = std::max(scale.value(edge0), scale.value(edge1));
  const double below = (scale.low - edge_low) / step, above = (edge_high - scale.high) / step;
  if (below > 0.9 && std::abs(below - std::round(below)) < 0.1)
    scale.low -= std::round(below) * step;
  if (above > 0.9 && std::abs(above - std::round(above)) < 0.1)
    scale.high += std::round(above) * step;
  return true;
}

// The numeric ticks of the frame's axes: labels under its bottom edge (centred within its width,
// on the row nearest it) and labels ending just left of its left edge (within its height). A
// tick label stands alone: a number with text right beside it on its line is a legend entry
// ("1 数据安全"), and numbers inside `taken` (printed in or beside markers) are no ticks.
bool read_ticks(const PageContent& page, const Box& frame, const std::vector<Box>& taken,
                AxisScale& x, AxisScale& y, std::string& failure) {
  struct Candidate {
    Tick tick;
    double cy, font;
  };
  auto alone = [&](const Word& w) {
    for (const Word& other : page.words) {
      double ignored = 0;
      if (&other == &w || other.rotation != 0 || tick_value(other.text, ignored) ||
          trim(other.text) == "%")
        continue;
      if (std::abs(other.box.cy() - w.box.cy()) < 0.35 * w.font_size &&
          box_gap(other.box, w.box) < w.font_size)
        return false;
    }
    return true;
  };
  std::vector<Candidate> below, above;
  std::vector<Tick> left, right;
  for (const Word& w : page.words) {
    double value = 0;
    if (w.rotation != 0 || !tick_value(w.text, value)) continue;
    const Box& b = w.box;
    if (std::any_of(taken.begin(), taken.end(),
                    [&](const Box& t) { return t.contains(b.cx(), b.cy(), 1); }))
      continue;
    const double reach = 6 + 1.5 * w.font_size;  // tick mark, padding and a line of text
    const bool across = b.cx() >= frame.x0 - 2 && b.cx() <= frame.x1 + 2;
    const bool up = b.cy() >= frame.y0 - 2 && b.cy() <= frame.y1 + 2;
    if (!(across || up) || !alone(w)) continue;
    const Tick tick{across ? b.cx() : b.cy(), value, trim(w.text)};
    if (across && b.y0 >= frame.y1 - 1 && b.y0 <= frame.y1 + reach)
      below.push_back({tick, b.cy(), w.font_size});
    else if (across && b.y1 <= frame.y0 + 1 && b.y1 >= frame.y0 - reach)
      above.push_back({tick, -b.cy(), w.font_size});
    else if (up && b.x1 <= frame.x0 + 2 && b.x1 >= frame.x0 - reach)
      left.push_back(tick);
    else if (up && b.x0 >= frame.x1 - 2 && b.x0 <= frame.x1 + reach)
      right.push_back(tick);
  }
  // The horizontal axis's labels share the row nearest the frame.
  auto nearest_row = [](const std::vector<Candidate>& candidates) {
    std::vector<Tick> row;
    if (candidates.empty()) return row;
    const auto nearest =
        std::min_element(candidates.begin(), candidates.end(),
                         [](const Candidate& a, const Candidate& b) { return a.cy < b.cy; });
    for (const Candidate& c : candidates)
      if (std::abs(c.cy - nearest->cy) < 0.5 * nearest->font) row.push_back(c.tick);
    return row;
  };
  // Ticks along the top or right edge (a chart with its axes there) count when the bottom or
  // left has fewer than two, if their values rise rightwards or upwards as an axis's do (a
  // legend's numbers beside the frame count down the page).
  // `direction`: +1 where values grow with the page coordinate (x), -1 where they fall (y).
  auto rising = [](std::vector<Tick> ticks, double direction) {
    std::sort(ticks.begin(), ticks.end(),
              [](const Tick& a, const Tick& b) { return a.position < b.position; });
    for (std::size_t i = 1; i < ticks.size(); ++i)
      if ((ticks[i].value - ticks[i - 1].value) * direction <= 0) return false;
    return true;
  };
  std::vector<Tick> row = nearest_row(below);
  if (const std::vector<Tick> top = nearest_row(above);
      row.size() < 2 && top.size() >= 2 && rising(top, 1))
    row = top;
  if (left.size() < 2 && right.size() >= 2 && rising(right, -1)) left = right;
  std::string why;
  if (!fit_axis(row, frame.x0, frame.x1, x, why)) {
    failure = "the horizontal axis's " + why;
    return false;
  }
  if (!fit_axis(left, frame.y1, frame.y0, y, why)) {
    failure = "the vertical axis's " + why;
    return false;
  }
  return true;
}

// A position on the axis: the fraction of the tick range, or of the frame without ticks.
double axis_fraction(const AxisScale& scale, double coordinate, double edge0, double edge1) {
  if (!scale.ticked) return (coordinate - edge0) / (edge1 - edge0);
  return (scale.value(coordinate) - scale.low) / (scale.high - scale.low);
}

// The frame of a pair of axes with quadrant bands inside them: from the axes' origin to the bands'
// far edges, as far past them as the bands start past the origin (an even gutter). The axes
// themselves may run on past the plot to their arrowheads. `inside` marks the bands it spans.
std::optional<Box> banded_frame(const Box& axes, const std::vector<Box>& bands,
                                std::vector<bool>& inside) {
  constexpr double kMaxGutter = 12;
  Box extent;
  int count = 0;
  std::vector<bool> spanned(bands.size(), false);
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const Box& band = bands[i];
    if (!axes.contains(band.x0, band.y0, 1) || !axes.contains(band.x1, band.y1, 1)) continue;
    // A fill as large as the axes' box is the plot's background, not a band in it.
    if (band.x0 <= axes.x0 + 1 && band.y0 <= axes.y0 + 1 && band.x1 >= axes.x1 - 1 &&
        band.y1 >= axes.y1 - 1)
      continue;
    extent = count == 0 ? band : extent.united(band);
    spanned[i] = true;
    ++count;
  }
  if (count < 2) return std::nullopt;
  const double gutter_x = std::max(extent.x0 - axes.x0, 0.0);
  const double gutter_y = std::max(axes.y1 - extent.y1, 0.0);
  if (gutter_x > kMaxGutter || gutter_y > kMaxGutter) return std::nullopt;
  for (std::size_t i = 0; i < bands.size(); ++i)
    if (spanned[i]) inside[i] = true;
  return Box{axes.x0, extent.y0 - gutter_y, extent.x1 + gutter_x, axes.y1};
}

// Candidate plot frames: rectangles, two axis lines meeting at the lower-left corner, and the
// union of filled bands that tile a region.
std::vector<Box> frame_candidates(const PageContent& page) {
  std::vector<Box> frames;
  // A rectangle from one edge of the page to the opposite one is a background (the page's, or
  // the whole width under a figure), not a frame: a chart's tick labels and titles lie outside it.
  auto big_enough = [&](const Box& box) {
    return box.width() >= 60 && box.height() >= 60 &&
           !(box.width() > 0.9 * page.width && box.height() > 0.9 * page.height) &&
           !(box.x0 <= 1 && box.x1 >= page.width - 1) &&
           !(box.y0 <= 1 && box.y1 >= page.height - 1);
  };
  std::vector<Box> horizontal, vertical, bands;
  for (const Shape& shape : page.shapes) {
    if (shape.rectangle && big_enough(shape.box)) {
      frames.push_back(shape.box);
      if (shape.filled) bands.push_back(shape.box);
    }
    if (shape.rectangle && shape.filled && shape.box.width() >= 25 && shape.box.height() >= 25 &&
        !big_enough(shape.box))
      bands.push_back(shape.box);
    if (!shape.stroked) continue;
    for (const Box& segment : shape.segments) {
      if (segment.height() < 1 && segment.width() >= 60) horizontal.push_back(segment);
      if (segment.width() < 1 && segment.height() >= 60) vertical.push_back(segment);
    }
  }
  // Axis lines: a vertical one whose bottom meets a horizontal one's left end. Quadrant bands
  // inside a pair are its fills, not frames of their own (apart, they would look like two charts).
  // The axes' frame stays a candidate when one of its bands fills it whole (zones painted as
  // nested rectangles from one corner: the lowest zone is the whole plot).
  std::vector<bool> used(bands.size(), false);
  std::vector<Box> axes_frames;
  for (const Box& h : horizontal)
    for (const Box& v : vertical)
      if (std::abs(v.x0 - h.x0) < 4 && std::abs(v.y1 - h.y0) < 4)
        axes_frames.push_back(banded_frame({v.x0, v.y0, h.x1, h.y0}, bands, used)
                                  .value_or(Box{v.x0, v.y0, h.x1, h.y0}));
  std::erase_if(frames, [&](const Box& f) {
    for (std::size_t i = 0; i < bands.size(); ++i)
      if (used[i] && f.x0 == bands[i].x0 && f.y0 == bands[i].y0 && f.x1 == bands[i].x1 &&
          f.y1 == bands[i].y1)
        return true;
    return false;
  });
  frames.insert(frames.end(), axes_frames.begin(), axes_frames.end());
  // Bands: grow groups of filled rectangles that touch each other.
  for (std::size_t i = 0; i < bands.size(); ++i) {
    if (used[i]) continue;
    Box group = bands[i];
    int members = 1;
    used[i] = true;
    for (bool grew = true; grew;) {
      grew = false;
      for (std::size_t j = 0; j < bands.size(); ++j) {
        if (used[j]) continue;
        const Box& b = bands[j];
        if (b.x0 <= group.x1 + 1.5 && b.x1 >= group.x0 - 1.5 && b.y0 <= group.y1 + 1.5 &&
            b.y1 >= group.y0 - 1.5) {
          group = group.united(b);
          used[j] = true;
          ++members;
          grew = true;
        }
      }
    }
    if (members >= 2 && big_enough(group)) frames.push_back(group);
  }
  return frames;
}

// Filled shapes of marker size, one per position (a marker drawn twice counts once).
bool is_marker_glyph(char32_t c) {
  return c == U'●' || c == U'○' || c == U'■' || c == U'□' || c == U'◆' || c == U'◇' || c == U'▲' ||
         c == U'△' || c == U'★' || c == U'☆' || c == U'•' || c == U'◉';
}

// Markers printed as characters (● 数据安全): each leading marker glyph becomes a filled shape one
// em wide, and the rest of its word stays text.
void split_marker_glyphs(std::vector<Word>& words, std::vector<Shape>& glyphs) {
  std::vector<Word> kept;
  for (Word& w : words) {
    const std::u32string text = to_u32(w.text);
    // A word of level symbols (●●○, ★★☆) is a table's level cell, not a marker.
    if (w.rotation != 0 || text.empty() || !is_marker_glyph(text.front()) ||
        (text.size() >= 2 && symbol_level(w.text) > 0)) {
      kept.push_back(std::move(w));
      continue;
    }
    const double em = std::min(w.font_size, w.box.width());
    Shape glyph;
    glyph.box = {w.box.x0, w.box.cy() - em / 2, w.box.x0 + em, w.box.cy() + em / 2};
    glyph.filled = true;
    glyph.curved = true;
    glyphs.push_back(glyph);
    const std::string rest = trim(to_utf8(text.substr(1)));
    if (rest.empty()) continue;
    Word remainder = w;
    remainder.text = rest;
    remainder.box.x0 = std::min(w.box.x0 + em, w.box.x1);
    kept.push_back(std::move(remainder));
  }
  words = std::move(kept);
}

// Whether the point lies inside the ellipse inscribed in the box (a circle's disc).
bool in_disc(const Box& b, double x, double y) {
  const double rx = b.width() / 2, ry = b.height() / 2;
  if (rx <= 0 || ry <= 0) return false;
  const double dx = (x - b.cx()) / rx, dy = (y - b.cy()) / ry;
  return dx * dx + dy * dy <= 1;
}

// Whether a word can start an issue's name: a letter or a non-ASCII character, not a digit, a
// sign or a percent.
bool starts_a_name(const std::string& text) {
  if (text.empty()) return false;
  const auto c = static_cast<unsigned char>(text.front());
  return c >= 0x80 || std::isalpha(c);
}

// A bubble: a circle larger than a marker (over 26 pt across, at most half the frame's smaller
// side) with a name or a key written inside it, its label. A lone circle with text in a box is
// a badge or a drawing, not a chart: a frame takes its bubbles when it holds two or more.
bool is_bubble(const PageContent& page, const Shape& shape, const Box& frame) {
  const Box& b = shape.box;
  if (!shape.curved || !(shape.filled || shape.stroked) || (b.width() <= 26 && b.height() <= 26) ||
      b.width() > 0.5 * std::min(frame.width(), frame.height()) ||
      b.height() > 0.5 * std::min(frame.width(), frame.height()) || b.width() > 1.7 * b.height() ||
      b.height() > 1.7 * b.width() || !frame.contains(b.cx(), b.cy(), 1))
    return false;
  return std::any_of(page.words.begin(), page.words.end(), [&](const Word& w) {
    int key = 0;
    return w.rotation == 0 && w.box.height() < 0.5 * b.height() &&
           in_disc(b, w.box.cx(), w.box.cy()) && (starts_a_name(w.text) || key_value(w.text, key));
  });
}

std::vector<Marker> find_markers(const PageContent& page, const Box& frame) {
  std::vector<Marker> markers;
  std::vector<const Shape*> bubbles;
  for (const Shape& shape : page.shapes)
    if (is_bubble(page, shape, frame)) bubbles.push_back(&shape);
  for (const Shape& shape : page.shapes) {
    const Box& b = shape.box;
    const bool bubble =
        bubbles.size() >= 2 && std::find(bubbles.begin(), bubbles.end(), &shape) != bubbles.end();
    // Filled shapes, or outlined circles (hollow markers).
    if (!bubble && (!(shape.filled || (shape.stroked && shape.curved)) || b.width() < 2.5 ||
                    b.height() < 2.5 || b.width() > 26 || b.height() > 26))
      continue;
    if (b.width() > 1.7 * b.height() || b.height() > 1.7 * b.width()) continue;
    if (!frame.contains(b.cx(), b.cy(), 1)) continue;
    // An arrowhead at the end of an axis line is not a marker.
    if (!shape.curved && !shape.rectangle && shape.points <= 4 &&
        (std::abs(b.cx() - frame.x1) < b.width() || std::abs(b.cy() - frame.y0) < b.height()))
      continue;
    bool duplicate = false;
    for (Marker& m : markers)
      if (std::hypot(m.box.cx() - b.cx(), m.box.cy() - b.cy()) <
          0.35 * std::min({b.width(), m.box.width(), 26.0})) {
        // An outline around a fill, or a ring around a dot (overlapping bubbles stay two).
        m.box = m.box.united(b);
        duplicate = true;
        break;
      }
    if (!duplicate) markers.push_back({b});
  }
  return markers;
}

// The keys of a legend outside the frame: a key leading a word that goes on with a name
// ("7数据安全"), or standing alone with a word that starts a name beginning within 1.5 em right
// of it on its baseline ("7 Data security", "7. Data security").
std::vector<int> legend_keys(const PageContent& page, const Box& frame) {
  static const std::regex pattern(R"(^([A-Z]{1,2})?(\d{1,3})(?:[.:)]|、|．|：|）)?(.*)$)");
  std::vector<int> keys;
  for (const Word& w : page.words) {
    std::smatch match;
    int key = 0;
    if (w.rotation != 0 || frame.contains(w.box.cx(), w.box.cy()) || w.text.size() > 64 ||
        !std::regex_match(w.text, match, pattern) ||
        !key_value(match[1].str() + match[2].str(), key))
      continue;
    const std::string rest = match[3].str();
    const bool named =
        !rest.empty() ? starts_a_name(rest)
                      : std::any_of(page.words.begin(), page.words.end(), [&](const Word& name) {
                          const double gap = name.box.x0 - w.box.x1;
                          return &name != &w && name.rotation == 0 && gap >= -0.1 * w.font_size &&
                                 gap <= 1.5 * w.font_size &&
                                 std::abs(name.box.cy() - w.box.cy()) < 0.35 * w.font_size &&
                                 starts_a_name(name.text);
                        });
    if (named) keys.push_back(key);
  }
  return keys;
}

// Keys printed as the markers themselves, with no shape under them, in a frame holding no drawn
// marker: the keys standing alone inside it (no other word within an em on their baseline), each
// a marker at its text box's centre, when two or more of them, and at least half, have an entry
// in a legend outside the frame (a number alone is otherwise a value or a tick label).
std::vector<Marker> key_markers(const PageContent& page, const Box& frame) {
  std::vector<Marker> markers;
  std::vector<int> keys;
  for (const Word& w : page.words) {
    int key = 0;
    if (w.rotation != 0 || !frame.contains(w.box.cx(), w.box.cy()) || !key_value(w.text, key))
      continue;
    const bool alone = std::none_of(page.words.begin(), page.words.end(), [&](const Word& other) {
      return &other != &w && std::abs(other.box.cy() - w.box.cy()) < 0.35 * w.font_size &&
             box_gap(other.box, w.box) < w.font_size;
    });
    if (!alone) continue;
    markers.push_back({w.box});  // read_frame gives it the key printed in it
    keys.push_back(key);
  }
  if (markers.size() < 2) return {};
  const std::vector<int> legend = legend_keys(page, frame);
  const auto in_legend = std::count_if(keys.begin(), keys.end(), [&](int key) {
    return std::find(legend.begin(), legend.end(), key) != legend.end();
  });
  if (in_legend < 2 || 2 * in_legend < static_cast<std::ptrdiff_t>(markers.size())) return {};
  return markers;
}

// Whether `bottom` continues `top` as the next line of one text block: set under it within 0.45
// em, in the same size, aligned left, centred or right on it.
bool stacked(const Line& top, const Line& bottom) {
  const double size = std::max(top.font_size, 1.0);
  const double gap = bottom.box.y0 - top.box.y1;
  if (gap < -0.3 * size || gap > 0.45 * size) return false;
  if (std::abs(top.font_size - bottom.font_size) > 0.2 * size) return false;
  if (!overlaps(top.box.x0, top.box.x1, bottom.box.x0, bottom.box.x1)) return false;
  return std::abs(top.box.x0 - bottom.box.x0) <= size ||
         std::abs(top.box.cx() - bottom.box.cx()) <= size ||
         std::abs(top.box.x1 - bottom.box.x1) <= size;
}

// Titles set in two or more stacked horizontal lines outside the frame ("Importance to" /
// "stakeholders"), none of which names an importance alone: each stack as one line, its text
// the lines joined.
std::vector<Line> stacked_titles(const std::vector<Line>& lines, const Box& frame) {
  std::vector<const Line*> outside;
  for (const Line& line : lines)
    if (line.rotation == 0 && !frame.contains(line.box.cx(), line.box.cy()))
      outside.push_back(&line);
  std::sort(outside.begin(), outside.end(),
            [](const Line* a, const Line* b) { return a->box.y0 < b->box.y0; });
  std::vector<Line> stacks;
  std::vector<bool> used(outside.size(), false);
  for (std::size_t first = 0; first < outside.size(); ++first) {
    if (used[first]) continue;
    Line stack = *outside[first];
    bool any_role = title_role(stack.text) != Role::none;
    std::size_t count = 1;
    for (std::size_t last = first, next = first + 1; next < outside.size(); ++next) {
      if (used[next] || !stacked(*outside[last], *outside[next])) continue;
      used[next] = true;
      any_role = any_role || title_role(outside[next]->text) != Role::none;
      stack.text = join_text(stack.text, outside[next]->text);
      stack.box = stack.box.united(outside[next]->box);
      last = next;
      ++count;
    }
    if (count >= 2 && !any_role && title_role(stack.text) != Role::none) stacks.push_back(stack);
  }
  return stacks;
}

struct AxisTitles {
  Role x = Role::none, y = Role::none;
  std::string x_text, y_text;
  Box x_box, y_box;
  bool x_found = false, y_found = false;
  AxisScale x_scale, y_scale;   // from the ticks, when the axes have some
  double x_key = 0, y_key = 0;  // how far each title is from its place (find_titles)
};

AxisTitles find_titles(const std::vector<Line>& lines, const Box& frame) {
  AxisTitles titles;
  std::vector<const Line*> left_column;  // upright lines left of the frame (stacked characters)
  const std::vector<Line> stacks = stacked_titles(lines, frame);
  std::vector<const Line*> candidates;
  for (const Line& line : lines)
    candidates.push_back(&line);
  for (const Line& stack : stacks)
    candidates.push_back(&stack);
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const Line& line = *candidates[c];
    const bool joined = c >= lines.size();
    const Box& b = line.box;
    const Role role = title_role(line.text);
    const bool below = line.rotation == 0 && b.cy() > frame.y1 + 1 && b.y0 < frame.y1 + 60 &&
                       overlaps(b.x0, b.x1, frame.x0, frame.x1);
    const bool right_end = line.rotation == 0 && b.x0 >= frame.x1 - 10 && b.x0 < frame.x1 + 60 &&
                           std::abs(b.cy() - frame.y1) < 30;
    const bool left =
        b.cx() < frame.x0 - 1 && b.x1 > frame.x0 - 80 && overlaps(b.y0, b.y1, frame.y0, frame.y1);
    const bool top_end = line.rotation == 0 && b.y1 <= frame.y0 + 3 && b.y1 > frame.y0 - 40 &&
                         std::abs(b.x0 - frame.x0) < 60;
    // A title written inside the frame along its bottom (left) edge, within two ems of it.
    const bool within = frame.contains(b.x0, b.y0) && frame.contains(b.x1, b.y1);
    const bool inner_bottom = within && line.rotation == 0 && b.y1 >= frame.y1 - 2 * line.font_size;
    const bool inner_left =
        within && line.rotation % 2 == 1 && b.x0 <= frame.x0 + 2 * line.font_size;
    if (left && !joined && line.rotation == 0 && to_u32(line.text).size() <= 2)
      left_column.push_back(&line);
    if (role == Role::none) continue;
    // On each axis a title below (left of) the frame beats one at its right (top) end, which
    // beats one inside along the edge; then the nearer wins: another chart's title is farther.
    const double gap = box_gap(b, frame);
    const double x_key = below ? gap : right_end ? 1000 + gap : 1500 + (frame.y1 - b.y1);
    const double y_key = left ? gap : top_end ? 1000 + gap : 1500 + (b.x0 - frame.x0);
    if ((below || right_end || inner_bottom) && (!titles.x_found || x_key < titles.x_key)) {
      titles.x_key = x_key;
      titles.x = role;
      titles.x_text = line.text;
      titles.x_box = b;
      titles.x_found = true;
    } else if ((left || top_end || inner_left) && (!titles.y_found || y_key < titles.y_key) &&
               (line.rotation % 2 == 1 || line.rotation == 0)) {
      titles.y_key = y_key;
      titles.y = role;
      titles.y_text = title_text(line);
      titles.y_box = b;
      titles.y_found = true;
    }
  }
  if (!titles.y_found && left_column.size() >= 3) {
    // A title set as a column of upright characters, read top to bottom.
    std::sort(left_column.begin(), left_column.end(),
              [](const Line* a, const Line* b) { return a->box.cy() < b->box.cy(); });
    std::string text;
    Box box = left_column.front()->box;
    for (const Line* line : left_column) {
      text += line->text;
      box = box.united(line->box);
    }
    if (title_role(text) != Role::none) {
      titles.y = title_role(text);
      titles.y_text = text;
      titles.y_box = box;
      titles.y_found = true;
    }
  }
  // Titles on the far side, for axes drawn along the top and the right edge: a line above the
  // frame, centred over it, is the horizontal axis's title, and one right of it the vertical
  // axis's, when the near side (and the ends) have none. A centred line above the frame taken as
  // the vertical axis's title at its top end is the horizontal one's when a title stands right.
  const Line* over = nullptr;
  const Line* beside = nullptr;
  for (const Line* candidate : candidates) {
    const Line& line = *candidate;
    const Box& b = line.box;
    if (title_role(line.text) == Role::none) continue;
    const bool above = line.rotation == 0 && b.cy() < frame.y0 - 1 && b.y1 > frame.y0 - 60 &&
                       std::abs(b.cx() - frame.cx()) < 0.25 * frame.width();
    const bool right = b.cx() > frame.x1 + 1 && b.x0 < frame.x1 + 80 &&
                       overlaps(b.y0, b.y1, frame.y0, frame.y1) &&
                       !(titles.x_found && titles.x_box == b);
    if (above && (!over || box_gap(b, frame) < box_gap(over->box, frame))) over = &line;
    if (right && (!beside || box_gap(b, frame) < box_gap(beside->box, frame))) beside = &line;
  }
  auto take = [&](const Line& line, bool horizontal) {
    (horizontal ? titles.x : titles.y) = title_role(line.text);
    (horizontal ? titles.x_text : titles.y_text) = title_text(line);
    (horizontal ? titles.x_box : titles.y_box) = line.box;
    (horizontal ? titles.x_found : titles.y_found) = true;
    (horizontal ? titles.x_key : titles.y_key) = 2000 + box_gap(line.box, frame);
  };
  const bool over_is_y = over && titles.y_found && titles.y_box == over->box;
  if (!titles.x_found && over && (!over_is_y || beside)) {
    if (over_is_y) titles.y_found = false;
    take(*over, true);
  }
  if (!titles.y_found && beside) take(*beside, false);
  // Importance to a named party across importance to stakeholders is importance to the business
  // (the firm's name); two parties, or a party and the business, cannot be told apart.
  if (titles.x == Role::party && titles.y == Role::stakeholder) titles.x = Role::business;
  if (titles.y == Role::party && titles.x == Role::stakeholder) titles.y = Role::business;
  return titles;
}

Problem make_problem(const char* kind, int page, const std::string& text, const Box& box,
                     const std::string& message) {
  return Problem{kind, page, text, box, message};
}

Entry chart_entry(const std::string& name, const Marker& marker, const Box& frame,
                  const AxisTitles& titles, int page, const Box& label_box, double confidence) {
  // Not clamped yet: read_chart sets apart a marker far outside the tick range.
  const double x = axis_fraction(titles.x_scale, marker.box.cx(), frame.x0, frame.x1);
  const double y = axis_fraction(titles.y_scale, marker.box.cy(), frame.y1, frame.y0);
  Entry entry;
  entry.name = name;
  entry.kind = "chart";
  entry.stakeholder = titles.x == Role::stakeholder ? x : y;
  entry.business = titles.x == Role::business ? x : y;
  entry.page = page;
  entry.box = label_box.united(marker.box);
  entry.confidence = std::clamp(confidence, 0.0, 1.0);
  return entry;
}

// The side of a label a marker sits on: 0 left, 1 right, 2 above, 3 below, 4 overlapping.
int side_of(const Box& label, const Box& marker) {
  if (marker.cx() < label.x0) return 0;
  if (marker.cx() > label.x1) return 1;
  if (marker.cy() < label.y0) return 2;
  if (marker.cy() > label.y1) return 3;
  return 4;
}

// Callouts: a straight stroked line (a leader) with one end on a marker (within its radius and
// 3 pt) and the other within an em of a label pairs the two, however far apart they are set. Only
// one-to-one leaders count: (label, marker) index pairs.
std::vector<std::pair<std::size_t, std::size_t>> leader_pairs(const PageContent& page,
                                                              const std::vector<Line>& labels,
                                                              const std::vector<Marker>& markers) {
  std::vector<std::pair<std::size_t, std::size_t>> found;
  for (const Shape& shape : page.shapes) {
    if (!shape.stroked || shape.filled || shape.rectangle || shape.curved ||
        shape.segments.size() != 1)
      continue;
    const Box& s = shape.segments.front();
    // The segment's box loses its direction: either diagonal may be the line.
    const std::pair<double, double> ends[2][2] = {{{s.x0, s.y0}, {s.x1, s.y1}},
                                                  {{s.x0, s.y1}, {s.x1, s.y0}}};
    for (const auto& diagonal : ends)
      for (int from = 0; from < 2; ++from) {
        const auto [mx, my] = diagonal[from];
        const auto [lx, ly] = diagonal[1 - from];
        for (std::size_t m = 0; m < markers.size(); ++m) {
          const Box& b = markers[m].box;
          if (std::hypot(mx - b.cx(), my - b.cy()) > b.width() / 2 + 3) continue;
          for (std::size_t l = 0; l < labels.size(); ++l)
            if (labels[l].box.distance_to(lx, ly) <= labels[l].font_size &&
                !labels[l].box.contains(b.cx(), b.cy()))
              found.push_back({l, m});
        }
      }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::vector<std::pair<std::size_t, std::size_t>> one_to_one;
  for (const auto& pair : found) {
    const auto shares = [&](auto member) {
      return std::count_if(found.begin(), found.end(),
                           [&](const auto& other) { return member(other) == member(pair); });
    };
    if (shares([](const auto& p) { return p.first; }) == 1 &&
        shares([](const auto& p) { return p.second; }) == 1)
      one_to_one.push_back(pair);
  }
  return one_to_one;
}

// The marker a label is written inside (its centre in the marker's disc, its lines lower than
// the marker): a bubble's name. None (markers.size()) when no marker, or two, hold it.
std::size_t holder(const Box& label, const std::vector<Marker>& markers) {
  std::size_t found = markers.size();
  for (std::size_t m = 0; m < markers.size(); ++m) {
    const Box& b = markers[m].box;
    if (label.height() >= b.height() || !in_disc(b, label.cx(), label.cy())) continue;
    if (found != markers.size()) return markers.size();
    found = m;
  }
  return found;
}

// Labels written inside a marker, each the only one inside it: (label, marker) index pairs.
std::vector<std::pair<std::size_t, std::size_t>> inner_pairs(const std::vector<Line>& labels,
                                                             const std::vector<Marker>& markers) {
  std::vector<std::size_t> holders;
  for (const Line& l : labels)
    holders.push_back(holder(l.box, markers));
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t l = 0; l < labels.size(); ++l)
    if (holders[l] < markers.size() && std::count(holders.begin(), holders.end(), holders[l]) == 1)
      pairs.push_back({l, holders[l]});
  return pairs;
}

void pair_named(const PageContent& page, std::vector<Line> labels, std::vector<Marker>& markers,
                const Box& frame, const AxisTitles& titles, PageFindings& findings) {
  double font = 10;
  if (!labels.empty()) {
    std::vector<double> sizes;
    for (const Line& l : labels)
      sizes.push_back(l.font_size);
    std::nth_element(sizes.begin(), sizes.begin() + sizes.size() / 2, sizes.end());
    font = std::max(sizes[sizes.size() / 2], 4.0);
  }
  double marker_size = 6;
  if (!markers.empty()) marker_size = markers.front().box.width();
  const double reach = 2.5 * font + marker_size;  // farthest a marker can be from its label

  auto nearest = [&](const Box& label, std::size_t* second) {
    std::size_t best = markers.size();
    double best_distance = kInfinity, second_distance = kInfinity;
    for (std::size_t m = 0; m < markers.size(); ++m) {
      const double d = label.distance_to(markers[m].box.cx(), markers[m].box.cy());
      if (d < best_distance) {
        second_distance = best_distance;
        if (second) *second = best;
        best_distance = d;
        best = m;
      } else if (d < second_distance) {
        second_distance = d;
        if (second) *second = m;
      }
    }
    return best_distance <= reach ? best : markers.size();
  };

  // A name wrapped onto two lines: join stacked lines that share their nearest marker (or whose
  // second line has none).
  for (bool joined = true; joined;) {
    joined = false;
    std::sort(labels.begin(), labels.end(),
              [](const Line& a, const Line& b) { return a.box.y0 < b.box.y0; });
    for (std::size_t a = 0; a < labels.size() && !joined; ++a)
      for (std::size_t b = 0; b < labels.size() && !joined; ++b) {
        if (a == b) continue;
        const Line& top = labels[a];
        const Line& bottom = labels[b];
        if (!stacked(top, bottom)) continue;
        const std::size_t top_marker = nearest(top.box, nullptr);
        const std::size_t bottom_marker = nearest(bottom.box, nullptr);
        if (top_marker != bottom_marker && bottom_marker != markers.size() &&
            top_marker != markers.size())
          continue;
        labels[a].text = join_text(top.text, bottom.text);
        labels[a].box = top.box.united(bottom.box);
        labels.erase(labels.begin() + static_cast<std::ptrdiff_t>(b));
        joined = true;
      }
  }

  // Labels written inside their markers, then labels joined to their markers by leader lines,
  // are paired so; the others by distance.
  auto certain = inner_pairs(labels, markers);
  if (certain.empty()) certain = leader_pairs(page, labels, markers);
  if (!certain.empty()) {
    std::vector<bool> label_taken(labels.size(), false), marker_taken(markers.size(), false);
    for (const auto& [l, m] : certain) {
      findings.entries.push_back(
          chart_entry(labels[l].text, markers[m], frame, titles, page.number, labels[l].box, 1.0));
      label_taken[l] = marker_taken[m] = true;
    }
    std::vector<Line> other_labels;
    std::vector<Marker> other_markers;
    for (std::size_t l = 0; l < labels.size(); ++l)
      if (!label_taken[l]) other_labels.push_back(labels[l]);
    for (std::size_t m = 0; m < markers.size(); ++m)
      if (!marker_taken[m]) other_markers.push_back(markers[m]);
    pair_named(page, std::move(other_labels), other_markers, frame, titles, findings);
    return;
  }

  // The page's convention: the side most labels have their nearest marker on, and the median
  // offset of those markers from that side's middle point.
  auto anchor = [](const Box& label, int side) {
    switch (side) {
      case 0:
        return std::pair{label.x0, label.cy()};
      case 1:
        return std::pair{label.x1, label.cy()};
      case 2:
        return std::pair{label.cx(), label.y0};
      case 3:
        return std::pair{label.cx(), label.y1};
      default:
        return std::pair{label.cx(), label.cy()};
    }
  };
  int side_votes[5] = {0, 0, 0, 0, 0};
  for (const Line& l : labels) {
    std::size_t m = nearest(l.box, nullptr);
    if (m < markers.size()) ++side_votes[side_of(l.box, markers[m].box)];
  }
  const int dominant = static_cast<int>(std::max_element(side_votes, side_votes + 5) - side_votes);
  std::vector<double> offsets_x, offsets_y;
  for (const Line& l : labels) {
    std::size_t m = nearest(l.box, nullptr);
    if (m == markers.size() || side_of(l.box, markers[m].box) != dominant) continue;
    const auto [ax, ay] = anchor(l.box, dominant);
    offsets_x.push_back(markers[m].box.cx() - ax);
    offsets_y.push_back(markers[m].box.cy() - ay);
  }
  auto median = [](std::vector<double> values) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  };
  const double offset_x = median(offsets_x), offset_y = median(offsets_y);
  // The distance from where the convention puts a label's marker; a marker elsewhere (another
  // side) counts its plain distance half as much again.
  auto cost = [&](const Line& l, const Marker& m) {
    const auto [ax, ay] = anchor(l.box, dominant);
    const double expected = std::hypot(m.box.cx() - ax - offset_x, m.box.cy() - ay - offset_y);
    const double plain = l.box.distance_to(m.box.cx(), m.box.cy());
    return std::min(expected, plain * 1.5 + 0.5);
  };

  struct Pair {
    std::size_t label, marker;
    double cost;
  };
  std::vector<Pair> pairs;
  for (std::size_t l = 0; l < labels.size(); ++l)
    for (std::size_t m = 0; m < markers.size(); ++m) {
      double c = cost(labels[l], markers[m]);
      if (c <= 1.5 * reach) pairs.push_back({l, m, c});
    }
  std::sort(pairs.begin(), pairs.end(),
            [](const Pair& a, const Pair& b) { return a.cost < b.cost; });
  // Each label's best and second-best cost, each marker's best and second-best claimant.
  std::vector<double> label_best(labels.size(), kInfinity), label_second(labels.size(), kInfinity);
  std::vector<double> marker_best(markers.size(), kInfinity),
      marker_second(markers.size(), kInfinity);
  std::vector<std::size_t> label_choice(labels.size(), markers.size());
  for (const Pair& p : pairs) {
    if (p.cost < label_best[p.label]) {
      label_second[p.label] = label_best[p.label];
      label_best[p.label] = p.cost;
      label_choice[p.label] = p.marker;
    } else if (p.cost < label_second[p.label]) {
      label_second[p.label] = p.cost;
    }
    if (p.cost < marker_best[p.marker]) {
      marker_second[p.marker] = marker_best[p.marker];
      marker_best[p.marker] = p.cost;
    } else if (p.cost < marker_second[p.marker]) {
      marker_second[p.marker] = p.cost;
    }
  }

  // Two labels whose best marker is the same and about as near: the chart does not say which.
  std::vector<bool> label_done(labels.size(), false), marker_done(markers.size(), false);
  for (std::size_t m = 0; m < markers.size(); ++m) {
    std::vector<std::size_t> claimants;
    for (std::size_t l = 0; l < labels.size(); ++l)
      if (label_choice[l] == m && label_best[l] <= reach) claimants.push_back(l);
    if (claimants.size() < 2) continue;
    std::sort(claimants.begin(), claimants.end(),
              [&](std::size_t a, std::size_t b) { return label_best[a] < label_best[b]; });
    const double first = label_best[claimants[0]], second = label_best[claimants[1]];
    if (second > 1.25 * first + 1) continue;  // one label is clearly nearer: it wins below
    std::string names;
    Box box = markers[m].box;
    for (std::size_t l : claimants) {
      names += (names.empty() ? "" : " / ") + labels[l].text;
      box = box.united(labels[l].box);
      label_done[l] = true;
    }
    marker_done[m] = true;
    findings.problems.push_back(make_problem(
        "labels_share_marker", page.number, names, box,
        "labels " + names + " are equally near one marker; the chart does not say which it is"));
  }

  std::vector<std::pair<std::size_t, std::size_t>> assigned;
  for (const Pair& p : pairs) {
    if (label_done[p.label] || marker_done[p.marker] || p.cost > reach) continue;
    label_done[p.label] = true;
    marker_done[p.marker] = true;
    assigned.push_back({p.label, p.marker});
    const double rival =
        std::min(label_second[p.label],
                 p.cost == marker_best[p.marker] ? marker_second[p.marker] : marker_best[p.marker]);
    const double confidence = std::isfinite(rival) ? 1 - (p.cost + 1) / (rival + 1) : 1.0;
    findings.entries.push_back(chart_entry(labels[p.label].text, markers[p.marker], frame, titles,
                                           page.number, labels[p.label].box, confidence));
  }
  for (std::size_t l = 0; l < labels.size(); ++l) {
    if (label_done[l]) continue;
    const bool rival = label_choice[l] < markers.size() && label_best[l] <= reach;
    findings.problems.push_back(make_problem(
        rival ? "labels_share_marker" : "label_without_marker", page.number, labels[l].text,
        labels[l].box,
        rival ? "label " + labels[l].text + " is nearest a marker another label is nearer to"
              : "label " + labels[l].text + " has no marker near it"));
  }
  for (std::size_t m = 0; m < markers.size(); ++m)
    if (!marker_done[m])
      findings.problems.push_back(make_problem("marker_without_label", page.number, "",
                                               markers[m].box, "a marker has no label near it"));
}

void pair_numbered(const PageContent& page, const std::vector<Line>& lines,
                   std::vector<Marker>& markers, const Box& frame, const AxisTitles& titles,
                   PageFindings& findings) {
  static const std::regex legend_pattern(
      R"(^\s*([A-Z]{1,2})?(\d{1,3})\s*(?:[.:)]|、|．|：|）)?\s*(\D.*)$)");
  struct Legend {
    int number;
    std::string name;
    Box box;
    bool used = false;
  };
  std::vector<Legend> legend;
  // "N name" lines; a line holding several entries ("1 数据安全 2 绿色金融") splits where the
  // next number in sequence follows a non-digit.
  static const std::regex next_entry(R"(([^\d])(\d{1,3})\s*(?:[.:)]|、|．|：|）)?\s*(\D))");
  for (const Line& line : lines) {
    if (frame.contains(line.box.cx(), line.box.cy())) continue;
    int cell_number = 0;
    if (line.rotation == 0 && key_value(line.text, cell_number)) {
      // A legend printed as a table: the number cell, and the name in the next cell on its row.
      const Line* name_cell = nullptr;
      for (const Line& other : lines) {
        const double gap = other.box.x0 - line.box.x1;
        if (other.rotation != 0 || gap < 0 || gap > 6 * line.font_size ||
            std::abs(other.box.cy() - line.box.cy()) > 0.3 * line.font_size || other.text.empty() ||
            std::isdigit(static_cast<unsigned char>(other.text.front())))
          continue;
        if (!name_cell || other.box.x0 < name_cell->box.x0) name_cell = &other;
      }
      if (name_cell)
        legend.push_back({cell_number, trim(name_cell->text), line.box.united(name_cell->box)});
      continue;
    }
    std::smatch match;
    if (line.text.size() > kMaxPatternLine || !std::regex_match(line.text, match, legend_pattern))
      continue;
    int number = 0;
    key_value(match[1].str() + match[2].str(), number);
    std::string rest = match[3].str();
    for (std::smatch split; std::regex_search(rest, split, next_entry);) {
      if (std::stoi(split[2].str()) != number + 1) break;
      legend.push_back(
          {number,
           trim(rest.substr(0, static_cast<std::size_t>(split.position(1) + split.length(1)))),
           line.box});
      number = std::stoi(split[2].str());
      rest = rest.substr(static_cast<std::size_t>(split.position(3)));
    }
    legend.push_back({number, trim(rest), line.box});
  }
  for (const Marker& marker : markers) {
    if (marker.number < 0) {
      findings.problems.push_back(make_problem("marker_without_label", page.number, "", marker.box,
                                               "a marker has no number in a numbered chart"));
      continue;
    }
    std::vector<Legend*> matches;
    for (Legend& l : legend)
      if (l.number == marker.number) matches.push_back(&l);
    if (matches.empty()) {
      findings.problems.push_back(
          make_problem("marker_without_label", page.number, key_text(marker.number), marker.box,
                       "marker " + key_text(marker.number) + " has no entry in the legend"));
      continue;
    }
    for (Legend* l : matches)
      l->used = true;
    findings.entries.push_back(chart_entry(matches.front()->name, marker, frame, titles,
                                           page.number, marker.box,
                                           matches.size() == 1 ? 1.0 : 0.5));
    findings.entries.back().box = marker.box;
  }
  for (const Legend& l : legend)
    if (!l.used)
      findings.problems.push_back(make_problem(
          "label_without_marker", page.number, l.name, l.box,
          "legend entry " + key_text(l.number) + " " + l.name + " has no marker in the chart"));
}

// The labels of a chart with names beside its markers: the lines inside the frame (or crossing
// its edge), then paired with the markers.
void pair_labelled(const PageContent& page, const std::vector<Line>& lines,
                   const std::vector<bool>& is_marker_number, std::vector<Marker>& markers,
                   const Box& frame, const AxisTitles& titles, PageFindings& findings) {
  std::vector<Line> labels;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    // Inside the frame, or crossing its edge with most of its width inside it (a label beside a
    // marker near the edge).
    const double inside_width = std::min(line.box.x1, frame.x1) - std::max(line.box.x0, frame.x0);
    const bool crosses_edge = line.box.cy() > frame.y0 && line.box.cy() < frame.y1 &&
                              inside_width > 0.3 * line.box.width();
    if (is_marker_number[i] || !(frame.contains(line.box.cx(), line.box.cy()) || crosses_edge))
      continue;
    if (is_end_label(line.text) || is_decimal(line.text) || line.text == titles.x_text ||
        line.text == titles.y_text || (titles.x_found && line.box == titles.x_box) ||
        (titles.y_found && line.box == titles.y_box))
      continue;
    labels.push_back(line);
  }
  const std::size_t first = findings.entries.size();
  pair_named(page, std::move(labels), markers, frame, titles, findings);
  // Reading order: top to bottom, then left to right.
  std::stable_sort(findings.entries.begin() + static_cast<std::ptrdiff_t>(first),
                   findings.entries.end(), [](const Entry& a, const Entry& b) {
                     if (std::abs(a.box.y0 - b.box.y0) > 2) return a.box.y0 < b.box.y0;
                     return a.box.x0 < b.box.x0;
                   });
}

// With ticks, a marker more than 2% of the range outside it is off the chart's scale: a problem,
// not an entry. Other positions are clamped to [0, 1] (a marker a hair outside the frame).
void set_apart_off_scale(PageFindings& findings, std::size_t first, const AxisTitles& titles) {
  const bool stakeholder_ticked =
      (titles.x == Role::stakeholder ? titles.x_scale : titles.y_scale).ticked;
  const bool business_ticked =
      (titles.x == Role::business ? titles.x_scale : titles.y_scale).ticked;
  auto off = [](double v) { return v < -0.02 || v > 1.02; };
  std::vector<Entry> kept(findings.entries.begin(),
                          findings.entries.begin() + static_cast<std::ptrdiff_t>(first));
  for (std::size_t i = first; i < findings.entries.size(); ++i) {
    Entry e = findings.entries[i];
    if ((stakeholder_ticked && off(e.stakeholder)) || (business_ticked && off(e.business))) {
      findings.problems.push_back(
          make_problem("off_scale", e.page, e.name, e.box,
                       "the marker of " + e.name + " lies outside the range of the axis's ticks"));
      continue;
    }
    e.stakeholder = std::clamp(e.stakeholder, 0.0, 1.0);
    e.business = std::clamp(e.business, 0.0, 1.0);
    kept.push_back(std::move(e));
  }
  findings.entries = std::move(kept);
}

bool intersects(const Box& a, const Box& b, double margin) {
  return a.x0 < b.x1 - margin && b.x0 < a.x1 - margin && a.y0 < b.y1 - margin &&
         b.y0 < a.y1 - margin;
}

bool inside(const Box& inner, const Box& outer) {
  return inner.x0 >= outer.x0 - 1 && inner.x1 <= outer.x1 + 1 && inner.y0 >= outer.y0 - 1 &&
         inner.y1 <= outer.y1 + 1;
}

struct Chart {
  Box frame;
  std::vector<Marker> markers;
};

// True when the markers of `outer` that lie outside `inner` are the keys of a legend beside the
// plot area `inner` (a spreadsheet chart's area holds its plot area and its legend): all beyond
// one edge of `inner`, in one column or one row, each with a word starting within an em right of
// it, two or more and fewer than the markers inside `inner` (one marker beside a shaded zone is
// an issue as likely as a key).
bool legend_keys_beside(const PageContent& page, const Chart& outer, const Chart& inner) {
  std::vector<const Marker*> keys;
  for (const Marker& m : outer.markers)
    if (!inner.frame.contains(m.box.cx(), m.box.cy())) keys.push_back(&m);
  if (keys.size() < 2 || keys.size() >= inner.markers.size()) return false;
  const Box& plot = inner.frame;
  auto all_keys = [&](auto&& test) {
    return std::all_of(keys.begin(), keys.end(), [&](const Marker* m) { return test(m->box); });
  };
  const bool beyond_an_edge = all_keys([&](const Box& b) { return b.x0 >= plot.x1; }) ||
                              all_keys([&](const Box& b) { return b.x1 <= plot.x0; }) ||
                              all_keys([&](const Box& b) { return b.y0 >= plot.y1; }) ||
                              all_keys([&](const Box& b) { return b.y1 <= plot.y0; });
  const Box& first = keys.front()->box;
  const bool aligned = all_keys([&](const Box& b) { return std::abs(b.cx() - first.cx()) <= 1; }) ||
                       all_keys([&](const Box& b) { return std::abs(b.cy() - first.cy()) <= 1; });
  const bool named = all_keys([&](const Box& b) {
    return std::any_of(page.words.begin(), page.words.end(), [&](const Word& w) {
      return w.rotation == 0 && w.box.x0 >= b.cx() && w.box.x0 <= b.x1 + w.font_size &&
             b.cy() >= w.box.y0 && b.cy() <= w.box.y1;
    });
  });
  return beyond_an_edge && aligned && named;
}

// The page's charts: each frame holding markers that overlaps no frame holding more (on a tie,
// no smaller one: the plot area, not a card around it). A frame around two or more frames apart
// from each other (a card around two charts) is not a chart; quadrant bands touch, so their union
// is one. A frame whose only markers outside a frame within it are a legend's keys is the chart
// area around that plot area, not a chart.
std::vector<Chart> find_charts(const PageContent& page) {
  std::vector<Chart> candidates;
  for (const Box& box : frame_candidates(page)) {
    std::vector<Marker> inside_markers = find_markers(page, box);
    if (inside_markers.empty()) inside_markers = key_markers(page, box);
    if (!inside_markers.empty()) candidates.push_back({box, std::move(inside_markers)});
  }
  auto area = [](const Box& b) { return b.width() * b.height(); };
  constexpr double kApart = 8;  // the least gap between two charts' frames
  std::vector<Chart> kept;
  for (const Chart& c : candidates) {
    std::vector<const Box*> within;
    for (const Chart& d : candidates)
      if (&d != &c && area(d.frame) < area(c.frame) && inside(d.frame, c.frame))
        within.push_back(&d.frame);
    // The frames inside, grouped where they touch: two groups or more are two charts.
    std::vector<int> group(within.size(), -1);
    int groups = 0;
    for (std::size_t i = 0; i < within.size(); ++i) {
      if (group[i] >= 0) continue;
      group[i] = groups;
      for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t j = 0; j < within.size(); ++j)
          for (std::size_t k = 0; k < within.size() && group[j] < 0; ++k)
            if (group[k] == groups && box_gap(*within[j], *within[k]) < kApart) {
              group[j] = groups;
              grew = true;
            }
      }
      ++groups;
    }
    const bool container = groups >= 2;
    const bool chart_area = std::any_of(candidates.begin(), candidates.end(), [&](const Chart& d) {
      return &d != &c && area(d.frame) < area(c.frame) && inside(d.frame, c.frame) &&
             legend_keys_beside(page, c, d);
    });
    if (!container && !chart_area) kept.push_back(c);
  }
  std::stable_sort(kept.begin(), kept.end(), [&](const Chart& a, const Chart& b) {
    if (a.markers.size() != b.markers.size()) return a.markers.size() > b.markers.size();
    return area(a.frame) < area(b.frame);
  });
  std::vector<Chart> charts;
  for (Chart& c : kept)
    if (std::none_of(charts.begin(), charts.end(),
                     [&](const Chart& taken) { return intersects(taken.frame, c.frame, 1); }))
      charts.push_back(std::move(c));
  return charts;
}

bool axes_read(const AxisTitles& titles) {
  return titles.x_found && titles.y_found && titles.x != titles.y && titles.x != Role::party &&
         titles.y != Role::party;
}

// A grid matrix (九宫格): two to five columns and rows of filled cells of one size, set apart by
// gutters of at most a tenth of a cell (6 pt at least), every cell there; the issue names are
// written inside the cells, and the axis titles outside the grid say which axis is which. Each
// line inside a cell is one issue at the cell's centre: the grid gives a level on each axis,
// and the centre, a fraction of the grid, keeps both. Returns false when the page has no such
// grid with readable axes.
bool read_grid(const PageContent& page, const std::vector<Line>& lines, PageFindings& findings) {
  std::vector<Box> cells;
  for (const Shape& shape : page.shapes)
    if (shape.rectangle && shape.filled && shape.box.width() >= 25 && shape.box.height() >= 25 &&
        shape.box.width() < 0.5 * page.width && shape.box.height() < 0.5 * page.height)
      cells.push_back(shape.box);
  std::vector<bool> taken(cells.size(), false);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (taken[i]) continue;
    // The cells near each other, grown from this one.
    std::vector<std::size_t> group{i};
    taken[i] = true;
    for (std::size_t k = 0; k < group.size(); ++k)
      for (std::size_t j = 0; j < cells.size(); ++j) {
        const Box& a = cells[group[k]];
        const double reach = std::max(6.0, 0.1 * std::min(a.width(), a.height()));
        if (!taken[j] && box_gap(a, cells[j]) <= reach) {
          taken[j] = true;
          group.push_back(j);
        }
      }
    // Columns and rows: the distinct left and top edges.
    auto distinct = [&](auto edge) {
      std::vector<double> values;
      for (std::size_t j : group)
        if (std::none_of(values.begin(), values.end(),
                         [&](double v) { return std::abs(v - edge(cells[j])) < 2; }))
          values.push_back(edge(cells[j]));
      std::sort(values.begin(), values.end());
      return values;
    };
    const std::vector<double> columns = distinct([](const Box& b) { return b.x0; });
    const std::vector<double> rows = distinct([](const Box& b) { return b.y0; });
    if (columns.size() < 2 || rows.size() < 2 || columns.size() > 5 || rows.size() > 5 ||
        columns.size() * rows.size() != group.size())
      continue;
    double min_w = kInfinity, max_w = 0, min_h = kInfinity, max_h = 0;
    Box frame = cells[group.front()];
    for (std::size_t j : group) {
      min_w = std::min(min_w, cells[j].width());
      max_w = std::max(max_w, cells[j].width());
      min_h = std::min(min_h, cells[j].height());
      max_h = std::max(max_h, cells[j].height());
      frame = frame.united(cells[j]);
    }
    if (max_w > 1.25 * min_w || max_h > 1.25 * min_h) continue;
    AxisTitles titles = find_titles(lines, frame);
    if (!axes_read(titles)) continue;
    for (const Line& line : lines) {
      if (line.rotation != 0 || is_end_label(line.text) || is_decimal(line.text) ||
          line.text == titles.x_text || line.text == titles.y_text)
        continue;
      for (std::size_t j : group)
        if (cells[j].contains(line.box.cx(), line.box.cy())) {
          findings.entries.push_back(
              chart_entry(trim(line.text), {cells[j]}, frame, titles, page.number, line.box, 1.0));
          findings.entries.back().box = line.box;
          break;
        }
    }
    findings.materiality = true;
    return true;
  }
  return false;
}

// Reads the chart in one frame, whose axis titles name the two importances, from its lines
// (`legend`: those of its numbered legend).
void read_frame(const PageContent& page, const std::vector<Line>& lines,
                const std::vector<Line>& legend, Chart& chart, AxisTitles& titles,
                PageFindings& findings) {
  std::vector<Marker>& markers = chart.markers;
  const Box& frame = chart.frame;
  // Keys (numbers, issue codes) printed in markers, then keys printed beside one (within an em of
  // its edge).
  std::vector<bool> is_marker_number(lines.size(), false);
  int numbered = 0;
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t i = 0; i < lines.size(); ++i) {
      int value = 0;
      if (is_marker_number[i] || lines[i].rotation != 0 || !key_value(lines[i].text, value))
        continue;
      const double cx = lines[i].box.cx(), cy = lines[i].box.cy();
      Marker* target = nullptr;
      double best = kInfinity;
      for (Marker& m : markers) {
        if (m.number >= 0) continue;
        const double d = pass == 0 ? (m.box.contains(cx, cy, 1) ? 0 : kInfinity)
                                   : lines[i].box.distance_to(m.box.cx(), m.box.cy());
        if (d < best && d <= (pass == 0 ? 0 : lines[i].font_size + m.box.width() / 2)) {
          best = d;
          target = &m;
        }
      }
      if (!target) continue;
      target->number = value;
      is_marker_number[i] = true;
      ++numbered;
    }

  std::string tick_failure;
  std::vector<Box> marker_numbers;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (is_marker_number[i]) marker_numbers.push_back(lines[i].box);
  if (!read_ticks(page, frame, marker_numbers, titles.x_scale, titles.y_scale, tick_failure)) {
    findings.problems.push_back(make_problem("inconsistent_ticks", page.number, "", frame,
                                             tick_failure + "; the chart is not read"));
    return;
  }
  const std::size_t first = findings.entries.size();
  if (numbered * 2 >= static_cast<int>(markers.size())) {
    findings.legend = true;
    pair_numbered(page, legend, markers, frame, titles, findings);
  } else {
    pair_labelled(page, lines, is_marker_number, markers, frame, titles, findings);
  }
  set_apart_off_scale(findings, first, titles);
}
}  // namespace

bool read_chart(const PageContent& original, const std::vector<Line>& page_lines,
                PageFindings& findings) {
  // The page with marker glyphs taken out of its words and added to its shapes.
  PageContent page = original;
  split_marker_glyphs(page.words, page.shapes);
  std::vector<Chart> charts = find_charts(page);
  if (charts.empty()) return read_grid(page, page_lines, findings);
  // OCR reads a marker of a picture as a character ("@", "O"): a word on a marker that is not its
  // number is the marker itself.
  if (page.ocr)
    std::erase_if(page.words, [&](const Word& w) {
      int number = 0;
      return !is_number(w.text, number) &&
             std::any_of(charts.begin(), charts.end(), [&](const Chart& c) {
               return std::any_of(c.markers.begin(), c.markers.end(), [&](const Marker& m) {
                 return m.box.contains(w.box.x0, w.box.y0, 1.5) &&
                        m.box.contains(w.box.x1, w.box.y1, 1.5);
               });
             });
    });
  // The lines again, cut where a marker sits between two words (upright text only).
  std::vector<Box> barriers;
  for (const Chart& chart : charts)
    for (const Marker& m : chart.markers)
      barriers.push_back(m.box);
  const std::vector<Line> lines =
      page_lines.empty() ? page_lines : group_lines(page.words, 0.8, barriers);

  // Each chart's lines: all but those inside another chart's frame.
  auto lines_of = [&](std::size_t c) {
    std::vector<Line> own;
    for (const Line& line : lines) {
      bool elsewhere = false;
      for (std::size_t other = 0; other < charts.size(); ++other)
        elsewhere =
            elsewhere || (other != c && charts[other].frame.contains(line.box.cx(), line.box.cy()));
      if (!elsewhere) own.push_back(line);
    }
    return own;
  };
  // Outside every frame, a line is the legend of the chart whose frame is nearest.
  auto legend_lines_of = [&](std::size_t c, const std::vector<Line>& own) {
    std::vector<Line> legend;
    for (const Line& line : own) {
      const double mine = box_gap(line.box, charts[c].frame);
      bool nearer_elsewhere = false;
      for (std::size_t other = 0; other < charts.size(); ++other)
        nearer_elsewhere =
            nearer_elsewhere || (other != c && box_gap(line.box, charts[other].frame) < mine);
      if (!nearer_elsewhere) legend.push_back(line);
    }
    return legend;
  };

  // Read in reading order: top to bottom, then left to right.
  std::vector<std::size_t> order(charts.size());
  for (std::size_t c = 0; c < charts.size(); ++c)
    order[c] = c;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Box &fa = charts[a].frame, &fb = charts[b].frame;
    if (!overlaps(fa.y0, fa.y1, fb.y0, fb.y1)) return fa.y0 < fb.y0;
    return fa.x0 < fb.x0;
  });
  // Each chart's titles. A title line two charts claim is the one's it sits better for (below or
  // left of its frame, then nearer): the other frame (a legend box under the matrix, with a
  // footnote under it) is no matrix.
  std::vector<AxisTitles> titles(charts.size());
  std::vector<bool> matrix(charts.size(), false);
  for (std::size_t c = 0; c < charts.size(); ++c) {
    titles[c] = find_titles(lines_of(c), charts[c].frame);
    matrix[c] = axes_read(titles[c]);
  }
  auto same = [](const Box& a, const Box& b) {
    return a.x0 == b.x0 && a.y0 == b.y0 && a.x1 == b.x1 && a.y1 == b.y1;
  };
  std::vector<bool> loses(charts.size(), false);
  for (std::size_t c = 0; c < charts.size(); ++c)
    for (std::size_t d = 0; d < charts.size(); ++d) {
      if (c == d || !matrix[c] || !matrix[d]) continue;
      const std::pair<const Box*, double> mine[] = {{&titles[c].x_box, titles[c].x_key},
                                                    {&titles[c].y_box, titles[c].y_key}};
      const std::pair<const Box*, double> theirs[] = {{&titles[d].x_box, titles[d].x_key},
                                                      {&titles[d].y_box, titles[d].y_key}};
      for (const auto& [box, key] : mine)
        for (const auto& [other, other_key] : theirs)
          if (same(*box, *other) && (other_key < key || (other_key == key && d < c)))
            loses[c] = true;
    }
  for (std::size_t c = 0; c < charts.size(); ++c)
    matrix[c] = matrix[c] && !loses[c];
  bool any_read = false;
  for (std::size_t c : order) {
    if (!matrix[c]) continue;
    const std::vector<Line> own = lines_of(c);
    read_frame(page, own, legend_lines_of(c, own), charts[c], titles[c], findings);
    any_read = true;
  }
  if (any_read) {
    findings.materiality = true;
    return true;  // the charts whose axes are not importances are other charts
  }
  // No chart has importances on its axes. On a page that does not name materiality they are
  // other charts (emissions by year, ...); on one that does, the chart with the most markers is
  // a matrix whose axes cannot be read.
  if (!std::any_of(lines.begin(), lines.end(),
                   [](const Line& l) { return names_materiality(l.text); }))
    return false;
  findings.materiality = true;
  std::string found = titles.front().x_text;
  if (!titles.front().y_text.empty()) found += (found.empty() ? "" : " / ") + titles.front().y_text;
  findings.problems.push_back(make_problem(
      "unreadable_axes", page.number, found, charts.front().frame,
      found.empty() ? "the chart's axes have no titles saying which is importance to stakeholders "
                      "and which importance to the business"
                    : "the chart's axis titles (" + found +
                          ") do not say which axis is importance to stakeholders and which to "
                          "the business"));
  return true;
}

}  // namespace materia::extract
