#!/usr/bin/python3
"""The `blind` set of the PDF corpus: documents from producers no other set uses, in layouts the
other sets do not have. make_corpus.py writes them with the other sets (`--set blind` or `all`)
and the same truth format (see its docstring).

Producers:
  - qt: Qt's PDF engine (QPdfWriter and QPainter of Debian's python3-pyqt5, run with
    QT_QPA_PLATFORM=offscreen at 72 dpi, so one unit is one point). Chinese text is set in
    WenQuanYi Micro Hei (fonts-wqy-microhei), English in Liberation Sans. Not Noto Sans CJK SC:
    Qt maps its glyphs back to the first code point the font's cmap gives them, so 工 色 金 风
    come out as the Kangxi radicals ⼯ ⾊ ⾦ ⻛ (U+2F00 block) on the text layer.
  - impress: a flat ODP presentation (16:9 slides of Draw shapes and text boxes) converted by
    LibreOffice Impress (libreoffice-impress-nogui).
  - word: a .docx written with python-docx (Debian python3-docx; tables with merged header and
    category cells) converted by LibreOffice Writer.

Layouts: labels joined to their markers by leader lines (callouts) set away from the points;
bubbles whose size is a third measure over a diagonal band of colour, with "Low → High" arrows as
axis titles, its topics restated as a level table on the next page; names in two lines beside the markers; a ranked list numbered ①②③; a level table
with 较高 / 一般 levels and names in two lines; a slide whose matrix has numbered circles and its
legend as a table on the same slide; a ranked list in slide text boxes; Word tables with merged
header cells and merged category cells. Error cases: a marker with no label and a label with no
marker (Qt), a legend number with no circle (Impress).

Truth: chart entries are fractions of the plot frame, as drawn. Everything is seeded.
"""
import os
import random
import tempfile
from xml.sax.saxutils import escape

import make_corpus as mc
import make_fresh as mf
import make_unseen as mu

# Impress's default 16:9 slide (28 x 15.75 cm): the page size a flat ODP's page layout states is
# not taken.
IMPRESS_SLIDE = (793.7, 446.46)
QT_ZH_FONT = "WenQuanYi Micro Hei"
QT_EN_FONT = "Liberation Sans"


# ---------------------------------------------------------------- Qt (QPdfWriter)

class QtPage(mc.RecordedPage):
    """Drawing operations in points from the page's top-left, replayed on a QPainter."""

    def __init__(self, lang):
        super().__init__()
        self.font = QT_ZH_FONT if lang == "zh" else QT_EN_FONT

    def polygon(self, points, fill):
        self.ops.append(("polygon", points, fill))

    def arrow(self, x1, y1, x2, y2, rgb=(80, 80, 80)):
        """A line with a filled head at (x2, y2)."""
        self.line(x1, y1, x2, y2, rgb, 1.0)
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        ux, uy = dx / length, dy / length
        self.polygon([(x2, y2), (x2 - 7 * ux - 3 * uy, y2 - 7 * uy + 3 * ux),
                      (x2 - 7 * ux + 3 * uy, y2 - 7 * uy - 3 * ux)], rgb)


def qt_replay(painter, page, qt):
    QtGui, QtCore = qt
    for op in page.ops:
        kind = op[0]
        if kind == "text":
            _, x, y, text, size, anchor, rgb, rotate, bold = op
            font = QtGui.QFont(page.font)
            font.setPointSizeF(size)
            font.setBold(bold)
            painter.setFont(font)
            painter.setPen(QtGui.QColor(*rgb))
            advance = QtGui.QFontMetricsF(font).horizontalAdvance(text)
            shift = {"start": 0.0, "middle": -advance / 2, "end": -advance}[anchor]
            if rotate:
                painter.save()
                painter.translate(x + 0.35 * size, y)
                painter.rotate(-90)
                painter.drawText(QtCore.QPointF(shift, 0), text)
                painter.restore()
            else:
                painter.drawText(QtCore.QPointF(x + shift, y + 0.35 * size), text)
        elif kind == "rect":
            _, x, y, w, h, fill, stroke, width = op
            painter.setBrush(QtGui.QColor(*fill) if fill else QtCore.Qt.NoBrush)
            painter.setPen(QtGui.QPen(QtGui.QColor(*stroke), width) if stroke else
                           QtCore.Qt.NoPen)
            painter.drawRect(QtCore.QRectF(x, y, w, h))
        elif kind == "line":
            _, x1, y1, x2, y2, rgb, width = op
            painter.setPen(QtGui.QPen(QtGui.QColor(*rgb), width))
            painter.drawLine(QtCore.QPointF(x1, y1), QtCore.QPointF(x2, y2))
        elif kind == "circle":
            _, cx, cy, r, fill, stroke = op
            painter.setBrush(QtGui.QColor(*fill))
            painter.setPen(QtGui.QPen(QtGui.QColor(*stroke), 0.8) if stroke else
                           QtCore.Qt.NoPen)
            painter.drawEllipse(QtCore.QPointF(cx, cy), r, r)
        else:  # polygon
            _, points, fill = op
            painter.setBrush(QtGui.QColor(*fill))
            painter.setPen(QtCore.Qt.NoPen)
            painter.drawPolygon(QtGui.QPolygonF([QtCore.QPointF(x, y) for x, y in points]))


