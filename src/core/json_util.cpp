#include "core/json_util.hpp"

#include <algorithm>
#include <cmath>

namespace materia::detail {

namespace {

// nlohmann quotes the bytes it last read, which may be invalid UTF-8: show those as \xNN so the
// error message itself stays valid UTF-8.
std::string printable(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80         ? 1
                         : (c >> 5) == 6  ? 2
                         : (c >> 4) == 14 ? 3
                         : (c >> 3) == 30 ? 4
                                          : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (std::size_t j = 1; valid && j < length; ++j)
      valid = (static_cast<unsigned char>(text[i + j]) & 0xC0) == 0x80;
    if (valid) {
      out.append(text, i, length);
      i += length;
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
      ++i;
    }
  }
  return out;
}

}  // namespace

nlohmann::json parse_json(std::string_view text, const std::string& source) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);  // a UTF-8 byte order mark, as Windows editors write it
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    std::size_t byte = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    std::string what = e.what();
    // nlohmann's message: "[json.exception.parse_error.101] parse error at line 1, column 2:
    // syntax error while parsing value - invalid literal; last read: 'x'"; keep the tail.
    auto dash = what.find(" - ");
    std::string detail = printable(dash == std::string::npos ? what : what.substr(dash + 3));
    if (text.empty()) detail = "the input is empty";
    throw Error(ErrorKind::input,
                "invalid JSON at line " + std::to_string(line) + ", column " +
                    std::to_string(column) + ": " + detail,
                {source, "", ""});
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range.406 for 1e999: a number that does not fit a double
    std::string what = e.what();
    auto bracket = what.find("] ");
    throw Error(ErrorKind::input,
                "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)),
                {source, "", ""});
  }
}

std::string json_type_name(const nlohmann::json& value) {
  if (value.is_number()) return "number";
  if (value.is_boolean()) return "boolean";
  return value.type_name();
}

std::string get_string(const nlohmann::json& object, const char* key, const ErrorContext& where,
                       bool required) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) throw_input_error(std::string("missing field \"") + key + "\"", where);
    return {};
  }
  if (!it->is_string())
    throw_input_error(
        std::string("field \"") + key + "\" must be a string, not a " + json_type_name(*it), where);
  return it->get<std::string>();
}

std::optional<double> get_number(const nlohmann::json& object, const char* key,
                                 const ErrorContext& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_number())
    throw_input_error(
        std::string("field \"") + key + "\" must be a number, not a " + json_type_name(*it), where);
  double value = it->get<double>();
  if (!std::isfinite(value))
    throw_input_error(std::string("field \"") + key + "\" must be finite", where);
  return value;
}

void check_keys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed,
                const std::string& what, const ErrorContext& where) {
  for (const auto& item : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
      std::string list;
      for (auto name : allowed)
        list += (list.empty() ? "" : ", ") + std::string(name);
      throw_input_error(
          "unknown field \"" + item.key() + "\" in " + what + " (known: " + list + ")", where);
    }
  }
}

}  // namespace materia::detail
