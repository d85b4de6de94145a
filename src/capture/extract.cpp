// materia::extract: loads libmateria_extract (the optional, GPL PDF reader) at run time, asks it
// to read each report through the boundary of extract_abi.h, and checks and converts its JSON.
#include "materia/capture/extract.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "capture/extract_abi.h"
#include "materia/error.hpp"
#include "materia/model/dataset.hpp"

namespace materia {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kLibraryName = "libmateria_extract.so";
constexpr const char* kNotBuilt =
    "PDF extraction is not part of this build of materia: build with -DMATERIA_EXTRACT=ON (needs "
    "Debian's libpoppler-private-dev), see docs/extract.md";

/// The four functions of the boundary.
struct ExtractLibrary {
  std::string path;  // what was loaded, for messages
  int (*abi_version)() = nullptr;
  int (*read_pdf)(const char*, char**, char**) = nullptr;
  int (*render_page)(const char*, int, double, const char*, char**) = nullptr;
  void (*free_text)(char*) = nullptr;
};

/// The directory of the library (or program) this code is part of, found with dladdr.
std::optional<fs::path> own_directory() {
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&own_directory), &info) == 0 || info.dli_fname == nullptr)
    return std::nullopt;
  std::error_code ec;
  fs::path self = fs::canonical(info.dli_fname, ec);
  if (ec) return std::nullopt;
  return self.parent_path();
}

template <typename Function>
void find_function(void* handle, const std::string& path, Function& function, const char* name) {
  void* symbol = ::dlsym(handle, name);
  if (!symbol)
    throw Error(ErrorKind::usage, path + " is not materia's PDF reader: it has no function " +
                                      name +
                                      " (build libmateria_extract from the same materia "
                                      "source)");
  function = reinterpret_cast<Function>(symbol);
}

/// Loads the library: MATERIA_EXTRACT_LIBRARY when set; else the one beside libmateria.so;
/// else the library search path.
ExtractLibrary load_library() {
  void* handle = nullptr;
  std::string path;
  if (const char* chosen = std::getenv("MATERIA_EXTRACT_LIBRARY"); chosen && *chosen) {
    path = chosen;
    handle = ::dlopen(chosen, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = ::dlerror();
      throw Error(ErrorKind::usage, "cannot load MATERIA_EXTRACT_LIBRARY=" + path + ": " +
                                        (why ? why : "unknown reason"));
    }
  } else {
    if (auto directory = own_directory()) {
      fs::path beside = *directory / kLibraryName;
      std::error_code ec;
      if (fs::exists(beside, ec)) {
        path = beside.string();
        handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      }
    }
    if (!handle) {
      path = kLibraryName;
      handle = ::dlopen(kLibraryName, RTLD_NOW | RTLD_LOCAL);
    }
    if (!handle) throw Error(ErrorKind::usage, kNotBuilt);
  }
  ExtractLibrary library;
  library.path = path;
  find_function(handle, path, library.abi_version, "materia_extract_abi_version");
  find_function(handle, path, library.read_pdf, "materia_extract_read_pdf");
  find_function(handle, path, library.render_page, "materia_extract_render_page");
  find_function(handle, path, library.free_text, "materia_extract_free");
  if (int version = library.abi_version(); version != MATERIA_EXTRACT_ABI_VERSION)
    throw Error(ErrorKind::usage, path + " speaks version " + std::to_string(version) +
                                      " of the PDF reader's boundary; this materia needs version " +
                                      std::to_string(MATERIA_EXTRACT_ABI_VERSION) +
                                      ": build libmateria_extract from the same materia source");
  // Never closed: its functions stay in use until the process ends.
  return library;
}

/// The library, loaded at the first call; a failure is thrown again at the next call.
const ExtractLibrary& extract_library() {
  static std::mutex loading;
  static std::unique_ptr<const ExtractLibrary> loaded;
  std::lock_guard lock(loading);
  if (!loaded) loaded = std::make_unique<const ExtractLibrary>(load_library());
  return *loaded;
}

/// Takes a string the library returned and frees it.
std::string take_text(const ExtractLibrary& library, char* text) {
  if (text == nullptr) return {};
  std::string copy(text);
  library.free_text(text);
  return copy;
}

// ---------------------------------------------------------------------------------------------
// The reader's JSON, checked: a malformed answer is the reader's bug, reported as internal.

