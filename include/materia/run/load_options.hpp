#pragma once
/// \file load_options.hpp
/// How a dataset file is read (LoadOptions: a workbook's sheet, header names, columns to skip,
/// the text's encoding, a level scale), declared once as request_options() are: the command
/// line's flags (--sheet, --columns, --ignore-column, --encoding, --levels), the keys of the
/// load options JSON (C API, Python's keyword arguments) and their documentation come from
/// load_options().
///
///     materia::LoadOptions options = materia::parse_load_options(
///         R"({"sheet": "2024", "columns": {"firm": "公司"}, "ignore_column": ["备注"]})");
///     materia::Dataset dataset = materia::load_dataset_file("firms.xlsx", options);

#include <string>
#include <string_view>
#include <vector>

#include "materia/io/io.hpp"
#include "materia/run/request.hpp"

namespace materia {

/// Every option of reading a dataset file, in documentation order.
const std::vector<RequestOption>& load_options();
/// The keys of load_options(), in the same order.
std::vector<std::string> load_option_names();

/// Parses the load options JSON: an object whose keys are load_options()' keys or "taxonomy"
/// (as LoadOptions::taxonomy), each optional (null = the default); "columns" and "levels" may be
/// objects ({"firm": "公司"}, {"高": 5}) or the command line's text ("firm=公司,issue=议题").
/// Throws Error(usage) naming the key.
LoadOptions parse_load_options(std::string_view json_text);

/// Sets `option` of `options` from its command-line flag (as set_option_from_flag for a
/// Request). Throws Error(usage) in the flag's words.
void set_option_from_flag(LoadOptions& options, const RequestOption& option, const FlagValue& value,
                          std::string_view written);

}  // namespace materia
