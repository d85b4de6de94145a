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
  int number = -1;  // the number printed in or beside it, numbered charts only
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

bool is_decimal(const std::string& text) {
  static const std::regex pattern(R"(^\s*-?\d+(\.\d+)?%?\s*$)");
  return text.size() <= 32 && std::regex_match(text, pattern);
}

// The frame of a pair of axes with quadrant bands inside them: from the axes' origin to the bands'
// far edges, as far past them as the bands start past the origin (an even gutter). The axes
// themselves may run on past the plot to their arrowheads.
std::optional<Box> banded_frame(const Box& axes, const std::vector<Box>& bands) {
  constexpr double kMaxGutter = 12;
  Box extent;
  int count = 0;
  for (const Box& band : bands) {
    if (!axes.contains(band.x0, band.y0, 1) || !axes.contains(band.x1, band.y1, 1)) continue;
    extent = count == 0 ? band : extent.united(band);
    ++count;
  }
  if (count < 2) return std::nullopt;
  const double gutter_x = std::max(extent.x0 - axes.x0, 0.0);
  const double gutter_y = std::max(axes.y1 - extent.y1, 0.0);
  if (gutter_x > kMaxGutter || gutter_y > kMaxGutter) return std::nullopt;
  return Box{axes.x0, extent.y0 - gutter_y, extent.x1 + gutter_x, axes.y1};
}

