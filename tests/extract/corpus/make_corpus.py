#!/usr/bin/python3
"""Writes the PDF corpus for `materia extract`: report-like PDFs with their ground truth.

    make_corpus.py OUTDIR [--set dev|holdout|unseen|fresh|blind|sixth|seventh|eighth|ninth|all]
                  [--chromium PATH] [--rsvg-convert PATH] [--soffice PATH] [--gs PATH]
                  [--rscript PATH] [--gnuplot PATH] [--wkhtmltopdf PATH] [--inkscape PATH]
                  [--pdflatex PATH] [--groff PATH] [--pdftocairo PATH]

Each document NAME.pdf comes with NAME.truth.json:
  {"file": "NAME.pdf", "set": ..., "producer": ..., "firm": ID, "lang": "zh"|"en", "pages": N,
   "entries": [{"name": TEXT, "kind": "chart", "stakeholder": X, "business": Y, "page": P}
             | {"name", "kind": "table", "level": WORD, "page"}
             | {"name", "kind": "list", "rank": R, "page"}],
   "optional_entries": [...],   (may be left out: names on a chart whose axes cannot be read,
                                 on a scanned page, or two names beside one marker, whose
                                 stakeholder and business are null)
   "problems": [{"kind": KIND, "page": P, "text": TEXT}],
   "ocr": true}                 (only when the document is read with --ocr: its scanned chart's
                                 entries are then required)
Chart coordinates are fractions of the plot frame (x from its left edge, y from its bottom
edge), exactly as drawn; on a chart with numeric ticks they are in the chart's units, and the
entry has "scale": {"stakeholder": [LO, HI], "business": [LO, HI]}, the range of each axis (lowest
to highest tick, on to a frame edge a whole number of steps beyond, which is an unlabelled tick,
as docs/extract.md reads it). "text" of a label_without_marker problem is the stray label.

Producers: Chromium printing HTML with inline SVG, matplotlib's PDF backend, and rsvg-convert
(SVG pages); the `unseen` set's ReportLab and LibreOffice are in make_unseen.py, the `fresh`
set's LibreOffice Calc (XlsxWriter workbooks) and Ghostscript (PostScript) in make_fresh.py, the
`blind` set's Qt (QPdfWriter), LibreOffice Impress (flat ODP) and Writer (python-docx .docx) in
make_blind.py, the `sixth` set's PyMuPDF and WeasyPrint in make_sixth.py, the `seventh` set's R
(pdf() and cairo_pdf() with ggplot2) and gnuplot (pdfcairo) in make_seventh.py, the `eighth`
set's wkhtmltopdf, Inkscape and pdfLaTeX (pgfplots, booktabs) in make_eighth.py, the `ninth`
set's groff (tbl, pic) and rsvg-convert's PDFs rewritten by Ghostscript or pdftocairo in
make_ninth.py. Everything
is seeded: every run writes the same truth and the same PDF content (matplotlib's,
rsvg-convert's and ReportLab's PDFs are byte for byte the same; Chromium's and LibreOffice's
carry the date).
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

A4 = (595.28, 841.89)  # points
A4_LANDSCAPE = (841.89, 595.28)
PX = 0.75  # points per CSS pixel

ZH_ISSUES = [
    "数据安全与隐私保护", "普惠金融", "客户权益保护", "反洗钱", "绿色金融", "员工培训与发展",
    "公司治理", "商业道德与反腐败", "风险管理", "科技创新", "应对气候变化", "乡村振兴",
    "员工权益与福利", "供应链管理", "社区公益", "消费者金融教育", "信息披露", "合规经营",
    "节能减排", "服务实体经济", "金融科技赋能", "职业健康与安全", "多元化与平等机会",
    "知识产权保护", "客户服务质量", "负责任投资", "网络安全", "生物多样性保护",
]
ZH_LONG_ISSUES = [
    "完善公司治理结构与董事会独立性", "加强消费者金融知识普及教育", "推动绿色信贷与气候投融资创新",
    "保障客户个人信息与数据安全", "提升小微企业金融服务可得性", "健全反洗钱与反恐怖融资机制",
    "促进员工职业发展与技能培训", "强化全面风险管理与内部控制", "支持乡村振兴与县域经济发展",
    "降低自身运营的能源资源消耗", "加强供应商环境与社会责任管理", "推进数字化转型与科技自立",
    "维护公平竞争与反商业贿赂", "提升适老化与无障碍金融服务", "保障员工健康安全与合法权益",
    "完善投诉处理与消费者权益保护", "开展社区公益与志愿服务活动", "加强知识产权创造与保护运用",
    "提高环境信息披露质量与透明度", "防范网络安全风险与系统中断", "服务国家重大战略与实体经济",
    "促进性别平等与多元包容文化", "培育负责任投资与ESG投资能力", "应对极端天气与气候物理风险",
]
EN_ISSUES = [
    "Data security and privacy", "Financial inclusion", "Customer rights protection",
    "Anti-money laundering", "Green finance", "Employee training", "Corporate governance",
    "Business ethics", "Risk management", "Technology innovation", "Climate change",
    "Rural revitalization", "Supply chain management", "Community investment",
    "Information disclosure", "Regulatory compliance", "Emission reduction",
    "Occupational health and safety", "Diversity and inclusion", "Responsible investment",
    "Cybersecurity", "Customer service quality",
]

ZH_SENTENCES = [
    "公司持续完善环境、社会及治理（ESG）管理体系，将可持续发展理念融入经营管理全过程。",
    "报告期内，董事会审议通过了年度ESG工作计划，并听取了管理层关于重点议题进展的汇报。",
    "我们坚持稳健经营，持续提升风险识别、计量、监测和控制能力，守牢不发生系统性风险的底线。",
    "围绕服务实体经济，公司加大对制造业、小微企业和科技创新企业的信贷支持力度。",
    "公司建立了覆盖全员的合规培训体系，全年累计开展合规培训一百余场，参训人员逾万人次。",
    "在绿色运营方面，我们推进办公场所节能改造，推广无纸化办公，持续降低单位营业收入能耗。",
    "公司高度重视客户信息保护，制定了数据分类分级管理办法，并定期开展信息安全应急演练。",
    "我们通过问卷调查、座谈访谈和线上平台等方式，与股东、客户、员工、监管机构等利益相关方保持沟通。",
    "本年度，公司员工总数保持稳定，女性员工占比约为百分之四十八，员工培训覆盖率达到百分之百。",
    "公司积极参与乡村振兴，通过定点帮扶、消费帮扶和产业帮扶等方式助力当地经济发展。",
    "面对气候变化带来的物理风险和转型风险，公司开展了气候情景分析，并将结果纳入授信政策。",
    "未来，我们将继续以高质量发展为主线，不断提升ESG管理水平，为利益相关方创造长期价值。",
]
EN_SENTENCES = [
    "The company continued to strengthen its environmental, social and governance management "
    "system and embedded sustainability in every part of its operations.",
    "During the reporting period the board reviewed the annual ESG work plan and the progress "
    "of management on the material topics.",
    "We engage with shareholders, customers, employees, regulators and communities through "
    "surveys, interviews and online platforms.",
    "Our compliance training reached every employee, with more than one hundred sessions held "
    "across the group during the year.",
    "We renovated our offices for energy efficiency and reduced energy use per unit of revenue "
    "for the third year in a row.",
    "Customer information is protected by a data classification policy, access controls and "
    "regular incident response drills.",
    "Climate scenario analysis now informs our credit policy for sectors exposed to transition "
    "and physical risks.",
    "Looking ahead, we will keep raising the quality of our ESG management to create long-term "
    "value for all stakeholders.",
]


@dataclass
class Ticks:
    """Numeric ticks of one axis: labels lo, lo + step, ..., hi, in a frame from frame_lo to
    frame_hi (chart units). labels replaces the printed numbers (a log axis printed as evenly
    spaced 1, 10, 100); skip_first leaves the lowest label out (an origin without its 0)."""
    lo: float
    hi: float
    frame_lo: float
    frame_hi: float
    step: float = 1.0
    suffix: str = ""
    labels: Optional[List[str]] = None
    skip_first: bool = False

    def values(self):
        count = int(round((self.hi - self.lo) / self.step))
        return [self.lo + i * self.step for i in range(count + 1)]

    def printed(self):
        """(value, text) of each label drawn."""
        values = self.values()
        texts = self.labels or [f"{round(v, 6):g}{self.suffix}" for v in values]
        pairs = list(zip(values, texts))
        return pairs[1:] if self.skip_first else pairs

    def frame_fraction(self, value):
        return (value - self.frame_lo) / (self.frame_hi - self.frame_lo)

    def chart_value(self, fraction):
        return round(self.frame_lo + fraction * (self.frame_hi - self.frame_lo), 6)

    def linear(self):
        return self.labels is None

    def scale(self):
        """The axis's range: lowest to highest tick, on to a frame edge a whole number of steps
        beyond (within a tenth of a step), which is an unlabelled tick; half a step is padding."""
        lo, hi = self.lo, self.hi
        below, above = (lo - self.frame_lo) / self.step, (self.frame_hi - hi) / self.step
        if below > 0.9 and abs(below - round(below)) < 0.1:
            lo -= round(below) * self.step
        if above > 0.9 and abs(above - round(above)) < 0.1:
            hi += round(above) * self.step
        return [lo, hi]


def as_ticks(ticks):
    """Ticks from a Ticks or a tuple (tick lo, tick hi, frame lo, frame hi)."""
    return ticks if ticks is None or isinstance(ticks, Ticks) else Ticks(*ticks)


@dataclass
class Chart:
    """A materiality matrix; every coordinate is a fraction of the plot frame."""
    points: List[Tuple[str, float, float]]  # (name, stakeholder, business)
    x_axis: str = "business"  # which importance runs along x
    x_title: Optional[str] = None
    y_title: Optional[str] = None
    y_title_rotated: bool = True
    labels: str = "right"  # right | left | above | numbered
    marker: str = "circle"  # circle | square | diamond | triangle
    frame: str = "box"  # box | bands2 | bands3
    ticks: Optional[Tuple[float, float, float, float]] = None  # tick lo, hi; frame lo, hi
    y_ticks: Optional[Ticks] = None  # the vertical axis's, when not those of `ticks`
    matrix: bool = True  # False: another kind of chart (emissions by year): no issues in it
    legend: str = "right"  # numbered charts: right | below2
    wrap: Optional[int] = None  # characters per label line
    stray_labels: List[Tuple[str, float, float]] = field(default_factory=list)
    stray_markers: List[Tuple[float, float]] = field(default_factory=list)
    # one marker with a name on each side: (left name, right name, x, y)
    shared_marker: Optional[Tuple[str, str, float, float]] = None
    title: str = "实质性议题矩阵"
    label_size: float = 8.0  # points

    def xy(self, stakeholder, business):
        return (business, stakeholder) if self.x_axis == "business" else (stakeholder, business)

    def axis_ticks(self):
        """The (x, y) Ticks, None for an axis without numbers."""
        x = as_ticks(self.ticks)
        return x, as_ticks(self.y_ticks) if self.y_ticks else x


@dataclass
class Page:
    kind: str = "text"  # text | chart | table | list | scan (a chart page printed as an image)
    paragraphs: int = 5  # on text pages
    before: int = 1  # paragraphs above a chart, table or list
    chart: Optional[Chart] = None
    side_chart: Optional[Chart] = None  # a second chart right of `chart`, both half as wide
    heading: Optional[str] = None
    table: Optional[List[Tuple[str, str]]] = None  # (name, level cell as printed)
    table_headers: Tuple[str, ...] = ("议题", "重要性")
    list_items: Optional[List[Tuple[int, str]]] = None  # (rank, name)
    list_style: str = "dot"  # dot: "1." | paren: "（1）"
    note: str = ""  # opens the paragraph below the chart, table or list (may name issues)
    scan_dpi: int = 110  # a scan page's picture


class RecordedPage:
    """Drawing operations in points from the page's top-left, kept in order for a producer's
    own replay (Qt's QPainter in make_blind.py, PyMuPDF in make_sixth.py)."""

    def __init__(self):
        self.ops = []

    def text(self, x, y, text, size, anchor="start", rgb=(34, 34, 34), rotate=False,
             bold=False):
        """Text whose visual centre line is y; rotated text reads bottom to top."""
        self.ops.append(("text", x, y, text, size, anchor, rgb, rotate, bold))

    def rect(self, x, y, w, h, fill=None, stroke=None, width=0.8):
        self.ops.append(("rect", x, y, w, h, fill, stroke, width))

    def line(self, x1, y1, x2, y2, rgb=(80, 80, 80), width=0.8):
        self.ops.append(("line", x1, y1, x2, y2, rgb, width))

    def circle(self, cx, cy, r, fill, stroke=None):
        self.ops.append(("circle", cx, cy, r, fill, stroke))


@dataclass
class Doc:
    name: str
    set: str
    producer: str  # chromium | matplotlib | rsvg
    firm: str
    lang: str
    pages: List[Page]
    size: Tuple[float, float] = A4
    company: str = ""
    entries: list = field(default_factory=list)
    optional_entries: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    seed: int = 0
    ocr: bool = False  # read with --ocr: a scanned chart's entries are then required


# ---------------------------------------------------------------- content helpers

def paragraph(rng, lang):
    sentences = ZH_SENTENCES if lang == "zh" else EN_SENTENCES
    count = rng.randint(3, 4) if lang == "zh" else rng.randint(2, 3)
    return ("" if lang == "zh" else " ").join(rng.sample(sentences, count))


def text_width(text, size):
    """Approximate advance width in points: CJK full width, Latin about 0.56 em."""
    return sum(size if ord(c) > 0x2E80 else size * 0.56 for c in text)


def wrap_text(text, size, width):
    lines, line = [], ""
    for token in (text if not text.isascii() else text.replace(" ", " \0").split("\0")):
        if line and text_width(line + token, size) > width:
            lines.append(line.rstrip())
            line = token
        else:
            line += token
    if line:
        lines.append(line.rstrip())
    return lines


def wrap_label(name, per_line):
    if len(name) <= per_line:
        return [name]
    if name.isascii():
        return wrap_text(name, 1, per_line * 0.56)
    return [name[:per_line], name[per_line:]]


def place(rng, names, cols, rows, x_window=(0.15, 0.35), y_window=(0.3, 0.7), margin=0.04):
    """Points on distinct cells of a cols x rows grid, at a seeded spot inside each cell, so
    that labels of neighbours never collide. Returns (name, y, x) as frame fractions;
    chart_points turns them into the chart's (name, stakeholder, business)."""
    cells = rng.sample([(c, r) for c in range(cols) for r in range(rows)], len(names))
    points = []
    for name, (c, r) in zip(names, cells):
        fx = (c + rng.uniform(*x_window)) / cols
        fy = (r + rng.uniform(*y_window)) / rows
        fx = round(margin + fx * (1 - 2 * margin), 4)
        fy = round(margin + fy * (1 - 2 * margin), 4)
        points.append((name, fy, fx))
    return points


def chart_points(chart, points_xy):
    """Turns grid spots (name, y, x) into (name, stakeholder, business) for the chart's axes."""
    result = []
    for name, fy, fx in points_xy:
        stakeholder, business = (fy, fx) if chart.x_axis == "business" else (fx, fy)
        result.append((name, stakeholder, business))
    return result


def table_widths(columns, body_width):
    shares = {2: [0.55, 0.3], 3: [0.45, 0.25, 0.25]}[columns]
    return [body_width * share for share in shares]


def level_for(stakeholder, business, words):
    mean = (stakeholder + business) / 2
    return words[0] if mean >= 0.6 else words[1] if mean >= 0.35 else words[2]


# ---------------------------------------------------------------- SVG (Chromium and rsvg)

def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def svg_text(x, y, text, size, anchor="start", weight="normal", rotate=False, fill="#222"):
    """Text whose visual centre line is y (baseline computed, no dominant-baseline)."""
    base = y + 0.35 * size
    transform = f' transform="rotate(-90 {x:.2f} {y:.2f})"' if rotate else ""
    return (f'<text x="{x:.2f}" y="{base:.2f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}"{transform}>{esc(text)}</text>')


def svg_marker(shape, cx, cy, r, fill):
    if shape == "circle":
        return f'<circle cx="{cx:.3f}" cy="{cy:.3f}" r="{r}" fill="{fill}"/>'
    if shape == "square":
        return (f'<rect x="{cx - r:.3f}" y="{cy - r:.3f}" width="{2 * r}" height="{2 * r}" '
                f'fill="{fill}"/>')
    if shape == "diamond":
        pts = [(cx, cy - r * 1.25), (cx + r * 1.25, cy), (cx, cy + r * 1.25), (cx - r * 1.25, cy)]
    else:  # triangle, centred on its bounding box so the box centre is the point
        pts = [(cx, cy - r), (cx + r, cy + r), (cx - r, cy + r)]
    return '<polygon points="%s" fill="%s"/>' % (" ".join(f"{a:.3f},{b:.3f}" for a, b in pts), fill)


def svg_chart(chart, width, height):
    """The chart as SVG elements in a width x height box (points); returns (svg, frame)."""
    size = chart.label_size
    left = 46 if chart.ticks else 34
    legend_w = 150 if chart.labels == "numbered" and chart.legend == "right" else 0
    legend_rows = 0
    numbered = chart.labels == "numbered"
    if numbered and chart.legend == "below2":
        legend_rows = (len(chart.points) + 1) // 2
    right_pad = 20 if chart.labels == "left" or numbered else 100
    bottom_pad = 40 + legend_rows * (size + 6)
    top = 30 if chart.y_title_rotated or not chart.y_title else 44
    frame_w = width - left - right_pad - legend_w
    frame_h = height - top - bottom_pad
    fl, ft = left, top
    fr, fb = fl + frame_w, ft + frame_h
    out = [svg_text(fl + frame_w / 2, 12, chart.title, 12, "middle", "bold")]
    palette = ["#dfeee6", "#c7e3d3", "#a9d4bb", "#8cc4a3", "#6db58a"]
    if chart.frame == "box":
        out.append(f'<rect x="{fl}" y="{ft}" width="{frame_w}" height="{frame_h}" fill="none" '
                   f'stroke="#444" stroke-width="0.8"/>')
        out.append(f'<line x1="{fl + frame_w / 2}" y1="{ft}" x2="{fl + frame_w / 2}" y2="{fb}" '
                   f'stroke="#bbb" stroke-width="0.5" stroke-dasharray="3,3"/>')
        out.append(f'<line x1="{fl}" y1="{ft + frame_h / 2}" x2="{fr}" y2="{ft + frame_h / 2}" '
                   f'stroke="#bbb" stroke-width="0.5" stroke-dasharray="3,3"/>')
    else:
        n = 2 if chart.frame == "bands2" else 3
        for i in range(n):
            for j in range(n):
                shade = palette[min(len(palette) - 1, i + (n - 1 - j))]
                out.append(f'<rect x="{fl + i * frame_w / n:.3f}" y="{ft + j * frame_h / n:.3f}" '
                           f'width="{frame_w / n:.3f}" height="{frame_h / n:.3f}" fill="{shade}"/>')
    x_ticks, y_ticks = chart.axis_ticks()
    for value, text in x_ticks.printed() if x_ticks else []:
        fx = fl + x_ticks.frame_fraction(value) * frame_w
        out.append(f'<line x1="{fx:.3f}" y1="{fb}" x2="{fx:.3f}" y2="{fb + 4}" stroke="#444"/>')
        out.append(svg_text(fx, fb + 11, text, 8, "middle"))
    for value, text in y_ticks.printed() if y_ticks else []:
        fy = fb - y_ticks.frame_fraction(value) * frame_h
        out.append(f'<line x1="{fl - 4}" y1="{fy:.3f}" x2="{fl}" y2="{fy:.3f}" stroke="#444"/>')
        out.append(svg_text(fl - 7, fy, text, 8, "end"))
    if chart.x_title:
        out.append(svg_text(fl + frame_w / 2, fb + (24 if chart.ticks else 16), chart.x_title,
                            10, "middle"))
    if chart.y_title:
        if chart.y_title_rotated:
            out.append(svg_text(fl - (32 if chart.ticks else 16), ft + frame_h / 2, chart.y_title,
                                10, "middle", rotate=True))
        else:
            out.append(svg_text(fl, ft - 9, chart.y_title, 10, "start"))
    radius = 6.5 if numbered else 3.6
    colors = ["#0b6e4f", "#1f5fa8", "#c4591c"]

    def frame_point(x, y):
        return fl + x * frame_w, fb - y * frame_h

    for index, (name, stakeholder, business) in enumerate(chart.points, 1):
        cx, cy = frame_point(*chart.xy(stakeholder, business))
        color = colors[index % len(colors)]
        out.append(svg_marker(chart.marker, cx, cy, radius, color))
        if numbered:
            out.append(svg_text(cx, cy, str(index), 7, "middle", "bold", fill="#fff"))
        else:
            out.extend(svg_label(chart, name, cx, cy, radius))
    for name, x, y in chart.stray_labels:
        cx, cy = frame_point(x, y)
        out.append(svg_text(cx, cy, name, size, "start"))
    for x, y in chart.stray_markers:
        cx, cy = frame_point(x, y)
        out.append(svg_marker(chart.marker, cx, cy, radius, "#777"))
    if chart.shared_marker:
        left_name, right_name, x, y = chart.shared_marker
        cx, cy = frame_point(x, y)
        out.append(svg_marker(chart.marker, cx, cy, radius, colors[0]))
        out.append(svg_text(cx - radius - 3, cy, left_name, size, "end"))
        out.append(svg_text(cx + radius + 3, cy, right_name, size, "start"))
    if numbered:
        if chart.legend == "right":
            lx = fr + 24
            for index, (name, _, _) in enumerate(chart.points, 1):
                out.append(svg_text(lx, ft + 6 + (index - 1) * (size + 7), f"{index}  {name}",
                                    size, "start"))
        else:
            ly = fb + 40
            for index, (name, _, _) in enumerate(chart.points, 1):
                column, row = (index - 1) // legend_rows, (index - 1) % legend_rows
                out.append(svg_text(fl + column * frame_w / 2, ly + row * (size + 6),
                                    f"{index}. {name}", size, "start"))
    return "\n".join(out), (fl, ft, fr, fb)


def svg_label(chart, name, cx, cy, radius):
    size = chart.label_size
    lines = wrap_label(name, chart.wrap) if chart.wrap else [name]
    step = size * 1.2
    first = cy - step * (len(lines) - 1) / 2
    if chart.labels == "right":
        return [svg_text(cx + radius + 3, first + i * step, line, size, "start")
                for i, line in enumerate(lines)]
    if chart.labels == "left":
        return [svg_text(cx - radius - 3, first + i * step, line, size, "end")
                for i, line in enumerate(lines)]
    bottom = cy - radius - 3 - size * 0.5  # above: last line just over the marker
    return [svg_text(cx, bottom - (len(lines) - 1 - i) * step, line, size, "middle")
            for i, line in enumerate(lines)]


# ---------------------------------------------------------------- Chromium

CSS = """
@page { size: %(w).2fpt %(h).2fpt; margin: 0; }
html, body { margin: 0; padding: 0; }
body { font-family: 'Noto Sans CJK SC', sans-serif; color: #222; }
.page { width: %(w).2fpt; height: %(h).2fpt; position: relative; overflow: hidden; }
.page + .page { break-before: page; }
.hdr { position: absolute; top: 28pt; left: 50pt; right: 50pt; font-size: 8pt; color: #0b6e4f;
       border-bottom: 0.6pt solid #0b6e4f; padding-bottom: 3pt; }
.ftr { position: absolute; bottom: 26pt; left: 0; right: 0; text-align: center; font-size: 8pt;
       color: #555; }
.body { position: absolute; top: 62pt; left: 50pt; right: 50pt; }
h2 { font-size: 14pt; color: #0b6e4f; margin: 0 0 8pt; }
p { font-size: 9.5pt; line-height: 1.6; margin: 0 0 6pt; text-indent: 2em; text-align: justify; }
table { border-collapse: collapse; margin: 6pt 0; font-size: 9.5pt; }
td, th { border: 0.6pt solid #999; padding: 3pt 14pt; text-align: left; }
th { background: #dfeee6; }
.item { font-size: 10pt; line-height: 1.9; }
"""


def chromium_html(doc):
    rng = random.Random(doc.seed)
    width, height = doc.size
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>",
             CSS % {"w": width, "h": height}, "</style></head><body>"]
    for number, page in enumerate(doc.pages, 1):
        parts.append(f"<div class='page'><div class='hdr'>{esc(doc.company)}</div>"
                     "<div class='body'>")
        if page.heading:
            parts.append(f"<h2>{esc(page.heading)}</h2>")
        before = page.paragraphs if page.kind == "text" else page.before
        for _ in range(before):
            parts.append(f"<p>{esc(paragraph(rng, doc.lang))}</p>")
        if page.chart:
            charts = [c for c in (page.chart, page.side_chart) if c]
            chart_w = (width - 100) / len(charts) - (6 if len(charts) > 1 else 0)
            chart_h = min(430.0, height - 250)
            parts.append("<div style='display: flex; gap: 12pt'>")
            for chart in charts:
                svg, _ = svg_chart(chart, chart_w, chart_h)
                parts.append(f"<svg xmlns='http://www.w3.org/2000/svg' width='{chart_w}pt' "
                             f"height='{chart_h}pt' viewBox='0 0 {chart_w} {chart_h}' "
                             f"style='font-family: Noto Sans CJK SC'>{svg}</svg>")
            parts.append("</div>")
        if page.table:
            parts.append("<table><tr>" + "".join(f"<th>{esc(h)}</th>" for h in page.table_headers)
                         + "</tr>")
            for row in page.table:
                parts.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
        if page.list_items:
            for rank, name in page.list_items:
                label = f"{rank}. " if page.list_style == "dot" else f"（{rank}）"
                parts.append(f"<div class='item'>{esc(label + name)}</div>")
        if page.kind != "text":
            parts.append(f"<p>{esc(page.note + paragraph(rng, doc.lang))}</p>")
        parts.append(f"</div><div class='ftr'>{number}</div></div>")
    parts.append("</body></html>")
    return "".join(parts)


