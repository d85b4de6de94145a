"""Taxonomies and datasets: thin wrappers over materia._core that accept Python and pandas data."""

from __future__ import annotations

import math
import os
import warnings
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _core
from ._errors import AnalysisWarning, dumps, error, plain, python_errors

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
            return cls(_core.Taxonomy.from_json_text(dumps(dict(path_or_dict), "the taxonomy dict"),
                                                     "<dict>"))
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

    def to_json(self) -> str:
        """The taxonomy's JSON file (docs/format.md, "Taxonomy files"), as ``materia taxonomy
        export`` writes it; :meth:`from_json` reads it back."""
        return self._core.to_json_text() + "\n"

    def to_dict(self) -> dict:
        """The taxonomy's JSON file as a dict (see :meth:`to_json`)."""
        import json

        return json.loads(self._core.to_json_text())

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
        text = dumps(options, "normalizer options")
        self.taxonomy = taxonomy
        with python_errors():
            self._core = _core.Normalizer(taxonomy._core, text)

    def resolve(self, name: str) -> dict:
        """One name, as :meth:`Taxonomy.normalize` returns it."""
        import json

        if not isinstance(name, str):
            raise error(f"resolve() needs name as a str, not {type(name).__name__} {name!r}")
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


def _load_options_text(sheet: Union[None, int, str] = None,
                       columns: Union[None, str, Mapping[str, str]] = None,
                       ignore_column: Union[None, str, Sequence[str]] = None,
                       encoding: Optional[str] = None,
                       levels: Union[None, str, Mapping[str, float]] = None,
                       max_input: Optional[int] = None) -> str:
    """The load options JSON (materia/run/load_options.hpp) of the readers' keyword arguments:
    the command line's --sheet, --columns, --ignore-column, --encoding, --levels and
    --max-input."""
    payload: dict = {}
    if sheet is not None:
        if isinstance(sheet, bool) or not isinstance(sheet, (int, str)):
            raise error(f"sheet= must be a sheet's name or its number from 1, not "
                        f"{type(sheet).__name__}")
        payload["sheet"] = str(sheet)
    if columns is not None:
        payload["columns"] = dict(columns) if isinstance(columns, Mapping) else columns
    if ignore_column is not None:
        payload["ignore_column"] = ([ignore_column] if isinstance(ignore_column, str)
                                    else list(ignore_column))
    if encoding is not None:
        payload["encoding"] = encoding
    if levels is not None:
        payload["levels"] = dict(levels) if isinstance(levels, Mapping) else levels
    if max_input is not None:
        payload["max_input"] = max_input
    return dumps(payload, "the load options") if payload else ""


#: The columns a long frame (or CSV) may have; firm and issue are required.
FRAME_COLUMNS = ("firm", "issue", "rank", "stakeholder", "business", "level", "firm_name", "segment",
                 "weight", "unlisted", "scale_min", "scale_max", "taxonomy", "company", "firm_id",
                 "name", "company_name")
_FIRM_COLUMNS = ("firm", "company", "firm_id")
_ISSUE_COLUMNS = ("issue", "name")
_NUMBER_COLUMNS = ("rank", "stakeholder", "business", "weight", "scale_min", "scale_max")
_VALUE_FIELDS = ("rank", "stakeholder", "business", "level")
NAN_POLICIES = ("raise", "omit")


def _check_nan_policy(nan_policy: str) -> None:
    if nan_policy not in NAN_POLICIES:
        raise error(f"nan_policy must be one of {', '.join(map(repr, NAN_POLICIES))}, not "
                    f"{nan_policy!r}")


def _is_nan(value: Any) -> bool:
    if value is None:
        return False
    try:
        return bool(value != value)  # NaN, numpy NaN, pandas NA-like floats
    except (TypeError, ValueError):
        return type(value).__name__ in ("NAType", "NaTType")


def _nan_where(firm: Any, issue: Any, columns: list, row: Optional[int] = None) -> str:
    at = f"row {row} " if row is not None else ""
    return (f"{at}(firm {firm!r}, issue {issue!r}, column{'s' if len(columns) > 1 else ''} "
            f"{', '.join(columns)})")


