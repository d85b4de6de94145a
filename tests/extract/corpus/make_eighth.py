#!/usr/bin/python3
"""The `eighth` set of the PDF corpus: documents from producers no other set uses, in layouts the
other sets do not have. make_corpus.py writes them with the other sets (`--set eighth` or `all`)
and the same truth format (see its docstring).

Producers (each converts a source this module writes at generation time):
  - wkhtmltopdf: QtWebKit printing HTML and CSS with inline SVG charts (Debian wkhtmltopdf;
    WenQuanYi Micro Hei for Chinese).
  - inkscape: an SVG page drawn by the script, as a designer draws a chart, exported to PDF by
    Inkscape 1.2 (Debian inkscape), text kept as text with its fonts embedded.
  - pdflatex: LaTeX with pgfplots/TikZ charts and booktabs tables (texlive-pictures,
    texlive-latex-recommended); English only.

Layouts: a matrix in three colour zones, L-shaped bands nested from the top-right corner, with
the axis titles as arrows and the zones' legend below; issues in three cards side by side under
the headings 非常重要议题 / 重要议题 / 一般议题; a ranked table 排名 | 议题 | 得分; names written
inside large bubbles, the stakeholder axis horizontal ("Relevance to stakeholders") and the
business axis vertical ("Business impact"); axis titles written inside the frame along its edges,
beside an unrelated bar chart of emissions on the same page; pgfplots with `nodes near coords`
on ticks 0, 0.5, ..., 5 and a grid, restated as a booktabs level table on the next page;
pgfplots `scatter/classes` with a legend by pillar on ticks 0-10; a booktabs longtable with a
pillar and a level column continued on the next page under its repeated header. Error cases: a
marker without a label and a label without a marker (Inkscape), two labels claiming one marker
(pgfplots).

Truth: the pgfplots charts in their units with the axis's `scale`; the SVG charts, which have no
ticks, in fractions of their frame. Everything is seeded: the truth and the sources are the same
every run (the PDFs carry their creation date).
"""
import html
import os
import random
import shutil
import subprocess
import tempfile

import make_corpus as mc
import make_fresh as mf

WIDTH, HEIGHT = mc.A4
ZH_FONT = "WenQuanYi Micro Hei"
EN_FONT = "DejaVu Sans"


# ---------------------------------------------------------------- SVG helpers

def esc(text):
    return html.escape(text, quote=True)


def svg_text(x, y, text, size, anchor="start", weight="normal", fill="#222222", rotate=False):
    turn = f' transform="rotate(-90 {x:.2f} {y:.2f})"' if rotate else ""
    return (f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}"{turn}>{esc(text)}</text>\n')


def svg_lines(x, y, lines, size):
    return "".join(svg_text(x, y + i * size * 1.6, line, size) for i, line in enumerate(lines)
                   if line)


def frame_xy(frame, fx, fy):
    """Page point of the frame fraction (fx from the left, fy from the bottom)."""
    left, top, right, bottom = frame
    return left + fx * (right - left), bottom - fy * (bottom - top)


def svg_markers(frame, spots, colour, radius=3.5, label_size=8):
    """Circle markers with their names set right of them."""
    out = ""
    for name, fx, fy in spots:
        x, y = frame_xy(frame, fx, fy)
        out += f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{radius}" fill="{colour}"/>\n'
        if name:
            out += svg_text(x + radius + 3, y + label_size * 0.35, name, label_size)
    return out


def body_lines(rng, lang, count, size, width):
    lines = []
    for _ in range(count):
        lines += mc.wrap_text(mc.paragraph(rng, lang), size, width) + [""]
    return lines


def svg_page(font, body):
    """An A4 page in points; ligatures off, or pango would set "fi" as one glyph."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}pt" height="{HEIGHT}pt" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{font}" '
            'style="font-variant-ligatures: none">\n'
            f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>\n{body}</svg>\n')


# ---------------------------------------------------------------- wkhtmltopdf

# Each page is a 210 x 297 mm box; its SVG has the page's point coordinates.
HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0; }}
html, body {{ margin: 0; padding: 0; font-family: "{font}"; color: #222222; }}
.page {{ width: 210mm; height: 296mm; overflow: hidden; position: relative; }}
h1 {{ font-size: 20pt; margin: 0; padding: 22mm 20mm 4mm 20mm; }}
p {{ font-size: 10pt; line-height: 1.6; margin: 0 20mm 4mm 20mm; }}
{style}
</style></head><body>
{body}
</body></html>
"""