def produce_chromium(doc, out_pdf, chromium):
    with tempfile.TemporaryDirectory(prefix="materia-corpus-") as tmp:
        html = os.path.join(tmp, doc.name + ".html")
        with open(html, "w", encoding="utf-8") as f:
            f.write(chromium_html(doc))
        profile = os.path.join(tmp, "profile")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--no-first-run",
                        f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={out_pdf}", "file://" + html],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=300)


# ---------------------------------------------------------------- rsvg-convert

def rsvg_page_svg(doc, page, number, rng):
    width, height = doc.size
    margin = 50
    font = "Noto Sans CJK SC"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
           f'viewBox="0 0 {width} {height}" font-family="{font}">',
           '<rect width="100%" height="100%" fill="#fff"/>',
           svg_text(margin, 30, doc.company, 8, fill="#0b6e4f"),
           f'<line x1="{margin}" y1="38" x2="{width - margin}" y2="38" stroke="#0b6e4f" '
           f'stroke-width="0.6"/>',
           svg_text(width / 2, height - 28, str(number), 8, "middle")]
    y = 60.0
    if page.heading:
        out.append(svg_text(margin, y, page.heading, 14, weight="bold", fill="#0b6e4f"))
        y += 24
    body_w = width - 2 * margin

    def add_paragraph(y, lead=""):
        for line in wrap_text(lead + paragraph(rng, doc.lang), 9.5, body_w - 12):
            out.append(svg_text(margin, y, line, 9.5))
            y += 15
        return y + 6

    for _ in range(page.paragraphs if page.kind == "text" else page.before):
        y = add_paragraph(y)
    if page.chart:
        chart_h = min(430.0, height - y - 110)
        svg, _ = svg_chart(page.chart, body_w, chart_h)
        out.append(f'<g transform="translate({margin} {y:.2f})">{svg}</g>')
        y += chart_h + 10
    if page.table:
        col_w = table_widths(len(page.table_headers), body_w)
        row_h = 18
        rows = [page.table_headers] + list(page.table)
        for r, row in enumerate(rows):
            x = margin
            for c, cell in enumerate(row):
                fill = "#dfeee6" if r == 0 else "none"
                out.append(f'<rect x="{x:.2f}" y="{y:.2f}" width="{col_w[c]:.2f}" height="{row_h}" '
                           f'fill="{fill}" stroke="#999" stroke-width="0.6"/>')
                out.append(svg_text(x + 8, y + row_h / 2, cell, 9.5,
                                    weight="bold" if r == 0 else "normal"))
                x += col_w[c]
            y += row_h
        y += 10
    if page.list_items:
        for rank, name in page.list_items:
            label = f"{rank}. " if page.list_style == "dot" else f"（{rank}）"
            out.append(svg_text(margin, y, label + name, 10))
            y += 19
    if page.kind != "text":
        y = add_paragraph(y + 6, page.note)
    out.append("</svg>")
    return "\n".join(out)


