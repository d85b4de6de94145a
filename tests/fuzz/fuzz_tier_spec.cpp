// libFuzzer target: the --tiers spec parser, its canonical text, and tiering a fixed score list.
#include <cstdlib>
#include <numeric>
#include <vector>

#include "fuzz_common.hpp"
#include "materia/tier/tier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  materia::TierSpec spec;
  try {
    spec = materia::TierSpec::parse(materia::fuzz::as_text(data, size));
  } catch (const materia::Error& e) {
    if (e.kind() != materia::ErrorKind::usage)  // a bad spec is a usage error
      materia::fuzz::finding("not a usage error", e.what());
    return 0;
  } catch (const std::exception& e) {
    materia::fuzz::finding("exception other than materia::Error", e.what());
  }
  // parse(to_string()) reproduces the spec (tier.hpp).
  if (materia::TierSpec::parse(spec.to_string()).to_string() != spec.to_string()) std::abort();
  std::vector<double> scores = {9, 8.5, 8.5, 7, 6, 5.5, 5, 3, 2, 2, 1, 0.5, 0};
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  materia::fuzz::accepted([&] {
    auto tiering = materia::assign_tiers(scores, order, true, spec);
    if (tiering.tier.size() != scores.size()) std::abort();
    for (int tier : tiering.tier)
      if (tier < 1 || tier > tiering.tier_count) std::abort();
  });
  return 0;
}