def _drop_nan_warning(dropped: list) -> None:
    shown = "; ".join(dropped[:5]) + ("; ..." if len(dropped) > 5 else "")
    warnings.warn(f'nan_policy="omit" dropped {len(dropped)} entr{"y" if len(dropped) == 1 else "ies"} '
                  f"with NaN: {shown}", AnalysisWarning, stacklevel=4)


def _dict_without_nan(data: Mapping[str, Any], nan_policy: str) -> dict:
    """The dataset dict with numpy values as Python ones and NaN handled by ``nan_policy``: an
    entry with NaN in rank, stakeholder, business or level is refused ("raise") or dropped
    ("omit"); NaN in a firm's weight is always refused."""
    data = dict(data)
    key = "companies" if "companies" in data else "firms" if "firms" in data else None
    if key is None or not isinstance(data[key], (list, tuple)):
        return data
    dropped, companies = [], []
    for c, company in enumerate(data[key]):
        if not isinstance(company, Mapping):
            companies.append(company)
            continue
        company = dict(company)
        firm = company.get("id", f"#{c + 1}")
        weight = company.get("weight")
        if weight is not None and _is_nan(weight):
            raise error(f"NaN in weight of firm {firm!r} (companies[{c}]): give a number",
                        "input", "<dict>", str(firm))
        entries = company.get("issues")
        if isinstance(entries, (list, tuple)):
            kept = []
            for e, entry in enumerate(entries):
                if isinstance(entry, Mapping):
                    bad = [f for f in _VALUE_FIELDS if f in entry and _is_nan(entry[f])]
                    if bad:
                        issue = entry.get("name", f"#{e + 1}")
                        where = _nan_where(firm, issue, bad)
                        if nan_policy == "raise":
                            raise error(f"NaN in {where} of companies[{c}].issues[{e}]; give a "
                                        f'number, or pass nan_policy="omit" to drop the entry',
                                        "input", "<dict>", str(firm), str(issue))
                        dropped.append(where)
                        continue
                kept.append(entry)
            company["issues"] = kept
        companies.append(company)
    data[key] = companies
    if dropped:
        _drop_nan_warning(dropped)
    return data


