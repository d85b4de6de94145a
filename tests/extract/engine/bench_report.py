#!/usr/bin/env python3
"""Times libmateria_extract on a 100-page report: 95 pages of prose and 5 materiality pages (an
SVG matrix with 20 labelled markers in a 4 x 5 grid, a two-group issue table, a numbered list), printed by
Chromium.

    bench_report.py LIBMATERIA_EXTRACT_SO WORK_DIR [RUNS]

Prints the page count, the entries found, and the median wall and CPU time of RUNS reads
(default 5; one thread, so CPU time is the figure on an idle machine)."""
import ctypes
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

library_path, work_dir = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
os.makedirs(work_dir, exist_ok=True)
random.seed(7)

PROSE = ("本公司坚持以客户为中心，持续完善环境、社会及治理管理体系，推动金融科技与实体经济深度融合。"
         "We expanded our green finance portfolio and strengthened data security controls across "
         "all business lines, with quarterly reviews by the board. ")
ISSUES = ["数据安全", "客户权益保护", "公司治理", "科技创新", "风险管理", "合规经营", "员工发展",
          "绿色金融", "普惠金融", "社区公益", "反腐败", "供应链管理", "应对气候变化", "乡村振兴",
          "信息披露", "网络安全", "负责任投资", "节能减排", "职业健康", "知识产权"]


def chart_page():
    marks = []
    for i, name in enumerate(ISSUES):
        x = 60 + 320 * (0.04 + 0.72 * (i % 4) / 3 + 0.04 * random.random())
        y = 20 + 300 * (0.06 + 0.84 * (i // 4) / 4 + 0.04 * random.random())
        marks.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1f5fa8"/>'
                     f'<text x="{x + 7:.1f}" y="{y + 4:.1f}" font-size="10">{name}</text>')
    return ('<div class="page"><h2>实质性议题矩阵</h2><svg width="480" height="400">'
            '<rect x="60" y="20" width="320" height="300" fill="none" stroke="#333"/>'
            + "".join(marks)
            + '<text x="220" y="350" text-anchor="middle" font-size="12">对利益相关方的重要性</text>'
            '<text transform="translate(40,170) rotate(-90)" text-anchor="middle" font-size="12">'
            '对公司经营的重要性</text></svg>'
            '<table><tr><th>议题</th><th>重要性</th><th>议题</th><th>重要性</th></tr>'
            + "".join(f"<tr><td>{ISSUES[i]}</td><td>高</td><td>{ISSUES[i + 1]}</td><td>中</td></tr>"
                      for i in range(0, 10, 2))
            + "</table>"
            + "".join(f"<p>{i + 1}. {name}</p>" for i, name in enumerate(ISSUES[:8]))
            + "</div>")


pages = []
for number in range(100):
    if number % 20 == 10:
        pages.append(chart_page())
    else:
        pages.append('<div class="page"><h2>第%d章</h2>%s</div>'
                     % (number + 1, "".join(f"<p>{PROSE * random.randint(2, 4)}</p>" for _ in range(4))))
html = ("""<!doctype html><html><head><meta charset="utf-8"><style>
@page { size: A4; margin: 18mm; } body { font-family: 'Noto Sans CJK SC'; font-size: 10pt; }
.page { page-break-after: always; height: 250mm; overflow: hidden; }
td, th { border: 1px solid #999; padding: 3px 8px; } table { border-collapse: collapse; }
</style></head><body>""" + "".join(pages) + "</body></html>")
pdf = os.path.join(work_dir, "report-100-pages.pdf")
with tempfile.TemporaryDirectory() as work:
    page = os.path.join(work, "report.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(html)
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--no-first-run",
                    f"--user-data-dir={os.path.join(work, 'profile')}", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

engine = ctypes.CDLL(library_path)
engine.materia_extract_read_pdf.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
                                            ctypes.POINTER(ctypes.c_void_p)]
engine.materia_extract_free.argtypes = [ctypes.c_void_p]
request = json.dumps({"file": pdf}).encode()
times, cpu_times = [], []
for _ in range(runs):
    result, error = ctypes.c_void_p(), ctypes.c_void_p()
    start, cpu_start = time.perf_counter(), time.process_time()
    status = engine.materia_extract_read_pdf(request, ctypes.byref(result), ctypes.byref(error))
    times.append(time.perf_counter() - start)
    cpu_times.append(time.process_time() - cpu_start)
    if status != 0:
        sys.exit("read failed: " + ctypes.string_at(error).decode())
    answer = json.loads(ctypes.string_at(result).decode())
    engine.materia_extract_free(result)
kinds = {}
for entry in answer["entries"]:
    kinds[entry["kind"]] = kinds.get(entry["kind"], 0) + 1
print(f"pages: {answer['pages']}, materiality pages: {answer['materiality_pages']}")
print(f"entries: {kinds}, problems: {len(answer['problems'])}")
print(f"read time: median {statistics.median(times):.3f} s of {runs} runs "
      f"(min {min(times):.3f}, max {max(times):.3f}); CPU time median "
      f"{statistics.median(cpu_times):.3f} s")
