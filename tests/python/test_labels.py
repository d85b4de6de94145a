"""The composite importance matrix and label placement, measured on the drawn figure: no label
overlaps a mark or another label, and every issue is labelled or numbered in the table."""

import inspect
import itertools
import math

import matplotlib.pyplot as plt
import numpy as np
import pytest

import materia
from materia import _plot


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def main_axes(fig):
    return fig.axes[0]


def marks_by_id(ax):
    """Issue id -> (x, y) data coordinates of its mark, from the scatter collections."""
    points = {}
    for collection in ax.collections:
        for issue_id, (x, y) in zip(collection.materia_ids, collection.get_offsets()):
            points[issue_id] = (float(x), float(y))
    return points


def mark_boxes(fig):
    """Each mark's bounding square in display pixels: centre ± (marker radius + edge)."""
    ax = main_axes(fig)
    boxes = []
    for collection in ax.collections:
        centres = ax.transData.transform(collection.get_offsets())
        sizes = np.broadcast_to(collection.get_sizes(), len(centres))
        edge = collection.get_linewidths()[0] / 2
        for (x, y), s, issue_id in zip(centres, sizes, collection.materia_ids):
            r = (math.sqrt(s) / 2 + edge) * fig.dpi / 72
            boxes.append((issue_id, (x - r, y - r, x + r, y + r)))
    return boxes


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def extent(text, renderer):
    box = text.get_window_extent(renderer)
    return (box.x0, box.y0, box.x1, box.y1)


