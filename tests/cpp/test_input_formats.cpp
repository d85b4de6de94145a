// The consultant's inputs (issue 22): workbooks, encodings, header names, values as spreadsheets
// write them and level scales. The end-to-end checks (an .xlsx, a GBK CSV and a UTF-8 CSV give
// byte-identical analyses through the CLI, Python and the C API) are in
// tests/python/test_spreadsheet_input.py; the refusals are in the bad-input catalogue.
#include <gtest/gtest.h>

#include <string>

#include "../fuzz/stored_zip.hpp"
#include "io/cell_values.hpp"
#include "io/columns_map.hpp"
#include "io/text_encoding.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/rank/rank.hpp"
#include "materia/run/load_options.hpp"
#include "test_support.hpp"

namespace {

using materia_test::error_of;

using materia::detail::parse_cell_number;

double number(std::string_view text, bool percent = true) {
  return parse_cell_number(text, "stakeholder", {"t.csv:2", "", ""}, percent)->value;
}

TEST(CellNumbers, PercentsAreTheDecimalWithThePointMoved) {
  // exactly the double of the decimal fraction, not 85.3 / 100
  EXPECT_EQ(number("85%"), 0.85);
  EXPECT_EQ(number("85.3%"), 0.853);
  EXPECT_EQ(number("72.5 %"), 0.725);
  EXPECT_EQ(number("8.5e1%"), 0.85);
  EXPECT_EQ(number("-5%"), -0.05);
  EXPECT_TRUE(parse_cell_number("85%", "stakeholder", {}, true)->percent);
  EXPECT_FALSE(parse_cell_number("0.85", "stakeholder", {}, true)->percent);
  for (int i = 0; i <= 1000; ++i) {  // every tenth of a percent
    const std::string whole = std::to_string(i / 10) + "." + std::to_string(i % 10);
    const std::string fraction = std::to_string(i / 1000) + "." +
                                 std::string(i < 100 ? (i < 10 ? "00" : "0") : "") +
                                 std::to_string(i % 1000);
    EXPECT_EQ(number(whole + "%"), std::stod(fraction)) << whole;
  }
}

TEST(CellNumbers, FullWidthFormsAreRead) {
  EXPECT_EQ(number("８５％"), 0.85);
  EXPECT_EQ(number("＋４．５"), 4.5);
  EXPECT_EQ(number("－1"), -1);
  EXPECT_EQ(number("\xE3\x80\x80"
                   "3\xC2\xA0"),
            3);  // U+3000, U+00A0 around
  EXPECT_EQ(number("１ｅ２"), 100);
  EXPECT_FALSE(parse_cell_number("\xE3\x80\x80", "rank", {}, false));  // only blanks: no value
}

TEST(CellNumbers, PlainAsciiCellsAndTheirErrors) {
  // Read without a copy when they are plain; the same values and errors as any other cell.
  EXPECT_EQ(number("4.5"), 4.5);
  EXPECT_EQ(number("+1.5"), 1.5);
  EXPECT_EQ(number("-0.25"), -0.25);
  EXPECT_EQ(number("1e3"), 1000);
  EXPECT_EQ(number("2E-2"), 0.02);
  EXPECT_EQ(number(" 3 "), 3);  // blanks around: the general path
  EXPECT_EQ(error_of([] { number("+-5"); }), "t.csv:2: stakeholder \"+-5\" is not a finite number");
  EXPECT_EQ(error_of([] { number("1e999"); }),
            "t.csv:2: stakeholder \"1e999\" is not a finite number");
  EXPECT_EQ(error_of([] { number("1.2.3"); }),
            "t.csv:2: stakeholder \"1.2.3\" is not a finite number");
  EXPECT_EQ(error_of([] { number("+"); }), "t.csv:2: stakeholder \"+\" is not a finite number");
  EXPECT_EQ(error_of([] { number("e"); }), "t.csv:2: stakeholder \"e\" is not a finite number");
}

TEST(CellNumbers, AmbiguousTextIsAnError) {
  EXPECT_EQ(error_of([] { number("4,5"); }),
            "t.csv:2: stakeholder \"4,5\" is not a finite number (write the decimal point as "
            "\".\", without thousands separators)");
  EXPECT_EQ(error_of([] { number("1,234"); }).find("decimal point") != std::string::npos, true);
  EXPECT_EQ(error_of([] { number("4.5分"); }),
            "t.csv:2: stakeholder \"4.5分\" is not a finite number");
  EXPECT_EQ(error_of([] { number("4 5"); }), "t.csv:2: stakeholder \"4 5\" is not a finite number");
  EXPECT_EQ(error_of([] { number("nan"); }), "t.csv:2: stakeholder \"nan\" is not a finite number");
  EXPECT_EQ(error_of([] { number("%"); }), "t.csv:2: stakeholder \"%\" is not a finite number");
  EXPECT_EQ(error_of([] { number("85%", false); }),
            "t.csv:2: stakeholder \"85%\" is a percent, which a stakeholder cannot be");
}

TEST(LevelScale, TheBuiltInScaleKeepsSevenStepsInOrder) {
  const materia::detail::LevelScale scale;
  bool word = false;
  auto value = [&](std::string_view text) { return scale.value(text, {}, word); };
  // 很高 > 高 > 较高 > 中 > 较低 > 低 > 很低: the five-step scale keeps five levels
  EXPECT_GT(value("很高"), value("高"));
  EXPECT_GT(value("高"), value("较高"));
  EXPECT_GT(value("较高"), value("中"));
  EXPECT_GT(value("中"), value("较低"));
  EXPECT_GT(value("较低"), value("低"));
  EXPECT_GT(value("低"), value("很低"));
  // the old five values stay
  EXPECT_EQ(value("Very High"), 5);
  EXPECT_EQ(value("high"), 4);
  EXPECT_EQ(value("medium"), 3);
  EXPECT_EQ(value("low"), 2);
  EXPECT_EQ(value("very-low"), 1);
  EXPECT_TRUE(word);
  EXPECT_EQ(value("非常重要"), 5);
  EXPECT_EQ(value("不重要"), 2);
  EXPECT_EQ(value("４"), 4);
  EXPECT_FALSE(word);
  EXPECT_EQ(value("3.5"), 3.5);
  EXPECT_EQ(error_of([&] { value("7"); }),
            "level 7 is outside the scale from 1 (lowest) to 5 (highest)");
  EXPECT_NE(error_of([&] { value("huge"); }).find("unknown level \"huge\" (the built-in scale"),
            std::string::npos);
}

TEST(LevelScale, AFirmsOwnScale) {
  const materia::detail::LevelScale scale({{"A", 5}, {"B", 4.5}, {"C", 1}});
  bool word = false;
  EXPECT_EQ(scale.value("b", {}, word), 4.5);
  EXPECT_EQ(error_of([&] {
              scale.value("高", {"x.csv:3", "F1", "i"}, word);
            }),
            "x.csv:3: firm \"F1\": issue \"i\": unknown level \"高\" (the levels of --levels: A=5, "
            "B=4.5, C=1)");
  EXPECT_EQ(error_of([] {
              materia::detail::LevelScale({{"A", 6}});
            }),
            "--levels gives \"A\" the value 6: a level is a number from 1 (lowest) to 5 (highest)");
  EXPECT_EQ(error_of([] {
              materia::detail::LevelScale({{"A", 5}, {"a", 4}});
            }),
            "--levels gives the level \"a\" twice");
}

TEST(LevelScale, FiveChineseStepsAreFiveRanks) {
  materia::FirmAssessment firm;
  firm.id = "F1";
  const char* words[] = {"低", "较高", "中", "高", "较低"};
  for (const char* w : words) {
    materia::Entry entry;
    entry.name = w;
    entry.level = materia::parse_level(w);
    firm.entries.push_back(entry);
  }
  const auto ranking =
      materia::rank_firm(firm, {0, 1, 2, 3, 4}, std::nullopt, materia::CombineRule::sum, "t");
  EXPECT_EQ(std::vector<double>(ranking[0].rank.begin(), ranking[0].rank.end()),
            (std::vector<double>{5, 2, 3, 1, 4}));
}

TEST(Csv, LevelWordsThatTieAreWarnedAboutOncePerFirm) {
  auto dataset = materia::load_dataset_csv(
      "firm,issue,level\nF1,a,中等\nF1,b,一般\nF1,c,Critical\nF1,d,very high\nF1,e,中等\nF2,a,中\n",
      "t.csv");
  ASSERT_EQ(dataset.warnings.size(), 1u);
  EXPECT_EQ(dataset.warnings[0],
            "firm \"F1\" writes levels that the scale reads as one: 中等 and 一般 (3); Critical "
            "and very high (5); they tie (give the firm's own order with --levels)");
}

TEST(Columns, ChineseTraditionalAndUserNames) {
  materia::LoadOptions options;
  const materia::detail::ColumnNames names(options);
  EXPECT_EQ(names.field("公司", {}), "firm");
  EXPECT_EQ(names.field(" 实质性议题\xE3\x80\x80", {}), "issue");
  EXPECT_EQ(names.field("对利益相关方的\n重要性", {}), "stakeholder");
  EXPECT_EQ(names.field("對公司經營的重要性", {}), "business");
  EXPECT_EQ(names.field("Firm Name", {}), "firm_name");
  EXPECT_EQ(names.field("权重", {}), "weight");
  options.columns = {{"firm", "单位"}, {"issue", "名称"}};
  options.ignore_columns = {"备注"};
  const materia::detail::ColumnNames user(options);
  EXPECT_EQ(user.field("单位", {}), "firm");
  EXPECT_EQ(user.field("名称", {}), "issue");
  EXPECT_EQ(user.field("备注", {}), "");
  EXPECT_NE(error_of([&] {
              names.field("备注", {"t.csv:1", "", ""});
            }).find("t.csv:1: unknown column \"备注\" (known: firm (company, firm_id, 公司,"),
            std::string::npos);
  materia::LoadOptions bad;
  bad.columns = {{"company", "x"}};
  EXPECT_NE(error_of([&] {
              materia::detail::ColumnNames check(bad);
            }).find("--columns names the field \"company\", which is not one"),
            std::string::npos);
}

TEST(Csv, AnIgnoredColumnAndAPercentWeight) {
  materia::LoadOptions options;
  options.ignore_columns = {"note"};
  auto dataset = materia::load_dataset_csv(
      "firm,issue,rank,note,weight\nF1,a,1,x,50%\nF1,b,2,,50%\n", "t.csv", options);
  EXPECT_EQ(dataset.firms[0].weight, 0.5);
  EXPECT_EQ(error_of([] {
              materia::load_dataset_csv(
                  "firm,issue,stakeholder,business\nF1,a,85%,0.5\nF1,b,4,0.2\n", "t.csv");
            }),
            "t.csv:2: firm \"F1\": issue \"a\": stakeholder \"85%\" is a percent, but the firm "
            "also gives 4 (issue \"b\"): give all of its coordinates as percents or all as "
            "numbers");
}

TEST(Encodings, GbkBig5AndUtf16AreConverted) {
  // "公司,议题,排名\n" and rows in GBK, as Excel on Chinese Windows saves CSV
  const std::string gbk =
      "\xB9\xAB\xCB\xBE,\xD2\xE9\xCC\xE2,\xC5\xC5\xC3\xFB\r\n"
      "F1,\xCA\xFD\xBE\xDD\xB0\xB2\xC8\xAB,1\r\nF1,\xBF\xC6\xBC\xBC\xB4\xB4\xD0\xC2,2\r\n"
      "F2,\xBF\xCD\xBB\xA7\xB7\xFE\xCE\xF1,1\r\n";
  auto [name, confidence] = materia::detail::detect_encoding(gbk);
  EXPECT_EQ(name, "GB18030");
  EXPECT_GE(confidence, 30);
  auto dataset = materia::load_dataset_csv(gbk, "gbk.csv");
  ASSERT_EQ(dataset.firms.size(), 2u);
  EXPECT_EQ(dataset.firms[0].entries[0].name, "数据安全");
  EXPECT_EQ(dataset.firms[1].entries[0].name, "客户服务");
  // UTF-8 is left alone; UTF-16 with its mark is converted
  EXPECT_FALSE(materia::detail::decode_text("firm,issue\nF1,数据安全\n", "", "t"));
  const std::string utf16(
      "\xFF\xFE"
      "f\0,\0i\0\n\0",
      10);
  EXPECT_EQ(*materia::detail::decode_text(utf16, "", "t"), "f,i\n");
  EXPECT_EQ(*materia::detail::decode_text("\xB8\xDF", "gbk", "t"), "高");
  EXPECT_EQ(
      error_of([] { materia::detail::decode_text("a\n\x81 b", "gbk", "t.csv"); }),
      "t.csv: bytes 0x81 on line 2 are not valid gbk (--encoding gbk): is the file in another "
      "encoding?");
  EXPECT_EQ(error_of([] { materia::detail::decode_text("a", "klingon", "t"); }),
            "unknown encoding \"klingon\" (an ICU converter name: utf-8, gbk, gb18030, big5, "
            "utf-16, shift_jis, windows-1252, ...)");
}

TEST(Encodings, InvalidUtf8IsFoundPastLongValidText) {
  // Two lines of valid text (ASCII, 3- and 4-byte characters) longer than the vector checker's
  // blocks, then each kind of invalid sequence: where it is and its bytes.
  const std::string valid =
      std::string(70, 'a') + "\n数据安全 \xF0\x9F\x8C\x8D " + std::string(70, 'b');
  EXPECT_FALSE(materia::detail::decode_text(valid, "utf-8", "t.csv"));
  const std::pair<std::string, std::string> cases[] = {
      {"\xC0\x80", "0xC0 0x80"},                    // an overlong NUL
      {"\xED\xA0\x80", "0xED 0xA0 0x80"},           // a surrogate
      {"\xF4\x90\x80\x80", "0xF4 0x90 0x80 0x80"},  // past U+10FFFF
      {"\xE6\x95", "0xE6 0x95"},                    // cut short at the end
  };
  for (const auto& [bytes, shown] : cases) {
    const std::string text = valid + "\n" + bytes;  // a copy: clang 14 cannot capture a binding
    EXPECT_EQ(error_of([&] { materia::detail::decode_text(text, "utf-8", "t.csv"); }),
              "t.csv: the file is not UTF-8 (--encoding utf-8): bytes " + shown +
                  " on line 3 are not UTF-8")
        << shown;
  }
}

// ---- workbooks, built as stored zips (tests/fuzz/stored_zip.hpp)

const char* kStyles =
    "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"0.00E+00\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
    "<xf numFmtId=\"166\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";

const char* kStrings =
    "<sst><si><t>公司</t></si><si><t>议题</t></si><si><t>对利益相关方的重要性</t></si>"
    "<si><t>对公司经营的重要性</t></si><si><r><t>数据</t></r><r><t>安全</t></r>"
    "<rPh><t>すうじ</t></rPh></si><si><t>科技_x000D_创新</t></si></sst>";

std::string sheet(const std::string& rows, const std::string& merges = "") {
  return "<worksheet><sheetData>" + rows + "</sheetData>" +
         (merges.empty() ? "" : "<mergeCells>" + merges + "</mergeCells>") + "</worksheet>";
}

const std::string kHeader =
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>";

TEST(Xlsx, PercentCellsMergedIdsAndRichText) {
  const std::string rows =
      kHeader +
      "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>F1</t></is></c><c r=\"B2\" t=\"s\"><v>4</v>"
      "</c><c r=\"C2\" s=\"1\"><v>0.85</v></c><c r=\"D2\" "
      "s=\"2\"><v>0.72499999999999998</v></c></row>"
      "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>5</v></c><c r=\"C4\" s=\"4\"><v>5E-1</v></c>"
      "<c r=\"D4\"><v>0.25</v></c></row>";
  auto dataset = materia::load_dataset_xlsx(
      materia::testing::workbook(sheet(rows, "<mergeCell ref=\"A2:A4\"/>"), kStrings, kStyles),
      "w.xlsx");
  ASSERT_EQ(dataset.firms.size(), 1u);
  const auto& entries = dataset.firms[0].entries;
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "数据安全");  // runs joined, the phonetic run left out
  EXPECT_EQ(*entries[0].stakeholder, 0.85);
  EXPECT_EQ(*entries[0].business, 0.725);
  EXPECT_EQ(entries[0].line, 2u);
  EXPECT_EQ(entries[1].name, "科技\r创新");
  EXPECT_EQ(*entries[1].stakeholder, 0.5);
  EXPECT_EQ(entries[1].line, 4u);  // the sheet's row
}

