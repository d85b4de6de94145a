// Loading: CSV equals JSON, levels, BOM, stdin-free file detection, JSON output round trip.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "materia/materia.hpp"
#include "output/result_json.hpp"
#include "scratch_dir.hpp"

namespace {

TEST(Csv, LongFormatEqualsTheJsonForm) {
  const char* json = R"({"taxonomy": "fintech-2024", "scale": {"min": 1, "max": 5}, "companies": [
    {"id": "F1", "name": "One", "segment": "bank", "weight": 2, "issues": [
      {"name": "科技创新", "stakeholder": 4.5, "business": 4}, {"name": "公司治理", "stakeholder": 3, "business": 3.5}]},
    {"id": "F2", "unlisted": "not_assessed", "issues": [
      {"name": "Corporate governance", "stakeholder": 5, "business": 5}, {"name": "客户服务", "stakeholder": 2, "business": 4}]}]})";
  const char* csv =
      "\xEF\xBB\xBF"
      "firm,firm_name,segment,weight,unlisted,issue,stakeholder,business,scale_min,scale_max\r\n"
      "F1,One,bank,2,,科技创新,4.5,4,1,5\r\n"
      "F1,,,,,公司治理,3,3.5,1,5\r\n"
      "F2,,,,not_assessed,Corporate governance,5,5,1,5\r\n"
      "F2,,,,,客户服务,2,4,1,5\r\n";
  auto from_json = materia::analyze(materia::load_dataset_json(json, "a.json"), {});
  auto from_csv = materia::analyze(materia::load_dataset_csv(csv, "a.csv", {"fintech-2024"}), {});
  EXPECT_EQ(materia::to_json(from_json).dump(), materia::to_json(from_csv).dump());
  auto dataset = materia::load_dataset_csv(csv, "a.csv", {"fintech-2024"});
  EXPECT_EQ(dataset.firms[0].name, "One");
  EXPECT_EQ(dataset.firms[0].weight, 2);
  EXPECT_EQ(dataset.firms[1].unlisted, materia::UnlistedPolicy::not_assessed);
  EXPECT_EQ(dataset.firms[1].entries[0].line, 4u);
}

TEST(Csv, QuotedFieldsSemicolonsAndLevels) {
  const char* csv =
      "firm;issue;level\nF1;\"Diversity; equity and \"\"inclusion\"\"\";高\nF1;b;very "
      "low\nF2;b;3\n";
  auto dataset = materia::load_dataset_csv(csv, "l.csv");
  ASSERT_EQ(dataset.firms.size(), 2u);
  EXPECT_EQ(dataset.firms[0].entries[0].name, "Diversity; equity and \"inclusion\"");
  EXPECT_EQ(dataset.firms[0].entries[0].level, 4);
  EXPECT_EQ(dataset.firms[0].entries[1].level, 1);
  EXPECT_EQ(dataset.firms[1].entries[0].level, 3);
}

TEST(Levels, EnglishChineseAndSeparators) {
  EXPECT_EQ(materia::parse_level("Very-High"), 5);
  EXPECT_EQ(materia::parse_level("very high"), 5);
  EXPECT_EQ(materia::parse_level("中"), 3);
  EXPECT_EQ(materia::parse_level("低"), 2);
  EXPECT_EQ(materia::parse_level("极低"), 1);
  // Materiality tiers: Highly material / Material / Moderately material, 核心 / 重要 / 一般.
  EXPECT_EQ(materia::parse_level("Highly material"), 5);
  EXPECT_EQ(materia::parse_level("Material"), 4);
  EXPECT_EQ(materia::parse_level("Moderately material"), 3);
  EXPECT_EQ(materia::parse_level("核心"), 5);
  EXPECT_FALSE(materia::parse_level("huge"));
}

