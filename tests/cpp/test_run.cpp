// The front ends' layer (materia/run): requests from JSON and from flags, runs, the texts printed.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "explain/explain_json.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/output/output.hpp"
#include "materia/run/run.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "run/render_json.hpp"
#include "run/score_json.hpp"
#include "test_support.hpp"

namespace {

using materia_test::slurp;

// The message of the materia::Error `body` throws ("" if it throws none).
template <class Body>
std::string message_of(Body&& body) {
  try {
    body();
  } catch (const materia::Error& e) {
    return e.what();
  }
  return "";
}

const materia::RequestOption& option(std::string_view key) {
  for (const auto& o : materia::request_options())
    if (o.key == key) return o;
  throw std::runtime_error("no option " + std::string(key));
}

// The request the command line builds for `flags` (key, value as typed).
materia::Request from_flags(const std::vector<std::pair<std::string, materia::FlagValue>>& flags) {
  materia::Request request;
  for (const auto& [key, value] : flags) {
    std::string written;
    if (const auto* text = std::get_if<std::string>(&value)) written = *text;
    if (const auto* number = std::get_if<double>(&value)) written = std::to_string(*number);
    if (const auto* whole = std::get_if<std::uint64_t>(&value)) written = std::to_string(*whole);
    materia::set_option_from_flag(request, option(key), value, written);
  }
  return request;
}

const materia::Dataset& sample() {
  static const materia::Dataset dataset = materia::load_sample("fintech-2024");
  return dataset;
}

}  // namespace

TEST(Run, EveryOptionHasOneKeyAndTheFlagSpelledFromIt) {
  std::vector<std::string> keys;
  for (const auto& o : materia::request_options()) {
    std::string flag = "--" + std::string(o.key);
    std::replace(flag.begin(), flag.end(), '_', '-');
    EXPECT_EQ(o.flag, flag);
    EXPECT_FALSE(o.doc.empty()) << o.key;
    EXPECT_EQ(std::count(keys.begin(), keys.end(), std::string(o.key)), 0) << o.key;
    keys.emplace_back(o.key);
  }
  EXPECT_EQ(keys, materia::request_option_names());
  const std::vector<std::string> expected = {"method",
                                             "tiers",
                                             "universe",
                                             "combine",
                                             "stakeholder_threshold",
                                             "business_threshold",
                                             "rra_top_cutoff",
                                             "rra_exact",
                                             "pl_prior",
                                             "mc4_teleport",
                                             "axes",
                                             "axis_tiers",
                                             "borderline_band",
                                             "material",
                                             "composite_top",
                                             "composite_attention_threshold",
                                             "composite_importance_threshold",
                                             "roll_up",
                                             "bootstrap",
                                             "seed",
                                             "threads",
                                             "leave_one_out",
                                             "aliases",
                                             "strict",
                                             "fuzzy_threshold"};
  EXPECT_EQ(keys, expected);
}

// The C header and the Python docstring document every key of the one declaration.
TEST(Run, TheOptionDocsOfCAndPythonListEveryKey) {
  const std::string header = slurp(std::filesystem::path(MATERIA_SOURCE_DIR) / "include/materia.h");
  const std::string python =
      slurp(std::filesystem::path(MATERIA_SOURCE_DIR) / "bindings/python/materia/_result.py");
  for (const auto& key : materia::request_option_names()) {
    EXPECT_NE(header.find("\"" + key + "\""), std::string::npos) << key << " in materia.h";
    EXPECT_NE(python.find("``" + key + "``"), std::string::npos) << key << " in _result.py";
  }
}

