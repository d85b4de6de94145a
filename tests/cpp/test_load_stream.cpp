// The streaming JSON dataset reader against the whole-document reader it replaced.
//
// Oracle: a document whose root names "companies" twice is read through the whole document
// (nlohmann keeps the last value of a repeated key), so prefixing `"companies": [],` to any
// dataset gives the same content read the old way. Every case below must load to the same
// dataset, or fail with the same message, both ways.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "dataset_text.hpp"
#include "materia/materia.hpp"
#include "materia/run/load_options.hpp"
#include "model/taxonomy_json.hpp"
#include "synthetic.hpp"
#include "test_support.hpp"

namespace {

using materia_test::dataset_text;
using materia_test::error_of;

// The dataset's description, or the error message.
std::string load(const std::string& text) {
  try {
    return dataset_text(materia::load_dataset_json(text, "d.json"));
  } catch (const materia::Error& e) {
    return std::string("error: ") + e.what();
  }
}

// The same text read through the whole document: "companies" given first and overridden.
std::string load_whole(const std::string& text) {
  auto brace = text.find('{');
  return load(text.substr(0, brace + 1) + "\"companies\": []," + text.substr(brace + 1));
}

void expect_same(const std::string& text) {
  SCOPED_TRACE(text.substr(0, 300));
  EXPECT_EQ(load(text), load_whole(text));
}

TEST(StreamedJsonLoad, SyntheticMarketEqualsTheWholeDocumentRead) {
  for (bool coordinates : {false, true}) {
    materia::bench::SyntheticSpec spec;
    spec.firms = 60;
    spec.list_length = 12;
    spec.variant_share = 0.2;
    spec.coordinates = coordinates;
    auto taxonomy = materia::bench::synthetic_taxonomy(80, 3);
    auto dataset = materia::bench::synthetic_dataset(taxonomy, spec);
    nlohmann::json companies = nlohmann::json::array();
    for (const auto& firm : dataset.firms) {
      nlohmann::json issues = nlohmann::json::array();
      for (const auto& e : firm.entries)
        if (e.stakeholder)
          issues.push_back(
              {{"name", e.name}, {"stakeholder", *e.stakeholder}, {"business", *e.business}});
        else
          issues.push_back(e.name);
      companies.push_back({{"id", firm.id}, {"issues", issues}});
    }
    nlohmann::json root = {{"taxonomy", materia::to_json(taxonomy)},
                           {"scale", {1, 5}},
                           {"meta", {{"synthetic", true}, {"description", "x"}}},
                           {"companies", companies}};
    const std::string text = root.dump();
    expect_same(text);
    // and the content is the generator's, entry for entry
    auto loaded = materia::load_dataset_json(text, "d.json");
    ASSERT_EQ(loaded.firms.size(), dataset.firms.size());
    for (std::size_t f = 0; f < dataset.firms.size(); ++f) {
      ASSERT_EQ(loaded.firms[f].entries.size(), dataset.firms[f].entries.size());
      EXPECT_EQ(loaded.firms[f].id, dataset.firms[f].id);
      for (std::size_t e = 0; e < dataset.firms[f].entries.size(); ++e) {
        EXPECT_EQ(loaded.firms[f].entries[e].name, dataset.firms[f].entries[e].name);
        EXPECT_EQ(loaded.firms[f].entries[e].stakeholder, dataset.firms[f].entries[e].stakeholder);
      }
    }
    EXPECT_TRUE(loaded.synthetic);
  }
}

TEST(StreamedJsonLoad, EveryFieldOfACompanyAndAnIssue) {
  expect_same(R"({"taxonomy": "fintech-2024", "scale": [1, 5], "companies": [
    {"id": "F1", "name": "One", "segment": "bank", "weight": 2, "unlisted": "not_assessed",
     "scale": {"min": 0, "max": 10},
     "issues": [{"name": "科技创新", "rank": 1, "level": "high"}, {"name": "公司治理", "rank": 2.5, "level": 3}]},
    {"id": "F2", "issues": ["客户服务", "Corporate governance"]}]})");
  expect_same("\xEF\xBB\xBF{\"companies\": [{\"id\": \"A\", \"issues\": [\"x\"]}]}");  // BOM
}