# The documents LibreOffice converts: their sources wait in one directory and one run of soffice
# (one start, one fresh profile) converts them all (convert_with_soffice).
SOFFICE_QUEUE = {"dir": None, "jobs": []}


def soffice_to_pdf(soffice, source, out_pdf, tmp):
    """Queues `source` (a file LibreOffice opens) for conversion to `out_pdf` by
    convert_with_soffice(); the source is copied, so `tmp` may go."""
    del soffice, tmp  # the queue's run uses its own directory and main()'s soffice
    if SOFFICE_QUEUE["dir"] is None:
        SOFFICE_QUEUE["dir"] = tempfile.mkdtemp(prefix="materia-corpus-soffice-")
    queued = os.path.join(SOFFICE_QUEUE["dir"], os.path.basename(source))
    shutil.copyfile(source, queued)
    SOFFICE_QUEUE["jobs"].append((queued, out_pdf))


def convert_with_soffice(soffice):
    """Converts every queued source in one soffice run with a fresh profile; HOME too is in the
    queue's directory, so nothing of the user's LibreOffice is read. The PDFs carry the date and a
    document id (LibreOffice 7.4 ignores SOURCE_DATE_EPOCH). Returns the PDFs written."""
    tmp, jobs = SOFFICE_QUEUE["dir"], SOFFICE_QUEUE["jobs"]
    if not jobs:
        return []
    out_dir = os.path.join(tmp, "out")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                    "--norestore", "--convert-to", "pdf", "--outdir", out_dir] +
                   [source for source, _ in jobs],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=600, env=dict(os.environ, HOME=tmp))
    for source, out_pdf in jobs:
        produced = os.path.join(out_dir, os.path.splitext(os.path.basename(source))[0] + ".pdf")
        if not os.path.exists(produced):
            sys.exit(f"make_corpus: soffice wrote no PDF for {os.path.basename(source)}")
        os.replace(produced, out_pdf)
    shutil.rmtree(tmp)
    SOFFICE_QUEUE.update(dir=None, jobs=[])
    return [out_pdf for _, out_pdf in jobs]


