"""Figures of a Result: the double materiality matrix, the composite importance matrix (as the
SVG report's composite.svg draws it) and the score ranking.

Chinese labels need a CJK font: the Noto CJK fonts from Debian's fonts-noto-cjk are used when
matplotlib finds them. Without one, labels fall back to English names (or ids) so that no label
is ever drawn as empty boxes, and a warning says so once.
"""

from __future__ import annotations

import math
import warnings
from typing import Optional, Sequence, Union

# E/S/G colours (colour-blind safe: Okabe-Ito green, blue, vermillion).
CATEGORY_COLORS = {"E": "#009E73", "S": "#0072B2", "G": "#D55E00", "": "#7F7F7F"}
CATEGORY_NAMES = {"E": "Environmental", "S": "Social", "G": "Governance", "": "Unspecified"}
TIER_SHADES = ["#F2F2F2", "#FFFFFF"]
#: Mark radius in points by tier (1, 2, 3 and below), as the report's 7.5 / 6 / 4.5 px.
TIER_RADIUS = {1: 5.6, 2: 4.5}
TIER_RADIUS_REST = 3.4
LABEL_SIZE = 8.0
NUMBER_SIZE = 7.5
#: How far (in points) a name may sit from its mark before it becomes a number.
LABEL_REACH = 45.0

LabelChoice = Union[str, int, Sequence[str]]

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



def _radius(tier: int) -> float:
    return TIER_RADIUS.get(int(tier), TIER_RADIUS_REST)


def _chosen(issues, label: LabelChoice):
    """The issues to label, best rank first: "tier1", "all", "none", a number N (the top N by
    rank) or a list of ids."""
    if isinstance(label, str):
        if label == "all":
            chosen = issues
        elif label == "tier1":
            chosen = issues[issues["tier"] == 1]
        elif label == "none":
            chosen = issues.iloc[:0]
        else:
            from ._errors import error

            raise error(f'label must be "tier1", "all", "none", a number or a list of issue ids, '
                        f"not {label!r}")
    elif isinstance(label, (list, tuple, set)):
        chosen = issues[issues["id"].isin(list(label))]
    else:
        chosen = issues.nsmallest(int(label), "rank")
    return chosen.sort_values("rank", kind="stable")


def _numbers(issues) -> dict:
    """The number each issue gets when its name does not fit: its rank, with a letter when
    several issues share the rank (competition ranks: 1, 2, 2, 4)."""
    counts = issues["rank"].value_counts()
    seen: dict = {}
    numbers = {}
    for issue_id, rank in zip(issues["id"], issues["rank"]):
        rank = int(rank)
        if counts[rank] > 1:
            seen[rank] = seen.get(rank, 0) + 1
            numbers[issue_id] = f"{rank}{chr(ord('a') + seen[rank] - 1)}"
        else:
            numbers[issue_id] = str(rank)
    return numbers


def _draw_marks(ax, points, x: str, y: str) -> None:
    """One scatter per pillar (E, S, G, unspecified), marks sized and shaded by tier, tier 1 on
    top."""
    for code in [c for c in ("E", "S", "G", "") if c in set(points["category"])]:
        group = points[points["category"] == code].sort_values("rank", ascending=False)
        sizes = [(2 * _radius(t)) ** 2 for t in group["tier"]]
        alpha = [1.0 if t <= 1 else 0.88 if t == 2 else 0.7 for t in group["tier"]]
        colour = CATEGORY_COLORS.get(code, CATEGORY_COLORS[""])
        collection = ax.scatter(group[x], group[y], s=sizes, color=colour, edgecolors="white",
                                linewidths=0.6, label=CATEGORY_NAMES.get(code, code), zorder=3)
        from matplotlib.colors import to_rgba

        collection.set_facecolor([to_rgba(colour, a) for a in alpha])
        collection.materia_ids = list(group["id"])


def _legend(ax, points, line_caption: Optional[str], font: Optional[str]) -> None:
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], ls="", marker="o", markersize=7, color=CATEGORY_COLORS[c],
                      label=CATEGORY_NAMES[c])
               for c in ("E", "S", "G", "") if c in set(points["category"])]
    tiers = sorted(set(int(t) for t in points["tier"]))
    for t in tiers[:3]:
        more = "+" if t == 3 and len(tiers) > 3 else ""
        handles.append(Line2D([], [], ls="", marker="o", markersize=2 * _radius(t), color="#8D949E",
                              label=f"tier {t}{more}"))
    if line_caption:
        handles.append(Line2D([], [], ls="--", color="#C0392B", lw=1.2, label=line_caption))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.005), ncol=len(handles),
              frameon=False, handletextpad=0.3, columnspacing=1.0, borderaxespad=0.0,
              prop={"family": [font, "DejaVu Sans"] if font else "DejaVu Sans", "size": 8.5})


