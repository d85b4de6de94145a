"""materia.extract from Python: without the PDF reader, materia.Error in Python's words; with
its test double (MATERIA_EXTRACT_LIBRARY, set by the test for this process only), the dataset
and the problems of the answers written here."""
import json
import os
import subprocess
import sys

import pytest

import materia

NOT_BUILT = ("PDF extraction is not part of this build of materia: build with "
             "-DMATERIA_EXTRACT=ON (needs Debian's libpoppler-private-dev), see docs/extract.md")
ANSWER = {"pages": 3, "materiality_pages": [2],
          "entries": [{"name": "Green finance", "kind": "chart", "stakeholder": 0.25,
                       "business": 0.5, "page": 2, "bbox": [10, 20, 16, 26], "confidence": 0.75},
                      {"name": "Data security", "kind": "chart", "stakeholder": 1,
                       "business": 0, "page": 2, "bbox": [30, 40, 36, 46], "confidence": 0.25}],
          "problems": [{"kind": "marker_without_label", "page": 2, "text": "",
                        "bbox": [50, 60, 56, 66], "message": "a marker with no label near it"}]}


def test_missing_reader_is_one_clear_error(tmp_path):
    # A fresh interpreter without MATERIA_EXTRACT_LIBRARY: _core has no reader beside it.
    env = {k: v for k, v in os.environ.items() if k != "MATERIA_EXTRACT_LIBRARY"}
    code = ("import materia\n"
            "try:\n    materia.extract(['report.pdf'])\n"
            "except materia.Error as e:\n    print(e.kind); print(e)\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines() == ["usage", NOT_BUILT], done.stdout + done.stderr


def test_parameters_are_checked_in_python_terms():
    with pytest.raises(materia.Error, match=r"firms= needs one id per path \(2 paths, 1 ids\)"):
        materia.extract(["a.pdf", "b.pdf"], firms=["A"])
    with pytest.raises(materia.Error, match="firms= takes a list of firm ids"):
        materia.extract(["a.pdf"], firms="A")


def test_dataset_and_problems_from_the_test_double(tmp_path, monkeypatch):
    double = os.environ["MATERIA_EXTRACT_TEST_DOUBLE"]
    monkeypatch.setenv("MATERIA_EXTRACT_LIBRARY", double)
    report = tmp_path / "bank-e.pdf"
    report.write_text(json.dumps(ANSWER))
    dataset, problems = materia.extract(report, firms=["E05"])
    assert isinstance(dataset, materia.Dataset) and len(dataset) == 1
    assert problems == [{"file": str(report), "page": 2, "kind": "marker_without_label",
                         "text": "", "bbox": (50.0, 60.0, 56.0, 66.0),
                         "message": "a marker with no label near it"}]
    extraction = materia.extract([report])
    written = json.loads(extraction.to_json())
    issue = written["companies"][0]["issues"][0]
    assert written["companies"][0]["id"] == "bank-e"
    assert issue == {"name": "Green finance", "stakeholder": 0.25, "business": 0.5,
                     "source": {"file": str(report), "page": 2, "bbox": [10, 20, 16, 26]},
                     "confidence": 0.75}
    assert [r["kind"] for r in extraction.review_rows] == ["marker_without_label",
                                                          "low_confidence"]
    # The coordinates reach the analysis on the declared scale [0, 1], unchanged.
    with pytest.warns(materia.MatchWarning, match="the dataset has no taxonomy"):
        issues = materia.analyze(extraction.dataset).issues.set_index("name")
    assert issues.loc["Green finance", ["stakeholder", "business"]].tolist() == [0.25, 0.5]
    assert issues.loc["Data security", ["stakeholder", "business"]].tolist() == [1.0, 0.0]