def produce_rsvg(doc, out_pdf, rsvg):
    rng = random.Random(doc.seed)
    with tempfile.TemporaryDirectory(prefix="materia-corpus-") as tmp:
        files = []
        for number, page in enumerate(doc.pages, 1):
            path = os.path.join(tmp, f"page{number:03d}.svg")
            with open(path, "w", encoding="utf-8") as f:
                f.write(rsvg_page_svg(doc, page, number, rng))
            files.append(path)
        # cairo stamps the date unless SOURCE_DATE_EPOCH fixes it: the same bytes every run.
        env = dict(os.environ, SOURCE_DATE_EPOCH="1733529600")
        subprocess.run([rsvg, "-f", "pdf", "-o", out_pdf] + files, check=True, timeout=300, env=env)


# ---------------------------------------------------------------- matplotlib

def produce_matplotlib(doc, out_pdf):
    import matplotlib
    matplotlib.use("pdf")
    from matplotlib import font_manager
    from matplotlib.backends.backend_pdf import PdfPages
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    # matplotlib sees the first face of NotoSansCJK-Regular.ttc (JP); it covers the Chinese text.
    names = {f.name for f in font_manager.fontManager.ttflist}
    cjk = next((n for n in ("Noto Sans CJK SC", "Noto Sans CJK JP") if n in names), None)
    if cjk is None:
        sys.exit("make_corpus: matplotlib finds no Noto Sans CJK font (install fonts-noto-cjk)")
    matplotlib.rcParams.update({"pdf.fonttype": 42, "font.family": [cjk, "DejaVu Sans"],
                                "axes.unicode_minus": False})
    rng = random.Random(doc.seed)
    width, height = doc.size
    margin = 50
    marker_shape = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^"}

    def fig_text(fig, x, y, text, size, **kw):  # x, y in points from the top-left corner
        fig.text(x / width, 1 - y / height, text, fontsize=size, va="center", **kw)

    with PdfPages(out_pdf, metadata={"Creator": "materia corpus", "CreationDate": None}) as pdf:
        for number, page in enumerate(doc.pages, 1):
            fig = plt.figure(figsize=(width / 72, height / 72))
            fig_text(fig, margin, 30, doc.company, 8, color="#0b6e4f")
            fig.add_artist(matplotlib.lines.Line2D([margin / width, 1 - margin / width],
                                                   [1 - 38 / height] * 2, color="#0b6e4f", lw=0.6))
            fig_text(fig, width / 2, height - 28, str(number), 8, ha="center")
            y = 60.0
            if page.heading:
                fig_text(fig, margin, y, page.heading, 14, weight="bold", color="#0b6e4f")
                y += 24

            def add_paragraph(y, lead=""):
                for line in wrap_text(lead + paragraph(rng, doc.lang), 9.5,
                                      width - 2 * margin - 12):
                    fig_text(fig, margin, y, line, 9.5)
                    y += 15
                return y + 6

            for _ in range(page.paragraphs if page.kind == "text" else page.before):
                y = add_paragraph(y)
            if page.chart:
                charts = [c for c in (page.chart, page.side_chart) if c]
                box_w = (width - 2 * margin) / len(charts)
                box_h = min(430.0, height - y - 110)
                top = y
                for i, chart in enumerate(charts):
                    y = mpl_chart(fig, chart, margin + i * box_w, top, box_w, box_h, width,
                                  height, marker_shape, Rectangle)
            if page.table:
                col_w = table_widths(len(page.table_headers), width - 2 * margin)
                row_h = 18
                for r, row in enumerate([page.table_headers] + list(page.table)):
                    x = margin
                    for c, cell in enumerate(row):
                        fig.add_artist(Rectangle((x / width, 1 - (y + row_h) / height),
                                                 col_w[c] / width, row_h / height,
                                                 facecolor="#dfeee6" if r == 0 else "none",
                                                 edgecolor="#999", lw=0.6))
                        fig_text(fig, x + 8, y + row_h / 2, cell, 9.5,
                                 weight="bold" if r == 0 else "normal")
                        x += col_w[c]
                    y += row_h
                y += 10
            if page.list_items:
                for rank, name in page.list_items:
                    label = f"{rank}. " if page.list_style == "dot" else f"（{rank}）"
                    fig_text(fig, margin, y, label + name, 10)
                    y += 19
            if page.kind != "text":
                add_paragraph(y + 6, page.note)
            if page.kind == "scan":
                fig = picture_of(fig, plt, page.scan_dpi)
            pdf.savefig(fig)
            plt.close(fig)


