// The command line of `materia score`, `assess`, `survey` and `disclosure`: every format parses
// and agrees with the JSON (CSV numbers read back as the same doubles), the issue attention of
// the practice pillar taken from a saved analyze result, atomic -o, exit codes 2 and 3 with
// one-line errors naming file, firm and field.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "base/csv.hpp"
#include "materia/io/io.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

#ifdef MATERIA_CLI_PATH
namespace {

using materia_test::test_data_path;

using materia_test::run_cli_into;

namespace fs = std::filesystem;

// A fresh directory per test, removed afterwards.
using TempDir = materia_test::ScratchDir;

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  for (auto& record : materia::detail::parse_csv(text, ',', "out.csv"))
    rows.push_back(std::move(record.fields));
  return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw std::runtime_error("no column " + name);
}

// ---- materia score

TEST(ScoreCli, JsonCsvAndTableAgree) {
  std::string out;
  ASSERT_EQ(run_cli_into("score " + test_data_path("score-small.json") + " --format json", out), 0)
      << out;
  auto json = nlohmann::json::parse(out);
  EXPECT_EQ(json["model"], "excellence-2024");
  ASSERT_EQ(json["firms"].size(), 3u);
  std::map<std::string, double> score;
  std::map<std::string, int> rank;
  for (const auto& f : json["firms"]) {
    score[f["id"]] = f["score"].get<double>();
    rank[f["id"]] = f["rank"].get<int>();
  }
  EXPECT_NEAR(score["X"], 0.655, 1e-12);  // hand-computed in test_scoring.cpp
  EXPECT_EQ(rank["X"], 1);
  EXPECT_EQ(rank["Y"], 2);
  EXPECT_EQ(rank["Z"], 1);  // alone in licensed financial institutions

  ASSERT_EQ(run_cli_into("score " + test_data_path("score-small.json") + " --format csv", out), 0)
      << out;
  auto rows = csv_rows(out);
  const auto& header = rows.front();
  // 3 firms x 2 juries x 15 nodes (root, 3 dimensions, 11 leaves)
  ASSERT_EQ(rows.size(), 1u + 3 * 2 * 15);
  std::size_t firm = column(header, "firm"), firm_score = column(header, "firm_score");
  std::size_t path = column(header, "path"), contribution = column(header, "contribution");
  std::map<std::string, double> leaf_sum;  // per firm and jury
  for (std::size_t i = 1; i < rows.size(); ++i) {
    // shortest round trip: the CSV reads back as exactly the JSON's double
    EXPECT_EQ(std::stod(rows[i][firm_score]), score[rows[i][firm]]) << rows[i][firm_score];
    if (std::count(rows[i][path].begin(), rows[i][path].end(), '/') == 2)
      leaf_sum[rows[i][firm] + "/" + rows[i][column(header, "jury")]] +=
          std::stod(rows[i][contribution]);
  }
  EXPECT_NEAR(leaf_sum["X/external"], 0.6515, 1e-12);
  EXPECT_NEAR(leaf_sum["X/internal"], 0.669, 1e-12);

  ASSERT_EQ(run_cli_into("score " + test_data_path("score-small.json"), out), 0);
  EXPECT_NE(out.find("   1  X     65.50       77.50     62.50     55.00\n"), std::string::npos)
      << out;
}

TEST(ScoreCli, PracticeWeightedByASavedAnalyzeResult) {
  TempDir dir("score-attention");
  std::string out;
  // Attention from a saved analyze result of any method equals the built-in sample's attention.
  ASSERT_EQ(run_cli_into("analyze --sample fintech-2024 --method borda --format json -o " +
                             dir.file("analysis.json"),
                         out),
            0)
      << out;
  write(dir.file("firms.json"), R"({"firms":[{"id":"A","segment":"private_bank",
      "values":{"report":"ESG","completeness":3,"detail":3,"kpi_dimensions":20,"assurance":"none",
                "strategy_integration":3,"governance_structure":3,"performance":3,"esg_rating":"A"},
      "issues":{"数据安全与 隐私保护":1,"Customer service":0.5}}]})");
  std::string from_result, from_sample;
  ASSERT_EQ(run_cli_into("score " + dir.file("firms.json") + " --format json --attention-result " +
                             dir.file("analysis.json"),
                         from_result),
            0)
      << from_result;
  ASSERT_EQ(run_cli_into("score " + dir.file("firms.json") +
                             " --format json --attention-sample fintech-2024",
                         from_sample),
            0);
  EXPECT_EQ(from_result, from_sample);
  auto json = nlohmann::json::parse(from_result);
  auto analysis = nlohmann::json::parse(materia::read_file(dir.file("analysis.json")));
  double total = 0.0, covered = 0.0;
  for (const auto& issue : analysis["issues"]) {
    total += issue["attention"].get<double>();
    if (issue["id"] == "customer-service" || issue["name"] == "数据安全与隐私保护")
      covered += issue["attention"].get<double>();
  }
  ASSERT_GT(covered, 0.0);
  double breadth = -1.0;
  for (const auto& n : json["firms"][0]["juries"][0]["nodes"])
    if (n["id"] == "breadth") breadth = n["score"].get<double>();
  EXPECT_NEAR(breadth, covered / total, 1e-15);

  EXPECT_EQ(run_cli_into("score " + dir.file("firms.json") + " --attention-result " +
                             dir.file("missing.json"),
                         out),
            3);
  EXPECT_NE(out.find(dir.file("missing.json") + ": cannot open"), std::string::npos) << out;
  write(dir.file("bad-analysis.json"), R"({"issues":[{"id":"x","attention":-1}]})");
  EXPECT_EQ(run_cli_into("score " + dir.file("firms.json") + " --attention-result " +
                             dir.file("bad-analysis.json"),
                         out),
            3);
  EXPECT_EQ(out, "materia: error: " + dir.file("bad-analysis.json") +
                     ": issue \"x\": \"attention\" must not be negative\n");
}

