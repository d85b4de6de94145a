#!/usr/bin/python3
"""The `sixth` set of the PDF corpus: documents from producers no other set uses, in layouts the
other sets do not have. make_corpus.py writes them with the other sets (`--set sixth` or `all`)
and the same truth format (see its docstring).

Producers:
  - pymupdf: PyMuPDF (Debian python3-fitz, MuPDF's PDF writer) drawing the pages directly, at
    one unit a point. Chinese text in MuPDF's built-in CJK font "china-s" (Heiti, not embedded,
    encoding UniGB-UTF16-H), English in the base-14 Helvetica. Two of its documents are
    landscape pages made by rotating portrait pages (/Rotate 90).
  - weasyprint: WeasyPrint (Debian weasyprint; HTML and CSS laid out by its own engine, inline
    SVG drawn by its own SVG renderer, its own PDF writer). Chinese in WenQuanYi Micro Hei
    (fonts-wqy-microhei), English in DejaVu Sans.

Layouts: a 3x3 grid matrix (九宫格) with the issue names written inside its cells, drawn and as
an HTML table; a matrix on landscape pages made with /Rotate 90; markers printed as a text glyph
(● in the font, not a path); issue codes (E1, S2, G3) as marker labels with their legend grouped
under Environmental / Social / Governance headings; stakeholder importance along x (the axes
swapped); a chart in one column of a two-column page with body text around it; a ranked table
whose rank is its rightmost column. Error cases: a marker with no label and a label with no
marker (glyph markers), two labels claiming one marker (one above it, one below).

Truth: chart entries are fractions of the plot frame, as drawn. A name inside a cell of a 3x3
grid is at the cell's centre: the grid gives each issue a level on each axis (低 / 中 / 高),
and the cell's centre, a fraction of the grid (1/6, 1/2, 5/6), keeps both and their order, as
coordinates `materia analyze` takes; docs/format.md's `level` is one level an issue, not two.
Everything is seeded.
"""
import os
import random

import make_corpus as mc
import make_fresh as mf

ZH_FONT_FITZ = "china-s"
EN_FONT_FITZ = "helv"
WEASY_ZH_FONT = "WenQuanYi Micro Hei"
WEASY_EN_FONT = "DejaVu Sans"


# ---------------------------------------------------------------- PyMuPDF

class FitzPage(mc.RecordedPage):
    """Drawing operations in points from the visible page's top-left, replayed with PyMuPDF
    (on a page rotated by /Rotate when `rotate` is set)."""

    def __init__(self, rotate=0):
        super().__init__()
        self.rotate = rotate


def fitz_font(text, bold):
    if any(ord(c) > 0x7F for c in text):
        return ZH_FONT_FITZ
    return "hebo" if bold else EN_FONT_FITZ


def colour(rgb):
    return None if rgb is None else tuple(v / 255 for v in rgb)


def fitz_replay(fitz, page, spec):
    turn = page.derotation_matrix if spec.rotate else fitz.Identity

    def at(x, y):
        return fitz.Point(x, y) * turn

    for op in spec.ops:
        kind = op[0]
        if kind == "text":
            _, x, y, text, size, anchor, rgb, rotate, bold = op
            font = fitz_font(text, bold)
            advance = fitz.get_text_length(text, font, size)
            shift = {"start": 0.0, "middle": -advance / 2, "end": -advance}[anchor]
            if rotate:
                start, angle = at(x + 0.35 * size, y - shift), 90
            else:
                start, angle = at(x + shift, y + 0.35 * size), 0
            page.insert_text(start, text, fontname=font, fontsize=size, color=colour(rgb),
                             rotate=(angle + spec.rotate) % 360)
        elif kind == "rect":
            _, x, y, w, h, fill, stroke, width = op
            rect = fitz.Rect(at(x, y), at(x + w, y + h)).normalize()
            page.draw_rect(rect, color=colour(stroke), fill=colour(fill),
                           width=width if stroke else 0)
        elif kind == "line":
            _, x1, y1, x2, y2, rgb, width = op
            page.draw_line(at(x1, y1), at(x2, y2), color=colour(rgb), width=width)
        else:  # circle
            _, cx, cy, r, fill, stroke = op
            page.draw_circle(at(cx, cy), r, color=colour(stroke), fill=colour(fill),
                             width=0.8 if stroke else 0)


