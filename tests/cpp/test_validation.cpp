// Every bad input gets one clear error naming the file, the firm and the issue at fault.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "materia/materia.hpp"
#include "test_scale.hpp"
#include "test_support.hpp"

namespace {

using materia_test::input_error_of;

struct BadCase {
  const char* label;
  const char* text;
  const char* expected;  // the whole what() text
};

// An empty dataset read from `source`, over `taxonomy`.
materia::Dataset dataset_from(const std::string& source,
                              materia::Taxonomy taxonomy = materia::Taxonomy::open_vocabulary()) {
  materia::Dataset dataset;
  dataset.source = source;
  dataset.taxonomy = std::move(taxonomy);
  return dataset;
}

const BadCase kJsonCases[] = {
    {"syntax", R"({"companies": [)",
     "d.json: invalid JSON at line 1, column 16: unexpected end of input; expected '[', '{', or a "
     "literal"},
    {"empty", "", "d.json: invalid JSON at line 1, column 1: the input is empty"},
    {"not an object", "[1]",
     "d.json: a dataset must be a JSON object with \"companies\", not an array"},
    {"no companies", "{}", "d.json: missing field \"companies\""},
    {"companies not array", R"({"companies": {}})",
     "d.json: \"companies\" must be an array, not an object"},
    {"no firms", R"({"companies": []})", "d.json: the dataset has no companies"},
    {"firm not object", R"({"companies": [3]})",
     "d.json: company #1 must be an object, not a number"},
    {"firm without id", R"({"companies": [{"issues": ["a"]}]})",
     "d.json: company #1 has no \"id\""},
    {"id not a string", R"({"companies": [{"id": 7, "issues": ["a"]}]})",
     "d.json: field \"id\" must be a string, not a number"},
    {"duplicate firm",
     R"({"companies": [{"id": "F1", "issues": ["a"]}, {"id": "F1", "issues": ["b"]}]})",
     "d.json: firm \"F1\": duplicate company id"},
    {"negative weight", R"({"companies": [{"id": "F1", "weight": -1, "issues": ["a"]}]})",
     "d.json: firm \"F1\": weight must be a finite number >= 0"},
    {"weight as text", R"({"companies": [{"id": "F1", "weight": "2", "issues": ["a"]}]})",
     "d.json: firm \"F1\": field \"weight\" must be a number, not a string"},
    {"zero weights", R"({"companies": [{"id": "F1", "weight": 0, "issues": ["a"]}]})",
     "d.json: the company weights sum to 0"},
    {"empty firm", R"({"companies": [{"id": "F1", "issues": []}]})",
     "d.json: firm \"F1\": the company lists no issues"},
    {"no issues field", R"({"companies": [{"id": "F1"}]})",
     "d.json: firm \"F1\": missing field \"issues\""},
    {"unknown policy", R"({"companies": [{"id": "F1", "unlisted": "ignore", "issues": ["a"]}]})",
     "d.json: firm \"F1\": unlisted must be \"bottom\" or \"not_assessed\", not \"ignore\""},
    {"typo in a field", R"({"companies": [{"id": "F1", "isues": ["a"], "issues": ["a"]}]})",
     "d.json: firm \"F1\": unknown field \"isues\" in a company (known: id, name, segment, weight, "
     "unlisted, scale, issues)"},
    {"issue without name", R"({"companies": [{"id": "F1", "issues": [{"rank": 1}]}]})",
     "d.json: firm \"F1\": issue #1 has no \"name\""},
    {"blank name", R"({"companies": [{"id": "F1", "issues": ["  "]}]})",
     "d.json: firm \"F1\": issue \"  \": an issue has an empty name"},
    {"rank zero", R"({"companies": [{"id": "F1", "issues": [{"name": "a", "rank": 0}]}]})",
     "d.json: firm \"F1\": issue \"a\": rank must be at least 1"},
    {"rank negative", R"({"companies": [{"id": "F1", "issues": [{"name": "a", "rank": -2}]}]})",
     "d.json: firm \"F1\": issue \"a\": rank must be at least 1"},
    {"rank infinite", R"({"companies": [{"id": "F1", "issues": [{"name": "a", "rank": 1e999}]}]})",
     "d.json: invalid JSON: number overflow parsing '1e999'"},
    {"rank as text", R"({"companies": [{"id": "F1", "issues": [{"name": "a", "rank": "1"}]}]})",
     "d.json: firm \"F1\": issue \"a\": field \"rank\" must be a number, not a string"},
    {"negative coordinate",
     R"({"companies": [{"id": "F1", "issues": [{"name": "a", "stakeholder": -1, "business": 2}]}]})",
     "d.json: firm \"F1\": issue \"a\": stakeholder must not be negative"},
    {"one axis only",
     R"({"companies": [{"id": "F1", "issues": [{"name": "a", "stakeholder": 1}]}]})",
     "d.json: firm \"F1\": issue \"a\": give both stakeholder and business, or neither"},
    {"out of scale",
     R"({"scale": [1, 5], "companies": [{"id": "F1", "issues": [{"name": "a", "stakeholder": 6, "business": 2}]}]})",
     "d.json: firm \"F1\": issue \"a\": stakeholder 6 is outside the scale [1, 5]"},
    {"bad scale", R"({"scale": [5, 1], "companies": [{"id": "F1", "issues": ["a"]}]})",
     "d.json: scale must have finite min < max (got [5, 1])"},
    {"unknown level",
     R"({"companies": [{"id": "F1", "issues": [{"name": "a", "level": "huge"}]}]})",
     "d.json: firm \"F1\": issue \"a\": unknown level \"huge\" (use very_high, high, medium, low, "
     "very_low, 高/中/低 or 1-5)"},
    {"level out of range",
     R"({"companies": [{"id": "F1", "issues": [{"name": "a", "level": 9}]}]})",
     "d.json: firm \"F1\": issue \"a\": level must be between 1 and 5"},
    {"mixed ranks",
     R"({"companies": [{"id": "F1", "issues": [{"name": "a", "rank": 1}, {"name": "b"}]}]})",
     "d.json: firm \"F1\": issue \"b\": some issues of this company have a rank and some do not"},
    {"mixed coordinates",
     R"({"companies": [{"id": "F1", "issues": [{"name": "a", "stakeholder": 1, "business": 1}, "b"]}]})",
     "d.json: firm \"F1\": issue \"b\": some issues of this company have coordinates and some do "
     "not"},
    {"unknown taxonomy",
     R"({"taxonomy": "banking-2030", "companies": [{"id": "F1", "issues": ["a"]}]})",
     "d.json: unknown taxonomy \"banking-2030\" (built in: none, fintech-2024)"},
    {"invalid UTF-8", "{\"companies\": [{\"id\": \"F1\", \"issues\": [\"ab\xff\"]}]}",
     "d.json: invalid JSON at line 1, column 43: invalid string: ill-formed UTF-8 byte; last read: "
     "'\"ab\\xFF'"},
};

TEST(Validation, EveryBadJsonInputNamesWhatIsWrong) {
  for (const auto& c : kJsonCases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(input_error_of([&] { materia::load_dataset_json(c.text, "d.json"); }), c.expected);
  }
}

TEST(Validation, ProblemsFoundWhileResolvingNames) {
  auto run = [](const char* text) {
    return input_error_of(
        [&] { materia::analyze(materia::load_dataset_json(text, "d.json"), {}); });
  };
  EXPECT_EQ(
      run(R"({"taxonomy": "fintech-2024", "companies": [{"id": "F1", "issues": ["科技创新", "Technological innovation"]}]})"),
      "d.json: firm \"F1\": issue \"Technological innovation\": lists issue \"科技创新\" twice: as "
      "\"科技创新\" and as "
      "\"Technological innovation\"");
  EXPECT_EQ(
      run(R"({"taxonomy": "fintech-2024", "companies": [{"id": "F1", "issues": ["科技创新", "月球采矿"]}]})"),
      "d.json: firm \"F1\": issue \"月球采矿\": names no issue of taxonomy \"fintech-2024\" (no "
      "canonical name or alias shares a character n-gram with it; add an alias, or use "
      "taxonomy \"none\")");
  // the same name twice after folding, open vocabulary
  EXPECT_EQ(run(R"({"companies": [{"id": "F1", "issues": ["ESG 治理", "ESG治理"]}]})"),
            "d.json: firm \"F1\": issue \"ESG治理\": lists issue \"ESG 治理\" twice: as \"ESG "
            "治理\" and as \"ESG治理\"");
}

TEST(Validation, InvalidUtf8OutsideJsonStrings) {
  materia::Dataset dataset;
  dataset.source = "api";
  dataset.firms.push_back({"F1", "", "", 1.0, materia::UnlistedPolicy::bottom, std::nullopt, {}});
  materia::Entry entry;
  entry.name = "ok\xC3";
  dataset.firms[0].entries.push_back(entry);
  EXPECT_EQ(input_error_of([&] { materia::analyze(dataset, {}); }),
            // the bad byte is shown escaped, so that the message itself is valid UTF-8
            "api: firm \"F1\": issue \"ok\\xC3\": issue name is not valid UTF-8 (bad byte 0xC3 at "
            "byte offset 2)");
}

const BadCase kCsvCases[] = {
    {"empty", "", "d.csv: the CSV file is empty"},
    {"missing column", "firm,rank\nF1,1\n",
     "d.csv:1: the CSV needs the columns \"firm\" and \"issue\""},
    {"unknown column", "firm,issue,score\nF1,a,1\n",
     "d.csv:1: unknown column \"score\" (known: firm (company, firm_id, 公司, 企业, 机构, "
     "公司代码, "
     "证券代码, 股票代码); issue (name, 议题, 实质性议题, 议题名称); rank (排名, 排序); "
     "stakeholder "
     "(对利益相关方的重要性, 对利益相关者的重要性); business (对公司经营的重要性, "
     "对企业经营的重要性, "
     "对公司的重要性, 对企业的重要性); level (等级, 重要性等级); firm_name (company_name, "
     "公司名称, "
     "企业名称, 公司简称); segment (行业); weight (权重); unlisted; taxonomy; scale_min; "
     "scale_max; source_file; source_page; source_bbox; confidence; "
     "--columns FIELD=NAME names a column, --ignore-column NAME skips one)"},
    {"one axis column", "firm,issue,stakeholder\nF1,a,1\n",
     "d.csv:1: give both columns \"stakeholder\" and \"business\", or neither"},
    {"short row", "firm,issue,rank\nF1,a\n", "d.csv:2: the row has 2 fields but the header has 3"},
    {"open quote", "firm,issue\nF1,\"a\n",
     "d.csv: a quoted field opened on line 2 is never closed"},
    {"rank text", "firm,issue,rank\nF1,a,first\n",
     "d.csv:2: firm \"F1\": issue \"a\": rank \"first\" is not a finite number"},
    {"rank nan", "firm,issue,rank\nF1,a,nan\n",
     "d.csv:2: firm \"F1\": issue \"a\": rank \"nan\" is not a finite number"},
    {"rank zero", "firm,issue,rank\nF1,a,0\n",
     "d.csv:2: firm \"F1\": issue \"a\": rank must be at least 1"},
    {"segment disagrees", "firm,issue,segment\nF1,a,bank\nF1,b,insurer\n",
     "d.csv:3: firm \"F1\": issue \"b\": segment \"insurer\" differs from \"bank\" given on an "
     "earlier row"},
    {"weight disagrees", "firm,issue,weight\nF1,a,1\nF1,b,2\n",
     "d.csv:3: firm \"F1\": issue \"b\": weight 2 differs from the weight given on an earlier row"},
    {"level outside 1-5", "firm,issue,level\nF1,a,7\n",
     "d.csv:2: firm \"F1\": issue \"a\": level 7 is outside the scale from 1 (lowest) to 5 "
     "(highest)"},
    {"percent rank", "firm,issue,rank\nF1,a,10%\n",
     "d.csv:2: firm \"F1\": issue \"a\": rank \"10%\" is a percent, which a rank cannot be"},
    {"empty firm cell", "firm,issue\n,a\n", "d.csv:2: the firm cell is empty"},
    {"negative weight", "firm,issue,weight\nF1,a,-3\n",
     "d.csv: firm \"F1\": weight must be a finite number >= 0"},
};

TEST(Validation, EveryBadCsvInputNamesWhatIsWrong) {
  for (const auto& c : kCsvCases) {
    SCOPED_TRACE(c.label);
    EXPECT_EQ(input_error_of([&] { materia::load_dataset_csv(c.text, "d.csv"); }), c.expected);
  }
}

}  // namespace

