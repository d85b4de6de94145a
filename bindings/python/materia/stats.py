"""Rank statistics: Kendall's tau-b, Spearman's rho, Kendall's W and Friedman's test, and the
agreement among the firms of an analysis (``materia agreement``). Thin calls into the C++ core
(materia/stats/stats.hpp); formulas and sources in docs/method.md §10.

    >>> from materia import stats
    >>> stats.kendall_tau_b([1, 2, 3, 4], [1, 3, 2, 4])
    0.6666666666666666

``nan_policy``: ``"raise"`` (default) makes a NaN a :class:`materia.Error`; ``"omit"`` gives NaN
the core's meaning: tau and rho leave the pair out, W takes it as an item the rater did not rank
(it ties below the items that rater ranked, the input format's "bottom" policy).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, Sequence, Union

from . import _core
from ._errors import error

if TYPE_CHECKING:
    import pandas

    from ._dataset import Dataset
    from ._result import Result

__all__ = ["Agreement", "Concordance", "Friedman", "agreement", "friedman", "kendall_tau_b",
           "kendall_w", "spearman_rho"]


class Concordance(NamedTuple):
    """Kendall's W (tie-corrected, in [0,1]) of ``raters`` rankings of ``items`` items, with
    Friedman's tie-corrected chi-square = raters (items - 1) W, its df = items - 1 and p-value."""

    w: float
    chi_square: float
    df: float
    p_value: float
    raters: int
    items: int


class Friedman(NamedTuple):
    """Friedman's test (tie-corrected), as ``scipy.stats.friedmanchisquare`` reports it."""

    statistic: float
    df: float
    p_value: float


def _omit(nan_policy: str) -> bool:
    if nan_policy not in ("raise", "omit"):
        raise error(f'nan_policy must be "raise" or "omit", not {nan_policy!r}')
    return nan_policy == "omit"


def _floats(values: Sequence[float], what: str) -> list[float]:
    try:
        return [float(v) for v in values]
    except (TypeError, ValueError) as e:
        raise error(f"{what} must be numbers ({e})") from None


def _matrix(ratings) -> list[list[float]]:
    if hasattr(ratings, "to_numpy"):  # a DataFrame: rows = raters, columns = items
        ratings = ratings.to_numpy(dtype=float)
    return [_floats(row, "ratings") for row in ratings]


def kendall_tau_b(x: Sequence[float], y: Sequence[float], nan_policy: str = "raise") -> float:
    """Kendall's tau-b of paired values (ties corrected; Knight's O(n log n) algorithm). NaN when
    fewer than two pairs remain or a side is constant; different lengths raise materia.Error."""
    return _core.kendall_tau_b(_floats(x, "x"), _floats(y, "y"), _omit(nan_policy))


def spearman_rho(x: Sequence[float], y: Sequence[float], nan_policy: str = "raise") -> float:
    """Spearman's rho: Pearson's correlation of the mid-ranks. NaN when undefined."""
    return _core.spearman_rho(_floats(x, "x"), _floats(y, "y"), _omit(nan_policy))


def kendall_w(ratings, nan_policy: str = "raise") -> Concordance:
    """Kendall's W of a matrix (list of rows or DataFrame; rows = raters, columns = items,
    smaller = better, e.g. ranks). Each row is re-ranked to mid-ranks; W is tie-corrected. Ragged
    rows raise materia.Error; W is NaN with fewer than 2 raters or items."""
    c = _core.kendall_w(_matrix(ratings), _omit(nan_policy))
    return Concordance(c["w"], c["chi_square"], c["df"], c["p_value"], c["raters"], c["items"])


def friedman(ratings, nan_policy: str = "raise") -> Friedman:
    """Friedman's chi-square (tie-corrected) of the same matrix as :func:`kendall_w`."""
    c = kendall_w(ratings, nan_policy)
    return Friedman(c.chi_square, c.df, c.p_value)


@dataclass(eq=False)  # holds a DataFrame: compare to_dict()
class Agreement:
    """How much the firms of an analysis agree (``materia agreement``): Kendall's W over all
    firms and issues (unlisted issues tie below the listed ones), Friedman's test, the
    Skillings-Mack test over the listed issues only (``skillings_mack``: statistic, df, p_value,
    permutation_p_value, permutations; NaN when it could not run), and per firm (``firms``, most
    typical first) its Spearman rho with the mean ranking of the others, the rank-biased overlap
    of its list with theirs (``rbo``) and the top-k distance to their top k (``topk_distance``)."""

    w: float
    chi_square: float
    df: float
    p_value: float
    raters: int
    items: int
    skillings_mack: dict
    most_typical: list
    least_typical: list
    firms: "pandas.DataFrame"

    def to_dict(self) -> dict:
        """The fields of ``materia agreement --format json``."""
        data = dict(self.__dict__)
        data["firms"] = self.firms.to_dict("records")
        return data


def agreement(result: "Union[Result, Dataset]", show: int = 3, **options: Any) -> Agreement:
    """Agreement among the firms of ``result`` (:func:`materia.analyze`), or of a Dataset
    analyzed with ``options`` first (as ``materia agreement FILE --method ...``); ``show`` most
    and least typical firms."""
    import pandas as pd

    from ._dataset import Dataset
    from ._result import analyze

    if isinstance(result, Dataset):
        result = analyze(result, **options)
    elif options:
        raise error("analysis options go with a Dataset, not with a Result already analyzed")
    if isinstance(show, bool) or not isinstance(show, int) or show < 0:
        raise error(f"show must be a whole number >= 0, not {show!r}")
    data = json.loads(result._core.agreement_json(show))
    nan = float("nan")
    firms = pd.DataFrame(data["firms"], columns=["id", "rho", "rbo", "topk_distance", "listed"])
    for column in ("rho", "rbo", "topk_distance"):
        firms[column] = firms[column].astype(float)
    skillings_mack = {key: (nan if value is None else value)
                      for key, value in data["skillings_mack"].items()}
    return Agreement(
        w=nan if data["w"] is None else data["w"],
        chi_square=nan if data["chi_square"] is None else data["chi_square"],
        df=data["df"], p_value=nan if data["p_value"] is None else data["p_value"],
        raters=data["raters"], items=data["items"], skillings_mack=skillings_mack,
        most_typical=data["most_typical"],
        least_typical=data["least_typical"], firms=firms)
