// The CSV dataset reader in pieces (one per core, joined in order) against the same reader in
// one piece: every case must give the same dataset (firms, entries, lines, warnings, shared
// names) or fail with the same message, whatever the number of pieces.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "dataset_text.hpp"
#include "io/streamed.hpp"
#include "materia/materia.hpp"

// A named namespace: the unity build puts this file beside others with helpers of these names.
namespace csv_pieces {

// Equal names are one shared text, as the reader's name pool gives them.
bool names_shared(const materia::Dataset& d) {
  std::map<std::string, const void*> identity;
  for (const auto& f : d.firms)
    for (const auto& e : f.entries)
      if (identity.try_emplace(e.name.str(), e.name.identity()).first->second != e.name.identity())
        return false;
  return true;
}

struct Read {
  std::string text;     // the dataset described, or "error: " and the message
  bool joined = false;  // the pieces were joined (no second reading in one piece)
};

Read read(const std::string& csv, unsigned pieces, const materia::LoadOptions& options = {},
          unsigned threads = 1) {
  Read out;
  try {
    const materia::Dataset d = materia::detail::load_dataset_csv_pieces(
        csv, "d.csv", options, materia::Execution{threads}, {}, pieces, &out.joined);
    EXPECT_TRUE(names_shared(d));
    out.text = materia_test::dataset_text(d);
  } catch (const materia::Error& e) {
    out.text = std::string("error: ") + e.what();
  }
  return out;
}

// Reads `csv` in 2 to 5 pieces and expects what one piece gives; returns that.
std::string expect_same(const std::string& csv, const materia::LoadOptions& options = {},
                        bool joined = true) {
  SCOPED_TRACE(csv.substr(0, 400));
  const Read one = read(csv, 1, options);
  EXPECT_FALSE(one.joined);
  for (unsigned pieces = 2; pieces <= 5; ++pieces) {
    SCOPED_TRACE(pieces);
    const Read split = read(csv, pieces, options);
    EXPECT_EQ(split.text, one.text);
    if (joined) {
      EXPECT_TRUE(split.joined);
    }
  }
  return one.text;
}

const std::string kHeader = "firm,issue,stakeholder,business\n";

// `firms` firms of `issues` rows each, with numbers that differ by row.
std::string rows(int firms, int issues, const std::string& prefix = "F") {
  std::string out;
  for (int f = 0; f < firms; ++f)
    for (int i = 0; i < issues; ++i)
      out += prefix + std::to_string(f) + ",issue " + std::to_string((f * 7 + i * 3) % 50) + "," +
             std::to_string((f + i) % 5 + 1) + "," + std::to_string((f * i) % 5 + 1) + "\n";
  return out;
}

TEST(CsvPieces, ManyFirmsInPiecesEqualOneRead) {
  const std::string text = expect_same(kHeader + rows(300, 12));
  EXPECT_EQ(text.find("error"), std::string::npos) << text.substr(0, 200);
}

TEST(CsvPieces, AFirmWhoseRowsSpanThePiecesIsOneFirm) {
  // one firm's 400 rows, then its rows again after another firm's: every split point falls in
  // a firm's rows, and the firm's later rows join its earlier ones
  const std::string csv = kHeader + rows(1, 400, "A") + rows(1, 30, "B") + rows(1, 20, "A");
  const std::string text = expect_same(csv);
  EXPECT_EQ(text.find("error"), std::string::npos) << text.substr(0, 200);
  EXPECT_NE(text.find("\nA0|"), std::string::npos);
  EXPECT_EQ(text.find("\nA0|", text.find("\nA0|") + 1), std::string::npos);  // once
  EXPECT_LT(text.find("\nA0|"), text.find("\nB0|"));                         // first seen first
}

TEST(CsvPieces, AQuotedFieldWithLineBreaksAndQuotesAtEverySplitPoint) {
  // The quoted name moves through the middle of the file, so that each split point falls
  // before it, inside it (between its line breaks and quotes) and after it.
  const std::string header = "firm,issue,firm_name,stakeholder,business\n";
  const std::string name = "\"Name \"\"with\"\"\nthree\r\nline \"\"breaks\"\"\n\"";
  for (int before = 0; before < 40; ++before) {
    std::string csv = header;
    for (int i = 0; i < before; ++i)
      csv += "P" + std::to_string(i) + ",a,,1,2\n";
    csv += "Q,b," + name + ",3,4\nQ,c," + name + ",4,5\n";
    for (int i = before; i < 40; ++i)
      csv += "R" + std::to_string(i) + ",a,,1,2\n";
    const std::string text = expect_same(csv);
    ASSERT_NE(text.find("Name \"with\"\nthree\r\nline \"breaks\"|"), std::string::npos) << text;
  }
}

TEST(CsvPieces, CrlfAndAByteOrderMark) {
  std::string crlf = rows(50, 6);
  for (std::size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2))
    crlf.insert(at, "\r");
  const std::string text = expect_same(
      "\xEF\xBB\xBF"
      "firm,issue,stakeholder,business\r\n" +
      crlf);
  EXPECT_EQ(text.find("error"), std::string::npos) << text.substr(0, 200);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(expect_same("\xEF\xBB\xBF" + kHeader + rows(40, 5)),
            read(kHeader + rows(40, 5), 1).text);
}

