"""analyze() and its Result: DataFrames, JSON, explanations and figures."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from . import _core
from ._dataset import Dataset
from ._errors import dumps, emit, error, plain, python_errors, python_terms

if TYPE_CHECKING:
    from ._plot import LabelChoice


def analyze(dataset: Dataset, method: Optional[str] = None, tiers: Optional[str] = None,
            **options: Any) -> "Result":
    """Runs the pipeline on ``dataset``, then the bootstrap and leave-one-out if asked.

    ``method``: ``borda-normalized`` (default), ``attention``, ... (:func:`materia.method_names`);
    ``tiers``: ``fisher:3`` (default), ``counts:26,23,42``, ``shares:0.3,0.3,0.4``,
    ``thresholds:15,8``, ``quantile:3``, ``fisher:auto``, ``jenks:3``, ``equal:3``, ``headtail``,
    and for ``rra``/``stuart`` ``significance:0.05`` (Bonferroni; ``significance:0.05:bh``:
    Benjamini-Hochberg).
    Other options as keywords, the CLI's flags in snake case (:func:`materia.analyze_option_names`):

    - ``universe``, ``combine``, ``rra_top_cutoff``, ``rra_exact``, ``pl_prior`` (plackett-luce's
      prior, >= 0, default 0.5), ``mc4_teleport`` (mc4's jump probability, in (0, 1], default
      0.15);
    - matrix: ``stakeholder_threshold``, ``business_threshold`` (fixed, on [0,1]), ``axes``
      (``shrunk``/``method``/``positions``), ``axis_tiers`` (``fisher:2``), ``borderline_band``,
      ``material`` (``either``/``both``), ``composite_top`` (K), ``roll_up``
      (``max``/``mean``/``weight``/``firms``), ``composite_attention_threshold``,
      ``composite_importance_threshold``;
    - uncertainty: ``bootstrap`` (B replicates), ``seed``, ``threads``, ``leave_one_out``;
    - names: ``aliases`` (an alias file, or a list of files and ``{"name", "target"}`` dicts),
      ``strict``, ``fuzzy_threshold``.

    Numbers may be numpy scalars (``seed=np.int64(1)``). Unknown options raise
    :class:`materia.Error`. The GIL is released while the analysis runs.

    Warnings (:attr:`Result.warnings`) are also raised with :func:`warnings.warn`: a fuzzy name
    match as :class:`materia.MatchWarning`, anything else as :class:`materia.AnalysisWarning`
    (both :class:`materia.MateriaWarning`, a ``UserWarning``). ``strict=True`` makes a fuzzy
    match an error, and any other warning too: :class:`materia.Error` instead of a warning.
    """
    if not isinstance(dataset, Dataset):
        raise error(f"analyze() needs a materia.Dataset as dataset, not {type(dataset).__name__} "
                    "(use materia.Dataset.from_dataframe, from_json, from_csv or sample)")
    with python_errors():
        result = Result(_core.analyze(dataset._core, _options_text(
            {"method": method, "tiers": tiers, **options})))
    emit(result.warnings, result.warning_kinds, bool(options.get("strict")), stacklevel=3)
    return result


def _options_text(payload: dict) -> str:
    """The options JSON of keyword arguments, the one place options are serialized: numpy
    scalars and arrays as numbers and lists, alias paths as text, non-finite numbers refused."""
    for key, value in list(payload.items()):
        if value is not None and not isinstance(value, (str, bool, int, float, list, tuple, dict,
                                                        os.PathLike)):
            try:
                payload[key] = value = plain(value)
            except TypeError:
                raise error(f"{key}= must be a number, text, boolean or list, not "
                            f"{type(value).__name__}") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise error(f'option "{key}" must be finite, not {value!r}')
    aliases = payload.get("aliases")
    if isinstance(aliases, (str, os.PathLike)):
        payload["aliases"] = os.fspath(aliases)
    elif isinstance(aliases, (list, tuple)):
        payload["aliases"] = [os.fspath(a) if isinstance(a, os.PathLike) else a for a in aliases]
    return dumps(payload, "options")


def analyze_option_names() -> list[str]:
    """Every option :func:`analyze` takes, in documentation order."""
    return list(_core.analyze_option_names())


def _nan(value: Optional[float]) -> float:
    return math.nan if value is None else float(value)


def _at(row: dict, location: str) -> Any:
    """The value at a field's location in a JSON row ("influential_firm/id", "rank_interval/0"),
    None where the row does not have it."""
    value: Any = row
    for key in location.split("/"):
        if isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        elif isinstance(value, dict) and key in value:
            value = value[key]
        else:
            return None
    return value


def _frame(rows: list, fields: list):
    """A DataFrame with one column per field of the table, in its order; a field a row does not
    have is NaN, "" or [] by its type."""
    import pandas as pd

    columns = {}
    for f in fields:
        values = [_at(row, f["location"]) for row in rows]
        if f["type"] == "number":
            values = [_nan(v) for v in values]  # JSON null -> NaN
        elif f["type"] == "string":
            values = ["" if v is None else v for v in values]
        elif f["type"] in ("strings", "numbers"):
            values = [[] if v is None else list(v) for v in values]
        columns[f["name"]] = values
    frame = pd.DataFrame(columns)
    if "tier_probability" in frame:  # P(tier = t + 1) as plain columns, for sorting and plotting
        width = max((len(p) for p in frame["tier_probability"]), default=0)
        for t in range(width):
            frame[f"p_tier_{t + 1}"] = [p[t] if t < len(p) else math.nan
                                        for p in frame["tier_probability"]]
    return frame


def _check_issue_argument(method: str, issue: Any, parameter: str = "issue") -> None:
    if not isinstance(issue, str):
        raise error(f"Result.{method}() needs {parameter} as a str (an issue id from "
                    f"result.issues['id'] or any name of the issue), not {type(issue).__name__} "
                    f"{issue!r}")


@dataclass
class Explanation:
    """Why an issue stands where it stands (``materia explain``): the names merged into it, each
    firm's rank, axis positions, own value and contribution to the score (``firms``), how far the
    score is from the tier boundaries, the bootstrap interval and the most influential firm when
    they were run. ``str(explanation)`` is the CLI's table; :meth:`to_dict` its JSON."""

    id: str
    name: str
    name_en: str
    category: str
    parent: str
    children: list
    method: str
    higher_is_better: bool
    score: float
    rank: int
    tier: int
    tier_count: int
    attention: int
    importance: float
    stakeholder: float
    business: float
    quadrant: str
    material: bool
    borderline: bool
    merged_names: list  # [{"name", "firms"}], most used first
    boundary_below: float  # halfway to the next tier's best score (NaN in the last tier)
    boundary_above: float  # halfway to the tier above's worst score (NaN in tier 1)
    margin_below: float  # how much the score can worsen before the issue drops a tier
    margin_above: float  # how much it must improve to rise one
    rank_low: float  # bootstrap rank interval (NaN when not run)
    rank_high: float
    tier_probability: list  # [P(tier 1), P(tier 2), ...]; empty when not run
    influential_firm: str  # leave-one-out ("" when not run)
    influential_shift: float
    contributions_sum: float  # equals the score when contributions_add_up
    firms: Any  # pandas DataFrame: firm, listed, counted, name_used, rank, list_length, ...
    # Fields of newer cores (NaN / False / "" / empty when the core does not give them):
    stakeholder_threshold: float = math.nan  # the analysis's matrix thresholds
    business_threshold: float = math.nan
    composite: float = math.nan  # composite importance (NaN outside the composite's top K)
    contributions_add_up: bool = False  # the method's score is a weighted sum over firms
    roll_up: str = ""  # topics: how the children roll up
    child_parts: Any = None  # topics: DataFrame of the children's values
    _json: dict = field(repr=False, default_factory=dict)
    _text: str = field(repr=False, default="")

    @classmethod
    def _from_json(cls, data: dict, text: str = "") -> "Explanation":
        import pandas as pd

        bounds = data["tier_boundaries"]
        interval = data.get("rank_interval") or [None, None]
        influential = data.get("influential_firm") or {}
        firms = pd.DataFrame(data["firms"], columns=["firm", "listed", "counted", "name_used", "rank",
                                                     "list_length", "stakeholder", "business",
                                                     "value", "contribution"])
        for column in ("rank", "stakeholder", "business", "value", "contribution"):
            firms[column] = firms[column].astype(float)
        return cls(
            id=data["id"], name=data["name"], name_en=data["name_en"], category=data["category"],
            parent=data.get("parent", ""), children=list(data.get("children", [])),
            method=data["method"], higher_is_better=data["higher_is_better"],
            score=_nan(data["score"]), rank=data["rank"], tier=data["tier"],
            tier_count=data["tier_count"], attention=data["attention"],
            importance=_nan(data["importance"]), stakeholder=_nan(data["stakeholder"]),
            business=_nan(data["business"]), quadrant=data["quadrant"], material=data["material"],
            borderline=data["borderline"], merged_names=data["merged_names"],
            boundary_below=_nan(bounds["below"]), boundary_above=_nan(bounds["above"]),
            margin_below=_nan(bounds["margin_below"]), margin_above=_nan(bounds["margin_above"]),
            rank_low=_nan(interval[0]), rank_high=_nan(interval[1]),
            tier_probability=list(data.get("tier_probability", [])),
            influential_firm=influential.get("id", ""),
            influential_shift=_nan(influential.get("rank_shift", 0.0)),
            contributions_sum=_nan(data["contributions_sum"]), firms=firms,
            stakeholder_threshold=_nan(data.get("thresholds", {}).get("stakeholder")),
            business_threshold=_nan(data.get("thresholds", {}).get("business")),
            composite=_nan(data.get("composite")),
            contributions_add_up=bool(data.get("contributions_add_up", False)),
            roll_up=data.get("roll_up", ""),
            child_parts=pd.DataFrame(data.get("child_parts", []),
                                     columns=["id", "name", "score", "rank", "tier", "attention",
                                              "stakeholder", "business"]),
            _json=data, _text=text)

    def to_dict(self) -> dict:
        """The JSON object of ``materia explain --format json``."""
        return json.loads(json.dumps(self._json))

    @property
    def text(self) -> str:
        """The table ``materia explain`` prints (the core writes it for both)."""
        return self._text

    def __str__(self) -> str:
        return self.text


