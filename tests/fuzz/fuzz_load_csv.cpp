// libFuzzer target: the long-format CSV dataset loader, then the default analysis. The loader is
// also run with its rows split into 2 to 4 pieces (joined in order, as on several cores): that
// must give the same dataset, or the same error, as one piece.
#include <string>

#include "dataset_text.hpp"
#include "fuzz_common.hpp"
#include "io/streamed.hpp"
#include "materia/io/io.hpp"

namespace {

// Everything the reader fills in, as text.
// The dataset described, or "error: " and the message of the input error it gives.
std::string read(std::string_view text, unsigned pieces, materia::Dataset* dataset) {
  std::string out;
  materia::fuzz::accepted([&] {
    try {
      materia::Dataset d = materia::detail::load_dataset_csv_pieces(
          text, "<fuzz>", {}, materia::Execution{1}, {}, pieces);
      out = materia_test::dataset_text(d);
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