struct ReaderAnswer {
  const ExtractLibrary& library;
  const std::string& file;

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::internal,
                library.path + " gave a malformed answer for " + file + ": " + what);
  }
  const json& member(const json& object, const char* key, const char* where) const {
    auto it = object.find(key);
    if (it == object.end()) fail(std::string(where) + " has no \"" + key + "\"");
    return *it;
  }
  double number(const json& object, const char* key, const char* where) const {
    const json& value = member(object, key, where);
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      fail(std::string(where) + "'s \"" + key + "\" is not a finite number");
    return value.get<double>();
  }
  int page(const json& object, const char* where) const {
    const json& value = member(object, "page", where);
    if (!value.is_number_integer() || value.get<long long>() < 1 ||
        value.get<long long>() > 1000000)
      fail(std::string(where) + "'s \"page\" is not a page number");
    return value.get<int>();
  }
  std::string text(const json& object, const char* key, const char* where) const {
    const json& value = member(object, key, where);
    if (!value.is_string()) fail(std::string(where) + "'s \"" + key + "\" is not a string");
    return value.get<std::string>();
  }
  PageBox box(const json& object, const char* where) const {
    const json& value = member(object, "bbox", where);
    if (!value.is_array() || value.size() != 4)
      fail(std::string(where) + "'s \"bbox\" is not [x0, y0, x1, y1]");
    PageBox box{};
    for (std::size_t i = 0; i < 4; ++i) {
      if (!value[i].is_number() || !std::isfinite(value[i].get<double>()))
        fail(std::string(where) + "'s \"bbox\" is not [x0, y0, x1, y1]");
      box[i] = value[i].get<double>();
    }
    // Corners in either order: the dataset wants x0 <= x1 and y0 <= y1.
    if (box[0] > box[2]) std::swap(box[0], box[2]);
    if (box[1] > box[3]) std::swap(box[1], box[3]);
    return box;
  }
};

/// Whether `level` is a level the dataset reads: a whole number 1-5 or a word of the scale.
bool readable_level(const ExtractedEntry& entry) {
  if (entry.level_number) return *entry.level_number >= 1 && *entry.level_number <= 5;
  return entry.level_word && parse_level(*entry.level_word).has_value();
}

ExtractedFirm read_report(const ExtractLibrary& library, const std::string& file,
                          const std::string& id, bool ocr) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw Error(ErrorKind::input, fs::exists(file, ec) ? "not a file" : "no such file",
                {file, "", ""});
  ExtractedFirm firm;
  firm.id = id;
  firm.file = file;
  firm.bytes = fs::file_size(file, ec);

  char* result = nullptr;
  char* error = nullptr;
  const std::string request = json{{"file", file}, {"ocr", ocr}}.dump();
  int status = library.read_pdf(request.c_str(), &result, &error);
  std::string answer = take_text(library, result);
  std::string message = take_text(library, error);
  if (status != 0) {
    if (message.empty()) message = "the PDF reader could not read it";
    // The reader names the file (and page) itself.
    if (message.find(file) != std::string::npos) throw Error(ErrorKind::input, message);
    throw Error(ErrorKind::input, message, {file, "", ""});
  }

  ReaderAnswer reader{library, file};
  json root = json::parse(answer, nullptr, false);
  if (root.is_discarded() || !root.is_object()) reader.fail("not a JSON object");
  const json& pages = reader.member(root, "pages", "the answer");
  if (!pages.is_number_integer() || pages.get<long long>() < 0 || pages.get<long long>() > 1000000)
    reader.fail("\"pages\" is not a count");
  firm.pages = pages.get<int>();
  const json& materiality = reader.member(root, "materiality_pages", "the answer");
  if (!materiality.is_array()) reader.fail("\"materiality_pages\" is not an array");
  for (const json& page : materiality) {
    if (!page.is_number_integer() || page.get<long long>() < 1 || page.get<long long>() > 1000000)
      reader.fail("a materiality page is not a page number");
    firm.materiality_pages.push_back(page.get<int>());
  }

  const json& entries = reader.member(root, "entries", "the answer");
  if (!entries.is_array()) reader.fail("\"entries\" is not an array");
  std::vector<ExtractedEntry> read;
  for (const json& item : entries) {
    if (!item.is_object()) reader.fail("an entry is not an object");
    ExtractedEntry entry;
    entry.name = reader.text(item, "name", "an entry");
    std::string kind = reader.text(item, "kind", "an entry");
    entry.source = {file, reader.page(item, "an entry"), reader.box(item, "an entry")};
    entry.confidence = reader.number(item, "confidence", "an entry");
    if (entry.confidence < 0 || entry.confidence > 1) reader.fail("a confidence is outside [0, 1]");
    if (kind == "chart") {
      entry.form = EntryForm::chart;
      entry.stakeholder = reader.number(item, "stakeholder", "a chart entry");
      entry.business = reader.number(item, "business", "a chart entry");
      // The frame's edges, read from pixels, may put a marker a hair outside [0, 1].
      entry.stakeholder = std::clamp(*entry.stakeholder, 0.0, 1.0);
      entry.business = std::clamp(*entry.business, 0.0, 1.0);
    } else if (kind == "table") {
      entry.form = EntryForm::table;
      const json& level = reader.member(item, "level", "a table entry");
      // A number outside 1-5 is refused below; clamped first so that it fits an int.
      if (level.is_number_integer())
        entry.level_number =
            static_cast<int>(std::clamp<long long>(level.get<long long>(), -1, 99));
      else if (level.is_string())
        entry.level_word = level.get<std::string>();
      else
        reader.fail("a table entry's \"level\" is neither a word nor a whole number");
    } else if (kind == "list") {
      entry.form = EntryForm::list;
      const json& rank = reader.member(item, "rank", "a list entry");
      if (!rank.is_number_integer() || rank.get<long long>() < 1 || rank.get<long long>() > 1000000)
        reader.fail("a list entry's \"rank\" is not a whole number from 1");
      entry.rank = rank.get<int>();
    } else {
      reader.fail("an entry's kind \"" + kind + "\" is not chart, table or list");
    }
    if (entry.name.find_first_not_of(" \t\r\n") == std::string::npos) {
      firm.problems.push_back({"blank_name", file, entry.source.page, entry.name, entry.source.bbox,
                               "the reader found an issue without a name; it is left out"});
      continue;
    }
    read.push_back(std::move(entry));
  }

  const json& problems = reader.member(root, "problems", "the answer");
  if (!problems.is_array()) reader.fail("\"problems\" is not an array");
  for (const json& item : problems) {
    if (!item.is_object()) reader.fail("a problem is not an object");
    ExtractProblem problem;
    problem.kind = reader.text(item, "kind", "a problem");
    problem.file = file;
    problem.page = reader.page(item, "a problem");
    problem.text = reader.text(item, "text", "a problem");
    problem.bbox = reader.box(item, "a problem");
    problem.message = reader.text(item, "message", "a problem");
    firm.problems.push_back(std::move(problem));
  }

  // One form per firm: chart, else table, else list.
  for (EntryForm form : {EntryForm::chart, EntryForm::table, EntryForm::list})
    for (const ExtractedEntry& entry : read)
      if (!firm.form && entry.form == form) firm.form = form;
  for (ExtractedEntry& entry : read) {
    if (entry.form != firm.form) {
      ++firm.set_aside;  // named in the review rows: nothing read is dropped unseen
      firm.problems.push_back({"set_aside", file, entry.source.page, entry.name, entry.source.bbox,
                               std::string("read from a ") + entry_form_name(entry.form) +
                                   "; the report's " + entry_form_name(*firm.form) +
                                   " gives the firm's issues, so this reading is left out"});
    } else if (entry.form == EntryForm::table && !readable_level(entry)) {
      std::string level =
          entry.level_word ? *entry.level_word : std::to_string(*entry.level_number);
      firm.problems.push_back({"unknown_level", file, entry.source.page, entry.name,
                               entry.source.bbox,
                               "the level \"" + level +
                                   "\" is not on materia's level scale (docs/format.md, \"Level "
                                   "scales\"); the issue is left out"});
    } else {
      firm.entries.push_back(std::move(entry));
    }
  }
  if (firm.entries.empty())
    firm.problems.push_back({"no_entries", file, 0, "", std::nullopt,
                             "no materiality matrix, issue table or ranked list was read from " +
                                 std::to_string(firm.pages) +
                                 (firm.pages == 1 ? " page" : " pages") +
                                 "; the firm is left out of the dataset"});
  return firm;
}

}  // namespace

