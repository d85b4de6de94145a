// Same input, same bytes out: across runs, across threads running analyses at once, and from the
// command line.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <thread>

#include "materia/analyze/analyze.hpp"
#include "materia/io/io.hpp"
#include "materia/output/output.hpp"
#include "materia/report/report.hpp"
#include "output/result_json.hpp"
#include "test_support.hpp"

namespace {

struct Rendered {
  std::string json, csv, table;
  bool operator==(const Rendered&) const = default;
};

Rendered render(const materia::Dataset& dataset, const std::string& method,
                const std::string& tiers) {
  materia::AnalyzeOptions options;
  options.method = materia::parse_method(method);
  options.tiers = materia::TierSpec::parse(tiers);
  materia::Result result = materia::analyze(dataset, options);
  return {materia::to_json(result).dump(2), materia::to_csv(result), materia::to_table(result)};
}

// Every method and a few tier specs, over the sample and an open-vocabulary dataset with ties.
std::vector<std::pair<std::string, std::string>> configurations() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& method : materia::method_names())
    for (const char* tiers : {"fisher:3", "quantile:4", "counts:20,30,41"})
      out.emplace_back(method, tiers);
  return out;
}

const char* kTiedDataset = R"({"taxonomy": "none", "companies": [
  {"id": "F1", "issues": [{"name": "b", "rank": 1}, {"name": "a", "rank": 1}, {"name": "c", "rank": 2}]},
  {"id": "F2", "issues": ["a", "b", "c"]},
  {"id": "F3", "issues": ["c", "b", "a"]}]})";

TEST(Determinism, RepeatedAnalysesGiveIdenticalBytes) {
  auto sample = materia::load_sample("fintech-2024");
  for (const auto& [method, tiers] : configurations()) {
    SCOPED_TRACE(method + " " + tiers);
    Rendered first = render(sample, method, tiers);
    EXPECT_FALSE(first.json.empty());
    EXPECT_EQ(render(sample, method, tiers), first);
    // a freshly loaded copy of the same input, too
    EXPECT_EQ(render(materia::load_sample("fintech-2024"), method, tiers), first);
  }
  auto tied = materia::load_dataset_json(kTiedDataset, "<tied>");
  Rendered first = render(tied, "borda-normalized", "quantile:2");
  for (int run = 0; run < 20; ++run)
    EXPECT_EQ(render(materia::load_dataset_json(kTiedDataset, "<tied>"), "borda-normalized",
                     "quantile:2"),
              first);
}

// Analyses running on several threads at once produce exactly the serial bytes (and, under
// TSan, no data race: scripts/ci-reliability.sh runs every *Concurrent* test with it).
TEST(Determinism, ConcurrentAnalysesGiveTheSerialBytes) {
  const auto sample = materia::load_sample("fintech-2024");
  auto configs = configurations();
  std::vector<Rendered> serial;
  for (const auto& [method, tiers] : configs)
    serial.push_back(render(sample, method, tiers));
  for (unsigned threads : {2u, 4u, 8u}) {
    std::vector<Rendered> parallel(configs.size());
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t)
      workers.emplace_back([&, t] {
        for (std::size_t i = t; i < configs.size(); i += threads)
          parallel[i] = render(sample, configs[i].first, configs[i].second);
      });
    for (auto& worker : workers)
      worker.join();
    for (std::size_t i = 0; i < configs.size(); ++i)
      EXPECT_EQ(parallel[i], serial[i]) << threads << " threads, " << configs[i].first;
  }
}

TEST(Determinism, ConcurrentLoadingAndNormalizingGiveTheSerialBytes) {
  std::string text =
      materia::read_file(std::string(MATERIA_SOURCE_DIR) + "/data/samples/fintech-2024.json");
  const Rendered serial =
      render(materia::load_dataset_json(text, "<x>"), "borda-normalized", "fisher:3");
  std::vector<Rendered> parallel(6);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < parallel.size(); ++t)
    workers.emplace_back([&, t] {
      parallel[t] = render(materia::load_dataset_json(text, "<x>"), "borda-normalized", "fisher:3");
    });
  for (auto& worker : workers)
    worker.join();
  for (const auto& result : parallel)
    EXPECT_EQ(result, serial);
}

// The report's files (both SVGs, the HTML, the CSV and the XLSX) rendered on several threads at
// once are the serial bytes; libxlsxwriter writes through temporary files, so this also checks
// that concurrent workbooks do not share one.
TEST(Determinism, ConcurrentReportsGiveTheSerialBytes) {
  const auto sample = materia::load_sample("fintech-2024");
  auto render_report = [&](const std::string& method, materia::ReportLanguage language) {
    materia::AnalyzeOptions analyze_options;
    analyze_options.method = materia::parse_method(method);
    materia::Result result = materia::analyze(sample, analyze_options);
    materia::ReportOptions options;
    options.taxonomy = &sample.taxonomy;
    options.language = language;
    return std::vector<std::string>{
        materia::double_materiality_svg(result, options), materia::composite_svg(result, options),
        materia::report_html(result, options), materia::issues_csv(result),
        materia::issues_xlsx(result, options)};
  };
  const std::vector<std::pair<std::string, materia::ReportLanguage>> configs = {
      {"borda-normalized", materia::ReportLanguage::zh},
      {"attention", materia::ReportLanguage::en},
      {"rra", materia::ReportLanguage::zh},
      {"copeland", materia::ReportLanguage::en}};
  std::vector<std::vector<std::string>> serial;
  for (const auto& [method, language] : configs)
    serial.push_back(render_report(method, language));
  for (unsigned threads : {2u, 4u}) {
    std::vector<std::vector<std::string>> parallel(configs.size() * 2);
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t)
      workers.emplace_back([&, t] {
        for (std::size_t i = t; i < parallel.size(); i += threads)
          parallel[i] =
              render_report(configs[i % configs.size()].first, configs[i % configs.size()].second);
      });
    for (auto& worker : workers)
      worker.join();
    for (std::size_t i = 0; i < parallel.size(); ++i) {
      ASSERT_EQ(parallel[i].size(), 5u);
      for (std::size_t file = 0; file < 5; ++file) {
        EXPECT_GT(parallel[i][file].size(), 1000u);
        EXPECT_EQ(parallel[i][file], serial[i % configs.size()][file])
            << threads << " threads, " << configs[i % configs.size()].first << ", file #" << file;
      }
    }
  }
}

#ifdef MATERIA_CLI_PATH
using materia_test::run_cli;

TEST(Determinism, CliRunsGiveIdenticalBytes) {
  for (const char* format : {"json", "csv", "table"}) {
    for (const char* method : {"attention", "borda-normalized"}) {
      std::string args =
          std::string("analyze --sample fintech-2024 --method ") + method + " --format " + format;
      std::string first = run_cli(args).out;
      EXPECT_GT(first.size(), 1000u) << args;
      EXPECT_EQ(run_cli(args).out, first) << args;
    }
  }
}
#endif

}  // namespace
