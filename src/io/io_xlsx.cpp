// Reading a dataset from an Excel workbook (.xlsx): the zip package with minizip, its XML parts
// with pugixml, and only what a data sheet needs (the sheet list, shared strings, number formats
// that tell percents and dates, cells and merged ranges). The sheet becomes the long CSV table
// and goes the CSV reader's way (io_csv.cpp), so both read the same rows the same way.
#include <minizip/unzip.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.hpp"
#include "base/printable.hpp"
#include "io/columns_map.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/limits.hpp"

namespace materia {

namespace {

using detail::shortened;

// Excel's own limits: columns A..XFD, rows 1..1048576.
constexpr std::uint32_t kMaxColumns = 16384;
constexpr std::uint32_t kMaxRows = 1048576;

[[noreturn]] void fail(const std::string& message, const std::string& source,
                       std::uint32_t row = 0) {
  throw_input_error(message, {row ? source + ":" + std::to_string(row) : source, "", ""});
}

// ---- the zip package, read from memory

struct MemoryFile {
  const char* data = nullptr;
  ZPOS64_T size = 0;
  ZPOS64_T position = 0;
};

voidpf ZCALLBACK memory_open(voidpf opaque, const void*, int) {
  static_cast<MemoryFile*>(opaque)->position = 0;
  return opaque;
}

uLong ZCALLBACK memory_read(voidpf, voidpf stream, void* buffer, uLong size) {
  auto* file = static_cast<MemoryFile*>(stream);
  const ZPOS64_T left = file->size - file->position;
  const uLong count = static_cast<uLong>(std::min<ZPOS64_T>(size, left));
  if (count > 0) std::memcpy(buffer, file->data + file->position, count);
  file->position += count;
  return count;
}

uLong ZCALLBACK memory_write(voidpf, voidpf, const void*, uLong) {
  return 0;
}

ZPOS64_T ZCALLBACK memory_tell(voidpf, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->position;
}

long ZCALLBACK memory_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* file = static_cast<MemoryFile*>(stream);
  ZPOS64_T base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                  : origin == ZLIB_FILEFUNC_SEEK_CUR ? file->position
                  : origin == ZLIB_FILEFUNC_SEEK_END ? file->size
                                                     : file->size + 1;
  if (base > file->size || offset > file->size - base) return -1;
  file->position = base + offset;
  return 0;
}

int ZCALLBACK memory_close(voidpf, voidpf) {
  return 0;
}

int ZCALLBACK memory_error(voidpf, voidpf) {
  return 0;
}

class Package {
 public:
  Package(std::string_view bytes, std::string source) : source_(std::move(source)) {
    file_.data = bytes.data();
    file_.size = bytes.size();
    zlib_filefunc64_def functions{memory_open, memory_read,  memory_write, memory_tell,
                                  memory_seek, memory_close, memory_error, &file_};
    zip_ = unzOpen2_64("workbook", &functions);
    if (zip_ == nullptr)
      fail("not a readable .xlsx workbook (its zip archive is damaged or cut short)", source_);
  }
  ~Package() { unzClose(zip_); }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  /// The part's bytes, nullopt when the package has no such part (names in any case).
  std::optional<std::string> read(const std::string& name) {
    if (unzLocateFile(zip_, name.c_str(), 2) != UNZ_OK) return std::nullopt;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
      damaged(name);
    if (info.flag & 1)
      fail("the workbook is encrypted (\"" + name + "\"): save it without a password", source_);
    if (info.uncompressed_size > limits::max_input_bytes) too_large(name);
    if (unzOpenCurrentFile(zip_) != UNZ_OK) damaged(name);
    std::string content;
    content.reserve(static_cast<std::size_t>(info.uncompressed_size));
    char buffer[1 << 16];
    int count = 0;
    while ((count = unzReadCurrentFile(zip_, buffer, sizeof buffer)) > 0) {
      if (content.size() + static_cast<std::size_t>(count) > limits::max_input_bytes) {
        unzCloseCurrentFile(zip_);
        too_large(name);
      }
      content.append(buffer, static_cast<std::size_t>(count));
    }
    if (count < 0) {
      unzCloseCurrentFile(zip_);
      damaged(name);
    }
    if (unzCloseCurrentFile(zip_) != UNZ_OK) damaged(name);  // a CRC error, among others
    return content;
  }

