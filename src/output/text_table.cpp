#include "output/text_table.hpp"

#include <algorithm>

#include "materia/error.hpp"
#include "materia/text/text.hpp"

namespace materia::detail {

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> right)
    : header_(std::move(header)), right_(std::move(right)) {
  right_.resize(header_.size(), false);
}

void TextTable::add(std::vector<std::string> row) {
  if (row.size() != header_.size())
    throw Error(ErrorKind::internal, "TextTable: a row has " + std::to_string(row.size()) +
                                         " cells, the header " + std::to_string(header_.size()));
  rows_.push_back(std::move(row));
}

std::string TextTable::render() const {
  std::vector<std::size_t> width(header_.size());
  for (std::size_t c = 0; c < header_.size(); ++c) {
    width[c] = display_width(header_[c]);
    for (const auto& row : rows_)
      width[c] = std::max(width[c], display_width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::size_t w = display_width(cells[c]);
      std::string fill(width[c] > w ? width[c] - w : 0, ' ');
      if (c > 0) text += "  ";
      text += right_[c] ? fill + cells[c] : (c + 1 == cells.size() ? cells[c] : cells[c] + fill);
    }
    return text + "\n";
  };
  std::string out = line(header_);
  for (const auto& row : rows_)
    out += line(row);
  return out;
}

}  // namespace materia::detail