// Large datasets check their firms' entries on every core: the error must still be the first one
// the sequential walk meets (a firm's own fields before its entries, firms in order).
namespace {

materia::Dataset many_firms(std::size_t n) {
  materia::Dataset dataset;
  dataset.source = "big.json";
  for (std::size_t f = 0; f < n; ++f) {
    materia::FirmAssessment firm;
    firm.id = std::string("F").append(std::to_string(f));
    for (int e = 0; e < 5; ++e) {
      materia::Entry entry;
      entry.name = std::string("issue ").append(std::to_string((f + e) % 40));
      firm.entries.push_back(entry);
    }
    dataset.firms.push_back(firm);
  }
  return dataset;
}

// The error of validate() on every core, which must be that of 1, 2 and 3 threads, and that of
// analyze() (which validates in the walk that interns the names, checking each name once).
std::string validation_error(const materia::Dataset& dataset) {
  const std::string error = input_error_of([&] { dataset.validate(); });
  for (unsigned threads : {1u, 2u, 3u})
    EXPECT_EQ(input_error_of([&] { dataset.validate(materia::Execution{threads}); }), error)
        << threads;
  if (error != "(no error)") {
    EXPECT_EQ(input_error_of([&] { materia::analyze(dataset); }), error);
  }
  return error;
}

}  // namespace

