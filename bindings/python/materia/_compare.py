"""Comparing analyses: two datasets issue by issue (``materia compare``) and one firm against the
consensus of its peers (``materia benchmark``). docs/method.md section 14.

    import materia
    c = materia.compare(materia.Dataset.sample("fintech-2024"), materia.Dataset.sample("fintech-2025"),
                        same_firms=True, label_a="2024", label_b="2025")
    c.issues[c.issues.significant]      # the moves beyond what resampling the firms produces
    c.plot_slope(); c.plot_arrows()
    b = materia.benchmark(materia.Dataset.sample("fintech-2024"), firm="F01")
    b.issues[b.issues.blind_spot]
"""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence, Union

from . import _core
from ._dataset import Dataset
from ._disclosure import _Output, _frame
from ._errors import emit, error, python_errors
from ._result import _options_text

_COMPARE_COLUMNS = ["id", "name", "name_en", "category", "status", "rank_a", "rank_b",
                    "rank_change", "change_low", "change_high", "significant", "score_a", "score_b",
                    "tier_a", "tier_b", "attention_a", "attention_b", "stakeholder_a",
                    "stakeholder_b", "business_a", "business_b"]
_BENCHMARK_COLUMNS = ["id", "name", "name_en", "category", "firm_rank", "peer_rank", "gap",
                      "blind_spot", "distinctive", "peer_tier", "peer_attention", "firm_stakeholder",
                      "firm_business", "peer_stakeholder", "peer_business", "stakeholder_gap",
                      "business_gap"]
_NUMBERS = ["rank_a", "rank_b", "rank_change", "change_low", "change_high", "score_a", "score_b",
            "stakeholder_a", "stakeholder_b", "business_a", "business_b", "firm_rank", "peer_rank",
            "gap", "firm_stakeholder", "firm_business", "peer_stakeholder", "peer_business",
            "stakeholder_gap", "business_gap"]


def _typed(frame):
    """Numbers as floats (NaN where the JSON has null), tiers as nullable integers."""
    for column in frame.columns:
        if column in _NUMBERS:
            frame[column] = frame[column].astype(float)
        elif column in ("tier_a", "tier_b", "peer_tier"):
            frame[column] = frame[column].astype("Int64")
    return frame


def _nan(value: Any) -> float:
    return math.nan if value is None else float(value)


def _dataset(value: Any, name: str) -> Dataset:
    if not isinstance(value, Dataset):
        raise error(f"{name} must be a materia.Dataset, not {type(value).__name__} (use "
                    "materia.Dataset.from_dataframe, from_json, from_csv or sample)")
    return value


