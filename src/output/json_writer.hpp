#pragma once
// Writing JSON text without building a tree (internal). `JsonText` writes, byte for byte, what
// nlohmann's `dump(2)` writes for the same sequence of values; `JsonTree` builds the
// ordered_json that sequence describes. A document is written once, as a template over the sink
// (output.cpp), so the tree and the text cannot drift apart.

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace materia::detail {

/// Pretty-printed JSON text, indent 2, UTF-8 kept as is (nlohmann's `dump(2)` with
/// ensure_ascii = false): the same bytes, and on ill-formed UTF-8 the same exception
/// (nlohmann::json::type_error 316).
class JsonText {
 public:
  explicit JsonText(std::string& out) : out_(out) {}

  void key(std::string_view name);
  void open_object() { open('{'); }
  void open_array() { open('['); }
  void close();

  void value(std::string_view text);
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(const char* text) { value(std::string_view(text)); }
  void value(bool flag);
  template <class Integer>
  requires(std::is_integral_v<Integer> &&
           !std::is_same_v<Integer, bool>) void value(Integer number) {
    before_value();
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, number);
    out_.append(buffer, end);
  }
  /// A double as the tree holds it; NaN and infinities print as null either way.
  void value(double number) { write_double(number); }
  /// A double that the tree holds as null when it is not finite.
  void number(double number) { write_double(number); }
  void null();

 private:
  struct Level {
    char close;
    bool empty = true;
  };
  void open(char bracket);
  void new_item();  // the separator and indentation of the next item of the open level
  void before_value();
  void write_escaped(std::string_view text);
  void write_double(double number);

  std::string& out_;
  std::vector<Level> levels_;
  bool key_pending_ = false;
};

/// The same calls building an ordered_json.
class JsonTree {
 public:
  void key(std::string_view name) { key_.assign(name); }
  void open_object() { open(nlohmann::ordered_json::object()); }
  void open_array() { open(nlohmann::ordered_json::array()); }
  void close() { open_.pop_back(); }

  void value(std::string_view text) { put(std::string(text)); }
  void value(const std::string& text) { put(text); }
  void value(const char* text) { put(std::string(text)); }
  template <class Scalar>
  requires(std::is_arithmetic_v<Scalar>) void value(Scalar scalar) { put(scalar); }
  void number(double number);
  void null() { put(nullptr); }

  nlohmann::ordered_json take() { return std::move(root_); }

 private:
  nlohmann::ordered_json& put(nlohmann::ordered_json item);
  void open(nlohmann::ordered_json item) { open_.push_back(&put(std::move(item))); }

  nlohmann::ordered_json root_;
  std::vector<nlohmann::ordered_json*> open_;  // the innermost open object or array last
  std::string key_;
};

/// A string array, as both sinks write it.
template <class Sink>
void write_strings(Sink& sink, const std::vector<std::string>& items) {
  sink.open_array();
  for (const auto& item : items)
    sink.value(item);
  sink.close();
}

}  // namespace materia::detail