TEST(CsvPieces, SemicolonsAndBlankLines) {
  std::string csv = "firm;issue;rank\n\n";
  for (int f = 0; f < 60; ++f)
    csv += "F" + std::to_string(f) + ";x;1\n\nF" + std::to_string(f) + ";y;2\n\n";
  const std::string text = expect_same(csv);
  EXPECT_NE(text.find("\n  5 y 2 "), std::string::npos) << text.substr(0, 300);
}

TEST(CsvPieces, AHeaderOfQuotedStretches) {
  // "iss"ue is two stretches of the text joined into a copy of the reader's
  const std::string text =
      expect_same("\"firm\",\"iss\"ue,\"stake\"\"\"\"\"holder\nA,x,\n" + rows(60, 3), {}, false);
  EXPECT_EQ(text.rfind("error: d.csv:1: unknown column \"stake\"\"holder\"", 0), 0u) << text;
  const std::string good =
      expect_same("\"firm\",\"iss\"ue,\"stake\"holder,business\n" + rows(60, 3));
  EXPECT_EQ(good.find("error"), std::string::npos) << good.substr(0, 200);
}

TEST(CsvPieces, FewerRowsThanPieces) {
  expect_same(kHeader + "F,a,1,2\n");
  expect_same(kHeader + "F,a,1,2");
  expect_same(kHeader + "F,a,1,2\nG,b,2,3\n");
  EXPECT_EQ(expect_same(kHeader, {}, false).substr(0, 7), "error: ");
  EXPECT_EQ(expect_same("", {}, false), read("", 1).text);
  EXPECT_EQ(expect_same("\n\n", {}, false), "error: d.csv: the CSV file is empty");
}

// The attributes of a firm whose rows span the pieces: agreeing, they are the firm's; one row
// in the second half disagreeing, the error is the one reading in one piece gives, at that row.
TEST(CsvPieces, FirmAttributesAreCheckedAcrossThePieces) {
  const std::string header =
      "firm,issue,firm_name,segment,weight,unlisted,scale_min,scale_max,taxonomy,stakeholder,"
      "business\n";
  const std::string same = "Acme,Banks,2,bottom,1,5,fintech-2024";
  auto csv = [&](const std::string& late) {
    std::string out = header;
    // the attributes on the first row only: a piece holding none of them cannot disagree by
    // itself, so the join has to compare the late row's with the first piece's
    out += "A,issue 0," + same + ",3,4\n";
    for (int i = 1; i < 200; ++i)
      out += "A,issue " + std::to_string(i) + ",,,,,,,,3,4\n";
    out += "A,late issue," + late + ",3,4\n";
    for (int i = 0; i < 40; ++i)
      out += "B" + std::to_string(i) + ",x,Other,,,,,,,1,2\n";
    return out;
  };
  const std::string agreed = expect_same(csv(same));
  EXPECT_NE(agreed.find("\nA|Acme|Banks|2|"), std::string::npos) << agreed.substr(0, 300);
  EXPECT_NE(agreed.find("|fintech-2024|"), std::string::npos) << agreed.substr(0, 300);
  // given on the first rows only, the late row leaves them alone
  EXPECT_EQ(expect_same(csv(",,,,,,")),
            agreed.substr(0, agreed.find('\n')) + agreed.substr(agreed.find('\n')));
  const std::string where = "d.csv:202: firm \"A\": issue \"late issue\": ";
  const std::map<std::string, std::string> disagreeing = {
      {"Acme2,Banks,2,bottom,1,5,fintech-2024", "firm_name \"Acme2\" differs from \"Acme\""},
      {"Acme,Funds,2,bottom,1,5,fintech-2024", "segment \"Funds\" differs from \"Banks\""},
      {"Acme,Banks,3,bottom,1,5,fintech-2024", "weight 3 differs from the weight"},
      {"Acme,Banks,2,not_assessed,1,5,fintech-2024", "unlisted differs from the policy"},
      {"Acme,Banks,2,bottom,1,7,fintech-2024", "the scale differs from the scale"},
      {"Acme,Banks,2,bottom,1,5,none", "taxonomy \"none\" differs from \"fintech-2024\""},
  };
  for (const auto& [late, message] : disagreeing) {
    const std::string error = expect_same(csv(late), {}, false);
    EXPECT_NE(error.find(message), std::string::npos) << error;
    EXPECT_NE(error.find(where), std::string::npos) << error;
  }
}

