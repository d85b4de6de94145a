// materia normalize [--taxonomy NAME] [FILE|-]: one name per line in, one resolution per name out.
// With --dataset/--sample the names (and the firms that used them) come from a dataset; --review
// writes the names to check, --aliases feeds decisions back, --cluster proposes groups of names
// for the open vocabulary.
#include <map>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "base/csv.hpp"
#include "model/dataset_check.hpp"
#include "materia/error.hpp"
#include "materia/io/io.hpp"
#include "materia/normalize/normalize.hpp"
#include "materia/text/text.hpp"

namespace materia::cli {

namespace {

// Names to resolve, each with the firms that used it (empty for a plain list), in first-use order.
struct NameList {
  std::vector<std::string> names;
  std::vector<std::string> where;  // file:line of each name (plain lists)
  std::map<std::string, std::vector<std::string>> firms;
};

NameList read_name_lines(const std::string& file) {
  NameList list;
  std::string text = read_file(file);
  std::string source = file == "-" ? "<stdin>" : file;
  std::size_t line_number = 0, start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    std::string line =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? text.size() + 1 : end + 1;
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
  for (const auto& firm : dataset.firms)
    for (const auto& entry : firm.entries) {
      auto [it, fresh] = list.firms.try_emplace(entry.name);
      if (fresh) {
        list.names.push_back(entry.name);
        list.where.push_back(materia::detail::entry_location(dataset, entry));
      }
      if (it->second.empty() || it->second.back() != firm.id) it->second.push_back(firm.id);
    }
  return list;
}

nlohmann::ordered_json candidate_json(const Candidate* c) {
  if (!c) return nullptr;
  return {{"id", c->id}, {"name", c->name}, {"score", c->score}, {"via", c->via}};
}

}  // namespace

void add_normalize_command(CLI::App& app) {
  struct Options {
    std::string file, taxonomy, dataset, sample, review, output;
    std::vector<std::string> aliases;
    double threshold = NormalizeOptions{}.threshold, margin = NormalizeOptions{}.margin;
    std::size_t candidates = 3;
    bool cluster = false, no_fuzzy = false;
    Format format = Format::json;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("normalize", "Resolve issue names to a taxonomy");
  command->add_option("file", options->file, "One name per line; - for standard input (default)");
  command->add_option("--taxonomy", options->taxonomy,
                      "A built-in taxonomy, none, or a taxonomy JSON file (default: the dataset's, "
                      "else fintech-2024)");
  command->add_option("--dataset", options->dataset,
                      "Take the names (and their firms) from a dataset");
  command->add_option("--sample", options->sample, "Take the names from a built-in sample dataset");
  command
      ->add_option("--aliases", options->aliases,
                   "Alias file (CSV name,target; JSON; or a decided --review file); repeatable")
      ->allow_extra_args(false);
  command->add_option(
      "--review", options->review,
      "Write the fuzzy and unmatched names (or, with --cluster, the proposed merges) "
      "with their candidates and firms to this CSV, with an empty decision column");
  command->add_option("--threshold", options->threshold,
                      "Minimum fuzzy similarity in [0,1] (default 0.75)");
  command->add_option("--margin", options->margin,
                      "Minimum lead of the best issue over the runner-up (default 0.05)");
  command->add_option("--candidates", options->candidates,
                      "Candidates listed per name (default 3)");
  command->add_flag("--no-fuzzy", options->no_fuzzy, "Exact and alias matches only");
  command->add_flag("--cluster", options->cluster,
                    "Open vocabulary (taxonomy none): group the names into proposed issues");
  command->add_option("-o,--output", options->output, "Write to this file instead of stdout");
  command->add_option("--format", options->format, "Output format: json (default), csv or table")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, Format>{
              {"table", Format::table}, {"json", Format::json}, {"csv", Format::csv}},
          CLI::ignore_case));
  command->callback([options] {
    int sources = !options->file.empty() + !options->dataset.empty() + !options->sample.empty();
    if (sources > 1) throw_usage_error("give one of FILE, --dataset or --sample");
    NameList names;
    std::optional<Taxonomy> dataset_taxonomy;
    if (!options->dataset.empty() || !options->sample.empty()) {
      Dataset dataset = options->sample.empty()
                            ? load_dataset_file(options->dataset, LoadOptions{options->taxonomy})
                            : load_sample(options->sample);
      names = names_of_dataset(dataset);
      dataset_taxonomy = dataset.taxonomy;
    } else {
      names = read_name_lines(options->file.empty() ? "-" : options->file);
    }
    Taxonomy taxonomy =
        !options->taxonomy.empty()
            ? (options->taxonomy.find('/') != std::string::npos ||
                       options->taxonomy.ends_with(".json")
                   ? Taxonomy::from_json_text(read_file(options->taxonomy), options->taxonomy)
                   : Taxonomy::builtin(options->taxonomy))
        : dataset_taxonomy ? *dataset_taxonomy
        : options->cluster ? Taxonomy::open_vocabulary()
                           : Taxonomy::builtin("fintech-2024");
    std::vector<Alias> aliases;
    for (const auto& file : options->aliases) {
      auto more = load_alias_file(file);
      aliases.insert(aliases.end(), more.begin(), more.end());
    }
    auto firms_of = [&](const std::string& name) {
      auto it = names.firms.find(name);
      return it == names.firms.end() ? std::vector<std::string>{} : it->second;
    };

    if (options->cluster) {
      if (!taxonomy.is_open_vocabulary())
        throw_usage_error("--cluster proposes issues for the open vocabulary; use --taxonomy none");
      for (std::size_t i = 0; i < names.names.size(); ++i) {
        try {
          check_utf8(names.names[i], "name");
        } catch (const Error& e) {
          throw Error(e.kind(), e.message(), {names.where[i], "", ""});
        }
      }
      // Each use counts: a dataset's names weigh by the number of firms that used them.
      std::vector<std::string> uses;
      for (const auto& name : names.names) {
        std::size_t n = std::max<std::size_t>(firms_of(name).size(), 1);
        for (std::size_t k = 0; k < n; ++k)
          uses.push_back(name);
      }
      auto clusters = cluster_names(uses, aliases, options->threshold);
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      std::string csv = "cluster,name,input,key,uses,score,via\n", table;
      std::vector<ReviewItem> review;
      for (const auto& cluster : clusters) {
        nlohmann::ordered_json members = nlohmann::ordered_json::array();
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
          if (m.key != cluster.id) {
            ReviewItem item;
            item.resolution.input = m.input;
            item.resolution.key = m.key;
            item.resolution.match = MatchKind::fuzzy;
            item.resolution.score = m.score;
            item.resolution.candidates.push_back(
                {-1, cluster.name, cluster.name, m.score, cluster.name});
            item.firms = firms_of(m.input);
            review.push_back(std::move(item));
          }
        }
        out.push_back(
            {{"id", cluster.id}, {"name", cluster.name}, {"uses", total}, {"members", members}});
        table += cluster.name + "  (" + std::to_string(cluster.members.size()) + " names, " +
                 std::to_string(total) + " uses)\n";
        for (const auto& m : cluster.members)
          if (m.input != cluster.name)
            table += "    " + m.input + "  " + std::to_string(m.score) + "\n";
      }
      if (!options->review.empty()) write_file_atomic(options->review, write_review_csv(review, 1));
      switch (options->format) {
        case Format::json:
          emit(out.dump(2) + "\n", options->output);
          break;
        case Format::csv:
          emit(csv, options->output);
          break;
        case Format::table:
          emit(table, options->output);
          break;
      }
      return;
    }

    NormalizeOptions normalize_options;
    normalize_options.threshold = options->threshold;
    normalize_options.margin = options->margin;
    normalize_options.fuzzy = !options->no_fuzzy;
    normalize_options.candidates = std::max<std::size_t>(options->candidates, 1);
    Normalizer normalizer(taxonomy, aliases, normalize_options);
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    std::string csv = "input,id,name,match,score,runner_up,runner_up_score,reason\n", table;
    std::vector<ReviewItem> review;
    std::map<std::string, Resolution> seen;  // each distinct name is folded once
    for (std::size_t i = 0; i < names.names.size(); ++i) {
      const std::string& line = names.names[i];
      auto it = seen.find(line);
      if (it == seen.end()) {
        try {
          it = seen.emplace(line, normalizer.resolve(line)).first;
        } catch (const Error& e) {
          throw Error(e.kind(), e.message(), {names.where[i], "", line});
        }
        const Resolution& fresh = it->second;
        if (fresh.match == MatchKind::fuzzy || fresh.match == MatchKind::unmatched)
          review.push_back({fresh, firms_of(line)});
      }
      const Resolution& r = it->second;
      const Candidate* runner = r.runner_up();
      const bool found = !r.id.empty();
      nlohmann::ordered_json item;
      item["input"] = line;
      item["id"] = found ? nlohmann::ordered_json(r.id) : nlohmann::ordered_json(nullptr);
      item["name"] = found ? nlohmann::ordered_json(r.name) : nlohmann::ordered_json(nullptr);
      item["match"] = std::string(match_kind_name(r.match));
      item["score"] = r.score;
      item["key"] = r.key;
      item["reason"] = r.reason;
      item["runner_up"] = candidate_json(runner);
      nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
      for (const auto& c : r.candidates)
        candidates.push_back(candidate_json(&c));
      item["candidates"] = candidates;
      if (!names.firms.empty()) item["firms"] = firms_of(line);
      out.push_back(item);
      csv += detail::csv_field(line) + "," + detail::csv_field(r.id) + "," +
             detail::csv_field(r.name) + "," + std::string(match_kind_name(r.match)) + "," +
             std::to_string(r.score) + "," + detail::csv_field(runner ? runner->id : "") + "," +
             (runner ? std::to_string(runner->score) : "") + "," + detail::csv_field(r.reason) +
             "\n";
      table += line + "  ->  " + (found ? r.name + " [" + r.id + "]" : "(unmatched)") + "  " +
               std::string(match_kind_name(r.match)) + " " + std::to_string(r.score).substr(0, 5) +
               "  " + r.reason + "\n";
    }
    if (!options->review.empty())
      write_file_atomic(options->review, write_review_csv(review, normalize_options.candidates));
    switch (options->format) {
      case Format::json:
        emit(out.dump(2) + "\n", options->output);
        break;
      case Format::csv:
        emit(csv, options->output);
        break;
      case Format::table:
        emit(table, options->output);
        break;
    }
  });
}

}  // namespace materia::cli
