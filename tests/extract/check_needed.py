"""Fails when a permissive binary (libmateria.so, the materia CLI, the Python module) needs
poppler or libmateria_extract (GPL): they load the reader at run time, never link it.

usage: check_needed.py BINARY..."""
import re
import subprocess
import sys

GPL = re.compile(r"poppler|materia_extract", re.I)
checked = 0
for binary in sys.argv[1:]:
    dynamic = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True,
                             check=True).stdout
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)
    assert needed, f"{binary}: no NEEDED entries read (is it a dynamic ELF file?)"
    assert "libc.so.6" in needed, f"{binary}: readelf's NEEDED list looks wrong: {needed}"
    linked = [name for name in needed if GPL.search(name)]
    assert not linked, f"{binary} links {linked}: load the PDF reader with dlopen instead"
    checked += 1
assert checked >= 2, "give the binaries to check"
print(f"{checked} binaries, none links poppler or libmateria_extract")
