// SPDX-License-Identifier: GPL-2.0-or-later
// Internal types and stages of libmateria_extract, the PDF reader: a page's words and vector shapes
// (from poppler), its text lines, and the readers of charts, tables and numbered lists.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace materia::extract {

// An axis-aligned box in PDF points, origin at the page's top-left corner.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double cx() const { return (x0 + x1) / 2; }
  double cy() const { return (y0 + y1) / 2; }
  Box united(const Box& other) const;
  bool contains(double x, double y, double margin = 0) const;
  // Distance from the point to the box (0 inside it).
  double distance_to(double x, double y) const;
  bool operator==(const Box&) const = default;
};

// One word as poppler found it. rotation: 0 upright, 1 turned 90° clockwise, 2 upside down,
// 3 turned 90° counter-clockwise (a y-axis title read bottom to top).
struct Word {
  std::string text;
  Box box;
  double font_size = 0;
  int rotation = 0;
  bool space_after = false;
};

// A run of words on one baseline (or one column, for rotated text), joined as printed.
struct Line {
  std::string text;
  Box box;
  double font_size = 0;
  int rotation = 0;
};

struct Point {
  double x = 0, y = 0;
};

// The box of a subpath of straight sides that traces an axis-aligned rectangle, from all its
// points: it may start anywhere on the outline (LibreOffice starts in the middle of the bottom
// edge) and pass through points on a side; every side, the closing one too, is horizontal or
// vertical and every corner is visited. None for any other path.
std::optional<Box> rectangle_extent(const std::vector<Point>& points);

// A filled or stroked path: its box, whether it is an axis-aligned rectangle, and its straight
// segments when it is made of lines only (axis lines, ticks).
struct Shape {
  Box box;
  bool filled = false;
  bool stroked = false;
  bool rectangle = false;
  bool curved = false;
  int points = 0;
  double line_width = 0;
  unsigned fill_rgb = 0;
  std::vector<Box> segments;  // each straight segment as the box of its two ends
};

struct PageContent {
  int number = 0;  // from 1
  double width = 0, height = 0;
  std::vector<Word> words;
  std::vector<Shape> shapes;
  std::vector<Box> images;
  bool ocr = false;  // the words come from OCR
};

struct Entry {
  std::string name;
  std::string kind;  // "chart", "table" or "list"
  double stakeholder = 0, business = 0;
  std::string level;
  int level_count = 0;  // a level printed as symbols (●●○, ★★☆): how many are filled
  int rank = 0;
  int page = 0;
  Box box;
  double confidence = 1;
};

struct Problem {
  std::string kind;
  int page = 0;
  std::string text;
  Box box;
  std::string message;
};

struct PageFindings {
  std::vector<Entry> entries;
  std::vector<Problem> problems;
  bool materiality = false;  // the page names materiality or holds a materiality chart
  bool legend = false;       // its chart is numbered: the numbered lines are the chart's legend
};

// ---- text ----
bool is_cjk(char32_t c);
std::u32string to_u32(const std::string& utf8);
std::string to_utf8(const std::u32string& text);
// The CJK radicals (Kangxi radicals U+2F00 ... U+2FD5, CJK Radicals Supplement U+2E80 ...) as
// the unified ideographs Unicode gives as their equivalents (EquivalentUnifiedIdeograph.txt: ⼯
// as 工, ⻛ as 风): a PDF writer that maps a glyph back to the first code point the font's cmap
// gives it (Qt with Noto Sans CJK) writes the radical, which looks the same and is another
// character.
std::string unify_radicals(const std::string& text);
// A word's leading number printed in full-width forms (１, ４０％, －１, ０．５, the 1 of １．or
// （１）) in ASCII, the rest of the word as it is: CJK fonts (R's pdf() device in its GB1 family)
// print digits full width. A number running into a letter or an ideograph (５Ｇ, ２０２４年) is
// part of a name and is kept.
std::string ascii_number(const std::string& text);
// Trims spaces at both ends and collapses inner runs of spaces to one.
std::string trim(const std::string& text);
// Joins two pieces as printed: no space between CJK characters, one space otherwise.
std::string join_text(const std::string& left, const std::string& right);
// Groups words into lines: same rotation, same baseline band, gaps under `max_gap_em` of the font
// and free of any of the `barriers` (a chart's markers, which separate two labels on one row).
std::vector<Line> group_lines(const std::vector<Word>& words, double max_gap_em = 0.8,
                              const std::vector<Box>& barriers = {});
// The longest line the patterns of the readers look at: names, legend entries and list items are
// short, and std::regex recurses once per character (a long line could exhaust the stack).
constexpr std::size_t kMaxPatternLine = 400;
// A level printed as a row of filled and empty symbols of one kind (●●○, ★★☆, ★★★; a single
// ★): the number of filled ones, 1-5; 0 for any other text.
int symbol_level(const std::string& text);
// True when the text names materiality (实质性, 重要性, materiality, material topics/issues).
bool names_materiality(const std::string& text);

// ---- readers ----
// The materiality matrix of a page, if it has one (markers inside a plot frame).
// Returns false when the page holds no chart.
bool read_chart(const PageContent& page, const std::vector<Line>& lines, PageFindings& findings);
// Issue tables (name and level cells).
void read_tables(const PageContent& page, const std::vector<Line>& lines, PageFindings& findings);
// Horizontal bar charts ranking the issues (names left of bars on one baseline): list entries,
// ranked by the bars' lengths.
void read_bar_charts(const PageContent& page, const std::vector<Line>& lines,
                     PageFindings& findings);
// Numbered lists; `next_rank` carries a list that runs on from the previous page (0: none).
void read_lists(const PageContent& page, const std::vector<Line>& lines, PageFindings& findings,
                int& next_rank);
// Everything on one page.
PageFindings read_page(const PageContent& page, int& next_rank);

// ---- OCR (tesseract, when built with it) ----
bool ocr_available();
// The words of an RGB image of a page rendered at `dpi`, in points.
std::vector<Word> ocr_words(const unsigned char* rgb, int width, int height, int row_bytes,
                            double dpi);

// ---- pictures ----
// The shapes of a chart drawn as a picture, from an RGB image of its page rendered at `dpi`, in
// points: one stroked shape whose segments are the long dark lines (at least 60 pt: axes, frame
// edges), and a filled shape for each compact blob of one saturated colour (a marker).
std::vector<Shape> raster_shapes(const unsigned char* rgb, int width, int height, int row_bytes,
                                 double dpi);

// ---- poppler ----
// Opens a PDF; throws std::runtime_error naming the file on failure. With `ocr`, a page with
// images and no words is rendered and read by OCR (its words then have `ocr` set on the page).
std::vector<PageContent> read_document(const std::string& path, bool ocr = false);
void render_page(const std::string& path, int page, double dpi, const std::string& png_path);

}  // namespace materia::extract
