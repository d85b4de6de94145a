"""Taxonomies and datasets: thin wrappers over materia._core that accept Python and pandas data."""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _core
from ._errors import error

PathLike = Union[str, "os.PathLike[str]"]


class Taxonomy:
    """A named, versioned vocabulary of material issues (and roll-up topics)."""

    def __init__(self, core: "_core.Taxonomy") -> None:
        self._core = core
        self._normalizer: Optional[Normalizer] = None

    @classmethod
    def builtin(cls, name: str) -> "Taxonomy":
        """A built-in taxonomy ("fintech-2024"), or "none" for the open vocabulary."""
        return cls(_core.Taxonomy.builtin(name))

    @staticmethod
    def builtin_names() -> list[str]:
        return list(_core.Taxonomy.builtin_names())

    @classmethod
    def from_json(cls, path_or_dict: Union[PathLike, Mapping[str, Any]]) -> "Taxonomy":
        """A taxonomy from a JSON file or an equivalent dict (docs/format.md, "Taxonomy files")."""
        if isinstance(path_or_dict, Mapping):
            return cls(_core.Taxonomy.from_json_text(json.dumps(path_or_dict, ensure_ascii=False), "<dict>"))
        path = os.fspath(path_or_dict)
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            raise error(f"cannot read the file ({e.strerror})", "input", path) from None
        return cls(_core.Taxonomy.from_json_text(text, path))

    @property
    def name(self) -> str:
        return self._core.name

    @property
    def version(self) -> str:
        return self._core.version

    @property
    def issues(self):
        """Every issue and topic as a pandas DataFrame (id, name, name_zh, name_en, category, ...)."""
        import pandas as pd

        return pd.DataFrame(self._core.issues)

    def normalizer(self, aliases: Union[None, PathLike, Sequence[Any]] = None,
                   threshold: float = 0.75, margin: float = 0.05, fuzzy: bool = True,
                   candidates: int = 3) -> "Normalizer":
        """A name resolver over this taxonomy with user aliases and fuzzy-matching settings
        (the flags of ``materia normalize``): ``aliases`` is an alias file (CSV ``name,target``,
        JSON, or a decided ``--review`` file) or a list of such files and ``{"name", "target"}``
        dicts; ``threshold`` the least similarity of a fuzzy match; ``margin`` its least lead
        over the runner-up; ``fuzzy=False`` only exact and alias matches; ``candidates`` how many
        candidate issues each resolution lists. Aliases that join two issues raise
        materia.Error showing the chain."""
        return Normalizer(self, aliases, threshold, margin, fuzzy, candidates)

    def normalize(self, name: str, **settings: Any) -> dict:
        """Resolves one name as ``materia normalize --format json`` does: ``{input, id, name,
        match, score, key, reason, runner_up, candidates}``, ``match`` one of exact, alias,
        fuzzy, unmatched (``id`` and ``name`` are None when unmatched), ``runner_up`` the second
        candidate (``{id, name, score, via}``) or None. ``settings`` as :meth:`normalizer`."""
        if settings:
            return self.normalizer(**settings).resolve(name)
        if self._normalizer is None:
            self._normalizer = self.normalizer()
        return self._normalizer.resolve(name)

    def normalize_all(self, names: Iterable[str], **settings: Any):
        """Resolves many names; a DataFrame with one row per name (see :meth:`normalize`)."""
        resolver = self.normalizer(**settings) if settings else None
        if resolver is None:
            if self._normalizer is None:
                self._normalizer = self.normalizer()
            resolver = self._normalizer
        return resolver.resolve_all(names)

    def __repr__(self) -> str:
        return f"<materia.Taxonomy {self.name} {self.version}: {len(self._core.issues)} entries>"


class Normalizer:
    """Resolves names against a taxonomy (see :meth:`Taxonomy.normalizer`). Immutable; safe to
    use from several threads."""

    COLUMNS = ["input", "id", "name", "match", "score", "key", "reason", "runner_up", "candidates"]

    def __init__(self, taxonomy: Taxonomy, aliases: Union[None, PathLike, Sequence[Any]] = None,
                 threshold: float = 0.75, margin: float = 0.05, fuzzy: bool = True,
                 candidates: int = 3) -> None:
        if isinstance(aliases, (str, os.PathLike)):
            aliases = os.fspath(aliases)
        elif aliases is not None:
            aliases = [os.fspath(a) if isinstance(a, os.PathLike) else a for a in aliases]
        options = {"aliases": aliases, "threshold": threshold, "margin": margin, "fuzzy": fuzzy,
                   "candidates": candidates}
        try:
            text = json.dumps(options, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError) as e:
            raise error(f"normalizer options must be strings, numbers and lists ({e})") from None
        self.taxonomy = taxonomy
        self._core = _core.Normalizer(taxonomy._core, text)

    def resolve(self, name: str) -> dict:
        """One name, as :meth:`Taxonomy.normalize` returns it."""
        return json.loads(self._core.resolve_json(name))

    def resolve_all(self, names: Iterable[str]):
        """Many names; a DataFrame with one row per name and the columns of :meth:`resolve`."""
        import pandas as pd

        return pd.DataFrame([self.resolve(n) for n in names], columns=self.COLUMNS)


