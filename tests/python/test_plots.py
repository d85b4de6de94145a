"""The matplotlib figures: colours, threshold lines, tier bands, CJK labels that never overlap,
and the clean fallback when no CJK font is available. Label placement against marks is measured
in tests/python/test_labels.py."""

import itertools
import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import materia
from materia import _plot


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_cjk_font_is_found():
    assert _plot.cjk_font() is not None and "CJK" in _plot.cjk_font()


def test_double_materiality(result):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would warn while drawing
        fig = result.plot_double_materiality(label=40)
        fig.canvas.draw()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    # one scatter per pillar, in the pillar's colour, together holding every issue
    collections = ax.collections
    colours = {to_hex(c.get_facecolor()[0], keep_alpha=False) for c in collections}
    assert colours == {_plot.CATEGORY_COLORS[c].lower() for c in "ESG"}
    assert sum(len(c.get_offsets()) for c in collections) == 91
    # threshold lines at the result's thresholds
    lines = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    xs = {tuple(line.get_xdata()) for line in lines}
    ys = {tuple(line.get_ydata()) for line in lines}
    ts, tb = result.stakeholder_threshold, result.business_threshold
    assert (ts, ts) in xs or (tb, tb) in xs
    assert (ts, ts) in ys or (tb, tb) in ys
    # labels: Chinese names in the CJK font, none overlapping, all inside the axes
    texts = fig.materia_labels
    assert len(texts) + len(fig.materia_numbered) == 40
    assert len(texts) >= 25
    top_names = set(result.issues["name"][:40])
    assert {t.get_text() for t in texts} <= top_names
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    for a, b in itertools.combinations(boxes, 2):
        assert not (a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1)
    frame = ax.get_window_extent(renderer)
    for box in boxes:
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1
    assert all("CJK" in t.get_fontname() for t in texts)


def test_default_labels_are_tier_one(result):
    fig = result.plot_double_materiality()
    tier1 = set(result.issues.loc[result.issues["tier"] == 1, "name"])
    assert {t.get_text() for t in fig.materia_labels} | set(fig.materia_omitted_labels) == tier1


def test_ranking(result):
    from matplotlib.patches import Polygon

    fig = result.plot_ranking()
    ax = fig.axes[0]
    bars = list(ax.containers[0])
    issues = result.issues
    assert len(bars) == 91
    assert [b.get_width() for b in bars] == pytest.approx(list(issues["score"]))
    colours = [to_hex(b.get_facecolor(), keep_alpha=False) for b in bars]
    assert colours == [_plot.CATEGORY_COLORS[c].lower() for c in issues["category"]]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(issues["name"])
    # tier bands: one shaded span per tier, labelled; tier boundaries as dashed vertical lines
    n_tiers = issues["tier"].nunique()
    assert len([p for p in ax.patches if isinstance(p, Polygon)]) == n_tiers
    assert [t.get_text() for t in ax.texts] == [f"tier {t}" for t in sorted(issues["tier"].unique())]
    vlines = [tuple(line.get_xdata()) for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert sorted(v[0] for v in vlines) == pytest.approx(sorted(result.tier_breaks))


def test_ranking_top(result):
    fig = result.plot_ranking(top=10)
    assert len(fig.axes[0].get_yticklabels()) == 10


def test_fallback_without_cjk_font(result, monkeypatch):
    monkeypatch.setattr(_plot, "_cjk_font", None)
    monkeypatch.setattr(_plot, "_cjk_searched", True)
    monkeypatch.setattr(_plot, "_warned", False)
    with pytest.warns(UserWarning, match="no CJK font"):
        fig = result.plot_double_materiality(label=10)
    labels = [t.get_text() for t in fig.materia_labels] + fig.materia_omitted_labels
    assert labels and all(label.isascii() for label in labels)
    english = set(result.issues["name_en"][:10]) | set(result.issues["id"][:10])
    assert set(labels) <= english
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # warned once, and no missing glyphs
        fig = result.plot_ranking(top=10)
        fig.canvas.draw()
    assert all(t.get_text().isascii() for t in fig.axes[0].get_yticklabels())


def test_backend_is_headless():
    assert matplotlib.get_backend().lower() == "agg"
