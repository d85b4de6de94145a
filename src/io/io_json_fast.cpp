// The fast path of the JSON dataset reader: simdjson parses the file (nlohmann's lexer would be
// most of loading a market), and companies written in the plain form
// are read straight from its tape. The plain form: a company has an "id" and "issues" (and
// optionally "name" and "segment"), all strings; each issue is a name, or an object with a
// "name" and any of "rank", "stakeholder", "business" as numbers. Anything else in any company
// (another field, a null, a level, a repeated key, a syntax error) sends the whole file down the
// nlohmann path, which reads every form and words every error; so for every file the fast path
// accepts, it yields exactly what that path would.
//
// The fast path also enforces materia/limits.hpp on what it reads (string lengths, nesting,
// companies, issues per company, listings): a file within every limit is read here without the
// SAX limit pre-pass; a file past any of them goes to the nlohmann path, whose pre-pass words the
// error.
#include "io/io_json_fast.hpp"

#ifdef MATERIA_HAVE_SIMDJSON

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "materia/limits.hpp"
#include "runtime/parallel.hpp"
#include "runtime/stage_mark.hpp"

namespace materia::detail {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Typed views of an element whose type() was checked (get() cannot fail then).
simdjson::dom::object as_object(element value) {
  simdjson::dom::object object;
  [[maybe_unused]] auto error = value.get(object);
  return object;
}
simdjson::dom::array as_array(element value) {
  simdjson::dom::array array;
  [[maybe_unused]] auto error = value.get(array);
  return array;
}
template <typename T>
T as(element value) {
  T out{};
  [[maybe_unused]] auto error = value.get(out);
  return out;
}

// Deeper values than this (below the root) go to the nlohmann path, whose pre-pass enforces
// limits::max_json_depth; the plain form needs 4 levels, a taxonomy 3.
constexpr std::size_t kMaxFastDepth = 16;
static_assert(kMaxFastDepth < limits::max_json_depth);

bool within_string_limit(std::string_view text) {
  return text.size() <= limits::max_string_bytes;
}

// The whole-document value nlohmann would build for `value` (a repeated key keeps its last value,
// as nlohmann's parser does); nullopt past a limit.
std::optional<nlohmann::json> to_nlohmann(element value, std::size_t depth) {
  if (depth > kMaxFastDepth) return std::nullopt;
  switch (value.type()) {
    case element_type::OBJECT: {
      nlohmann::json object = nlohmann::json::object();
      for (auto field : as_object(value)) {
        auto item = to_nlohmann(field.value, depth + 1);
        if (!item || !within_string_limit(field.key)) return std::nullopt;
        object[std::string(field.key)] = std::move(*item);
      }
      return object;
    }
    case element_type::ARRAY: {
      nlohmann::json array = nlohmann::json::array();
      for (auto item : as_array(value)) {
        auto converted = to_nlohmann(item, depth + 1);
        if (!converted) return std::nullopt;
        array.push_back(std::move(*converted));
      }
      return array;
    }
    case element_type::STRING: {
      auto text = as<std::string_view>(value);
      if (!within_string_limit(text)) return std::nullopt;
      return nlohmann::json(std::string(text));
    }
    case element_type::INT64:
      return nlohmann::json(as<std::int64_t>(value));
    case element_type::UINT64:
      return nlohmann::json(as<std::uint64_t>(value));
    case element_type::DOUBLE:
      return nlohmann::json(as<double>(value));
    case element_type::BOOL:
      return nlohmann::json(as<bool>(value));
    case element_type::NULL_VALUE:
      return nlohmann::json(nullptr);
  }
  return std::nullopt;
}

// A number as nlohmann's get<double>() gives it; nullopt if not a number.
std::optional<double> number(element value) {
  switch (value.type()) {
    case element_type::INT64:
      return static_cast<double>(as<std::int64_t>(value));
    case element_type::UINT64:
      return static_cast<double>(as<std::uint64_t>(value));
    case element_type::DOUBLE:
      return as<double>(value);
    default:
      return std::nullopt;
  }
}

// Copies a string of at most limits::max_string_bytes into `out`; false for any other value.
bool read_string(element value, std::string& out) {
  if (value.type() != element_type::STRING) return false;
  auto text = as<std::string_view>(value);
  if (!within_string_limit(text)) return false;
  out = std::string(text);
  return true;
}

// Calls read(slot, value) on each field of `object`, `slot` being the index of the field's name
// in `keys`, and marks seen[slot]; false for another name, a name seen twice, or a value `read`
// refuses.
template <std::size_t N, typename Read>
bool read_fields(element object, const std::array<std::string_view, N>& keys,
                 std::array<bool, N>& seen, Read&& read) {
  for (auto field : as_object(object)) {
    auto it = std::find(keys.begin(), keys.end(), field.key);
    if (it == keys.end()) return false;
    const auto slot = static_cast<std::size_t>(it - keys.begin());
    if (seen[slot]) return false;
    seen[slot] = true;
    if (!read(slot, field.value)) return false;
  }
  return true;
}

// An issue name of at most limits::max_string_bytes, interned in `names`; false for any other
// value.
bool read_name(element value, NamePool& names, IssueName& out) {
  if (value.type() != element_type::STRING) return false;
  auto text = as<std::string_view>(value);
  if (!within_string_limit(text)) return false;
  out = names.intern(text);
  return true;
}

bool read_issue(element item, Entry& entry, NamePool& names) {
  if (item.type() == element_type::STRING) return read_name(item, names, entry.name);
  if (item.type() != element_type::OBJECT) return false;
  static constexpr std::array<std::string_view, 4> kKeys{"name", "rank", "stakeholder", "business"};
  std::array<bool, 4> seen{};
  const bool read = read_fields(item, kKeys, seen, [&](std::size_t slot, element value) {
    if (slot == 0) return read_name(value, names, entry.name);
    auto number_value = number(value);
    if (!number_value || !std::isfinite(*number_value)) return false;
    (slot == 1 ? entry.rank : slot == 2 ? entry.stakeholder : entry.business) = *number_value;
    return true;
  });
  return read && seen[0];
}

bool read_company(element item, FirmAssessment& firm, std::size_t& listings, NamePool& names) {
  if (item.type() != element_type::OBJECT) return false;
  static constexpr std::array<std::string_view, 4> kKeys{"id", "name", "segment", "issues"};
  std::array<bool, 4> seen{};
  const bool read = read_fields(item, kKeys, seen, [&](std::size_t slot, element value) {
    if (slot < 3)
      return read_string(value, slot == 0 ? firm.id : slot == 1 ? firm.name : firm.segment);
    if (value.type() != element_type::ARRAY) return false;
    auto issues = as_array(value);
    firm.entries.reserve(std::min<std::size_t>(issues.size(), limits::max_issues_per_firm));
    for (auto issue : issues) {
      if (firm.entries.size() == limits::max_issues_per_firm || ++listings > limits::max_listings)
        return false;
      if (!read_issue(issue, firm.entries.emplace_back(), names)) return false;
    }
    return true;
  });
  return read && seen[0] && seen[3];
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t skip_space(std::string_view text, std::size_t at) {
  while (at < text.size() && is_space(text[at]))
    ++at;
  return at;
}

// The end of the string whose opening quote is at `at` (one past its closing quote); npos if it
// never closes.
std::size_t string_end(std::string_view text, std::size_t at) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\')
      ++i;
    else if (text[i] == '"')
      return i + 1;
  }
  return std::string_view::npos;
}

