// SPDX-License-Identifier: GPL-2.0-or-later
// The shapes of a chart drawn as a picture, found in the pixels of its rendered page: long dark
// lines (axes, frame edges) and compact blobs of one saturated colour (markers). The chart reader
// then reads them as it reads vector shapes.
#include <algorithm>
#include <cstdlib>
#include <utility>
#include <vector>

#include "engine.hpp"

namespace materia::extract {
namespace {

struct Pixels {
  const unsigned char* rgb;
  int width, height, row_bytes;
  const unsigned char* at(int x, int y) const {
    return rgb + static_cast<std::ptrdiff_t>(y) * row_bytes + 3 * x;
  }
  // Ink of a line or of text: dark and grey.
  bool dark(int x, int y) const {
    const unsigned char* p = at(x, y);
    return (299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000 < 110;
  }
  // The fill of a marker: a colour, not a grey (pale quadrant bands are not saturated enough).
  bool saturated(int x, int y) const {
    const unsigned char* p = at(x, y);
    const int high = std::max({p[0], p[1], p[2]}), low = std::min({p[0], p[1], p[2]});
    return high - low >= 60;
  }
};

// A straight run of pixels, [from, to] along `row` (or column).
struct Run {
  int row, from, to;
};

// Runs at least `min_length` long along each row of a (possibly transposed) picture: dark pixels,
// continued across a marker's colour lying on the line, at least 70% of them dark.
template <typename Dark, typename Coloured>
std::vector<Run> long_runs(int rows, int length, int min_length, Dark dark, Coloured coloured) {
  std::vector<Run> runs;
  for (int r = 0; r < rows; ++r) {
    int start = -1, dark_count = 0;
    for (int i = 0; i <= length; ++i) {
      const bool is_dark = i < length && dark(r, i);
      const bool on_line = is_dark || (i < length && start >= 0 && coloured(r, i));
      if (on_line) {
        if (start < 0) start = i, dark_count = 0;
        dark_count += is_dark;
        continue;
      }
      if (start >= 0 && i - start >= min_length && dark_count * 10 >= (i - start) * 7)
        runs.push_back({r, start, i - 1});
      start = -1;
    }
  }
  return runs;
}

// Runs on neighbouring rows with the same ends are one thick line: its centre row and ends.
std::vector<Box> merge_runs(std::vector<Run> runs, double scale, bool horizontal) {
  std::vector<Box> lines;
  std::vector<bool> used(runs.size(), false);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (used[i]) continue;
    used[i] = true;
    int first = runs[i].row, last = runs[i].row, from = runs[i].from, to = runs[i].to;
    for (std::size_t j = i + 1; j < runs.size(); ++j) {
      if (used[j] || runs[j].row > last + 1) continue;
      if (runs[j].row == last + 1 && std::abs(runs[j].from - from) <= 2 &&
          std::abs(runs[j].to - to) <= 2) {
        last = runs[j].row;
        from = std::min(from, runs[j].from);
        to = std::max(to, runs[j].to);
        used[j] = true;
      }
    }
    const double centre = (first + last + 1) / 2.0 * scale;
    const double start = from * scale, end = (to + 1) * scale;
    lines.push_back(horizontal ? Box{start, centre, end, centre} : Box{centre, start, centre, end});
  }
  return lines;
}

}  // namespace

std::vector<Shape> raster_shapes(const unsigned char* rgb, int width, int height, int row_bytes,
                                 double dpi) {
  const Pixels pixels{rgb, width, height, row_bytes};
  const double scale = 72.0 / dpi;  // points per pixel
  const int min_length = static_cast<int>(60 / scale);
  std::vector<Shape> shapes;

  Shape lines;
  lines.stroked = true;
  for (const Box& b :
       merge_runs(long_runs(
                      height, width, min_length, [&](int y, int x) { return pixels.dark(x, y); },
                      [&](int y, int x) { return pixels.saturated(x, y); }),
                  scale, true))
    lines.segments.push_back(b);
  for (const Box& b :
       merge_runs(long_runs(
                      width, height, min_length, [&](int x, int y) { return pixels.dark(x, y); },
                      [&](int x, int y) { return pixels.saturated(x, y); }),
                  scale, false))
    lines.segments.push_back(b);
  if (!lines.segments.empty()) {
    lines.box = lines.segments.front();
    for (const Box& s : lines.segments)
      lines.box = lines.box.united(s);
    shapes.push_back(std::move(lines));
  }

  // Markers: 4-connected blobs of saturated pixels, 2.5-26 pt across, at least 40% filled (a
  // circle fills 79% of its box, a diamond or triangle half).
  std::vector<unsigned char> seen(static_cast<std::size_t>(width) * height, 0);
  std::vector<std::pair<int, int>> stack;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      if (seen[static_cast<std::size_t>(y) * width + x] || !pixels.saturated(x, y)) continue;
      int x0 = x, x1 = x, y0 = y, y1 = y;
      long count = 0;
      const double limit = 26 / scale;
      stack.assign(1, {x, y});
      seen[static_cast<std::size_t>(y) * width + x] = 1;
      while (!stack.empty()) {
        const auto [px, py] = stack.back();
        stack.pop_back();
        ++count;
        x0 = std::min(x0, px), x1 = std::max(x1, px), y0 = std::min(y0, py), y1 = std::max(y1, py);
        const std::pair<int, int> next[] = {{px + 1, py}, {px - 1, py}, {px, py + 1}, {px, py - 1}};
        for (const auto& [nx, ny] : next) {
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          unsigned char& mark = seen[static_cast<std::size_t>(ny) * width + nx];
          if (mark || !pixels.saturated(nx, ny)) continue;
          mark = 1;
          stack.push_back({nx, ny});
        }
      }
      const double w = x1 - x0 + 1, h = y1 - y0 + 1;
      if (w * scale < 2.5 || h * scale < 2.5 || w > limit || h > limit) continue;
      if (w > 1.7 * h || h > 1.7 * w || static_cast<double>(count) < 0.4 * w * h) continue;
      Shape marker;
      marker.box = {x0 * scale, y0 * scale, (x1 + 1) * scale, (y1 + 1) * scale};
      marker.filled = true;
      marker.curved = true;  // no arrowhead: it is a blob, whatever its outline
      shapes.push_back(marker);
    }
  return shapes;
}

}  // namespace materia::extract
