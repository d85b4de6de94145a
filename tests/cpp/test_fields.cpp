// The field table (include/materia/output/fields.hpp): the JSON, CSV and text writers follow it,
// it reads every field from a result, and docs/format.md has the section it writes.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "materia/analyze/analyze.hpp"
#include "materia/io/io.hpp"
#include "materia/output/fields.hpp"
#include "materia/output/output.hpp"
#include "materia/uncertainty/uncertainty.hpp"
#include "output/result_json.hpp"
#include "test_support.hpp"

namespace {

using materia_test::slurp;

namespace fields = materia::fields;
using fields::FieldType;

// The sample with every optional part: kemeny, topics, a bootstrap and leave-one-out.
const materia::Result& full_result() {
  static const materia::Result result = [] {
    const auto sample = materia::load_sample("fintech-2024");
    materia::AnalyzeOptions options;
    options.method = materia::Method::kemeny;
    materia::Result r = materia::analyze(sample, options);
    materia::BootstrapOptions bootstrap;
    bootstrap.replicates = 9;
    bootstrap.seed = 4;
    materia::attach_bootstrap(r, materia::bootstrap(sample, r, options, bootstrap));
    materia::attach_leave_one_out(r, materia::leave_one_out(sample, r, options));
    return r;
  }();
  return result;
}

nlohmann::ordered_json::json_pointer pointer(std::string_view location) {
  std::string text(1, '/');
  text.append(location);
  return nlohmann::ordered_json::json_pointer(text);
}

// The JSON the table says a field of `record` holds (NaN and infinities as the tree has them).
template <class Field, class Record>
nlohmann::ordered_json expected_json(const Field& field, const Record& record) {
  const auto& value = field(record);
  if constexpr (Field::type == FieldType::number) {
    if (!std::isfinite(value) && field.non_finite == fields::NonFinite::null) return nullptr;
    return value;
  } else if constexpr (Field::type == FieldType::issue_rows ||
                       Field::type == FieldType::topic_rows) {
    return value.size();  // compared by count: the rows are checked one by one
  } else {
    return value;
  }
}

// Every field of `table` is in `object` where the table says, with the value it reads from
// `record`, exactly when it is present; and `object` has nothing else.
template <class Table, class Record>
void expect_object_follows(const Table& table, const nlohmann::ordered_json& object,
                           const Record& record) {
  std::size_t present = 0;
  std::apply(
      [&](const auto&... field) {
        (
            [&] {
              SCOPED_TRACE(std::string(field.name));
              const auto at = pointer(field.location);
              ASSERT_EQ(object.contains(at), field.present(record));
              if (!field.present(record)) return;
              ++present;
              auto actual = object.at(at);
              if (actual.is_array() &&
                  (field.type == FieldType::issue_rows || field.type == FieldType::topic_rows))
                actual = actual.size();
              EXPECT_EQ(actual.dump(), expected_json(field, record).dump());
            }(),
            ...);
      },
      table);
  std::size_t leaves = 0;  // the scalars and arrays the object holds, nested objects opened
  auto count = [&](const auto& self, const nlohmann::ordered_json& node) -> void {
    for (const auto& item : node.items())
      if (item.value().is_object())
        self(self, item.value());
      else if (item.value().is_array() && !item.value().empty() &&
               (item.key() == "rank_interval" || item.key() == "rank_set"))
        leaves += item.value().size();
      else
        ++leaves;
  };
  count(count, object);
  EXPECT_EQ(leaves, present);
}

TEST(FieldTable, TheJsonOfAResultIsTheTablesFieldsWhereTheTableSays) {
  const materia::Result& result = full_result();
  ASSERT_TRUE(result.kemeny_distance && result.bootstrap_replicates == 9 && result.leave_one_out);
  ASSERT_FALSE(result.topics.empty());
  const auto json = materia::to_json(result);
  expect_object_follows(fields::result, json, result);
  ASSERT_EQ(json["issues"].size(), result.issues.size());
  for (std::size_t i = 0; i < result.issues.size(); ++i)
    expect_object_follows(fields::issue_row, json["issues"][i], result.issues[i]);
  for (std::size_t i = 0; i < result.topics.size(); ++i)
    expect_object_follows(fields::issue_row, json["topics"][i], result.topics[i]);
  // a topic row has exactly the topic fields
  for (const auto& topic : json["topics"]) {
    std::vector<std::string> keys;
    for (const auto& item : topic.items())
      keys.push_back(item.key());
    std::vector<std::string> expected;
    for (const auto& field : fields::topic_row_info)
      expected.emplace_back(field.location);
    EXPECT_EQ(keys, expected);
  }
  // the optional parts were all written somewhere
  EXPECT_TRUE(json.contains("kemeny") && json.contains("bootstrap"));
  EXPECT_TRUE(json["issues"][0].contains("rank_interval"));
  int with_parent = 0, influenced = 0;
  for (const auto& issue : json["issues"]) {
    with_parent += issue.contains("parent");
    influenced += issue.contains("influential_firm");
  }
  EXPECT_GT(with_parent, 0);
  EXPECT_GT(influenced, 0);
}

TEST(FieldTable, OptionalObjectsAreLeftOutWhole) {
  materia::AnalyzeOptions options;  // borda-normalized: no kemeny, no bootstrap
  const auto result = materia::analyze(materia::load_sample("fintech-2024"), options);
  const auto json = materia::to_json(result);
  expect_object_follows(fields::result, json, result);
  EXPECT_FALSE(json.contains("kemeny") || json.contains("bootstrap"));
  for (std::size_t i = 0; i < result.issues.size(); ++i) {
    EXPECT_FALSE(json["issues"][i].contains("rank_interval") ||
                 json["issues"][i].contains("influential_firm"));
    expect_object_follows(fields::issue_row, json["issues"][i], result.issues[i]);
  }
  std::vector<std::string> keys;
  for (const auto& item : json.items())
    keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "method", "companies", "universe", "taxonomy", "taxonomy_version", "tiers",
                      "tier_breaks", "gvf", "gvf_no_structure", "dip_p_value", "higher_is_better",
                      "thresholds", "matrix", "leave_one_out", "synthetic_input", "materia_version",
                      "issues", "topics", "warnings"}));
}

