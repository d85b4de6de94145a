// SPDX-License-Identifier: GPL-2.0-or-later
// Issue tables (a name cell and a level cell per row, possibly two column groups side by side, or
// "重要性：高" after a name) and numbered lists in order of importance, and the reading of a page.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <regex>

#include "engine.hpp"

namespace materia::extract {
namespace {

bool is_level(const std::string& text) {
  static const char* const levels[] = {
      "高",       "中",        "低",       "较高",   "较低",     "中等",   "一般",
      "极高",     "很高",      "非常高",   "重要",   "非常重要", "较重要", "一般重要",
      "高度重要", "中度重要",  "High",     "Medium", "Low",      "high",   "medium",
      "low",      "Very high", "Moderate", "HIGH",   "MEDIUM",   "LOW"};
  // Materiality tiers printed as levels (docs/format.md, "Level scales").
  static const char* const tiers[] = {
      "核心",     "Highly material",    "Material", "Moderately material", "highly material",
      "material", "moderately material"};
  for (const char* tier : tiers)
    if (text == tier) return true;
  for (const char* level : levels)
    if (text == level) return true;
  return symbol_level(text) > 0;
}

bool overlaps(double a0, double a1, double b0, double b1) {
  return a0 < b1 && b0 < a1;
}

// A table's header cell over the names column.
bool is_header(const std::string& name) {
  static const char* const headers[] = {
      "议题",           "议题名称",       "实质性议题",      "重要议题",
      "序号",           "Issue",          "Issues",          "Topic",
      "Topics",         "Material topic", "Material topics", "Material issue",
      "Material issues"};
  for (const char* header : headers)
    if (name == header) return true;
  return false;
}

// An issue's name is a phrase: short, and not a sentence (numbered steps and paragraphs are not
// issues).
bool looks_like_issue_name(const std::string& name) {
  const std::u32string text = to_u32(name);
  if (text.empty() || text.size() > 40) return false;
  for (char32_t c : text)
    if (c == U'，' || c == U'。' || c == U'；') return false;
  return text.back() != U'.' && text.back() != U':' && text.back() != U'：';
}

// A category of ESG issues (the E, S or G of a category column), not an issue.
bool is_category(const std::string& text) {
  static const char* const categories[] = {
      "环境",     "社会",    "治理",    "经济",        "环境类",        "社会类",    "治理类",
      "e",        "s",       "g",       "environment", "environmental", "social",    "governance",
      "economic", "环境(e)", "社会(s)", "治理(g)",     "环境（e）",     "社会（s）", "治理（g）"};
  std::string lower = trim(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const char* category : categories)
    if (lower == category) return true;
  return false;
}

// The cells of category columns: short upright lines aligned in a column (two or more) that are
// all category words (环境, 社会, 治理, Environmental ...), or that repeat a few short words (three
// or more cells, at most half of them distinct). Such a column is beside the issues' names, not
// their names.
std::vector<bool> category_cells(const std::vector<Line>& lines) {
  std::vector<std::vector<std::size_t>> columns;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    if (l.rotation != 0 || to_u32(trim(l.text)).size() > 16 || is_level(l.text) ||
        is_header(l.text) || l.text.find_first_of("0123456789:") != std::string::npos ||
        l.text.find("：") != std::string::npos)
      continue;
    bool placed = false;
    for (auto& column : columns) {
      const Line& first = lines[column.front()];
      if (std::abs(first.box.cx() - l.box.cx()) < 1.5 * l.font_size ||
          std::abs(first.box.x0 - l.box.x0) < 0.5 * l.font_size) {
        column.push_back(i);
        placed = true;
        break;
      }
    }
    if (!placed) columns.push_back({i});
  }
  std::vector<bool> category(lines.size(), false);
  for (const auto& column : columns) {
    if (column.size() < 2) continue;
    bool all_categories = true, all_short = true;
    std::vector<std::string> distinct;
    for (std::size_t i : column) {
      const std::string text = trim(lines[i].text);
      all_categories = all_categories && is_category(text);
      all_short = all_short && to_u32(text).size() <= 6;
      if (std::find(distinct.begin(), distinct.end(), text) == distinct.end())
        distinct.push_back(text);
    }
    if (all_categories || (all_short && column.size() >= 3 && distinct.size() * 2 <= column.size()))
      for (std::size_t i : column)
        category[i] = true;
  }
  // Category words aligned with one another by an edge or their centres, whatever else lies
  // near their column (its header, or a level column's header, read before them above): a left
  // aligned column of Environmental / Social / Governance has centres far apart.
  std::vector<std::size_t> words;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].rotation == 0 && is_category(lines[i].text)) words.push_back(i);
  for (std::size_t a : words)
    for (std::size_t b : words) {
      const Box &p = lines[a].box, &q = lines[b].box;
      const double em = lines[a].font_size;
      if (a == b || std::abs(p.cy() - q.cy()) < 0.5 * em) continue;
      if (std::abs(p.x0 - q.x0) < 0.5 * em || std::abs(p.x1 - q.x1) < 0.5 * em ||
          std::abs(p.cx() - q.cx()) < 1.5 * em)
        category[a] = category[b] = true;
    }
  return category;
}

// Of the lines left of a level on its row (candidates), the name cell: the nearest one that is
// not in a category column, preferring those under a names header (议题, Issue ...) when any are.
// With `rightward` the candidates lie right of the cell, and the nearest is the leftmost.
std::size_t pick_name(const std::vector<Line>& lines, const std::vector<std::size_t>& candidates,
                      const std::vector<bool>& category, bool rightward = false) {
  std::vector<const Line*> headers;
  for (const Line& l : lines)
    if (l.rotation == 0 && is_header(l.text)) headers.push_back(&l);
  std::size_t nearest = lines.size(), nearest_under_header = lines.size();
  auto nearer = [&](std::size_t i, std::size_t than) {
    return than == lines.size() || (rightward ? lines[i].box.x0 < lines[than].box.x0
                                              : lines[i].box.x1 > lines[than].box.x1);
  };
  for (std::size_t i : candidates) {
    if (category[i]) continue;
    const Box& b = lines[i].box;
    if (nearer(i, nearest)) nearest = i;
    const bool under_header = std::any_of(headers.begin(), headers.end(), [&](const Line* h) {
      return h->box.y1 <= b.y0 + 1 && overlaps(h->box.x0, h->box.x1, b.x0, b.x1);
    });
    if (under_header && nearer(i, nearest_under_header)) nearest_under_header = i;
  }
  return nearest_under_header < lines.size() ? nearest_under_header : nearest;
}

