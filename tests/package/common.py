"""What both package tests share: running commands loudly, requiring tools, and the analysis of the
built-in sample that an installed Python package must reproduce."""
import os
import shutil
import subprocess
import sys

# The sample's top three issues (README, "Command line"; tests/python/test_readme.py).
TOP_THREE = ["数据安全与隐私保护", "客户服务", "合规经营"]


def fail(message):
    sys.exit(f"FAIL: {message}")


def require(*tools):
    """Every tool the test needs, or it fails naming the missing ones (never skips)."""
    missing = [tool for tool in tools if not shutil.which(tool)]
    if missing:
        fail(f"missing tools: {', '.join(missing)} (scripts/install-deps.sh installs them)")


def run(command, cwd=None, env=None, check=True):
    print("+", " ".join(str(word) for word in command), flush=True)
    done = subprocess.run([str(word) for word in command], cwd=cwd, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if check and done.returncode != 0:
        fail(f"exit {done.returncode}: {' '.join(str(w) for w in command)}\n{done.stdout}")
    return done.stdout


def python_analysis(python, site, cwd, version):
    """Imports materia from `site` alone (-I: no PYTHONPATH, no user site, not the current
    directory) in a fresh directory, and checks an analysis of the sample."""
    os.makedirs(cwd, exist_ok=True)
    script = f"""
import sys
sys.path.insert(0, {str(site)!r})
import materia
assert materia.__file__.startswith({str(site)!r}), materia.__file__
assert materia.__version__ == {version!r}, materia.__version__
result = materia.analyze(materia.Dataset.sample("fintech-2024"), tiers="fisher:3")
print(materia.__file__)
print(list(result.issues["name"].head(3)))
print(result.issues[["rank", "tier", "name", "score"]].head(3).to_string())
"""
    out = run([python, "-I", "-c", script], cwd=cwd)
    print(out)
    if str(TOP_THREE) not in out:
        fail(f"the Python analysis from {site} did not rank {TOP_THREE} first:\n{out}")
