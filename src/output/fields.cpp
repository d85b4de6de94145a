#include "materia/output/fields.hpp"

#include <span>

namespace materia::fields {

namespace {

std::string_view json_type(FieldType type) {
  switch (type) {
    case FieldType::string:
      return "string";
    case FieldType::integer:
      return "integer";
    case FieldType::number:
      return "number";
    case FieldType::boolean:
      return "boolean";
    case FieldType::strings:
      return "array of strings";
    case FieldType::numbers:
      return "array of numbers";
    case FieldType::issue_rows:
      return "array of issue rows";
    case FieldType::topic_rows:
      return "array of topic rows";
  }
  return "";
}

// A location as a reader writes it: "matrix.axes", "rank_interval[0]".
std::string json_path(std::string_view location) {
  std::string path;
  while (!location.empty()) {
    const std::size_t end = std::min(location.find('/'), location.size());
    const std::string_view segment = location.substr(0, end);
    const bool index = segment.find_first_not_of("0123456789") == std::string_view::npos;
    if (index)
      path.append("[").append(segment).append("]");
    else
      path.append(path.empty() ? "" : ".").append(segment);
    location.remove_prefix(std::min(end + 1, location.size()));
  }
  return path;
}

std::string cell(std::string_view text) {
  std::string out;
  for (char c : text)
    out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string code(std::string_view text) {
  if (text.empty()) return "";
  std::string out(1, '`');
  out.append(text) += '`';
  return out;
}

std::string table(std::span<const FieldInfo> fields) {
  std::string out =
      "| Name | JSON | Type | Unit | Written | Meaning |\n"
      "| --- | --- | --- | --- | --- | --- |\n";
  for (const FieldInfo& field : fields) {
    const std::string path = json_path(field.location);
    out += "| " + code(field.name) + " | " + code(path == field.name ? "" : path) + " | " +
           std::string(json_type(field.type)) + " | " + cell(field.unit) + " | " +
           cell(field.presence) + " | " + cell(field.doc) + " |\n";
  }
  return out;
}

}  // namespace

std::string field_table_markdown() {
  static constexpr auto result_info = describe(result);
  static constexpr auto issue_info = describe(issue_row);
  static constexpr auto topic_info = describe(topic_row);
  const auto topic_only = std::span(topic_info).subspan(issue_info.size());

  std::string csv;
  for (std::string_view column : csv_columns)
    csv += (csv.empty() ? "" : ", ") + code(column);

  return "### Result\n\n"
         "`materia analyze --format json` writes one object with these fields, in this order. "
         "*Name* is the field's name in C++ (`materia::Result`) and Python (`materia.Result`); "
         "*JSON* is where the object has it, when that is not its name; *Written* says when the "
         "object has it (blank: always). A number that is not finite is written as `null`.\n\n" +
         table(result_info) +
         "\n### Issue rows\n\n"
         "`issues` holds one object per issue, by rank, with these fields in this order. *Name* "
         "is the field's name in `materia::IssueResult`, its column in Python's `Result.issues` "
         "and its CSV header. With a bootstrap, `Result.issues` also has the columns `p_tier_1`, "
         "`p_tier_2`, ... (the items of `tier_probability`).\n\n" +
         table(issue_info) +
         "\n### Topic rows\n\n"
         "`topics` holds one object per roll-up topic, in taxonomy order: an issue row's fields, "
         "then\n\n" +
         table(topic_only) +
         "\n### CSV\n\n"
         "`materia analyze --format csv` writes one line per issue with the columns " +
         csv +
         ": numbers in their shortest form (empty when not finite), `merged_names` joined with "
         "`\" | \"`, fields quoted as RFC 4180 says when they need it.\n";
}

}  // namespace materia::fields
