#!/usr/bin/python3
"""The `unseen` set of the PDF corpus: documents from two producers the reader was never
developed on, in layouts dev and holdout do not have. make_corpus.py writes them with the other
sets (`--set unseen` or `all`) and the same truth format (see its docstring).

Producers:
  - reportlab: ReportLab's canvas (text, vector chart shapes) and platypus tables (Debian
    python3-reportlab). ReportLab embeds TrueType outlines only, so the CJK font is WenQuanYi
    Micro Hei (fonts-wqy-microhei), not Noto Sans CJK (CFF outlines).
  - libreoffice: a flat ODF document (.fodt: Writer text and tables; .fodg: Draw pages with the
    chart as shapes) converted by `soffice --headless --convert-to pdf` with a fresh profile.

Layouts (kept apart from make_corpus.py's): axis titles at the corners or at the arrow ends of
an L of arrows with 高/低 marks; bubbles of several sizes with labels beside or below them;
quadrant bands with white gutters; a numbered chart whose legend is a table below it; ticks
0-10 or 1-5 on a frame that runs past them; a landscape double page; level tables with merged
category cells and ★ levels; "重要性：高" lines; ranked lists in two columns continued on the
next page; GRI's English axis titles. Everything is seeded.

Truth: as make_corpus.py writes it, except that a level printed as symbols (●●○, ★★☆) is the
number of filled symbols (2), the level a human analyst types for it.
"""
import os
import random
import sys
import tempfile
from dataclasses import dataclass, field
from typing import List
from xml.sax.saxutils import escape

import make_corpus as mc

SPREAD = (1190.55, 841.89)  # a landscape double page of A4, points
RL_FONT = "WQYMicroHei"
RL_FONT_FILE = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
LO_FONT = "Noto Sans CJK SC"
GREEN = "#0b6e4f"
COLORS = ["#0b6e4f", "#1f5fa8", "#c4591c"]
BANDS = ["#e3efe8", "#c9e2d4", "#a9d4bb", "#8cc4a3", "#6db58a"]


@dataclass
class UChart(mc.Chart):
    """A chart of this set: `style` picks the layout, `radii` the bubble size of each point."""
    style: str = "corner"  # corner | arrows | numtable | grid | spread | bands | plain
    radii: List[float] = field(default_factory=list)
    tick_step: float = 1.0

    def axis_ticks(self):
        """Both axes' Ticks as drawn, with the printed step (the truth's scale depends on it)."""
        ticks = mc.Ticks(*self.ticks, step=self.tick_step) if self.ticks else None
        return ticks, ticks


@dataclass
class UPage(mc.Page):
    """A page of this set: `layout` says how its table or list is printed."""
    layout: str = ""  # merged (category cells spanning rows) | lines | columns (two-column list)


# ---------------------------------------------------------------- geometry shared by producers

def chart_frame(chart, x0, y0, w, h):
    """The plot frame (left, top, right, bottom; points from the page's top-left) of a chart
    drawn in the box x0, y0, w, h, and the room its layout keeps outside the frame."""
    legend_rows = (len(chart.points) + 1) // 2 if chart.style == "numtable" else 0
    left = 56 if chart.ticks else 40
    right = 110 if chart.labels == "right" else 30
    top = 34
    bottom = 46 + (legend_rows * 16 + 24 if legend_rows else 0)
    if chart.style == "arrows":
        right += 20
    return x0 + left, y0 + top, x0 + w - right, y0 + h - bottom


def frame_point(frame, x, y):
    fl, ft, fr, fb = frame
    return fl + x * (fr - fl), fb - y * (fb - ft)


def radius_of(chart, index):
    if chart.labels == "numbered":
        return 7.0
    return chart.radii[index] if chart.radii else 4.0


def tick_values(chart):
    lo, hi = chart.ticks[0], chart.ticks[1]
    values, v = [], lo
    while v <= hi + 1e-9:
        values.append(v)
        v += chart.tick_step
    return values


def tick_fraction(chart, value):
    return (value - chart.ticks[2]) / (chart.ticks[3] - chart.ticks[2])


def label_spot(chart, cx, cy, r, size):
    """Where a label goes: (x, y of its centre line, anchor)."""
    if chart.labels == "right":
        return cx + r + 3, cy, "start"
    if chart.labels == "left":
        return cx - r - 3, cy, "end"
    if chart.labels == "below":
        return cx, cy + r + 3 + size * 0.55, "middle"
    return cx, cy - r - 3 - size * 0.55, "middle"  # above


def fmt(value):
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# ---------------------------------------------------------------- ReportLab

