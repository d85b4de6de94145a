"""Disclosure statistics, published-table checks, scoring models, ESRS-style assessments and
stakeholder surveys (``materia disclosure | score | assess | survey``).

    import materia
    stats = materia.disclosure_statistics(sample="fintech-2024")
    stats.segments                       # DataFrame: segment, firms, reports, esg, csr, rate, printed
    materia.check_published(sample="fintech-2024", published_sample="fintech-2024").disagreements
    scores = materia.score("scores.json", attention=materia.analyze(sample, method="attention"))
    scores.firms                         # DataFrame: id, category, score, rank, one column per dimension

The compiled core computes every figure and writes the CLI's JSON; this module turns that JSON
into DataFrames, so a figure here is always the figure the command line prints.
"""

from __future__ import annotations

import json
import os
from typing import Any, Mapping, Optional, Union

from . import _core
from ._dataset import Dataset
from ._errors import error
from ._result import Result

PathLike = Union[str, "os.PathLike[str]"]


def _frame(rows: list, columns: Optional[list] = None):
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def _document(value: Any, what: str) -> tuple[str, str, str]:
    """(text, source, path) of a JSON document given as a dict, JSON text or a path: exactly one
    of text and path is set. A str starting with "{" is JSON text, any other str a path."""
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False), "<dict>", ""
    if isinstance(value, os.PathLike):
        return "", "", os.fspath(value)
    if isinstance(value, str):
        if value.lstrip().startswith("{"):
            return value, "<string>", ""
        return "", "", value
    raise TypeError(f"{what} must be a path, JSON text or a dict, not {type(value).__name__}")


# ---------------------------------------------------------------------------------------------
# Firm records


def _cell(value: Any) -> Any:
    """A DataFrame cell as the records CSV writes it: lists joined by "|", missing = empty."""
    if isinstance(value, (list, tuple)):
        return "|".join(str(v) for v in value)
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):  # pd.isna of a list-like: not missing
        pass
    if isinstance(value, float) and value.is_integer():
        return int(value)  # kpi_dimensions 43.0 (a column with gaps) -> 43
    return value


class FirmRecords:
    """A sample frame of firm records (docs/method.md, step 1): id, segment, report, listed, assurance,
    strategy, governance, kpi_table, kpi_dimensions, materiality_matrix, standards."""

    def __init__(self, core: "_core.FirmRecords") -> None:
        self._core = core

    @classmethod
    def sample(cls, name: str = "fintech-2024") -> "FirmRecords":
        """Built-in records (``fintech-2024``: 150 synthetic firms reproducing the report's
        published counts)."""
        return cls(_core.FirmRecords.sample(name))

    @classmethod
    def load(cls, records: Any) -> "FirmRecords":
        """Records from a path (JSON or CSV), JSON or CSV text, a dict of the JSON form, or a
        pandas DataFrame with one row per firm (list columns as lists or "|"-separated text;
        errors then name ``<DataFrame>:line`` with line = row position + 2, as in a CSV)."""
        if isinstance(records, FirmRecords):
            return records
        if isinstance(records, _core.FirmRecords):
            return cls(records)
        if isinstance(records, Mapping):
            return cls(_core.FirmRecords.from_text(json.dumps(records, ensure_ascii=False), "<dict>"))
        if hasattr(records, "to_csv") and hasattr(records, "columns"):  # a pandas DataFrame
            frame = records.apply(lambda column: column.map(_cell)) if len(records) else records
            text = frame.to_csv(index=False, lineterminator="\n")
            return cls(_core.FirmRecords.from_text(text, "<DataFrame>"))
        if isinstance(records, os.PathLike):
            return cls(_core.FirmRecords.from_file(os.fspath(records)))
        if isinstance(records, str):
            stripped = records.lstrip()
            if stripped.startswith("{") or "\n" in stripped:
                return cls(_core.FirmRecords.from_text(records, "<string>"))
            return cls(_core.FirmRecords.from_file(records))
        raise TypeError("records must be a path, JSON or CSV text, a dict, a DataFrame or "
                        f"materia.FirmRecords, not {type(records).__name__}")

    @property
    def firms(self):
        """One row per firm; ``listed`` and ``standards`` are lists, ``kpi_dimensions`` None
        when not given. ``FirmRecords.load(records.firms)`` gives the same records back."""
        return _frame(self._core.firms,
                      ["id", "name", "segment", "report", "listed", "assurance", "strategy",
                       "governance", "kpi_table", "kpi_dimensions", "materiality_matrix",
                       "standards"])

    @property
    def segments(self) -> list[dict]:
        """Declared segments in output order: ``[{"id", "name"}, ...]`` (may be empty)."""
        return list(self._core.segments)

    source = property(lambda self: self._core.source)
    synthetic = property(lambda self: self._core.synthetic)
    description = property(lambda self: self._core.description)

    def __len__(self) -> int:
        return len(self._core)

    def __repr__(self) -> str:
        return f"<materia.FirmRecords {self.source}: {len(self)} firms>"


