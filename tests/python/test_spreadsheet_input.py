"""The consultant's workflow (issue 22): the same assessments as an .xlsx workbook with Chinese
headers, merged firm cells and percent cells, as a GBK CSV from Chinese Excel and as a UTF-8 CSV
give byte-identical analyses through the CLI, Python and the C API; level scales keep their
order; what the readers refuse, they refuse by name."""

import ctypes
import datetime
import json
import os
from decimal import Decimal

import openpyxl
import pytest

import materia

# firm, issue, stakeholder %, business %, level, note: F01 and F02 on a matrix in percents,
# F03 on the five-step Chinese scale, F04 on the seven-step one
ROWS = [
    ("F01", "数据安全与隐私保护", "85", "90", "", "管理层访谈"),
    ("F01", "科技创新", "70", "95", "", ""),
    ("F01", "客户服务", "60", "55", "", "问卷"),
    ("F01", "风险管理", "75", "80", "", ""),
    ("F01", "员工发展", "40", "35", "", ""),
    ("F02", "科技创新", "88", "70", "", "董事会审议"),
    ("F02", "数据安全与隐私保护", "92", "85", "", ""),
    ("F02", "绿色金融", "45", "50", "", ""),
    ("F02", "公司治理", "65", "72.5", "", "年报披露"),
    ("F03", "数据安全与隐私保护", "", "", "高", ""),
    ("F03", "绿色金融", "", "", "较高", "新增议题"),
    ("F03", "客户服务", "", "", "中", ""),
    ("F03", "员工发展", "", "", "较低", ""),
    ("F03", "普惠金融", "", "", "低", "利益相关方调查"),
    ("F04", "科技创新", "", "", "很高", ""),
    ("F04", "公司治理", "", "", "高", ""),
    ("F04", "风险管理", "", "", "较高", ""),
    ("F04", "客户服务", "", "", "中", "行业对标"),
    ("F04", "社区公益", "", "", "较低", ""),
    ("F04", "员工发展", "", "", "低", ""),
    ("F04", "绿色金融", "", "", "很低", ""),
]
CHINESE_HEADER = ["公司", "议题", "对利益相关方的重要性", "对公司经营的重要性", "等级", "备注"]


def fraction(percent):
    """"72.5" -> "0.725": the decimal text with the point moved, as a person would write it."""
    return format(Decimal(percent).scaleb(-2).normalize(), "f")