TEST(CsvPieces, ErrorsInTheSecondHalfAreTheOneReadsErrors) {
  const std::string good = kHeader + rows(100, 10);
  const std::string bad_number =
      expect_same(good + "G,a,1,2\nG,b,x1,2\n" + rows(20, 3, "H"), {}, false);
  EXPECT_NE(bad_number.find("d.csv:1003"), std::string::npos) << bad_number;
  EXPECT_NE(bad_number.find("stakeholder \"x1\" is not a finite number"), std::string::npos)
      << bad_number;
  const std::string short_row = expect_same(good + "G,a,1\n" + rows(20, 3, "H"), {}, false);
  EXPECT_EQ(short_row.substr(0, short_row.find(" (")),
            "error: d.csv:1002: the row has 3 fields but the header has 4");
  // one error in each half: the first in the file is the one given
  const std::string both =
      expect_same(kHeader + "F,a,1\n" + rows(100, 10) + "G,b,x1,2\n", {}, false);
  EXPECT_NE(both.find("d.csv:2: the row has 3 fields"), std::string::npos) << both;
}

TEST(CsvPieces, LevelTiesAndPercentsAcrossThePieces) {
  const std::string header = "firm,issue,level,stakeholder,business\n";
  std::string csv = header;
  for (int i = 0; i < 150; ++i)
    csv += "A,issue " + std::to_string(i) + "," + (i % 2 ? "high" : "5") + ",50%,20%\n";
  csv += "A,tie,very high,30%,1%\nA,tie 3,critical,30%,1%\n";
  for (int i = 0; i < 150; ++i)
    csv += "B" + std::to_string(i) + ",x,low,1,2\n";
  csv += "A,tie 2,very_high,10%,1%\n";
  const std::string tied = expect_same(csv);
  EXPECT_EQ(tied.find("error"), std::string::npos) << tied.substr(0, 300);
  EXPECT_NE(tied.find("warning: firm \"A\""), std::string::npos) << tied.substr(0, 300);
  // a percent early on and a number above 1 for the same firm after the split point
  const std::string mixed = expect_same(csv + "A,late,,3,0.5\n");
  EXPECT_NE(mixed.find("error: d.csv:2: firm \"A\": issue \"issue 0\": stakeholder \"50%\" is a "
                       "percent, but the firm also gives 3"),
            std::string::npos)
      << mixed;
}

TEST(CsvPieces, UnbalancedQuotesGiveTheOneReadsResult) {
  // A quote inside an unquoted field is text: quote parity then finds a split point inside the
  // quoted name below, the piece before it ends in an open quote, and the file is read again in
  // one piece.
  const std::string header = "firm,issue,firm_name,stakeholder,business\n";
  for (int before = 0; before < 30; before += 3) {
    std::string csv = header + "F,size 5\" screens,,1,2\n";
    for (int i = 0; i < before; ++i)
      csv += "P" + std::to_string(i) + ",a,,1,2\n";
    csv += "Q,b,\"two\nlines\nand\nmore\",3,4\n";
    for (int i = before; i < 30; ++i)
      csv += "R" + std::to_string(i) + ",a,,1,2\n";
    const std::string text = expect_same(csv, {}, false);
    EXPECT_NE(text.find("size 5\" screens"), std::string::npos) << text.substr(0, 300);
  }
  // never closed: the one read's error
  const std::string open =
      expect_same(kHeader + rows(30, 4) + "G,\"a,1,2\n" + rows(30, 4, "H"), {}, false);
  EXPECT_NE(open.find("a quoted field opened on line 122 is never closed"), std::string::npos)
      << open;
}

