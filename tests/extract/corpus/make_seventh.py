#!/usr/bin/python3
"""The `seventh` set of the PDF corpus: documents from producers no other set uses, in layouts the
other sets do not have. make_corpus.py writes them with the other sets (`--set seventh` or `all`)
and the same truth format (see its docstring).

Producers (each runs a script this module writes at generation time):
  - rpdf: R's base graphics on its pdf() device (Debian r-base-core). Chinese in its "GB1"
    family: Adobe's STSong-Light CID font, not embedded, encoding GBK-EUC-H, no ToUnicode map
    (poppler-data's CMaps give the text; digits come out full width, "１"). English in Helvetica.
  - rcairo: R's cairo_pdf() device drawing ggplot2 charts (r-cran-ggplot2, labels placed by
    ggrepel, r-cran-ggrepel) laid out on the page with grid; fonts embedded by cairo
    (WenQuanYi Micro Hei for Chinese, DejaVu Sans for English).
  - gnuplot: gnuplot's pdfcairo terminal (gnuplot-nox), WenQuanYi Micro Hei embedded.

Layouts: an R plot with axes 1-5, labels right of the points (text(pos = 4)), a main title and
axis titles; issue numbers printed as the markers themselves (no circle) with quadrant names in
the frame and the numbers' legend below it; a horizontal bar chart ranking the issues (names on
the y axis); a level table drawn with R whose levels are √ marks in 高 / 中 / 低 columns; ggplot2's
grey panel and white gridlines with ggrepel labels set away from their points on segments and a
colour legend by pillar; a ggplot2 chart with shaded quadrants named inside the frame (the names
are no issues) on axes 0-10; ggplot2's theme_classic, no frame but the two axis lines, on axes
0-100 padded 5 %, labels in boxes above the points, its issues restated as a level table on the
next page; gnuplot's `with labels point` with a key box and Chinese axis titles
on tics 0-10; gnuplot with its axes and their titles on the top and right. Error cases: a marker
without a label and a label without a marker (ggplot2), two labels claiming one marker (gnuplot).

Truth: the charts with numeric ticks in their units with the axis's `scale`; the numbered chart,
which has none, in fractions of its frame. Everything is seeded: the truth and the scripts are
the same every run (the PDFs carry their creation date).
"""
import json
import os
import random
import subprocess
import tempfile

import make_corpus as mc
import make_fresh as mf

WIDTH, HEIGHT = mc.A4
ZH_FONT = "WenQuanYi Micro Hei"
EN_FONT = "DejaVu Sans"


# ---------------------------------------------------------------- script helpers

def r_str(text):
    return json.dumps(text, ensure_ascii=False)


def r_vec(values):
    return "c(" + ", ".join(r_str(v) if isinstance(v, str) else repr(v) for v in values) + ")"