class Comparison(_Output):
    """``materia compare A B``: every issue in A and in B, the rank change with its simultaneous
    paired-bootstrap interval, entered and left issues, tier migrations and Kendall's tau-b."""

    @property
    def issues(self):
        """One row per issue (B's order, then the issues that left): id, name, name_en, category,
        status (both/entered/left), rank_a, rank_b, rank_change (B - A; negative = rose),
        change_low, change_high, significant, score_a/b, tier_a/b (<NA> = absent),
        attention_a/b, stakeholder_a/b, business_a/b."""
        return _typed(_frame(self.to_dict()["issues"], _COMPARE_COLUMNS))

    @property
    def significant(self):
        """The rows of :attr:`issues` whose interval excludes 0."""
        issues = self.issues
        return issues[issues["significant"]].reset_index(drop=True)

    @property
    def tau_b(self) -> float:
        """Kendall's tau-b between A's and B's ranks over the issues in both."""
        return _nan(self.to_dict()["tau_b"])

    @property
    def tau_b_interval(self) -> tuple:
        """The normal bootstrap interval of :attr:`tau_b`: tau-b -+ z sd of the replicates (NaN
        without a bootstrap)."""
        d = self.to_dict()
        return (_nan(d["tau_b_low"]), _nan(d["tau_b_high"]))

    @property
    def tier_migration(self):
        """Issues by tier in A (rows) and tier in B (columns); "absent" for entered and left."""
        import pandas as pd

        counts = self.to_dict()["tier_migration"]
        labels = lambda n: ["absent"] + list(range(1, n))  # noqa: E731
        rows = labels(len(counts))
        columns = labels(len(counts[0]) if counts else 1)
        frame = pd.DataFrame(counts, index=rows, columns=columns)
        frame.index.name, frame.columns.name = self.label_a, self.label_b
        return frame

    label_a = property(lambda self: str(self.to_dict()["a"]), doc="How the output names A.")
    label_b = property(lambda self: str(self.to_dict()["b"]), doc="How the output names B.")
    firms_both = property(lambda self: list(self.to_dict()["firms_both"]),
                          doc="Ids of the firms in both datasets (paired in the bootstrap).")
    firms_only_a = property(lambda self: list(self.to_dict()["firms_only_a"]),
                            doc="Ids of the firms only in A.")
    firms_only_b = property(lambda self: list(self.to_dict()["firms_only_b"]),
                            doc="Ids of the firms only in B.")
    warnings = property(lambda self: list(self._core.warnings), doc="The comparison's warnings.")

    def plot_slope(self, top: int = 30, figsize: tuple = (9, 11), dpi: int = 100,
                   title: Optional[str] = None):
        """A slope chart of ranks from A (left) to B (right), rank 1 at the top: the ``top``
        issues by best rank plus every significant move (drawn strong; the rest muted). Names
        sit beside each end, spread so that none overlaps another; issues that entered have only
        a right end, issues that left only a left end. ``fig.materia_lines`` maps issue ids to
        their lines."""
        return _slope_figure(self, top, figsize, dpi, title)

    def plot_arrows(self, label: Union[str, int, Sequence[str]] = "significant",
                    figsize: tuple = (11, 8.5), dpi: int = 100, title: Optional[str] = None):
        """The double materiality matrix with an arrow from each issue's position in A to its
        position in B (business on x, stakeholder on y), significant moves strong; marks at B's
        positions coloured by E/S/G. ``label``: "significant" (default), "all", "none", a number
        N (B's top N) or a list of ids; labels never overlap a mark or each other (a name that
        does not fit becomes B's rank, listed beside the plot)."""
        return _arrows_figure(self, label, figsize, dpi, title)

    def __repr__(self) -> str:
        d = self.to_dict()
        return (f"<materia.Comparison {d['a']} -> {d['b']}: {len(d['issues'])} issues, "
                f"{d['significant']} significant moves>")


