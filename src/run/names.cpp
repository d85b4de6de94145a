#include "materia/run/names.hpp"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "base/csv.hpp"
#include "materia/error.hpp"
#include "materia/text/text.hpp"
#include "model/dataset_check.hpp"
#include "output/text_table.hpp"
#include "run/in_format.hpp"
#include "run/render_json.hpp"

namespace materia {

namespace {

using ojson = nlohmann::ordered_json;

// Reports an error about the name at `where` there.
[[noreturn]] void rethrow_at(const Error& e, const std::string& where, const std::string& name) {
  throw Error(e.kind(), e.message(), {where, "", name});
}

}  // namespace

std::vector<std::string> NameList::firms_of(const std::string& name) const {
  auto it = firms.find(name);
  return it == firms.end() ? std::vector<std::string>{} : it->second;
}

NameList read_name_lines(std::string_view text, const std::string& source) {
  NameList list;
  std::size_t line_number = 0, start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    std::string line(
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    list.names.push_back(line);
    list.where.push_back(source + ":" + std::to_string(line_number));
  }
  return list;
}

NameList names_of_dataset(const Dataset& dataset) {
  NameList list;
  list.from_dataset = true;
  for (const auto& firm : dataset.firms)
    for (const auto& entry : firm.entries) {
      auto [it, fresh] = list.firms.try_emplace(entry.name);
      if (fresh) {
        list.names.push_back(entry.name);
        list.where.push_back(detail::entry_location(dataset, entry));
      }
      if (it->second.empty() || it->second.back() != firm.id) it->second.push_back(firm.id);
    }
  return list;
}

NameResolutions resolve_names(const NameList& names, const Normalizer& normalizer) {
  NameResolutions out;
  out.from_dataset = names.from_dataset;
  out.names.reserve(names.names.size());
  std::map<std::string, std::size_t> seen;  // each distinct name is folded once
  for (std::size_t i = 0; i < names.names.size(); ++i) {
    const std::string& name = names.names[i];
    auto [it, fresh] = seen.try_emplace(name, out.names.size());
    if (!fresh) {
      out.names.push_back(out.names[it->second]);
      continue;
    }
    Resolution resolution;
    try {
      resolution = normalizer.resolve(name);
    } catch (const Error& e) {
      rethrow_at(e, names.where[i], name);
    }
    if (resolution.match == MatchKind::fuzzy || resolution.match == MatchKind::unmatched)
      out.review.push_back({resolution, names.firms_of(name)});
    out.names.push_back({std::move(resolution), names.firms_of(name)});
  }
  return out;
}

std::string render(const NameResolutions& resolutions, Format format) {
  if (format == Format::json) {
    ojson out = ojson::array();
    for (const auto& name : resolutions.names) {
      ojson item = to_json(name.resolution);
      if (resolutions.from_dataset) item["firms"] = name.firms;
      out.push_back(std::move(item));
    }
    return out.dump(2) + "\n";
  }
  std::string text = format == Format::csv
                         ? "input,id,name,match,score,runner_up,runner_up_score,reason\n"
                         : std::string();
  for (const auto& name : resolutions.names) {
    const Resolution& r = name.resolution;
    const Candidate* runner = r.runner_up();
    const std::string match(match_kind_name(r.match));
    if (format == Format::csv)
      text += detail::csv_field(r.input) + "," + detail::csv_field(r.id) + "," +
              detail::csv_field(r.name) + "," + match + "," + std::to_string(r.score) + "," +
              detail::csv_field(runner ? runner->id : "") + "," +
              (runner ? std::to_string(runner->score) : "") + "," + detail::csv_field(r.reason) +
              "\n";
    else
      text += r.input + "  ->  " + (!r.id.empty() ? r.name + " [" + r.id + "]" : "(unmatched)") +
              "  " + match + " " + std::to_string(r.score).substr(0, 5) + "  " + r.reason + "\n";
  }
  return text;
}

NameGroups group_names(const NameList& names, const std::vector<Alias>& aliases, double threshold,
                       const Normalizer* synonyms) {
  for (std::size_t i = 0; i < names.names.size(); ++i) {
    try {
      check_utf8(names.names[i], "name");
    } catch (const Error& e) {
      throw Error(e.kind(), e.message(), {names.where[i], "", ""});
    }
  }
  std::vector<std::string> uses;
  for (const auto& name : names.names) {
    std::size_t n = std::max<std::size_t>(names.firms_of(name).size(), 1);
    for (std::size_t k = 0; k < n; ++k)
      uses.push_back(name);
  }
  NameGroups groups;
  groups.clusters = cluster_names(uses, aliases, threshold, synonyms);
  for (const auto& cluster : groups.clusters)
    for (const auto& m : cluster.members) {
      if (m.key == cluster.id) continue;
      ReviewItem item;
      item.resolution.input = m.input;
      item.resolution.key = m.key;
      // Joined by similarity alone: a fuzzy proposal; by an alias or a taxonomy's synonyms: alias.
      item.resolution.match = m.via == "similarity" ? MatchKind::fuzzy : MatchKind::alias;
      item.resolution.reason = m.via;
      item.resolution.score = m.score;
      item.resolution.candidates.push_back({-1, cluster.name, cluster.name, m.score, cluster.name});
      item.firms = names.firms_of(m.input);
      groups.review.push_back(std::move(item));
    }
  return groups;
}

std::string render(const NameGroups& groups, Format format) {
  ojson json = ojson::array();
  std::string csv = "cluster,name,input,key,uses,score,via\n", table;
  for (const auto& cluster : groups.clusters) {
    ojson members = ojson::array();
    std::size_t total = 0;
    for (const auto& m : cluster.members) {
      total += m.uses;
      members.push_back({{"input", m.input},
                         {"key", m.key},
                         {"uses", m.uses},
                         {"score", m.score},
                         {"via", m.via}});
      csv += detail::csv_field(cluster.id) + "," + detail::csv_field(cluster.name) + "," +
             detail::csv_field(m.input) + "," + detail::csv_field(m.key) + "," +
             std::to_string(m.uses) + "," + std::to_string(m.score) + "," + m.via + "\n";
    }
    json.push_back(
        {{"id", cluster.id}, {"name", cluster.name}, {"uses", total}, {"members", members}});
    table += cluster.name + "  (" + std::to_string(cluster.members.size()) + " names, " +
             std::to_string(total) + " uses)\n";
    for (const auto& m : cluster.members)
      if (m.input != cluster.name)
        table += "    " + m.input + "  " + std::to_string(m.score) + "\n";
  }
  return in_format(
      format, [&] { return std::move(csv); }, [&] { return std::move(table); },
      [&] { return json.dump(2) + "\n"; });
}

namespace {

// How many of the taxonomy's aliases name each issue or topic (by id, else by name as written,
// else by the name's match key; the taxonomy reader has checked that each names one).
std::vector<std::size_t> alias_counts(const Taxonomy& taxonomy) {
  std::map<std::string, std::size_t, std::less<>> index_of;
  for (std::size_t i = 0; i < taxonomy.issues.size(); ++i)
    index_of.try_emplace(taxonomy.issues[i].id, i);
  for (std::size_t i = 0; i < taxonomy.issues.size(); ++i)
    for (const std::string* name : {&taxonomy.issues[i].name_zh, &taxonomy.issues[i].name_en})
      if (!name->empty()) index_of.try_emplace(*name, i);
  std::vector<std::size_t> counts(taxonomy.issues.size(), 0);
  std::map<std::string, std::size_t> index_of_key;
  for (const Alias& alias : taxonomy.aliases) {
    auto it = index_of.find(alias.target);
    if (it != index_of.end()) {
      ++counts[it->second];
      continue;
    }
    if (index_of_key.empty())
      for (std::size_t i = 0; i < taxonomy.issues.size(); ++i)
        for (const std::string* name : {&taxonomy.issues[i].name_zh, &taxonomy.issues[i].name_en})
          if (!name->empty()) index_of_key.try_emplace(fold_key(*name), i);
    if (auto by_key = index_of_key.find(fold_key(alias.target)); by_key != index_of_key.end())
      ++counts[by_key->second];
  }
  return counts;
}

}  // namespace

std::string render(const Taxonomy& taxonomy, Format format) {
  if (format == Format::json) return taxonomy.to_json_text(2) + "\n";
  const std::vector<std::size_t> counts = alias_counts(taxonomy);
  const std::vector<std::string> header{"id",      "kind",   "category", "name_zh",
                                        "name_en", "parent", "aliases"};
  auto row = [&](std::size_t i) {
    const Issue& issue = taxonomy.issues[i];
    return std::vector<std::string>{issue.id,
                                    issue.is_topic ? "topic" : "issue",
                                    std::string(category_code(issue.category)),
                                    issue.name_zh,
                                    issue.name_en,
                                    issue.parent,
                                    std::to_string(counts[i])};
  };
  if (format == Format::csv) {
    std::string csv;
    auto add_line = [&](const std::vector<std::string>& fields) {
      for (std::size_t c = 0; c < fields.size(); ++c) {
        if (c > 0) csv += ',';
        csv += detail::csv_field(fields[c]);
      }
      csv += '\n';
    };
    add_line(header);
    for (std::size_t i = 0; i < taxonomy.issues.size(); ++i)
      add_line(row(i));
    return csv;
  }
  std::string text = "taxonomy " + taxonomy.name +
                     (taxonomy.version.empty() ? "" : " " + taxonomy.version) + ": " +
                     std::to_string(taxonomy.issue_count()) + " issues, " +
                     std::to_string(taxonomy.issues.size() - taxonomy.issue_count()) + " topics, " +
                     std::to_string(taxonomy.aliases.size()) + " aliases\n";
  if (!taxonomy.description.empty()) text += taxonomy.description + "\n";
  if (taxonomy.issues.empty()) return text;
  detail::TextTable table(header, {false, false, false, false, false, false, true});
  for (std::size_t i = 0; i < taxonomy.issues.size(); ++i)
    table.add(row(i));
  return text + "\n" + table.render();
}

}  // namespace materia
