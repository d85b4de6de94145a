"""issues.csv: a UTF-8 BOM, RFC 4180 quoting, and the same values as `materia analyze --format json`."""
import csv
import io
import json
import subprocess
import sys

out_dir, materia = sys.argv[1], sys.argv[2]
raw = open(f"{out_dir}/issues.csv", "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "issues.csv must start with a UTF-8 BOM"
assert not raw[3:].startswith(b"\xef\xbb\xbf"), "exactly one BOM"
text = raw.decode("utf-8-sig")
# The report is Chinese by default (--lang zh): so is the header, in to_csv's column order.
ZH = {"排名": "rank", "中位排名": "rank_mid", "梯队": "tier", "议题编号": "id", "议题": "name",
      "英文名称": "name_en", "ESG": "category", "关注企业数": "attention", "关注度": "attention_share",
      "综合得分": "score", "RRA ρ": "rho", "重要性": "importance", "利益相关方": "stakeholder",
      "企业经营": "business", "象限": "quadrant", "合并的名称": "merged_names"}
records = list(csv.reader(io.StringIO(text, newline="")))
assert records[0] == list(ZH), records[0]
rows = [dict(zip(ZH.values(), record)) for record in records[1:]]
QUADRANTS = {"双重重要": "both", "影响重要": "stakeholder", "财务重要": "business", "一般关注": "neither"}
expected = json.loads(subprocess.run([materia, "analyze", "--sample", "fintech-2024", "--format", "json"],
                                     check=True, capture_output=True).stdout)["issues"]
assert len(rows) == len(expected) == 91, (len(rows), len(expected))
for row, issue in zip(rows, expected):
    assert row["id"] == issue["id"], (row["id"], issue["id"])
    assert row["name"] == issue["name"]
    assert int(row["rank"]) == issue["rank"] and int(row["tier"]) == issue["tier"]
    assert float(row["score"]) == issue["score"], (row["score"], issue["score"])
    assert row["merged_names"].split(" | ") == issue["merged_names"]
    assert QUADRANTS[row["quadrant"]] == issue["quadrant"]
# Chinese survives the round trip (what Excel shows when it honours the BOM).
assert any("数据安全与隐私保护" == r["name"] for r in rows)
print("issues.csv: BOM, 91 rows, values equal the JSON output")
