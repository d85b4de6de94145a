#!/usr/bin/env python3
"""Writes the PDFs that tests/extract/test_extract_engine.cpp reads into OUT_DIR: matplotlib
charts, Chromium-printed tables, lists and SVG charts, plus broken files. The positions the test
expects are the data coordinates below (each chart's axes span [0, 1])."""
import os
import subprocess
import sys
import tempfile

import matplotlib
import matplotlib.font_manager

matplotlib.use("pdf")
import matplotlib.pyplot as plt  # noqa: E402

matplotlib.rcParams["pdf.fonttype"] = 42
# Noto Sans CJK (fonts-noto-cjk): matplotlib lists the collection under its first face's name.
_cjk = sorted({f.name for f in matplotlib.font_manager.fontManager.ttflist
               if f.name.startswith("Noto Sans CJK")})
if not _cjk:
    sys.exit("make_pages.py: no Noto Sans CJK font (install fonts-noto-cjk)")
matplotlib.rcParams["font.family"] = [_cjk[0]]

out_dir = sys.argv[1]
# The markers of chart_scanned.pdf: (name, stakeholder = x, business = y) on [0, 1] of the frame.
PICTURE_POINTS = [("Data security", 0.25, 0.70), ("Green finance", 0.60, 0.30),
                  ("Climate change", 0.45, 0.85)]
os.makedirs(out_dir, exist_ok=True)


def unit_square_axes():
    """A 6 x 6 inch figure with axes from 0 to 1 and no ticks: a chart's plot frame."""
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xticks([])
    ax.set_yticks([])
    return fig, ax


def matplotlib_chart(path, points, x_title, y_title, lone_labels=(), shared=None):
    """Markers at points [(name, x, y)], each name right of its marker; a name of None leaves the
    marker unlabelled; lone_labels are (name, x, y) with no marker; shared: two names equally far
    above and below one marker."""
    fig, ax = unit_square_axes()
    for name, x, y in points:
        ax.plot([x], [y], "o", color="#1f5fa8", markersize=7)
        if name:
            ax.annotate(name, (x, y), xytext=(7, 0), textcoords="offset points", va="center",
                        fontsize=9)
    for name, x, y in lone_labels:
        ax.annotate(name, (x, y), xytext=(7, 0), textcoords="offset points", va="center",
                    fontsize=9)
    if shared:
        (first, second), x, y = shared
        ax.plot([x], [y], "o", color="#1f5fa8", markersize=7)
        ax.annotate(first, (x, y), xytext=(0, 9), textcoords="offset points", ha="center",
                    va="bottom", fontsize=9)
        ax.annotate(second, (x, y), xytext=(0, -9), textcoords="offset points", ha="center",
                    va="top", fontsize=9)
    if x_title:
        ax.set_xlabel(x_title, fontsize=11)
    if y_title:
        ax.set_ylabel(y_title, fontsize=11)
    ax.text(1.0, -0.04, "高", transform=ax.transAxes, ha="right", va="top", fontsize=9)
    ax.text(-0.04, 1.0, "高", transform=ax.transAxes, ha="right", va="top", fontsize=9)
    fig.suptitle("实质性议题矩阵", fontsize=13)
    fig.savefig(path)
    plt.close(fig)


# Named markers, Chinese titles: x = stakeholders, y = business (rotated title).
matplotlib_chart(
    os.path.join(out_dir, "chart_named.pdf"),
    [("数据安全", 0.82, 0.74), ("客户权益保护", 0.35, 0.62), ("科技创新", 0.60, 0.22),
     ("员工发展\n与培训", 0.15, 0.30), (None, 0.45, 0.90)],
    "对利益相关方的重要性", "对公司经营的重要性",
    lone_labels=[("应对气候变化", 0.70, 0.45)])

# The two labels of one marker, English titles with business on x.
matplotlib_chart(
    os.path.join(out_dir, "chart_shared.pdf"),
    [("Data security", 0.20, 0.80), ("Green finance", 0.75, 0.25)],
    "Importance to business", "Importance to stakeholders",
    shared=(("Privacy", "Inclusion"), 0.50, 0.50))

# The business axis titled by the firm's name (English), across importance to stakeholders.
matplotlib_chart(
    os.path.join(out_dir, "chart_firm_named.pdf"),
    [("Data security", 0.25, 0.70), ("Green finance", 0.70, 0.30)],
    "Importance to stakeholders", "Importance to Meridian")

# Markers and labels but no axis titles: the axes cannot be told apart.
matplotlib_chart(os.path.join(out_dir, "chart_untitled.pdf"),
                 [("数据安全", 0.3, 0.6), ("科技创新", 0.7, 0.4)], None, None)