class RLPage:
    """Draws on one ReportLab page with coordinates from the top-left (as the truth's boxes)."""

    def __init__(self, canvas, height):
        self.c, self.h = canvas, height

    def text(self, x, y, text, size, anchor="start", color="#222222", rotate=False):
        c = self.c
        c.setFillColor(color)
        c.setFont(RL_FONT, size)
        base = 0.35 * size
        if rotate:  # reads bottom to top, centred on (x, y)
            c.saveState()
            c.translate(x + base, self.h - y)
            c.rotate(90)
            draw = {"start": c.drawString, "end": c.drawRightString,
                    "middle": c.drawCentredString}[anchor]
            draw(0, 0, text)
            c.restoreState()
            return
        draw = {"start": c.drawString, "end": c.drawRightString,
                "middle": c.drawCentredString}[anchor]
        draw(x, self.h - y - base, text)

    def rect(self, x, y, w, h, fill=None, stroke=None, width=0.6):
        c = self.c
        if fill:
            c.setFillColor(fill)
        if stroke:
            c.setStrokeColor(stroke)
            c.setLineWidth(width)
        c.rect(x, self.h - y - h, w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)

    def line(self, x1, y1, x2, y2, color="#444444", width=0.8, dash=None):
        c = self.c
        c.setStrokeColor(color)
        c.setLineWidth(width)
        c.setDash(*(dash or ([], 0)))
        c.line(x1, self.h - y1, x2, self.h - y2)
        c.setDash([], 0)

    def polygon(self, points, fill):
        c = self.c
        path = c.beginPath()
        path.moveTo(points[0][0], self.h - points[0][1])
        for x, y in points[1:]:
            path.lineTo(x, self.h - y)
        path.close()
        c.setFillColor(fill)
        c.drawPath(path, stroke=0, fill=1)

    def marker(self, shape, cx, cy, r, fill):
        if shape == "circle":
            self.c.setFillColor(fill)
            self.c.circle(cx, self.h - cy, r, stroke=0, fill=1)
        elif shape == "square":
            self.rect(cx - r, cy - r, 2 * r, 2 * r, fill=fill)
        else:  # diamond
            k = r * 1.25
            self.polygon([(cx, cy - k), (cx + k, cy), (cx, cy + k), (cx - k, cy)], fill)


def rl_arrow(p, x1, y1, x2, y2):
    """A line with a filled head at (x2, y2)."""
    p.line(x1, y1, x2, y2, "#333333", 1.0)
    if x1 == x2:  # upward
        p.polygon([(x2, y2), (x2 - 3.5, y2 + 8), (x2 + 3.5, y2 + 8)], "#333333")
    else:  # rightward
        p.polygon([(x2, y2), (x2 - 8, y2 - 3.5), (x2 - 8, y2 + 3.5)], "#333333")


def rl_chart(p, chart, x0, y0, w, h):
    """Draws the chart in the box; returns the y below it."""
    frame = chart_frame(chart, x0, y0, w, h)
    fl, ft, fr, fb = frame
    fw, fh = fr - fl, fb - ft
    p.text(fl + fw / 2, y0 + 10, chart.title, 12, "middle", GREEN)
    if chart.style == "arrows":  # quadrant bands with a white gutter, an L of arrows, 高/低
        gutter = 4
        for i in range(2):
            for j in range(2):
                p.rect(fl + i * fw / 2 + gutter, ft + j * fh / 2 + gutter, fw / 2 - 2 * gutter,
                       fh / 2 - 2 * gutter, fill=BANDS[1 + i + (1 - j)])
        rl_arrow(p, fl, fb, fr + 18, fb)
        rl_arrow(p, fl, fb, fl, ft - 18)
        p.text(fl - 6, fb + 8, "低", 9, "end")
        p.text(fr + 4, fb + 10, "高", 9, "middle")
        p.text(fl - 10, ft - 8, "高", 9, "middle")
        p.text(fr + 20, fb + 22, chart.x_title, 10, "end")
        p.text(fl - 14, ft + 40, chart.y_title, 10, "middle", rotate=True)
    else:
        if chart.style == "bands":
            for i in range(3):
                for j in range(3):
                    p.rect(fl + i * fw / 3 + 2, ft + j * fh / 3 + 2, fw / 3 - 4, fh / 3 - 4,
                           fill=BANDS[min(4, i + 2 - j)])
        p.rect(fl, ft, fw, fh, stroke="#444444", width=0.8)
        if chart.style == "grid":
            for value in tick_values(chart):
                f = tick_fraction(chart, value)
                p.line(fl + f * fw, ft, fl + f * fw, fb, "#dddddd", 0.4)
                p.line(fl, fb - f * fh, fr, fb - f * fh, "#dddddd", 0.4)
        elif chart.style != "bands":
            p.line(fl + fw / 2, ft, fl + fw / 2, fb, "#bbbbbb", 0.5, ([3, 3], 0))
            p.line(fl, ft + fh / 2, fr, ft + fh / 2, "#bbbbbb", 0.5, ([3, 3], 0))
        if chart.ticks:
            for value in tick_values(chart):
                f = tick_fraction(chart, value)
                p.line(fl + f * fw, fb, fl + f * fw, fb + 4)
                p.text(fl + f * fw, fb + 11, fmt(value), 8, "middle")
                p.line(fl - 4, fb - f * fh, fl, fb - f * fh)
                p.text(fl - 7, fb - f * fh, fmt(value), 8, "end")
        if chart.style == "corner":  # titles at the corners, each at the far end of its axis
            p.text(fr, fb + 14, chart.x_title + " →", 10, "end")
            p.text(fl - 14, ft, "→ " + chart.y_title, 10, "end", rotate=True)
            p.text(fl - 4, fb + 10, "低", 9, "end")
        else:
            p.text(fl + fw / 2, fb + (26 if chart.ticks else 16), chart.x_title, 10, "middle")
            p.text(fl - (34 if chart.ticks else 16), ft + fh / 2, chart.y_title, 10, "middle",
                   rotate=True)
    numbered = chart.labels == "numbered"
    size = chart.label_size
    for index, (name, stakeholder, business) in enumerate(chart.points):
        cx, cy = frame_point(frame, *chart.xy(stakeholder, business))
        r = radius_of(chart, index)
        p.marker(chart.marker, cx, cy, r, COLORS[index % 3])
        if numbered:
            p.text(cx, cy, str(index + 1), 7, "middle", "#ffffff")
        else:
            lx, ly, anchor = label_spot(chart, cx, cy, r, size)
            p.text(lx, ly, name, size, anchor)
    for name, x, y in chart.stray_labels:
        cx, cy = frame_point(frame, x, y)
        p.text(cx, cy, name, size, "end" if chart.labels == "left" else "start")
    for x, y in chart.stray_markers:
        cx, cy = frame_point(frame, x, y)
        p.marker(chart.marker, cx, cy, 4.0, "#777777")
    if numbered:  # the legend: a table of number and topic, two pairs of columns
        from reportlab.platypus import Table, TableStyle
        rows = (len(chart.points) + 1) // 2
        cells = [["No.", "Topic", "No.", "Topic"]]
        for r in range(rows):
            row = []
            for column in range(2):
                k = column * rows + r
                row += [str(k + 1), chart.points[k][0]] if k < len(chart.points) else ["", ""]
            cells.append(row)
        table = Table(cells, colWidths=[28, fw / 2 - 28] * 2, rowHeights=16)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), RL_FONT),
                                   ("FONTSIZE", (0, 0), (-1, -1), size),
                                   ("GRID", (0, 0), (-1, -1), 0.5, "#999999"),
                                   ("BACKGROUND", (0, 0), (-1, 0), "#dfeee6"),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        _, th = table.wrapOn(p.c, fw, 400)
        table.drawOn(p.c, fl, p.h - (fb + 40) - th)
    return y0 + h + 10