 private:
  [[noreturn]] void damaged(const std::string& name) {
    fail("not a readable .xlsx workbook (its part \"" + name + "\" is damaged)", source_);
  }
  [[noreturn]] void too_large(const std::string& name) {
    fail("the workbook's part \"" + name + "\" is larger than " +
             std::to_string(limits::max_input_bytes) +
             " bytes unpacked (materia's limit; see docs/architecture.md, \"Limits\")",
         source_);
  }

  std::string source_;
  MemoryFile file_;
  unzFile zip_ = nullptr;
};

// ---- XML, by local names (writers differ in namespace prefixes: "x:c" and "c")

std::string_view local_name(const char* name) {
  std::string_view text(name);
  auto colon = text.find(':');
  return colon == std::string_view::npos ? text : text.substr(colon + 1);
}

pugi::xml_node child(pugi::xml_node parent, std::string_view name) {
  for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling())
    if (node.type() == pugi::node_element && local_name(node.name()) == name) return node;
  return {};
}

pugi::xml_attribute attribute(pugi::xml_node node, std::string_view name) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute())
    if (local_name(a.name()) == name) return a;
  return {};
}

template <class Visit>
void each_child(pugi::xml_node parent, std::string_view name, Visit&& visit) {
  for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling())
    if (node.type() == pugi::node_element && local_name(node.name()) == name) visit(node);
}

void parse_xml(pugi::xml_document& document, const std::string& content, const std::string& part,
               const std::string& source) {
  const pugi::xml_parse_result parsed =
      document.load_buffer(content.data(), content.size(),
                           pugi::parse_default | pugi::parse_ws_pcdata_single, pugi::encoding_utf8);
  if (!parsed)
    fail("not a readable .xlsx workbook (its part \"" + part +
             "\" is not well-formed XML: " + parsed.description() + ")",
         source);
}

// OOXML's escapes of characters XML cannot hold: "_x000D_" is a carriage return.
std::string unescape(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_' &&
        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i) + 2,
                    text.begin() + static_cast<std::ptrdiff_t>(i) + 6,
                    [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
      const unsigned code =
          static_cast<unsigned>(std::stoul(std::string(text.substr(i + 2, 4)), nullptr, 16));
      if (code < 0x80) {
        out += static_cast<char>(code);
      } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
      } else {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
      }
      i += 6;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The text of a shared or inline string: its <t>, or its runs' <t>s (phonetic runs left out).
std::string string_item(pugi::xml_node item) {
  std::string text;
  for (pugi::xml_node node = item.first_child(); node; node = node.next_sibling()) {
    const std::string_view name = local_name(node.name());
    if (name == "t")
      text += node.text().get();
    else if (name == "r")
      text += child(node, "t").text().get();
  }
  return unescape(text);
}

// A part's path from a relationship's target: relative to the folder of the part that has the
// relationship, or from the package's root when it starts with "/".
std::string resolve_target(const std::string& folder, std::string_view target) {
  std::vector<std::string> parts;
  std::string path =
      target.starts_with('/') ? std::string(target.substr(1)) : folder + std::string(target);
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!segment.empty() && segment != ".") {
      parts.push_back(std::move(segment));
    }
    start = end + 1;
  }
  std::string resolved;
  for (const auto& part : parts)
    resolved += (resolved.empty() ? "" : "/") + part;
  return resolved;
}

// ---- cells

enum class CellKind { text, number, percent, date, boolean, error, no_value };

struct Cell {
  std::uint32_t column = 0;  // from 0
  CellKind kind = CellKind::text;
  std::string text;  // as the CSV reader takes it ("85%" for a percent cell)
  std::string format;
  bool merged = false;  // a merged range's value, copied from its top-left cell
};

struct Row {
  std::uint32_t number = 0;  // from 1
  std::vector<Cell> cells;   // by column
};