TEST(FieldTable, TopicRowsAreTheIssueRowFieldsWithATopicMeaning) {
  std::vector<std::string_view> expected;
  for (const auto& field : fields::issue_row_info)
    if (!field.topic_doc.empty()) expected.push_back(field.name);
  std::vector<std::string_view> names;
  for (const auto& field : fields::topic_row_info) {
    names.push_back(field.name);
    EXPECT_EQ(field.doc, field.topic_doc) << field.name;
    EXPECT_TRUE(field.presence.empty()) << field.name;
  }
  EXPECT_EQ(names, expected);
  ASSERT_EQ(names.size(), 20u);
  EXPECT_EQ(names.front(), "id");
  EXPECT_EQ(names[17], "composite");
  EXPECT_EQ(names[18], "above_next_p");
  EXPECT_EQ(names.back(), "children");
  EXPECT_EQ(fields::topic_row_info.back().type, FieldType::strings);
  // on an issue row, children are written for a topic named itself only
  EXPECT_EQ(fields::issue_row_info.back().presence, "On a topic's row");
}

TEST(FieldTable, NamesAreUniqueAndEveryFieldIsDocumented) {
  auto check = [](const auto& info) {
    std::set<std::string_view> names;
    for (const fields::FieldInfo& field : info) {
      EXPECT_TRUE(names.insert(field.name).second) << field.name;
      EXPECT_FALSE(field.doc.empty()) << field.name;
      EXPECT_FALSE(field.location.empty()) << field.name;
    }
  };
  check(fields::result_info);
  check(fields::issue_row_info);
  check(fields::topic_row_info);
  EXPECT_EQ(fields::result_info.size(), 36u);
  EXPECT_EQ(fields::issue_row_info.size(), 33u);
}

TEST(FieldTable, FieldsAreFoundByName) {
  EXPECT_EQ(fields::index_of(fields::issue_row, "id"), 0u);
  EXPECT_EQ(fields::index_of(fields::issue_row, "rank_high"), 25u);
  EXPECT_EQ(fields::index_of(fields::issue_row, "children"), 32u);
  EXPECT_EQ(fields::index_of(fields::issue_row, "no_such_field"), 33u);
  EXPECT_EQ(fields::result_info[fields::index_of(fields::result, "roll_up")].location,
            "matrix/roll_up");
  static_assert(fields::index_of(fields::result, "gvf") == 7);
  static_assert(fields::type_name(FieldType::topic_rows) == "topic_rows");
}

