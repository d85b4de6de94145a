#include "materia/run/load_options.hpp"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "analyze/options_object.hpp"
#include "io/cell_values.hpp"
#include "materia/error.hpp"
#include "run/given_option.hpp"

namespace materia {

namespace {

using json = nlohmann::json;
using detail::Given;

// "a=b,c=d" as pairs; Error(usage) naming the option for an item without "=".
std::vector<std::pair<std::string, std::string>> pairs_of(const Given& given,
                                                          std::string_view example) {
  std::vector<std::pair<std::string, std::string>> pairs;
  const std::string text = given.text();
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    const auto equals = item.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == item.size())
      throw_usage_error(given.name() + " takes NAME=VALUE pairs separated by commas (" +
                        std::string(example) + "), not \"" + item + "\"");
    auto trim = [](std::string s) {
      const auto b = s.find_first_not_of(' ');
      return b == std::string::npos ? std::string() : s.substr(b, s.find_last_not_of(' ') - b + 1);
    };
    pairs.emplace_back(trim(item.substr(0, equals)), trim(item.substr(equals + 1)));
    start = end + 1;
  }
  return pairs;
}

double level_value(const std::string& word, const std::string& text, const std::string& name) {
  auto number = detail::ascii_number_text(text);
  double value = 0;
  if (number && !number->empty()) {
    std::string_view digits = *number;
    if (digits.front() == '+') digits.remove_prefix(1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc() && end == digits.data() + digits.size()) return value;
  }
  throw_usage_error(name + " gives \"" + word + "\" the value \"" + text +
                    "\", which is not a number (a level is a number from 1 to 5)");
}

// Checks a level scale as the reader will (values in [1, 5], no word twice).
void check_levels(const LoadOptions& options) {
  detail::LevelScale check(options.levels);
}

struct LoadDeclaration {
  RequestOption option;
  void (*set)(LoadOptions&, const Given&);
};

const std::vector<LoadDeclaration>& load_declarations() {
  using T = OptionType;
  static const std::vector<LoadDeclaration> table = {
      {{"sheet", "--sheet", T::text,
        "The workbook's sheet to read (.xlsx): its name or number from 1 (default: the first)"},
       [](LoadOptions& o, const Given& v) { o.sheet = v.text(); }},
      {{"columns", "--columns", T::text,
        "Header names of the dataset's fields: FIELD=NAME,... (firm=公司,issue=议题); before the "
        "built-in names"},
       [](LoadOptions& o, const Given& v) { o.columns = pairs_of(v, "firm=公司,issue=议题"); }},
      {{"ignore_column", "--ignore-column", T::texts,
        "A column to skip (a note or comment column); repeatable"},
       [](LoadOptions& o, const Given& v) { o.ignore_columns = v.texts(); }},
      {{"encoding", "--encoding", T::text,
        "The text's encoding: gbk, gb18030, big5, utf-16, ... (default: UTF-8, else detected)"},
       [](LoadOptions& o, const Given& v) { o.encoding = v.text(); }},
      {{"levels", "--levels", T::text,
        "The firms' own level scale: WORD=VALUE,... from 1 (lowest) to 5 (高=5,较高=4,中=3,"
        "较低=2,低=1); default: the built-in scale 很高 5, 高 4, 较高 3.5, 中/中等/一般 3, 较低 "
        "2.5, "
        "低 2, 很低 1, the same in English (very high ... very low) and in 重要 words (非常重要 5 "
        "... 不重要 2)"},
       [](LoadOptions& o, const Given& v) {
         o.levels.clear();
         for (auto& [word, value] : pairs_of(v, "高=5,较高=4,中=3"))
           o.levels.emplace_back(word, level_value(word, value, v.name()));
         check_levels(o);
       }},
      {{"max_input", "--max-input", T::whole,
        "The largest input file read, in bytes (default 1073741824, 1 GiB); a larger one is "
        "refused before it is read"},
       [](LoadOptions& o, const Given& v) {
         o.max_input_bytes = static_cast<std::size_t>(v.whole(9007199254740992.0));
         if (o.max_input_bytes == 0) throw_usage_error(v.name() + " must be at least 1");
       }},
  };
  return table;
}

const LoadDeclaration& declaration(std::string_view key) {
  const auto& table = load_declarations();
  auto it = std::find_if(table.begin(), table.end(),
                         [&](const LoadDeclaration& d) { return d.option.key == key; });
  if (it == table.end()) {
    std::string known = "taxonomy";
    for (const auto& d : table)
      known += ", " + std::string(d.option.key);
    throw_usage_error("unknown load option \"" + std::string(key) + "\" (known: " + known + ")");
  }
  return *it;
}

}  // namespace

const std::vector<RequestOption>& load_options() {
  static const std::vector<RequestOption> options = [] {
    std::vector<RequestOption> list;
    for (const auto& d : load_declarations())
      list.push_back(d.option);
    return list;
  }();
  return options;
}

std::vector<std::string> load_option_names() {
  std::vector<std::string> names;
  for (const auto& option : load_options())
    names.emplace_back(option.key);
  return names;
}

LoadOptions parse_load_options(std::string_view json_text) {
  LoadOptions options;
  std::optional<json> root = parse_options_object(json_text, "load options");
  if (!root) return options;
  for (const auto& [key, value] : root->items()) {
    if (value.is_null()) continue;
    if (key == "taxonomy") {
      if (!value.is_string())
        throw_usage_error("option \"taxonomy\" must be a string, not " +
                          detail::json_type_name(value));
      options.taxonomy = value.get<std::string>();
      continue;
    }
    const LoadDeclaration& d = declaration(key);
    const std::string name = "option \"" + key + "\"";
    if (value.is_object() && key == "columns") {
      options.columns.clear();
      for (const auto& [field, header] : value.items()) {
        if (!header.is_string())
          throw_usage_error(name + " maps each field to a header name (a string), not a " +
                            detail::json_type_name(header));
        options.columns.emplace_back(field, header.get<std::string>());
      }
      continue;
    }
    if (value.is_object() && key == "levels") {
      options.levels.clear();
      for (const auto& [word, level] : value.items()) {
        if (!level.is_number())
          throw_usage_error(name + " maps each level word to a number, not a " +
                            detail::json_type_name(level));
        options.levels.emplace_back(word, level.get<double>());
      }
      check_levels(options);
      continue;
    }
    d.set(options, Given(d.option, value));
  }
  return options;
}

void set_option_from_flag(LoadOptions& options, const RequestOption& option, const FlagValue& value,
                          std::string_view written) {
  const LoadDeclaration& d = declaration(option.key);
  d.set(options, Given(d.option, value, written));
}

}  // namespace materia
