// SPDX-License-Identifier: GPL-2.0-or-later
// The poppler side of the reader: opens a PDF, collects each page's words (TextOutputDev) and
// vector shapes (the same pass: a TextOutputDev subclass that also records paths and images),
// and renders a page to PNG (SplashOutputDev). Poppler's messages never reach stderr: they are
// kept, and the first fatal one becomes the error message.
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>
#include <poppler/Error.h>
#include <splash/SplashBitmap.h>
#include <splash/SplashErrorCodes.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "engine.hpp"

namespace materia::extract {

std::optional<Box> rectangle_extent(const std::vector<Point>& points) {
  constexpr std::size_t kMaxPoints = 9;
  constexpr double kTolerance = 0.01;
  const std::size_t n = points.size();
  if (n < 4 || n > kMaxPoints) return std::nullopt;
  Box box{points[0].x, points[0].y, points[0].x, points[0].y};
  for (const Point& p : points)
    box = box.united({p.x, p.y, p.x, p.y});
  for (std::size_t i = 0; i < n; ++i) {
    const Point& a = points[i];
    const Point& b = points[(i + 1) % n];
    if (std::abs(a.x - b.x) > kTolerance && std::abs(a.y - b.y) > kTolerance) return std::nullopt;
  }
  auto near = [](double a, double b) { return std::abs(a - b) <= kTolerance; };
  bool corners[4] = {false, false, false, false};
  for (const Point& p : points) {
    const bool left = near(p.x, box.x0), right = near(p.x, box.x1);
    const bool top = near(p.y, box.y0), bottom = near(p.y, box.y1);
    if (!left && !right && !top && !bottom) return std::nullopt;
    corners[0] = corners[0] || (left && top);
    corners[1] = corners[1] || (right && top);
    corners[2] = corners[2] || (right && bottom);
    corners[3] = corners[3] || (left && bottom);
  }
  if (!(corners[0] && corners[1] && corners[2] && corners[3])) return std::nullopt;
  return box;
}

namespace {

// Poppler's global state (its parameters and its error callback) is shared: one reader at a time.
std::mutex& poppler_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::string last_poppler_error;  // guarded by poppler_mutex()

void keep_poppler_message(ErrorCategory category, Goffset, const char* message) {
  if (category == errSyntaxError || category == errIO || category == errInternal ||
      category == errNotAllowed)
    if (last_poppler_error.empty() && message) last_poppler_error = message;
}

void start_poppler() {
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  setErrorCallback(keep_poppler_message);
  last_poppler_error.clear();
}

unsigned to_rgb(const GfxRGB& rgb) {
  auto byte = [](GfxColorComp c) {
    return static_cast<unsigned>(std::lround(std::clamp(colToDbl(c), 0.0, 1.0) * 255));
  };
  return byte(rgb.r) << 16 | byte(rgb.g) << 8 | byte(rgb.b);
}

// Words through TextOutputDev, and every path filled or stroked, in page coordinates.
class PageCollector : public TextOutputDev {
 public:
  PageCollector() : TextOutputDev(nullptr, nullptr, false, 0, false, false) {}
  std::vector<Shape> shapes;
  std::vector<Box> images;

  bool needNonText() override { return true; }
  void startPage(int page_number, GfxState* state, XRef* xref) override {
    shapes.clear();
    images.clear();
    TextOutputDev::startPage(page_number, state, xref);
  }
  void stroke(GfxState* state) override {
    record(state, false);
    TextOutputDev::stroke(state);
  }
  void fill(GfxState* state) override {
    record(state, true);
    TextOutputDev::fill(state);
  }
  void eoFill(GfxState* state) override {
    record(state, true);
    TextOutputDev::eoFill(state);
  }
  void drawImage(GfxState* state, Object* ref, Stream* str, int width, int height,
                 GfxImageColorMap* color_map, bool interpolate, const int* mask_colors,
                 bool inline_image) override {
    record_image(state);
    OutputDev::drawImage(state, ref, str, width, height, color_map, interpolate, mask_colors,
                         inline_image);
  }
  void drawImageMask(GfxState* state, Object* ref, Stream* str, int width, int height, bool invert,
                     bool interpolate, bool inline_image) override {
    record_image(state);
    OutputDev::drawImageMask(state, ref, str, width, height, invert, interpolate, inline_image);
  }