// A row-number column (序号 1, 2, 3 ...) set right against the names is read into them: when
// every row's name of a level column starts with a number and the numbers count up by one from
// the first row, they are the rows' numbers, not part of the names.
void strip_row_numbers(std::vector<Entry>& rows) {
  static const std::regex numbered(R"(^(\d{1,3})\s*([^\d\s].*)$)");
  if (rows.size() < 2) return;
  std::vector<std::string> names;
  int expected = -1;
  for (const Entry& row : rows) {
    std::smatch match;
    if (row.name.size() > kMaxPatternLine || !std::regex_match(row.name, match, numbered)) return;
    const int number = std::stoi(match[1].str());
    if (expected >= 0 && number != expected) return;
    expected = number + 1;
    names.push_back(trim(match[2].str()));
  }
  for (std::size_t i = 0; i < rows.size(); ++i)
    rows[i].name = names[i];
}

// A level column with no names left of it whose cells each span several rows of the names right
// of it (a level printed first, one cell merged down the rows of its issues): `column` is the
// level cells top to bottom. The names are the lines whose left edges align (within half an em)
// with the leftmost text right of the levels, in one run of even rows around them; each level
// takes a run of consecutive names centred on it (a merged cell's text is centred in it) or,
// failing that, starting on its row (a cell's text at its top) and running to the next level's.
// Any level without its rows, or a row left over, reads nothing.
void read_level_spans(const std::vector<Line>& lines, const std::vector<std::size_t>& column,
                      int page_number, std::vector<bool>& used, const std::vector<bool>& category,
                      std::vector<Entry>& rows) {
  const double em = lines[column.front()].font_size;
  const double first_cy = lines[column.front()].box.cy(), last_cy = lines[column.back()].box.cy();
  double right_of = 0;
  for (std::size_t i : column)
    right_of = std::max(right_of, lines[i].box.x1);
  auto name_like = [&](std::size_t i) {
    const Line& l = lines[i];
    return !used[i] && l.rotation == 0 && l.box.x0 >= right_of - 1 && !is_level(l.text) &&
           !is_header(l.text) && !category[i] && looks_like_issue_name(l.text);
  };
  double left = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (name_like(i) && lines[i].box.cy() > first_cy - 6 * em &&
        lines[i].box.cy() < last_cy + 6 * em)
      left = std::min(left, lines[i].box.x0);
  std::vector<std::size_t> names;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (name_like(i) && std::abs(lines[i].box.x0 - left) < 0.5 * em) names.push_back(i);
  if (names.size() < column.size()) return;
  std::sort(names.begin(), names.end(),
            [&](std::size_t a, std::size_t b) { return lines[a].box.cy() < lines[b].box.cy(); });
  // The run of even rows around the levels: steps within a third of the median step.
  std::vector<double> steps;
  for (std::size_t k = 1; k < names.size(); ++k)
    steps.push_back(lines[names[k]].box.cy() - lines[names[k - 1]].box.cy());
  std::vector<double> sorted_steps = steps;
  std::nth_element(sorted_steps.begin(), sorted_steps.begin() + sorted_steps.size() / 2,
                   sorted_steps.end());
  const double pitch = sorted_steps[sorted_steps.size() / 2];
  std::size_t nearest = 0;
  for (std::size_t k = 0; k < names.size(); ++k)
    if (std::abs(lines[names[k]].box.cy() - first_cy) <
        std::abs(lines[names[nearest]].box.cy() - first_cy))
      nearest = k;
  std::size_t begin = nearest, end = nearest + 1;
  while (begin > 0 && std::abs(steps[begin - 1] - pitch) < pitch / 3)
    --begin;
  while (end < names.size() && std::abs(steps[end - 1] - pitch) < pitch / 3)
    ++end;
  const std::vector<std::size_t> run(names.begin() + static_cast<std::ptrdiff_t>(begin),
                                     names.begin() + static_cast<std::ptrdiff_t>(end));
  if (run.size() < column.size() || pitch > 4 * em) return;
  auto cy = [&](std::size_t k) { return lines[run[k]].box.cy(); };
  // Centred: each level's rows end where the middle of its first and last row reaches it.
  std::vector<std::pair<std::size_t, std::size_t>> groups;
  bool centred = true;
  for (std::size_t j = 0, start = 0; j < column.size() && centred; ++j) {
    const double level_cy = lines[column[j]].box.cy();
    if (start >= run.size()) {
      centred = false;
      break;
    }
    std::size_t last = start;
    if (j + 1 == column.size())
      last = run.size() - 1;
    else
      while (last + 1 < run.size() && (cy(start) + cy(last)) / 2 < level_cy - 0.25 * pitch)
        ++last;
    centred = std::abs((cy(start) + cy(last)) / 2 - level_cy) < 0.3 * pitch;
    groups.emplace_back(start, last);
    start = last + 1;
  }
  if (!centred) {
    // At the top: from the row of each level to the row before the next level's.
    groups.clear();
    for (std::size_t j = 0; j < column.size(); ++j) {
      std::size_t start = 0;
      while (start < run.size() && std::abs(cy(start) - lines[column[j]].box.cy()) > 0.3 * pitch)
        ++start;
      if (start == run.size() || (j == 0 && start != 0) || (j > 0 && start <= groups.back().first))
        return;
      if (j > 0) groups.back().second = start - 1;
      groups.emplace_back(start, run.size() - 1);
    }
  }
  for (std::size_t j = 0; j < column.size(); ++j)
    for (std::size_t k = groups[j].first; k <= groups[j].second; ++k) {
      const Line& level = lines[column[j]];
      Entry entry;
      entry.kind = "table";
      entry.name = lines[run[k]].text;
      entry.level = level.text;
      entry.level_count = symbol_level(level.text);
      entry.page = page_number;
      entry.box = lines[run[k]].box;
      rows.push_back(std::move(entry));
      used[run[k]] = true;
    }
  for (std::size_t i : column)
    used[i] = true;
}