TEST(ScoreCli, ErrorsNameFileFirmAndFieldWithExitCodes) {
  TempDir dir("score-errors");
  std::string out;
  EXPECT_EQ(run_cli_into("score", out), 2);
  EXPECT_EQ(run_cli_into("score " + test_data_path("score-small.json") + " --format xml", out), 2);
  EXPECT_EQ(run_cli_into("score " + test_data_path("score-small.json") +
                             " --attention-sample fintech-2024 --attention-result x.json",
                         out),
            2);
  EXPECT_EQ(out,
            "materia: error: give at most one of --attention, --attention-sample and "
            "--attention-result\n");
  write(dir.file("bad-level.json"),
        R"({"firms":[{"id":"X","segment":"private_bank","values":{"report":"XYZ"}}]})");
  EXPECT_EQ(run_cli_into("score " + dir.file("bad-level.json"), out), 3);
  EXPECT_EQ(out, "materia: error: " + dir.file("bad-level.json") +
                     ": firm \"X\": jury \"internal\": node \"report\": level \"XYZ\" of "
                     "\"report\" is not one of CSR, ESG, none\n");
  write(dir.file("no-segment.json"), R"({"firms":[{"id":"X","values":{}}]})");
  EXPECT_EQ(run_cli_into("score " + dir.file("no-segment.json"), out), 3);
  EXPECT_EQ(out, "materia: error: " + dir.file("no-segment.json") +
                     ": firm \"X\": segment \"\" is in no category of the model\n");
  EXPECT_EQ(run_cli_into("score /nonexistent/s.json", out), 3);
  EXPECT_EQ(out, "materia: error: /nonexistent/s.json: cannot open: No such file or directory\n");
}

TEST(ScoreCli, OutputFileIsWrittenAtomically) {
  TempDir dir("score-output");
  std::string out, expected;
  ASSERT_EQ(
      run_cli_into("score " + test_data_path("score-small.json") + " --format json", expected), 0);
  ASSERT_EQ(run_cli_into("score " + test_data_path("score-small.json") + " --format json -o " +
                             dir.file("s.json"),
                         out),
            0);
  EXPECT_EQ(out, "");
  EXPECT_EQ(materia::read_file(dir.file("s.json")), expected);
  EXPECT_EQ(dir.entries(), 1u);  // no temporary left behind
  // A failing run leaves the earlier file untouched.
  EXPECT_EQ(run_cli_into("score /nonexistent/s.json --format json -o " + dir.file("s.json"), out),
            3);
  EXPECT_EQ(materia::read_file(dir.file("s.json")), expected);
  EXPECT_EQ(dir.entries(), 1u);
}

// ---- materia assess