TEST(Xlsx, RefusesDatesErrorsFormulasAndMergedHeaders) {
  auto load = [](const std::string& rows, const std::string& merges = "") {
    return error_of([&] {
      materia::load_dataset_xlsx(
          materia::testing::workbook(sheet(kHeader + rows, merges), kStrings, kStyles), "w.xlsx");
    });
  };
  EXPECT_EQ(load("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>4</v></c><c r=\"B2\" t=\"s\"><v>4</v></c>"
                 "<c r=\"C2\" s=\"3\"><v>45292</v></c></row>"),
            "w.xlsx:2: cell C2 is a date (yyyy\"年\"m\"月\"): a dataset has no dates; format the "
            "column as numbers or text, or skip it with --ignore-column");
  EXPECT_EQ(load("<row r=\"2\"><c r=\"C2\" t=\"e\"><v>#N/A</v></c></row>"),
            "w.xlsx:2: cell C2 holds the Excel error #N/A");
  EXPECT_EQ(load("<row r=\"2\"><c r=\"C2\"><f>1/0</f></c></row>"),
            "w.xlsx:2: cell C2 has a formula without a saved value: open and save the workbook "
            "in Excel, or paste the values");
  EXPECT_EQ(load("<row r=\"3\"><c r=\"F3\"><v>1</v></c></row>"),
            "w.xlsx:3: cell F3 has a value, but its column F has no name in the header (row 1)");
  EXPECT_EQ(load("", "<mergeCell ref=\"C1:D1\"/>"),
            "w.xlsx:1: the header has merged cells (C1:D1): materia needs one header row with "
            "one name per column; unmerge them and give each column its own name");
  EXPECT_EQ(error_of([] { materia::load_dataset_xlsx("PK\3\4junk", "w.xlsx"); }),
            "w.xlsx: not a readable .xlsx workbook (its zip archive is damaged or cut short)");
  EXPECT_EQ(error_of([] {
              materia::load_dataset_xlsx(materia::testing::stored_zip({{"a.txt", "x"}}), "w.ods");
            }),
            "w.ods: not an Excel workbook: the package has no \"xl/workbook.xml\" (an "
            "OpenDocument .ods or another zip file? save it as .xlsx or CSV)");
}

