// Reading the JSON dataset of docs/format.md.
#include <cmath>
#include <exception>
#include <fstream>
#include <optional>

#include "base/json_util.hpp"
#include "io/io_json_fast.hpp"
#include "io/provenance.hpp"
#include "io/streamed.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/limits.hpp"
#include "model/taxonomy_json.hpp"
#include "runtime/embedded.hpp"
#include "runtime/stage_mark.hpp"

namespace materia {
namespace detail {

Taxonomy resolve_taxonomy_name(const std::string& name, const std::string& source);

}  // namespace detail

namespace {

using nlohmann::json;

std::optional<Scale> read_scale(const json& object, const ErrorContext& where) {
  auto it = object.find("scale");
  if (it == object.end() || it->is_null()) return std::nullopt;
  Scale scale;
  if (it->is_array() && it->size() == 2 && (*it)[0].is_number() && (*it)[1].is_number()) {
    scale = {(*it)[0].get<double>(), (*it)[1].get<double>()};
  } else if (it->is_object()) {
    detail::check_keys(*it, {"min", "max"}, "a scale", where);
    auto min = detail::get_number(*it, "min", where);
    auto max = detail::get_number(*it, "max", where);
    if (!min || !max) throw_input_error("scale needs both min and max", where);
    scale = {*min, *max};
  } else {
    throw_input_error("scale must be [min, max] or {\"min\": .., \"max\": ..}", where);
  }
  return scale;
}

Entry read_entry(const json& item, const ErrorContext& firm_where, std::size_t index) {
  Entry entry;
  if (item.is_string()) {  // a bare name: the list order is the ranking
    entry.name = item.get<std::string>();
    return entry;
  }
  ErrorContext where = firm_where;
  if (!item.is_object())
    throw_input_error("issue #" + std::to_string(index + 1) +
                          " must be an object or a string, not " + detail::a_json_type(item),
                      where);
  entry.name = detail::get_string(item, "name", where, false);
  if (item.find("name") == item.end())
    throw_input_error("issue #" + std::to_string(index + 1) + " has no \"name\"", where);
  where.issue = entry.name;
  detail::check_keys(item,
                     {"name", "rank", "stakeholder", "business", "level", "source", "confidence"},
                     "an issue", where);
  detail::check_provenance_json(item, where);
  entry.rank = detail::get_number(item, "rank", where);
  entry.stakeholder = detail::get_number(item, "stakeholder", where);
  entry.business = detail::get_number(item, "business", where);
  if (auto it = item.find("level"); it != item.end() && !it->is_null()) {
    if (it->is_number_integer()) {
      entry.level = static_cast<int>(std::clamp<long long>(it->get<long long>(), -1000, 1000));
      if (*entry.level < 1 || *entry.level > 5)
        throw_input_error("level must be between 1 and 5", where);
    } else if (it->is_string()) {
      entry.level = parse_level(it->get<std::string>());
      if (!entry.level)
        throw_input_error("unknown level \"" + it->get<std::string>() +
                              "\" (use very_high, high, medium, low, very_low, 高/中/低 or 1-5)",
                          where);
    } else {
      throw_input_error("level must be a string or an integer, not " + detail::a_json_type(*it),
                        where);
    }
  }
  return entry;
}

FirmAssessment read_firm(const json& item, const std::string& source, std::size_t index) {
  ErrorContext where{source, "", ""};
  if (!item.is_object())
    throw_input_error("company #" + std::to_string(index + 1) + " must be an object, not " +
                          detail::a_json_type(item),
                      where);
  FirmAssessment firm;
  if (item.find("id") == item.end())
    throw_input_error("company #" + std::to_string(index + 1) + " has no \"id\"", where);
  firm.id = detail::get_string(item, "id", where, true);
  where.firm = firm.id;
  detail::check_keys(item, {"id", "name", "segment", "weight", "unlisted", "scale", "issues"},
                     "a company", where);
  firm.name = detail::get_string(item, "name", where, false);
  firm.segment = detail::get_string(item, "segment", where, false);
  if (auto weight = detail::get_number(item, "weight", where)) firm.weight = *weight;
  std::string unlisted = detail::get_string(item, "unlisted", where, false);
  if (unlisted == "not_assessed") {
    firm.unlisted = UnlistedPolicy::not_assessed;
  } else if (!unlisted.empty() && unlisted != "bottom") {
    throw_input_error("unlisted must be \"bottom\" or \"not_assessed\", not \"" + unlisted + "\"",
                      where);
  }
  firm.scale = read_scale(item, where);
  auto issues = item.find("issues");
  if (issues == item.end()) throw_input_error("missing field \"issues\"", where);
  if (!issues->is_array())
    throw_input_error("\"issues\" must be an array, not " + detail::a_json_type(*issues), where);
  firm.entries.reserve(issues->size());
  for (std::size_t i = 0; i < issues->size(); ++i)
    firm.entries.push_back(read_entry((*issues)[i], where, i));
  return firm;
}

// Reads the dataset in one SAX pass instead of first building the document of the whole file:
// each company is built as a small document of its own, read by read_firm and dropped at once, so
// the tree of a market (millions of names) never exists. Everything outside "companies" is built
// as a document. Errors have the wording and order of reading the whole document: a company's
// error is held until the parse has finished and the root has been checked.
class DatasetReader {
 public:
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  json root;
  std::vector<FirmAssessment> firms;
  std::exception_ptr firm_error;  // the first company that could not be read
  bool streamed = false;          // "companies" was an array, read here into `firms`
  bool ambiguous = false;         // "companies" given twice: the whole document decides which

