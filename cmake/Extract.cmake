# libmateria_extract: the optional PDF reader (src/capture/engine, GPL-2.0-or-later through
# poppler), loaded at run time by libmateria through src/capture/extract_abi.h.