TEST(CsvPieces, RandomSmallFilesInPiecesEqualOneRead) {
  std::mt19937 random(20261208);
  const std::vector<std::string> cells = {
      "", "1", "2.5", "x", "50%", "\"q\"\"uote\"", "\"line\nbreak\"", "high", "\"", "a\"b", " 3 "};
  int joined = 0;
  for (int round = 0; round < 400; ++round) {
    std::string csv = random() % 5 == 0 ? "\xEF\xBB\xBF" : "";
    const bool levels = random() % 2 == 0;
    csv += levels ? "firm,issue,level,firm_name\n" : "firm,issue,stakeholder,business\n";
    const int n = static_cast<int>(random() % 30);
    for (int r = 0; r < n; ++r) {
      const int firm = static_cast<int>(random() % 4);
      csv += "F" + std::to_string(firm) + ",issue " + std::to_string(random() % 12) + ",";
      if (levels) {
        const char* level[] = {"high", "5", "low", "very high", "very_high", "1"};
        csv += std::string(level[random() % 6]) + "," + (firm == 1 ? "One" : "");
      } else {
        csv += std::to_string(random() % 5 + 1) + "," + std::to_string(random() % 5 + 1);
      }
      if (random() % 12 == 0) csv += "," + cells[random() % cells.size()];  // a field too many
      if (random() % 15 == 0) csv.back() = '"';                             // a stray quote
      csv += random() % 6 == 0 ? "\r\n" : random() % 10 == 0 ? "\n\n" : "\n";
    }
    if (random() % 3 == 0) csv.pop_back();  // no line break at the end
    SCOPED_TRACE(round);
    const Read one = read(csv, 1);
    for (unsigned pieces = 2; pieces <= 4; ++pieces) {
      const Read split = read(csv, pieces);
      EXPECT_EQ(split.text, one.text) << csv;
      joined += split.joined;
    }
  }
  EXPECT_GT(joined, 200);  // most files were read in pieces and joined
}

// The pieces on two threads (the test suite's workers), by the file reader's own choice of
// pieces for a large file: the same dataset as on one thread.
TEST(CsvPieces, ALargeFileOnTwoThreadsEqualsOneThread) {
  std::string csv = "firm,issue,firm_name,level,stakeholder,business\n";
  for (int f = 0; f < 30000; ++f)
    for (int i = 0; i < 4; ++i)
      csv += "F" + std::to_string(f % 15000) + ",issue " + std::to_string((f * 3 + i) % 97) +
             (f % 1000 == 0 ? ",\"Firm\n" + std::to_string(f % 15000) + "\"" : ",") + "," +
             (i % 3 == 0   ? "critical"
              : i % 3 == 1 ? "very high"
                           : "high") +
             "," + std::to_string(i + 1) + "," + std::to_string(f % 5) + "\n";
  ASSERT_GT(csv.size(), std::size_t{2} << 20);
  Read one, two;
  const materia::Dataset d1 = materia::detail::load_dataset_csv_pieces(
      csv, "d.csv", {}, materia::Execution{1}, {}, 0, &one.joined);
  const materia::Dataset d2 = materia::detail::load_dataset_csv_pieces(
      csv, "d.csv", {}, materia::Execution{2}, {}, 0, &two.joined);
  EXPECT_FALSE(one.joined);
  EXPECT_TRUE(two.joined);
  EXPECT_EQ(materia_test::dataset_text(d2), materia_test::dataset_text(d1));
  EXPECT_TRUE(names_shared(d2));
  EXPECT_EQ(d2.firms.size(), 15000u);
  EXPECT_NE(materia_test::dataset_text(d1).find("warning: firm \"F0\""), std::string::npos);
  // the public entry point reads the same
  EXPECT_EQ(materia_test::dataset_text(
                materia::load_dataset_csv(csv, "d.csv", {}, materia::Execution{2})),
            materia_test::dataset_text(d1));
}

}  // namespace csv_pieces
