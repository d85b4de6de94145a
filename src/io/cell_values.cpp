// Cell values of the table readers: numbers as typed (full-width, percents), level scales, and
// the checks and warnings that need the whole table.
#include "io/cell_values.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "base/printable.hpp"

namespace materia::detail {

namespace {

// The code point of the UTF-8 sequence at text[i] (advancing i), or -1 for a bad sequence.
long next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  int length = lead < 0x80         ? 1
               : (lead >> 5) == 6  ? 2
               : (lead >> 4) == 14 ? 3
               : (lead >> 3) == 30 ? 4
                                   : 0;
  if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
    ++i;
    return -1;
  }
  long code = length == 1 ? lead : lead & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    const unsigned char next = byte(i + static_cast<std::size_t>(k));
    if ((next & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    code = (code << 6) | (next & 0x3F);
  }
  i += static_cast<std::size_t>(length);
  return code;
}

bool is_blank(long code) {
  return code == ' ' || code == '\t' || code == '\r' || code == '\n' || code == 0x3000 ||
         code == 0xA0 || code == 0xFEFF;
}

// A decimal comma ("4,5") or thousands separators ("1,234"): digits around a comma.
bool has_digit_comma(std::string_view text) {
  for (std::size_t i = 1; i + 1 < text.size(); ++i)
    if (text[i] == ',' && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 1])))
      return true;
  return false;
}

// `number` (ASCII, no '%') divided by 100 as a decimal text: the exponent lowered by 2, so that
// from_chars rounds the exact decimal value once ("85.3" -> "85.3e-2", the double of 0.853).
std::optional<std::string> hundredth(std::string_view number) {
  const auto e = number.find_first_of("eE");
  if (e == std::string_view::npos) return std::string(number) + "e-2";
  long long exponent = 0;
  std::string_view digits = number.substr(e + 1);
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
  if (ec != std::errc() || end != digits.data() + digits.size() || exponent < -100000 ||
      exponent > 100000)
    return std::nullopt;
  return std::string(number.substr(0, e)) + "e" + std::to_string(exponent - 2);
}

}  // namespace

std::optional<std::string> ascii_number_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  std::string pending_blanks;  // blanks inside the text are kept (and refused by the parser)
  while (i < text.size()) {
    const long code = next_code_point(text, i);
    if (code < 0) return std::nullopt;
    if (is_blank(code)) {
      if (!out.empty()) pending_blanks += ' ';
      continue;
    }
    char ascii = 0;
    if (code < 0x80)
      ascii = static_cast<char>(code);
    else if (code >= 0xFF10 && code <= 0xFF19)  // full-width digits
      ascii = static_cast<char>('0' + (code - 0xFF10));
    else if (code == 0xFF0B)
      ascii = '+';
    else if (code == 0xFF0D || code == 0x2212)  // full-width hyphen-minus, the minus sign
      ascii = '-';
    else if (code == 0xFF0E)
      ascii = '.';
    else if (code == 0xFF05)
      ascii = '%';
    else if (code == 0xFF45 || code == 0xFF25)
      ascii = 'e';
    else
      return std::nullopt;
    out += pending_blanks;
    pending_blanks.clear();
    out += ascii;
  }
  return out;
}