std::string column_letters(std::uint32_t column) {
  std::string letters;
  for (std::uint32_t n = column + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return letters;
}

std::string cell_name(std::uint32_t column, std::uint32_t row) {
  return column_letters(column) + std::to_string(row);
}

// "C5" -> column 2, row 5; false for anything else (or past Excel's limits).
bool parse_reference(std::string_view reference, std::uint32_t& column, std::uint32_t& row) {
  std::size_t i = 0;
  std::uint64_t c = 0, r = 0;
  if (i < reference.size() && reference[i] == '$') ++i;
  const std::size_t letters_start = i;
  while (i < reference.size() && std::isalpha(static_cast<unsigned char>(reference[i])) &&
         i - letters_start < 4) {
    c = c * 26 + static_cast<std::uint64_t>(std::toupper(static_cast<unsigned char>(reference[i])) -
                                            'A' + 1);
    ++i;
  }
  if (i == letters_start) return false;
  if (i < reference.size() && reference[i] == '$') ++i;
  const std::size_t digits_start = i;
  while (i < reference.size() && std::isdigit(static_cast<unsigned char>(reference[i])) &&
         i - digits_start < 8) {
    r = r * 10 + static_cast<std::uint64_t>(reference[i] - '0');
    ++i;
  }
  if (i == digits_start || i != reference.size() || c < 1 || c > kMaxColumns || r < 1 ||
      r > kMaxRows)
    return false;
  column = static_cast<std::uint32_t>(c - 1);
  row = static_cast<std::uint32_t>(r);
  return true;
}

// A number as the sheet stores it: [-]digits[.digits][E[+-]digits].
bool is_stored_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
    ++i, ++digits;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
      ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < text.size() && (text[i] == 'E' || text[i] == 'e')) {
    ++i;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    const std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
      ++i;
    if (i == start) return false;
  }
  return i == text.size();
}

// A stored number as the percent it shows, exactly: "0.85" -> "85%", "0.8549999999999999" ->
// "85.49999999999999%", "8.5E-3" -> "8.5E-1%" (the CSV reader divides by 100 again).
std::string percent_text(std::string_view stored) {
  std::string sign;
  if (!stored.empty() && (stored.front() == '-' || stored.front() == '+')) {
    if (stored.front() == '-') sign = "-";
    stored.remove_prefix(1);
  }
  const auto e = stored.find_first_of("eE");
  if (e != std::string_view::npos) {
    const long long exponent = std::stoll(std::string(stored.substr(e + 1)));
    return sign + std::string(stored.substr(0, e)) + "E" + std::to_string(exponent + 2) + "%";
  }
  const auto point = stored.find('.');
  std::string whole(stored.substr(0, point));
  std::string fraction(point == std::string_view::npos ? "" : stored.substr(point + 1));
  while (fraction.size() < 2)
    fraction += '0';
  whole += fraction.substr(0, 2);
  fraction.erase(0, 2);
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  while (!fraction.empty() && fraction.back() == '0')
    fraction.pop_back();
  return sign + whole + (fraction.empty() ? "" : "." + fraction) + "%";
}

// What a number format shows: a percent, a date or time, or a plain number.
enum class FormatKind { number, percent, date };

FormatKind classify_format_code(std::string_view code) {
  if (code == "General" || code == "@") return FormatKind::number;
  bool percent = false, date = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {  // a literal text
      auto end = code.find('"', i + 1);
      i = end == std::string_view::npos ? code.size() : end;
    } else if (c == '\\' || c == '_' || c == '*') {  // an escaped character, padding, fill
      ++i;
    } else if (c == '[') {  // [Red], [$-804], a condition; but [h], [mm], [ss] are times
      auto end = code.find(']', i + 1);
      std::string_view inside =
          code.substr(i + 1, (end == std::string_view::npos ? code.size() : end) - i - 1);
      if (!inside.empty() && std::all_of(inside.begin(), inside.end(), [](char x) {
            return x == 'h' || x == 'H' || x == 'm' || x == 'M' || x == 's' || x == 'S';
          }))
        date = true;
      i = end == std::string_view::npos ? code.size() : end;
    } else if (c == '%') {
      percent = true;
    } else if ((c == 'E' || c == 'e') && i + 1 < code.size() &&
               (code[i + 1] == '+' || code[i + 1] == '-')) {
      ++i;  // scientific notation: 0.00E+00
    } else if (code.size() - i >= 7 &&
               std::equal(code.begin() + static_cast<std::ptrdiff_t>(i),
                          code.begin() + static_cast<std::ptrdiff_t>(i) + 7, "general",
                          [](char a, char b) {
                            return std::tolower(static_cast<unsigned char>(a)) == b;
                          })) {
      i += 6;  // a section in the General format
    } else {
      const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == 'd' || lower == 'm' || lower == 'y' || lower == 'h' || lower == 's') date = true;
    }
  }
  return date ? FormatKind::date : percent ? FormatKind::percent : FormatKind::number;
}

FormatKind classify_builtin_format(unsigned id) {
  if (id == 9 || id == 10) return FormatKind::percent;
  if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
      (id >= 50 && id <= 58))
    return FormatKind::date;
  return FormatKind::number;
}