def produce_fitz(doc, out_pdf):
    import fitz
    pdf = fitz.open()
    width, height = doc.size
    for spec in doc.sixth["pages"]:
        if spec.rotate:  # a portrait page turned to show the landscape page drawn
            page = pdf.new_page(width=height, height=width)
            page.set_rotation(spec.rotate)
        else:
            page = pdf.new_page(width=width, height=height)
        fitz_replay(fitz, page, spec)
    pdf.set_metadata({"creator": "materia corpus", "producer": "PyMuPDF"})
    pdf.save(out_pdf, garbage=3, deflate=True)


def fitz_paragraphs(p, rng, lang, x, y, width, count, size=9.5):
    for _ in range(count):
        for line in mc.wrap_text(mc.paragraph(rng, lang), size, width):
            p.text(x, y, line, size)
            y += size * 1.6
        y += 6
    return y


def fitz_report_page(rng, lang, heading, paragraphs=1, size=mc.A4, rotate=0):
    page = FitzPage(rotate)
    page.text(60, 70, heading, 16, bold=True)
    return page, fitz_paragraphs(page, rng, lang, 60, 100, size[0] - 120, paragraphs)


def frame_xy(frame, fx, fy):
    left, top, right, bottom = frame
    return left + fx * (right - left), bottom - fy * (bottom - top)


def box_chart(p, frame, x_title, y_title):
    left, top, right, bottom = frame
    p.rect(left, top, right - left, bottom - top, stroke=(90, 90, 90), width=0.9)
    p.text((left + right) / 2, bottom + 20, x_title, 10, "middle")
    p.text(left - 18, (top + bottom) / 2, y_title, 10, "middle", rotate=True)


def chart_entries(points, page, swapped=False):
    """Truth of (name, x, y) frame fractions: business along x, or stakeholder when swapped."""
    return [{"name": n, "kind": "chart", "stakeholder": x if swapped else y,
             "business": y if swapped else x, "page": page} for n, x, y in points]


GRID_WORDS = ["低", "中", "高"]


def grid_cells(rng, names):
    """Names spread over the 3x3 cells, one to three a cell: {(col, row): [names]}."""
    cells = {(c, r): [] for c in range(3) for r in range(3)}
    order = list(cells)
    for i, name in enumerate(names):
        if i < 9:
            cells[order[i]].append(name)
        else:
            cells[rng.choice([c for c in order if len(cells[c]) < 3])].append(name)
    return cells


def grid_entries(cells, page):
    """Each name at its cell's centre: col along business, row (from the bottom) along
    stakeholder."""
    return [{"name": n, "kind": "chart", "stakeholder": round((r + 0.5) / 3, 4),
             "business": round((c + 0.5) / 3, 4), "page": page}
            for (c, r), names in sorted(cells.items()) for n in names]