const char* entry_form_name(EntryForm form) {
  switch (form) {
    case EntryForm::chart:
      return "chart";
    case EntryForm::table:
      return "table";
    case EntryForm::list:
      return "list";
  }
  return "chart";
}

bool extraction_available() {
  try {
    extract_library();
    return true;
  } catch (const Error&) {
    return false;
  }
}

Extraction extract(const ExtractRequest& request) {
  if (request.files.empty()) throw_usage_error("give at least one PDF report");
  if (!request.firms.empty() && request.firms.size() != request.files.size())
    throw_usage_error("give one firm id per report (" + std::to_string(request.files.size()) +
                      " reports, " + std::to_string(request.firms.size()) + " firm ids)");
  std::vector<std::string> ids = request.firms;
  if (ids.empty())
    for (const std::string& file : request.files)
      ids.push_back(fs::path(file).stem().string());
  std::map<std::string, std::string> file_of_id;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].empty())
      throw_usage_error("report " + request.files[i] + " has an empty firm id; give one");
    auto [it, fresh] = file_of_id.emplace(ids[i], request.files[i]);
    if (!fresh)
      throw_usage_error("reports " + it->second + " and " + request.files[i] +
                        " both have the firm id \"" + ids[i] + "\"; give each its own");
  }

  const ExtractLibrary& library = extract_library();
  Extraction extraction;
  extraction.taxonomy = request.taxonomy;
  for (std::size_t i = 0; i < request.files.size(); ++i)
    extraction.firms.push_back(read_report(library, request.files[i], ids[i], request.ocr));
  return extraction;
}

void render_pdf_page(const std::string& pdf, int page, double dpi, const std::string& png) {
  const ExtractLibrary& library = extract_library();
  char* error = nullptr;
  int status = library.render_page(pdf.c_str(), page, dpi, png.c_str(), &error);
  std::string message = take_text(library, error);
  if (status != 0)
    throw Error(ErrorKind::input,
                "cannot render page " + std::to_string(page) +
                    (message.empty() ? std::string() : ": " + message),
                {pdf, "", ""});
}

}  // namespace materia