// A rank column's header cell (Rank, 排名 ...).
bool is_rank_header(const std::string& text) {
  static const char* const headers[] = {"rank",     "ranking",    "priority rank", "排名",
                                        "排序",     "重要性排序", "重要性排名",    "优先级排序",
                                        "议题排序", "名次"};
  std::string lower = trim(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const char* header : headers)
    if (lower == header) return true;
  return false;
}

// A table whose rank is a column of its own (under a header Rank / 排名), the rows in any order:
// the whole numbers under the header, in its column, ranked 1 to N each once, rank the name cell
// of their row (the nearest cell left of the number, under the names header if there is one, and
// the lines stacked with it in the row).
void read_rank_columns(const std::vector<Line>& lines, int page_number, std::vector<bool>& used,
                       const std::vector<bool>& category, PageFindings& findings) {
  static const std::regex whole(R"(^\s*(\d{1,3})\s*$)");
  static const std::regex number(R"(^\s*[-+]?\d[\d.,]*\s*%?\s*$)");
  for (const Line& header : lines) {
    if (header.rotation != 0 || !is_rank_header(header.text)) continue;
    const double em = header.font_size;
    std::vector<std::size_t> cells;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Line& l = lines[i];
      if (used[i] || l.rotation != 0 || l.text.size() > 8 || l.box.y0 < header.box.y1 - 1 ||
          !std::regex_match(l.text, whole))
        continue;
      // In the header's column: centred under it, or aligned with either of its edges.
      if (std::abs(l.box.cx() - header.box.cx()) > 1.5 * em &&
          std::abs(l.box.x1 - header.box.x1) > 0.5 * em &&
          std::abs(l.box.x0 - header.box.x0) > 0.5 * em)
        continue;
      cells.push_back(i);
    }
    std::sort(cells.begin(), cells.end(),
              [&](std::size_t a, std::size_t b) { return lines[a].box.cy() < lines[b].box.cy(); });
    // Ranks 1 to N, each once.
    std::vector<int> ranks;
    for (std::size_t i : cells)
      ranks.push_back(std::stoi(trim(lines[i].text)));
    std::vector<int> sorted = ranks;
    std::sort(sorted.begin(), sorted.end());
    bool permutation = sorted.size() >= 2;
    for (std::size_t k = 0; k < sorted.size() && permutation; ++k)
      permutation = sorted[k] == static_cast<int>(k) + 1;
    if (!permutation) continue;
    std::vector<Entry> rows;
    std::vector<std::size_t> names;
    bool complete = true;
    // The names left of the ranks, or, when a row has none there (the rank column printed
    // first), right of them: the nearest cell that is no number (a score column).
    for (const bool rightward : {false, true}) {
      rows.clear();
      names.clear();
      complete = true;
      for (std::size_t k = 0; k < cells.size() && complete; ++k) {
        const Line& rank = lines[cells[k]];
        const double row_top =
                         k > 0 ? (lines[cells[k - 1]].box.cy() + rank.box.cy()) / 2 : header.box.y1,
                     row_bottom = k + 1 < cells.size()
                                      ? (lines[cells[k + 1]].box.cy() + rank.box.cy()) / 2
                                      : rank.box.cy() + 1.5 * em;
        std::vector<std::size_t> candidates;
        for (std::size_t i = 0; i < lines.size(); ++i) {
          const Line& l = lines[i];
          if (used[i] || l.rotation != 0 || std::abs(l.box.cy() - rank.box.cy()) > 0.6 * em)
            continue;
          if (rightward ? l.box.x0 < rank.box.x1 - 1 ||
                              (l.text.size() <= kMaxPatternLine && std::regex_match(l.text, number))
                        : l.box.x1 > rank.box.x0 + 1)
            continue;
          candidates.push_back(i);
        }
        const std::size_t nearest = pick_name(lines, candidates, category, rightward);
        if (nearest == lines.size()) {  // a row without a name: no such table
          complete = false;
          break;
        }
        const Box cell = lines[nearest].box;
        Entry entry;
        entry.kind = "list";
        entry.rank = ranks[k];
        entry.page = page_number;
        entry.box = rank.box;
        for (std::size_t i = 0; i < lines.size(); ++i) {
          const Line& l = lines[i];
          if (used[i] || l.rotation != 0 || l.box.cy() < row_top || l.box.cy() > row_bottom ||
              !overlaps(l.box.x0, l.box.x1, cell.x0, cell.x1) || category[i])
            continue;
          entry.name = join_text(entry.name, l.text);
          entry.box = entry.box.united(l.box);
          names.push_back(i);
        }
        complete = looks_like_issue_name(entry.name);
        rows.push_back(std::move(entry));
      }
      if (complete) break;
    }
    if (!complete) continue;
    for (Entry& row : rows)
      findings.entries.push_back(std::move(row));
    for (std::size_t i : cells)
      used[i] = true;
    for (std::size_t i : names)
      used[i] = true;
  }
}

// A check mark set in a table cell: √ ✓ ✔ ☑ or a filled dot (1), or an empty dot (2), which
// marks a cell only in a table that has no filled ones (●, ○: the filled dots are the marks).
int check_mark(const std::string& text) {
  const std::u32string mark = to_u32(trim(text));
  if (mark.size() != 1) return 0;
  switch (mark[0]) {
    case U'√':
    case U'✓':
    case U'✔':
    case U'☑':
    case U'●':
      return 1;
    case U'○':
      return 2;
    default:
      return 0;
  }
}

