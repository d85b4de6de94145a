#!/usr/bin/env bash
# Installs the Debian packages materia needs (build, tests, oracles, browser tests).
# Non-interactive and idempotent: when everything is present it does nothing, not even apt-get update.
set -euo pipefail

packages=(
  # build
  cmake g++ make ninja-build pkg-config  # Ninja: the generator scripts/test.sh and CI use
  ccache  # compiled objects kept between builds and clones (scripts/generator.sh)
  libeigen3-dev libboost-graph-dev libboost-math-dev nlohmann-json3-dev libicu-dev
  libopencc-dev libopencc-data libcli11-dev libxlsxwriter-dev pybind11-dev python3-dev
  libsimdjson-dev  # the JSON dataset reader's fast path (optional; docs/performance.md)
  libminizip-dev libpugixml-dev  # reading .xlsx workbooks (src/io/io_xlsx.cpp)
  # packaging: the man page, pip builds of the Python package (scripts/package.sh, setup.py)
  help2man dpkg-dev python3-pip python3-setuptools python3-wheel git
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev valgrind clang libclang-rt-14-dev
  abigail-tools  # abidiff, for the C ABI check (scripts/check-abi.sh)
  # Python layer, notebook and its tests
  python3-numpy python3-pandas python3-matplotlib python3-pytest python3-nbclient
  python3-ipykernel python3-openpyxl python3-scipy python3-jsonschema fonts-noto-cjk
  python3-mpmath  # the 50-digit references (tests/oracles/stuart_mpmath.py)
  # independent oracles (R's RobustRankAggreg, classInt and diptest)
  r-base-core r-cran-robustrankaggreg r-cran-classint r-cran-diptest
  # report tests in a real browser
  chromium
  # the optional PDF reader libmateria_extract (GPL through poppler, never linked by the core;
  # docs/extract.md): poppler's own API, tesseract for OCR, pdftoppm for the test pages
  libpoppler-private-dev libtesseract-dev tesseract-ocr-chi-sim tesseract-ocr-eng poppler-utils
  # the PDF corpus of materia extract: rsvg-convert writes its SVG-page documents
  librsvg2-bin
  # its `unseen` set comes from two other producers: ReportLab (with a TrueType CJK font, as
  # ReportLab cannot embed Noto CJK's CFF outlines) and LibreOffice converting flat ODF files
  python3-reportlab fonts-wqy-microhei libreoffice-writer-nogui libreoffice-draw-nogui
  # its `fresh` set: XlsxWriter workbooks converted by LibreOffice Calc, PostScript by Ghostscript
  python3-xlsxwriter libreoffice-calc-nogui ghostscript
  # its `blind` set: Qt's PDF engine (PyQt5), flat ODP slides by Impress, .docx (python-docx)
  python3-pyqt5 libreoffice-impress-nogui python3-docx
  # its `sixth` set: PyMuPDF drawing pages (a test-time tool, never linked), WeasyPrint (HTML)
  python3-fitz weasyprint
  # its `seventh` set: R's pdf() and cairo_pdf() devices (r-base-core, above) drawing ggplot2
  # charts labelled by ggrepel, gnuplot's pdfcairo terminal; DejaVu Sans for cairo's English
  r-cran-ggplot2 r-cran-ggrepel gnuplot-nox fonts-dejavu-core
  # its `eighth` set: wkhtmltopdf (HTML with inline SVG), Inkscape exporting SVG pages, pdfLaTeX
  # with pgfplots/TikZ (texlive-pictures), booktabs and microtype (texlive-latex-recommended)
  wkhtmltopdf inkscape texlive-latex-base texlive-pictures texlive-latex-recommended lmodern
  # its `ninth` set: groff (gropdf, tbl, pic), pdftocairo re-rendering PDFs (Ghostscript above)
  groff poppler-utils
  # Unicode's EquivalentUnifiedIdeograph.txt: the oracle of the reader's radical table
  unicode-data
  # PNG and PDF charts (report --png/--pdf): loaded with dlopen at run time (LGPL, never linked)
  librsvg2-2 libcairo2
  # the data generators in tools/ (OpenCC's `opencc` command; tools.generators_reproduce_committed_data)
  opencc
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