def picture_of(fig, plt, dpi=110):
    """The page as a scan: a new page holding only a picture of it (no text layer)."""
    import io
    import matplotlib.image
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    buffer.seek(0)
    picture = matplotlib.image.imread(buffer)
    scan = plt.figure(figsize=fig.get_size_inches())
    ax = scan.add_axes([0, 0, 1, 1])
    ax.imshow(picture, aspect="auto", interpolation="bilinear")
    ax.axis("off")
    return scan


def mpl_chart(fig, chart, x0, y0, box_w, box_h, width, height, marker_shape, Rectangle):
    """Draws the chart with real Axes whose frame is the plot frame; returns the y below it."""
    numbered = chart.labels == "numbered"
    left = 50 if chart.ticks else 36
    legend_w = 150 if numbered and chart.legend == "right" else 0
    legend_rows = (len(chart.points) + 1) // 2 if numbered and chart.legend == "below2" else 0
    right_pad = 20 if chart.labels == "left" or numbered else 100
    frame_w = box_w - left - right_pad - legend_w
    top = 30 if chart.y_title_rotated or not chart.y_title else 44
    frame_h = box_h - top - 40 - legend_rows * (chart.label_size + 6)
    fl, ft = x0 + left, y0 + top
    ax = fig.add_axes([fl / width, 1 - (ft + frame_h) / height, frame_w / width, frame_h / height])
    x_ticks, y_ticks = chart.axis_ticks()
    x_lo, x_hi = (x_ticks.frame_lo, x_ticks.frame_hi) if x_ticks else (0.0, 1.0)
    y_lo, y_hi = (y_ticks.frame_lo, y_ticks.frame_hi) if y_ticks else (0.0, 1.0)
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.set_title(chart.title, fontsize=12, weight="bold",
                 pad=10 if chart.y_title_rotated or not chart.y_title else 24)

    def data(x, y):  # frame fractions to data units
        return x_lo + x * (x_hi - x_lo), y_lo + y * (y_hi - y_lo)

    for axis_ticks, set_ticks in ((x_ticks, ax.set_xticks), (y_ticks, ax.set_yticks)):
        printed = axis_ticks.printed() if axis_ticks else []
        set_ticks([v for v, _ in printed], [t for _, t in printed])
    ax.tick_params(labelsize=8)
    if chart.frame == "box":
        for spine in ax.spines.values():
            spine.set_linewidth(0.8)
        ax.axvline(data(0.5, 0.5)[0], color="#bbb", lw=0.5, ls="--")
        ax.axhline(data(0.5, 0.5)[1], color="#bbb", lw=0.5, ls="--")
    else:
        for spine in ax.spines.values():
            spine.set_visible(False)
        n = 2 if chart.frame == "bands2" else 3
        palette = ["#dfeee6", "#c7e3d3", "#a9d4bb", "#8cc4a3", "#6db58a"]
        for i in range(n):
            for j in range(n):
                ax.add_patch(Rectangle((i / n, j / n), 1 / n, 1 / n, transform=ax.transAxes,
                                       facecolor=palette[min(4, i + j)], lw=0, zorder=0))
    if chart.x_title:
        ax.set_xlabel(chart.x_title, fontsize=10)
    if chart.y_title:
        if chart.y_title_rotated:
            ax.set_ylabel(chart.y_title, fontsize=10)
        else:
            ax.text(0, 1.02, chart.y_title, transform=ax.transAxes, fontsize=10, va="bottom")
    colors = ["#0b6e4f", "#1f5fa8", "#c4591c"]
    size = chart.label_size
    for index, (name, stakeholder, business) in enumerate(chart.points, 1):
        x, y = chart.xy(stakeholder, business)
        dx, dy = data(x, y)
        ax.plot([dx], [dy], marker=marker_shape[chart.marker], ls="none",
                ms=13 if numbered else 7, color=colors[index % 3], mew=0, clip_on=False)
        if numbered:
            ax.text(dx, dy, str(index), fontsize=7, color="white", weight="bold",
                    ha="center", va="center")
            continue
        label = "\n".join(wrap_label(name, chart.wrap) if chart.wrap else [name])
        offset, align = {"right": ((6, 0), ("left", "center")),
                         "left": ((-6, 0), ("right", "center")),
                         "above": ((0, 6), ("center", "bottom"))}[chart.labels]
        ax.annotate(label, (dx, dy), xytext=offset, textcoords="offset points",
                    ha=align[0], va=align[1], fontsize=size, annotation_clip=False)
    for name, x, y in chart.stray_labels:
        ax.text(*data(x, y), name, fontsize=size, va="center")
    for x, y in chart.stray_markers:
        ax.plot(*([v] for v in data(x, y)), marker=marker_shape[chart.marker], ls="none", ms=7,
                color="#777", mew=0)
    if numbered:
        if chart.legend == "right":
            for index, (name, _, _) in enumerate(chart.points, 1):
                fig.text((fl + frame_w + 24) / width,
                         1 - (ft + 6 + (index - 1) * (size + 7)) / height,
                         f"{index}  {name}", fontsize=size, va="center")
        else:
            for index, (name, _, _) in enumerate(chart.points, 1):
                column, row = (index - 1) // legend_rows, (index - 1) % legend_rows
                fig.text((fl + column * frame_w / 2) / width,
                         1 - (ft + frame_h + 40 + row * (size + 6)) / height,
                         f"{index}. {name}", fontsize=size, va="center")
    return y0 + box_h + 10


# ---------------------------------------------------------------- the documents

def chart_entries(chart, page):
    """Entries as frame fractions; on a chart with numbers on its axes, in the chart's units with
    "scale": each axis's range (from its lowest to its highest tick)."""
    x_ticks, y_ticks = chart.axis_ticks()
    if not x_ticks and not y_ticks:
        return [{"name": name, "kind": "chart", "stakeholder": s, "business": b, "page": page}
                for name, s, b in chart.points]
    unit = Ticks(0.0, 1.0, 0.0, 1.0)  # an axis without numbers: fractions of the frame
    x_ticks, y_ticks = x_ticks or unit, y_ticks or unit
    by_axis = {chart.x_axis: x_ticks,
               ("stakeholder" if chart.x_axis == "business" else "business"): y_ticks}
    entries = []
    for name, s, b in chart.points:
        entry = {"name": name, "kind": "chart", "page": page, "scale": {}}
        for axis, fraction in (("stakeholder", s), ("business", b)):
            ticks = by_axis[axis]
            entry[axis] = ticks.chart_value(fraction)
            entry["scale"][axis] = ticks.scale()
        entries.append(entry)
    return entries


def finish(doc):
    """Fills the document's truth from its pages: entries of charts, tables and lists."""
    for number, page in enumerate(doc.pages, 1):
        if page.kind == "scan":  # no text to read: the reader says so (and reads it with OCR)
            if doc.ocr:
                doc.entries += chart_entries(page.chart, number)
            else:
                doc.optional_entries += chart_entries(page.chart, number)
            doc.problems.append({"kind": "no_text_layer", "page": number, "text": ""})
            continue
        if page.chart and page.chart.shared_marker:
            left_name, right_name, x, y = page.chart.shared_marker
            for name in (left_name, right_name):
                doc.optional_entries.append({"name": name, "kind": "chart", "stakeholder": None,
                                             "business": None, "page": number})
            doc.problems.append({"kind": "labels_share_marker", "page": number, "text": ""})
        for chart in (page.chart, page.side_chart):
            if not chart or not chart.matrix:
                continue
            entries = chart_entries(chart, number)
            linear = all(t.linear() for t in chart.axis_ticks() if t)
            if chart.x_title and chart.y_title and not linear:
                doc.optional_entries += entries
                doc.problems.append({"kind": "inconsistent_ticks", "page": number, "text": ""})
            elif chart.x_title and chart.y_title:
                doc.entries += entries
            else:
                doc.optional_entries += entries
                doc.problems.append({"kind": "unreadable_axes", "page": number, "text": ""})
            for name, _, _ in chart.stray_labels:
                doc.problems.append({"kind": "label_without_marker", "page": number, "text": name})
            for _ in chart.stray_markers:
                doc.problems.append({"kind": "marker_without_label", "page": number, "text": ""})
        if page.table:
            for row in page.table:
                level = row[-1].split("：")[-1]
                doc.entries.append({"name": row[0], "kind": "table", "level": level,
                                    "page": number})
        if page.list_items:
            for rank, name in page.list_items:
                doc.entries.append({"name": name, "kind": "list", "rank": rank, "page": number})
    return doc


