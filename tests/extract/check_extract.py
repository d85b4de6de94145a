"""materia extract through the CLI, without poppler: the loader's errors, and the outputs made
from the answers of the reader's test double (reader_test_double.c), whose "PDFs" are text files
holding the answer it returns. Every expected value below is written by hand from those answers.

usage: check_extract.py CASE --cli MATERIA --work DIR [--double LIB] [--wrong-double LIB]
                        [--chromium PATH]
"""
import argparse
import csv
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOT_BUILT = ("materia: error: PDF extraction is not part of this build of materia: build with "
             "-DMATERIA_EXTRACT=ON (needs Debian's libpoppler-private-dev), see docs/extract.md")


def chart(name, s, b, page, confidence):
    """A chart entry whose marker sits where a frame from x 100 to 500 (business 0 to 1) and
    y 600 to 200 (stakeholder 0 to 1) puts it: a 6-point box around that point."""
    x, y = 100 + 400 * b, 600 - 400 * min(s, 1.0)
    return {"name": name, "kind": "chart", "stakeholder": s, "business": b, "page": page,
            "bbox": [x - 3, y - 3, x + 3, y + 3], "confidence": confidence}


# The reader's answers, one per report.
ANSWERS = {
    "bank-a": {
        "pages": 40, "materiality_pages": [12, 13],
        "entries": [
            chart("数据安全与隐私保护", 0.9, 0.8, 12, 0.95),
            chart("科技创新", 0.7, 0.9, 12, 0.9),
            chart("绿色金融", 0.5, 0.4, 12, 0.4),
            chart("普惠金融", 1.004, 0.3, 12, 0.85),  # a hair above the frame: read as 1
            {"name": "客户服务", "kind": "table", "level": "高", "page": 13,
             "bbox": [80, 300, 200, 312], "confidence": 0.9},
        ],
        "problems": [
            {"kind": "label_without_marker", "page": 12, "text": "员工发展",
             "bbox": [150, 250, 190, 260], "message": "no marker near the label"}],
    },
    "insurer-b": {
        "pages": 18, "materiality_pages": [7],
        "entries": [
            {"name": "合规经营", "kind": "table", "level": "高", "page": 7,
             "bbox": [80, 200, 160, 212], "confidence": 0.9},
            {"name": "保障员工权益", "kind": "table", "level": "中", "page": 7,
             "bbox": [80, 215, 160, 227], "confidence": 0.8},
            {"name": "风险管理", "kind": "table", "level": 5, "page": 7,
             "bbox": [80, 230, 160, 242], "confidence": 0.3},
            {"name": "客户服务", "kind": "table", "level": "非常关键", "page": 7,
             "bbox": [80, 245, 160, 257], "confidence": 0.9},
        ],
        "problems": [],
    },
    "broker-c": {
        "pages": 9, "materiality_pages": [3],
        "entries": [
            {"name": "风险管理", "kind": "list", "rank": 1, "page": 3,
             "bbox": [72, 100, 200, 112], "confidence": 1},
            {"name": "数据安全与隐私保护", "kind": "list", "rank": 2, "page": 3,
             "bbox": [72, 115, 200, 127], "confidence": 1},
            {"name": "元宇宙伦理", "kind": "list", "rank": 3, "page": 3,
             "bbox": [72, 130, 200, 142], "confidence": 0.6},
        ],
        "problems": [],
    },
    "scan-d": {
        "pages": 2, "materiality_pages": [],
        "entries": [],
        "problems": [{"kind": "no_text_layer", "page": 1, "text": "", "bbox": [0, 0, 612, 792],
                      "message": "the page has no text layer (a scan?)"}],
    },
}


def png(width, height):
    """A white RGB PNG of width x height pixels."""
    row = b"\x00" + b"\xff" * (3 * width)
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def write_reports(directory):
    """The reports the double reads (answer JSON as a .pdf) and their page images (Letter at
    110 dpi: 935 x 1210 pixels). Returns their paths in ANSWERS' order."""
    os.makedirs(directory, exist_ok=True)
    paths = []
    for stem, answer in ANSWERS.items():
        path = os.path.join(directory, stem + ".pdf")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(dict(answer, file=path), f, ensure_ascii=False)
        with open(path + ".png", "wb") as f:
            f.write(png(935, 1210))
        paths.append(path)
    return paths


