"""analyze() and its Result: DataFrames, JSON, explanations and figures."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Optional

from . import _core
from ._errors import error
from ._dataset import Dataset


def analyze(dataset: Dataset, method: Optional[str] = None, tiers: Optional[str] = None,
            **options: Any) -> "Result":
    """Runs the pipeline on ``dataset``.

    ``method``: ``borda-normalized`` (default), ``attention``, ... (:func:`materia.method_names`);
    ``tiers``: ``fisher:3`` (default), ``counts:26,23,42``, ``shares:0.3,0.3,0.4``,
    ``thresholds:15,8``, ``quantile:3``; other options as keywords: ``universe``, ``combine``,
    ``stakeholder_threshold``, ``business_threshold`` (the CLI's flags in snake case). Unknown
    options raise :class:`materia.Error`. The GIL is released while the analysis runs.
    """
    if not isinstance(dataset, Dataset):
        raise TypeError(f"analyze() needs a materia.Dataset, not {type(dataset).__name__}")
    payload = {"method": method, "tiers": tiers, **options}
    for key, value in payload.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise error(f'option "{key}" must be finite')
    try:
        text = json.dumps(payload, ensure_ascii=False)
    except TypeError as e:
        raise error(f"options must be strings and numbers ({e})") from None
    return Result(_core.analyze(dataset._core, text))


@dataclass
class Explanation:
    """Why an issue got its numbers: its row of ``Result.issues``, the names merged into it, and
    every firm's listing (which name it used, at which rank and axis positions)."""

    issue: dict
    listings: Any  # pandas DataFrame, one row per listing firm
    not_listed: list = field(default_factory=list)  # ids of firms that did not list it

    @property
    def text(self) -> str:
        i = self.issue
        lines = [
            f"{i['name']} [{i['id']}]: rank {i['rank']}, tier {i['tier']}, score {i['score']:.4f}",
            f"  listed by {i['attention']} of {i['attention'] + len(self.not_listed)} firms "
            f"(share {i['attention_share']:.3f}); importance {i['importance']:.3f}, "
            f"stakeholder {i['stakeholder']:.3f}, business {i['business']:.3f} ({i['quadrant']})",
            f"  names merged: {' | '.join(i['merged_names'])}",
        ]
        for row in self.listings.itertuples(index=False):
            lines.append(f"  {row.firm}: \"{row.name_used}\" at rank {row.rank:g} of {row.listed}, "
                         f"stakeholder {row.stakeholder:.3f}, business {row.business:.3f}")
        if self.not_listed:
            lines.append(f"  not listed by: {', '.join(self.not_listed)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text


class Result:
    """The outcome of :func:`analyze`. ``issues`` and ``topics`` are pandas DataFrames whose
    columns are the fields of the CLI's JSON output (CONTRACT.md)."""

    def __init__(self, core: "_core.Result") -> None:
        self._core = core
        self._dict: Optional[dict] = None
        self._issues = None
        self._topics = None

    # ---- plain data
    def to_json(self, indent: Optional[int] = 2) -> str:
        """The same JSON text as ``materia analyze --format json`` (without its final newline)."""
        return self._core.to_json_text(-1 if indent is None else indent)

    def to_csv(self) -> str:
        """The same CSV text as ``materia analyze --format csv``."""
        return self._core.to_csv_text()

    def to_dict(self) -> dict:
        if self._dict is None:
            self._dict = json.loads(self._core.to_json_text(-1))
        return self._dict

    def __str__(self) -> str:
        return self._core.to_table_text()

    def __repr__(self) -> str:
        return (f"<materia.Result {self.method}, {self.companies} companies, "
                f"{len(self.to_dict()['issues'])} issues, tiers {self.tiers}>")

    @property
    def issues(self):
        """One row per issue, sorted by rank; columns = the JSON fields (id, name, category,
        attention, attention_share, score, rank, tier, importance, stakeholder, business,
        quadrant, merged_names, ...)."""
        if self._issues is None:
            self._issues = self._frame(self.to_dict()["issues"])
        return self._issues.copy()

    @property
    def topics(self):
        """Roll-up topics (same columns as ``issues`` plus ``children``)."""
        if self._topics is None:
            self._topics = self._frame(self.to_dict()["topics"])
        return self._topics.copy()

    @staticmethod
    def _frame(rows: list):
        import pandas as pd

        frame = pd.DataFrame(rows)
        for column in ("score", "attention_share", "importance", "stakeholder", "business"):
            if column in frame:
                frame[column] = frame[column].astype(float)  # JSON null (NaN) -> NaN
        return frame

    method = property(lambda self: self._core.method)
    tiers = property(lambda self: self._core.tiers)
    taxonomy = property(lambda self: self._core.taxonomy)
    companies = property(lambda self: self._core.companies)
    universe = property(lambda self: self._core.universe)
    higher_is_better = property(lambda self: self._core.higher_is_better)
    tier_breaks = property(lambda self: list(self._core.tier_breaks))
    gvf = property(lambda self: self._core.gvf)
    warnings = property(lambda self: list(self._core.warnings))
    stakeholder_threshold = property(lambda self: self._core.stakeholder_threshold)
    business_threshold = property(lambda self: self._core.business_threshold)

    @property
    def firms(self):
        """One row per firm: id, name, segment, weight, listed (number of issues it listed)."""
        import pandas as pd

        return pd.DataFrame(self._core.firms, columns=["id", "name", "segment", "weight", "listed"])

    def double_materiality_ranking(self) -> list[str]:
        """Ids of topics and un-rolled issues, best on both axes first (METHOD.md step 6)."""
        return list(self._core.double_materiality_ranking())

    # ---- explanations
    def _lookup(self, issue: str) -> dict:
        data = self.to_dict()
        for row in data["issues"] + data["topics"]:
            if issue in (row["id"], row["name"], row.get("name_en")) or issue in row["merged_names"]:
                return row
        raise error(f'no issue or topic is called "{issue}" (give an id, a name or a merged name)')

    def explain(self, issue: str) -> Explanation:
        """Why ``issue`` (an id, its display name, or any name a firm used for it) got its score,
        rank and tier: every firm's listing of it, and the firms that did not list it."""
        import pandas as pd

        row = self._lookup(issue)
        listings = pd.DataFrame(self._core.listings(row["id"]),
                                columns=["issue", "firm", "firm_name", "segment", "weight", "listed",
                                         "name_used", "rank", "stakeholder", "business"])
        listed = set(listings["firm"])
        firms = [f["id"] for f in self._core.firms]
        return Explanation(issue=row, listings=listings, not_listed=[f for f in firms if f not in listed])

    # ---- figures
    def plot_double_materiality(self, **kwargs: Any):
        """The double materiality matrix as a matplotlib Figure (see materia._plot)."""
        from ._plot import plot_double_materiality

        return plot_double_materiality(self, **kwargs)

    def plot_composite(self, **kwargs: Any):
        """The composite ranking with tier bands as a matplotlib Figure (see materia._plot)."""
        from ._plot import plot_composite

        return plot_composite(self, **kwargs)