def _taxonomy_argument(taxonomy: Union[None, str, Taxonomy]) -> tuple[str, Optional[Taxonomy]]:
    """(name to pass to the loader, Taxonomy object to set afterwards)."""
    if taxonomy is None:
        return "", None
    if isinstance(taxonomy, Taxonomy):
        return "", taxonomy
    return os.fspath(taxonomy), None


class Dataset:
    """Firms' materiality assessments (docs/format.md, "Dataset"), ready to analyze."""

    def __init__(self, core: "_core.Dataset") -> None:
        self._core = core

    @classmethod
    def _make(cls, core: "_core.Dataset", taxonomy: Optional[Taxonomy]) -> "Dataset":
        if taxonomy is not None:
            core.set_taxonomy(taxonomy._core)
        return cls(core)

    @classmethod
    def sample(cls, name: str = "fintech-2024") -> "Dataset":
        """A built-in sample dataset (``fintech-2024`` is synthetic; see the README)."""
        return cls(_core.Dataset.sample(name))

    @classmethod
    def from_json(cls, path_or_dict: Union[PathLike, Mapping[str, Any]],
                  taxonomy: Union[None, str, Taxonomy] = None) -> "Dataset":
        """A dataset from a JSON (or CSV) file, or from a dict of the JSON form."""
        name, tax = _taxonomy_argument(taxonomy)
        if isinstance(path_or_dict, Mapping):
            text = json.dumps(path_or_dict, ensure_ascii=False)
            return cls._make(_core.Dataset.from_json_text(text, "<dict>", name), tax)
        return cls._make(_core.Dataset.from_file(os.fspath(path_or_dict), name), tax)

    @classmethod
    def from_csv(cls, path: PathLike, taxonomy: Union[None, str, Taxonomy] = None) -> "Dataset":
        """A long-format CSV file: one row per firm and issue (firm, issue, rank | stakeholder +
        business | level, optional firm_name, segment, weight, unlisted)."""
        name, tax = _taxonomy_argument(taxonomy)
        path = os.fspath(path)
        try:
            with open(path, encoding="utf-8-sig") as f:
                text = f.read()
        except OSError as e:
            raise error(f"cannot read the file ({e.strerror})", "input", path) from None
        return cls._make(_core.Dataset.from_csv_text(text, path, name), tax)

    @classmethod
    def from_dataframe(cls, frame, taxonomy: Union[None, str, Taxonomy] = None,
                       source: str = "<DataFrame>") -> "Dataset":
        """A dataset from a pandas DataFrame in long form: columns ``firm``, ``issue`` and
        ``rank``, or ``stakeholder`` and ``business``, or ``level`` (plus optional firm_name,
        segment, weight, unlisted). Rows keep their order (the order is the rank when nothing
        else is given). Errors name ``source:line`` with line = row position + 2, as in a CSV."""
        name, tax = _taxonomy_argument(taxonomy)
        text = frame.to_csv(index=False, lineterminator="\n")
        return cls._make(_core.Dataset.from_csv_text(text, source, name), tax)

    @classmethod
    def from_excel(cls, path: PathLike, sheet_name: Union[int, str] = 0,
                   taxonomy: Union[None, str, Taxonomy] = None) -> "Dataset":
        """A long-format sheet of an Excel workbook (read with pandas + openpyxl), same columns
        as :meth:`from_dataframe`; errors name the workbook and the sheet's row."""
        import pandas as pd

        path = os.fspath(path)
        try:
            frame = pd.read_excel(path, sheet_name=sheet_name, dtype=object)
        except (OSError, ValueError) as e:
            raise error(f"cannot read the workbook ({e})", "input", path) from None
        return cls.from_dataframe(frame, taxonomy, source=path)

    @property
    def source(self) -> str:
        return self._core.source

    @property
    def taxonomy(self) -> Taxonomy:
        return Taxonomy(self._core.taxonomy)

    @property
    def synthetic(self) -> bool:
        return self._core.synthetic

    @property
    def firms(self):
        """One row per firm: id, name, segment, weight, unlisted, entries."""
        import pandas as pd

        return pd.DataFrame(self._core.firms, columns=["id", "name", "segment", "weight", "unlisted", "entries"])

    def __len__(self) -> int:
        return self._core.firm_count

    def __repr__(self) -> str:
        return f"<materia.Dataset {self.source}: {len(self)} firms, taxonomy {self._core.taxonomy.name}>"
