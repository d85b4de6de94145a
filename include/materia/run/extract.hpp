#pragma once
/// \file extract.hpp
/// `materia extract` as calls, for the CLI, the C API and Python alike: the extraction's dataset
/// as materia reads it, the review file and the review page.

#include <string>
#include <vector>

#include "materia/capture/extract.hpp"
#include "materia/model/dataset.hpp"

namespace materia {

/// The dataset of extraction_dataset_json, read as `materia analyze` reads it.
Dataset extraction_dataset(const Extraction& extraction);

/// The review file (`materia extract --review FILE.csv`): columns file, page, kind, text, bbox,
/// message, one row per problem and per low-confidence entry (extraction_review_rows); then,
/// when the dataset has a taxonomy, every name it does not match exactly (kind "name") with
/// the columns of `materia normalize --review` (input, key, match, score, candidates, firms,
/// name_en, category, decision), so the decided file is an alias file for --aliases.
std::string extraction_review_csv(const Extraction& extraction);

/// Writes DIR/index.html and, for every page with a chart, table, list, entry or problem, the
/// page's image DIR/<stem>-p<N>.png rendered at `dpi` (created if needed). Returns the files
/// written, index.html first.
std::vector<std::string> write_extraction_review_html(const Extraction& extraction,
                                                      const std::string& directory,
                                                      double dpi = 110);

}  // namespace materia