class Benchmark(_Output):
    """``materia benchmark``: a firm's ranking and matrix against the consensus of its peers."""

    @property
    def issues(self):
        """One row per issue (the consensus's order, then the issues only the firm lists): id,
        name, name_en, category, firm_rank (NaN: not listed), peer_rank, gap (firm - peers;
        positive = the firm ranks it lower), blind_spot, distinctive, peer_tier, peer_attention,
        firm_stakeholder/business, peer_stakeholder/business, stakeholder_gap, business_gap."""
        return _typed(_frame(self.to_dict()["issues"], _BENCHMARK_COLUMNS))

    @property
    def blind_spots(self):
        """Issues in the peers' tier 1 the firm does not list or ranks in its lower half."""
        issues = self.issues
        return issues[issues["blind_spot"]].reset_index(drop=True)

    @property
    def distinctive(self):
        """Issues in the firm's first places that are not in the peers' tier 1."""
        issues = self.issues
        return issues[issues["distinctive"]].reset_index(drop=True)

    @property
    def peer_tau_b(self):
        """Each peer's tau-b to the consensus of the other peers: firm, tau_b."""
        frame = _frame(self.to_dict()["peer_tau_b"], ["firm", "tau_b"])
        frame["tau_b"] = frame["tau_b"].astype(float)
        return frame

    firm = property(lambda self: dict(self.to_dict()["firm"]), doc="The firm's id and name.")
    peers = property(lambda self: list(self.to_dict()["peers"]["ids"]), doc="The peers' ids.")
    tau_b = property(lambda self: _nan(self.to_dict()["tau_b"]),
                     doc="Kendall's tau-b of the firm's ranks to the consensus's.")
    percentile = property(lambda self: _nan(self.to_dict()["percentile"]),
                          doc="Share of peers (%) whose own tau-b is at most the firm's.")
    warnings = property(lambda self: list(self._core.warnings), doc="The benchmark's warnings.")

    def plot(self, label: Union[str, int, Sequence[str]] = "flagged", figsize: tuple = (11, 8.5),
             dpi: int = 100, title: Optional[str] = None):
        """The consensus matrix of the peers (muted marks) with the firm's own positions over it
        (strong marks), each joined to the consensus position of the same issue; blind spots
        ringed, distinctive issues as diamonds. ``label``: "flagged" (blind spots and
        distinctive issues, default), "all", "none", a number N or a list of ids."""
        return _benchmark_figure(self, label, figsize, dpi, title)

    def __repr__(self) -> str:
        d = self.to_dict()
        return (f"<materia.Benchmark {d['firm']['id']} vs {len(d['peers']['ids'])} peers: "
                f"tau-b {d['tau_b']}, {d['blind_spots']} blind spots, {d['distinctive']} "
                "distinctive>")


def compare(a: Dataset, b: Dataset, method: Optional[str] = None, tiers: Optional[str] = None,
            same_firms: bool = False, level: float = 0.95, label_a: str = "A", label_b: str = "B",
            **options: Any) -> Comparison:
    """``materia compare``: analyses ``a`` and ``b`` (e.g. two years) with the same options and
    compares them issue by issue (by issue id: give both the same taxonomy).

    ``same_firms``: compare only the firms in both (by id). ``bootstrap`` (default 1000) and
    ``seed`` drive the paired bootstrap: the firms in both are drawn once per replicate for A and
    for B. ``level``: the simultaneous coverage of the rank-change intervals (0.95): an issue is
    significant when its interval excludes 0, and all intervals hold at once with that
    probability. Other keywords as :func:`materia.analyze`. Warnings (e.g. firms in one dataset
    only) are raised as :class:`materia.AnalysisWarning`."""
    _dataset(a, "a")
    _dataset(b, "b")
    payload = {"method": method, "tiers": tiers, "same_firms": same_firms, "level": level,
               "label_a": label_a, "label_b": label_b, **options}
    with python_errors():
        result = Comparison(_core.compare(a._core, b._core, _options_text(payload)))
    emit(result.warnings, ["analysis"] * len(result.warnings), bool(options.get("strict")),
         stacklevel=3)
    return result


def benchmark(dataset: Dataset, firm: str, peers: Union[None, str, Sequence[str]] = None,
              method: Optional[str] = None, tiers: Optional[str] = None,
              **options: Any) -> Benchmark:
    """``materia benchmark``: ``firm`` (an id or name) against the consensus of its ``peers``:
    None (every other firm), "segment" (the firms of its segment) or a list of firm ids. The
    consensus is :func:`materia.analyze` on the peers alone. Other keywords as
    :func:`materia.analyze`."""
    _dataset(dataset, "dataset")
    if not isinstance(firm, str) or not firm:
        raise error(f"firm must be a firm's id or name (a non-empty str), not {firm!r}")
    if peers is not None and not isinstance(peers, str):
        peers = [str(p) for p in peers]
    payload = {"firm": firm, "peers": peers, "method": method, "tiers": tiers, **options}
    with python_errors():
        result = Benchmark(_core.benchmark(dataset._core, _options_text(payload)))
    emit(result.warnings, ["analysis"] * len(result.warnings), bool(options.get("strict")),
         stacklevel=3)
    return result


# ---------------------------------------------------------------------------------------------
# Figures

_STRONG, _MUTED = "#C0392B", "#B8C0C8"