// The row of headings `first` starts: the unused lines of `candidates` on its row (within half an
// em), left to right, when they are two or more, differ pairwise by `key` and `first` is the
// leftmost; else none.
template <class Key>
std::vector<std::size_t> heading_row(const std::vector<Line>& lines,
                                     const std::vector<std::size_t>& candidates,
                                     const std::vector<bool>& used, std::size_t first, Key key) {
  const double em = lines[first].font_size, row_cy = lines[first].box.cy();
  std::vector<std::size_t> row;
  for (std::size_t i : candidates)
    if (!used[i] && std::abs(lines[i].box.cy() - row_cy) < 0.5 * em) row.push_back(i);
  std::sort(row.begin(), row.end(),
            [&](std::size_t a, std::size_t b) { return lines[a].box.cx() < lines[b].box.cx(); });
  for (std::size_t a = 0; a < row.size(); ++a)
    for (std::size_t b = a + 1; b < row.size(); ++b)
      if (key(lines[row[a]].text) == key(lines[row[b]].text)) return {};
  if (row.size() < 2 || row.front() != first) return {};
  return row;
}

// The columns under a row of headings: each reaches half way to its neighbours (as far beyond
// the outer ones); column j is [bounds[j], bounds[j + 1]].
std::vector<double> column_bounds(const std::vector<Line>& lines,
                                  const std::vector<std::size_t>& row) {
  const std::size_t n = row.size();
  auto cx = [&](std::size_t j) { return lines[row[j]].box.cx(); };
  std::vector<double> bounds(n + 1);
  for (std::size_t j = 1; j < n; ++j)
    bounds[j] = (cx(j - 1) + cx(j)) / 2;
  bounds[0] = cx(0) - (cx(1) - cx(0)) / 2;
  bounds[n] = cx(n - 1) + (cx(n - 1) - cx(n - 2)) / 2;
  return bounds;
}

// A table whose level is a check mark in one of the columns headed by level words (高 / 中 / 低,
// High / Medium / Low: two or more on one row): each row's level is the header of the column its
// mark sits under. The rows are the name cells left of the level columns (aligned with the names
// of the marked rows, in a run of rows no further apart than one and a half of the marks' step);
// a row with no mark or with marks under two levels is an unknown_level problem, not a guess.
void read_check_tables(const std::vector<Line>& lines, int page_number, std::vector<bool>& used,
                       const std::vector<bool>& category, PageFindings& findings) {
  std::vector<std::size_t> words;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!used[i] && lines[i].rotation == 0 && is_level(lines[i].text) &&
        symbol_level(lines[i].text) == 0)
      words.push_back(i);
  for (std::size_t first : words) {
    if (used[first]) continue;
    const Line& anchor_cell = lines[first];
    const double em = anchor_cell.font_size;
    // The header row: level words on the anchor's row, each once, left to right.
    const std::vector<std::size_t> header =
        heading_row(lines, words, used, first, [](const std::string& text) { return trim(text); });
    if (header.empty()) continue;
    const std::size_t n = header.size();
    const std::vector<double> bounds = column_bounds(lines, header);
    const double header_cy = anchor_cell.box.cy();
    struct Mark {
      std::size_t line;
      std::size_t column;
      int kind;
    };
    std::vector<Mark> marks;
    bool filled = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Line& l = lines[i];
      const int kind = check_mark(l.text);
      if (used[i] || kind == 0 || l.rotation != 0 || l.box.cy() < header_cy + 0.5 * em ||
          l.box.cx() < bounds[0] || l.box.cx() > bounds[n])
        continue;
      std::size_t column = 0;
      while (column + 1 < n && l.box.cx() > bounds[column + 1])
        ++column;
      marks.push_back({i, column, kind});
      filled = filled || kind == 1;
    }
    // With filled dots present, the empty ones are the cells left unmarked.
    std::vector<Mark> set;
    for (const Mark& m : marks)
      if (m.kind == 1 || !filled) set.push_back(m);
    if (set.size() < 2) continue;
    std::sort(set.begin(), set.end(), [&](const Mark& a, const Mark& b) {
      return lines[a.line].box.cy() < lines[b.line].box.cy();
    });
    // The names of the marked rows: the nearest text left of the level columns on each.
    std::vector<double> lefts;
    for (const Mark& m : set) {
      const Line& mark = lines[m.line];
      std::vector<std::size_t> candidates;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        if (used[i] || l.rotation != 0 || l.box.x1 > bounds[0] + 1 || is_level(l.text) ||
            check_mark(l.text) != 0 || std::abs(l.box.cy() - mark.box.cy()) > 0.6 * em)
          continue;
        candidates.push_back(i);
      }
      const std::size_t name = pick_name(lines, candidates, category);
      if (name < lines.size()) lefts.push_back(lines[name].box.x0);
    }
    if (lefts.size() * 2 < set.size()) continue;
    std::nth_element(lefts.begin(), lefts.begin() + lefts.size() / 2, lefts.end());
    const double names_left = lefts[lefts.size() / 2];
    // The marks' step between rows.
    std::vector<double> steps;
    for (std::size_t k = 1; k < set.size(); ++k) {
      const double step = lines[set[k].line].box.cy() - lines[set[k - 1].line].box.cy();
      if (step > 0.5 * em) steps.push_back(step);
    }
    if (steps.empty()) continue;
    std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
    const double pitch = steps[steps.size() / 2];
    // The name cells: lines aligned with the names, below the header, stacked lines (a wrapped
    // name) one cell, in one run of rows.
    std::vector<std::size_t> name_lines;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Line& l = lines[i];
      if (used[i] || l.rotation != 0 || std::abs(l.box.x0 - names_left) > 0.5 * em ||
          l.box.x1 > bounds[0] + 1 || l.box.cy() < header_cy + 0.5 * em || category[i] ||
          is_header(l.text) || !looks_like_issue_name(l.text))
        continue;
      name_lines.push_back(i);
    }
    std::sort(name_lines.begin(), name_lines.end(),
              [&](std::size_t a, std::size_t b) { return lines[a].box.cy() < lines[b].box.cy(); });
    std::vector<std::vector<std::size_t>> cells;
    double previous_cy = header_cy;
    for (std::size_t i : name_lines) {
      const Line& l = lines[i];
      if (!cells.empty() && l.box.y0 - lines[cells.back().back()].box.y1 < 0.45 * em) {
        cells.back().push_back(i);
        continue;
      }
      if (l.box.cy() - previous_cy > 1.5 * pitch) break;
      cells.push_back({i});
      previous_cy = l.box.cy();
    }
    if (cells.size() < 2) continue;
    std::vector<Box> cell_boxes;
    for (const auto& cell : cells) {
      Box box = lines[cell.front()].box;
      for (std::size_t i : cell)
        box = box.united(lines[i].box);
      cell_boxes.push_back(box);
    }
    // Each mark belongs to the row whose band (half way to the neighbouring rows) holds it.
    std::vector<std::vector<std::size_t>> row_marks(cells.size());
    for (std::size_t m = 0; m < set.size(); ++m) {
      const double y = lines[set[m].line].box.cy();
      for (std::size_t r = 0; r < cells.size(); ++r) {
        const double top = r > 0 ? (cell_boxes[r - 1].cy() + cell_boxes[r].cy()) / 2
                                 : cell_boxes[r].y0 - 0.5 * pitch,
                     bottom = r + 1 < cells.size()
                                  ? (cell_boxes[r].cy() + cell_boxes[r + 1].cy()) / 2
                                  : cell_boxes[r].y1 + 0.5 * pitch;
        if (y >= top && y < bottom) {
          row_marks[r].push_back(m);
          break;
        }
      }
    }
    for (std::size_t r = 0; r < cells.size(); ++r) {
      Entry entry;
      entry.kind = "table";
      entry.page = page_number;
      entry.box = cell_boxes[r];
      for (std::size_t i : cells[r]) {
        entry.name = join_text(entry.name, lines[i].text);
        used[i] = true;
      }
      std::vector<std::size_t> columns;
      for (std::size_t m : row_marks[r]) {
        entry.box = entry.box.united(lines[set[m].line].box);
        if (std::find(columns.begin(), columns.end(), set[m].column) == columns.end())
          columns.push_back(set[m].column);
      }
      std::sort(columns.begin(), columns.end());
      if (columns.size() == 1) {
        entry.level = trim(lines[header[columns.front()]].text);
        findings.entries.push_back(std::move(entry));
        continue;
      }
      std::string marked;
      for (std::size_t c : columns)
        marked += (marked.empty() ? "" : " and ") + trim(lines[header[c]].text);
      findings.problems.push_back(
          {"unknown_level", page_number, entry.name, entry.box,
           columns.empty()
               ? "no level column is marked on the row of " + entry.name + "; the issue is left out"
               : "the row of " + entry.name + " is marked under " + marked +
                     ", more than one level; the issue is left out"});
    }
    for (std::size_t i : header)
      used[i] = true;
    for (const Mark& m : marks)
      used[m.line] = true;
  }
}

