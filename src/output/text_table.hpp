#pragma once
// An aligned text table for terminals (CJK-aware widths), shared by the disclosure, scoring,
// assessment and survey outputs.

#include <string>
#include <vector>

namespace materia::detail {

class TextTable {
 public:
  /// `right[i]`: right-align column i (numbers).
  TextTable(std::vector<std::string> header, std::vector<bool> right);
  void add(std::vector<std::string> row);
  std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace materia::detail