def _checked_frame(frame: Any, nan_policy: str, method: str):
    """The frame, checked in Python terms (type, rows, columns, numbers, NaN) before it is
    written as CSV for the core; rows with NaN dropped under nan_policy="omit"."""
    import numpy as np
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        hint = (" (build one with pandas.DataFrame(rows), or pass the JSON form to "
                "Dataset.from_json)" if isinstance(frame, (list, tuple, dict)) else "")
        raise error(f"Dataset.{method}() needs frame as a pandas DataFrame, not "
                    f"{type(frame).__name__}{hint}")
    _check_nan_policy(nan_policy)
    columns = [c.strip().lower() if isinstance(c, str) else c for c in frame.columns]
    unknown = [c for c in columns if c not in FRAME_COLUMNS]
    if unknown:
        raise error(f"frame has unknown column{'s' if len(unknown) > 1 else ''} "
                    f"{', '.join(repr(c) for c in unknown)} (known columns: "
                    f"{', '.join(FRAME_COLUMNS)})")
    if len(frame) == 0:
        raise error(f"frame is empty: it has no rows (columns: {', '.join(map(str, columns)) or 'none'};"
                    " expected one row per firm and issue)")
    firm_column = next((c for c in _FIRM_COLUMNS if c in columns), None)
    issue_column = next((c for c in _ISSUE_COLUMNS if c in columns), None)
    if firm_column is None or issue_column is None:
        raise error(f"frame needs a firm column ({', '.join(_FIRM_COLUMNS)}) and an issue column "
                    f"({', '.join(_ISSUE_COLUMNS)}); it has {', '.join(map(str, columns))}")
    frame = frame.copy()
    frame.columns = columns
    firms, issues = list(frame[firm_column]), list(frame[issue_column])
    # numbers: any numeric value (numpy included) or a text that reads as one; NaN handled below
    for column in [c for c in _NUMBER_COLUMNS if c in columns]:
        converted = pd.to_numeric(frame[column], errors="coerce")
        given = frame[column]
        bad = (converted.isna() & given.notna() & (given.astype(str).str.strip() != "")).to_numpy()
        if bad.any():
            position = int(bad.nonzero()[0][0])
            value = given.iloc[position]
            raise error(f"column {column!r} must hold numbers: row {position} (firm "
                        f"{firms[position]!r}, issue {issues[position]!r}) has "
                        f"{type(value).__name__} {value!r}", "input")
        frame[column] = converted
    # NaN: a row must give a complete value (rank, both coordinates or a level) when the frame
    # has value columns; NaN in one column beside a complete value elsewhere is "not given".
    value_columns = [c for c in ("rank", "level") if c in columns]
    pair = ["stakeholder", "business"] if "stakeholder" in columns and "business" in columns else []
    na = {c: frame[c].isna().to_numpy() for c in [firm_column, issue_column] + value_columns + pair}
    no_key = na[firm_column] | na[issue_column]
    bad = no_key.copy()
    if value_columns or pair:
        complete = np.zeros(len(frame), dtype=bool)
        for c in value_columns:
            complete |= ~na[c]
        partial = np.zeros(len(frame), dtype=bool)
        if pair:
            complete |= ~na["stakeholder"] & ~na["business"]
            partial = na["stakeholder"] != na["business"]
        bad |= partial | ~complete
    problems = []
    for position in bad.nonzero()[0]:
        if no_key[position]:
            missing = [c for c in (firm_column, issue_column) if na[c][position]]
        elif pair and na["stakeholder"][position] != na["business"][position]:
            missing = [c for c in pair if na[c][position]]
        else:
            missing = [c for c in value_columns + pair if na[c][position]]
        problems.append((int(position), missing))
    if problems:
        position, missing = problems[0]
        where = _nan_where(firms[position], issues[position], missing, position)
        if nan_policy == "raise":
            more = f" and {len(problems) - 1} other row(s)" if len(problems) > 1 else ""
            raise error(f"NaN in {where}{more}: each row needs a rank, both stakeholder and "
                        f'business, or a level; fill it, or pass nan_policy="omit" to drop such '
                        f"rows", "input", "", str(firms[position]), str(issues[position]))
        _drop_nan_warning([_nan_where(firms[p], issues[p], m, p) for p, m in problems])
        frame = frame.drop(frame.index[[p for p, _ in problems]])
        if len(frame) == 0:
            raise error('frame has no rows left after nan_policy="omit" dropped the rows with NaN')
    if "level" in columns:  # whole levels as "4", not "4.0" (texts such as "high" stay)
        frame["level"] = [int(v) if isinstance(v, float) and v.is_integer() else v
                          for v in frame["level"]]
    return frame


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
                  taxonomy: Union[None, str, Taxonomy] = None,
                  nan_policy: str = "raise") -> "Dataset":
        """A dataset from a JSON (or CSV) file, or from a dict of the JSON form (numbers may be
        numpy scalars). In a dict, NaN in an entry's rank, stakeholder, business or level raises
        :class:`materia.Error` naming the firm, issue and field (``nan_policy="raise"``), or
        drops the entry with a :class:`materia.AnalysisWarning` (``nan_policy="omit"``)."""
        name, tax = _taxonomy_argument(taxonomy)
        if isinstance(path_or_dict, Mapping):
            _check_nan_policy(nan_policy)
            text = dumps(_dict_without_nan(path_or_dict, nan_policy), "the dataset dict")
            with python_errors():
                return cls._make(_core.Dataset.from_json_text(text, "<dict>", name), tax)
        if not isinstance(path_or_dict, (str, os.PathLike)):
            raise error("Dataset.from_json() needs a file path or a dict of the JSON form, not "
                        f"{type(path_or_dict).__name__} (a DataFrame goes to Dataset.from_dataframe)")
        with python_errors():
            return cls._make(_core.Dataset.from_file(os.fspath(path_or_dict), name), tax)

    @classmethod
    def from_file(cls, path: PathLike, taxonomy: Union[None, str, Taxonomy] = None, *,
                  sheet: Union[None, int, str] = None,
                  columns: Union[None, str, Mapping[str, str]] = None,
                  ignore_column: Union[None, str, Sequence[str]] = None,
                  encoding: Optional[str] = None,
                  levels: Union[None, str, Mapping[str, float]] = None,
                  max_input: Optional[int] = None) -> "Dataset":
        """A dataset file read as ``materia analyze FILE`` reads it: JSON, NDJSON, long CSV (any
        encoding the reader takes: UTF-8, GBK, Big5, UTF-16) or an ``.xlsx`` workbook
        (docs/format.md). The keywords are the command line's reading options:

        - ``sheet``: the workbook's sheet, its name or number from 1 (default: the first);
        - ``columns``: header names of the fields, ``{"firm": "公司", "issue": "议题"}`` (or
          the text ``"firm=公司,issue=议题"``);
        - ``ignore_column``: a column (or a list of columns) to skip, such as a note column;
        - ``encoding``: the text's encoding (``"gbk"``, ``"big5"``, ...; default: UTF-8, else
          detected);
        - ``levels``: the firms' own level scale, ``{"高": 5, "较高": 4, "中": 3}``;
        - ``max_input``: the largest file read, in bytes (default 1 GiB); a larger one is
          refused before it is read."""
        name, tax = _taxonomy_argument(taxonomy)
        options = _load_options_text(sheet, columns, ignore_column, encoding, levels, max_input)
        with python_errors():
            return cls._make(_core.Dataset.from_file(os.fspath(path), name, options), tax)

    @classmethod
    def from_csv(cls, path: PathLike, taxonomy: Union[None, str, Taxonomy] = None, *,
                 columns: Union[None, str, Mapping[str, str]] = None,
                 ignore_column: Union[None, str, Sequence[str]] = None,
                 encoding: Optional[str] = None,
                 levels: Union[None, str, Mapping[str, float]] = None) -> "Dataset":
        """A long-format CSV file: one row per firm and issue (firm, issue, rank | stakeholder +
        business | level, optional firm_name, segment, weight, unlisted), whatever its
        extension. UTF-8, or GBK / Big5 / UTF-16 as detected or given by ``encoding``; the
        other keywords as in :meth:`from_file`."""
        name, tax = _taxonomy_argument(taxonomy)
        path = os.fspath(path)
        options = _load_options_text(None, columns, ignore_column, encoding, levels)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise error(f"cannot read the file ({e.strerror})", "input", path) from None
        with python_errors():
            return cls._make(_core.Dataset.from_csv_bytes(data, path, name, options), tax)

    @classmethod
    def from_dataframe(cls, frame, taxonomy: Union[None, str, Taxonomy] = None,
                       source: str = "<DataFrame>", nan_policy: str = "raise") -> "Dataset":
        """A dataset from a pandas DataFrame in long form: columns ``firm``, ``issue`` and
        ``rank``, or ``stakeholder`` and ``business``, or ``level`` (plus optional firm_name,
        segment, weight, unlisted, scale_min, scale_max; :data:`FRAME_COLUMNS`). Rows keep their
        order (the order is the rank when no value column is given). Numbers may be numpy's.

        ``nan_policy``: each row must give a rank, both coordinates or a level; a row whose
        values are NaN (or that has only one coordinate) raises :class:`materia.Error` naming
        the row, firm, issue and column (``"raise"``, the default) or is dropped with a
        :class:`materia.AnalysisWarning` (``"omit"``). NaN beside a complete value in another
        column means "not given". A frame that is not a DataFrame, is empty, has unknown columns
        or text in a number column raises :class:`materia.Error`. ``taxonomy`` defaults to
        ``frame.attrs["taxonomy"]`` (set by :meth:`to_frame`). Errors from the core name
        ``source:line`` with line = row position + 2, as in a CSV."""
        frame = _checked_frame(frame, nan_policy, "from_dataframe")
        if taxonomy is None:
            taxonomy = frame.attrs.get("taxonomy")
        name, tax = _taxonomy_argument(taxonomy)
        text = frame.to_csv(index=False, lineterminator="\n")
        with python_errors():
            return cls._make(_core.Dataset.from_csv_text(text, source, name), tax)

    from_frame = from_dataframe

    def to_frame(self):
        """The dataset as a long DataFrame, one row per entry in firm and listing order: firm,
        issue, then each of rank, stakeholder, business, level, scale_min and scale_max that some
        entry gives (NaN where an entry does not), then the firms' attributes that differ from
        the defaults (firm_name, segment, weight, unlisted). ``frame.attrs["taxonomy"]`` is the
        taxonomy's name, so ``Dataset.from_dataframe(dataset.to_frame())`` gives the dataset
        back (for a built-in taxonomy; pass ``taxonomy=`` for another)."""
        import pandas as pd

        entries = self._core.entries
        columns = ["firm", "issue"] + [c for c in ("rank", "stakeholder", "business", "level",
                                                    "scale_min", "scale_max")
                                       if any(e[c] is not None for e in entries)]
        frame = pd.DataFrame([[e[c] for c in columns] for e in entries], columns=columns)
        for column in columns[2:]:
            whole = column == "level" and all(
                v is None or v != v or float(v).is_integer() for v in frame[column])  # 较高: 3.5
            frame[column] = frame[column].astype("Int64" if whole else float)
        firms = {f["id"]: f for f in self._core.firms}
        defaults = {"name": "", "segment": "", "weight": 1.0, "unlisted": "bottom"}
        for key, column in (("name", "firm_name"), ("segment", "segment"), ("weight", "weight"),
                            ("unlisted", "unlisted")):
            if any(f[key] != defaults[key] for f in firms.values()):
                frame[column] = [firms[firm][key] for firm in frame["firm"]]
        frame.attrs["taxonomy"] = self._core.taxonomy.name
        return frame

    @classmethod
    def from_excel(cls, path: PathLike, sheet_name: Union[int, str] = 0,
                   taxonomy: Union[None, str, Taxonomy] = None,
                   nan_policy: str = "raise", *,
                   columns: Union[None, str, Mapping[str, str]] = None,
                   ignore_column: Union[None, str, Sequence[str]] = None,
                   levels: Union[None, str, Mapping[str, float]] = None) -> "Dataset":
        """A long-format sheet of an ``.xlsx`` workbook, read by the core as ``materia analyze
        book.xlsx --sheet NAME`` reads it (:meth:`from_file`): the same columns as
        :meth:`from_dataframe` and the Chinese header names, percent cells as fractions, dates
        refused; errors name the workbook and the sheet's row. ``sheet_name``: the sheet's name
        or its position from 0, as in pandas. ``nan_policy="omit"`` reads the sheet with pandas
        instead and drops the rows without a value (:meth:`from_dataframe`)."""
        _check_nan_policy(nan_policy)
        if isinstance(sheet_name, bool) or not isinstance(sheet_name, (int, str)):
            raise error(f"sheet_name= must be a sheet's name or its position from 0, not "
                        f"{type(sheet_name).__name__}")
        path = os.fspath(path)
        if nan_policy == "omit":
            import pandas as pd

            try:
                frame = pd.read_excel(path, sheet_name=sheet_name, dtype=object)
            except (OSError, ValueError) as e:
                raise error(f"cannot read the workbook ({e})", "input", path) from None
            return cls.from_dataframe(frame, taxonomy, source=path, nan_policy=nan_policy)
        sheet = sheet_name + 1 if isinstance(sheet_name, int) else sheet_name
        if isinstance(sheet, int) and sheet < 1:
            raise error(f"sheet_name= {sheet_name} is not a sheet's position (from 0)")
        return cls.from_file(path, taxonomy, sheet=sheet, columns=columns,
                             ignore_column=ignore_column, levels=levels)

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
