"""The README's 30-second examples really run: the Python block executes, the C block compiles
and prints the top five."""

import os
import re
import subprocess


README = os.path.join(os.environ["MATERIA_SOURCE_DIR"], "README.md")


def block(language):
    text = open(README, encoding="utf-8").read()
    section = text.split(f"### {'C' if language == 'c' else 'Python'}\n", 1)[1]
    return re.search(rf"```{language}\n(.*?)```", section, re.S).group(1)


def test_python_example_runs(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(block("python"), "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "数据安全与隐私保护 (data-security-and-privacy-protection)" in out
    assert "[1.0, 3.0, 12.0, 30.0]" in out and "0.666666" in out and "rank_low" in out
    assert (tmp_path / "double_materiality.png").stat().st_size > 10000
    assert (tmp_path / "composite.png").stat().st_size > 10000
    assert (tmp_path / "ranking.png").stat().st_size > 10000


def test_c_example_compiles_and_runs(tmp_path):
    library = os.environ["MATERIA_LIBRARY"]
    source = tmp_path / "app.c"
    source.write_text(block("c"), encoding="utf-8")
    include = os.path.join(os.environ["MATERIA_SOURCE_DIR"], "include")
    subprocess.run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", str(source), "-I", include,
                    library, f"-Wl,-rpath,{os.path.dirname(library)}", "-o", str(tmp_path / "app")], check=True)
    out = subprocess.run([str(tmp_path / "app")], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == 5 and lines[0] == "1. 数据安全与隐私保护  tier 1"