  explicit DatasetReader(std::string source) : source_(std::move(source)), root_builder_(root) {}

  bool null() {
    return value([](auto& b) { return b.null(); });
  }
  bool boolean(bool v) {
    return value([v](auto& b) { return b.boolean(v); });
  }
  bool number_integer(number_integer_t v) {
    return value([v](auto& b) { return b.number_integer(v); });
  }
  bool number_unsigned(number_unsigned_t v) {
    return value([v](auto& b) { return b.number_unsigned(v); });
  }
  bool number_float(number_float_t v, const string_t& text) {
    return value([v, &text](auto& b) { return b.number_float(v, text); });
  }
  bool string(string_t& v) {
    return value([&v](auto& b) { return b.string(v); });
  }
  bool binary(binary_t& v) {
    return value([&v](auto& b) { return b.binary(v); });
  }
  bool key(string_t& text) {
    if (firm_builder_) return firm_builder_->key(text);
    if (depth_ == 1) {
      pending_companies_ = text == "companies";
      if (pending_companies_ && seen_companies_) ambiguous = true;
      seen_companies_ = seen_companies_ || pending_companies_;
    }
    return root_builder_.key(text);
  }
  bool start_object(std::size_t size) {
    return open([size](auto& b) { return b.start_object(size); });
  }
  bool start_array(std::size_t size) {
    if (depth_ == 1 && pending_companies_ && !ambiguous) {
      // the companies array itself: stays empty in `root`, its elements go to `firms`
      streamed = true;
      companies_depth_ = ++depth_;
      pending_companies_ = false;
      return root_builder_.start_array(0);
    }
    return open([size](auto& b) { return b.start_array(size); });
  }
  bool end_object() {
    return close([](auto& b) { return b.end_object(); });
  }
  bool end_array() {
    if (!firm_builder_ && depth_ == companies_depth_ && companies_depth_ > 0) {
      --depth_;
      companies_depth_ = 0;
      return root_builder_.end_array();
    }
    return close([](auto& b) { return b.end_array(); });
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    return false;  // the caller reparses the whole document, which words the error
  }

 private:
  using Builder = nlohmann::detail::json_sax_dom_parser<json>;

  bool in_companies() const { return companies_depth_ > 0 && depth_ == companies_depth_; }

  template <typename Event>
  bool value(Event event) {
    if (firm_builder_) return event(*firm_builder_);
    if (in_companies()) {  // a company that is a bare value: read_firm names the error
      json item;
      Builder builder(item);
      event(builder);
      read(item);
      return true;
    }
    if (depth_ == 1) pending_companies_ = false;
    return event(root_builder_);
  }

  template <typename Event>
  bool open(Event event) {
    if (!firm_builder_ && in_companies()) {
      firm_ = json();
      firm_builder_.emplace(firm_);
      firm_depth_ = depth_ + 1;
    }
    if (depth_ == 1) pending_companies_ = false;
    ++depth_;
    return firm_builder_ ? event(*firm_builder_) : event(root_builder_);
  }

  template <typename Event>
  bool close(Event event) {
    bool ok = firm_builder_ ? event(*firm_builder_) : event(root_builder_);
    if (firm_builder_ && depth_ == firm_depth_) {
      firm_builder_.reset();
      read(firm_);
    }
    --depth_;
    return ok;
  }

  void read(const json& item) {
    const std::size_t index = count_++;
    if (firm_error) return;
    try {
      firms.push_back(read_firm(item, source_, index));
    } catch (const Error&) {
      firm_error = std::current_exception();
    }
  }

