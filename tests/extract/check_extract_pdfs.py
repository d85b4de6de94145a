"""materia extract end to end with the real PDF reader (built with -DMATERIA_EXTRACT=ON): report
PDFs drawn here with matplotlib, whose materiality matrices put each issue at known coordinates,
read back through the CLI; the dataset analysed; the review page's images rendered.

usage: check_extract_pdfs.py --cli MATERIA --library LIBMATERIA_EXTRACT --work DIR
"""
import argparse
import json
import os
import shutil
import struct
import subprocess

import matplotlib
import matplotlib.font_manager

matplotlib.use("pdf")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

matplotlib.rcParams["pdf.fonttype"] = 42  # text as text, which the reader reads
CJK = sorted({f.name for f in matplotlib.font_manager.fontManager.ttflist
              if f.name.startswith("Noto Sans CJK")})
assert CJK, "no Noto Sans CJK font (Debian: fonts-noto-cjk)"
matplotlib.rcParams["font.family"] = [CJK[0]]

# Each report: (x title, y title, x is stakeholders?, [(issue, x, y)]) on its page 2.
REPORTS = {
    "bank-north": ("对利益相关方的重要性", "对公司经营的重要性", True,
                   [("数据安全与隐私保护", 0.85, 0.80), ("科技创新", 0.55, 0.70),
                    ("绿色金融", 0.30, 0.45), ("普惠金融", 0.65, 0.25)]),
    "bank-south": ("Importance to business", "Importance to stakeholders", False,
                   [("Data security", 0.20, 0.75), ("Green finance", 0.70, 0.35),
                    ("Financial inclusion", 0.45, 0.60)]),
}


def write_report(path, x_title, y_title, points):
    """A two-page report: a cover of prose, then the matrix (axes [0, 1], names right of their
    markers)."""
    with PdfPages(path) as pdf:
        cover = plt.figure(figsize=(6, 6))
        cover.text(0.1, 0.8, "2024 环境、社会及治理报告", fontsize=16)
        cover.text(0.1, 0.7, "本报告介绍公司在环境、社会及治理方面的实践。", fontsize=10)
        pdf.savefig(cover)
        plt.close(cover)
        fig, ax = plt.subplots(figsize=(6, 6))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xticks([])
        ax.set_yticks([])
        for name, x, y in points:
            ax.plot([x], [y], "o", color="#1f5fa8", markersize=7)
            ax.annotate(name, (x, y), xytext=(7, 0), textcoords="offset points", va="center",
                        fontsize=9)
        ax.set_xlabel(x_title, fontsize=11)
        ax.set_ylabel(y_title, fontsize=11)
        ax.text(1.0, -0.04, "高", transform=ax.transAxes, ha="right", va="top", fontsize=9)
        ax.text(-0.04, 1.0, "高", transform=ax.transAxes, ha="right", va="top", fontsize=9)
        fig.suptitle("实质性议题矩阵", fontsize=13)
        pdf.savefig(fig)
        plt.close(fig)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--library", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    paths = []
    for stem, (x_title, y_title, _, points) in REPORTS.items():
        paths.append(os.path.join(args.work, stem + ".pdf"))
        write_report(paths[-1], x_title, y_title, points)
    env = dict(os.environ, MATERIA_EXTRACT_LIBRARY=args.library)
    out = os.path.join(args.work, "extracted.json")
    html = os.path.join(args.work, "review")
    done = subprocess.run([args.cli, "extract", *paths, "-o", out, "--review-html", html],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    dataset = json.load(open(out, encoding="utf-8"))

    worst = 0.0
    for company, path, (stem, (_, _, x_is_stakeholder, points)) in zip(
            dataset["companies"], paths, REPORTS.items()):
        assert company["id"] == stem
        read = {i["name"]: i for i in company["issues"]}
        assert sorted(read) == sorted(name for name, _, _ in points), (stem, sorted(read))
        for name, x, y in points:
            stakeholder, business = (x, y) if x_is_stakeholder else (y, x)
            issue = read[name]
            assert issue["source"]["file"] == path and issue["source"]["page"] == 2, issue
            for axis, truth in (("stakeholder", stakeholder), ("business", business)):
                worst = max(worst, abs(issue[axis] - truth))
                assert abs(issue[axis] - truth) < 0.02, (stem, name, axis, issue[axis], truth)
    files = dataset["meta"]["extraction"]["files"]
    assert [(f["pages"], f["materiality_pages"], f["form"]) for f in files] == [
        (2, [2], "chart"), (2, [2], "chart")], files

    # analyze takes it as it is.
    done = subprocess.run([args.cli, "analyze", out, "--format", "json"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["companies"] == 2

    # The review page: each chart page rendered at 110 dpi (6 x 6 inches: 660 x 660 pixels).
    for stem in REPORTS:
        with open(os.path.join(html, f"{stem}-p2.png"), "rb") as f:
            header = f.read(24)
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (660, 660), struct.unpack(">II", header[16:24])
    page = open(os.path.join(html, "index.html"), encoding="utf-8").read()
    assert page.count('<circle class="marker"') == 7
    print(f"extract end to end: 7 issues from 2 reports, worst coordinate error {worst:.4f}")


if __name__ == "__main__":
    main()