def produce_qt(doc, out_pdf):
    """Draws the pages with QPdfWriter in this process (a QGuiApplication on the offscreen
    platform; one per process, reused)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PyQt5 import QtCore, QtGui
    app = QtGui.QGuiApplication.instance() or QtGui.QGuiApplication(["make_blind"])
    produce_qt.app = app  # kept alive for the next document
    writer = QtGui.QPdfWriter(out_pdf)
    writer.setResolution(72)
    writer.setPageSize(QtGui.QPageSize(QtCore.QSizeF(*doc.size), QtGui.QPageSize.Point))
    writer.setPageMargins(QtCore.QMarginsF(0, 0, 0, 0))
    writer.setCreator("materia corpus")
    painter = QtGui.QPainter(writer)
    painter.setRenderHint(QtGui.QPainter.Antialiasing)
    for number, page in enumerate(doc.blind["pages"]):
        if number:
            writer.newPage()
        qt_replay(painter, page, (QtGui, QtCore))
    painter.end()


def qt_paragraphs(p, rng, lang, x, y, width, count):
    """Body text lines from y down; returns the y below them."""
    for _ in range(count):
        for line in mc.wrap_text(mc.paragraph(rng, lang), 9.5, width):
            p.text(x, y, line, 9.5)
            y += 15
        y += 6
    return y


def qt_report_page(rng, lang, heading, paragraphs=1):
    """A page with its heading and paragraphs of body text: (page, the y below them)."""
    page = QtPage(lang)
    page.text(60, 70, heading, 16, bold=True)
    return page, qt_paragraphs(page, rng, lang, 60, 100, mc.A4[0] - 120, paragraphs)


def frame_xy(frame, fx, fy):
    left, top, right, bottom = frame
    return left + fx * (right - left), bottom - fy * (bottom - top)


def qt_box_chart(p, frame, x_title, y_title):
    left, top, right, bottom = frame
    p.rect(left, top, right - left, bottom - top, stroke=(90, 90, 90), width=0.9)
    p.text((left + right) / 2, bottom + 20, x_title, 10, "middle")
    p.text(left - 18, (top + bottom) / 2, y_title, 10, "middle", rotate=True)


def chart_entries(points, page):
    """Truth of (name, x, y) frame fractions, business along x."""
    return [{"name": n, "kind": "chart", "stakeholder": y, "business": x, "page": page}
            for n, x, y in points]


def spots(rng, names, cols, rows, x_window, y_window=(0.3, 0.7)):
    return mf.grid_spots(rng, names, cols, rows, x_window, y_window)


def two_lines(name, per_line):
    """A Chinese name broken after `per_line` characters, or earlier so that no Latin word
    (ESG) is split, as a typesetter breaks it."""
    cut = min(per_line, len(name))
    while 0 < cut < len(name) and name[cut - 1].isascii() and name[cut].isascii():
        cut -= 1
    return [name[:cut], name[cut:]] if cut < len(name) else [name]


def qt_docs():
    docs = []
    width, height = mc.A4

    # 1. Callouts: each label set up and right of its marker, joined to it by a leader line.
    rng = random.Random(1001)
    intro, _ = qt_report_page(rng, "zh", "可持续发展管理", 7)
    page, y = qt_report_page(rng, "zh", "实质性议题矩阵")
    frame = (100.0, y + 30, 540.0, y + 510)
    qt_box_chart(page, frame, "对公司发展的重要性", "对利益相关方的重要性")
    points = spots(rng, rng.sample(mc.ZH_ISSUES, 16), 3, 6, (0.05, 0.2), (0.15, 0.45))
    for name, fx, fy in points:
        cx, cy = frame_xy(frame, fx, fy)
        page.circle(cx, cy, 3.6, (11, 110, 79))
        lx, ly = cx + 30, cy - 22
        page.line(cx + 2.5, cy - 2.5, lx - 2, ly + 4, (140, 140, 140), 0.5)
        page.text(lx, ly, name, 8)
    qt_paragraphs(page, rng, "zh", 60, frame[3] + 50, width - 120, 1)
    doc = BlindDoc("blind-qt-callouts-zh", "blind", "qt", "B01", "zh", mf.blank_pages(2),
                   seed=1001, blind={"pages": [intro, page]})
    doc.entries = chart_entries(points, 2)
    docs.append(doc)

    # 2. Bubbles (size: a third measure) over a diagonal band, "Low → High" arrows as titles.
    rng = random.Random(1002)
    page, y = qt_report_page(rng, "en", "Materiality assessment")
    frame = (110.0, y + 30, 540.0, y + 470)
    left, top, right, bottom = frame
    page.polygon([(left, bottom), (left + 0.3 * (right - left), bottom), (right, top + 0.3 * (
        bottom - top)), (right, top), (right - 0.3 * (right - left), top),
        (left, bottom - 0.3 * (bottom - top))], (226, 238, 231))
    page.rect(left, top, right - left, bottom - top, stroke=(90, 90, 90), width=0.9)
    page.arrow(left + 30, bottom + 16, right - 30, bottom + 16)
    page.text(left, bottom + 16, "Low", 9, "start", (100, 100, 100))
    page.text(right, bottom + 16, "High", 9, "end", (100, 100, 100))
    page.text((left + right) / 2, bottom + 32, "Importance to the business", 10, "middle")
    page.arrow(left - 16, bottom - 30, left - 16, top + 30)
    page.text(left - 16, bottom, "Low", 9, "start", (100, 100, 100), rotate=True)
    page.text(left - 16, top, "High", 9, "end", (100, 100, 100), rotate=True)
    page.text(left - 34, (top + bottom) / 2, "Importance to stakeholders", 10, "middle",
              rotate=True)
    points = spots(rng, rng.sample(mc.EN_ISSUES, 16), 2, 8, (0.12, 0.22))
    for name, fx, fy in points:
        cx, cy = frame_xy(frame, fx, fy)
        radius = rng.choice([4.0, 6.0, 8.5, 11.0])  # revenue at stake, say
        page.circle(cx, cy, radius, (31, 95, 168))
        page.text(cx + radius + 4, cy, name, 8)
    page.text(60, bottom + 60, "Bubble size: financial exposure of the topic.", 9,
              rgb=(100, 100, 100))
    # the next page restates the chart's topics as levels: one firm, two forms
    table = QtPage("en")
    table.text(60, 70, "Material topics: priority of each topic", 16, bold=True)
    rows = [(name, mc.level_for(fy, fx, ["High", "Medium", "Low"])) for name, fx, fy in points]
    for i, (name, level) in enumerate(rows):
        table.text(70, 110 + i * 20, name, 10)
        table.text(300, 110 + i * 20, level, 10)
        table.line(60, 120 + i * 20, 400, 120 + i * 20, (190, 190, 190), 0.5)
    doc = BlindDoc("blind-qt-bubbles-band-arrows-en", "blind", "qt", "B02", "en",
                   mf.blank_pages(2), seed=1002, blind={"pages": [page, table]})
    doc.entries = chart_entries(points, 1) + [
        {"name": n, "kind": "table", "level": level, "page": 2} for n, level in rows]
    docs.append(doc)

    # 3. A ranked list numbered with circled numbers ①②③.
    rng = random.Random(1003)
    page, y = qt_report_page(rng, "zh", "实质性议题排序")
    y += 10
    names = rng.sample(mc.ZH_ISSUES, 20)
    for i, name in enumerate(names):
        page.text(70, y + i * 22, chr(0x2460 + i) + name, 11)
    qt_paragraphs(page, rng, "zh", 60, y + 20 * 22 + 10, width - 120, 1)
    doc = BlindDoc("blind-qt-circled-ranks-zh", "blind", "qt", "B03", "zh", mf.blank_pages(1),
                   seed=1003, blind={"pages": [page]})
    doc.entries = [{"name": n, "kind": "list", "rank": i + 1, "page": 1}
                   for i, n in enumerate(names)]
    docs.append(doc)

    # 4. A ruled level table with 高 / 较高 / 一般 and names in two lines.
    rng = random.Random(1004)
    page, y = qt_report_page(rng, "zh", "实质性议题重要性评估")
    y += 10
    columns = (60, 250, 330, width - 60)
    page.rect(columns[0], y, columns[3] - columns[0], 22, fill=(217, 231, 221))
    for x, head in zip(columns, ("实质性议题", "重要性", "管理方针")):
        page.text(x + 6, y + 11, head, 10, bold=True)
    names = rng.sample(mc.ZH_LONG_ISSUES, 16)
    rows = []
    top = y + 22
    for name in names:
        level = rng.choice(["高", "较高", "一般"])
        rows.append((name, level))
        lines = two_lines(name, 9)
        for k, line in enumerate(lines):
            page.text(columns[0] + 6, top + 10 + k * 13, line, 9.5)
        page.text(columns[1] + 6, top + 10, level, 9.5)
        page.text(columns[2] + 6, top + 10, rng.choice(["纳入年度考核", "专项工作组推进",
                                                        "定期披露进展"]), 9.5)
        top += 32
        page.line(columns[0], top, columns[3], top, (180, 180, 180), 0.5)
    doc = BlindDoc("blind-qt-two-line-level-table-zh", "blind", "qt", "B04", "zh",
                   mf.blank_pages(1), seed=1004, blind={"pages": [page]})
    doc.entries = [{"name": n, "kind": "table", "level": level, "page": 1} for n, level in rows]
    docs.append(doc)

    # 5. Names in two lines beside the markers; one marker with no label, one label with none.
    rng = random.Random(1005)
    page, y = qt_report_page(rng, "en", "Our material topics")
    frame = (100.0, y + 30, 540.0, y + 500)
    qt_box_chart(page, frame, "Impact on the company", "Importance to stakeholders")
    names = rng.sample([n for n in mc.EN_ISSUES if " " in n], 15)
    points = spots(rng, names, 2, 8, (0.1, 0.3))
    stray_marker = mf.empty_cell_spot(points, 2, 8, points[14][1:])
    for index, (name, fx, fy) in enumerate(points):
        cx, cy = frame_xy(frame, fx, fy)
        if index < 14:
            page.circle(cx, cy, 4.0, (204, 92, 28))
        words = name.split()
        half = (len(words) + 1) // 2
        for k, line in enumerate([" ".join(words[:half]), " ".join(words[half:])]):
            page.text(cx + 7, cy - 5 + 10 * k, line, 8)
    page.circle(*frame_xy(frame, *stray_marker), 4.0, (204, 92, 28))
    doc = BlindDoc("blind-qt-two-line-labels-err-en", "blind", "qt", "B05", "en",
                   mf.blank_pages(1), seed=1005, blind={"pages": [page]})
    doc.entries = chart_entries(points[:14], 1)
    doc.problems = [{"kind": "label_without_marker", "page": 1, "text": points[14][0]},
                    {"kind": "marker_without_label", "page": 1, "text": ""}]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- LibreOffice Impress (flat ODP)

# make_unseen's Draw document as a presentation: its pages are slides.
FODP = mu.FODG.replace(mu.odf_document("graphics"), mu.odf_document("presentation")).replace(
    "office:drawing>", "office:presentation>")


def text_box(d, x, y, w, lines, size):
    """One text box of several paragraphs, as a slide's body text frame."""
    para = d.style("paragraph", f'<style:paragraph-properties fo:margin-bottom="{size * 0.6}pt"/>'
                   f'<style:text-properties fo:font-size="{size}pt" '
                   f'style:font-size-asian="{size}pt" fo:color="#222222" '
                   f'style:font-name="CJK" fo:font-family="\'{mu.LO_FONT}\'" '
                   f'style:font-family-asian="\'{mu.LO_FONT}\'"/>')
    body = "".join(f'<text:p text:style-name="{para}">{escape(line)}</text:p>' for line in lines)
    height = len(lines) * size * 1.8
    d.shapes.append(f'<draw:frame draw:style-name="{d.graphic()}" svg:x="{x:.2f}pt" '
                    f'svg:y="{y:.2f}pt" svg:width="{w:.2f}pt" svg:height="{height:.2f}pt">'
                    f"<draw:text-box>{body}</draw:text-box></draw:frame>")