std::optional<CellNumber> parse_cell_number(std::string_view text, std::string_view column,
                                            const ErrorContext& where, bool allow_percent) {
  auto trimmed_begin = text.find_first_not_of(" \t\r\n");
  if (trimmed_begin == std::string_view::npos) return std::nullopt;
  // Most cells are plain ASCII numbers: those read as they are, with no copy. Anything else (and
  // any error) takes the general path below, which gives a plain number the same value.
  if (text.find_first_not_of("0123456789.eE+-") == std::string_view::npos) {
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (*begin == '+' && end - begin > 1 && begin[1] != '-') ++begin;
    CellNumber cell;
    auto [stop, ec] = std::from_chars(begin, end, cell.value);
    if (begin != end && ec == std::errc() && stop == end && std::isfinite(cell.value)) return cell;
  }
  const std::optional<std::string> ascii = ascii_number_text(text);
  if (ascii && ascii->empty()) return std::nullopt;  // only blanks (U+3000, ...)
  const std::string shown = shortened(text, 64);
  auto not_a_number = [&](const std::string& hint) {
    throw_input_error(std::string(column) + " \"" + shown + "\" is not a finite number" + hint,
                      where);
  };
  if (!ascii) not_a_number("");
  std::string_view number = *ascii;
  CellNumber cell;
  if (!number.empty() && number.back() == '%') {
    if (!allow_percent)
      throw_input_error(std::string(column) + " \"" + shown + "\" is a percent, which a " +
                            std::string(column) + " cannot be",
                        where);
    cell.percent = true;
    number.remove_suffix(1);
    while (!number.empty() && number.back() == ' ')
      number.remove_suffix(1);
  }
  const char* begin = number.data();
  const char* end = number.data() + number.size();
  if (begin != end && *begin == '+' && end - begin > 1 && begin[1] != '-') ++begin;
  const std::string_view body(begin, static_cast<std::size_t>(end - begin));
  std::string scaled;
  if (cell.percent) {
    auto hundredths = hundredth(body);
    if (!hundredths) not_a_number("");
    scaled = std::move(*hundredths);
    begin = scaled.data();
    end = scaled.data() + scaled.size();
  }
  // from_chars takes "inf" and "nan": refused below as not finite; hex is not taken
  auto [stop, ec] = std::from_chars(begin, end, cell.value);
  if (ec != std::errc() || stop != end || !std::isfinite(cell.value) || body.empty() ||
      body.find_first_of(" ") != std::string_view::npos)
    not_a_number(has_digit_comma(*ascii) ? " (write the decimal point as \".\", without thousands "
                                           "separators)"
                                         : "");
  return cell;
}

std::string level_key(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  text = text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
  std::string key;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '_') {
      if (key.empty() || key.back() != '_') key += '_';
    } else {
      key += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
  return key;
}

namespace {

// The built-in scale's words for a message: each value once, highest first, its words joined
// by "/" ("very_high/critical/.../很高 5").
std::string builtin_listing() {
  std::string text;
  const auto& words = builtin_level_words();
  for (std::size_t i = 0; i < words.size();) {
    std::size_t j = i;
    std::string group;
    while (j < words.size() && words[j].value == words[i].value) {
      if (!group.empty()) group += '/';
      group += words[j].word;
      ++j;
    }
    if (!text.empty()) text += ", ";
    text += group;
    text += ' ';
    text += number_text(words[i].value);
    i = j;
  }
  return text;
}

}  // namespace

LevelScale::LevelScale(const std::vector<std::pair<std::string, double>>& custom) {
  for (const auto& [word, value] : custom) {
    const std::string key = level_key(word);
    if (key.empty()) throw_usage_error("--levels has an empty level word");
    if (!(value >= 1 && value <= 5))
      throw_usage_error("--levels gives \"" + word + "\" the value " + number_text(value) +
                        ": a level is a number from 1 (lowest) to 5 (highest)");
    for (const auto& [known, known_value] : words_)
      if (known == key) throw_usage_error("--levels gives the level \"" + word + "\" twice");
    words_.emplace_back(key, value);
    listed_ += (listed_.empty() ? "" : ", ") + word + "=" + number_text(value);
  }
}