// The plain form (read by simdjson when built with it) and its near misses (read by nlohmann).
TEST(StreamedJsonLoad, PlainFormAndItsNearMissesEqualTheWholeDocumentRead) {
  const char* cases[] = {
      R"({"companies": [{"id": "A", "name": "Bank A", "segment": "bank", "issues": [
          {"name": "x", "rank": 2}, {"name": "y", "rank": 1.5}, {"rank": 3, "name": "z"}]}]})",
      R"({"scale": {"min": 0, "max": 100}, "companies": [{"id": "A", "issues": [
          {"name": "x", "stakeholder": 18446744073709551615, "business": -0.0},
          {"name": "y", "stakeholder": 1e-300, "business": 12345678901234567890123}]}]})",
      R"({"companies": [{"id": "\u4e2d\"\\\n", "issues": ["\u6570\u636e", "a\tb", "\ud83d\ude00"]}]})",
      R"({"companies": [{"id": "A", "issues": []}]})",
      R"({"companies": [{"id": "", "issues": ["x"]}]})",
      R"({"companies": [{"id": "A", "issues": [{"name": ""}]}]})",
      R"({"companies": [{"id": "A", "id": "B", "issues": ["x"]}]})",
      R"({"companies": [{"id": "A", "issues": ["x"], "issues": ["y", "z"]}]})",
      R"({"companies": [{"id": "A", "issues": [{"name": "x", "name": "y"}]}]})",
      R"({"companies": [{"id": "A", "name": null, "issues": ["x"]}]})",
      R"({"companies": [{"id": "A", "issues": [{"name": "x", "rank": null}]}]})",
      R"({"companies": [{"id": "A", "issues": [{"name": "x", "rank": "1"}]}]})",
      R"({"companies": [{"id": "A", "issues": [{"name": "x", "level": "high"}]}]})",
      R"({"companies": [{"id": "A", "weight": 2, "issues": ["x"]}]})",
      R"({"companies": [{"id": 7, "issues": ["x"]}]})",
      R"({"meta": {"synthetic": true, "n": [1, -2, 3.5, null, false]}, "taxonomy": null,
          "companies": [{"id": "A", "issues": ["x"]}]})",
  };
  for (const char* text : cases)
    expect_same(text);
}

TEST(StreamedJsonLoad, NestedCompaniesKeysOutsideTheRootAreNotTheList) {
  std::string text = R"({"meta": {"companies": [1, 2], "x": [[{"companies": []}]]},
    "companies": [{"id": "A", "issues": ["x", "y"]}]})";
  expect_same(text);
  EXPECT_EQ(load(text).find("error"), std::string::npos) << load(text);
}

TEST(StreamedJsonLoad, ErrorsKeepTheirWordsAndOrder) {
  const char* cases[] = {
      // a company that is not an object, as a bare value and as an array
      R"({"companies": [{"id": "A", "issues": ["x"]}, "B"]})",
      R"({"companies": [{"id": "A", "issues": ["x"]}, [1, {"a": 2}]]})",
      R"({"companies": [null]})",
      // company and issue errors
      R"({"companies": [{"issues": ["x"]}]})",
      R"({"companies": [{"id": "A", "issues": ["x", 3]}]})",
      R"({"companies": [{"id": "A", "issues": [{"name": {"zh": "x"}}]}]})",
      R"({"companies": [{"id": "A", "colour": "red", "issues": ["x"]}]})",
      R"({"companies": [{"id": "A", "issues": [{"name": "x", "level": "huge"}]}]})",
      R"({"companies": [{"id": "A", "issues": "x"}]})",
      // the first bad company is reported, not a later one
      R"({"companies": [{"id": "A", "issues": [1]}, {"id": "B", "issues": [2]}]})",
      // a root error after a bad company: the root is checked first, as with the whole document
      R"({"companies": [{"id": "A", "issues": [1]}], "colour": "red"})",
      R"({"companies": [{"id": "A", "issues": [1]}], "scale": "wide"})",
      // not a list of companies
      R"({"companies": {"id": "A"}})",
      R"({"companies": "A"})",
      R"([{"id": "A"}])",
      R"({"companies": []})",
      // validation after loading (duplicate ids)
      R"({"companies": [{"id": "A", "issues": ["x"]}, {"id": "A", "issues": ["y"]}]})",
  };
  for (const char* text : cases) {
    expect_same(text);
    EXPECT_EQ(load(text).rfind("error: ", 0), 0u) << text;
  }
}

TEST(StreamedJsonLoad, ASyntaxErrorAfterABadCompanyIsReportedFirst) {
  // (the oracle's prefix would move the column, so the messages are written out)
  EXPECT_EQ(load(R"({"companies": [{"id": "A", "issues": [1]}], "meta": )"),
            "error: d.json: invalid JSON at line 1, column 53: unexpected end of input; expected "
            "'[', '{', or a literal");
  EXPECT_EQ(load(R"({"companies": [{"id": "A", "issues": ["x"]}]} trailing)"),
            "error: d.json: invalid JSON at line 1, column 49: invalid literal; last read: "
            "'\"x\"]}]} tra'; expected end of input");
  EXPECT_EQ(load(R"({"taxonomy": "fintech-2024"})"), "error: d.json: missing field \"companies\"");
}

