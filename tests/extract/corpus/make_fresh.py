#!/usr/bin/python3
"""The `fresh` set of the PDF corpus: documents from two producers no other set uses, in layouts
the other sets do not have. make_corpus.py writes them with the other sets (`--set fresh` or
`all`) and the same truth format (see its docstring).

Producers:
  - calc: an .xlsx workbook written with XlsxWriter (Debian python3-xlsxwriter), the way
    consultants make a matrix: a scatter chart on a sheet, its data on a hidden sheet, converted
    by LibreOffice Calc (`soffice --headless --convert-to pdf`; libreoffice-calc-nogui). The
    labels are the data cells' names written as custom data labels (LibreOffice 7.4 shows the
    values, not the cells' text, for labels that refer to cells). A level table is a printed
    sheet with its cell grid.
  - ghostscript: PostScript written here (paths and Helvetica text; English only: Ghostscript's
    CID font mapping of a TrueType CJK font gave no Unicode text layer) converted by Ghostscript's
    pdfwrite (`gs -sDEVICE=pdfwrite`, what ps2pdf runs; Debian ghostscript).

Layouts: Excel-style charts with gridlines and numeric axes (0-10 step 2, 1-5, 0-100 step 20,
0%-100%); markers of custom shapes coloured by category with a legend; labels drawn as a
second series with no markers; a 16:9 slide page whose matrix has only High/Low at each axis end,
a dashed mid-line cross and issues coloured by category with a colour legend; a level table with
a description column right of the level; a printed spreadsheet table with a number column and
a category column; a ranked list "1)" in three columns on a slide. Error cases: a marker with no
label and a label with no marker (Calc's label series; PostScript).

Truth: a Calc chart's entries are in the chart's units with "scale" the axis's minimum and
maximum (the plot area of a Calc chart spans exactly the axis range); a PostScript chart's are
fractions of its frame, as drawn. Everything is seeded.
"""
import os
import random
import subprocess
import tempfile

import make_corpus as mc

SLIDE = (960.0, 540.0)  # a 16:9 slide, points
LANDSCAPE_A4 = (841.89, 595.28)  # Calc's A4 landscape page (pdfinfo: 841.89 x 595.304)
CATEGORY_COLOURS = {"Environmental": (0.16, 0.55, 0.27), "Social": (0.12, 0.37, 0.66),
                    "Governance": (0.80, 0.36, 0.11)}


# ---------------------------------------------------------------- LibreOffice Calc

