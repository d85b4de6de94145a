#!/usr/bin/env python3
"""package.deb: builds the .deb packages with CPack from the build tree, extracts them with
dpkg-deb -x into a scratch root, and from there runs the command line on the built-in sample,
compiles and runs a C program with pkg-config, and imports the Python package.

    check_deb.py BUILD_DIR WORK_DIR PYTHON VERSION ABI
"""
import glob
import gzip
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import TOP_THREE, fail, python_analysis, require, run  # noqa: E402

build, work, python, version, abi = sys.argv[1:6]
here = os.path.dirname(os.path.abspath(__file__))
require("cpack", "dpkg-deb", "dpkg-shlibdeps", "cc", "pkg-config", "help2man", python)
shutil.rmtree(work, ignore_errors=True)
debs, root = os.path.join(work, "debs"), os.path.join(work, "root")
os.makedirs(debs)

run(["cpack", "-G", "DEB", "--config", os.path.join(build, "CPackConfig.cmake"), "-B", debs])
packages = {"runtime": f"libmateria{abi}", "dev": "libmateria-dev", "cli": "materia",
            "python": "python3-materia"}
for package in packages.values():
    files = glob.glob(os.path.join(debs, f"{package}_{version}-*.deb"))
    if len(files) != 1:
        fail(f"expected one {package}_{version}-*.deb in {debs}, found {os.listdir(debs)}")
    deb = files[0]
    fields = run(["dpkg-deb", "-f", deb, "Package", "Version", "Depends"])
    print(fields)
    if "libc6" not in fields and package != "libmateria-dev":
        fail(f"{package}: no shared-library dependencies (dpkg-shlibdeps):\n{fields}")
    run(["dpkg-deb", "-x", deb, root])
    with open(os.path.join(root, "usr/share/doc", package, "copyright"), encoding="utf-8") as f:
        copyright_text = f.read()
    if not copyright_text.startswith("Format: https://www.debian.org/doc/packaging-manuals/"
                                      "copyright-format/1.0/\n") or \
            "\nLicense: Apache-2.0\n" not in copyright_text:
        fail(f"{package}: /usr/share/doc/{package}/copyright is not a DEP-5 Apache-2.0 file")
# Nothing GPL: the PDF reader (libmateria_extract, poppler) is never packaged, even from a tree
# that builds it (-DMATERIA_EXTRACT=ON).
gpl = [os.path.join(d, f) for d, _, names in os.walk(root) for f in names
       if "materia_extract" in f or "poppler" in f]
if gpl or len(glob.glob(os.path.join(debs, "*.deb"))) != len(packages):
    fail(f"the packages must hold only {sorted(packages.values())}, nothing GPL: "
         f"{sorted(os.listdir(debs))}, {gpl}")
dev_depends = run(["dpkg-deb", "-f", glob.glob(os.path.join(debs, "libmateria-dev_*.deb"))[0],
                   "Depends"])
if f"libmateria{abi} (= {version}-" not in dev_depends:
    fail(f"libmateria-dev does not depend on its libmateria{abi}: {dev_depends}")

# The command line and its man page.
cli = os.path.join(root, "usr/bin/materia")
env = {key: value for key, value in os.environ.items() if key != "LD_LIBRARY_PATH"}
out = run([cli, "analyze", "--sample", "fintech-2024"], cwd=work, env=env)
lines = out.splitlines()
print("\n".join(lines[:6]))
if "23 companies · universe 91" not in lines[0] or not all(
        name in line for name, line in zip(TOP_THREE, lines[2:5])):
    fail(f"materia analyze --sample fintech-2024 from the package printed:\n{out}")
with gzip.open(os.path.join(root, "usr/share/man/man1/materia.1.gz"), "rt", encoding="utf-8") as f:
    man = f.read()
for expected in (".SH NAME\nmateria \\- ", ".SS \"materia analyze\"", "\\-\\-sample",
                 ".SS \"materia normalize\"", f"materia {version}"):
    if expected not in man:
        fail(f"the man page lacks {expected!r}")

# A C program against the extracted headers and library, found through the extracted materia.pc.
pc = glob.glob(os.path.join(root, "usr/lib/**/pkgconfig/materia.pc"), recursive=True)
if len(pc) != 1:
    fail(f"expected one materia.pc under {root}/usr/lib, found {pc}")
pkg_env = dict(env, PKG_CONFIG_PATH=os.path.dirname(pc[0]), PKG_CONFIG_LIBDIR="/nonexistent")
flags = run(["pkg-config", "--cflags", "--libs", "materia"], env=pkg_env).split()
if f"-I{root}/usr/include" not in [flag[:2] + os.path.normpath(flag[2:]) for flag in flags]:
    fail(f"pkg-config's flags do not point into the extracted root: {flags}")
app = os.path.join(work, "app")
run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror", os.path.join(here, "app.c"), *flags,
     "-o", app])
ldd = run(["ldd", app], env=env)
if f"libmateria.so.{abi} => {root}/" not in ldd:
    fail(f"the C program does not load the extracted libmateria.so.{abi}:\n{ldd}")
out = run([app], cwd=work, env=env)
print(out)
expected = [f"version {version}"] + [f"{i}. {name} tier 1" for i, name in enumerate(TOP_THREE, 1)]
if out.splitlines() != expected:
    fail(f"the C program printed:\n{out}\nexpected:\n" + "\n".join(expected))

# The Python package, from the extracted dist-packages only.
site = os.path.join(root, "usr/lib/python3/dist-packages")
for name in ("py.typed", "_core.pyi", "__init__.py"):
    if not os.path.isfile(os.path.join(site, "materia", name)):
        fail(f"python3-materia lacks materia/{name}")
python_analysis(python, site, os.path.join(work, "fresh"), version)
print("package.deb: the CLI, a C program and Python all ran from the extracted packages")