TEST(StreamedJsonLoad, SpecificMessagesNameFileFirmAndIssue) {
  EXPECT_EQ(load(R"({"companies": [{"id": "A", "issues": ["x"]}, "B"]})"),
            "error: d.json: company #2 must be an object, not a string");
  EXPECT_NE(load(R"({"companies": [{"id": "A", "issues": [1]}], "colour": "red"})").find("colour"),
            std::string::npos);
  EXPECT_NE(load(R"({"companies": [{"id": "A", "issues": ["x", 3]}]})").find("issue #2"),
            std::string::npos);
}

}  // namespace

namespace {

// The plain form's companies are read on every core: one near miss, or one error, anywhere in a
// large list sends the whole file to the other path, with the same content or the same message.
void expect_a_near_miss_at_equals_the_whole_document_read(std::initializer_list<std::size_t> odds) {
  const std::size_t firms = 3000;
  auto market = [&](std::size_t odd_one, const std::string& odd_company) {
    std::string text = "{\"companies\": [";
    for (std::size_t f = 0; f < firms; ++f) {
      if (f) text += ",\n";
      text += f == odd_one ? odd_company
                           : "{\"id\": \"F" + std::to_string(f) + "\", \"issues\": [\"a" +
                                 std::to_string(f % 7) + "\", {\"name\": \"b\", \"rank\": 2}]}";
    }
    return text + "]}";
  };
  for (std::size_t odd : odds)
    for (const std::string company :
         {R"({"id": "W", "weight": 3, "issues": ["x"]})",
          R"({"id": "N", "name": null, "issues": ["x"]})",
          R"({"id": "L", "issues": [{"name": "x", "level": "high"}]})",
          R"({"id": "E", "issues": [{"name": "x", "rank": "1"}]})", R"({"id": 7, "issues": ["x"]})",
          R"({"id": "P", "issues": ["plain after all"]})"})
      expect_same(market(odd, company));
}

}  // namespace

TEST(StreamedJsonLoad, ConcurrentReadingWithANearMissWhereTheHalvesMeetEqualsTheWholeDocumentRead) {
  expect_a_near_miss_at_equals_the_whole_document_read({1499, 1500});
}

TEST(StreamedJsonLoad, ConcurrentReadingWithANearMissAtEitherEndEqualsTheWholeDocumentRead) {
  expect_a_near_miss_at_equals_the_whole_document_read({0, 2999});
}