TEST(Xlsx, SheetsByNameOrNumber) {
  auto book = materia::testing::stored_zip({
      {"xl/workbook.xml",
       "<workbook><sheets><sheet name=\"notes\" r:id=\"rId1\"/><sheet name=\"2024\" "
       "r:id=\"rId2\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"s1.xml\"/>"
       "<Relationship Id=\"rId2\" Type=\"x/worksheet\" Target=\"/xl/s2.xml\"/></Relationships>"},
      {"xl/s1.xml", sheet("<row><c t=\"inlineStr\"><is><t>x</t></is></c></row>")},
      {"xl/s2.xml", sheet("<row><c t=\"inlineStr\"><is><t>firm</t></is></c><c t=\"inlineStr\">"
                          "<is><t>issue</t></is></c></row><row><c t=\"inlineStr\"><is><t>F1"
                          "</t></is></c><c t=\"inlineStr\"><is><t>a</t></is></c></row>")},
  });
  materia::LoadOptions options;
  EXPECT_NE(error_of([&] {
              materia::load_dataset_xlsx(book, "w.xlsx", options);
            }).find("unknown column \"x\""),
            std::string::npos);  // the first sheet by default
  options.sheet = "2024";
  EXPECT_EQ(materia::load_dataset_xlsx(book, "w.xlsx", options).firms[0].id, "F1");
  options.sheet = "2";
  EXPECT_EQ(materia::load_dataset_xlsx(book, "w.xlsx", options).firms[0].id, "F1");
  options.sheet = "3";
  EXPECT_EQ(error_of([&] { materia::load_dataset_xlsx(book, "w.xlsx", options); }),
            "w.xlsx: the workbook has no sheet \"3\" (its sheets: \"notes\", \"2024\"; --sheet "
            "takes a name or a number from 1)");
}

