// libFuzzer target: the long-format CSV dataset loader, then the default analysis.
#include "fuzz_common.hpp"
#include "materia/io/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  materia::Dataset dataset;
  if (materia::fuzz::accepted([&] {
        dataset = materia::load_dataset_csv(materia::fuzz::as_text(data, size), "<fuzz>");
      }))
    materia::fuzz::analyze_if_loaded(dataset);
  return 0;
}