namespace {

// A file in the test's temporary directory, removed with it.
class TempFile {
 public:
  TempFile(const std::string& name, const std::string& content)
      : path_(std::filesystem::temp_directory_path() /
              ("materia-stream-" + std::to_string(::getpid()) + "-" + name)) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// The firms and their entries, without the input lines (each form numbers its own).
std::string firms_of(const materia::Dataset& dataset) {
  return dataset_text(dataset, {.header = false, .lines = false});
}

// A market of several of the readers' windows (4 MiB) in each form.
struct Market {
  materia::Dataset dataset;
  std::string json, ndjson, csv;
};

const Market& market() {
  static const Market m = [] {
    materia::bench::SyntheticSpec spec;
    spec.firms = 6000;
    spec.list_length = 40;
    spec.variant_share = 0.1;
    spec.coordinates = true;
    Market out;
    out.dataset =
        materia::bench::synthetic_dataset(materia::bench::synthetic_taxonomy(600, 5), spec);
    out.json = materia::bench::synthetic_dataset_json(out.dataset, 5);
    out.ndjson = materia::bench::synthetic_dataset_ndjson(out.dataset, 5);
    out.csv = "firm,issue,stakeholder,business\n";
    for (const auto& firm : out.dataset.firms)
      for (const auto& e : firm.entries)
        out.csv += firm.id + "," + e.name + "," + materia::bench::shortest_number(*e.stakeholder) +
                   "," + materia::bench::shortest_number(*e.business) + "\n";
    return out;
  }();
  return m;
}

}  // namespace

TEST(StreamedFileLoad, MappedJsonNdjsonAndCsvFilesEqualTheInMemoryRead) {
  const Market& m = market();
  ASSERT_GT(m.json.size(), std::size_t{3} * (4 << 20));  // several windows
  const std::string expected = firms_of(materia::load_dataset_json(m.json, "m.json"));
  EXPECT_EQ(firms_of(materia::load_dataset_json(m.json, "m.json")), firms_of(m.dataset));
  const TempFile json("m.json", m.json), ndjson("m.ndjson", m.ndjson), csv("m.csv", m.csv);
  const materia::Dataset from_json = materia::load_dataset_file(json.path());
  EXPECT_EQ(dataset_text(from_json), dataset_text(materia::load_dataset_json(m.json, json.path())));
  const materia::Dataset from_ndjson = materia::load_dataset_file(ndjson.path());
  EXPECT_EQ(dataset_text(from_ndjson),
            dataset_text(materia::load_dataset_json(m.json, ndjson.path())));
  EXPECT_EQ(firms_of(materia::load_dataset_file(csv.path())), expected);
  EXPECT_EQ(from_ndjson.firms.size(), 6000u);
  EXPECT_TRUE(from_ndjson.synthetic);
  // on one thread as on every core
  EXPECT_EQ(dataset_text(materia::load_dataset_file(json.path(), {}, materia::Execution{1})),
            dataset_text(from_json));
}

TEST(StreamedFileLoad, AnErrorAfterManyGoodRecordsNamesItsPlace) {
  const Market& m = market();
  // the last company of the JSON form loses its id: the nlohmann path words it
  std::string json = m.json;
  const auto last = json.rfind("{\"id\":");
  json.replace(last, 6, "{\"ix\":");
  const TempFile bad_json("bad.json", json);
  EXPECT_EQ(error_of([&] { materia::load_dataset_file(bad_json.path()); }),
            bad_json.path() + ": company #6000 has no \"id\"");
  // truncated in the middle of a company
  const TempFile cut_json("cut.json", m.json.substr(0, m.json.size() / 2));
  EXPECT_NE(error_of([&] {
              materia::load_dataset_file(cut_json.path());
            }).find(cut_json.path() + ": invalid JSON at line "),
            std::string::npos);
  // NDJSON: a broken line, and a company that is not valid, are named by their line
  std::string ndjson = m.ndjson + "{\"id\": \"X\", \"issues\": [\"a\",]}\n";
  const TempFile bad_ndjson("bad.ndjson", ndjson);
  EXPECT_EQ(
      error_of([&] { materia::load_dataset_file(bad_ndjson.path()); }),
      bad_ndjson.path() +
          ":6002: invalid JSON at column 28: unexpected ']'; expected '[', '{', or a literal");
  const TempFile level_ndjson("level.ndjson", m.ndjson +
                                                  "{\"id\": \"X\", \"issues\": [{\"name\": \"a\", "
                                                  "\"level\": \"huge\"}]}\n");
  EXPECT_EQ(error_of([&] { materia::load_dataset_file(level_ndjson.path()); }),
            level_ndjson.path() +
                ":6002: firm \"X\": issue \"a\": unknown level \"huge\" (use very_high, high, "
                "medium, low, very_low, 高/中/低 or 1-5)");
  // CSV: a short row after 240,000 good ones
  const TempFile bad_csv("bad.csv", m.csv + "F1,a\n");
  EXPECT_EQ(error_of([&] { materia::load_dataset_file(bad_csv.path()); }),
            bad_csv.path() + ":240002: the row has 2 fields but the header has 4");
}

TEST(StreamedFileLoad, MaxInputRefusesALargerFileBeforeReadingIt) {
  const TempFile file("small.json", R"({"companies": [{"id": "F1", "issues": ["a", "b"]}]})");
  materia::LoadOptions options;
  options.max_input_bytes = 20;
  EXPECT_EQ(error_of([&] { materia::load_dataset_file(file.path(), options); }),
            file.path() +
                ": larger than 20 bytes, the input limit (raise it with the max_input load "
                "option, --max-input on the command line)");
  options.max_input_bytes = 200;
  EXPECT_EQ(materia::load_dataset_file(file.path(), options).firms.size(), 1u);
  EXPECT_EQ(materia::parse_load_options(R"({"max_input": 4096})").max_input_bytes, 4096u);
  EXPECT_EQ(materia::LoadOptions{}.max_input_bytes, std::size_t{1} << 30);
  EXPECT_EQ(error_of([] { materia::parse_load_options(R"({"max_input": 0})"); }),
            "option \"max_input\" must be at least 1");
}

TEST(StreamedFileLoad, NdjsonFirstLineMayHoldTheDatasetFields) {
  const TempFile file("h.ndjson",
                      "{\"taxonomy\": \"none\", \"scale\": [1, 5]}\n\n"
                      "{\"id\": \"F1\", \"issues\": [{\"name\": \"a\", \"stakeholder\": 2, "
                      "\"business\": 3}]}\r\n"
                      "{\"id\": \"F2\", \"weight\": 2, \"issues\": [\"a\"]}\n");
  const materia::Dataset d = materia::load_dataset_file(file.path());
  ASSERT_EQ(d.firms.size(), 2u);
  ASSERT_TRUE(d.scale.has_value());
  EXPECT_EQ(d.scale->max, 5.0);
  EXPECT_EQ(*d.firms[0].entries[0].business, 3.0);
  EXPECT_EQ(d.firms[1].weight, 2.0);
  const TempFile later("later.ndjson",
                       "{\"id\": \"F1\", \"issues\": [\"a\"]}\n{\"taxonomy\": \"none\"}\n");
  EXPECT_EQ(error_of([&] { materia::load_dataset_file(later.path()); }),
            later.path() + ":2: company #2 has no \"id\"");
}