def _records_argument(records: Any, sample: Optional[str]) -> "_core.FirmRecords":
    if (records is None) == (sample is None):
        raise error("give either records or sample=NAME")
    if sample is not None:
        return _core.FirmRecords.sample(sample)
    return FirmRecords.load(records)._core


class _Output:
    """The JSON, CSV and table texts of one verb's result, and its JSON parsed once."""

    def __init__(self, core: Any) -> None:
        self._core = core
        self._dict: Optional[dict] = None

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The JSON text the command line writes with ``--format json`` (without its final
        newline)."""
        return self._core.to_json_text(-1 if indent is None else indent)

    def to_csv(self) -> str:
        """The command line's ``--format csv`` text."""
        return self._core.to_csv_text()

    def to_dict(self) -> dict:
        if self._dict is None:
            self._dict = json.loads(self._core.to_json_text(-1))
        return self._dict

    def __str__(self) -> str:
        return self._core.to_table_text()


# ---------------------------------------------------------------------------------------------
# Disclosure statistics and the published-table check


class DisclosureStatistics(_Output):
    """``materia disclosure``: disclosure rate per segment, standards cited, report content."""

    @property
    def segments(self):
        """One row per segment (declared order): segment, name, firms, reports, esg, csr, rate
        (a fraction; NaN for an empty segment) and printed (as the report prints it, "13.3%")."""
        frame = _frame(self.to_dict()["segments"],
                       ["segment", "name", "firms", "reports", "esg", "csr", "rate", "printed"])
        frame["rate"] = frame["rate"].astype(float)
        return frame

    @property
    def total(self) -> dict:
        """The total row (same fields as ``segments``)."""
        return dict(self.to_dict()["total"])

    @property
    def standards(self):
        """Standards cited by the reports of the basis, by count then name: standard, reports,
        share, printed (whole percent, half up: "13%" for 3/24)."""
        frame = _frame(self.to_dict()["standards"], ["standard", "reports", "share", "printed"])
        frame["share"] = frame["share"].astype(float)
        return frame

    @property
    def content(self):
        """Content shares: item ("assurance", "assurance:limited", "strategy", "kpi_table",
        "listing:HK+US", ...), count, share, printed."""
        frame = _frame(self.to_dict()["content"], ["item", "count", "share", "printed"])
        frame["share"] = frame["share"].astype(float)
        return frame

    basis = property(lambda self: self.to_dict()["basis"])  # "esg" or "esg+csr"
    reports = property(lambda self: self.to_dict()["reports"])  # reports in the basis
    kpi_dimensions = property(lambda self: dict(self.to_dict()["kpi_dimensions"]))

    def __repr__(self) -> str:
        d = self.to_dict()
        return (f"<materia.DisclosureStatistics {d['source']}: {d['firms']} firms, "
                f"{d['reports']} {d['basis']} reports>")


def disclosure_statistics(records: Any = None, *, sample: Optional[str] = None,
                          include_csr: bool = False) -> DisclosureStatistics:
    """``materia disclosure``: ``records`` as :meth:`FirmRecords.load` takes them, or
    ``sample="fintech-2024"``. The standards and content statistics count ESG reports only, as
    the report does, unless ``include_csr``."""
    core = _records_argument(records, sample)
    return DisclosureStatistics(_core.disclosure_statistics(core, bool(include_csr)))


class CheckReport(_Output):
    """``materia disclosure --check``: every published figure that disagrees with its own table
    or with the records."""

    _COLUMNS = ["table", "row", "field", "published", "table_expected", "table_reason",
                "records_expected", "records_reason", "message"]

    @property
    def disagreements(self):
        """One row per disagreement, in table order (columns as the CLI's JSON)."""
        return _frame(self.to_dict()["disagreements"], self._COLUMNS)

    figures_checked = property(lambda self: self.to_dict()["figures_checked"])
    ok = property(lambda self: self._core.disagreement_count == 0)

    def __len__(self) -> int:
        return self._core.disagreement_count

    def __repr__(self) -> str:
        return (f"<materia.CheckReport {self.figures_checked} figures checked, "
                f"{len(self)} disagreements>")


def check_published(records: Any = None, published: Any = None, *, sample: Optional[str] = None,
                    published_sample: Optional[str] = None) -> CheckReport:
    """Recomputes a report's published tables from the firm records (``materia disclosure
    --check``). ``published``: a path, JSON text or dict of the published-tables format
    (docs/method.md), or ``published_sample="fintech-2024"``. Disagreements are the result,
    not an error."""
    core_records = _records_argument(records, sample)
    if (published is None) == (published_sample is None):
        raise error("give either published tables or published_sample=NAME")
    if published_sample is not None:
        tables = _core.PublishedTables.sample(published_sample)
    else:
        text, source, path = _document(published, "published")
        tables = (_core.PublishedTables.from_file(path) if path
                  else _core.PublishedTables.from_json_text(text, source))
    return CheckReport(_core.check_published(tables, core_records))


