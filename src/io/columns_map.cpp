// Header names of the long table: built-in English and Chinese names, --columns, --ignore-column.
#include "io/columns_map.hpp"

#include <algorithm>

#include "base/printable.hpp"
#include "materia/text/text.hpp"

namespace materia::detail {

namespace {

struct BuiltinName {
  std::string_view name;  // as header_key() gives it
  std::string_view field;
};

// Each field's own name first, then its other names (docs/format.md, "Long CSV form").
constexpr BuiltinName kNames[] = {
    {"firm", "firm"},
    {"company", "firm"},
    {"firm_id", "firm"},
    {"公司", "firm"},
    {"企业", "firm"},
    {"机构", "firm"},
    {"公司代码", "firm"},
    {"证券代码", "firm"},
    {"股票代码", "firm"},
    {"issue", "issue"},
    {"name", "issue"},
    {"议题", "issue"},
    {"实质性议题", "issue"},
    {"议题名称", "issue"},
    {"rank", "rank"},
    {"排名", "rank"},
    {"排序", "rank"},
    {"stakeholder", "stakeholder"},
    {"对利益相关方的重要性", "stakeholder"},
    {"对利益相关者的重要性", "stakeholder"},
    {"business", "business"},
    {"对公司经营的重要性", "business"},
    {"对企业经营的重要性", "business"},
    {"对公司的重要性", "business"},
    {"对企业的重要性", "business"},
    {"level", "level"},
    {"等级", "level"},
    {"重要性等级", "level"},
    {"firm_name", "firm_name"},
    {"company_name", "firm_name"},
    {"公司名称", "firm_name"},
    {"企业名称", "firm_name"},
    {"公司简称", "firm_name"},
    {"segment", "segment"},
    {"行业", "segment"},
    {"weight", "weight"},
    {"权重", "weight"},
    {"unlisted", "unlisted"},
    {"taxonomy", "taxonomy"},
    {"scale_min", "scale_min"},
    {"scale_max", "scale_max"},
    {"source_file", "source_file"},
    {"source_page", "source_page"},
    {"source_bbox", "source_bbox"},
    {"confidence", "confidence"},
};

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string_view builtin_field(std::string_view key) {
  for (const auto& name : kNames)
    if (name.name == key) return name.field;
  return {};
}

std::string known_names() {
  std::string text;
  for (std::string_view field : table_fields()) {
    std::string others;
    for (const auto& name : kNames)
      if (name.field == field && name.name != field)
        others += (others.empty() ? "" : ", ") + std::string(name.name);
    text += (text.empty() ? "" : "; ") + std::string(field) +
            (others.empty() ? "" : " (" + others + ")");
  }
  return text;
}

}  // namespace

const std::vector<std::string_view>& table_fields() {
  static const std::vector<std::string_view> fields = {
      "firm",      "issue",       "rank",        "stakeholder", "business",  "level",
      "firm_name", "segment",     "weight",      "unlisted",    "taxonomy",  "scale_min",
      "scale_max", "source_file", "source_page", "source_bbox", "confidence"};
  return fields;
}

std::string header_key(std::string_view name) {
  // the blanks: ASCII white space, U+3000 (E3 80 80), U+00A0 (C2 A0), a BOM (EF BB BF)
  std::string words;  // blanks as single '\x01' marks, trimmed
  bool blank = false;
  for (std::size_t i = 0; i < name.size();) {
    std::size_t length = 0;
    const auto at = [&](std::string_view seq) { return name.substr(i, seq.size()) == seq; };
    if (name[i] == ' ' || name[i] == '\t' || name[i] == '\r' || name[i] == '\n')
      length = 1;
    else if (at("\xE3\x80\x80") || at("\xEF\xBB\xBF"))
      length = 3;
    else if (at("\xC2\xA0"))
      length = 2;
    if (length > 0) {
      blank = true;
      i += length;
      continue;
    }
    if (blank && !words.empty()) words += '\x01';
    blank = false;
    char c = name[i++];
    words += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  const bool ascii = is_ascii(words);
  std::string key;
  for (char c : words)
    if (c != '\x01')
      key += c;
    else if (ascii)
      key += '_';
  return key;
}

ColumnNames::ColumnNames(const LoadOptions& options) {
  const auto& fields = table_fields();
  for (const auto& [field, header] : options.columns) {
    auto known = std::find(fields.begin(), fields.end(), field);
    if (known == fields.end()) {
      std::string list;
      for (auto f : fields)
        list += (list.empty() ? "" : ", ") + std::string(f);
      throw_usage_error("--columns names the field \"" + field + "\", which is not one (" + list +
                        ")");
    }
    for (const auto& [key, given] : user_)
      if (given == *known) throw_usage_error("--columns names the field \"" + field + "\" twice");
    user_.emplace_back(header_key(header), *known);
  }
  for (const auto& header : options.ignore_columns)
    ignored_.push_back(header_key(header));
}

bool ColumnNames::ignored(std::string_view header) const {
  const std::string key = header_key(header);
  return std::find(ignored_.begin(), ignored_.end(), key) != ignored_.end();
}

std::string_view ColumnNames::field(std::string_view header, const ErrorContext& where) const {
  const std::string key = header_key(header);
  for (const auto& [name, field] : user_)
    if (name == key) return field;
  if (std::find(ignored_.begin(), ignored_.end(), key) != ignored_.end()) return {};
  if (auto field = builtin_field(key); !field.empty()) return field;
  if (!is_ascii(key)) {  // traditional characters (議題, 權重) as the simplified names
    const std::string simplified = to_simplified(key);
    if (simplified != key)
      if (auto field = builtin_field(simplified); !field.empty()) return field;
  }
  throw_input_error("unknown column \"" + shortened(key, 128) + "\" (known: " + known_names() +
                        "; --columns FIELD=NAME names a column, --ignore-column NAME skips one)",
                    where);
}

}  // namespace materia::detail