def rl_table(p, page, x, y, width):
    """A level table; `merged` prints the category first, one cell over its rows."""
    from reportlab.platypus import Table, TableStyle
    style = [("FONTNAME", (0, 0), (-1, -1), RL_FONT), ("FONTSIZE", (0, 0), (-1, -1), 9.5),
             ("GRID", (0, 0), (-1, -1), 0.6, "#999999"),
             ("BACKGROUND", (0, 0), (-1, 0), "#dfeee6"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if page.layout == "merged":
        cells = [list(page.table_headers)]
        start = 1
        for i, (name, category, level) in enumerate(page.table):
            first = i == 0 or page.table[i - 1][1] != category
            cells.append([category if first else "", name, level])
            last = i == len(page.table) - 1 or page.table[i + 1][1] != category
            if last:
                style.append(("SPAN", (0, start), (0, i + 1)))
                start = i + 2
        widths = [width * 0.18, width * 0.5, width * 0.2]
    else:
        cells = [list(page.table_headers)] + [list(row) for row in page.table]
        widths = mc.table_widths(len(page.table_headers), width)
    table = Table(cells, colWidths=widths, rowHeights=20)
    table.setStyle(TableStyle(style))
    _, th = table.wrapOn(p.c, width, 700)
    table.drawOn(p.c, x, p.h - y - th)
    return y + th + 10


def rl_list(p, page, x, y, width):
    """A ranked list "1、name"; `columns` fills a left then a right column."""
    items = page.list_items
    if page.layout == "columns":
        rows = (len(items) + 1) // 2
        for k, (rank, name) in enumerate(items):
            column, row = divmod(k, rows)
            p.text(x + column * width / 2, y + row * 20, f"{rank}、{name}", 10)
        return y + rows * 20 + 6
    for rank, name in items:
        p.text(x, y, f"{rank}、{name}", 10)
        y += 20
    return y + 6


def produce_reportlab(doc, out_pdf):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
    if not os.path.exists(RL_FONT_FILE):
        sys.exit(f"make_corpus: {RL_FONT_FILE} is missing (install fonts-wqy-microhei)")
    if RL_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(RL_FONT, RL_FONT_FILE, subfontIndex=0))
    rng = random.Random(doc.seed)
    width, height = doc.size
    # invariant: no date or random id in the file, the same bytes every run
    c = canvas.Canvas(out_pdf, pagesize=doc.size, invariant=1)
    c.setCreator("materia corpus")
    margin = 50
    for number, page in enumerate(doc.pages, 1):
        p = RLPage(c, height)
        p.text(margin, 30, doc.company, 8, color=GREEN)
        p.line(margin, 38, width - margin, 38, GREEN, 0.6)
        p.text(width / 2, height - 28, str(number), 8, "middle")
        # a double page: text in the left half, the chart on the right half
        body_x, body_w = margin, width - 2 * margin
        if doc.size == SPREAD and page.chart:
            body_w = width / 2 - 2 * margin
        y = 60.0
        if page.heading:
            p.text(margin, y, page.heading, 14, color=GREEN)
            y += 24

        def add_paragraph(y, lead=""):
            for line in mc.wrap_text(lead + mc.paragraph(rng, doc.lang), 9.5, body_w - 12):
                p.text(margin, y, line, 9.5)
                y += 15
            return y + 6

        for _ in range(page.paragraphs if page.kind == "text" else page.before):
            y = add_paragraph(y)
        if page.chart:
            if doc.size == SPREAD:
                rl_chart(p, page.chart, width / 2 + margin, 60, width / 2 - 2 * margin,
                         height - 140)
            else:
                y = rl_chart(p, page.chart, body_x, y, body_w, min(440.0, height - y - 110))
        if page.table:
            y = rl_table(p, page, body_x, y, body_w)
        if page.list_items:
            y = rl_list(p, page, body_x, y, body_w)
        if page.kind != "text":
            add_paragraph(y + 6, page.note)
        c.showPage()
    c.save()


# ---------------------------------------------------------------- LibreOffice

# The opening of a flat ODF document of the given kind (text, graphics), with its namespaces.
def odf_document(kind):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.{kind}">
"""


FODT = odf_document("text") + """<office:font-face-decls>
 <style:font-face style:name="CJK" svg:font-family="'%(font)s'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name="CJK" style:font-name-asian="CJK" fo:font-size="9.5pt"
   style:font-size-asian="9.5pt" fo:language="%(lang)s" fo:color="#222222"/>
 </style:default-style>
 <!-- common styles: the automatic ones below derive from them -->
 <style:style style:name="H" style:family="paragraph"><style:paragraph-properties
  fo:margin-bottom="8pt"/><style:text-properties fo:font-size="14pt"
  style:font-size-asian="14pt" fo:color="#0b6e4f" fo:font-weight="bold"
  style:font-weight-asian="bold"/></style:style>
 <style:style style:name="P" style:family="paragraph"><style:paragraph-properties
  fo:line-height="150%%" fo:text-indent="19pt" fo:margin-bottom="6pt"
  fo:text-align="justify"/></style:style>
 <style:style style:name="L" style:family="paragraph"><style:paragraph-properties
  fo:line-height="180%%"/><style:text-properties fo:font-size="10pt"
  style:font-size-asian="10pt"/></style:style>
 <style:style style:name="Cell" style:family="paragraph"><style:text-properties
  fo:font-size="9.5pt" style:font-size-asian="9.5pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PL">
  <style:page-layout-properties fo:page-width="%(w).2fpt" fo:page-height="%(h).2fpt"
   fo:margin-top="28pt" fo:margin-bottom="26pt" fo:margin-left="50pt" fo:margin-right="50pt"/>
  <style:header-style><style:header-footer-properties fo:min-height="0pt"
   fo:margin-bottom="14pt"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0pt"
   fo:margin-top="14pt"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="Hdr" style:family="paragraph"><style:paragraph-properties
  fo:border-bottom="0.6pt solid #0b6e4f" fo:padding-bottom="3pt"/><style:text-properties
  fo:font-size="8pt" style:font-size-asian="8pt" fo:color="#0b6e4f"/></style:style>
 <style:style style:name="Ftr" style:family="paragraph"><style:paragraph-properties
  fo:text-align="center"/><style:text-properties fo:font-size="8pt"
  style:font-size-asian="8pt" fo:color="#555555"/></style:style>
 <style:style style:name="HB" style:family="paragraph" style:parent-style-name="H">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="PB" style:family="paragraph" style:parent-style-name="P">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="LC" style:family="paragraph" style:parent-style-name="L">
  <style:paragraph-properties fo:break-before="column"/></style:style>
 <style:style style:name="LP" style:family="paragraph" style:parent-style-name="L">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="CellH" style:family="paragraph" style:parent-style-name="Cell">
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Sect" style:family="section"><style:section-properties>
  <style:columns fo:column-count="2" fo:column-gap="24pt"/></style:section-properties></style:style>
 <style:style style:name="Tbl" style:family="table"><style:table-properties
  style:width="%(tw).2fpt" table:align="left" fo:margin-top="6pt" fo:margin-bottom="6pt"/>
 </style:style>
 <style:style style:name="TC" style:family="table-cell"><style:table-cell-properties
  fo:border="0.6pt solid #999999" fo:padding="3pt" style:vertical-align="middle"/></style:style>
 <style:style style:name="TH" style:family="table-cell"><style:table-cell-properties
  fo:border="0.6pt solid #999999" fo:padding="3pt" fo:background-color="#dfeee6"/></style:style>
%(columns)s
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="PL">
  <style:header><text:p text:style-name="Hdr">%(company)s</text:p></style:header>
  <style:footer><text:p text:style-name="Ftr"><text:page-number
   text:select-page="current"/></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
%(body)s
</office:text></office:body></office:document>
"""


def lo_table(page, width):
    """The table as ODF; `merged` prints category, issue, level with the category spanning."""
    merged = page.layout == "merged"
    shares = [0.2, 0.5, 0.3] if merged else [0.6, 0.4]
    out = ['<table:table table:name="T" table:style-name="Tbl">']
    for k in range(len(shares)):
        out.append(f'<table:table-column table:style-name="Col{len(shares)}{k}"/>')
    out.append("<table:table-row>" + "".join(
        f'<table:table-cell table:style-name="TH"><text:p text:style-name="CellH">{escape(h)}'
        "</text:p></table:table-cell>" for h in page.table_headers) + "</table:table-row>")
    for i, row in enumerate(page.table):
        cells = []
        if merged:
            name, category, level = row
            if i == 0 or page.table[i - 1][1] != category:
                span = 1
                while i + span < len(page.table) and page.table[i + span][1] == category:
                    span += 1
                cells.append(f'<table:table-cell table:style-name="TC" '
                             f'table:number-rows-spanned="{span}"><text:p text:style-name="Cell">'
                             f"{escape(category)}</text:p></table:table-cell>")
            else:
                cells.append("<table:covered-table-cell/>")
            row = (name, level)
        cells += [f'<table:table-cell table:style-name="TC"><text:p text:style-name="Cell">'
                  f"{escape(c)}</text:p></table:table-cell>" for c in row]
        out.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    out.append("</table:table>")
    return "\n".join(out), [width * s for s in shares]


def fodt(doc):
    rng = random.Random(doc.seed)
    width, height = doc.size
    body_w = width - 100
    body = []
    widths = {}
    first_para = [True]

    def para(style, text):
        if not first_para[0] and style in ("P", "H", "L"):
            style = {"P": "PB", "H": "HB", "L": "LP"}[style] if para.page_start else style
        para.page_start = False
        first_para[0] = False
        body.append(f'<text:p text:style-name="{style}">{escape(text)}</text:p>')

    para.page_start = False
    for page in doc.pages:
        para.page_start = True
        if page.heading:
            para("H", page.heading)
        for _ in range(page.paragraphs if page.kind == "text" else page.before):
            para("P", mc.paragraph(rng, doc.lang))
        if page.table and page.layout == "lines":  # "name　重要性：高", one line each
            for name, level in page.table:
                para("L", f"{name}\u3000{level}")
        elif page.table:
            xml, col_w = lo_table(page, body_w * 0.9)
            if para.page_start:  # a table cannot carry the break: an empty paragraph does
                para("P", "")
            body.append(xml)
            for k, w in enumerate(col_w):
                widths[f"Col{len(col_w)}{k}"] = w
        if page.list_items:
            items = [f"{rank}) {name}" if doc.lang == "en" else f"{rank}．{name}"
                     for rank, name in page.list_items]
            if page.layout == "columns":  # a two-column section, the right one after a break
                if para.page_start:
                    para("P", "")
                half = (len(items) + 1) // 2
                body.append('<text:section text:style-name="Sect" text:name="S%d">' % len(body))
                for k, item in enumerate(items):
                    body.append(f'<text:p text:style-name="{"LC" if k == half else "L"}">'
                                f"{escape(item)}</text:p>")
                body.append("</text:section>")
            else:
                for item in items:
                    para("L", item)
        if page.kind != "text":
            para("P", page.note + mc.paragraph(rng, doc.lang))
    columns = "\n".join(
        f' <style:style style:name="{n}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{w:.2f}pt"/></style:style>'
        for n, w in widths.items())
    return FODT % {"font": LO_FONT, "lang": doc.lang, "w": width, "h": height,
                   "tw": body_w * 0.9, "columns": columns, "company": escape(doc.company),
                   "body": "\n".join(body)}


FODG = odf_document("graphics") + """<office:automatic-styles>
 <style:page-layout style:name="PL"><style:page-layout-properties fo:margin="0pt"
  fo:page-width="%(w).2fpt" fo:page-height="%(h).2fpt"/></style:page-layout>
 <style:style style:name="DP" style:family="drawing-page"/>
%(styles)s
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="M" style:page-layout-name="PL"/>
</office:master-styles>
<office:body><office:drawing>
%(pages)s
</office:drawing></office:body></office:document>
"""


class LODrawing:
    """Shapes of a Draw page, coordinates in points from the page's top-left."""

    def __init__(self):
        self.styles = {}
        self.shapes = []

    def style(self, family, props):
        key = (family, props)
        if key not in self.styles:
            self.styles[key] = f"{family[0]}{len(self.styles)}"
        return self.styles[key]

    def graphic(self, fill=None, stroke=None, width=0.6, dash=False):
        props = (f'draw:fill="{"solid" if fill else "none"}"'
                 + (f' draw:fill-color="{fill}"' if fill else "")
                 + (f' draw:stroke="{"dash" if dash else "solid"}" svg:stroke-color="{stroke}" '
                    f'svg:stroke-width="{width}pt"' if stroke else ' draw:stroke="none"')
                 + (' draw:stroke-dash="Dash"' if dash else "")
                 + ' draw:shadow="hidden" fo:padding="0pt" draw:auto-grow-height="false"'
                 ' draw:auto-grow-width="false" draw:textarea-vertical-align="middle"'
                 ' fo:min-height="0pt"')
        return self.style("graphic", props)

    def rect(self, x, y, w, h, fill=None, stroke=None, width=0.6):
        self.shapes.append(f'<draw:rect draw:style-name="{self.graphic(fill, stroke, width)}" '
                           f'svg:x="{x:.3f}pt" svg:y="{y:.3f}pt" svg:width="{w:.3f}pt" '
                           f'svg:height="{h:.3f}pt"/>')

    def line(self, x1, y1, x2, y2, color="#444444", width=0.8):
        self.shapes.append(f'<draw:line draw:style-name="{self.graphic(None, color, width)}" '
                           f'svg:x1="{x1:.3f}pt" svg:y1="{y1:.3f}pt" svg:x2="{x2:.3f}pt" '
                           f'svg:y2="{y2:.3f}pt"/>')

    def circle(self, cx, cy, r, fill):
        self.shapes.append(f'<draw:ellipse draw:style-name="{self.graphic(fill)}" '
                           f'svg:x="{cx - r:.3f}pt" svg:y="{cy - r:.3f}pt" '
                           f'svg:width="{2 * r:.3f}pt" svg:height="{2 * r:.3f}pt"/>')

    def text(self, x, y, text, size, anchor="start", color="#222222", rotate=False, box=400):
        """A text frame whose centre line is y, anchored at x like SVG's text-anchor."""
        align = {"start": "start", "end": "end", "middle": "center"}[anchor]
        para = self.style("paragraph", f'<style:paragraph-properties fo:text-align="{align}"/>'
                          f'<style:text-properties fo:font-size="{size}pt" '
                          f'style:font-size-asian="{size}pt" fo:color="{color}" '
                          f'style:font-name="CJK" fo:font-family="\'{LO_FONT}\'" '
                          f'style:font-family-asian="\'{LO_FONT}\'"/>')
        h = size * 1.6
        left = {"start": x, "end": x - box, "middle": x - box / 2}[anchor]
        frame = self.graphic()
        content = (f'<draw:text-box><text:p text:style-name="{para}">{escape(text)}</text:p>'
                   "</draw:text-box></draw:frame>")
        if rotate:  # a quarter turn counter-clockwise about the frame's centre (x, y)
            place = (f'svg:width="{box:.3f}pt" svg:height="{h:.3f}pt" draw:transform="rotate '
                     f'(1.5707963267949) translate ({x - h / 2:.3f}pt {y + box / 2:.3f}pt)"')
        else:
            place = (f'svg:x="{left:.3f}pt" svg:y="{y - h / 2:.3f}pt" svg:width="{box:.3f}pt" '
                     f'svg:height="{h:.3f}pt"')
        self.shapes.append(f'<draw:frame draw:style-name="{frame}" {place}>{content}')

    def style_xml(self):
        out = []
        for (family, props), name in self.styles.items():
            if family == "graphic":
                out.append(f'<style:style style:name="{name}" style:family="graphic">'
                           f"<style:graphic-properties {props}/></style:style>")
            else:
                out.append(f'<style:style style:name="{name}" style:family="paragraph">'
                           f"{props}</style:style>")
        return "\n".join(out)


def lo_chart(d, chart, x0, y0, w, h):
    """The chart as Draw shapes (bands, box, ticks, bubbles, labels)."""
    frame = chart_frame(chart, x0, y0, w, h)
    fl, ft, fr, fb = frame
    fw, fh = fr - fl, fb - ft
    d.text(fl + fw / 2, y0 + 10, chart.title, 12, "middle", GREEN)
    if chart.style == "bands":  # 3 x 3 bands with white gutters between them
        for i in range(3):
            for j in range(3):
                d.rect(fl + i * fw / 3 + 2, ft + j * fh / 3 + 2, fw / 3 - 4, fh / 3 - 4,
                       fill=BANDS[min(4, i + 2 - j)])
    d.rect(fl, ft, fw, fh, stroke="#444444", width=0.8)
    if chart.ticks:
        for value in tick_values(chart):
            f = tick_fraction(chart, value)
            d.line(fl + f * fw, fb, fl + f * fw, fb + 4)
            d.text(fl + f * fw, fb + 11, fmt(value), 8, "middle", box=30)
            d.line(fl - 4, fb - f * fh, fl, fb - f * fh)
            d.text(fl - 7, fb - f * fh, fmt(value), 8, "end", box=30)
    d.text(fl + fw / 2, fb + (26 if chart.ticks else 16), chart.x_title, 10, "middle")
    d.text(fl - (34 if chart.ticks else 16), ft + fh / 2, chart.y_title, 10, "middle",
           rotate=True, box=min(300, fh))
    size = chart.label_size
    for index, (name, stakeholder, business) in enumerate(chart.points):
        cx, cy = frame_point(frame, *chart.xy(stakeholder, business))
        r = radius_of(chart, index)
        d.circle(cx, cy, r, COLORS[index % 3])
        lx, ly, anchor = label_spot(chart, cx, cy, r, size)
        d.text(lx, ly, name, size, anchor, box=160)
    for x, y in chart.stray_markers:
        cx, cy = frame_point(frame, x, y)
        d.circle(cx, cy, 4.0, "#777777")
    return y0 + h + 10


def fodg(doc):
    rng = random.Random(doc.seed)
    width, height = doc.size
    margin = 50
    pages, drawings = [], []
    for number, page in enumerate(doc.pages, 1):
        d = LODrawing()
        drawings.append(d)
        d.text(margin, 30, doc.company, 8, color=GREEN)
        d.line(margin, 38, width - margin, 38, GREEN, 0.6)
        d.text(width / 2, height - 28, str(number), 8, "middle", box=40)
        y = 60.0
        if page.heading:
            d.text(margin, y, page.heading, 14, color=GREEN)
            y += 24

        def add_paragraph(y, lead=""):
            for line in mc.wrap_text(lead + mc.paragraph(rng, doc.lang), 9.5,
                                     width - 2 * margin - 12):
                # a frame wider than the line: LibreOffice must not wrap it again
                d.text(margin, y, line, 9.5, box=width - margin - 10)
                y += 15
            return y + 6

        for _ in range(page.paragraphs if page.kind == "text" else page.before):
            y = add_paragraph(y)
        if page.chart:
            y = lo_chart(d, page.chart, margin, y, width - 2 * margin,
                         min(440.0, height - y - 110))
        if page.kind != "text":
            add_paragraph(y + 6, page.note)
        pages.append((number, d))
    # one style table for the document: rename each drawing's styles apart
    styles, xml_pages = [], []
    for number, d in pages:
        xml = "\n".join(d.shapes)
        for (family, props), name in d.styles.items():
            new = f"p{number}{name}"
            xml = xml.replace(f'style-name="{name}"', f'style-name="{new}"')
            d.styles[(family, props)] = new
        styles.append(d.style_xml())
        xml_pages.append(f'<draw:page draw:name="page{number}" draw:style-name="DP" '
                         f'draw:master-page-name="M">\n{xml}\n</draw:page>')
    return FODG % {"w": width, "h": height, "styles": "\n".join(styles),
                   "pages": "\n".join(xml_pages)}


def produce_libreoffice(doc, out_pdf, soffice):
    """Writes the flat ODF file and converts it with a fresh profile (no shared state)."""
    draw = any(page.chart for page in doc.pages)
    with tempfile.TemporaryDirectory(prefix="materia-corpus-lo-") as tmp:
        source = os.path.join(tmp, doc.name + (".fodg" if draw else ".fodt"))
        with open(source, "w", encoding="utf-8") as f:
            f.write(fodg(doc) if draw else fodt(doc))
        mc.soffice_to_pdf(soffice, source, out_pdf, tmp)


# ---------------------------------------------------------------- the documents

def spots(rng, chart, names, cols, rows, x_window=(0.15, 0.35), y_window=(0.3, 0.7)):
    chart.points = mc.chart_points(chart, mc.place(rng, names, cols, rows, x_window, y_window))
    return chart


def unseen_docs():
    docs = []
    zh_company = "中泰润华商业银行股份有限公司 2024年度环境、社会及管治报告"
    en_company = "Northwind Capital Holdings  ·  Sustainability Report 2024"
    zh_b, zh_s = "对公司经营的重要性", "对利益相关方的重要性"
    gri_x = "Significance of economic, environmental and social impacts"
    gri_y = "Influence on stakeholder assessments and decisions"

    # ReportLab
    rng = random.Random(301)
    chart = UChart(points=[], style="corner", x_title=zh_b, y_title=zh_s, labels="right")
    spots(rng, chart, rng.sample(mc.ZH_ISSUES, 12), 3, 5)
    chart.radii = [rng.choice([3.5, 5.0, 7.0, 9.0]) for _ in chart.points]
    docs.append(mc.Doc("unseen-rl-corner-bubbles-zh", "unseen", "reportlab", "U01", "zh",
                       mc.text_pages(1) + [UPage("chart", chart=chart, heading="实质性议题矩阵")]
                       + mc.text_pages(1), company=zh_company, seed=301))

    rng = random.Random(302)
    chart = UChart(points=[], style="arrows", x_title="对企业可持续发展的影响",
                   y_title="利益相关方关注度", labels="below", title="重要性议题分析")
    spots(rng, chart, rng.sample(mc.ZH_ISSUES, 10), 3, 4, (0.3, 0.7), (0.45, 0.7))
    chart.radii = [rng.choice([4.0, 6.0, 8.0]) for _ in chart.points]
    docs.append(mc.Doc("unseen-rl-arrows-gutter-bands-zh", "unseen", "reportlab", "U02", "zh",
                       [UPage("chart", chart=chart, heading="实质性议题评估", before=1)]
                       + mc.text_pages(1), company="华泰安联保险股份有限公司 2024年ESG报告",
                       seed=302))

    rng = random.Random(303)
    chart = UChart(points=[], style="numtable", x_title=gri_x, y_title=gri_y, labels="numbered",
                   title="Materiality matrix", label_size=8.0)
    spots(rng, chart, rng.sample(mc.EN_ISSUES, 14), 4, 4, (0.25, 0.75), (0.25, 0.75))
    docs.append(mc.Doc("unseen-rl-gri-numbered-legend-table-en", "unseen", "reportlab", "U03",
                       "en", mc.text_pages(1) + [UPage("chart", chart=chart, before=0,
                                                       heading="Material topics")],
                       company=en_company, seed=303))

    rng = random.Random(304)
    chart = UChart(points=[], style="grid", x_title="对公司经营的影响（0-10分）",
                   y_title="利益相关方关注程度（0-10分）", labels="left", ticks=(0, 10, 0, 11),
                   tick_step=2, marker="square")
    spots(rng, chart, rng.sample(mc.ZH_ISSUES, 11), 3, 5, (0.65, 0.85))
    name, stakeholder, business = chart.points.pop()  # its label stays, its marker does not
    x, y = chart.xy(stakeholder, business)
    chart.stray_labels = [(name, x - 0.012, y)]
    docs.append(mc.Doc("unseen-rl-grid-ticks-0-10-err-stray-zh", "unseen", "reportlab", "U04",
                       "zh", mc.text_pages(1) + [UPage("chart", chart=chart,
                                                       heading="议题重要性评分")],
                       company=zh_company, seed=304))

    rng = random.Random(305)
    categories = ["环境", "社会", "治理"]
    names = rng.sample(mc.ZH_ISSUES, 14)
    table = sorted([(n, rng.choice(categories), rng.choice(["★★★", "★★★", "★★☆", "★☆☆"]))
                    for n in names], key=lambda row: categories.index(row[1]))
    docs.append(mc.Doc("unseen-rl-merged-stars-table-zh", "unseen", "reportlab", "U05", "zh",
                       mc.text_pages(1) + [UPage("table", table=table, layout="merged",
                                                 heading="实质性议题清单",
                                                 table_headers=("类别", "议题", "重要程度"))],
                       company="华泰安联保险股份有限公司 2024年ESG报告", seed=305))

    rng = random.Random(306)
    items = list(enumerate(rng.sample(mc.ZH_ISSUES, 22), 1))
    docs.append(mc.Doc("unseen-rl-two-column-list-zh", "unseen", "reportlab", "U06", "zh",
                       mc.text_pages(1) + [UPage("list", list_items=items[:16], layout="columns",
                                                 heading="实质性议题排序结果"),
                                           UPage("list", list_items=items[16:], before=0)],
                       company=zh_company, seed=306))

    rng = random.Random(307)
    chart = UChart(points=[], style="spread", x_title="Impact on business",
                   y_title="Importance to stakeholders", labels="above", marker="diamond",
                   title="Materiality matrix 2024")
    spots(rng, chart, rng.sample(mc.EN_ISSUES, 11), 2, 6, (0.4, 0.6), (0.1, 0.4))
    docs.append(mc.Doc("unseen-rl-double-page-spread-en", "unseen", "reportlab", "U07", "en",
                       [UPage("chart", chart=chart, heading="Materiality assessment", before=3),
                        mc.Page(paragraphs=4)], size=SPREAD, company=en_company, seed=307))

    # the matrix, then its issues again in a table whose levels are dots
    rng = random.Random(308)
    chart = UChart(points=[], style="corner", x_title="对本行经营的影响",
                   y_title="对利益相关方的影响", labels="above", title="实质性议题矩阵")
    spots(rng, chart, rng.sample(mc.ZH_ISSUES, 9), 3, 4, (0.4, 0.6), (0.15, 0.4))
    chart.radii = [rng.choice([3.5, 5.0, 6.5]) for _ in chart.points]
    table = [(name, mc.level_for(s, b, ["●●●", "●●○", "●○○"])) for name, s, b in chart.points]
    docs.append(mc.Doc("unseen-rl-matrix-and-dot-levels-zh", "unseen", "reportlab", "U08", "zh",
                       mc.text_pages(1) + [UPage("chart", chart=chart, heading="实质性议题矩阵"),
                                           UPage("table", table=table, heading="实质性议题清单",
                                                 table_headers=("议题", "重要性"))],
                       company="长江汇通银行股份有限公司 2024年ESG报告", seed=308))

    # LibreOffice
    rng = random.Random(311)
    names = rng.sample(mc.ZH_ISSUES, 15)
    table = sorted([(n, rng.choice(categories), rng.choice(["高", "高", "中", "低"]))
                    for n in names], key=lambda row: categories.index(row[1]))
    docs.append(mc.Doc("unseen-lo-merged-category-table-zh", "unseen", "libreoffice", "U11",
                       "zh", mc.text_pages(1, 4) + [UPage("table", table=table, layout="merged",
                                                          heading="实质性议题及其重要性",
                                                          table_headers=("类别", "议题",
                                                                         "重要性"))],
                       company="远东融通证券股份有限公司 2024年可持续发展报告", seed=311))

    rng = random.Random(312)
    table = [(n, "重要性：" + rng.choice(["高", "高", "中", "低"]))
             for n in rng.sample(mc.ZH_ISSUES, 12)]
    docs.append(mc.Doc("unseen-lo-level-lines-zh", "unseen", "libreoffice", "U12", "zh",
                       [UPage("table", table=table, layout="lines", heading="实质性议题评估结果",
                              before=1)] + mc.text_pages(1, 4),
                       company=zh_company, seed=312))

    rng = random.Random(313)
    items = list(enumerate(rng.sample(mc.EN_ISSUES, 20), 1))
    docs.append(mc.Doc("unseen-lo-two-column-list-en", "unseen", "libreoffice", "U13", "en",
                       [UPage("list", list_items=items[:14], layout="columns", before=1,
                              heading="Our material topics, ranked"),
                        UPage("list", list_items=items[14:], before=0)],
                       company=en_company, seed=313))

    rng = random.Random(314)
    chart = UChart(points=[], style="bands", x_title="Impact on business",
                   y_title="Importance to stakeholders", labels="right", ticks=(1, 5, 0, 6),
                   title="Materiality matrix")
    spots(rng, chart, rng.sample(mc.EN_ISSUES, 10), 2, 6, (0.05, 0.15))
    docs.append(mc.Doc("unseen-lo-bands-ticks-1-5-en", "unseen", "libreoffice", "U14", "en",
                       mc.text_pages(1) + [UPage("chart", chart=chart, heading="Materiality")],
                       company=en_company, seed=314))

    rng = random.Random(315)
    chart = UChart(points=[], style="plain", x_title="对公司发展的影响程度",
                   y_title="对利益相关方的影响程度", labels="left")
    spots(rng, chart, rng.sample(mc.ZH_ISSUES, 12), 3, 5, (0.65, 0.85))
    chart.radii = [rng.choice([3.5, 5.5, 7.5]) for _ in chart.points]
    _, stakeholder, business = chart.points.pop()  # this spot keeps its marker, not its label
    chart.stray_markers = [chart.xy(stakeholder, business)]
    chart.radii.pop()
    docs.append(mc.Doc("unseen-lo-matrix-err-unlabelled-zh", "unseen", "libreoffice", "U15",
                       "zh", [UPage("chart", chart=chart, heading="实质性议题矩阵")]
                       + mc.text_pages(1), company="远东融通证券股份有限公司 2024年ESG报告",
                       seed=315))
    return [typed_symbol_levels(mc.finish(d)) for d in docs]


def typed_symbol_levels(doc):
    """A level printed as symbols (●●○, ★★☆) is, in the truth, the whole number an analyst
    types for it: the count of filled symbols (docs/format.md, "Level scales")."""
    for entry in doc.entries + doc.optional_entries:
        level = str(entry.get("level", "")).replace(" ", "")
        for filled, empty in (("●", "○"), ("★", "☆")):
            if level and level.count(filled) and set(level) <= {filled, empty}:
                entry["level"] = level.count(filled)
    return doc