 private:
  void record_image(GfxState* state) {
    // The image is the unit square under the current transformation.
    double xs[4], ys[4];
    state->transform(0, 0, &xs[0], &ys[0]);
    state->transform(1, 0, &xs[1], &ys[1]);
    state->transform(0, 1, &xs[2], &ys[2]);
    state->transform(1, 1, &xs[3], &ys[3]);
    images.push_back({*std::min_element(xs, xs + 4), *std::min_element(ys, ys + 4),
                      *std::max_element(xs, xs + 4), *std::max_element(ys, ys + 4)});
  }

  void record(GfxState* state, bool filled) {
    const GfxPath* path = state->getPath();
    if (!path || path->getNumSubpaths() == 0) return;
    // A path of several separate rectangles (one table rule per subpath) is kept as one shape per
    // subpath; other paths stay whole (a marker's outline can take more than one subpath).
    bool all_rectangles = path->getNumSubpaths() > 1;
    for (int s = 0; s < path->getNumSubpaths() && all_rectangles; ++s)
      all_rectangles = subpath_is_rectangle(state, path->getSubpath(s));
    if (all_rectangles) {
      for (int s = 0; s < path->getNumSubpaths(); ++s)
        add_shape(state, filled, s, s + 1);
    } else {
      add_shape(state, filled, 0, path->getNumSubpaths());
    }
  }

  // Whether the subpath is an axis-aligned rectangle (rectangle_extent).
  static bool subpath_is_rectangle(GfxState* state, const GfxSubpath* subpath) {
    std::vector<Point> points;
    for (int i = 0; i < subpath->getNumPoints(); ++i) {
      if (subpath->getCurve(i)) return false;
      Point p;
      state->transform(subpath->getX(i), subpath->getY(i), &p.x, &p.y);
      points.push_back(p);
    }
    return rectangle_extent(points).has_value();
  }

