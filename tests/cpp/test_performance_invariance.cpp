// The performance work changes no output: results equal those of the code before it (a golden
// file made by materia built from main before the work, docs/performance.md), whatever the
// thread count, and whichever JSON reader loaded the data.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

#include "materia/explain/explain.hpp"
#include "materia/materia.hpp"
#include "materia/report/report.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "output/result_json.hpp"
#include "synthetic.hpp"
#include "test_support.hpp"

namespace {

// The dataset of `materia_synth --firms 300 --length 20 --vocabulary 200 --variants 0.1
// --seed 11`, loaded as the CLI loads it.
const materia::Dataset& golden_dataset() {
  static const materia::Dataset dataset = [] {
    materia::bench::SyntheticSpec spec;
    spec.firms = 300;
    spec.list_length = 20;
    spec.vocabulary = 200;
    spec.variant_share = 0.1;
    spec.seed = 11;
    auto taxonomy = materia::bench::synthetic_taxonomy(spec.vocabulary, spec.seed);
    auto text = materia::bench::synthetic_dataset_json(
        materia::bench::synthetic_dataset(taxonomy, spec), spec.seed);
    return materia::load_dataset_json(text, "golden.json");
  }();
  return dataset;
}

nlohmann::json golden() {
  std::ifstream in(materia_test::test_data_path("perf_golden.json"));
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

materia::Result run(const std::string& method, unsigned threads) {
  materia::AnalyzeOptions options;
  options.method = materia::parse_method(method);
  return materia::analyze(golden_dataset(), options, materia::Execution{threads});
}

// rra's beta probabilities moved from Boost's default long double evaluation to double precision
// (a threefold speed-up); the scores moved in their last bits only (2e-14 relative at most, on
// p-values near 1e-66). Everything else is bit for bit.
constexpr double kBetaRelativeTolerance = 1e-13;
// borda-normalized and mean-rank are summed exactly since (CHANGELOG, Fixed): each score is its
// fraction rounded once, within 1.5e-15 of the golden's floating sums, which split one exact tie
// (mean-rank: i00099 and i00175, both 21227/40000, now tied and ordered by attention, then id).
constexpr double kExactSumRelativeTolerance = 4e-15;

TEST(PerformanceInvariance, ResultsEqualThoseBeforeTheWork) {
  // The golden rows are in the display order of their day, ranked by position. Since ties share
  // a rank, each golden row's rank is the competition rank of its score; rra's score is now its
  // uncapped strength, so R's value is `rho` and the rows R ties at 1 are ordered by strength:
  // they are compared by id.
  auto expected = golden();
  ASSERT_EQ(expected["methods"].size(), 3u);
  for (const auto& [method, issues] : expected["methods"].items()) {
    SCOPED_TRACE(method);
    auto result = run(method, 2);
    ASSERT_EQ(result.issues.size(), issues.size());
    int competition_rank = 0;
    for (std::size_t i = 0; i < issues.size(); ++i) {
      const auto& want = issues[i];
      const double score = want[1].get<double>();
      if (i == 0 || issues[i - 1][1].get<double>() != score)
        competition_rank = static_cast<int>(i + 1);
      const auto* found = result.find(want[0].get<std::string>());
      ASSERT_NE(found, nullptr) << want[0];
      const auto& got = *found;
      if (method == "rra") {  // beta probabilities in double precision since (docs/performance.md)
        EXPECT_NEAR(got.rho, score, kBetaRelativeTolerance * score) << got.id;
        if (score < 1.0) {
          EXPECT_EQ(result.issues[i].id, got.id);  // below the cap: the same order
          EXPECT_EQ(got.rank, competition_rank) << got.id;
        }
      } else if (method == "borda-normalized" || method == "mean-rank") {
        EXPECT_NEAR(got.score, score, kExactSumRelativeTolerance * score) << got.id;
        if (method == "mean-rank" && (got.id == "i00099" || got.id == "i00175")) {
          EXPECT_EQ(got.rank, 144) << got.id;  // the split tie, now shared
        } else {
          EXPECT_EQ(result.issues[i].id, got.id);
          EXPECT_EQ(got.rank, competition_rank) << got.id;
        }
      } else {
        EXPECT_EQ(result.issues[i].id, got.id);
        EXPECT_EQ(got.score, score) << got.id;  // bit for bit
        EXPECT_EQ(got.rank, competition_rank) << got.id;
      }
      EXPECT_EQ(got.attention, want[3].get<int>());
      EXPECT_EQ(got.merged_names, want[4].get<std::vector<std::string>>());
    }
  }
}

TEST(PerformanceInvariance, SameBytesWhateverTheThreadCount) {
  for (const char* method : {"borda-normalized", "rra", "stuart", "median-rank"}) {
    SCOPED_TRACE(method);
    const std::string one = materia::to_json(run(method, 1)).dump();
    for (unsigned threads : {2u, 3u, 8u, 0u})
      EXPECT_EQ(materia::to_json(run(method, threads)).dump(), one) << threads << " threads";
  }
}

// Without the listings (the CLI's analyze when nothing resamples) the result is the same but for
// the listings, and every reader of the listings refuses it with a usage error.
TEST(PerformanceInvariance, ResultWithoutListingsIsTheSameAndItsReadersRefuseIt) {
  materia::AnalyzeOptions options;
  options.method = materia::Method::rra;
  const materia::Result full = materia::analyze(golden_dataset(), options);
  options.keep_listings = false;
  const materia::Result bare = materia::analyze(golden_dataset(), options);
  EXPECT_TRUE(full.has_listings);
  EXPECT_FALSE(bare.has_listings);
  EXPECT_EQ(materia::to_json_text(bare), materia::to_json_text(full));
  EXPECT_EQ(materia::to_csv(bare), materia::to_csv(full));
  std::size_t listings = 0;
  ASSERT_EQ(bare.issues.size(), full.issues.size());
  for (std::size_t i = 0; i < full.issues.size(); ++i) {
    EXPECT_TRUE(bare.issues[i].listings.empty());
    EXPECT_EQ(bare.issues[i].merged_names, full.issues[i].merged_names);
    EXPECT_EQ(full.issues[i].listings.size(), static_cast<std::size_t>(full.issues[i].attention));
    listings += full.issues[i].listings.size();
  }
  EXPECT_EQ(listings, 300u * 20u);

  auto refused = [](const std::function<void()>& read, const std::string& reader) {
    try {
      read();
      ADD_FAILURE() << reader << " read a result without listings";
    } catch (const materia::Error& e) {
      EXPECT_EQ(e.kind(), materia::ErrorKind::usage) << e.what();
      EXPECT_NE(std::string(e.what()).find(reader), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("keep_listings = false"), std::string::npos);
    }
  };
  const materia::Dataset& dataset = golden_dataset();
  const std::string top = bare.issues.front().id;
  materia::BootstrapOptions bootstrap;
  bootstrap.replicates = 5;
  refused([&] { materia::bootstrap(dataset, bare, options, bootstrap); }, "resampling");
  refused([&] { materia::leave_one_out(dataset, bare, options, materia::Execution{1}); },
          "resampling");
  refused([&] { materia::explain(dataset, bare, options, top); }, "explain");
  refused([&] { materia::report_html(bare); }, "the HTML report");
  refused([&] { materia::issues_xlsx(bare); }, "the workbook");
  // the same readers take the full result
  EXPECT_NO_THROW(materia::explain(dataset, full, options, top));
  EXPECT_NO_THROW(materia::bootstrap(dataset, full, options, bootstrap));

  // A taxonomy with topics keeps them: a topic's attention counts the firms listing any child.
  const materia::Dataset sample = materia::load_sample("fintech-2024");
  const materia::Result with_topics = materia::analyze(sample, options);
  ASSERT_FALSE(with_topics.topics.empty());
  EXPECT_TRUE(with_topics.has_listings);
  EXPECT_EQ(with_topics.topics.front().attention, 23);
  options.keep_listings = true;
  EXPECT_EQ(materia::to_json_text(with_topics),
            materia::to_json_text(materia::analyze(sample, options)));
}

TEST(PerformanceInvariance, ParallelForRethrowsTheFirstFailureInIndexOrder) {
  // rank_firm runs on threads: of two bad firms the first one is named, as in a sequential run
  materia::Dataset dataset;
  dataset.source = "t.json";
  for (int f = 0; f < 3000; ++f) {
    materia::FirmAssessment firm;
    char id[16];
    std::snprintf(id, sizeof id, "F%d", f);  // (GCC 12 warns falsely on "F" + std::string)
    firm.id = id;
    for (const char* name : {"a", "b"}) {
      materia::Entry entry;
      entry.name = name;
      entry.rank = name[0] == 'a' ? 1 : 2;
      entry.stakeholder = entry.business = name[0] == 'a' ? 1.0 : 5.0;  // contradicts the ranks
      if (f != 1400 && f != 2900) entry.stakeholder = entry.business = std::nullopt;
      firm.entries.push_back(entry);
    }
    dataset.firms.push_back(firm);
  }
  for (unsigned threads : {1u, 2u, 4u}) {
    try {
      materia::analyze(dataset, {}, materia::Execution{threads});
      ADD_FAILURE() << "no error";
    } catch (const materia::Error& e) {
      EXPECT_NE(std::string(e.what()).find("F1400"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
