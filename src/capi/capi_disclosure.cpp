// Disclosure statistics, scoring, ESRS-style assessment and surveys through the C API: a document
// in, the CLI's output text out (materia disclosure | score | assess | survey). Every call parses
// its options strictly, so a misspelt key is an error rather than a silently ignored wish.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "capi/capi_internal.hpp"
#include "materia/capture/extract.hpp"
#include "materia/io/io.hpp"
#include "materia/run/extract.hpp"
#include "materia/run/run.hpp"
#include "materia/workflows/assess.hpp"
#include "materia/workflows/disclosure.hpp"
#include "materia/workflows/scoring.hpp"
#include "materia/workflows/survey.hpp"
#include "materia_workflows.h"
#include "run/score_json.hpp"
#include "workflows/survey_json.hpp"

using materia::capi::copy_out;
using materia::capi::guard;
using materia::capi::null_argument;
using Json = nlohmann::json;

namespace {

// The options object of one call: the keys it knows, read once, with usage errors in the words
// of materia_analyze's options ("option \"k\" must be a string, not number").
class CallOptions {
 public:
  CallOptions(const char* options_json, std::initializer_list<std::string_view> known) {
    std::string_view text = options_json == nullptr ? std::string_view() : options_json;
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    root_ = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (root_.is_discarded())
      materia::throw_usage_error("options are not valid JSON: " + std::string(text));
    if (root_.is_null()) {
      root_ = Json::object();
      return;
    }
    if (!root_.is_object())
      materia::throw_usage_error("options must be a JSON object, not " + type_name(root_));
    for (const auto& [key, value] : root_.items()) {
      bool found = false;
      std::string list;
      for (std::string_view k : known) {
        found = found || k == key;
        list += (list.empty() ? "" : ", ") + std::string(k);
      }
      if (!found)
        materia::throw_usage_error("unknown option \"" + key + "\" (known: " + list + ")");
    }
  }

  // A present, non-null option.
  const Json* find(const char* key) const {
    auto it = root_.find(key);
    return it == root_.end() || it->is_null() ? nullptr : &*it;
  }
  std::string string(const char* key, const std::string& fallback = "") const {
    const Json* value = find(key);
    if (value == nullptr) return fallback;
    if (!value->is_string())
      materia::throw_usage_error(std::string("option \"") + key + "\" must be a string, not " +
                                 type_name(*value));
    return value->get<std::string>();
  }
  bool flag(const char* key) const {
    const Json* value = find(key);
    if (value == nullptr) return false;
    if (!value->is_boolean())
      materia::throw_usage_error(std::string("option \"") + key + "\" must be a boolean, not " +
                                 type_name(*value));
    return value->get<bool>();
  }
  materia::Format format() const {
    std::string name = string("format", "json");
    auto format = materia::format_named(name);
    if (!format) materia::throw_usage_error("unknown format \"" + name + "\" (json, csv, table)");
    return *format;
  }

  static std::string type_name(const Json& value) {
    return value.is_number() ? "number" : value.is_boolean() ? "boolean" : value.type_name();
  }

 private:
  Json root_ = Json::object();
};

// The records of a call: the text given, or the built-in sample named by `sample_key`.
materia::FirmRecords call_records(const char* text, std::size_t len, const CallOptions& options,
                                  const char* sample_key, const char* source_key,
                                  const char* what) {
  std::string sample = options.string(sample_key);
  if ((text == nullptr) == sample.empty())
    materia::throw_usage_error(std::string("give either ") + what + " or the \"" + sample_key +
                               "\" option");
  if (!sample.empty()) return materia::load_firm_records_sample(sample);
  return materia::load_firm_records_text(std::string_view(text, len),
                                         options.string(source_key, "<string>"));
}

}  // namespace

