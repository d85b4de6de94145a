#include "output/json_writer.hpp"

#include "text/text_internal.hpp"

#include <array>
#include <cmath>

namespace materia::detail {

void JsonText::new_item() {
  Level& level = levels_.back();
  out_ += level.empty ? "\n" : ",\n";
  level.empty = false;
  out_.append(2 * levels_.size(), ' ');
}

void JsonText::before_value() {
  if (key_pending_)  // the key began the item
    key_pending_ = false;
  else if (!levels_.empty())
    new_item();
}

void JsonText::key(std::string_view name) {
  new_item();
  write_escaped(name);
  out_ += ": ";
  key_pending_ = true;
}

void JsonText::open(char bracket) {
  before_value();
  out_ += bracket;
  levels_.push_back({bracket == '{' ? '}' : ']'});
}

void JsonText::close() {
  const Level level = levels_.back();
  levels_.pop_back();
  if (!level.empty) {
    out_ += '\n';
    out_.append(2 * levels_.size(), ' ');
  }
  out_ += level.close;
}

void JsonText::value(std::string_view text) {
  before_value();
  write_escaped(text);
}

void JsonText::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
}

void JsonText::null() {
  before_value();
  out_ += "null";
}

void JsonText::write_double(double number) {
  before_value();
  if (!std::isfinite(number)) {
    out_ += "null";
    return;
  }
  // nlohmann's own shortest form (Grisu2, "1.0", "1e-05"), not std::to_chars: the same bytes.
  std::array<char, 64> buffer;
  char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), number);
  out_.append(buffer.data(), end);
}

void JsonText::write_escaped(std::string_view text) {
  bool ascii = true;
  for (char c : text)
    ascii &= static_cast<unsigned char>(c) < 0x80;
  if (!ascii && invalid_utf8_offset(text)) {
    // Let nlohmann say what is wrong, in its words: it throws type_error 316.
    out_ += nlohmann::json(std::string(text)).dump();
    return;
  }
  static constexpr char hex[] = "0123456789abcdef";
  out_ += '"';
  std::size_t plain = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out_.append(text.data() + plain, i - plain);
    plain = i + 1;
    out_ += '\\';
    switch (byte) {
      case '"':
        out_ += '"';
        break;
      case '\\':
        out_ += '\\';
        break;
      case '\b':
        out_ += 'b';
        break;
      case '\t':
        out_ += 't';
        break;
      case '\n':
        out_ += 'n';
        break;
      case '\f':
        out_ += 'f';
        break;
      case '\r':
        out_ += 'r';
        break;
      default:
        out_ += "u00";
        out_ += hex[byte >> 4];
        out_ += hex[byte & 0xF];
    }
  }
  out_.append(text.data() + plain, text.size() - plain);
  out_ += '"';
}

nlohmann::ordered_json& JsonTree::put(nlohmann::ordered_json item) {
  if (open_.empty()) {
    root_ = std::move(item);
    return root_;
  }
  nlohmann::ordered_json& parent = *open_.back();
  if (parent.is_array()) {
    parent.push_back(std::move(item));
    return parent.back();
  }
  nlohmann::ordered_json& slot = parent[key_];
  slot = std::move(item);
  return slot;
}

void JsonTree::number(double number) {
  if (std::isfinite(number))
    put(number);
  else
    put(nullptr);
}

}  // namespace materia::detail