def _spread(wanted: list, gap: float) -> list:
    """Positions as close to ``wanted`` (sorted ascending) as possible, at least ``gap`` apart."""
    placed = []
    for y in wanted:
        placed.append(max(y, placed[-1] + gap) if placed else y)
    # pull the block back up where the pushing left it below its wishes
    for i in range(len(placed) - 2, -1, -1):
        placed[i] = min(placed[i], placed[i + 1] - gap)
    return placed


def _slope_figure(c: Comparison, top: int, figsize, dpi: int, title: Optional[str]):
    import matplotlib.pyplot as plt

    from ._plot import CATEGORY_COLORS, _font_and_warn, _label, _text_kwargs

    font = _font_and_warn()
    issues = c.issues
    best = issues[["rank_a", "rank_b"]].min(axis=1)
    shown = issues[(best <= top) | issues["significant"]].copy()
    hidden = len(issues) - len(shown)
    fig, ax = plt.subplots(figsize=figsize, dpi=dpi)
    lowest = float(max(shown["rank_a"].max(skipna=True), shown["rank_b"].max(skipna=True)))
    ax.set_xlim(-0.9, 1.9)
    ax.set_ylim(lowest + 1, 0)
    ax.set_xticks([0, 1], [c.label_a, c.label_b], **_text_kwargs(font))
    ax.set_ylabel("rank")
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    lines = {}
    for _, row in shown.iterrows():
        colour = _STRONG if row["significant"] else _MUTED
        width = 2.0 if row["significant"] else 0.9
        if row["status"] == "both":
            (line,) = ax.plot([0, 1], [row["rank_a"], row["rank_b"]], color=colour, lw=width,
                              marker="o", ms=3, zorder=3 if row["significant"] else 2)
        else:
            x, y = (1, row["rank_b"]) if row["status"] == "entered" else (0, row["rank_a"])
            (line,) = ax.plot([x], [y], color=CATEGORY_COLORS.get(row["category"], "#7F7F7F"),
                              marker="s" if row["status"] == "entered" else "X", ms=5, ls="")
        line.materia_id = row["id"]
        lines[row["id"]] = line
    # names in points: one line of text is about 1.4 * 7.5 pt, in rank units of the axis
    height_pt = ax.get_window_extent().height * 72.0 / fig.dpi
    gap = 1.35 * 7.5 * (lowest + 1) / max(height_pt, 1.0)
    for end, column, x, align in ((0, "rank_a", -0.08, "right"), (1, "rank_b", 1.08, "left")):
        ends = shown[shown[column].notna()].sort_values(column, kind="stable")
        positions = _spread(list(ends[column]), gap)
        for (_, row), y in zip(ends.iterrows(), positions):
            # a leader from the end of the line to its name, which spreading may have moved
            ax.plot([end, end + (x - end) * 0.75], [row[column], y], color="#D5DADF", lw=0.5,
                    zorder=1)
            text = ax.text(x, y, _label(row, font), ha=align, va="center", fontsize=7.5,
                           color="#222222" if row["significant"] else "#5A6470",
                           **_text_kwargs(font))
            text.materia_id = row["id"]
    caption = (f"{len(shown)} of {len(issues)} issues: the top {top} by best rank and every "
               f"significant move" + (f"; {hidden} not shown" if hidden else ""))
    ax.set_title(title or f"{c.label_a} → {c.label_b}: ranks", loc="left", fontsize=12,
                 fontweight="bold", **_text_kwargs(font))
    fig.text(0.01, 0.01, caption, fontsize=8, color="#5A6470")
    fig.materia_lines = lines
    fig.materia_hidden = hidden
    return fig


