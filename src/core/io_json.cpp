// Reading the JSON dataset of CONTRACT.md.
#include <cmath>
#include <fstream>

#include "core/embedded.hpp"
#include "core/json_util.hpp"
#include "materia/error.hpp"
#include "materia/io.hpp"

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
  detail::check_keys(item, {"name", "rank", "stakeholder", "business", "level"}, "an issue", where);
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
      throw_input_error(
          "level must be a string or an integer, not " + detail::a_json_type(*it), where);
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
    throw_input_error("\"issues\" must be an array, not " + detail::a_json_type(*issues),
                      where);
  firm.entries.reserve(issues->size());
  for (std::size_t i = 0; i < issues->size(); ++i)
    firm.entries.push_back(read_entry((*issues)[i], where, i));
  return firm;
}

}  // namespace

Dataset load_dataset_json(std::string_view text, const std::string& source,
                          const LoadOptions& options) {
  json root = detail::parse_json(text, source);
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
      dataset.taxonomy = Taxonomy::from_json(*it, source);
    else
      throw_input_error("\"taxonomy\" must be a name or an object", where);
  }
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
  dataset.firms.reserve(companies->size());
  for (std::size_t i = 0; i < companies->size(); ++i)
    dataset.firms.push_back(read_firm((*companies)[i], source, i));
  dataset.validate();
  return dataset;
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