def write_xlsx(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "实质性评估"
    sheet.append(CHINESE_HEADER)
    for firm, issue, s, b, level, note in ROWS:
        sheet.append([firm, issue, None, None, level or None, note or None])
        row = sheet.max_row
        for column, value in ((3, s), (4, b)):
            if value:
                cell = sheet.cell(row=row, column=column)
                cell.value = float(value) / 100 if "." in value else int(value) / 100
                cell.number_format = "0.0%" if "." in value else "0%"
    # F01's id merged down its five rows, as consultants lay sheets out
    for r in range(3, 7):
        sheet.cell(row=r, column=1).value = None
    sheet.merge_cells("A2:A6")
    book.create_sheet("说明").append(["本表为示例数据"])
    book.save(path)


def write_csvs(directory):
    gbk = os.path.join(directory, "firms-gbk.csv")
    with open(gbk, "wb") as f:
        lines = [",".join(CHINESE_HEADER)]
        for firm, issue, s, b, level, note in ROWS:
            lines.append(",".join([firm, issue, s and s + "%", b and b + "%", level, note]))
        f.write(("\r\n".join(lines) + "\r\n").encode("gbk"))
    utf8 = os.path.join(directory, "firms.csv")
    with open(utf8, "w", encoding="utf-8") as f:
        f.write("firm,issue,stakeholder,business,level,note\n")
        for firm, issue, s, b, level, note in ROWS:
            f.write(",".join([firm, issue, s and fraction(s), b and fraction(b), level, note])
                    + "\n")
    return gbk, utf8


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    directory = tmp_path_factory.mktemp("spreadsheets")
    xlsx = os.path.join(directory, "firms.xlsx")
    write_xlsx(xlsx)
    gbk, utf8 = write_csvs(directory)
    return {"xlsx": xlsx, "gbk": gbk, "utf8": utf8}


def test_fraction_helper():
    assert [fraction(x) for x in ("85", "72.5", "5", "100")] == ["0.85", "0.725", "0.05", "1"]


IGNORE = ["--ignore-column", "备注", "--ignore-column", "note"]


def test_xlsx_gbk_and_utf8_give_byte_identical_analyses(files, cli, lib):
    outputs = {}
    for kind, path in files.items():
        done = cli("analyze", path, "--format", "json", *IGNORE)
        assert done.returncode == 0, (kind, done.stderr)
        # the one warning: these names are read without a taxonomy
        assert done.stderr.startswith("materia: warning: the dataset has no taxonomy"), done.stderr
        assert done.stderr.count("materia: warning:") == 1, done.stderr
        outputs[kind] = done.stdout
    assert outputs["xlsx"] == outputs["utf8"]
    assert outputs["gbk"] == outputs["utf8"]
    # GBK named, not detected: the same
    done = cli("analyze", files["gbk"], "--format", "json", "--encoding", "gbk", *IGNORE)
    assert done.stdout == outputs["utf8"]

    # Python: the core's readers with the same options
    python = [
        materia.Dataset.from_file(files["xlsx"], ignore_column="备注"),
        materia.Dataset.from_excel(files["xlsx"], ignore_column=["备注"]),
        materia.Dataset.from_csv(files["gbk"], ignore_column="备注"),
        materia.Dataset.from_csv(files["utf8"], ignore_column="note"),
    ]
    for dataset in python:
        assert materia.analyze(dataset).to_json() + "\n" == outputs["utf8"]

    # the C API: the load options travel as the JSON of the taxonomy argument
    for kind, path in files.items():
        assert c_api_json(lib, path, {"ignore_column": ["备注", "note"]}) == outputs["utf8"]


def c_api_json(lib, path, load_options):
    dataset, result = ctypes.c_void_p(), ctypes.c_void_p()
    status = lib.materia_dataset_from_file(ctypes.byref(dataset), path.encode(),
                                           json.dumps(load_options).encode())
    assert status == 0, lib.materia_last_error().decode()
    assert lib.materia_analyze(ctypes.byref(result), dataset, None) == 0
    text, length = ctypes.c_void_p(), ctypes.c_size_t()
    assert lib.materia_result_to_json(ctypes.byref(text), ctypes.byref(length), result) == 0
    out = ctypes.string_at(text, length.value).decode()
    lib.materia_free(text)
    lib.materia_result_free(result)
    lib.materia_dataset_free(dataset)
    return out


@pytest.fixture(scope="module")
def lib():
    path = os.environ.get("MATERIA_LIBRARY", "")
    assert path and os.path.exists(path), "ctest passes MATERIA_LIBRARY=build/libmateria.so"
    lib = ctypes.CDLL(path)
    P = ctypes.c_void_p
    lib.materia_last_error.restype = ctypes.c_char_p
    lib.materia_dataset_from_file.argtypes = [ctypes.POINTER(P), ctypes.c_char_p, ctypes.c_char_p]
    lib.materia_analyze.argtypes = [ctypes.POINTER(P), P, ctypes.c_char_p]
    lib.materia_result_to_json.argtypes = [ctypes.POINTER(P), ctypes.POINTER(ctypes.c_size_t), P]
    lib.materia_free.argtypes = [P]
    lib.materia_result_free.argtypes = [P]
    lib.materia_dataset_free.argtypes = [P]
    return lib


def test_read_values_percents_merged_ids_and_levels(files):
    dataset = materia.Dataset.from_file(files["xlsx"], ignore_column="备注")
    entries = dataset._core.entries
    f01 = [e for e in entries if e["firm"] == "F01"]
    assert len(f01) == 5  # the merged id counts on each row
    assert f01[0]["stakeholder"] == 0.85 and f01[0]["business"] == 0.9
    f02 = [e for e in entries if e["firm"] == "F02"]
    assert f02[3]["business"] == 0.725
    f03 = [e["level"] for e in entries if e["firm"] == "F03"]
    assert f03 == [4, 3.5, 3, 2.5, 2]
    frame = dataset.to_frame()
    assert str(frame["level"].dtype) == "float64"  # 3.5 is no whole level


def test_five_step_chinese_scale_keeps_its_order(tmp_path):
    # 高/较高/中/较低/低 are five levels, not three: one firm's order is the consensus, no ties
    path = tmp_path / "five.csv"
    rows = [r for r in ROWS if r[0] == "F03"]
    path.write_bytes(("公司,议题,等级\r\n" + "".join(f"{r[0]},{r[1]},{r[4]}\r\n" for r in rows))
                     .encode("gbk"))
    result = materia.analyze(materia.Dataset.from_csv(path, encoding="gbk"))
    assert list(result.issues["name"]) == [r[1] for r in rows]
    scores = list(result.issues["score"])
    assert scores == sorted(set(scores), reverse=True)  # strictly falling: none tied
    assert result.warning_kinds == ["no_taxonomy"]  # no level_tie


def test_level_words_that_tie_are_warned(tmp_path):
    path = tmp_path / "ties.csv"
    path.write_text("firm,issue,level\nF1,a,高\nF1,b,中等\nF1,c,一般\nF2,a,中\n", encoding="utf-8")
    with pytest.warns(materia.AnalysisWarning, match="中等 and 一般"):
        result = materia.analyze(materia.Dataset.from_csv(path))
    assert result.warning_kinds.count("level_tie") == 1
    tie = result.warnings[result.warning_kinds.index("level_tie")]
    assert "levels=" in tie  # the Python name of --levels
    # the firm's own scale orders them
    own = materia.Dataset.from_csv(path, levels={"高": 5, "中等": 4, "一般": 3, "中": 3})
    assert [e["level"] for e in own._core.entries] == [5, 4, 3, 3]
    assert "level_tie" not in materia.analyze(own).warning_kinds


def test_reader_errors_name_what_they_saw(tmp_path, cli):
    note = tmp_path / "note.csv"
    note.write_text("公司,议题,排名,备注\nF1,a,1,x\n", encoding="utf-8")
    done = cli("analyze", str(note))
    assert done.returncode == 3
    assert 'unknown column "备注"' in done.stderr and "议题" in done.stderr
    assert "--ignore-column NAME" in done.stderr
    assert cli("analyze", str(note), "--ignore-column", "备注").returncode == 0
    with pytest.raises(materia.Error, match="ignore_column="):
        materia.Dataset.from_csv(note)

    renamed = tmp_path / "renamed.csv"
    renamed.write_text("单位,话题,名次\nF1,a,1\nF1,b,2\n", encoding="utf-8")
    done = cli("analyze", str(renamed), "--columns", "firm=单位,issue=话题,rank=名次")
    assert done.returncode == 0, done.stderr

    date = tmp_path / "date.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["firm", "issue", "rank"])
    book.active.append(["F1", "a", 1])
    book.active.append(["F1", "b", datetime.date(2024, 3, 1)])
    book.save(date)
    done = cli("analyze", str(date))
    assert done.returncode == 3
    assert "date.xlsx:3: cell C3 is a date" in done.stderr

    with pytest.raises(materia.Error, match="no sheet"):
        materia.Dataset.from_file(date, sheet="2024")


def test_full_width_and_percent_values(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("firm,issue,stakeholder,business,level\n"
                    "F1,a,８５％,０．９,\nF1,b,70 %,＋0.8,\nF2,a,,,４\nF2,b,,,非常重要\n",
                    encoding="utf-8")
    entries = materia.Dataset.from_csv(path)._core.entries
    assert [e["stakeholder"] for e in entries[:2]] == [0.85, 0.7]
    assert [e["business"] for e in entries[:2]] == [0.9, 0.8]
    assert [e["level"] for e in entries[2:]] == [4, 5]
    bad = tmp_path / "comma.csv"
    bad.write_text("firm,issue,rank\nF1,a,\"1,5\"\n", encoding="utf-8")
    with pytest.raises(materia.Error, match="decimal point"):
        materia.Dataset.from_csv(bad)