struct Styles {
  std::vector<FormatKind> kinds;     // per cell style (cellXfs), as the cells' "s" index them
  std::vector<std::string> formats;  // the format code, for messages
};

Styles read_styles(const pugi::xml_document& document) {
  Styles styles;
  const pugi::xml_node root = child(document, "styleSheet");
  std::map<unsigned, std::string> codes;
  each_child(child(root, "numFmts"), "numFmt", [&](pugi::xml_node format) {
    codes[attribute(format, "numFmtId").as_uint()] = attribute(format, "formatCode").value();
  });
  each_child(child(root, "cellXfs"), "xf", [&](pugi::xml_node xf) {
    const unsigned id = attribute(xf, "numFmtId").as_uint();
    auto code = codes.find(id);
    if (code != codes.end()) {
      styles.kinds.push_back(classify_format_code(code->second));
      styles.formats.push_back(code->second);
    } else {
      styles.kinds.push_back(classify_builtin_format(id));
      styles.formats.push_back("built-in format " + std::to_string(id));
    }
  });
  return styles;
}

// ---- the workbook

struct SheetEntry {
  std::string name;
  std::string part;  // "" when the relationship is missing
  bool chart = false;
};

struct Workbook {
  std::vector<SheetEntry> sheets;
  std::string shared_strings_part, styles_part;
};

std::map<std::string, std::pair<std::string, std::string>> read_relationships(
    Package& package, const std::string& part_folder, const std::string& rels_part,
    const std::string& source) {
  std::map<std::string, std::pair<std::string, std::string>> targets;  // id -> (type, part)
  auto content = package.read(rels_part);
  if (!content) return targets;
  pugi::xml_document document;
  parse_xml(document, *content, rels_part, source);
  each_child(child(document, "Relationships"), "Relationship", [&](pugi::xml_node relation) {
    std::string type = attribute(relation, "Type").value();
    auto slash = type.rfind('/');
    targets[attribute(relation, "Id").value()] = {
        slash == std::string::npos ? type : type.substr(slash + 1),
        resolve_target(part_folder, attribute(relation, "Target").value())};
  });
  return targets;
}

Workbook read_workbook(Package& package, const std::string& source) {
  // the workbook part: where the package's relationships say, else where Excel puts it
  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, target] : read_relationships(package, "", "_rels/.rels", source))
    if (target.first == "officeDocument") workbook_part = target.second;
  auto content = package.read(workbook_part);
  if (!content)
    fail("not an Excel workbook: the package has no \"" + workbook_part +
             "\" (an OpenDocument .ods or another zip file? save it as .xlsx or CSV)",
         source);
  const auto slash = workbook_part.rfind('/');
  const std::string folder = slash == std::string::npos ? "" : workbook_part.substr(0, slash + 1);
  const std::string rels_part = folder + "_rels/" + workbook_part.substr(folder.size()) + ".rels";
  auto relations = read_relationships(package, folder, rels_part, source);
  Workbook workbook;
  workbook.shared_strings_part = folder + "sharedStrings.xml";
  workbook.styles_part = folder + "styles.xml";
  for (const auto& [id, target] : relations) {
    if (target.first == "sharedStrings") workbook.shared_strings_part = target.second;
    if (target.first == "styles") workbook.styles_part = target.second;
  }
  pugi::xml_document document;
  parse_xml(document, *content, workbook_part, source);
  each_child(child(child(document, "workbook"), "sheets"), "sheet", [&](pugi::xml_node sheet) {
    SheetEntry entry;
    entry.name = attribute(sheet, "name").value();
    auto relation = relations.find(attribute(sheet, "id").value());
    if (relation != relations.end()) {
      entry.part = relation->second.second;
      entry.chart = relation->second.first != "worksheet";
    }
    workbook.sheets.push_back(std::move(entry));
  });
  if (workbook.sheets.empty()) fail("the workbook has no sheets", source);
  return workbook;
}

