// Files: reading (or stdin), atomic writing, format detection, taxonomy names and paths.
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "io/io_json_fast.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/limits.hpp"
#include "runtime/stage_mark.hpp"

namespace materia {

namespace detail {

// A built-in taxonomy name, "none", or a path to a taxonomy JSON file.
Taxonomy resolve_taxonomy_name(const std::string& name, const std::string& source) {
  bool looks_like_path = name.find('/') != std::string::npos ||
                         (name.size() > 5 && name.substr(name.size() - 5) == ".json");
  if (looks_like_path) return Taxonomy::from_json_text(read_file(name), name);
  try {
    return Taxonomy::builtin(name);
  } catch (const Error& e) {
    throw Error(ErrorKind::input, e.message(), {source, "", ""});
  }
}

}  // namespace detail

namespace {

[[noreturn]] void throw_too_large(const std::string& source) {
  throw_input_error("larger than " + std::to_string(limits::max_input_bytes) +
                        " bytes (materia's limit; see docs/architecture.md, \"Limits\")",
                    {source, "", ""});
}

}  // namespace

std::string read_file(const std::string& path) {
  const std::string source = path == "-" ? "<stdin>" : path;
  std::error_code ec;
  if (path != "-" && std::filesystem::is_directory(path, ec))
    throw_input_error("is a directory, not a file", {path, "", ""});
  std::uintmax_t known_size = 0;
  if (path != "-") {
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits::max_input_bytes) throw_too_large(source);
    if (!ec) known_size = size;
  }
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file)
      throw_input_error(std::string("cannot open: ") + std::strerror(errno), {path, "", ""});
  }
  std::istream& in = path == "-" ? std::cin : file;
  // Read in chunks and stop past the limit: a pipe has no size to check up front.
  std::string content;
  // One allocation for a regular file (growing by doubling would copy and first-touch about three
  // times its size), read into directly, with zeros after it for the JSON parser's padding
  // (kReadPadding: it reads them, never uses them).
  if (known_size > 0) {
    content.resize(static_cast<std::size_t>(known_size) + detail::kReadPadding);
    in.read(content.data(), static_cast<std::streamsize>(known_size));
    content.resize(static_cast<std::size_t>(in.gcount()));  // keeps the capacity, and the zeros
  }
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    if (content.size() + static_cast<std::size_t>(in.gcount()) > limits::max_input_bytes)
      throw_too_large(source);
    content.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad())
    throw_input_error(path == "-" ? "cannot read standard input" : "cannot read the file",
                      {source, "", ""});
  return content;
}

void write_file_atomic(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path temp = target;
  // Unique per process and per call: threads writing the same target must not share a temporary.
  static std::atomic<unsigned long> counter{0};
  temp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw_input_error(std::string("cannot write: ") + std::strerror(errno), {path, "", ""});
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(temp, ignored);
      throw_input_error("cannot write the whole file (disk full?)", {path, "", ""});
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw_input_error("cannot replace the file: " + ec.message(), {path, "", ""});
  }
}

Dataset load_dataset_file(const std::string& path, const LoadOptions& options,
                          const Execution& execution) {
  std::string content = read_file(path);
  detail::stage_mark("read_file");
  std::string source = path == "-" ? "<stdin>" : path;
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // a zip package (an .xlsx workbook) starts "PK\3\4"; an Excel 97-2003 workbook, or one
  // saved with a password, is an OLE compound file
  const bool zip = content.size() >= 4 && content.compare(0, 4, "PK\3\4") == 0;
  const bool ole =
      content.size() >= 8 && content.compare(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") == 0;
  if (ole)
    throw_input_error(
        "an Excel 97-2003 workbook (.xls) or a password-protected one: save it as "
        ".xlsx without a password, or as CSV UTF-8",
        {source, "", ""});
  if (zip || extension == ".xlsx" || extension == ".xlsm")
    return load_dataset_xlsx(content, source, options, execution);
  if (!options.sheet.empty())
    throw_usage_error("--sheet is for .xlsx workbooks, and " + source + " is not one");
  if (extension == ".csv" || extension == ".tsv")
    return load_dataset_csv(content, source, options, execution);
  // read_file's buffer has room past the text: the JSON reader parses it in place
  const std::size_t room = content.capacity() - content.size();
  if (extension == ".json")
    return detail::load_dataset_json_in_buffer(content, room, source, options, execution);
  auto first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (content[first] == '{' || content[first] == '['))
    return detail::load_dataset_json_in_buffer(content, room, source, options, execution);
  if (first == std::string::npos) throw_input_error("the input is empty", {source, "", ""});
  return load_dataset_csv(content, source, options, execution);
}

}  // namespace materia
