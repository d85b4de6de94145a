#include "materia/output/fields.hpp"

#include <initializer_list>
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

// A table row; an empty cell is one space wide, as the rest of docs/format.md writes it.
std::string row(std::initializer_list<std::string> cells) {
  std::string out = "|";
  for (const std::string& text : cells)
    out += text.empty() ? " |" : " " + text + " |";
  return out + "\n";
}

std::string table(std::span<const FieldInfo> fields) {
  std::string out = row({"field", "name", "type", "unit", "meaning"}) + "|---|---|---|---|---|\n";
  for (const FieldInfo& field : fields) {
    const std::string path = json_path(field.location);
    std::string type(json_type(field.type));
    if (field.nullable) type += " or null";
    std::string meaning(field.presence);
    if (!meaning.empty()) meaning += ": ";
    meaning += field.doc;
    out += row({code(path), code(path == field.name ? "" : field.name), type, cell(field.unit),
                cell(meaning)});
  }
  return out;
}

}  // namespace

std::string field_table_markdown() {
  return "<!-- written from include/materia/output/fields.hpp by scripts/update_format_fields.py;\n"
         "     a test fails when they differ -->\n"
         "*name* is the field's name in C++ (`materia::Result`, `materia::IssueResult`) and "
         "Python\n"
         "(an attribute of `materia.Result`, a column of `Result.issues` and `Result.topics`) "
         "where\n"
         "it is not the *field*.\n\n"
         "### Result\n\n" +
         table(result_info) + "\n### Issue rows\n\n" + table(issue_row_info) +
         "\n### Topic rows\n\n" + table(topic_row_info);
}

}  // namespace materia::fields
