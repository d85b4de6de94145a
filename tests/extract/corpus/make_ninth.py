#!/usr/bin/python3
"""The `ninth` set of the PDF corpus: documents from producers no other set uses, in layouts the
other sets do not have. make_corpus.py writes them with the other sets (`--set ninth` or `all`)
and the same truth format (see its docstring).

Producers:
  - groff: troff source with `tbl` tables and `pic` drawings, set by `groff -Tpdf` (gropdf,
    Debian groff); English only.
  - PDFs passed through a second writer, as reports are when "optimised" or printed again:
    SVG pages converted by rsvg-convert, then rewritten by Ghostscript's pdfwrite (`rsvg+gs`,
    fonts re-subset and re-encoded) or re-rendered by poppler's `pdftocairo -pdf`
    (`rsvg+pdftocairo`, Debian poppler-utils).

Layouts: a tbl level table Very high / High / Medium in a full grid; a pic matrix cut by a
dashed diagonal between "Material" and "Not material", the vertical axis's title in two lines
above the axis; a ranked list with sub-bullets under each issue (descriptions, no issues); a
matrix of small squares coloured by pillar with the pillars' legend above and labels beside; a
重要性排序 list whose ranks are white numbers in coloured circles; a matrix with each axis title in
two lines, its labels in a smaller font above-left of the markers without leaders; a 高/中/低 level table whose rows alternate
shading; hollow rings coloured by level, restated on the next page as a table sorted by level
with each level word on a coloured badge. Error cases: a marker without a label (pic), a label without a marker (pillar squares).

Truth: every chart in fractions of its frame (no ticks). Everything is seeded: the truth and the
sources are the same every run.
"""
import os
import random
import subprocess
import tempfile

import make_corpus as mc
import make_eighth as me
import make_fresh as mf

ZH_FONT = me.ZH_FONT


# ---------------------------------------------------------------- groff

GROFF_HEAD = ".nr PS 10\n.nr VS 14\n.nr PO 1i\n.nr LL 6.27i\n.ds CH\n"


def roff_paragraphs(rng, count):
    return "".join(f".PP\n{mc.paragraph(rng, 'en')}\n" for _ in range(count))


def groff_docs():
    docs = []

    # 1. A tbl level table in a full grid, the levels Very high / High / Medium.
    rng = random.Random(1401)
    names = rng.sample(mc.EN_ISSUES, 22)
    levels = [rng.choice(["Very high", "High", "Medium"]) for _ in names]
    rows = "".join(f"{i + 1}\t{n}\t{level}\n" for i, (n, level) in enumerate(zip(names, levels)))
    source = (GROFF_HEAD + ".SH\nAssessment of material topics\n" + roff_paragraphs(rng, 2)
              + ".TS\ncenter allbox tab(\t);\ncB lB cB\nc l c.\nNo.\tMaterial topic\tImportance\n"
              + rows + ".TE\n" + roff_paragraphs(rng, 1))
    doc = NinthDoc("ninth-groff-tbl-very-high-en", "ninth", "groff", "N01", "en",
                   mf.blank_pages(1), seed=1401, ninth={"tool": "groff", "source": source})
    doc.entries = [{"name": n, "kind": "table", "level": level, "page": 1}
                   for n, level in zip(names, levels)]
    docs.append(doc)

    # 2. A pic matrix cut by a dashed diagonal (Material / Not material), the vertical axis's
    # title in two lines above the axis; one marker without a label.
    rng = random.Random(1402)
    names = rng.sample(mc.EN_ISSUES, 14)
    spots = mf.grid_spots(rng, names, 3, 5, (0.05, 0.2))
    stray = mf.empty_cell_spot(spots, 3, 5, (spots[0][1], spots[0][2]))
    side = 4.2  # inches
    pic = (f".PS\nbox wid {side} ht {side} at ({side / 2},{side / 2})\n"
           f"line dashed from (0,{side}) to ({side},0)\n"
           f'"\\s9\\fIMaterial\\fP\\s0" rjust at ({side - 0.1},{side - 0.15})\n'
           f'"\\s9\\fINot material\\fP\\s0" ljust at (0.1,0.15)\n'
           f'"\\s9Importance to\\s0" ljust at (-0.05,{side + 0.38})\n'
           f'"\\s9stakeholders\\s0" ljust at (-0.05,{side + 0.22})\n'
           f'"\\s9Impact on the business\\s0" at ({side / 2},-0.25)\n')
    for name, fx, fy in spots + [("", *stray)]:
        pic += f"circle rad 0.04 filled at ({fx * side:.4f},{fy * side:.4f})\n"
        if name:
            pic += f'"\\s7{name}\\s0" ljust at ({fx * side + 0.08:.4f},{fy * side:.4f})\n'
    source = (GROFF_HEAD + ".SH\nMateriality matrix\n" + roff_paragraphs(rng, 1) + ".sp 0.3i\n"
              + pic + ".PE\n" + roff_paragraphs(rng, 1))
    doc = NinthDoc("ninth-groff-pic-diagonal-err-en", "ninth", "groff", "N02", "en",
                   mf.blank_pages(1), seed=1402, ninth={"tool": "groff", "source": source})
    doc.entries = [{"name": n, "kind": "chart", "stakeholder": fy, "business": fx, "page": 1}
                   for n, fx, fy in spots]
    doc.problems = [{"kind": "marker_without_label", "page": 1, "text": ""}]
    docs.append(doc)

    # 3. A ranked list, each issue with two sub-bullets describing it (no issues), items 8-14 on
    # the second page.
    rng = random.Random(1403)
    names = rng.sample(mc.EN_ISSUES, 14)
    items = "".join(f".IP {i + 1}. 4\n\\fB{n}\\fP\n"
                    + "".join(f".RS\n.IP \\(bu 2\n{s}\n.RE\n"
                              for s in rng.sample(mc.EN_SENTENCES, 2))
                    for i, n in enumerate(names))
    source = (GROFF_HEAD + ".SH\nRanking of material topics\n" + roff_paragraphs(rng, 1)
              + items + roff_paragraphs(rng, 1))
    doc = NinthDoc("ninth-groff-ranked-sub-bullets-en", "ninth", "groff", "N03", "en",
                   mf.blank_pages(2), seed=1403, ninth={"tool": "groff", "source": source})
    doc.entries = [{"name": n, "kind": "list", "rank": i + 1, "page": 1 if i < 7 else 2}
                   for i, n in enumerate(names)]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- SVG pages rewritten

