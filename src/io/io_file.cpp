// Files: reading (or stdin), atomic writing, format detection, taxonomy names and paths.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
#include "io/streamed.hpp"
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

[[noreturn]] void throw_too_large(const std::string& source, std::size_t max_bytes) {
  throw_input_error("larger than " + std::to_string(max_bytes) +
                        " bytes, the input limit (raise it with the max_input load option, "
                        "--max-input on the command line)",
                    {source, "", ""});
}

// A regular file mapped read-only: the readers go through it once, front to back, and drop the
// pages behind them (done_with), so the resident part of the file is a window, not the file.
class MappedFile {
 public:
  // Maps `path`; an empty view for an empty file; nullopt when it cannot be mapped (not a
  // regular file: the caller reads it instead).
  static std::optional<MappedFile> open(const std::string& path, std::size_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
      ::close(fd);
      return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    if (size > max_bytes) {
      ::close(fd);
      throw_too_large(path, max_bytes);
    }
    void* data = size == 0 ? nullptr : ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (data == MAP_FAILED) return std::nullopt;
    if (data) ::madvise(data, size, MADV_SEQUENTIAL);  // advice: may fail
    return MappedFile(static_cast<const char*>(data), size);
  }
  MappedFile(MappedFile&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  MappedFile& operator=(MappedFile&&) = delete;
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }

  std::string_view text() const { return {data_, size_}; }
  // The first `bytes` will not be read again: their whole pages leave memory (a later read would
  // fault them in from the file again).
  void done_with(std::size_t bytes) const {
    static const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t whole = std::min(bytes, size_) / page * page;
    if (whole > 0) ::madvise(const_cast<char*>(data_), whole, MADV_DONTNEED);
  }

 private:
  MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
  const char* data_;
  std::size_t size_;
};

}  // namespace

std::string read_file(const std::string& path, std::size_t max_bytes) {
  const std::string source = path == "-" ? "<stdin>" : path;
  std::error_code ec;
  if (path != "-" && std::filesystem::is_directory(path, ec))
    throw_input_error("is a directory, not a file", {path, "", ""});
  std::uintmax_t known_size = 0;
  if (path != "-") {
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes) throw_too_large(source, max_bytes);
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
  // times its size), read into directly.
  if (known_size > 0) {
    content.resize(static_cast<std::size_t>(known_size));
    in.read(content.data(), static_cast<std::streamsize>(known_size));
    content.resize(static_cast<std::size_t>(in.gcount()));
  }
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    if (content.size() + static_cast<std::size_t>(in.gcount()) > max_bytes)
      throw_too_large(source, max_bytes);
    content.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad())
    throw_input_error(path == "-" ? "cannot read standard input" : "cannot read the file",
                      {source, "", ""});
  return content;
}

namespace {

// Writes `content` into what `path` already is (a device, a pipe, a terminal): such a target
// cannot be replaced, and replacing /dev/null as root would turn it into a regular file.
void write_file_in_place(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw_input_error(std::string("cannot write: ") + std::strerror(errno), {path, "", ""});
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.flush();
  if (!out) throw_input_error("cannot write the whole output", {path, "", ""});
}

}  // namespace

void write_file_atomic(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  fs::path target(path);
  std::error_code status_error;
  const fs::file_status status = fs::status(target, status_error);
  if (fs::is_directory(status)) throw_input_error("is a directory, not a file", {path, "", ""});
  if (fs::exists(status) && !fs::is_regular_file(status)) return write_file_in_place(path, content);
  // A link is kept and the file it leads to replaced.
  if (std::error_code link_error; fs::is_symlink(fs::symlink_status(target, link_error))) {
    std::error_code resolve_error;
    fs::path resolved = fs::weakly_canonical(target, resolve_error);
    if (!resolve_error) target = std::move(resolved);
  }
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
  const std::string source = path == "-" ? "<stdin>" : path;
  std::error_code ec;
  if (path != "-" && std::filesystem::is_directory(path, ec))
    throw_input_error("is a directory, not a file", {path, "", ""});
  // A regular file is mapped and read once, front to back; standard input (or anything that
  // cannot be mapped) is read whole.
  const std::optional<MappedFile> mapped =
      path == "-" ? std::nullopt : MappedFile::open(path, options.max_input_bytes);
  std::string content;
  if (!mapped) content = read_file(path, options.max_input_bytes);
  const std::string_view text = mapped ? mapped->text() : std::string_view(content);
  std::function<void(std::size_t)> done_with;
  if (mapped) done_with = [&mapped](std::size_t bytes) { mapped->done_with(bytes); };
  detail::stage_mark("read_file");
  std::string extension = std::filesystem::path(path).extension().string();
  for (char& c : extension)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // a zip package (an .xlsx workbook) starts "PK\3\4"; an Excel 97-2003 workbook, or one
  // saved with a password, is an OLE compound file
  const bool zip = text.size() >= 4 && text.compare(0, 4, "PK\3\4") == 0;
  const bool ole = text.size() >= 8 && text.compare(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") == 0;
  if (ole)
    throw_input_error(
        "an Excel 97-2003 workbook (.xls) or a password-protected one: save it as "
        ".xlsx without a password, or as CSV UTF-8",
        {source, "", ""});
  if (zip || extension == ".xlsx" || extension == ".xlsm")
    return load_dataset_xlsx(text, source, options, execution);
  if (!options.sheet.empty())
    throw_usage_error("--sheet is for .xlsx workbooks, and " + source + " is not one");
  if (extension == ".csv" || extension == ".tsv")
    return detail::load_dataset_csv_streamed(text, source, options, execution, done_with);
  if (extension == ".ndjson" || extension == ".jsonl")
    return detail::load_dataset_ndjson(text, source, options, execution, done_with);
  if (extension == ".json")
    return detail::load_dataset_json_streamed(text, source, options, execution, done_with);
  auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (text[first] == '{' || text[first] == '['))
    return detail::load_dataset_json_streamed(text, source, options, execution, done_with);
  if (first == std::string::npos) throw_input_error("the input is empty", {source, "", ""});
  return detail::load_dataset_csv_streamed(text, source, options, execution, done_with);
}

}  // namespace materia