TEST(JsonOutput, RoundTripsAndFollowsTheContract) {
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  auto text = materia::to_json(result).dump(2);
  auto json = nlohmann::json::parse(text);
  EXPECT_EQ(json["method"], "borda-normalized");
  EXPECT_EQ(json["companies"], 23);
  EXPECT_EQ(json["universe"], 91);
  ASSERT_EQ(json["issues"].size(), 91u);
  for (const char* field :
       {"id", "name", "category", "attention", "attention_share", "score", "rank", "tier",
        "importance", "stakeholder", "business", "quadrant", "merged_names"})
    EXPECT_TRUE(json["issues"][0].contains(field)) << field;
  int competition_rank = 0;
  for (std::size_t i = 0; i < result.issues.size(); ++i) {
    const auto& item = json["issues"][i];
    if (i == 0 || result.issues[i - 1].score != result.issues[i].score)
      competition_rank = static_cast<int>(i + 1);
    EXPECT_EQ(item["rank"], competition_rank);
    EXPECT_EQ(item["id"], result.issues[i].id);
    EXPECT_EQ(item["score"].get<double>(), result.issues[i].score);  // exact: shortest round trip
    EXPECT_EQ(item["tier"], result.issues[i].tier);
  }
  // deterministic: the same input gives the same bytes
  EXPECT_EQ(text,
            materia::to_json(materia::analyze(materia::load_sample("fintech-2024"), {})).dump(2));
}

TEST(CsvOutput, OneRowPerIssueWithQuotedNames) {
  auto result = materia::analyze(materia::load_sample("fintech-2024"), {});
  std::string csv = materia::to_csv(result);
  std::size_t lines = 0;
  for (char c : csv)
    lines += c == '\n';
  EXPECT_EQ(lines, 92u);
  EXPECT_NE(csv.find("\"Diversity, equity and inclusion\""), std::string::npos);
}

TEST(Files, FormatIsDetectedAndWritesAreAtomic) {
  const materia_test::ScratchDir scratch;
  const auto& dir = scratch.path();
  auto csv = (dir / "data.txt").string();
  materia::write_file_atomic(csv, "firm,issue\nF1,a\nF1,b\n");
  auto dataset = materia::load_dataset_file(csv);
  EXPECT_EQ(dataset.firms[0].entries.size(), 2u);
  auto json = (dir / "data").string();
  materia::write_file_atomic(json, R"({"companies": [{"id": "X", "issues": ["a"]}]})");
  EXPECT_EQ(materia::load_dataset_file(json).firms[0].id, "X");
  // no temporary file is left behind
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir))
    ++files;
  EXPECT_EQ(files, 2u);
  try {
    materia::load_dataset_file((dir / "missing.json").string());
    FAIL();
  } catch (const materia::Error& e) {
    EXPECT_EQ(std::string(e.what()),
              (dir / "missing.json").string() + ": cannot open: No such file or directory");
  }
}

// A JSON file is read from its mapping (each company copied out with simdjson's padding): the
// same dataset as from the text, with and without a byte order mark, with a string that ends at
// the very last byte, and a file with a syntax error at its end.
TEST(Files, MappedJsonFilesEqualTheirTextParsed) {
  const materia_test::ScratchDir scratch;
  const auto& dir = scratch.path();
  auto summary = [](const materia::Dataset& d) {
    std::string out;
    for (const auto& firm : d.firms) {
      out += firm.id + ":";
      for (const auto& entry : firm.entries)
        out += entry.name + "=" + (entry.rank ? std::to_string(*entry.rank) : "-") + ",";
      out += ";";
    }
    return out;
  };
  std::string body = R"({"companies": [)";
  for (int f = 0; f < 40; ++f)
    body.append(f ? "," : "")
        .append(R"({"id": "F)")
        .append(std::to_string(f))
        .append(R"(", "issues": [{"name": "数据安全", "rank": 1}, {"name": "issue )")
        .append(std::to_string(f % 7))
        .append(R"(", "rank": 2}]})");
  body += "]}";
  std::string with_bom = "\xEF\xBB\xBF";
  with_bom.append(body);
  for (const std::string& text : {body, with_bom}) {
    const auto path = (dir / "d.json").string();
    materia::write_file_atomic(path, text);
    const std::string read = materia::read_file(path);
    EXPECT_EQ(read, text);
    EXPECT_EQ(summary(materia::load_dataset_file(path)),
              summary(materia::load_dataset_json(text, path)));
    EXPECT_EQ(materia::load_dataset_file(path).firms.size(), 40u);
  }
  const auto cut = (dir / "cut.json").string();
  materia::write_file_atomic(cut, body.substr(0, body.size() - 1));
  EXPECT_THROW(materia::load_dataset_file(cut), materia::Error);
}