class Result:
    """The outcome of :func:`analyze`. ``issues`` and ``topics`` are pandas DataFrames whose
    columns are the fields of the CLI's JSON output (docs/format.md)."""

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
        """One row per issue, sorted by rank. Columns: the issue row's fields in order
        (``materia._core.issue_fields()``, docs/format.md "Result fields"): id, name, name_en,
        category, attention, attention_share, score, rank, tier, importance, stakeholder, business,
        quadrant, merged_names, material, borderline, composite, ``rank_low`` and ``rank_high``
        (bootstrap interval; NaN when not run), ``tier_probability`` (list; empty when not run),
        ``influential_firm`` and ``influential_shift`` (leave-one-out; "" / NaN when not run),
        ``parent`` (the topic the issue rolls up into, "" if none) and ``children`` (empty but on
        a topic that firms named themselves); then, with a bootstrap, ``p_tier_1`` ... (one
        column per tier)."""
        if self._issues is None:
            self._issues = _frame(self.to_dict()["issues"], _core.issue_fields())
        return self._issues.copy()

    @property
    def topics(self):
        """Roll-up topics, with the columns of ``issues`` (``children``: the ids of the topic's
        children; the bootstrap, leave-one-out and ``parent`` columns stay empty)."""
        if self._topics is None:
            self._topics = _frame(self.to_dict()["topics"], _core.issue_fields())
        return self._topics.copy()

    @property
    def method(self) -> str:
        """The aggregation method (``method=``), e.g."""
        return self._core.method

    @property
    def tiers(self) -> str:
        """The tier spec, in canonical form, e.g. ``"fisher:3"``; each issue's tier is the
        ``tier`` column of :attr:`issues` (C: the tier and tiers columns of the issues and meta
        tables)."""
        return self._core.tiers

    @property
    def taxonomy(self) -> str:
        """The taxonomy's name; ``"none"`` for the open vocabulary."""
        return self._core.taxonomy

    @property
    def taxonomy_version(self) -> str:
        """The taxonomy's version; ``""`` when it has none."""
        return self._core.taxonomy_version

    @property
    def companies(self) -> int:
        """Number of firms in the dataset, weight-0 firms included."""
        return self._core.companies

    @property
    def universe(self) -> int:
        """N, the number of issues ranks are out of (``universe=``; default: the distinct issues
        in the data)."""
        return self._core.universe

    @property
    def higher_is_better(self) -> bool:
        """True when a larger score is more important; false for mean-rank, median-rank,
        geomean-rank, rra, stuart and kemeny."""
        return self._core.higher_is_better

    @property
    def tier_breaks(self) -> list[float]:
        """Score boundaries between tiers, from tier 1 down: the score of the last issue of every
        tier but the last."""
        return list(self._core.tier_breaks)

    @property
    def gvf(self) -> float:
        """Goodness of variance fit of the tiers, 1 − SDCM/SDAM."""
        return self._core.gvf

    @property
    def stakeholder_threshold(self) -> float:
        """Threshold on the stakeholder axis: fixed, or the lowest value of the top class of
        ``matrix.threshold_rule``."""
        return self._core.stakeholder_threshold

    @property
    def business_threshold(self) -> float:
        """Threshold on the business axis, likewise."""
        return self._core.business_threshold

    @property
    def axis_aggregation(self) -> str:
        """How the firms' axes combine: ``"shrunk"`` (default), ``"method"`` or ``"positions"``."""
        return self._core.axis_aggregation

    @property
    def threshold_rule(self) -> str:
        """``"fixed"`` when both axis thresholds were given, else the axis tier spec that set
        them."""
        return self._core.threshold_rule

    @property
    def material_rule(self) -> str:
        """``"either"`` or ``"both"``: the axes an issue must pass to be material."""
        return self._core.material_rule

    @property
    def borderline_band(self) -> float:
        """Distance to a deciding threshold within which an issue is borderline."""
        return self._core.borderline_band

    @property
    def roll_up(self) -> str:
        """How topics combine their children: ``"max"``, ``"mean"``, ``"weight"`` or ``"firms"``."""
        return self._core.roll_up

    @property
    def composite_top(self) -> int:
        """K of the composite matrix (0 = all issues)."""
        return self._core.composite_top

    @property
    def composite_cut_attention(self) -> int:
        """Attention of the K-th issue of the composite (0 = no cut)."""
        return self._core.composite_cut_attention

    @property
    def composite_attention_threshold(self) -> float:
        """Composite-matrix threshold on attention share; null when the composite is empty."""
        return self._core.composite_attention_threshold

    @property
    def composite_importance_threshold(self) -> float:
        """Composite-matrix threshold on importance; null when the composite is empty."""
        return self._core.composite_importance_threshold

    @property
    def bootstrap_replicates(self) -> int:
        """B, the bootstrap's replicates (0 = no bootstrap)."""
        return self._core.bootstrap_replicates

    @property
    def bootstrap_seed(self) -> int:
        """The bootstrap's seed."""
        return self._core.bootstrap_seed

    @property
    def leave_one_out(self) -> bool:
        """Leave-one-out ran: issue rows may name an ``influential_firm``."""
        return self._core.leave_one_out

    @property
    def synthetic_input(self) -> bool:
        """The dataset declares itself synthetic (``meta.synthetic``)."""
        return self._core.synthetic_input

    @property
    def dropped_names(self) -> list[str]:
        """With a review decision drop: the names left out of the analysis (aliases of kind
        ``drop``), in order of first use; a warning counts each one's listings."""
        return list(self._core.dropped_names)

    @property
    def warnings(self) -> list[str]:
        """What the user should know (fuzzy matches, weight-0 firms, cuts through ties), worded
        for Python; :func:`analyze` also raised each with :func:`warnings.warn`."""
        return [python_terms(w) for w in self._core.warnings]

    @property
    def warning_kinds(self) -> list[str]:
        """The kind of each warning: ``fuzzy_match``, ``no_taxonomy`` and ``dropped_names`` (each a
        :class:`materia.MatchWarning`), ``tier_tie``, ``composite_tie``, ``rank_sets_skipped``,
        ``zero_weight``, ``fewer_tiers``."""
        kinds = list(self._core.warning_kinds)
        # a warning added without a kind is an analysis warning, never lost
        return kinds + ["analysis"] * (len(self._core.warnings) - len(kinds))


    @property
    def firms(self):
        """One row per firm: id, name, segment, weight, listed (number of issues it listed)."""
        import pandas as pd

        return pd.DataFrame(self._core.firms, columns=["id", "name", "segment", "weight", "listed"])

    def double_materiality_ranking(self) -> list[str]:
        """Ids of topics and un-rolled issues, best on both axes first (docs/method.md, step 6)."""
        return list(self._core.double_materiality_ranking())

    # ---- explanations
    def explain(self, issue: str) -> Explanation:
        """Why ``issue`` (an id, its canonical Chinese or English name, or any name a firm used
        for it; topics too) got its score, rank and tier: what ``materia explain`` prints, from
        the C++ explanation of this analysis (same dataset and options, bootstrap and
        leave-one-out included when they were run). Unknown issues raise materia.Error."""
        _check_issue_argument("explain", issue)
        with python_errors():
            return Explanation._from_json(json.loads(self._core.explain_json(issue)),
                                          self._core.explain_text(issue))

    def listings(self, issue_id: str):
        """Every firm's listing of an issue (or of a topic's children) as a DataFrame: issue,
        firm, firm_name, segment, weight, listed, name_used, rank, stakeholder, business."""
        import pandas as pd

        _check_issue_argument("listings", issue_id, "issue_id")
        return pd.DataFrame(self._core.listings(issue_id),
                            columns=["issue", "firm", "firm_name", "segment", "weight", "listed",
                                     "name_used", "rank", "stakeholder", "business"])

    def agreement(self, show: int = 3):
        """How much the firms agree (``materia agreement``): see :func:`materia.stats.agreement`."""
        from .stats import agreement

        return agreement(self, show)

    # ---- figures
    def plot_double_materiality(self, label: "LabelChoice" = "tier1", figsize: tuple = (11, 8.5),
                                dpi: int = 100, title: Optional[str] = None):
        """The double materiality matrix as a matplotlib Figure: importance to the business (x)
        against importance to stakeholders (y), E/S/G colours, tier sizes, the thresholds.
        ``label``: "tier1", "all", "none", a number N (top N by rank) or a list of ids; names
        that do not fit become numbers listed in a table, never dropped
        (:func:`materia.plot_double_materiality`)."""
        from ._plot import plot_double_materiality

        return plot_double_materiality(self, label=label, figsize=figsize, dpi=dpi, title=title)

    def plot_composite(self, top: Optional[int] = None, label: "LabelChoice" = "tier1",
                       figsize: tuple = (11, 8.5), dpi: int = 100, title: Optional[str] = None):
        """The composite importance matrix as a matplotlib Figure, as the report's composite.svg:
        attention share (x) against importance (y) for the ``top`` K issues by attention (default
        :attr:`composite_top`; 0 = all), with the composite thresholds, E/S/G colours and tier
        sizes; labels as :meth:`plot_double_materiality` (:func:`materia.plot_composite`)."""
        from ._plot import plot_composite

        return plot_composite(self, top=top, label=label, figsize=figsize, dpi=dpi, title=title)

    def plot_ranking(self, top: Optional[int] = None, dpi: int = 100, title: Optional[str] = None):
        """The ranking as a matplotlib Figure: one bar per issue's score (rank 1 at the top),
        E/S/G colours, tier bands and boundaries; ``top`` keeps the first N
        (:func:`materia.plot_ranking`)."""
        from ._plot import plot_ranking

        return plot_ranking(self, top=top, dpi=dpi, title=title)