extern "C" {

int materia_disclosure_statistics(char** out, size_t* out_len, const char* records, size_t len,
                                  const char* options_json) {
  if (out == nullptr) return null_argument("materia_disclosure_statistics", "out");
  *out = nullptr;
  return guard([&] {
    CallOptions options(options_json, {"sample", "source", "include_csr", "format"});
    // Options first, so a bad option is reported before any loading.
    materia::DisclosureOptions disclosure;
    if (options.flag("include_csr")) disclosure.basis = materia::ReportBasis::esg_and_csr;
    materia::Format format = options.format();
    materia::FirmRecords firm_records =
        call_records(records, len, options, "sample", "source", "records");
    return copy_out(
        materia::render(materia::disclosure_statistics(firm_records, disclosure), format), out,
        out_len);
  });
}

int materia_disclosure_check(char** out, size_t* out_len, size_t* out_disagreements,
                             const char* records, size_t records_len, const char* published,
                             size_t published_len, const char* options_json) {
  if (out == nullptr) return null_argument("materia_disclosure_check", "out");
  *out = nullptr;
  return guard([&] {
    CallOptions options(options_json,
                        {"sample", "source", "published_sample", "published_source", "format"});
    materia::FirmRecords firm_records =
        call_records(records, records_len, options, "sample", "source", "records");
    std::string published_sample = options.string("published_sample");
    if ((published == nullptr) == published_sample.empty())
      materia::throw_usage_error("give either published tables or the \"published_sample\" option");
    materia::PublishedTables tables =
        published_sample.empty()
            ? materia::load_published_json(std::string_view(published, published_len),
                                           options.string("published_source", "<string>"))
            : materia::load_published_sample(published_sample);
    materia::CheckReport report = materia::check_published(tables, firm_records);
    int status = copy_out(materia::render(report, options.format()), out, out_len);
    if (status == MATERIA_OK && out_disagreements != nullptr)
      *out_disagreements = report.disagreements.size();
    return status;
  });
}

int materia_score(char** out, size_t* out_len, const char* input, size_t len,
                  const char* options_json, const materia_result* attention) {
  if (out == nullptr) return null_argument("materia_score", "out");
  *out = nullptr;
  if (input == nullptr) return null_argument("materia_score", "input");
  return guard([&] {
    CallOptions options(options_json, {"model", "attention", "attention_result", "records",
                                       "records_sample", "source", "format"});
    std::string source = options.string("source", "<string>");
    materia::ScoringInput scoring =
        materia::load_scoring_input_json(std::string_view(input, len), source);

    materia::ScoreOptions score_options;
    if (const Json* model = options.find("model")) {
      if (model->is_object())
        scoring.model = *model;  // an inline model: what the input's own "model" field would be
      else
        score_options.model = options.string("model");
    }

    materia::AttentionChoice choice;
    choice.result = attention != nullptr ? &attention->run.result : nullptr;
    if (const Json* analysis = options.find("attention_result")) {
      choice.analysis = *analysis;
      choice.source = "option \"attention_result\"";
    }
    if (const Json* spec = options.find("attention")) {
      choice.spec = *spec;
      choice.source = "option \"attention\"";
    }
    choice.conflict = "a result handle, \"attention\" and \"attention_result\"";
    choice.check();

    std::optional<materia::FirmRecords> records;
    const Json* inline_records = options.find("records");
    std::string records_sample = options.string("records_sample");
    if (inline_records != nullptr && !records_sample.empty())
      materia::throw_usage_error("give at most one of \"records\" and \"records_sample\"");
    if (inline_records != nullptr && inline_records->is_object())
      records = materia::load_firm_records_json(inline_records->dump(), "option \"records\"");
    else if (inline_records != nullptr)
      records = materia::load_firm_records_file(options.string("records"));
    else if (!records_sample.empty())
      records = materia::load_firm_records_sample(records_sample);
    if (records) score_options.records = &*records;

    return copy_out(
        materia::render(materia::score(std::move(scoring), std::move(score_options), choice),
                        options.format()),
        out, out_len);
  });
}

int materia_assess(char** out, size_t* out_len, const char* assessment, size_t len,
                   const char* options_json) {
  if (out == nullptr) return null_argument("materia_assess", "out");
  *out = nullptr;
  if (assessment == nullptr) return null_argument("materia_assess", "assessment");
  return guard([&] {
    CallOptions options(options_json, {"source", "format"});
    materia::Assessment parsed = materia::load_assessment_json(
        std::string_view(assessment, len), options.string("source", "<string>"));
    return copy_out(materia::render(materia::assess(parsed), options.format()), out, out_len);
  });
}

int materia_survey(char** out, size_t* out_len, const char* survey, size_t len,
                   const char* options_json) {
  if (out == nullptr) return null_argument("materia_survey", "out");
  *out = nullptr;
  if (survey == nullptr) return null_argument("materia_survey", "survey");
  return guard([&] {
    CallOptions options(options_json, {"source", "format", "as_dataset"});
    materia::Format format = options.format();
    bool as_dataset = options.flag("as_dataset");
    if (as_dataset && format != materia::Format::json)
      materia::throw_usage_error(
          "\"as_dataset\" writes a JSON dataset; format csv/table do not apply");
    materia::SurveyResult result = materia::summarize_survey(materia::load_survey_json(
        std::string_view(survey, len), options.string("source", "<string>")));
    if (as_dataset)
      return copy_out(materia::survey_dataset_json(result).dump(2) + "\n", out, out_len);
    return copy_out(materia::render(result, format), out, out_len);
  });
}

int materia_survey_dataset(materia_dataset** out, const char* survey, size_t len,
                           const char* options_json) {
  if (out == nullptr) return null_argument("materia_survey_dataset", "out");
  *out = nullptr;
  if (survey == nullptr) return null_argument("materia_survey_dataset", "survey");
  return guard([&] {
    CallOptions options(options_json, {"source"});
    std::string source = options.string("source", "<string>");
    materia::SurveyResult result =
        materia::summarize_survey(materia::load_survey_json(std::string_view(survey, len), source));
    // Through the dataset JSON, so the handle is exactly what `materia survey --as-dataset`
    // would give materia_dataset_parse.
    *out = new materia_dataset{
        materia::load_dataset_json(materia::survey_dataset_json(result).dump(), source)};
    return MATERIA_OK;
  });
}

int materia_extract(char** out, size_t* out_len, const char* const* paths, size_t count,
                    const char* options_json) {
  if (out == nullptr) return null_argument("materia_extract", "out");
  *out = nullptr;
  if (paths == nullptr && count > 0) return null_argument("materia_extract", "paths");
  for (size_t i = 0; i < count; ++i)
    if (paths[i] == nullptr)
      return materia::capi::fail(MATERIA_ERROR_ARGUMENT,
                                 "materia_extract: paths[" + std::to_string(i) + "] is NULL");
  return guard([&] {
    CallOptions options(options_json, {"firms", "taxonomy", "format", "review", "review_html"});
    materia::ExtractRequest request;
    request.files.assign(paths, paths + count);
    if (const Json* firms = options.find("firms")) {
      if (!firms->is_array())
        materia::throw_usage_error("option \"firms\" must be an array of firm ids, not " +
                                   CallOptions::type_name(*firms));
      for (const Json& firm : *firms) {
        if (!firm.is_string())
          materia::throw_usage_error("option \"firms\" must hold strings, not " +
                                     CallOptions::type_name(firm));
        request.firms.push_back(firm.get<std::string>());
      }
    }
    request.taxonomy = options.string("taxonomy");
    request.ocr = options.flag("ocr");
    materia::Format format = options.format();
    if (format == materia::Format::table)
      materia::throw_usage_error("materia_extract writes a dataset: format \"json\" or \"csv\"");
    std::string review = options.string("review"), review_html = options.string("review_html");
    materia::Extraction extraction = materia::extract(request);
    if (!review.empty())
      materia::write_file_atomic(review, materia::extraction_review_csv(extraction));
    if (!review_html.empty()) materia::write_extraction_review_html(extraction, review_html);
    return copy_out(format == materia::Format::csv ? materia::extraction_dataset_csv(extraction)
                                                   : materia::extraction_dataset_json(extraction),
                    out, out_len);
  });
}

}  // extern "C"
