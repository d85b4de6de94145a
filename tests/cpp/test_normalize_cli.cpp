// The review loop end to end through the command line: `materia normalize --review`, a user's
// decisions, `materia analyze --aliases`, `--strict`; invalid UTF-8 exits 3 naming the line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "base/csv.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

#ifdef MATERIA_CLI_PATH

namespace {

using materia_test::slurp;

namespace fs = std::filesystem;

struct CliRun {
  int status = -1;
  std::string out, err;
};

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

// Review decisions "new" and "drop" through --strict, analyze and report (issue 22).
TEST_F(NormalizeCli, NewAndDropDecisionsCarryThroughStrictAnalyzeAndReport) {
  spit(dir_ / "d.json", R"({"taxonomy":"fintech-2024","companies":[
    {"id":"F1","issues":[{"name":"数据安全与隐私保护"},{"name":"客户服务"},{"name":"元宇宙伦理"},{"name":"太空探索"}]},
    {"id":"F2","issues":[{"name":"客户服务"},{"name":"元宇宙伦理"},{"name":"数据安全与隐私保护"}]},
    {"id":"F3","issues":[{"name":"太空探索"},{"name":"数据安全与隐私保护"},{"name":"客户服务"}]}]})");
  const std::string data = (dir_ / "d.json").string(), review = (dir_ / "r.csv").string();
  CliRun strict = run("analyze " + data + " --strict");
  EXPECT_EQ(strict.status, 3);
  EXPECT_NE(strict.err.find("元宇宙伦理"), std::string::npos) << strict.err;
  ASSERT_EQ(run("normalize --dataset " + data + " --review " + review).status, 0);
  auto records = materia::detail::parse_csv(slurp(dir_ / "r.csv"), ',', "r.csv");
  ASSERT_EQ(records.size(), 3u);
  const auto& header = records[0].fields;
  ASSERT_GE(header.size(), 3u);
  ASSERT_EQ(header[header.size() - 3], "name_en");
  ASSERT_EQ(header[header.size() - 2], "category");
  std::string edited;
  for (std::size_t r = 0; r < records.size(); ++r) {
    auto fields = records[r].fields;
    if (r > 0 && fields[0] == "元宇宙伦理") {
      fields[fields.size() - 3] = "Metaverse ethics";
      fields[fields.size() - 2] = "G";
      fields.back() = "new";
    } else if (r > 0) {
      fields.back() = "drop";
    }
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (k > 0) edited += ',';
      edited += materia::detail::csv_field(fields[k]);
    }
    edited += "\n";
  }
  spit(dir_ / "r.csv", edited);

  CliRun analyzed = run("analyze " + data + " --strict --aliases " + review +
                        " --tiers quantile:2 --format json");
  ASSERT_EQ(analyzed.status, 0) << analyzed.err;
  auto result = nlohmann::json::parse(analyzed.out);
  ASSERT_EQ(result["issues"].size(), 3u);
  EXPECT_EQ(result["universe"], 3);
  nlohmann::json added;
  for (const auto& issue : result["issues"])
    if (issue["id"] == "metaverse-ethics") added = issue;
  ASSERT_FALSE(added.is_null()) << analyzed.out;
  EXPECT_EQ(added["name"], "元宇宙伦理");
  EXPECT_EQ(added["name_en"], "Metaverse ethics");
  EXPECT_EQ(added["category"], "G");
  EXPECT_EQ(added["rank"], 3);
  EXPECT_NEAR(added["score"].get<double>(), 4.0 / 9, 1e-12);  // (1/3 + 2/3 + 1/3) / 3
  EXPECT_EQ(result["dropped_names"], nlohmann::json::array({"太空探索"}));
  EXPECT_NE(analyzed.err.find("\"太空探索\" (2 listings) was left out"), std::string::npos)
      << analyzed.err;
  CliRun table = run("analyze " + data + " --strict --aliases " + review + " --tiers quantile:2");
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_NE(table.out.find("元宇宙伦理"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("太空探索"), std::string::npos) << table.out;  // the warning line

  CliRun report = run("report " + data + " --strict --aliases " + review +
                      " --tiers quantile:2 --out " + (dir_ / "rep").string());
  ASSERT_EQ(report.status, 0) << report.err;
  EXPECT_NE(slurp(dir_ / "rep" / "report.html").find("元宇宙伦理"), std::string::npos);
  EXPECT_NE(slurp(dir_ / "rep" / "issues.csv").find("Metaverse ethics"), std::string::npos);
}