def calc_chart_workbook(path, spec):
    """Writes a workbook whose first sheet holds the heading and the scatter chart, the data on
    a hidden sheet. spec: heading, series [(label, marker, colour, [(name, x, y)])], axes, ..."""
    import xlsxwriter
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Matrix")
    data = book.add_worksheet("Data")
    font = "Noto Sans CJK SC" if spec["lang"] == "zh" else "Liberation Sans"
    sheet.write(0, 0, spec["heading"], book.add_format({"bold": True, "font_size": 14,
                                                        "font_name": font}))
    if spec.get("intro"):
        sheet.write(1, 0, spec["intro"], book.add_format({"font_size": 9, "font_name": font}))
    chart = book.add_chart({"type": "scatter"})
    row = 0
    for label, marker, colour, points in spec["series"]:
        data.write_row(row, 0, [label, "x", "y"])
        first = row + 1
        for name, x, y in points:
            row += 1
            data.write_row(row, 0, [name, x, y])
        series = {"name": label, "categories": ["Data", first, 1, row, 1],
                  "values": ["Data", first, 2, row, 2]}
        if marker:
            series["marker"] = {"type": marker, "size": 7, "fill": {"color": colour},
                                "border": {"color": colour}}
        else:  # a series that only carries labels
            series["marker"] = {"type": "none"}
        if spec["label_series"] is None or not marker:
            labelled = [name for name, _, _ in points]
            series["data_labels"] = {
                "value": True, "position": spec["label_position"],
                "custom": [{"value": name} if name else {"delete": True} for name in labelled],
                "font": {"size": 8, "name": font, "color": "#222222"}}
        chart.add_series(series)
        row += 2
    for axis, (title, low, high, step, number_format) in (("x", spec["x_axis"]),
                                                          ("y", spec["y_axis"])):
        options = {"name": title, "min": low, "max": high, "major_unit": step,
                   "major_gridlines": {"visible": True, "line": {"color": "#bfbfbf"}},
                   "name_font": {"size": 10, "name": font, "bold": False},
                   "num_font": {"size": 9, "name": font}}
        if number_format:
            options["num_format"] = number_format
        (chart.set_x_axis if axis == "x" else chart.set_y_axis)(options)
    if spec.get("legend"):
        chart.set_legend({"position": "right", "font": {"size": 9, "name": font},
                          "delete_series": spec.get("legend_hidden", [])})
    else:
        chart.set_legend({"none": True})
    chart.set_size({"width": spec.get("width", 960), "height": spec.get("height", 600)})
    sheet.insert_chart("A4", chart)
    if spec.get("table"):  # the same issues with their levels, printed on the next page
        levels = book.add_worksheet("Levels")
        cell = book.add_format({"font_size": 10, "font_name": font, "border": 1})
        levels.write(0, 0, spec["table_heading"], book.add_format(
            {"bold": True, "font_size": 14, "font_name": font}))
        levels.write_row(2, 0, spec["table_headers"], book.add_format(
            {"font_size": 10, "font_name": font, "border": 1, "bold": True}))
        for i, row in enumerate(spec["table"]):
            levels.write_row(3 + i, 0, row, cell)
        levels.set_column(0, 0, 28)
        levels.set_column(1, 1, 10)
        levels.set_landscape()
        levels.set_paper(9)
        levels.fit_to_pages(1, 1)
    data.hide()
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 1)
    sheet.activate()
    book.close()


def calc_table_workbook(path, spec):
    """A printed sheet: a heading, then the table with its cell grid."""
    import xlsxwriter
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Issues")
    font = "Noto Sans CJK SC"
    cell = book.add_format({"font_size": 10, "font_name": font, "border": 1, "valign": "vcenter"})
    head = book.add_format({"font_size": 10, "font_name": font, "border": 1, "bold": True,
                            "bg_color": "#d9e7dd"})
    sheet.write(0, 0, spec["heading"], book.add_format({"bold": True, "font_size": 14,
                                                        "font_name": font}))
    sheet.write(1, 0, spec["intro"], book.add_format({"font_size": 9, "font_name": font}))
    sheet.write_row(3, 0, spec["headers"], head)
    for i, row in enumerate(spec["rows"]):
        sheet.write_row(4 + i, 0, row, cell)
        sheet.set_row(4 + i, 18)
    for column, width in enumerate(spec["widths"]):
        sheet.set_column(column, column, width)
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 1)
    sheet.print_area(0, 0, 3 + len(spec["rows"]), len(spec["headers"]) - 1)
    book.close()


def produce_calc(doc, out_pdf, soffice):
    """Writes the workbook and converts it with a fresh LibreOffice profile."""
    with tempfile.TemporaryDirectory(prefix="materia-corpus-calc-") as tmp:
        source = os.path.join(tmp, doc.name + ".xlsx")
        doc.fresh["write"](source, doc.fresh)
        mc.soffice_to_pdf(soffice, source, out_pdf, tmp)


# ---------------------------------------------------------------- PostScript (Ghostscript)

def ps_string(text):
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


