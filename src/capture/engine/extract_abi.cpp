// SPDX-License-Identifier: GPL-2.0-or-later
// The four C functions of src/capture/extract_abi.h: JSON in, JSON out, no exception escapes.
#include "capture/extract_abi.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <nlohmann/json.hpp>
#include <string>

#include "engine.hpp"

namespace {

using nlohmann::json;
using namespace materia::extract;

char* copy_out(const std::string& text) {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out) std::memcpy(out, text.c_str(), text.size() + 1);
  return out;
}

double rounded(double value) {
  return std::round(value * 1e4) / 1e4;
}

json box_json(const Box& box) {
  return json::array({rounded(box.x0), rounded(box.y0), rounded(box.x1), rounded(box.y1)});
}

json read_pdf(const std::string& path, bool ocr) {
  const std::vector<PageContent> pages = read_document(path, ocr);
  json result = {{"file", path},
                 {"pages", pages.size()},
                 {"materiality_pages", json::array()},
                 {"entries", json::array()},
                 {"problems", json::array()}};
  int next_rank = 0;
  for (const PageContent& page : pages) {
    const PageFindings findings = read_page(page, next_rank);
    if (findings.materiality || !findings.entries.empty())
      result["materiality_pages"].push_back(page.number);
    for (const Entry& e : findings.entries) {
      json entry = {{"name", e.name}, {"kind", e.kind}};
      if (e.kind == "chart") {
        entry["stakeholder"] = rounded(e.stakeholder);
        entry["business"] = rounded(e.business);
      } else if (e.kind == "table") {
        // Symbols (●●○) come out as the number of filled ones, the level an analyst would type.
        if (e.level_count > 0)
          entry["level"] = e.level_count;
        else
          entry["level"] = e.level;
      } else {
        entry["rank"] = e.rank;
      }
      entry["page"] = e.page;
      entry["bbox"] = box_json(e.box);
      entry["confidence"] = rounded(e.confidence);
      result["entries"].push_back(std::move(entry));
    }
    for (const Problem& p : findings.problems)
      result["problems"].push_back({{"kind", p.kind},
                                    {"page", p.page},
                                    {"text", p.text},
                                    {"bbox", box_json(p.box)},
                                    {"message", p.message}});
  }
  return result;
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int materia_extract_abi_version(void) {
  return MATERIA_EXTRACT_ABI_VERSION;
}

__attribute__((visibility("default"))) int materia_extract_read_pdf(const char* request_json,
                                                                    char** result_json,
                                                                    char** error_message) {
  if (result_json) *result_json = nullptr;
  if (error_message) *error_message = nullptr;
  std::string file = "<request>";
  try {
    if (!request_json || !result_json)
      throw std::runtime_error("no request or no result pointer given");
    const json request = json::parse(request_json);
    if (!request.is_object() || !request.contains("file") || !request["file"].is_string())
      throw std::runtime_error("the request must be an object with a \"file\" string");
    file = request["file"].get<std::string>();
    const bool ocr =
        request.contains("ocr") && request["ocr"].is_boolean() && request["ocr"].get<bool>();
    if (ocr && !ocr_available())
      throw std::runtime_error(file + ": OCR is not available in this build of the PDF reader");
    const std::string text =
        read_pdf(file, ocr).dump(-1, ' ', false, json::error_handler_t::replace);
    *result_json = copy_out(text);
    if (!*result_json) throw std::runtime_error(file + ": out of memory");
    return 0;
  } catch (const std::exception& error) {
    if (error_message) *error_message = copy_out(error.what());
  } catch (...) {
    if (error_message) *error_message = copy_out(file + ": unexpected error in the PDF reader");
  }
  return 1;
}

__attribute__((visibility("default"))) int materia_extract_render_page(const char* pdf_path,
                                                                       int page, double dpi,
                                                                       const char* png_path,
                                                                       char** error_message) {
  if (error_message) *error_message = nullptr;
  try {
    if (!pdf_path || !png_path) throw std::runtime_error("no PDF or PNG path given");
    render_page(pdf_path, page, dpi, png_path);
    return 0;
  } catch (const std::exception& error) {
    if (error_message) *error_message = copy_out(error.what());
  } catch (...) {
    if (error_message)
      *error_message = copy_out(std::string(pdf_path ? pdf_path : "") + ": unexpected error");
  }
  return 1;
}

__attribute__((visibility("default"))) void materia_extract_free(char* text) {
  std::free(text);
}

}  // extern "C"