TEST(Run, ParseRequestReadsEveryKey) {
  auto r = materia::parse_request(R"({
    "method": "attention", "tiers": "quantile:4", "universe": 120, "combine": "max",
    "stakeholder_threshold": 0.6, "business_threshold": 0.4, "rra_top_cutoff": false,
    "rra_exact": false, "axes": "positions", "axis_tiers": "quantile:3", "borderline_band": 0.1,
    "material": "both", "composite_top": 29, "composite_attention_threshold": 0.3,
    "composite_importance_threshold": 0.7, "roll_up": "mean", "bootstrap": 50, "seed": 7,
    "threads": 2, "leave_one_out": true,
    "aliases": [{"name": "顾客服务热线", "target": "customer-service"}],
    "strict": true, "fuzzy_threshold": 0.9})");
  EXPECT_EQ(r.options.method, materia::Method::attention);
  EXPECT_EQ(r.options.universe, 120u);
  EXPECT_EQ(r.options.combine, materia::CombineRule::max);
  EXPECT_EQ(r.options.matrix.stakeholder_threshold, 0.6);
  EXPECT_EQ(r.options.matrix.business_threshold, 0.4);
  EXPECT_EQ(r.options.matrix.axes, materia::AxisAggregation::positions);
  EXPECT_EQ(r.options.matrix.borderline_band, 0.1);
  EXPECT_EQ(r.options.matrix.material, materia::MaterialRule::both);
  EXPECT_EQ(r.options.matrix.composite_top, 29u);
  EXPECT_EQ(r.options.matrix.composite_attention_threshold, 0.3);
  EXPECT_EQ(r.options.matrix.composite_importance_threshold, 0.7);
  EXPECT_EQ(r.options.matrix.roll_up, materia::RollUp::mean);
  EXPECT_EQ(r.bootstrap, 50u);
  EXPECT_EQ(r.seed, 7u);
  EXPECT_EQ(r.execution.threads, 2u);
  EXPECT_TRUE(r.leave_one_out);
  ASSERT_EQ(r.options.aliases.size(), 1u);
  EXPECT_EQ(r.options.aliases[0].target, "customer-service");
  EXPECT_TRUE(r.options.strict);
  EXPECT_EQ(r.options.normalize.threshold, 0.9);
  // empty, null and null values: the defaults
  for (const char* text : {"", "  ", "null", R"({"method": null, "bootstrap": null})"}) {
    auto d = materia::parse_request(text);
    EXPECT_EQ(d.options.method, materia::Method::borda_normalized) << text;
    EXPECT_EQ(d.bootstrap, 0u) << text;
    EXPECT_EQ(d.seed, 1u) << text;
    EXPECT_FALSE(d.resamples()) << text;
  }
}

TEST(Run, ParseRequestNamesTheKeyAtFault) {
  auto parse = [](const char* text) { return message_of([&] { materia::parse_request(text); }); };
  EXPECT_EQ(parse(R"({"bootstrap": -1})"),
            "option \"bootstrap\" must be a whole number from 0 to 10000000");
  EXPECT_EQ(parse(R"({"seed": 1.5})"),
            "option \"seed\" must be a whole number from 0 to 9007199254740992");
  EXPECT_EQ(parse(R"({"threads": "2"})"), "option \"threads\" must be a number, not string");
  EXPECT_EQ(parse(R"({"leave_one_out": 1})"),
            "option \"leave_one_out\" must be a boolean, not number");
  EXPECT_EQ(parse(R"({"fuzzy_threshold": 2})"), "option \"fuzzy_threshold\" must be in [0, 1]");
  EXPECT_EQ(parse(R"({"combine": "avg"})"),
            "unknown combine rule \"avg\" (sum, max, product, distance)");
  EXPECT_EQ(parse(R"({"stakeholder_threshold": 1.5})"),
            "option \"stakeholder_threshold\" 1.5 is not in [0, 1] (the axes are normalized)");
  EXPECT_EQ(parse(R"({"universe": 0})"), "option \"universe\" must be a whole number >= 1");
  EXPECT_EQ(parse(R"({"universe": 18446744073709551615})"),
            "option \"universe\" 18446744073709551615 is larger than 1000000000 (materia's limit; "
            "see docs/architecture.md, \"Limits\")");
  EXPECT_EQ(parse(R"({"borderline_band": -1})"), "option \"borderline_band\" must be >= 0");
  EXPECT_EQ(parse(R"({"composite_top": 2.5})"),
            "option \"composite_top\" must be a whole number >= 0");
  EXPECT_EQ(parse(R"({"method": 3})"), "option \"method\" must be a string, not number");
  EXPECT_EQ(parse(R"({"aliases": 3})"),
            "option \"aliases\" must be a file name or an array, not number");
  EXPECT_EQ(
      parse(R"({"aliases": [true]})"),
      "option \"aliases\" lists file names and {\"name\", \"target\"} objects, not a boolean");
  EXPECT_EQ(parse("[1]"), "options must be a JSON object, not array");
  EXPECT_EQ(parse("{"), "options are not valid JSON: {");
  const std::string unknown = parse(R"({"metod": "rra"})");
  EXPECT_EQ(unknown.rfind("unknown option \"metod\" (known: method, tiers, universe,", 0), 0u)
      << unknown;
  EXPECT_NE(unknown.find("leave_one_out, aliases, strict, fuzzy_threshold)"), std::string::npos);
}