def _arrows_figure(c: Comparison, label, figsize, dpi: int, title: Optional[str]):
    from ._plot import _font_and_warn, _matrix_figure

    font = _font_and_warn()
    issues = c.issues
    points = issues[issues["status"] != "left"].dropna(subset=["stakeholder_b", "business_b"])
    points = points.rename(columns={"stakeholder_b": "stakeholder", "business_b": "business",
                                    "rank_b": "rank", "tier_b": "tier"}).copy()
    # competition ranks (1, 2, 2, 4) from the mid-ranks: what a name that does not fit shows
    points["rank"] = points["rank"].rank(method="min").astype(int)
    points["tier"] = points["tier"].fillna(3).astype(int)
    if isinstance(label, str) and label == "significant":
        label = list(points.loc[points["significant"], "id"])
    zh = font is not None
    # the arrows are drawn first, under the marks the labels avoid
    fig = _matrix_figure(
        None, points, "business", "stakeholder", None, None, None,
        "对企业的重要性 (importance to the business)" if zh else "Importance to the business",
        "对利益相关方的重要性 (importance to stakeholders)" if zh else "Importance to stakeholders",
        title or f"{c.label_a} → {c.label_b}: positions", label, figsize, dpi, font,
        before_labels=lambda ax: _draw_arrows(ax, issues),
        extent=(list(issues["business_a"]), list(issues["stakeholder_a"])))
    return fig


def _draw_arrows(ax, issues) -> None:
    both = issues[issues["status"] == "both"].dropna(
        subset=["stakeholder_a", "business_a", "stakeholder_b", "business_b"])
    arrows = {}
    for _, row in both.iterrows():
        strong = bool(row["significant"])
        arrow = ax.annotate(
            "", xy=(row["business_b"], row["stakeholder_b"]),
            xytext=(row["business_a"], row["stakeholder_a"]),
            arrowprops={"arrowstyle": "-|>", "color": _STRONG if strong else _MUTED,
                        "lw": 1.6 if strong else 0.7, "shrinkA": 0, "shrinkB": 4},
            zorder=2.5 if strong else 2)
        arrow.materia_id = row["id"]
        arrows[row["id"]] = arrow
    ax.figure.materia_arrows = arrows


def _benchmark_figure(b: Benchmark, label, figsize, dpi: int, title: Optional[str]):
    from ._plot import _font_and_warn, _matrix_figure

    font = _font_and_warn()
    issues = b.issues
    points = issues.dropna(subset=["firm_stakeholder", "firm_business"]).rename(
        columns={"firm_stakeholder": "stakeholder", "firm_business": "business",
                 "firm_rank": "rank"}).copy()
    points["rank"] = points["rank"].rank(method="min").astype(int)
    points["tier"] = points["peer_tier"].fillna(3).astype(int)  # sized by the peers' tier
    if isinstance(label, str) and label == "flagged":
        flagged = issues[issues["blind_spot"] | issues["distinctive"]]
        label = list(flagged["id"])
    zh = font is not None
    firm = b.firm["id"]
    return _matrix_figure(
        None, points, "business", "stakeholder", None, None, None,
        "对企业的重要性 (importance to the business)" if zh else "Importance to the business",
        "对利益相关方的重要性 (importance to stakeholders)" if zh else "Importance to stakeholders",
        title or f"{firm} against {len(b.peers)} peers", label, figsize, dpi, font,
        before_labels=lambda ax: _draw_consensus(ax, issues),
        extent=(list(issues["peer_business"]), list(issues["peer_stakeholder"])))


def _draw_consensus(ax, issues) -> None:
    peers = issues.dropna(subset=["peer_stakeholder", "peer_business"])
    ax.scatter(peers["peer_business"], peers["peer_stakeholder"], s=22, color=_MUTED,
               edgecolors="white", linewidths=0.5, zorder=2, label="peers' consensus")
    both = peers.dropna(subset=["firm_stakeholder", "firm_business"])
    for _, row in both.iterrows():
        ax.plot([row["peer_business"], row["firm_business"]],
                [row["peer_stakeholder"], row["firm_stakeholder"]], color=_MUTED, lw=0.6,
                zorder=1.5)
    ax.figure.materia_consensus = peers
