"""`materia report --bootstrap 200 --leave-one-out --png --pdf`: rank intervals, P(tier) and the
influential firm in report.html, issues.csv and issues.xlsx (read back with openpyxl), each the
same numbers as `materia analyze --format json`; PNG and PDF charts with ink where the Chinese
title is (the PNG decoded here with zlib)."""
import csv
import html
import io
import json
import re
import struct
import subprocess
import sys
import zlib

import openpyxl

out_dir, materia = sys.argv[1], sys.argv[2]
expected = json.loads(subprocess.run(
    [materia, "analyze", "--sample", "fintech-2024", "--bootstrap", "200", "--leave-one-out",
     "--format", "json"], check=True, capture_output=True).stdout)["issues"]
by_id = {issue["id"]: issue for issue in expected}


def own_tier(issue):
    return issue["tier_probability"][issue["tier"] - 1]


# issues.csv (--lang zh, the default): Chinese headers, then the resampling columns.
rows = list(csv.reader(io.StringIO(open(f"{out_dir}/issues.csv", encoding="utf-8-sig").read(),
                                   newline="")))
header = rows[0]
assert header[:3] == ["排名", "中位排名", "梯队"], header
assert header[-6:] == ["排名区间下限", "排名区间上限", "留在本梯队的概率", "梯队不稳定", "影响最大的企业",
                       "去掉该企业后的排名变动"], header
col = {name: i for i, name in enumerate(header)}
assert len(rows) == 92
for row in rows[1:]:
    issue = by_id[row[col["议题编号"]]]
    low, high = issue["rank_interval"]
    assert float(row[col["排名区间下限"]]) == round(low, 2) and float(row[col["排名区间上限"]]) == round(high, 2)
    assert abs(float(row[col["留在本梯队的概率"]]) - own_tier(issue)) < 5e-4
    assert row[col["梯队不稳定"]] == ("是" if own_tier(issue) < 0.5 else "否")
    assert row[col["象限"]] in ("双重重要", "影响重要", "财务重要", "一般关注", ""), row[col["象限"]]
    firm = issue.get("influential_firm", {}).get("id", "")
    assert row[col["影响最大的企业"]] == firm
    # interval ends are whole, half or at most two decimals: never 36.02499999999998
    assert re.fullmatch(r"\d+(\.\d{1,2})?", row[col["排名区间上限"]]), row[col["排名区间上限"]]

# issues.xlsx: the same columns on the Chinese Issues sheet.
book = openpyxl.load_workbook(f"{out_dir}/issues.xlsx")
assert book.sheetnames == ["议题", "主题", "名称", "覆盖", "企业", "方法"], book.sheetnames
sheet = book["议题"]
head = [c.value for c in sheet[1]]
assert head[:4] == ["排名", "梯队", "议题编号", "议题"], head
assert head[-6:] == header[-6:], head
x = {name: i + 1 for i, name in enumerate(head)}
unstable = 0
for r in range(2, sheet.max_row + 1):
    issue = by_id[sheet.cell(r, x["议题编号"]).value]
    assert sheet.cell(r, x["排名区间下限"]).value == issue["rank_interval"][0]
    assert sheet.cell(r, x["排名区间上限"]).value == issue["rank_interval"][1]
    assert abs(sheet.cell(r, x["留在本梯队的概率"]).value - own_tier(issue)) < 1e-12
    assert sheet.cell(r, x["留在本梯队的概率"]).number_format == "0.0%"
    flag = sheet.cell(r, x["梯队不稳定"])
    assert flag.value == ("是" if own_tier(issue) < 0.5 else "否")
    if flag.value == "是":
        unstable += 1
        assert flag.font.b, "an unstable tier is highlighted"
    assert sheet.cell(r, x["象限"]).value in ("双重重要", "影响重要", "财务重要", "一般关注", None)
assert unstable == sum(own_tier(i) < 0.5 for i in expected)
method = {book["方法"].cell(r, 1).value: book["方法"].cell(r, 2).value
          for r in range(2, book["方法"].max_row + 1)}
assert method["自助重抽样次数"] == "200", method

# report.html: one interval and one P(tier) cell per issue, the badge on the unstable ones.
page = open(f"{out_dir}/report.html", encoding="utf-8").read()
intervals = re.findall(r'<td class="num interval" data-v="[^"]*">([^<]*)</td>', page)
assert len(intervals) == 91, len(intervals)
for text, issue in zip(intervals, expected):
    low, high = issue["rank_interval"]
    fmt = lambda v: ("%.1f" % v).rstrip("0").rstrip(".")
    assert text == f"{fmt(low)}–{fmt(high)}", (text, low, high)
assert page.count('class="badge unstable"') == unstable
assert f"；{unstable} 个议题" in page
assert re.search(r'<dd id="kendall-w">0\.\d{3}</dd>', page)

# PNG: signature, size twice the SVG's, and dark pixels where the title is.
svg = open(f"{out_dir}/double_materiality.svg", encoding="utf-8").read()
width, height = (float(v) for v in re.search(r'width="([0-9.]+)" height="([0-9.]+)"', svg).groups())
title = re.search(r'<text x="([0-9.]+)" y="([0-9.]+)"[^>]*>([^<]+)</text>', svg)
assert title.group(3) == "双重重要性矩阵"
png = open(f"{out_dir}/double_materiality.png", "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n"
w, h, depth, colour = struct.unpack(">IIBB", png[16:26])
assert (w, h) == (round(2 * width), round(2 * height)), (w, h)
assert depth == 8 and colour in (2, 6)
data, at = b"", 8
while at < len(png):
    length, kind = struct.unpack(">I4s", png[at:at + 8])
    if kind == b"IDAT":
        data += png[at + 8:at + 8 + length]
    at += 12 + length
raw = zlib.decompress(data)
channels = 4 if colour == 6 else 3
stride = w * channels
tx, ty = int(2 * float(title.group(1))), int(2 * float(title.group(2)))
pixels, previous = [], bytearray(stride)
for y in range(ty + 4):  # rows are unfiltered in order; the title is near the top
    kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - channels] if i >= channels else 0
        b, c = previous[i], previous[i - channels] if i >= channels else 0
        if kind == 1:
            line[i] = (line[i] + a) & 255
        elif kind == 2:
            line[i] = (line[i] + b) & 255
        elif kind == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    pixels.append(bytes(line))
    previous = line
dark = sum(1 for y in range(ty - 30, ty + 4) for x in range(tx, tx + 300)
           if pixels[y][x * channels + 1] < 128)
assert dark > 300, dark
assert pixels[0][:3] == b"\xff\xff\xff", "white background"

pdf = open(f"{out_dir}/double_materiality.pdf", "rb").read()
assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 10000
assert b"/MediaBox [ 0 0 %d %d ]" % (round(width), round(height)) in pdf
for name in ("composite.png", "composite.pdf"):
    assert len(open(f"{out_dir}/{name}", "rb").read()) > 10000, name
print(f"report --bootstrap: intervals, P(tier), {unstable} unstable, influence, agreement, PNG, PDF")
