// Plackett–Luce for top-k rankings (include/materia/aggregate/plackett_luce.hpp): hand-computed
// 2- and 3-item fits, the MM fixed point against a direct maximisation with SciPy
// (tests/oracles/plackett_luce.py), weights as repetitions and relabelling.
#include "materia/aggregate/plackett_luce.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>
#include "test_support.hpp"

namespace {

using Rankings = std::vector<std::vector<std::size_t>>;

materia::PlackettLuceOptions prior(double npseudo) {
  materia::PlackettLuceOptions options;
  options.npseudo = npseudo;
  return options;
}

std::string error_of(std::size_t n, const Rankings& rankings) {
  try {
    materia::fit_plackett_luce(n, rankings, {}, prior(0.0));
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

// Two items, a wins of 0 over 1 and b of 1 over 0, no prior: Bradley–Terry with worth a / (a + b)
// and Var(lambda_0 - lambda_1) = 1 / ((a + b) p (1 - p)) = (a + b) / (a b).
TEST(PlackettLuce, TwoItemsWithoutPriorIsTheProportionOfWins) {
  auto fit = materia::fit_plackett_luce(2, {{0, 1}, {1, 0}}, {3.0, 1.0}, prior(0.0));
  EXPECT_NEAR(fit.worth[0], 0.75, 1e-12);
  EXPECT_NEAR(fit.worth[1], 0.25, 1e-12);
  EXPECT_NEAR(fit.log_worth[0], std::log(0.75), 1e-12);
  EXPECT_NEAR(fit.log_likelihood, 3 * std::log(0.75) + std::log(0.25), 1e-12);
  EXPECT_EQ(fit.penalized_log_likelihood, fit.log_likelihood);
  EXPECT_NEAR(fit.contrast_variance(0, 1), 4.0 / 3.0, 1e-10);
  EXPECT_NEAR(fit.contrast_variance(1, 0), 4.0 / 3.0, 1e-10);
  EXPECT_EQ(fit.contrast_variance(0, 0), 0.0);
  EXPECT_TRUE(fit.quasi_variance.empty());
}

// One win of 0 over 1 and the prior s = 1/2: the score equations give worth_1 = 1 / worth_0 on
// the ghost's scale and x = worth_0 solves a (1 + x) = s (x - 1)(x^2 + 1), i.e.
// x^3 - x^2 - x - 3 = 0; the normalised worth of item 0 is x^2 / (x^2 + 1).
TEST(PlackettLuce, TwoItemsWithThePriorSolveTheScoreEquations) {
  double low = 1.0, high = 3.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = (low + high) / 2;
    (mid * mid * mid - mid * mid - mid - 3 < 0 ? low : high) = mid;
  }
  const double x = low;
  auto fit = materia::fit_plackett_luce(2, {{0}}, {}, prior(0.5));
  EXPECT_NEAR(fit.worth[0], x * x / (x * x + 1), 1e-12);
  EXPECT_NEAR(fit.log_likelihood, std::log(x * x / (x * x + 1)), 1e-12);
  const double pseudo = 0.5 * (std::log(x / (1 + x)) + std::log(1 / (1 + x))) +
                        0.5 * (std::log((1 / x) / (1 + 1 / x)) + std::log(1 / (1 + 1 / x)));
  EXPECT_NEAR(fit.penalized_log_likelihood, fit.log_likelihood + pseudo, 1e-12);
}

// The cyclic rankings 012, 120, 201: equal worths by symmetry, log-likelihood 3 log(1/6), and the
// information (7/4) I - (7/12) J, so every contrast has variance 8/7 and every quasi-variance 4/7.
TEST(PlackettLuce, ThreeCyclicRankingsHaveEqualWorthsAndExactQuasiVariances) {
  auto fit = materia::fit_plackett_luce(3, {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}}, {}, prior(0.0));
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(fit.worth[i], 1.0 / 3.0, 1e-12);
    EXPECT_NEAR(fit.quasi_variance[i], 4.0 / 7.0, 1e-10);
    for (std::size_t j = 0; j < 3; ++j) {
      if (i == j) continue;
      EXPECT_NEAR(fit.contrast_variance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)),
                  8.0 / 7.0, 1e-10);
    }
  }
  EXPECT_NEAR(fit.log_likelihood, 3 * std::log(1.0 / 6.0), 1e-12);
  EXPECT_NEAR(fit.quasi_variance_worst_error, 0.0, 1e-10);
  EXPECT_LE(fit.iterations, 2u);  // the start is the fixed point
}

