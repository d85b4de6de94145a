"""materia.Error raised from the Python layer, with the same attributes as the core's."""

from __future__ import annotations

from . import _core


def error(message: str, kind: str = "usage", file: str = "") -> "_core.Error":
    """A materia.Error carrying ``kind`` ("usage" or "input") and ``file`` like the core's."""
    e = _core.Error(f"{file}: {message}" if file else message)
    e.kind, e.file, e.firm, e.issue = kind, file, "", ""
    return e