# Tick labels in full-width digits (a CJK font's, as R's pdf() device writes them): x ticks １-５
# at 0.1 ... 0.9, y ticks ０％-１００％ at 0.1 and 0.9 (the frame pads them).
fig, ax = unit_square_axes()
for x, y, name in [(0.2, 0.8, "数据安全"), (0.7, 0.3, "绿色金融")]:
    ax.plot([x], [y], "o", color="#1f5fa8", markersize=7)
    ax.annotate(name, (x, y), xytext=(7, 0), textcoords="offset points", va="center", fontsize=9)
ax.set_xticks([0.1, 0.3, 0.5, 0.7, 0.9], ["１", "２", "３", "４", "５"])
ax.set_yticks([0.1, 0.5, 0.9], ["０％", "５０％", "１００％"])
ax.set_xlabel("对利益相关方的重要性", fontsize=11)
ax.set_ylabel("对公司经营的重要性", fontsize=11)
fig.subplots_adjust(left=0.18, bottom=0.14)
fig.suptitle("实质性议题矩阵", fontsize=13)
fig.savefig(os.path.join(out_dir, "chart_fullwidth_ticks.pdf"))
plt.close(fig)

# A raster page: no text layer at all.
fig = plt.figure(figsize=(4, 4))
ax = fig.add_axes([0, 0, 1, 1])
ax.axis("off")
ax.imshow([[0.0, 1.0], [1.0, 0.0]], cmap="gray")
fig.savefig(os.path.join(out_dir, "scanned.pdf"))
plt.close(fig)

# A materiality page whose chart is a picture: a title, a raster image, no vector markers.
fig = plt.figure(figsize=(5, 5))
fig.suptitle("实质性议题矩阵", fontsize=13)
ax = fig.add_axes([0.1, 0.1, 0.8, 0.75])
ax.axis("off")
ax.imshow([[0.2, 0.8, 0.4], [0.9, 0.1, 0.6], [0.3, 0.7, 0.5]], cmap="Blues")
fig.savefig(os.path.join(out_dir, "chart_raster.pdf"))
plt.close(fig)

# Chromium pages: an SVG chart with quadrant bands and numbered markers, a two-group table and a
# list that runs over a page break.
NUMBERED_SVG = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm; } body { font-family: 'Noto Sans CJK SC'; font-size: 11pt; }
</style></head><body><h2>Materiality matrix</h2>
<svg width="420" height="420" viewBox="0 0 420 420">
<rect x="60" y="20" width="160" height="160" fill="#dde8f5"/>
<rect x="220" y="20" width="160" height="160" fill="#c4d7ee"/>
<rect x="60" y="180" width="160" height="160" fill="#eef3fa"/>
<rect x="220" y="180" width="160" height="160" fill="#dde8f5"/>
%MARKERS%
<text x="220" y="370" text-anchor="middle" font-size="13">Importance to business</text>
<text transform="translate(40,180) rotate(-90)" text-anchor="middle" font-size="13">Importance to stakeholders</text>
</svg>
<p>1 Data security&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;2 Green finance</p>
<p>3 Inclusive finance&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;4 Anti-corruption</p>
</body></html>"""
# (number, fraction of the frame across, fraction up); 4 is in the legend but has no marker.
NUMBERED = [(1, 0.80, 0.85), (2, 0.30, 0.70), (3, 0.55, 0.20)]
markers = []
for number, fx, fy in NUMBERED:
    cx, cy = 60 + 320 * fx, 340 - 320 * fy
    markers.append(f'<circle cx="{cx}" cy="{cy}" r="9" fill="#1f5fa8"/>'
                   f'<text x="{cx}" y="{cy + 4}" text-anchor="middle" font-size="11" '
                   f'fill="white">{number}</text>')

TABLE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm; } body { font-family: 'Noto Sans CJK SC'; font-size: 11pt; }
td, th { padding: 4px 10px; border: 1px solid #999; } table { border-collapse: collapse; }
td.name { width: 9em; }
</style></head><body><h2>实质性议题重要性评估</h2>
<table><tr><th>议题</th><th>重要性</th><th>议题</th><th>重要性</th></tr>
<tr><td class="name">数据安全</td><td>高</td><td class="name">员工权益</td><td>中</td></tr>
<tr><td class="name">客户隐私保护</td><td>高</td><td class="name">社区公益</td><td>低</td></tr>
<tr><td class="name">金融科技创新与数字化转型</td><td>中</td><td class="name">绿色运营</td><td>低</td></tr>
</table><p>注：重要性由问卷调查确定。</p></body></html>"""