def run(cli, *args, env=None, expect=0):
    done = subprocess.run([cli, *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == expect, (
        f"materia {' '.join(args)}: exit {done.returncode}, expected {expect}\n{done.stderr}")
    return done


def with_library(library):
    env = dict(os.environ)
    env["MATERIA_EXTRACT_LIBRARY"] = library
    return env


def check_missing(args):
    """Without the reader: exit 2 and the one message, from a copy of the CLI in a fresh folder
    (no libmateria_extract beside it, whatever this build has)."""
    folder = tempfile.mkdtemp(dir=args.work)
    cli = shutil.copy(args.cli, os.path.join(folder, "materia"))
    env = dict(os.environ)
    env.pop("MATERIA_EXTRACT_LIBRARY", None)
    env.pop("LD_LIBRARY_PATH", None)
    done = run(cli, "extract", "report.pdf", env=env, expect=2)
    assert done.stderr.strip() == NOT_BUILT, done.stderr
    assert done.stdout == ""
    # The same from the C API's status and Python come in their own tests; help still works.
    assert "--review-html" in run(cli, "extract", "--help", env=env).stdout


def check_locations(args):
    """Where the reader is found without MATERIA_EXTRACT_LIBRARY: beside the code (the CLI here,
    libmateria.so elsewhere), else on the library search path."""
    paths = write_reports(os.path.join(args.work, "reports"))
    env = dict(os.environ)
    env.pop("MATERIA_EXTRACT_LIBRARY", None)
    env.pop("LD_LIBRARY_PATH", None)
    beside = tempfile.mkdtemp(dir=args.work)
    cli = shutil.copy(args.cli, os.path.join(beside, "materia"))
    shutil.copy(args.double, os.path.join(beside, "libmateria_extract.so"))
    found = json.loads(run(cli, "extract", paths[2], env=env).stdout)
    assert [i["rank"] for i in found["companies"][0]["issues"]] == [1, 2, 3]
    lonely = tempfile.mkdtemp(dir=args.work)
    cli = shutil.copy(args.cli, os.path.join(lonely, "materia"))
    searched = tempfile.mkdtemp(dir=args.work)
    shutil.copy(args.double, os.path.join(searched, "libmateria_extract.so"))
    run(cli, "extract", paths[2], env=env, expect=2)
    found = json.loads(run(cli, "extract", paths[2], env=dict(env, LD_LIBRARY_PATH=searched)).stdout)
    assert found["companies"][0]["id"] == "broker-c"


def check_wrong_version(args):
    done = run(args.cli, "extract", "report.pdf", env=with_library(args.wrong_double), expect=2)
    assert done.stderr.strip() == (
        f"materia: error: {args.wrong_double} speaks version 99 of the PDF reader's boundary; "
        "this materia needs version 1: build libmateria_extract from the same materia source"
    ), done.stderr
    done = run(args.cli, "extract", "report.pdf",
               env=with_library(os.path.join(args.work, "nothing.so")), expect=2)
    assert done.stderr.startswith("materia: error: cannot load MATERIA_EXTRACT_LIBRARY="), done.stderr


def issue(name, source, confidence, **value):
    return dict(name=name, **value, source=source, confidence=confidence)


def source(path, page, box):
    return {"file": path, "page": page, "bbox": box}


def check_outputs(args):
    paths = write_reports(os.path.join(args.work, "reports"))
    bank, insurer, broker, scan = paths
    env = with_library(args.double)
    out = os.path.join(args.work, "extracted.json")
    review = os.path.join(args.work, "review.csv")
    done = run(args.cli, "extract", *paths, "--taxonomy", "fintech-2024", "-o", out,
               "--review", review, env=env)
    assert f"{scan}: no materiality matrix, issue table or ranked list found" in done.stderr
    dataset = json.load(open(out, encoding="utf-8"))

    # The dataset: chart entries win over bank-a's table; insurer-b's unknown level and scan-d
    # (nothing read) are left out.
    bank_a = ANSWERS["bank-a"]["entries"]
    assert dataset["taxonomy"] == "fintech-2024"
    assert dataset["scale"] == [0, 1]
    assert [c["id"] for c in dataset["companies"]] == ["bank-a", "insurer-b", "broker-c"]
    assert dataset["companies"][0]["issues"] == [
        issue(e["name"], source(bank, 12, e["bbox"]), e["confidence"],
              stakeholder=min(e["stakeholder"], 1.0), business=e["business"])
        for e in bank_a[:4]]
    assert dataset["companies"][1]["issues"] == [
        issue("合规经营", source(insurer, 7, [80, 200, 160, 212]), 0.9, level="高"),
        issue("保障员工权益", source(insurer, 7, [80, 215, 160, 227]), 0.8, level="中"),
        issue("风险管理", source(insurer, 7, [80, 230, 160, 242]), 0.3, level=5)]
    assert [(i["name"], i["rank"]) for i in dataset["companies"][2]["issues"]] == [
        ("风险管理", 1), ("数据安全与隐私保护", 2), ("元宇宙伦理", 3)]
    files = dataset["meta"]["extraction"]["files"]
    assert [(f["file"], f["firm"], f["pages"], f["materiality_pages"], f["form"], f["entries"],
             f["set_aside"], f["problems"]) for f in files] == [
        (bank, "bank-a", 40, [12, 13], "chart", 4, 1, 2),
        (insurer, "insurer-b", 18, [7], "table", 3, 0, 1),
        (broker, "broker-c", 9, [3], "list", 3, 0, 0),
        (scan, "scan-d", 2, [], None, 0, 0, 2)]
    assert [f["bytes"] for f in files] == [os.path.getsize(p) for p in paths]
    version = run(args.cli, "--version").stdout.split()[-1]
    assert dataset["meta"]["extraction"]["materia_version"] == version
    assert "sha256" not in files[0]  # no hash implementation in materia (docs/extract.md)

    # The schema accepts it.
    sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "schema"))
    from schema_common import require_jsonschema
    jsonschema = require_jsonschema()
    schema = json.load(open(os.path.join(SOURCE_DIR, "docs", "schema", "dataset.schema.json")))
    jsonschema.Draft202012Validator(schema).validate(dataset)

    # The review: bank-a's problem, low-confidence entry and table entry set aside, insurer-b's unknown level and
    # low-confidence entry, scan-d's two problems; then the names not in fintech-2024.
    rows = list(csv.DictReader(open(review, encoding="utf-8", newline="")))
    extraction_rows = [(r["file"], r["page"], r["kind"], r["text"], r["bbox"])
                       for r in rows if r["kind"] != "name"]
    assert extraction_rows == [
        (bank, "12", "label_without_marker", "员工发展", "150 250 190 260"),
        (bank, "12", "low_confidence", "绿色金融", "257 397 263 403"),
        (bank, "13", "set_aside", "客户服务", "80 300 200 312"),
        (insurer, "7", "unknown_level", "客户服务", "80 245 160 257"),
        (insurer, "7", "low_confidence", "风险管理", "80 230 160 242"),
        (scan, "", "no_entries", "", ""),
        (scan, "1", "no_text_layer", "", "0 0 612 792")], extraction_rows
    low = next(r for r in rows if r["kind"] == "low_confidence" and r["text"] == "绿色金融")
    assert low["message"] == ("read with confidence 0.40 (stakeholder 0.500, business 0.400); "
                              "check it on the page"), low["message"]
    names = [r for r in rows if r["kind"] == "name"]
    assert "元宇宙伦理" in [r["input"] for r in names], names
    assert all(r["decision"] == "" for r in rows)

    # analyze reads the output as it is, in JSON and CSV, with the same result. Without a
    # taxonomy, borda-normalized over the 8 names: a firm's rank r scores (8 - r + 1) / 8, its
    # unlisted names tie at the bottom (bank-a's 4 at mean rank 6.5, insurer-b's 5 at 6).
    open_json = os.path.join(args.work, "open.json")
    open_csv = os.path.join(args.work, "open.csv")
    run(args.cli, "extract", *paths, "-o", open_json, env=env)
    run(args.cli, "extract", *paths, "--format", "csv", "-o", open_csv, env=env)
    header = open(open_csv, encoding="utf-8").readline().strip().split(",")
    assert header[-4:] == ["source_file", "source_page", "source_bbox", "confidence"], header
    from_json = json.loads(run(args.cli, "analyze", open_json, "--format", "json").stdout)
    from_csv = json.loads(run(args.cli, "analyze", open_csv, "--format", "json").stdout)
    assert from_json["companies"] == 3
    scores = {i["id"]: (i["rank"], i["score"]) for i in from_json["issues"]}
    assert scores == {i["id"]: (i["rank"], i["score"]) for i in from_csv["issues"]}
    assert len(scores) == 8
    assert scores["风险管理"][0] == 1
    assert abs(scores["风险管理"][1] - (1 + 1 + (8 - 6.5 + 1) / 8) / 3) < 1e-9
    assert abs(scores["元宇宙伦理"][1] - ((8 - 3 + 1) / 8 + (8 - 6 + 1) / 8
                                          + (8 - 6.5 + 1) / 8) / 3) < 1e-9

    # With fintech-2024, 元宇宙伦理 names no issue: analyze says so, and the review file,
    # decided ("new"), is the alias file that lets it through.
    done = run(args.cli, "analyze", out, "--format", "json", expect=3)
    assert f'{out}: firm "broker-c": issue "元宇宙伦理": names no issue of taxonomy' in done.stderr
    decided = os.path.join(args.work, "decided.csv")
    with open(decided, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        for r in rows:
            if r["kind"] == "name" and r["input"] == "元宇宙伦理":
                r = dict(r, decision="new", name_en="Metaverse ethics")
            writer.writerow(r)
    with_alias = json.loads(run(args.cli, "analyze", out, "--aliases", decided, "--format",
                                "json").stdout)
    assert "metaverse-ethics" in [i["id"] for i in with_alias["issues"]]
    assert with_alias["companies"] == 3

    # --firm names the firms; their number must match.
    two = run(args.cli, "extract", bank, broker, "--firm", "A01", "--firm", "C03", env=env).stdout
    assert [c["id"] for c in json.loads(two)["companies"]] == ["A01", "C03"]
    done = run(args.cli, "extract", bank, broker, "--firm", "A01", env=env, expect=2)
    assert "give one firm id per report (2 reports, 1 firm ids)" in done.stderr, done.stderr
    # Bad input: one line naming the file.
    missing = os.path.join(args.work, "missing.pdf")
    done = run(args.cli, "extract", missing, env=env, expect=3)
    assert done.stderr.strip() == f"materia: error: {missing}: no such file", done.stderr
    broken = os.path.join(args.work, "broken.pdf")
    open(broken, "w").write(f"ERROR {broken}: page 3: the PDF is damaged\n")
    done = run(args.cli, "extract", broken, env=env, expect=3)
    assert done.stderr.strip() == f"materia: error: {broken}: page 3: the PDF is damaged"
    # A malformed answer is the reader's bug (exit 4), named with the file; a blank name and a
    # box given corner to corner the other way round are taken in stride.
    malformed = os.path.join(args.work, "malformed.pdf")
    answer = dict(ANSWERS["broker-c"], entries=[dict(e) for e in ANSWERS["broker-c"]["entries"]])
    answer["entries"][0]["confidence"] = 1.5
    open(malformed, "w", encoding="utf-8").write(json.dumps(answer))
    done = run(args.cli, "extract", malformed, env=env, expect=4)
    assert done.stderr.strip() == (f"materia: error: {args.double} gave a malformed answer for "
                                   f"{malformed}: a confidence is outside [0, 1]"), done.stderr
    answer["entries"][0].update(confidence=1, name=" ", bbox=[200, 112, 72, 100])
    answer["entries"][1]["bbox"] = [200, 127, 72, 115]
    open(malformed, "w", encoding="utf-8").write(json.dumps(answer))
    fixed = json.loads(run(args.cli, "extract", malformed, env=env).stdout)
    assert [(i["name"], i["source"]["bbox"]) for i in fixed["companies"][0]["issues"]] == [
        ("数据安全与隐私保护", [72, 115, 200, 127]), ("元宇宙伦理", [72, 130, 200, 142])]
    assert fixed["meta"]["extraction"]["files"][0]["problems"] == 1
    done = run(args.cli, "extract", scan, env=env, expect=3)
    assert "no materiality matrix, issue table or ranked list was read from any report" in done.stderr
    print("extract outputs: 3 firms, 10 entries, 6 review rows, analyze on JSON = on CSV")


MEASURE = r"""
<script>
window.addEventListener('load',function(){
var out={images:Array.from(document.images).map(function(i){
           return [i.getAttribute('src'),i.naturalWidth,i.naturalHeight,i.complete];}),
         pages:Array.from(document.querySelectorAll('.page')).map(function(p){
           var svg=p.querySelector('svg');var frame=svg.querySelector('rect.frame');
           var f=frame?frame.getBBox():null;
           return {page:p.dataset.page,
                   circles:svg.querySelectorAll('circle.marker').length,
                   labels:Array.from(svg.querySelectorAll('text.label')).map(function(t){return t.textContent;}),
                   frame:f?[f.x,f.y,f.width,f.height]:null,
                   problems:svg.querySelectorAll('rect.problem').length,
                   red_rows:Array.from(p.querySelectorAll('tr.problem')).map(function(r){
                     return getComputedStyle(r.cells[0]).color;}),
                   rows:p.querySelectorAll('tr.entry').length,
                   overlay:(function(){var a=svg.getBoundingClientRect(),b=p.querySelector('img').getBoundingClientRect();
                     return [a.left-b.left,a.top-b.top,a.width-b.width,a.height-b.height];})()};}),
         external:Array.from(document.querySelectorAll('[src],[href]')).filter(function(e){
           var v=e.getAttribute('src')||e.getAttribute('href');return /^[a-z]+:|^\//.test(v);}).length};
var pre=document.createElement('pre');pre.id='materia-test';pre.textContent=JSON.stringify(out);
document.body.appendChild(pre);
});
</script>
"""


def check_review_html(args):
    paths = write_reports(os.path.join(args.work, "reports"))
    html_dir = os.path.join(args.work, "review")
    run(args.cli, "extract", *paths, "-o", os.path.join(args.work, "x.json"), "--review-html",
        html_dir, env=with_library(args.double))
    listed = sorted(os.listdir(html_dir))
    assert listed == ["bank-a-p12.png", "bank-a-p13.png", "broker-c-p3.png", "index.html",
                      "insurer-b-p7.png", "scan-d-p1.png"], listed
    page = open(os.path.join(html_dir, "index.html"), encoding="utf-8").read()
    # The harness sits beside index.html, so its relative image links resolve as the page's do.
    harness = os.path.join(html_dir, "harness.html")
    open(harness, "w", encoding="utf-8").write(page.replace("</body>", MEASURE + "</body>"))
    work = tempfile.mkdtemp(dir=args.work)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--no-first-run", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + os.path.join(work, "profile")]
    dom = subprocess.run([args.chromium, *flags, "--virtual-time-budget=5000", "--dump-dom",
                          "file://" + harness], capture_output=True, timeout=120, text=True).stdout
    os.remove(harness)
    match = re.search(r'<pre id="materia-test">(.*?)</pre>', dom, re.S)
    assert match, "the measuring script did not run:\n" + dom[-2000:]
    result = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&")
                        .replace("&lt;", "<").replace("&gt;", ">"))
    assert result["external"] == 0, "links are relative"
    assert sorted(i[0] for i in result["images"]) == [
        "bank-a-p12.png", "bank-a-p13.png", "broker-c-p3.png", "insurer-b-p7.png",
        "scan-d-p1.png"]
    assert all(i[1:] == [935, 1210, True] for i in result["images"]), result["images"]
    pages = result["pages"]
    bank12 = pages[0]
    assert bank12["page"] == "12" and bank12["circles"] == 4 and bank12["rows"] == 4
    assert bank12["labels"] == ["1 数据安全与隐私保护", "2 科技创新", "3 绿色金融", "4 普惠金融"]
    # The frame the coordinates imply, in the overlay's units (PDF points): x 100-500,
    # y 200-600 (普惠金融's clamped 1.004 moves it by a fraction of a point).
    x, y, w, h = bank12["frame"]
    assert abs(x - 100) < 1 and abs(w - 400) < 1 and abs(y - 200) < 1 and abs(h - 400) < 1, \
        bank12["frame"]
    assert bank12["problems"] == 1 and bank12["red_rows"] == ["rgb(176, 0, 0)"]
    assert all(abs(d) < 0.5 for d in bank12["overlay"]), "the overlay covers the image"
    insurer7 = next(p for p in pages if p["page"] == "7")
    assert insurer7["rows"] == 3 and insurer7["frame"] is None and len(insurer7["red_rows"]) == 1
    # A file name that is not a plain URL: its image link is percent-encoded.
    odd = os.path.join(args.work, "reports", "broker c#2.pdf")
    shutil.copy(paths[2], odd)
    shutil.copy(paths[2] + ".png", odd + ".png")
    odd_dir = os.path.join(args.work, "odd")
    run(args.cli, "extract", odd, "-o", os.path.join(args.work, "odd.json"), "--review-html",
        odd_dir, env=with_library(args.double))
    assert os.path.exists(os.path.join(odd_dir, "broker c#2-p3.png"))
    assert '<img src="broker%20c%232-p3.png"' in open(os.path.join(odd_dir, "index.html"),
                                                       encoding="utf-8").read()
    shot = os.path.join(args.work, "review.png")
    subprocess.run([args.chromium, *flags, "--window-size=1400,1400", "--screenshot=" + shot,
                    "file://" + os.path.join(html_dir, "index.html")], capture_output=True,
                   timeout=120, check=True)
    assert os.path.getsize(shot) > 10000
    print(f"review html: {len(result['images'])} page images, overlay checked; screenshot {shot}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=["missing", "locations", "wrong_version", "outputs",
                                         "review_html"])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--double")
    parser.add_argument("--wrong-double")
    parser.add_argument("--chromium")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    cases = {"missing": check_missing, "locations": check_locations,
             "wrong_version": check_wrong_version, "outputs": check_outputs,
             "review_html": check_review_html}
    cases[args.case](args)


if __name__ == "__main__":
    main()
