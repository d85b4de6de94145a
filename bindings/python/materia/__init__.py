"""materia: ESG materiality assessments turned into defensible numbers.

    import materia
    result = materia.analyze(materia.Dataset.sample("fintech-2024"), method="borda-normalized", tiers="fisher:3")
    result.issues.head()                 # pandas DataFrame, the JSON fields as columns
    result.plot_double_materiality()     # matplotlib Figure

The compiled core is ``materia._core``; this package adds DataFrames, plots and explanations.
Errors raise :class:`materia.Error` (a ``ValueError``) with the command line's message.
"""

from __future__ import annotations

from . import _core
from ._breaks import NaturalBreaks, natural_breaks
from ._dataset import Dataset, Taxonomy
from ._result import Explanation, Result, analyze

Error = _core.Error
__version__: str = _core.__version__

__all__ = [
    "Dataset",
    "Error",
    "Explanation",
    "NaturalBreaks",
    "Result",
    "Taxonomy",
    "analyze",
    "method_names",
    "natural_breaks",
    "__version__",
]


def method_names() -> list[str]:
    """Names of every rank-aggregation method, in documentation order."""
    return list(_core.method_names())
