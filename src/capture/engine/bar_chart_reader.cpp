// SPDX-License-Identifier: GPL-2.0-or-later
// Horizontal bar charts that rank the issues: names left of a column of bars that start on one
// baseline, the longest bar first in rank.
#include <algorithm>
#include <cmath>

#include "engine.hpp"

namespace materia::extract {
namespace {

// Two shapes with the same box (a bar's fill and its outline) are one bar.
bool same_box(const Box& a, const Box& b) {
  return std::abs(a.x0 - b.x0) < 0.5 && std::abs(a.x1 - b.x1) < 0.5 &&
         std::abs(a.y0 - b.y0) < 0.5 && std::abs(a.y1 - b.y1) < 0.5;
}

// A bar's name has a letter or a CJK character: a line of numbers is an axis's tick or a value.
bool has_letter(const std::string& text) {
  for (char32_t c : to_u32(text))
    if (is_cjk(c) || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) return true;
  return false;
}

bool is_number(const std::string& text) {
  const std::u32string t = to_u32(trim(text));
  if (t.empty()) return false;
  for (char32_t c : t)
    if (!((c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９') || c == U'.' || c == U'．' ||
          c == U'%' || c == U'％' || c == U'-' || c == U','))
      return false;
  return true;
}

// The runs of evenly spaced bars in a column (sorted top to bottom): each step within a quarter
// of the column's median step, the bars apart by a gap of at least a tenth of their height.
std::vector<std::vector<Box>> even_runs(const std::vector<Box>& column) {
  std::vector<double> steps;
  for (std::size_t k = 1; k < column.size(); ++k)
    steps.push_back(column[k].cy() - column[k - 1].cy());
  std::vector<std::vector<Box>> runs;
  if (steps.empty()) return runs;
  std::vector<double> sorted = steps;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const double pitch = sorted[sorted.size() / 2];
  runs.push_back({column.front()});
  for (std::size_t k = 1; k < column.size(); ++k) {
    const bool even = std::abs(steps[k - 1] - pitch) < pitch / 4 &&
                      column[k].y0 - column[k - 1].y1 >= 0.1 * column[k].height();
    if (!even) runs.emplace_back();
    runs.back().push_back(column[k]);
  }
  return runs;
}

}  // namespace

void read_bar_charts(const PageContent& page, const std::vector<Line>& lines,
                     PageFindings& findings) {
  // Filled rectangles of a bar's size, each once.
  std::vector<Box> bars;
  for (const Shape& s : page.shapes) {
    if (!s.filled || !s.rectangle || s.box.height() < 3 || s.box.height() > 60 ||
        s.box.width() < 1 || s.box.width() > 0.9 * page.width)
      continue;
    if (std::none_of(bars.begin(), bars.end(), [&](const Box& b) { return same_box(b, s.box); }))
      bars.push_back(s.box);
  }
  // Columns of bars of one height (within a tenth) starting on one baseline (within half a point).
  std::vector<std::vector<Box>> columns;
  for (const Box& bar : bars) {
    bool placed = false;
    for (auto& column : columns)
      if (std::abs(column.front().x0 - bar.x0) < 0.5 &&
          std::abs(column.front().height() - bar.height()) < 0.1 * column.front().height()) {
        column.push_back(bar);
        placed = true;
        break;
      }
    if (!placed) columns.push_back({bar});
  }
  for (auto& column : columns) {
    std::sort(column.begin(), column.end(), [](const Box& a, const Box& b) { return a.y0 < b.y0; });
    for (const std::vector<Box>& run : even_runs(column)) {
      if (run.size() < 3) continue;
      // Bars of one length are cells or legend keys, not scores.
      double shortest = run.front().width(), longest = shortest;
      for (const Box& bar : run) {
        shortest = std::min(shortest, bar.width());
        longest = std::max(longest, bar.width());
      }
      if (longest - shortest < 1) continue;
      const double pitch =
          (run.back().cy() - run.front().cy()) / static_cast<double>(run.size() - 1);
      // A bar holds no text but its value (a table's coloured cell holds its text).
      const bool empty = std::none_of(lines.begin(), lines.end(), [&](const Line& l) {
        return !is_number(l.text) && std::any_of(run.begin(), run.end(), [&](const Box& bar) {
          return bar.contains(l.box.cx(), l.box.cy());
        });
      });
      if (!empty) continue;
      // Each bar's name: the lines ending just left of the baseline on its row (a wrapped name
      // is stacked lines right-aligned to the axis), top to bottom.
      std::vector<Entry> entries;
      for (const Box& bar : run) {
        std::vector<const Line*> row;
        double right = -1;
        for (const Line& l : lines) {
          if (l.rotation != 0 || l.box.x1 > bar.x0 + 1 || l.box.x1 < bar.x0 - 6 * l.font_size ||
              std::abs(l.box.cy() - bar.cy()) > pitch / 2)
            continue;
          row.push_back(&l);
          right = std::max(right, l.box.x1);
        }
        Entry entry;
        entry.kind = "list";
        entry.page = page.number;
        std::sort(row.begin(), row.end(),
                  [](const Line* a, const Line* b) { return a->box.cy() < b->box.cy(); });
        bool first = true;
        for (const Line* l : row) {
          if (right - l->box.x1 >= l->font_size) continue;
          entry.name = first ? l->text : join_text(entry.name, l->text);
          entry.box = first ? l->box : entry.box.united(l->box);
          first = false;
        }
        if (!has_letter(entry.name) || to_u32(entry.name).size() > 40) break;
        entries.push_back(std::move(entry));
      }
      if (entries.size() != run.size()) continue;
      // Rank by length, longest first; bars of one length (within a quarter point) tie and share
      // the best rank (1, 2, 2, 4).
      for (std::size_t k = 0; k < run.size(); ++k) {
        int longer = 0;
        for (const Box& other : run)
          if (other.width() > run[k].width() + 0.25) ++longer;
        entries[k].rank = longer + 1;
      }
      for (Entry& entry : entries)
        findings.entries.push_back(std::move(entry));
    }
  }
}

}  // namespace materia::extract