TEST(Validation, ManyFirmsReportTheFirstErrorOfTheSequentialWalk) {
  {  // two entry errors: the earlier firm's
    auto dataset = many_firms(4000);
    dataset.firms[3700].entries[2].name = std::string(1, ' ');
    dataset.firms[300].entries[4].name = std::string(1, '\xff');
    EXPECT_EQ(validation_error(dataset),
              "big.json: firm \"F300\": issue \"\\xFF\": issue name is not valid UTF-8 "
              "(bad byte 0xFF at byte offset 0)");
  }
  {  // a firm's own field after an earlier firm's entry
    auto dataset = many_firms(4000);
    dataset.firms[900].weight = -1;
    dataset.firms[400].entries[0].name = "";
    EXPECT_EQ(validation_error(dataset), "big.json: firm \"F400\": an issue has an empty name");
  }
  {  // within one firm, its own fields come first
    auto dataset = many_firms(4000);
    dataset.firms[2500].id = "F10";
    dataset.firms[2500].entries[1].rank = 0.0;
    EXPECT_EQ(validation_error(dataset), "big.json: firm \"F10\": duplicate company id");
  }
  {  // a firm without entries, before a later entry error (and no crash on it)
    auto dataset = many_firms(4000);
    dataset.firms[1000].entries.clear();
    dataset.firms[3999].entries[3].level = 9;
    EXPECT_EQ(validation_error(dataset), "big.json: firm \"F1000\": the company lists no issues");
  }
  {  // the last firm's entry error alone
    auto dataset = many_firms(4000);
    dataset.firms[3999].entries[3].level = 9;
    EXPECT_EQ(validation_error(dataset),
              "big.json: firm \"F3999\": issue \"issue 2\": level must be between 1 and 5");
  }
  EXPECT_EQ(validation_error(many_firms(4000)), "(no error)");
}