def text_pages(n, paragraphs=5):
    return [Page(paragraphs=paragraphs) for _ in range(n)]


def labelled_chart(rng, names, **kw):
    """A chart with names beside the markers: English names are long, so they get 2 columns."""
    chart = Chart(points=[], **kw)
    # Markers stay inside the range of the ticks (a frame may pad it).
    margin = 0.04
    for ticks in chart.axis_ticks():
        if ticks:
            margin = max(margin, ticks.frame_fraction(ticks.lo) + 0.02,
                         1 - ticks.frame_fraction(ticks.hi) + 0.02)
    if all(n.isascii() for n in names):
        chart.points = chart_points(chart, place(rng, names, 2, 6, (0.05, 0.15), margin=margin))
    else:
        chart.points = chart_points(chart, place(rng, names, 3, 5, margin=margin))
    return chart


def dev_docs():
    docs = []
    zh_company = "华远银行股份有限公司 2024年环境、社会及治理（ESG）报告"
    en_company = "Harbour Bank plc  |  2024 Sustainability Report"
    zh_x, zh_y = "对公司发展的重要性", "对利益相关方的重要性"
    en_x, en_y = "Importance to the business", "Importance to stakeholders"

    rng = random.Random(101)
    chart = labelled_chart(rng, rng.sample(ZH_ISSUES, 10), x_title=zh_x, y_title=zh_y)
    docs.append(Doc("dev-labelled-zh", "dev", "chromium", "D01", "zh", text_pages(2) + [
        Page("chart", chart=chart, heading="实质性议题识别与评估")] + text_pages(1),
        company=zh_company, seed=101))

    rng = random.Random(102)
    chart = Chart(points=[], x_title=zh_x, y_title=zh_y, labels="numbered")
    chart.points = chart_points(chart, place(rng, rng.sample(ZH_ISSUES, 14), 4, 4,
                                             (0.25, 0.75), (0.25, 0.75)))
    docs.append(Doc("dev-numbered-legend-zh", "dev", "matplotlib", "D02", "zh", text_pages(1) + [
        Page("chart", chart=chart, heading="实质性议题矩阵")] + text_pages(1),
        company="鼎信证券股份有限公司 2024年度可持续发展报告", seed=102))

    rng = random.Random(103)
    chart = labelled_chart(rng, rng.sample(EN_ISSUES, 9), x_title=en_x, y_title=en_y,
                           frame="bands2", y_title_rotated=False, title="Materiality matrix")
    docs.append(Doc("dev-bands2x2-en", "dev", "chromium", "D03", "en", text_pages(1) + [
        Page("chart", chart=chart, heading="Our material topics")] + text_pages(1),
        company=en_company, seed=103))

    rng = random.Random(104)
    chart = labelled_chart(rng, rng.sample(ZH_ISSUES, 10), x_title=zh_x, y_title=zh_y,
                           frame="bands3")
    docs.append(Doc("dev-bands3x3-zh", "dev", "matplotlib", "D04", "zh", text_pages(2) + [
        Page("chart", chart=chart, heading="实质性议题矩阵")],
        company="瑞丰保险集团 2024年ESG报告", seed=104))

    rng = random.Random(105)
    chart = labelled_chart(rng, rng.sample(EN_ISSUES, 10), x_title="Influence on business (1-5)",
                           y_title="Importance to stakeholders (1-5)", ticks=(1, 5, 0.5, 5.5),
                           title="Materiality matrix")
    docs.append(Doc("dev-ticks-en", "dev", "matplotlib", "D05", "en", text_pages(1) + [
        Page("chart", chart=chart, heading="Materiality assessment")],
        company=en_company, seed=105))

    rng = random.Random(106)
    chart = labelled_chart(rng, rng.sample(ZH_ISSUES, 8), x_title=zh_x, y_title=zh_y,
                           ticks=(0, 5, -0.4, 5.4))
    docs.append(Doc("dev-ticks-zh", "dev", "chromium", "D06", "zh", [
        Page("chart", chart=chart, heading="实质性议题矩阵")] + text_pages(1),
        company="恒润消费金融有限公司 2024年社会责任报告", seed=106))

    rng = random.Random(107)
    names = rng.sample(ZH_ISSUES, 12)
    table = [(n, rng.choice(["高", "高", "中", "中", "低"])) for n in names]
    docs.append(Doc("dev-table-zh", "dev", "chromium", "D07", "zh", text_pages(1) + [
        Page("table", table=table, heading="实质性议题清单")] + text_pages(1),
        company=zh_company, seed=107))

    rng = random.Random(108)
    names = rng.sample(EN_ISSUES, 10)
    table = [(n, rng.choice(["High", "High", "Medium", "Low"])) for n in names]
    docs.append(Doc("dev-table-en", "dev", "matplotlib", "D08", "en", [
        Page("table", table=table, heading="Material topics",
             table_headers=("Topic", "Materiality"))]
        + text_pages(1), company=en_company, seed=108))

    rng = random.Random(109)
    names = rng.sample(ZH_ISSUES, 18)
    items = list(enumerate(names, 1))
    docs.append(Doc("dev-list-two-pages-zh", "dev", "chromium", "D09", "zh", text_pages(1) + [
        Page("list", list_items=items[:12], heading="实质性议题排序"),
        Page("list", list_items=items[12:])] + text_pages(1),
        company="金桥支付科技有限公司 2024年ESG报告", seed=109))

    rng = random.Random(110)
    chart = labelled_chart(rng, rng.sample(ZH_ISSUES, 10), x_title=zh_x, y_title=zh_y)
    table = [(name, level_for(s, b, ["高", "中", "低"])) for name, s, b in chart.points]
    pages = text_pages(56, 6) + [Page("chart", chart=chart, heading="实质性议题矩阵"),
                                 Page("table", table=table, heading="实质性议题清单")]
    pages += text_pages(100 - len(pages), 6)
    docs.append(Doc("dev-long-100-pages-zh", "dev", "chromium", "D10", "zh", pages,
                    company=zh_company, seed=110))

    rng = random.Random(111)
    chart = labelled_chart(rng, rng.sample(ZH_ISSUES, 9))
    docs.append(Doc("dev-err-no-axis-titles", "dev", "matplotlib", "D11", "zh", text_pages(1) + [
        Page("chart", chart=chart, heading="实质性议题矩阵")],
        company="华远银行股份有限公司 2024年ESG报告", seed=111))

    rng = random.Random(112)
    chart = labelled_chart(rng, rng.sample(ZH_ISSUES, 10), x_title=zh_x, y_title=zh_y)
    # The last spot of the grid keeps its label and loses its marker.
    name, stakeholder, business = chart.points.pop()
    x, y = chart.xy(stakeholder, business)
    chart.stray_labels = [(name, x + 0.012, y)]
    docs.append(Doc("dev-err-label-without-marker", "dev", "chromium", "D12", "zh", [
        Page("chart", chart=chart, heading="实质性议题矩阵")] + text_pages(1),
        company=zh_company, seed=112))

    rng = random.Random(113)
    chart = labelled_chart(rng, rng.sample(ZH_ISSUES, 10), x_title=zh_x, y_title=zh_y)
    _, stakeholder, business = chart.points.pop()  # this spot keeps its marker, not its label
    chart.stray_markers = [chart.xy(stakeholder, business)]
    docs.append(Doc("dev-err-marker-without-label", "dev", "matplotlib", "D13", "zh", [
        Page("chart", chart=chart, heading="实质性议题矩阵")] + text_pages(1),
        company="瑞丰保险集团 2024年ESG报告", seed=113))

    # Percents on one axis (its 0% left out: the frame's edge is the origin), 1-5 on the other.
    rng = random.Random(114)
    chart = labelled_chart(rng, rng.sample(EN_ISSUES, 10), x_title="Impact on the business",
                           y_title="Importance to stakeholders",
                           ticks=Ticks(0, 100, 0, 100, step=20, suffix="%", skip_first=True),
                           y_ticks=Ticks(1, 5, 0.5, 5.5), title="Materiality matrix")
    docs.append(Doc("dev-ticks-percent-en", "dev", "matplotlib", "D14", "en", text_pages(1) + [
        Page("chart", chart=chart, heading="Materiality assessment")],
        company=en_company, seed=114))

    rng = random.Random(115)
    chart = labelled_chart(rng, rng.sample(ZH_ISSUES, 9), x_title=zh_x, y_title=zh_y,
                           ticks=Ticks(0, 1, -0.05, 1.05, step=0.2),
                           y_ticks=Ticks(0, 10, -1, 11, step=2))
    docs.append(Doc("dev-ticks-decimal-zh", "dev", "chromium", "D15", "zh", [
        Page("chart", chart=chart, heading="实质性议题识别与评估")] + text_pages(1),
        company=zh_company, seed=115))

    # A log axis printed as evenly spaced 1, 10, 100, 1000: not a linear scale, not read.
    rng = random.Random(116)
    log = Ticks(0, 3, -0.2, 3.2, labels=["1", "10", "100", "1000"])
    chart = labelled_chart(rng, rng.sample(ZH_ISSUES, 8), x_title=zh_x, y_title=zh_y,
                           ticks=log)
    docs.append(Doc("dev-err-log-ticks", "dev", "matplotlib", "D16", "zh", [
        Page("chart", chart=chart, heading="实质性议题矩阵")] + text_pages(1),
        company="瑞丰保险集团 2024年ESG报告", seed=116))

    # Two business lines' matrices side by side, the second with ticks 1-5.
    rng = random.Random(117)
    names = rng.sample(ZH_ISSUES, 12)
    retail = labelled_chart(rng, names[:6], x_title=zh_x, y_title=zh_y, title="零售业务")
    corporate = labelled_chart(rng, names[6:], x_title=zh_x, y_title=zh_y, title="对公业务",
                               ticks=Ticks(1, 5, 0.5, 5.5))
    docs.append(Doc("dev-two-matrices-zh", "dev", "chromium", "D17", "zh", text_pages(1) + [
        Page("chart", chart=retail, side_chart=corporate, heading="实质性议题矩阵")],
        size=A4_LANDSCAPE, company=zh_company, seed=117))

    # A matrix beside an emissions chart with named dots and numeric ticks: not a matrix.
    rng = random.Random(118)
    matrix = labelled_chart(rng, rng.sample(EN_ISSUES, 6), x_title=en_x, y_title=en_y,
                            title="Materiality matrix")
    emissions = labelled_chart(rng, ["Scope 1", "Scope 2", "Business travel", "Commuting"],
                               x_title="Year", y_title="Emissions (kt CO2e)",
                               ticks=Ticks(2020, 2024, 2019.5, 2024.5),
                               y_ticks=Ticks(0, 100, 0, 110, step=20), title="Emissions",
                               matrix=False)
    # A chart page scanned at 200 dpi, read with OCR: lines and markers from the pixels.
    rng = random.Random(119)
    chart = labelled_chart(rng, rng.sample(EN_ISSUES, 6), x_title=en_x, y_title=en_y,
                           y_title_rotated=False, title="Materiality matrix", label_size=9)
    docs.append(Doc("dev-scanned-chart-ocr-en", "dev", "matplotlib", "D19", "en",
                    text_pages(1) + [Page("scan", chart=chart, heading="Materiality assessment",
                                          scan_dpi=200)],
                    company=en_company, seed=119, ocr=True))

    docs.append(Doc("dev-matrix-and-other-chart-en", "dev", "matplotlib", "D18", "en",
                    text_pages(1) + [Page("chart", chart=matrix, side_chart=emissions,
                                          heading="Materiality assessment")],
                    size=A4_LANDSCAPE, company=en_company, seed=118))
    return [finish(d) for d in docs]