  std::string source_;
  Builder root_builder_;
  std::optional<Builder> firm_builder_;
  json firm_;
  std::size_t depth_ = 0, companies_depth_ = 0, firm_depth_ = 0, count_ = 0;
  bool pending_companies_ = false, seen_companies_ = false;
};

}  // namespace

namespace {
Dataset dataset_from_root(const json& root, std::vector<FirmAssessment> firms,
                          const std::exception_ptr& firm_error, const std::string& source,
                          const LoadOptions& options, const Execution& execution);
}  // namespace

FirmAssessment load_firm_json(std::string_view fields, const std::string& source,
                              const std::string& id) {
  json item = detail::parse_json(fields, source);
  const ErrorContext where{source, id, ""};
  if (!item.is_object())
    throw_input_error("a firm's fields must be a JSON object, not " + detail::a_json_type(item),
                      where);
  if (item.contains("id"))
    throw_input_error("the firm's fields must not repeat its \"id\", given on its own", where);
  item["id"] = id;
  if (!item.contains("issues")) item["issues"] = json::array();
  return read_firm(item, source, 0);
}

Dataset load_dataset_json(std::string_view text, const std::string& source,
                          const LoadOptions& options, const Execution& execution) {
  return detail::load_dataset_json_streamed(text, source, options, execution, {});
}

Dataset detail::load_dataset_json_streamed(std::string_view text, const std::string& source,
                                           const LoadOptions& options, const Execution& execution,
                                           const std::function<void(std::size_t)>& done_with) {
  std::string_view body = text;
  std::size_t bom = 0;
  if (body.size() >= 3 && body.substr(0, 3) == "\xEF\xBB\xBF") bom = 3;
  body.remove_prefix(bom);
  // The simdjson path reads a window of companies at a time and checks materia/limits.hpp
  // itself; any other file (a syntax error, a company not in the plain form, a limit passed) is
  // read by nlohmann's SAX parser after the limits pre-pass, which words every error.
  std::optional<detail::FastDataset> fast = detail::read_dataset_fast(
      body, execution.threads,
      done_with ? std::function<void(std::size_t)>([&](std::size_t n) { done_with(bom + n); })
                : std::function<void(std::size_t)>());
  if (!fast) detail::check_json_limits(body, source);
  detail::stage_mark("companies");
  DatasetReader reader(source);
  json root;
  bool streamed = false;
  if (fast) {  // simdjson, when every company is plain
    root = std::move(fast->root);
    reader.firms = std::move(fast->firms);
    reader.streamed = streamed = true;
  } else {
    // A syntax error, or "companies" given twice: parse_json reports it, or reads the whole tree.
    streamed = json::sax_parse(body.begin(), body.end(), &reader) && !reader.ambiguous;
    root = streamed ? std::move(reader.root) : detail::parse_json(text, source);
  }
  std::vector<FirmAssessment> firms;
  std::exception_ptr firm_error;
  if (streamed && reader.streamed) {
    firms = std::move(reader.firms);
    firm_error = reader.firm_error;
  }
  return dataset_from_root(root, std::move(firms), firm_error, source, options, execution);
}

namespace {

// The dataset of a document whose companies are `firms` (read as they were streamed) followed by
// the items of its "companies" array: the root's fields are checked first, then `firm_error`
// (the first company that could not be read) is thrown.
Dataset dataset_from_root(const json& root, std::vector<FirmAssessment> firms,
                          const std::exception_ptr& firm_error, const std::string& source,
                          const LoadOptions& options, const Execution& execution) {
  ErrorContext where{source, "", ""};
  if (!root.is_object())
    throw_input_error(
        "a dataset must be a JSON object with \"companies\", not " + detail::a_json_type(root),
        where);
  detail::check_keys(root, {"taxonomy", "scale", "meta", "companies"}, "the dataset", where);
  Dataset dataset;
  dataset.source = source;
  if (!options.taxonomy.empty()) {
    dataset.taxonomy = detail::resolve_taxonomy_name(options.taxonomy, source);
  } else if (auto it = root.find("taxonomy"); it != root.end() && !it->is_null()) {
    if (it->is_string())
      dataset.taxonomy = detail::resolve_taxonomy_name(it->get<std::string>(), source);
    else if (it->is_object())
      dataset.taxonomy = taxonomy_from_json(*it, source);
    else
      throw_input_error("\"taxonomy\" must be a name or an object", where);
  }
  detail::stage_mark("taxonomy");
  dataset.scale = read_scale(root, where);
  if (auto meta = root.find("meta"); meta != root.end() && meta->is_object()) {
    if (auto s = meta->find("synthetic"); s != meta->end() && s->is_boolean())
      dataset.synthetic = s->get<bool>();
    if (auto d = meta->find("description"); d != meta->end() && d->is_string())
      dataset.description = d->get<std::string>();
  }
  auto companies = root.find("companies");
  if (companies == root.end()) throw_input_error("missing field \"companies\"", where);
  if (!companies->is_array())
    throw_input_error("\"companies\" must be an array, not " + detail::a_json_type(*companies),
                      where);
  if (firm_error) std::rethrow_exception(firm_error);
  dataset.firms = std::move(firms);
  dataset.firms.reserve(dataset.firms.size() + companies->size());
  for (std::size_t i = 0; i < companies->size(); ++i)
    dataset.firms.push_back(read_firm((*companies)[i], source, i));
  if (options.validate) dataset.validate(execution);
  return dataset;
}

}  // namespace

Dataset detail::load_dataset_ndjson(std::string_view text, const std::string& source,
                                    const LoadOptions& options, const Execution& execution,
                                    const DoneWith& done_with) {
  const std::string hint = " (materia's limit; see docs/architecture.md, \"Limits\")";
  std::size_t at = text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  json root = json::object();
  std::vector<FirmAssessment> firms;
  detail::NamePool names;
  std::size_t line = 0, listings = 0, released = 0;
  bool first = true;
  constexpr std::size_t kReleaseEvery = std::size_t{4} << 20;
  // One line at a time: each is a document of its own, read and dropped before the next.
  while (at < text.size()) {
    ++line;
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view item = text.substr(at, end - at);
    at = end + 1;
    if (item.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // a blank line
    if (!first || item.find("\"id\"") != std::string_view::npos) {            // a company, likely
      FirmAssessment firm;
      std::size_t issues = 0;
      if (firms.size() < limits::max_firms &&
          detail::read_company_fast(item, firm, issues, names) &&
          listings + issues <= limits::max_listings) {
        first = false;
        listings += issues;
        firms.push_back(std::move(firm));
        if (done_with && at >= released + kReleaseEvery) done_with(released = at);
        continue;
      }
    }
    const std::string where = source + ":" + std::to_string(line);
    detail::check_json_limits(item, where);
    json value;
    try {
      value = detail::parse_json(item, where);
    } catch (const Error& e) {  // the line is the file's: the column is the place within it
      std::string message = e.message();
      if (message.rfind("invalid JSON at line 1, column ", 0) == 0)
        message.replace(0, 31, "invalid JSON at column ");
      throw_input_error(message, {where, "", ""});
    }
    // The first line may hold the dataset's other fields instead of a company: no "id".
    if (first && value.is_object() && !value.contains("id")) {
      first = false;
      detail::check_keys(value, {"taxonomy", "scale", "meta"}, "the dataset's first line",
                         {where, "", ""});
      root = std::move(value);
      continue;
    }
    first = false;
    if (firms.size() == limits::max_firms)
      throw_input_error("more than " + std::to_string(limits::max_firms) + " companies" + hint,
                        {source, "", ""});
    FirmAssessment firm = read_firm(value, where, firms.size());
    if (firm.entries.size() > limits::max_issues_per_firm)
      throw_input_error("the company lists more than " +
                            std::to_string(limits::max_issues_per_firm) + " issues" + hint,
                        {where, firm.id, ""});
    listings += firm.entries.size();
    if (listings > limits::max_listings)
      throw_input_error(
          "more than " + std::to_string(limits::max_listings) + " issue listings in all" + hint,
          {source, "", ""});
    firms.push_back(std::move(firm));
    if (done_with && at >= released + kReleaseEvery) done_with(released = at);
  }
  root["companies"] = json::array();
  return dataset_from_root(root, std::move(firms), nullptr, source, options, execution);
}

Dataset load_sample(std::string_view name) {
  // samples/*-disclosure.json are firm records (disclosure.hpp), not datasets.
  auto is_records = [](std::string_view n) {
    constexpr std::string_view suffix = "-disclosure";
    return n.size() >= suffix.size() && n.substr(n.size() - suffix.size()) == suffix;
  };
  auto content = is_records(name) ? std::nullopt
                                  : detail::embedded_file("samples/" + std::string(name) + ".json");
  if (!content) {
    std::string known;
    for (const auto& file : detail::embedded_files()) {
      if (file.path.substr(0, 8) != "samples/") continue;
      auto sample = file.path.substr(8, file.path.size() - 8 - 5);
      if (!is_records(sample)) known += (known.empty() ? "" : ", ") + std::string(sample);
    }
    throw Error(ErrorKind::usage,
                "unknown sample \"" + std::string(name) + "\" (built in: " + known + ")");
  }
  return load_dataset_json(*content, "<sample " + std::string(name) + ">");
}

}  // namespace materia
