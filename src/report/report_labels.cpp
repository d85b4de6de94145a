// Label placement for the charts and text width estimates for it.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "materia/report/report.hpp"

namespace materia {

bool LabelBox::intersects(const LabelBox& other) const {
  return x < other.x + other.width && other.x < x + width && y < other.y + other.height &&
         other.y < y + height;
}

double estimate_text_width(std::string_view text, double font_size, bool bold) {
  // Advances of Noto Sans CJK's Latin glyphs (Source Sans based), rounded up, in em; wide East
  // Asian characters (UAX #11 W and F) are 1 em. Chromium measurements in the report test check
  // that these never under-estimate.
  double em = 0.0;
  std::int32_t offset = 0;
  const auto length = static_cast<std::int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  while (offset < length) {
    UChar32 c = 0;
    U8_NEXT(bytes, offset, length, c);
    if (c < 0) {
      em += 1.0;
      continue;
    }
    auto width = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
    if (width == U_EA_WIDE || width == U_EA_FULLWIDTH) {
      em += 1.0;
    } else if (c == ' ') {
      em += 0.25;
    } else if (c == 'i' || c == 'l' || c == 'j' || c == 'I' || c == '.' || c == ',' || c == ':' ||
               c == ';' || c == '\'' || c == '|' || c == '!') {
      em += 0.28;
    } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
      em += 0.86;
    } else if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '-') {
      em += 0.38;
    } else if (c >= 'A' && c <= 'Z') {
      em += 0.64;
    } else if (c >= '0' && c <= '9') {
      em += 0.56;
    } else {
      em += 0.56;
    }
  }
  return em * font_size * (bold ? 1.06 : 1.0);
}

namespace {

// Penalties, in SVG units of leader length, for a leader that crosses a mark or another leader.
constexpr double kMarkCrossingCost = 40.0;
constexpr double kLeaderCrossingCost = 80.0;

struct Point {
  double x, y;
};
struct Segment {
  Point a, b;
};

double clamp(double v, double lo, double hi) {
  return std::max(lo, std::min(v, hi));
}

bool inside(const LabelBox& box, const LabelBox& bounds) {
  return box.x >= bounds.x && box.y >= bounds.y && box.x + box.width <= bounds.x + bounds.width &&
         box.y + box.height <= bounds.y + bounds.height;
}

// True if the circle (with a 1-unit halo) touches the box.
bool circle_touches_box(const LabelMark& mark, const LabelBox& box) {
  double cx = clamp(mark.x, box.x, box.x + box.width);
  double cy = clamp(mark.y, box.y, box.y + box.height);
  double dx = mark.x - cx, dy = mark.y - cy;
  double r = mark.radius + 1.0;
  return dx * dx + dy * dy < r * r;
}

double segment_point_distance(const Segment& s, Point p) {
  double vx = s.b.x - s.a.x, vy = s.b.y - s.a.y;
  double len2 = vx * vx + vy * vy;
  double t = len2 > 0 ? clamp(((p.x - s.a.x) * vx + (p.y - s.a.y) * vy) / len2, 0.0, 1.0) : 0.0;
  double dx = s.a.x + t * vx - p.x, dy = s.a.y + t * vy - p.y;
  return std::sqrt(dx * dx + dy * dy);
}

// Liang-Barsky: does the segment pass through the (slightly grown) box?
bool segment_touches_box(const Segment& s, const LabelBox& box) {
  const double pad = 1.0;
  double x0 = box.x - pad, y0 = box.y - pad, x1 = box.x + box.width + pad,
         y1 = box.y + box.height + pad;
  double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
  double t0 = 0.0, t1 = 1.0;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {s.a.x - x0, x1 - s.a.x, s.a.y - y0, y1 - s.a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0.0) {
      if (q[i] < 0) return false;
    } else {
      double t = q[i] / p[i];
      if (p[i] < 0)
        t0 = std::max(t0, t);
      else
        t1 = std::min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

double cross(Point o, Point a, Point b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

bool segments_cross(const Segment& s, const Segment& t) {
  double d1 = cross(t.a, t.b, s.a), d2 = cross(t.a, t.b, s.b);
  double d3 = cross(s.a, s.b, t.a), d4 = cross(s.a, s.b, t.b);
  return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0)) && d1 != 0 && d2 != 0 && d3 != 0 &&
         d4 != 0;
}

// A uniform grid over the bounds so each test looks only at nearby marks and labels.
class Grid {
 public:
  Grid(const LabelBox& bounds, double cell) : bounds_(bounds), cell_(cell) {
    columns_ = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(bounds.width / cell)));
    rows_ = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(bounds.height / cell)));
    cells_.resize(columns_ * rows_);
  }
  void insert(const LabelBox& box, std::size_t item) {
    for_cells(box, [&](std::vector<std::size_t>& cell) { cell.push_back(item); });
  }
  // Calls f(item) for every item in a cell the box overlaps (items may repeat).
  template <class F>
  bool any(const LabelBox& box, F f) const {
    bool hit = false;
    const_cast<Grid*>(this)->for_cells(box, [&](std::vector<std::size_t>& cell) {
      if (hit) return;
      for (std::size_t item : cell)
        if (f(item)) {
          hit = true;
          return;
        }
    });
    return hit;
  }

 private:
  template <class F>
  void for_cells(const LabelBox& box, F f) {
    auto index = [&](double v, double origin, std::size_t count) {
      double i = std::floor((v - origin) / cell_);
      return static_cast<std::size_t>(clamp(i, 0.0, static_cast<double>(count - 1)));
    };
    std::size_t c0 = index(box.x, bounds_.x, columns_),
                c1 = index(box.x + box.width, bounds_.x, columns_);
    std::size_t r0 = index(box.y, bounds_.y, rows_),
                r1 = index(box.y + box.height, bounds_.y, rows_);
    for (std::size_t r = r0; r <= r1; ++r)
      for (std::size_t c = c0; c <= c1; ++c)
        f(cells_[r * columns_ + c]);
  }
  LabelBox bounds_;
  double cell_;
  std::size_t columns_ = 1, rows_ = 1;
  std::vector<std::vector<std::size_t>> cells_;
};

