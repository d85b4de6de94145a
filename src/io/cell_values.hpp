#pragma once
// The values of a table's cells (the CSV and workbook readers): numbers as people type them
// (full-width digits, "85%"), level words on the built-in or a firm's own scale, and what the
// reader notices on the way (percents on a scale that is not one, level words that tie).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "materia/error.hpp"
#include "materia/model/dataset.hpp"

namespace materia::detail {

/// A number cell: its value, and whether it was written as a percent ("85%" is 0.85).
struct CellNumber {
  double value = 0;
  bool percent = false;
};

/// The text with full-width digits, signs, point, percent and exponent letters as their ASCII
/// forms, and blanks (also U+3000 and U+00A0) trimmed; nullopt when another character than
/// those, ASCII letters, digits and punctuation is left (it is no number then).
std::optional<std::string> ascii_number_text(std::string_view text);

/// Parses a number cell, the same in every locale: `.` as the decimal point, an optional sign,
/// an exponent, and with `allow_percent` a trailing `%` (the value divided by 100, exactly as
/// the decimal text with the point moved). "" = no value. Throws Error(input) at `where`:
/// "<column> \"<text>\" is not a finite number", with a hint for a decimal comma, or "... is a
/// percent" where a percent has no meaning.
std::optional<CellNumber> parse_cell_number(std::string_view text, std::string_view column,
                                            const ErrorContext& where, bool allow_percent);

/// The key a level word is matched by: Latin letters in lower case, one `_` for each space,
/// `-` or `_`, the text trimmed.
std::string level_key(std::string_view text);

/// The levels a reader takes: the built-in scale (parse_level, and numbers from 1 to 5) or a
/// firm's own (`--levels 高=5,较高=4,...`: only its words).
class LevelScale {
 public:
  /// Empty = the built-in scale. Throws Error(usage) for a value outside [1, 5], a word given
  /// twice or an empty word.
  explicit LevelScale(const std::vector<std::pair<std::string, double>>& custom = {});
  /// The value of a level cell; `word` is set when it was a word (not a number). Throws
  /// Error(input) at `where` for an unknown level, naming it and listing the scale's words.
  double value(std::string_view text, const ErrorContext& where, bool& word) const;
  bool builtin() const { return words_.empty(); }

 private:
  std::vector<std::pair<std::string, double>> words_;  // key, value (custom scale)
  std::string listed_;                                 // the words as given, for messages
};

/// Level words of each firm: two different words that the scale reads as one level tie, and
/// the firm is warned about (Dataset::warnings).
class LevelTies {
 public:
  void note(const std::string& firm, std::string_view word, double value);
  /// One warning per firm whose words tie, in the order the firms were first noted.
  std::vector<std::string> warnings() const;
  /// Adds what `later` noted, as if its notes had followed this one's.
  void absorb(const LevelTies& later);

 private:
  struct Word {
    std::string key, written;
    double value;
  };
  std::vector<std::string> order_;
  std::unordered_map<std::string, std::vector<Word>> words_;
};

/// Coordinates written as percents, checked once every row is read: a percent is a fraction
/// of 1, so the firm's scale must be [0, 1] (or none), and its other coordinates must not be
/// numbers above 1.
class PercentCells {
 public:
  void note(const std::string& firm, std::string_view column, std::string_view text,
            const ErrorContext& where);
  /// Throws Error(input) at the firm's first percent cell when its scale or its other numbers
  /// say the values are not fractions.
  void check(const Dataset& dataset) const;
  /// Adds what `later` noted, as if its notes had followed this one's.
  void absorb(const PercentCells& later);

 private:
  struct Cell {
    std::string column, text;
    ErrorContext where;
  };
  std::unordered_map<std::string, Cell> first_;  // by firm id
};

}  // namespace materia::detail