# ---------------------------------------------------------------------------------------------
# Scoring


class ScoreResult(_Output):
    """``materia score``: per-firm scores, ranks within categories and the full breakdown."""

    @property
    def firms(self):
        """One row per firm (by category, then rank): id, name, category, score, rank, then one
        column per dimension of the model (the root's children, juries mixed)."""
        rows = []
        for firm in self.to_dict()["firms"]:
            row = {k: firm[k] for k in ("id", "name", "category", "score", "rank")}
            for dimension, value in firm["dimensions"].items():
                row[dimension if dimension not in row else f"dimension:{dimension}"] = value
            rows.append(row)
        return _frame(rows) if rows else _frame([], ["id", "name", "category", "score", "rank"])

    @property
    def breakdown(self):
        """One row per firm, jury and node of the tree (root first, depth first): firm,
        category, rank, firm_score, jury, jury_weight, jury_score, id, path, weight,
        global_weight, score, contribution (global_weight x score; a jury's leaves add up to its
        score), rule and input (what the rule read)."""
        rows = []
        for firm in self.to_dict()["firms"]:
            for jury in firm["juries"]:
                for node in jury["nodes"]:
                    rows.append({"firm": firm["id"], "category": firm["category"],
                                 "rank": firm["rank"], "firm_score": firm["score"],
                                 "jury": jury["jury"], "jury_weight": jury["weight"],
                                 "jury_score": jury["score"], **node})
        return _frame(rows, ["firm", "category", "rank", "firm_score", "jury", "jury_weight",
                             "jury_score", "id", "path", "weight", "global_weight", "score",
                             "contribution", "rule", "input"])

    model = property(lambda self: self.to_dict()["model"])
    juries = property(lambda self: [dict(j) for j in self.to_dict()["juries"]])
    categories = property(lambda self: [dict(c) for c in self.to_dict()["categories"]])

    def __repr__(self) -> str:
        return f"<materia.ScoreResult {self.model}: {len(self.to_dict()['firms'])} firms>"


def score(input: Any, model: Union[None, str, Mapping[str, Any]] = None, attention: Any = None,
          records: Any = None) -> ScoreResult:
    """``materia score``: scores every firm of ``input`` (a path, JSON text or dict of the
    scoring input) with a weighted indicator tree.

    ``model``: a built-in name (``"excellence-2024"``), a model file's path, or the model as a
    dict; None takes the input's ``"model"``, else excellence-2024.
    ``attention`` (weights the issues of issue rules): a :class:`materia.Result` (its issue
    attention), a :class:`materia.Dataset` (analyzed with the ``attention`` method), the path of
    a saved ``materia analyze --format json`` result, that result as a dict, or a spec dict
    (``{"sample": NAME}``, ``{"dataset": PATH}``, ``{"analysis": PATH}``,
    ``{"issues": {name: count}}``); None takes the input's ``"attention"``.
    ``records``: firm records (anything :meth:`FirmRecords.load` takes) whose facts fill each
    firm's values. The GIL is released while scoring.
    """
    text, source, path = _document(input, "input")
    kwargs: dict[str, Any] = {"input": text, "source": source or "<string>", "path": path}
    if isinstance(model, Mapping):
        kwargs["model_json"] = json.dumps(model, ensure_ascii=False)
    elif model is not None:
        kwargs["model"] = os.fspath(model)
    if isinstance(attention, Dataset):
        attention = Result(_core.analyze(attention._core, json.dumps({"method": "attention"})))
    if isinstance(attention, Result):
        kwargs["attention_result"] = attention._core
    elif isinstance(attention, Mapping):
        key = "attention_analysis_json" if isinstance(attention.get("issues"), list) else "attention_spec_json"
        kwargs[key] = json.dumps(attention, ensure_ascii=False)
    elif isinstance(attention, (str, os.PathLike)):
        kwargs["attention_spec_json"] = json.dumps({"analysis": os.fspath(attention)}, ensure_ascii=False)
    elif attention is not None:
        raise TypeError("attention must be a materia.Result, a materia.Dataset, a path or a dict, "
                        f"not {type(attention).__name__}")
    if records is not None:
        kwargs["records"] = FirmRecords.load(records)._core
    return ScoreResult(_core.score(**kwargs))


# ---------------------------------------------------------------------------------------------
# ESRS-style assessment


