"""sensitivity(): each issue's rank and tier under every method and other universes N."""

from __future__ import annotations

import json
import os
from typing import Any, Union

from . import _core
from ._dataset import Dataset
from ._errors import error, python_errors, python_terms
from ._result import _options_text

#: The columns of :func:`sensitivity`'s DataFrame (``materia analyze --sensitivity --format csv``).
COLUMNS = ["issue", "name", "main_rank", "main_tier", "variant", "kind", "method", "universe",
           "rank", "tier", "tier_changed", "kendall_tau_b", "spearman_rho", "tier_changes",
           "reason"]


def sensitivity(dataset: Union[Dataset, str, os.PathLike], **options: Any):
    """The method-sensitivity table of ``materia analyze --sensitivity`` as a pandas DataFrame.

    ``dataset`` is a :class:`materia.Dataset` or the path of a dataset file (JSON or long CSV).
    The options are :func:`materia.analyze`'s (not ``bootstrap`` or ``leave_one_out``). One row
    per issue and variant (every method at the main N, then the main method at each other N),
    with the columns of :data:`COLUMNS`: ranks are competition ranks (equal scores share one);
    ``rank``, ``tier`` and the agreement are missing, and ``reason`` says why, for a variant that
    cannot run on the data. ``frame.attrs`` holds the main ``method``, ``universe``, ``tiers``,
    the ``warnings`` and the ``variants`` summary (one dict per variant, as in the JSON).
    """
    import pandas as pd

    if not isinstance(dataset, Dataset):
        if not isinstance(dataset, (str, os.PathLike)):
            raise error("sensitivity() needs dataset as a materia.Dataset or a file path, not "
                        f"{type(dataset).__name__}")
        dataset = Dataset.from_json(dataset)
    with python_errors():
        document = json.loads(_core.sensitivity_json(dataset._core, _options_text(dict(options))))
    document["warnings"] = [python_terms(w) for w in document["warnings"]]
    variants = document["variants"]
    rows = []
    for issue in document["issues"]:
        for variant, under in zip(variants, issue["variants"]):
            under = under or {}
            rows.append([issue["id"], issue["name"], issue["rank"], issue["tier"],
                         variant["label"], variant["kind"], variant["method"], variant["universe"],
                         under.get("rank"), under.get("tier"), under.get("tier_changed"),
                         variant["kendall_tau_b"], variant["spearman_rho"],
                         variant["tier_changes"], variant["reason"] or ""])
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("rank", "tier", "tier_changes"):
        frame[column] = frame[column].astype("Int64")
    frame["tier_changed"] = frame["tier_changed"].astype("boolean")
    for column in ("kendall_tau_b", "spearman_rho"):
        frame[column] = frame[column].astype(float)
    frame.attrs = {key: document[key] for key in ("method", "universe", "tiers", "warnings",
                                                  "variants")}
    return frame