def gp_str(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def body_lines(rng, lang, count, size, width):
    """The lines of `count` paragraphs wrapped to width points, a blank line between them."""
    lines = []
    for _ in range(count):
        lines += mc.wrap_text(mc.paragraph(rng, lang), size, width) + [""]
    return lines


def units(fraction, lo, hi):
    return round(lo + fraction * (hi - lo), 2)


def ticked_entries(points, page, lo, hi):
    """Truth of (name, business, stakeholder) in the chart's units on axes lo-hi."""
    return [{"name": n, "kind": "chart", "page": page, "business": x, "stakeholder": y,
             "scale": {"stakeholder": [lo, hi], "business": [lo, hi]}} for n, x, y in points]


# R's base graphics: the device is the page, coordinates in points from its top-left.
R_PAGE = """out <- commandArgs(TRUE)[1]
W <- {w}; H <- {h}
{device}
par(omi = c(0, 0, 0, 0), mar = c(0, 0, 0, 0), xpd = NA)
# the plot region at (left, top, right, bottom) points of the page
frame_at <- function(l, t, r, b) par(plt = c(l / W, r / W, 1 - b / H, 1 - t / H))
px <- function(x) grconvertX(x / W, "ndc")
py <- function(y) grconvertY(1 - y / H, "ndc")
at <- function(x, y, s, size, adj = 0, font = 1, col = "#222222")
  text(px(x), py(y), s, cex = size / 10, adj = c(adj, 0.5), font = font, col = col)
rule <- function(x1, y1, x2, y2, col = "#888888", lwd = 0.6)
  segments(px(x1), py(y1), px(x2), py(y2), col = col, lwd = lwd)
lines_at <- function(x, y, lines, size) for (i in seq_along(lines))
  if (nzchar(lines[i])) at(x, y + (i - 1) * size * 1.6, lines[i], size)
"""


def r_page(lang):
    family = '"GB1"' if lang == "zh" else '"Helvetica"'
    device = f"pdf(out, width = W / 72, height = H / 72, family = {family}, pointsize = 10)"
    return R_PAGE.format(w=WIDTH, h=HEIGHT, device=device)


def r_heading(rng, lang, heading, paragraphs, y=70):
    """Page heading and body paragraphs (R calls, after the first plot); returns (code, y)."""
    lines = body_lines(rng, lang, paragraphs, 9.5, WIDTH - 120)
    code = (f"at(60, {y}, {r_str(heading)}, 16, font = 2)\n"
            f"lines_at(60, {y + 30}, {r_vec(lines)}, 9.5)\n")
    return code, y + 30 + len(lines) * 9.5 * 1.6


# ggplot2 on cairo_pdf: the page is a grid page, the chart a viewport on it.
GG_PAGE = """suppressPackageStartupMessages({{library(ggplot2); library(ggrepel); library(grid)}})
out <- commandArgs(TRUE)[1]
W <- {w}; H <- {h}
cairo_pdf(out, width = W / 72, height = H / 72, family = {family}, onefile = TRUE)
grid.newpage()
at <- function(x, y, s, size, face = "plain")
  grid.text(s, x = unit(x, "bigpts"), y = unit(H - y, "bigpts"), just = c("left", "centre"),
            gp = gpar(fontsize = size, fontface = face, col = "#222222"))
lines_at <- function(x, y, lines, size) for (i in seq_along(lines))
  if (nzchar(lines[i])) at(x, y + (i - 1) * size * 1.6, lines[i], size)
# the plot (with its titles and legend) in the box (left, top, width, height) points
place <- function(p, l, t, w, h)
  print(p, vp = viewport(x = unit(l, "bigpts"), y = unit(H - t, "bigpts"),
                         width = unit(w, "bigpts"), height = unit(h, "bigpts"),
                         just = c("left", "top")))
"""


def gg_page(lang, rng, heading, paragraphs):
    family = r_str(ZH_FONT if lang == "zh" else EN_FONT)
    lines = body_lines(rng, lang, paragraphs, 9.5, WIDTH - 120)
    code = (GG_PAGE.format(w=WIDTH, h=HEIGHT, family=family)
            + f"at(60, 70, {r_str(heading)}, 16, 'bold')\n"
            + f"lines_at(60, 100, {r_vec(lines)}, 9.5)\n")
    return code, 100 + len(lines) * 9.5 * 1.6


def r_frame(data):
    """An R data.frame of columns {name: values}."""
    return "data.frame(" + ", ".join(f"{k} = {r_vec(v)}" for k, v in data.items()) + \
        ", stringsAsFactors = FALSE)"


def r_points(points, **more):
    """An R data.frame of (name, x, y) points, with more columns."""
    return r_frame({"name": [p[0] for p in points], "x": [p[1] for p in points],
                    "y": [p[2] for p in points], **more})


# gnuplot on pdfcairo: an A4 page, the plot area fixed in page fractions; fontscale 0.75 makes
# its font sizes points (pdfcairo sets them 4/3 as large).
GP_PAGE = """set terminal pdfcairo size 21cm,29.7cm font "{font},9" fontscale 0.75
set output out
set encoding utf8
set lmargin at screen {l:.4f}; set rmargin at screen {r:.4f}
set tmargin at screen {t:.4f}; set bmargin at screen {b:.4f}
"""


def gp_page(frame, font=ZH_FONT):
    left, top, right, bottom = frame
    return GP_PAGE.format(font=font, l=left / WIDTH, r=right / WIDTH, t=1 - top / HEIGHT,
                          b=1 - bottom / HEIGHT)


def gp_text(lines, x, y, size):
    """Screen labels: lines from (x, y) points of the page's top-left down."""
    return "".join(f"set label {gp_str(line)} at screen {x / WIDTH:.4f},"
                   f"{1 - (y + i * size * 1.6) / HEIGHT:.4f} left font \",{size}\"\n"
                   for i, line in enumerate(lines) if line)


def gp_data(name, rows):
    """A datablock of (x, y, label) rows."""
    body = "".join(f"{x} {y} {gp_str(label)}\n" for x, y, label in rows)
    return f"${name} << EOD\n{body}EOD\n"


# ---------------------------------------------------------------- R base graphics

def rpdf_docs():
    docs = []

    # 1. Axes 1-5 with ticks, labels right of the points, a main title and axis titles.
    rng = random.Random(1201)
    head, y = r_heading(rng, "zh", "实质性议题分析", 1)
    frame = (90.0, y + 50, 530.0, y + 480)
    names = rng.sample(mc.ZH_ISSUES, 16)
    points = [(n, units(fx, 1, 5), units(fy, 1, 5))
              for n, fx, fy in mf.grid_spots(rng, names, 3, 6, (0.03, 0.15))]
    script = (r_page("zh") + f"frame_at{frame}\n"
              f"d <- {r_points(points)}\n"
              "plot(d$x, d$y, xlim = c(1, 5), ylim = c(1, 5), pch = 19, col = '#1f5fa8',"
              " las = 1, xlab = '', ylab = '', main = '')\n"
              "abline(v = 3, h = 3, lty = 2, col = 'grey60', xpd = FALSE)\n"
              "text(d$x, d$y, d$name, pos = 4, cex = 0.8)\n"
              "title(main = '实质性议题矩阵', line = 1)\n"
              "title(xlab = '对公司发展的重要性', ylab = '对利益相关方的重要性', line = 2.5)\n"
              + head + "invisible(dev.off())\n")
    doc = SeventhDoc("seventh-rpdf-axes-1-5-zh", "seventh", "rpdf", "Y01", "zh",
                     mf.blank_pages(1), seed=1201, seventh={"tool": "rscript", "script": script})
    doc.entries = ticked_entries(points, 1, 1, 5)
    docs.append(doc)

    # 2. The issue numbers are the markers (no circle); quadrant names inside the frame; the
    # numbers' legend in two columns below the chart.
    rng = random.Random(1202)
    head, y = r_heading(rng, "en", "Our material topics", 1)
    frame = (110.0, y + 30, 490.0, y + 400)
    names = rng.sample(mc.EN_ISSUES, 15)
    points = mf.grid_spots(rng, names, 4, 5, (0.3, 0.7))
    numbers = list(range(1, 16))
    quadrants = [(0.03, 0.97, 0, "Monitor"), (0.97, 0.97, 1, "Prioritise"),
                 (0.03, 0.03, 0, "Maintain"), (0.97, 0.03, 1, "Manage")]
    legend = ""
    for i, name in enumerate(names):
        lx, ly = 100 + (i // 8) * 220, frame[3] + 50 + (i % 8) * 14
        legend += (f"at({lx}, {ly}, '{i + 1}', 9, adj = 1, font = 2)\n"
                   f"at({lx + 8}, {ly}, {r_str(name)}, 9)\n")
    script = (r_page("en") + f"frame_at{frame}\n"
              "plot.new(); plot.window(xlim = c(0, 1), ylim = c(0, 1), xaxs = 'i', yaxs = 'i')\n"
              "box(col = 'grey40')\n"
              "abline(v = 0.5, h = 0.5, col = 'grey70', xpd = FALSE)\n"
              + "".join(f"text({qx}, {qy}, '{q}', adj = c({a}, {round(qy)}), font = 3,"
                        f" col = 'grey55', cex = 0.9)\n" for qx, qy, a, q in quadrants)
              + f"text({r_vec([p[1] for p in points])}, {r_vec([p[2] for p in points])},"
              f" {r_vec([str(n) for n in numbers])}, font = 2, col = '#0b6e4f', cex = 1.1)\n"
              "title(xlab = 'Importance to the business', ylab = 'Importance to stakeholders',"
              " line = 1)\n"
              + f"at(60, {frame[3] + 30}, 'Material topics', 10, font = 2)\n" + legend
              + head + "invisible(dev.off())\n")
    doc = SeventhDoc("seventh-rpdf-number-markers-en", "seventh", "rpdf", "Y02", "en",
                     mf.blank_pages(1), seed=1202, seventh={"tool": "rscript", "script": script})
    doc.entries = [{"name": n, "kind": "chart", "stakeholder": fy, "business": fx, "page": 1}
                   for n, fx, fy in points]
    docs.append(doc)

    # 3. A horizontal bar chart ranking the issues by score, the names on the y axis.
    rng = random.Random(1203)
    head, y = r_heading(rng, "zh", "实质性议题排序", 2)
    names = rng.sample(mc.ZH_ISSUES, 15)
    scores = sorted((round(rng.uniform(2.6, 4.9), 2) for _ in names), reverse=True)
    frame = (200.0, y + 40, 520.0, y + 440)
    script = (r_page("zh") + f"frame_at{frame}\n"
              f"s <- {r_vec(scores[::-1])}; n <- {r_vec(names[::-1])}\n"
              "b <- barplot(s, names.arg = n, horiz = TRUE, las = 1, xlim = c(0, 5),"
              " col = '#7fb38f', border = NA, cex.names = 0.85, main = '实质性议题重要性排序')\n"
              "text(s, b, format(s), pos = 4, cex = 0.75)\n"
              "title(xlab = '利益相关方调查平均得分')\n" + head + "invisible(dev.off())\n")
    doc = SeventhDoc("seventh-rpdf-bar-ranking-zh", "seventh", "rpdf", "Y03", "zh",
                     mf.blank_pages(1), seed=1203, seventh={"tool": "rscript", "script": script})
    doc.entries = [{"name": n, "kind": "list", "rank": i + 1, "page": 1}
                   for i, n in enumerate(names)]
    docs.append(doc)

    # 4. A level table drawn with R: the level is a √ in one of the 高 / 中 / 低 columns.
    rng = random.Random(1204)
    head, y = r_heading(rng, "zh", "实质性议题重要性评估", 1)
    names = rng.sample(mc.ZH_ISSUES, 16)
    levels = [rng.choice(["高", "中", "低"]) for _ in names]
    columns = {"高": 370, "中": 430, "低": 490}
    top = y + 20
    rows = (f"at(70, {top + 10}, '序号', 10, font = 2)\n"
            f"at(120, {top + 10}, '实质性议题', 10, font = 2)\n"
            + "".join(f"at({cx}, {top + 10}, '{w}', 10, adj = 0.5, font = 2)\n"
                      for w, cx in columns.items())
            + f"rule(60, {top}, 520, {top}, '#333333', 1)\n"
            f"rule(60, {top + 20}, 520, {top + 20}, '#333333', 1)\n")
    for i, (name, level) in enumerate(zip(names, levels)):
        ry = top + 20 + i * 22
        rows += (f"at(78, {ry + 11}, '{i + 1}', 9.5, adj = 0.5)\n"
                 f"at(120, {ry + 11}, {r_str(name)}, 9.5)\n"
                 f"at({columns[level]}, {ry + 11}, '√', 10, adj = 0.5)\n"
                 f"rule(60, {ry + 22}, 520, {ry + 22})\n")
    below = body_lines(rng, "zh", 1, 9.5, WIDTH - 120)
    script = (r_page("zh") + "frame_at(0, 0, W, H)\nplot.new()\n" + rows
              + f"lines_at(60, {top + 20 + 16 * 22 + 30}, {r_vec(below)}, 9.5)\n"
              + head + "invisible(dev.off())\n")
    doc = SeventhDoc("seventh-rpdf-check-level-table-zh", "seventh", "rpdf", "Y04", "zh",
                     mf.blank_pages(1), seed=1204, seventh={"tool": "rscript", "script": script})
    doc.entries = [{"name": n, "kind": "table", "level": level, "page": 1}
                   for n, level in zip(names, levels)]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- ggplot2 on cairo_pdf

def gg_docs():
    docs = []

    # 5. ggplot2's grey panel, white gridlines, axes 1-5, a colour legend by pillar on the
    # right, ggrepel labels set away from their points on segments.
    rng = random.Random(1205)
    code, y = gg_page("en", rng, "Materiality assessment", 1)
    names = rng.sample(mc.EN_ISSUES, 18)
    spots = mf.grid_spots(rng, names, 4, 5, (0.2, 0.8))
    points = [(n, units(fx, 1, 5), units(fy, 1, 5)) for n, fx, fy in spots]
    pillars = ["Environmental"] * 5 + ["Social"] * 8 + ["Governance"] * 5
    script = (code + f"d <- {r_points(points, pillar=pillars)}\n"
              "d$pillar <- factor(d$pillar, levels = c('Environmental', 'Social',"
              " 'Governance'))\n"
              "p <- ggplot(d, aes(x, y, colour = pillar)) + geom_point(size = 2.4) +\n"
              "  geom_text_repel(aes(label = name), size = 2.5, seed = 42, box.padding = 0.9,\n"
              "                  min.segment.length = 0, max.overlaps = Inf,"
              " show.legend = FALSE) +\n"
              "  scale_x_continuous(limits = c(1, 5), breaks = 1:5) +\n"
              "  scale_y_continuous(limits = c(1, 5), breaks = 1:5) +\n"
              "  scale_colour_manual(values = c('#2e8b57', '#1f5fa8', '#7a4fa0'),"
              " name = 'Pillar') +\n"
              "  labs(title = 'Materiality matrix', x = 'Importance to the business',\n"
              "       y = 'Importance to stakeholders')\n"
              f"place(p, 50, {y + 20}, 495, 470)\n"
              f"lines_at(60, {y + 520}, {r_vec(body_lines(rng, 'en', 1, 9.5, WIDTH - 120))},"
              " 9.5)\n"
              "invisible(dev.off())\n")
    doc = SeventhDoc("seventh-rcairo-ggrepel-pillars-en", "seventh", "rcairo", "Y05", "en",
                     mf.blank_pages(1), seed=1205, seventh={"tool": "rscript", "script": script})
    doc.entries = ticked_entries(points, 1, 1, 5)
    docs.append(doc)

    # 6. Shaded quadrants named inside the frame (the names are no issues), axes 0-10 with no
    # padding; one marker without a label, one label without a marker.
    rng = random.Random(1206)
    code, y = gg_page("zh", rng, "重要性议题评估结果", 1)
    names = rng.sample(mc.ZH_ISSUES, 15)
    spots = mf.grid_spots(rng, names, 3, 6, (0.05, 0.2))
    stray_marker = mf.empty_cell_spot(spots, 3, 6, spots[14][1:])
    points = [(n, units(fx, 0, 10), units(fy, 0, 10)) for n, fx, fy in spots]
    marked, labelled = points[:14] + [("", *(units(v, 0, 10) for v in stray_marker))], points
    quadrants = [(0.3, 9.6, "持续关注"), (9.7, 9.6, "重点关注"), (0.3, 0.4, "一般关注"),
                 (9.7, 0.4, "积极应对")]
    script = (code + f"m <- {r_frame({'x': [p[1] for p in marked], 'y': [p[2] for p in marked]})}\n"
              f"l <- {r_points(labelled)}\n"
              f"q <- {r_frame(dict(zip(('x', 'y', 'name'), zip(*quadrants))))}\n"
              "q$h <- ifelse(q$x > 5, 1, 0)\n"
              "p <- ggplot() +\n"
              "  annotate('rect', xmin = c(0, 5, 0, 5), xmax = c(5, 10, 5, 10),"
              " ymin = c(5, 5, 0, 0),\n"
              "           ymax = c(10, 10, 5, 5), fill = c('#e8f1ea', '#c6dfcb', '#f4f7f5',"
              " '#e8f1ea')) +\n"
              "  geom_text(data = q, aes(x, y, label = name, hjust = h), colour = 'grey50',"
              " size = 3.6) +\n"
              "  geom_point(data = m, aes(x, y), colour = '#0b6e4f', size = 2.2) +\n"
              "  geom_text(data = l, aes(x + 0.18, y, label = name), hjust = 0, size = 2.7) +\n"
              "  scale_x_continuous(limits = c(0, 10), breaks = seq(0, 10, 2),"
              " expand = c(0, 0)) +\n"
              "  scale_y_continuous(limits = c(0, 10), breaks = seq(0, 10, 2),"
              " expand = c(0, 0)) +\n"
              "  labs(x = '对公司发展的重要性', y = '对利益相关方的重要性') + theme_bw() +\n"
              "  theme(panel.grid = element_blank(), plot.margin = margin(10, 30, 10, 10))\n"
              f"place(p, 60, {y + 20}, 480, 470)\n"
              f"lines_at(60, {y + 520}, {r_vec(body_lines(rng, 'zh', 1, 9.5, WIDTH - 120))},"
              " 9.5)\n"
              "invisible(dev.off())\n")
    doc = SeventhDoc("seventh-rcairo-quadrants-err-zh", "seventh", "rcairo", "Y06", "zh",
                     mf.blank_pages(1), seed=1206, seventh={"tool": "rscript", "script": script})
    doc.entries = ticked_entries(points[:14], 1, 0, 10)
    doc.problems = [{"kind": "label_without_marker", "page": 1, "text": points[14][0]},
                    {"kind": "marker_without_label", "page": 1, "text": ""}]
    docs.append(doc)

    # 7. theme_classic: no frame, only the two axis lines; axes 0-100 padded by ggplot's 5 %;
    # labels in boxes (geom_label) above their points. The next page restates the issues as a
    # level table.
    rng = random.Random(1209)
    code, y = gg_page("zh", rng, "实质性议题评估", 1)
    names = rng.sample(mc.ZH_ISSUES, 14)
    spots = mf.grid_spots(rng, names, 3, 5, (0.3, 0.7))
    points = [(n, units(fx, 0, 100), units(fy, 0, 100)) for n, fx, fy in spots]
    levels = ["高" if fx + fy > 1.2 else "中" if fx + fy > 0.8 else "低" for _, fx, fy in spots]
    rows = sorted(zip(names, levels), key=lambda r: "高中低".index(r[1]))
    table = (f"at(70, 110, '序号', 10, 'bold')\nat(120, 110, '实质性议题', 10, 'bold')\n"
             f"at(330, 110, '重要性等级', 10, 'bold')\n"
             + "".join(f"at(78, {134 + i * 22}, '{i + 1}', 9.5)\n"
                       f"at(120, {134 + i * 22}, {r_str(n)}, 9.5)\n"
                       f"at(340, {134 + i * 22}, '{level}', 9.5)\n"
                       for i, (n, level) in enumerate(rows)))
    script = (code + f"d <- {r_points(points)}\n"
              "p <- ggplot(d, aes(x, y)) + geom_point(colour = '#c0392b', size = 2) +\n"
              "  geom_label(aes(label = name), nudge_y = 4.5, size = 2.6, label.size = 0.2) +\n"
              "  scale_x_continuous(limits = c(0, 100), breaks = seq(0, 100, 25)) +\n"
              "  scale_y_continuous(limits = c(0, 100), breaks = seq(0, 100, 25)) +\n"
              "  labs(title = '实质性议题矩阵', x = '对公司发展的重要性',"
              " y = '对利益相关方的重要性') +\n"
              "  theme_classic()\n"
              f"place(p, 60, {y + 20}, 480, 460)\n"
              "grid.newpage()\nat(60, 70, '实质性议题重要性等级', 16, 'bold')\n" + table
              + "invisible(dev.off())\n")
    doc = SeventhDoc("seventh-rcairo-classic-axes-table-zh", "seventh", "rcairo", "Y09", "zh",
                     mf.blank_pages(2), seed=1209, seventh={"tool": "rscript", "script": script})
    doc.entries = ticked_entries(points, 1, 0, 100) + [
        {"name": n, "kind": "table", "level": level, "page": 2} for n, level in rows]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- gnuplot

def gnuplot_docs():
    docs = []

    # 8. `with labels point`: the points and their labels in one plot, a key box, Chinese axis
    # titles, tics 0-10.
    rng = random.Random(1207)
    lines = body_lines(rng, "zh", 1, 9.5, WIDTH - 120)
    frame = (90.0, 110 + len(lines) * 15.2 + 30, 470.0, 110 + len(lines) * 15.2 + 470)
    names = rng.sample(mc.ZH_ISSUES, 16)
    spots = mf.grid_spots(rng, names, 3, 6, (0.03, 0.15))
    points = [(n, units(fx, 0, 10), units(fy, 0, 10)) for n, fx, fy in spots]
    script = (gp_page(frame) + gp_text(["重要性议题识别"], 60, 70, 16)
              + gp_text(lines, 60, 100, 9.5)
              + gp_data("d", [(x, y, n) for n, x, y in points])
              + "set xrange [0:10]; set yrange [0:10]\nset xtics 0,2,10; set ytics 0,2,10\n"
              "set xlabel '对公司发展的重要性'; set ylabel '对利益相关方的重要性'\n"
              "set title '实质性议题矩阵' font ',12'\n"
              "set key outside right top box title '图例'\n"
              "plot $d using 1:2:3 with labels point pt 7 ps 0.7 lc rgb '#1f5fa8'"
              " offset char 0.8,0 left tc rgb '#222222' title '实质性议题'\n")
    doc = SeventhDoc("seventh-gnuplot-labels-point-zh", "seventh", "gnuplot", "Y07", "zh",
                     mf.blank_pages(1), seed=1207, seventh={"tool": "gnuplot", "script": script})
    doc.entries = ticked_entries(points, 1, 0, 10)
    docs.append(doc)

    # 9. The axes and their titles on the top and the right (x2, y2), tics 1-5 on a range
    # padded half a step, the scores within the ticks (a 1-5 assessment has none below 1); two
    # labels claiming one marker, one left of it and one right.
    rng = random.Random(1208)
    lines = body_lines(rng, "en", 1, 9.5, WIDTH - 120)
    top = 110 + len(lines) * 15.2 + 40
    frame = (80.0, top, 480.0, top + 400)
    names = rng.sample([n for n in mc.EN_ISSUES if len(n) <= 22], 16)
    spots = mf.grid_spots(rng, names[:14], 3, 6, (0.03, 0.12))
    shared = mf.empty_cell_spot(spots, 3, 6, (0.5, 0.5))
    points = [(n, units(fx, 1, 5), units(fy, 1, 5)) for n, fx, fy in spots]
    sx, sy = units(shared[0], 1, 5), units(shared[1], 1, 5)
    script = (gp_page(frame, EN_FONT) + gp_text(["Materiality assessment"], 60, 70, 16)
              + gp_text(lines, 60, 100, 9.5)
              + gp_data("d", [(x, y, n) for n, x, y in points] + [(sx, sy, names[14])])
              + gp_data("s", [(sx, sy, names[15])])
              + "set xrange [0.5:5.5]; set yrange [0.5:5.5]\n"
              "set x2range [0.5:5.5]; set y2range [0.5:5.5]\n"
              "unset xtics; unset ytics\nset x2tics 1,1,5 out; set y2tics 1,1,5 out\n"
              "set x2label 'Importance to the business'\nset y2label 'Importance to stakeholders'\n"
              "set grid x2tics y2tics lc rgb '#dddddd'\nunset key\n"
              "plot $d using 1:2 axes x2y2 with points pt 7 ps 0.8 lc rgb '#b03a2e',"
              " $d using 1:2:3 axes x2y2 with labels left offset char 0.9,0,"
              " $s using 1:2:3 axes x2y2 with labels right offset char -0.9,0\n")
    doc = SeventhDoc("seventh-gnuplot-top-right-axes-err-en", "seventh", "gnuplot", "Y08", "en",
                     mf.blank_pages(1), seed=1208, seventh={"tool": "gnuplot", "script": script})
    doc.entries = ticked_entries(points, 1, 1, 5)  # ticks 1-5 on a frame from 0.5 to 5.5
    doc.optional_entries = [{"name": n, "kind": "chart", "stakeholder": None, "business": None,
                             "page": 1} for n in names[14:]]
    doc.problems = [{"kind": "labels_share_marker", "page": 1, "text": ""}]
    docs.append(doc)
    return docs


# ---------------------------------------------------------------- the documents

class SeventhDoc(mc.Doc):
    """A document of this set: `seventh` holds its producer's tool and the script it runs."""

    def __init__(self, *args, seventh=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seventh = seventh or {}


def seventh_docs():
    return rpdf_docs() + gg_docs() + gnuplot_docs()


def produce(doc, out_pdf, tools):
    """Writes the document's script and runs it (in a UTF-8 locale) to write out_pdf."""
    tool, suffix = doc.seventh["tool"], ".R" if doc.seventh["tool"] == "rscript" else ".gp"
    with tempfile.TemporaryDirectory() as tmp:
        script = os.path.join(tmp, doc.name + suffix)
        with open(script, "w", encoding="utf-8") as f:
            f.write(doc.seventh["script"])
        if tool == "rscript":
            command = [tools["rscript"], "--vanilla", script, out_pdf]
        else:
            command = [tools["gnuplot"], "-e", f"out={gp_str(out_pdf)}", script]
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=tmp)
        subprocess.run(command, check=True, env=env, capture_output=True)