// The end of the JSON value that starts at `at`, found by its quotes and brackets alone (simdjson
// then checks the value itself); npos when it does not end, or nests deeper than kMaxFastDepth.
std::size_t value_end(std::string_view text, std::size_t at) {
  if (at >= text.size()) return std::string_view::npos;
  if (text[at] == '"') return string_end(text, at);
  if (text[at] != '{' && text[at] != '[') {  // a number, true, false or null
    while (at < text.size() && !is_space(text[at]) && text[at] != ',' && text[at] != '}' &&
           text[at] != ']')
      ++at;
    return at;
  }
  std::size_t depth = 0;
  for (std::size_t i = at; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      i = string_end(text, i);
      if (i == std::string_view::npos) return i;
      --i;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxFastDepth) return std::string_view::npos;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

// A simdjson parser with a padded copy of what it parses: each value is copied out of the file
// (a few kilobytes), so the parser's buffers are the size of the largest company, not the file's.
class ValueParser {
 public:
  bool parse(std::string_view text, element& value) {
    if (buffer_.size() < text.size() + simdjson::SIMDJSON_PADDING)
      buffer_.resize(text.size() + simdjson::SIMDJSON_PADDING);
    std::copy(text.begin(), text.end(), buffer_.begin());
    std::fill_n(buffer_.begin() + static_cast<std::ptrdiff_t>(text.size()),
                simdjson::SIMDJSON_PADDING, '\0');
    return parser_.parse(buffer_.data(), text.size(), false).get(value) == simdjson::SUCCESS;
  }

 private:
  simdjson::dom::parser parser_;
  std::vector<char> buffer_;
};

// Companies are read a window at a time, so that what the file's pages and the parsers hold is
// bounded whatever the file's size.
constexpr std::size_t kWindowBytes = std::size_t{4} << 20;

}  // namespace

