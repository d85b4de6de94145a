#!/usr/bin/env python3
"""package.pip: copies the source tree's files (tracked and new, as git lists them: no build
trees), then `pip install --no-build-isolation --target`, the same into a venv (the README's
route) and `pip wheel --no-build-isolation` from the copy, and imports each result from a fresh
directory with nothing else on the path.

    check_pip.py SOURCE_DIR BUILD_DIR WORK_DIR PYTHON VERSION

setup.py reuses BUILD_DIR (MATERIA_BUILD_DIR), so materia_python is already built; the rest is
pip's real path: pyproject.toml, the setuptools backend, setup.py's build_ext, the wheel.
"""
import glob
import os
import shutil
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import fail, python_analysis, require, run  # noqa: E402

source, build, work, python, version = sys.argv[1:6]
require("git", python)
shutil.rmtree(work, ignore_errors=True)
copy = os.path.join(work, "src")
listed = run(["git", "-C", source, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
files = [name for name in listed.split("\0") if name and os.path.isfile(os.path.join(source, name))]
for name in files:
    os.makedirs(os.path.dirname(os.path.join(copy, name)), exist_ok=True)
    shutil.copy2(os.path.join(source, name), os.path.join(copy, name))
print(f"copied {len(files)} files")

env = dict(os.environ, MATERIA_BUILD_DIR=build, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
pip = [python, "-m", "pip"]
site = os.path.join(work, "site")
out = run(pip + ["install", "-v", "--no-build-isolation", "--no-cache-dir", "--target", site, copy],
          cwd=work, env=env)
if "--target materia_python" not in out:
    fail(f"pip did not build through setup.py's CMake step:\n{out}")
info = glob.glob(os.path.join(site, f"materia-{version}.dist-info"))
if len(info) != 1:
    fail(f"no materia-{version}.dist-info in {site}: {os.listdir(site)}")
with open(os.path.join(info[0], "METADATA"), encoding="utf-8") as f:
    metadata = f.read()
if "\nLicense: Apache-2.0\n" not in metadata:
    fail(f"the metadata has no License: Apache-2.0:\n{metadata[:800]}")
for name in ("LICENSE", "THIRD_PARTY_NOTICES.md"):
    if not os.path.isfile(os.path.join(info[0], name)):
        fail(f"{name} is not in {info[0]}")
for name in ("py.typed", "_core.pyi"):
    if not os.path.isfile(os.path.join(site, "materia", name)):
        fail(f"the installed package lacks materia/{name}")
python_analysis(python, site, os.path.join(work, "fresh-install"), version)

# The README's route on Debian, whose python3 refuses pip installs outside a venv (PEP 668): a
# venv that sees Debian's packages (pip, setuptools, pandas), then a plain pip install.
venv = os.path.join(work, "venv")
run([python, "-m", "venv", "--system-site-packages", "--without-pip", venv])
venv_python = os.path.join(venv, "bin", "python")
run([venv_python, "-m", "pip", "install", "--no-build-isolation", "--no-cache-dir", copy],
    cwd=work, env=env)
out = run([venv_python, "-c", "import materia; print(materia.__file__)"],
          cwd=os.path.join(work, "fresh-install"))
if not out.startswith(os.path.join(venv, "lib")):
    fail(f"the venv imported materia from elsewhere: {out}")

wheels = os.path.join(work, "wheels")
run(pip + ["wheel", "--no-build-isolation", "--no-cache-dir", "--no-deps", "-w", wheels, copy],
    cwd=work, env=env)
built = glob.glob(os.path.join(wheels, f"materia-{version}-cp3*-linux_*.whl"))
if len(built) != 1:
    fail(f"expected one platform wheel materia-{version}-cp3*-linux_*.whl, found {os.listdir(wheels)}")
unpacked = os.path.join(work, "wheel-site")
with zipfile.ZipFile(built[0]) as wheel:
    wheel.extractall(unpacked)
python_analysis(python, unpacked, os.path.join(work, "fresh-wheel"), version)
print(f"package.pip: pip install --target and {os.path.basename(built[0])} both import and analyse")