def svg_square_markers(frame, spots, colours, side=6, label_size=8):
    """Squares centred on their spots, filled by pillar, names set right of them."""
    out = ""
    for (name, fx, fy), colour in zip(spots, colours):
        x, y = me.frame_xy(frame, fx, fy)
        out += (f'<rect x="{x - side / 2:.2f}" y="{y - side / 2:.2f}" width="{side}" '
                f'height="{side}" fill="{colour}"/>\n')
        out += me.svg_text(x + side / 2 + 3, y + label_size * 0.35, name, label_size)
    return out


def frame_rect(frame, fill="none"):
    left, top, right, bottom = frame
    return (f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
            f'fill="{fill}" stroke="#555555" stroke-width="0.8"/>\n')


def intro(rng, title, count):
    lines = me.body_lines(rng, "zh", count, 9.5, mc.A4[0] - 120)
    return (me.svg_text(60, 70, title, 16, weight="bold") + me.svg_lines(60, 110, lines, 9.5),
            110 + len(lines) * 15.2 + 20)


def svg_docs():
    docs = []

    # 4. Small squares coloured by pillar with the pillars' legend above the chart, labels beside
    # them; a label without a marker. Rewritten by Ghostscript /ebook.
    rng = random.Random(1404)
    names = rng.sample(mc.ZH_ISSUES, 19)
    spots = mf.grid_spots(rng, names, 4, 5, (0.05, 0.15), margin=0.06)
    pillars = [("环境", "#2e8b57"), ("社会", "#e08e0b"), ("治理", "#3b6fb6")]
    colours = [rng.choice(pillars)[1] for _ in spots]
    body, top = intro(rng, "实质性议题矩阵", 1)
    legend = "".join(f'<rect x="{100 + i * 80}" y="{top}" width="8" height="8" fill="{c}"/>\n'
                     + me.svg_text(112 + i * 80, top + 7.5, word, 9)
                     for i, (word, c) in enumerate(pillars))
    frame = (90.0, top + 30, 470.0, top + 410)
    body += (legend + frame_rect(frame) + svg_square_markers(frame, spots[:18], colours)
             + me.svg_text((frame[0] + frame[2]) / 2, frame[3] + 22, "对公司发展的影响", 10,
                           "middle")
             + me.svg_text(frame[0] - 14, (frame[1] + frame[3]) / 2, "对利益相关方的重要性", 10,
                           "middle", rotate=True))
    x, y = me.frame_xy(frame, spots[18][1], spots[18][2])
    body += me.svg_text(x, y + 3, spots[18][0], 8)
    doc = NinthDoc("ninth-gs-pillar-squares-err-zh", "ninth", "rsvg+gs", "N04", "zh",
                   mf.blank_pages(1), seed=1404,
                   ninth={"tool": "gs", "settings": "/ebook",
                          "pages": [me.svg_page(ZH_FONT, body)]})
    doc.entries = [{"name": n, "kind": "chart", "stakeholder": fy, "business": fx, "page": 1}
                   for n, fx, fy in spots[:18]]
    doc.problems = [{"kind": "label_without_marker", "page": 1, "text": spots[18][0]}]
    docs.append(doc)

    # 5. 重要性排序: each rank a white number in a coloured circle, the issue right of it.
    # Re-rendered by pdftocairo.
    rng = random.Random(1405)
    names = rng.sample(mc.ZH_ISSUES, 17)
    body, top = intro(rng, "重要性排序", 1)
    for i, name in enumerate(names):
        y = top + 20 + i * 28
        body += (f'<circle cx="82" cy="{y}" r="10" fill="#c0392b"/>\n'
                 + me.svg_text(82, y + 3.5, str(i + 1), 10, "middle", "bold", "#ffffff")
                 + me.svg_text(102, y + 4, name, 11))
    doc = NinthDoc("ninth-cairo-rank-circles-zh", "ninth", "rsvg+pdftocairo", "N05", "zh",
                   mf.blank_pages(1), seed=1405,
                   ninth={"tool": "pdftocairo", "pages": [me.svg_page(ZH_FONT, body)]})
    doc.entries = [{"name": n, "kind": "list", "rank": i + 1, "page": 1}
                   for i, n in enumerate(names)]
    docs.append(doc)

    # 6. Each axis title in two lines, the labels in a smaller font set above-left of their
    # markers without leaders. Rewritten by Ghostscript /printer.
    rng = random.Random(1406)
    names = rng.sample(mc.ZH_ISSUES, 16)
    spots = mf.grid_spots(rng, names, 4, 4, (0.55, 0.75), (0.2, 0.45), margin=0.06)
    body, top = intro(rng, "实质性议题矩阵", 1)
    frame = (100.0, top + 10, 500.0, top + 410)
    body += frame_rect(frame, "#f7f9fb")
    for name, fx, fy in spots:
        x, y = me.frame_xy(frame, fx, fy)
        body += (f'<circle cx="{x:.2f}" cy="{y:.2f}" r="3.5" fill="#1b4f72"/>\n'
                 + me.svg_text(x - 3, y - 6, name, 6.5, "end"))
    middle_x, middle_y = (frame[0] + frame[2]) / 2, (frame[1] + frame[3]) / 2
    body += (me.svg_text(middle_x, frame[3] + 20, "对公司经营的影响", 10, "middle")
             + me.svg_text(middle_x, frame[3] + 34, "（财务重要性）", 9, "middle")
             + me.svg_text(frame[0] - 30, middle_y, "对利益相关方的影响", 10, "middle",
                           rotate=True)
             + me.svg_text(frame[0] - 16, middle_y, "（影响重要性）", 9, "middle", rotate=True))
    doc = NinthDoc("ninth-gs-two-line-titles-above-left-zh", "ninth", "rsvg+gs", "N06", "zh",
                   mf.blank_pages(1), seed=1406,
                   ninth={"tool": "gs", "settings": "/printer",
                          "pages": [me.svg_page(ZH_FONT, body)]})
    doc.entries = [{"name": n, "kind": "chart", "stakeholder": fy, "business": fx, "page": 1}
                   for n, fx, fy in spots]
    docs.append(doc)

    # 7. A 议题 | 重要性 table of 高/中/低 whose rows alternate shading. Re-rendered by pdftocairo.
    rng = random.Random(1407)
    names = rng.sample(mc.ZH_ISSUES, 20)
    levels = [rng.choice(["高", "中", "低"]) for _ in names]
    body, top = intro(rng, "实质性议题评估结果", 1)
    body += (f'<rect x="70" y="{top}" width="455" height="24" fill="#245a8d"/>\n'
             + me.svg_text(84, top + 16, "议题", 11, weight="bold", fill="#ffffff")
             + me.svg_text(440, top + 16, "重要性", 11, "middle", "bold", "#ffffff"))
    for i, (name, level) in enumerate(zip(names, levels)):
        y = top + 24 + i * 22
        if i % 2:
            body += f'<rect x="70" y="{y}" width="455" height="22" fill="#e9f0f7"/>\n'
        body += me.svg_text(84, y + 15, name, 10) + me.svg_text(440, y + 15, level, 10, "middle")
    doc = NinthDoc("ninth-cairo-striped-level-table-zh", "ninth", "rsvg+pdftocairo", "N07", "zh",
                   mf.blank_pages(1), seed=1407,
                   ninth={"tool": "pdftocairo", "pages": [me.svg_page(ZH_FONT, body)]})
    doc.entries = [{"name": n, "kind": "table", "level": level, "page": 1}
                   for n, level in zip(names, levels)]
    docs.append(doc)

    # 8. Hollow rings coloured by level with the levels' legend below, restated on the next page
    # as a table sorted by level, each level word on a coloured badge. Re-rendered by pdftocairo.
    rng = random.Random(1408)
    names = rng.sample([n for n in mc.EN_ISSUES if len(n) <= 24], 12)
    spots = mf.grid_spots(rng, names, 4, 4, (0.05, 0.2), margin=0.06)
    words = [("High", "#c0392b"), ("Medium", "#e67e22"), ("Low", "#95a5a6")]
    levels = [mc.level_for(fy, fx, [w for w, _ in words]) for _, fx, fy in spots]
    colour = dict(words)
    lines = me.body_lines(rng, "en", 1, 9.5, mc.A4[0] - 120)
    top = 110 + len(lines) * 15.2 + 20
    frame = (90.0, top + 10, 500.0, top + 410)
    chart = (me.svg_text(60, 70, "Materiality assessment", 16, weight="bold")
             + me.svg_lines(60, 110, lines, 9.5) + frame_rect(frame))
    for (name, fx, fy), level in zip(spots, levels):
        x, y = me.frame_xy(frame, fx, fy)
        chart += (f'<circle cx="{x:.2f}" cy="{y:.2f}" r="4" fill="none" '
                  f'stroke="{colour[level]}" stroke-width="2"/>\n'
                  + me.svg_text(x + 8, y + 3, name, 8))
    chart += (me.svg_text((frame[0] + frame[2]) / 2, frame[3] + 22, "Impact on the business", 10,
                          "middle")
              + me.svg_text(frame[0] - 14, (frame[1] + frame[3]) / 2,
                            "Importance to stakeholders", 10, "middle", rotate=True)
              + "".join(f'<circle cx="{150 + i * 110}" cy="{frame[3] + 50}" r="4" fill="none" '
                        f'stroke="{c}" stroke-width="2"/>\n'
                        + me.svg_text(160 + i * 110, frame[3] + 53, f"{w} priority", 9)
                        for i, (w, c) in enumerate(words)))
    rows = sorted(zip(names, levels), key=lambda row: [w for w, _ in words].index(row[1]))
    table = (me.svg_text(60, 70, "Material topics by priority", 16, weight="bold")
             + me.svg_text(84, 112, "Topic", 10, weight="bold")
             + me.svg_text(400, 112, "Priority", 10, weight="bold")
             + '<line x1="70" y1="120" x2="520" y2="120" stroke="#333333"/>\n')
    for i, (name, level) in enumerate(rows):
        y = 140 + i * 24
        table += (me.svg_text(84, y, name, 10)
                  + f'<rect x="396" y="{y - 12}" width="56" height="16" rx="3" '
                  f'fill="{colour[level]}"/>\n'
                  + me.svg_text(424, y, level, 9, "middle", "bold", "#ffffff"))
    doc = NinthDoc("ninth-cairo-level-rings-restated-en", "ninth", "rsvg+pdftocairo", "N08", "en",
                   mf.blank_pages(2), seed=1408,
                   ninth={"tool": "pdftocairo",
                          "pages": [me.svg_page(me.EN_FONT, chart),
                                    me.svg_page(me.EN_FONT, table)]})
    doc.entries = ([{"name": n, "kind": "chart", "stakeholder": fy, "business": fx, "page": 1}
                    for n, fx, fy in spots]
                   + [{"name": n, "kind": "table", "level": level, "page": 2}
                      for n, level in rows])
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- the documents