def fitz_docs():
    docs = []
    width, height = mc.A4

    # 1. 九宫格: a 3x3 grid, the names written inside its cells; a level table restates it.
    rng = random.Random(1101)
    page, y = fitz_report_page(rng, "zh", "实质性议题分析", 2)
    frame = (120.0, y + 30, 520.0, y + 420)
    left, top, right, bottom = frame
    cw, ch = (right - left) / 3, (bottom - top) / 3
    names = rng.sample(mc.ZH_ISSUES, 16)
    cells = grid_cells(rng, names)
    for (c, r), cell_names in cells.items():
        shade = 235 - 28 * (c + r)
        x0, y0 = left + c * cw, bottom - (r + 1) * ch
        page.rect(x0 + 1.5, y0 + 1.5, cw - 3, ch - 3, fill=(shade, min(250, shade + 14), shade))
        for k, name in enumerate(cell_names):
            page.text(x0 + cw / 2, y0 + ch / 2 + (k - (len(cell_names) - 1) / 2) * 15, name,
                      9.5, "middle")
    for i, word in enumerate(GRID_WORDS):
        page.text(left + (i + 0.5) * cw, bottom + 12, word, 9, "middle", (90, 90, 90))
        page.text(left - 10, bottom - (i + 0.5) * ch, word, 9, "middle", (90, 90, 90))
    page.text((left + right) / 2, bottom + 30, "对公司发展的重要性", 10, "middle")
    page.text(left - 28, (top + bottom) / 2, "对利益相关方的重要性", 10, "middle", rotate=True)
    fitz_paragraphs(page, rng, "zh", 60, bottom + 56, width - 120, 1)
    table, y = fitz_report_page(rng, "zh", "实质性议题重要性")
    y += 10
    table.text(70, y, "议题", 10, bold=True)
    table.text(300, y, "重要性", 10, bold=True)
    table.line(60, y + 10, 420, y + 10, (120, 120, 120), 0.8)
    rows = []
    for (c, r), cell_names in sorted(cells.items(), key=lambda kv: -(kv[0][0] + kv[0][1])):
        level = "高" if c + r >= 3 else "中" if c + r == 2 else "低"
        rows += [(n, level) for n in cell_names]
    for i, (name, level) in enumerate(rows):
        table.text(70, y + 24 + i * 20, name, 10)
        table.text(300, y + 24 + i * 20, level, 10)
        table.line(60, y + 34 + i * 20, 420, y + 34 + i * 20, (190, 190, 190), 0.5)
    doc = SixthDoc("sixth-fitz-nine-grid-zh", "sixth", "pymupdf", "X01", "zh",
                   mf.blank_pages(2), seed=1101, sixth={"pages": [page, table]})
    doc.entries = grid_entries(cells, 1) + [
        {"name": n, "kind": "table", "level": level, "page": 2} for n, level in rows]
    docs.append(doc)

    # 2. Landscape pages made by /Rotate 90: a text page and the matrix.
    rng = random.Random(1102)
    land = mc.A4_LANDSCAPE
    intro, _ = fitz_report_page(rng, "en", "Sustainability at a glance", 4, land, 90)
    page, y = fitz_report_page(rng, "en", "Materiality matrix", 0, land, 90)
    frame = (130.0, 110.0, 620.0, 510.0)
    box_chart(page, frame, "Importance to the business", "Importance to stakeholders")
    points = mf.grid_spots(rng, rng.sample(mc.EN_ISSUES, 14), 3, 5, (0.05, 0.2))
    for name, fx, fy in points:
        cx, cy = frame_xy(frame, fx, fy)
        page.circle(cx, cy, 4.0, (31, 95, 168))
        page.text(cx + 7, cy, name, 8)
    fitz_paragraphs(page, rng, "en", 650, 130, 140, 2, 8.5)
    doc = SixthDoc("sixth-fitz-rotated-landscape-en", "sixth", "pymupdf", "X02", "en",
                   mf.blank_pages(2), size=land, seed=1102, sixth={"pages": [intro, page]})
    doc.entries = chart_entries(points, 2)
    docs.append(doc)

    # 3. Markers printed as the glyph ● of the font; one with no label, one label with none.
    rng = random.Random(1103)
    page, y = fitz_report_page(rng, "zh", "重要性议题矩阵", 1)
    frame = (110.0, y + 30, 530.0, y + 480)
    box_chart(page, frame, "对公司发展的重要性", "对利益相关方的重要性")
    points = mf.grid_spots(rng, rng.sample(mc.ZH_ISSUES, 15), 3, 6, (0.05, 0.2))
    stray_marker = mf.empty_cell_spot(points, 3, 6, points[14][1:])
    glyph = 9.0
    for index, (name, fx, fy) in enumerate(points):
        cx, cy = frame_xy(frame, fx, fy)
        if index < 14:  # the glyph's box centre (its em box, 1.0 above to 0.2 below the base)
            page.text(cx - glyph / 2, cy, "●", glyph, rgb=(200, 60, 50))
        page.text(cx + 8, cy, name, 8)
    cx, cy = frame_xy(frame, *stray_marker)
    page.text(cx - glyph / 2, cy, "●", glyph, rgb=(200, 60, 50))
    fitz_paragraphs(page, rng, "zh", 60, frame[3] + 50, width - 120, 1)
    doc = SixthDoc("sixth-fitz-glyph-markers-err-zh", "sixth", "pymupdf", "X03", "zh",
                   mf.blank_pages(1), seed=1103, sixth={"pages": [page]})
    doc.entries = chart_entries(points[:14], 1)
    doc.problems = [{"kind": "label_without_marker", "page": 1, "text": points[14][0]},
                    {"kind": "marker_without_label", "page": 1, "text": ""}]
    docs.append(doc)

    # 4. Issue codes (E1, S2, G3) in the markers, their legend grouped by pillar headings.
    rng = random.Random(1104)
    page, y = fitz_report_page(rng, "en", "Our material topics", 1)
    frame = (90.0, y + 30, 400.0, y + 400)
    box_chart(page, frame, "Importance to the business", "Importance to stakeholders")
    names = rng.sample(mc.EN_ISSUES, 15)
    pillars = [("Environmental", "E", names[:4]), ("Social", "S", names[4:11]),
               ("Governance", "G", names[11:])]
    coded = [(f"{letter}{i + 1}", name) for _, letter, group in pillars
             for i, name in enumerate(group)]
    points = mf.grid_spots(rng, [code for code, _ in coded], 3, 6, (0.3, 0.7))
    fills = {"E": (46, 139, 87), "S": (31, 95, 168), "G": (120, 80, 160)}
    for code, fx, fy in points:
        cx, cy = frame_xy(frame, fx, fy)
        page.circle(cx, cy, 8.0, fills[code[0]])
        page.text(cx, cy, code, 7, "middle", (255, 255, 255))
    ly = frame[1]
    for heading, letter, group in pillars:
        page.text(420, ly, heading, 9.5, bold=True)
        ly += 15
        for i, name in enumerate(group):
            page.text(424, ly, f"{letter}{i + 1}", 8.5)
            page.text(444, ly, name, 8.5)
            ly += 13
        ly += 8
    fitz_paragraphs(page, rng, "en", 60, frame[3] + 50, width - 120, 1)
    doc = SixthDoc("sixth-fitz-code-legend-en", "sixth", "pymupdf", "X04", "en",
                   mf.blank_pages(1), seed=1104, sixth={"pages": [page]})
    by_code = dict(coded)
    doc.entries = chart_entries([(by_code[c], fx, fy) for c, fx, fy in points], 1)
    docs.append(doc)

    # 5. Stakeholder importance along x; two labels claiming one marker (above and below it).
    rng = random.Random(1105)
    page, y = fitz_report_page(rng, "zh", "实质性议题识别结果", 1)
    frame = (110.0, y + 30, 530.0, y + 470)
    box_chart(page, frame, "对利益相关方的重要性", "对公司发展的重要性")
    names = rng.sample(mc.ZH_ISSUES, 15)
    points = mf.grid_spots(rng, names[:13], 3, 6, (0.05, 0.2))
    for name, fx, fy in points:
        cx, cy = frame_xy(frame, fx, fy)
        page.circle(cx, cy, 4.0, (11, 110, 79))
        page.text(cx + 7, cy, name, 8)
    shared = mf.empty_cell_spot(points, 3, 6, (0.5, 0.5))
    cx, cy = frame_xy(frame, *shared)
    page.circle(cx, cy, 4.0, (11, 110, 79))
    page.text(cx, cy - 10, names[13], 8, "middle")
    page.text(cx, cy + 10, names[14], 8, "middle")
    fitz_paragraphs(page, rng, "zh", 60, frame[3] + 50, width - 120, 1)
    doc = SixthDoc("sixth-fitz-swapped-axes-err-zh", "sixth", "pymupdf", "X05", "zh",
                   mf.blank_pages(1), seed=1105, sixth={"pages": [page]})
    doc.entries = chart_entries(points, 1, swapped=True)
    doc.optional_entries = [{"name": n, "kind": "chart", "stakeholder": None, "business": None,
                             "page": 1} for n in names[13:]]
    doc.problems = [{"kind": "labels_share_marker", "page": 1, "text": ""}]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- WeasyPrint

