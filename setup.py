"""Builds the Python package's compiled module with CMake (pyproject.toml has the rest).

`build_ext` configures build-python/ at the source root with only what `materia._core` needs
(no tests, benchmarks, oracles, command line or install rules), for the interpreter running pip,
with Ninja when it is installed and ccache as the compiler launcher when it is found
(CCACHE_BASEDIR defaults to the source root, so another checkout's objects are reused), then
builds the target materia_python and copies `_core*.so` into the package.

MATERIA_BUILD_DIR=DIR builds materia_python in an existing, configured build tree DIR instead
(e.g. build/ of scripts/test.sh), which is then up to date in seconds.
"""
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def version():
    """MATERIA_VERSION_MAJOR.MINOR.PATCH of include/materia.h, which CMake's project() reads too."""
    header = (ROOT / "include" / "materia.h").read_text(encoding="utf-8")
    parts = [re.search(rf"^#define MATERIA_VERSION_{part} ([0-9]+)$", header, re.M)
             for part in ("MAJOR", "MINOR", "PATCH")]
    if not all(parts):
        sys.exit("setup.py: include/materia.h has no MATERIA_VERSION_MAJOR/MINOR/PATCH")
    return ".".join(match.group(1) for match in parts)


def run(command, env=None):
    print("setup.py:", " ".join(str(word) for word in command), flush=True)
    subprocess.run([str(word) for word in command], check=True, env=env)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        cmake = shutil.which("cmake")
        if not cmake:
            sys.exit("setup.py: cmake not found (Debian: apt-get install cmake; scripts/install-deps.sh)")
        env = dict(os.environ)
        existing = env.get("MATERIA_BUILD_DIR")
        if existing:
            build = Path(existing).resolve()
            if not (build / "CMakeCache.txt").is_file():
                sys.exit(f"setup.py: MATERIA_BUILD_DIR={existing} is not a configured CMake build tree")
        else:
            build = ROOT / "build-python"
            command = [cmake, "-S", ROOT, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                       f"-DPython_EXECUTABLE={sys.executable}", "-DMATERIA_BUILD_PYTHON=ON",
                       "-DMATERIA_BUILD_TESTS=OFF", "-DMATERIA_BUILD_BENCH=OFF",
                       "-DMATERIA_BUILD_CLI=OFF", "-DMATERIA_INSTALL=OFF",
                       "-DMATERIA_REQUIRE_ORACLES=OFF", "-DMATERIA_EXTRACT=OFF"]
            # A new tree uses Ninja when it is there, as scripts/generator.sh decides.
            if not (build / "CMakeCache.txt").is_file() and shutil.which("ninja"):
                command += ["-G", "Ninja"]
            ccache = shutil.which("ccache")
            if ccache:
                command += [f"-DCMAKE_C_COMPILER_LAUNCHER={ccache}",
                            f"-DCMAKE_CXX_COMPILER_LAUNCHER={ccache}"]
                # Paths under the source root hashed as relative paths: a fresh clone hits the
                # objects of another checkout's build/ (same depth, same flags).
                env.setdefault("CCACHE_BASEDIR", str(ROOT))
            run(command, env)
        jobs = [] if "CMAKE_BUILD_PARALLEL_LEVEL" in env else ["-j", str(os.cpu_count() or 1)]
        run([cmake, "--build", build, "--target", "materia_python", *jobs], env)

        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        built = build / "python" / "materia" / f"_core{suffix}"
        if not built.is_file():
            found = sorted(path.name for path in (build / "python" / "materia").glob("_core*"))
            sys.exit(f"setup.py: {built} was not built (found {found}): was {build} configured "
                     f"for another Python than {sys.executable}?")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


setup(
    version=version(),
    ext_modules=[Extension("materia._core", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' own staging beside the CMake tree, not in build/ (scripts/test.sh's tree).
    options={"build": {"build_base": "build-python/setuptools"}},
)