TEST(LoadOptions, DeclaredOnceParsedFromJsonOrFlags) {
  auto options = materia::parse_load_options(
      R"({"taxonomy": "none", "sheet": "2", "columns": {"firm": "公司"}, "ignore_column": "备注",
          "encoding": "gbk", "levels": {"高": 5, "低": 1}})");
  EXPECT_EQ(options.taxonomy, "none");
  EXPECT_EQ(options.sheet, "2");
  EXPECT_EQ(options.columns, (std::vector<std::pair<std::string, std::string>>{{"firm", "公司"}}));
  EXPECT_EQ(options.ignore_columns, std::vector<std::string>{"备注"});
  EXPECT_EQ(options.encoding, "gbk");
  EXPECT_EQ(options.levels.size(), 2u);
  auto text = materia::parse_load_options(
      R"({"columns": "firm=公司, issue=议题", "levels": "高=5,低=１"})");
  EXPECT_EQ(text.columns[1], (std::pair<std::string, std::string>{"issue", "议题"}));
  EXPECT_EQ(text.levels[1].second, 1);
  EXPECT_EQ(error_of([] { materia::parse_load_options(R"({"sheets": "2"})"); }),
            "unknown load option \"sheets\" (known: taxonomy, sheet, columns, ignore_column, "
            "encoding, levels, max_input)");
  EXPECT_EQ(materia::load_option_names(),
            (std::vector<std::string>{"sheet", "columns", "ignore_column", "encoding", "levels",
                                      "max_input"}));
}

}  // namespace
