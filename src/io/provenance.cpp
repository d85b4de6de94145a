#include "io/provenance.hpp"

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "base/json_util.hpp"
#include "io/cell_values.hpp"

namespace materia::detail {

namespace {

void check_box(const std::array<double, 4>& box, const ErrorContext& where) {
  for (double v : box)
    if (!std::isfinite(v)) throw_input_error("source bbox has a number that is not finite", where);
  if (box[0] > box[2] || box[1] > box[3])
    throw_input_error("source bbox must be [x0, y0, x1, y1] with x0 <= x1 and y0 <= y1", where);
}

void check_page(double page, const ErrorContext& where) {
  if (!(page >= 1) || page != std::floor(page) || page > 1e9)
    throw_input_error("source page must be a whole number from 1", where);
}

void check_confidence(double confidence, const ErrorContext& where) {
  if (!(confidence >= 0 && confidence <= 1))
    throw_input_error("confidence must be a number between 0 and 1", where);
}

}  // namespace

void check_provenance_json(const nlohmann::json& issue, const ErrorContext& where) {
  if (auto confidence = get_number(issue, "confidence", where))
    check_confidence(*confidence, where);
  auto it = issue.find("source");
  if (it == issue.end() || it->is_null()) return;
  if (!it->is_object())
    throw_input_error(
        "source must be an object {\"file\", \"page\", \"bbox\"}, not " + a_json_type(*it), where);
  check_keys(*it, {"file", "page", "bbox"}, "a source", where);
  get_string(*it, "file", where, false);
  if (auto page = get_number(*it, "page", where)) check_page(*page, where);
  auto box = it->find("bbox");
  if (box == it->end() || box->is_null()) return;
  if (!box->is_array() || box->size() != 4)
    throw_input_error("source bbox must be an array of four numbers [x0, y0, x1, y1]", where);
  std::array<double, 4> values{};
  for (std::size_t i = 0; i < 4; ++i) {
    if (!(*box)[i].is_number())
      throw_input_error("source bbox must be an array of four numbers [x0, y0, x1, y1]", where);
    values[i] = (*box)[i].get<double>();
  }
  check_box(values, where);
}

void check_provenance_cells(std::string_view page, std::string_view bbox,
                            std::string_view confidence, const ErrorContext& where) {
  if (auto value = parse_cell_number(page, "source_page", where, false))
    check_page(value->value, where);
  if (auto value = parse_cell_number(confidence, "confidence", where, false))
    check_confidence(value->value, where);
  std::vector<double> box;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    auto value = parse_cell_number(word, "source_bbox", where, false);
    box.push_back(value ? value->value : 0.0);
    word.clear();
  };
  for (char c : bbox) {
    if (c == ' ' || c == ',' || c == '\t')
      flush();
    else
      word += c;
  }
  flush();
  if (box.empty()) return;
  if (box.size() != 4) throw_input_error("source_bbox must be four numbers \"x0 y0 x1 y1\"", where);
  check_box({box[0], box[1], box[2], box[3]}, where);
}

}  // namespace materia::detail