class NinthDoc(mc.Doc):
    """A document of this set: `ninth` holds its tool, and its source or its SVG pages."""

    def __init__(self, *args, ninth=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ninth = ninth or {}


def ninth_docs():
    return groff_docs() + svg_docs()


def produce(doc, out_pdf, tools):
    """Sets the groff source, or converts the SVG pages and passes them through the second
    writer."""
    tool = doc.ninth["tool"]
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=tmp,
                   SOURCE_DATE_EPOCH="1733529600")
        if tool == "groff":
            with open(out_pdf, "wb") as f:
                subprocess.run([tools["groff"], "-Tpdf", "-t", "-p", "-ms", "-P-e"],
                               input=doc.ninth["source"].encode(), stdout=f, check=True,
                               env=env, stderr=subprocess.PIPE)
            return
        files = []
        for number, svg in enumerate(doc.ninth["pages"], 1):
            files.append(os.path.join(tmp, f"page{number}.svg"))
            with open(files[-1], "w", encoding="utf-8") as f:
                f.write(svg)
        first = os.path.join(tmp, "first.pdf")
        subprocess.run([tools["rsvg"], "-f", "pdf", "-o", first] + files, check=True, env=env)
        if tool == "gs":
            command = [tools["gs"], "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                       f"-dPDFSETTINGS={doc.ninth['settings']}", f"-sOutputFile={out_pdf}", first]
        else:
            command = [tools["pdftocairo"], "-pdf", first, out_pdf]
        subprocess.run(command, check=True, env=env, capture_output=True)
