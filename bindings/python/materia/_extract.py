"""``materia extract``: the material issues of ESG report PDFs as a :class:`materia.Dataset`,
each issue with its page and box, and what the reader could not read (docs/extract.md). Needs
the optional PDF reader libmateria_extract; without it :class:`materia.Error` says so."""
from __future__ import annotations

import os
from typing import Iterator, Optional, Sequence, Union

from . import _core
from ._dataset import Dataset
from ._errors import error, python_errors

PathLike = Union[str, "os.PathLike[str]"]


class Extraction:
    """What :func:`extract` read: ``dataset`` (a :class:`materia.Dataset`) and ``problems``
    (one dict per problem: file, page, kind, text, bbox, message). ``dataset, problems =
    materia.extract(...)`` unpacks the two."""

    def __init__(self, core: "_core.Extraction") -> None:
        self._core = core
        with python_errors():
            self.dataset = Dataset(_core.Dataset.from_json_text(core.dataset_json_text(),
                                                                "<extraction>"))
        self.review_rows = core.review_rows()
        self.problems = [row for row in self.review_rows if row["kind"] != "low_confidence"]

    def __iter__(self) -> Iterator:
        return iter((self.dataset, self.problems))

    def to_json(self) -> str:
        """The dataset as ``materia extract`` writes it, with sources, confidences and
        ``meta.extraction``."""
        return self._core.dataset_json_text()

    def to_csv(self) -> str:
        """The dataset in the long CSV form (``materia extract --format csv``)."""
        return self._core.dataset_csv_text()

    def write_review(self, path: PathLike) -> None:
        """The review file of ``materia extract --review``: problems, low-confidence entries and,
        with a taxonomy, the names to decide (a decided file is an ``aliases=`` file)."""
        text = self._core.review_csv_text()
        with open(os.fspath(path), "w", encoding="utf-8", newline="") as f:
            f.write(text)

    def write_review_html(self, directory: PathLike) -> list:
        """``directory``/index.html with each materiality page and its entries drawn over it;
        returns the files written."""
        with python_errors():
            return self._core.write_review_html(os.fspath(directory))

    def __repr__(self) -> str:
        return (f"<materia.Extraction {len(self.dataset)} firms, {len(self.problems)} problems>")


def extract(paths: Union[PathLike, Sequence[PathLike]], firms: Optional[Sequence[str]] = None,
            taxonomy: Optional[str] = None, ocr: bool = False) -> Extraction:
    """Reads report PDFs (``materia extract``): ``paths`` one PDF or a list, one firm each;
    ``firms`` their ids in the same order (default: each file's name without ``.pdf``);
    ``taxonomy`` the dataset's taxonomy (a built-in name or a taxonomy file's path); ``ocr``
    True reads scanned pages (no text layer) by OCR, when the reader was built with tesseract."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = [os.fspath(p) for p in paths]
    if firms is None:
        ids: list = []
    elif isinstance(firms, str):
        raise error("firms= takes a list of firm ids, one per path, not a string")
    else:
        ids = list(firms)
        if len(ids) != len(files):
            raise error(f"firms= needs one id per path ({len(files)} paths, {len(ids)} ids)")
    with python_errors():
        return Extraction(_core.extract(files, ids, taxonomy or "", bool(ocr)))