// A tier heading over a card of issues: a level word alone (Highly material) or with 议题 (非常重要
// 议题, 核心议题) or topics / issues (High topics); the level word, as printed, or "" when the text
// is no such heading. "Material topics" is the names' header, not a tier.
std::string tier_level(const std::string& text) {
  static const char* const suffixes[] = {"议题", " topics", " issues", " Topics", " Issues"};
  const std::string trimmed = trim(text);
  if (is_level(trimmed) && symbol_level(trimmed) == 0) return trimmed;
  for (const char* suffix : suffixes) {
    const std::string end = suffix;
    if (trimmed.size() <= end.size() ||
        trimmed.compare(trimmed.size() - end.size(), end.size(), end))
      continue;
    const std::string level = trim(trimmed.substr(0, trimmed.size() - end.size()));
    if (is_level(level) && symbol_level(level) == 0 && level != "Material" && level != "material")
      return level;
  }
  return "";
}

// Issues set in cards side by side under tier headings (非常重要议题 | 重要议题 | 一般议题: two or
// more on one row, distinct): each card's issues are the lines under its heading and within its
// column (half way to the neighbouring headings, as far beyond the outer ones), one a row from
// just under the heading down to the first gap of more than 2.5 em (lines closer than 0.45 em are
// one wrapped name); each takes its heading's level word as printed.
void read_tier_cards(const std::vector<Line>& lines, int page_number, std::vector<bool>& used,
                     const std::vector<bool>& category, PageFindings& findings) {
  std::vector<std::size_t> headings;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!used[i] && lines[i].rotation == 0 && !tier_level(lines[i].text).empty())
      headings.push_back(i);
  for (std::size_t first : headings) {
    if (used[first]) continue;
    const double em = lines[first].font_size;
    const std::vector<std::size_t> row = heading_row(lines, headings, used, first, tier_level);
    if (row.empty()) continue;
    const std::size_t n = row.size();
    const std::vector<double> bounds = column_bounds(lines, row);
    std::vector<std::vector<std::vector<std::size_t>>> cards(n);
    bool every_card = true;
    for (std::size_t j = 0; j < n && every_card; ++j) {
      const Line& heading = lines[row[j]];
      std::vector<std::size_t> below;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        if (used[i] || l.rotation != 0 || l.box.y0 < heading.box.y1 - 1 || l.box.x0 < bounds[j] ||
            l.box.x1 > bounds[j + 1])
          continue;
        below.push_back(i);
      }
      std::sort(below.begin(), below.end(), [&](std::size_t a, std::size_t b) {
        return lines[a].box.cy() < lines[b].box.cy();
      });
      double bottom = heading.box.y1;
      for (std::size_t i : below) {
        const Line& l = lines[i];
        if (l.box.y0 - bottom > 2.5 * em || !tier_level(l.text).empty()) break;
        if (!cards[j].empty() && l.box.y0 - bottom < 0.45 * em)
          cards[j].back().push_back(i);
        else
          cards[j].push_back({i});
        bottom = l.box.y1;
      }
      every_card = !cards[j].empty();
      for (const auto& card : cards[j]) {
        std::string name;
        for (std::size_t i : card)
          name = join_text(name, lines[i].text);
        every_card = every_card && looks_like_issue_name(name) && !category[card.front()] &&
                     !is_header(name);
      }
    }
    if (!every_card) continue;
    for (std::size_t j = 0; j < n; ++j) {
      for (const auto& card : cards[j]) {
        Entry entry;
        entry.kind = "table";
        entry.level = tier_level(lines[row[j]].text);
        entry.page = page_number;
        entry.box = lines[card.front()].box;
        for (std::size_t i : card) {
          entry.name = join_text(entry.name, lines[i].text);
          entry.box = entry.box.united(lines[i].box);
          used[i] = true;
        }
        findings.entries.push_back(std::move(entry));
      }
      used[row[j]] = true;
    }
  }
}

}  // namespace

