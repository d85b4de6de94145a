// The command line as users and scripts call it: exit codes, one-line errors, outputs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/wait.h>
#include <nlohmann/json.hpp>

#include "scratch_dir.hpp"
#include "test_support.hpp"

#ifdef MATERIA_CLI_PATH

namespace {

using materia_test::run_cli;
using materia_test::slurp;

TEST(Cli, AnalyzeTheSampleAsATable) {
  auto r = run_cli("analyze --sample fintech-2024");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("数据安全与隐私保护"), std::string::npos);
  EXPECT_NE(r.out.find("synthetic sample data"), std::string::npos);
  EXPECT_EQ(r.err, "");
}

TEST(Cli, AnalyzeJsonFollowsTheContract) {
  auto r = run_cli(
      "analyze --sample fintech-2024 --method attention --tiers counts:26,23,42 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["method"], "attention");
  EXPECT_EQ(json["issues"].size(), 91u);
  EXPECT_EQ(json["issues"][0]["tier"], 1);
  EXPECT_EQ(json["issues"][90]["tier"], 3);
}

// MATERIA_STAGE_TIMES prints where a run's time goes, on stderr, in pipeline order; stdout is
// the same bytes as without it.
TEST(Cli, StageTimesGoToStandardErrorOnly) {
  const std::string args = "analyze --sample fintech-2024 --format json";
  const auto plain = run_cli(args);
  const auto timed = run_cli(args, "", "MATERIA_STAGE_TIMES=1");
  ASSERT_EQ(timed.exit_code, 0) << timed.err;
  EXPECT_EQ(timed.out, plain.out);
  EXPECT_EQ(plain.err, "");
  const std::string lines = "\n" + timed.err;
  std::size_t at = 0;
  for (const char* stage : {"start", "companies", "load", "validate_intern", "normalizer",
                            "resolve", "columns", "aggregate", "tiers", "analyze", "json"}) {
    const std::size_t found = lines.find(std::string("\n") + stage + " ", at);
    ASSERT_NE(found, std::string::npos) << stage << " after byte " << at << " in\n" << timed.err;
    at = found + 1;
  }
}

// --threads is the analysis' thread count too: on a market large enough for every stage to use
// threads (companies read, names resolved, firms ranked, rra scored on each), the bytes are the
// same for 1, 2, 3 threads and all cores.
TEST(Cli, ThreadsDoNotChangeTheAnalysis) {
  const materia_test::ScratchDir scratch;
  const auto path = scratch / "firms.json";
  {
    std::ofstream out(path);
    out << "{\"companies\": [";
    for (int f = 0; f < 1500; ++f) {
      out << (f ? ",\n" : "") << "{\"id\": \"F" << f << "\", \"issues\": [";
      for (int e = 0; e < 12; ++e)
        out << (e ? ", " : "") << "\"issue " << (f * 7 + e * e) % 90 << "\"";
      out << "]}";
    }
    out << "]}";
  }
  const std::string args = "analyze " + path.string() + " --method rra --format json";
  const auto all = run_cli(args);
  ASSERT_EQ(all.exit_code, 0) << all.err;
  for (const char* threads : {"1", "2", "3"}) {
    const auto some = run_cli(args + " --threads " + threads);
    EXPECT_EQ(some.exit_code, 0) << some.err;
    EXPECT_EQ(some.out, all.out) << threads;
  }
}

TEST(Cli, ReadsStandardInputAndCsv) {
  auto r = run_cli("analyze - --format csv", "firm,issue,rank\nF1,a,1\nF1,b,2\nF2,b,1\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out.substr(0, r.out.find('\n')),
      "rank,rank_mid,tier,id,name,name_en,category,attention,attention_share,score,rho,importance,"
      "stakeholder,business,"
      "quadrant,merged_names");
  EXPECT_NE(r.out.find("\n1,1.5,1,b,b,"), std::string::npos);  // a and b tie
}

TEST(Cli, WritesTheOutputFileAtomically) {
  const materia_test::ScratchDir scratch;
  const auto path = scratch / "output.json";
  auto r = run_cli("analyze --sample fintech-2024 --format json -o " + path.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(path), run_cli("analyze --sample fintech-2024 --format json").out);
}

TEST(Cli, UsageErrorsExitWith2) {
  for (const auto& [args, message] : std::vector<std::pair<std::string, std::string>>{
           {"", "materia: error: A subcommand is required (see materia --help)\n"},
           {"analyze", "materia: error: give either a FILE or --sample NAME\n"},
           {"analyze --sample nowhere",
            "materia: error: unknown sample \"nowhere\" (built in: fintech-2024, fintech-2025)\n"},
           {"analyze --sample fintech-2024 --method best",
            "materia: error: unknown method \"best\" (known: attention, ..."},
           {"analyze --sample fintech-2024 --tiers fisher:x",
            "materia: error: tier spec \"fisher:x\": \"x\" is not a number\n"},
           {"analyze --sample fintech-2024 --tiers counts:50,50",
            "materia: error: tier spec \"counts:50,50\" asks for 100 issues but there are 91\n"},
           {"analyze --sample fintech-2024 --universe 12",
            "materia: error: --universe 12 is smaller than the 91 distinct issues in the data\n"},
           {"analyze --sample fintech-2024 --format xml", ""},
       }) {
    SCOPED_TRACE(args);
    auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2);
    // a message ending in "..." is checked up to there (lists that grow with the library)
    if (message.ends_with("...")) {
      EXPECT_EQ(r.err.substr(0, message.size() - 3), message.substr(0, message.size() - 3));
    } else if (!message.empty()) {
      EXPECT_EQ(r.err, message);
    }
    EXPECT_EQ(r.out, "");
  }
}

