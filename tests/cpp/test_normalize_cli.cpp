// The review loop end to end through the command line: `materia normalize --review`, a user's
// decisions, `materia analyze --aliases`, `--strict`; invalid UTF-8 exits 3 naming the line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "base/csv.hpp"
#include "scratch_dir.hpp"

#ifdef MATERIA_CLI_PATH

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int status = -1;
  std::string out, err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void spit(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

class NormalizeCli : public ::testing::Test {
 protected:
  CliRun run(const std::string& args) const {
    CliRun r;
    std::string command = std::string(MATERIA_CLI_PATH) + " " + args + " >" +
                          (dir_ / "out").string() + " 2>" + (dir_ / "err").string();
    int status = std::system(command.c_str());
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir_ / "out");
    r.err = slurp(dir_ / "err");
    return r;
  }
  const materia_test::ScratchDir scratch_;  // a fresh directory per test
  const fs::path& dir_ = scratch_.path();
};

TEST_F(NormalizeCli, JsonFieldsPerContract) {
  spit(dir_ / "names.txt", "数据安全与 隐私保护\nCustmer service\n火星移民\n");
  CliRun r = run("normalize --taxonomy fintech-2024 " + (dir_ / "names.txt").string());
  ASSERT_EQ(r.status, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[0]["input"], "数据安全与 隐私保护");
  EXPECT_EQ(json[0]["id"], "data-security-and-privacy-protection");
  EXPECT_EQ(json[0]["name"], "数据安全与隐私保护");
  EXPECT_EQ(json[0]["match"], "exact");
  EXPECT_EQ(json[0]["score"], 1.0);
  EXPECT_EQ(json[1]["match"], "fuzzy");
  EXPECT_EQ(json[1]["id"], "customer-service");
  EXPECT_TRUE(json[1]["runner_up"].is_object());
  EXPECT_LT(json[1]["runner_up"]["score"].get<double>(), json[1]["score"].get<double>());
  EXPECT_FALSE(json[1]["reason"].get<std::string>().empty());
  EXPECT_EQ(json[2]["match"], "unmatched");
  EXPECT_TRUE(json[2]["id"].is_null());
}

TEST_F(NormalizeCli, ReviewDecisionsBecomeAliasesForAnalyze) {
  const std::string dataset = (dir_ / "data.json").string();
  spit(dataset, R"({"taxonomy":"fintech-2024","companies":[
    {"id":"F01","issues":[{"name":"客户服务"},{"name":"清洁技术发展机遇"},{"name":"风险管理"}]},
    {"id":"F02","issues":[{"name":"Custmer service"},{"name":"清洁技术发展机遇"}]},
    {"id":"F03","issues":[{"name":"Custmer service"},{"name":"公司治理"}]}]})");
  // Unmatched 清洁技术发展机遇 stops analyze; the review file lists it with its firms.
  CliRun first = run("analyze " + dataset + " --tiers quantile:2");
  EXPECT_EQ(first.status, 3);
  EXPECT_NE(first.err.find("清洁技术发展机遇"), std::string::npos) << first.err;
  const std::string review = (dir_ / "review.csv").string();
  CliRun normalize = run("normalize --dataset " + dataset + " --review " + review);
  ASSERT_EQ(normalize.status, 0) << normalize.err;
  auto records = materia::detail::parse_csv(slurp(review), ',', "review.csv");
  ASSERT_EQ(records.size(), 3u);  // header, Custmer service (fuzzy), 清洁技术发展机遇 (unmatched)
  const auto& header = records[0].fields;
  std::size_t firms = 0;
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == "firms") firms = i;
  EXPECT_EQ(records[1].fields[0], "清洁技术发展机遇");  // first use (F01) first
  EXPECT_EQ(records[1].fields[firms], "F01; F02");
  EXPECT_EQ(records[2].fields[0], "Custmer service");
  EXPECT_EQ(records[2].fields[firms], "F02; F03");
  // The user accepts candidate 1 for both.
  std::string edited;
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto fields = records[i].fields;
    if (i > 0) fields.back() = "1";
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (k > 0) edited += ',';
      edited += materia::detail::csv_field(fields[k]);
    }
    edited += "\n";
  }
  spit(review, edited);
  CliRun strict =
      run("analyze " + dataset + " --tiers quantile:2 --format json --strict --aliases " + review);
  ASSERT_EQ(strict.status, 0) << strict.err;
  auto result = nlohmann::json::parse(strict.out);
  bool found = false;
  for (const auto& issue : result["issues"])
    if (issue["id"] == "opportunities-in-clean-technology") {
      found = true;
      EXPECT_EQ(issue["attention"], 2);
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(strict.err.find("fuzzily"), std::string::npos) << strict.err;

  // Without the reviewed alias for the fuzzy name: a warning, or an error with --strict.
  spit(dir_ / "only.csv", "name,target\n清洁技术发展机遇,opportunities-in-clean-technology\n");
  CliRun warned =
      run("analyze " + dataset + " --tiers quantile:2 --aliases " + (dir_ / "only.csv").string());
  EXPECT_EQ(warned.status, 0) << warned.err;
  EXPECT_NE(warned.err.find("warning"), std::string::npos) << warned.err;
  EXPECT_NE(warned.err.find("Custmer service"), std::string::npos) << warned.err;
  CliRun refused = run("analyze " + dataset + " --tiers quantile:2 --strict --aliases " +
                       (dir_ / "only.csv").string());
  EXPECT_EQ(refused.status, 3);
  EXPECT_NE(refused.err.find("F02"), std::string::npos) << refused.err;
}