void read_tables(const PageContent& page, const std::vector<Line>& lines, PageFindings& findings) {
  // Level cells, grouped into columns by their centre.
  std::vector<bool> used(lines.size(), false);
  const std::vector<bool> category = category_cells(lines);
  read_check_tables(lines, page.number, used, category, findings);
  std::vector<std::size_t> level_cells;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (!used[i] && lines[i].rotation == 0 && is_level(lines[i].text)) level_cells.push_back(i);
  std::vector<std::vector<std::size_t>> columns;
  for (std::size_t i : level_cells) {
    bool placed = false;
    for (auto& column : columns)
      if (std::abs(lines[column.front()].box.cx() - lines[i].box.cx()) < 1.5 * lines[i].font_size) {
        column.push_back(i);
        placed = true;
        break;
      }
    if (!placed) columns.push_back({i});
  }
  for (auto& column : columns) {
    if (column.size() < 2) continue;  // one level word is prose, not a table
    std::vector<Entry> rows;
    bool names_left = false;  // some level has text left of it on its row
    std::sort(column.begin(), column.end(),
              [&](std::size_t a, std::size_t b) { return lines[a].box.cy() < lines[b].box.cy(); });
    // The rows' pitch (the median step between level cells): the last row reaches as far below
    // its level as three quarters of it (a name wrapped onto a second line), up to 2.5 em.
    std::vector<double> steps;
    for (std::size_t k = 1; k < column.size(); ++k)
      steps.push_back(lines[column[k]].box.cy() - lines[column[k - 1]].box.cy());
    std::nth_element(steps.begin(), steps.begin() + steps.size() / 2, steps.end());
    const double pitch = steps[steps.size() / 2];
    for (std::size_t k = 0; k < column.size(); ++k) {
      const Line& level = lines[column[k]];
      // The row: half way to the neighbouring level cells.
      const double above =
          k > 0 ? lines[column[k - 1]].box.cy() : level.box.cy() - 2 * level.font_size;
      const double last_reach = std::clamp(0.75 * pitch, level.font_size, 2.5 * level.font_size);
      const double row_top = (above + level.box.cy()) / 2,
                   row_bottom = k + 1 < column.size()
                                    ? (lines[column[k + 1]].box.cy() + level.box.cy()) / 2
                                    : level.box.cy() + last_reach;
      // The name cell: the nearest text left of the level on its row, and the lines stacked with
      // it.
      std::vector<std::size_t> candidates;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        if (used[i] || l.rotation != 0 || l.box.x1 > level.box.x0 + 1 || is_level(l.text)) continue;
        if (l.box.cy() < row_top || l.box.cy() > row_bottom) continue;
        if (!overlaps(l.box.y0, l.box.y1, level.box.y0 - level.font_size,
                      level.box.y1 + level.font_size) &&
            std::abs(l.box.cy() - level.box.cy()) > 1.5 * level.font_size)
          continue;
        candidates.push_back(i);
      }
      const std::size_t nearest = pick_name(lines, candidates, category);
      if (nearest == lines.size()) continue;
      const Box cell_column = lines[nearest].box;
      std::vector<std::size_t> parts;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        if (used[i] || l.rotation != 0 || l.box.cy() < row_top || l.box.cy() > row_bottom) continue;
        if (!overlaps(l.box.x0, l.box.x1, cell_column.x0, cell_column.x1) ||
            l.box.x1 > level.box.x0 + 1 || category[i])
          continue;
        parts.push_back(i);
      }
      std::sort(parts.begin(), parts.end(), [&](std::size_t a, std::size_t b) {
        return lines[a].box.cy() < lines[b].box.cy();
      });
      names_left = true;
      // Characters set one a line (a title printed vertically, as a grid's axis title beside
      // its rows' 高 / 中 / 低) are no name cell.
      const bool vertical =
          parts.size() >= 3 && std::all_of(parts.begin(), parts.end(), [&](std::size_t i) {
            return to_u32(trim(lines[i].text)).size() == 1;
          });
      Entry entry;
      entry.kind = "table";
      entry.level = level.text;
      entry.level_count = symbol_level(level.text);
      entry.page = page.number;
      entry.box = level.box;
      for (std::size_t i : parts) {
        entry.name = join_text(entry.name, lines[i].text);
        entry.box = entry.box.united(lines[i].box);
        used[i] = true;
      }
      used[column[k]] = true;
      if (!is_header(entry.name) && !vertical) rows.push_back(std::move(entry));
    }
    if (!names_left) read_level_spans(lines, column, page.number, used, category, rows);
    strip_row_numbers(rows);
    for (Entry& row : rows)
      findings.entries.push_back(std::move(row));
  }
  // After the level columns, whose level cells on one row are no tier headings.
  read_tier_cards(lines, page.number, used, category, findings);
  // "议题 重要性：高" forms: the level follows the words 重要性 / importance on the line.
  static const std::regex inline_level(
      R"(^(.*?)\s*(?:重要性|重要程度|Importance|importance)\s*(?::|：)\s*(\S+)\s*$)");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch match;
    if (used[i] || lines[i].text.size() > kMaxPatternLine ||
        !std::regex_match(lines[i].text, match, inline_level) || !is_level(match[2].str()))
      continue;
    Entry entry;
    entry.kind = "table";
    entry.level = match[2].str();
    entry.level_count = symbol_level(entry.level);
    entry.page = page.number;
    entry.box = lines[i].box;
    entry.name = trim(match[1].str());
    if (entry.name.empty()) {
      // The name is the nearest line left of it on its row.
      std::vector<std::size_t> candidates;
      for (std::size_t j = 0; j < lines.size(); ++j) {
        const Line& l = lines[j];
        if (used[j] || j == i || l.box.x1 > lines[i].box.x0 + 1 ||
            std::abs(l.box.cy() - lines[i].box.cy()) > 0.5 * lines[i].font_size)
          continue;
        candidates.push_back(j);
      }
      const std::size_t left = pick_name(lines, candidates, category);
      if (left < lines.size()) {
        entry.name = lines[left].text;
        entry.box = entry.box.united(lines[left].box);
        used[left] = true;
      }
    }
    if (entry.name.empty()) {
      // The name is the line just above.
      for (std::size_t j = i; j-- > 0;) {
        const Line& l = lines[j];
        if (l.box.y1 <= lines[i].box.y0 + 1 &&
            lines[i].box.y0 - l.box.y1 < 1.5 * lines[i].font_size &&
            overlaps(l.box.x0, l.box.x1, lines[i].box.x0 - 1, lines[i].box.x1 + 1) && !used[j] &&
            !category[j]) {
          entry.name = l.text;
          entry.box = entry.box.united(l.box);
          used[j] = true;
          break;
        }
      }
    }
    used[i] = true;
    if (!entry.name.empty()) findings.entries.push_back(std::move(entry));
  }
  read_rank_columns(lines, page.number, used, category, findings);
}