def html_doc(lang, style, pages):
    font = ZH_FONT if lang == "zh" else EN_FONT
    return HTML_PAGE.format(font=font, style=style,
                            body="\n".join(f'<div class="page">{p}</div>' for p in pages))


def paragraphs(rng, lang, count):
    return "".join(f"<p>{esc(mc.paragraph(rng, lang))}</p>\n" for _ in range(count))


def wk_docs():
    docs = []

    # 1. A matrix in three colour zones nested from the top-right corner (L-shaped low and
    # medium bands, a square high zone), the axis titles only as arrows, the zones' legend below.
    rng = random.Random(1301)
    names = rng.sample(mc.ZH_ISSUES, 16)
    spots = mf.grid_spots(rng, names, 4, 4, (0.05, 0.2))
    frame = (80.0, 40.0, 460.0, 420.0)
    w, h = frame[2] - frame[0], frame[3] - frame[1]
    zones = [(0.0, "#e8f1f8", "一般关注"), (0.35, "#bcd6ea", "重点关注"),
             (0.68, "#7fb0d6", "核心关注")]
    chart = "".join(f'<rect x="{frame[0] + z * w:.2f}" y="{frame[1]:.2f}" '
                    f'width="{(1 - z) * w:.2f}" height="{(1 - z) * h:.2f}" fill="{c}"/>\n'
                    for z, c, _ in zones)
    chart += (f'<line x1="{frame[0]}" y1="{frame[3]}" x2="{frame[2] + 12}" y2="{frame[3]}" '
              'stroke="#333333" stroke-width="1.2"/>\n'
              f'<line x1="{frame[0]}" y1="{frame[3]}" x2="{frame[0]}" y2="{frame[1] - 12}" '
              'stroke="#333333" stroke-width="1.2"/>\n'
              f'<path d="M{frame[2] + 18},{frame[3]} l-7,-3.5 v7 z" fill="#333333"/>\n'
              f'<path d="M{frame[0]},{frame[1] - 18} l-3.5,7 h7 z" fill="#333333"/>\n'
              + svg_text(frame[2], frame[3] + 22, "对公司可持续发展的影响 →", 10, "end")
              + svg_text(frame[0] - 14, frame[1], "对利益相关方的重要性 →", 10, "end",
                         rotate=True)
              + svg_markers(frame, spots, "#1b4f72"))
    legend = "".join(f'<rect x="{120 + i * 120}" y="{frame[3] + 44}" width="12" height="12" '
                     f'fill="{c}" stroke="#999999" stroke-width="0.5"/>\n'
                     + svg_text(138 + i * 120, frame[3] + 54, word, 9)
                     for i, (_, c, word) in enumerate(zones))
    svg = (f'<svg class="chart" viewBox="0 0 {WIDTH} 500">\n{chart}{legend}</svg>\n')
    page = ("<h1>实质性议题矩阵</h1>\n" + paragraphs(rng, "zh", 1) + svg
            + paragraphs(rng, "zh", 1))
    source = html_doc("zh", ".chart { width: 210mm; display: block; }", [page])
    doc = EighthDoc("eighth-wk-zone-bands-zh", "eighth", "wkhtmltopdf", "Z01", "zh",
                    mf.blank_pages(1), seed=1301, eighth={"tool": "wkhtmltopdf",
                                                          "source": source})
    doc.entries = [{"name": n, "kind": "chart", "stakeholder": fy, "business": fx, "page": 1}
                   for n, fx, fy in spots]
    docs.append(doc)

    # 2. Three cards side by side, one per tier, the issues listed under the tier's heading.
    rng = random.Random(1302)
    names = rng.sample(mc.ZH_ISSUES, 15)
    tiers = [("非常重要", names[:4]), ("重要", names[4:10]), ("一般", names[10:])]
    cards = "".join(f'<div class="card"><div class="head">{level}议题</div>'
                    + "".join(f"<div class=\"item\">{esc(n)}</div>" for n in group)
                    + "</div>\n" for level, group in tiers)
    style = (".cards { margin: 6mm 20mm; display: -webkit-box; }\n"
             ".card { width: 52mm; margin-right: 4mm; border: 0.6pt solid #9bb7d4; }\n"
             ".head { background: #1f5fa8; color: #ffffff; font-size: 12pt; font-weight: bold;"
             " padding: 3mm; text-align: center; }\n"
             ".item { font-size: 10pt; padding: 2.2mm 3mm; border-top: 0.4pt solid #dde6f0; }\n")
    page = ("<h1>实质性议题清单</h1>\n" + paragraphs(rng, "zh", 2)
            + f'<div class="cards">{cards}</div>\n' + paragraphs(rng, "zh", 1))
    doc = EighthDoc("eighth-wk-tier-cards-zh", "eighth", "wkhtmltopdf", "Z02", "zh",
                    mf.blank_pages(1), seed=1302,
                    eighth={"tool": "wkhtmltopdf", "source": html_doc("zh", style, [page])})
    doc.entries = [{"name": n, "kind": "table", "level": level, "page": 1}
                   for level, group in tiers for n in group]
    docs.append(doc)

    # 3. A ranked table 排名 | 议题 | 得分, the scores decreasing down the rows.
    rng = random.Random(1303)
    names = rng.sample(mc.ZH_ISSUES, 15)
    scores = sorted((round(rng.uniform(3.1, 4.8), 2) for _ in names), reverse=True)
    rows = "".join(f"<tr><td>{i + 1}</td><td class=\"name\">{esc(n)}</td><td>{s:.2f}</td></tr>\n"
                   for i, (n, s) in enumerate(zip(names, scores)))
    style = ("table { margin: 4mm 20mm; border-collapse: collapse; width: 170mm;"
             " font-size: 10pt; }\n"
             "th { background: #2e7d5b; color: #ffffff; padding: 2mm; }\n"
             "td { padding: 1.8mm 2mm; text-align: center; border-bottom: 0.4pt solid #cccccc; }\n"
             "td.name { text-align: left; }\n")
    page = ("<h1>实质性议题排序</h1>\n" + paragraphs(rng, "zh", 1)
            + "<table><tr><th>排名</th><th>议题</th><th>得分</th></tr>\n" + rows + "</table>\n"
            + paragraphs(rng, "zh", 1))
    doc = EighthDoc("eighth-wk-rank-score-table-zh", "eighth", "wkhtmltopdf", "Z03", "zh",
                    mf.blank_pages(1), seed=1303,
                    eighth={"tool": "wkhtmltopdf", "source": html_doc("zh", style, [page])})
    doc.entries = [{"name": n, "kind": "list", "rank": i + 1, "page": 1}
                   for i, n in enumerate(names)]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- Inkscape