TEST(AssessCli, FormatsAgreeAndErrorsAreOneLine) {
  std::string out;
  ASSERT_EQ(run_cli_into("assess " + test_data_path("assess-small.json") + " --format json", out),
            0)
      << out;
  auto json = nlohmann::json::parse(out);
  std::map<std::string, nlohmann::json> iro;
  for (const auto& r : json["iros"])
    iro[r["id"]] = r;
  ASSERT_EQ(run_cli_into("assess " + test_data_path("assess-small.json") + " --format csv", out),
            0);
  auto rows = csv_rows(out);
  ASSERT_EQ(rows.size(), 1u + json["iros"].size());
  const auto& header = rows.front();
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& expected = iro.at(rows[i][column(header, "iro")]);
    EXPECT_EQ(rows[i][column(header, "status")], expected["status"]);
    for (const char* field : {"severity", "impact", "financial"}) {
      const auto& score = expected[field];
      const std::string& cell = rows[i][column(header, field)];
      if (score["state"] == "scored") {
        EXPECT_EQ(std::stod(cell), score["value"].get<double>()) << field << " " << cell;
      } else if (!score.contains("lower_bound")) {
        EXPECT_EQ(cell, score["state"]);
      }
    }
  }
  ASSERT_EQ(run_cli_into("assess " + test_data_path("assess-small.json"), out), 0);
  EXPECT_NE(out.find("Double materiality assessment of F01"), std::string::npos);

  EXPECT_EQ(run_cli_into("assess", out), 2);
  EXPECT_EQ(run_cli_into("assess " + test_data_path("score-small.json"), out), 3);
  EXPECT_EQ(out, "materia: error: " + test_data_path("score-small.json") +
                     ": unknown field \"attention\" in an assessment (known: meta, firm, rules, "
                     "topics, iros)\n");
}

// ---- materia survey

TEST(SurveyCli, FormatsAndTheFirmsOwnMatrixThroughAnalyze) {
  TempDir dir("survey");
  std::string out;
  ASSERT_EQ(run_cli_into("survey " + test_data_path("survey-small.json") + " --format json", out),
            0)
      << out;
  auto json = nlohmann::json::parse(out);
  std::map<std::string, double> mean;
  for (const auto& issue : json["issues"])
    mean[issue["issue"]] = issue["weighted_mean"].get<double>();
  ASSERT_EQ(run_cli_into("survey " + test_data_path("survey-small.json") + " --format csv", out),
            0);
  auto rows = csv_rows(out);
  const auto& header = rows.front();
  std::size_t all_rows = 0;
  for (std::size_t i = 1; i < rows.size(); ++i)
    if (rows[i][column(header, "group")] == "all") {
      ++all_rows;
      EXPECT_EQ(std::stod(rows[i][column(header, "mean")]), mean.at(rows[i][0]));
      // Hand-computed in test_survey.cpp: 数据安全与隐私保护 has weighted mean 4 1/3 and top box
      // 0.85.
      if (rows[i][0] == "数据安全与隐私保护") {
        EXPECT_EQ(std::stod(rows[i][column(header, "mean")]), 13.0 / 3.0);
        EXPECT_NEAR(std::stod(rows[i][column(header, "top_box_share")]), 0.85, 1e-15);
      }
    }
  EXPECT_EQ(all_rows, 3u);

  ASSERT_EQ(run_cli_into("survey " + test_data_path("survey-small.json") + " --as-dataset -o " +
                             dir.file("own.json"),
                         out),
            0);
  ASSERT_EQ(run_cli_into("analyze " + dir.file("own.json") + " --format json", out, false), 0)
      << out;
  auto analysis = nlohmann::json::parse(out);
  EXPECT_EQ(analysis["companies"], 1);
  EXPECT_EQ(analysis["issues"].size(), 3u);

  EXPECT_EQ(
      run_cli_into("survey " + test_data_path("survey-small.json") + " --as-dataset --format csv",
                   out),
      2);
  EXPECT_EQ(
      out, "materia: error: --as-dataset writes a JSON dataset; --format csv/table do not apply\n");
  EXPECT_EQ(run_cli_into("survey /nonexistent/survey.json", out), 3);
}

// ---- materia disclosure: CSV numbers and -o

TEST(DisclosureCli, CsvSharesReadBackExactly) {
  std::string out;
  ASSERT_EQ(run_cli_into("disclosure --sample fintech-2024 --format csv", out), 0);
  EXPECT_NE(out.find("segments,tech_business_service_provider,technology-business service "
                     "providers,13,40,0.325,32.5%,11,2\n"),
            std::string::npos)
      << out;
  auto rows = csv_rows(out);
  const auto& header = rows.front();
  for (std::size_t i = 1; i < rows.size(); ++i) {
    double count = std::stod(rows[i][column(header, "count")]);
    double base = std::stod(rows[i][column(header, "base")]);
    EXPECT_EQ(std::stod(rows[i][column(header, "share")]), count / base) << rows[i][1];
  }
  TempDir dir("disclosure");
  ASSERT_EQ(
      run_cli_into("disclosure --sample fintech-2024 --check " + std::string(MATERIA_SOURCE_DIR) +
                       "/data/published/fintech-2024-published.json --format json -o " +
                       dir.file("check.json"),
                   out),
      1);  // disagreements found, report still written
  EXPECT_EQ(
      nlohmann::json::parse(materia::read_file(dir.file("check.json")))["disagreements"].size(),
      2u);
  EXPECT_EQ(dir.entries(), 1u);
}

}  // namespace
#endif
