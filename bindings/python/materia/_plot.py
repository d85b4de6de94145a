"""Figures of a Result: the double materiality matrix and the composite ranking.

Chinese labels need a CJK font: the Noto CJK fonts from Debian's fonts-noto-cjk are used when
matplotlib finds them. Without one, labels fall back to English names (or ids) so that no label
is ever drawn as empty boxes, and a warning says so once.
"""

from __future__ import annotations

import math
import warnings
from typing import Optional

# E/S/G colours (colour-blind safe: Okabe-Ito green, blue, vermillion).
CATEGORY_COLORS = {"E": "#009E73", "S": "#0072B2", "G": "#D55E00", "": "#7F7F7F"}
CATEGORY_NAMES = {"E": "Environmental", "S": "Social", "G": "Governance", "": "Unspecified"}
TIER_SHADES = ["#F2F2F2", "#FFFFFF"]

_PREFERRED_CJK = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK KR",
                  "Noto Serif CJK SC", "Noto Serif CJK JP", "WenQuanYi Zen Hei", "AR PL UMing CN")
_cjk_font: Optional[str] = None
_cjk_searched = False
_warned = False


def cjk_font() -> Optional[str]:
    """The family name of an installed CJK font matplotlib can use, or None."""
    global _cjk_font, _cjk_searched
    if not _cjk_searched:
        from matplotlib import font_manager

        names = {f.name for f in font_manager.fontManager.ttflist}
        _cjk_font = next((n for n in _PREFERRED_CJK if n in names), None)
        if _cjk_font is None:
            _cjk_font = next((n for n in sorted(names) if "CJK" in n), None)
        _cjk_searched = True
    return _cjk_font


def _label(row, font: Optional[str]) -> str:
    name = str(row["name"])
    if font is not None or name.isascii():
        return name
    return str(row.get("name_en") or "") or str(row["id"])


def _font_and_warn() -> Optional[str]:
    global _warned
    font = cjk_font()
    if font is None and not _warned:
        warnings.warn("materia: no CJK font found (install fonts-noto-cjk); labels use English names",
                      stacklevel=3)
        _warned = True
    return font