double LevelScale::value(std::string_view text, const ErrorContext& where, bool& word) const {
  word = true;
  const std::string key = level_key(text);
  const std::string shown = shortened(text, 64);
  if (!builtin()) {
    for (const auto& [known, value] : words_)
      if (known == key) return value;
    throw_input_error("unknown level \"" + shown + "\" (the levels of --levels: " + listed_ + ")",
                      where);
  }
  if (auto value = parse_level(key)) return *value;
  word = false;
  std::optional<std::string> ascii = ascii_number_text(text);
  if (ascii && !ascii->empty() && ascii->find('%') == std::string::npos) {
    std::string_view digits = *ascii;
    if (digits.front() == '+') digits.remove_prefix(1);
    double number = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (ec == std::errc() && end == digits.data() + digits.size() && std::isfinite(number)) {
      if (number >= 1 && number <= 5) return number;
      throw_input_error("level " + shown + " is outside the scale from 1 (lowest) to 5 (highest)",
                        where);
    }
  }
  throw_input_error("unknown level \"" + shown + "\" (the built-in scale, highest first: " +
                        builtin_listing() + "; or a number from 1 to 5; --levels gives your own)",
                    where);
}

void LevelTies::note(const std::string& firm, std::string_view word, double value) {
  auto [it, inserted] = words_.try_emplace(firm);
  if (inserted) order_.push_back(firm);
  std::string key = level_key(word);
  for (const auto& known : it->second)
    if (known.key == key) return;
  it->second.push_back({std::move(key), std::string(word), value});
}

std::vector<std::string> LevelTies::warnings() const {
  std::vector<std::string> out;
  for (const auto& firm : order_) {
    const auto& words = words_.at(firm);
    std::string ties;
    std::vector<bool> done(words.size(), false);
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (done[i]) continue;
      std::vector<std::string_view> group = {words[i].written};
      for (std::size_t j = i + 1; j < words.size(); ++j)
        if (words[j].value == words[i].value) {
          group.push_back(words[j].written);
          done[j] = true;
        }
      if (group.size() < 2) continue;
      std::string listed;
      for (std::size_t k = 0; k < group.size(); ++k)
        listed += std::string(k == 0                  ? ""
                              : k + 1 == group.size() ? " and "
                                                      : ", ") +
                  std::string(group[k]);
      ties += (ties.empty() ? "" : "; ") + listed + " (" + number_text(words[i].value) + ")";
    }
    if (!ties.empty())
      out.push_back("firm \"" + firm + "\" writes levels that the scale reads as one: " + ties +
                    "; they tie (give the firm's own order with --levels)");
  }
  return out;
}

void LevelTies::absorb(const LevelTies& later) {
  for (const auto& firm : later.order_)
    for (const auto& word : later.words_.at(firm))
      note(firm, word.written, word.value);
}

void PercentCells::absorb(const PercentCells& later) {
  for (const auto& [firm, cell] : later.first_)
    first_.try_emplace(firm, cell);
}

void PercentCells::note(const std::string& firm, std::string_view column, std::string_view text,
                        const ErrorContext& where) {
  first_.try_emplace(firm, Cell{std::string(column), std::string(text), where});
}

void PercentCells::check(const Dataset& dataset) const {
  if (first_.empty()) return;
  for (const auto& firm : dataset.firms) {
    auto it = first_.find(firm.id);
    if (it == first_.end()) continue;
    const Cell& cell = it->second;
    const std::string percent = cell.column + " \"" + shortened(cell.text, 64) + "\" is a percent";
    const auto& scale = firm.scale ? firm.scale : dataset.scale;
    if (scale && !(scale->min == 0 && scale->max == 1))
      throw_input_error(percent + ", but the firm's scale is [" + number_text(scale->min) + ", " +
                            number_text(scale->max) +
                            "]: a percent needs the scale [0, 1] or none; give numbers on the "
                            "scale instead",
                        cell.where);
    for (const auto& entry : firm.entries)
      for (const auto& value : {entry.stakeholder, entry.business})
        if (value && *value > 1)
          throw_input_error(percent + ", but the firm also gives " + number_text(*value) +
                                " (issue \"" + shortened(entry.name, 64) +
                                "\"): give all of its coordinates as percents or all as numbers",
                            cell.where);
  }
}

}  // namespace materia::detail