const SheetEntry& choose_sheet(const Workbook& workbook, const std::string& wanted,
                               const std::string& source) {
  std::string names;
  for (const auto& sheet : workbook.sheets)
    names += (names.empty() ? "\"" : ", \"") + sheet.name + "\"";
  if (wanted.empty()) return workbook.sheets.front();
  for (const auto& sheet : workbook.sheets)
    if (sheet.name == wanted) return sheet;
  if (!wanted.empty() && wanted.size() <= 6 &&
      std::all_of(wanted.begin(), wanted.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    const std::size_t number = std::stoul(wanted);
    if (number >= 1 && number <= workbook.sheets.size()) return workbook.sheets[number - 1];
  }
  fail("the workbook has no sheet \"" + wanted + "\" (its sheets: " + names +
           "; --sheet takes a name or a number from 1)",
       source);
}

std::vector<std::string> read_shared_strings(Package& package, const std::string& part,
                                             const std::string& source) {
  std::vector<std::string> strings;
  auto content = package.read(part);
  if (!content) return strings;
  pugi::xml_document document;
  parse_xml(document, *content, part, source);
  each_child(child(document, "sst"), "si",
             [&](pugi::xml_node item) { strings.push_back(string_item(item)); });
  return strings;
}

struct Merge {
  std::uint32_t first_column, first_row, last_column, last_row;
};

struct Sheet {
  std::vector<Row> rows;  // in row order
  std::vector<Merge> merges;
};

Sheet read_sheet(const std::string& content, const std::string& part,
                 const std::vector<std::string>& strings, const Styles& styles,
                 const std::string& source) {
  pugi::xml_document document;
  parse_xml(document, content, part, source);
  const pugi::xml_node worksheet = child(document, "worksheet");
  Sheet sheet;
  std::uint32_t next_row = 1;
  each_child(child(worksheet, "sheetData"), "row", [&](pugi::xml_node row_node) {
    Row row;
    row.number = next_row;
    if (auto r = attribute(row_node, "r")) {
      const unsigned long long number = r.as_ullong();
      if (number < 1 || number > kMaxRows)
        fail("a row of the sheet has the number " + std::string(r.value()), source);
      row.number = static_cast<std::uint32_t>(number);
    }
    if (!sheet.rows.empty() && row.number <= sheet.rows.back().number)
      fail("the sheet's rows are out of order (row " + std::to_string(row.number) + ")", source);
    next_row = row.number + 1;
    std::uint32_t next_column = 0;
    each_child(row_node, "c", [&](pugi::xml_node cell_node) {
      Cell cell;
      cell.column = next_column;
      if (auto reference = attribute(cell_node, "r")) {
        std::uint32_t column = 0, row_number = 0;
        if (!parse_reference(reference.value(), column, row_number) || row_number != row.number)
          fail("a cell of row " + std::to_string(row.number) + " has the reference \"" +
                   shortened(reference.value(), 32) + "\"",
               source, row.number);
        cell.column = column;
      }
      if (cell.column >= kMaxColumns ||
          (!row.cells.empty() && cell.column <= row.cells.back().column))
        fail("the cells of row " + std::to_string(row.number) + " are out of order", source,
             row.number);
      next_column = cell.column + 1;
      const std::string_view type = attribute(cell_node, "t").value();
      const pugi::xml_node value = child(cell_node, "v");
      const std::string stored = value.text().get();
      FormatKind format = FormatKind::number;
      if (auto style = attribute(cell_node, "s")) {
        const unsigned index = style.as_uint();
        if (index < styles.kinds.size()) {
          format = styles.kinds[index];
          cell.format = styles.formats[index];
        }
      }
      if (type == "inlineStr") {
        cell.text = string_item(child(cell_node, "is"));
      } else if (!value && child(cell_node, "f")) {
        cell.kind = CellKind::no_value;
      } else if (type == "s") {
        const unsigned long long index = value.text().as_ullong(strings.size());
        if (index >= strings.size())
          fail("cell " + cell_name(cell.column, row.number) +
                   " names a shared string that the "
                   "workbook does not have",
               source, row.number);
        cell.text = strings[index];
      } else if (type == "str") {
        cell.text = unescape(stored);
      } else if (type == "b") {
        cell.kind = CellKind::boolean;
        cell.text = stored == "1" ? "TRUE" : "FALSE";
      } else if (type == "e") {
        cell.kind = CellKind::error;
        cell.text = stored;
      } else if (type == "d") {
        cell.kind = CellKind::date;
        cell.text = stored;
      } else if (!value) {
        return;  // a styled empty cell
      } else {
        if (!is_stored_number(stored))
          fail("cell " + cell_name(cell.column, row.number) + " holds \"" + shortened(stored, 32) +
                   "\" as a number",
               source, row.number);
        cell.kind = format == FormatKind::percent ? CellKind::percent
                    : format == FormatKind::date  ? CellKind::date
                                                  : CellKind::number;
        cell.text = cell.kind == CellKind::percent ? percent_text(stored) : stored;
      }
      row.cells.push_back(std::move(cell));
    });
    if (!row.cells.empty()) sheet.rows.push_back(std::move(row));
  });
  each_child(child(worksheet, "mergeCells"), "mergeCell", [&](pugi::xml_node merge) {
    const std::string_view range = attribute(merge, "ref").value();
    const auto colon = range.find(':');
    Merge m{};
    if (colon == std::string_view::npos ||
        !parse_reference(range.substr(0, colon), m.first_column, m.first_row) ||
        !parse_reference(range.substr(colon + 1), m.last_column, m.last_row) ||
        m.last_column < m.first_column || m.last_row < m.first_row)
      fail("the sheet has a merged range \"" + shortened(range, 32) + "\" that is not a range",
           source);
    sheet.merges.push_back(m);
  });
  return sheet;
}

std::string range_name(const Merge& m) {
  return cell_name(m.first_column, m.first_row) + ":" + cell_name(m.last_column, m.last_row);
}

const Cell* find_cell(const Row& row, std::uint32_t column) {
  auto it = std::lower_bound(row.cells.begin(), row.cells.end(), column,
                             [](const Cell& cell, std::uint32_t c) { return cell.column < c; });
  return it != row.cells.end() && it->column == column ? &*it : nullptr;
}

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A merged range's value (its top-left cell's) in each of its cells: a firm's id merged down its
// issues' rows counts on each of them (a row with nothing else stays empty).
void fill_merges(Sheet& sheet, std::uint32_t header_row, const std::string& source) {
  for (const Merge& m : sheet.merges) {
    if (m.first_row <= header_row && m.last_row >= header_row)
      fail("the header has merged cells (" + range_name(m) +
               "): materia needs one header row with one name per column; unmerge them and give "
               "each column its own name",
           source, header_row);
    if (m.last_row < header_row) continue;
    if (static_cast<std::uint64_t>(m.last_row - m.first_row + 1) *
            (m.last_column - m.first_column + 1) >
        limits::max_listings)
      fail("the merged range " + range_name(m) + " is too large", source);
    auto top = std::lower_bound(sheet.rows.begin(), sheet.rows.end(), m.first_row,
                                [](const Row& row, std::uint32_t n) { return row.number < n; });
    if (top == sheet.rows.end() || top->number != m.first_row) continue;
    const Cell* corner = find_cell(*top, m.first_column);
    if (corner == nullptr) continue;
    const Cell value = *corner;
    for (std::uint32_t r = m.first_row; r <= m.last_row; ++r) {
      auto row = std::lower_bound(sheet.rows.begin(), sheet.rows.end(), r,
                                  [](const Row& x, std::uint32_t n) { return x.number < n; });
      if (row == sheet.rows.end() || row->number != r) continue;
      for (std::uint32_t c = m.first_column; c <= m.last_column; ++c) {
        if (r == m.first_row && c == m.first_column) continue;
        auto at =
            std::lower_bound(row->cells.begin(), row->cells.end(), c,
                             [](const Cell& cell, std::uint32_t n) { return cell.column < n; });
        Cell copy = value;
        copy.column = c;
        copy.merged = true;
        if (at != row->cells.end() && at->column == c)
          *at = std::move(copy);
        else
          row->cells.insert(at, std::move(copy));
      }
    }
  }
}

