// materia normalize --taxonomy NAME [FILE|-]: one name per line in, one resolution per name out.
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/csv.hpp"
#include "materia/error.hpp"
#include "materia/io.hpp"
#include "materia/normalize.hpp"
#include "materia/text.hpp"

namespace materia::cli {

void add_normalize_command(CLI::App& app) {
  struct Options {
    std::string file = "-", taxonomy = "fintech-2024", output;
    Format format = Format::json;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("normalize", "Resolve issue names to a taxonomy");
  command->add_option("file", options->file, "One name per line; - for standard input (default)");
  command->add_option("--taxonomy", options->taxonomy,
                      "A built-in taxonomy or a taxonomy JSON file");
  command->add_option("-o,--output", options->output, "Write to this file instead of stdout");
  command->add_option("--format", options->format, "Output format: json (default), csv or table")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, Format>{
              {"table", Format::table}, {"json", Format::json}, {"csv", Format::csv}},
          CLI::ignore_case));
  command->callback([options] {
    Taxonomy taxonomy =
        options->taxonomy.find('/') != std::string::npos || options->taxonomy.ends_with(".json")
            ? Taxonomy::from_json_text(read_file(options->taxonomy), options->taxonomy)
            : Taxonomy::builtin(options->taxonomy);
    Normalizer normalizer(taxonomy);
    std::string text = read_file(options->file);
    std::string source = options->file == "-" ? "<stdin>" : options->file;
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    std::string csv = "input,id,name,match,score\n", table;
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
      Resolution r;
      try {
        r = normalizer.resolve(line);
      } catch (const Error& e) {
        throw Error(e.kind(), e.message(), {source + ":" + std::to_string(line_number), "", line});
      }
      std::string id, name;
      if (r.issue >= 0) {
        id = taxonomy.issues[static_cast<std::size_t>(r.issue)].id;
        name = taxonomy.issues[static_cast<std::size_t>(r.issue)].display_name();
      }
      nlohmann::ordered_json item;
      item["input"] = line;
      item["id"] = r.issue >= 0 ? nlohmann::ordered_json(id) : nlohmann::ordered_json(nullptr);
      item["name"] = r.issue >= 0 ? nlohmann::ordered_json(name) : nlohmann::ordered_json(nullptr);
      item["match"] = std::string(match_kind_name(r.match));
      item["score"] = r.score;
      item["reason"] = r.reason;
      out.push_back(item);
      csv += detail::csv_field(line) + "," + detail::csv_field(id) + "," + detail::csv_field(name) +
             "," + std::string(match_kind_name(r.match)) + "," + std::to_string(r.score) + "\n";
      table += line + "  ->  " + (r.issue >= 0 ? name + " [" + id + "]" : "(unmatched)") + "  " +
               std::string(match_kind_name(r.match)) + "\n";
    }
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