def _mark_pixels(ax, points, x: str, y: str):
    import numpy as np

    xy = ax.transData.transform(np.column_stack([points[x], points[y]]))
    scale = ax.figure.dpi / 72.0
    radius = np.array([(_radius(t) + 0.6) * scale for t in points["tier"]])  # plus the edge
    return np.column_stack([xy, radius])


def label_marks(ax, points, x: str, y: str, label: LabelChoice, font: Optional[str],
                reach: float = LABEL_REACH):
    """Labels the chosen issues of ``points`` (drawn at columns ``x``, ``y``) on ``ax``: names
    where they fit (measured with the renderer's text extents), else numbers. Returns (names,
    numbers, numbered): the Text artists of names and of numbers (each with ``materia_id``) and
    the numbered issues as (number, id, name, drawn) rows, best rank first."""
    import numpy as np

    from ._labels import Placer

    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax.set_autoscale_on(False)
    frame = ax.get_window_extent(renderer)
    marks = _mark_pixels(ax, points, x, y)
    placer = Placer(marks, (frame.x0 + 1, frame.y0 + 1, frame.x1 - 1, frame.y1 - 1))
    index = {issue_id: i for i, issue_id in enumerate(points["id"])}
    numbers = _numbers(points)
    chosen = _chosen(points, label)
    to_data = ax.transData.inverted().transform
    scale = fig.dpi / 72.0
    kwargs = _text_kwargs(font)

    def measured(text: str, size: float):
        probe = ax.text(0, 0, text, fontsize=size, ha="left", va="bottom", **kwargs)
        box = probe.get_window_extent(renderer)
        return probe, box.width, box.height

    def put(probe, placement, colour):
        x0, y0 = to_data((placement.box[0], placement.box[1]))
        probe.set_position((x0, y0))
        probe.set_zorder(5)
        if placement.leader is not None:
            (lx0, ly0), (lx1, ly1) = to_data(placement.leader[:2]), to_data(placement.leader[2:])
            ax.plot([lx0, lx1], [ly0, ly1], color=colour, lw=0.6, zorder=4, solid_capstyle="butt")

    # Best rank first; a name that does not fit becomes its number at once (as the report's
    # fallback), so a well-ranked issue's number is not crowded out by later names.
    names, number_texts, numbered = [], [], []
    for _, row in chosen.iterrows():
        mark = index[row["id"]]
        text = _label(row, font)
        colour = CATEGORY_COLORS.get(row["category"], CATEGORY_COLORS[""])
        probe, width, height = measured(text, LABEL_SIZE)
        placement = placer.place(mark, width, height, reach * scale)
        if placement.box is not None:
            probe.set_color("#222222")
            probe.materia_id = row["id"]
            put(probe, placement, colour)
            names.append(probe)
            continue
        probe.remove()
        number = numbers[row["id"]]
        probe, width, height = measured(number, NUMBER_SIZE)
        placement = placer.place(mark, width, height, math.inf)
        if placement.box is None:
            placement = placer.place(mark, width, height, math.inf, cross_labels=True)
        drawn = placement.box is not None
        if drawn:
            probe.set_color("#6B7580")
            probe.materia_id = row["id"]
            put(probe, placement, "#8A939E")
            number_texts.append(probe)
        else:
            probe.remove()
        numbered.append((number, row["id"], text, drawn, int(row["rank"])))
    numbered.sort(key=lambda n: (n[4], n[0]))
    return names, number_texts, [n[:4] for n in numbered]


