#include "materia/run/inputs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/json_util.hpp"
#include "materia/error.hpp"
#include "run/score_json.hpp"
#include "runtime/parallel.hpp"

namespace materia {

nlohmann::json parse_json_text(std::string_view text, const std::string& source) {
  return detail::parse_json(text, source);
}

FirmRecords load_firm_records_text(std::string_view text, const std::string& source) {
  auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos) throw_input_error("the input is empty", {source, "", ""});
  if (text[first] == '{') return load_firm_records_json(text, source);
  return load_firm_records_csv(text, source);
}

namespace {

// The numbers of one piece of the text; the lines are views into it (no copy per line).
struct NumberLines {
  std::vector<double> values;
  std::size_t bad_line = 0;  ///< 1-based within the piece; 0 = every line was a number
  std::string bad_text;
};

NumberLines parse_lines(std::string_view text, bool at_file_start) {
  NumberLines parsed;
  parsed.values.reserve(text.size() / 8);  // a guess; the vector grows past it if need be
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

}  // namespace

// Large texts are cut at line starts into one piece per thread; the first bad line of the first
// piece that has one is the one a single pass meets first, and its number is the lines of the
// pieces before plus its number in its piece (each piece but the last ends with '\n').
std::vector<double> read_number_lines(std::string_view text, const std::string& source,
                                      const Execution& execution) {
  const unsigned pieces =
      detail::thread_count(execution.threads, text.size() / (std::size_t{1} << 20));
  std::vector<std::string_view> piece;
  for (std::size_t start = 0, p = 1; start < text.size(); ++p) {
    std::size_t end = p < pieces ? text.find('\n', std::max(start, text.size() * p / pieces))
                                 : std::string_view::npos;
    end = end == std::string_view::npos ? text.size() : end + 1;
    piece.push_back(text.substr(start, end - start));
    start = end;
  }
  std::vector<NumberLines> parsed(piece.size());
  detail::parallel_for(piece.size(), execution.threads,
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

void check_finite_values(const std::vector<double>& values, std::string_view what) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!std::isfinite(values[i]))
      throw_input_error(std::string(what) + " " + std::to_string(i + 1) +
                        " is not a finite number");
}

void check_no_nan(const std::vector<double>& values, bool omit, const std::string& what,
                  std::string_view omit_hint) {
  if (omit) return;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (std::isnan(values[i]))
      throw_input_error(what + " " + std::to_string(i + 1) + " is NaN (" + std::string(omit_hint) +
                        " to leave such values out)");
}

}  // namespace materia
