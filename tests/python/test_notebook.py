"""examples/notebooks/quickstart.ipynb runs top to bottom without an error (nbclient)."""

import os

import nbformat
from nbclient import NotebookClient

import materia


def test_quickstart_notebook_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel uses the inline backend, as in Jupyter
    # the kernel imports the same package as this test, whatever its working directory
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(materia.__file__)))
    monkeypatch.setenv("PYTHONPATH", package_root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    path = os.path.join(os.environ["MATERIA_SOURCE_DIR"], "examples", "notebooks", "quickstart.ipynb")
    notebook = nbformat.read(path, as_version=4)
    # Raises CellExecutionError (failing the test) if any cell errors.
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.outputs for c in code), "every code cell shows something"
    images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3  # both matrices and the ranking
    text = "".join(o.get("text", "") for c in code for o in c.outputs)
    assert "tier sizes:" in text and "Spearman rank correlation:" in text
    # warnings and errors in Python terms
    assert 'MatchWarning: name "Custmer service" (firm B) was matched fuzzily' in text
    assert "strict=True needs an exact or alias match" in text and "with the alias: []" in text
    assert "NaN in row 1 (firm 'A', issue '风险管理', column rank)" in text
    assert 'AnalysisWarning - nan_policy="omit" dropped 1 entry' in text


def test_notebook_imports_the_installed_package():
    path = os.path.join(os.environ["MATERIA_SOURCE_DIR"], "examples", "notebooks", "quickstart.ipynb")
    notebook = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    assert code.startswith("import materia\n")
    assert "sys.path" not in code and "PYTHONPATH" not in code
    # stored executed, every code cell with its output
    assert all(c.outputs for c in notebook.cells if c.cell_type == "code")
