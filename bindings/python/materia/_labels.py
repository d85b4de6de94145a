"""Label placement on matplotlib matrices, measured in display pixels after drawing.

The rules are the SVG report's (src/report/report_labels.cpp): each label, best rank first,
takes a slot touching its mark, else the cheapest spot on rings of growing distance joined by a
leader line (distance plus a penalty per mark the leader crosses); a label never overlaps a mark,
another label or a leader, and stays inside the axes. A name that does not fit becomes its number
(found anywhere on the plot, with a leader), listed with the name in a table beside the plot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

_MARK_CROSSING_COST = 40.0
_LEADER_CROSSING_COST = 80.0
_LABEL_CROSSING_COST = 400.0
_GAP = 2.5  # pixels between a mark and a label touching it
_PAD = 1.0  # pixels of halo around every mark and label box


def _directions() -> np.ndarray:
    """Ring directions: horizontal first (labels read best beside a mark), then alternating."""
    seen: list[int] = []
    for step in range(10):
        for degrees in (10 * step, -10 * step, 180 - 10 * step, 180 + 10 * step):
            d = degrees % 360
            if d not in seen:
                seen.append(d)
    a = np.radians(seen)
    return np.column_stack([np.cos(a), np.sin(a)])


_DIRECTIONS = _directions()


@dataclass
class Placement:
    """Where a label went: its box (x0, y0, x1, y1) in display pixels and its leader, if any."""

    box: Optional[tuple] = None
    leader: Optional[tuple] = None  # (x1, y1, x2, y2)


@dataclass
class Placer:
    """Places boxes around marks (display pixels; y grows upwards as in matplotlib)."""

    marks: np.ndarray  # (n, 3): x, y, radius
    bounds: tuple  # x0, y0, x1, y1
    placed: list = field(default_factory=list)
    leaders: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self._placed = np.zeros((0, 4))
        self._leaders = np.zeros((0, 4))
        m = self.marks
        r = m[:, 2] + _PAD
        self._mark_boxes = np.column_stack([m[:, 0] - r, m[:, 1] - r, m[:, 0] + r, m[:, 1] + r])

    def _free(self, boxes: np.ndarray) -> np.ndarray:
        """Which candidate boxes (k, 4) are inside the bounds and touch no mark, label or leader."""
        x0, y0, x1, y1 = self.bounds
        ok = (boxes[:, 0] >= x0) & (boxes[:, 1] >= y0) & (boxes[:, 2] <= x1) & (boxes[:, 3] <= y1)
        for others in (self._mark_boxes, self._placed):
            if len(others) and ok.any():
                hit = ((boxes[:, None, 0] < others[None, :, 2]) & (others[None, :, 0] < boxes[:, None, 2])
                       & (boxes[:, None, 1] < others[None, :, 3]) & (others[None, :, 1] < boxes[:, None, 3]))
                ok &= ~hit.any(axis=1)
        for leader in self._leaders:
            if ok.any():
                ok &= ~_segment_touches_boxes(leader, boxes)
        return ok

    def place(self, mark: int, width: float, height: float, reach: float,
              cross_labels: bool = False) -> Placement:
        """A box of width x height for the mark within ``reach`` pixels; ``cross_labels`` lets
        its leader cross placed labels (at a high price), the last resort for a number."""
        x, y, r = self.marks[mark]
        w, h = width + 2 * _PAD, height + 2 * _PAD
        d = r * math.sqrt(0.5)
        adjacent = np.array([
            (x + r + _GAP, y - h / 2), (x - r - _GAP - w, y - h / 2),
            (x + d, y + d), (x + d, y - d - h), (x - d - w, y + d), (x - d - w, y - d - h),
            (x - w / 2, y + r + _GAP), (x - w / 2, y - r - _GAP - h)])
        boxes = np.column_stack([adjacent, adjacent + [w, h]])
        free = np.flatnonzero(self._free(boxes))
        if len(free):
            return self._take(tuple(boxes[free[0]]), None)
        diagonal = math.hypot(self.bounds[2] - self.bounds[0], self.bounds[3] - self.bounds[1])
        distances = np.arange(r + 14.0, min(reach, diagonal) + 1e-9, 4.0)
        if not len(distances):
            return Placement()
        u = np.tile(_DIRECTIONS, (len(distances), 1))
        dist = np.repeat(distances, len(_DIRECTIONS))
        ax_, ay_ = x + dist * u[:, 0], y + dist * u[:, 1]
        bx = np.where(u[:, 0] > 0.35, ax_, np.where(u[:, 0] < -0.35, ax_ - w, ax_ - w / 2))
        by = np.where(u[:, 1] > 0.35, ay_, np.where(u[:, 1] < -0.35, ay_ - h, ay_ - h / 2))
        boxes = np.column_stack([bx, by, bx + w, by + h])
        free = np.flatnonzero(self._free(boxes))
        best, best_cost = None, math.inf
        for i in free:  # in order of distance
            if dist[i] >= best_cost:
                break
            box = boxes[i]
            tx = min(max(x, box[0]), box[2])
            ty = min(max(y, box[1] + 1), box[3] - 1)
            length = math.hypot(tx - x, ty - y)
            if length <= r:
                continue
            leader = (x + r * (tx - x) / length, y + r * (ty - y) / length, tx, ty)
            cost = dist[i] + self._leader_cost(leader, mark, cross_labels)
            if cost < best_cost:
                best, best_cost = (tuple(box), leader), cost
        if best is None:
            return Placement()
        return self._take(*best)

    def _leader_cost(self, leader: tuple, own: int, cross_labels: bool) -> float:
        placed = self._placed
        crossed = int(_segment_touches_boxes(leader, placed).sum()) if len(placed) else 0
        if crossed and not cross_labels:
            return math.inf
        m = self.marks
        near = _segment_point_distance(leader, m[:, 0], m[:, 1]) < m[:, 2] + 1.5
        near[own] = False
        cost = _MARK_CROSSING_COST * float(near.sum()) + _LABEL_CROSSING_COST * crossed
        if len(self._leaders):
            cost += _LEADER_CROSSING_COST * int(_segments_cross(leader, self._leaders).sum())
        return cost

    def _take(self, box: tuple, leader: Optional[tuple]) -> Placement:
        self.placed.append(box)
        self._placed = np.vstack([self._placed, [box]])
        if leader is not None:
            self.leaders.append(leader)
            self._leaders = np.vstack([self._leaders, [leader]])
        inner = (box[0] + _PAD, box[1] + _PAD, box[2] - _PAD, box[3] - _PAD)
        return Placement(inner, leader)


def _segment_touches_boxes(s: tuple, boxes: np.ndarray) -> np.ndarray:
    """Liang-Barsky, vectorized over boxes: does the segment pass through each (grown) box?"""
    pad = 1.0
    x0, y0 = boxes[:, 0] - pad, boxes[:, 1] - pad
    x1, y1 = boxes[:, 2] + pad, boxes[:, 3] + pad
    dx, dy = s[2] - s[0], s[3] - s[1]
    t0 = np.zeros(len(boxes))
    t1 = np.ones(len(boxes))
    ok = np.ones(len(boxes), dtype=bool)
    for p, q in ((-dx, s[0] - x0), (dx, x1 - s[0]), (-dy, s[1] - y0), (dy, y1 - s[1])):
        if p == 0:
            ok &= q >= 0
        else:
            t = q / p
            if p < 0:
                t0 = np.maximum(t0, t)
            else:
                t1 = np.minimum(t1, t)
    return ok & (t0 <= t1)


def _segment_point_distance(s: tuple, px: np.ndarray, py: np.ndarray) -> np.ndarray:
    vx, vy = s[2] - s[0], s[3] - s[1]
    length2 = vx * vx + vy * vy
    t = np.clip(((px - s[0]) * vx + (py - s[1]) * vy) / length2, 0, 1) if length2 > 0 else 0.0
    return np.hypot(s[0] + t * vx - px, s[1] + t * vy - py)


def _segments_cross(s: tuple, others: np.ndarray) -> np.ndarray:
    """Does the segment properly cross each of ``others`` (m, 4)? Vectorized over others."""
    ax, ay, bx, by = s
    cx, cy, dx, dy = others[:, 0], others[:, 1], others[:, 2], others[:, 3]
    d1 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx)
    d2 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx)
    d3 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    d4 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax)
    return (((d1 > 0) != (d2 > 0)) & ((d3 > 0) != (d4 > 0)) & (d1 != 0) & (d2 != 0) & (d3 != 0)
            & (d4 != 0))