# A category column (a merged cell, rowspan, then repeated cells) between the names and the
# "重要性：高" level cells.
CATEGORY_TABLE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm; } body { font-family: 'Noto Sans CJK SC'; font-size: 11pt; }
td, th { padding: 4px 10px; border: 1px solid #999; } table { border-collapse: collapse; }
</style></head><body><h2>实质性议题评估结果</h2>
<table><tr><th>议题</th><th>类别</th><th>评估结果</th></tr>
<tr><td>绿色金融</td><td rowspan="2">环境</td><td>重要性：高</td></tr>
<tr><td>应对气候变化</td><td>重要性：中</td></tr>
<tr><td>乡村振兴</td><td>社会</td><td>重要性：低</td></tr>
<tr><td>员工发展</td><td>社会</td><td>重要性：中</td></tr>
<tr><td>反腐败</td><td>治理</td><td>重要性：高</td></tr>
</table></body></html>"""

LIST_ITEMS = ["数据安全", "客户权益保护", "公司治理", "科技创新", "风险管理", "合规经营",
              "员工发展", "绿色金融", "普惠金融", "社区公益", "反腐败", "供应链管理"]
LIST = ("""<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 20mm; } body { font-family: 'Noto Sans CJK SC'; font-size: 12pt; }
p.item { margin: 0 0 12pt 0; } div.gap { height: 170mm; }
</style></head><body><h2>实质性议题排序</h2><p>按重要性由高到低：</p><div class="gap"></div>"""
        + "".join(f'<p class="item">{i + 1}. {name}</p>' for i, name in enumerate(LIST_ITEMS))
        + "</body></html>")


def chromium_pdf(html, path):
    with tempfile.TemporaryDirectory() as work:
        page = os.path.join(work, "page.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(html)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--no-first-run",
                        f"--user-data-dir={os.path.join(work, 'profile')}",
                        "--no-pdf-header-footer", f"--print-to-pdf={path}", page],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


chromium_pdf(NUMBERED_SVG.replace("%MARKERS%", "\n".join(markers)),
             os.path.join(out_dir, "chart_numbered.pdf"))
chromium_pdf(TABLE, os.path.join(out_dir, "table.pdf"))
chromium_pdf(LIST, os.path.join(out_dir, "list.pdf"))
chromium_pdf(CATEGORY_TABLE, os.path.join(out_dir, "table_categories.pdf"))
# Numbers in full-width parentheses: "（1）数据安全".
chromium_pdf(LIST.split('<div class="gap">')[0]
             + "".join(f'<p class="item">（{i + 1}）{name}</p>'
                       for i, name in enumerate(LIST_ITEMS[:4])) + "</body></html>",
             os.path.join(out_dir, "list_paren.pdf"))

# The table page scanned: rasterised at 200 dpi (pdftoppm, poppler-utils) and put back into a PDF
# as one image, with no text layer (for OCR).
with tempfile.TemporaryDirectory() as work:
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile",
                    os.path.join(out_dir, "table.pdf"), os.path.join(work, "table")], check=True)
    image = plt.imread(os.path.join(work, "table.png"))
    height, width = image.shape[:2]
    fig = plt.figure(figsize=(width / 200, height / 200), dpi=200)
    fig.figimage(image, 0, 0)
    fig.savefig(os.path.join(out_dir, "table_scanned.pdf"), dpi=200)
    plt.close(fig)

# A chart drawn as a picture (for OCR): English titles, the vertical one upright above the axis
# (OCR reads upright text), rasterised at 200 dpi and put back as one image.
fig, ax = unit_square_axes()
fig.subplots_adjust(left=0.12, right=0.72, bottom=0.12, top=0.85)
for name, x, y in PICTURE_POINTS:
    ax.plot([x], [y], "o", color="#1f5fa8", markersize=8)
    ax.annotate(name, (x, y), xytext=(8, 0), textcoords="offset points", va="center", fontsize=11)
ax.set_xlabel("Importance to stakeholders", fontsize=12)
ax.text(0, 1.03, "Importance to the business", transform=ax.transAxes, fontsize=12, va="bottom")
with tempfile.TemporaryDirectory() as work:
    fig.savefig(os.path.join(work, "chart.pdf"))
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile",
                    os.path.join(work, "chart.pdf"), os.path.join(work, "chart")], check=True)
    image = plt.imread(os.path.join(work, "chart.png"))
plt.close(fig)
height, width = image.shape[:2]
fig = plt.figure(figsize=(width / 200, height / 200), dpi=200)
fig.figimage(image, 0, 0)
fig.savefig(os.path.join(out_dir, "chart_scanned.pdf"), dpi=200)
plt.close(fig)

# Broken files: not a PDF, a PDF cut short, and an encrypted one whose password is not empty.
with open(os.path.join(out_dir, "chart_named.pdf"), "rb") as f:
    whole = f.read()
with open(os.path.join(out_dir, "truncated.pdf"), "wb") as f:
    f.write(whole[:200])
with open(os.path.join(out_dir, "not_a_pdf.pdf"), "wb") as f:
    f.write(b"this is a text file, not a PDF\n")


def encrypted_pdf():
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
               b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32
               + b"> /P -4 >>"]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, text in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + text + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff>"
             b" <00112233445566778899aabbccddeeff>] >>\nstartxref\n%d\n%%%%EOF\n"
             % (len(objects) + 1, xref))
    return body


with open(os.path.join(out_dir, "encrypted.pdf"), "wb") as f:
    f.write(encrypted_pdf())
