"""Natural breaks of a list of numbers (the `materia breaks` verb)."""

from __future__ import annotations

import math
from typing import NamedTuple, Sequence

from . import _core
from ._errors import error


class NaturalBreaks(NamedTuple):
    """``breaks``: the minimum, then the largest value of each class (classInt's convention);
    ``classes``: the class of each input value, 1 = lowest; ``gvf``: goodness of variance fit."""

    breaks: list[float]
    classes: list[int]
    gvf: float


_METHODS = ("fisher", "jenks")


def natural_breaks(values: Sequence[float], k: int, method: str = "fisher") -> NaturalBreaks:
    """Splits ``values`` into ``k`` classes (fewer if there are fewer distinct values).

    ``fisher`` (alias ``jenks``) is Fisher's exactly optimal partition, minimizing the
    within-class sum of squared deviations.

        >>> natural_breaks([1, 2, 3, 10, 11, 12, 30], 3).breaks
        [1.0, 3.0, 12.0, 30.0]
    """
    if method not in _METHODS:
        raise error(f'unknown breaks method "{method}" ({", ".join(_METHODS)})')
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 100:
        raise error("give a whole number of classes from 1 to 100")
    data = [float(v) for v in values]
    for i, v in enumerate(data):
        if not math.isfinite(v):
            raise error(f"value {i + 1} is not a finite number", "input")
    if not data:
        return NaturalBreaks([], [], 1.0)
    classes = list(_core.fisher_classes(data, k))
    upper = [-math.inf] * (max(classes) + 1)
    for v, c in zip(data, classes):
        upper[c] = max(upper[c], v)
    upper[0] = min(data)
    return NaturalBreaks(upper, classes, float(_core.goodness_of_variance_fit(data, classes)))