def ink_docs():
    docs = []

    # 4. Names inside large bubbles; the stakeholder axis horizontal, the business axis vertical.
    rng = random.Random(1304)
    names = rng.sample([n for n in mc.EN_ISSUES if len(n) <= 26], 12)
    spots = mf.grid_spots(rng, names, 4, 4, (0.4, 0.6), (0.4, 0.6))
    lines = body_lines(rng, "en", 1, 9.5, WIDTH - 120)
    top = 110 + len(lines) * 15.2 + 30
    frame = (90.0, top, 510.0, top + 420)
    colours = ["#2e86c1", "#28b463", "#af7ac5", "#f39c12"]
    body = (svg_text(60, 70, "Materiality matrix", 16, weight="bold")
            + svg_lines(60, 110, lines, 9.5)
            + f'<rect x="{frame[0]}" y="{frame[1]}" width="{frame[2] - frame[0]}" '
            f'height="{frame[3] - frame[1]}" fill="none" stroke="#555555" stroke-width="0.8"/>\n')
    for i, (name, fx, fy) in enumerate(spots):
        x, y = frame_xy(frame, fx, fy)
        words = name.split()
        half = (len(words) + 1) // 2
        parts = [" ".join(words[:half]), " ".join(words[half:])] if len(words) > 1 else [name]
        body += (f'<circle cx="{x:.2f}" cy="{y:.2f}" r="34" fill="{colours[i % 4]}" '
                 'fill-opacity="0.35"/>\n')
        first = y + 2.5 - (len(parts) - 1) * 4.5
        body += "".join(svg_text(x, first + j * 9, part, 7.5, "middle")
                        for j, part in enumerate(parts) if part)
    body += (svg_text((frame[0] + frame[2]) / 2, frame[3] + 24, "Relevance to stakeholders", 10,
                      "middle")
             + svg_text(frame[0] - 16, (frame[1] + frame[3]) / 2, "Business impact", 10,
                        "middle", rotate=True))
    doc = EighthDoc("eighth-ink-names-in-bubbles-en", "eighth", "inkscape", "Z04", "en",
                    mf.blank_pages(1), seed=1304,
                    eighth={"tool": "inkscape", "source": svg_page(EN_FONT, body)})
    doc.entries = [{"name": n, "kind": "chart", "stakeholder": fx, "business": fy, "page": 1}
                   for n, fx, fy in spots]
    docs.append(doc)

    # 5. Axis titles inside the frame along its bottom and left edges, a small bar chart of
    # emissions beside the matrix on the same page; a marker without a label and a label without
    # a marker.
    rng = random.Random(1305)
    names = rng.sample(mc.ZH_ISSUES, 15)
    spots = mf.grid_spots(rng, names, 4, 5, (0.05, 0.15), margin=0.1)
    stray = mf.empty_cell_spot(spots, 4, 5, (spots[14][1], spots[14][2]), margin=0.1)
    lines = body_lines(rng, "zh", 1, 9.5, WIDTH - 120)
    top = 110 + len(lines) * 15.2 + 30
    frame = (60.0, top, 400.0, top + 400)
    body = (svg_text(60, 70, "重要性评估结果", 16, weight="bold") + svg_lines(60, 110, lines, 9.5)
            + f'<rect x="{frame[0]}" y="{frame[1]}" width="{frame[2] - frame[0]}" '
            f'height="{frame[3] - frame[1]}" fill="#fbfcfd" stroke="#444444" stroke-width="0.8"/>\n'
            + svg_text((frame[0] + frame[2]) / 2, frame[3] - 8, "对公司发展的重要性", 9,
                       "middle", fill="#666666")
            + svg_text(frame[0] + 14, (frame[1] + frame[3]) / 2, "对利益相关方的重要性", 9,
                       "middle", fill="#666666", rotate=True)
            + svg_markers(frame, spots[:14] + [("", *stray)], "#c0392b"))
    x, y = frame_xy(frame, spots[14][1], spots[14][2])
    body += svg_text(x, y + 3, spots[14][0], 8)
    # the emissions chart: three bars right of the matrix, their values above them
    base, bars = frame[1] + 200, [("2022", 18.6), ("2023", 16.9), ("2024", 15.2)]
    body += (svg_text(420, frame[1] + 12, "温室气体排放（万吨）", 9, weight="bold")
             + f'<line x1="420" y1="{base}" x2="540" y2="{base}" stroke="#444444"/>\n')
    for i, (year, value) in enumerate(bars):
        bx, bh = 430 + i * 38, value * 8
        body += (f'<rect x="{bx}" y="{base - bh:.2f}" width="24" height="{bh:.2f}" '
                 'fill="#7f8c8d"/>\n' + svg_text(bx + 12, base - bh - 4, f"{value}", 8, "middle")
                 + svg_text(bx + 12, base + 12, year, 8, "middle"))
    body += svg_lines(60, frame[3] + 40, body_lines(rng, "zh", 1, 9.5, WIDTH - 120), 9.5)
    doc = EighthDoc("eighth-ink-inner-titles-bars-err-zh", "eighth", "inkscape", "Z05", "zh",
                    mf.blank_pages(1), seed=1305,
                    eighth={"tool": "inkscape", "source": svg_page(ZH_FONT, body)})
    doc.entries = [{"name": n, "kind": "chart", "stakeholder": fy, "business": fx, "page": 1}
                   for n, fx, fy in spots[:14]]
    doc.problems = [{"kind": "label_without_marker", "page": 1, "text": spots[14][0]},
                    {"kind": "marker_without_label", "page": 1, "text": ""}]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- pdfLaTeX

