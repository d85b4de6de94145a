// The issue-5 verbs as scripts call them: breaks, agreement, explain, and analyze's uncertainty
// flags (exit codes, JSON fields, byte-identical output for any thread count).
#include <gtest/gtest.h>

#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "materia/tier/tier.hpp"
#include "scratch_dir.hpp"
#include "test_support.hpp"

#ifdef MATERIA_CLI_PATH

namespace {

using materia_test::run_cli;
using materia_test::slurp;

TEST(CliBreaks, ContractJson) {
  auto r = run_cli("breaks --method fisher --classes 2 -", "1\n2\n4\n\n8\n9\n10\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["breaks"], nlohmann::json::parse("[1.0, 6.0, 10.0]"));
  EXPECT_EQ(json["classes"], nlohmann::json::parse("[1, 1, 1, 2, 2, 2]"));
  EXPECT_NEAR(json["gvf"].get<double>(), 1 - 1.0 / 11, 1e-12);
  auto jenks = nlohmann::json::parse(
      run_cli("breaks --method jenks --classes 2", "1\n2\n4\n8\n9\n10\n").out);
  EXPECT_EQ(jenks["breaks"], nlohmann::json::parse("[1.0, 4.0, 10.0]"));
}

TEST(CliBreaks, BadInputNamesTheLine) {
  auto r = run_cli("breaks --method equal --classes 2", "1\n2\nthree\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "materia: error: <stdin>:3: \"three\" is not a finite number\n");
  EXPECT_EQ(run_cli("breaks --method kmeans --classes 2", "1\n").exit_code, 2);
  EXPECT_EQ(run_cli("breaks --classes 0", "1\n").exit_code, 2);
  EXPECT_EQ(run_cli("breaks", "").exit_code, 3);
}

TEST(CliBreaks, InputSyntaxAndErrorLines) {
  // a byte-order mark, CRLF, blanks, a plus sign; errors quote the trimmed line and its number
  auto ok = run_cli("breaks -k 2", "\xEF\xBB\xBF 1\r\n+2\n\n  \t\r\n3\n");
  EXPECT_EQ(ok.out,
            "{\"breaks\":[1.0,1.5,3.0],\"classes\":[1,2,2],\"gvf\":0.75,\"method\":\"fisher\","
            "\"class_count\":2}\n");
  EXPECT_EQ(run_cli("breaks -k 2", "1\n2\n3").out, ok.out);  // no final newline
  // lines after the first take a quicker path: same numbers (a '+' before a '-' was and is
  // accepted), same errors
  EXPECT_EQ(run_cli("breaks -k 1", "1\n+-1\n 2.5e-3 \t\r\n3\r\r\n").out,
            "{\"breaks\":[-1.0,3.0],\"classes\":[1,1,1,1],\"gvf\":0.0,\"method\":\"fisher\","
            "\"class_count\":1}\n");
  const std::pair<std::string, std::string> bad[] = {
      {"\xEF\xBB\xBF 1\r\n+2\n\n  \t\r\n3e999\n", "<stdin>:5: \"3e999\""},
      {"1\n++2\n", "<stdin>:2: \"++2\""},
      {"\xEF\xBB\xBFx\n", "<stdin>:1: \"x\""},
      {"1\n2\n nan \n", "<stdin>:3: \"nan\""},
      {"\xEF\xBB\xBF\n\n4\n5 6\n", "<stdin>:4: \"5 6\""},
      {"1\n1e\n", "<stdin>:2: \"1e\""},
      {"1\n+\n", "<stdin>:2: \"+\""},
      {"1\n0x10\n", "<stdin>:2: \"0x10\""},
      {"1\n2 \r 3\n", "<stdin>:2: \"2 \r 3\""},
      {"1\n\t\r\n-inf\n", "<stdin>:3: \"-inf\""}};
  for (const auto& [input, where] : bad) {
    auto r = run_cli("breaks -k 2", input);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.err, "materia: error: " + where + " is not a finite number\n");
  }
  auto empty = run_cli("breaks -k 2", " \n\r\n");
  EXPECT_EQ(empty.exit_code, 3);
  EXPECT_EQ(empty.err, "materia: error: <stdin>: no numbers to classify\n");
}

// Inputs of megabytes are parsed in pieces on threads: the error names the same line as one
// pass would, and the classes do not depend on the thread count.
TEST(CliBreaks, LargeInputParsedInPiecesNamesTheSameLine) {
  std::string text;
  for (int i = 1; i <= 400000; ++i)
    text += i % 1000 == 0 ? "\r\n"
            : i % 7 == 0  ? " +" + std::to_string(i) + ".25\r\n"
                          : std::to_string(i % 977) + ".5\n";
  std::string bad = text;
  auto line_start = [&](int line) {
    std::size_t at = 0;
    for (int l = 1; l < line; ++l)
      at = bad.find('\n', at) + 1;
    return at;
  };
  bad.insert(line_start(390001), "oops\n");  // becomes line 390001, in the last piece
  std::string two = bad;
  two.insert(line_start(150001), "1e999\n");  // an earlier one, in the first piece
  const std::string reference = run_cli("breaks -k 4 --threads 1", text).out;
  ASSERT_FALSE(reference.empty());
  for (const char* threads : {"1", "2", "3", "0"}) {
    const std::string args = std::string("breaks -k 4 --threads ") + threads;
    EXPECT_EQ(run_cli(args, text).out, reference) << threads;
    EXPECT_EQ(run_cli(args, bad).err,
              "materia: error: <stdin>:390001: \"oops\" is not a finite number\n")
        << threads;
    EXPECT_EQ(run_cli(args, two).err,
              "materia: error: <stdin>:150001: \"1e999\" is not a finite number\n")
        << threads;
  }
}

// `breaks --format json` writes the document itself (no tree of a million class numbers): it
// must be the bytes nlohmann's ordered_json dump gave, whatever the doubles look like.
TEST(CliBreaks, JsonIsNlohmannsDumpByteForByte) {
  std::mt19937_64 rng(12);
  std::lognormal_distribution<double> lognormal(0.0, 2.0);
  std::vector<std::vector<double>> inputs = {
      {1, 2, 4, 8, 9, 10},
      {-0.0, 0.0, 1e-7, 0.1, 1e21, 1e300, 5e-324, -2.5e-310, 123456789012345678.0},
      {1e300, -1e300, 0.0},  // overflowing variance: a NaN GVF, dumped as null
      {7, 7, 7},
      {0.1, 0.2, 0.30000000000000004, 1.0 / 3, 2.0 / 3, 1e16, 1e15 + 0.5}};
  std::vector<double> many(20000);
  for (auto& v : many)
    v = lognormal(rng);
  inputs.push_back(many);
  for (const auto& values : inputs) {
    std::string text;
    for (double v : values) {
      char buffer[32];
      auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
      text.append(buffer, end);
      text += '\n';
    }
    for (auto method :
         {materia::BreakMethod::fisher, materia::BreakMethod::jenks, materia::BreakMethod::quantile,
          materia::BreakMethod::equal, materia::BreakMethod::headtail})
      for (int k : {1, 3, 5}) {
        const std::string name(materia::break_method_name(method));
        auto r = run_cli("breaks --method " + name + " -k " + std::to_string(k), text);
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const auto breaks = materia::natural_breaks(values, k, method);
        nlohmann::ordered_json json;
        json["breaks"] = breaks.breaks;
        json["classes"] = breaks.classes;
        json["gvf"] = breaks.gvf;
        json["method"] = name;
        json["class_count"] = breaks.class_count;
        EXPECT_EQ(r.out, json.dump() + "\n") << name << " k " << k << " on " << values.size();
      }
  }
}

TEST(CliAgreement, ReportsWAndTypicalFirms) {
  auto r = run_cli("agreement --sample fintech-2024 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["raters"], 23);
  EXPECT_EQ(json["items"], 91);
  EXPECT_NEAR(json["chi_square"].get<double>(), 23.0 * 90.0 * json["w"].get<double>(), 1e-9);
  EXPECT_EQ(json["most_typical"].size(), 3u);
  EXPECT_EQ(json["most_typical"][0], json["firms"][0]["id"]);
  EXPECT_EQ(json["least_typical"][0], json["firms"][22]["id"]);
}

TEST(CliExplain, ExplainsByNameWithAnInterval) {
  auto r = run_cli("explain --sample fintech-2024 科技创新 --format json --bootstrap 40 --seed 2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["id"], "technological-innovation");
  EXPECT_NEAR(json["contributions_sum"].get<double>(), json["score"].get<double>(), 1e-12);
  EXPECT_EQ(json["rank_interval"].size(), 2u);
  EXPECT_FALSE(json["merged_names"].empty());
  auto missing = run_cli("explain --sample fintech-2024 no-such-issue");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no-such-issue"), std::string::npos);
}

TEST(CliAnalyze, BootstrapOutputIsTheSameForAnyThreadCount) {
  auto one = run_cli(
      "analyze --sample fintech-2024 --format json --bootstrap 50 --seed 9 --threads 1 "
      "--leave-one-out");
  auto two = run_cli(
      "analyze --sample fintech-2024 --format json --bootstrap 50 --seed 9 --threads 2 "
      "--leave-one-out");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(one.err, "");  // no progress bar when stderr is not a terminal
  auto json = nlohmann::json::parse(one.out);
  EXPECT_EQ(json["bootstrap"]["replicates"], 50);
  EXPECT_EQ(json["issues"][0]["tier_probability"].size(), 3u);
  // the leader keeps rank 1 whichever firm leaves (no influential firm); others move
  int moved = 0;
  for (const auto& issue : json["issues"])
    moved += issue.contains("influential_firm");
  EXPECT_GT(moved, 10);
  EXPECT_EQ(json["matrix"]["threshold_rule"], "fisher:2");
}

// On a terminal (a pseudo-terminal from util-linux's `script`) the bootstrap draws a progress bar
// on stderr that ends at B/B with a newline; the result on stdout is the same as without one.
TEST(CliAnalyze, BootstrapProgressBarOnlyOnATerminal) {
  const materia_test::ScratchDir dir("tty");
  const std::string args = "analyze --sample fintech-2024 --format json --bootstrap 40 --seed 3";
  std::string command = "script -qec '" + std::string(MATERIA_CLI_PATH) + " " + args + " -o " +
                        (dir / "tty.json").string() + "' /dev/null > " +
                        (dir / "terminal").string() + " 2>&1";
  int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command;
  std::string terminal = slurp(dir / "terminal");
  EXPECT_NE(terminal.find("bootstrap ["), std::string::npos) << terminal;
  EXPECT_NE(terminal.find("] 40/40\r\n"), std::string::npos) << terminal;  // the tty adds \r
  auto plain = run_cli(args);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.err, "");
  EXPECT_EQ(slurp(dir / "tty.json"), plain.out);
}

TEST(CliAnalyze, MatrixFlags) {
  auto r = run_cli(
      "analyze --sample fintech-2024 --format json --stakeholder-threshold 0.7 "
      "--business-threshold 0.7 --material both --composite-top 29 --roll-up weight");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["thresholds"]["stakeholder"], 0.7);
  EXPECT_EQ(json["matrix"]["material"], "both");
  EXPECT_EQ(json["matrix"]["roll_up"], "weight");
  for (const auto& issue : json["issues"])
    EXPECT_EQ(issue["material"].get<bool>(), issue["quadrant"] == "both") << issue["id"];
  EXPECT_EQ(run_cli("analyze --sample fintech-2024 --roll-up sum").exit_code, 2);
  EXPECT_EQ(run_cli("analyze --sample fintech-2024 --axis-tiers nonsense").exit_code, 2);
}

}  // namespace

#endif