LabelBox mark_box(const LabelMark& m) {
  return {m.x - m.radius - 1, m.y - m.radius - 1, 2 * m.radius + 2, 2 * m.radius + 2};
}

LabelBox segment_box(const Segment& s) {
  double x0 = std::min(s.a.x, s.b.x), y0 = std::min(s.a.y, s.b.y);
  return {x0, y0, std::max(s.a.x, s.b.x) - x0, std::max(s.a.y, s.b.y) - y0};
}

}  // namespace

std::vector<LabelPlacement> place_labels(const std::vector<LabelMark>& marks,
                                         const std::vector<LabelRequest>& labels,
                                         const LabelBox& bounds,
                                         const std::vector<LabelBox>& obstacles) {
  std::vector<LabelPlacement> result(labels.size());
  Grid mark_grid(bounds, 32.0), label_grid(bounds, 32.0);
  for (std::size_t m = 0; m < marks.size(); ++m)
    mark_grid.insert(mark_box(marks[m]), m);
  std::vector<LabelBox> placed_boxes;
  std::vector<Segment> leaders;
  for (const auto& obstacle : obstacles) {
    label_grid.insert(obstacle, placed_boxes.size());
    placed_boxes.push_back(obstacle);
  }

  auto box_is_free = [&](const LabelBox& box) {
    if (!inside(box, bounds)) return false;
    if (mark_grid.any(box, [&](std::size_t m) { return circle_touches_box(marks[m], box); }))
      return false;
    if (label_grid.any(box, [&](std::size_t b) { return placed_boxes[b].intersects(box); }))
      return false;
    for (const auto& leader : leaders)
      if (segment_touches_box(leader, box)) return false;
    return true;
  };
  // A leader may not cross a label; crossing another mark or leader is allowed at a price.
  auto leader_cost = [&](const Segment& leader, std::size_t own) {
    LabelBox area = segment_box(leader);
    if (label_grid.any(area,
                       [&](std::size_t b) { return segment_touches_box(leader, placed_boxes[b]); }))
      return std::numeric_limits<double>::infinity();
    double cost = 0.0;
    std::vector<std::size_t> crossed;
    mark_grid.any(area, [&](std::size_t m) {
      if (m != own &&
          segment_point_distance(leader, {marks[m].x, marks[m].y}) < marks[m].radius + 1.5 &&
          std::find(crossed.begin(), crossed.end(), m) == crossed.end())
        crossed.push_back(m);
      return false;
    });
    cost += kMarkCrossingCost * static_cast<double>(crossed.size());
    for (const auto& other : leaders)
      if (segments_cross(leader, other)) cost += kLeaderCrossingCost;
    return cost;
  };

  // Ring directions: horizontal first (labels read best beside a mark), then alternating.
  std::vector<Point> directions;
  std::vector<int> seen;
  for (int step = 0; step <= 9; ++step) {
    for (int degrees : {10 * step, -10 * step, 180 - 10 * step, 180 + 10 * step}) {
      int normalized = ((degrees % 360) + 360) % 360;
      if (std::find(seen.begin(), seen.end(), normalized) != seen.end()) continue;
      seen.push_back(normalized);
      double a = normalized * std::numbers::pi / 180.0;
      directions.push_back({std::cos(a), std::sin(a)});
    }
  }
  const double max_distance = std::hypot(bounds.width, bounds.height);

  // Tries one size of label for one mark: a slot touching the mark, else the cheapest spot on
  // rings of growing distance (distance plus crossing penalties) up to `reach`; the ring search
  // stops once the distance alone exceeds the best cost found.
  auto try_place = [&](std::size_t mark_index, double w, double h, double reach,
                       LabelPlacement& out) {
    const LabelMark& mark = marks.at(mark_index);
    const double r = mark.radius, g = 2.5;
    const double d = r * std::numbers::sqrt2 / 2.0;
    const LabelBox adjacent[8] = {
        {mark.x + r + g, mark.y - h / 2, w, h},     {mark.x - r - g - w, mark.y - h / 2, w, h},
        {mark.x + d, mark.y - d - h, w, h},         {mark.x + d, mark.y + d, w, h},
        {mark.x - d - w, mark.y - d - h, w, h},     {mark.x - d - w, mark.y + d, w, h},
        {mark.x - w / 2, mark.y - r - g - h, w, h}, {mark.x - w / 2, mark.y + r + g, w, h},
    };
    for (const auto& box : adjacent) {
      if (box_is_free(box)) {
        out.box = box;
        out.placed = true;
        return true;
      }
    }
    double best_cost = std::numeric_limits<double>::infinity();
    LabelBox best_box;
    Segment best_leader{};
    for (double distance = r + 14.0;
         distance <= std::min(reach, max_distance) && distance < best_cost; distance += 4.0) {
      for (const Point& u : directions) {
        Point anchor{mark.x + distance * u.x, mark.y + distance * u.y};
        LabelBox box{anchor.x - w / 2, anchor.y - h / 2, w, h};
        if (u.x > 0.35)
          box.x = anchor.x;
        else if (u.x < -0.35)
          box.x = anchor.x - w;
        if (u.y > 0.35)
          box.y = anchor.y;
        else if (u.y < -0.35)
          box.y = anchor.y - h;
        if (!box_is_free(box)) continue;
        Point to{clamp(mark.x, box.x, box.x + box.width),
                 clamp(mark.y, box.y + 1, box.y + box.height - 1)};
        double len = std::hypot(to.x - mark.x, to.y - mark.y);
        if (len <= r) continue;
        Segment leader{{mark.x + r * (to.x - mark.x) / len, mark.y + r * (to.y - mark.y) / len},
                       to};
        double cost = distance + leader_cost(leader, mark_index);
        if (cost < best_cost) best_cost = cost, best_box = box, best_leader = leader;
      }
    }
    if (!std::isfinite(best_cost)) return false;
    out.box = best_box;
    out.placed = out.leader = true;
    out.x1 = best_leader.a.x, out.y1 = best_leader.a.y, out.x2 = best_leader.b.x,
    out.y2 = best_leader.b.y;
    leaders.push_back(best_leader);
    return true;
  };

  for (std::size_t l = 0; l < labels.size(); ++l) {
    const LabelRequest& request = labels[l];
    LabelPlacement& out = result[l];
    if (!try_place(request.mark, request.width, request.height, request.reach, out) &&
        request.fallback_width > 0) {
      out.fallback = try_place(request.mark, request.fallback_width, request.height,
                               std::numeric_limits<double>::infinity(), out);
    }
    if (out.placed) {
      label_grid.insert(out.box, placed_boxes.size());
      placed_boxes.push_back(out.box);
    }
  }
  return result;
}

}  // namespace materia