TEST(Run, FlagsAreCheckedInTheirOwnWords) {
  auto flag = [](const char* key, materia::FlagValue value, const char* written) {
    return message_of([&] {
      materia::Request request;
      materia::set_option_from_flag(request, option(key), value, written);
    });
  };
  EXPECT_EQ(flag("combine", std::string("avg"), "avg"),
            "unknown --combine \"avg\" (sum, max, product, distance)");
  EXPECT_EQ(flag("business_threshold", std::nan(""), "nan"),
            "--business-threshold nan is not in [0, 1] (the axes are normalized)");
  EXPECT_EQ(flag("stakeholder_threshold", 1.5, "1.5"),
            "--stakeholder-threshold 1.5 is not in [0, 1] (the axes are normalized)");
  EXPECT_EQ(flag("borderline_band", -0.5, "-0.5"), "--borderline-band must be >= 0");
  EXPECT_EQ(flag("universe", std::uint64_t{18446744073709551615u}, "18446744073709551615"),
            "--universe 18446744073709551615 is larger than 1000000000 (materia's limit; see "
            "docs/architecture.md, \"Limits\")");
  EXPECT_EQ(flag("method", std::string("best"), "best").rfind("unknown method \"best\"", 0), 0u);
  // the command line takes any seed and bootstrap size its type holds
  materia::Request request;
  materia::set_option_from_flag(request, option("seed"), std::uint64_t{1} << 60, "");
  EXPECT_EQ(request.seed, std::uint64_t{1} << 60);
}

// The same options as JSON and as flags make the same request: the same bytes come out.
TEST(Run, JsonAndFlagsMakeTheSameRun) {
  const auto json = materia::parse_request(R"({"method": "rra", "tiers": "quantile:3",
      "material": "both", "composite_top": 29, "roll_up": "mean", "borderline_band": 0.1,
      "stakeholder_threshold": 0.6, "bootstrap": 20, "seed": 3, "leave_one_out": true,
      "threads": 2})");
  const auto flags = from_flags({{"method", std::string("rra")},
                                 {"tiers", std::string("quantile:3")},
                                 {"material", std::string("both")},
                                 {"composite_top", std::uint64_t{29}},
                                 {"roll_up", std::string("mean")},
                                 {"borderline_band", 0.1},
                                 {"stakeholder_threshold", 0.6},
                                 {"bootstrap", std::uint64_t{20}},
                                 {"seed", std::uint64_t{3}},
                                 {"leave_one_out", true},
                                 {"threads", std::uint64_t{2}}});
  const std::string a = materia::render(materia::run(sample(), json).result, materia::Format::json);
  const std::string b =
      materia::render(materia::run(sample(), flags).result, materia::Format::json);
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("\"rank_interval\""), std::string::npos);
  EXPECT_NE(a.find("\"influential_firm\""), std::string::npos);
}

