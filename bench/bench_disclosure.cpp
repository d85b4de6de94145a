// Disclosure statistics, rubric scoring and stakeholder surveys on seeded synthetic data (single
// thread).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

#include "materia/workflows/disclosure.hpp"
#include "materia/workflows/scoring.hpp"
#include "materia/workflows/survey.hpp"

namespace {

// A market-sized frame: firms in 8 segments, a third reporting, citing some of 60 standards.
materia::FirmRecords synthetic_records(std::size_t firms, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> segment(0, 7), venue(0, 5), standard(0, 59), dims(5, 90);
  std::bernoulli_distribution reports(0.33), esg(0.66), coin(0.5);
  const char* venues[] = {"A", "HK", "US", "SG", "LSE", "B"};
  materia::FirmRecords records;
  for (std::size_t i = 0; i < firms; ++i) {
    materia::FirmRecord f;
    f.id = "F" + std::to_string(i);
    f.segment = "segment-" + std::to_string(segment(rng));
    if (coin(rng)) f.listed = {venues[venue(rng)]};
    if (reports(rng)) {
      f.report = esg(rng) ? materia::ReportType::esg : materia::ReportType::csr;
      f.strategy = coin(rng);
      f.governance = coin(rng);
      f.kpi_table = coin(rng);
      if (f.kpi_table) f.kpi_dimensions = dims(rng);
      f.materiality_matrix = coin(rng);
      for (int k = 0; k < 4; ++k) {
        std::string s = "standard-" + std::to_string(standard(rng));
        if (std::find(f.standards.begin(), f.standards.end(), s) == f.standards.end())
          f.standards.push_back(s);
      }
    }
    records.firms.push_back(std::move(f));
  }
  return records;
}

void BM_DisclosureStatistics(benchmark::State& state) {
  auto records = synthetic_records(static_cast<std::size_t>(state.range(0)), 42);
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::disclosure_statistics(records));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DisclosureStatistics)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_ScoreExcellence(benchmark::State& state) {
  auto model = materia::ScoringModel::builtin("excellence-2024");
  materia::IssueAttention attention;
  for (int i = 0; i < 91; ++i) {
    std::string name = "issue-" + std::to_string(i);
    attention.keys.emplace(name, attention.issues.size());
    attention.issues.push_back({name, name, static_cast<double>(1 + i % 23)});
    attention.total += 1 + i % 23;
  }
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> rating(1.0, 5.0), depth(0.0, 1.0);
  std::uniform_int_distribution<int> issue(0, 90);
  const char* segments[] = {"it_service_provider", "tech_business_service_provider",
                            "consumer_finance", "private_bank"};
  std::vector<materia::FirmIndicators> firms;
  for (int i = 0; i < state.range(0); ++i) {
    materia::FirmIndicators f;
    f.id = "F" + std::to_string(i);
    f.segment = segments[i % 4];
    f.shared.values = {{"report", std::string("ESG")},
                       {"kpi_dimensions", 40.0},
                       {"assurance", std::string("limited")},
                       {"esg_rating", std::string("A")}};
    for (const char* key :
         {"completeness", "detail", "strategy_integration", "governance_structure", "performance"})
      f.shared.values[key] = rating(rng);
    f.shared.issues.emplace();
    for (int k = 0; k < 25; ++k)
      (*f.shared.issues)["issue-" + std::to_string(issue(rng))] = depth(rng);
    f.juries["internal"].values["completeness"] = rating(rng);
    firms.push_back(std::move(f));
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::score_firms(model, firms, &attention));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ScoreExcellence)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// A firm's survey: respondents spread over the report's eleven groups (equal weights), each rating
// 30 of 60 issues on 1-5. Names are folded once per distinct spelling.
void BM_SummarizeSurvey(benchmark::State& state) {
  materia::Survey survey;
  survey.groups = materia::report_stakeholder_groups();
  for (auto& g : survey.groups)
    g.weight = 1.0 / static_cast<double>(survey.groups.size());
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> rating(1, 5), issue(0, 59);
  for (int r = 0; r < state.range(0); ++r) {
    materia::SurveyResponse response;
    response.group = survey.groups[static_cast<std::size_t>(r) % survey.groups.size()].id;
    response.respondent = "R" + std::to_string(r);
    std::vector<bool> seen(60, false);
    while (response.ratings.size() < 30) {
      int i = issue(rng);
      if (seen[static_cast<std::size_t>(i)]) continue;
      seen[static_cast<std::size_t>(i)] = true;
      response.ratings.emplace_back("议题" + std::to_string(i), rating(rng));
    }
    survey.responses.push_back(std::move(response));
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(materia::summarize_survey(survey));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SummarizeSurvey)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