namespace {

// The value of a circled number ① ... ⑳, ㉑ ... ㉟, ㊱ ... ㊿ (three bytes of UTF-8 each) opening
// `text`, or 0.
int circled_number(const std::string& text) {
  const std::u32string first = to_u32(text.substr(0, 3));
  if (first.size() != 1) return 0;
  const char32_t code = first[0];
  if (code >= 0x2460 && code <= 0x2473) return static_cast<int>(code - 0x2460) + 1;
  if (code >= 0x3251 && code <= 0x325F) return static_cast<int>(code - 0x3251) + 21;
  if (code >= 0x32B1 && code <= 0x32BF) return static_cast<int>(code - 0x32B1) + 36;
  return 0;
}

// A list item's number and name: "1. name", "1、name", "1) name", "1）name", the number in
// parentheses, "(1) name", "（1）name" (full-width or ASCII, either side), or circled, "①name".
bool list_item(const std::string& text, int& number, std::string& name) {
  static const std::regex item_pattern(
      R"(^\s*(?:(?:\(|（)\s*(\d{1,3})\s*(?:\)|）)|(\d{1,3})\s*(?:[.)]|、|．|）))\s*(\D.*)$)");
  if (text.size() > kMaxPatternLine) return false;
  const std::string trimmed = trim(text);
  if (const int circled = circled_number(trimmed); circled > 0) {
    name = trim(trimmed.substr(3));
    number = circled;
    return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  }
  std::smatch match;
  if (!std::regex_match(text, match, item_pattern)) return false;
  number = std::stoi(match[1].matched ? match[1].str() : match[2].str());
  name = trim(match[3].str());
  return true;
}

// A rank number set on its own: "1", "1.", "1、", "1)", "(1)", "（1）" or "①".
bool bare_number(const std::string& text, int& number) {
  static const std::regex number_pattern(
      R"(^\s*(?:(?:\(|（)\s*(\d{1,3})\s*(?:\)|）)|(\d{1,3})\s*(?:[.)]|、|．|）)?)\s*$)");
  const std::string trimmed = trim(text);
  if (trimmed.size() == 3 && circled_number(trimmed) > 0) {
    number = circled_number(trimmed);
    return true;
  }
  std::smatch match;
  if (text.size() > 16 || !std::regex_match(text, match, number_pattern)) return false;
  number = std::stoi(match[1].matched ? match[1].str() : match[2].str());
  return true;
}

bool starts_with_bullet(const std::string& text) {
  const std::u32string u = to_u32(trim(text));
  if (u.empty()) return false;
  static const std::u32string bullets = U"•·‧●○■□▪▫◆◇►▶-–—*";
  return bullets.find(u[0]) != std::u32string::npos;
}

}  // namespace