TEST(Loading, WithoutValidationAnalyzeGivesTheLoadersErrors) {
  // LoadOptions::validate = false defers Dataset::validate to analyze(), which must then refuse
  // the same datasets with the same words (the CLI's analyze verb loads this way).
  const char* json = R"({"companies": [{"id": "F1", "issues": ["a", "b"]},
                                       {"id": "F1", "issues": ["b", "c"]}]})";
  const char* csv = "firm,issue,rank\nF1,a,1\nF1,b,0\n";
  for (bool is_json : {true, false}) {
    SCOPED_TRACE(is_json ? "json" : "csv");
    auto load = [&](bool validate) {
      materia::LoadOptions options;
      options.validate = validate;
      return is_json ? materia::load_dataset_json(json, "d.json", options)
                     : materia::load_dataset_csv(csv, "d.csv", options);
    };
    std::string loader_error;
    try {
      load(true);
      ADD_FAILURE() << "the loader accepted an invalid dataset";
    } catch (const materia::Error& e) {
      loader_error = e.what();
    }
    materia::Dataset unchecked = load(false);  // no error yet
    try {
      materia::analyze(unchecked, {});
      ADD_FAILURE() << "analyze accepted an invalid dataset";
    } catch (const materia::Error& e) {
      EXPECT_EQ(std::string(e.what()), loader_error);
    }
    EXPECT_NE(loader_error.find(is_json ? "duplicate company id" : "rank must be at least 1"),
              std::string::npos)
        << loader_error;
  }
}

TEST(Taxonomy, BuiltinFintechHas91IssuesAndTwoTopics) {
  auto taxonomy = materia::Taxonomy::builtin("fintech-2024");
  EXPECT_EQ(taxonomy.issue_count(), 91u);
  EXPECT_EQ(taxonomy.issues.size(), 93u);
  std::map<int, int> tiers;
  std::map<std::string, int> categories;
  for (const auto& issue : taxonomy.issues) {
    if (issue.is_topic) continue;
    tiers[issue.reference_tier]++;
    categories[std::string(materia::category_code(issue.category))]++;
  }
  EXPECT_EQ(tiers, (std::map<int, int>{{1, 26}, {2, 23}, {3, 42}}));
  EXPECT_EQ(categories, (std::map<std::string, int>{{"E", 18}, {"G", 29}, {"S", 44}}));
  auto compliance = taxonomy.children("internal-control-and-compliance");
  EXPECT_EQ(compliance.size(), 5u);
  EXPECT_EQ(taxonomy.children("consumer-rights-protection").size(), 7u);
  // a taxonomy survives its JSON form
  auto again = materia::Taxonomy::from_json_text(taxonomy.to_json_text(2), "round-trip");
  EXPECT_EQ(again.to_json_text(2), taxonomy.to_json_text(2));
}

}  // namespace

namespace {

// The message of the Error(input) that loading `text` throws, or "" when it loads.
template <class Load>
std::string load_error(Load load) {
  try {
    load();
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::input);
    return e.what();
  }
  return {};
}