// analyze() checks a name's text (UTF-8, length, blank) at its first use only: on datasets with
// faults of every kind in random places, its error is validate()'s, name faults and value faults
// in any order, in the same entry or apart (the same error, byte for byte).
TEST(Validation, CheckingEachNameOnceGivesValidatesErrorOnRandomFaults) {
  const std::vector<std::string> names = {
      "alpha",  "beta", "gamma", "delta", std::string("bad\xc3"), "  ", std::string(5000, 'x'),
      "epsilon"};
  std::mt19937 random(20261202);
  int errors = 0;
  for (int trial = 0; trial < 400; ++trial) {
    SCOPED_TRACE(trial);
    materia::Dataset dataset = dataset_from("r.json");
    const int firms = 1 + static_cast<int>(random() % 6);
    for (int f = 0; f < firms; ++f) {
      materia::FirmAssessment firm;
      firm.id = std::string("F").append(std::to_string(random() % 8 == 0 ? 0 : f));  // duplicates
      if (random() % 20 == 0) firm.weight = -1;
      const int entries = static_cast<int>(random() % 4);  // sometimes none
      std::vector<std::size_t> order = {0, 1, 2, 3};
      std::shuffle(order.begin(), order.end(), random);
      for (int e = 0; e < entries; ++e) {
        materia::Entry entry;
        // mostly good names, each at most once per firm; a bad one now and then
        entry.name = random() % 6 == 0 ? names[4 + random() % 3] : names[order[e]];
        if (random() % 10 == 0) entry.rank = random() % 2 ? 0.0 : 1.0;
        firm.entries.push_back(entry);
      }
      dataset.firms.push_back(firm);
    }
    const std::string error = input_error_of([&] { dataset.validate(); });
    errors += error != "(no error)";
    const std::string analyzed = input_error_of([&] { materia::analyze(dataset); });
    if (error != "(no error)")
      EXPECT_EQ(analyzed, error);
    else
      EXPECT_EQ(analyzed, "(no error)");  // open vocabulary: every valid name is its own issue
  }
  EXPECT_GT(errors, 200);  // the faults are frequent enough to test the order
  EXPECT_LT(errors, 400);  // and some datasets are clean
}

