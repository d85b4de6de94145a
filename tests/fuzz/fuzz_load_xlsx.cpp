// libFuzzer target: the .xlsx workbook reader, then the default analysis. An input that starts
// "PK" is the workbook's bytes (the zip layer); any other is the XML of a sheet, then optionally
// "\n=====\n" and the shared strings' XML, "\n=====\n" and the styles' XML, packed as a stored zip
// with correct CRCs so that mutations reach the XML readers (stored_zip.hpp).
#include "fuzz_common.hpp"
#include "materia/io/io.hpp"
#include "stored_zip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = materia::fuzz::as_text(data, size);
  std::string bytes;
  if (input.substr(0, 2) == "PK") {
    bytes = std::string(input);
  } else {
    std::string parts[3];
    std::size_t start = 0;
    for (int i = 0; i < 3 && start <= input.size(); ++i) {
      auto end = input.find("\n=====\n", start);
      parts[i] =
          std::string(input.substr(start, end == std::string_view::npos ? end : end - start));
      start = end == std::string_view::npos ? input.size() + 1 : end + 7;
    }
    bytes = materia::testing::workbook(parts[0], parts[1], parts[2]);
  }
  materia::Dataset dataset;
  if (materia::fuzz::accepted([&] { dataset = materia::load_dataset_xlsx(bytes, "<fuzz>"); }))
    materia::fuzz::analyze_if_loaded(dataset);
  return 0;
}