  void add_shape(GfxState* state, bool filled, int first, int last) {
    const GfxPath* path = state->getPath();
    Shape shape;
    shape.filled = filled;
    shape.stroked = !filled;
    shape.line_width = state->getTransformedLineWidth();
    GfxRGB rgb;
    if (filled)
      state->getFillRGB(&rgb);
    else
      state->getStrokeRGB(&rgb);
    shape.fill_rgb = to_rgb(rgb);
    bool first_point = true;
    for (int s = first; s < last; ++s) {
      const GfxSubpath* subpath = path->getSubpath(s);
      double previous_x = 0, previous_y = 0;
      for (int i = 0; i < subpath->getNumPoints(); ++i) {
        double x, y;
        state->transform(subpath->getX(i), subpath->getY(i), &x, &y);
        if (!std::isfinite(x) || !std::isfinite(y)) return;
        if (subpath->getCurve(i)) shape.curved = true;
        if (first_point) {
          shape.box = {x, y, x, y};
          first_point = false;
        } else {
          shape.box = shape.box.united({x, y, x, y});
        }
        if (i > 0 && !subpath->getCurve(i) && !subpath->getCurve(i - 1))
          shape.segments.push_back({std::min(previous_x, x), std::min(previous_y, y),
                                    std::max(previous_x, x), std::max(previous_y, y)});
        previous_x = x;
        previous_y = y;
        ++shape.points;
      }
    }
    if (first_point) return;
    shape.rectangle = last - first == 1 && subpath_is_rectangle(state, path->getSubpath(first));
    if (shape.rectangle && filled) {
      // A fill clipped to a smaller region (a table cell's background painted as the whole page
      // clipped to the cell, as cairo and WeasyPrint do) covers only the clip's box.
      double x0, y0, x1, y1;
      state->getClipBBox(&x0, &y0, &x1, &y1);
      const Box clipped{std::max(shape.box.x0, x0), std::max(shape.box.y0, y0),
                        std::min(shape.box.x1, x1), std::min(shape.box.y1, y1)};
      if (clipped.x1 <= clipped.x0 || clipped.y1 <= clipped.y0) return;  // nothing shows
      shape.box = clipped;
    }
    shapes.push_back(std::move(shape));
  }
};

// How a word's glyph advances compare with its stated font size: a CJK glyph advances one em, a
// Latin word about half an em per character. Some producers (Chromium) state sizes that are off
// by the text matrix's scale; the page's median ratio corrects them (read_document).
struct AdvanceRatio {
  double ratio = 0;
  bool cjk = false;
};

AdvanceRatio advance_ratio(const TextWord& word, const std::string& text) {
  const double stated = word.getFontSize();
  const int count = word.getLength();
  if (count <= 0 || stated <= 0) return {};
  const std::u32string characters = to_u32(text);
  const bool across = word.getRotation() % 2 == 1;
  std::vector<double> cjk_advances;
  double total = 0;
  for (int i = 0; i < count; ++i) {
    double x0, y0, x1, y1;
    word.getCharBBox(i, &x0, &y0, &x1, &y1);
    const double advance = across ? y1 - y0 : x1 - x0;
    total += advance;
    if (i < static_cast<int>(characters.size()) && is_cjk(characters[static_cast<std::size_t>(i)]))
      cjk_advances.push_back(advance);
  }
  if (!cjk_advances.empty()) {
    std::nth_element(cjk_advances.begin(), cjk_advances.begin() + cjk_advances.size() / 2,
                     cjk_advances.end());
    return {cjk_advances[cjk_advances.size() / 2] / stated, true};
  }
  return {total / (0.5 * count) / stated, false};
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

std::string describe_open_error(const std::string& path, int code) {
  switch (code) {
    case errOpenFile:
      return path + ": cannot open the file" +
             (std::filesystem::exists(path) ? std::string() : " (it does not exist)");
    case errEncrypted:
      return path + ": the PDF is encrypted (password protected); save an unprotected copy";
    case errDamaged:
    case errBadCatalog:
    case errPermission:
    default:
      std::string detail = last_poppler_error.empty() ? "" : " (" + last_poppler_error + ")";
      return path + ": not a readable PDF, or a damaged one" + detail;
  }
}

std::unique_ptr<PDFDoc> open_document(const std::string& path) {
  if (std::filesystem::is_directory(path))
    throw std::runtime_error(path + ": is a directory, not a PDF");
  auto document = std::make_unique<PDFDoc>(std::make_unique<GooString>(path));
  if (!document->isOk())
    throw std::runtime_error(describe_open_error(path, document->getErrorCode()));
  if (document->getNumPages() <= 0) throw std::runtime_error(path + ": the PDF has no pages");
  return document;
}

}  // namespace

std::vector<PageContent> read_document(const std::string& path, bool ocr) {
  std::lock_guard lock(poppler_mutex());
  start_poppler();
  auto document = open_document(path);
  PageCollector collector;
  std::vector<PageContent> pages;
  const int count = document->getNumPages();
  for (int number = 1; number <= count; ++number) {
    last_poppler_error.clear();
    if (!document->getPage(number))
      throw std::runtime_error(path + ", page " + std::to_string(number) +
                               ": the page cannot be read" +
                               (last_poppler_error.empty() ? "" : " (" + last_poppler_error + ")"));
    document->displayPage(&collector, number, 72, 72, 0, false, true, false);
    PageContent page;
    page.number = number;
    page.width = document->getPageCropWidth(number);
    page.height = document->getPageCropHeight(number);
    if (document->getPageRotate(number) % 180 != 0) std::swap(page.width, page.height);
    std::unique_ptr<TextWordList> words = collector.makeWordList();
    // The page's scale of stated font sizes (1 unless the producer inflates them).
    std::vector<double> cjk_ratios, latin_ratios;
    for (int i = 0; words && i < words->getLength(); ++i) {
      const TextWord* word = words->get(i);
      std::unique_ptr<GooString> text(word->getText());
      const AdvanceRatio r = advance_ratio(*word, text ? text->toStr() : std::string());
      if (r.ratio > 0) (r.cjk ? cjk_ratios : latin_ratios).push_back(r.ratio);
    }
    double size_scale = cjk_ratios.empty() ? median(latin_ratios) : median(cjk_ratios);
    if (!(size_scale > 0.3 && size_scale < 0.75)) size_scale = 1;
    for (int i = 0; words && i < words->getLength(); ++i) {
      const TextWord* word = words->get(i);
      std::unique_ptr<GooString> text(word->getText());
      Word out;
      out.text = ascii_number(unify_radicals(text ? text->toStr() : std::string()));
      word->getBBox(&out.box.x0, &out.box.y0, &out.box.x1, &out.box.y1);
      out.rotation = word->getRotation();
      out.space_after = word->getSpaceAfter();
      out.font_size = word->getFontSize() * size_scale;
      if (out.rotation == 0) {
        // The ink of the line (baseline to cap height) rather than the font's full ascent and
        // descent, which some producers inflate.
        out.box.y0 = word->getBaseline() - 0.8 * out.font_size;
        out.box.y1 = word->getBaseline() + 0.12 * out.font_size;
      } else if (out.rotation % 2 == 1) {
        out.box.x0 = word->getBaseline() - 0.45 * out.font_size;
        out.box.x1 = word->getBaseline() + 0.45 * out.font_size;
      }
      if (!out.text.empty()) page.words.push_back(std::move(out));
    }
    page.shapes = std::move(collector.shapes);
    page.images = std::move(collector.images);
    collector.shapes.clear();
    collector.images.clear();
    if (ocr && page.words.empty() && !page.images.empty()) {
      constexpr double dpi = 300;
      SplashColor paper = {255, 255, 255};
      SplashOutputDev splash(splashModeRGB8, 4, false, paper);
      splash.startDoc(document.get());
      document->displayPage(&splash, number, dpi, dpi, 0, false, true, false);
      if (SplashBitmap* bitmap = splash.getBitmap()) {
        page.words = ocr_words(bitmap->getDataPtr(), bitmap->getWidth(), bitmap->getHeight(),
                               bitmap->getRowSize(), dpi);
        // A chart in the picture: its lines and markers, for the chart reader.
        for (Shape& shape : raster_shapes(bitmap->getDataPtr(), bitmap->getWidth(),
                                          bitmap->getHeight(), bitmap->getRowSize(), dpi))
          page.shapes.push_back(std::move(shape));
        page.ocr = true;
      }
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

void render_page(const std::string& path, int page, double dpi, const std::string& png_path) {
  std::lock_guard lock(poppler_mutex());
  start_poppler();
  auto document = open_document(path);
  if (page < 1 || page > document->getNumPages())
    throw std::runtime_error(path + ": no page " + std::to_string(page) + " (the PDF has " +
                             std::to_string(document->getNumPages()) + ")");
  if (!(dpi >= 10 && dpi <= 1200))
    throw std::runtime_error(path + ", page " + std::to_string(page) +
                             ": the resolution must be between 10 and 1200 dpi");
  SplashColor paper = {255, 255, 255};
  SplashOutputDev splash(splashModeRGB8, 4, false, paper);
  splash.startDoc(document.get());
  document->displayPage(&splash, page, dpi, dpi, 0, false, true, false);
  SplashBitmap* bitmap = splash.getBitmap();
  if (!bitmap || bitmap->writeImgFile(splashFormatPng, png_path.c_str(), dpi, dpi) != splashOk)
    throw std::runtime_error(path + ", page " + std::to_string(page) + ": cannot write " +
                             png_path);
}

}  // namespace materia::extract
