// The streaming JSON writer (src/output/json_writer.hpp) against nlohmann's dump(2): the same bytes
// for every result and every value, and the same exception on ill-formed UTF-8.

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "materia/analyze/analyze.hpp"
#include "materia/io/io.hpp"
#include "materia/output/output.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "output/json_writer.hpp"
#include "output/result_json.hpp"

namespace {

using materia::detail::JsonText;
using materia::detail::JsonTree;

std::string dumped(const materia::Result& result) {
  return materia::to_json(result).dump(2) + "\n";
}

// What dump(2) gives for the document `write` describes, and what JsonText gives.
template <class Write>
std::pair<std::string, std::string> both(Write write) {
  JsonTree tree;
  write(tree);
  std::string text;
  JsonText out(text);
  write(out);
  return {tree.take().dump(2), text};
}

// The dump of one string, or the exception's message.
std::string dump_or_error(const std::string& value, bool streaming) {
  try {
    if (!streaming) return nlohmann::ordered_json(value).dump(2);
    std::string text;
    JsonText out(text);
    out.value(value);
    return text;
  } catch (const nlohmann::json::type_error& error) {
    return std::string("error: ") + error.what();
  }
}

TEST(JsonWriter, SampleResultsAreTheTreesDumpByteForByte) {
  const auto sample = materia::load_sample("fintech-2024");
  for (const char* method : {"borda-normalized", "rra", "kemeny", "median-rank", "schulze"}) {
    for (const char* roll_up : {"max", "mean"}) {
      materia::AnalyzeOptions options;
      options.method = materia::parse_method(method);
      options.tiers = materia::TierSpec::parse("fisher:auto");
      options.matrix.roll_up = materia::parse_roll_up(roll_up);
      materia::Result result = materia::analyze(sample, options);
      ASSERT_FALSE(result.topics.empty());
      EXPECT_EQ(materia::to_json_text(result), dumped(result)) << method << " " << roll_up;
      // the public text at any indent is the tree's dump (no final newline)
      EXPECT_EQ(materia::to_json_text(result, 2) + "\n", dumped(result));
      EXPECT_EQ(materia::to_json_text(result, -1), materia::to_json(result).dump());
      if (std::string(method) == "rra") {  // bootstrap and leave-one-out fields too
        materia::BootstrapOptions bootstrap;
        bootstrap.replicates = 7;
        materia::attach_bootstrap(result, materia::bootstrap(sample, result, options, bootstrap));
        materia::attach_leave_one_out(result, materia::leave_one_out(sample, result, options));
        const std::string text = materia::to_json_text(result);
        EXPECT_NE(text.find("\"tier_probability\": ["), std::string::npos);
        EXPECT_NE(text.find("\"influential_firm\": {"), std::string::npos);
        EXPECT_EQ(text, dumped(result));
      }
    }
  }
}

TEST(JsonWriter, EdgeValuesAndEmptyListsAreTheTreesDump) {
  materia::Result result;
  result.method = "tab\there \"quoted\" back\\slash";
  static constexpr char with_nul[] = "nul\0byte \x01\x1f\x7f end";
  result.taxonomy = std::string(with_nul, sizeof with_nul - 1);
  result.taxonomy_version = "温室气体 ✓ 🌍";
  result.tiers = "fisher:3";
  result.gvf = std::numeric_limits<double>::quiet_NaN();
  result.kemeny_distance = 1e300;
  result.kemeny_lower_bound = -0.0;
  result.stakeholder_threshold = 5e-324;
  result.business_threshold = 0.1 + 0.2;
  result.borderline_band = 1e-5;
  result.composite_top = std::numeric_limits<std::size_t>::max();
  result.composite_cut_attention = std::numeric_limits<int>::min();
  result.bootstrap_replicates = 3;
  result.bootstrap_seed = std::numeric_limits<std::uint64_t>::max();
  result.tier_breaks = {std::numeric_limits<double>::infinity(), 1e16, 123456789012345680.0, -2.5};
  materia::IssueResult issue;
  issue.id = "\b\f\n\r";
  issue.tier_probability = {0.0, std::numeric_limits<double>::quiet_NaN(), 1.0};
  issue.influential_firm = "firm";
  issue.influential_shift = -std::numeric_limits<double>::infinity();
  issue.is_topic = true;
  issue.parent = "p";
  result.issues.push_back(issue);
  result.topics.push_back(materia::IssueResult{});
  result.warnings = {"", "a\u2028b"};
  const std::string text = materia::to_json_text(result);
  EXPECT_EQ(text, dumped(result));
  EXPECT_NE(text.find("\"children\": []"), std::string::npos);
  EXPECT_NE(text.find("\\u0000byte \\u0001\\u001f\x7f"), std::string::npos);

  // The tree keeps what the fields held: null for a number that is not finite, raw doubles in
  // tier_probability.
  const auto tree = materia::to_json(result);
  EXPECT_TRUE(tree["gvf"].is_null());
  EXPECT_TRUE(tree["issues"][0]["tier_probability"][1].is_number_float());
  EXPECT_TRUE(tree["issues"][0]["influential_firm"]["rank_shift"].is_null());
  EXPECT_TRUE(tree["tier_breaks"][0].is_null());
  EXPECT_TRUE(tree["companies"].is_number_unsigned());
  EXPECT_TRUE(tree["matrix"]["composite_cut_attention"].is_number_integer());
}

TEST(JsonWriter, EveryDoubleIsPrintedAsNlohmannPrintsIt) {
  std::mt19937_64 random(20261128);
  for (int i = 0; i < 20000; ++i) {
    double value;
    if (i % 2) {
      std::uint64_t bits = random();
      std::memcpy(&value, &bits, sizeof value);
    } else {
      value =
          std::ldexp(static_cast<double>(random() % 100000), static_cast<int>(random() % 80) - 40);
    }
    auto [tree, text] = both([&](auto& out) {
      out.open_array();
      out.value(value);
      out.number(value);
      out.close();
    });
    ASSERT_EQ(text, tree) << value;
  }
}

TEST(JsonWriter, NestingAndEmptyContainersAreIndentedAsDumpIndents) {
  auto [tree, text] = both([](auto& out) {
    out.open_object();
    out.key("empty object"), out.open_object(), out.close();
    out.key("empty array"), out.open_array(), out.close();
    out.key("nested"), out.open_array();
    out.open_array(), out.close();
    out.open_object();
    out.key("a"), out.open_array(), out.value(1), out.value(-2), out.value(true), out.null();
    out.close();
    out.close();
    out.value("end");
    out.close();
    out.close();
  });
  EXPECT_EQ(text, tree);
  EXPECT_EQ(
      text,
      "{\n  \"empty object\": {},\n  \"empty array\": [],\n  \"nested\": [\n    [],\n    {\n"
      "      \"a\": [\n        1,\n        -2,\n        true,\n        null\n      ]\n    },\n"
      "    \"end\"\n  ]\n}");
}

TEST(JsonWriter, RandomBytesGiveTheSameTextOrTheSameError) {
  // Mostly ill-formed UTF-8 (lone continuation bytes, overlong forms, surrogates, truncated
  // sequences, bytes past F4) and, from the well-formed alphabet, valid text.
  std::mt19937 random(7);
  const std::string alphabet[] = {"a",
                                  "\"",
                                  "\\",
                                  "\n",
                                  std::string(1, '\0'),
                                  "\x1b",
                                  "\x7f",
                                  "é",
                                  "中",
                                  "🌍",
                                  "\x80",
                                  "\xbf",
                                  "\xc0\xaf",
                                  "\xc2",
                                  "\xe0\x80\x80",
                                  "\xed\xa0\x80",
                                  "\xef\xbf\xbf",
                                  "\xf4\x90\x80\x80",
                                  "\xf5",
                                  "\xff",
                                  "\xf0\x9f",
                                  "\xe4\xb8"};
  int errors = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string value;
    const bool well_formed_only = i % 2 == 0;
    for (int n = static_cast<int>(random() % 6); n >= 0; --n) {
      const std::size_t pick = random() % (well_formed_only ? 10 : std::size(alphabet));
      value += alphabet[pick];
    }
    const std::string expected = dump_or_error(value, false);
    errors += expected.rfind("error: ", 0) == 0;
    ASSERT_EQ(dump_or_error(value, true), expected) << i;
  }
  EXPECT_GT(errors, 5000);  // the ill-formed half was exercised
}

}  // namespace