// run() is analyze(), then the bootstrap and leave-one-out, on a copy of the dataset.
TEST(Run, RunIsAnalyzeThenTheResamplingAsked) {
  auto request = materia::parse_request(R"({"bootstrap": 25, "seed": 4, "leave_one_out": true})");
  materia::Dataset copy = sample();
  const materia::Run done = materia::run(copy, request);
  copy.firms.clear();  // the run keeps its own
  EXPECT_EQ(done.dataset->firms.size(), sample().firms.size());

  materia::Result expected = materia::analyze(sample(), request.options);
  materia::BootstrapOptions bootstrap;
  bootstrap.replicates = 25;
  bootstrap.seed = 4;
  materia::attach_bootstrap(expected,
                            materia::bootstrap(sample(), expected, request.options, bootstrap));
  materia::attach_leave_one_out(expected,
                                materia::leave_one_out(sample(), expected, request.options));
  EXPECT_EQ(materia::to_json_text(done.result), materia::to_json_text(expected));

  // from a source: the same run
  materia::DatasetSource source;
  source.sample = "fintech-2024";
  EXPECT_EQ(materia::to_json_text(materia::run(source, request).result),
            materia::to_json_text(done.result));
  EXPECT_EQ(source.label(), "--sample fintech-2024");
}

TEST(Run, DatasetSourcesAreOneFileOrOneSample) {
  materia::DatasetSource none;
  EXPECT_EQ(message_of([&] { none.check(); }), "give either a FILE or --sample NAME");
  materia::DatasetSource both{"x.json", "fintech-2024", "", {}};
  EXPECT_EQ(message_of([&] { both.check(); }), "give either a FILE or --sample NAME");
  materia::DatasetSource taxonomy{"", "fintech-2024", "none", {}};
  EXPECT_EQ(message_of([&] { taxonomy.check(); }), "--taxonomy cannot be combined with --sample");
  EXPECT_EQ((materia::DatasetSource{"-", "", "", {}}.label()), "<stdin>");
  EXPECT_EQ((materia::DatasetSource{"a.csv", "", "", {}}.label()), "a.csv");
}

TEST(Run, ExplanationTableAndJson) {
  const materia::Run done = materia::run(sample(), materia::parse_request(""));
  const materia::Explanation why = materia::explain(done, "客户服务");
  const std::string table = materia::render(why, materia::Format::table);
  EXPECT_EQ(table, materia::to_table(why));
  EXPECT_EQ(table.rfind(why.name + " (" + why.id + ")", 0), 0u);
  EXPECT_NE(table.find("\nmethod borda-normalized: score "), std::string::npos);
  EXPECT_NE(table.find("\nfirm  rank  of  stakeholder  business  value  contribution  name used\n"),
            std::string::npos);
  EXPECT_NE(table.find("(= the score)\n"), std::string::npos);
  EXPECT_EQ(materia::render(why, materia::Format::json), materia::to_json(why).dump(2) + "\n");
  EXPECT_EQ(
      message_of([&] { materia::explain(done, "火星殖民"); }).find("火星殖民") != std::string::npos,
      true);
}

TEST(Run, AgreementTexts) {
  const materia::Run done = materia::run(sample(), materia::parse_request(""));
  const materia::Agreement agreement = materia::firm_agreement(done.result);
  const auto json = materia::to_json(agreement, 2);
  EXPECT_EQ(json["most_typical"].size(), 2u);
  EXPECT_EQ(json["most_typical"][0], agreement.typicality.front().id);
  EXPECT_EQ(json["least_typical"][0], agreement.typicality.back().id);
  EXPECT_EQ(json["firms"].size(), agreement.typicality.size());
  EXPECT_EQ(json["skillings_mack"]["df"].get<double>(), agreement.listed_only.df);
  EXPECT_EQ(json["skillings_mack"]["permutations"], materia::kAgreementPermutations);
  EXPECT_EQ(json["firms"][0]["rbo"].get<double>(), agreement.typicality.front().rbo);
  EXPECT_EQ(materia::render(agreement, materia::Format::json, 2), json.dump(2) + "\n");
  const std::string csv = materia::render(agreement, materia::Format::csv);
  EXPECT_EQ(
      csv.rfind("firm,rho,rbo,topk_distance,listed\n" + agreement.typicality.front().id + ",", 0),
      0u);
  const std::string table = materia::render(agreement, materia::Format::table, 1);
  EXPECT_EQ(table.rfind("Kendall's W ", 0), 0u);
  EXPECT_NE(table.find("most typical (Spearman rho with the others): " +
                       agreement.typicality.front().id + " ("),
            std::string::npos);
}