void read_lists(const PageContent& page, const std::vector<Line>& lines, PageFindings& findings,
                int& next_rank) {
  struct Item {
    int number;
    std::string name;
    Box box;
    double font_size;
  };
  std::vector<Item> items;
  // A number standing apart, left of its name on the row (a rank in a circle, groff's hanging
  // tag): the name is the nearest line starting right of it within three em, the last text on
  // the row (a table's row goes on with its level) and not already read as another entry.
  const auto name_beside = [&](std::size_t i) -> std::optional<std::size_t> {
    std::optional<std::size_t> best;
    for (std::size_t j = 0; j < lines.size(); ++j) {
      const Line& l = lines[j];
      const double centre = (lines[i].box.y0 + lines[i].box.y1) / 2;
      if (j == i || l.rotation != 0 ||
          std::abs((l.box.y0 + l.box.y1) / 2 - centre) >= 0.5 * l.font_size ||
          l.box.x1 <= lines[i].box.x1)
        continue;
      const double gap = l.box.x0 - lines[i].box.x1;
      if (gap < -0.1 * l.font_size || gap > 3 * l.font_size) return std::nullopt;
      if (!best || l.box.x0 < lines[*best].box.x0) best = j;
    }
    if (!best) return std::nullopt;
    const Line& name = lines[*best];
    for (std::size_t j = 0; j < lines.size(); ++j)
      if (j != *best && j != i && lines[j].rotation == 0 && lines[j].box.x0 >= name.box.x1 - 1 &&
          std::abs((lines[j].box.y0 + lines[j].box.y1) / 2 - (name.box.y0 + name.box.y1) / 2) <
              0.5 * name.font_size)
        return std::nullopt;
    for (const Entry& e : findings.entries)
      if (e.page == page.number && e.box.x0 < name.box.x1 && name.box.x0 < e.box.x1 &&
          e.box.y0 < name.box.y1 && name.box.y0 < e.box.y1)
        return std::nullopt;
    return best;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    int number = 0;
    std::string name;
    if (lines[i].rotation != 0) continue;
    if (bare_number(lines[i].text, number)) {
      const std::optional<std::size_t> beside = name_beside(i);
      if (!beside) continue;
      const Line& first = lines[*beside];
      int other_number = 0;
      std::string other_name;
      if (list_item(first.text, other_number, other_name) || bare_number(first.text, other_number))
        continue;
      Item item{number, first.text, lines[i].box.united(first.box), first.font_size};
      // A wrapped name goes on aligned under the name's text, close below; lines under it that
      // start with a bullet, or are set apart, are the item's description.
      for (std::size_t j = 0; j < lines.size(); ++j) {
        const Line& next = lines[j];
        const double gap = next.box.y0 - first.box.y1;
        if (j == *beside || next.rotation != 0 || gap < -0.2 * first.font_size ||
            gap > 0.4 * first.font_size ||
            std::abs(next.box.x0 - first.box.x0) > 0.5 * first.font_size)
          continue;
        const bool numbered_apart = std::any_of(lines.begin(), lines.end(), [&](const Line& l) {
          return l.rotation == 0 && l.box.x1 <= next.box.x0 + 1 &&
                 next.box.x0 - l.box.x1 < 3 * next.font_size &&
                 std::abs((l.box.y0 + l.box.y1) / 2 - (next.box.y0 + next.box.y1) / 2) <
                     0.5 * next.font_size &&
                 bare_number(l.text, other_number);
        });
        if (!numbered_apart && !list_item(next.text, other_number, other_name) &&
            !starts_with_bullet(next.text) &&
            std::abs(next.font_size - first.font_size) < 0.2 * first.font_size) {
          item.name = join_text(item.name, next.text);
          item.box = item.box.united(next.box);
        }
        break;
      }
      if (looks_like_issue_name(item.name)) items.push_back(std::move(item));
      continue;
    }
    if (!list_item(lines[i].text, number, name)) continue;
    Item item{number, name, lines[i].box, lines[i].font_size};
    // A name wrapped onto the next line: indented under the text, close below, not numbered.
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      const Line& next = lines[j];
      const double gap = next.box.y0 - item.box.y1;
      if (gap < -0.2 * item.font_size) continue;
      if (gap > 0.4 * item.font_size) break;
      int other_number = 0;
      std::string other_name;
      if (list_item(next.text, other_number, other_name)) break;
      if (next.box.x0 > item.box.x0 + 0.5 * item.font_size &&
          next.box.x0 < item.box.x0 + 4 * item.font_size &&
          std::abs(next.font_size - item.font_size) < 0.2 * item.font_size) {
        item.name = join_text(item.name, next.text);
        item.box = item.box.united(next.box);
      }
      break;
    }
    if (looks_like_issue_name(item.name)) items.push_back(std::move(item));
  }
  // Reading order: column by column (items whose left edges align within two em), left to
  // right, each top to bottom, so that a list set in two columns runs down the first column and
  // on in the second.
  std::vector<double> column_lefts;
  std::vector<std::size_t> column_of(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    std::size_t c = 0;
    while (c < column_lefts.size() &&
           std::abs(column_lefts[c] - items[k].box.x0) >= 2 * items[k].font_size)
      ++c;
    if (c == column_lefts.size()) column_lefts.push_back(items[k].box.x0);
    column_of[k] = c;
  }
  std::vector<std::size_t> order(items.size());
  for (std::size_t k = 0; k < order.size(); ++k)
    order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double left_a = column_lefts[column_of[a]], left_b = column_lefts[column_of[b]];
    if (left_a != left_b) return left_a < left_b;
    return items[a].box.y0 < items[b].box.y0;
  });
  std::vector<Item> ordered;
  for (std::size_t k : order)
    ordered.push_back(std::move(items[k]));
  items = std::move(ordered);
  // A list is a run of items numbered 1, 2, 3 ..., or, first on the page, a run whose numbers go
  // on from the list of the previous page.
  const int expected = next_rank;
  next_rank = 0;
  for (std::size_t start = 0; start < items.size();) {
    std::size_t end = start + 1;
    while (end < items.size() && items[end].number == items[end - 1].number + 1)
      ++end;
    const bool runs_on = start == 0 && expected > 1 && items[start].number == expected;
    if ((end - start >= 2 && items[start].number == 1) || runs_on) {
      for (std::size_t k = start; k < end; ++k) {
        Entry entry;
        entry.kind = "list";
        entry.name = items[k].name;
        entry.rank = items[k].number;
        entry.page = page.number;
        entry.box = items[k].box;
        findings.entries.push_back(std::move(entry));
      }
      // The list may go on over the page, numbered on.
      next_rank = items[end - 1].number + 1;
    }
    start = end;
  }
}

PageFindings read_page(const PageContent& page, int& next_rank) {
  PageFindings findings;
  std::vector<Line> lines = group_lines(page.words);
  for (const Line& l : lines)
    if (names_materiality(l.text)) findings.materiality = true;
  if (page.words.empty()) {
    if (!page.images.empty())
      findings.problems.push_back(
          {"no_text_layer",
           page.number,
           "",
           {0, 0, page.width, page.height},
           "page " + std::to_string(page.number) +
               " is a picture with no text layer; it cannot be read without OCR"});
    next_rank = 0;
    return findings;
  }
  const bool chart = read_chart(page, lines, findings);
  // (A numbered chart's legend is not a list.)
  if (findings.materiality) {
    read_bar_charts(page, lines, findings);
    read_tables(page, lines, findings);
  }
  if (!findings.legend && (findings.materiality || next_rank > 0))
    read_lists(page, lines, findings, next_rank);
  else
    next_rank = 0;
  if (page.ocr) {
    // Read by OCR, which can miss or misread cells: the entries count as half sure, and the page
    // stays a problem for the user to check.
    for (Entry& e : findings.entries)
      e.confidence = std::min(e.confidence, 0.5);
    findings.problems.push_back({"no_text_layer",
                                 page.number,
                                 "",
                                 {0, 0, page.width, page.height},
                                 "page " + std::to_string(page.number) +
                                     " has no text layer; it was read by OCR, which may have "
                                     "missed or misread entries: check them"});
  }
  if (findings.materiality && findings.entries.empty() && !chart) {
    // A materiality page whose chart is a picture.
    for (const Box& image : page.images)
      if (image.width() * image.height() > 0.15 * page.width * page.height) {
        findings.problems.push_back(
            {"no_text_layer", page.number, "", image,
             "the chart on page " + std::to_string(page.number) +
                 " is a picture with no text layer; it cannot be read without OCR"});
        break;
      }
  }
  return findings;
}

}  // namespace materia::extract
