#pragma once
// Choosing a text by output format, for the run layer's renderers.

#include <string>

#include "materia/run/render.hpp"

namespace materia {

/// The text in `format`: what the matching one of `csv`, `table` and `json` returns (only that
/// one is called).
template <class Csv, class Table, class Json>
std::string in_format(Format format, Csv&& csv, Table&& table, Json&& json) {
  switch (format) {
    case Format::csv:
      return csv();
    case Format::table:
      return table();
    case Format::json:
      break;
  }
  return json();
}

}  // namespace materia
