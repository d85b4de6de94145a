"""materia: ESG materiality assessments turned into defensible numbers.

    import materia
    result = materia.analyze(materia.Dataset.sample("fintech-2024"), method="borda-normalized", tiers="fisher:3")
    result.issues.head()                 # pandas DataFrame, the JSON fields as columns
    result.plot_double_materiality()     # matplotlib Figure

The compiled core is ``materia._core``; this package adds DataFrames, plots, explanations and
:mod:`materia.stats` (Kendall's tau-b and W, Spearman's rho, Friedman, firm agreement).
Errors raise :class:`materia.Error` (a ``ValueError``) with the command line's message in Python
terms (parameters, not flags); warnings are :class:`materia.MatchWarning` (fuzzy name matches)
and :class:`materia.AnalysisWarning` (anything else), both :class:`materia.MateriaWarning`.
"""

from __future__ import annotations

from . import _core, stats
from ._breaks import NaturalBreaks, natural_breaks
from ._compare import Benchmark, Comparison, benchmark, compare
from ._dataset import Dataset, Normalizer, Taxonomy
from ._extract import Extraction, extract
from ._errors import AnalysisWarning, MatchWarning, MateriaWarning
from ._errors import error as _errors_error
from ._plot import plot_composite, plot_double_materiality, plot_ranking
from ._disclosure import (Assessment, CheckReport, DisclosureStatistics, FirmRecords, ScoreResult,
                          Survey, assess, check_published, disclosure_statistics, score, survey)
from ._result import Explanation, Result, analyze, analyze_option_names
from ._sensitivity import sensitivity

Error = _core.Error
__version__: str = _core.__version__

__all__ = [
    "AnalysisWarning",
    "Benchmark",
    "Comparison",
    "Dataset",
    "Error",
    "MatchWarning",
    "MateriaWarning",
    "Explanation",
    "NaturalBreaks",
    "Normalizer",
    "Result",
    "Taxonomy",
    "analyze",
    "analyze_option_names",
    "benchmark",
    "compare",
    "method_names",
    "natural_breaks",
    "plot_composite",
    "plot_double_materiality",
    "plot_ranking",
    "sensitivity",
    "stats",
    "taxonomy",
    "__version__",
]
__all__ += ["Assessment", "CheckReport", "DisclosureStatistics", "FirmRecords", "ScoreResult", "Survey",
            "assess", "check_published", "disclosure_statistics", "score", "survey"]
__all__ += ["Extraction", "extract"]


def taxonomy(name: str) -> dict:
    """A taxonomy as the dict of its JSON file (docs/format.md, "Taxonomy files"): a built-in
    name ("fintech-2024") or a taxonomy JSON file, what ``materia taxonomy export`` writes. Extend
    the dict and pass ``taxonomy=Taxonomy.from_json(the_dict)`` to a ``Dataset`` reader."""
    import os

    if "/" in name or name.endswith(".json") or os.sep in name:
        chosen = Taxonomy.from_json(name)
    else:
        chosen = Taxonomy.builtin(name)
    if chosen.name == "none":
        raise _errors_error('taxonomy "none" is the open vocabulary: it has no issues to export')
    return chosen.to_dict()


def method_names() -> list[str]:
    """Names of every rank-aggregation method, in documentation order."""
    return list(_core.method_names())