_SCORES_OF = {"iros": ("severity", "likelihood", "impact", "financial"),
              "topics": ("impact_negative", "impact_positive", "risk", "opportunity")}


def _flatten_scores(rows: list, names: tuple) -> list:
    """Each score object {state, value, rule, inputs} as columns X (value, None unless scored or
    a lower bound), X_state, X_rule and X_inputs."""
    out = []
    for row in rows:
        flat = {}
        for key, value in row.items():
            if key in names:
                flat[key] = value["value"]
                flat[f"{key}_state"] = value["state"]
                flat[f"{key}_rule"] = value["rule"]
                flat[f"{key}_inputs"] = value["inputs"]
            else:
                flat[key] = value
        out.append(flat)
    return out


class Assessment(_Output):
    """``materia assess``: an ESRS-style double materiality assessment of one firm."""

    @property
    def iros(self):
        """One row per impact, risk or opportunity: id, topic, kind, sign, occurrence,
        human_rights, time_horizon, value_chain, severity, likelihood, impact, financial (each
        with _state, _rule and _inputs columns; "not_applicable", "not_assessed" and "unknown"
        are states, never 0), impact_outcome, financial_outcome, status, basis, rationale."""
        return self._scores_frame("iros")

    @property
    def topics(self):
        """One row per topic: id, name, status, impact_material, financial_material,
        material_iros, impact_negative, impact_positive, risk, opportunity (each the maximum over
        its IROs, with _state, _rule, _inputs; never netted), rationale."""
        return self._scores_frame("topics")

    def _scores_frame(self, key: str):
        frame = _frame(_flatten_scores(self.to_dict()[key], _SCORES_OF[key]))
        for name in _SCORES_OF[key]:
            if name in frame:
                frame[name] = frame[name].astype(float)
        return frame

    firm = property(lambda self: dict(self.to_dict()["firm"]))
    rules = property(lambda self: dict(self.to_dict()["rules"]))

    def __repr__(self) -> str:
        d = self.to_dict()
        material = sum(t["status"] == "material" for t in d["topics"])
        return (f"<materia.Assessment {d['firm']['id']}: {material} of {len(d['topics'])} topics "
                f"material>")


def assess(assessment: Any) -> Assessment:
    """``materia assess``: ``assessment`` is a path, JSON text or dict of the assessment format
    ({"firm", "rules", "topics", "iros"}; docs/method.md)."""
    text, source, path = _document(assessment, "assessment")
    return Assessment(_core.assess_file(path) if path else _core.assess_text(text, source))


# ---------------------------------------------------------------------------------------------
# Stakeholder surveys


class Survey(_Output):
    """``materia survey``: group-weighted importance to stakeholders per issue."""

    @property
    def issues(self):
        """One row per issue, by rank: issue, rank, respondents, weight_covered, weighted_mean,
        weighted_median, top_box_share, company (management's rating; NaN when not rated)."""
        rows = [{k: v for k, v in issue.items() if k != "groups"} for issue in self.to_dict()["issues"]]
        frame = _frame(rows, ["issue", "rank", "respondents", "weight_covered", "weighted_mean",
                              "weighted_median", "top_box_share", "company"])
        frame["company"] = frame["company"].astype(float)
        return frame

    @property
    def groups(self):
        """One row per issue and stakeholder group that rated it: issue, group, respondents,
        mean, median, top_box_share."""
        rows = [{"issue": issue["issue"], **group}
                for issue in self.to_dict()["issues"] for group in issue["groups"]]
        return _frame(rows, ["issue", "group", "respondents", "mean", "median", "top_box_share"])

    stakeholder_groups = property(lambda self: [dict(g) for g in self.to_dict()["groups"]])
    firm = property(lambda self: dict(self.to_dict()["firm"]))

    def dataset_json(self, indent: Optional[int] = 2) -> str:
        """The firm's own dataset, as ``materia survey --as-dataset`` writes it (without the
        final newline): stakeholder = weighted mean, business = management's rating."""
        return self._core.dataset_json_text(-1 if indent is None else indent)

    def to_dataset(self) -> Dataset:
        """That dataset as a :class:`materia.Dataset`, ready for :func:`materia.analyze`."""
        return Dataset(_core.Dataset.from_json_text(self.dataset_json(None), "<survey>"))

    def __repr__(self) -> str:
        d = self.to_dict()
        return f"<materia.Survey {d['firm']['id']}: {len(d['issues'])} issues, {len(d['groups'])} groups>"


def survey(survey: Any) -> Survey:
    """``materia survey``: ``survey`` is a path, JSON text or dict of the survey format
    ({"firm", "taxonomy", "scale", "groups", "responses", "company"}; docs/method.md)."""
    text, source, path = _document(survey, "survey")
    return Survey(_core.survey_file(path) if path else _core.survey_text(text, source))
