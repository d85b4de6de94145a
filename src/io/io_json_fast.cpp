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

bool read_issue(element item, Entry& entry) {
  if (item.type() == element_type::STRING) return read_string(item, entry.name);
  if (item.type() != element_type::OBJECT) return false;
  static constexpr std::array<std::string_view, 4> kKeys{"name", "rank", "stakeholder", "business"};
  std::array<bool, 4> seen{};
  const bool read = read_fields(item, kKeys, seen, [&](std::size_t slot, element value) {
    if (slot == 0) return read_string(value, entry.name);
    auto number_value = number(value);
    if (!number_value || !std::isfinite(*number_value)) return false;
    (slot == 1 ? entry.rank : slot == 2 ? entry.stakeholder : entry.business) = *number_value;
    return true;
  });
  return read && seen[0];
}

bool read_company(element item, FirmAssessment& firm, std::size_t& listings) {
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
      if (!read_issue(issue, firm.entries.emplace_back())) return false;
    }
    return true;
  });
  return read && seen[0] && seen[3];
}

}  // namespace

std::optional<FastDataset> read_dataset_fast(std::string_view text, unsigned threads,
                                             std::size_t readable_past_end) {
  static_assert(kReadPadding >= simdjson::SIMDJSON_PADDING);
  simdjson::dom::parser parser;
  element root;
  const bool copy = readable_past_end < simdjson::SIMDJSON_PADDING;  // else parsed in place
  if (parser.parse(text.data(), text.size(), copy).get(root) != simdjson::SUCCESS) return {};
  if (root.type() != element_type::OBJECT) return {};
  stage_mark("simdjson");
  FastDataset out;
  out.root = nlohmann::json::object();
  static constexpr std::array<std::string_view, 4> kKeys{"taxonomy", "scale", "meta", "companies"};
  std::array<bool, 4> seen{};
  const bool read = read_fields(root, kKeys, seen, [&](std::size_t slot, element value) {
    if (slot < 3) {
      auto converted = to_nlohmann(value, 1);
      if (!converted) return false;
      out.root[std::string(kKeys[slot])] = std::move(*converted);
      return true;
    }
    if (value.type() != element_type::ARRAY) return false;
    out.root["companies"] = nlohmann::json::array();
    // Companies are read on every core (the tape is only read; each firm is its own): a firm
    // that is not plain, or limits passed in all, send the whole file down the other path, so
    // the order in which firms are read does not matter.
    std::vector<element> companies;
    for (auto company : as_array(value)) {
      if (companies.size() == limits::max_firms) return false;
      companies.push_back(company);
    }
    out.firms.resize(companies.size());
    std::vector<std::size_t> listings(companies.size(), 0);
    std::vector<char> plain(companies.size(), 0);
    parallel_for(
        companies.size(), threads,
        [&](std::size_t f) { plain[f] = read_company(companies[f], out.firms[f], listings[f]); },
        256);
    std::size_t total = 0;
    for (std::size_t f = 0; f < companies.size(); ++f) {
      if (!plain[f]) return false;
      total += listings[f];
    }
    return total <= limits::max_listings;
  });
  if (!read || !seen[3]) return {};
  return out;
}

}  // namespace materia::detail

#else

namespace materia::detail {

std::optional<FastDataset> read_dataset_fast(std::string_view, unsigned, std::size_t) {
  return std::nullopt;  // built without simdjson: the nlohmann path reads everything
}

}  // namespace materia::detail

#endif
