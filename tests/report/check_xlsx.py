"""issues.xlsx opened with openpyxl: sheets, headers, frozen panes, number formats, values."""
import csv
import io
import subprocess
import sys

import openpyxl

out_dir, materia = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(f"{out_dir}/issues.xlsx")
# The report is Chinese by default (--lang zh): sheet names and headers too.
assert book.sheetnames == ["议题", "主题", "名称", "覆盖", "企业", "方法"], book.sheetnames
for chinese, english in zip(book.sheetnames, ["Issues", "Topics", "Names", "Coverage", "Firms", "Method"]):
    book[chinese].title = english
TITLES = {"排名": "rank", "梯队": "tier", "议题编号": "id", "议题": "name", "英文名称": "name_en",
          "关注企业数": "attention", "关注度": "attention_share", "综合得分": "score",
          "重要性": "importance", "利益相关方": "stakeholder", "企业经营": "business", "象限": "quadrant",
          "所属主题": "parent", "包含议题": "children", "合并的名称": "merged_names",
          "原始名称": "raw_name", "企业数": "firms", "匹配方式": "match", "参数": "parameter",
          "值": "value", "聚合方法": "method", "梯队划分": "tiers", "ESG": "category"}
for sheet in book.worksheets:
    for c in sheet[1]:
        c.value = TITLES.get(c.value, c.value)
# Names: the first two columns are the issue's id and name.
book["Names"].cell(1, 1).value, book["Names"].cell(1, 2).value = "issue_id", "issue"
book["Coverage"].cell(1, 2).value, book["Coverage"].cell(1, 3).value = "issue_id", "issue"
book["Coverage"].cell(1, book["Coverage"].max_column).value = "attention"
method_sheet = book["Method"]
for r in range(2, method_sheet.max_row + 1):
    method_sheet.cell(r, 1).value = {"聚合方法": "method", "梯队划分": "tiers", "企业数": "companies"}.get(
        method_sheet.cell(r, 1).value, method_sheet.cell(r, 1).value)

rows = list(csv.DictReader(io.StringIO(subprocess.run(
    [materia, "analyze", "--sample", "fintech-2024", "--format", "csv"], check=True,
    capture_output=True, text=True).stdout, newline="")))
issues = book["Issues"]
header = [c.value for c in issues[1]]
assert header[:4] == ["rank", "tier", "id", "name"], header
assert issues.freeze_panes == "E2", issues.freeze_panes
assert issues.auto_filter.ref == f"A1:O{len(rows) + 1}", issues.auto_filter.ref
assert issues.max_row == len(rows) + 1 == 92
col = {name: i + 1 for i, name in enumerate(header)}
for r, row in enumerate(rows, start=2):
    assert issues.cell(r, col["id"]).value == row["id"]
    assert issues.cell(r, col["rank"]).value == int(row["rank"])
    assert abs(issues.cell(r, col["score"]).value - float(row["score"])) < 1e-12
    assert abs(issues.cell(r, col["attention_share"]).value - float(row["attention_share"])) < 1e-12
assert issues.cell(2, col["score"]).number_format == "0.0000"
assert issues.cell(2, col["attention_share"]).number_format == "0.0%"
assert issues.cell(2, col["stakeholder"]).number_format == "0.000"
assert issues.cell(1, 1).font.b, "header row is bold"

topics = book["Topics"]
assert [c.value for c in topics[1]][-1] == "children"
assert {topics.cell(r, 3).value for r in range(2, topics.max_row + 1)} == {
    "consumer-rights-protection", "internal-control-and-compliance"}

names = book["Names"]
assert [c.value for c in names[1]][:4] == ["issue_id", "issue", "raw_name", "firms"]
# Every firm's listing is one raw name use: the uses per issue add up to its attention.
uses = {}
for r in range(2, names.max_row + 1):
    uses[names.cell(r, 1).value] = uses.get(names.cell(r, 1).value, 0) + names.cell(r, 4).value
for row in rows:
    assert uses[row["id"]] == int(row["attention"]), row["id"]
assert names.cell(2, 5).value in ("精确", "别名", "模糊", "未匹配")

coverage = book["Coverage"]
firms = book["Firms"]
firm_ids = [firms.cell(r, 1).value for r in range(2, firms.max_row + 1)]
assert len(firm_ids) == 23
assert [c.value for c in coverage[1]] == ["rank", "issue_id", "issue"] + firm_ids + ["attention"]
assert coverage.freeze_panes == "D2"
for r, row in enumerate(rows, start=2):
    listed = sum(1 for c in range(4, 4 + len(firm_ids)) if coverage.cell(r, c).value is not None)
    assert listed == int(row["attention"]), (row["id"], listed)
# Each firm's column holds as many ranks as the firm listed issues.
for f, firm in enumerate(firm_ids):
    listed = sum(1 for r in range(2, coverage.max_row + 1) if coverage.cell(r, 4 + f).value is not None)
    assert listed == firms.cell(2 + f, 5).value, firm

method = {book["Method"].cell(r, 1).value: book["Method"].cell(r, 2).value
          for r in range(2, book["Method"].max_row + 1)}
assert method["method"] == "borda-normalized" and method["tiers"] == "fisher:3", method
assert method["companies"] == 23
print("issues.xlsx: 6 sheets, headers, frozen panes, filters, number formats and values check out")