TEST_F(NormalizeCli, TaxonomyExportRoundTripsAndShowListsIt) {
  const std::string exported = (dir_ / "fintech.json").string();
  CliRun out = run("taxonomy export fintech-2024 -o " + exported);
  ASSERT_EQ(out.status, 0) << out.err;
  const auto file = nlohmann::ordered_json::parse(slurp(dir_ / "fintech.json"));
  EXPECT_EQ(file.begin().key(), "name");  // in the documented order, to read and extend
  EXPECT_EQ(file["name"], "fintech-2024");
  const std::string sample = std::string(MATERIA_SOURCE_DIR) + "/data/samples/fintech-2024.json";
  CliRun built_in = run("analyze " + sample + " --taxonomy fintech-2024 --format json");
  CliRun from_file = run("analyze " + sample + " --taxonomy " + exported + " --format json");
  ASSERT_EQ(built_in.status, 0) << built_in.err;
  ASSERT_EQ(from_file.status, 0) << from_file.err;
  EXPECT_EQ(from_file.out, built_in.out);
  EXPECT_EQ(run("taxonomy export fintech-2024").out, slurp(dir_ / "fintech.json"));  // stdout

  CliRun shown = run("taxonomy show " + exported + " --format csv");
  ASSERT_EQ(shown.status, 0) << shown.err;
  auto rows = materia::detail::parse_csv(shown.out, ',', "show");
  ASSERT_EQ(rows.size(), file["issues"].size() + file["topics"].size() + 1);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"id", "kind", "category", "name_zh",
                                                      "name_en", "parent", "aliases"}));
  std::size_t counted = 0, data_security = 0;
  for (const auto& alias : file["aliases"])
    data_security += alias["target"] == "data-security-and-privacy-protection";
  for (std::size_t r = 1; r < rows.size(); ++r) {
    counted += std::stoul(rows[r].fields[6]);
    if (rows[r].fields[0] == "data-security-and-privacy-protection") {
      EXPECT_EQ(rows[r].fields[1], "issue");
      EXPECT_EQ(rows[r].fields[3], "数据安全与隐私保护");
      EXPECT_EQ(rows[r].fields[6], std::to_string(data_security));
    }
  }
  EXPECT_GT(data_security, 0u);
  EXPECT_EQ(counted, file["aliases"].size());  // every alias names one issue or topic
  CliRun table = run("taxonomy show");
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_EQ(table.out.rfind("taxonomy fintech-2024 ", 0), 0u) << table.out;
  EXPECT_EQ(run("taxonomy export none").status, 2);
  EXPECT_EQ(run("taxonomy export nope").status, 2);
}

TEST_F(NormalizeCli, DatasetWithoutTaxonomyIsClusteredForReview) {
  spit(dir_ / "o.json", R"({"companies":[
    {"id":"F1","issues":[{"name":"Data security and privacy protection"},{"name":"客户服务"},{"name":"元宇宙伦理"}]},
    {"id":"F2","issues":[{"name":"数据安全与隐私保护"},{"name":"Customer service"},{"name":"元宇宙伦理"}]},
    {"id":"F3","issues":[{"name":"數據安全與隱私保護"},{"name":"客户服务"},{"name":"Space exploration"}]}]})");
  const std::string data = (dir_ / "o.json").string(), review = (dir_ / "c.csv").string();
  CliRun analyzed = run("analyze " + data + " --tiers quantile:2 --format json");
  ASSERT_EQ(analyzed.status, 0) << analyzed.err;
  EXPECT_EQ(nlohmann::json::parse(analyzed.out)["issues"].size(), 6u);
  EXPECT_NE(analyzed.err.find("the dataset has no taxonomy"), std::string::npos) << analyzed.err;
  EXPECT_NE(analyzed.err.find("--taxonomy fintech-2024"), std::string::npos) << analyzed.err;

  CliRun clustered = run("normalize --dataset " + data + " --review " + review);
  ASSERT_EQ(clustered.status, 0) << clustered.err;
  auto records = materia::detail::parse_csv(slurp(dir_ / "c.csv"), ',', "c.csv");
  // Two proposals: the English names, each a listed synonym of a Chinese one. The traditional
  // form shares its key (no proposal); 元宇宙伦理 and Space exploration have no partner.
  ASSERT_EQ(records.size(), 3u);
  std::map<std::string, std::string> proposed;
  for (std::size_t r = 1; r < records.size(); ++r)
    proposed[records[r].fields[0]] = records[r].fields[4];
  EXPECT_EQ(proposed, (std::map<std::string, std::string>{
                          {"Customer service", "客户服务"},
                          {"Data security and privacy protection", "数据安全与隐私保护"}}));
  std::string decided;
  for (std::size_t r = 0; r < records.size(); ++r) {
    auto fields = records[r].fields;
    if (r > 0) fields.back() = "1";
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (k > 0) decided += ',';
      decided += materia::detail::csv_field(fields[k]);
    }
    decided += "\n";
  }
  spit(dir_ / "c.csv", decided);
  CliRun merged = run("analyze " + data + " --tiers quantile:2 --format json --aliases " + review);
  ASSERT_EQ(merged.status, 0) << merged.err;
  auto result = nlohmann::json::parse(merged.out);
  ASSERT_EQ(result["issues"].size(), 4u);
  EXPECT_EQ(result["issues"][0]["attention"], 3);
  EXPECT_EQ(result["issues"][1]["attention"], 3);
}

}  // namespace

#endif