// analyze() builds the normalizer while it validates the dataset: the errors must still come in
// the order of a sequential run (the dataset's first, then the options', then the taxonomy's and
// aliases'), on one thread or several.
TEST(Validation, ConcurrentNormalizerBuildKeepsTheSequentialErrorOrder) {
  auto error_of_analyze = [](const materia::Dataset& dataset, materia::AnalyzeOptions options,
                             unsigned threads) -> std::pair<materia::ErrorKind, std::string> {
    try {
      materia::analyze(dataset, options, materia::Execution{threads});
    } catch (const materia::Error& e) {
      return {e.kind(), e.what()};
    }
    return {materia::ErrorKind::internal, "(no error)"};
  };
  materia::AnalyzeOptions bad_threshold;
  bad_threshold.normalize.threshold = 2;  // the Normalizer refuses it
  materia::AnalyzeOptions bad_alias;
  materia::Alias empty_name;  // an empty alias name: the build fails
  empty_name.target = "issue 1";
  bad_alias.aliases.push_back(empty_name);
  for (unsigned threads : {1u, 2u, 0u}) {
    auto bad_firm = many_firms(600);
    bad_firm.firms[550].entries[1].rank = 0.0;
    const std::string firm_error =
        "big.json: firm \"F550\": issue \"issue 31\": rank must be at least 1";
    EXPECT_EQ(error_of_analyze(bad_firm, bad_threshold, threads).second, firm_error) << threads;
    EXPECT_EQ(error_of_analyze(bad_firm, bad_alias, threads).second, firm_error) << threads;
    const auto threshold = error_of_analyze(many_firms(600), bad_threshold, threads);
    EXPECT_EQ(threshold.first, materia::ErrorKind::usage) << threads;
    EXPECT_EQ(threshold.second, "the fuzzy threshold must be in [0, 1]") << threads;
    const auto alias = error_of_analyze(many_firms(600), bad_alias, threads);
    EXPECT_EQ(alias.first, materia::ErrorKind::input) << threads;
    EXPECT_NE(alias.second.find("an alias has an empty name"), std::string::npos) << alias.second;
    EXPECT_EQ(error_of_analyze(many_firms(600), {}, threads).second, "(no error)") << threads;
  }
}