TEST(Provenance, SourceAndConfidenceAreCheckedAndLeaveTheAnalysisAlone) {
  const char* with = R"({"companies": [{"id": "F1", "issues": [
    {"name": "a", "stakeholder": 0.8, "business": 0.6, "confidence": 0.93,
     "source": {"file": "r.pdf", "page": 12, "bbox": [10, 20, 30.5, 28]}},
    {"name": "b", "stakeholder": 0.2, "business": 0.4, "source": null, "confidence": null}]}]})";
  const char* without = R"({"companies": [{"id": "F1", "issues": [
    {"name": "a", "stakeholder": 0.8, "business": 0.6},
    {"name": "b", "stakeholder": 0.2, "business": 0.4}]}]})";
  auto a = materia::analyze(materia::load_dataset_json(with, "x.json"), {});
  auto b = materia::analyze(materia::load_dataset_json(without, "x.json"), {});
  EXPECT_EQ(materia::to_json(a).dump(), materia::to_json(b).dump());

  const char* csv =
      "firm,issue,stakeholder,business,source_file,source_page,source_bbox,confidence\n"
      "F1,a,0.8,0.6,r.pdf,12,10 20 30.5 28,0.93\n"
      "F1,b,0.2,0.4,,,,\n";
  materia::LoadOptions options;
  auto c = materia::analyze(materia::load_dataset_csv(csv, "x.csv", options), {});
  EXPECT_EQ(materia::to_json(a).dump(), materia::to_json(c).dump());
}

TEST(Provenance, BadSourcesNameTheFileFirmAndIssue) {
  auto json_error = [](const std::string& issue) {
    const std::string text = R"({"companies": [{"id": "F1", "issues": [)" + issue + R"(]}]})";
    return load_error([&] { materia::load_dataset_json(text, "x.json"); });
  };
  std::string message = json_error(R"({"name": "a", "rank": 1, "source": {"page": 0}})");
  EXPECT_NE(message.find("x.json"), std::string::npos) << message;
  EXPECT_NE(message.find("F1"), std::string::npos) << message;
  EXPECT_NE(message.find("source page must be a whole number from 1"), std::string::npos)
      << message;
  EXPECT_NE(json_error(R"({"name": "a", "rank": 1, "source": {"page": 2.5}})").find("whole number"),
            std::string::npos);
  EXPECT_NE(
      json_error(R"({"name": "a", "rank": 1, "source": {"bbox": [1, 2, 3]}})").find("four numbers"),
      std::string::npos);
  EXPECT_NE(
      json_error(R"({"name": "a", "rank": 1, "source": {"bbox": [5, 2, 3, 4]}})").find("x0 <= x1"),
      std::string::npos);
  EXPECT_NE(json_error(R"({"name": "a", "rank": 1, "source": "r.pdf"})").find("must be an object"),
            std::string::npos);
  EXPECT_NE(json_error(R"({"name": "a", "rank": 1, "source": {"file": "r.pdf", "line": 3}})")
                .find("line"),
            std::string::npos);
  EXPECT_NE(json_error(R"({"name": "a", "rank": 1, "confidence": 1.5})").find("between 0 and 1"),
            std::string::npos);

  auto csv_error = [](const std::string& cells) {
    const std::string text =
        "firm,issue,rank,source_page,source_bbox,confidence\nF1,a,1," + cells + "\n";
    return load_error([&] { materia::load_dataset_csv(text, "x.csv", materia::LoadOptions{}); });
  };
  message = csv_error("0,,");
  EXPECT_NE(message.find("x.csv:2"), std::string::npos) << message;
  EXPECT_NE(message.find("whole number"), std::string::npos) << message;
  EXPECT_NE(csv_error("1,1 2 3,").find("four numbers"), std::string::npos);
  EXPECT_NE(csv_error("1,4 2 3 4,").find("x0 <= x1"), std::string::npos);
  EXPECT_NE(csv_error("1,,-0.1").find("between 0 and 1"), std::string::npos);
  EXPECT_EQ(csv_error("3,\"1,2,3,4\",0.5"), "");
}

}  // namespace
