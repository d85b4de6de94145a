// Issue names shared by the entries that list them (IssueName, interned by the readers), and the
// CSV reader's records as views of the text.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "base/csv.hpp"
#include "base/csv_rows.hpp"
#include "materia/materia.hpp"

namespace {

using materia::IssueName;

TEST(IssueName, ReadsAsTheStringItHolds) {
  IssueName name("气候变化");
  const std::string& text = name;
  EXPECT_EQ(text, "气候变化");
  EXPECT_EQ(name.size(), 12u);
  EXPECT_TRUE(name == "气候变化");
  EXPECT_TRUE(std::string("气候变化") == name);
  EXPECT_EQ("issue \"" + name + "\"", "issue \"气候变化\"");
  EXPECT_TRUE(IssueName("a") < IssueName("b"));
  EXPECT_TRUE(IssueName().empty());
  EXPECT_EQ(IssueName().str(), "");
}

TEST(IssueName, ComparesByTextWithNamesAndStrings) {
  // Names compare by their text whether or not they share it, and with every string type.
  const IssueName water("water"), other_water(std::string("water")), waste("waste");
  EXPECT_FALSE(water.shares_text_with(other_water));
  EXPECT_TRUE(water == other_water);
  EXPECT_TRUE(water != waste);
  EXPECT_TRUE(waste < water);
  EXPECT_TRUE(water > waste);
  EXPECT_EQ(water <=> other_water, std::strong_ordering::equal);
  const std::string text = "water";
  const std::string_view view = "wastewater";
  EXPECT_TRUE(water == text && text == water && water != view && view != water);
  EXPECT_TRUE(view < water && water > view && waste < text && text > waste);
  EXPECT_TRUE(water == "water" && "waste" == waste && water > "wast" && "x" > water);
  EXPECT_EQ((std::set<IssueName>{water, other_water, waste}).size(), 2u);
}

TEST(IssueName, CopiesShareTheTextAndAssignmentReplacesIt) {
  IssueName name(std::string(40, 'x'));
  IssueName copy = name;
  EXPECT_TRUE(copy.shares_text_with(name));
  EXPECT_EQ(copy.data(), name.data());  // one string, not two
  copy = "water";
  EXPECT_EQ(copy.str(), "water");
  EXPECT_EQ(name.str(), std::string(40, 'x'));
  EXPECT_FALSE(copy.shares_text_with(name));
  IssueName moved = std::move(name);
  EXPECT_EQ(moved.str(), std::string(40, 'x'));
  EXPECT_FALSE(IssueName("same").shares_text_with(IssueName("same")));  // equal text, two copies
  EXPECT_TRUE(IssueName("same") == IssueName("same"));
}

// Every pair of entries with equal names shares one text, and the names read back as written.
void expect_interned(const materia::Dataset& dataset, const std::vector<std::string>& names) {
  std::vector<std::string> read;
  std::set<const void*> texts;
  const IssueName* climate = nullptr;
  for (const auto& firm : dataset.firms)
    for (const auto& entry : firm.entries) {
      read.push_back(entry.name);
      texts.insert(entry.name.identity());
      if (entry.name == "气候变化") {
        if (climate != nullptr) {
          EXPECT_TRUE(entry.name.shares_text_with(*climate));
        }
        climate = &entry.name;
      }
    }
  EXPECT_EQ(read, names);
  EXPECT_EQ(texts.size(), std::set<std::string>(names.begin(), names.end()).size());
}

const std::vector<std::string> kNames = {"气候变化",  "water use",  "气候变化",
                                         "water use", "governance", "气候变化"};

TEST(IssueName, JsonReaderInternsNames) {
  const std::string text = R"({"companies": [
    {"id": "A", "issues": ["气候变化", "water use"]},
    {"id": "B", "issues": [{"name": "气候变化", "rank": 1}, {"name": "water use", "rank": 2}]},
    {"id": "C", "issues": ["governance", "气候变化"]}]})";
  expect_interned(materia::load_dataset_json(text, "d.json"), kNames);
}

TEST(IssueName, NdjsonReaderInternsNames) {
  const std::string path = "/tmp/materia-test-names-" + std::to_string(::getpid()) + ".ndjson";
  {
    std::ofstream out(path);
    out << R"({"id": "A", "issues": ["气候变化", "water use"]})" << '\n'
        << R"({"id": "B", "issues": ["气候变化", "water use"]})" << '\n'
        << R"({"id": "C", "issues": ["governance", "气候变化"]})" << '\n';
  }
  const materia::Dataset dataset = materia::load_dataset_file(path);
  std::remove(path.c_str());
  expect_interned(dataset, kNames);
}

TEST(IssueName, CsvReaderInternsNames) {
  const std::string text =
      "firm,issue\nA,气候变化\nA,water use\nB,气候变化\nB,water use\nC,governance\nC,气候变化\n";
  expect_interned(materia::load_dataset_csv(text, "d.csv"), kNames);
}

std::vector<std::vector<std::string>> rows_of(const std::string& text,
                                              std::vector<std::size_t>* lines = nullptr) {
  std::vector<std::vector<std::string>> rows;
  materia::detail::for_each_csv_row(text, ',', "t.csv",
                                    [&](const materia::detail::CsvRow& row, std::size_t) {
                                      rows.emplace_back(row.fields.begin(), row.fields.end());
                                      if (lines != nullptr) lines->push_back(row.line);
                                    });
  return rows;
}

TEST(CsvRows, QuotedFieldsAreReadAsTheirText) {
  std::vector<std::size_t> lines;
  const auto rows =
      rows_of("a,\"b \"\"c\"\"\",\"d\"e\r\n\"multi\nline\",x\"y,\n\n\"\"\"\",\"\"\n", &lines);
  const std::vector<std::vector<std::string>> expected = {
      {"a", "b \"c\"", "de"}, {"multi\nline", "x\"y", ""}, {"\"", ""}};
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 5}));
}

TEST(CsvRows, StretchesOfAFieldJoinInOrder) {
  // A field read as several stretches of the text (a doubled quote inside, text after the
  // closing quote) is their concatenation; a carriage return not before a newline is text.
  std::vector<std::size_t> lines;
  const auto rows = rows_of("\"ab\"\"cd\"ef gh,x\ry\nlast,\"one\ntwo\"\"\"\n", &lines);
  const std::vector<std::vector<std::string>> expected = {{"ab\"cdef gh", "x\ry"},
                                                          {"last", "one\ntwo\""}};
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2}));
}

TEST(CsvRows, RecordsAreTheRowsViews) {
  const std::string text = "firm,issue\nF1,\"a \"\"quoted\"\" name\"\nF2,plain\n";
  std::vector<std::vector<std::string>> records;
  for (const auto& record : materia::detail::parse_csv(text, ',', "t.csv"))
    records.push_back(record.fields);
  EXPECT_EQ(records, rows_of(text));
  EXPECT_EQ(records[1][1], "a \"quoted\" name");
}

TEST(CsvRows, ErrorsNameTheRowWhereverItsCellsAre) {
  // The row's place is filled in anew for each row: the error names the third row's line, firm
  // and issue, not the earlier rows'.
  const std::string text =
      "firm,issue,stakeholder,business\nF1,\"a \"\"b\"\"\",1,2\nF1,\"c\nd\",1,2\nF22,e,1,x\n";
  try {
    materia::load_dataset_csv(text, "t.csv");
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_STREQ(e.what(),
                 "t.csv:5: firm \"F22\": issue \"e\": business \"x\" is not a finite number");
    EXPECT_EQ(e.context().firm, "F22");
    EXPECT_EQ(e.context().issue, "e");
  }
}

}  // namespace
