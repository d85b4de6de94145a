"""materia.Error raised from the Python layer, the warning categories, and the one table that
turns the core's command-line wording (``--strict``) into Python parameters (``strict=True``)."""

from __future__ import annotations

import contextlib
import json
import math
import re
import warnings
from typing import Any, Iterator, Optional

from . import _core


class MateriaWarning(UserWarning):
    """Base class of the warnings materia raises (filter it to silence them all)."""


class MatchWarning(MateriaWarning):
    """About names: one was merged into an issue by a fuzzy match (confirm it with ``aliases=``
    or pass ``strict=True`` to make it an error), names were dropped by a review decision, or
    the dataset has no taxonomy to merge names by."""


class AnalysisWarning(MateriaWarning):
    """Something else about an analysis or its input the user should know: a tier cut through
    equal scores, a firm with weight 0, entries dropped by ``nan_policy="omit"``, ..."""


#: The category of each kind of warning the core gives (``_core.Result.warning_kinds``).
WARNING_CATEGORIES = {"fuzzy_match": MatchWarning, "no_taxonomy": MatchWarning,
                      "dropped_names": MatchWarning}


def warning_category(kind: str) -> type:
    return WARNING_CATEGORIES.get(kind, AnalysisWarning)


def error(message: str, kind: str = "usage", file: str = "", firm: str = "",
          issue: str = "") -> "_core.Error":
    """A materia.Error carrying ``kind`` ("usage" or "input") and ``file`` like the core's."""
    e = _core.Error(f"{file}: {message}" if file else message)
    e.kind, e.file, e.firm, e.issue = kind, file, firm, issue
    return e


# ---- command-line wording -> Python wording
# Whole phrases first (they read differently in Python), then any remaining flag by the option
# table the core declares once (materia/run/request.hpp): a flag option becomes ``key=True``, an
# option followed by its value ``key=value``, any other ``key=``.
_PHRASES = [
    ("confirm with an alias or run with --strict",
     "confirm it with aliases= or pass strict=True to refuse fuzzy matches"),
    ("--strict needs an exact or alias match (add an alias)",
     "strict=True needs an exact or alias match (add one with aliases=)"),
    ('add an alias, or use taxonomy "none"', 'add one with aliases=, or pass taxonomy="none"'),
    ("use --taxonomy fintech-2024, or have materia normalize --dataset FILE --review review.csv "
     "propose groups and pass the decided file with --aliases",
     'pass taxonomy="fintech-2024" to the Dataset reader, or have the command line\'s "materia '
     'normalize --dataset FILE --review review.csv" propose groups and pass the decided file '
     "with aliases="),
    ("--columns FIELD=NAME names a column, --ignore-column NAME skips one",
     'columns={"field": "name"} names a column, ignore_column="name" skips one'),
    ("--levels gives your own", "levels= gives your own"),
]
_OTHER_FLAGS = {"--taxonomy": ("taxonomy", "text")}
_flags: Optional[dict] = None


def _flag_table() -> dict:
    global _flags
    if _flags is None:
        _flags = {flag: (key, kind) for key, flag, kind in
                  list(_core.analyze_option_flags()) + list(_core.load_option_flags())}
        _flags.update(_OTHER_FLAGS)
    return _flags


def _is_text_value(key: str, value: str) -> bool:
    """Whether the word after a text option's flag is its value (``--method rra``, ``--tiers
    fisher:3``), not the sentence going on (``--pl-prior applies to``)."""
    if key == "method":
        return value in _core.method_names()
    return key in ("tiers", "axis_tiers") and ":" in value


_FLAG = re.compile(r"--([a-z][a-z0-9-]*)(?: ([^\s,;)]+))?")


def python_terms(message: str) -> str:
    """The core's message with command-line flags replaced by the Python parameters."""
    for cli, python in _PHRASES:
        message = message.replace(cli, python)
    table = _flag_table()

    def replace(match: "re.Match[str]") -> str:
        flag, value = "--" + match.group(1), match.group(2)
        if flag not in table:
            return match.group(0)
        key, kind = table[flag]
        if kind == "flag":
            return f"{key}=True" + (f" {value}" if value else "")
        if value is not None and re.fullmatch(r"[-+0-9.eE]+|\"[^\"]*\"", value):
            return f"{key}={value}"
        if value is not None and _is_text_value(key, value):
            return f'{key}="{value}"'
        return f"{key}=" + (f" {value}" if value else "")

    return _FLAG.sub(replace, message)


def translated(e: "_core.Error") -> "_core.Error":
    """The same error (kind, file, firm, issue) with its message in Python terms."""
    text = python_terms(str(e))
    if text == str(e):
        return e
    new = _core.Error(text)
    for attribute in ("kind", "file", "firm", "issue"):
        setattr(new, attribute, getattr(e, attribute, ""))
    return new


@contextlib.contextmanager
def python_errors() -> Iterator[None]:
    """Re-raises the core's errors with their messages in Python terms."""
    try:
        yield
    except _core.Error as e:
        new = translated(e)
        if new is e:
            raise
        raise new from None


# Warnings that report the user's own decisions or the data's vocabulary, not a guess: strict
# leaves them warnings (the command line's --strict does too).
_NOT_RAISED_BY_STRICT = {"dropped_names", "no_taxonomy"}


def emit(messages: list, kinds: list, strict: bool, stacklevel: int = 3) -> None:
    """Each warning of the core (already in Python terms) as ``warnings.warn`` under its
    category; with ``strict`` the first one is raised as :class:`materia.Error` instead, except
    the notes on dropped names and a missing taxonomy."""
    for message, kind in zip(messages, kinds):
        if strict and kind not in _NOT_RAISED_BY_STRICT:
            raise error(f"{message} (strict=True turns warnings into errors)")
        warnings.warn(message, warning_category(kind), stacklevel=stacklevel)


# ---- numbers from numpy and pandas, at the one place options and dicts become JSON
def plain(value: Any) -> Any:
    """numpy scalars and arrays (and pandas' NA) as Python numbers and lists, for json.dumps."""
    item = getattr(value, "item", None)
    tolist = getattr(value, "tolist", None)
    if tolist is not None and getattr(value, "ndim", 0) > 0:
        return tolist()
    if item is not None and type(value).__module__ == "numpy":
        return item()
    if type(value).__name__ in ("NAType", "NaTType"):
        return math.nan
    raise TypeError(f"{type(value).__name__} is not a number, text, list or dict")


def dumps(payload: Any, what: str) -> str:
    """JSON text of ``payload`` with numpy values converted; ``what`` names it in errors."""
    try:
        return json.dumps(payload, ensure_ascii=False, default=plain, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise error(f"{what} must hold strings, numbers, booleans, lists and dicts ({e})") from None