def produce_impress(doc, out_pdf, soffice):
    d = doc.blind["slide"]
    width, height = doc.size
    with tempfile.TemporaryDirectory(prefix="materia-corpus-impress-") as tmp:
        source = os.path.join(tmp, doc.name + ".fodp")
        with open(source, "w", encoding="utf-8") as f:
            f.write(FODP % {"w": width, "h": height, "styles": d.style_xml(),
                            "pages": '<draw:page draw:name="slide1" draw:style-name="DP" '
                                     'draw:master-page-name="M">\n' + "\n".join(d.shapes)
                                     + "\n</draw:page>"})
        mc.soffice_to_pdf(soffice, source, out_pdf, tmp)


def impress_docs():
    docs = []

    # 6. Numbered circles in the matrix; the legend is a table on the same slide; number 18 of
    # the legend has no circle.
    rng = random.Random(1006)
    d = mu.LODrawing()
    d.text(40, 34, "Materiality matrix 2025", 20, color=mu.GREEN)
    frame = (90.0, 66.0, 430.0, 396.0)
    left, top, right, bottom = frame
    d.rect(left, top, right - left, bottom - top, stroke="#555555", width=0.9)
    d.line((left + right) / 2, top, (left + right) / 2, bottom, "#aaaaaa", 0.5)
    d.line(left, (top + bottom) / 2, right, (top + bottom) / 2, "#aaaaaa", 0.5)
    d.text((left + right) / 2, bottom + 20, "Importance to the business", 11, "middle")
    d.text(left - 22, (top + bottom) / 2, "Importance to stakeholders", 11, "middle",
           rotate=True, box=300)
    names = rng.sample(mc.EN_ISSUES, 18)
    points = spots(rng, names, 4, 5, (0.2, 0.8), (0.2, 0.8))
    for number, (name, fx, fy) in enumerate(points[:17], 1):
        cx, cy = frame_xy(frame, fx, fy)
        d.circle(cx, cy, 8.0, mu.COLORS[number % 3])
        d.text(cx, cy, str(number), 8, "middle", color="#ffffff", box=30)
    row_h, table_x, table_y = 18.0, 466.0, 50.0
    d.rect(table_x, table_y, 300, row_h, fill="#d9e7dd", stroke="#888888", width=0.5)
    d.text(table_x + 15, table_y + row_h / 2, "No.", 10, "middle", box=30)
    d.text(table_x + 40, table_y + row_h / 2, "Topic", 10, box=250)
    for number, (name, _, _) in enumerate(points, 1):
        y = table_y + number * row_h
        d.rect(table_x, y, 30, row_h, stroke="#888888", width=0.5)
        d.rect(table_x + 30, y, 270, row_h, stroke="#888888", width=0.5)
        d.text(table_x + 15, y + row_h / 2, str(number), 9.5, "middle", box=30)
        d.text(table_x + 40, y + row_h / 2, name, 9.5, box=250)
    doc = BlindDoc("blind-impress-numbered-legend-table-en", "blind", "impress", "B06", "en",
                   mf.blank_pages(1), size=IMPRESS_SLIDE, seed=1006, blind={"slide": d})
    doc.entries = chart_entries(points[:17], 1)
    doc.problems = [{"kind": "label_without_marker", "page": 1, "text": points[17][0]}]
    docs.append(doc)

    # 7. A ranked list in two text boxes of a slide ("1." numbering typed in the text).
    rng = random.Random(1007)
    d = mu.LODrawing()
    d.text(40, 36, "2025年度实质性议题排序", 20, color=mu.GREEN)
    names = rng.sample(mc.ZH_ISSUES, 16)
    lines = [f"{i + 1}. {name}" for i, name in enumerate(names)]
    text_box(d, 50, 80, 330, lines[:8], 14)
    text_box(d, 420, 80, 330, lines[8:], 14)
    d.text(40, 410, "排序依据利益相关方调研与管理层评估的综合得分。", 10, color="#666666",
           box=600)
    doc = BlindDoc("blind-impress-ranked-textboxes-zh", "blind", "impress", "B07", "zh",
                   mf.blank_pages(1), size=IMPRESS_SLIDE, seed=1007, blind={"slide": d})
    doc.entries = [{"name": n, "kind": "list", "rank": i + 1, "page": 1}
                   for i, n in enumerate(names)]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- Word (.docx by Writer)

