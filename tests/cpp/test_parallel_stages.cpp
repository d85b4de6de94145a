// The stages after loading that split their work over threads give the same bits for every thread
// count and equal the sequential definitions: the dip test's replicates of break_evidence.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "materia/tier/dip_test.hpp"
#include "materia/tier/tier.hpp"

namespace {

// break_evidence's p-value is dip_test's with kDipReplicates replicates and seed 1, whichever
// thread counted which replicates.
TEST(ParallelStages, BreakEvidenceEqualsTheSequentialDipTest) {
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<std::vector<double>> samples;
  for (std::size_t n : {4u, 7u, 61u, 500u}) {
    std::vector<double> uniform(n);
    for (double& value : uniform)
      value = unit(random);
    samples.push_back(uniform);
  }
  std::vector<double> clustered;  // two modes: a small p-value, where a miscount shows
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < 40; ++i)
      clustered.push_back(10.0 * c + 0.01 * i + 0.001 * unit(random));
  samples.push_back(clustered);
  for (const auto& sample : samples) {
    const materia::DipTest expected = materia::dip_test(sample, materia::kDipReplicates, 1);
    for (unsigned threads : {1u, 2u, 3u, 0u}) {
      const materia::BreakEvidence evidence =
          materia::break_evidence(sample, 3, materia::Execution{threads});
      EXPECT_EQ(evidence.dip, expected.dip) << sample.size() << " values, " << threads;
      EXPECT_EQ(evidence.dip_p_value, expected.p_value) << sample.size() << " values, " << threads;
    }
  }
}

}  // namespace
