#pragma once
// Internal: one option's value as a front end gave it (the options JSON or a command-line flag),
// read with messages that name the option as the user spelt it. Shared by the request's options
// and those compare and benchmark add.

#include <cmath>
#include <iterator>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/run/inputs.hpp"
#include "materia/run/request.hpp"

namespace materia::detail {

// One option's value as a front end gave it: a value of the options JSON, which is checked here
// with the JSON's messages, or a flag the command-line parser has already converted to the
// option's type. Messages name the option as the user spelt it: `option "borderline_band"` or
// `--borderline-band`.
class Given {
  using json = nlohmann::json;

 public:
  Given(const RequestOption& option, const json& value) : option_(option), json_(&value) {}
  Given(const RequestOption& option, const FlagValue& value, std::string_view written)
      : option_(option), flag_(&value), written_(written) {}

  bool on_command_line() const { return flag_ != nullptr; }
  std::string name() const {
    return on_command_line() ? std::string(option_.flag)
                             : "option \"" + std::string(option_.key) + "\"";
  }
  // The value as written: the text typed, or the JSON value.
  std::string written() const { return on_command_line() ? written_ : json_->dump(); }

  std::string text() const {
    if (flag_) return std::get<std::string>(*flag_);
    if (!json_->is_string()) throw_usage_error(name() + " must be a string, not " + type_of());
    return json_->get<std::string>();
  }
  double number() const {
    if (flag_) {
      if (const auto* whole = std::get_if<std::uint64_t>(flag_)) return static_cast<double>(*whole);
      return std::get<double>(*flag_);
    }
    require_number();
    double value = json_->get<double>();
    if (!std::isfinite(value)) throw_usage_error(name() + " must be finite");
    return value;
  }
  // A number in [0, 1] (the command line leaves the range to the stage that uses it).
  double unit() const {
    if (flag_) return std::get<double>(*flag_);
    require_number();
    double value = json_->get<double>();
    if (!(value >= 0 && value <= 1)) throw_usage_error(name() + " must be in [0, 1]");
    return value;
  }
  // A whole-number limit as people write it ("10000000", not "10000000.0").
  static std::string limit_text(double limit) {
    return std::to_string(static_cast<std::uint64_t>(limit));
  }
  // A whole number, in JSON at most `json_limit` (integers and integral doubles alike).
  std::uint64_t whole(double json_limit) const {
    if (flag_) return std::get<std::uint64_t>(*flag_);  // the command line: any size its type holds
    require_number();
    if (json_->is_number_unsigned()) {
      auto n = json_->get<std::uint64_t>();
      if (static_cast<double>(n) <= json_limit) return n;
    } else {
      double n = json_->get<double>();
      if (n >= 0 && n == std::floor(n) && n <= json_limit) return static_cast<std::uint64_t>(n);
    }
    throw_usage_error(name() + " must be a whole number from 0 to " + limit_text(json_limit));
  }
  bool flag() const {
    if (flag_) return std::get<bool>(*flag_);
    if (!json_->is_boolean()) throw_usage_error(name() + " must be a boolean, not " + type_of());
    return json_->get<bool>();
  }
  // Alias files in order; in JSON also inline {"name", "target"} objects.
  std::vector<Alias> aliases() const {
    std::vector<Alias> aliases;
    auto add = [&](std::vector<Alias> more) {
      aliases.insert(aliases.end(), std::make_move_iterator(more.begin()),
                     std::make_move_iterator(more.end()));
    };
    if (flag_) {
      for (const auto& path : std::get<std::vector<std::string>>(*flag_))
        add(load_alias_file(path));
      return aliases;
    }
    if (json_->is_string()) {
      add(load_alias_file(json_->get<std::string>()));
      return aliases;
    }
    if (!json_->is_array())
      throw_usage_error(name() + " must be a file name or an array, not " + type_of());
    for (std::size_t i = 0; i < json_->size(); ++i) {
      const json& item = (*json_)[i];
      if (item.is_string()) {
        add(load_alias_file(item.get<std::string>()));
      } else if (item.is_object()) {
        // The core's own alias reader, so inline aliases are checked like a JSON alias file.
        add(parse_aliases(json::array({item}).dump(),
                          "<options>: " + std::string(option_.key) + "[" + std::to_string(i) + "]",
                          true));
      } else {
        throw_usage_error(name() + " lists file names and {\"name\", \"target\"} objects, not a " +
                          json_type_name(item));
      }
    }
    return aliases;
  }

  // A list of texts; in JSON a string is a list of one.
  std::vector<std::string> texts() const {
    if (flag_) return std::get<std::vector<std::string>>(*flag_);
    if (json_->is_string()) return {json_->get<std::string>()};
    if (!json_->is_array())
      throw_usage_error(name() + " must be a string or an array of strings, not " + type_of());
    std::vector<std::string> list;
    for (const auto& item : *json_) {
      if (!item.is_string())
        throw_usage_error(name() + " lists strings, not a " + json_type_name(item));
      list.push_back(item.get<std::string>());
    }
    return list;
  }

 private:
  std::string type_of() const { return json_type_name(*json_); }
  void require_number() const {
    if (!json_->is_number()) throw_usage_error(name() + " must be a number, not " + type_of());
  }

  const RequestOption& option_;
  const json* json_ = nullptr;
  const FlagValue* flag_ = nullptr;
  std::string written_;
};

}  // namespace materia::detail