// Top-1 lists are multinomial choices among all items: worth = share of first places.
TEST(PlackettLuce, TopOneListsGiveTheShareOfFirstPlaces) {
  auto fit = materia::fit_plackett_luce(3, {{0}, {1}, {2}, {0}}, {}, prior(0.0));
  EXPECT_NEAR(fit.worth[0], 0.5, 1e-12);
  EXPECT_NEAR(fit.worth[1], 0.25, 1e-12);
  EXPECT_NEAR(fit.worth[2], 0.25, 1e-12);
  EXPECT_NEAR(fit.log_likelihood, 2 * std::log(0.5) + 2 * std::log(0.25), 1e-12);
}

TEST(PlackettLuce, ACompleteRankingEqualsItsTopNMinusOne) {
  Rankings complete = {{2, 0, 3, 1}, {0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}};
  Rankings truncated = complete;
  for (auto& ranking : truncated)
    ranking.pop_back();
  for (double npseudo : {0.0, 0.5}) {
    auto a = materia::fit_plackett_luce(4, complete, {}, prior(npseudo));
    auto b = materia::fit_plackett_luce(4, truncated, {}, prior(npseudo));
    for (std::size_t i = 0; i < 4; ++i)
      EXPECT_DOUBLE_EQ(a.worth[i], b.worth[i]);
    EXPECT_DOUBLE_EQ(a.log_likelihood, b.log_likelihood);
  }
}

TEST(PlackettLuce, ADuplicatedRankingEqualsWeightTwo) {
  Rankings rankings = {{0, 1, 2}, {3, 1}, {2, 0}, {1, 3, 0}, {4, 2, 1}, {0, 4}};
  Rankings duplicated = rankings;
  duplicated.push_back(rankings[3]);
  std::vector<double> weights(rankings.size(), 1.0);
  weights[3] = 2.0;
  auto a = materia::fit_plackett_luce(5, duplicated, {}, {});
  auto b = materia::fit_plackett_luce(5, rankings, weights, {});
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_NEAR(a.log_worth[i], b.log_worth[i], 1e-12);
    EXPECT_NEAR(a.quasi_variance[i], b.quasi_variance[i], 1e-10);
  }
  EXPECT_NEAR(a.log_likelihood, b.log_likelihood, 1e-10);
  EXPECT_NEAR(a.contrast_variance(1, 3), b.contrast_variance(1, 3), 1e-10);
}

TEST(PlackettLuce, RelabellingTheItemsPermutesTheFit) {
  Rankings rankings = {{0, 1, 2}, {3, 1}, {2, 0, 4}, {1, 3, 0}, {4, 2, 1}, {0, 4, 3}, {3}};
  const std::vector<std::size_t> label = {3, 0, 4, 1, 2};  // item i is called label[i]
  Rankings relabelled = rankings;
  for (auto& ranking : relabelled)
    for (auto& item : ranking)
      item = label[item];
  for (double npseudo : {0.0, 0.5}) {
    auto a = materia::fit_plackett_luce(5, rankings, {}, prior(npseudo));
    auto b = materia::fit_plackett_luce(5, relabelled, {}, prior(npseudo));
    for (std::size_t i = 0; i < 5; ++i) {
      EXPECT_NEAR(a.worth[i], b.worth[label[i]], 1e-12);
      EXPECT_NEAR(a.quasi_variance[i], b.quasi_variance[label[i]], 1e-9);
      for (std::size_t j = 0; j < 5; ++j)
        EXPECT_NEAR(a.contrast_variance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)),
                    b.contrast_variance(static_cast<Eigen::Index>(label[i]),
                                        static_cast<Eigen::Index>(label[j])),
                    1e-10);
    }
    EXPECT_NEAR(a.log_likelihood, b.log_likelihood, 1e-10);
  }
}

