// libFuzzer target: the streamed readers of load_dataset_file (a mapped file read front to back,
// its pages dropped behind the reader), then the default analysis. The first byte picks the form:
// JSON, NDJSON or CSV; the rest is the file.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "fuzz_common.hpp"
#include "materia/io/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const char* const kExtensions[] = {".json", ".ndjson", ".csv"};
  const std::string path =
      "/tmp/materia-fuzz-stream-" + std::to_string(::getpid()) + kExtensions[data[0] % 3];
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data + 1), static_cast<std::streamsize>(size - 1));
  }
  materia::Dataset dataset;
  const bool loaded = materia::fuzz::accepted([&] { dataset = materia::load_dataset_file(path); });
  std::remove(path.c_str());
  if (loaded) materia::fuzz::analyze_if_loaded(dataset);
  return 0;
}
