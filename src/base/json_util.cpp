#include "base/json_util.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "base/printable.hpp"
#include "materia/limits.hpp"

namespace materia::detail {

namespace {

std::string limit_hint() {
  return " (materia's limit; see docs/architecture.md, \"Limits\")";
}

// A SAX pass over the text that builds nothing and refuses what would exhaust the stack or memory
// once a document tree is built: nesting deeper than limits::max_json_depth (nlohmann's tree is
// copied and compared recursively), huge strings, and too many companies or issue listings.
// It understands just enough of the dataset shape (root."companies"[i]."issues"[j]) to count.
class LimitScanner final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit LimitScanner(const std::string& source) : source_(source) {}

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t& text) override {
    check_string(text);
    if (!stack_.empty() && stack_.back().role == Role::firm && pending_key_ == "id")
      firm_id_ = text;
    return value();
  }
  bool binary(binary_t&) override { return value(); }
  bool key(string_t& text) override {
    check_string(text);
    pending_key_ = text;
    return true;
  }
  bool start_object(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_array() override { return close(); }
  // A syntax error: stop here and let the tree parser report it with its line and column.
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  enum class Role { other, root, companies, firm, issues };
  struct Frame {
    Role role;
  };

  ErrorContext where() const {
    std::string firm = firm_id_.empty() && firms_ > 0 ? "#" + std::to_string(firms_) : firm_id_;
    return {source_, firm, ""};
  }

  void check_string(const string_t& text) const {
    if (text.size() > limits::max_string_bytes)
      throw_input_error("a JSON string of " + std::to_string(text.size()) +
                            " bytes is longer than " + std::to_string(limits::max_string_bytes) +
                            " bytes" + limit_hint(),
                        where());
  }

  // Counts one element of the enclosing array (a firm, or an issue of a firm).
  void count_element() {
    if (stack_.empty()) return;
    if (stack_.back().role == Role::companies) {
      if (++firms_ > limits::max_firms)
        throw_input_error(
            "more than " + std::to_string(limits::max_firms) + " companies" + limit_hint(),
            {source_, "", ""});
      firm_id_.clear();
    } else if (stack_.back().role == Role::issues) {
      if (++issues_in_firm_ > limits::max_issues_per_firm)
        throw_input_error("the company lists more than " +
                              std::to_string(limits::max_issues_per_firm) + " issues" +
                              limit_hint(),
                          where());
      if (++listings_ > limits::max_listings)
        throw_input_error("more than " + std::to_string(limits::max_listings) +
                              " issue listings in all" + limit_hint(),
                          {source_, "", ""});
    }
  }

  bool value() {
    count_element();
    pending_key_.clear();
    return true;
  }

  bool open(bool array) {
    count_element();
    if (stack_.size() >= limits::max_json_depth)
      throw_input_error("JSON nested deeper than " + std::to_string(limits::max_json_depth) +
                            " levels" + limit_hint(),
                        where());
    Role parent = stack_.empty() ? Role::other : stack_.back().role;
    Role role = Role::other;
    if (stack_.empty() && !array)
      role = Role::root;
    else if (parent == Role::root && array && pending_key_ == "companies")
      role = Role::companies;
    else if (parent == Role::companies && !array)
      role = Role::firm;
    else if (parent == Role::firm && array && pending_key_ == "issues")
      role = Role::issues;
    if (role == Role::issues) issues_in_firm_ = 0;
    stack_.push_back({role});
    pending_key_.clear();
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  const std::string& source_;
  std::vector<Frame> stack_;
  std::string pending_key_, firm_id_;
  std::size_t firms_ = 0, issues_in_firm_ = 0, listings_ = 0;
};

}  // namespace

void check_not_utf16(std::string_view text, const std::string& source) {
  auto starts = [&](std::string_view bom) { return text.substr(0, bom.size()) == bom; };
  // UTF-32 LE starts like UTF-16 LE, so it is tested first.
  const char* encoding = starts(std::string_view("\xFF\xFE\0\0", 4))   ? "UTF-32"
                         : starts(std::string_view("\0\0\xFE\xFF", 4)) ? "UTF-32"
                         : starts("\xFF\xFE") || starts("\xFE\xFF")    ? "UTF-16"
                                                                       : nullptr;
  if (encoding)
    throw_input_error(std::string("the file is ") + encoding + " (it starts with a " + encoding +
                          " byte order mark); save it as UTF-8",
                      {source, "", ""});
}

void check_json_limits(std::string_view text, const std::string& source, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    throw_input_error("the input is " + std::to_string(text.size()) + " bytes, more than " +
                          std::to_string(max_bytes) + limit_hint(),
                      {source, "", ""});
  LimitScanner scanner(source);
  nlohmann::json::sax_parse(text.begin(), text.end(), &scanner);
}

nlohmann::json parse_json(std::string_view text, const std::string& source) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);  // a UTF-8 byte order mark, as Windows editors write it
  check_not_utf16(text, source);
  check_json_limits(text, source);
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

std::string a_json_type(const nlohmann::json& value) {
  std::string name = json_type_name(value);
  if (value.is_null()) return name;
  return (name[0] == 'a' || name[0] == 'o' ? "an " : "a ") + name;
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
        std::string("field \"") + key + "\" must be a string, not " + a_json_type(*it), where);
  return it->get<std::string>();
}

std::optional<double> get_number(const nlohmann::json& object, const char* key,
                                 const ErrorContext& where) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_number())
    throw_input_error(
        std::string("field \"") + key + "\" must be a number, not " + a_json_type(*it), where);
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
