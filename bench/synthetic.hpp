#pragma once
// Seeded synthetic data for benchmarks and peer comparisons: a taxonomy of `vocabulary` issues with
// Chinese-like names, and firms listing `list_length` issues each, drawn with Zipf-like popularity
// (so attention varies as in real data), optionally written with name variants.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "materia/error.hpp"

#include "materia/model/dataset.hpp"
#include "materia/model/taxonomy.hpp"
#include "normalize/columns.hpp"

namespace materia::bench {

struct SyntheticSpec {
  std::size_t firms = 5000;
  std::size_t list_length = 40;
  std::size_t vocabulary = 2000;
  double variant_share = 0.0;  ///< share of entries written with a variant name
  bool coordinates = false;    ///< matrix coordinates (1-5) instead of list order
  std::uint64_t seed = 42;
  /// Seed of the firms' lists (0: `seed`): another year of the same firms and taxonomy.
  std::uint64_t draw_seed = 0;
  /// Issues (taxonomy positions) whose popularity is exchanged: the real moves of another year.
  std::vector<std::pair<std::size_t, std::size_t>> swaps;
};

/// A taxonomy "synthetic" with `vocabulary` issues. Names are two to four pseudo-words of two CJK
/// characters each, distinct by construction; English names are "issue NNNN".
inline Taxonomy synthetic_taxonomy(std::size_t vocabulary, std::uint64_t seed) {
  static const char32_t kPool[] =
      U"数据安全隐私保护科技创新社会公益员工培训发展权益公司治理商业道德反腐倡廉客户服务应对气候变"
      U"化绿色运营普惠金融合规经营风险管理知识产权行业共赢资源利用废弃物健康产品可靠乡村振兴供应商"
      U"链赋能多元平等包容沟通关怀温室气体排放碳中和污染防治生态系统人才培养实体经济信息披露党建引"
      U"领可持续投资者伦理建设修复社区清洁技术机遇能源节约数字生活消费采购营销标识欺诈转型";
  auto utf8 = [](char32_t c) {
    std::string out;
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
    return out;
  };
  const std::size_t pool = sizeof(kPool) / sizeof(kPool[0]) - 1;
  std::mt19937_64 rng(seed);
  Taxonomy taxonomy;
  taxonomy.name = "synthetic";
  taxonomy.version = "1";
  std::unordered_set<std::string> used;
  while (taxonomy.issues.size() < vocabulary) {
    std::string name;
    std::size_t words = 2 + rng() % 3;
    for (std::size_t w = 0; w < words; ++w) {
      // Two draws in sequence: the operands of + are unsequenced (g++ and clang evaluated them in
      // opposite orders, so the "same seed" gave different names). This order keeps g++'s names.
      char32_t second = kPool[rng() % pool];
      char32_t first = kPool[rng() % pool];
      name += utf8(first) + utf8(second);
    }
    if (!used.insert(name).second) continue;
    Issue issue;
    char id[32];
    std::snprintf(id, sizeof id, "i%05zu", taxonomy.issues.size() + 1);
    issue.id = id;
    issue.name_zh = name;
    std::snprintf(id, sizeof id, "issue %04zu", taxonomy.issues.size() + 1);
    issue.name_en = id;
    issue.category = static_cast<Category>(rng() % 3);
    taxonomy.issues.push_back(std::move(issue));
  }
  return taxonomy;
}

/// Inserts a space after the first character of a name (the report's printed line breaks).
inline std::string spaced_variant(const std::string& name) {
  return name.size() > 3 ? name.substr(0, 3) + " " + name.substr(3) : name;
}

/// Firms over the taxonomy; issue popularity follows 1/(rank+10), so attention is skewed.
inline Dataset synthetic_dataset(const Taxonomy& taxonomy, const SyntheticSpec& spec) {
  std::mt19937_64 rng((spec.draw_seed ? spec.draw_seed : spec.seed) + 1);
  const std::size_t n = taxonomy.issues.size();
  std::vector<double> popularity(n);
  for (std::size_t i = 0; i < n; ++i)
    popularity[i] = 1.0 / (static_cast<double>(i) + 10.0);
  for (const auto& [i, j] : spec.swaps) {
    if (i >= n || j >= n)
      throw Error(ErrorKind::usage,
                  "a swapped issue is beyond the vocabulary of " + std::to_string(n) + " issues");
    std::swap(popularity[i], popularity[j]);
  }
  std::discrete_distribution<std::size_t> pick(popularity.begin(), popularity.end());
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Dataset dataset;
  dataset.source = "<synthetic>";
  dataset.taxonomy = taxonomy;
  dataset.scale = Scale{1.0, 5.0};
  dataset.firms.resize(spec.firms);
  const std::size_t k = std::min(spec.list_length, n);
  std::vector<char> chosen(n, 0);
  for (std::size_t f = 0; f < spec.firms; ++f) {
    FirmAssessment& firm = dataset.firms[f];
    firm.id = "F" + std::to_string(f + 1);
    std::vector<std::size_t> list;
    while (list.size() < k) {
      std::size_t i = pick(rng);
      if (!chosen[i]) {
        chosen[i] = 1;
        list.push_back(i);
      }
    }
    for (std::size_t i : list)
      chosen[i] = 0;
    for (std::size_t i : list) {
      Entry entry;
      const Issue& issue = taxonomy.issues[i];
      entry.name = unit(rng) < spec.variant_share ? spaced_variant(issue.name_zh) : issue.name_zh;
      if (spec.coordinates) {
        entry.stakeholder = std::round(10.0 * (1.0 + 4.0 * unit(rng))) / 10.0;
        entry.business = std::round(10.0 * (1.0 + 4.0 * unit(rng))) / 10.0;
      }
      firm.entries.push_back(std::move(entry));
    }
  }
  return dataset;
}

/// The issue columns of a synthetic dataset without name variants in taxonomy order (an entry's
/// column is its issue's place in the taxonomy), as the benchmarks' rank tables have them.
inline detail::Columns taxonomy_columns(const Dataset& dataset, const Taxonomy& taxonomy) {
  std::unordered_map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < taxonomy.issues.size(); ++i)
    column[taxonomy.issues[i].name_zh] = i;
  detail::Columns columns;
  for (const FirmAssessment& firm : dataset.firms) {
    std::vector<std::size_t>& firm_columns = columns.firm_columns.emplace_back();
    for (const Entry& entry : firm.entries)
      firm_columns.push_back(column.at(entry.name));
  }
  return columns;
}