def check_labels(fig, issues):
    """No label box overlaps a mark or another label; every issue of ``issues`` is named or
    numbered in the table; numbers on the plot match the table."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = fig.materia_labels + fig.materia_numbers
    boxes = [extent(t, renderer) for t in labels]
    assert boxes
    for text, box in zip(labels, boxes):
        for issue_id, mark in mark_boxes(fig):
            assert not overlaps(box, mark), (text.get_text(), issue_id)
    for (a, box_a), (b, box_b) in itertools.combinations(zip(labels, boxes), 2):
        assert not overlaps(box_a, box_b), (a.get_text(), b.get_text())
    frame = main_axes(fig).get_window_extent(renderer)
    for box in boxes:
        assert frame.x0 <= box[0] and box[2] <= frame.x1 and frame.y0 <= box[1] and box[3] <= frame.y1
    named = {t.materia_id: t.get_text() for t in fig.materia_labels}
    table = {issue_id: (number, name) for number, issue_id, name, drawn in fig.materia_numbered}
    assert not set(named) & set(table)
    assert set(named) | set(table) == set(issues["id"])
    by_id = issues.set_index("id")
    for issue_id, text in named.items():
        assert text == by_id.loc[issue_id, "name"]
    for issue_id, (number, name) in table.items():
        assert name == by_id.loc[issue_id, "name"]
        assert number.rstrip("abcdefghij") == str(by_id.loc[issue_id, "rank"])
    on_plot = {t.materia_id: t.get_text() for t in fig.materia_numbers}
    assert on_plot == {i: table[i][0] for i, *_ in [(n[1],) for n in fig.materia_numbered if n[3]]}
    assert [t.get_text() for t in fig.materia_number_table] == [
        f"{number}  {name}" + ("" if drawn else " *") for number, _, name, drawn in fig.materia_numbered]
    return named, table


def test_composite_axes_and_points(result):
    fig = result.plot_composite()
    ax = main_axes(fig)
    assert "attention" in ax.get_xlabel().lower() and "importance" in ax.get_ylabel().lower()
    issues = result.issues.set_index("id")
    points = marks_by_id(ax)
    assert len(points) == len(issues) == 91  # composite_top 0: every issue
    for issue_id, (x, y) in points.items():
        assert x == pytest.approx(issues.loc[issue_id, "attention_share"], abs=1e-12)
        assert y == pytest.approx(issues.loc[issue_id, "importance"], abs=1e-12)
    # the analysis's composite thresholds as the dashed lines
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    xs = {line.get_xdata()[0] for line in dashed if line.get_xdata()[0] == line.get_xdata()[1]}
    ys = {line.get_ydata()[0] for line in dashed if line.get_ydata()[0] == line.get_ydata()[1]}
    assert result.composite_attention_threshold in xs
    assert result.composite_importance_threshold in ys
    # E/S/G colours, marks sized by tier
    for collection in ax.collections:
        codes = set(issues.loc[collection.materia_ids, "category"])
        assert len(codes) == 1
        colour = _plot.CATEGORY_COLORS[codes.pop()]
        assert matplotlib_hex(collection.get_facecolors()[0]) == colour.lower()
        tiers = issues.loc[collection.materia_ids, "tier"]
        expected = [(2 * _plot._radius(t)) ** 2 for t in tiers]
        assert list(collection.get_sizes()) == pytest.approx(expected)
    assert "Composite importance matrix" in fig._suptitle.get_text()


def matplotlib_hex(rgba):
    from matplotlib.colors import to_hex

    return to_hex(rgba, keep_alpha=False)


def test_composite_top_k(sample):
    with pytest.warns(materia.AnalysisWarning, match="composite top 20 cuts through"):
        r = materia.analyze(sample, composite_top=20, tiers="fisher:3")
    fig = r.plot_composite(label="all")
    points = marks_by_id(main_axes(fig))
    issues = r.issues
    by_attention = issues.sort_values(["attention_share", "rank"], ascending=[False, True])
    assert set(points) == set(by_attention["id"][:20])
    assert len(points) == 20
    check_labels(fig, issues[issues["id"].isin(points)])
    # another K than the analysis's: the means of the shown issues
    fig = r.plot_composite(top=10)
    shown = issues[issues["id"].isin(marks_by_id(main_axes(fig)))]
    dashed = [line for line in main_axes(fig).get_lines() if line.get_linestyle() == "--"]
    assert len(shown) == 10
    assert any(line.get_xdata()[0] == pytest.approx(shown["attention_share"].mean()) for line in dashed)
    assert any(line.get_ydata()[0] == pytest.approx(shown["importance"].mean()) for line in dashed)


@pytest.mark.parametrize("plot", ["plot_double_materiality", "plot_composite"])
def test_all_labels_on_the_sample_avoid_marks_and_each_other(plot):
    result = materia.analyze(materia.Dataset.sample("fintech-2024"))
    fig = getattr(result, plot)(label="all")
    named, table = check_labels(fig, result.issues)
    assert len(named) + len(table) == 91
    assert len(named) >= 55  # most names fit; the rest are numbered, never dropped
    if table:
        assert fig.axes[1].materia_role == "number table"


def test_default_labels_tier1_double_materiality(result):
    fig = result.plot_double_materiality()
    tier1 = result.issues[result.issues["tier"] == 1]
    check_labels(fig, tier1)


def test_label_choices(result):
    fig = result.plot_composite(label=["data-security-and-privacy-protection"])
    assert [t.materia_id for t in fig.materia_labels] == ["data-security-and-privacy-protection"]
    fig = result.plot_composite(label="none")
    assert fig.materia_labels == [] and fig.materia_numbered == []
    with pytest.raises(materia.Error, match='label must be "tier1", "all", "none"'):
        result.plot_composite(label="some")


def test_ranking_numbers_break_ties():
    import pandas as pd

    issues = pd.DataFrame({"id": ["a", "b", "c", "d"], "rank": [1, 2, 2, 4]})
    assert _plot._numbers(issues) == {"a": "1", "b": "2a", "c": "2b", "d": "4"}


def test_plot_signatures_and_docstrings():
    for function, parameters in [
            (materia.plot_double_materiality, ["result", "label", "figsize", "dpi", "title"]),
            (materia.plot_composite, ["result", "top", "label", "figsize", "dpi", "title"]),
            (materia.plot_ranking, ["result", "top", "dpi", "title"])]:
        assert list(inspect.signature(function).parameters) == parameters
        assert all(p.kind is p.POSITIONAL_OR_KEYWORD
                   for p in inspect.signature(function).parameters.values())
    for name in ("plot_double_materiality", "plot_composite", "plot_ranking"):
        method = getattr(materia.Result, name)
        public = list(inspect.signature(getattr(materia, name)).parameters)[1:]
        assert list(inspect.signature(method).parameters)[1:] == public, name
        assert len(method.__doc__) > 100
    assert "attention" in materia.plot_composite.__doc__ and "importance" in materia.plot_composite.__doc__
    assert "numbers" in materia.plot_double_materiality.__doc__