TEST(Run, BreaksByNameAndTheirTexts) {
  const std::vector<double> values = {1, 2, 4, 8, 9, 10};
  const materia::Breaks breaks = materia::natural_breaks_named(values, 2, "fisher");
  EXPECT_EQ(breaks.breaks, (std::vector<double>{1.0, 6.0, 10.0}));
  // the text equals nlohmann's dump of the same object
  nlohmann::ordered_json tree;
  tree["breaks"] = breaks.breaks;
  tree["classes"] = breaks.classes;
  tree["gvf"] = breaks.gvf;
  tree["method"] = "fisher";
  tree["class_count"] = breaks.class_count;
  EXPECT_EQ(materia::breaks_json_text(breaks, "fisher"), tree.dump());
  EXPECT_EQ(materia::render(breaks, "fisher", values, materia::Format::json), tree.dump() + "\n");
  EXPECT_EQ(materia::render(breaks, "fisher", values, materia::Format::csv),
            "value,class\n1,1\n2,1\n4,1\n8,2\n9,2\n10,2\n");
  EXPECT_EQ(materia::render(breaks, "fisher", values, materia::Format::table).substr(0, 20),
            "fisher: 2 classes, G");
  // fisher:auto picks k by the GVF elbow; k is then ignored
  const std::vector<double> clusters = {1, 1.1, 1.2, 5, 5.1, 5.2, 9, 9.1, 9.2};
  EXPECT_EQ(materia::natural_breaks_named(clusters, 0, "fisher:auto").class_count, 3);
  EXPECT_EQ(materia::natural_breaks_named({}, 3, "fisher").class_count, 0);
  EXPECT_EQ(message_of([&] { materia::natural_breaks_named(values, 0, "fisher"); }),
            "the number of classes must be at least 1");
  EXPECT_EQ(message_of([&] { materia::natural_breaks_named(values, 2, "headtail", 1.5); }),
            "the head/tail threshold must be in (0, 1)");
  EXPECT_EQ(message_of([&] {
              materia::natural_breaks_named({1, NAN}, 2, "fisher");
            }),
            "value 2 is not a finite number");
}

TEST(Run, NumberLinesNameTheLineAtFaultWhateverTheThreads) {
  std::string text =
      "\xEF\xBB\xBF"
      "1\n+2\n\n 3 \r\n";
  for (int i = 0; i < 300000; ++i)
    text += std::to_string(i % 97) + ".5\n";
  EXPECT_EQ(materia::read_number_lines(text, "v.txt").size(), 300003u);
  text += "x\n";
  for (unsigned threads : {1u, 2u, 3u, 0u})
    EXPECT_EQ(
        message_of([&] { materia::read_number_lines(text, "v.txt", materia::Execution{threads}); }),
        "v.txt:300005: \"x\" is not a finite number")
        << threads;
  EXPECT_EQ(message_of([] { materia::read_number_lines("\n \n", "v.txt"); }),
            "v.txt: no numbers to classify");
}

TEST(Run, NamesResolvedOnceEachAndTheOnesToReview) {
  const materia::Normalizer normalizer(materia::Taxonomy::builtin("fintech-2024"));
  const materia::NameList names =
      materia::read_name_lines("客户服务\r\n\n火星殖民\n客户服务\n", "names.txt");
  EXPECT_EQ(names.names, (std::vector<std::string>{"客户服务", "火星殖民", "客户服务"}));
  EXPECT_EQ(names.where, (std::vector<std::string>{"names.txt:1", "names.txt:3", "names.txt:4"}));
  const materia::NameResolutions resolved = materia::resolve_names(names, normalizer);
  ASSERT_EQ(resolved.names.size(), 3u);
  EXPECT_EQ(resolved.names[2].resolution.id, resolved.names[0].resolution.id);
  ASSERT_EQ(resolved.review.size(), 1u);
  EXPECT_EQ(resolved.review[0].resolution.input, "火星殖民");
  const std::string csv = materia::render(resolved, materia::Format::csv);
  EXPECT_EQ(csv.rfind("input,id,name,match,score,runner_up,runner_up_score,reason\n客户服务,", 0),
            0u);
  const auto json = nlohmann::json::parse(materia::render(resolved, materia::Format::json));
  EXPECT_EQ(json.size(), 3u);
  EXPECT_FALSE(json[0].contains("firms"));
  EXPECT_EQ(json[1]["id"], nullptr);
  EXPECT_NE(materia::render(resolved, materia::Format::table).find("火星殖民  ->  (unmatched)"),
            std::string::npos);
  // a bad name is located at its line
  EXPECT_EQ(message_of([&] {
              materia::resolve_names(materia::read_name_lines("a\n\xFF\n", "n.txt"), normalizer);
            }).rfind("n.txt:2: ", 0),
            0u);
  // names of a dataset carry their firms
  const materia::NameList used = materia::names_of_dataset(sample());
  EXPECT_TRUE(used.from_dataset);
  EXPECT_FALSE(used.firms_of(used.names.front()).empty());
  const auto with_firms = nlohmann::json::parse(
      materia::render(materia::resolve_names(used, normalizer), materia::Format::json));
  EXPECT_EQ(with_firms[0]["firms"], used.firms_of(used.names.front()));
}

