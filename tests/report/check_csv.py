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
rows = list(csv.DictReader(io.StringIO(text, newline="")))
expected = json.loads(subprocess.run([materia, "analyze", "--sample", "fintech-2024", "--format", "json"],
                                     check=True, capture_output=True).stdout)["issues"]
assert len(rows) == len(expected) == 91, (len(rows), len(expected))
for row, issue in zip(rows, expected):
    assert row["id"] == issue["id"], (row["id"], issue["id"])
    assert row["name"] == issue["name"]
    assert int(row["rank"]) == issue["rank"] and int(row["tier"]) == issue["tier"]
    assert float(row["score"]) == issue["score"], (row["score"], issue["score"])
    assert row["merged_names"].split(" | ") == issue["merged_names"]
# Chinese survives the round trip (what Excel shows when it honours the BOM).
assert any("数据安全与隐私保护" == r["name"] for r in rows)
print("issues.csv: BOM, 91 rows, values equal the JSON output")