TEST(PlackettLuce, TheMleFailsNamingTheGroupsThatBreakStrongConnection) {
  // Item 0 is first in every ranking: never ranked below; items 1..3 never above it.
  EXPECT_EQ(error_of(4, {{0, 1, 2}, {0, 2}, {0, 3, 1}, {0, 1}}),
            "plackett_luce: the maximum likelihood estimate does not exist (the \"ranked above\" "
            "graph is not strongly connected): items 1, 2, 3 never ranked above any other item, "
            "and item 0 never ranked below any other item; use npseudo > 0 for the "
            "pseudo-rankings prior");
  EXPECT_NE(error_of(3, {{0, 1}, {1, 0}}).find("item 2 never ranked above"), std::string::npos);
  EXPECT_NE(error_of(2, {}).find("item 0 never ranked above"), std::string::npos);
  // The prior gives every item a finite worth in the same data.
  auto fit = materia::fit_plackett_luce(4, {{0, 1, 2}, {0, 2}, {0, 3, 1}, {0, 1}}, {}, {});
  for (double worth : fit.worth)
    EXPECT_TRUE(std::isfinite(worth) && worth > 0);
}

TEST(PlackettLuce, RejectsMalformedInput) {
  EXPECT_THROW(materia::fit_plackett_luce(1, {{0}}, {}), std::invalid_argument);
  EXPECT_THROW(materia::fit_plackett_luce(3, {{0, 3}}, {}), std::invalid_argument);
  EXPECT_THROW(materia::fit_plackett_luce(3, {{0, 1, 0}}, {}), std::invalid_argument);
  EXPECT_THROW(materia::fit_plackett_luce(3, {{0, 1}}, {0.0}), std::invalid_argument);
  EXPECT_THROW(materia::fit_plackett_luce(3, {{0, 1}}, {1.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(materia::fit_plackett_luce(3, {{0, 1}}, {}, prior(-1.0)), std::invalid_argument);
  materia::PlackettLuceOptions few;
  few.max_iterations = 1;
  EXPECT_THROW(materia::fit_plackett_luce(3, {{0, 1}, {2}}, {}, few), std::runtime_error);
  EXPECT_THROW(materia::quasi_variances(Eigen::MatrixXd::Ones(2, 2)), std::invalid_argument);
  Eigen::MatrixXd zero = Eigen::MatrixXd::Ones(3, 3);
  zero(0, 2) = 0.0;
  EXPECT_THROW(materia::quasi_variances(zero), std::invalid_argument);
}

// Breslow ties: {0, 1} tied first (weight 2) and 2 first (weight 1) give
// L = w0^2 w1^2 w2 / S^5, maximised at 2/5, 2/5, 1/5; the order inside a group is irrelevant.
TEST(PlackettLuce, TiedItemsAreEachChosenFromTheSameSet) {
  for (const Rankings& first : {Rankings{{0, 1}}, Rankings{{1, 0}}}) {
    std::vector<materia::PlackettLuceRanking> rankings = {{first, false}, {{{2}}, false}};
    const auto fit = materia::fit_plackett_luce_tied(3, rankings, {2.0, 1.0}, prior(0.0));
    EXPECT_NEAR(fit.worth[0], 0.4, 1e-12);
    EXPECT_NEAR(fit.worth[1], 0.4, 1e-12);
    EXPECT_NEAR(fit.worth[2], 0.2, 1e-12);
  }
}

// listed_only rankings of two items are Bradley–Terry comparisons: 0 beats 1 three times and 1
// beats 0 once, so w0 / w1 = 3 (a third item compared with nothing has no MLE; with the prior it
// sits at the ghost's worth, 1, on the ghost's scale).
TEST(PlackettLuce, ListedOnlyRankingsCompareOnlyTheirItems) {
  std::vector<materia::PlackettLuceRanking> pairs = {{{{0}, {1}}, true}, {{{1}, {0}}, true}};
  auto fit = materia::fit_plackett_luce_tied(2, pairs, {3.0, 1.0}, prior(0.0));
  EXPECT_NEAR(fit.worth[0], 0.75, 1e-12);
  // the same rankings without listed_only are the same here (nothing is left unlisted)
  auto all = pairs;
  for (auto& ranking : all)
    ranking.listed_only = false;
  EXPECT_NEAR(materia::fit_plackett_luce_tied(2, all, {3.0, 1.0}, prior(0.0)).worth[0], 0.75,
              1e-12);
  pairs.push_back({{{2}}, true});  // one item: no comparison
  EXPECT_THROW(materia::fit_plackett_luce_tied(3, pairs, {3.0, 1.0, 1.0}, prior(0.0)),
               materia::PlackettLuceNoMle);
  fit = materia::fit_plackett_luce_tied(3, pairs, {3.0, 1.0, 1.0}, prior(0.5));
  // item 2 is at the ghost's worth 1, so x_i = worth_i / worth_2 are the ghost-scale worths, at
  // which the prior's scale equation sum (1 - x) / (1 + x) = 0 holds
  double scale_equation = 0.0;
  for (double w : fit.worth)
    scale_equation += (1.0 - w / fit.worth[2]) / (1.0 + w / fit.worth[2]);
  EXPECT_NEAR(scale_equation, 0.0, 1e-10);
  // without ties and listed_only the tied fit is fit_plackett_luce
  const Rankings plain = {{0, 1, 2}, {2, 0}, {1}, {0, 2, 1}};
  std::vector<materia::PlackettLuceRanking> tied;
  for (const auto& ranking : plain) {
    tied.emplace_back();
    for (std::size_t item : ranking)
      tied.back().groups.push_back({item});
  }
  const auto a = materia::fit_plackett_luce(3, plain, {}),
             b = materia::fit_plackett_luce_tied(3, tied, {});
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(a.worth[i], b.worth[i]);
    EXPECT_EQ(a.quasi_variance[i], b.quasi_variance[i]);
  }
  EXPECT_THROW(materia::fit_plackett_luce_tied(3, {{{{0}, {}}, false}}, {}), std::invalid_argument);
  EXPECT_THROW(materia::fit_plackett_luce_tied(3, {{{{0, 1}, {1}}, false}}, {}),
               std::invalid_argument);
}

// SciPy's direct maximisation: the committed fixture, or a fresh one when ctest's live oracle
// test ran /usr/bin/python3 first (MATERIA_PLACKETT_LUCE_FIXTURE).
TEST(PlackettLuceOracle, MmFixedPointMatchesDirectMaximisation) {
  const char* live = std::getenv("MATERIA_PLACKETT_LUCE_FIXTURE");
  const std::string path = live ? live : materia_test::test_data_path("oracles/plackett_luce.json");
  std::ifstream file(path);
  ASSERT_TRUE(file) << path;
  const auto json = nlohmann::json::parse(file);
  std::size_t fits = 0, failures = 0;
  double worst_log_worth = 0, worst_variance = 0, worst_quasi = 0;
  for (const auto& c : json["cases"]) {
    const std::string name = c["name"];
    const auto n = c["items"].get<std::size_t>();
    // a ranking is a list of items or {"groups": [[tied items], ...], "listed_only": bool}
    std::vector<materia::PlackettLuceRanking> rankings;
    for (const auto& ranking : c["rankings"]) {
      materia::PlackettLuceRanking tied;
      if (ranking.is_array()) {
        for (const auto& item : ranking)
          tied.groups.push_back({item.get<std::size_t>()});
      } else {
        tied.groups = ranking["groups"].get<Rankings>();
        tied.listed_only = ranking.value("listed_only", false);
      }
      rankings.push_back(tied);
    }
    const auto weights = c["weights"].get<std::vector<double>>();
    if (c.contains("mle_fails")) {
      ++failures;
      std::string message;
      try {
        materia::fit_plackett_luce_tied(n, rankings, weights, prior(0.0));
      } catch (const materia::PlackettLuceNoMle& error) {
        message = error.what();
      }
      const auto above = c["mle_fails"]["never_above"].get<std::vector<std::size_t>>();
      const auto below = c["mle_fails"]["never_below"].get<std::vector<std::size_t>>();
      auto list = [](const std::vector<std::size_t>& group) {
        std::string text = group.size() == 1 ? "item " : "items ";
        for (std::size_t i = 0; i < group.size(); ++i)
          text += (i ? ", " : "") + std::to_string(group[i]);
        return text;
      };
      EXPECT_NE(message.find(list(above) + " never ranked above any other item, and " +
                             list(below) + " never ranked below"),
                std::string::npos)
          << name << ": " << message;
    }
    for (const auto& expected : c["fits"]) {
      ++fits;
      const double npseudo = expected["npseudo"];
      const auto fit = materia::fit_plackett_luce_tied(n, rankings, weights, prior(npseudo));
      const auto label = name + " npseudo " + std::to_string(npseudo);
      const auto worth = expected["worth"].get<std::vector<double>>();
      const auto log_worth = expected["log_worth"].get<std::vector<double>>();
      const auto contrast = expected["contrast_variance"].get<std::vector<std::vector<double>>>();
      for (std::size_t i = 0; i < n; ++i) {
        EXPECT_NEAR(fit.worth[i], worth[i], 1e-10) << label << " item " << i;
        EXPECT_NEAR(fit.log_worth[i], log_worth[i], 1e-8) << label << " item " << i;
        worst_log_worth = std::max(worst_log_worth, std::fabs(fit.log_worth[i] - log_worth[i]));
        for (std::size_t j = 0; j < n; ++j) {
          const double v =
              fit.contrast_variance(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
          // the oracle's Hessian is a central difference (truncation error ~1e-10 relative)
          EXPECT_NEAR(v, contrast[i][j], 1e-7 * (1 + contrast[i][j])) << label;
          worst_variance = std::max(worst_variance, std::fabs(v - contrast[i][j]));
        }
      }
      EXPECT_NEAR(fit.log_likelihood, expected["log_likelihood"].get<double>(), 1e-9) << label;
      EXPECT_NEAR(fit.penalized_log_likelihood, expected["penalized_log_likelihood"].get<double>(),
                  1e-9)
          << label;
      if (expected.contains("quasi_variance")) {
        const auto quasi = expected["quasi_variance"].get<std::vector<double>>();
        for (std::size_t i = 0; i < n; ++i) {
          EXPECT_NEAR(fit.quasi_variance[i], quasi[i], 1e-7 * (1 + std::fabs(quasi[i]))) << label;
          worst_quasi = std::max(worst_quasi, std::fabs(fit.quasi_variance[i] - quasi[i]));
        }
        EXPECT_NEAR(fit.quasi_variance_worst_error,
                    expected["quasi_variance_worst_error"].get<double>(), 1e-7)
            << label;
      }
    }
  }
  EXPECT_EQ(fits, 15u);
  EXPECT_EQ(failures, 4u);
  std::printf(
      "plackett_luce oracle: max |log-worth diff| %.3g, contrast variance %.3g, "
      "quasi-variance %.3g\n",
      worst_log_worth, worst_variance, worst_quasi);
}

}  // namespace