def holdout_docs():
    docs = []
    zh_company = "国泰融信金融控股集团 2024年可持续发展暨ESG报告"
    en_company = "Meridian Financial Group  -  ESG Report 2024"
    business_zh, stakeholder_zh = "对公司经营的影响程度", "对利益相关方的影响程度"

    rng = random.Random(201)
    chart = Chart(points=[], x_title=business_zh, y_title=stakeholder_zh, labels="left",
                  marker="square", title="实质性议题矩阵")
    chart.points = chart_points(chart, place(rng, rng.sample(ZH_ISSUES, 12), 3, 5, (0.65, 0.85)))
    docs.append(Doc("holdout-left-squares-landscape-zh", "holdout", "rsvg", "H01", "zh",
                    text_pages(1, 3) + [Page("chart", chart=chart, heading="实质性议题分析",
                                             before=0)] + text_pages(1, 3),
                    size=A4_LANDSCAPE, company=zh_company, seed=201))

    rng = random.Random(202)
    chart = Chart(points=[], x_title="Impact on business", y_title="Stakeholder concern",
                  labels="above", marker="diamond", title="Materiality matrix")
    chart.points = chart_points(chart, place(rng, rng.sample(EN_ISSUES, 10), 2, 5, (0.4, 0.6),
                                             (0.1, 0.4)))
    docs.append(Doc("holdout-above-diamonds-en", "holdout", "chromium", "H02", "en",
                    text_pages(2) + [Page("chart", chart=chart, heading="Materiality")],
                    company=en_company, seed=202))

    rng = random.Random(203)
    chart = Chart(points=[], x_axis="stakeholder", x_title="利益相关方关注度",
                  y_title="对公司经营的影响程度", marker="triangle")
    chart.points = chart_points(chart, place(rng, rng.sample(ZH_ISSUES, 11), 3, 5))
    top = sorted(chart.points, key=lambda p: -(p[1] + p[2]))[:2]
    note = f"评估结果显示，{top[0][0]}和{top[1][0]}是本年度最受关注的议题。"
    docs.append(Doc("holdout-swapped-triangles-zh", "holdout", "matplotlib", "H03", "zh",
                    text_pages(1) + [Page("chart", chart=chart, heading="重要性评估结果",
                                          note=note)]
                    + text_pages(1), company="长安数字银行 2024年ESG报告", seed=203))

    rng = random.Random(204)
    chart = Chart(points=[], x_title="对公司发展的影响", y_title="对利益相关方的影响",
                  labels="numbered", legend="below2", marker="circle")
    chart.points = chart_points(chart, place(rng, rng.sample(ZH_ISSUES, 16), 4, 5,
                                             (0.25, 0.75), (0.25, 0.75)))
    docs.append(Doc("holdout-legend-below-two-columns-zh", "holdout", "chromium", "H04", "zh",
                    text_pages(1) + [Page("chart", chart=chart, heading="实质性议题矩阵", before=0)],
                    company=zh_company, seed=204))

    rng = random.Random(205)
    chart = Chart(points=[], x_title="对公司可持续发展的重要性", y_title="对利益相关方的重要性",
                  wrap=8, label_size=7.0, title="2024年度实质性议题矩阵")
    chart.points = chart_points(chart, place(rng, rng.sample(ZH_LONG_ISSUES, 22), 4, 6,
                                             (0.06, 0.16)))
    docs.append(Doc("holdout-crowded-wrapped-landscape-zh", "holdout", "rsvg", "H05", "zh",
                    [Page("chart", chart=chart, heading="实质性议题矩阵", before=0)]
                    + text_pages(1, 3), size=A4_LANDSCAPE, company=zh_company, seed=205))

    rng = random.Random(206)
    categories = ["环境", "社会", "治理"]
    table = [(n, rng.choice(categories), "重要性：" + rng.choice(["高", "高", "中", "低"]))
             for n in rng.sample(ZH_ISSUES, 11)]
    docs.append(Doc("holdout-level-cells-zh", "holdout", "chromium", "H06", "zh",
                    text_pages(1) + [Page("table", table=table, heading="实质性议题评估结果",
                                          table_headers=("议题", "类别", "评估结果"))],
                    company="长安数字银行 2024年ESG报告", seed=206))

    rng = random.Random(207)
    items = list(enumerate(rng.sample(ZH_ISSUES, 20), 1))
    docs.append(Doc("holdout-paren-list-zh", "holdout", "matplotlib", "H07", "zh",
                    text_pages(1) + [Page("list", list_items=items[:13], list_style="paren",
                                          heading="实质性议题排序", before=2),
                                     Page("list", list_items=items[13:], list_style="paren")],
                    company="国泰融信金融控股集团 2024年ESG报告", seed=207))

    rng = random.Random(208)
    table = [(n, rng.choice(["High", "Medium", "Medium", "Low"])) for n in rng.sample(EN_ISSUES, 9)]
    docs.append(Doc("holdout-table-landscape-en", "holdout", "rsvg", "H08", "en",
                    [Page("table", table=table, heading="Material topics and their priority",
                          table_headers=("Topic", "Priority"))] + text_pages(1, 3),
                    size=A4_LANDSCAPE, company=en_company, seed=208))

    rng = random.Random(209)
    chart = Chart(points=[], x_axis="stakeholder", x_title="Stakeholder concern",
                  y_title="Impact on business", labels="left", marker="diamond",
                  title="Materiality matrix")
    chart.points = chart_points(chart, place(rng, rng.sample(EN_ISSUES, 10), 2, 5, (0.8, 0.92)))
    docs.append(Doc("holdout-swapped-landscape-en", "holdout", "matplotlib", "H09", "en",
                    text_pages(1, 3) + [Page("chart", chart=chart, heading="Double materiality",
                                             before=0)],
                    size=A4_LANDSCAPE, company=en_company, seed=209))

    rng = random.Random(210)
    names = rng.sample(EN_ISSUES, 11)
    chart = Chart(points=[], x_title="Importance to Meridian", y_title="Importance to stakeholders",
                  title="Materiality matrix")
    spots = place(rng, names[:9] + ["shared"], 2, 5, (0.35, 0.45))
    _, fy, fx = spots.pop()
    chart.points = chart_points(chart, spots)
    chart.shared_marker = (names[9], names[10], fx, fy)
    docs.append(Doc("holdout-err-labels-share-marker-en", "holdout", "chromium", "H10", "en",
                    [Page("chart", chart=chart, heading="Materiality")] + text_pages(1),
                    company=en_company, seed=210))

    rng = random.Random(211)
    chart = Chart(points=[], x_title="对公司发展的重要性", y_title="对利益相关方的重要性")
    chart.points = chart_points(chart, place(rng, rng.sample(ZH_ISSUES, 9), 3, 5))
    docs.append(Doc("holdout-err-scanned-zh", "holdout", "matplotlib", "H11", "zh",
                    [Page("scan", chart=chart, heading="实质性议题矩阵")],
                    company=zh_company, seed=211))
    return [finish(d) for d in docs]


