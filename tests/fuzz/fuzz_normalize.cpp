// libFuzzer target: name folding and matching against the built-in taxonomy. A name that folds
// must resolve without throwing, and folding and resolving are deterministic.
#include <cstdlib>

#include "fuzz_common.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/text/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const materia::Normalizer normalizer(materia::Taxonomy::builtin("fintech-2024"));
  auto name = materia::fuzz::as_text(data, size);
  // invalid UTF-8 is refused, with the offset
  if (!materia::fuzz::accepted([&] {
        if (materia::fold_key(name) != materia::fold_key(name)) std::abort();
      }))
    return 0;
  materia::Resolution first = normalizer.resolve(name);
  materia::Resolution again = normalizer.resolve(name);
  if (first.issue != again.issue || first.match != again.match) std::abort();
  if ((first.issue < 0) != (first.match == materia::MatchKind::unmatched)) std::abort();
  (void)materia::display_width(name);
  return 0;
}
