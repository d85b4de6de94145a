"""Natural breaks of a list of numbers (the `materia breaks` verb)."""

from __future__ import annotations

import json
import numbers
from typing import NamedTuple, Sequence

from . import _core
from ._errors import error


class NaturalBreaks(NamedTuple):
    """The fields of ``materia breaks --format json``. ``breaks``: the class_count + 1 class
    boundaries from the lowest value to the highest, in R classInt's conventions for the method;
    ``classes``: the class of each input value, 1 = lowest; ``gvf``: goodness of variance fit."""

    breaks: list[float]
    classes: list[int]
    gvf: float
    method: str
    class_count: int


METHODS = ("fisher", "jenks", "quantile", "equal", "headtail", "fisher:auto")


def natural_breaks(values: Sequence[float], k: int = 3, method: str = "fisher",
                   threshold: float = 0.4) -> NaturalBreaks:
    """Splits ``values`` into ``k`` classes the way R's ``classInt::classIntervals(values, k,
    style)`` does (fewer classes when there are fewer distinct values). ``method``:

    - ``fisher``: Fisher's exactly optimal partition (least within-class sum of squares),
      breaks halfway between classes; ``jenks``: the same classes, breaks at class maxima;
    - ``quantile`` (type 7 quantiles) and ``equal`` (equal intervals);
    - ``headtail``: Jiang's head/tail breaks, splitting at the mean while the head holds at most
      ``threshold`` of the values (``k`` is ignored);
    - ``fisher:auto``: fisher with k at the elbow of the GVF curve over 1..10 classes.

        >>> natural_breaks([1, 2, 4, 8, 9, 10], 2).breaks
        [1.0, 6.0, 10.0]

    A non-finite value, ``k`` < 1 or an unknown method raise :class:`materia.Error`.
    """
    if isinstance(k, bool) or not isinstance(k, numbers.Integral):
        raise error(f"k (the number of classes) must be a whole number, not {k!r}")
    try:
        data = [float(v) for v in values]
    except (TypeError, ValueError):
        raise error("values must be a list or array of numbers, not "
                    f"{type(values).__name__}") from None
    if not isinstance(threshold, numbers.Real) or isinstance(threshold, bool):
        raise error(f"threshold (head/tail) must be a number, not {threshold!r}")
    out = json.loads(_core.natural_breaks_json(data, int(k), method, float(threshold)))
    return NaturalBreaks([float(b) for b in out["breaks"]], list(out["classes"]), float(out["gvf"]),
                         out["method"], int(out["class_count"]))
