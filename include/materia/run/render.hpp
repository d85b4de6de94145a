#pragma once
/// \file render.hpp
/// The texts the front ends print: every value a verb of the command line outputs, as JSON, CSV
/// or an aligned table, byte for byte what `materia VERB --format F` writes. The C API and Python
/// return the same texts.
///
///     std::cout << materia::render(result, materia::Format::table);

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "materia/compare/compare.hpp"
#include "materia/explain/explain.hpp"
#include "materia/model/result.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/stats/stats.hpp"
#include "materia/tier/tier.hpp"
#include "materia/workflows/assess.hpp"
#include "materia/workflows/disclosure.hpp"
#include "materia/workflows/scoring.hpp"
#include "materia/workflows/survey.hpp"

namespace materia {

/// An output format.
enum class Format { table, json, csv };
/// "table", "json" or "csv"; nullopt for anything else.
std::optional<Format> format_named(std::string_view name);

/// `materia analyze`: to_json_text, to_csv or to_table of materia/output/output.hpp.
std::string render(const Result& result, Format format);
/// `materia explain`: the table below, or the JSON (csv too: an explanation has no CSV form).
std::string render(const Explanation& explanation, Format format);
/// `materia agreement --show show`.
std::string render(const Agreement& agreement, Format format, std::size_t show = 3);
/// `materia disclosure`, `disclosure --check`, `score`, `assess` and `survey`: the workflow's
/// to_json (indented by 2, with a final newline), to_csv or to_table.
std::string render(const DisclosureStats& stats, Format format);
std::string render(const CheckReport& report, Format format);
std::string render(const ScoreResult& result, Format format);
std::string render(const AssessmentResult& result, Format format);
std::string render(const SurveyResult& result, Format format);
/// `materia compare` and `materia benchmark`: to_json_text (indented by 2, with a final newline),
/// to_csv or to_table of materia/compare/compare.hpp.
std::string render(const Comparison& comparison, Format format);
std::string render(const Benchmark& benchmark, Format format);
/// `materia breaks`: `values` are the numbers classified, `method` names the method in the JSON.
std::string render(const Breaks& breaks, std::string_view method, const std::vector<double>& values,
                   Format format);

/// The table `materia explain` prints.
std::string to_table(const Explanation& explanation);
/// The JSON `materia agreement --format json --show show` prints, indented by `indent` spaces
/// (-1: on one line), without a final newline.
std::string to_json_text(const Agreement& agreement, std::size_t show, int indent);
/// `materia breaks --format json` without its final newline: {breaks, classes, gvf, method,
/// class_count}.
std::string breaks_json_text(const Breaks& breaks, std::string_view method);
/// One name as `materia normalize --format json` prints it (without "firms"), indented by
/// `indent` spaces (-1: on one line), without a final newline.
std::string to_json_text(const Resolution& resolution, int indent);

}  // namespace materia