# Ligatures off: the names must be on the text layer as typed (pdftotext gives "ﬁ" otherwise).
TEX_HEAD = r"""\documentclass[10pt]{article}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{pgfplots,booktabs,longtable}
\usepackage{microtype}
\DisableLigatures[f]{encoding = *}
\pgfplotsset{compat=1.18}
\pagestyle{empty}
\setlength{\parindent}{0pt}
\setlength{\parskip}{6pt}
\begin{document}
"""


def tex_escape(text):
    return text.replace("&", r"\&").replace("%", r"\%")


def tex_intro(rng, title, count):
    return (f"{{\\Large\\bfseries {title}\\par}}\n\n"
            + "".join(tex_escape(mc.paragraph(rng, "en")) + "\n\n" for _ in range(count)))


def tex_docs():
    docs = []

    # 6. pgfplots scatter labelled by `nodes near coords`, ticks 0, 0.5, ..., 5 with a grid;
    # the next page restates the topics as a booktabs level table.
    rng = random.Random(1307)
    names = rng.sample([n for n in mc.EN_ISSUES if len(n) <= 24], 16)
    spots = mf.grid_spots(rng, names, 3, 6, (0.35, 0.65), (0.2, 0.5))
    points = [(n, mf.to_units(fx, 0, 5), mf.to_units(fy, 0, 5)) for n, fx, fy in spots]
    levels = ["High" if x + y > 6.2 else "Medium" if x + y > 4 else "Low" for _, x, y in points]
    rows = sorted(zip(names, levels), key=lambda r: ["High", "Medium", "Low"].index(r[1]))
    table = "".join(f"{i + 1} & {n} & {level} \\\\\n" for i, (n, level) in enumerate(rows))
    source = (TEX_HEAD + tex_intro(rng, "Materiality assessment", 1)
              + "\\begin{center}\\begin{tikzpicture}\n"
              "\\begin{axis}[width=15cm, height=14cm, xmin=0, xmax=5, ymin=0, ymax=5,\n"
              "  xtick={0,0.5,...,5}, ytick={0,0.5,...,5}, grid=major,\n"
              "  grid style={gray!25}, xlabel={Importance to the business},\n"
              "  ylabel={Importance to stakeholders},\n"
              "  nodes near coords, point meta=explicit symbolic,\n"
              "  every node near coord/.style={font=\\scriptsize, anchor=south, black}]\n"
              "\\addplot[only marks, mark=*, mark size=2pt, color=teal] coordinates {\n"
              + "".join(f"  ({x},{y}) [{n}]\n" for n, x, y in points) + "};\n"
              "\\end{axis}\\end{tikzpicture}\\end{center}\n"
              "\\newpage\n{\\Large\\bfseries Material topics by level\\par}\n\n"
              "\\begin{tabular}{rll}\n\\toprule\nNo. & Topic & Level \\\\\n\\midrule\n"
              + table + "\\bottomrule\n\\end{tabular}\n\\end{document}\n")
    doc = EighthDoc("eighth-tex-nodes-near-coords-table-en", "eighth", "pdflatex", "Z07", "en",
                    mf.blank_pages(2), seed=1307, eighth={"tool": "pdflatex", "source": source})
    doc.entries = [{"name": n, "kind": "chart", "page": 1, "business": x, "stakeholder": y,
                    "scale": {"stakeholder": [0, 5], "business": [0, 5]}}
                   for n, x, y in points] + [
        {"name": n, "kind": "table", "level": level, "page": 2} for n, level in rows]
    docs.append(doc)

    # 7. pgfplots `scatter/classes`, one mark and colour per pillar with its legend, ticks
    # 0-10; two labels claiming one marker, one left of it and one right.
    rng = random.Random(1308)
    names = rng.sample([n for n in mc.EN_ISSUES if len(n) <= 22], 16)
    spots = mf.grid_spots(rng, names[:14], 3, 6, (0.05, 0.15))
    shared = mf.empty_cell_spot(spots, 3, 6, (0.5, 0.5))
    points = [(n, mf.to_units(fx, 0, 10), mf.to_units(fy, 0, 10)) for n, fx, fy in spots]
    pillars = ["env"] * 4 + ["soc"] * 6 + ["gov"] * 4
    sx, sy = mf.to_units(shared[0], 0, 10), mf.to_units(shared[1], 0, 10)
    source = (TEX_HEAD + tex_intro(rng, "Our material topics", 1)
              + "\\begin{center}\\begin{tikzpicture}\n"
              "\\begin{axis}[width=14cm, height=13cm, xmin=0, xmax=10, ymin=0, ymax=10,\n"
              "  xtick={0,2,...,10}, ytick={0,2,...,10},\n"
              "  xlabel={Impact on the company}, ylabel={Concern of stakeholders},\n"
              "  legend pos=outer north east, legend cell align=left,\n"
              "  scatter/classes={env={mark=*,green!50!black}, soc={mark=square*,blue},\n"
              "    gov={mark=triangle*,orange}}]\n"
              "\\addplot[scatter, only marks, scatter src=explicit symbolic] coordinates {\n"
              + "".join(f"  ({x},{y}) [{p}]\n" for (_, x, y), p in zip(points, pillars)) + "};\n"
              "\\legend{Environmental, Social, Governance}\n"
              + "".join(f"\\node[anchor=west, font=\\scriptsize] at (axis cs:{x},{y})"
                        f" {{\\hspace{{2pt}}{n}}};\n" for n, x, y in points)
              + f"\\addplot[only marks, mark=*, gray, forget plot] coordinates {{({sx},{sy})}};\n"
              f"\\node[anchor=west, font=\\scriptsize] at (axis cs:{sx},{sy})"
              f" {{\\hspace{{2pt}}{names[14]}}};\n"
              f"\\node[anchor=east, font=\\scriptsize] at (axis cs:{sx},{sy})"
              f" {{{names[15]}\\hspace{{2pt}}}};\n"
              "\\end{axis}\\end{tikzpicture}\\end{center}\n\\end{document}\n")
    doc = EighthDoc("eighth-tex-pillar-classes-err-en", "eighth", "pdflatex", "Z08", "en",
                    mf.blank_pages(1), seed=1308, eighth={"tool": "pdflatex", "source": source})
    doc.entries = [{"name": n, "kind": "chart", "page": 1, "business": x, "stakeholder": y,
                    "scale": {"stakeholder": [0, 10], "business": [0, 10]}}
                   for n, x, y in points]
    doc.optional_entries = [{"name": n, "kind": "chart", "stakeholder": None, "business": None,
                             "page": 1} for n in names[14:]]
    doc.problems = [{"kind": "labels_share_marker", "page": 1, "text": ""}]
    docs.append(doc)

    # 8. A booktabs longtable with a pillar and a level column, broken after its 14th row and
    # continued on the next page under its repeated header.
    rng = random.Random(1309)
    names = rng.sample(mc.EN_ISSUES, 22)
    pillars = [rng.choice(["Environmental", "Social", "Governance"]) for _ in names]
    levels = [rng.choice(["High", "Medium", "Low"]) for _ in names]
    rows = "".join(f"{i + 1} & {n} & {p} & {level} \\\\\n" + ("\\pagebreak\n" if i == 13 else "")
                   for i, (n, p, level) in enumerate(zip(names, pillars, levels)))
    source = (TEX_HEAD + tex_intro(rng, "Assessment of material topics", 3)
              + "\\begin{longtable}{rllc}\n\\toprule\nNo. & Topic & Pillar & Level \\\\\n"
              "\\midrule\n\\endfirsthead\n"
              "\\multicolumn{4}{l}{\\itshape Assessment of material topics (continued)} \\\\\n"
              "\\toprule\nNo. & Topic & Pillar & Level \\\\\n\\midrule\n\\endhead\n"
              "\\bottomrule\n\\endfoot\n" + rows + "\\end{longtable}\n"
              + tex_escape(mc.paragraph(rng, "en")) + "\n\\end{document}\n")
    doc = EighthDoc("eighth-tex-longtable-pillar-level-en", "eighth", "pdflatex", "Z09", "en",
                    mf.blank_pages(2), seed=1309, eighth={"tool": "pdflatex", "source": source})
    doc.entries = [{"name": n, "kind": "table", "level": level, "page": 1 if i < 14 else 2}
                   for i, (n, level) in enumerate(zip(names, levels))]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- the documents

