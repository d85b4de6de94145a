// libFuzzer target: the long-format CSV dataset loader, then the default analysis. The loader is
// also run with its rows split into 2 to 4 pieces (joined in order, as on several cores): that
// must give the same dataset, or the same error, as one piece.
#include <sstream>
#include <string>

#include "fuzz_common.hpp"
#include "io/streamed.hpp"
#include "materia/io/io.hpp"

namespace {

// Everything the reader fills in, as text.
std::string describe(const materia::Dataset& d) {
  std::ostringstream out;
  out.precision(17);
  auto number = [&](const materia::OptionalNumber& v) {
    if (v)
      out << *v << ' ';
    else
      out << "- ";
  };
  out << d.taxonomy.name << '\n';
  for (const auto& w : d.warnings)
    out << w << '\n';
  for (const auto& f : d.firms) {
    out << f.id << '|' << f.name << '|' << f.segment << '|' << f.weight << '|'
        << static_cast<int>(f.unlisted) << '|';
    if (f.scale) out << f.scale->min << ',' << f.scale->max;
    out << '\n';
    for (const auto& e : f.entries) {
      out << e.line << ' ' << e.name << ' ';
      number(e.rank);
      number(e.stakeholder);
      number(e.business);
      number(e.level);
      out << '\n';
    }
  }
  return out.str();
}

// The dataset described, or "error: " and the message of the input error it gives.
std::string read(std::string_view text, unsigned pieces, materia::Dataset* dataset) {
  std::string out;
  materia::fuzz::accepted([&] {
    try {
      materia::Dataset d = materia::detail::load_dataset_csv_pieces(
          text, "<fuzz>", {}, materia::Execution{1}, {}, pieces);
      out = describe(d);
      if (dataset) *dataset = std::move(d);
    } catch (const materia::Error& e) {
      if (e.kind() == materia::ErrorKind::internal) throw;
      out = std::string("error: ") + e.what();
    }
  });
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = materia::fuzz::as_text(data, size);
  materia::Dataset dataset;
  const std::string one = read(text, 1, &dataset);
  const unsigned pieces = 2 + static_cast<unsigned>(size % 3);
  if (read(text, pieces, nullptr) != one)
    materia::fuzz::finding("pieces differ", "the CSV read in pieces differs from one piece");
  if (one.rfind("error: ", 0) != 0) materia::fuzz::analyze_if_loaded(dataset);
  return 0;
}