std::optional<FastDataset> read_dataset_fast(std::string_view text, unsigned threads,
                                             const std::function<void(std::size_t)>& done_with) {
  constexpr auto npos = std::string_view::npos;
  const unsigned workers = thread_count(threads, std::size_t{1} << 20);
  std::vector<ValueParser> parsers(workers);
  std::vector<NamePool> name_pools(workers);  // one per block: no locking
  FastDataset out;
  out.root = nlohmann::json::object();
  static constexpr std::array<std::string_view, 4> kKeys{"taxonomy", "scale", "meta", "companies"};
  std::array<bool, 4> seen{};

  // Reads the companies whose text is at `spans` into the end of out.firms, on every core (each
  // firm is its own); false when one is not plain, or past a limit.
  std::size_t listings = 0;
  auto read_window = [&](const std::vector<std::string_view>& spans) {
    const std::size_t first = out.firms.size();
    out.firms.resize(first + spans.size());
    std::vector<std::size_t> counts(spans.size(), 0);
    std::vector<char> plain(spans.size(), 0);
    const unsigned blocks = thread_count(workers, spans.size() / 64 + 1);
    parallel_for(blocks, blocks, [&](std::size_t b) {
      const std::size_t begin = spans.size() * b / blocks, end = spans.size() * (b + 1) / blocks;
      for (std::size_t i = begin; i < end; ++i) {
        element company;
        plain[i] = parsers[b].parse(spans[i], company) &&
                   read_company(company, out.firms[first + i], counts[i], name_pools[b]);
        if (!plain[i]) return;
      }
    });
    for (std::size_t i = 0; i < spans.size(); ++i) {
      if (!plain[i]) return false;
      listings += counts[i];
    }
    return listings <= limits::max_listings;
  };

  std::size_t at = skip_space(text, 0);
  if (at == text.size() || text[at] != '{') return {};
  at = skip_space(text, at + 1);
  if (at < text.size() && text[at] == '}') return {};  // no "companies": the other path says so
  while (true) {
    if (at == text.size() || text[at] != '"') return {};
    const std::size_t key_end = string_end(text, at);
    if (key_end == npos) return {};
    const std::string_view key = text.substr(at + 1, key_end - at - 2);
    auto known = std::find(kKeys.begin(), kKeys.end(), key);
    if (known == kKeys.end()) return {};  // an unknown key (or an escaped one)
    const auto slot = static_cast<std::size_t>(known - kKeys.begin());
    if (seen[slot]) return {};
    seen[slot] = true;
    at = skip_space(text, key_end);
    if (at == text.size() || text[at] != ':') return {};
    at = skip_space(text, at + 1);
    if (slot < 3) {
      const std::size_t end = value_end(text, at);
      element value;
      if (end == npos || !parsers[0].parse(text.substr(at, end - at), value)) return {};
      auto converted = to_nlohmann(value, 1);
      if (!converted) return {};
      out.root[std::string(key)] = std::move(*converted);
      at = end;
    } else {
      if (at == text.size() || text[at] != '[') return {};
      out.root["companies"] = nlohmann::json::array();
      std::vector<std::string_view> window;
      std::size_t window_start = at, window_bytes = 0;
      at = skip_space(text, at + 1);
      bool more = at < text.size() && text[at] != ']';
      while (more) {
        if (text[at] != '{') return {};  // a company that is not an object: the other path words it
        const std::size_t end = value_end(text, at);
        if (end == npos) return {};
        if (out.firms.size() + window.size() == limits::max_firms) return {};
        window.push_back(text.substr(at, end - at));
        window_bytes += end - at;
        at = skip_space(text, end);
        if (at == text.size()) return {};
        if (text[at] == ',') {
          at = skip_space(text, at + 1);
          if (at == text.size()) return {};
        } else if (text[at] == ']') {
          more = false;
        } else {
          return {};
        }
        if (window_bytes >= kWindowBytes || !more) {
          if (!read_window(window)) return {};
          window.clear();
          window_bytes = 0;
          window_start = at;
          if (done_with) done_with(window_start);
        }
      }
      if (at == text.size() || text[at] != ']') return {};  // unclosed: the other path words it
      ++at;
    }
    at = skip_space(text, at);
    if (at == text.size()) return {};
    if (text[at] == '}') break;
    if (text[at] != ',') return {};
    at = skip_space(text, at + 1);
  }
  if (skip_space(text, at + 1) != text.size() || !seen[3]) return {};
  stage_mark("simdjson");
  return out;
}

bool read_company_fast(std::string_view text, FirmAssessment& firm, std::size_t& listings,
                       NamePool& names) {
  thread_local ValueParser parser;
  element company;
  return parser.parse(text, company) && read_company(company, firm, listings, names);
}

}  // namespace materia::detail

#else

namespace materia::detail {

std::optional<FastDataset> read_dataset_fast(std::string_view, unsigned,
                                             const std::function<void(std::size_t)>&) {
  return std::nullopt;  // built without simdjson: the nlohmann path reads everything
}

bool read_company_fast(std::string_view, FirmAssessment&, std::size_t&, NamePool&) {
  return false;
}

}  // namespace materia::detail

#endif