// visit_field is how a column of numbers, integers or strings is read by name.
TEST(FieldTable, VisitFieldReadsAColumnByName) {
  const materia::Result& result = full_result();
  std::vector<double> scores;
  ASSERT_TRUE(fields::visit_field(fields::issue_row, "score", [&](const auto& field) {
    if constexpr (std::remove_cvref_t<decltype(field)>::type == FieldType::number)
      for (const auto& issue : result.issues)
        scores.push_back(field(issue));
  }));
  ASSERT_EQ(scores.size(), result.issues.size());
  for (std::size_t i = 0; i < scores.size(); ++i)
    EXPECT_EQ(scores[i], result.issues[i].score);

  std::vector<std::string> categories;
  EXPECT_TRUE(fields::visit_field(fields::issue_row, "category", [&](const auto& field) {
    if constexpr (std::remove_cvref_t<decltype(field)>::type == FieldType::string)
      for (const auto& issue : result.issues)
        categories.emplace_back(field(issue));
  }));
  EXPECT_EQ(std::set<std::string>(categories.begin(), categories.end()),
            (std::set<std::string>{"E", "S", "G"}));

  long long replicates = -1;
  EXPECT_TRUE(fields::visit_field(fields::result, "bootstrap_replicates", [&](const auto& field) {
    if constexpr (std::remove_cvref_t<decltype(field)>::type == FieldType::integer)
      replicates = static_cast<long long>(field(result));
  }));
  EXPECT_EQ(replicates, 9);
  EXPECT_FALSE(fields::visit_field(fields::issue_row, "no_such_field", [](const auto&) {}));
}

TEST(FieldTable, TheCsvHasTheTablesColumns) {
  const materia::Result& result = full_result();
  const std::string csv = materia::to_csv(result);
  std::string header;
  for (std::string_view column : fields::csv_columns)
    (header += header.empty() ? "" : ",").append(column);
  // then the resampling columns of a result that ran the bootstrap or leave-one-out
  for (const std::string& column : materia::resampling_csv_columns(result))
    header.append(",").append(column);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), header);
  for (std::string_view column : fields::csv_columns)
    EXPECT_LT(fields::index_of(fields::issue_row, column),
              fields::describe(fields::issue_row).size())
        << column;
  // the first line starts with rank, tier and id as the result has them
  const std::string first = csv.substr(header.size() + 1);
  EXPECT_TRUE(first.starts_with("1,1," + std::to_string(result.issues[0].tier) + "," +
                                result.issues[0].id + ","))
      << first.substr(0, 80);
}

// docs/format.md's "Result fields" section is what the table writes
// (scripts/update_format_fields.py rewrites it).
TEST(FieldTable, DocsFormatHasTheGeneratedSection) {
  const std::string docs = slurp(std::filesystem::path(MATERIA_SOURCE_DIR) / "docs/format.md");
  const std::string begin = "<!-- fields:begin -->\n", end = "<!-- fields:end -->";
  const std::size_t from = docs.find(begin);
  ASSERT_NE(from, std::string::npos) << "docs/format.md has no " << begin;
  const std::size_t to = docs.find(end, from);
  ASSERT_NE(to, std::string::npos) << "docs/format.md has no " << end;
  const std::string region = docs.substr(from + begin.size(), to - from - begin.size());
  EXPECT_EQ(region, fields::field_table_markdown())
      << "run scripts/update_format_fields.py to rewrite docs/format.md from the field table";
}

TEST(FieldTable, TheMarkdownListsEveryField) {
  const std::string markdown = fields::field_table_markdown();
  auto listed = [&](std::string_view path) {
    return markdown.find("| `" + std::string(path) + "` |") != std::string::npos;
  };
  for (const auto& field : fields::result_info)
    EXPECT_TRUE(listed(field.name) || listed(field.location)) << field.name;
  for (const auto& field : fields::issue_row_info)
    EXPECT_TRUE(listed(field.name)) << field.name;
  EXPECT_NE(markdown.find("| `thresholds.stakeholder` | `stakeholder_threshold` | number | [0, 1] "
                          "| Threshold on the stakeholder axis"),
            std::string::npos);
  EXPECT_NE(markdown.find("| `rank_interval[0]` | `rank_low` | number | rank | With a bootstrap: "
                          "the low end"),
            std::string::npos);
  EXPECT_NE(markdown.find("| `composite` | | number or null | [0, 1] | Composite importance"),
            std::string::npos);
  EXPECT_NE(markdown.find("### Topic rows\n\n| field |"), std::string::npos);
}

}  // namespace