TEST_F(NormalizeCli, AliasConflictAndInvalidUtf8ExitThree) {
  spit(dir_ / "names.txt",
       "客户服务\nab\xFF"
       "cd\n");
  CliRun bad = run("normalize " + (dir_ / "names.txt").string());
  EXPECT_EQ(bad.status, 3);
  EXPECT_NE(bad.err.find("names.txt:2"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("byte offset 2"), std::string::npos) << bad.err;
  spit(dir_ / "names.txt", "客户服务\n");
  spit(dir_ / "conflict.csv",
       "name,target\n合规,compliant-operations\n合规,compliance-and-risk-management\n");
  CliRun conflict = run("normalize --aliases " + (dir_ / "conflict.csv").string() + " " +
                        (dir_ / "names.txt").string());
  EXPECT_EQ(conflict.status, 3);
  EXPECT_NE(conflict.err.find("conflict.csv:2"), std::string::npos) << conflict.err;
  EXPECT_NE(conflict.err.find("conflict.csv:3"), std::string::npos) << conflict.err;
}

TEST_F(NormalizeCli, ClusterProposesGroupsForTheOpenVocabulary) {
  spit(dir_ / "names.txt",
       "数据安全与隐私保护\n數據安全與隱私保護\n数据安全与隐私保户\n员工关怀\n");
  CliRun r = run("normalize --cluster --taxonomy none --review " + (dir_ / "c.csv").string() + " " +
                 (dir_ / "names.txt").string());
  ASSERT_EQ(r.status, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["members"].size(), 3u);
  EXPECT_EQ(json[1]["name"], "员工关怀");
  auto records = materia::detail::parse_csv(slurp(dir_ / "c.csv"), ',', "c.csv");
  ASSERT_EQ(records.size(),
            2u);  // only the typo is a proposal; the traditional form shares the key
  EXPECT_EQ(records[1].fields[0], "数据安全与隐私保户");
  // Accepting the proposal merges the typo into the group when analyzing the open vocabulary.
  std::string edited = "input,key,match,score,candidate_1,name_1,score_1,firms,decision\n";
  edited += materia::detail::csv_field(records[1].fields[0]) + ",,fuzzy,0.86," +
            materia::detail::csv_field(records[1].fields[4]) + ",,,,1\n";
  spit(dir_ / "c.csv", edited);
  spit(dir_ / "open.json", R"({"taxonomy":"none","companies":[
    {"id":"F01","issues":[{"name":"数据安全与隐私保护"},{"name":"员工关怀"}]},
    {"id":"F02","issues":[{"name":"数据安全与隐私保户"}]}]})");
  CliRun merged = run("analyze " + (dir_ / "open.json").string() +
                      " --tiers quantile:2 --format json --aliases " + (dir_ / "c.csv").string());
  ASSERT_EQ(merged.status, 0) << merged.err;
  auto result = nlohmann::json::parse(merged.out);
  ASSERT_EQ(result["issues"].size(), 2u);
  EXPECT_EQ(result["issues"][0]["attention"], 2);
  EXPECT_EQ(result["issues"][0]["merged_names"].size(), 2u);
  CliRun wrong =
      run("normalize --cluster --taxonomy fintech-2024 " + (dir_ / "names.txt").string());
  EXPECT_EQ(wrong.status, 2);
}

}  // namespace

#endif