namespace {

// analyze() assigns columns name by name and checks each firm's duplicates on every core: on
// 1,200-firm markets over the fintech taxonomy with faults put anywhere (an issue listed twice
// under its English name, a name of no issue, a fuzzy name under --strict), the error is the
// one a sequential walk over the entries meets first (checked here by such a walk, resolving
// each name with the Normalizer), for 1, 2 and 3 threads; without faults, fuzzy names give the
// same warnings whatever the thread count.
TEST(Validation, ConcurrentColumnAssignmentRaisesTheFirstErrorOfTheWalk) {
  const materia::Taxonomy taxonomy = materia::Taxonomy::builtin("fintech-2024");
  const materia::Normalizer normalizer(taxonomy);
  std::vector<const materia::Issue*> plain;
  for (const auto& issue : taxonomy.issues)
    if (!issue.is_topic && !issue.name_en.empty()) plain.push_back(&issue);
  ASSERT_GT(plain.size(), 40u);
  std::mt19937 random(4242);
  int errors = 0;
  const int trials = materia_test::rounds(40, 16);
  for (int trial = 0; trial < trials; ++trial) {
    SCOPED_TRACE(trial);
    materia::Dataset dataset = dataset_from("c.json", taxonomy);
    for (int f = 0; f < 1200; ++f) {
      materia::FirmAssessment firm;
      firm.id = std::string("F").append(std::to_string(f));
      const std::size_t first = random() % plain.size();
      for (std::size_t e = 0; e < 5; ++e) {
        materia::Entry entry;
        entry.name = plain[(first + 7 * e) % plain.size()]->name_zh;
        firm.entries.push_back(entry);
      }
      dataset.firms.push_back(firm);
    }
    // 0 to 5 faults, anywhere; the first trials put a duplicate after a failing name and the
    // reverse, in other firms and in the same firm. Trial 0's duplicate is of two names both
    // first used before the failing name (firm 10 uses the English name alone).
    const int faults = trial < 4 ? 0 : static_cast<int>(random() % 6);
    auto english_of = [&](const std::string& zh) {
      for (const auto* issue : plain)
        if (issue->name_zh == zh) return issue->name_en;
      return std::string();
    };
    auto put = [&](std::size_t f, std::size_t e, int kind) {
      auto& firm = dataset.firms[f];
      firm.entries[e].name = kind == 0 ? english_of(firm.entries[0].name) : "月球采矿";
    };
    if (trial == 0) {
      const std::string english = english_of(dataset.firms[900].entries[0].name);
      std::size_t alone = 10;  // a firm that does not list the issue itself
      auto lists = [&](std::size_t f) {
        for (const auto& entry : dataset.firms[f].entries)
          if (english_of(entry.name) == english) return true;
        return false;
      };
      while (lists(alone))
        ++alone;
      dataset.firms[alone].entries[1].name = english;
      put(100, 2, 1), put(900, 3, 0);  // a failing name, then a duplicate
    }
    if (trial == 1) put(100, 2, 0), put(900, 3, 1);  // a duplicate, then a failing name
    if (trial == 2) put(500, 2, 1), put(500, 3, 0);  // both in one firm, the name first
    if (trial == 3) put(500, 2, 0), put(500, 3, 1);  // both in one firm, the duplicate first
    for (int k = 0; k < faults; ++k) {
      auto& firm = dataset.firms[random() % dataset.firms.size()];
      auto& entry = firm.entries[1 + random() % 4];
      switch (random() % 3) {
        case 0:  // the first entry's issue again, by its English name
          entry.name = english_of(firm.entries[0].name);
          break;
        case 1:
          entry.name = "月球采矿";  // no issue
          break;
        default:
          entry.name = "Custmer service";  // fuzzy
      }
    }
    const bool strict = random() % 2 == 0;
    // The sequential walk: a name's failure at its first use, a firm's duplicate where it is.
    std::string expected = "(no error)";
    std::set<std::string> seen;
    for (const auto& firm : dataset.firms) {
      std::map<std::ptrdiff_t, std::string> listed;
      for (const auto& entry : firm.entries) {
        const materia::Resolution r = normalizer.resolve(entry.name);
        const bool first_use = seen.insert(entry.name).second;
        if (first_use && r.issue < 0)
          expected = "firm \"" + firm.id + "\": issue \"" + entry.name + "\": names no issue";
        else if (first_use && strict && r.match == materia::MatchKind::fuzzy)
          expected = "firm \"" + firm.id + "\": issue \"" + entry.name + "\": matches";
        else if (listed.count(r.issue))
          expected = "firm \"" + firm.id + "\": issue \"" + entry.name + "\": lists issue";
        if (expected != "(no error)") break;
        listed[r.issue] = entry.name;
      }
      if (expected != "(no error)") break;
    }
    errors += expected != "(no error)";
    std::string first;
    std::vector<std::string> first_warnings;
    for (unsigned threads : {1u, 2u, 3u}) {
      materia::AnalyzeOptions options;
      options.strict = strict;
      std::vector<std::string> warnings;
      const std::string error = input_error_of([&] {
        warnings = materia::analyze(dataset, options, materia::Execution{threads}).warnings;
      });
      if (expected == "(no error)") {
        EXPECT_EQ(error, "(no error)") << threads;
      } else {
        EXPECT_EQ(error.rfind("c.json: " + expected, 0), 0u) << threads << ": " << error;
      }
      if (threads == 1) {
        first = error;
        first_warnings = warnings;
      } else {
        EXPECT_EQ(error, first) << threads;
        EXPECT_EQ(warnings, first_warnings) << threads;
      }
    }
  }
  EXPECT_GT(errors, trials / 4);  // faults are frequent enough to test the order
  EXPECT_LT(errors, trials);      // and some markets are clean
}

}  // namespace