def docx_table_document(path, spec):
    """A heading, a paragraph, and a table whose header has merged cells and whose category
    cells are merged down their rows. spec: heading, intro, font, header rows, groups
    [(category, [(name, level, note)])], widths (cm)."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = spec["font"]
    normal.font.size = Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), spec["font"])
    heading = document.add_paragraph()
    run = heading.add_run(spec["heading"])
    run.bold, run.font.size = True, Pt(16)
    document.add_paragraph(spec["intro"])
    rows = sum(len(items) for _, items in spec["groups"]) + 2
    table = document.add_table(rows=rows, cols=4)
    table.style = "Table Grid"
    top, sub = table.rows[0].cells, table.rows[1].cells
    top[0].merge(sub[0]).text = spec["headers"][0]
    top[1].merge(sub[1]).text = spec["headers"][1]
    top[2].merge(top[3]).text = spec["headers"][2]
    sub[2].text, sub[3].text = spec["headers"][3], spec["headers"][4]
    row = 2
    for category, items in spec["groups"]:
        first = table.rows[row].cells[0]
        last = table.rows[row + len(items) - 1].cells[0]
        first.merge(last).text = category
        for name, level, note in items:
            cells = table.rows[row].cells
            cells[1].text, cells[2].text, cells[3].text = name, level, note
            row += 1
    for column, width in enumerate(spec["widths"]):
        for cell in table.columns[column].cells:
            cell.width = Cm(width)
    document.add_paragraph(spec["outro"])
    document.save(path)


def produce_word(doc, out_pdf, soffice):
    with tempfile.TemporaryDirectory(prefix="materia-corpus-word-") as tmp:
        source = os.path.join(tmp, doc.name + ".docx")
        docx_table_document(source, doc.blind)
        mc.soffice_to_pdf(soffice, source, out_pdf, tmp)


def word_doc(name, firm, seed, lang, font, heading, headers, categories, levels, notes,
             widths):
    """A Word report: 18 issues in three categories of six, each with a level and a note."""
    rng = random.Random(seed)
    names = rng.sample(mc.ZH_ISSUES if lang == "zh" else mc.EN_ISSUES, 18)
    groups = [(category, [(n, rng.choice(levels), rng.choice(notes))
                          for n in names[i * 6:(i + 1) * 6]])
              for i, category in enumerate(categories)]
    doc = BlindDoc(name, "blind", "word", firm, lang, mf.blank_pages(1), seed=seed, blind={
        "font": font, "heading": heading, "intro": mc.paragraph(rng, lang),
        "outro": mc.paragraph(rng, lang), "headers": headers, "groups": groups,
        "widths": widths})
    doc.entries = [{"name": n, "kind": "table", "level": level, "page": 1}
                   for _, items in groups for n, level, _ in items]
    return doc


def word_docs():
    return [
        # 8. 类别 | 议题 | 评估结果 (merged over 重要性 | 说明), categories merged down.
        word_doc("blind-word-merged-header-zh", "B08", 1008, "zh", mu.LO_FONT, "实质性议题评估结果",
                 ["类别", "议题", "评估结果", "重要性", "说明"], ["环境", "社会", "治理"],
                 ["高", "中", "低"], ["监管关注度高", "客户调研反馈", "同业对标结果"],
                 [2.0, 6.0, 2.2, 5.5]),
        # 9. Pillar | Topic (names wrap in two lines) | Assessment (Priority | Trend).
        word_doc("blind-word-merged-pillars-en", "B09", 1009, "en", QT_EN_FONT,
                 "Material topics and their priority",
                 ["Pillar", "Topic", "Assessment", "Priority", "Trend"],
                 ["Environmental", "Social", "Governance"], ["High", "Medium", "Low"],
                 ["Rising", "Stable", "New"], [3.0, 3.6, 2.4, 2.4]),
    ]


# ---------------------------------------------------------------- the documents

class BlindDoc(mc.Doc):
    """A document of this set: `blind` holds what its producer needs to write it."""

    def __init__(self, *args, blind=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.blind = blind or {}


def blind_docs():
    return qt_docs() + impress_docs() + word_docs()


def produce(doc, out_pdf, tools):
    if doc.producer == "qt":
        produce_qt(doc, out_pdf)
    elif doc.producer == "impress":
        produce_impress(doc, out_pdf, tools["soffice"])
    else:
        produce_word(doc, out_pdf, tools["soffice"])