# ---------------------------------------------------------------- main

def check_text_layer(doc, pdf):
    """The generator's own check: the PDF has the pages the truth says, and each entry's name
    (or its first line) is on its page's text layer. Skipped without pdftotext."""
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        return
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    pages = int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))
    if pages != len(doc.pages):
        sys.exit(f"make_corpus: {pdf} has {pages} pages, the truth says {len(doc.pages)}")
    scans = {p["page"] for p in doc.problems if p["kind"] == "no_text_layer"}
    wanted = {page: [] for page in scans}
    for e in doc.entries + doc.optional_entries + doc.problems:
        if (e.get("kind") == "label_without_marker" or "name" in e) and e["page"] not in scans:
            wanted.setdefault(e["page"], []).append(e.get("name") or e["text"])
    for page, names in wanted.items():
        text = subprocess.run([pdftotext, "-f", str(page), "-l", str(page), pdf, "-"],
                              capture_output=True, text=True).stdout
        flat = "".join(text.split())
        if page in scans and flat:
            sys.exit(f"make_corpus: {pdf} page {page} is a scan but has text {flat[:40]!r}")
        for name in names:
            piece = "".join(name.split())[:6]
            if piece not in flat:
                sys.exit(f"make_corpus: {pdf} page {page}: {name!r} is not on the text layer")


def produce(doc, out_dir, tools):
    """Writes the document's PDF, or queues it for convert_with_soffice()."""
    pdf = os.path.join(out_dir, doc.name + ".pdf")
    if doc.producer == "chromium":
        produce_chromium(doc, pdf, tools["chromium"])
    elif doc.producer == "matplotlib":
        produce_matplotlib(doc, pdf)
    elif doc.producer == "rsvg":
        produce_rsvg(doc, pdf, tools["rsvg"])
    elif doc.producer in ("calc", "ghostscript"):  # the fresh set's producers
        import make_fresh
        make_fresh.produce(doc, pdf, tools)
    elif doc.producer in ("qt", "impress", "word"):  # the blind set's producers
        import make_blind
        make_blind.produce(doc, pdf, tools)
    elif doc.producer in ("pymupdf", "weasyprint"):  # the sixth set's producers
        import make_sixth
        make_sixth.produce(doc, pdf, tools)
    elif doc.producer in ("rpdf", "rcairo", "gnuplot"):  # the seventh set's producers
        import make_seventh
        make_seventh.produce(doc, pdf, tools)
    elif doc.producer in ("wkhtmltopdf", "inkscape", "pdflatex"):  # the eighth set's producers
        import make_eighth
        make_eighth.produce(doc, pdf, tools)
    elif doc.producer in ("groff", "rsvg+gs", "rsvg+pdftocairo"):  # the ninth set's producers
        import make_ninth
        make_ninth.produce(doc, pdf, tools)
    else:  # the unseen set's producers
        import make_unseen
        if doc.producer == "reportlab":
            make_unseen.produce_reportlab(doc, pdf)
        else:
            make_unseen.produce_libreoffice(doc, pdf, tools["soffice"])


def write_truth(doc, out_dir):
    """Checks the document's PDF and writes its truth beside it."""
    pdf = os.path.join(out_dir, doc.name + ".pdf")
    check_text_layer(doc, pdf)
    truth = {"file": doc.name + ".pdf", "set": doc.set, "producer": doc.producer,
             "firm": doc.firm, "lang": doc.lang, "pages": len(doc.pages),
             "page_size": [round(v, 2) for v in doc.size], "entries": doc.entries,
             "optional_entries": doc.optional_entries, "problems": doc.problems}
    if doc.ocr:
        truth["ocr"] = True
    with open(os.path.join(out_dir, doc.name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--set", choices=["dev", "holdout", "unseen", "fresh", "blind", "sixth",
                                          "seventh", "eighth", "ninth", "all"],
                        default="all")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--rsvg-convert", dest="rsvg", default=shutil.which("rsvg-convert"))
    parser.add_argument("--soffice", default=shutil.which("soffice") or "/usr/bin/soffice")
    parser.add_argument("--gs", default=shutil.which("gs") or "/usr/bin/gs")
    parser.add_argument("--rscript", default=shutil.which("Rscript") or "/usr/bin/Rscript")
    parser.add_argument("--gnuplot", default=shutil.which("gnuplot") or "/usr/bin/gnuplot")
    parser.add_argument("--wkhtmltopdf",
                        default=shutil.which("wkhtmltopdf") or "/usr/bin/wkhtmltopdf")
    parser.add_argument("--inkscape", default=shutil.which("inkscape") or "/usr/bin/inkscape")
    parser.add_argument("--pdflatex", default=shutil.which("pdflatex") or "/usr/bin/pdflatex")
    parser.add_argument("--groff", default=shutil.which("groff") or "/usr/bin/groff")
    parser.add_argument("--pdftocairo", default=shutil.which("pdftocairo") or "/usr/bin/pdftocairo")
    parser.add_argument("--only", help="write only the documents whose name contains this")
    args = parser.parse_args()
    docs = (dev_docs() if args.set in ("dev", "all") else []) + \
           (holdout_docs() if args.set in ("holdout", "all") else [])
    if args.set in ("unseen", "all"):
        import make_unseen
        docs += make_unseen.unseen_docs()
    if args.set in ("fresh", "all"):
        import make_fresh
        docs += make_fresh.fresh_docs()
    if args.set in ("blind", "all"):
        import make_blind
        docs += make_blind.blind_docs()
    if args.set in ("sixth", "all"):
        import make_sixth
        docs += make_sixth.sixth_docs()
    if args.set in ("seventh", "all"):
        import make_seventh
        docs += make_seventh.seventh_docs()
    if args.set in ("eighth", "all"):
        import make_eighth
        docs += make_eighth.eighth_docs()
    if args.set in ("ninth", "all"):
        import make_ninth
        docs += make_ninth.ninth_docs()
    if args.only:
        docs = [d for d in docs if args.only in d.name]
    if any(d.producer.startswith("rsvg") for d in docs) and not args.rsvg:
        sys.exit("make_corpus: rsvg-convert not found (Debian package librsvg2-bin)")
    os.makedirs(args.out_dir, exist_ok=True)
    if not args.only:  # a document renamed or removed since the last run must not linger
        sets = ["dev", "holdout", "unseen", "fresh", "blind", "sixth", "seventh", "eighth",
                "ninth"] \
            if args.set == "all" else [args.set]
        for path in os.listdir(args.out_dir):
            if path.split("-")[0] in sets and path.endswith((".pdf", ".truth.json")):
                os.remove(os.path.join(args.out_dir, path))
    tools = {"chromium": args.chromium, "rsvg": args.rsvg, "soffice": args.soffice, "gs": args.gs,
             "rscript": args.rscript, "gnuplot": args.gnuplot, "wkhtmltopdf": args.wkhtmltopdf,
             "inkscape": args.inkscape, "pdflatex": args.pdflatex, "groff": args.groff,
             "pdftocairo": args.pdftocairo}
    for doc in docs:
        produce(doc, args.out_dir, tools)
    convert_with_soffice(args.soffice)
    for doc in docs:
        write_truth(doc, args.out_dir)
        print(f"{doc.name}.pdf  {doc.producer:10s} {len(doc.pages):3d} pages  "
              f"{len(doc.entries)} entries  {len(doc.problems)} problems")


if __name__ == "__main__":
    import make_corpus  # the module the other generators import: one copy of its queue
    make_corpus.main()
