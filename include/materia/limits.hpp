#pragma once
/// \file limits.hpp
/// The largest inputs materia accepts. Past these, loading fails with one clear Error(input) that
/// names the limit, instead of exhausting memory or the stack. The values are sized well above
/// market-scale data (60,000 firms listing ~100 issues each); docs/architecture.md, "Limits",
/// gives the reasoning and the memory each one bounds.

#include <cstddef>

namespace materia::limits {

/// Bytes of one input file or of standard input, by default (LoadOptions::max_input_bytes, the
/// max_input load option, sets it per load).
inline constexpr std::size_t max_input_bytes = std::size_t{1} << 30;  // 1 GiB
/// Nesting depth of JSON arrays and objects (a dataset needs 4; a taxonomy 3). Deeper input is
/// refused by a SAX pre-pass before any document tree is built.
inline constexpr std::size_t max_json_depth = 64;
/// Bytes of any one JSON string or CSV field (descriptions included).
inline constexpr std::size_t max_string_bytes = std::size_t{1} << 20;  // 1 MiB
/// Bytes of an issue name, a firm id or a firm name.
inline constexpr std::size_t max_name_bytes = 1024;
/// Firms in one dataset.
inline constexpr std::size_t max_firms = 1'000'000;
/// Issues one firm lists.
inline constexpr std::size_t max_issues_per_firm = 10'000;
/// A firm's weight. Weights are relative; the cap keeps weighted sums over max_firms firms far
/// from overflow (weights near the largest double would turn every score into 0).
inline constexpr double max_weight = 1e9;
/// The universe N (`--universe`): past 2^53 a double cannot tell N - r + 1 from N, so every
/// Borda-style score would round to the same value.
inline constexpr std::size_t max_universe = 1'000'000'000;
/// Issue listings in one dataset, summed over firms (the rank table's non-zeros).
inline constexpr std::size_t max_listings = 20'000'000;

}  // namespace materia::limits