// Candidate plot frames: rectangles, two axis lines meeting at the lower-left corner, and the
// union of filled bands that tile a region.
std::vector<Box> frame_candidates(const PageContent& page) {
  std::vector<Box> frames;
  auto big_enough = [&](const Box& box) {
    return box.width() >= 60 && box.height() >= 60 &&
           !(box.width() > 0.9 * page.width && box.height() > 0.9 * page.height);
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
  // Axis lines: a vertical one whose bottom meets a horizontal one's left end.
  for (const Box& h : horizontal)
    for (const Box& v : vertical)
      if (std::abs(v.x0 - h.x0) < 4 && std::abs(v.y1 - h.y0) < 4)
        frames.push_back(
            banded_frame({v.x0, v.y0, h.x1, h.y0}, bands).value_or(Box{v.x0, v.y0, h.x1, h.y0}));
  // Bands: grow groups of filled rectangles that touch each other.
  std::vector<bool> used(bands.size(), false);
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

std::vector<Marker> find_markers(const PageContent& page, const Box& frame) {
  std::vector<Marker> markers;
  for (const Shape& shape : page.shapes) {
    const Box& b = shape.box;
    // Filled shapes, or outlined circles (hollow markers).
    if (!(shape.filled || (shape.stroked && shape.curved)) || b.width() < 2.5 || b.height() < 2.5 ||
        b.width() > 26 || b.height() > 26)
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
          0.35 * std::min(b.width(), m.box.width())) {
        m.box = m.box.united(b);  // an outline around a fill, or a ring around a dot
        duplicate = true;
        break;
      }
    if (!duplicate) markers.push_back({b});
  }
  return markers;
}

struct AxisTitles {
  Role x = Role::none, y = Role::none;
  std::string x_text, y_text;
  Box x_box, y_box;
  bool x_found = false, y_found = false;
};

AxisTitles find_titles(const std::vector<Line>& lines, const Box& frame) {
  AxisTitles titles;
  std::vector<const Line*> left_column;  // upright lines left of the frame (stacked characters)
  for (const Line& line : lines) {
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
    if (left && line.rotation == 0 && to_u32(line.text).size() <= 2) left_column.push_back(&line);
    if (role == Role::none) continue;
    if ((below || right_end) && !titles.x_found) {
      titles.x = role;
      titles.x_text = line.text;
      titles.x_box = b;
      titles.x_found = true;
    } else if ((left || top_end) && !titles.y_found &&
               (line.rotation % 2 == 1 || line.rotation == 0)) {
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
  const double x = std::clamp((marker.box.cx() - frame.x0) / frame.width(), 0.0, 1.0);
  const double y = std::clamp((frame.y1 - marker.box.cy()) / frame.height(), 0.0, 1.0);
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
        const double size = std::max(top.font_size, 1.0);
        const double gap = bottom.box.y0 - top.box.y1;
        if (gap < -0.3 * size || gap > 0.45 * size) continue;
        if (std::abs(top.font_size - bottom.font_size) > 0.2 * size) continue;
        if (!overlaps(top.box.x0, top.box.x1, bottom.box.x0, bottom.box.x1)) continue;
        if (std::abs(top.box.x0 - bottom.box.x0) > size &&
            std::abs(top.box.cx() - bottom.box.cx()) > size &&
            std::abs(top.box.x1 - bottom.box.x1) > size)
          continue;
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
  static const std::regex legend_pattern(R"(^\s*(\d{1,3})\s*(?:[.:)]|、|．|：|）)?\s*(\D.*)$)");
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
    if (line.rotation == 0 && is_number(line.text, cell_number)) {
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
    int number = std::stoi(match[1].str());
    std::string rest = match[2].str();
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
      findings.problems.push_back(make_problem(
          "marker_without_label", page.number, std::to_string(marker.number), marker.box,
          "marker " + std::to_string(marker.number) + " has no entry in the legend"));
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
      findings.problems.push_back(make_problem("label_without_marker", page.number, l.name, l.box,
                                               "legend entry " + std::to_string(l.number) + " " +
                                                   l.name + " has no marker in the chart"));
}

}  // namespace

bool read_chart(const PageContent& original, const std::vector<Line>& page_lines,
                PageFindings& findings) {
  // The page with marker glyphs taken out of its words and added to its shapes.
  PageContent page = original;
  split_marker_glyphs(page.words, page.shapes);
  // The frame holding the most markers; on a tie the smallest (the plot area, not a card around
  // it).
  Box frame;
  std::vector<Marker> markers;
  double frame_area = kInfinity;
  for (const Box& candidate : frame_candidates(page)) {
    std::vector<Marker> inside = find_markers(page, candidate);
    const double area = candidate.width() * candidate.height();
    if (inside.size() > markers.size() ||
        (!inside.empty() && inside.size() == markers.size() && area < frame_area)) {
      frame = candidate;
      markers = std::move(inside);
      frame_area = area;
    }
  }
  if (markers.empty()) return false;
  // The lines again, cut where a marker sits between two words (upright text only).
  std::vector<Box> barriers;
  for (const Marker& m : markers)
    barriers.push_back(m.box);
  const std::vector<Line> lines =
      page_lines.empty() ? page_lines : group_lines(page.words, 0.8, barriers);

  // Numbers printed in markers, then numbers printed beside one (within an em of its edge).
  std::vector<bool> is_marker_number(lines.size(), false);
  int numbered = 0;
  for (int pass = 0; pass < 2; ++pass)
    for (std::size_t i = 0; i < lines.size(); ++i) {
      int value = 0;
      if (is_marker_number[i] || lines[i].rotation != 0 || !is_number(lines[i].text, value))
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

  AxisTitles titles = find_titles(lines, frame);
  const bool axes_read = titles.x_found && titles.y_found && titles.x != titles.y &&
                         titles.x != Role::party && titles.y != Role::party;
  // A chart whose axes are not importances, on a page that does not name materiality, is some
  // other chart (emissions by year, ...), not a materiality matrix.
  if (!axes_read && !std::any_of(lines.begin(), lines.end(),
                                 [](const Line& l) { return names_materiality(l.text); }))
    return false;
  findings.materiality = true;
  if (!axes_read) {
    std::string found = titles.x_text;
    if (!titles.y_text.empty()) found += (found.empty() ? "" : " / ") + titles.y_text;
    findings.problems.push_back(make_problem(
        "unreadable_axes", page.number, found, frame,
        found.empty()
            ? "the chart's axes have no titles saying which is importance to stakeholders "
              "and which importance to the business"
            : "the chart's axis titles (" + found +
                  ") do not say which axis is importance to stakeholders and which to the "
                  "business"));
    return true;
  }

  if (numbered * 2 >= static_cast<int>(markers.size())) {
    findings.legend = true;
    pair_numbered(page, lines, markers, frame, titles, findings);
    return true;
  }
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
        line.text == titles.y_text)
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
  return true;
}

}  // namespace materia::extract