class PSPage:
    """PostScript drawing commands with coordinates from the page's top-left (as the truth's)."""

    def __init__(self, height):
        self.h = height
        self.out = []

    def colour(self, rgb):
        self.out.append("%.3f %.3f %.3f setrgbcolor" % rgb)

    def text(self, x, y, text, size, anchor="start", rgb=(0.13, 0.13, 0.13), rotate=False,
             bold=False):
        """Text whose visual centre line is y; rotated text reads bottom to top."""
        self.colour(rgb)
        font = "/Helvetica-Bold" if bold else "/Helvetica"
        shift = {"start": "", "middle": "dup stringwidth pop 2 div neg 0 rmoveto ",
                 "end": "dup stringwidth pop neg 0 rmoveto "}[anchor]
        base = 0.35 * size
        if rotate:
            self.out.append(f"gsave {x + base:.2f} {self.h - y:.2f} translate 90 rotate "
                            f"{font} findfont {size} scalefont setfont 0 0 moveto "
                            f"{ps_string(text)} {shift}show grestore")
        else:
            self.out.append(f"{font} findfont {size} scalefont setfont {x:.2f} "
                            f"{self.h - y - base:.2f} moveto {ps_string(text)} {shift}show")

    def rect(self, x, y, w, h, fill=None, stroke=None, width=0.8):
        path = (f"newpath {x:.2f} {self.h - y:.2f} moveto {w:.2f} 0 rlineto 0 {-h:.2f} rlineto "
                f"{-w:.2f} 0 rlineto closepath")
        if fill:
            self.colour(fill)
            self.out.append(path + " fill")
        if stroke:
            self.colour(stroke)
            self.out.append(f"{width} setlinewidth " + path + " stroke")

    def line(self, x1, y1, x2, y2, rgb=(0.3, 0.3, 0.3), width=0.8, dash=None):
        self.colour(rgb)
        pattern = f"[{dash[0]} {dash[1]}] 0 setdash " if dash else ""
        self.out.append(f"{width} setlinewidth {pattern}newpath {x1:.2f} {self.h - y1:.2f} "
                        f"moveto {x2:.2f} {self.h - y2:.2f} lineto stroke [] 0 setdash")

    def marker(self, shape, cx, cy, r, rgb):
        self.colour(rgb)
        y = self.h - cy
        if shape == "circle":
            self.out.append(f"newpath {cx:.2f} {y:.2f} {r} 0 360 arc closepath fill")
        elif shape == "square":
            self.out.append(f"newpath {cx - r:.2f} {y - r:.2f} moveto {2 * r} 0 rlineto 0 "
                            f"{2 * r} rlineto {-2 * r} 0 rlineto closepath fill")
        elif shape == "diamond":
            self.out.append(f"newpath {cx:.2f} {y + r:.2f} moveto {r} {-r} rlineto {-r} {-r} "
                            f"rlineto {-r} {r} rlineto closepath fill")
        else:  # triangle
            self.out.append(f"newpath {cx:.2f} {y + r:.2f} moveto {r} {-1.7 * r:.2f} rlineto "
                            f"{-2 * r} 0 rlineto closepath fill")


def produce_ghostscript(doc, out_pdf, gs):
    """Writes the PostScript program and converts it with Ghostscript's pdfwrite."""
    width, height = doc.size
    pages = doc.fresh["pages"]
    lines = ["%!PS-Adobe-3.0", f"%%BoundingBox: 0 0 {int(width)} {int(height)}",
             f"%%Pages: {len(pages)}", "%%EndComments"]
    for number, page in enumerate(pages, 1):
        lines += [f"%%Page: {number} {number}",
                  f"<< /PageSize [{width} {height}] >> setpagedevice"]
        lines += page.out
        lines.append("showpage")
    lines.append("%%EOF")
    with tempfile.TemporaryDirectory(prefix="materia-corpus-gs-") as tmp:
        source = os.path.join(tmp, doc.name + ".ps")
        with open(source, "w", encoding="latin-1") as f:
            f.write("\n".join(lines) + "\n")
        subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                        f"-dDEVICEWIDTHPOINTS={width}", f"-dDEVICEHEIGHTPOINTS={height}",
                        "-dFIXEDMEDIA", f"-sOutputFile={out_pdf}", source],
                       check=True, stdout=subprocess.DEVNULL, timeout=300)


