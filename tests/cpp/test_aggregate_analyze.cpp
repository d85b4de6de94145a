// Every method through the whole pipeline on the built-in sample, and the CLI options.
#include <gtest/gtest.h>

#include <cstdlib>

#include "materia/materia.hpp"
#include "output/result_json.hpp"

namespace {

TEST(AggregateAnalyze, EveryMethodRunsOnTheSampleAndSortsByItsDirection) {
  const auto dataset = materia::load_sample("fintech-2024");
  for (const auto& name : materia::method_names()) {
    materia::AnalyzeOptions options;
    options.method = materia::parse_method(name);
    const auto result = materia::analyze(dataset, options);
    EXPECT_EQ(result.method, name);
    ASSERT_EQ(result.issues.size(), 91u) << name;
    for (std::size_t i = 1; i < result.issues.size(); ++i) {
      const double before = result.issues[i - 1].score, after = result.issues[i].score;
      EXPECT_TRUE(result.higher_is_better ? before >= after : before <= after)
          << name << " at " << i;
    }
    EXPECT_EQ(result.kemeny_distance.has_value(), name == "kemeny");
    const auto json = materia::to_json(result);
    EXPECT_EQ(json.contains("kemeny"), name == "kemeny") << name;
  }
}

TEST(AggregateAnalyze, KemenyOnTheSampleReportsDistanceAndOptimality) {
  materia::AnalyzeOptions options;
  options.method = materia::Method::kemeny;
  const auto result = materia::analyze(materia::load_sample("fintech-2024"), options);
  ASSERT_TRUE(result.kemeny_distance && result.kemeny_proven_optimal);
  EXPECT_GT(*result.kemeny_distance, 0.0);
  const auto json = materia::to_json(result);
  EXPECT_EQ(json["kemeny"]["distance"].get<double>(), *result.kemeny_distance);
  EXPECT_EQ(json["kemeny"]["proven_optimal"].get<bool>(), *result.kemeny_proven_optimal);
  // Kemeny scores are positions 1..n, each once
  std::vector<int> seen(92, 0);
  for (const auto& issue : result.issues)
    seen[static_cast<std::size_t>(issue.score)]++;
  for (std::size_t position = 1; position <= 91; ++position)
    EXPECT_EQ(seen[position], 1);
}

TEST(AggregateAnalyze, RraExactAndCutoffChangeTheScoresTheWayTheyShould) {
  const auto dataset = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  options.method = materia::Method::rra;
  const auto plain = materia::analyze(dataset, options);
  options.rra_exact = true;
  const auto exact = materia::analyze(dataset, options);
  // Stuart's exact correction is never larger than the Bonferroni factor m (capped at 1)
  for (const auto& issue : plain.issues) {
    const auto* other = exact.find(issue.id);
    ASSERT_NE(other, nullptr);
    EXPECT_LE(other->score, issue.score + 1e-12) << issue.id;
  }
}

#ifdef MATERIA_CLI_PATH
TEST(AggregateAnalyze, CliRejectsRraOptionsWithOtherMethods) {
  const std::string cli = MATERIA_CLI_PATH;
  EXPECT_EQ(std::system(
                (cli + " analyze --sample fintech-2024 --method borda --rra-exact > /dev/null 2>&1")
                    .c_str()) >>
                8,
            2);
  EXPECT_EQ(std::system((cli + " analyze --sample fintech-2024 --method rra --rra-exact "
                               "--rra-top-cutoff --format json > /dev/null")
                            .c_str()) >>
                8,
            0);
  EXPECT_EQ(std::system(
                (cli + " analyze --sample fintech-2024 --method nope > /dev/null 2>&1").c_str()) >>
                8,
            2);
}
#endif

}  // namespace

namespace {

TEST(AggregateAnalyze, RraFlagsHaveTheirJsonOptionSpelling) {
  auto options = materia::analyze_options_from_json(
      R"({"method":"rra","rra_exact":true,"rra_top_cutoff":false})");
  EXPECT_EQ(options.method, materia::Method::rra);
  EXPECT_TRUE(options.rra_exact);
  EXPECT_FALSE(options.rra_top_cutoff);
  EXPECT_THROW(materia::analyze_options_from_json(R"({"rra_exact":1})"), materia::Error);
}

}  // namespace