TEST(Run, AttentionComesFromOneSource) {
  materia::AttentionChoice two;
  two.sample = "fintech-2024";
  two.dataset_file = "firms.json";
  two.conflict = "--attention and --attention-sample";
  EXPECT_EQ(message_of([&] { two.check(); }),
            "give at most one of --attention and --attention-sample");
  // a result in memory and the sample analyzed with the attention method score alike
  const std::string input =
      slurp(std::filesystem::path(MATERIA_TEST_DATA_DIR) / "score-small.json");
  auto scored = [&](const materia::AttentionChoice& attention) {
    return materia::render(
        materia::score(materia::load_scoring_input_json(input, "score-small.json"), {}, attention),
        materia::Format::json);
  };
  const materia::Run attention_run =
      materia::run(sample(), materia::parse_request(R"({"method": "attention"})"));
  materia::AttentionChoice from_result;
  from_result.result = &attention_run.result;
  materia::AttentionChoice from_sample;
  from_sample.sample = "fintech-2024";
  from_sample.source = "--attention-sample";
  materia::AttentionChoice from_analysis;
  from_analysis.analysis = nlohmann::json::parse(materia::to_json_text(attention_run.result));
  from_analysis.source = "analysis";
  EXPECT_EQ(scored(from_result), scored(from_sample));
  EXPECT_EQ(scored(from_analysis), scored(from_sample));
  EXPECT_NE(scored(from_sample), scored(materia::AttentionChoice{}));  // not the input's own
}

TEST(Run, FirmRecordsTextAndNormalizerSettings) {
  EXPECT_EQ(message_of([] { materia::load_firm_records_text(" \n", "<string>"); }),
            "<string>: the input is empty");
  const auto settings = materia::normalizer_settings_from_json(
      R"({"threshold": 0.8, "margin": 0.1, "fuzzy": false, "candidates": 0,
          "aliases": [{"name": "a", "target": "b"}]})");
  EXPECT_EQ(settings.options.threshold, 0.8);
  EXPECT_EQ(settings.options.margin, 0.1);
  EXPECT_FALSE(settings.options.fuzzy);
  EXPECT_EQ(settings.options.candidates, 1u);
  EXPECT_EQ(settings.aliases.size(), 1u);
  EXPECT_EQ(message_of([] { materia::normalizer_settings_from_json(R"({"cutoff": 1})"); }),
            "unknown normalizer option \"cutoff\" (known: aliases, threshold, margin, fuzzy, "
            "candidates)");
  EXPECT_EQ(message_of([] { materia::normalizer_settings_from_json(R"({"margin": 3})"); }),
            "option \"margin\" must be in [0, 1]");
  EXPECT_EQ(message_of([] {
              materia::check_no_nan({1, NAN}, false, "x value", "pass omit");
            }),
            "x value 2 is NaN (pass omit to leave such values out)");
  EXPECT_EQ(message_of([] { materia::check_no_nan({1, NAN}, true, "x value", "pass omit"); }), "");
}
