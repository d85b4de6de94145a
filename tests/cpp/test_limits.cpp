// The maxima of materia/limits.hpp: exactly at a limit works, one past it is one clear error,
// and error lines stay short and valid UTF-8 whatever the input held.
#include <gtest/gtest.h>

#include <functional>

#include "base/json_util.hpp"
#include "base/printable.hpp"
#include "materia/analyze/analyze.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/limits.hpp"
#include "test_support.hpp"

namespace {

using materia_test::input_error_of;

const std::string kHint = " (materia's limit; see docs/architecture.md, \"Limits\")";

// A dataset whose "meta" holds `depth` nested arrays: the whole document is depth + 1 deep.
std::string nested_meta(std::size_t depth) {
  return R"({"taxonomy": "none", "meta": )" + std::string(depth, '[') + std::string(depth, ']') +
         R"(, "companies": [{"id": "F1", "issues": ["a"]}]})";
}

TEST(Limits, JsonDepthUpToTheLimitLoadsAndOnePastIsRefused) {
  const std::size_t depth = materia::limits::max_json_depth;
  EXPECT_EQ(materia::load_dataset_json(nested_meta(depth - 1), "d.json").firms.size(), 1u);
  EXPECT_EQ(input_error_of([&] { materia::load_dataset_json(nested_meta(depth), "d.json"); }),
            "d.json: JSON nested deeper than 64 levels" + kHint);
}

// Regression: nlohmann 3.11.2 parses 200,000 levels but overflows the stack when such a tree is
// copied; the pre-pass refuses it before a tree exists, wherever it sits.
TEST(Limits, TwoHundredThousandLevelsAreRefusedNotCrashed) {
  std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_EQ(input_error_of([&] { materia::load_dataset_json(deep, "d.json"); }),
            "d.json: JSON nested deeper than 64 levels" + kHint);
  EXPECT_EQ(input_error_of([&] { materia::load_dataset_json(nested_meta(200000), "d.json"); }),
            "d.json: JSON nested deeper than 64 levels" + kHint);
  std::string in_taxonomy = R"({"taxonomy": {"name": "t", "issues": )" + deep + "}}";
  EXPECT_EQ(input_error_of([&] { materia::load_dataset_json(in_taxonomy, "d.json"); }),
            "d.json: JSON nested deeper than 64 levels" + kHint);
}

TEST(Limits, IssuesPerFirmAreCountedPerFirm) {
  const std::size_t max = materia::limits::max_issues_per_firm;
  auto firm = [](const std::string& id, std::size_t issues) {
    std::string text = R"({"id": ")" + id + R"(", "issues": [)";
    for (std::size_t i = 0; i < issues; ++i)
      text += (i ? ",\"i" : "\"i") + std::to_string(i) + "\"";
    return text + "]}";
  };
  // two firms at the limit: fine (the count restarts for each firm)
  std::string at_limit =
      R"({"taxonomy": "none", "companies": [)" + firm("F1", max) + "," + firm("F2", max) + "]}";
  EXPECT_EQ(materia::load_dataset_json(at_limit, "d.json").firms[1].entries.size(), max);
  std::string past =
      R"({"taxonomy": "none", "companies": [)" + firm("F1", 3) + "," + firm("F2", max + 1) + "]}";
  EXPECT_EQ(input_error_of([&] { materia::load_dataset_json(past, "d.json"); }),
            "d.json: firm \"F2\": the company lists more than 10000 issues" + kHint);
}

// The counts follow the dataset's shape only: arrays named "companies" or "issues" elsewhere are
// not counted as firms or listings.
TEST(Limits, OnlyTheDatasetsOwnArraysAreCounted) {
  std::string list = "[";
  for (std::size_t i = 0; i < materia::limits::max_issues_per_firm + 5; ++i)
    list += i ? ",0" : "0";
  list += "]";
  std::string text = R"({"taxonomy": "none", "meta": {"companies": )" + list + R"(, "issues": )" +
                     list + R"(}, "companies": [{"id": "F1", "issues": ["a"]}]})";
  EXPECT_EQ(materia::load_dataset_json(text, "d.json").firms.size(), 1u);
}

TEST(Limits, LongStringsAndNames) {
  std::string long_string(materia::limits::max_string_bytes + 1, 'x');
  std::string text =
      R"({"taxonomy": "none", "companies": [{"id": "F1", "issues": [")" + long_string + R"("]}]})";
  EXPECT_EQ(
      input_error_of([&] { materia::load_dataset_json(text, "d.json"); }),
      "d.json: firm \"F1\": a JSON string of 1048577 bytes is longer than 1048576 bytes" + kHint);
  // names: the limit holds for datasets built in memory too (C API, Python)
  materia::Dataset dataset;
  dataset.source = "api";
  dataset.firms.resize(1);
  dataset.firms[0].id = "F1";
  dataset.firms[0].entries.resize(1);
  dataset.firms[0].entries[0].name = std::string(materia::limits::max_name_bytes, 'n');
  EXPECT_NO_THROW(dataset.validate());
  dataset.firms[0].entries[0].name = std::string(materia::limits::max_name_bytes + 1, 'n');
  std::string shown(120, 'n');
  EXPECT_EQ(input_error_of([&] { dataset.validate(); }),
            "api: firm \"F1\": issue \"" + shown +
                "…\": the issue name is 1025 bytes long, more than 1024" + kHint);
  dataset.firms[0].entries[0].name = "a";
  dataset.firms[0].name = std::string(2000, 'f');
  EXPECT_EQ(input_error_of([&] { dataset.validate(); }),
            "api: firm \"F1\": the company name is 2000 bytes long, more than 1024" + kHint);
}

TEST(Limits, FirmsAndListingsInMemory) {
  materia::Dataset dataset;
  dataset.source = "api";
  dataset.firms.resize(materia::limits::max_firms + 1);
  EXPECT_EQ(input_error_of([&] { dataset.validate(); }),
            "api: more than 1000000 companies" + kHint);
}

// Regression: two weights of 1e308 overflowed the weighted sums and made every score 0.
TEST(Limits, WeightsAreBounded) {
  auto dataset_with_weight = [](const std::string& weight) {
    return R"({"taxonomy": "none", "companies": [{"id": "F1", "weight": )" + weight +
           R"(, "issues": ["a", "b"]}, {"id": "F2", "weight": )" + weight +
           R"(, "issues": ["b", "c"]}]})";
  };
  auto at_limit = materia::load_dataset_json(dataset_with_weight("1e9"), "d.json");
  auto result = materia::analyze(at_limit);
  EXPECT_EQ(result.issues[0].id, "b");  // listed by both firms, first and second
  EXPECT_GT(result.issues[0].score, 0.0);
  EXPECT_EQ(
      input_error_of([&] { materia::load_dataset_json(dataset_with_weight("1e308"), "d.json"); }),
      "d.json: firm \"F1\": weight 1e+308 is larger than 1000000000" + kHint);
}

TEST(Limits, UniverseIsBoundedAsAUsageError) {
  auto sample = materia::load_sample("fintech-2024");
  materia::AnalyzeOptions options;
  options.universe = materia::limits::max_universe;
  EXPECT_EQ(materia::analyze(sample, options).universe, materia::limits::max_universe);
  options.universe = materia::limits::max_universe + 1;
  try {
    materia::analyze(sample, options);
    FAIL() << "no error";
  } catch (const materia::Error& e) {
    EXPECT_EQ(e.kind(), materia::ErrorKind::usage);
    EXPECT_EQ(std::string(e.what()), "--universe 1000000001 is larger than 1000000000" + kHint);
  }
}

// Regression (found by fuzz_tier_spec): counts:1e308 converted a double past size_t's range.
TEST(Limits, TierCountsAreBounded) {
  EXPECT_EQ(materia::TierSpec::parse("counts:1000000000").values[0], 1e9);
  for (const char* spec : {"counts:1e308", "counts:1000000001", "counts:3,1e19"}) {
    try {
      materia::TierSpec::parse(spec);
      ADD_FAILURE() << spec;
    } catch (const materia::Error& e) {
      EXPECT_EQ(e.kind(), materia::ErrorKind::usage);
      EXPECT_EQ(std::string(e.what()), "tier spec \"" + std::string(spec) +
                                           "\": counts must be whole numbers from 1 to 1000000000");
    }
  }
}

TEST(Limits, InputSize) {
  const std::string big(4097, ' ');
  EXPECT_EQ(input_error_of([&] { materia::detail::check_json_limits(big, "big.json", 4096); }),
            "big.json: the input is 4097 bytes, more than 4096" + kHint);
  EXPECT_EQ(materia::limits::max_input_bytes, std::size_t{1} << 30);
}

TEST(ErrorLines, StayShortAndValidUtf8) {
  EXPECT_EQ(materia::detail::printable("ok"), "ok");
  EXPECT_EQ(materia::detail::printable("caf\xC3\x28"), "caf\\xC3(");
  EXPECT_EQ(materia::detail::printable("\xC0\xAF"), "\\xC0\\xAF");           // overlong '/'
  EXPECT_EQ(materia::detail::printable("\xED\xA0\x80"), "\\xED\\xA0\\x80");  // a surrogate
  EXPECT_EQ(materia::detail::printable("数据\xFF"), "数据\\xFF");
  // cut on a character boundary: 3-byte characters, at most 7 bytes -> two characters
  EXPECT_EQ(materia::detail::shortened("数据安全", 7), "数据…");
  EXPECT_EQ(materia::detail::shortened("数据安全", 12), "数据安全");
  materia::Error error(materia::ErrorKind::input, std::string(5000, 'm'),
                       {"f.json", std::string(500, 'F'), "name\xFF"});
  std::string what = error.what();
  EXPECT_EQ(what, "f.json: firm \"" + std::string(120, 'F') +
                      "…\": issue \"name\\xFF\": " + std::string(1000, 'm') + "…");
  EXPECT_EQ(error.message(), std::string(1000, 'm') + "…");
}

TEST(ErrorLines, UnicodeEncodingsOtherThanUtf8AreNamed) {
  std::string utf16 = "\xFF\xFE{\0}\0";
  EXPECT_EQ(
      input_error_of([&] { materia::load_dataset_json(utf16, "d.json"); }),
      "d.json: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
  // a CSV with a byte order mark is converted (src/io/text_encoding.cpp): what is wrong then is
  // named in UTF-8
  std::string utf32("\xFF\xFE\0\0{\0\0\0", 8);
  EXPECT_EQ(input_error_of([&] { materia::load_dataset_csv(utf32, "d.csv"); }).substr(0, 28),
            "d.csv:1: unknown column \"{\" ");
  std::string bad_utf32("\xFF\xFE\0\0\0\0\x11\0", 8);  // past U+10FFFF
  EXPECT_EQ(input_error_of([&] { materia::load_dataset_csv(bad_utf32, "d.csv"); }),
            "d.csv: the file starts with a UTF-32LE byte order mark, but bytes 0x00 0x00 0x11 0x00 "
            "on line 1 are not valid UTF-32LE");
}

}  // namespace
