// A dataset as text, to compare two reads of one input: every field the readers fill, a firm
// and an entry a line, numbers to 17 digits. Used by the reader tests and fuzz_load_csv.
#pragma once

#include <sstream>
#include <string>

#include "materia/model/dataset.hpp"

namespace materia_test {

// The parts of dataset_text() beyond the firms and their entries.
struct DatasetTextParts {
  bool header = true;    // a first line: source, taxonomy, description, synthetic, scale
  bool warnings = true;  // the reader's warnings, a line each
  bool lines = true;     // each entry's input line
};

inline std::string dataset_text(const materia::Dataset& d, DatasetTextParts parts = {}) {
  std::ostringstream out;
  out.precision(17);
  auto number = [&](const materia::OptionalNumber& v) {
    if (v)
      out << *v << ' ';
    else
      out << "- ";
  };
  if (parts.header) {
    out << d.source << '|' << d.taxonomy.name << '|' << d.taxonomy.issues.size() << '|'
        << d.description << '|' << d.synthetic << '|';
    if (d.scale) out << d.scale->min << ',' << d.scale->max;
    out << '\n';
  }
  if (parts.warnings)
    for (const auto& w : d.warnings)
      out << "warning: " << w << '\n';
  for (const auto& f : d.firms) {
    out << f.id << '|' << f.name << '|' << f.segment << '|' << f.weight << '|'
        << static_cast<int>(f.unlisted) << '|';
    if (f.scale) out << f.scale->min << ',' << f.scale->max;
    out << '\n';
    for (const auto& e : f.entries) {
      out << "  ";
      if (parts.lines) out << e.line << ' ';
      out << e.name << ' ';
      number(e.rank);
      number(e.stakeholder);
      number(e.business);
      number(e.level);
      out << '\n';
    }
  }
  return out.str();
}

}  // namespace materia_test
