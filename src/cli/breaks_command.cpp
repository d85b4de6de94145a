// materia breaks --method M --classes K [FILE|-]: one number per line in; breaks, classes, GVF out.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "runtime/parallel.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/tier/tier.hpp"

namespace materia::cli {

namespace {

// One number per line; blank lines are skipped; anything else names the file and line. The lines
// are views into the text (no copy per line).
struct NumberLines {
  std::vector<double> values;
  std::size_t bad_line = 0;  ///< 1-based within the piece; 0 = every line was a number
  std::string bad_text;
};

NumberLines parse_lines(std::string_view text, bool at_file_start) {
  NumberLines parsed;
  parsed.values.reserve(text.size() / 8);  // a guess (synth's values take 18 bytes a line)
  std::size_t line_number = 0, start = 0;
  const char* const text_end = text.data() + text.size();
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (start < text.size()) {
    // The usual line, without first looking for its end: blanks, a number, blanks, then '\n' or
    // the end. from_chars stops where the number does, and only blanks follow it, so the number
    // is the trimmed line the general path below parses. Anything else (and a file's first
    // line, which may start with a byte-order mark) goes the general way.
    if (!(at_file_start && line_number == 0)) {
      const char* p = text.data() + start;
      while (p < text_end && blank(*p))
        ++p;
      if (p < text_end && *p != '\n') {
        double value = 0;
        auto [q, ec] = std::from_chars(*p == '+' ? p + 1 : p, text_end, value);
        if (ec == std::errc() && std::isfinite(value)) {
          while (q < text_end && blank(*q))
            ++q;
          if (q == text_end || *q == '\n') {
            parsed.values.push_back(value);
            ++line_number;
            start = q == text_end ? text.size() : static_cast<std::size_t>(q - text.data()) + 1;
            continue;
          }
        }
      }
    }
    auto end = text.find('\n', start);
    std::string_view line =
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    start = end == std::string_view::npos ? text.size() : end + 1;
    ++line_number;
    if (at_file_start && line_number == 1 && line.starts_with("\xEF\xBB\xBF"))
      line.remove_prefix(3);
    auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    auto last = line.find_last_not_of(" \t\r");
    const std::string_view trimmed = line.substr(first, last - first + 1);
    std::string_view item = trimmed;
    if (item.front() == '+') item.remove_prefix(1);
    double value = 0;
    auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
    if (ec != std::errc() || ptr != item.data() + item.size() || !std::isfinite(value)) {
      parsed.bad_line = line_number;
      parsed.bad_text = std::string(trimmed);
      break;
    }
    parsed.values.push_back(value);
  }
  return parsed;
}

// Large inputs are cut at line starts into one piece per thread; the first bad line of the
// first piece that has one is the one a single pass meets first, and its number is the lines of
// the pieces before plus its number in its piece (each piece but the last ends with '\n').
std::vector<double> read_numbers(std::string_view text, const std::string& source,
                                 unsigned threads) {
  const unsigned pieces = detail::thread_count(threads, text.size() / (std::size_t{1} << 20));
  std::vector<std::string_view> piece;
  for (std::size_t start = 0, p = 1; start < text.size(); ++p) {
    std::size_t end = p < pieces ? text.find('\n', std::max(start, text.size() * p / pieces))
                                 : std::string_view::npos;
    end = end == std::string_view::npos ? text.size() : end + 1;
    piece.push_back(text.substr(start, end - start));
    start = end;
  }
  std::vector<NumberLines> parsed(piece.size());
  detail::parallel_for(piece.size(), threads,
                       [&](std::size_t p) { parsed[p] = parse_lines(piece[p], p == 0); });
  for (std::size_t p = 0; p < piece.size(); ++p)
    if (parsed[p].bad_line > 0) {
      std::size_t lines_before = 0;
      for (std::size_t q = 0; q < p; ++q)
        lines_before +=
            static_cast<std::size_t>(std::count(piece[q].begin(), piece[q].end(), '\n'));
      throw_input_error("\"" + parsed[p].bad_text + "\" is not a finite number",
                        {source + ":" + std::to_string(lines_before + parsed[p].bad_line), "", ""});
    }
  std::size_t count = 0;
  for (const auto& p : parsed)
    count += p.values.size();
  if (count == 0) throw_input_error("no numbers to classify", {source, "", ""});
  // the first piece's vector has room for the rest (its reserve counts 8 bytes a line)
  std::vector<double> values = std::move(parsed[0].values);
  values.reserve(count);
  for (std::size_t p = 1; p < parsed.size(); ++p)
    values.insert(values.end(), parsed[p].values.begin(), parsed[p].values.end());
  return values;
}

// The JSON document nlohmann's ordered_json would dump for {breaks, classes, gvf, method,
// class_count}, byte for byte, without building a tree of one node per value: the doubles and
// the method name still go through nlohmann (its number format), the class numbers are written
// with std::to_chars.
std::string breaks_json(const Breaks& breaks, BreakMethod method) {
  std::string out;
  out.reserve(64 + 2 * breaks.classes.size() + 24 * breaks.breaks.size());
  out += "{\"breaks\":";
  out += nlohmann::json(breaks.breaks).dump();
  out += ",\"classes\":[";
  char buffer[16];
  for (std::size_t i = 0; i < breaks.classes.size(); ++i) {
    if (i > 0) out += ',';
    const int c = breaks.classes[i];
    if (c >= 1 && c <= 9) {  // the usual case: one digit
      out += static_cast<char>('0' + c);
      continue;
    }
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, c);
    out.append(buffer, end);
  }
  out += "],\"gvf\":";
  out += nlohmann::json(breaks.gvf).dump();
  out += ",\"method\":";
  out += nlohmann::json(std::string(break_method_name(method))).dump();
  out += ",\"class_count\":";
  out += std::to_string(breaks.class_count);
  out += "}\n";
  return out;
}

std::string shortest(double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

}  // namespace

void add_breaks_command(CLI::App& app) {
  struct Options {
    std::string file = "-", method = "fisher", output;
    int classes = 3;
    double threshold = 0.4;
    unsigned threads = 0;
    Format format = Format::json;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      app.add_subcommand("breaks", "Class breaks of a list of numbers (classInt conventions)");
  command->add_option("file", options->file, "One number per line; - for standard input (default)");
  command->add_option("--method", options->method,
                      "fisher (default), jenks, quantile, equal, headtail");
  command->add_option("--classes,-k", options->classes,
                      "Number of classes K (default 3; not for headtail)");
  command->add_option("--threshold", options->threshold,
                      "headtail: the largest head share that keeps splitting (default 0.4)");
  command->add_option("--threads", options->threads,
                      "Threads for fisher and jenks on large inputs (default: all cores; the "
                      "output does not depend on it)");
  command->add_option("-o,--output", options->output, "Write to this file instead of stdout");
  command->add_option("--format", options->format, "Output format: json (default), csv or table")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, Format>{
              {"table", Format::table}, {"json", Format::json}, {"csv", Format::csv}},
          CLI::ignore_case));
  command->callback([options] {
    BreakMethod method = parse_break_method(options->method);
    if (options->classes < 1) throw_usage_error("--classes must be at least 1");
    if (!(options->threshold > 0 && options->threshold < 1))
      throw_usage_error("--threshold must be in (0, 1)");
    std::string source = options->file == "-" ? "<stdin>" : options->file;
    std::vector<double> values = read_numbers(read_file(options->file), source, options->threads);
    Breaks breaks = natural_breaks(values, options->classes, method, options->threshold,
                                   Execution{options->threads});
    std::string out;
    switch (options->format) {
      case Format::json:
        out = breaks_json(breaks, method);
        break;
      case Format::csv:
        out = "value,class\n";
        for (std::size_t i = 0; i < values.size(); ++i)
          out += shortest(values[i]) + "," + std::to_string(breaks.classes[i]) + "\n";
        break;
      case Format::table: {
        std::ostringstream table;
        table << break_method_name(method) << ": " << breaks.class_count << " classes, GVF "
              << breaks.gvf << "\nclass  from  to  count\n";
        for (int c = 1; c <= breaks.class_count; ++c) {
          auto count = std::count(breaks.classes.begin(), breaks.classes.end(), c);
          table << c << "  " << shortest(breaks.breaks[static_cast<std::size_t>(c - 1)]) << "  "
                << shortest(breaks.breaks[static_cast<std::size_t>(c)]) << "  " << count << "\n";
        }
        out = table.str();
        break;
      }
    }
    emit(out, options->output);
  });
}

}  // namespace materia::cli
