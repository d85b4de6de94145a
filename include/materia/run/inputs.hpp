#pragma once
/// \file inputs.hpp
/// Inputs the front ends take as text or plain values and check the same way: JSON text with
/// materia's messages, firm records in either format, numbers one per line, normalizer settings,
/// the values given to the rank statistics.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "materia/normalize/normalize.hpp"
#include "materia/runtime/execution.hpp"
#include "materia/workflows/disclosure.hpp"

namespace materia {

/// Firm records from text: JSON when it starts with "{", else CSV (`materia disclosure`'s rule
/// for a file without a telling extension). Error(input) "the input is empty" for blank text.
FirmRecords load_firm_records_text(std::string_view text, const std::string& source);

/// The numbers of `materia breaks`: one per line ("+" allowed, blank lines skipped, a byte-order
/// mark at the start ignored). Error(input) "<source>:<line>" for a line that is not a finite
/// number, "no numbers to classify" for none. Large texts are read on `execution`'s threads.
std::vector<double> read_number_lines(std::string_view text, const std::string& source,
                                      const Execution& execution = {});

/// Normalizer settings as `materia normalize` takes them as flags.
struct NormalizerSettings {
  std::vector<Alias> aliases;
  NormalizeOptions options;
};
/// Parses {"aliases": ..., "threshold": x, "margin": x, "fuzzy": bool, "candidates": n}; every
/// key optional, "aliases" as in parse_request. Throws Error(usage) naming the key.
NormalizerSettings normalizer_settings_from_json(std::string_view json_text);

/// For the rank statistics: unless `omit`, a NaN is Error(input) "<what> I is NaN (<omit_hint>
/// to leave such values out)" (the statistics read NaN as a missing pair for tau and rho, an
/// unranked item for W).
void check_no_nan(const std::vector<double>& values, bool omit, const std::string& what,
                  std::string_view omit_hint);
/// Error(input) "<what> I is not a finite number" for the first value that is not finite.
void check_finite_values(const std::vector<double>& values, std::string_view what = "value");

}  // namespace materia