def ps_paragraphs(p, rng, x, y, width, count):
    """Body text lines from y down; returns the y below them."""
    for _ in range(count):
        for line in mc.wrap_text(mc.paragraph(rng, "en"), 10, width):
            p.text(x, y, line, 10)
            y += 14
        y += 8
    return y


def ps_matrix(p, frame, points, style, label_side="right", stray_labels=(), stray_markers=()):
    """A matrix without numbers on its axes: frame (left, top, right, bottom); points
    (name, x, y, category) with x, y fractions of the frame. Returns nothing: truth is the
    points as given."""
    left, top, right, bottom = frame
    if style == "slide":  # no box: two axes, a dashed mid-line cross, High/Low at the ends
        p.line(left, bottom, right, bottom, width=1.2)
        p.line(left, bottom, left, top, width=1.2)
        mid_x, mid_y = (left + right) / 2, (top + bottom) / 2
        p.line(mid_x, top, mid_x, bottom, rgb=(0.55, 0.55, 0.55), width=0.7, dash=(4, 3))
        p.line(left, mid_y, right, mid_y, rgb=(0.55, 0.55, 0.55), width=0.7, dash=(4, 3))
        p.text(left, bottom + 12, "Low", 9, "start", rgb=(0.4, 0.4, 0.4))
        p.text(right, bottom + 12, "High", 9, "end", rgb=(0.4, 0.4, 0.4))
        p.text(left - 10, bottom, "Low", 9, "end", rgb=(0.4, 0.4, 0.4))
        p.text(left - 10, top + 4, "High", 9, "end", rgb=(0.4, 0.4, 0.4))
    else:
        p.rect(left, top, right - left, bottom - top, stroke=(0.3, 0.3, 0.3), width=0.9)
    for name, fx, fy, category in points:
        cx, cy = left + fx * (right - left), bottom - fy * (bottom - top)
        rgb = CATEGORY_COLOURS.get(category, (0.04, 0.43, 0.31))
        p.marker("circle", cx, cy, 4.2, rgb)
        if name:
            if label_side == "right":
                p.text(cx + 7, cy, name, 8)
            else:
                p.text(cx - 7, cy, name, 8, "end")
    for name, fx, fy in stray_labels:
        cx, cy = left + fx * (right - left), bottom - fy * (bottom - top)
        p.text(cx, cy, name, 8, "start" if label_side == "right" else "end")
    for fx, fy in stray_markers:
        cx, cy = left + fx * (right - left), bottom - fy * (bottom - top)
        p.marker("circle", cx, cy, 4.2, (0.04, 0.43, 0.31))


# ---------------------------------------------------------------- the documents