TEST(Cli, InputErrorsExitWith3AndNameTheCulprit) {
  auto r = run_cli("analyze /nonexistent/firms.json");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "materia: error: /nonexistent/firms.json: cannot open: No such file or directory\n");
  r = run_cli(
      "analyze -",
      R"({"taxonomy": "fintech-2024", "companies": [{"id": "F9", "issues": ["火星殖民"]}]})");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err,
            "materia: error: <stdin>: firm \"F9\": issue \"火星殖民\": names no issue of taxonomy "
            "\"fintech-2024\" (no canonical name or alias shares a character n-gram with it; "
            "add an alias, or use taxonomy \"none\")\n");
  EXPECT_EQ(r.out, "");
}

TEST(Cli, NormalizeResolvesNamesPerLine) {
  auto r = run_cli("normalize --taxonomy fintech-2024",
                   "数据安全与 隐私保护\nCustomer Service\n不存在的议题\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[0]["id"], "data-security-and-privacy-protection");
  EXPECT_EQ(json[0]["match"], "exact");
  EXPECT_EQ(json[1]["id"], "customer-service");
  EXPECT_EQ(json[2]["match"], "unmatched");
  EXPECT_TRUE(json[2]["id"].is_null());
}

TEST(Cli, SensitivityTableAndJson) {
  // Under fisher:2 issue D leaves tier 1 with the attention method and with N = 10
  // (tests/cpp/test_sensitivity.cpp works the numbers out).
  const std::string data = R"({"taxonomy": "none", "companies": [
      {"id": "F1", "issues": ["D", "A", "B"]}, {"id": "F2", "issues": ["D", "A", "C"]},
      {"id": "F3", "issues": ["A", "E"]}, {"id": "F4", "issues": ["B", "A", "E"]}]})";
  auto table = run_cli("analyze - --tiers fisher:2 --sensitivity", data);
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.err.rfind("materia: warning: the dataset has no taxonomy", 0), 0u) << table.err;
  EXPECT_EQ(table.err.find('\n'), table.err.size() - 1) << table.err;  // that warning only
  EXPECT_EQ(table.out.rfind("method sensitivity of borda-normalized, N = 5, tiers fisher:2\n", 0),
            0u)
      << table.out;
  EXPECT_NE(table.out.find("main analysis"), std::string::npos);
  EXPECT_NE(table.out.find("N=10"), std::string::npos);
  EXPECT_NE(table.out.find("2/2*"), std::string::npos) << table.out;

  auto json = run_cli("analyze - --tiers fisher:2 --sensitivity --format json", data);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto document = nlohmann::json::parse(json.out);
  EXPECT_EQ(document["method"], "borda-normalized");
  const auto& variants = document["variants"];
  std::size_t flags = 0, counted = 0;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const bool moves_d = variants[v]["label"] == "attention" || variants[v]["label"] == "N=10";
    counted += variants[v]["tier_changes"].get<std::size_t>();
    for (const auto& issue : document["issues"]) {
      const bool changed = issue["variants"][v]["tier_changed"].get<bool>();
      flags += changed;
      if (moves_d) {
        EXPECT_EQ(changed, issue["id"] == "d") << variants[v]["label"] << issue["id"];
      }
    }
  }
  EXPECT_EQ(flags, counted);
  EXPECT_GE(flags, 2u);

  auto csv = run_cli("analyze - --tiers fisher:2 --sensitivity --format csv", data);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("issue,name,main_rank,main_tier,variant,", 0), 0u);

  auto bad = run_cli("analyze --sample fintech-2024 --sensitivity --bootstrap 10");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err,
            "materia: error: --sensitivity cannot be combined with --bootstrap or "
            "--leave-one-out\n");
}

TEST(Cli, SensitivityOfTheSampleRunsEveryMethod) {
  auto r = run_cli("analyze --sample fintech-2024 --sensitivity --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto document = nlohmann::json::parse(r.out);
  EXPECT_EQ(document["issues"].size(), 91u);
  std::size_t methods = 0;
  for (const auto& variant : document["variants"]) {
    methods += variant["kind"] == "method";
    EXPECT_TRUE(variant["ran"].get<bool>()) << variant.dump();
  }
  EXPECT_GE(methods, 13u);
}

}  // namespace

#endif