def _number_table(fig, numbered, font: Optional[str], box) -> list:
    """The numbered issues as a table (number, name) in the figure region ``box`` (figure
    fractions x0, y0, x1, y1), in as many columns as it needs."""
    if not numbered:
        return []
    x0, y0, x1, y1 = box
    table = fig.add_axes([x0, y0, x1 - x0, y1 - y0])
    table.set_axis_off()
    table.materia_role = "number table"
    height_px = (y1 - y0) * fig.get_figheight() * fig.dpi
    size = 7.5
    line = size * 1.45 * fig.dpi / 72.0
    per_column = max(1, int((height_px - 2 * line) // line))
    columns = math.ceil(len(numbered) / per_column)
    kwargs = _text_kwargs(font)
    title = "编号 = 排名（名称未能放下的议题）" if font else "Numbers are ranks (names that did not fit)"
    table.text(0, 1, title, fontsize=8, fontweight="bold", va="top", ha="left", color="#33404D", **kwargs)
    texts = []
    for i, (number, issue_id, name, drawn) in enumerate(numbered):
        column, row = divmod(i, per_column)
        t = table.text(column / columns, 1 - (row + 2) * line / height_px,
                       f"{number}  {name}" + ("" if drawn else " *"), fontsize=size, va="top",
                       ha="left", color="#27313D", **kwargs)
        t.materia_id = issue_id
        texts.append(t)
    if not all(n[3] for n in numbered):
        table.text(0, 0, "* no room for the number on the plot", fontsize=7, va="bottom",
                   color="#6B7580")
    return texts


def _matrix_figure(result, points, x: str, y: str, x_line: Optional[float],
                   y_line: Optional[float], line_caption: Optional[str], x_title: str,
                   y_title: str, title: str, label: LabelChoice, figsize, dpi: int,
                   font: Optional[str], percent_x: bool = False, before_labels=None,
                   extent: Optional[tuple] = None):
    """A matrix of ``points`` (issue rows) with reference lines, the "both" quadrant shaded,
    E/S/G colours, tier sizes, placed labels and the number table. ``before_labels(ax)`` draws
    more (arrows, other marks) before the labels are placed; ``extent`` = (xs, ys) are more
    values the axes must show."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    fig = plt.figure(figsize=figsize, dpi=dpi)
    full, narrow = [0.08, 0.08, 0.89, 0.80], [0.07, 0.08, 0.63, 0.80]
    for attempt, position in enumerate((full, narrow)):
        if attempt:
            fig.clear()
        ax = fig.add_axes(position)
        _draw_marks(ax, points, x, y)
        xs, ys = list(points[x]), list(points[y])
        if extent is not None:
            xs += [v for v in extent[0] if not math.isnan(v)]
            ys += [v for v in extent[1] if not math.isnan(v)]
        lo_x = min(min(xs), x_line if x_line is not None else math.inf)
        hi_x = max(max(xs), x_line if x_line is not None else -math.inf)
        lo_y = min(min(ys), y_line if y_line is not None else math.inf)
        hi_y = max(max(ys), y_line if y_line is not None else -math.inf)
        pad_x, pad_y = max(0.03, 0.04 * (hi_x - lo_x)), max(0.03, 0.04 * (hi_y - lo_y))
        ax.set_xlim(max(0.0, lo_x - pad_x), min(1.05, hi_x + pad_x))
        ax.set_ylim(max(0.0, lo_y - pad_y), min(1.05, hi_y + pad_y))
        if x_line is not None:
            ax.axvline(x_line, color="#C0392B", ls="--", lw=1.2, zorder=2)
        if y_line is not None:
            ax.axhline(y_line, color="#C0392B", ls="--", lw=1.2, zorder=2)
        if x_line is not None and y_line is not None:
            (ylo, yhi) = ax.get_ylim()
            ax.axvspan(x_line, ax.get_xlim()[1], ymin=(y_line - ylo) / (yhi - ylo), color="#FDF0DE",
                       zorder=0)
        if percent_x:
            ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(x_title, **_text_kwargs(font))
        ax.set_ylabel(y_title, **_text_kwargs(font))
        ax.grid(True, color="#E3E7EC", zorder=1)
        ax.set_facecolor("#F8F9FB")
        _legend(ax, points, line_caption, font)
        fig.suptitle(title, x=0.02, ha="left", fontsize=13, fontweight="bold", **_text_kwargs(font))
        if before_labels is not None:
            before_labels(ax)
        names, numbers, numbered = label_marks(ax, points, x, y, label, font)
        if not numbered:
            break
    table = _number_table(fig, numbered, font, (0.72, 0.08, 0.995, 0.88))
    fig.materia_labels = names
    fig.materia_numbers = numbers
    fig.materia_numbered = numbered
    fig.materia_number_table = table
    fig.materia_omitted_labels = [n[2] for n in numbered]  # shown as numbers, never dropped
    return fig


def plot_double_materiality(result, label: LabelChoice = "tier1", figsize: tuple = (11, 8.5),
                            dpi: int = 100, title: Optional[str] = None):
    """The double materiality matrix as a matplotlib Figure: importance to the business (x)
    against importance to stakeholders (y), both on [0, 1], marks coloured by E/S/G and sized by
    tier, the result's thresholds as dashed lines and the quadrant material on both shaded.

    ``label``: ``"tier1"`` (the tier-1 issues), ``"all"``, ``"none"``, a number N (the top N by
    rank) or a list of issue ids. Labels never overlap a mark or each other; a name that does not
    fit near its mark becomes its number (the rank) with a table of the numbered names beside the
    plot, never dropped. ``fig.materia_labels`` and ``fig.materia_numbers`` hold the Text
    artists (each with ``materia_id``), ``fig.materia_numbered`` the table's rows (number, id,
    name, drawn). Chinese names need a CJK font (see :func:`cjk_font`); without one the English
    names are used."""
    font = _font_and_warn()
    zh = font is not None
    points = result.issues.dropna(subset=["stakeholder", "business"])
    return _matrix_figure(
        result, points, "business", "stakeholder", result.business_threshold,
        result.stakeholder_threshold, "threshold",
        "对企业的重要性 (importance to the business)" if zh else "Importance to the business",
        "对利益相关方的重要性 (importance to stakeholders)" if zh else "Importance to stakeholders",
        title or f"Double materiality · {result.companies} companies · {result.method}", label,
        figsize, dpi, font)


def composite_points(result, top: Optional[int] = None):
    """The issues the composite matrix shows, best rank first: the ``top`` K by attention (ties
    by rank), ``top=None`` the analysis's ``composite_top`` and 0 every issue (as the report)."""
    issues = result.issues
    k = result.composite_top if top is None else int(top)
    if k and k < len(issues):
        order = issues.sort_values(["attention_share", "rank"], ascending=[False, True], kind="stable")
        issues = order.head(k)
    return issues.sort_values("rank", kind="stable")


def plot_composite(result, top: Optional[int] = None, label: LabelChoice = "tier1",
                   figsize: tuple = (11, 8.5), dpi: int = 100, title: Optional[str] = None):
    """The composite importance matrix as a matplotlib Figure, as the report's composite.svg
    draws it: attention (the share of firms listing an issue) on x against importance (the mean
    position within the listing firms) on y, for the ``top`` K issues by attention (default the
    analysis's ``composite_top``; 0 = all), marks coloured by E/S/G and sized by tier.

    The dashed lines are the analysis's composite thresholds when the figure shows the issues of
    the analysis's composite (same K), else the means of the shown issues. ``label`` and the
    ``fig.materia_*`` attributes as in :func:`plot_double_materiality`."""
    font = _font_and_warn()
    zh = font is not None
    points = composite_points(result, top).dropna(subset=["attention_share", "importance"])
    k = result.composite_top if top is None else int(top)
    n = len(result.issues)
    same = (0 if not k or k >= n else k) == (0 if not result.composite_top or result.composite_top >= n
                                             else result.composite_top)
    if same and math.isfinite(result.composite_attention_threshold) and math.isfinite(
            result.composite_importance_threshold):
        x_line, y_line = result.composite_attention_threshold, result.composite_importance_threshold
        caption = "threshold"
    elif len(points):
        x_line, y_line = float(points["attention_share"].mean()), float(points["importance"].mean())
        caption = "mean of the shown issues"
    else:
        x_line = y_line = caption = None
    which = "all issues" if len(points) == n else f"the {len(points)} issues with the highest attention"
    return _matrix_figure(
        result, points, "attention_share", "importance", x_line, y_line, caption,
        "关注度（列出该议题的企业占比） attention" if zh else "Attention (share of firms listing the issue)",
        "重要性（列出企业内部排序位置均值） importance" if zh
        else "Importance (mean position within listing firms)",
        title or f"Composite importance matrix · {result.companies} companies · {which}", label,
        figsize, dpi, font, percent_x=True)


def plot_ranking(result, top: Optional[int] = None, dpi: int = 100, title: Optional[str] = None):
    """The ranking by score as a matplotlib Figure: one horizontal bar per issue (rank 1 at the
    top), coloured by E/S/G, on shaded tier bands with the tier boundaries as dashed vertical
    lines. ``top`` keeps the first N."""
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
    ax.set_title(title or f"Ranking · {result.companies} companies · tiers {result.tiers}",
                 **_text_kwargs(font))
    ax.grid(True, axis="x", color="#E5E5E5", zorder=1)
    used = [c for c in ("E", "S", "G", "") if c in set(issues["category"])]
    ax.legend(handles=[Patch(color=CATEGORY_COLORS[c], label=CATEGORY_NAMES[c]) for c in used],
              loc="lower right", fontsize=9)
    fig.tight_layout()
    return fig