class FreshDoc(mc.Doc):
    """A document of this set: `fresh` holds what its producer needs to write it."""

    def __init__(self, *args, fresh=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fresh = fresh or {}


def blank_pages(count):
    return [mc.Page() for _ in range(count)]


def grid_spots(rng, names, cols, rows, x_window, y_window=(0.3, 0.7), margin=0.05):
    """(name, x, y) frame fractions on distinct cells of a grid (mc.place's layout)."""
    return [(name, fx, fy) for name, fy, fx in
            mc.place(rng, names, cols, rows, x_window, y_window, margin)]


def empty_cell_spot(spots, cols, rows, far_from, margin=0.05):
    """The middle of the grid's cell that no spot of grid_spots(...) took, farthest from the
    spot far_from (x, y): a place for a stray marker away from every label."""
    taken = {(int((x - margin) / (1 - 2 * margin) * cols), int((y - margin) / (1 - 2 * margin)
                                                                * rows)) for _, x, y in spots}
    free = [(round(margin + (c + 0.5) / cols * (1 - 2 * margin), 4),
             round(margin + (r + 0.35) / rows * (1 - 2 * margin), 4))
            for r in range(rows) for c in range(cols) if (c, r) not in taken]
    return max(free, key=lambda spot: (spot[0] - far_from[0]) ** 2 + (spot[1] - far_from[1]) ** 2)


def to_units(value, low, high, digits=2):
    return round(low + value * (high - low), digits)


def chart_truth(points, page, x_axis, y_axis, x_is="business"):
    """Entries of a Calc chart: (name, x, y) in the chart's units; scale = each axis's range."""
    y_is = "stakeholder" if x_is == "business" else "business"
    entries = []
    for name, x, y in points:
        entries.append({"name": name, "kind": "chart", "page": page, x_is: x, y_is: y,
                        "scale": {x_is: [x_axis[1], x_axis[2]], y_is: [y_axis[1], y_axis[2]]}})
    return entries


def calc_docs():
    docs = []

    # 1. Labels from the data cells, Excel gridlines, 0-10 axes in steps of 2; Chinese.
    rng = random.Random(901)
    x_axis = ("对公司发展的重要性", 0, 10, 2, None)
    y_axis = ("对利益相关方的重要性", 0, 10, 2, None)
    names = rng.sample(mc.ZH_ISSUES, 20)
    points = [(n, to_units(x, 0, 10), to_units(y, 0, 10))
              for n, x, y in grid_spots(rng, names, 4, 5, (0.05, 0.25))]
    doc = FreshDoc("fresh-calc-gridlines-0-10-zh", "fresh", "calc", "F01", "zh", blank_pages(1),
                   size=LANDSCAPE_A4, seed=901, fresh={
                       "write": calc_chart_workbook, "lang": "zh", "heading": "实质性议题矩阵",
                       "intro": "我们根据利益相关方调研与管理层访谈的结果评估实质性议题。",
                       "series": [("议题", "circle", "#0b6e4f", points)], "label_series": None,
                       "label_position": "right", "x_axis": x_axis, "y_axis": y_axis})
    doc.entries = chart_truth(points, 1, x_axis, y_axis)
    docs.append(doc)

    # 2. Custom marker shapes by category with a legend; axes 1-5; English, stakeholders on x.
    rng = random.Random(902)
    x_axis = ("Importance to stakeholders", 1, 5, 1, None)
    y_axis = ("Importance to the business", 1, 5, 1, None)
    names = rng.sample(mc.EN_ISSUES, 16)
    spots = grid_spots(rng, names, 2, 8, (0.03, 0.12))
    categories = [("Environmental", "diamond", "#2a8c45"), ("Social", "square", "#1f5fa8"),
                  ("Governance", "triangle", "#cc5c1c")]
    series = []
    all_points = []
    for i, (label, marker, colour) in enumerate(categories):
        mine = [(n, to_units(x, 1, 5), to_units(y, 1, 5)) for n, x, y in spots[i::3]]
        series.append((label, marker, colour, mine))
        all_points += mine
    doc = FreshDoc("fresh-calc-category-shapes-legend-en", "fresh", "calc", "F02", "en",
                   blank_pages(1), size=LANDSCAPE_A4, seed=902, fresh={
                       "write": calc_chart_workbook, "lang": "en",
                       "heading": "Materiality matrix",
                       "series": series, "label_series": None, "label_position": "right",
                       "x_axis": x_axis, "y_axis": y_axis, "legend": True})
    doc.entries = chart_truth(all_points, 1, x_axis, y_axis, x_is="stakeholder")
    docs.append(doc)

    # 3. Labels drawn as a second series without markers, above the markers; 0-100 in steps of
    # 20; one label without a marker and one marker without a label; Chinese.
    rng = random.Random(903)
    x_axis = ("业务影响程度", 0, 100, 20, None)
    y_axis = ("利益相关方关注程度", 0, 100, 20, None)
    names = rng.sample(mc.ZH_ISSUES, 16)
    frame_spots = grid_spots(rng, names, 3, 6, (0.25, 0.5), (0.2, 0.45))
    spots = [(n, to_units(x, 0, 100, 1), to_units(y, 0, 100, 1)) for n, x, y in frame_spots]
    marked, stray_label = spots[:15], spots[15]
    stray_marker = ("",) + tuple(to_units(v, 0, 100, 1)
                                 for v in empty_cell_spot(frame_spots, 3, 6, frame_spots[15][1:]))
    markers = [(n, x, y) for n, x, y in marked] + [("", stray_marker[1], stray_marker[2])]
    label_offset = 4.0  # chart units above the marker, where the label series sits
    labels = [(n, x, round(y + label_offset, 1)) for n, x, y in marked]
    labels.append((stray_label[0], stray_label[1], round(stray_label[2] + label_offset, 1)))
    doc = FreshDoc("fresh-calc-label-series-err-zh", "fresh", "calc", "F03", "zh",
                   blank_pages(1), size=LANDSCAPE_A4, seed=903, fresh={
                       "write": calc_chart_workbook, "lang": "zh", "heading": "重要性议题评估",
                       "series": [("议题", "circle", "#1f5fa8", markers),
                                  ("标签", None, None, labels)],
                       "label_series": 1, "label_position": "center",
                       "x_axis": x_axis, "y_axis": y_axis})
    doc.entries = chart_truth(marked, 1, x_axis, y_axis)
    doc.problems = [{"kind": "label_without_marker", "page": 1, "text": stray_label[0]},
                    {"kind": "marker_without_label", "page": 1, "text": ""}]
    docs.append(doc)

    # 4. Percent axes (0%-100% in steps of 25%), labels left of the markers; English.
    rng = random.Random(904)
    x_axis = ("Impact on business performance", 0, 1, 0.25, "0%")
    y_axis = ("Concern of stakeholders", 0, 1, 0.25, "0%")
    names = rng.sample(mc.EN_ISSUES, 16)
    points = [(n, round(x, 3), round(y, 3))
              for n, x, y in grid_spots(rng, names, 2, 8, (0.88, 0.97))]
    doc = FreshDoc("fresh-calc-percent-axes-en", "fresh", "calc", "F04", "en", blank_pages(1),
                   size=LANDSCAPE_A4, seed=904, fresh={
                       "write": calc_chart_workbook, "lang": "en",
                       "heading": "Material topics assessment",
                       "series": [("Topics", "circle", "#7a3e9d", points)],
                       "label_series": None, "label_position": "left",
                       "x_axis": x_axis, "y_axis": y_axis})
    doc.entries = chart_truth(points, 1, x_axis, y_axis)
    docs.append(doc)

    # 5. The chart (axes 0-5) on the first page and the same issues with their levels on the
    # next sheet: one firm, two forms; Chinese.
    rng = random.Random(906)
    x_axis = ("对企业经营的影响", 0, 5, 1, None)
    y_axis = ("对利益相关方的重要性", 0, 5, 1, None)
    names = rng.sample(mc.ZH_ISSUES, 14)
    spots = grid_spots(rng, names, 3, 5, (0.05, 0.25))
    points = [(n, to_units(x, 0, 5), to_units(y, 0, 5)) for n, x, y in spots]
    table = [(n, mc.level_for(y, x, ["高", "中", "低"])) for n, x, y in spots]
    doc = FreshDoc("fresh-calc-chart-and-level-sheet-zh", "fresh", "calc", "F10", "zh",
                   blank_pages(2), size=LANDSCAPE_A4, seed=906, fresh={
                       "write": calc_chart_workbook, "lang": "zh", "heading": "实质性议题矩阵",
                       "series": [("实质性议题", "square", "#2a8c45", points)],
                       "label_series": None, "label_position": "above", "x_axis": x_axis,
                       "y_axis": y_axis, "table": table, "table_heading": "实质性议题等级",
                       "table_headers": ["议题", "重要性"]})
    doc.entries = chart_truth(points, 1, x_axis, y_axis) + [
        {"name": n, "kind": "table", "level": level, "page": 2} for n, level in table]
    docs.append(doc)

    # 6. A printed sheet: No. | issue | category | level, with the cell grid; Chinese.
    rng = random.Random(905)
    names = rng.sample(mc.ZH_ISSUES, 18)
    levels = ["高", "中", "低"]
    categories = ["环境", "社会", "治理"]
    rows = [(i + 1, name, rng.choice(categories), rng.choice(levels))
            for i, name in enumerate(names)]
    doc = FreshDoc("fresh-calc-sheet-table-zh", "fresh", "calc", "F05", "zh", blank_pages(1),
                   size=mc.A4, seed=905, fresh={
                       "write": calc_table_workbook, "heading": "实质性议题清单",
                       "intro": "下表列示本年度识别的实质性议题及其重要性等级。",
                       "headers": ["序号", "议题", "类别", "重要性"], "rows": rows,
                       "widths": [6, 26, 10, 10]})
    doc.entries = [{"name": name, "kind": "table", "level": level, "page": 1}
                   for _, name, _, level in rows]
    docs.append(doc)
    return docs


def gs_docs():
    docs = []

    # 7. A 16:9 slide: axes with High/Low at each end, a dashed mid-line cross, issues coloured
    # by category with a colour legend.
    rng = random.Random(911)
    width, height = SLIDE
    p = PSPage(height)
    p.text(40, 36, "Materiality assessment 2025", 20, bold=True)
    frame = (90.0, 80.0, 700.0, 470.0)
    names = rng.sample(mc.EN_ISSUES, 18)
    spots = grid_spots(rng, names, 3, 6, (0.04, 0.2))
    cats = list(CATEGORY_COLOURS)
    points = [(n, x, y, cats[i % 3]) for i, (n, x, y) in enumerate(spots)]
    ps_matrix(p, frame, points, "slide")
    p.text((frame[0] + frame[2]) / 2, frame[3] + 30, "Importance to the business", 11, "middle")
    p.text(frame[0] - 40, (frame[1] + frame[3]) / 2, "Importance to stakeholders", 11, "middle",
           rotate=True)
    for i, category in enumerate(cats):  # the colour legend, right of the chart
        p.rect(740, 200 + i * 22 - 5, 10, 10, fill=CATEGORY_COLOURS[category])
        p.text(756, 200 + i * 22, category, 10)
    doc = FreshDoc("fresh-gs-slide-category-colours-en", "fresh", "ghostscript", "F06", "en",
                   blank_pages(1), size=SLIDE, seed=911, fresh={"pages": [p]})
    doc.entries = [{"name": n, "kind": "chart", "stakeholder": y, "business": x, "page": 1}
                   for n, x, y, _ in points]
    docs.append(doc)

    # 8. An A4 report: a text page, then a boxed matrix with labels left of the markers, one
    # marker without a label and one label without a marker.
    rng = random.Random(912)
    width, height = mc.A4
    first, second = PSPage(height), PSPage(height)
    first.text(60, 70, "Our approach to sustainability", 16, bold=True)
    ps_paragraphs(first, rng, 60, 100, width - 120, 6)
    second.text(60, 70, "Materiality matrix", 16, bold=True)
    ps_paragraphs(second, rng, 60, 100, width - 120, 1)
    frame = (110.0, 190.0, 540.0, 620.0)
    names = rng.sample(mc.EN_ISSUES, 15)
    spots = grid_spots(rng, names, 2, 8, (0.8, 0.95))
    marked = [(n, x, y, "") for n, x, y in spots[:14]]
    stray_label = spots[14]
    stray_marker = empty_cell_spot(spots, 2, 8, stray_label[1:])
    ps_matrix(second, frame, marked, "box", label_side="left", stray_labels=[stray_label],
              stray_markers=[stray_marker])
    second.text((frame[0] + frame[2]) / 2, frame[3] + 22, "Impact on the company", 11, "middle")
    second.text(frame[0] - 24, (frame[1] + frame[3]) / 2, "Importance to stakeholders", 11,
                "middle", rotate=True)
    ps_paragraphs(second, rng, 60, 680, width - 120, 1)
    doc = FreshDoc("fresh-gs-err-unpaired-en", "fresh", "ghostscript", "F07", "en",
                   blank_pages(2), size=mc.A4, seed=912, fresh={"pages": [first, second]})
    doc.entries = [{"name": n, "kind": "chart", "stakeholder": y, "business": x, "page": 2}
                   for n, x, y, _ in marked]
    doc.problems = [{"kind": "label_without_marker", "page": 2, "text": stray_label[0]},
                    {"kind": "marker_without_label", "page": 2, "text": ""}]
    docs.append(doc)

    # 9. A ruled level table: Topic | Level | Why it matters (a description right of the level).
    rng = random.Random(913)
    p = PSPage(height)
    p.text(60, 70, "Material topics and their priority", 16, bold=True)
    y = ps_paragraphs(p, rng, 60, 100, width - 120, 1) + 10
    names = rng.sample(mc.EN_ISSUES, 16)
    notes = ["Regulators and customers ask about it", "Shapes long-term returns",
             "Raised in investor meetings", "Affects our licence to operate"]
    columns = (60, 240, 320, width - 60)
    p.rect(columns[0], y, columns[3] - columns[0], 20, fill=(0.85, 0.9, 0.87))
    for x, head in zip(columns, ("Topic", "Level", "Why it matters")):
        p.text(x + 6, y + 10, head, 10, bold=True)
    rows = []
    for i, name in enumerate(names):
        top = y + 20 + i * 20
        level = rng.choice(["High", "Medium", "Low"])
        rows.append((name, level))
        p.text(columns[0] + 6, top + 10, name, 10)
        p.text(columns[1] + 6, top + 10, level, 10)
        p.text(columns[2] + 6, top + 10, rng.choice(notes), 10)
        p.line(columns[0], top + 20, columns[3], top + 20, rgb=(0.7, 0.7, 0.7), width=0.5)
    doc = FreshDoc("fresh-gs-level-table-notes-en", "fresh", "ghostscript", "F08", "en",
                   blank_pages(1), size=mc.A4, seed=913, fresh={"pages": [p]})
    doc.entries = [{"name": n, "kind": "table", "level": level, "page": 1} for n, level in rows]
    docs.append(doc)

    # 10. A 16:9 slide: the top 20 material topics, ranked "1)" in three columns.
    rng = random.Random(914)
    width, height = SLIDE
    p = PSPage(height)
    p.text(40, 40, "Our 20 material topics, ranked", 20, bold=True)
    names = rng.sample(mc.EN_ISSUES, 20)
    per_column = 7
    for i, name in enumerate(names):
        x = 50 + (i // per_column) * 300
        y = 110 + (i % per_column) * 50
        p.text(x, y, f"{i + 1}) {name}", 13)
    p.text(40, 500, "Ranked by the combined materiality score of the 2025 assessment.", 10,
           rgb=(0.4, 0.4, 0.4))
    doc = FreshDoc("fresh-gs-slide-ranked-columns-en", "fresh", "ghostscript", "F09", "en",
                   blank_pages(1), size=SLIDE, seed=914, fresh={"pages": [p]})
    doc.entries = [{"name": n, "kind": "list", "rank": i + 1, "page": 1}
                   for i, n in enumerate(names)]
    docs.append(doc)
    return docs


def fresh_docs():
    return calc_docs() + gs_docs()


def produce(doc, out_pdf, tools):
    if doc.producer == "calc":
        produce_calc(doc, out_pdf, tools["soffice"])
    else:
        produce_ghostscript(doc, out_pdf, tools["gs"])