def _text_kwargs(font: Optional[str]) -> dict:
    return {"fontfamily": [font, "DejaVu Sans"]} if font else {}


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def place_labels(ax, xs, ys, labels, colors, fontsize: float, font: Optional[str]):
    """Greedy non-overlapping placement: each label (in priority order) takes the first of a
    ring of candidate offsets around its point whose box hits no earlier label, no marker and
    stays inside the axes; labels that fit nowhere are left out. Returns (texts, omitted)."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    to_display = ax.transData.transform
    marker_boxes = []
    for x, y in zip(xs, ys):
        px, py = to_display((x, y))
        marker_boxes.append((px - 3, py - 3, px + 3, py + 3))
    placed, texts, omitted = [], [], []
    directions = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]
    for i, (x, y, text, color) in enumerate(zip(xs, ys, labels, colors)):
        done = False
        for radius in (5, 10, 16, 24, 34, 46):
            for dx, dy in directions:
                ha = "left" if dx > 0 else "right" if dx < 0 else "center"
                va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
                norm = math.hypot(dx, dy)
                offset = (radius * dx / norm, radius * dy / norm)
                annotation = ax.annotate(
                    text, (x, y), xytext=offset, textcoords="offset points", ha=ha, va=va,
                    fontsize=fontsize, color="#222222", zorder=5,
                    arrowprops=({"arrowstyle": "-", "color": color, "lw": 0.6, "shrinkA": 0, "shrinkB": 2}
                                if radius > 10 else None),
                    **_text_kwargs(font))
                box = annotation.get_window_extent(renderer).expanded(1.04, 1.1)
                inside = (box.x0 >= axes_box.x0 and box.x1 <= axes_box.x1 and box.y0 >= axes_box.y0
                          and box.y1 <= axes_box.y1)
                hits_marker = any(
                    box.x0 < m[2] and m[0] < box.x1 and box.y0 < m[3] and m[1] < box.y1
                    for j, m in enumerate(marker_boxes) if j != i)
                if inside and not hits_marker and not any(_overlaps(box, p) for p in placed):
                    placed.append(box)
                    texts.append(annotation)
                    done = True
                    break
                annotation.remove()
            if done:
                break
        if not done:
            omitted.append(text)
    return texts, omitted


def plot_double_materiality(result, label: "int | str" = "tier1", figsize=(11, 8.5), dpi: int = 100,
                            title: Optional[str] = None):
    """Issues on importance to the business (x) and to stakeholders (y), both on [0,1], coloured
    by E/S/G, sized by attention, with the quadrant threshold lines. ``label``: "tier1" (label
    tier-1 issues), "all", or a number N (label the top N by rank); labels never overlap (those
    that cannot be placed are listed in ``fig.materia_omitted_labels``)."""
    import matplotlib.pyplot as plt

    font = _font_and_warn()
    issues = result.issues.dropna(subset=["stakeholder", "business"])
    fig, ax = plt.subplots(figsize=figsize, dpi=dpi)
    for code in [c for c in ("E", "S", "G", "") if c in set(issues["category"])]:
        group = issues[issues["category"] == code]
        ax.scatter(group["business"], group["stakeholder"], s=18 + 60 * group["attention_share"],
                   color=CATEGORY_COLORS.get(code, CATEGORY_COLORS[""]), alpha=0.85, edgecolors="white",
                   linewidths=0.5, label=CATEGORY_NAMES.get(code, code), zorder=3)
    tb, ts = result.business_threshold, result.stakeholder_threshold
    ax.axvline(tb, color="#555555", ls="--", lw=1, zorder=2)
    ax.axhline(ts, color="#555555", ls="--", lw=1, zorder=2)
    lo_x = min(issues["business"].min(), tb) - 0.05
    lo_y = min(issues["stakeholder"].min(), ts) - 0.05
    hi_x = max(issues["business"].max(), tb) + 0.05
    hi_y = max(issues["stakeholder"].max(), ts) + 0.05
    ax.set_xlim(max(0.0, lo_x), min(1.05, hi_x))
    ax.set_ylim(max(0.0, lo_y), min(1.05, hi_y))
    ax.axvspan(tb, ax.get_xlim()[1], ymin=(ts - ax.get_ylim()[0]) / (ax.get_ylim()[1] - ax.get_ylim()[0]),
               color="#FFF4E0", zorder=0)
    zh = font is not None
    ax.set_xlabel("对企业的重要性 (importance to the business)" if zh else "Importance to the business",
                  **_text_kwargs(font))
    ax.set_ylabel("对利益相关方的重要性 (importance to stakeholders)" if zh else "Importance to stakeholders",
                  **_text_kwargs(font))
    ax.set_title(title or f"Double materiality · {result.companies} companies · {result.method}",
                 **_text_kwargs(font))
    ax.legend(loc="lower right", frameon=True, fontsize=9)
    ax.grid(True, color="#EEEEEE", zorder=1)
    if label == "all":
        chosen = issues
    elif label == "tier1":
        chosen = issues[issues["tier"] == 1]
    else:
        chosen = issues.nsmallest(int(label), "rank")
    chosen = chosen.sort_values("rank")
    texts, omitted = place_labels(
        ax, list(chosen["business"]), list(chosen["stakeholder"]),
        [_label(row, font) for _, row in chosen.iterrows()],
        [CATEGORY_COLORS.get(c, CATEGORY_COLORS[""]) for c in chosen["category"]], 8.5, font)
    fig.materia_labels = texts
    fig.materia_omitted_labels = omitted
    return fig


def plot_composite(result, top: Optional[int] = None, dpi: int = 100, title: Optional[str] = None):
    """The composite ranking: one horizontal bar per issue (rank 1 at the top), coloured by E/S/G,
    on shaded tier bands with the tier boundaries as vertical lines. ``top`` keeps the first N."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    font = _font_and_warn()
    issues = result.issues.sort_values("rank")
    if top is not None:
        issues = issues.head(int(top))
    n = len(issues)
    fig, ax = plt.subplots(figsize=(10, max(3.0, 0.24 * n + 1.4)), dpi=dpi)
    ys = list(range(n))
    colors = [CATEGORY_COLORS.get(c, CATEGORY_COLORS[""]) for c in issues["category"]]
    ax.barh(ys, issues["score"], color=colors, height=0.72, zorder=3)
    ax.set_yticks(ys)
    ax.set_yticklabels([_label(row, font) for _, row in issues.iterrows()], fontsize=8, **_text_kwargs(font))
    ax.invert_yaxis()
    ax.set_ylim(n - 0.5, -0.5)
    # tier bands: consecutive runs of the same tier in rank order
    tiers = list(issues["tier"])
    start = 0
    for i in range(1, n + 1):
        if i == n or tiers[i] != tiers[start]:
            ax.axhspan(start - 0.5, i - 0.5, color=TIER_SHADES[tiers[start] % 2], zorder=0)
            ax.text(1.01, (start + i - 1) / 2, f"tier {tiers[start]}", transform=ax.get_yaxis_transform(),
                    va="center", ha="left", fontsize=9, color="#444444")
            start = i
    for b in result.tier_breaks:
        ax.axvline(b, color="#555555", ls="--", lw=1, zorder=4)
    better = "higher is better" if result.higher_is_better else "lower is better"
    ax.set_xlabel(f"{result.method} score ({better})")
    ax.set_title(title or f"Composite ranking · {result.companies} companies · tiers {result.tiers}",
                 **_text_kwargs(font))
    ax.grid(True, axis="x", color="#E5E5E5", zorder=1)
    used = [c for c in ("E", "S", "G", "") if c in set(issues["category"])]
    ax.legend(handles=[Patch(color=CATEGORY_COLORS[c], label=CATEGORY_NAMES[c]) for c in used],
              loc="lower right", fontsize=9)
    fig.tight_layout()
    return fig