class EighthDoc(mc.Doc):
    """A document of this set: `eighth` holds its producer's tool and the source it converts."""

    def __init__(self, *args, eighth=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.eighth = eighth or {}


def eighth_docs():
    return wk_docs() + ink_docs() + tex_docs()


def produce(doc, out_pdf, tools):
    """Writes the document's source and converts it to out_pdf with its tool."""
    tool = doc.eighth["tool"]
    suffix = {"wkhtmltopdf": ".html", "inkscape": ".svg", "pdflatex": ".tex"}[tool]
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, doc.name + suffix)
        with open(source, "w", encoding="utf-8") as f:
            f.write(doc.eighth["source"])
        if tool == "wkhtmltopdf":
            command = [tools["wkhtmltopdf"], "--quiet", "--page-size", "A4", "-T", "0", "-B", "0",
                       "-L", "0", "-R", "0", source, out_pdf]
        elif tool == "inkscape":
            command = [tools["inkscape"], source, "--export-type=pdf",
                       f"--export-filename={out_pdf}"]
        else:
            command = [tools["pdflatex"], "-interaction=nonstopmode", "-halt-on-error",
                       "-output-directory", tmp, source]
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=tmp)
        subprocess.run(command, check=True, env=env, capture_output=True, cwd=tmp)
        if tool == "pdflatex":
            shutil.move(os.path.join(tmp, doc.name + ".pdf"), out_pdf)