def html_page(lang, body, extra_css=""):
    font = WEASY_ZH_FONT if lang == "zh" else WEASY_EN_FONT
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 56pt 50pt; }}
body {{ font-family: "{font}"; font-size: 9.5pt; line-height: 1.5; color: #222; }}
h1 {{ font-size: 16pt; margin: 0 0 10pt; }}
p {{ margin: 0 0 6pt; text-align: justify; }}
{extra_css}
</style></head><body>
{body}
</body></html>"""


def svg_text(x, y, text, size, anchor="start", fill="#222", rotate=False, weight="normal"):
    base = y + 0.35 * size
    transform = f' transform="rotate(-90 {x:.2f} {y:.2f})"' if rotate else ""
    return (f'<text x="{x:.2f}" y="{base:.2f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}"{transform}>{mc.esc(text)}</text>')


def produce_weasyprint(doc, out_pdf):
    import weasyprint
    weasyprint.HTML(string=doc.sixth["html"]).write_pdf(out_pdf)


def paragraphs(rng, lang, count):
    return "".join(f"<p>{mc.esc(mc.paragraph(rng, lang))}</p>" for _ in range(count))


def weasy_docs():
    docs = []

    # 6. A chart in one column of a two-column page, body text above, below and beside it.
    rng = random.Random(1106)
    names = rng.sample([n for n in mc.EN_ISSUES if len(n) <= 22], 10)
    w, h = 237.0, 250.0
    frame = (26.0, 8.0, 232.0, 214.0)
    left, top, right, bottom = frame
    points = mf.grid_spots(rng, names, 2, 5, (0.03, 0.12))
    svg = [f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
           f'fill="none" stroke="#555" stroke-width="0.8"/>']
    for name, fx, fy in points:
        cx, cy = frame_xy(frame, fx, fy)
        svg.append(f'<circle cx="{cx:.3f}" cy="{cy:.3f}" r="3" fill="#1f5fa8"/>')
        svg.append(svg_text(cx + 5, cy, name, 6))
    svg.append(svg_text((left + right) / 2, bottom + 16, "Importance to the business", 7.5,
                        "middle"))
    svg.append(svg_text(left - 12, (top + bottom) / 2, "Importance to stakeholders", 7.5,
                        "middle", rotate=True))
    chart = (f'<svg width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}" '
             f'xmlns="http://www.w3.org/2000/svg">{"".join(svg)}</svg>')
    body = (f'<h1>Materiality assessment</h1><div class="cols">{paragraphs(rng, "en", 2)}'
            f'<p class="caption">Figure 3. Materiality matrix</p>{chart}'
            f'{paragraphs(rng, "en", 7)}</div>')
    css = (".cols { columns: 2; column-gap: 22pt; } svg { display: block; margin: 4pt 0 8pt; }"
           ".caption { font-weight: bold; font-size: 8.5pt; }")
    doc = SixthDoc("sixth-weasy-two-column-chart-en", "sixth", "weasyprint", "X06", "en",
                   mf.blank_pages(1), seed=1106, sixth={"html": html_page("en", body, css)})
    doc.entries = chart_entries(points, 1)
    docs.append(doc)

    # 7. A table of topics grouped by pillar; the rank is its rightmost column.
    rng = random.Random(1107)
    names = rng.sample(mc.EN_ISSUES, 15)
    ranks = list(range(1, 16))
    rng.shuffle(ranks)
    actions = ["Board oversight and annual targets", "Policy reviewed and training given",
               "Included in the risk appetite", "Reported quarterly to the committee",
               "New programme launched this year"]
    rows = []
    for i, (name, rank) in enumerate(zip(names, ranks)):
        pillar = "Environmental" if i < 4 else "Social" if i < 10 else "Governance"
        rows.append(f"<tr><td>{pillar}</td><td>{mc.esc(name)}</td>"
                    f"<td>{rng.choice(actions)}</td><td class=\"num\">{rank}</td></tr>")
    body = (f'<h1>Material topics and their ranking</h1>{paragraphs(rng, "en", 1)}'
            f'<table><thead><tr><th>Pillar</th><th>Material topic</th><th>Our response</th>'
            f'<th class="num">Rank</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'{paragraphs(rng, "en", 1)}')
    css = ("table { border-collapse: collapse; width: 100%; margin: 8pt 0 12pt; font-size: 9pt; }"
           "th, td { border-bottom: 0.5pt solid #bbb; padding: 4pt 5pt; text-align: left; }"
           "th { background: #e3ece6; } .num { text-align: right; width: 40pt; }")
    doc = SixthDoc("sixth-weasy-rank-column-en", "sixth", "weasyprint", "X07", "en",
                   mf.blank_pages(1), seed=1107, sixth={"html": html_page("en", body, css)})
    doc.entries = [{"name": n, "kind": "list", "rank": r, "page": 1}
                   for n, r in zip(names, ranks)]
    docs.append(doc)

    # 8. 九宫格 as an HTML table: rows 高 / 中 / 低 of stakeholder importance, columns 低 / 中 / 高
    # of importance to the company, the names in the cells.
    rng = random.Random(1108)
    names = rng.sample(mc.ZH_ISSUES, 17)
    cells = grid_cells(rng, names)
    rows = []
    for r in (2, 1, 0):
        tds = "".join(f'<td class="cell s{c + r}">{"<br/>".join(mc.esc(n) for n in cells[(c, r)])}'
                      f"</td>" for c in range(3))
        title = ('<th class="ytitle" rowspan="3">' + "<br/>".join("对利益相关方的重要性")
                 + "</th>") if r == 2 else ""
        rows.append(f"<tr>{title}<th class=\"lv\">{GRID_WORDS[r]}</th>{tds}</tr>")
    rows.append('<tr><th></th><th></th>' + "".join(f'<th class="lv">{w}</th>'
                                                  for w in GRID_WORDS) + "</tr>")
    rows.append('<tr><th></th><th></th><th class="xtitle" colspan="3">对公司发展的重要性</th></tr>')
    body = (f'<h1>实质性议题矩阵</h1>{paragraphs(rng, "zh", 2)}'
            f'<table class="grid">{"".join(rows)}</table>{paragraphs(rng, "zh", 1)}')
    css = ("table.grid { border-collapse: separate; border-spacing: 3pt; margin: 10pt auto; }"
           "td.cell { width: 120pt; height: 92pt; text-align: center; vertical-align: middle;"
           " font-size: 9.5pt; line-height: 1.6; }"
           ".s0 { background: #eef4ef; } .s1 { background: #dcebdf; } .s2 { background: #c6dfcb; }"
           ".s3 { background: #a9d0b2; } .s4 { background: #8cc09a; }"
           "th.lv { font-weight: normal; color: #555; font-size: 9pt; padding: 2pt 4pt;"
           " text-align: center; }"
           "th.ytitle { font-weight: normal; font-size: 10pt; line-height: 1.25; width: 14pt; }"
           "th.xtitle { font-weight: normal; font-size: 10pt; text-align: center; }")
    doc = SixthDoc("sixth-weasy-grid-table-zh", "sixth", "weasyprint", "X08", "zh",
                   mf.blank_pages(1), seed=1108, sixth={"html": html_page("zh", body, css)})
    doc.entries = grid_entries(cells, 1)
    docs.append(doc)

    # 9. A level table whose level is its first column, each level one cell merged down the
    # rows of its issues.
    rng = random.Random(1109)
    names = rng.sample(mc.ZH_ISSUES, 15)
    groups = [("非常重要", names[:4]), ("重要", names[4:10]), ("一般重要", names[10:])]
    sdgs = ["SDG 8", "SDG 9", "SDG 13", "SDG 16", "SDG 5", "SDG 12"]
    rows = []
    for level, group in groups:
        for i, name in enumerate(group):
            head = f'<td class="lvl" rowspan="{len(group)}">{level}</td>' if i == 0 else ""
            rows.append(f"<tr>{head}<td>{mc.esc(name)}</td><td>{rng.choice(sdgs)}</td></tr>")
    body = (f'<h1>实质性议题重要性排序结果</h1>{paragraphs(rng, "zh", 1)}'
            f'<table><thead><tr><th>重要性程度</th><th>实质性议题</th><th>对应联合国可持续发展目标</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>{paragraphs(rng, "zh", 1)}')
    css = ("table { border-collapse: collapse; width: 100%; margin: 8pt 0 12pt; }"
           "th, td { border: 0.5pt solid #999; padding: 4pt 6pt; text-align: left; }"
           "th { background: #dde8f2; } td.lvl { text-align: center; vertical-align: middle;"
           " font-weight: bold; width: 80pt; }")
    doc = SixthDoc("sixth-weasy-level-first-column-zh", "sixth", "weasyprint", "X09", "zh",
                   mf.blank_pages(1), seed=1109, sixth={"html": html_page("zh", body, css)})
    doc.entries = [{"name": n, "kind": "table", "level": level, "page": 1}
                   for level, group in groups for n in group]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- the documents

class SixthDoc(mc.Doc):
    """A document of this set: `sixth` holds what its producer needs to write it."""

    def __init__(self, *args, sixth=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sixth = sixth or {}


def sixth_docs():
    return fitz_docs() + weasy_docs()


def produce(doc, out_pdf, tools):
    if doc.producer == "pymupdf":
        produce_fitz(doc, out_pdf)
    else:
        produce_weasyprint(doc, out_pdf)