/// Shortest text that reads back as the same double.
inline std::string shortest_number(double value) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}

// One company of the dataset JSON, on one line.
inline std::string synthetic_company_json(const materia::FirmAssessment& firm) {
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& entry : firm.entries) {
    if (entry.stakeholder)
      issues.push_back(nlohmann::json{{"name", entry.name},
                                      {"stakeholder", *entry.stakeholder},
                                      {"business", *entry.business}});
    else
      issues.push_back(entry.name);  // a bare name: list order is the ranking
  }
  return nlohmann::json{{"id", firm.id}, {"issues", std::move(issues)}}.dump();
}

// The dataset's fields other than its companies, as the members of a JSON object.
inline std::string synthetic_dataset_header(const materia::Dataset& dataset, std::uint64_t seed,
                                            const char* separator) {
  std::string out = "\"meta\": ";
  out += nlohmann::json{{"synthetic", true},
                        {"description", "materia_synth seed " + std::to_string(seed)}}
             .dump();
  out += std::string(separator) + "\"taxonomy\": " + dataset.taxonomy.to_json_text(-1);
  if (dataset.scale)
    out += std::string(separator) + "\"scale\": [" + shortest_number(dataset.scale->min) + ", " +
           shortest_number(dataset.scale->max) + "]";
  return out;
}

// The dataset JSON of docs/format.md, written firm by firm so no document tree of the whole market
// is ever held in memory.
inline std::string synthetic_dataset_json(const materia::Dataset& dataset, std::uint64_t seed) {
  std::string out = "{\n" + synthetic_dataset_header(dataset, seed, ",\n");
  out += ",\n\"companies\": [";
  for (std::size_t f = 0; f < dataset.firms.size(); ++f) {
    out += f ? ",\n" : "\n";
    out += synthetic_company_json(dataset.firms[f]);
  }
  out += "\n]\n}\n";
  return out;
}

// The same dataset in the NDJSON form of docs/format.md: a first line with the fields other than
// the companies, then one company per line.
inline std::string synthetic_dataset_ndjson(const materia::Dataset& dataset, std::uint64_t seed) {
  std::string out = "{" + synthetic_dataset_header(dataset, seed, ", ") + "}\n";
  for (const auto& firm : dataset.firms)
    out += synthetic_company_json(firm) + "\n";
  return out;
}

}  // namespace materia::bench