// The delimiter the CSV reader will find in the header line when the fields are joined by it.
char header_delimiter(const std::vector<std::string>& header) {
  for (char delimiter : {',', '\t', ';'}) {
    std::string line;
    for (std::size_t i = 0; i < header.size(); ++i)
      line += (i ? std::string(1, delimiter) : "") + detail::csv_field(header[i], delimiter);
    if (detail::sniff_delimiter(line) == delimiter) return delimiter;
  }
  return ',';
}

}  // namespace

Dataset load_dataset_xlsx(std::string_view bytes, const std::string& source,
                          const LoadOptions& options, const Execution& execution) {
  Package package(bytes, source);
  const Workbook workbook = read_workbook(package, source);
  const SheetEntry& chosen = choose_sheet(workbook, options.sheet, source);
  if (chosen.chart || chosen.part.empty())
    fail("the sheet \"" + chosen.name + "\" is a chart, not a table", source);
  const std::vector<std::string> strings =
      read_shared_strings(package, workbook.shared_strings_part, source);
  Styles styles;
  if (auto content = package.read(workbook.styles_part)) {
    pugi::xml_document document;
    parse_xml(document, *content, workbook.styles_part, source);
    styles = read_styles(document);
  }
  auto content = package.read(chosen.part);
  if (!content)
    fail("not a readable .xlsx workbook (the sheet \"" + chosen.name + "\" has no part \"" +
             chosen.part + "\")",
         source);
  Sheet sheet = read_sheet(*content, chosen.part, strings, styles, source);
  content.reset();

  // the header: the first row with a name in it
  auto header_row = std::find_if(sheet.rows.begin(), sheet.rows.end(), [](const Row& row) {
    return std::any_of(row.cells.begin(), row.cells.end(),
                       [](const Cell& cell) { return !blank(cell.text); });
  });
  if (header_row == sheet.rows.end())
    fail("the sheet \"" + chosen.name +
             "\" is empty (materia reads the first sheet; --sheet "
             "names another)",
         source);
  const std::uint32_t header_number = header_row->number;
  fill_merges(sheet, header_number, source);
  header_row = std::find_if(sheet.rows.begin(), sheet.rows.end(),
                            [&](const Row& row) { return row.number == header_number; });

  // the columns: those with a name; a value under no name is an error
  std::vector<std::uint32_t> columns;
  std::vector<std::string> names;
  for (const Cell& cell : header_row->cells) {
    if (blank(cell.text)) continue;
    if (cell.kind == CellKind::no_value || cell.kind == CellKind::error)
      fail("the header cell " + cell_name(cell.column, header_number) + " has no name", source,
           header_number);
    columns.push_back(cell.column);
    std::string name = cell.text;
    std::replace(name.begin(), name.end(), '\n', ' ');
    std::replace(name.begin(), name.end(), '\r', ' ');
    names.push_back(std::move(name));
  }
  const detail::ColumnNames column_names(options);
  std::vector<bool> ignored(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i)
    ignored[i] = column_names.ignored(names[i]);

  const char delimiter = header_delimiter(names);
  std::string csv;
  std::uint32_t line = 1;
  auto write_row = [&](std::uint32_t number, const std::vector<std::string>& fields) {
    while (line < number) {  // blank lines keep the CSV's line numbers the sheet's rows
      csv += '\n';
      ++line;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) csv += delimiter;
      csv += detail::csv_field(fields[i], delimiter);
      line += static_cast<std::uint32_t>(std::count(fields[i].begin(), fields[i].end(), '\n'));
    }
    csv += '\n';
    ++line;
  };
  write_row(header_number, names);
  std::vector<std::string> fields(columns.size());
  for (auto row = std::next(header_row); row != sheet.rows.end(); ++row) {
    std::size_t next = 0;  // index into columns
    bool any = false;
    std::fill(fields.begin(), fields.end(), std::string());
    for (const Cell& cell : row->cells) {
      while (next < columns.size() && columns[next] < cell.column)
        ++next;
      const std::string name = cell_name(cell.column, row->number);
      if (next == columns.size() || columns[next] != cell.column) {
        if (blank(cell.text) && cell.kind != CellKind::no_value) continue;
        fail("cell " + name + " has a value, but its column " + column_letters(cell.column) +
                 " has no name in the header (row " + std::to_string(header_number) + ")",
             source, row->number);
      }
      if (ignored[next]) continue;
      switch (cell.kind) {
        case CellKind::date:
          fail("cell " + name + " is a date (" + cell.format +
                   "): a dataset has no dates; format the column as numbers or text, or skip it "
                   "with --ignore-column",
               source, row->number);
        case CellKind::error:
          fail("cell " + name + " holds the Excel error " + shortened(cell.text, 32), source,
               row->number);
        case CellKind::no_value:
          fail("cell " + name +
                   " has a formula without a saved value: open and save the "
                   "workbook in Excel, or paste the values",
               source, row->number);
        default:
          break;
      }
      fields[next] = cell.text;
      any = any || (!blank(cell.text) && !cell.merged);
    }
    if (any) write_row(row->number, fields);
  }
  sheet = Sheet{};
  LoadOptions table = options;
  table.sheet.clear();
  table.encoding.clear();  // the package's XML is Unicode
  return load_dataset_csv(csv, source, table, execution);
}

}  // namespace materia
